"""Where a layer's windows sit: its configuration read into a ConvGeometry over the spatial axes.

The forward pass, the units' arithmetic and the receptive fields all ask this module, so a
convolution's padding or a pooling's stride is worked out in one place.  A layer's problem
(a shape it cannot take, a configuration convviz does not compute) is an ``UnsupportedLayer``
whose message is one sentence.
"""

from __future__ import annotations

import numbers

from convviz.core.padding import ConvGeometry, conv_geometry
from convviz.core.pool import pool_geometry
from convviz.core.transposed import TransposedGeometry, transposed_geometry

from .spec import LayerSpec

__all__ = [
    "CONV_KINDS",
    "POOL_KINDS",
    "TRANSPOSED_KINDS",
    "UnsupportedLayer",
    "config_ints",
    "spatial_rank",
    "transposed_window",
    "window_geometry",
    "zero_padding",
]

#: Convolution layers -> number of spatial axes.
CONV_KINDS = {"Conv1D": 1, "Conv2D": 2, "DepthwiseConv2D": 2, "SeparableConv2D": 2}
#: Pooling layers -> (number of spatial axes, "max" | "avg").
POOL_KINDS = {
    "MaxPooling1D": (1, "max"), "MaxPooling2D": (2, "max"),
    "AveragePooling1D": (1, "avg"), "AveragePooling2D": (2, "avg"),
}

#: Transposed convolutions -> number of spatial axes.
TRANSPOSED_KINDS = {"Conv1DTranspose": 1, "Conv2DTranspose": 2}


class UnsupportedLayer(ValueError):
    """A layer convviz cannot compute, or an input it cannot take; the message is one sentence."""


def fail(layer: LayerSpec, why: str) -> UnsupportedLayer:
    return UnsupportedLayer(f"layer '{layer.name}' ({layer.kind}) {why}")


def config_ints(layer: LayerSpec, key: str, rank: int, default=None) -> tuple[int, ...]:
    """A per-axis integer setting (kernel_size, strides, ...) given as one int or ``rank`` of them."""
    value = layer.config.get(key, default)
    if value is None:
        value = default
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return (int(value),) * rank
    try:
        values = tuple(int(v) for v in value)
    except (TypeError, ValueError):
        raise fail(layer, f"has an unreadable {key} {value!r}") from None
    if len(values) == 1 and rank > 1:
        values *= rank
    if len(values) != rank or any(v < 1 for v in values):
        raise fail(layer, f"has an unreadable {key} {value!r}")
    return values


def spatial_rank(layer: LayerSpec, in_shape: tuple, rank: int) -> tuple[int, ...]:
    """The spatial part of ``in_shape`` after checking the layer reads channels-last data of that rank."""
    if layer.config.get("data_format", "channels_last") not in (None, "channels_last"):
        raise fail(layer, "uses data_format 'channels_first'; convviz computes channels-last layers only")
    if len(in_shape) != rank + 1:
        axes = "(steps, channels)" if rank == 1 else "(height, width, channels)"
        raise fail(layer, f"needs an input {axes} but gets shape {tuple(in_shape)}")
    return tuple(in_shape[:rank])


def window_geometry(layer: LayerSpec, in_shape: tuple) -> ConvGeometry:
    """The spatial geometry of a convolution's or pooling's window over an input of ``in_shape``
    (channels last, no batch axis): pads, strides, dilation and output size as Keras resolves them."""
    kind = layer.kind
    if kind in CONV_KINDS:
        rank = CONV_KINDS[kind]
        spatial = spatial_rank(layer, in_shape, rank)
        kernel = config_ints(layer, "kernel_size", rank)
        strides = config_ints(layer, "strides", rank, 1)
        dilation = config_ints(layer, "dilation_rate", rank, 1)
        padding = str(layer.config.get("padding", "valid")).lower()
        if padding == "causal":
            if rank != 1:
                raise fail(layer, "uses 'causal' padding, which Keras allows in 1D only")
            padding = (((kernel[0] - 1) * dilation[0], 0),)
        elif padding not in ("valid", "same"):
            raise fail(layer, f"uses padding {padding!r}; convviz computes 'valid', 'same' and 'causal'")
        try:
            return conv_geometry(spatial, kernel, padding, stride=strides, dilation=dilation)
        except ValueError as exc:
            raise fail(layer, f"cannot take an input of shape {tuple(in_shape)}: {exc}") from None
    if kind in POOL_KINDS:
        rank, _ = POOL_KINDS[kind]
        spatial = spatial_rank(layer, in_shape, rank)
        size = config_ints(layer, "pool_size", rank, 2)
        strides = config_ints(layer, "strides", rank, size)
        padding = str(layer.config.get("padding", "valid")).lower()
        try:
            return pool_geometry(spatial, size, stride=strides, padding=padding)
        except ValueError as exc:
            raise fail(layer, f"cannot take an input of shape {tuple(in_shape)}: {exc}") from None
    raise fail(layer, "has no sliding window")


def transposed_window(layer: LayerSpec, in_shape: tuple) -> TransposedGeometry:
    """Where a transposed convolution's stamps land over an input of ``in_shape`` (channels last)."""
    rank = TRANSPOSED_KINDS[layer.kind]
    spatial = spatial_rank(layer, in_shape, rank)
    kernel = config_ints(layer, "kernel_size", rank)
    extra = layer.config.get("output_padding")
    if extra is not None:
        extra = (int(extra),) * rank if isinstance(extra, numbers.Integral) else tuple(int(p) for p in extra)
    padding = str(layer.config.get("padding", "valid")).lower()
    if padding not in ("valid", "same"):
        raise fail(layer, f"uses padding {padding!r}; convviz computes 'valid' and 'same'")
    try:
        return transposed_geometry(spatial, kernel, strides=config_ints(layer, "strides", rank, 1), padding=padding,
                                   output_padding=extra, dilation=config_ints(layer, "dilation_rate", rank, 1))
    except ValueError as exc:
        raise fail(layer, f"cannot take an input of shape {tuple(in_shape)}: {exc}") from None


def zero_padding(layer: LayerSpec, rank: int) -> tuple[tuple[int, int], ...]:
    """ZeroPadding1D/2D's ``padding`` as (before, after) per spatial axis."""
    value = layer.config.get("padding", 1)
    try:
        if isinstance(value, numbers.Integral):
            pads = ((int(value),) * 2,) * rank
        elif rank == 1:
            before, after = value
            pads = ((int(before), int(after)),)
        else:
            items = list(value)
            pads = tuple(
                (int(v), int(v)) if isinstance(v, numbers.Integral) else (int(v[0]), int(v[1])) for v in items
            )
    except (TypeError, ValueError, IndexError):
        raise fail(layer, f"has an unreadable padding {value!r}") from None
    if len(pads) != rank or any(b < 0 or a < 0 for b, a in pads):
        raise fail(layer, f"has an unreadable padding {value!r}")
    return pads
