"""`convviz export`: the files it writes, and one line + exit 2 for every bad input."""

import numpy as np
import pytest
from PIL import Image

from convviz.cli import main
from convviz.core import correlate, max_pool

LECTURE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])


@pytest.fixture
def lecture_npy(tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, LECTURE)
    return path


def test_export_writes_maps_and_sheet(tmp_path, lecture_npy):
    out = tmp_path / "out"
    rc = main(["export", str(lecture_npy), "--kernel", "1,0,1;0,1,0;1,0,1", "--out", str(out),
               "--pool", "max", "--pool-size", "2", "--pool-stride", "1", "--values"])
    assert rc == 0
    np.testing.assert_array_equal(np.load(out / "output.npy"), [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    np.testing.assert_array_equal(np.load(out / "pooled.npy"), [[4, 4], [4, 4]])
    for name in ("feature_map_1.png", "pooled_1.png", "contact_sheet.png"):
        assert Image.open(out / name).size[0] > 50


def test_export_bank_and_image(tmp_path):
    img = tmp_path / "img.png"
    arr = (np.random.default_rng(0).random((20, 24)) * 255).astype(np.uint8)
    Image.fromarray(arr).save(img)
    bank = tmp_path / "bank.npy"
    k = np.random.default_rng(1).standard_normal((3, 3, 1, 2))
    np.save(bank, k)
    out = tmp_path / "o"
    assert main(["export", str(img), "--kernel", str(bank), "--padding", "same", "--activation", "relu",
                 "--pool", "avg", "--out", str(out), "--format", "npy"]) == 0
    x = arr.astype(np.float32) / np.float32(255)
    expect = np.maximum(correlate(x.astype(np.float64), k, padding="same"), 0)
    got = np.load(out / "output.npy")
    assert got.shape == (20, 24, 2)
    np.testing.assert_allclose(got, expect, rtol=1e-6, atol=1e-6)
    assert np.load(out / "pooled.npy").shape == (10, 12, 2)
    assert not (out / "contact_sheet.png").exists()


def test_no_overwrite_without_force(tmp_path, lecture_npy, capsys):
    out = tmp_path / "o"
    args = ["export", str(lecture_npy), "--kernel", "identity", "--out", str(out), "--format", "npy"]
    assert main(args) == 0
    before = (out / "output.npy").read_bytes()
    assert main(args[:2] + ["--kernel", "sobel_x", "--out", str(out), "--format", "npy"]) == 2
    assert "exists" in capsys.readouterr().err
    assert (out / "output.npy").read_bytes() == before
    assert main(args + ["--force"]) == 0


def _write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "make,extra,match",
    [
        (lambda t: t / "missing.png", [], "no such file"),
        (lambda t: _write(t, "empty.png", b""), [], "empty"),
        (lambda t: _write(t, "trunc.png", open_png_bytes()[: len(open_png_bytes()) // 2]), [],
         "damaged or truncated|not an image"),
        (lambda t: _write(t, "text.png", b"hello, not an image"), [], "not an image"),
        (lambda t: _write(t, "bomb.png", bomb_png()), [], "too large"),
        (lambda t: pickled_npy(t), [], "pickled"),
        (lambda t: _write(t, "ragged.csv", b"1,2,3\n4,5\n"), [], "row 2 has 2 entries"),
        (lambda t: _write(t, "words.csv", b"1,2\n3,x\n"), [], "row 2, column 2"),
    ],
)
def test_bad_inputs(tmp_path, capsys, make, extra, match):
    path = make(tmp_path)
    rc = main(["export", str(path), "--kernel", "sobel_x", "--out", str(tmp_path / "o")] + extra)
    err = capsys.readouterr().err
    assert rc == 2
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    import re

    assert re.search(match, err), err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "extra,match",
    [
        (["--kernel", "1,0;nan,1"], "not a number"),
        (["--kernel", "1,0,1;0,1"], "row 2 has 2 entries"),
        (["--kernel", "notapreset"], "unknown kernel 'notapreset'"),
        (["--kernel", "sobel_x", "--padding", "sideways"], "unknown padding 'sideways'"),
        (["--kernel", "sobel_x", "--stride", "0"], "stride must be a positive integer, got 0"),
        (["--kernel", "sobel_x", "--stride", "-1"], "stride must be a positive integer, got -1"),
        (["--kernel", "sobel_x", "--dilation", "0"], "dilation must be a positive integer, got 0"),
        (["--kernel", "vertical_line_7x7"], "larger than the input"),
        (["--kernel", "identity", "--pool", "max", "--pool-size", "4"],
         "pooling window \\(4\\) is larger than the map \\(3\\)"),
        (["--kernel", "identity", "--colormap", "rainbow"], "invalid choice"),
        (["--kernel", "identity", "--pool-stride", "0", "--pool", "max"], "pool stride must be a positive integer"),
    ],
)
def test_bad_options(tmp_path, lecture_npy, capsys, extra, match):
    rc = main(["export", str(lecture_npy), "--out", str(tmp_path / "o")] + extra)
    err = capsys.readouterr().err
    assert rc == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    import re

    assert re.search(match, err), err


def open_png_bytes():
    import io

    buf = io.BytesIO()
    noise = np.random.default_rng(0).integers(0, 255, (40, 40), dtype=np.uint8)
    Image.fromarray(noise).save(buf, "PNG")
    return buf.getvalue()


def bomb_png():
    """A tiny file that claims 20000 x 20000 pixels (a decompression bomb)."""
    import io

    buf = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buf, "PNG")
    return buf.getvalue()


def pickled_npy(tmp_path):
    path = tmp_path / "evil.npy"
    np.save(path, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    return path


def test_max_pool_consistency():
    # The exporter's pooled maps come from core.pool: check one by hand.
    np.testing.assert_array_equal(max_pool(np.arange(16).reshape(4, 4), 2), [[5, 7], [13, 15]])
