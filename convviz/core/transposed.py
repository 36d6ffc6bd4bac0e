"""Transposed convolution (Keras ``Conv2DTranspose`` / ``Conv1DTranspose``, ``tf.nn.conv2d_transpose``).

Read as a scatter, each input cell stamps ``input × kernel`` onto the output, ``stride`` cells apart, and
the stamps add where they overlap; the output is that sum with ``before`` cells cropped from its start.
Read as data, the same numbers are an ordinary correlation: zeros inserted between the input cells
(``zero_inserted``), padded (``TransposedGeometry.equivalent_pads``) and correlated with the kernel
flipped on its spatial axes.  convviz computes it with :func:`convviz.core.correlate` (one convolution
engine), one correlation per phase of the stride so that no inserted zero is multiplied (``scatter``).

Shapes (channels last; the kernel in Keras's transposed layout ``(..., out_channels, in_channels)``)::

    x (W,)       kernel (k,)              -> (W',)
    x (W, C)     kernel (k, F, C)         -> (W', F)      Conv1DTranspose
    x (H, W)     kernel (kh, kw)          -> (H', W')
    x (H, W, C)  kernel (kh, kw, F, C)    -> (H', W', F)  Conv2DTranspose

That layout is a forward Conv2D kernel ``(kh, kw, in, out)`` read the other way round: the transposed
convolution with a Conv2D's kernel maps its output's shape back to its input's (see ``backward.py``).

Output length per axis, with ``k_eff = (k - 1) * dilation + 1`` (Keras's ``deconv_output_length``):

* 'valid': ``N * s + max(k_eff - s, 0)``; with ``output_padding`` p: ``(N - 1) * s + k_eff + p``.
* 'same': ``N * s``; with p: ``(N - 1) * s + k_eff - 2 * (k_eff // 2) + p``.  The crop is TensorFlow's
  'SAME' padding of the convolution that maps that output back to the input: ``total // 2`` before.
* explicit ``(before, after)``: ``(N - 1) * s + k_eff - before - after + p``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from .conv import as_numeric, correlate, flip_kernel
from .padding import ceil_div, normalize_ints

__all__ = [
    "TransposedGeometry",
    "conv_transpose",
    "overlap_counts",
    "transposed_geometry",
    "zero_inserted",
]


@dataclass(frozen=True)
class TransposedGeometry:
    """Where a transposed convolution's stamps land: everything but the numbers."""

    in_shape: tuple[int, ...]
    kernel_shape: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    crop: tuple[tuple[int, int], ...]  # cells removed from the whole scatter, before and after
    output_padding: tuple[int, ...]
    out_shape: tuple[int, ...]

    @property
    def effective_kernel(self) -> tuple[int, ...]:
        return tuple((k - 1) * d + 1 for k, d in zip(self.kernel_shape, self.dilation))

    @property
    def scatter_shape(self) -> tuple[int, ...]:
        """The extent of every stamp before cropping: ``(N - 1) * s + k_eff`` per axis."""
        return tuple((n - 1) * s + k for n, s, k in zip(self.in_shape, self.stride, self.effective_kernel))

    @property
    def zero_inserted_shape(self) -> tuple[int, ...]:
        return tuple((n - 1) * s + 1 for n, s in zip(self.in_shape, self.stride))

    @property
    def equivalent_pads(self) -> tuple[tuple[int, int], ...]:
        """Padding of ``zero_inserted(x)`` under which a 'valid' correlation with the flipped kernel (same
        dilation) gives this transposed convolution.  Negative where the crop reaches past the kernel's
        reach (explicit padding wider than ``k_eff - 1``): those cells are cut from the input instead."""
        pads = []
        for k, (before, _), out, z in zip(self.effective_kernel, self.crop, self.out_shape, self.zero_inserted_shape):
            pad_before = k - 1 - before
            pads.append((pad_before, out + k - 1 - z - pad_before))
        return tuple(pads)


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _explicit_pads(padding, ndim: int) -> tuple[tuple[int, int], ...]:
    """(before, after) per axis from an int, a 1D pair, or one int or pair per axis."""
    def pair(item, axis):
        if _is_int(item):
            item = (item, item)
        try:
            before, after = item
        except (TypeError, ValueError):
            raise ValueError(f"padding for axis {axis} must be an integer or a (before, after) pair, "
                             f"got {item!r}") from None
        if not (_is_int(before) and _is_int(after)) or before < 0 or after < 0:
            raise ValueError(f"padding must hold non-negative integers, got {item!r} on axis {axis}")
        return int(before), int(after)

    if _is_int(padding):
        return tuple(pair(padding, axis) for axis in range(ndim))
    try:
        items = list(padding)
    except TypeError:
        raise ValueError(f"unknown padding {padding!r}; expected 'valid', 'same', an integer "
                         "or (before, after) pairs") from None
    if ndim == 1 and len(items) == 2 and all(_is_int(i) for i in items):
        return (pair(tuple(items), 0),)
    if len(items) != ndim:
        raise ValueError(f"padding needs one entry per spatial axis ({ndim}), got {padding!r}")
    return tuple(pair(item, axis) for axis, item in enumerate(items))


def transposed_geometry(
    in_shape,
    kernel_shape,
    *,
    strides=1,
    padding="valid",
    output_padding=None,
    dilation=1,
) -> TransposedGeometry:
    """Output shape and crop of a transposed convolution over the spatial ``in_shape``.

    Raises ``ValueError`` naming the problem (output padding not below the stride, as Keras requires;
    an output that would be empty; a 'same' output padding TensorFlow cannot map back to the input).
    """
    in_shape = tuple(int(n) for n in in_shape)
    kernel_shape = tuple(int(k) for k in kernel_shape)
    ndim = len(in_shape)
    if len(kernel_shape) != ndim:
        raise ValueError(f"the kernel has {len(kernel_shape)} spatial axes but the input has {ndim}")
    if any(n < 1 for n in in_shape):
        raise ValueError(f"the input is empty (shape {in_shape})")
    if any(k < 1 for k in kernel_shape):
        raise ValueError(f"the kernel is empty (shape {kernel_shape})")
    strides = normalize_ints(strides, ndim, "stride")
    dilations = normalize_ints(dilation, ndim, "dilation")
    if output_padding is None:
        extra = None
    else:
        extra = (int(output_padding),) * ndim if _is_int(output_padding) else tuple(output_padding)
        if len(extra) != ndim or not all(_is_int(p) for p in extra):
            raise ValueError(f"output_padding must be an integer or {ndim} of them, got {output_padding!r}")
        for p, s in zip(extra, strides):
            if p < 0 or p >= s:
                raise ValueError(f"output_padding must be at least 0 and less than the stride ({s}), got {p}")
    k_eff = [(k - 1) * d + 1 for k, d in zip(kernel_shape, dilations)]
    name = padding.lower() if isinstance(padding, str) else None
    if name is not None and name not in ("valid", "same"):
        raise ValueError(f"unknown padding {padding!r}; expected 'valid', 'same', an integer or (before, after) pairs")
    explicit = None if name else _explicit_pads(padding, ndim)

    crops, outs = [], []
    for axis in range(ndim):
        n, s, k = in_shape[axis], strides[axis], k_eff[axis]
        p = None if extra is None else extra[axis]
        if name == "valid":
            out = n * s + max(k - s, 0) if p is None else (n - 1) * s + k + p
            before = 0
        elif name == "same":
            out = n * s if p is None else (n - 1) * s + k - 2 * (k // 2) + p
            if out < 1 or ceil_div(out, s) != n:
                raise ValueError(
                    f"output_padding {p} gives an output of {out} on axis {axis}, which a 'same' convolution "
                    f"with stride {s} does not map back to the input's {n}; TensorFlow refuses it too"
                )
            before = max((n - 1) * s + k - out, 0) // 2
        else:
            before, after = explicit[axis]
            out = (n - 1) * s + k - before - after + (p or 0)
            if out < 1:
                raise ValueError(f"padding {explicit[axis]} crops away the whole output on axis {axis} "
                                 f"(the stamps span {(n - 1) * s + k} cells)")
        outs.append(out)
        crops.append((before, (n - 1) * s + k - before - out))
    return TransposedGeometry(
        in_shape, kernel_shape, strides, dilations, tuple(crops),
        tuple(extra) if extra is not None else (0,) * ndim, tuple(outs),
    )


def zero_inserted(x, strides, *, spatial_ndim: int | None = None) -> np.ndarray:
    """``x`` with ``stride - 1`` zeros between neighbouring cells on each spatial (leading) axis.

    ``spatial_ndim`` defaults to the number of strides given, or for a single int to 1 for a 1D ``x``
    and 2 otherwise.  Trailing (channel) axes are left alone.
    """
    x = np.asarray(x)
    if spatial_ndim is None:
        spatial_ndim = len(strides) if not _is_int(strides) else (1 if x.ndim == 1 else 2)
    strides = normalize_ints(strides, spatial_ndim, "stride")
    shape = tuple((n - 1) * s + 1 for n, s in zip(x.shape[:spatial_ndim], strides)) + x.shape[spatial_ndim:]
    out = np.zeros(shape, dtype=x.dtype)
    out[tuple(slice(None, None, s) for s in strides)] = x
    return out


def _canonical(x: np.ndarray, w: np.ndarray):
    """``x (H, W, C)``, ``w (kh, kw, F, C)`` (1D as one row), and how to shape the result back."""
    if w.ndim == 1:
        if x.ndim != 1:
            raise ValueError(f"a 1D kernel (k,) needs a 1D input (W,), got shape {x.shape}")
        return x[None, :, None], w[None, :, None, None], 1, lambda y: y[0, :, 0]
    if w.ndim == 2:
        if not (x.ndim == 2 or (x.ndim == 3 and x.shape[-1] == 1)):
            raise ValueError(f"a (kh, kw) kernel needs an (H, W) input, got shape {x.shape}; "
                             "give a (kh, kw, out_channels, in_channels) kernel for channels")
        xc = x if x.ndim == 3 else x[..., None]
        return xc, w[:, :, None, None], 2, lambda y: y[..., 0]
    if w.ndim == 3:
        if x.ndim == 1 and w.shape[2] == 1:
            x = x[:, None]
        if x.ndim != 2:
            raise ValueError(f"a 1D transposed kernel (k, out_channels, in_channels) needs an input (W, C), "
                             f"got shape {x.shape}")
        xc, wc, spatial = x[None], w[None], 1
        keep = lambda y: y[0]  # noqa: E731 - one expression, named for symmetry with the others
    elif w.ndim == 4:
        if x.ndim == 2 and w.shape[3] == 1:
            x = x[..., None]
        if x.ndim != 3:
            raise ValueError(f"a 2D transposed kernel (kh, kw, out_channels, in_channels) needs an input "
                             f"(H, W, C), got shape {x.shape}")
        xc, wc, spatial, keep = x, w, 2, (lambda y: y)
    else:
        raise ValueError(f"the kernel must be (k,), (k, F, C), (kh, kw) or (kh, kw, F, C); got shape {w.shape}")
    if wc.shape[3] != xc.shape[-1]:
        raise ValueError(f"the kernel takes {wc.shape[3]} input channels but the input has {xc.shape[-1]}")
    return xc, wc, spatial, keep


def _axis_args(value, spatial: int, fill):
    """A per-axis argument for the 1D case carried as 2D: the dummy leading axis gets ``fill``."""
    if spatial == 2 or value is None:
        return value
    if isinstance(value, str):
        return value
    if _is_int(value):
        return (fill, int(value))
    items = tuple(value)
    if len(items) == 1:
        return (fill, items[0])
    if len(items) == 2 and all(_is_int(i) for i in items) and fill == (0, 0):
        return ((0, 0), items)  # a bare (before, after) pair of 1D padding
    return (fill,) + items


@dataclass(frozen=True)
class _Phase:
    """The output cells ``o ≡ first (mod stride)`` along one axis and the kernel taps that reach them."""

    taps: list[int]  # kernel taps t with t·dilation ≡ first + before (mod stride), ascending
    dilation: int  # the spacing of those taps' input cells
    pads: tuple[int, int]  # padding of the input for their correlation
    keep: slice  # the correlation's outputs that are these cells
    cells: slice  # these cells in the output


def _phases(n: int, k: int, s: int, d: int, before: int, out: int) -> list[_Phase]:
    """Output cell ``o`` is stamp cell ``q = o + before``; with ``q = m·s + r`` it gathers ``x[m - j]·w[t]``
    over the taps with ``t·d = r + j·s``.  Those taps are evenly spaced, so each residue ``r`` is an ordinary
    correlation of the input (no zeros inserted) with its taps flipped."""
    phases = []
    for r in range(s):
        taps = [t for t in range(k) if (t * d - r) % s == 0]
        first = (r - before) % s
        if not taps or first >= out:
            continue  # no tap reaches these cells (a kernel shorter than the stride): they stay 0
        count = len(range(first, out, s))
        m_first = (first + before - r) // s
        j = [(t * d - r) // s for t in taps]
        spacing = j[1] - j[0] if len(j) > 1 else 1
        reach = (len(j) - 1) * spacing
        p_first = m_first - j[0] - reach  # the correlation's window for m starts at input cell p
        p_last = p_first + count - 1
        pads = (max(0, -p_first), max(0, p_last + reach + 1 - n))
        phases.append(_Phase(taps, spacing, pads, slice(p_first + pads[0], p_last + pads[0] + 1),
                             slice(first, out, s)))
    return phases


def scatter(x: np.ndarray, w: np.ndarray, g: TransposedGeometry) -> np.ndarray:
    """The transposed convolution of canonical ``x (H, W, C)`` with ``w (kh, kw, F, C)`` under ``g`` (2D
    geometry), phase by phase: the output cells of one residue modulo the stride per axis, each an ordinary
    correlation of ``x`` with the flipped taps that reach them.  The same sums as the zero-inserted view, with
    none of its ``stride²``-fold multiplications by inserted zeros."""
    dtype = np.result_type(x, w)
    dtype = np.dtype(np.int64) if dtype.kind in "iu" else (np.dtype(np.float32) if dtype == np.float16 else dtype)
    out = np.zeros(g.out_shape + (w.shape[2],), dtype=dtype)
    rows, cols = (_phases(n, k, s, d, b, o) for n, k, s, d, (b, _), o in
                  zip(g.in_shape, g.kernel_shape, g.stride, g.dilation, g.crop, g.out_shape))
    for row in rows:
        for col in cols:
            taps = w[np.ix_(row.taps, col.taps)]  # (u, v, F, C)
            bank = np.swapaxes(flip_kernel(taps, 2), 2, 3)  # (u, v, C, F): a forward correlation's bank
            sums = correlate(x, bank, padding=(row.pads, col.pads), dilation=(row.dilation, col.dilation))
            out[row.cells, col.cells] = sums[row.keep, col.keep]
    return out


def conv_transpose(
    x,
    w,
    *,
    strides=1,
    padding="valid",
    output_padding=None,
    dilation=1,
    bias=None,
) -> np.ndarray:
    """Transposed convolution, equal to Keras ``Conv2DTranspose`` / ``Conv1DTranspose`` and
    ``tf.nn.conv2d_transpose`` (see the module's docstring for shapes and output lengths).

    ``padding``: 'valid', 'same', an int, or (before, after) per axis (cells cropped from the stamps'
    whole extent, as tf.nn.conv2d_transpose's explicit padding).  ``bias``: one value per output channel.
    """
    x = as_numeric(x, "the input")
    w = as_numeric(w, "the kernel")
    if w.size and not np.all(np.isfinite(w)):
        raise ValueError("the kernel contains NaN or infinite values")
    xc, wc, spatial, keep = _canonical(x, w)
    if spatial == 1:  # checked as given first, so a message names the signal's axis, not the one-row image's
        transposed_geometry(xc.shape[1:2], wc.shape[1:2], strides=strides, padding=padding,
                            output_padding=output_padding, dilation=dilation)
    g = transposed_geometry(
        xc.shape[:2], wc.shape[:2],
        strides=_axis_args(strides, spatial, 1),
        padding=_axis_args(padding, spatial, (0, 0)),
        output_padding=_axis_args(output_padding, spatial, 0),
        dilation=_axis_args(dilation, spatial, 1),
    )
    y = scatter(xc, wc, g)
    if bias is not None:
        b = as_numeric(bias, "the bias").reshape(-1)
        if b.size not in (1, y.shape[-1]):
            raise ValueError(f"the bias needs one value per output channel ({y.shape[-1]}), got {b.size}")
        y = y + b.astype(np.result_type(y, b), copy=False)
    return keep(y)


def overlap_counts(
    in_shape,
    kernel_shape,
    *,
    strides=1,
    padding="valid",
    output_padding=None,
    dilation=1,
) -> np.ndarray:
    """For each output cell, how many (input cell, kernel tap) pairs stamp it (int64).

    Uneven counts in a regular pattern are the checkerboard of a kernel not divisible by the stride.
    ``in_shape`` and ``kernel_shape`` are spatial only: ``(W,)`` and ``(k,)``, or ``(H, W)`` and ``(kh, kw)``.
    """
    in_shape, kernel_shape = tuple(in_shape), tuple(kernel_shape)
    if len(in_shape) not in (1, 2) or len(kernel_shape) != len(in_shape):
        raise ValueError(f"overlap_counts needs spatial shapes of 1 or 2 axes, got {in_shape} and {kernel_shape}")
    return conv_transpose(
        np.ones(in_shape, dtype=np.int64), np.ones(kernel_shape, dtype=np.int64),
        strides=strides, padding=padding, output_padding=output_padding, dilation=dilation,
    )
