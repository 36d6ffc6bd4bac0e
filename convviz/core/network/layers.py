"""Each supported Keras layer as two functions: its output shape (which also checks it can be computed)
and its output for one sample, in float32 numpy, channels last, no batch axis.

Convolutions (``conv_layers.py``) and pooling go through convviz.core (``correlate``, ``conv_transpose``,
``pool``) with the geometry from ``geometry.py``; nothing here slides a window itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from convviz.core.pool import pool

from .activations import relu_layer
from .conv_layers import (
    conv_pre_activation,
    conv_run,
    conv_shape,
    transposed_pre_activation,
    transposed_run,
    transposed_shape,
)
from .geometry import (
    CONV_KINDS,
    POOL_KINDS,
    TRANSPOSED_KINDS,
    UnsupportedLayer,
    fail,
    spatial_rank,
    window_geometry,
    zero_padding,
)
from .layer_parts import activation_of, check_dtype, checked_weights, matmul
from .spec import LayerSpec

__all__ = [
    "ACTIVATION_KINDS", "IDENTITY_KINDS", "LAYER_OPS", "LayerOp", "activation_of", "batch_norm_factors",
    "conv_pre_activation", "dense_pre_activation", "elementwise_function", "layer_output_shape",
    "rescaling_factors", "run_layer", "softmax_axis", "transposed_pre_activation",
]

Shape = tuple  # of int (None for a size only known with an input)

#: Layers that pass their input through at inference.
IDENTITY_KINDS = (
    "InputLayer", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise", "GaussianDropout",
    "AlphaDropout", "ActivityRegularization",
)

#: Layers that apply an activation to each cell (Softmax: along an axis).
ACTIVATION_KINDS = ("Activation", "ReLU", "LeakyReLU", "ELU", "Softmax")


@dataclass(frozen=True)
class LayerOp:
    shape: Callable[[LayerSpec, Shape], Shape]
    run: Callable[[LayerSpec, np.ndarray], np.ndarray]


# -- pooling and reshaping ----------------------------------------------------------------------

def _pool_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    return window_geometry(layer, in_shape).out_shape + (in_shape[-1],)


def _pool_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    rank, kind = POOL_KINDS[layer.kind]
    g = window_geometry(layer, x.shape)
    padding = str(layer.config.get("padding", "valid")).lower()
    if rank == 1:  # one row of a 2D map: core's 1D pooling takes no channel axis
        return pool(x[None], kind, (1,) + g.kernel_shape, stride=(1,) + g.stride, padding=padding)[0]
    return pool(x, kind, g.kernel_shape, stride=g.stride, padding=padding)


def _global_rank(layer: LayerSpec) -> int:
    return 1 if layer.kind.endswith("1D") else 2


def _global_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    rank = _global_rank(layer)
    spatial_rank(layer, in_shape, rank)
    return ((1,) * rank if layer.config.get("keepdims") else ()) + (in_shape[-1],)


def _global_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    axes = tuple(range(_global_rank(layer)))
    keep = bool(layer.config.get("keepdims"))
    if layer.kind.startswith("GlobalMax"):
        return x.max(axis=axes, keepdims=keep)
    return x.mean(axis=axes, keepdims=keep, dtype=np.float32)


def _zero_padding_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    rank = 1 if layer.kind == "ZeroPadding1D" else 2
    spatial = spatial_rank(layer, in_shape, rank)
    pads = zero_padding(layer, rank)
    return tuple(n + b + a for n, (b, a) in zip(spatial, pads)) + (in_shape[-1],)


def _zero_padding_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    pads = zero_padding(layer, x.ndim - 1)
    return np.pad(x, pads + ((0, 0),))


def _flatten_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    _channels_last(layer)
    return (math.prod(in_shape),)


def _reshape_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    target = layer.config.get("target_shape")
    try:
        target = tuple(int(t) for t in target)
        shape = np.empty(in_shape, dtype=np.uint8).reshape(target).shape if math.prod(in_shape) < 1 << 26 else None
    except (TypeError, ValueError):
        raise fail(layer, f"cannot reshape {tuple(in_shape)} to {target!r}") from None
    if shape is None:
        raise fail(layer, "reshapes an input too large to check")
    return shape


def _channels_last(layer: LayerSpec) -> None:
    if layer.config.get("data_format", "channels_last") not in (None, "channels_last"):
        raise fail(layer, "uses data_format 'channels_first'; convviz computes channels-last layers only")


# -- dense, normalisation, activations --------------------------------------------------------------

def _dense_weights(layer: LayerSpec, in_shape: Shape) -> tuple[np.ndarray, ...]:
    units = int(layer.config.get("units", 0))
    shapes = ((in_shape[-1], units),) + (((units,),) if layer.config.get("use_bias", True) else ())
    return checked_weights(layer, *shapes)


def _dense_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    if not in_shape:
        raise fail(layer, "needs an input with at least one axis")
    _dense_weights(layer, in_shape)
    activation_of(layer)
    return tuple(in_shape[:-1]) + (int(layer.config["units"]),)


def dense_pre_activation(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    weights = _dense_weights(layer, x.shape)
    out = matmul(x, weights[0])
    return out + weights[1] if len(weights) > 1 else out


def _dense_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    return activation_of(layer).function(dense_pre_activation(layer, x))


def last_axis(layer: LayerSpec, in_shape: Shape, key: str = "axis") -> None:
    """Check a per-channel layer works along the last axis (Keras counts the batch axis in positive axes)."""
    axis = layer.config.get(key, -1)
    if isinstance(axis, (list, tuple)) and len(axis) == 1:
        axis = axis[0]
    if axis not in (-1, len(in_shape)):
        raise fail(layer, f"works along axis {axis!r}; convviz computes it along the last (channels) axis only")


def batch_norm_factors(layer: LayerSpec, channels: int) -> tuple[np.ndarray, np.ndarray]:
    """Inference batch normalisation as ``x * a + b`` per channel: a = gamma / sqrt(var + eps),
    b = beta - mean * a, in TensorFlow's order of operations."""
    scale, center = bool(layer.config.get("scale", True)), bool(layer.config.get("center", True))
    shapes = ((channels,),) * (scale + center + 2)
    weights = list(checked_weights(layer, *shapes))
    gamma = weights.pop(0) if scale else None
    beta = weights.pop(0) if center else None
    mean, variance = weights
    a = (np.float32(1) / np.sqrt(variance + np.float32(layer.config.get("epsilon", 1e-3)))).astype(np.float32)
    if gamma is not None:
        a = a * gamma
    b = -mean * a if beta is None else beta - mean * a
    return a, b


def _batch_norm_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    if not in_shape:
        raise fail(layer, "needs an input with at least one axis")
    last_axis(layer, in_shape)
    batch_norm_factors(layer, in_shape[-1])
    return tuple(in_shape)


def _batch_norm_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    a, b = batch_norm_factors(layer, x.shape[-1])
    return x * a + b


def rescaling_factors(layer: LayerSpec) -> tuple[np.ndarray, np.ndarray]:
    return (np.asarray(layer.config.get("scale", 1.0), dtype=np.float32),
            np.asarray(layer.config.get("offset", 0.0), dtype=np.float32))


def _rescaling_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    scale, offset = rescaling_factors(layer)
    try:
        return np.broadcast_shapes(tuple(in_shape), scale.shape, offset.shape)
    except ValueError:
        raise fail(layer, f"has a scale or offset that does not fit an input of shape {tuple(in_shape)}") from None


def _rescaling_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    scale, offset = rescaling_factors(layer)
    return x * scale + offset


def softmax_axis(layer: LayerSpec, in_shape: Shape) -> int:
    axis = layer.config.get("axis", -1)
    if isinstance(axis, (list, tuple)) and len(axis) == 1:
        axis = axis[0]
    # Keras counts the batch axis in positive axes.
    if not isinstance(axis, int) or not (-len(in_shape) <= axis < 0 or 1 <= axis <= len(in_shape)):
        raise fail(layer, f"works along axis {axis!r}, which an input of shape {tuple(in_shape)} lacks")
    return axis if axis < 0 else axis - 1


def elementwise_function(layer: LayerSpec, in_shape: Shape) -> Callable[[np.ndarray], np.ndarray]:
    """The function of an activation layer (Activation, ReLU, LeakyReLU, ELU, Softmax)."""
    cfg = layer.config
    if layer.kind == "Activation":
        act = activation_of(layer)
        return act.function
    if layer.kind == "ReLU":
        max_value = cfg.get("max_value")
        slope, threshold = float(cfg.get("negative_slope", 0.0) or 0.0), float(cfg.get("threshold", 0.0) or 0.0)
        return lambda x: relu_layer(x, max_value, slope, threshold)
    if layer.kind == "LeakyReLU":
        slope = float(cfg.get("negative_slope", cfg.get("alpha", 0.3)))
        return lambda x: relu_layer(x, None, slope, 0.0)
    if layer.kind == "ELU":
        from convviz.core.activations import elu

        alpha = float(cfg.get("alpha", 1.0))
        return lambda x: elu(np.asarray(x, dtype=np.float32), alpha)
    if layer.kind == "Softmax":
        from convviz.core.activations import softmax

        axis = softmax_axis(layer, in_shape)
        return lambda x: softmax(np.asarray(x, dtype=np.float32), axis=axis)
    raise fail(layer, "is not an activation layer")


def _activation_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    elementwise_function(layer, in_shape)
    return tuple(in_shape)


def _activation_run(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    return elementwise_function(layer, x.shape)(x)


def _same_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    return tuple(in_shape)


LAYER_OPS: dict[str, LayerOp] = {
    **{kind: LayerOp(_same_shape, lambda layer, x: x) for kind in IDENTITY_KINDS},
    **{kind: LayerOp(conv_shape, conv_run) for kind in CONV_KINDS},
    **{kind: LayerOp(transposed_shape, transposed_run) for kind in TRANSPOSED_KINDS},
    **{kind: LayerOp(_pool_shape, _pool_run) for kind in POOL_KINDS},
    **{f"Global{kind}Pooling{d}D": LayerOp(_global_shape, _global_run) for kind in ("Max", "Average") for d in (1, 2)},
    "ZeroPadding1D": LayerOp(_zero_padding_shape, _zero_padding_run),
    "ZeroPadding2D": LayerOp(_zero_padding_shape, _zero_padding_run),
    "Flatten": LayerOp(_flatten_shape, lambda layer, x: x.reshape(-1)),
    "Reshape": LayerOp(_reshape_shape, lambda layer, x: x.reshape(tuple(int(t) for t in layer.config["target_shape"]))),
    "Dense": LayerOp(_dense_shape, _dense_run),
    "BatchNormalization": LayerOp(_batch_norm_shape, _batch_norm_run),
    "Rescaling": LayerOp(_rescaling_shape, _rescaling_run),
    **{kind: LayerOp(_activation_shape, _activation_run) for kind in ACTIVATION_KINDS},
}


def layer_output_shape(layer: LayerSpec, in_shape: Shape) -> Shape:
    """The layer's output shape for an input of ``in_shape``; raises UnsupportedLayer (one sentence)
    when convviz cannot compute the layer or the layer cannot take that input."""
    op = LAYER_OPS.get(layer.kind)
    if op is None:
        raise fail(layer, "is not a layer convviz can compute")
    check_dtype(layer)
    try:
        return tuple(op.shape(layer, tuple(in_shape)))
    except UnsupportedLayer:
        raise
    except (ValueError, TypeError, KeyError) as exc:  # a configuration convviz could not read
        raise fail(layer, f"has a configuration convviz cannot read ({type(exc).__name__}: {exc})") from None


def run_layer(layer: LayerSpec, x: np.ndarray) -> np.ndarray:
    """The layer's output (float32) for one sample ``x`` (no batch axis)."""
    return np.asarray(LAYER_OPS[layer.kind].run(layer, x), dtype=np.float32)
