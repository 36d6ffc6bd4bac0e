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
