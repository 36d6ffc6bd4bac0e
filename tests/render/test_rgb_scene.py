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


def test_a_sum_on_one_line_keeps_its_beginning_and_its_result():
    """Elided to one line, a sum kept only its end ("… 0] = 1×1 + … = 4"): what is summed was lost."""
    from convviz.render.prims import text_width, wrap

    text = "out[0, 0] = 1×1 + 1×0 + 1×1 + 0×0 + 1×1 + 1×0 + 0×1 + 0×0 + 1×1 = 4"
    for width in (300, 200):
        (line,) = wrap(text, 14, width, 1)
        assert line.startswith("out[0, 0] =") and line.endswith("= 4") and "…" in line
        assert text_width(line, 14) <= width
