"""A compare pane too narrow for lecture type (three panes at 1024x768): nothing runs off the pane, and
the smallest text on it is the best the pane allows, labels shrinking with the cells' numbers."""

import numpy as np
import pytest

from convviz.model.pipeline import step_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for
from convviz.render.prims import Rect, Text, text_width

LECTURE_TYPE = 20.0
X = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0.0]])
K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1.0]])


def extent(prim) -> tuple[float, float]:
    if isinstance(prim, Text):
        w = text_width(prim.text, prim.size)
        left = {"l": prim.x, "m": prim.x - w / 2, "r": prim.x - w}[prim.anchor[0]]
        return left, left + w
    return prim.x, prim.x + prim.w


@pytest.mark.parametrize("padding", ["valid", "same", "full"])
@pytest.mark.parametrize("size", [(332, 585), (420, 640), (300, 420)])
def test_every_prim_stays_inside_a_narrow_lecture_pane(padding, size):
    trace = step_trace(X, [K], [0.0], OpSettings(padding=padding), "conv", 0)
    scene = scene_for(trace, size, title=padding, min_type=LECTURE_TYPE)
    for step in (0, len(trace) // 2, len(trace) - 1):
        for prim in scene.frame(step, reveal=True).prims:
            if isinstance(prim, (Text, Rect)):
                left, right = extent(prim)
                assert -1 <= left and right <= size[0] + 1, (prim, size)


def test_a_narrow_pane_trades_label_size_for_readable_cells():
    """The 'full' pane of valid | same | full at 1024x768 in lecture mode: 20 px labels left the cells'
    numbers at about 10 px; smaller labels let the cells read at 14 px or more."""
    trace = step_trace(X, [K], [0.0], OpSettings(padding="full"), "conv", 0)
    scene = scene_for(trace, (332, 585), title="full", min_type=LECTURE_TYPE)
    assert scene.value_type >= 14
    assert scene.type < LECTURE_TYPE  # the labels gave up some size to the cells' numbers
    wide = scene_for(trace, (1240, 640), title="full", min_type=LECTURE_TYPE)
    assert wide.type >= LECTURE_TYPE and wide.value_type >= LECTURE_TYPE  # a pane with room keeps lecture type


@pytest.mark.parametrize("size", [(628, 649), (500, 585), (418, 649)])
def test_the_convolve_panes_kernel_label_is_never_elided(size):
    """'kernel (flipped 180°)' over a 3x3 kernel read '… 180°)' in the correlate | convolve compare:
    two lines were too few at that width, and the middle went."""
    trace = step_trace(X, [K], [0.0], OpSettings(op="convolve"), "conv", 0)
    scene = scene_for(trace, size, title="convolve", min_type=LECTURE_TYPE)
    texts = [p.text for p in scene.frame(0, reveal=True).prims if isinstance(p, Text)]
    assert not [t for t in texts if "…" in t and not t.startswith("out[")]
    assert "180°)" in " ".join(texts) and "(flipped" in " ".join(texts)


def test_a_named_grids_overview_says_its_name_not_whole_input():
    """The Backward tab's dX steps read "whole input 3×3" under a thumbnail of dY."""
    dy = np.ones((3, 3))
    trace = step_trace(dy, [K], [0.0], OpSettings(padding="full", op="convolve"), "conv", 0)
    scene = scene_for(trace, (332, 585), title="dX", min_type=LECTURE_TYPE,
                      labels={"input": "dY (padded)", "kernel": "W (flipped 180°)", "output": "dX"})
    texts = [p.text for p in scene.frame(0, reveal=True).prims if isinstance(p, Text)]
    assert scene.overview_box is not None
    assert "dY 3×3" in texts and not [t for t in texts if "whole input" in t]


def test_a_cropped_output_has_an_overview_that_fills_with_the_steps():
    """Three panes at 1280x800 in lecture mode show one column of the output at a time (tester: "students
    never see the output map fill up"): the whole map stands under it, filled through the current step."""
    from convviz.render.conv_scene import TO_COME
    from convviz.render.prims import Picture

    trace = step_trace(X, [K], [0.0], OpSettings(padding="same"), "conv", 0)
    scene = scene_for(trace, (418, 649), title="same", min_type=LECTURE_TYPE)
    assert scene.out_view != scene.out.shape[:2] and scene.out_overview_box is not None
    x, y, w, h = scene.out_overview_box
    for i in (0, 12, 24):
        pictures = [p for p in scene.frame(i, reveal=True).prims if isinstance(p, Picture) and p.x == x and p.y == y]
        assert len(pictures) == 1
        to_come = np.all(pictures[0].rgb == TO_COME, axis=-1)
        assert to_come.sum() == 25 - (i + 1)  # row-major: the steps so far and this one are filled
        texts = [p.text for p in scene.frame(i, reveal=True).prims if isinstance(p, Text)]
        assert "output 5×5" in texts or "5×5" in texts  # its caption, on one line or two


def test_the_output_overview_is_shown_readably_when_the_output_column_is_full():
    """The 'full' pane at 1280x800 in lecture mode: seven output rows leave no room under them, and under the
    kernel only a 44 px thumbnail fitted; fewer output rows in view make room for a readable one."""
    from convviz.render.conv_scene import OVERVIEW_MIN

    trace = step_trace(X, [K], [0.0], OpSettings(padding="full"), "conv", 0)
    scene = scene_for(trace, (418, 649), title="full", min_type=LECTURE_TYPE)
    assert scene.out_view != scene.out.shape[:2]
    box = scene.out_overview_box
    # In the kernel's column or the output's (moved left at most half a margin to stay inside the pane).
    assert box is not None
    assert any(0 <= col - box[0] <= 0.5 * scene.margin + 1e-6 for col in (scene.mid_x, scene.out_xy[0]))
    assert min(box[2], box[3]) >= OVERVIEW_MIN * scene.type
    assert box[1] >= scene.out_xy[1] + scene.out_view[0] * scene.cell  # under the output's view, not over it


@pytest.mark.parametrize("width", [300, 340, 418])
def test_a_label_stands_just_over_its_own_grid_in_level_panes(width):
    """correlate | convolve in lecture mode: level with the convolve pane's three-line "kernel (flipped 180°)",
    its one-line "input" and "output" sat about 50 px over their grids (the correlate pane's 13)."""
    from convviz.render import align_grids

    scenes = [scene_for(step_trace(X, [K], [0.0], OpSettings(op=op), "conv", 0), (width, 649), title=op,
                        min_type=LECTURE_TYPE) for op in ("correlate", "convolve")]
    align_grids(scenes, [(width, 649)] * 2, LECTURE_TYPE)
    assert abs(scenes[0].grid_top - scenes[1].grid_top) < 0.5
    for scene in scenes:
        t = scene.label_size
        lines = {}
        for p in scene.frame(0, reveal=True).prims:  # the top one of each word (an overview's caption is lower)
            if isinstance(p, Text):
                lines[p.text] = min(p.y, lines.get(p.text, p.y))
        for word in ("input", "output"):
            # A one-line label's centre half a line (1.25 t / 2) over its grid's top.
            assert scene.grid_top - lines[word] == pytest.approx(0.625 * t, abs=1.0), (scene.title, word)
