"""The lazy trace: O(kernel) per step, and every total equals the fast path."""

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from convviz.core import avg_pool, convolve, correlate, max_pool, pool_trace, trace
from convviz.core.padding import boundary_source

from .strategies import image_and_kernel, settings_space, signal_and_kernel, tolerance


@given(data=image_and_kernel(max_n=10, max_k=4), **settings_space)
def test_trace_totals_equal_fast_path_2d(data, padding, same, stride, dilation, boundary, op):
    x, k = data
    kwargs = dict(padding=padding, same=same, stride=stride, dilation=dilation, boundary=boundary)
    fn = correlate if op == "correlate" else convolve
    try:
        out = fn(x, k, method="direct", **kwargs)
    except ValueError:
        assume(False)
    steps = trace(x, k, op=op, **kwargs)
    assert len(steps) == out.size
    for step in steps:
        assert step.total == pytest.approx(out[step.out_index], abs=tolerance(x, k))
        assert step.products.shape == k.shape


@given(data=image_and_kernel(dtype=np.int64, max_n=10, max_k=4), **settings_space)
def test_trace_totals_equal_fast_path_exactly_for_integers(data, padding, same, stride, dilation, boundary, op):
    x, k = data
    kwargs = dict(padding=padding, same=same, stride=stride, dilation=dilation, boundary=boundary)
    fn = correlate if op == "correlate" else convolve
    try:
        out = fn(x, k, **kwargs)
    except ValueError:
        assume(False)
    steps = trace(x, k, op=op, **kwargs)
    assert [s.total for s in steps] == [out[s.out_index] for s in steps]


@given(data=signal_and_kernel(dtype=np.int64), padding=st.sampled_from(["valid", "same", "full"]),
       same=st.sampled_from(["tensorflow", "centered"]), stride=st.integers(1, 3))
def test_trace_totals_1d_integers(data, padding, same, stride):
    x, k = data
    assume(padding != "valid" or len(k) <= len(x))
    out = convolve(x, k, padding=padding, same=same, stride=stride)
    steps = trace(x, k, op="convolve", padding=padding, same=same, stride=stride)
    assert [int(s.total) for s in steps] == out.tolist()


@given(data=image_and_kernel(channels=2, filters=3, max_n=8, max_k=3))
def test_trace_bank_and_channels(data):
    x, k = data
    assume(k.shape[0] <= x.shape[0] and k.shape[1] <= x.shape[1])
    out = correlate(x, k, bias=[1.0, 2.0, -3.0])
    steps = trace(x, k, bias=[1.0, 2.0, -3.0])
    assert len(steps) == out.size
    for step in steps:
        assert step.values.shape == k.shape[:3]
        np.testing.assert_allclose(step.total, out[step.out_index], atol=tolerance(x, k))


def test_convolve_trace_shows_flipped_weights():
    step = trace([2, 8, 3, 7, 1, 2, 0, 4, 5], [2, 1, 5, 3], op="convolve")[0]
    np.testing.assert_array_equal(step.weights, [3, 5, 1, 2])
    assert step.expression() == "2×3 + 8×5 + 3×1 + 7×2 = 63"


def test_padded_taps_are_marked_with_boundary_values():
    x = np.arange(1, 10).reshape(3, 3)
    step = trace(x, np.ones((3, 3), int), padding=1, boundary="replicate")[0]
    assert step.padded.sum() == 5  # top row and left column of the first window
    np.testing.assert_array_equal(step.values, [[1, 1, 2], [1, 1, 2], [4, 4, 5]])
    zero = trace(x, np.ones((3, 3), int), padding=1)[0]
    np.testing.assert_array_equal(zero.values, [[0, 0, 0], [0, 1, 2], [0, 4, 5]])
    assert (zero.source[zero.padded] == -1).all()


def test_trace_of_huge_input_is_lazy():
    x = np.zeros((2048, 2048), dtype=np.float32)
    steps = trace(x, np.ones((3, 3), np.float32), padding="same")
    assert len(steps) == 2048 * 2048
    assert steps[-1].out_index == (2047, 2047)
    assert steps[-1].padded.sum() == 5
    assert steps.index_of((1000, 7)) == 1000 * 2048 + 7


def test_index_of_inverts_out_index():
    steps = trace(np.ones((6, 5)), np.ones((2, 2, 1, 3)), padding="same", stride=2)
    for i in range(len(steps)):
        assert steps.index_of(steps[i].out_index) == i


def test_trace_index_errors():
    steps = trace(np.ones(5), np.ones(2))
    assert steps[-1].index == 3
    with pytest.raises(IndexError):
        steps[4]


@given(i=st.integers(-30, 30), n=st.integers(1, 6),
       boundary=st.sampled_from(["reflect", "replicate", "circular"]))
def test_boundary_source_matches_numpy_pad(i, n, boundary):
    mode = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}[boundary]
    if mode == "reflect" and n == 1:
        mode = "edge"
    pad = 31
    padded = np.pad(np.arange(n), pad, mode=mode)
    assert boundary_source(i, n, boundary) == padded[i + pad]


@pytest.mark.parametrize("kind", ["max", "avg"])
@given(x=st.integers(1, 9).flatmap(lambda h: st.integers(1, 9).map(lambda w: (h, w))),
       size=st.integers(1, 3), stride=st.one_of(st.none(), st.integers(1, 3)),
       padding=st.sampled_from(["valid", "same"]), seed=st.integers(0, 100))
def test_pool_trace_matches_pooling(kind, x, size, stride, padding, seed):
    arr = np.random.default_rng(seed).integers(-5, 5, size=x)
    assume(padding == "same" or size <= min(x))
    fn = max_pool if kind == "max" else avg_pool
    out = fn(arr, size, stride=stride, padding=padding)
    steps = pool_trace(arr, kind, size, stride=stride, padding=padding)
    assert len(steps) == out.size
    for step in steps:
        assert step.total == out[step.out_index]
        if kind == "max":
            assert not step.padded[step.winner]
        else:
            assert step.divisor == (~step.padded).sum()


def test_pool_trace_same_excludes_padding(seed_cases):
    case = seed_cases["avgpool-same-excludes-padding"]
    steps = pool_trace(np.array(case["x"]), "avg", 2, padding="same")
    assert [s.divisor for s in steps] == [4, 2, 2, 1]
    assert steps[3].expression("avg") == "(9) / 1 = 9"
    assert pool_trace(np.array(case["x"]), "max", 2, padding="same")[0].expression("max") == "max(1, 2, 4, 5) = 5"


def test_expression_brackets_negative_weights():
    step = trace(np.array([1.5, 2.0]), np.array([-1, 2]))[0]
    assert step.expression() == "1.5×(-1) + 2×2 = 2.5"
