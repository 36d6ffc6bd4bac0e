"""Pooling's region geometry: the pooled outputs a change of the map reaches (the receptive
field's arithmetic, beside the convolution's in test_conv_regions.py)."""

import importlib
from unittest import mock

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from convviz.core.pool import pool, pooled_box

from .strategies import arrays

pool_module = importlib.import_module("convviz.core.pool")  # the module (convviz.core.pool is the function)


@st.composite
def map_and_box(draw, max_n=20):
    h, w = draw(st.integers(1, max_n)), draw(st.integers(1, max_n))
    r0, c0 = draw(st.integers(0, h - 1)), draw(st.integers(0, w - 1))
    r1, c1 = draw(st.integers(r0, h - 1)), draw(st.integers(c0, w - 1))
    return draw(arrays((h, w))), (r0, r1, c0, c1)


@st.composite
def pooling_of_map_and_box(draw):
    """(map, box, kind, size, stride and padding keywords); 'valid' windows fit the map."""
    x, box = draw(map_and_box())
    kind, padding = draw(st.sampled_from(["max", "avg"])), draw(st.sampled_from(["valid", "same"]))
    size = draw(st.integers(1, min(5, *x.shape) if padding == "valid" else 5))
    return x, box, kind, size, dict(stride=draw(st.integers(1, 4) | st.none()), padding=padding)


@settings(max_examples=300, deadline=None)
@given(pooling_of_map_and_box())
def test_pooled_box_is_exactly_the_outputs_a_change_reaches(case):
    x, box, _, size, kw = case
    changed = x.copy()
    changed[box[0]: box[1] + 1, box[2]: box[3] + 1] = np.inf  # any window that sees it becomes inf
    reached = np.isinf(pool(changed, "max", size, **kw))
    out_box = pooled_box(x.shape, size, box, **kw)
    expected = np.zeros_like(reached)
    if out_box is not None:
        expected[out_box[0]: out_box[1] + 1, out_box[2]: out_box[3] + 1] = True
    np.testing.assert_array_equal(reached, expected)


@pytest.mark.parametrize("kind", ["max", "avg"])
@given(h=st.integers(1, 40), w=st.integers(1, 12), c=st.integers(1, 3), size=st.integers(1, 4),
       stride=st.integers(1, 4), padding=st.sampled_from(["valid", "same"]),
       band_bytes=st.sampled_from([1, 100, 1000]), data=st.data())
def test_banded_pooling_equals_the_window_by_window_fold(kind, h, w, c, size, stride, padding, band_bytes, data):
    """Pooling folds rows, then columns, in bands of output rows: a maximum comes out exactly as
    the k² taps folded in turn give it, an average within rounding, whatever the band's size."""
    assume(padding == "same" or size <= min(h, w))
    x = data.draw(hnp.arrays(np.float64, (h, w, c), elements=st.floats(-8, 8, allow_nan=False)))
    g = pool_module.pool_geometry((h, w), size, stride=stride, padding=padding)
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x, (*g.pads, (0, 0)), constant_values=fill)
    ufunc = np.maximum if kind == "max" else np.add
    expect = pool_module._reduce_windows(xp, g, ufunc, np.empty(g.out_shape + (c,)))
    if kind == "avg":
        ones = np.pad(np.ones((h, w, 1)), (*g.pads, (0, 0)))
        expect /= pool_module._reduce_windows(ones, g, np.add, np.empty(g.out_shape + (1,)))
    with mock.patch.object(pool_module, "BAND_BYTES", band_bytes):
        ours = pool_module.pool(x, kind, size, stride=stride, padding=padding)
    if kind == "max":
        np.testing.assert_array_equal(ours, expect)
    else:
        np.testing.assert_allclose(ours, expect, rtol=1e-12, atol=1e-12)


@given(h=st.integers(1, 30), w=st.integers(1, 30), step=st.integers(1, 9), nan=st.booleans(), data=st.data())
def test_a_maps_extremes_from_its_block_extremes_are_its_own(h, w, step, nan, data):
    """The window takes a map's extremes from its thumbnail's block extremes and the cells whole
    blocks leave out: exactly x.min() and x.max(), NaN included."""
    x = data.draw(hnp.arrays(np.float64, (h, w), elements=st.floats(-1e6, 1e6, allow_nan=False)))
    if nan:
        x[data.draw(st.integers(0, h - 1)), data.draw(st.integers(0, w - 1))] = np.nan
    low, high = pool_module.block_extremes(x, step)
    lo, hi = pool_module.extremes_with_blocks(x, low, high, step)
    np.testing.assert_array_equal([lo, hi], [x.min(), x.max()])
