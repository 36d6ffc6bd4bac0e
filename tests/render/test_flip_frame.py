"""The convolution's opening flip: the turning kernel stays at least as readable as it sits."""

import numpy as np

from convviz.core import trace
from convviz.render import scene_for
from convviz.render.prims import Turn, frame_text_sizes


def test_the_turning_kernels_numbers_are_not_smaller_than_the_kernels():
    """In a narrow compare pane the kernel turned at its own size, shrunk to keep its corners in its
    box: 0.71 of it at 45°, digits of 6 px. It now turns up to twice as large, in its own box."""
    x, k = np.eye(5), np.array([[1, 0, 1], [0, -2, 0], [1, 0, 1.0]])
    scene = scene_for(trace(x, k, op="convolve", padding="same"), (420, 480), min_type=12)
    sitting = min(frame_text_sizes(scene.static(0)[1:]))
    for angle in (0.0, 45.0, 80.0, 180.0):
        frame = scene.flip_frame(angle)
        turned = [p for p in frame.prims if isinstance(p, Turn)]
        assert len(turned) == 1
        assert min(frame_text_sizes(turned)) >= sitting - 1e-6
        assert all(0 <= v for v in (turned[0].cx, turned[0].cy))


def test_a_1d_kernel_turns_readably_and_clear_of_the_signal():
    """A 1x4 kernel row kept inside its own box shrank to a third at 51° (tester: digits unreadable); it
    swings through the room between the signal and the products' row instead."""
    import math

    import numpy as np

    from convviz.model.pipeline import step_trace
    from convviz.model.settings import OpSettings
    from convviz.render import scene_for
    from convviz.render.prims import Turn

    trace = step_trace(np.array([2, 8, 3, 7, 1, 2, 0, 4, 5.0]), [np.array([3, 5, 1, 2.0])], [0.0],
                       OpSettings(op="convolve"), "conv", 0)
    scene = scene_for(trace, (1256, 620), title="convolve", min_type=20)
    c, width = scene.cell, scene.window * scene.cell
    for angle in range(0, 181, 15):
        turn = next(p for p in scene.flip_frame(angle).prims if isinstance(p, Turn))
        assert turn.scale >= 0.5, angle
        a = math.radians(angle)
        half = turn.scale * (width * abs(math.sin(a)) + c * abs(math.cos(a))) / 2
        assert turn.cy - half >= scene.rows_y[0] + c - 0.5 and turn.cy + half <= scene.rows_y[2] + c + 0.5, angle


def test_the_1d_output_row_shows_every_cell_to_come():
    """The 1D scene drew only the outputs computed so far: the output's length showed at the last step."""
    import numpy as np

    from convviz.model.pipeline import step_trace
    from convviz.model.settings import OpSettings
    from convviz.render import scene_for
    from convviz.render.prims import PAPER, Rect

    for settings, size in ((OpSettings(op="convolve"), (1256, 620)),
                           (OpSettings(padding="same", stride=2), (300, 500))):  # the second one pages
        trace = step_trace(np.array([2, 8, 3, 7, 1, 2, 0, 4, 5.0]), [np.array([3, 5, 1, 2.0])], [0.0], settings,
                           "conv", 0)
        scene = scene_for(trace, size, title="1D", min_type=20)
        y = scene.rows_y[3]
        empty = [p for p in scene.frame(0, reveal=True).prims
                 if isinstance(p, Rect) and p.y == y and p.fill == PAPER and p.w == scene.cell]
        xs = {round(p.x, 3) for p in empty}
        in_view = [j for j in range(1, len(scene.out))
                   if not scene.cropped or j * scene.stride < scene.view_len]
        assert len(xs) >= len(in_view) > 0, (settings, len(xs), in_view)


def test_the_1d_kernels_numbers_stay_upright_while_it_turns():
    """Mid-turn the 1D kernel's digits turned with their boxes, upside down from 90° on (tester: unreadable
    for half the swing): the boxes turn, each number is drawn unturned at its box's turned centre."""
    import math

    from convviz.model.pipeline import step_trace
    from convviz.model.settings import OpSettings
    from convviz.render.prims import Rect, Text

    kernel = np.array([3, 5, 1, 2.0])
    trace = step_trace(np.array([2, 8, 3, 7, 1, 2, 0, 4, 5.0]), [kernel], [0.0], OpSettings(op="convolve"), "conv", 0)
    scene = scene_for(trace, (1256, 620), title="convolve", min_type=20)
    for angle in (30.0, 90.0, 120.0, 150.0, 180.0):
        frame = scene.flip_frame(angle)
        turn = next(p for p in frame.prims if isinstance(p, Turn))
        assert not any(isinstance(q, Text) for q in turn.prims), angle  # nothing written turns
        a = math.radians(angle)
        cells = [q for q in turn.prims if isinstance(q, Rect) and q.w == q.h]
        texts = [p for p in frame.prims if isinstance(p, Text)]
        shown = []
        for cell in cells:
            dx, dy = cell.x + cell.w / 2 - turn.cx, cell.y + cell.h / 2 - turn.cy
            x = turn.cx + turn.scale * (dx * math.cos(a) - dy * math.sin(a))
            y = turn.cy + turn.scale * (dx * math.sin(a) + dy * math.cos(a))
            at = [p for p in texts if abs(p.x - x) < 0.5 and abs(p.y - y) < 0.5]
            assert len(at) == 1 and at[0].size >= 0.5 * scene.type, (angle, cell, at)
            shown.append(at[0].text)
        assert sorted(shown) == sorted(str(int(v)) for v in kernel), (angle, shown)
