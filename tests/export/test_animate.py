"""Step frames, `convviz animate` and the SVG step view."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from convviz.cli import main
from convviz.core import pool_trace, trace
from convviz.render.pillow import SequentialRenderer, render_array
from convviz.render.prims import Text
from convviz.render.scenes import ConvStepScene, PoolStepScene
from convviz.render.svg import render_svg

LECTURE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
X_KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


def texts(frame):
    return [p.text for p in frame.prims if isinstance(p, Text)]


def test_frame_shows_sum_and_fills_output():
    scene = ConvStepScene(trace(LECTURE, X_KERNEL), (1280, 720))
    first = scene.frame(0)
    assert "out[0, 0] = 1×1 + 1×0 + 1×1 + 0×0 + 1×1 + 1×0 + 0×1 + 0×0 + 1×1 = 4" in texts(first)
    last = scene.frame(8)
    shown = texts(last)
    # All nine output values are filled in by the last step: 4 3 4 / 2 4 3 / 2 3 4.
    assert sorted(t for t in shown if t in "234")[-9:] == sorted("434243234")
    quiz = scene.frame(8, reveal=False)
    assert any(t.endswith("= ?") for t in texts(quiz))


def test_sequential_renderer_matches_random_access():
    scene = ConvStepScene(trace(LECTURE, np.array([[1, -1], [2, 0]]), op="convolve", padding="full"), (640, 360))
    renderer = SequentialRenderer(scene)
    for i in (0, 1, 2, 7, 3, 35):  # forwards, then a jump back, then to the end
        np.testing.assert_array_equal(renderer.array(i), render_array(scene.frame(i)))


def test_pool_frame_shows_winner_and_divisor():
    scene = PoolStepScene(pool_trace(np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), "avg", 2, padding="same"), (640, 360))
    assert "(9) / 1 = 9   (padded cells take no part)" in texts(scene.frame(3))


def test_svg_is_well_formed():
    scene = ConvStepScene(trace(LECTURE, X_KERNEL, padding="same"), (1280, 720))
    svg = render_svg(scene.frame(0))
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert any("= " in (el.text or "") for el in root.iter() if el.tag.endswith("text"))


def test_animate_gif_and_pngs(tmp_path):
    x = tmp_path / "x.npy"
    np.save(x, LECTURE)
    gif = tmp_path / "steps.gif"
    assert main(["animate", str(x), "--kernel", "lecture_x", "--out", str(gif), "--size", "640x360"]) == 0
    with Image.open(gif) as img:
        assert img.n_frames == 9 and img.size == (640, 360)
    frames = tmp_path / "frames"
    assert main(["animate", str(x), "--kernel", "lecture_x", "--padding", "same", "--out", str(frames),
                 "--max-frames", "5", "--size", "320x180"]) == 0
    assert len(list(frames.glob("step_*.png"))) == 5


@pytest.mark.parametrize(
    "extra,match",
    [
        (["--size", "huge"], "expected WIDTHxHEIGHT"),
        (["--fps", "0"], "--fps must be between 0 and 120"),
        (["--max-frames", "0"], "--max-frames must be a positive integer"),
        (["--stride", "0"], "stride must be a positive integer"),
        (["--steps", "pool"], "--steps pool needs --pool"),
        (["--filter", "3"], "--filter must be 1 to 1"),
    ],
)
def test_animate_bad_arguments(tmp_path, capsys, extra, match):
    x = tmp_path / "x.npy"
    np.save(x, LECTURE)
    rc = main(["animate", str(x), "--kernel", "lecture_x", "--out", str(tmp_path / "a.gif")] + extra)
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and match in err, err
    assert not (tmp_path / "a.gif").exists()


def test_animate_refuses_to_overwrite(tmp_path, capsys):
    x = tmp_path / "x.npy"
    np.save(x, LECTURE)
    gif = tmp_path / "a.gif"
    gif.write_bytes(b"keep me")
    assert main(["animate", str(x), "--kernel", "lecture_x", "--out", str(gif)]) == 2
    assert gif.read_bytes() == b"keep me"
    assert "--force" in capsys.readouterr().err


def test_mp4_needs_imageio_ffmpeg_or_works(tmp_path, capsys):
    x = tmp_path / "x.npy"
    np.save(x, LECTURE)
    out = tmp_path / "a.mp4"
    rc = main(["animate", str(x), "--kernel", "lecture_x", "--out", str(out), "--size", "320x180"])
    try:
        import imageio_ffmpeg  # noqa: F401
    except ImportError:
        assert rc == 2 and "pip install imageio-ffmpeg" in capsys.readouterr().err
    else:
        assert rc == 0 and out.stat().st_size > 1000


def test_rgb_frame_shows_each_channel_adding_up():
    x = np.stack([np.full((4, 4), 1.0), np.full((4, 4), 2.0), np.full((4, 4), 3.0)], axis=-1)
    k = np.ones((2, 2, 3))
    scene = ConvStepScene(trace(x, k), (1280, 720))
    shown = texts(scene.frame(0))
    assert "products R: Σ = 4" in shown and "products G: Σ = 8" in shown and "products B: Σ = 12" in shown
    assert "channels: 4 (R) + 8 (G) + 12 (B) = 24" in shown
    render_array(scene.frame(0))  # draws without error
