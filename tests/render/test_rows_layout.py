"""The step scene's "rows" arrangement (input and output side by side, the kernel and its products under
them): a compare pane too narrow for three columns of a small example shows every cell of both maps instead
of a neighbourhood and thumbnails, where lecture type cannot be had either way; a pane with room keeps
input | kernel | output left to right; in any arrangement the four grids never overlap and stay inside the
pane."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

from convviz.model.pipeline import step_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for, share_layout
from convviz.render.prims import Rect, Text

from .test_narrow_panes import extent

LECTURE_TYPE = 20.0
X3 = np.arange(1, 10, dtype=float).reshape(3, 3)
K2 = np.ones((2, 2))
X5 = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0.0]])
K3 = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1.0]])


def _panes(x, k, settings, size):
    """The panes of a compare, laid out together as the step view lays them out."""
    scenes = [scene_for(step_trace(x, [k], [0.0], s, "conv", 0), size, title=s.padding, min_type=LECTURE_TYPE)
              for s in settings]
    share_layout(scenes, [size] * len(scenes), LECTURE_TYPE)
    return scenes


def _grids(scene) -> dict[str, tuple[float, float, float, float]]:
    """(left, top, right, bottom) of the input, kernel, products and output grids as drawn."""
    c = scene.cell
    kh, kw = scene.kernel.shape[:2]
    boxes = {"input": (*scene.in_xy, scene.in_view[1], scene.in_view[0]),
             "kernel": (*scene.kernel_xy, kw, kh), "products": (*scene.products_xy, kw, kh),
             "output": (*scene.out_xy, scene.out_view[1], scene.out_view[0])}
    return {name: (x, y, x + cols * c, y + rows * c) for name, (x, y, cols, rows) in boxes.items()}


def _apart(a, b) -> bool:
    return a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5


@pytest.mark.parametrize("size", [(418, 649), (332, 585)], ids=["1280x800", "1024x768"])
def test_valid_same_full_of_a_3x3_input_show_every_cell_in_every_pane(size):
    """valid | same | full of the 3x3 example in lecture mode: the 'full' pane showed two of the padded
    input's five columns and one of the output's four, beside thumbnails of both."""
    scenes = _panes(X3, K2, [OpSettings(padding=p) for p in ("valid", "same", "full")], size)
    for scene in scenes:
        assert scene.layout_config == "rows"
        assert scene.in_view == scene.input.shape and scene.out_view == scene.out.shape[:2]
        assert scene.overview_box is None and scene.out_overview_box is None
        grids = _grids(scene)
        assert grids["products"][0] > grids["kernel"][2]  # beside the kernel, the arrow between
        assert grids["kernel"][1] >= max(grids["input"][3], grids["output"][3])  # under both maps
    assert len({round(s.cell, 3) for s in scenes}) == 1  # one cell size across the compare
    # The cells' numbers as large as the narrowest pane allows: 16.9 px at 1280x800 (20 px labels).
    assert min(s.value_type for s in scenes) >= (16.9 if size[0] > 400 else 13.6)


def test_a_pane_whose_maps_fit_left_to_right_keeps_that_order():
    """stride 1 | stride 2 of the 5x5 example at 1280x800: the rows gave larger cells, but the sum is read
    input, kernel, output, and both maps are whole either way."""
    scenes = _panes(X5, K3, [OpSettings(stride=s) for s in (1, 2)], (628, 649))
    for scene in scenes:
        assert scene.layout_config != "rows"
        assert scene.in_view == scene.input.shape and scene.out_view == scene.out.shape[:2]


def test_lecture_type_comes_before_whole_maps():
    """valid | same | full of the lecture's 5x5 example at 1280x800: 'valid' would fit whole in rows with
    its numbers at 19 px; lecture mode's 20 px wins, and the pane keeps its neighbourhood and thumbnails."""
    valid, same, full = _panes(X5, K3, [OpSettings(padding=p) for p in ("valid", "same", "full")], (418, 649))
    for scene in (valid, same, full):
        assert scene.layout_config != "rows" and scene.cropped and scene.value_type >= LECTURE_TYPE
        texts = [p for p in scene.frame(0, reveal=True).prims if isinstance(p, Text)]
        assert min(p.size for p in texts) >= LECTURE_TYPE - 0.01


def _text_inside(prim, width) -> bool:
    left, right = extent(prim)
    return -1 <= left and right <= width + 1


@given(h=st.integers(1, 7), w=st.integers(1, 7), k=st.integers(1, 3),
       padding=st.sampled_from(["valid", "same", "full"]), stride=st.integers(1, 2),
       width=st.integers(260, 700), height=st.integers(380, 700), min_type=st.sampled_from([12.0, LECTURE_TYPE]))
def test_the_grids_never_overlap_and_stay_inside_the_pane(h, w, k, padding, stride, width, height, min_type):
    x = np.arange(h * w, dtype=float).reshape(h, w) % 5
    if padding == "valid" and (k > h or k > w):
        return
    trace = step_trace(x, [np.ones((k, k))], [0.0], OpSettings(padding=padding, stride=stride), "conv", 0)
    scene = scene_for(trace, (width, height), title=padding, min_type=min_type)
    grids = _grids(scene)
    names = list(grids)
    for i, a in enumerate(names):
        left, top, right, bottom = grids[a]
        assert -1 <= left and right <= width + 1 and top >= 0 and bottom <= scene.footer_y + 1, (a, scene.layout_config)
        for b in names[i + 1:]:
            assert _apart(grids[a], grids[b]), (a, b, scene.layout_config)
    if scene.layout_config == "rows":
        for prim in scene.frame(0, reveal=True).prims:
            if isinstance(prim, Text):
                assert _text_inside(prim, width), prim
            elif isinstance(prim, Rect) and prim.w < width:
                assert -1 <= prim.x and prim.x + prim.w <= width + 1, prim
