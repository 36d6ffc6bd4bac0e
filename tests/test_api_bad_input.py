"""The Python API on bad input (issue 18, items 2 and 6): the memory budget is checked before
anything is allocated (a ValueError of one line), and results that overflow say so once."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import convviz
from convviz.api import NonFiniteWarning
from convviz.model.limits import BudgetError


@pytest.mark.parametrize("options,named", [
    (dict(padding=100_000), "explicit padding 100000/100000/100000/100000 would take 1.2 TB"),
    (dict(padding="same", dilation=100_000), "dilation 100000 would take"),
    (dict(pool="max", pool_size=100_000, pool_padding="same"),
     "max pooling of size 100000 (stride 100000) with 'same' padding"),
])
def test_explain_over_the_budget_is_one_line_before_allocating(options, named):
    with pytest.raises(BudgetError) as caught:
        convviz.explain(np.ones((16, 16)), "sobel_x", **options)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError) and "\n" not in message
    assert named in message and "over the 2.0 GB memory budget" in message


def test_explain_names_a_large_input(monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "64M")
    with pytest.raises(BudgetError, match="a 2048x2048 input with 4 filter"):
        convviz.explain(np.ones((2048, 2048)), np.ones((3, 3, 1, 4)))


def test_overflow_is_one_warning_and_the_arrays_say_so():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = convviz.explain(np.full((6, 6), 1e308), "sobel_x", pool="max")
    assert [w.category for w in caught] == [NonFiniteWarning]  # no numpy 'overflow encountered' besides
    assert "infinite or NaN" in str(caught[0].message) and "\n" not in str(caught[0].message)
    assert not np.isfinite(r.output).all()


def test_finite_results_give_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        convviz.explain(np.ones((6, 6)), "sobel_x", pool="max")


def test_an_animation_over_the_budget_is_refused_before_rendering(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "100M")
    r = convviz.explain(np.ones((5, 5)), "sobel_x")
    out = tmp_path / "a.gif"
    with pytest.raises(BudgetError, match=r"max_frames=9 at size=\(3840, 2160\) would take 178.0 MB"):
        r.save_animation(out, size=(3840, 2160), flip=False)
    assert not out.exists() and list(tmp_path.iterdir()) == []
    r.save_animation(tmp_path / "a", size=(3840, 2160), max_frames=2, flip=False)  # a folder holds one frame
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["step_00001.png", "step_00002.png"]


@pytest.mark.parametrize("scale", [0, 65, 2.5])
def test_a_sheet_scale_out_of_range_is_one_line(scale):
    with pytest.raises(ValueError, match="scale must be 1 to 64"):
        convviz.explain(np.ones((5, 5)), "sobel_x").sheet(scale=scale)


def test_a_sheet_over_the_budget_names_the_scale(monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "10M")
    r = convviz.explain(np.ones((64, 64)), "sobel_x")
    with pytest.raises(BudgetError, match="scale=64 would take"):
        r.sheet(scale=64)
    assert r.sheet(scale=2).size[0] > 0


def test_steps_of_results_that_overflow_are_one_clear_line(tmp_path):
    """They failed deep in the drawing with 'cannot convert float NaN to integer'."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonFiniteWarning)
        r = convviz.explain(np.full((5, 5), 1e308), "sobel_x")
    for draw in (lambda: r.step(0), lambda: r.save_animation(tmp_path / "a.gif")):
        with pytest.raises(ValueError, match="infinite or NaN.*scale them down to draw the steps"):
            draw()
    assert list(tmp_path.iterdir()) == []
