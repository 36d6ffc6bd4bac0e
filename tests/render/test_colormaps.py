"""The colour maps every view and exporter draws through."""

import numpy as np
import pytest
from hypothesis import given, settings as hsettings, strategies as st
from hypothesis.extra import numpy as hnp

from convviz.render import colormaps


@hsettings(max_examples=40, deadline=None)
@given(data=st.data(), n=st.integers(1, 11), h=st.integers(1, 6), w=st.integers(1, 6),
       columns=st.integers(1, 5), gap=st.integers(0, 3), name=st.sampled_from(["gray", "diverging"]))
def test_a_tile_is_each_map_coloured_alone_in_its_slot(data, n, h, w, columns, gap, name):
    """tile colours all the maps in one pass; each slot must hold exactly what apply gives that
    map alone, and the gaps the background."""
    values = st.floats(-1e3, 1e3, allow_nan=False, width=64)
    maps = [data.draw(hnp.arrays(np.float64, (h, w), elements=values)) for _ in range(n)]
    levels = (-2.5, 3.0)
    out = colormaps.tile(maps, levels, name, columns=columns, gap=gap, background=(7, 8, 9))
    rows = -(-n // columns)
    assert out.shape == (rows * (h + gap) - gap, columns * (w + gap) - gap, 3) and out.dtype == np.uint8
    filled = np.zeros(out.shape[:2], dtype=bool)
    for i, m in enumerate(maps):
        r, c = divmod(i, columns)
        slot = (slice(r * (h + gap), r * (h + gap) + h), slice(c * (w + gap), c * (w + gap) + w))
        np.testing.assert_array_equal(out[slot], colormaps.apply(m, levels, name))
        filled[slot] = True
    assert (out[~filled] == (7, 8, 9)).all()


@hsettings(max_examples=40, deadline=None)
@given(n=st.integers(1, 11), h=st.integers(1, 6), w=st.integers(1, 6), columns=st.integers(1, 5),
       gap=st.integers(0, 3))
def test_tile_slot_names_the_map_under_every_pixel(n, h, w, columns, gap):
    """tile_slot inverts tile's layout: each map's index on its own pixels, None on the gaps."""
    maps = [np.full((h, w), float(i)) for i in range(n)]
    out = colormaps.tile(maps, (0.0, max(n - 1, 1)), "gray", columns=columns, gap=gap, background=(7, 8, 9))
    marks = colormaps.tile([np.full((h, w), 1.0)] * n, (0.0, 1.0), "gray", columns=columns, gap=gap,
                           background=(0, 0, 0))
    for row in range(out.shape[0]):
        for col in range(out.shape[1]):
            k = colormaps.tile_slot((h, w), row, col, count=n, columns=columns, gap=gap)
            assert (k is not None) == bool(marks[row, col, 0])
            if k is not None:
                np.testing.assert_array_equal(out[row, col], colormaps.apply(maps[k][:1, :1], (0.0, max(n - 1, 1)),
                                                                             "gray")[0, 0])
    assert colormaps.tile_slot((h, w), -1, 0, count=n, columns=columns, gap=gap) is None


def test_values_beyond_float32_are_coloured_by_their_place_in_the_levels():
    """float64 inputs near the limit must not become inf and NaN in the float32 fast path."""
    import warnings

    from convviz.render.colormaps import indices
    from convviz.render.layout import cell_color

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = indices(np.array([[1e308, -1e308], [0.0, 5e307]]), (-1e308, 1e308))
        assert got.tolist() == [[255, 0], [127, 191]]
        assert cell_color(1e308, (-1e308, 1e308), "gray") == cell_color(1.0, (-1.0, 1.0), "gray")
        assert cell_color(float("inf"), (0.0, 1.0), "gray") == cell_color(1.0, (0.0, 1.0), "gray")
        assert cell_color(float("nan"), (0.0, 1.0), "gray") == cell_color(0.0, (0.0, 1.0), "gray")


@pytest.mark.filterwarnings("ignore:overflow encountered", "ignore:invalid value encountered")
@hsettings(max_examples=60, deadline=None)
@given(data=st.data(), lo=st.floats(-100, 100), span=st.floats(0, 100))
def test_indices_clip_to_the_table_and_put_nan_at_its_low_end(data, lo, span):
    """Each value's index is its place between the levels, 0..255, infinities clipped to the
    ends and NaN at the low end; equal levels put every value at 0."""
    values = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.floats(lo - span, lo + 2 * span)
    arr = data.draw(hnp.arrays(np.float64, data.draw(st.integers(1, 40)), elements=values))
    hi = lo + span
    scale = np.float32(255.0 / (hi - lo) if hi > lo else 0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        place = (arr - lo).astype(np.float32) * scale  # as indices does: the difference in float64, then float32
        expected = np.where(np.isnan(place), 0, np.clip(place, 0, 255)).astype(np.uint8)
    np.testing.assert_array_equal(colormaps.indices(arr, (lo, hi)), expected)
