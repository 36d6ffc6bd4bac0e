"""Convolution layers (Conv1D/2D with groups, DepthwiseConv2D, SeparableConv2D, Conv1D/2DTranspose):
their weight shapes, output shapes and sums, through convviz.core's ``correlate`` and ``conv_transpose``
with the geometry from ``geometry.py``.  Grouped and depthwise convolutions are one ``correlate`` per group."""

from __future__ import annotations

import numpy as np

from convviz.core.conv import correlate
from convviz.core.transposed import conv_transpose

from .geometry import CONV_KINDS, fail, transposed_window, window_geometry
from .layer_parts import activation_of, checked_weights as _weights, matmul
from .spec import LayerSpec

__all__ = ["conv_pre_activation", "conv_run", "conv_shape", "grouped_correlate", "transposed_pre_activation",
           "transposed_run", "transposed_shape"]

Shape = tuple  # of int


def _conv_kernel_shapes(layer: LayerSpec, in_shape: Shape) -> tuple[Shape, ...]:
    """The weight shapes a convolution layer must have for ``in_shape``."""
    rank = CONV_KINDS[layer.kind]
    g = window_geometry(layer, in_shape)
    channels = in_shape[-1]
    bias = bool(layer.config.get("use_bias", True))
    if layer.kind in ("Conv1D", "Conv2D"):
        groups = int(layer.config.get("groups", 1) or 1)
        filters = int(layer.config.get("filters", 0))
        if channels % groups or filters % groups or filters < 1:
            raise fail(layer, f"cannot split {channels} channels and {filters} filters into {groups} groups")
        shapes = (g.kernel_shape + (channels // groups, filters),)
        return shapes + (((filters,),) if bias else ())
    multiplier = int(layer.config.get("depth_multiplier", 1) or 1)
    depthwise = g.kernel_shape + (channels, multiplier)
    if layer.kind == "DepthwiseConv2D":
        return (depthwise,) + (((channels * multiplier,),) if bias else ())
    filters = int(layer.config.get("filters", 0))
    shapes = (depthwise, (1,) * rank + (channels * multiplier, filters))
    return shapes + (((filters,),) if bias else ())


def conv_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    g = window_geometry(layer, in_shape)
    shapes = _conv_kernel_shapes(layer, in_shape)
    _weights(layer, *shapes)
    activation_of(layer)
    if layer.kind == "DepthwiseConv2D":
        return g.out_shape + (shapes[0][-2] * shapes[0][-1],)
    return g.out_shape + (shapes[-1][-1] if len(shapes[-1]) > 1 else shapes[-1][0],)


def grouped_correlate(x: np.ndarray, kernel: np.ndarray, geometry, groups: int) -> np.ndarray:
    """Cross-correlation of ``x (*S, C)`` with a Keras kernel ``(*K, C/groups, F)``, no bias:
    filter block j reads channel block j.  1D is computed as 2D with one row."""
    rank = len(geometry.in_shape)
    pads, stride, dilation = geometry.pads, geometry.stride, geometry.dilation
    if rank == 1:
        x, kernel = x[None], kernel[None]
        pads, stride, dilation = ((0, 0),) + pads, (1,) + stride, (1,) + dilation
    per_group, filters = kernel.shape[-2], kernel.shape[-1] // groups
    maps = [
        correlate(x[..., j * per_group:(j + 1) * per_group], kernel[..., j * filters:(j + 1) * filters],
                  padding=pads, stride=stride, dilation=dilation)
        for j in range(groups)
    ]
    out = maps[0] if groups == 1 else np.concatenate(maps, axis=-1)
    return out[0] if rank == 1 else out


def conv_pre_activation(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    """A convolution layer's sums plus bias, before its activation."""
    g = window_geometry(layer, x.shape)
    weights = _weights(layer, *_conv_kernel_shapes(layer, x.shape))
    bias = weights[-1] if layer.config.get("use_bias", True) else None
    channels = x.shape[-1]
    if layer.kind in ("Conv1D", "Conv2D"):
        out = grouped_correlate(x, weights[0], g, int(layer.config.get("groups", 1) or 1))
    else:
        depthwise = weights[0]
        # (kh, kw, C, M) as a grouped kernel (kh, kw, 1, C*M): output channel c*M + m, Keras's order.
        out = grouped_correlate(x, depthwise.reshape(depthwise.shape[:2] + (1, -1)), g, channels)
        if layer.kind == "SeparableConv2D":
            out = matmul(out, weights[1][0, 0])
    if bias is not None:
        out = out + bias
    return out.astype(np.float32, copy=False)


def conv_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    return activation_of(layer).function(conv_pre_activation(layer, x))


def _transposed_weights(layer: LayerSpec, in_shape: Shape) -> tuple[np.ndarray, ...]:
    g = transposed_window(layer, in_shape)
    filters = int(layer.config.get("filters", 0))
    shapes = (g.kernel_shape + (filters, in_shape[-1]),)
    return _weights(layer, *shapes, *(((filters,),) if layer.config.get("use_bias", True) else ()))


def transposed_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    weights = _transposed_weights(layer, in_shape)
    activation_of(layer)
    return transposed_window(layer, in_shape).out_shape + (weights[0].shape[-2],)


def transposed_pre_activation(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    """A transposed convolution's stamps summed, plus bias, before its activation (core.transposed)."""
    g = transposed_window(layer, x.shape)
    weights = _transposed_weights(layer, x.shape)
    out = conv_transpose(x, weights[0], strides=g.stride, padding=str(layer.config.get("padding", "valid")).lower(),
                         output_padding=layer.config.get("output_padding"), dilation=g.dilation,
                         bias=weights[1] if len(weights) > 1 else None)
    return out.astype(np.float32, copy=False)


def transposed_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    return activation_of(layer).function(transposed_pre_activation(layer, x))
