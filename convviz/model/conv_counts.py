"""Parameters and multiply-adds of the explorer's convolution beside a standard convolution's.

For the current input, kernel size, filters and settings: this convolution (standard, grouped or
depthwise), the standard convolution with the same input, kernel size and output channels, and for a
depthwise one the separable total (depthwise, then a 1x1 convolution to the same output channels, as
Keras's SeparableConv2D).  Parameters are Keras's ``count_params()`` (biases included, as the explorer's
filters have them); multiply-adds come from convviz.core.network.counts, the network window's convention.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from convviz.core.network.counts import layer_macs
from convviz.core.network.spec import LayerSpec

from .settings import OpSettings


@dataclass(frozen=True)
class LayerCount:
    kind: str  # "standard" | "grouped" | "depthwise" | "pointwise" | "separable"
    keras: str  # the equivalent Keras layer, e.g. "DepthwiseConv2D((3, 3), depth_multiplier=2)"
    params: int
    macs: int
    formula: str  # the parameter count written out, e.g. "3·3·1·3 + 3"


@dataclass(frozen=True)
class ConvCounts:
    this: LayerCount
    standard: LayerCount
    separable: LayerCount | None  # depthwise only: depthwise + 1x1, one SeparableConv2D

    @property
    def params_ratio(self) -> float:
        return self.this.params / self.standard.params

    @property
    def macs_ratio(self) -> float:
        return self.this.macs / self.standard.macs if self.standard.macs else 1.0


def conv_counts(x_shape, kernel_shape, filters: int, settings: OpSettings) -> ConvCounts | None:
    """The counts for an input of ``x_shape`` ((W,), (H, W) or (H, W, C)), ``filters`` kernels of spatial
    ``kernel_shape`` and ``settings``; None for a transposed convolution (no groups there, and the
    scatter's own counts are the network window's) or where the settings do not fit."""
    if settings.op == "transposed":
        return None
    spatial = 1 if len(x_shape) == 1 else 2
    channels = x_shape[2] if len(x_shape) == 3 else 1
    kernel = tuple(int(k) for k in kernel_shape[:spatial])
    if settings.groups_problem(channels, filters):
        return None
    try:
        out_shape = settings.geometry(tuple(x_shape[:spatial]), kernel).out_shape
    except ValueError:
        return None
    in_shape, taps = tuple(x_shape[:spatial]) + (channels,), math.prod(kernel)
    conv = "Conv1D" if spatial == 1 else "Conv2D"
    size = kernel[0] if spatial == 1 else kernel

    def count(kind, layer_kind, config, weights, out_channels, formula, keras) -> LayerCount:
        layer = LayerSpec(kind, layer_kind, dict(config, kernel_size=list(kernel)))
        return LayerCount(kind, keras, weights, layer_macs(layer, in_shape, out_shape + (out_channels,)), formula)

    def conv_layer(kind, groups) -> LayerCount:
        per_group = channels // groups
        dims = "·".join(map(str, kernel + (per_group, filters)))
        keras = f"{conv}({filters}, {size}" + (f", groups={groups})" if groups > 1 else ")")
        return count(kind, conv, {"groups": groups}, taps * per_group * filters + filters, filters,
                     f"{dims} + {filters}", keras)

    standard = conv_layer("pointwise" if taps == 1 else "standard", 1)
    g = settings.groups
    if g == 1:
        return ConvCounts(standard, standard, None)
    if g != channels:
        return ConvCounts(conv_layer("grouped", g), standard, None)
    multiplier = filters // channels
    dims = "·".join(map(str, kernel + (channels, multiplier)))
    depthwise = count("depthwise", "DepthwiseConv2D", {"depth_multiplier": multiplier}, taps * filters + filters,
                      filters, f"{dims} + {filters}",
                      f"DepthwiseConv2D({size}, depth_multiplier={multiplier})")
    separable = count("separable", "SeparableConv2D", {"depth_multiplier": multiplier},
                      taps * filters + filters * filters + filters, filters,
                      f"{dims} + {filters}·{filters} + {filters}",
                      f"SeparableConv2D({filters}, {size}, depth_multiplier={multiplier})")
    return ConvCounts(depthwise, standard, separable)
