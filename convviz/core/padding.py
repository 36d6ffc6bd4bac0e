"""Padding, output geometry and boundary values.

Everything that decides *where* a kernel sits lives here, so the fast path,
the step trace and the views all agree on one geometry:

* ``resolve_padding`` turns "valid" | "same" | "full" | int | (before, after)
  pairs into explicit ``(before, after)`` amounts per spatial axis.
* ``conv_geometry`` adds the output shape:
  ``out = floor((N + before + after - k_eff) / stride) + 1`` with
  ``k_eff = (k - 1) * dilation + 1``.
* ``pad_input`` and ``boundary_source`` realise the boundary modes (zeros,
  reflect, replicate, circular) for whole arrays and for single taps.

Two conventions exist for 'same' when the total padding is odd:

* ``same="tensorflow"`` -- ``out = ceil(N / stride)``,
  ``total = max((out - 1) * stride + k_eff - N, 0)``, ``before = total // 2``;
  the extra cell goes *after*.  This is tf.nn.conv2d 'SAME', Keras
  ``padding="same"`` and ``scipy.signal.correlate2d(mode="same")``.
* ``same="centered"`` -- ``total = k_eff - 1``, ``before = ceil(total / 2)``;
  the extra cell goes *before*.  This is ``numpy.correlate`` and
  ``scipy.signal.correlate`` / ``convolve`` with ``mode="same"``.
"""

from __future__ import annotations

import functools
import numbers
from dataclasses import dataclass
from typing import Sequence, Union

import numpy as np

from .messages import TextError

__all__ = [
    "BOUNDARIES",
    "PADDING_NAMES",
    "SAME_CONVENTIONS",
    "ConvGeometry",
    "PaddingSpec",
    "boundary_source",
    "conv_geometry",
    "normalize_ints",
    "pad_input",
    "resolve_padding",
]

PADDING_NAMES = ("valid", "same", "full")
SAME_CONVENTIONS = ("tensorflow", "centered")
#: boundary name -> numpy.pad mode.  'reflect' mirrors without repeating the
#: edge cell (numpy 'reflect', PyTorch padding_mode='reflect').
BOUNDARIES = {
    "zeros": "constant",
    "reflect": "reflect",
    "replicate": "edge",
    "circular": "wrap",
}

PaddingSpec = Union[str, int, Sequence[Union[int, Sequence[int]]]]


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def normalize_ints(value, ndim: int, name: str) -> tuple[int, ...]:
    """Per-axis positive integers from an int or a sequence of ``ndim`` ints."""
    if _is_int(value):
        values = (int(value),) * ndim
    else:
        try:
            values = tuple(value)
        except TypeError:
            raise ValueError(f"{name} must be a positive integer, got {value!r}") from None
        if len(values) != ndim or not all(_is_int(v) for v in values):
            raise ValueError(
                f"{name} must be a positive integer or {ndim} of them, got {value!r}"
            )
        values = tuple(int(v) for v in values)
    for v in values:
        if v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v}")
    return values


def _pair(item, axis: int) -> tuple[int, int]:
    if _is_int(item):
        before = after = int(item)
    else:
        try:
            before, after = item
        except (TypeError, ValueError):
            raise ValueError(
                f"padding for axis {axis} must be an integer or a (before, after) pair, got {item!r}"
            ) from None
        if not (_is_int(before) and _is_int(after)):
            raise ValueError(
                f"padding for axis {axis} must hold integers, got {item!r}"
            )
        before, after = int(before), int(after)
    if before < 0 or after < 0:
        raise ValueError(f"padding must not be negative, got {item!r} on axis {axis}")
    return before, after


def resolve_padding(
    in_shape: Sequence[int],
    kernel_shape: Sequence[int],
    padding: PaddingSpec = "valid",
    *,
    stride=1,
    dilation=1,
    same: str = "tensorflow",
) -> tuple[tuple[int, int], ...]:
    """Explicit ``(before, after)`` padding for each spatial axis.

    ``padding`` is "valid", "same", "full", one int for every side, or one
    entry per axis, each an int or a ``(before, after)`` pair.  For 1D input a
    bare ``(before, after)`` pair is accepted too.
    """
    ndim = len(in_shape)
    if len(kernel_shape) != ndim:
        raise ValueError(
            f"kernel has {len(kernel_shape)} spatial axes but the input has {ndim}"
        )
    strides = normalize_ints(stride, ndim, "stride")
    dilations = normalize_ints(dilation, ndim, "dilation")
    if same not in SAME_CONVENTIONS:
        raise ValueError(
            f"unknown 'same' convention {same!r}; expected 'tensorflow' or 'centered'"
        )
    k_eff = [(k - 1) * d + 1 for k, d in zip(kernel_shape, dilations)]

    if isinstance(padding, str):
        name = padding.lower()
        if name == "valid":
            return tuple((0, 0) for _ in range(ndim))
        if name == "full":
            return tuple((k - 1, k - 1) for k in k_eff)
        if name == "same":
            pads = []
            for n, k, s in zip(in_shape, k_eff, strides):
                if same == "tensorflow":
                    out = ceil_div(n, s)
                    total = max((out - 1) * s + k - n, 0)
                    pads.append((total // 2, total - total // 2))
                else:
                    total = k - 1
                    before = ceil_div(total, 2)
                    pads.append((before, total - before))
            return tuple(pads)
        raise ValueError(
            f"unknown padding {padding!r}; expected 'valid', 'same', 'full', "
            "an integer or (before, after) pairs"
        )
    if _is_int(padding):
        return tuple(_pair(padding, axis) for axis in range(ndim))
    if isinstance(padding, (bool, float)) or padding is None:
        raise ValueError(
            f"unknown padding {padding!r}; expected 'valid', 'same', 'full', "
            "an integer or (before, after) pairs"
        )
    try:
        items = list(padding)
    except TypeError:
        raise ValueError(f"unknown padding {padding!r}") from None
    if ndim == 1 and len(items) == 2 and all(_is_int(i) for i in items):
        return (_pair(tuple(items), 0),)
    if len(items) != ndim:
        raise ValueError(
            f"padding needs one entry per spatial axis ({ndim}), got {padding!r}"
        )
    return tuple(_pair(item, axis) for axis, item in enumerate(items))


@dataclass(frozen=True)
class ConvGeometry:
    """Where a sliding window sits: everything but the numbers."""

    in_shape: tuple[int, ...]
    kernel_shape: tuple[int, ...]
    pads: tuple[tuple[int, int], ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    out_shape: tuple[int, ...]

    @property
    def effective_kernel(self) -> tuple[int, ...]:
        return tuple((k - 1) * d + 1 for k, d in zip(self.kernel_shape, self.dilation))

    @property
    def padded_shape(self) -> tuple[int, ...]:
        return tuple(n + b + a for n, (b, a) in zip(self.in_shape, self.pads))

    def outputs_reading(self, box) -> tuple[int, ...] | None:
        """The outputs whose window reaches a cell of ``box`` (first and last index per axis,
        inclusive, unpadded input coordinates), as the same kind of box; None when no window
        does.  The convolution's counterpart of :func:`convviz.core.pool.pooled_box`."""
        out = []
        for axis, (lo, hi) in enumerate(zip(box[0::2], box[1::2])):
            k, s, before, n = self.effective_kernel[axis], self.stride[axis], self.pads[axis][0], self.out_shape[axis]
            # Output o reads input cells o*s - before .. o*s - before + k - 1.
            first, last = max(0, -(-(lo + before - k + 1) // s)), min(n - 1, (hi + before) // s)
            if first > last:
                return None
            out += [first, last]
        return tuple(out)

    def cells_read(self, out_box) -> tuple[int, ...]:
        """The input cells (first and last per axis, inclusive; outside 0..n-1 where the
        window reads padding) that the outputs in ``out_box`` read."""
        out = []
        for axis, (first, last) in enumerate(zip(out_box[0::2], out_box[1::2])):
            k, s, before = self.effective_kernel[axis], self.stride[axis], self.pads[axis][0]
            out += [first * s - before, last * s - before + k - 1]
        return tuple(out)

    def formula(self, axis: int) -> str:
        """The output-size formula for one axis with its numbers filled in."""
        n, (b, a) = self.in_shape[axis], self.pads[axis]
        k, d, s = self.kernel_shape[axis], self.dilation[axis], self.stride[axis]
        k_eff = (k - 1) * d + 1
        return (
            f"floor(({n} + {b} + {a} - {k_eff}) / {s}) + 1 = {self.out_shape[axis]}"
        )


def conv_geometry(
    in_shape: Sequence[int],
    kernel_shape: Sequence[int],
    padding: PaddingSpec = "valid",
    *,
    stride=1,
    dilation=1,
    same: str = "tensorflow",
) -> ConvGeometry:
    """Resolved pads and output shape of a sliding-window op over ``in_shape``.

    Raises ``ValueError`` when the window does not fit, e.g. a kernel larger
    than the input under 'valid' padding.  Geometries are immutable and remembered
    per argument set: resolving one costs about 40 µs, and the live pipeline asks
    for the same few (every map of a bank is pooled alike) many times per change.
    """
    try:
        key = (tuple(in_shape), tuple(kernel_shape), _hashable(padding), _hashable(stride),
               _hashable(dilation), same)
        hash(key)
    except TypeError:  # something unusual (e.g. an array of pads): resolve it every time
        return _conv_geometry(in_shape, kernel_shape, padding, stride=stride, dilation=dilation, same=same)
    return _cached_geometry(*key)


def _hashable(value):
    """Lists (as explicit pads or per-axis strides are often given) as tuples, nested."""
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


@functools.lru_cache(maxsize=256)
def _cached_geometry(in_shape, kernel_shape, padding, stride, dilation, same) -> ConvGeometry:
    return _conv_geometry(in_shape, kernel_shape, padding, stride=stride, dilation=dilation, same=same)


def _conv_geometry(in_shape, kernel_shape, padding, *, stride, dilation, same) -> ConvGeometry:
    in_shape = tuple(int(n) for n in in_shape)
    kernel_shape = tuple(int(k) for k in kernel_shape)
    if any(n < 1 for n in in_shape):
        raise ValueError(f"the input is empty (shape {in_shape})")
    if any(k < 1 for k in kernel_shape):
        raise ValueError(f"the kernel is empty (shape {kernel_shape})")
    pads = resolve_padding(
        in_shape, kernel_shape, padding, stride=stride, dilation=dilation, same=same
    )
    strides = normalize_ints(stride, len(in_shape), "stride")
    dilations = normalize_ints(dilation, len(in_shape), "dilation")
    out = []
    for axis, (n, k, (b, a), s, d) in enumerate(
        zip(in_shape, kernel_shape, pads, strides, dilations)
    ):
        k_eff = (k - 1) * d + 1
        span = n + b + a
        if k_eff > span:
            # A template and its parts (TextError) so that the window can say it in its language.
            where = TextError(" on axis {axis}", axis=axis) if len(in_shape) > 1 else ""
            hint = (
                TextError("; use 'same' or 'full' padding")
                if isinstance(padding, str) and padding.lower() == "valid"
                else ""
            )
            if b or a:
                raise TextError("the kernel (effective size {size}) is larger than the padded input ({span})"
                                "{where}{hint}", size=k_eff, span=span, where=where, hint=hint)
            raise TextError("the kernel (effective size {size}) is larger than the input ({span}){where}{hint}",
                            size=k_eff, span=span, where=where, hint=hint)
        out.append((span - k_eff) // s + 1)
    return ConvGeometry(in_shape, kernel_shape, pads, strides, dilations, tuple(out))


def pad_input(x: np.ndarray, pads, boundary: str = "zeros", *, value=0) -> np.ndarray:
    """Pad the leading spatial axes of ``x`` (trailing axes are left alone)."""
    if boundary not in BOUNDARIES:
        raise ValueError(
            f"unknown boundary {boundary!r}; expected one of {', '.join(BOUNDARIES)}"
        )
    if not any(b or a for b, a in pads):
        return x
    width = list(pads) + [(0, 0)] * (x.ndim - len(pads))
    mode = BOUNDARIES[boundary]
    if mode == "constant":
        # One allocation and one copy (np.pad's general machinery costs 3x this at 256x256).
        out = np.full(tuple(n + b + a for n, (b, a) in zip(x.shape, width)), value, dtype=x.dtype)
        out[tuple(slice(b, b + n) for n, (b, _) in zip(x.shape, width))] = x
        return out
    if mode == "reflect" and any(n == 1 for n, (b, a) in zip(x.shape, pads) if b or a):
        # numpy cannot reflect a single cell (its mirror image is itself, as
        # boundary_source says), so pad axis by axis, those axes by 'edge'.
        for axis, (b, a) in enumerate(pads):
            if b or a:
                axis_width = [(0, 0)] * x.ndim
                axis_width[axis] = (b, a)
                x = np.pad(x, axis_width, mode="edge" if x.shape[axis] == 1 else "reflect")
        return x
    return np.pad(x, width, mode=mode)


def boundary_source(index: int, n: int, boundary: str) -> int:
    """The input cell a padded coordinate reads under ``boundary``, or -1 for zeros.

    Agrees with :func:`pad_input` for pads of any width.
    """
    if 0 <= index < n:
        return index
    if boundary == "zeros":
        return -1
    if boundary == "replicate":
        return min(max(index, 0), n - 1)
    if boundary == "circular":
        return index % n
    if boundary == "reflect":
        if n == 1:
            return 0
        period = 2 * (n - 1)
        i = index % period
        return i if i < n else period - i
    raise ValueError(
        f"unknown boundary {boundary!r}; expected one of {', '.join(BOUNDARIES)}"
    )


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)

