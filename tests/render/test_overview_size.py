"""Zoomed in (larger type in the same pane), the output overview under the output or the kernel's column
shrank to a 38 px thumbnail, and could land on the input's overview: now it keeps a readable size or is
left out, and never covers the other overview."""

import numpy as np
import pytest

from convviz.model.pipeline import step_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for
from convviz.render.conv_scene import OVERVIEW_MIN

RNG = np.random.default_rng(3)
RGB = np.round(RNG.random((5, 5, 3)), 1)
K_RGB = np.stack([np.array([[1, 0, -1]] * 3, dtype=float)] * 3, axis=-1)
GREY = np.round(RNG.random((7, 7)), 1)
K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1.0]])
SIZES = [(w, h) for w in range(520, 861, 40) for h in range(420, 621, 40)]
TYPES = [12 * z for z in (1.0, 1.4, 1.8, 2.0)] + [20 * z for z in (1.0, 1.25, 1.4, 1.8, 2.0)]


def _overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.parametrize("x, kernel, settings", [(RGB, K_RGB, OpSettings()), (GREY, K, OpSettings(stride=2)),
                                                 (GREY, K, OpSettings(padding="same"))])
def test_the_output_overview_is_readable_or_left_out(x, kernel, settings):
    trace = step_trace(x, [kernel], [0.0], settings, "conv", 0)
    shown = 0
    for size in SIZES:
        for min_type in TYPES:
            scene = scene_for(trace, size, min_type=min_type)
            box = scene.out_overview_box
            if box is None:
                continue
            shown += 1
            assert min(box[2], box[3]) >= OVERVIEW_MIN * scene.type - 1e-6, (size, min_type, box, scene.type)
            if scene.overview_box is not None:
                assert not _overlap(box, scene.overview_box), (size, min_type, box, scene.overview_box)
    assert shown  # some panes still have room for it


PANE_X = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0.0]])


@pytest.mark.parametrize("padding", ["valid", "same", "full"])
def test_an_overview_lies_inside_its_pane(padding):
    """The compare panes at 1024x768 in lecture mode: the 'full' pane's output overview ended at the pane's
    right edge (its column took the right margin), its outline and current-cell marker cut by the gutter."""
    trace = step_trace(PANE_X, [K], [0.0], OpSettings(padding=padding), "conv", 0)
    shown = 0
    for width in range(240, 470, 20):
        for height in range(420, 720, 40):
            for min_type in (20, 28, 40):
                scene = scene_for(trace, (width, height), title=padding, min_type=min_type)
                for box in (scene.overview_box, scene.out_overview_box):
                    if box is None:
                        continue
                    shown += 1
                    x, y, w, h = box
                    # The marker's 2 px outline is centred on the box's edge: a pixel each side stays in the pane.
                    assert x >= 1 and x + w <= width - 1 and y + h <= height - 1, (width, height, min_type, box)
    assert shown
