"""Animation export speed at 1280x720.

    python benchmarks/bench_animate.py

Renders every step of a 16x16 input with a 3x3 kernel under 'same' padding
(256 frames) and of the lecture's 5x5 example, then writes the 16x16 one as a
GIF; prints frames per second for rendering alone and for the whole export.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from convviz.core import trace
from convviz.export.animation import write_animation
from convviz.render.pillow import SequentialRenderer
from convviz.render.scenes import ConvStepScene


def fps_render(scene, count: int) -> float:
    renderer = SequentialRenderer(scene)
    renderer.array(0)  # warm-up: fonts, static layer
    renderer = SequentialRenderer(scene)
    t0 = time.perf_counter()
    for i in range(count):
        renderer.array(i)
    return count / (time.perf_counter() - t0)


def main() -> None:
    rng = np.random.default_rng(0)
    x16 = rng.integers(0, 10, (16, 16))
    scene16 = ConvStepScene(trace(x16, rng.integers(-2, 3, (3, 3)), padding="same"), (1280, 720))
    lecture = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
    scene5 = ConvStepScene(trace(lecture, np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])), (1280, 720))
    print(f"render 16x16 same, 3x3 kernel (256 frames, 1280x720): {fps_render(scene16, 256):.0f} frames/s")
    print(f"render lecture 5x5 valid (9 frames, 1280x720): {fps_render(scene5, 9):.0f} frames/s")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_animation(scene16, Path(tmp) / "a.gif", count=256, fps=10, force=True)
        gif = 256 / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        write_animation(scene16, Path(tmp) / "frames", count=256, fps=10, force=True)
        png = 256 / (time.perf_counter() - t0)
    print(f"whole export, 256 frames 1280x720: GIF {gif:.0f} frames/s, PNG directory {png:.0f} frames/s")


if __name__ == "__main__":
    main()
