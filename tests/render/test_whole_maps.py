"""Where every cell of the maps fits at the scene's minimum type, the step view shows them whole rather
than a neighbourhood at larger type: a 5x5 input in a 1000x900 Backward pane was cut to 5x4 at 25 px
(a helper measured it), and a 7x7 'same' input at the Steps tab's lecture size to 5 of its 9 rows."""

import numpy as np
import pytest

from convviz.model.pipeline import step_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for

LECTURE_TYPE = 20.0


@pytest.mark.parametrize("side, size", [(5, (1000, 900)), (7, (1000, 900)), (7, (1240, 640)), (6, (1000, 900))])
def test_maps_that_fit_at_lecture_type_are_whole(side, size):
    x = (np.arange(side * side).reshape(side, side) % 7) - 3.0
    trace = step_trace(x, [np.full((3, 3), 0.5)], [0.0], OpSettings(padding="same"), "conv", 0)
    scene = scene_for(trace, size, min_type=LECTURE_TYPE)
    assert scene.in_view == scene.input.shape and scene.out_view == scene.out.shape[:2]
    assert scene.value_type >= LECTURE_TYPE - 0.01 and scene.label_size >= LECTURE_TYPE - 0.01


def test_a_large_input_still_shows_a_neighbourhood_at_lecture_type():
    """Whole maps never at the price of the floor: 28x28 cannot be whole at 20 px in 1240x640."""
    x = np.random.default_rng(0).random((28, 28))
    trace = step_trace(x, [np.ones((3, 3))], [0.0], OpSettings(padding="same"), "conv", 0)
    scene = scene_for(trace, (1240, 640), min_type=LECTURE_TYPE)
    assert scene.cropped and scene.value_type >= LECTURE_TYPE - 0.01
