"""Lazy step-by-step traces of convolution and pooling.

A trace is a random-access sequence with one step per output value.  Nothing
is expanded up front: building a trace validates the operands and resolves
the geometry, and ``trace[i]`` computes that one step in O(kernel size), so a
2048x2048 input costs no more than a 5x5 one.

Steps are ordered filter by filter, and within a map row-major, which is the
order a lecturer fills in an output grid.

Every ``total`` equals the fast path's output at ``out_index``; the tests
check this cell for cell.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from .conv import Prepared, prepare
from .padding import ConvGeometry, boundary_source
from .pool import _as_pool_input, _channels_last, pool_geometry

__all__ = ["ConvStep", "ConvTrace", "PoolStep", "PoolTrace", "format_number", "trace", "pool_trace"]


def step_index(i, n: int) -> int:
    """Step ``i`` of ``n`` as a sequence indexes (negative counts from the end); IndexError past them."""
    i = int(i)
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError(f"step {i} out of range for a trace of {n} steps")
    return i


def format_number(value) -> str:
    """Short, exact-looking text for a number: ints as ints, floats to 4 significant digits."""
    v = value.item() if isinstance(value, np.generic) else value
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if float(v).is_integer() and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.4g}"


def _tap_coordinates(g: ConvGeometry, out_pos: Sequence[int]) -> np.ndarray:
    """Input coordinates (unpadded frame) of every tap, shape (*kernel, ndim)."""
    starts = [o * s - b for o, s, (b, _) in zip(out_pos, g.stride, g.pads)]
    grids = np.meshgrid(
        *[start + np.arange(k) * d for start, k, d in zip(starts, g.kernel_shape, g.dilation)],
        indexing="ij",
    )
    return np.stack(grids, axis=-1)


def grid_cells(coords: np.ndarray) -> np.ndarray:
    """(row, col) of every tap, shape (*kernel, 2): 1D coordinates are drawn as row 0 of a one-row grid."""
    coords = np.asarray(coords)
    if coords.shape[-1] == 2:
        return coords
    return np.concatenate([np.zeros_like(coords), coords], axis=-1)


def _sources(coords: np.ndarray, in_shape, boundary: str) -> np.ndarray:
    """The input cell each coordinate reads under ``boundary`` (-1 where zeros are supplied)."""
    src = np.empty_like(coords)
    for axis, n in enumerate(in_shape):
        column = [boundary_source(int(i), n, boundary) for i in coords[..., axis].ravel()]
        src[..., axis] = np.reshape(column, coords.shape[:-1])
    # A zero-padded tap on any axis reads zero; mark the whole coordinate.
    outside = (src == -1).any(axis=-1)
    src[outside] = -1
    return src


@dataclass(frozen=True)
class ConvStep:
    """One output value of a convolution and every number that makes it."""

    index: int
    out_index: tuple[int, ...]  # position in the op's output array
    filter: int
    coords: np.ndarray  # (*kernel, ndim) input coordinates; outside 0..N-1 means padded
    padded: np.ndarray  # (*kernel,) bool, True where the tap lies in the padding
    source: np.ndarray  # (*kernel, ndim) cell the boundary mode reads, -1 for zeros
    values: np.ndarray  # (*kernel,) or (*kernel, C): input values under the taps
    weights: np.ndarray  # same shape: the kernel as applied (flipped for convolve)
    products: np.ndarray  # values * weights
    bias: object
    total: object

    def expression(self, times: str = "×") -> str:
        """The dot product written out, e.g. ``1×1 + 1×0 + … = 4``."""
        return sum_text(self.values.ravel(), self.weights.ravel(), self.bias, self.total, times)


def sum_text(values, weights, bias, total, times: str = "×") -> str:
    """``v×w + … + bias = total`` (a negative weight in brackets, the bias left out where it is 0)."""
    def operand(x) -> str:
        text = format_number(x)
        return f"({text})" if text.startswith("-") else text

    terms = [f"{format_number(v)}{times}{operand(w)}" for v, w in zip(values, weights)]
    if bias:
        terms.append(format_number(bias))
    return f"{' + '.join(terms) or '0'} = {format_number(total)}"


class ConvTrace(Sequence):
    """Random-access steps of a correlation or convolution."""

    #: A grouped convolution's filter reads only its group's channels: their indices among the input's
    #: ``input_channels`` (set by convviz.model.pipeline.conv_trace, for the views' labels); None: all.
    channels_read: tuple[int, ...] | None = None
    input_channels: int = 1
    #: Cells of the input (its spatial shape, before padding) that are zeros inserted between real cells, not
    #: data: a transposed convolution's equivalent correlation and the input gradient's steps set it; None: none.
    inserted: np.ndarray | None = None

    def __init__(self, prepared: Prepared, op: str):
        self.prepared = prepared
        self.op = op
        self.geometry = prepared.geometry
        self._map_size = int(np.prod(self.geometry.out_shape))

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.prepared.output_shape()

    def __len__(self) -> int:
        return self._map_size * self.prepared.filters

    def index_of(self, out_index: Sequence[int]) -> int:
        """The step that fills ``out_index`` (the inverse of ``step.out_index``)."""
        out_index = tuple(int(i) for i in out_index)
        spatial = len(self.geometry.out_shape)
        pos, f = out_index[:spatial], (out_index[spatial] if self.prepared.bank else 0)
        return f * self._map_size + int(np.ravel_multi_index(pos, self.geometry.out_shape))

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = step_index(i, len(self))
        p, g = self.prepared, self.geometry
        f, rest = divmod(i, self._map_size)
        pos = tuple(int(v) for v in np.unravel_index(rest, g.out_shape))
        coords = _tap_coordinates(g, pos)
        source = _sources(coords, g.in_shape, p.boundary)
        padded = ((coords < 0) | (coords >= np.array(g.in_shape))).any(axis=-1)
        inside = source[..., 0] >= 0
        values = np.zeros(g.kernel_shape + (p.channels,), dtype=p.dtype)
        src = source[inside]
        values[inside] = p.x[tuple(src.T)]
        weights = p.weights[..., f]
        products = values * weights
        # Sum tap by tap in row-major order, as the direct fast path does.
        total = p.dtype.type(0)
        for tap in itertools.product(*(range(k) for k in g.kernel_shape)):
            total = total + products[tap].sum(dtype=p.dtype)
        total = total + p.bias[f]
        if not p.channels_axis:
            values, weights, products = values[..., 0], weights[..., 0], products[..., 0]
        out_index = pos + (f,) if p.bank else pos
        return ConvStep(
            index=i,
            out_index=out_index,
            filter=f,
            coords=coords,
            padded=padded,
            source=source,
            values=values,
            weights=weights,
            products=products,
            bias=p.bias[f],
            total=total,
        )

    def __iter__(self) -> Iterator[ConvStep]:
        for i in range(len(self)):
            yield self[i]


def trace(
    x,
    kernel,
    *,
    op: str = "correlate",
    padding="valid",
    stride=1,
    dilation=1,
    same: str = "tensorflow",
    boundary: str = "zeros",
    bias=None,
) -> ConvTrace:
    """A lazy trace of ``correlate`` or ``convolve`` with the same arguments."""
    prepared = prepare(
        x, kernel, padding=padding, stride=stride, dilation=dilation,
        same=same, boundary=boundary, bias=bias, op=op,
    )
    return ConvTrace(prepared, op)


@dataclass(frozen=True)
class PoolStep:
    """One pooled value: its window, and which cell won or what was divided by what."""

    index: int
    out_index: tuple[int, ...]
    channel: int
    coords: np.ndarray  # (*window, ndim)
    padded: np.ndarray  # (*window,) bool; padded cells take no part
    values: np.ndarray  # (*window,) float, NaN at padded cells
    winner: tuple[int, ...] | None  # window position of the max (first of ties)
    divisor: int  # number of real cells (the avg divisor)
    total: object

    def expression(self, kind: str) -> str:
        real = [format_number(v) for v, pad in zip(self.values.ravel(), self.padded.ravel()) if not pad]
        if kind == "max":
            return f"max({', '.join(real)}) = {format_number(self.total)}"
        return f"({' + '.join(real)}) / {self.divisor} = {format_number(self.total)}"


class PoolTrace(Sequence):
    """Random-access steps of a max or average pooling."""

    def __init__(self, x: np.ndarray, kind: str, geometry: ConvGeometry, channels_in_output: bool):
        self.x = x  # channels-last
        self.kind = kind
        self.geometry = geometry
        self._channels_in_output = channels_in_output
        self._map_size = int(np.prod(geometry.out_shape))

    def __len__(self) -> int:
        return self._map_size * self.x.shape[-1]

    def index_of(self, out_index: Sequence[int]) -> int:
        spatial = len(self.geometry.out_shape)
        pos = tuple(int(i) for i in out_index[:spatial])
        c = int(out_index[spatial]) if self._channels_in_output else 0
        return c * self._map_size + int(np.ravel_multi_index(pos, self.geometry.out_shape))

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = step_index(i, len(self))
        g = self.geometry
        c, rest = divmod(i, self._map_size)
        pos = tuple(int(v) for v in np.unravel_index(rest, g.out_shape))
        coords = _tap_coordinates(g, pos)
        padded = ((coords < 0) | (coords >= np.array(g.in_shape))).any(axis=-1)
        values = np.full(g.kernel_shape, np.nan)
        real = ~padded
        values[real] = self.x[tuple(coords[real].T) + (c,)]
        divisor = int(real.sum())
        if self.kind == "max":
            masked = np.where(real, values, -np.inf)
            flat = int(np.argmax(masked))
            winner = tuple(int(v) for v in np.unravel_index(flat, g.kernel_shape))
            total = self.x.dtype.type(values[winner])
        else:
            winner = None
            dtype = self.x.dtype if self.x.dtype.kind == "f" else np.dtype(np.float64)
            real_values = self.x[tuple(coords[real].T) + (c,)].astype(dtype)
            total = real_values.sum(dtype=dtype) / dtype.type(divisor)
        out_index = pos + (c,) if self._channels_in_output else pos
        return PoolStep(i, out_index, c, coords, padded, values, winner, divisor, total)

    def __iter__(self) -> Iterator[PoolStep]:
        for i in range(len(self)):
            yield self[i]


def pool_trace(x, kind: str, size, *, stride=None, padding: str = "valid") -> PoolTrace:
    """A lazy trace of ``max_pool`` / ``avg_pool`` with the same arguments."""
    if kind not in ("max", "avg"):
        raise ValueError(f"unknown pooling {kind!r}; expected 'max' or 'avg'")
    arr = _as_pool_input(x)
    xc, spatial = _channels_last(arr)
    g = pool_geometry(xc.shape[:spatial], size, stride=stride, padding=padding)
    return PoolTrace(xc, kind, g, channels_in_output=arr.ndim > spatial)
