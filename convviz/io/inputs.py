"""Reading inputs and kernels from files, safely.

Every failure is an :class:`InputError` (a ``ValueError``) whose message is
one line naming the file and the problem; nothing here ever unpickles.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from pathlib import Path

import numpy as np

from convviz.core.messages import TextError
from convviz.model.limits import BudgetError, check_read_budget

from .atomic import require_regular_file

__all__ = [
    "IMAGE_SUFFIXES",
    "MATRIX_SUFFIXES",
    "MAX_IMAGE_PIXELS",
    "InputError",
    "InputNotice",
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


class InputError(TextError):
    """A file or value that cannot be used as an input or kernel (its message translatable whole)."""


class InputNotice(UserWarning):
    """Something the user should know about an input that was read (say, an animation's first frame)."""


#: Files larger than this are refused before they are read (a 4096x4096 RGB TIFF is 48 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: A matrix file may hold at most this many values (a 4096x4096 input with 3 channels).
MAX_MATRIX_VALUES = MAX_SIDE * MAX_SIDE * 3
#: Bytes a decoded pixel may take at most on the way to float32 RGB (Pillow's RGBA, the float
#: copy, alpha laid over white), and a text matrix's byte while it is parsed (Python's numbers
#: and strings: about 10 measured on 2 MB matrices).
PIXEL_BYTES, TEXT_BYTE_COST = 32, 12


def _check_file(path: Path) -> None:
    try:
        require_regular_file(path, InputError)
        size = path.stat().st_size
    except OSError as exc:
        raise InputError("{path}: cannot be read ({reason})",
                         path=path, reason=exc.strerror or exc.__class__.__name__) from None
    if size == 0:
        raise InputError("{path}: the file is empty", path=path)
    if size > MAX_FILE_BYTES:
        raise InputError("{path}: {size_mb:.0f} MB is larger than the {limit_mb} MB convviz reads",
                         path=path, size_mb=size / 2**20, limit_mb=MAX_FILE_BYTES // 2**20)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError("{path}: cannot be read ({reason})",
                         path=path, reason=exc.strerror or exc.__class__.__name__) from None


def _check_npy_header(path: Path, max_ndim: int, max_side: int = MAX_SIDE) -> None:
    """Refuse a .npy whose header promises more values than convviz reads, before numpy allocates them."""
    try:
        with open(path, "rb") as fh:
            version = np.lib.format.read_magic(fh)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, _, dtype = read_header(fh)
    except (ValueError, OSError, EOFError, SyntaxError):
        raise InputError("{path}: not a NumPy .npy file, or a damaged one", path=path) from None
    if dtype.hasobject:
        raise InputError("{path}: holds pickled objects, which convviz never loads", path=path)
    if len(shape) > max_ndim or math.prod(shape) > MAX_MATRIX_VALUES:
        raise InputError("{path}: shape {shape} is larger than convviz reads (1 to {max_ndim} axes, at most "
                         "{most} values)",
                         path=path, shape=shape, max_ndim=max_ndim, most=MAX_MATRIX_VALUES)
    if len(shape) >= 2 and shape[0] > 1 and max(shape[:2]) > max_side:  # one row is a signal
        raise InputError("{path}: {width}x{height} is larger than {max_side} per side",
                         path=path, width=shape[1], height=shape[0], max_side=max_side)
    # The array as stored, and the float64 copy everything after reading makes.
    check_read_budget(math.prod(shape) * (dtype.itemsize + 8),
                      TextError("reading {path} ({shape})", path=path, shape="x".join(map(str, shape))))


def image_from_bytes(data: bytes, *, rgb: bool = False, name: str = "image", max_side: int = MAX_SIDE) -> np.ndarray:
    """Decode image bytes into float32: (H, W), or (H, W, 3) with ``rgb``.

    Values follow the image's real type: 8-bit and palette images by 255, 16-bit by 65535,
    float images as stored; transparent pixels are laid over white, as a viewer shows them;
    CMYK is converted to RGB; an animation gives its first frame (with an :class:`InputNotice`).
    """
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
                        raise InputError("{name}: {w}x{h} pixels is too large to decode safely", name=name, w=w, h=h)
                    if max(w, h) > max_side:  # before decoding: the header says it already
                        raise InputError("{name}: {w}x{h} is larger than {max_side} per side",
                                         name=name, w=w, h=h, max_side=max_side)
                    check_read_budget(w * h * PIXEL_BYTES, TextError("decoding {name} ({w}x{h})", name=name, w=w, h=h))
                    frames = getattr(img, "n_frames", 1)
                    img.seek(0)
                    arr = _pixels(img, rgb, name)
            finally:
                Image.MAX_IMAGE_PIXELS = old
    except (InputError, BudgetError):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError("{name}: the image is too large to decode safely", name=name) from None
    except Image.UnidentifiedImageError:
        raise InputError("{name}: not an image convviz can read (PNG, JPEG, BMP, GIF, TIFF or WebP)",
                         name=name) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError("{name}: the image is damaged or truncated ({exc})", name=name, exc=exc) from None
    if not np.isfinite(arr).all():
        raise InputError("{name}: contains NaN or infinite values", name=name)
    _check_side(arr, name, max_side)
    if frames > 1:
        warnings.warn(InputNotice(f"{name}: an animation of {frames} frames; using the first"), stacklevel=2)
    return arr


#: Pillow's modes whose samples are integers of more than 8 bits, and their full scale.
_WIDE_INTEGER_MODES = {"I;16": 65535, "I;16L": 65535, "I;16B": 65535, "I;16N": 65535, "I": 65535}


def _pixels(img, rgb: bool, name: str) -> np.ndarray:
    """One decoded frame as float32 in its real range (see ``image_from_bytes``)."""
    mode = img.mode
    if mode in _WIDE_INTEGER_MODES or mode == "F":
        values = np.asarray(img)
        if mode == "F":
            gray = values.astype(np.float32)
        else:
            # Pillow opens 16-bit PNG and TIFF greyscale as "I;16" or "I"; wider values have no known scale.
            if values.size and (values.min() < 0 or values.max() > 65535):
                raise InputError("{name}: 32-bit integer pixels outside 0..65535 have no known scale", name=name)
            gray = values.astype(np.float32) / np.float32(65535)
        return np.repeat(gray[..., None], 3, axis=2) if rgb else gray
    if mode == "1":
        img = img.convert("L")
    elif mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    elif mode in ("LA", "La", "PA", "RGBa"):
        img = img.convert("RGBA")
    elif mode not in ("L", "RGB", "RGBA"):
        try:
            img = img.convert("RGB")  # CMYK, YCbCr and the like
        except ValueError:
            raise InputError("{name}: Pillow image mode {mode!r} is not supported", name=name, mode=mode) from None
    if img.mode == "RGBA" and img.getextrema()[3][0] == 255:
        img = img.convert("RGB")  # fully opaque: read exactly as an RGB image
    if img.mode == "RGBA":
        rgba = np.asarray(img, dtype=np.float32) / np.float32(255)
        alpha = rgba[..., 3:4]
        over_white = rgba[..., :3] * alpha + (np.float32(1) - alpha)
        if rgb:
            return np.ascontiguousarray(over_white, dtype=np.float32)
        # The luma weights of Pillow's convert("L").
        luma = over_white @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        return luma.astype(np.float32)
    img = img.convert("RGB" if rgb else "L")
    return np.asarray(img, dtype=np.float32) / np.float32(255)


def _check_side(arr: np.ndarray, name: str, max_side: int = MAX_SIDE) -> None:
    if max(arr.shape[:2]) > max_side:
        raise InputError("{name}: {width}x{height} is larger than {max_side} per side",
                         name=name, width=arr.shape[1], height=arr.shape[0], max_side=max_side)


def load_image(path, *, rgb: bool = False, max_side: int = MAX_SIDE) -> np.ndarray:
    path = Path(path)
    _check_file(path)
    return image_from_bytes(_read_bytes(path), rgb=rgb, name=str(path), max_side=max_side)


def load_matrix(path, *, max_ndim: int = 3, max_side: int = MAX_SIDE) -> np.ndarray:
    """A numeric array of 1 to ``max_ndim`` axes from .npy (never pickled) or .csv/.txt text."""
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".npy":
        _check_npy_header(path, max_ndim, max_side)
        try:
            arr = np.load(path, allow_pickle=False)
        except ValueError as exc:
            if "pickle" in str(exc).lower():
                raise InputError("{path}: holds pickled objects, which convviz never loads", path=path) from None
            raise InputError("{path}: not a NumPy .npy file, or a damaged one", path=path) from None
        except (OSError, EOFError):
            raise InputError("{path}: not a NumPy .npy file, or a damaged one", path=path) from None
    else:
        from convviz.core.kernels import parse_kernel

        check_read_budget(path.stat().st_size * TEXT_BYTE_COST, TextError("reading {path} as a text matrix", path=path))
        try:
            text = _read_bytes(path).decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("{path}: not a text matrix", path=path) from None
        try:
            arr = parse_kernel(text)
        except ValueError as exc:
            raise InputError("{path}: {exc}", path=path, exc=exc) from None
    if arr.dtype == bool:
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iuf":
        raise InputError("{path}: holds {dtype} values, not numbers", path=path, dtype=arr.dtype)
    if not 1 <= arr.ndim <= max_ndim or arr.size == 0:
        raise InputError("{path}: shape {shape} is not a matrix of 1 to {max_ndim} axes",
                         path=path, shape=arr.shape, max_ndim=max_ndim)
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise InputError("{path}: contains NaN or infinite values", path=path)
    _check_side(np.atleast_2d(arr), str(path), max_side if arr.ndim >= 2 and arr.shape[0] > 1 else MAX_SIDE)
    return arr


def load_input(path, *, rgb: bool = False, max_side: int = MAX_SIDE) -> np.ndarray:
    """An image (float32 in [0, 1]) or a matrix file, chosen by suffix.  ``max_side`` refuses a
    larger image or 2D matrix from its header, before it is read (a single row is a signal: up
    to MAX_SIDE values)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MATRIX_SUFFIXES:
        arr = load_matrix(path, max_side=max_side)
        # A single row is a 1D signal, as in the lecture's [2, 8, 3, 7, ...].
        return arr[0] if arr.ndim == 2 and arr.shape[0] == 1 else arr
    if suffix in IMAGE_SUFFIXES or suffix == "":
        return load_image(path, rgb=rgb, max_side=max_side)
    raise InputError("{path}: unknown file type {suffix!r}; use an image ({images}) or a matrix (.npy, .csv, .txt)",
                     path=path, suffix=suffix, images=", ".join(IMAGE_SUFFIXES))


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
            raise InputError("kernel {spec!r}: {exc}", spec=spec, exc=exc) from None
    raise InputError("unknown kernel {spec!r}: not a preset ({presets}), a matrix or a file", spec=spec,
                     presets=", ".join(PRESETS))
