"""The command line on bad and unusual input (issue 18): real values, one line, exit 0 or 2."""

from __future__ import annotations

import numpy as np
from PIL import Image

from convviz.cli import main


def test_16bit_png_exports_its_real_values(tmp_path, capsys):
    values = np.array([[0, 16384], [32768, 65535]], dtype=np.uint16)
    Image.fromarray(values).save(tmp_path / "depth.png")
    out = tmp_path / "out"
    assert main(["export", str(tmp_path / "depth.png"), "--kernel", "1", "--out", str(out), "--format", "npy"]) == 0
    np.testing.assert_allclose(np.load(out / "output.npy"), values / 65535.0, atol=1e-6)


def test_animated_gif_is_said_in_one_line(tmp_path, capsys):
    frames = [Image.fromarray(np.full((6, 6), v, np.uint8)) for v in (0, 255)]
    frames[0].save(tmp_path / "a.gif", save_all=True, append_images=frames[1:])
    assert main(["export", str(tmp_path / "a.gif"), "--kernel", "sobel_x", "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"convviz export: note: {tmp_path / 'a.gif'}: an animation of 2 frames; using the first"]
