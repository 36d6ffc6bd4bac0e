"""Activation functions and their derivatives, as Keras defines them.

Each entry of ``ACTIVATIONS`` pairs a function with its derivative; the
derivative of ReLU at 0 is taken as 0, as TensorFlow's gradient does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "activate",
    "elu",
    "elu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_derivative",
    "tanh",
    "tanh_derivative",
]

#: Slope of leaky ReLU for negative inputs (keras.activations.leaky_relu, tf.nn.leaky_relu).
LEAKY_SLOPE = 0.2


def _float(x) -> np.ndarray:
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def relu(x):
    x = np.asarray(x)
    return np.maximum(x, np.zeros((), dtype=x.dtype))


def relu_derivative(x):
    x = np.asarray(x)
    return (x > 0).astype(_float(x).dtype)


def leaky_relu(x, negative_slope: float = LEAKY_SLOPE):
    x = _float(x)
    return np.where(x > 0, x, x * x.dtype.type(negative_slope))


def leaky_relu_derivative(x, negative_slope: float = LEAKY_SLOPE):
    x = _float(x)
    return np.where(x > 0, x.dtype.type(1), x.dtype.type(negative_slope))


def sigmoid(x):
    x = _float(x)
    # Two branches keep exp() from overflowing for large |x|.
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    return np.tanh(_float(x))


def tanh_derivative(x):
    return 1 - np.tanh(_float(x)) ** 2


def elu(x, alpha: float = 1.0):
    x = _float(x)
    return np.where(x > 0, x, x.dtype.type(alpha) * np.expm1(np.minimum(x, 0)))


def elu_derivative(x, alpha: float = 1.0):
    x = _float(x)
    return np.where(x > 0, x.dtype.type(1), x.dtype.type(alpha) * np.exp(np.minimum(x, 0)))


def softmax(x, axis: int = -1):
    x = _float(x)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def softmax_derivative(x, axis: int = -1):
    """The Jacobian ``d softmax_i / d x_j = s_i (delta_ij - s_j)``, shape (..., n, n)."""
    s = np.moveaxis(softmax(x, axis=axis), axis, -1)
    return s[..., :, None] * (np.eye(s.shape[-1], dtype=s.dtype) - s[..., None, :])


def _identity(x):
    return np.asarray(x)


def _ones(x):
    return np.ones_like(_float(x))


@dataclass(frozen=True)
class Activation:
    name: str
    label: str
    function: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray], np.ndarray]
    formula: str


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("none", "None (linear)", _identity, _ones, "f(x) = x"),
        Activation("relu", "ReLU", relu, relu_derivative, "f(x) = max(0, x)"),
        Activation(
            "leaky_relu", "Leaky ReLU", leaky_relu, leaky_relu_derivative,
            f"f(x) = x if x > 0 else {LEAKY_SLOPE}·x",
        ),
        Activation("sigmoid", "Sigmoid", sigmoid, sigmoid_derivative, "f(x) = 1 / (1 + e^-x)"),
        Activation("tanh", "tanh", tanh, tanh_derivative, "f(x) = tanh(x)"),
        Activation("elu", "ELU", elu, elu_derivative, "f(x) = x if x > 0 else e^x - 1"),
        Activation("softmax", "Softmax", softmax, softmax_derivative, "f(x)_i = e^x_i / Σ e^x_j"),
    )
}


def activate(x, name: str):
    """Apply the activation called ``name`` (a key of ``ACTIVATIONS``)."""
    try:
        activation = ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}"
        ) from None
    return activation.function(x)
