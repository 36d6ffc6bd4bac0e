"""An RGB input's step scene: the input grid shows each cell's channel mean with the digits it needs."""

import numpy as np

from convviz.core import trace
from convviz.render import scene_for
from convviz.render.prims import Text


def test_the_channel_mean_is_not_rounded_to_the_channels_integer_format():
    x = np.zeros((4, 4, 3))
    x[0, 0] = (1, 0, 1)  # magenta: mean 0.6667
    x[0, 1] = (0, 0, 1)  # blue: mean 0.3333
    scene = scene_for(trace(x, np.ones((2, 2, 3))), (1280, 720))
    texts = [p.text for p in scene.frame(0).prims if isinstance(p, Text)]
    grid = texts[texts.index("input · channel mean") + 1: texts.index("output")]
    assert grid[:2] == ["0.67", "0.33"]  # they read 1 and 0 in the channels' integer format
    assert len(grid) == 16 and "1" not in grid
