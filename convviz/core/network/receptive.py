"""A unit's receptive field: the cells it reads in every earlier layer's output and in the input.

Every supported layer reads its input axis by axis (a window's taps along one axis do not depend on
the other axes), so the cells a set of outputs reads is a product of one index set per spatial axis,
and those sets are traced back layer by layer exactly: taps that fall in padding are dropped, the
holes of a dilated kernel stay holes.  A Dense layer over a vector and a global pooling read every
cell; from there back the region is marked ``everything`` (all the cells those read).  Flatten and
Reshape map cells by index: exact for one unit; for a wider region the sets enclose the cells it reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .forward import output_shapes
from .geometry import CONV_KINDS, POOL_KINDS, TRANSPOSED_KINDS, transposed_window, window_geometry, zero_padding
from .layers import softmax_axis
from .spec import LayerSpec, NetworkSpec

__all__ = ["Region", "receptive_field", "spatial_axes"]


def spatial_axes(shape: tuple) -> int:
    """How many leading axes a tensor of ``shape`` has besides its channels (a vector: its one axis)."""
    return max(len(shape) - 1, 1) if shape else 0


@dataclass(frozen=True)
class Region:
    """The cells of one tensor a unit reads: ``cells[axis]`` are the indices along each spatial axis
    (the region is their product, over every channel).  ``layer_index`` -1 is the network's input.
    ``everything``: a Dense layer or a global pooling lies between, so the unit reads all of it that
    the layers in between read."""

    layer_index: int
    shape: tuple[int, ...]
    cells: tuple[tuple[int, ...], ...]
    everything: bool = False

    @property
    def box(self) -> tuple[tuple[int, int], ...]:
        """(start, stop) per spatial axis around the cells read; (0, 0) on every axis when none are."""
        if any(not c for c in self.cells):
            return ((0, 0),) * len(self.cells)
        return tuple((c[0], c[-1] + 1) for c in self.cells)

    @property
    def size(self) -> int:
        return math.prod(len(c) for c in self.cells)

    def mask(self) -> np.ndarray:
        """A boolean map over the spatial axes, True where the unit reads."""
        out = np.zeros(self.shape[: len(self.cells)], dtype=bool)
        out[np.ix_(*[list(c) for c in self.cells])] = True
        return out


def _window_back(cells, geometry_axes, n: int) -> tuple[int, ...]:
    """Input indices read by outputs ``cells`` of a window with (kernel, stride, dilation, before)."""
    k, s, d, before = geometry_axes
    taps = np.arange(k) * d
    read = (np.asarray(cells)[:, None] * s - before + taps[None, :]).ravel()
    return tuple(sorted({int(i) for i in read if 0 <= i < n}))


def _all(n: int) -> tuple[int, ...]:
    return tuple(range(n))


def _layer_back(layer: LayerSpec, in_shape: tuple, out_shape: tuple, cells: tuple, everything: bool):
    """The region of the layer's input that its outputs at ``cells`` read."""
    kind = layer.kind
    rank_in = spatial_axes(in_shape)
    if kind in CONV_KINDS or kind in POOL_KINDS:
        g = window_geometry(layer, in_shape)
        return tuple(
            _window_back(c, (k, s, d, b), n)
            for c, k, s, d, (b, _), n in zip(cells, g.kernel_shape, g.stride, g.dilation, g.pads, g.in_shape)
        ), everything
    if kind in TRANSPOSED_KINDS:
        g = transposed_window(layer, in_shape)
        back = []
        for c, k, s, d, (b, _), n in zip(cells, g.kernel_shape, g.stride, g.dilation, g.crop, g.in_shape):
            # Input i stamps output o through tap t when i * s + t * d == o + crop.
            offsets = (np.asarray(c)[:, None] + b - np.arange(k)[None, :] * d).ravel()
            back.append(tuple(sorted({int(o // s) for o in offsets if o % s == 0 and 0 <= o // s < n})))
        return tuple(back), everything
    if kind in ("ZeroPadding1D", "ZeroPadding2D"):
        pads = zero_padding(layer, rank_in)
        back = tuple(tuple(i - b for i in c if 0 <= i - b < n) for c, (b, _), n in zip(cells, pads, in_shape))
        return back, everything
    if kind.startswith("Global"):
        return tuple(_all(n) for n in in_shape[:rank_in]), True
    if kind == "Dense":
        if len(in_shape) == 1:
            return (_all(in_shape[0]),), True
        return cells, everything
    if kind in ("Flatten", "Reshape"):
        return _reshape_back(in_shape, out_shape, cells), everything
    if kind == "Activation" and len(in_shape) == 1 and layer.config.get("activation") == "softmax":
        return (_all(in_shape[0]),), True
    if kind == "Softmax":
        if len(in_shape) == 1:
            return (_all(in_shape[0]),), True
        axis = softmax_axis(layer, in_shape) % len(in_shape)
        if axis < rank_in:  # a softmax along a spatial axis reads the whole axis
            return tuple(_all(in_shape[a]) if a == axis else c for a, c in enumerate(cells)), everything
    return cells, everything


def _reshape_back(in_shape: tuple, out_shape: tuple, cells: tuple) -> tuple:
    """Flatten / Reshape: the input cells holding the outputs' values (every channel of the output
    positions), as one index set per input spatial axis."""
    positions = np.array(np.meshgrid(*[list(c) for c in cells], indexing="ij")).reshape(len(cells), -1)
    channels = out_shape[-1] if len(out_shape) > 1 else 1
    if len(out_shape) > 1:
        positions = np.repeat(positions, channels, axis=1)
        channel = np.tile(np.arange(channels), positions.shape[1] // channels)
        index = tuple(positions) + (channel,)
    else:
        index = tuple(positions)
    flat = np.ravel_multi_index(index, out_shape)
    source = np.unravel_index(flat, in_shape)
    rank_in = spatial_axes(in_shape)
    return tuple(tuple(sorted({int(i) for i in source[a]})) for a in range(rank_in))


def receptive_field(spec: NetworkSpec, layer_index: int, unit) -> list[Region]:
    """The regions unit ``unit`` of layer ``layer_index`` reads: ``[input, layer 0, ..., layer_index]``,
    the last being the unit itself.  Raises UnsupportedLayer when a layer up to it cannot be computed."""
    shapes = [tuple(spec.input_shape)] + output_shapes(spec)[: layer_index + 1]
    out_shape = shapes[layer_index + 1]
    unit = tuple(int(i) for i in np.atleast_1d(unit))
    if len(unit) != len(out_shape) or any(not 0 <= i < n for i, n in zip(unit, out_shape)):
        raise ValueError(f"unit {unit} is not in the output of '{spec.layers[layer_index].name}' (shape {out_shape})")
    cells = tuple((i,) for i in unit[: spatial_axes(out_shape)])
    everything = False
    regions = [Region(layer_index, out_shape, cells, everything)]
    for index in range(layer_index, -1, -1):
        layer = spec.layers[index]
        cells, everything = _layer_back(layer, shapes[index], shapes[index + 1], cells, everything)
        regions.append(Region(index - 1, shapes[index], tuple(cells), everything))
    return regions[::-1]
