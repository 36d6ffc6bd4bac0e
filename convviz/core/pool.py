"""Max and average pooling with TensorFlow semantics.

* ``stride`` defaults to the window size.
* ``padding="same"`` pads as tf.nn.max_pool2d / avg_pool2d do (extra cell
  after); padded cells never win a max and are left out of an average's
  divisor.  ``"valid"`` drops windows that would hang over the edge.

Input is ``(W,)``, ``(H, W)`` or channels-last ``(H, W, C)``; channels are
pooled independently.
"""

from __future__ import annotations

import numpy as np

from .padding import ConvGeometry, conv_geometry, pad_input

__all__ = [
    "POOL_KINDS",
    "avg_pool",
    "global_avg_pool",
    "global_max_pool",
    "max_pool",
    "pool",
    "pool_geometry",
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
            raise ValueError(
                f"the pooling window ({s}) is larger than the map ({n}) with 'valid' padding"
            )
    return conv_geometry(in_shape, sizes, padding.lower(), stride=stride, same="tensorflow")


def _windows(x: np.ndarray, g: ConvGeometry, fill) -> np.ndarray:
    """Strided window view ``(*out, C, *window)`` over ``x`` padded with ``fill``."""
    spatial = len(g.out_shape)
    xp = pad_input(x, g.pads, "zeros", value=fill)
    view = np.lib.stride_tricks.sliding_window_view(xp, g.kernel_shape, axis=tuple(range(spatial)))
    return view[tuple(slice(None, None, s) for s in g.stride)][
        tuple(slice(0, o) for o in g.out_shape)
    ]


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
    x = _as_pool_input(x)
    xc, spatial = _channels_last(x)
    g = pool_geometry(xc.shape[:spatial], size, stride=stride, padding=padding)
    fill = -np.inf if xc.dtype.kind == "f" else np.iinfo(xc.dtype).min
    windows = _windows(xc, g, fill)
    out = windows.max(axis=tuple(range(-spatial, 0)))
    return out if x.ndim > spatial else out[..., 0]


def avg_pool(x, size, *, stride=None, padding: str = "valid") -> np.ndarray:
    """Mean of each window over its real (unpadded) cells, as TensorFlow does."""
    x = _as_pool_input(x)
    xc, spatial = _channels_last(x)
    g = pool_geometry(xc.shape[:spatial], size, stride=stride, padding=padding)
    dtype = xc.dtype if xc.dtype.kind == "f" else np.float64
    xf = xc.astype(dtype, copy=False)
    axes = tuple(range(-spatial, 0))
    sums = _windows(xf, g, 0).sum(axis=axes)
    counts = _windows(np.ones(xc.shape[:spatial] + (1,), dtype=dtype), g, 0).sum(axis=axes)
    out = sums / counts
    return out if x.ndim > spatial else out[..., 0]


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
