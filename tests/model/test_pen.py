"""The drawing pen: a stroke covers every cell of its path, with the pen's shape around each."""

import numpy as np
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from convviz.model.pen import pen_cells, pen_footprint


def as_set(rows, cols):
    return set(zip(rows.tolist(), cols.tolist()))


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 8])
def test_a_click_paints_the_pen_around_its_cell(size):
    """The footprint the canvas always had: a square for 1 and 2, a disc (cells whose centres lie
    within half a cell beyond the pen's radius) for larger pens, the clicked cell at its middle."""
    rows, cols = pen_cells((20, 30), (20, 30), size, (64, 64))
    r0 = 20 - (size - 1) // 2
    c0 = 30 - (size - 1) // 2
    centre = (size - 1) / 2
    want = {(r0 + i, c0 + j) for i in range(size) for j in range(size)
            if size <= 2 or (i - centre) ** 2 + (j - centre) ** 2 <= (centre + 0.5) ** 2}
    assert as_set(rows, cols) == want
    assert (20, 30) in want
    assert len(pen_footprint(size)[0]) == len(want)


@hsettings(max_examples=80, deadline=None)
@given(r0=st.integers(-5, 40), c0=st.integers(-5, 40), r1=st.integers(-5, 40), c1=st.integers(-5, 40))
def test_a_segment_leaves_no_gaps_and_stays_on_the_map(r0, c0, r1, c1):
    """A one-cell pen's segment: both ends, each cell once, every cell inside the map, and the
    cells form one 8-connected path whenever the whole segment lies on the map."""
    shape = (36, 36)
    rows, cols = pen_cells((r0, c0), (r1, c1), 1, shape)
    cells = as_set(rows, cols)
    assert len(cells) == len(rows)
    assert all(0 <= r < shape[0] and 0 <= c < shape[1] for r, c in cells)
    inside = [0 <= v < 36 for v in (r0, c0, r1, c1)]
    for (r, c), ok in (((r0, c0), inside[0] and inside[1]), ((r1, c1), inside[2] and inside[3])):
        assert ((r, c) in cells) == ok
    if all(inside):  # connected: a flood over 8-neighbours from one end reaches every cell
        seen, todo = {(r0, c0)}, [(r0, c0)]
        while todo:
            r, c = todo.pop()
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    n = (r + dr, c + dc)
                    if n in cells and n not in seen:
                        seen.add(n)
                        todo.append(n)
        assert seen == cells
        assert len(cells) == max(abs(r1 - r0), abs(c1 - c0)) + 1


def test_a_wide_pen_along_a_segment_is_the_union_of_its_clicks():
    rows, cols = pen_cells((3, 2), (9, 14), 3, (16, 16))
    line = pen_cells((3, 2), (9, 14), 1, (100, 100))
    union = set()
    for r, c in zip(*line):
        union |= as_set(*pen_cells((int(r), int(c)), (int(r), int(c)), 3, (16, 16)))
    assert as_set(rows, cols) == union
    np.testing.assert_array_equal(np.lexsort((cols, rows)), np.arange(len(rows)))  # row by row, once each
