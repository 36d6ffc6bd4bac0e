"""Max and average pooling with TensorFlow semantics.

* ``stride`` defaults to the window size.
* ``padding="same"`` pads as tf.nn.max_pool2d / avg_pool2d do (extra cell
  after); padded cells never win a max and are left out of an average's
  divisor.  ``"valid"`` drops windows that would hang over the edge.

Input is ``(W,)``, ``(H, W)`` or channels-last ``(H, W, C)``; channels are
pooled independently.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from .messages import TextError
from .padding import ConvGeometry, conv_geometry, pad_input

__all__ = [
    "POOL_KINDS",
    "avg_pool",
    "block_extremes",
    "extremes_with_blocks",
    "global_avg_pool",
    "global_max_pool",
    "max_pool",
    "pool",
    "pool_geometry",
    "pooled_box",
]

POOL_KINDS = ("max", "avg")


def _as_pool_input(x) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype == bool:
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"the pooling input must hold real numbers, got dtype {arr.dtype}")
    if arr.ndim not in (1, 2, 3):
        raise ValueError(
            f"the pooling input must be (W,), (H, W) or (H, W, C); got shape {arr.shape}"
        )
    return arr


def pool_geometry(in_shape, size, *, stride=None, padding: str = "valid") -> ConvGeometry:
    """Pads and output shape of a pooling window over the spatial ``in_shape``."""
    spatial = len(in_shape)
    sizes = (size,) * spatial if np.ndim(size) == 0 else tuple(size)
    if len(sizes) != spatial:
        raise ValueError(f"pool size needs {spatial} entries, got {size!r}")
    for s in sizes:
        if not isinstance(s, (int, np.integer)) or isinstance(s, bool) or s < 1:
            raise ValueError(f"pool size must be a positive integer, got {s!r}")
    if not isinstance(padding, str) or padding.lower() not in ("valid", "same"):
        raise ValueError(f"unknown pooling padding {padding!r}; expected 'valid' or 'same'")
    if stride is None:
        stride = sizes
    for n, s in zip(in_shape, sizes):
        if padding.lower() == "valid" and s > n:
            raise TextError("the pooling window ({size}) is larger than the map ({n}) with 'valid' padding",
                            size=s, n=n)
    return conv_geometry(in_shape, sizes, padding.lower(), stride=stride, same="tensorflow")


def _reduce_windows(xp: np.ndarray, g: ConvGeometry, ufunc: np.ufunc, out: np.ndarray) -> np.ndarray:
    """Fold ``ufunc`` over every window position: one strided slice per window cell.

    Like the direct convolution path, this touches each input cell once per
    window cell and never materialises the windows.
    """
    taps = [xp[tuple(slice(t, t + (o - 1) * s + 1, s) for t, o, s in zip(tap, g.out_shape, g.stride))]
            for tap in itertools.product(*(range(k) for k in g.kernel_shape))]
    return _fold(ufunc, taps, out)


def _fold(ufunc: np.ufunc, taps: list[np.ndarray], out: np.ndarray) -> np.ndarray:
    """``ufunc`` folded over ``taps`` in their order, into ``out``: the first two straight
    into it (no copy pass), then each further tap."""
    if len(taps) == 1:
        out[...] = taps[0]
        return out
    ufunc(taps[0], taps[1], out=out)
    for tap in taps[2:]:
        ufunc(out, tap, out=out)
    return out


#: Bytes of rows folded at a time by :func:`_separable_windows`, so that on a large map the second
#: fold reads them from cache, not memory.  Measured in the window (a pooling change on eight
#: 512x512 float64 maps, band sizes interleaved in one process): 32 KB 12.7 ms, 256 KB 9.0-9.5,
#: 1 MB 8.4-8.8, one band for the whole map the same; smaller bands lose more to Python's loop
#: than they gain in cache.
BAND_BYTES = 1 << 20


def _separable_windows(xp: np.ndarray, g: ConvGeometry, ufunc: np.ufunc, out: np.ndarray,
                       finish=None) -> np.ndarray:
    """``_reduce_windows`` one axis at a time: each window's rows folded first (whole contiguous
    rows at a time), then the columns of that k-times-smaller result.  A maximum is exactly the
    same in any order; a sum is each column's rows first, then across.  Done in bands of output
    rows whose folded rows stay in cache, ``finish(band, rows)`` applied to each band of ``out``
    while it is there (an average's division).  Eight 512x512 float64 maps, 2x2 windows: 1.7 ms
    against 2.4 ms for the k² strided passes (this machine, 2026-12-03, outside the window)."""
    if len(g.kernel_shape) != 2:
        _reduce_windows(xp, g, ufunc, out)
        if finish is not None:
            finish(out, slice(None))
        return out
    (kh, kw), (oh, ow), (sh, sw) = g.kernel_shape, g.out_shape, g.stride
    row_bytes = xp.itemsize * math.prod(xp.shape[1:])
    band = max(1, min(oh, BAND_BYTES // max(1, row_bytes)))
    rows = np.empty((band,) + xp.shape[1:], dtype=xp.dtype)
    for first in range(0, oh, band):
        last = min(oh, first + band)  # output rows first..last-1
        folded = rows[:last - first]
        _fold(ufunc, [xp[first * sh + t:(last - 1) * sh + t + 1:sh] for t in range(kh)], folded)
        _fold(ufunc, [folded[:, t:t + (ow - 1) * sw + 1:sw] for t in range(kw)], out[first:last])
        if finish is not None:
            finish(out[first:last], slice(first, last))
    return out


def pool(x, kind: str, size, *, stride=None, padding: str = "valid") -> np.ndarray:
    """``max_pool`` or ``avg_pool`` by name."""
    if kind == "max":
        return max_pool(x, size, stride=stride, padding=padding)
    if kind == "avg":
        return avg_pool(x, size, stride=stride, padding=padding)
    raise ValueError(f"unknown pooling {kind!r}; expected 'max' or 'avg'")


def _channels_last(x: np.ndarray) -> tuple[np.ndarray, int]:
    spatial = 1 if x.ndim == 1 else 2
    return (x[..., None] if x.ndim == spatial else x), spatial


def max_pool(x, size, *, stride=None, padding: str = "valid") -> np.ndarray:
    """Largest value in each window; padded cells never win."""
    return _pool_windows(x, "max", size, stride=stride, padding=padding)


def avg_pool(x, size, *, stride=None, padding: str = "valid") -> np.ndarray:
    """Mean of each window over its real (unpadded) cells, as TensorFlow does."""
    return _pool_windows(x, "avg", size, stride=stride, padding=padding)


def _pool_windows(x, kind: str, size, *, stride, padding: str) -> np.ndarray:
    """``max_pool`` / ``avg_pool``."""
    x = _as_pool_input(x)
    xc, spatial = _channels_last(x)
    g = pool_geometry(xc.shape[:spatial], size, stride=stride, padding=padding)
    if kind == "max":
        fill = -np.inf if xc.dtype.kind == "f" else np.iinfo(xc.dtype).min
        xp = pad_input(xc, g.pads, "zeros", value=fill)
        out = _separable_windows(xp, g, np.maximum, np.empty(g.out_shape + xc.shape[-1:], dtype=xc.dtype))
    else:
        dtype = xc.dtype if xc.dtype.kind == "f" else np.dtype(np.float64)
        xp = pad_input(xc.astype(dtype, copy=False), g.pads, "zeros")
        if any(b or a for b, a in g.pads):
            # Divide by the real cells of each window: pool a padded mask of ones the same way.
            ones = pad_input(np.ones(xc.shape[:spatial] + (1,), dtype=dtype), g.pads, "zeros")
            counts = _separable_windows(ones, g, np.add, np.empty(g.out_shape + (1,), dtype=dtype))
            divide = lambda band, rows: np.divide(band, counts[rows], out=band)  # noqa: E731
        else:
            cells = dtype.type(math.prod(g.kernel_shape))
            divide = lambda band, rows: np.divide(band, cells, out=band)  # noqa: E731
        out = _separable_windows(xp, g, np.add, np.empty(g.out_shape + xc.shape[-1:], dtype=dtype), divide)
    return out if x.ndim > spatial else out[..., 0]


def pooled_box(in_shape, size, box, *, stride=None, padding: str = "valid"):
    """The pooled outputs whose window covers a cell of ``box`` (first and last row, then
    column of a 2D map, inclusive), as the same kind of box; None when no window does."""
    return pool_geometry(tuple(in_shape), size, stride=stride, padding=padding).outputs_reading(tuple(box))


def global_max_pool(x) -> np.ndarray:
    """Max over all spatial positions: a scalar, or one value per channel."""
    x = _as_pool_input(x)
    if x.ndim == 3:
        return x.max(axis=(0, 1))
    return x.max()


def global_avg_pool(x) -> np.ndarray:
    """Mean over all spatial positions: a scalar, or one value per channel."""
    x = _as_pool_input(x)
    if x.ndim == 3:
        return x.mean(axis=(0, 1))
    return x.mean()


def block_extremes(x, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Each ``step`` x ``step`` block of a 2D map as its smallest and its largest cell.

    A map shrunk for a screen that has fewer pixels than the map has cells: the
    views draw each block as whichever extreme matters, so one strong cell
    still shows in a thumbnail (plain subsampling would drop it).  The largest
    is max pooling with size and stride ``step``, padding 'valid' (a partial last
    block is left out).  An axis shorter than ``step`` (a 1D signal drawn as one
    row) is not shrunk.
    """
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"block_extremes needs a 2D map, got shape {x.shape}")
    return _block_extremes(x, *_block_steps(x.shape, step))


def extremes_with_blocks(x, low: np.ndarray, high: np.ndarray, step: int) -> tuple:
    """The smallest and the largest cell of 2D map ``x``, given its ``block_extremes(x, step)``:
    read from those few numbers and the cells the whole blocks leave out (a partial last row
    or column of blocks), not from two more passes over the whole map.  NaN, if any, comes
    out as ``x.min()`` and ``x.max()`` give it."""
    x = np.asarray(x)
    sy, sx = _block_steps(x.shape, step)
    h, w = low.shape[0] * sy, low.shape[1] * sx
    parts = [p for p in (x[h:, :], x[:h, w:]) if p.size]
    lows = [low.min()] * bool(low.size) + [p.min() for p in parts]
    highs = [high.max()] * bool(high.size) + [p.max() for p in parts]
    return np.min(lows), np.max(highs)


def _block_steps(shape, step: int) -> tuple[int, int]:
    return tuple(max(1, min(int(step), n)) for n in shape)


def _block_extremes(x: np.ndarray, sy: int, sx: int) -> tuple[np.ndarray, np.ndarray]:
    h, w = (x.shape[0] // sy) * sy, (x.shape[1] // sx) * sx
    # Rows first (whole contiguous rows folded with ufuncs), then columns of the
    # step-times-smaller result: every cell read once, no reduction over a strided axis.
    hi = x[0:h:sy, :w].copy()
    lo = hi.copy()
    for dy in range(1, sy):
        np.maximum(hi, x[dy:h:sy, :w], out=hi)
        np.minimum(lo, x[dy:h:sy, :w], out=lo)
    if sx == 1:
        return lo, hi
    hi2, lo2 = hi[:, 0::sx].copy(), lo[:, 0::sx].copy()
    for dx in range(1, sx):
        np.maximum(hi2, hi[:, dx::sx], out=hi2)
        np.minimum(lo2, lo[:, dx::sx], out=lo2)
    return lo2, hi2
