"""The Python API's arguments: the command line's op options as keywords, and arrays (or
file names, as the command line reads them) as the pipeline's operands.

Shared by ``convviz.explain`` (convviz.api) and ``convviz.show`` (convviz.viewer), which both
sit above it: neither imports the other for these.
"""

from __future__ import annotations

import os

import numpy as np

from convviz.model.settings import OpSettings

__all__ = ["is_integer", "op_settings", "operands"]


def op_settings(*, op: str = "correlate", padding="valid", same: str = "tensorflow", boundary: str = "zeros",
                stride: int = 1, dilation: int = 1, activation: str = "none", pool: str = "none",
                pool_size: int = 2, pool_stride: int | None = None, pool_padding: str = "valid",
                output_padding: int | None = None) -> OpSettings:
    """The command line's op options as keywords, checked by the rules the window and the CLI share
    (``OpSettings.validate``); ``padding`` is valid, same, full, a non-negative integer (every side)
    or four integers (top, bottom, left, right). Raises ValueError with a one-line message."""
    explicit = (1, 1, 1, 1)
    if isinstance(padding, (int, np.integer)) and not isinstance(padding, bool):
        padding, explicit = "explicit", (int(padding),) * 4
    elif isinstance(padding, (tuple, list)):
        if len(padding) != 4 or not all(isinstance(p, (int, np.integer)) for p in padding):
            raise ValueError(f"padding needs four integers (top, bottom, left, right), got {padding!r}")
        padding, explicit = "explicit", tuple(int(p) for p in padding)
    elif padding not in ("valid", "same", "full"):
        raise ValueError(f"unknown padding {padding!r}; expected valid, same, full or an integer")
    if any(p < 0 for p in explicit):
        raise ValueError(f"padding must not be negative, got {padding if padding != 'explicit' else explicit}")
    if pool_stride is not None and not (is_integer(pool_stride) and pool_stride >= 1):
        raise ValueError(f"pool stride must be a positive integer, got {pool_stride!r}")
    return OpSettings(
        op=op, padding=padding, explicit_pad=explicit, same=same, boundary=boundary,
        stride=_plain(stride), dilation=_plain(dilation), activation=activation, pool=pool,
        pool_size=_plain(pool_size), pool_stride=0 if pool_stride is None else int(pool_stride),
        pool_padding=pool_padding, output_padding=None if output_padding is None else _plain(output_padding),
    ).validate()


def is_integer(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _plain(v):
    """NumPy integers as Python ints (validate wants int); anything else as it is, for its message."""
    return int(v) if is_integer(v) else v


def _numeric(arr, name: str) -> np.ndarray:
    arr = np.asarray(arr)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold numbers, got {arr.dtype}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def operands(x, kernel, bias=0.0, *, groups=1):
    """(x, kernels, biases) as the pipeline takes them, from arrays (or a file name for ``x``, a
    preset name, matrix text or file for ``kernel``, as the command line reads them).

    ``x``: (W,), (H, W) or (H, W, C); ``kernel``: (k,), (kh, kw), (kh, kw, C) or a Keras bank
    (kh, kw, C, F); ``bias``: one number, or one per filter of a bank."""
    from convviz.io.inputs import load_input, load_kernel

    if isinstance(x, (str, os.PathLike)):
        x = load_input(x)
    if isinstance(kernel, str) or isinstance(kernel, os.PathLike):
        kernel = load_kernel(os.fspath(kernel))
    x = _numeric(x, "x")
    if x.ndim not in (1, 2, 3):
        raise ValueError(f"x must be (W,), (H, W) or (H, W, C), got shape {x.shape}")
    k = _numeric(kernel, "the kernel").astype(np.float64)
    if x.ndim == 1:
        if k.ndim == 2 and k.shape[0] == 1:
            k = k.reshape(-1)
        if k.ndim != 1:
            raise ValueError(f"a 1D input needs a 1D kernel, got shape {k.shape}")
        kernels = [k]
    elif k.ndim == 4:
        kernels = [k[..., f] for f in range(k.shape[-1])]
    elif k.ndim == 1:
        kernels = [k[None, :]]
    else:
        kernels = [k]
    channels = x.shape[2] if x.ndim == 3 else 1
    if channels == 1 and kernels[0].ndim == 3 and kernels[0].shape[2] == 1:
        kernels = [k[:, :, 0] for k in kernels]  # a Keras bank for one channel: plain 2D kernels, as the window's
    if groups != 1:
        return _grouped(x, kernels, bias, groups, channels)
    if kernels[0].ndim == 3 and kernels[0].shape[2] != channels:
        raise ValueError(f"the kernel has {kernels[0].shape[2]} channels and x has {channels}")
    return x, kernels, _biases(bias, len(kernels))


def _biases(bias, filters: int) -> list[float]:
    """One finite bias per filter, from one number or a sequence of them."""
    biases = np.atleast_1d(np.asarray(bias, dtype=np.float64))
    if biases.size == 1:
        biases = np.repeat(biases, filters)
    if biases.ndim != 1 or biases.size != filters or not np.isfinite(biases).all():
        raise ValueError(f"bias must be one finite number or one per filter ({filters}), got {bias!r}")
    return [float(b) for b in biases]


def _grouped(x, kernels, bias, groups, channels):
    """(x, kernels, biases) of a grouped or depthwise convolution, every kernel across all the channels
    (convviz.model.groups); the caller sets the settings' groups."""
    from convviz.model.groups import grouped_operands
    from convviz.model.settings import OpSettings

    given = np.stack(kernels, axis=-1) if kernels[0].ndim == 3 else kernels[0]
    full, _ = grouped_operands(x, given, kernels, groups, OpSettings())
    return x, full, _biases(bias, len(full))
