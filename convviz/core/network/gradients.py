"""Why this class: the gradient of a class score with respect to the input, saliency and Grad-CAM.

The score is the class's pre-softmax logit: when the network ends in softmax (a Dense's activation, an
``Activation("softmax")`` or a ``Softmax`` layer), the gradient starts before it, since the probability
of one class also falls when another rises.  From there it goes back through every layer as that layer's
vector-Jacobian product (``layer_vjp``), built on convviz.core's backward functions: a convolution's input
gradient is the transposed convolution of its output gradient (``conv_backward``), pooling routes it to
the winners or spreads it (``pool_backward``), a Dense layer multiplies by the transposed weights.
Gradients are computed in float64 from the float32 forward pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convviz.core.backward import conv_backward, pool_backward

from .forward import LayerOutputs, forward
from .geometry import CONV_KINDS, POOL_KINDS, TRANSPOSED_KINDS, fail, transposed_window, window_geometry, zero_padding
from .layers import (
    ACTIVATION_KINDS,
    IDENTITY_KINDS,
    batch_norm_factors,
    conv_pre_activation,
    dense_pre_activation,
    rescaling_factors,
    softmax_axis,
    transposed_pre_activation,
)
from .spec import LayerSpec, NetworkSpec

__all__ = ["GradCam", "activation_vjp", "backpropagate", "grad_cam", "grad_cam_details", "input_gradient",
           "layer_vjp", "saliency", "score_start"]


# -- activations ----------------------------------------------------------------------------------

def _sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))  # no overflow for large |x|


def activation_vjp(name: str, x: np.ndarray, g: np.ndarray, *, axis: int = -1,
                   alpha: float | None = None) -> np.ndarray:
    """``g · f'(x)`` for the activation Keras calls ``name`` at the pre-activation ``x`` (softmax: along
    ``axis``).  Derivatives at kinks as TensorFlow takes them (ReLU's is 0 at 0)."""
    if name in (None, "linear"):
        return g
    if name == "relu":
        return g * (x > 0)
    if name == "relu6":
        return g * ((x > 0) & (x < 6))
    if name == "leaky_relu":
        return np.where(x > 0, g, g * (0.2 if alpha is None else alpha))
    if name == "elu":
        a = 1.0 if alpha is None else alpha
        return np.where(x > 0, g, g * a * np.exp(np.minimum(x, 0)))
    if name == "selu":
        scale, a = 1.0507009873554805, 1.6732632423543772
        return g * scale * np.where(x >= 0, 1.0, a * np.exp(np.minimum(x, 0)))  # tf.nn.selu's slope at 0
    if name == "sigmoid":
        s = _sigmoid(x)
        return g * s * (1 - s)
    if name == "tanh":
        return g * (1 - np.tanh(x) ** 2)
    if name == "softplus":
        return g * _sigmoid(x)
    if name == "softsign":
        return g / (1 + np.abs(x)) ** 2
    if name in ("silu", "swish"):
        s = _sigmoid(x)
        return g * (s + x * s * (1 - s))
    if name == "exponential":
        return g * np.exp(x)
    if name == "hard_sigmoid":
        return g * ((x > -3) & (x < 3)) / 6
    if name == "softmax":
        shifted = np.exp(x - np.max(x, axis=axis, keepdims=True))
        s = shifted / shifted.sum(axis=axis, keepdims=True)
        return s * (g - np.sum(g * s, axis=axis, keepdims=True))
    raise ValueError(f"no gradient for the activation {name!r}")


def _relu_layer_vjp(layer: LayerSpec, x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """keras.layers.ReLU(max_value, negative_slope, threshold): the slope of each piece."""
    cfg = layer.config
    max_value = cfg.get("max_value")
    slope = float(cfg.get("negative_slope", 0.0) or 0.0)
    threshold = float(cfg.get("threshold", 0.0) or 0.0)
    if layer.kind == "LeakyReLU":
        slope, max_value, threshold = float(cfg.get("negative_slope", cfg.get("alpha", 0.3))), None, 0.0
    passing = x > threshold if threshold != 0 else x > 0
    if max_value is not None:
        passing = passing & (x < float(max_value))
    derivative = passing.astype(np.float64)
    if slope:
        derivative = derivative + slope * (x < threshold)
    return g * derivative


# -- layers ---------------------------------------------------------------------------------------

def _as_row(rank: int, *arrays):
    """1D layers run as 2D with one row (core's 1D convolution and pooling take no channel axis)."""
    return arrays if rank == 2 else tuple(a[None] for a in arrays)


def _conv_input_gradient(layer: LayerSpec, x: np.ndarray, g_pre: np.ndarray) -> np.ndarray:
    geometry = window_geometry(layer, x.shape)
    rank = len(geometry.in_shape)
    weights = [np.asarray(w, dtype=np.float64) for w in layer.weights]
    pads, stride, dilation = geometry.pads, geometry.stride, geometry.dilation
    if rank == 1:
        pads, stride, dilation = ((0, 0),) + pads, (1,) + stride, (1,) + dilation
    x2, g2 = _as_row(rank, x, g_pre)
    channels = x.shape[-1]
    if layer.kind in ("Conv1D", "Conv2D"):
        kernel, groups = weights[0], int(layer.config.get("groups", 1) or 1)
    else:
        depthwise = weights[0]
        if layer.kind == "SeparableConv2D":  # out = depthwise maps @ pointwise: back through the 1x1 first
            g2 = g2 @ weights[1][0, 0].T
        kernel, groups = depthwise.reshape(depthwise.shape[:2] + (1, -1)), channels
    kernel = kernel if rank == 2 else kernel[None]
    per_group, filters = kernel.shape[-2], kernel.shape[-1] // groups
    dx = np.concatenate([
        conv_backward(x2[..., j * per_group:(j + 1) * per_group], kernel[..., j * filters:(j + 1) * filters],
                      g2[..., j * filters:(j + 1) * filters], padding=pads, stride=stride, dilation=dilation,
                      with_weights=False).dX
        for j in range(groups)
    ], axis=-1)
    return dx if rank == 2 else dx[0]


def _transposed_input_gradient(layer: LayerSpec, x: np.ndarray, g_pre: np.ndarray) -> np.ndarray:
    """A transposed convolution's input gradient is the forward correlation of its output gradient with
    the same kernel, over the crop the stamps had (the convolution that maps its output back to its input)."""
    from convviz.core.conv import correlate

    geometry = transposed_window(layer, x.shape)
    rank = len(geometry.in_shape)
    kernel = np.asarray(layer.weights[0], dtype=np.float64)  # (*K, F, C): a bank from F channels to C
    pads = tuple((before, max(after, 0)) for before, after in geometry.crop)
    stride, dilation = geometry.stride, geometry.dilation
    if rank == 1:
        pads, stride, dilation, kernel = ((0, 0),) + pads, (1,) + stride, (1,) + dilation, kernel[None]
    (g2,) = _as_row(rank, g_pre)
    dx = correlate(g2, kernel, padding=pads, stride=stride, dilation=dilation)
    dx = dx[tuple(slice(0, n) for n in _as_row(rank, x)[0].shape[:2])]
    return dx if rank == 2 else dx[0]


def _pool_input_gradient(layer: LayerSpec, x: np.ndarray, g: np.ndarray) -> np.ndarray:
    rank, kind = POOL_KINDS[layer.kind]
    geometry = window_geometry(layer, x.shape)
    size, stride = geometry.kernel_shape, geometry.stride
    padding = str(layer.config.get("padding", "valid")).lower()
    if rank == 1:
        return pool_backward(x[None], g[None], kind, (1,) + size, (1,) + stride, padding)[0]
    return pool_backward(x, g, kind, size, stride, padding)


def _global_input_gradient(layer: LayerSpec, x: np.ndarray, g: np.ndarray) -> np.ndarray:
    rank = 1 if layer.kind.endswith("1D") else 2
    axes = tuple(range(rank))
    g = g.reshape((1,) * rank + (x.shape[-1],))
    if layer.kind.startswith("GlobalMax"):
        # TensorFlow's reduce_max shares the gradient equally among tied maxima.
        winners = x == x.max(axis=axes, keepdims=True)
        return g * winners / winners.sum(axis=axes, keepdims=True)
    return np.broadcast_to(g / np.prod(x.shape[:rank]), x.shape)


def _sum_to_shape(g: np.ndarray, shape: tuple) -> np.ndarray:
    """A gradient of a broadcast result summed back over the axes the broadcasting added or stretched."""
    g = g.sum(axis=tuple(range(g.ndim - len(shape)))) if g.ndim > len(shape) else g
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=stretched, keepdims=True) if stretched else g


def _activation_name(layer: LayerSpec) -> str:
    return layer.config.get("activation", "linear") or "linear"


def layer_vjp(layer: LayerSpec, x: np.ndarray, g: np.ndarray, *, from_pre_activation: bool = False) -> np.ndarray:
    """The gradient with respect to the layer's input ``x`` from ``g``, the gradient with respect to its
    output (or, with ``from_pre_activation``, to its sums before its own activation)."""
    kind = layer.kind
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64)
    if kind in IDENTITY_KINDS:
        return g
    if kind in CONV_KINDS or kind in TRANSPOSED_KINDS or kind == "Dense":
        if not from_pre_activation:
            pre = {"Dense": dense_pre_activation}.get(kind, transposed_pre_activation if kind in TRANSPOSED_KINDS
                                                      else conv_pre_activation)(layer, x.astype(np.float32))
            g = activation_vjp(_activation_name(layer), np.asarray(pre, dtype=np.float64), g)
        if kind == "Dense":
            return g @ np.asarray(layer.weights[0], dtype=np.float64).T
        if kind in TRANSPOSED_KINDS:
            return _transposed_input_gradient(layer, x, g)
        return _conv_input_gradient(layer, x, g)
    if kind in POOL_KINDS:
        return _pool_input_gradient(layer, x, g)
    if kind.startswith("Global"):
        return _global_input_gradient(layer, x, g)
    if kind in ("ZeroPadding1D", "ZeroPadding2D"):
        pads = zero_padding(layer, x.ndim - 1)
        return g[tuple(slice(b, b + n) for (b, _), n in zip(pads, x.shape))]
    if kind in ("Flatten", "Reshape"):
        return g.reshape(x.shape)
    if kind == "BatchNormalization":
        a, _ = batch_norm_factors(layer, x.shape[-1])
        return g * a
    if kind == "Rescaling":
        scale, _ = rescaling_factors(layer)
        return _sum_to_shape(g * scale, x.shape)
    if kind in ACTIVATION_KINDS:
        if kind in ("ReLU", "LeakyReLU"):
            return _relu_layer_vjp(layer, x, g)
        if kind == "ELU":
            return activation_vjp("elu", x, g, alpha=float(layer.config.get("alpha", 1.0)))
        if kind == "Softmax":
            return activation_vjp("softmax", x, g, axis=softmax_axis(layer, x.shape))
        return activation_vjp(_activation_name(layer), x, g)
    raise fail(layer, "has no gradient in convviz")


# -- the class score ------------------------------------------------------------------------------

def _is_softmax(layer: LayerSpec) -> bool:
    return layer.kind == "Softmax" or (layer.config.get("activation") == "softmax"
                                        and (layer.kind == "Activation" or layer.kind == "Dense"
                                             or layer.kind in CONV_KINDS or layer.kind in TRANSPOSED_KINDS))


def score_start(spec: NetworkSpec) -> tuple[int, bool]:
    """Where the class score's gradient starts: (layer index, whether at its pre-activation sums).

    The last layer's output, unless the network ends in softmax (trailing identity layers such as
    Dropout skipped): then the softmax's input, i.e. the logits."""
    index = len(spec.layers) - 1
    while index >= 0 and spec.layers[index].kind in IDENTITY_KINDS:
        index -= 1
    if index < 0:
        raise ValueError(f"the model '{spec.name}' has no layer that computes anything")
    layer = spec.layers[index]
    if _is_softmax(layer):
        if layer.kind in ("Softmax", "Activation"):
            return index - 1, False  # the logits are the previous layer's output (-1: the input itself)
        return index, True
    return index, False


def _score_value(spec: NetworkSpec, outputs: LayerOutputs, class_index: int) -> tuple[int, bool, np.ndarray]:
    start, pre = score_start(spec)
    if start < 0:
        y = outputs.input
    elif pre:
        layer, x = spec.layers[start], outputs.layer_input(start)
        y = (dense_pre_activation if layer.kind == "Dense" else
             transposed_pre_activation if layer.kind in TRANSPOSED_KINDS else conv_pre_activation)(layer, x)
    else:
        y = outputs[start]
    classes = y.shape[-1] if y.ndim else 0
    if not (isinstance(class_index, (int, np.integer)) and 0 <= class_index < classes):
        raise ValueError(f"there is no class {class_index!r}: the model scores {classes} classes (0 to {classes - 1})")
    return start, pre, np.asarray(y)


def backpropagate(spec: NetworkSpec, outputs: LayerOutputs, class_index: int, *,
                  down_to: int = -1) -> list[np.ndarray | None]:
    """The class score's gradient with respect to every layer's output, then to the input (the last
    entry); None for layers after the score (the softmax and what follows it), and with ``down_to`` (a
    layer index) for the layers before that one's output and the input, which are not computed."""
    start, pre, y = _score_value(spec, outputs, class_index)
    g = np.zeros(y.shape)
    g[..., class_index] = 1.0  # an output with spatial axes: the score sums the class's map
    grads: list[np.ndarray | None] = [None] * (len(spec.layers) + 1)
    if start < 0:
        grads[-1] = g
        return grads
    if not pre:
        grads[start] = g
    for index in range(start, down_to, -1):
        layer = spec.layers[index]
        g = layer_vjp(layer, outputs.layer_input(index), g, from_pre_activation=pre and index == start)
        if index > 0:
            grads[index - 1] = g
    if down_to < 0:
        grads[-1] = g
    return grads


def input_gradient(spec: NetworkSpec, x, class_index: int, *, outputs: LayerOutputs | None = None) -> np.ndarray:
    """d(class score)/d(input), the input's shape (float32); ``outputs``: a forward pass already made."""
    outputs = forward(spec, x) if outputs is None else outputs
    return backpropagate(spec, outputs, class_index)[-1].astype(np.float32)


def saliency(spec: NetworkSpec, x, class_index: int, *, outputs: LayerOutputs | None = None) -> np.ndarray:
    """|d(class score)/d(input)|, the largest over the channels: one value per input cell, (H, W) or (W,)
    (a flat input, which has no channel axis: one per value)."""
    grad = np.abs(input_gradient(spec, x, class_index, outputs=outputs))
    return grad.max(axis=-1) if grad.ndim > 1 else grad


# -- Grad-CAM -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GradCam:
    """Grad-CAM of one class at one layer: ``heatmap`` at the input's spatial size (bilinear, as
    tf.image.resize), ``coarse`` at the layer's, ``weights`` one per channel (the gradients' spatial mean)."""

    layer_index: int
    weights: np.ndarray
    coarse: np.ndarray
    heatmap: np.ndarray


def last_conv_layer(spec: NetworkSpec) -> int:
    """The index of the last convolution (Conv1D/2D, depthwise, separable or transposed)."""
    for index in range(len(spec.layers) - 1, -1, -1):
        if spec.layers[index].kind in CONV_KINDS or spec.layers[index].kind in TRANSPOSED_KINDS:
            return index
    raise ValueError(f"the model '{spec.name}' has no convolution layer for Grad-CAM")


def resize_bilinear(image: np.ndarray, size: tuple[int, ...]) -> np.ndarray:
    """Bilinear resize of the leading 1 or 2 axes with half-pixel centres (tf.image.resize, no antialias)."""
    out = np.asarray(image, dtype=np.float64)
    for axis, n in enumerate(size):
        m = out.shape[axis]
        centres = np.clip((np.arange(n) + 0.5) * (m / n) - 0.5, 0, m - 1)
        low = np.floor(centres).astype(int)
        high = np.minimum(low + 1, m - 1)
        frac = (centres - low).reshape((-1,) + (1,) * (out.ndim - axis - 1))
        out = np.take(out, low, axis=axis) * (1 - frac) + np.take(out, high, axis=axis) * frac
    return out


def grad_cam_details(spec: NetworkSpec, x, class_index: int, layer_index: int | None = None, *,
                     outputs: LayerOutputs | None = None) -> GradCam:
    """Grad-CAM (Selvaraju et al.): ReLU(Σ_k α_k A_k) with α_k the spatial mean of d(score)/dA_k, A the
    output of ``layer_index`` (the last convolution by default), upsampled to the input's size."""
    outputs = forward(spec, x) if outputs is None else outputs
    index = last_conv_layer(spec) if layer_index is None else int(layer_index)
    if not 0 <= index < len(spec.layers):
        raise ValueError(f"the model has {len(spec.layers)} layers; there is no layer {layer_index}")
    activations = np.asarray(outputs[index], dtype=np.float64)
    spatial = activations.ndim - 1
    if spatial not in (1, 2) or spatial != outputs.input.ndim - 1:
        raise ValueError(f"layer '{spec.layers[index].name}' has no map of the input's rank for Grad-CAM "
                         f"(output shape {activations.shape})")
    grads = backpropagate(spec, outputs, class_index, down_to=index)[index]
    if grads is None:
        raise ValueError(f"layer '{spec.layers[index].name}' comes after the class scores")
    weights = grads.mean(axis=tuple(range(spatial)))
    coarse = np.maximum(activations @ weights, 0)
    heatmap = resize_bilinear(coarse, outputs.input.shape[:spatial])
    return GradCam(index, weights.astype(np.float32), coarse.astype(np.float32), heatmap.astype(np.float32))


def grad_cam(spec: NetworkSpec, x, class_index: int, layer_index: int | None = None, *,
             outputs: LayerOutputs | None = None) -> np.ndarray:
    """The Grad-CAM heatmap at the input's spatial size (not normalised: 0 where nothing speaks for the
    class); see :func:`grad_cam_details`."""
    return grad_cam_details(spec, x, class_index, layer_index, outputs=outputs).heatmap
