"""What each layer costs: output shapes, parameters (as Keras's summary counts them) and multiply-adds.

Multiply-adds (MACs) count the products of a layer's weighted sums, one per (output cell, tap, input
channel) pair, as the usual FLOP counters do (each MAC is two FLOPs):

* Conv1D/Conv2D: output cells x filters x kernel taps x input channels / groups.
* DepthwiseConv2D: output cells x channels x depth_multiplier x kernel taps.
* SeparableConv2D: its depthwise part plus output cells x (channels x depth_multiplier) x filters.
* Conv1DTranspose/Conv2DTranspose: input cells x kernel taps x input channels x filters: every stamp,
  also the parts 'same' crops away.
* Dense: units x input features, once per position when it reads maps rather than a vector.
* Everything else is 0: pooling compares or adds, activations, normalisation and rescaling work cell by
  cell, and bias additions are not multiply-adds.
"""

from __future__ import annotations

import math

from .forward import output_shapes
from .geometry import CONV_KINDS, TRANSPOSED_KINDS, config_ints
from .spec import NetworkSpec

__all__ = ["layer_macs", "macs", "output_shapes", "params", "summary_rows"]


def params(spec: NetworkSpec) -> list[int]:
    """Each layer's parameter count: Keras's ``count_params()`` (trainable and not, as its summary)."""
    return [layer.param_count for layer in spec.layers]


def layer_macs(layer, in_shape: tuple, out_shape: tuple) -> int:
    """The multiply-adds of one layer taking ``in_shape`` to ``out_shape`` (the module's convention)."""
    kind = layer.kind
    if kind in CONV_KINDS:
        rank = CONV_KINDS[kind]
        cells, channels = math.prod(out_shape[:rank]), in_shape[-1]
        taps = math.prod(config_ints(layer, "kernel_size", rank))
        if kind in ("Conv1D", "Conv2D"):
            groups = int(layer.config.get("groups", 1) or 1)
            return cells * out_shape[-1] * taps * (channels // groups)
        multiplier = int(layer.config.get("depth_multiplier", 1) or 1)
        depthwise = cells * channels * multiplier * taps
        if kind == "DepthwiseConv2D":
            return depthwise
        return depthwise + cells * channels * multiplier * out_shape[-1]
    if kind in TRANSPOSED_KINDS:
        rank = TRANSPOSED_KINDS[kind]
        taps = math.prod(config_ints(layer, "kernel_size", rank))
        return math.prod(in_shape[:rank]) * taps * in_shape[-1] * out_shape[-1]
    if kind == "Dense":
        return math.prod(in_shape) * out_shape[-1]
    return 0


def macs(spec: NetworkSpec, shapes: list[tuple] | None = None) -> list[int]:
    """Each layer's multiply-adds for one sample (see the module's docstring for what counts)."""
    shapes = output_shapes(spec) if shapes is None else shapes
    inputs = [tuple(spec.input_shape)] + list(shapes[:-1])
    return [layer_macs(layer, i, o) for layer, i, o in zip(spec.layers, inputs, shapes)]


def summary_rows(spec: NetworkSpec) -> list[dict]:
    """One row per layer, as ``convviz inspect`` writes layers.json: name, class, output_shape (no batch
    axis), params, macs."""
    shapes = output_shapes(spec)
    return [
        {"name": layer.name, "class": layer.kind, "output_shape": list(shape), "params": p, "macs": m}
        for layer, shape, p, m in zip(spec.layers, shapes, params(spec), macs(spec, shapes))
    ]
