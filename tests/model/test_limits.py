"""The memory budget in the model (issue 18, item 2): the size arithmetic every caller shares, and
the document refusing a change over the budget (or beyond the explorer's ranges) before it
changes anything; non-finite results found from the maps' extremes."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from convviz.model.document import Document
from convviz.model.limits import BudgetError, memory_budget, nonfinite_problem, pipeline_bytes, pipeline_problem
from convviz.model.pipeline import OpSettings, run_pipeline


@pytest.mark.parametrize("x_shape,k_shape,filters,options", [
    ((512, 512), (15, 15), 16, dict(padding="full", dilation=8)),
    ((512, 512, 3), (15, 15, 3), 16, dict(padding="same", dilation=4)),
    ((512, 512), (15, 15), 4, dict(padding="full", boundary="reflect")),
    ((1024, 1024), (63, 63), 1, dict(padding="same")),
    ((512, 512), (3, 3), 8, dict(pool="avg")),
    ((512, 512), (3, 3), 8, dict(activation="relu", pool="max", pool_size=40, pool_padding="same", pool_stride=1)),
])
def test_the_estimate_is_what_the_pipeline_really_allocates(x_shape, k_shape, filters, options):
    """Against numpy's own allocations (tracemalloc): within a factor of two either way
    (0.8 to 1.2 measured), so 'would take 12 GB' is a size the pipeline would really reach."""
    rng = np.random.default_rng(0)
    x = rng.random(x_shape)
    kernels = [rng.random(k_shape) for _ in range(filters)]
    settings = OpSettings(**options).validate()
    tracemalloc.start()
    try:
        result = run_pipeline(x, kernels, [0.0] * filters, settings)
        _ = [result.activated[i] for i in range(filters)], list(result.pooled)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert 0.5 <= peak / pipeline_bytes(x_shape, k_shape, filters, settings) <= 2


def test_settings_that_do_not_fit_cost_nothing():
    assert pipeline_bytes((4, 4), (5, 5), 1, OpSettings()) == 0  # 'valid' with a kernel larger than the input


@pytest.mark.parametrize("options,named", [
    (dict(dilation=300, padding="full"), "dilation 300 would take"),
    (dict(padding="explicit", explicit_pad=(5000, 5000, 0, 0)), "explicit padding 5000/5000/0/0 would take"),
    (dict(pool="avg", pool_size=20000, pool_padding="same"),
     "avg pooling of size 20000 (stride 20000) with 'same' padding"),
])
def test_the_problem_names_the_setting_that_makes_it_large(options, named):
    message = pipeline_problem((64, 64), (3, 3), 1, OpSettings(**options), 2**20)
    assert named in message and "over the 1.0 MB memory budget" in message and "\n" not in message


def test_a_large_input_is_named_when_no_setting_is_to_blame():
    message = pipeline_problem((4096, 4096), (3, 3), 16, OpSettings(), 2**30)
    assert message.startswith("a 4096x4096 input with 16 filter(s) of 3x3 would take 2.4 GB")


def test_within_the_budget_there_is_no_problem():
    assert pipeline_problem((64, 64), (3, 3), 1, OpSettings(padding="same"), 2**30) is None


@pytest.mark.parametrize("text,expected", [("512M", 512 * 2**20), ("4G", 4 * 2**30), ("1000", 1000),
                                           ("2gb", 2 * 2**30)])
def test_the_budget_is_read_from_the_environment(monkeypatch, text, expected):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", text)
    assert memory_budget() == expected


@pytest.mark.parametrize("text", ["lots", "-1G", "nan", "0"])
def test_a_bad_budget_is_an_error_or_the_default(monkeypatch, text):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", text)
    with pytest.raises(BudgetError, match="CONVVIZ_MEMORY_BUDGET"):
        memory_budget()
    assert memory_budget(strict=False) == 2 * 2**30


# ---------------------------------------------------------------- the document

@pytest.fixture
def document(monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "1M")  # the lecture example takes a few hundred bytes
    return Document()


def test_a_setting_over_the_budget_changes_nothing(document):
    document.set_input(np.ones((160, 160)))
    before, seen = document.settings, []
    document.events.settings.connect(seen.append)
    with pytest.raises(BudgetError, match="dilation 8 would take .* over the 1.0 MB memory budget"):
        document.set_settings(padding="full", dilation=8)
    assert document.settings == before and seen == []


def test_an_input_over_the_budget_changes_nothing(document):
    before = document.input.copy()
    with pytest.raises(BudgetError, match="a 400x400 input with 1 filter"):
        document.set_input(np.ones((400, 400)))
    np.testing.assert_array_equal(document.input, before)


def test_filters_and_kernel_sizes_over_the_budget_change_nothing(document):
    document.set_input(np.ones((120, 120)))  # 'same': 14,400 outputs a filter, 115 KB each
    document.set_settings(padding="same")
    with pytest.raises(BudgetError, match="with 16 filter"):
        document.set_kernels([np.ones((3, 3))] * 16)
    while len(document.kernels) < 6:
        document.add_filter()
    with pytest.raises(BudgetError, match="with 7 filter"):
        document.add_filter()
    assert len(document.kernels) == 6
    with pytest.raises(BudgetError, match="'full' padding"):
        document.set_settings(padding="full")
    with pytest.raises(BudgetError, match="'same' padding would take 1.1 MB"):
        document.resize_kernels(15, 15)
    assert document.kernels[0].shape == (3, 3) and document.settings.padding == "same"


def test_a_document_budget_of_its_own(document):
    document.memory_budget = 10**12
    document.set_input(np.ones((400, 400)))  # over the environment's 1 MB, within its own budget
    assert document.input.shape == (400, 400)


def test_restore_checks_the_budget_before_anything_changes(document):
    big = Document()
    big.memory_budget = 10**12
    big.set_input(np.ones((300, 300)))
    state, before = big.state(), document.input.copy()
    with pytest.raises(BudgetError):
        document.restore(state)
    np.testing.assert_array_equal(document.input, before)


@pytest.mark.parametrize("change", [dict(dilation=9), dict(stride=17), dict(pool_size=17),
                                    dict(padding="explicit", explicit_pad=(65, 0, 0, 0))])
def test_settings_beyond_the_explorers_ranges_are_refused(change):
    document = Document()
    with pytest.raises(ValueError, match="out of the explorer's range"):
        document.set_settings(**change)
    assert document.settings == OpSettings()


# ---------------------------------------------------------- non-finite results

def test_non_finite_results_are_found_from_the_extremes():
    with np.errstate(over="ignore", invalid="ignore"):
        result = run_pipeline(np.full((6, 6), 1e308), [np.ones((3, 3))], [0.0], OpSettings(pool="max"))
    assert np.isinf(result.activated[0]).all()
    assert "infinite or NaN" in nonfinite_problem(list(result.extrema) + list(result.pooled_extrema))
    fine = run_pipeline(np.ones((6, 6)), [np.ones((3, 3))], [0.0], OpSettings())
    assert nonfinite_problem(fine.extrema) is None
    assert nonfinite_problem([(0.0, float("nan"))])


def test_an_average_pooling_that_would_run_for_minutes_is_refused():
    """Average pooling sums its windows cell by cell: 4000x4000 windows at stride 1 over a 4096x4096
    map would add up 2.7e14 values (days); the memory it takes is small."""
    settings = OpSettings(pool="avg", pool_size=4000, pool_stride=1, pool_padding="same")
    assert pipeline_bytes((4096, 4096), (3, 3), 1, settings) < 2**31
    message = pipeline_problem((4096, 4096), (3, 3), 1, settings, 2**31)
    assert message.startswith("avg pooling of size 4000 (stride 1) with 'same' padding would add up 2.7e+14 values")
    assert pipeline_problem((4096, 4096), (3, 3), 1, OpSettings(pool="avg", pool_size=64), 2**31) is None


def test_a_pool_that_does_not_fit_still_counts_the_convolution_before_it():
    """Found by hypothesis: a 9x9 pool on a 6x7 map cannot be taken, but the convolution runs (and
    allocates) first: a dilation of 16378 under 'same' reflect padding asked numpy for 40 GB
    instead of being refused."""
    from convviz.model.limits import pipeline_bytes, pipeline_problem

    s = OpSettings(dilation=16378, padding="same", boundary="reflect", pool="max", pool_size=3558)
    assert pipeline_bytes((6, 7, 3), (3, 3), 1, s) > 30 * 2**30
    assert pipeline_problem((6, 7, 3), (3, 3), 1, s).startswith("dilation 16378 would take")
