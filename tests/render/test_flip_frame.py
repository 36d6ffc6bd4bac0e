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
