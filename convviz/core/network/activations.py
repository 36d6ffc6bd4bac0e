"""The activations a Keras layer can name, in float32, as Keras computes them.

``KERAS_ACTIVATIONS`` maps the name Keras's ``get_config()`` gives (``"relu"``, ``"softmax"``, ...) to
its function and a one-line formula the units' explanations print.  ``relu_layer`` is the ``ReLU``
layer's (max_value, negative_slope, threshold) arithmetic step by step as Keras does it, so odd
combinations (a threshold with a max_value) give Keras's numbers, not a textbook's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from convviz.core.activations import elu, leaky_relu, sigmoid, softmax

__all__ = ["KERAS_ACTIVATIONS", "KerasActivation", "activation_named", "relu_layer"]


def _f32(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float32)


def _relu(x):
    return np.maximum(_f32(x), np.float32(0))


def _relu6(x):
    return np.clip(_f32(x), np.float32(0), np.float32(6))


def _softplus(x):
    x = _f32(x)
    return np.logaddexp(np.float32(0), x).astype(np.float32)


def _softsign(x):
    x = _f32(x)
    return x / (np.float32(1) + np.abs(x))


def _silu(x):
    x = _f32(x)
    return x * sigmoid(x)


def _selu(x):
    alpha, scale = np.float32(1.6732632423543772), np.float32(1.0507009873554805)
    return scale * elu(_f32(x), alpha)


def _hard_sigmoid(x):
    return _relu6(_f32(x) + np.float32(3)) / np.float32(6)


@dataclass(frozen=True)
class KerasActivation:
    name: str
    function: Callable[[np.ndarray], np.ndarray]
    formula: str  # with "x" for the pre-activation value
    elementwise: bool = True  # False: softmax, which reads the whole last axis


KERAS_ACTIVATIONS: dict[str, KerasActivation] = {
    a.name: a
    for a in (
        KerasActivation("linear", _f32, "x"),
        KerasActivation("relu", _relu, "max(0, x)"),
        KerasActivation("relu6", _relu6, "min(max(0, x), 6)"),
        KerasActivation("sigmoid", lambda x: sigmoid(_f32(x)), "1 / (1 + e^-x)"),
        KerasActivation("tanh", lambda x: np.tanh(_f32(x)), "tanh(x)"),
        KerasActivation("elu", lambda x: elu(_f32(x)), "x if x > 0 else e^x - 1"),
        KerasActivation("selu", _selu, "1.0507·(x if x > 0 else 1.6733·(e^x - 1))"),
        KerasActivation("leaky_relu", lambda x: leaky_relu(_f32(x), 0.2), "x if x > 0 else 0.2·x"),
        KerasActivation("softplus", _softplus, "log(1 + e^x)"),
        KerasActivation("softsign", _softsign, "x / (1 + |x|)"),
        KerasActivation("silu", _silu, "x · sigmoid(x)"),
        KerasActivation("swish", _silu, "x · sigmoid(x)"),
        KerasActivation("exponential", lambda x: np.exp(_f32(x)), "e^x"),
        KerasActivation("hard_sigmoid", _hard_sigmoid, "min(max(0, x + 3), 6) / 6"),
        KerasActivation("softmax", lambda x: softmax(_f32(x), axis=-1), "e^x / Σ e^x_j", elementwise=False),
    )
}


def activation_named(name) -> KerasActivation | None:
    """The activation Keras calls ``name``; None for anything else (a custom function, a dict)."""
    if name is None:
        return KERAS_ACTIVATIONS["linear"]
    if isinstance(name, str):
        return KERAS_ACTIVATIONS.get(name)
    return None


def relu_layer(x, max_value=None, negative_slope: float = 0.0, threshold: float = 0.0) -> np.ndarray:
    """keras.layers.ReLU: the same steps as ``keras.activations.relu``, in float32."""
    x = _f32(x)
    slope, threshold = np.float32(negative_slope), np.float32(threshold)
    if slope != 0 and max_value is None and threshold == 0:
        return leaky_relu(x, float(slope))
    negative_part = np.maximum(threshold - x, np.float32(0)) if slope != 0 else None
    if threshold != 0:
        # Keras keeps x itself above the threshold (not x - threshold) and zeroes the rest.
        y = x * (x > threshold).astype(np.float32)
    else:
        y = np.maximum(x, np.float32(0))
    if max_value is not None:
        y = np.clip(y, np.float32(0), np.float32(max_value))
    if negative_part is not None:
        y = y - slope * negative_part
    return y
