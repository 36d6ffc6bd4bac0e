"""``convviz export|animate ... --op transposed`` run as subprocesses: the maps are conv_transpose's, the
frames are the scatter's (or the equivalent correlation's), and bad options are one line with status 2."""

import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from convviz.core import conv_transpose

X = np.array([[1, 2, 0], [0, 1, 3], [2, 0, 1]], float)
K = "1,0,-1;2,1,0;0,1,1"
KERNEL = np.array([[1, 0, -1], [2, 1, 0], [0, 1, 1]], float)


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "convviz", *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


@pytest.fixture
def folder(tmp_path):
    np.save(tmp_path / "x.npy", X)
    return tmp_path


def test_export_writes_the_transposed_maps(folder):
    run = _run("export", "x.npy", "--kernel", K, "--op", "transposed", "--stride", "2", "--output-padding", "1",
               "--padding", "same", "--bias", "0.5", "--format", "npy", "--out", "out", cwd=folder)
    assert run.returncode == 0, run.stderr
    expected = conv_transpose(X, KERNEL, strides=2, padding="same", output_padding=1, bias=0.5)
    np.testing.assert_array_equal(np.load(folder / "out" / "output.npy"), expected)
    assert expected.shape == (6, 6)


@pytest.mark.parametrize("args,message", [
    (("--op", "transposed", "--stride", "2", "--output-padding", "2"), "less than the stride (2)"),
    (("--output-padding", "1", "--stride", "2"), "--output-padding is for --op transposed"),
    (("--op", "transposed", "--padding", "full"), "not full"),
])
def test_bad_options_are_one_line(folder, args, message):
    run = _run("export", "x.npy", "--kernel", K, *args, "--out", "out", cwd=folder)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2 and len(lines) == 1 and message in lines[0] and "Traceback" not in run.stderr, lines
    assert not (folder / "out").exists()


def test_animate_writes_one_frame_per_input_cell_and_the_equivalent_view(folder):
    run = _run("animate", "x.npy", "--kernel", K, "--op", "transposed", "--stride", "2", "--out", "scatter",
               "--size", "640x400", cwd=folder)
    assert run.returncode == 0, run.stderr
    frames = sorted((folder / "scatter").glob("*.png"))
    assert len(frames) == 9 and Image.open(frames[0]).size == (640, 400)
    run = _run("animate", "x.npy", "--kernel", K, "--op", "transposed", "--stride", "2", "--view", "equivalent",
               "--out", "equivalent", "--size", "640x400", cwd=folder)
    assert run.returncode == 0, run.stderr
    assert len(list((folder / "equivalent").glob("*.png"))) == 49  # one window per output cell
    run = _run("animate", "x.npy", "--kernel", K, "--view", "equivalent", "--out", "bad", cwd=folder)
    assert run.returncode == 2 and "add --op transposed" in run.stderr and "Traceback" not in run.stderr
