"""Images are read by their real range and type (issue 18): every format with known pixel values."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest
from PIL import Image

from convviz.io.inputs import InputError, InputNotice, image_from_bytes, load_input


def _encode(img: Image.Image, fmt: str, **options) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **options)
    return buf.getvalue()


def test_8bit_greyscale_divides_by_255():
    values = np.array([[0, 51, 255]], dtype=np.uint8)
    arr = image_from_bytes(_encode(Image.fromarray(values), "PNG"))
    assert arr.dtype == np.float32
    np.testing.assert_allclose(arr, [[0.0, 0.2, 1.0]], atol=1e-7)


def test_16bit_png_divides_by_65535():
    values = np.array([[0, 257, 32768, 65535]], dtype=np.uint16)
    data = _encode(Image.fromarray(values), "PNG")
    arr = image_from_bytes(data)
    np.testing.assert_allclose(arr, values / 65535.0, atol=1e-7)
    # read as RGB, the grey channel is repeated
    rgb = image_from_bytes(data, rgb=True)
    assert rgb.shape == (1, 4, 3)
    np.testing.assert_allclose(rgb[..., 1], values / 65535.0, atol=1e-7)


def test_16bit_tiff_divides_by_65535(tmp_path):
    values = np.array([[1000, 60000]], dtype=np.uint16)
    path = tmp_path / "depth.tif"
    Image.fromarray(values).save(path)
    np.testing.assert_allclose(load_input(path), values / 65535.0, atol=1e-7)


def test_float_tiff_keeps_its_values(tmp_path):
    values = np.array([[0.0, 0.25], [0.5, 1.0]], dtype=np.float32)
    path = tmp_path / "float.tif"
    Image.fromarray(values).save(path)
    np.testing.assert_array_equal(load_input(path), values)
    wide = np.array([[-3.5, 1000.0]], dtype=np.float32)
    Image.fromarray(wide).save(path)
    np.testing.assert_array_equal(load_input(path), wide)


def test_float_tiff_with_nan_is_refused(tmp_path):
    path = tmp_path / "nan.tif"
    Image.fromarray(np.array([[0.0, np.nan]], dtype=np.float32)).save(path)
    with pytest.raises(InputError, match="NaN or infinite"):
        load_input(path)


def test_palette_image_reads_its_palette_colours():
    img = Image.new("P", (2, 1))
    img.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    img.putpixel((0, 0), 0)
    img.putpixel((1, 0), 1)
    rgb = image_from_bytes(_encode(img, "PNG"), rgb=True)
    np.testing.assert_allclose(rgb[0], [[1, 0, 0], [0, 0, 1]])


def test_alpha_is_laid_over_white():
    rgba = np.array([[[0, 0, 0, 255], [0, 0, 0, 0], [0, 0, 0, 51], [255, 0, 0, 255]]], dtype=np.uint8)
    data = _encode(Image.fromarray(rgba, "RGBA"), "PNG")
    rgb = image_from_bytes(data, rgb=True)
    np.testing.assert_allclose(rgb[0], [[0, 0, 0], [1, 1, 1], [0.8, 0.8, 0.8], [1, 0, 0]], atol=1e-6)
    grey = image_from_bytes(data)
    np.testing.assert_allclose(grey[0], [0.0, 1.0, 0.8, 0.299], atol=1e-6)


def test_grey_with_alpha_is_laid_over_white():
    la = np.array([[[0, 0], [100, 255]]], dtype=np.uint8)
    grey = image_from_bytes(_encode(Image.fromarray(la, "LA"), "PNG"))
    np.testing.assert_allclose(grey[0], [1.0, 100 / 255], atol=1e-6)


def test_opaque_rgba_reads_as_rgb_exactly():
    rgb = np.array([[[10, 200, 30], [90, 80, 70]]], dtype=np.uint8)
    opaque = np.concatenate([rgb, np.full((1, 2, 1), 255, np.uint8)], axis=2)
    a = image_from_bytes(_encode(Image.fromarray(opaque, "RGBA"), "PNG"))
    b = image_from_bytes(_encode(Image.fromarray(rgb, "RGB"), "PNG"))
    np.testing.assert_array_equal(a, b)


def test_cmyk_is_converted_to_rgb():
    cmyk = Image.new("CMYK", (2, 1))
    cmyk.putpixel((0, 0), (0, 255, 255, 0))  # red
    cmyk.putpixel((1, 0), (0, 0, 0, 255))  # black
    rgb = image_from_bytes(_encode(cmyk, "TIFF"), rgb=True)
    np.testing.assert_allclose(rgb[0], [[1, 0, 0], [0, 0, 0]])


def test_one_bit_image_reads_zero_and_one():
    img = Image.new("1", (2, 1))
    img.putpixel((1, 0), 1)
    np.testing.assert_array_equal(image_from_bytes(_encode(img, "PNG")), [[0.0, 1.0]])


def test_animation_gives_its_first_frame_and_says_so():
    frames = [Image.fromarray(np.full((2, 2), v, np.uint8)) for v in (0, 255, 128)]
    data = _encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    with pytest.warns(InputNotice, match="3 frames; using the first"):
        arr = image_from_bytes(data, name="anim.gif")
    np.testing.assert_array_equal(arr, np.zeros((2, 2)))


def test_a_still_image_gives_no_notice():
    data = _encode(Image.fromarray(np.zeros((2, 2), np.uint8)), "PNG")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        image_from_bytes(data)


def test_32bit_integers_without_a_scale_are_refused(tmp_path):
    path = tmp_path / "wide.tif"
    Image.fromarray(np.array([[0, 1 << 20]], dtype=np.int32)).save(path)
    with pytest.raises(InputError, match="outside 0..65535"):
        load_input(path)


# ------------------------------------------------------------ the memory budget

def test_reading_is_checked_against_the_memory_budget(tmp_path, monkeypatch):
    """Before the contents are allocated: a .npy by its header, an image by its size, text by its bytes."""
    from convviz.io.budget import BudgetError

    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "1M")
    npy, png, txt = tmp_path / "m.npy", tmp_path / "i.png", tmp_path / "m.txt"
    np.save(npy, np.zeros((300, 300), np.float32))  # 300*300*(4 stored + 8 as float64) = 1.03 MB
    Image.fromarray(np.zeros((200, 200), np.uint8)).save(png)  # 200*200*32 = 1.22 MB
    txt.write_text("\n".join(",".join("0.5" for _ in range(150)) for _ in range(150)))  # 90 KB * 12
    for path, said in ((npy, "reading .*m.npy \\(300x300\\) would take 1.0 MB"),
                       (png, "decoding .*i.png \\(200x200\\) would take 1.2 MB"),
                       (txt, "reading .*m.txt as a text matrix would take 1.0 MB")):
        with pytest.raises(BudgetError, match=said):
            load_input(path)
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "2M")
    assert load_input(npy).shape == (300, 300) and load_input(png).shape == (200, 200)
    assert load_input(txt).shape == (150, 150)


def test_an_image_wider_than_convviz_reads_is_refused_from_its_header(tmp_path):
    path = tmp_path / "wide.png"
    Image.new("L", (5000, 2)).save(path)
    with pytest.raises(InputError, match="5000x2 is larger than 4096 per side"):
        load_input(path)
