"""The command line on bad and unusual input (issue 18): real values, one line, exit 0 or 2."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
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


def _near_float_limit(tmp_path):
    path = tmp_path / "big.npy"
    np.save(path, np.full((6, 6), 1e308))
    return path


def test_non_finite_results_are_refused_in_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning escapes either
        assert main(["export", str(_near_float_limit(tmp_path)), "--kernel", "sobel_x", "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "16 result values are infinite or NaN" in err[0] and "--allow-nonfinite" in err[0]
    assert not out.exists()


def test_non_finite_results_are_written_only_when_asked(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(_near_float_limit(tmp_path)), "--kernel", "sobel_x", "--out", str(out),
                 "--allow-nonfinite", "--format", "npy"]) == 0
    assert np.count_nonzero(~np.isfinite(np.load(out / "output.npy"))) == 16
    assert capsys.readouterr().err == ""


def test_animate_refuses_non_finite_results(tmp_path, capsys):
    out = tmp_path / "a.gif"
    assert main(["animate", str(_near_float_limit(tmp_path)), "--kernel", "sobel_x", "--out", str(out),
                 "--size", "320x240"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "infinite or NaN" in err[0]
    assert not out.exists()


@pytest.mark.parametrize("scale", ["-1", "0", "100000"])
def test_export_scale_out_of_range_names_the_option(tmp_path, capsys, scale):
    np.save(tmp_path / "x.npy", np.eye(4))
    assert main(["export", str(tmp_path / "x.npy"), "--kernel", "1", "--out", str(tmp_path / "o"),
                 "--scale", scale]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("convviz export: --scale must be 1 to 64")
