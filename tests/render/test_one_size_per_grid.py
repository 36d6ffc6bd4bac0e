"""A grid's numbers at one size, its widest's: sized each by its own width, a grid's -0.44 was drawn at 20 px
beside its 0.22 at 25 (the Backward tab's dY, lecture mode at 1024x768)."""

import numpy as np
import pytest

from convviz.core import trace
from convviz.render import scene_for
from convviz.render.layout import VALUE, VALUE_FIT, Board, CellFormat, draw_cells
from convviz.render.prims import Text, text_em


def _sizes(prims) -> dict:
    return {p.text: p.size for p in prims if isinstance(p, Text)}


def test_draw_cells_sizes_every_number_by_the_formats_widest():
    values = np.array([[0.0, 2 / 9, 0.0], [0.0, 0.0, 2 / 9], [-4 / 9, 2 / 9, 0.0]])
    fmt = CellFormat(values)
    prims: list = []
    draw_cells(prims, 0, 0, 71.1, values, levels=(-0.5, 0.5), cmap="diverging", type_size=20, fmt=fmt)
    sizes = _sizes(prims)
    assert set(sizes) == {"0.00", "0.22", "-0.44"} and len(set(sizes.values())) == 1, sizes
    assert sizes["-0.44"] == pytest.approx(VALUE_FIT * 71.1 / text_em("-0.44"))  # the widest as large as before


def test_a_padded_boards_cells_share_the_real_cells_size():
    board = Board(np.array([[0.25, -0.5], [1.5, 0.0]]), ((1, 1), (1, 1)))
    prims: list = []
    board.draw(prims, 0, 0, 60, range(4), range(4), 20)
    assert len({p.size for p in prims if isinstance(p, Text)}) == 1


def test_short_numbers_keep_their_size_where_the_cell_allows():
    """Whole numbers of one digit are as large as the cell's share for them (VALUE), as before."""
    prims: list = []
    draw_cells(prims, 0, 0, 50, np.array([[1.0, 0.0]]), levels=(0, 1), cmap="gray", type_size=12,
               fmt=CellFormat(np.array([1.0, 0.0])))
    assert set(_sizes(prims).values()) == {VALUE * 50}


def test_a_scenes_kernel_grid_prints_at_one_size():
    x = np.arange(25.0).reshape(5, 5) % 3
    kernel = np.array([[0.0, 2 / 9, 0.0], [0.0, 0.0, 2 / 9], [-4 / 9, 2 / 9, 0.0]])
    scene = scene_for(trace(x, kernel), (1000, 440), min_type=20)
    sizes = _sizes(scene.frame(0).prims)
    assert sizes["-0.44"] == sizes["0.22"] == sizes["0.00"], sizes
