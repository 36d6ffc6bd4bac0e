"""Reading inputs and kernels from files, safely.

Every failure is an :class:`InputError` (a ``ValueError``) whose message is
one line naming the file and the problem; nothing here ever unpickles.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

import numpy as np

__all__ = [
    "IMAGE_SUFFIXES",
    "MATRIX_SUFFIXES",
    "MAX_IMAGE_PIXELS",
    "InputError",
    "load_image",
    "load_input",
    "load_kernel",
    "load_matrix",
    "image_from_bytes",
]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")
MATRIX_SUFFIXES = (".npy", ".csv", ".txt")
#: Larger images are refused before decoding (decompression bombs).
MAX_IMAGE_PIXELS = 64 * 1024 * 1024
#: Inputs are shown cell by cell; anything larger is refused with a message.
MAX_SIDE = 4096


class InputError(ValueError):
    """A file or value that cannot be used as an input or kernel."""


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty")


def image_from_bytes(data: bytes, *, rgb: bool = False, name: str = "image") -> np.ndarray:
    """Decode image bytes into float32 in [0, 1]: (H, W), or (H, W, 3) with ``rgb``."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            old = Image.MAX_IMAGE_PIXELS
            Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
            try:
                with Image.open(io.BytesIO(data)) as img:
                    w, h = img.size
                    if w * h > MAX_IMAGE_PIXELS:
                        raise InputError(f"{name}: {w}x{h} pixels is too large to decode safely")
                    img.seek(0)
                    converted = img.convert("RGB" if rgb else "L")
                    converted.load()
            finally:
                Image.MAX_IMAGE_PIXELS = old
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(f"{name}: the image is too large to decode safely") from None
    except Image.UnidentifiedImageError:
        raise InputError(f"{name}: not an image Pillow can read") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"{name}: the image is damaged or truncated ({exc})") from None
    arr = np.asarray(converted, dtype=np.float32) / np.float32(255)
    _check_side(arr, name)
    return arr


def _check_side(arr: np.ndarray, name: str) -> None:
    if max(arr.shape[:2]) > MAX_SIDE:
        raise InputError(f"{name}: {arr.shape[1]}x{arr.shape[0]} is larger than {MAX_SIDE} per side")


def load_image(path, *, rgb: bool = False) -> np.ndarray:
    path = Path(path)
    _check_file(path)
    return image_from_bytes(path.read_bytes(), rgb=rgb, name=str(path))


def load_matrix(path, *, max_ndim: int = 3) -> np.ndarray:
    """A numeric array of 1 to ``max_ndim`` axes from .npy (never pickled) or .csv/.txt text."""
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".npy":
        try:
            arr = np.load(path, allow_pickle=False)
        except ValueError as exc:
            if "pickle" in str(exc).lower():
                raise InputError(f"{path}: holds pickled objects, which convviz never loads") from None
            raise InputError(f"{path}: not a valid .npy file ({exc})") from None
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: not a valid .npy file ({exc})") from None
    else:
        from convviz.core.kernels import parse_kernel

        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not a text matrix") from None
        try:
            arr = parse_kernel(text)
        except ValueError as exc:
            raise InputError(f"{path}: {exc}") from None
    if arr.dtype == bool:
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iuf":
        raise InputError(f"{path}: holds {arr.dtype} values, not numbers")
    if not 1 <= arr.ndim <= max_ndim or arr.size == 0:
        raise InputError(f"{path}: shape {arr.shape} is not a matrix of 1 to {max_ndim} axes")
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise InputError(f"{path}: contains NaN or infinite values")
    _check_side(np.atleast_2d(arr), str(path))
    return arr


def load_input(path, *, rgb: bool = False) -> np.ndarray:
    """An image (float32 in [0, 1]) or a matrix file, chosen by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MATRIX_SUFFIXES:
        arr = load_matrix(path)
        # A single row is a 1D signal, as in the lecture's [2, 8, 3, 7, ...].
        return arr[0] if arr.ndim == 2 and arr.shape[0] == 1 else arr
    if suffix in IMAGE_SUFFIXES or suffix == "":
        return load_image(path, rgb=rgb)
    raise InputError(
        f"{path}: unknown file type {suffix!r}; use an image ({', '.join(IMAGE_SUFFIXES)}) "
        "or a matrix (.npy, .csv, .txt)"
    )


def load_kernel(spec: str) -> np.ndarray:
    """A kernel from a preset name, matrix text such as "1,0,-1;2,0,-2;1,0,-1", or a file."""
    from convviz.core.kernels import PRESETS, parse_kernel, preset

    key = spec.strip().lower().replace("-", "_").replace(" ", "_")
    if key in PRESETS:
        return preset(key)
    if os.path.splitext(spec)[1].lower() in MATRIX_SUFFIXES or os.path.exists(spec):
        arr = load_matrix(spec, max_ndim=4)  # (kh, kw, C, F) banks too
        if arr.ndim == 1:
            arr = arr[None, :]
        return arr
    if any(ch.isdigit() for ch in spec):
        try:
            return parse_kernel(spec)
        except ValueError as exc:
            raise InputError(f"kernel {spec!r}: {exc}") from None
    raise InputError(
        f"unknown kernel {spec!r}: not a preset ({', '.join(PRESETS)}), a matrix or a file"
    )
