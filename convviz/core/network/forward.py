"""A network's forward pass for one sample in numpy: every layer's output, as Keras computes it.

``forward(spec, x)`` returns one array per layer of ``spec.layers`` (channels last, no batch axis,
float32); ``check(spec)`` / ``first_unsupported(spec)`` say which layer cannot be computed and why,
in one sentence, so a model can be opened up to that layer.  The layers themselves are in
``layers.py``; the tests compare every one with Keras's ``model(x, training=False)``.
"""

from __future__ import annotations

import numpy as np

from .geometry import UnsupportedLayer
from .layers import LAYER_OPS, layer_output_shape, run_layer
from .spec import NetworkSpec

__all__ = ["LayerOutputs", "SUPPORTED_KINDS", "check", "first_unsupported", "forward", "output_shapes",
           "prepare_input", "run_layers"]

#: The Keras layer classes convviz computes.
SUPPORTED_KINDS = tuple(sorted(LAYER_OPS))


class LayerOutputs(list):
    """``forward``'s list of layer outputs, which also keeps the input it started from
    (``.input``): the first layer's units read it."""

    input: np.ndarray

    def __init__(self, outputs, input: np.ndarray):
        super().__init__(outputs)
        self.input = input

    def layer_input(self, index: int) -> np.ndarray:
        """What layer ``index`` reads: the previous layer's output, or the network's input."""
        return self.input if index == 0 else self[index - 1]


def prepare_input(spec: NetworkSpec, x) -> np.ndarray:
    """``x`` as the float32 array the first layer reads; a grey (H, W) image for an (H, W, 1)
    input gets its channel axis.  Raises ValueError (one sentence) when it does not fit."""
    try:
        arr = np.asarray(x, dtype=np.float32)
    except (TypeError, ValueError):
        raise ValueError("the input is not an array of numbers") from None
    expected = tuple(spec.input_shape)
    if arr.ndim + 1 == len(expected) and expected[-1] == 1:
        arr = arr[..., None]
    if arr.ndim != len(expected) or any(e is not None and e != n for e, n in zip(expected, arr.shape)):
        raise ValueError(f"the model '{spec.name}' takes an input of shape {expected}, not {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("the input contains NaN or infinite values")
    return arr


def run_layers(spec: NetworkSpec, x: np.ndarray, start: int = 0, stop: int | None = None) -> list[np.ndarray]:
    """The outputs of layers ``start .. stop - 1`` from ``x``, the input of layer ``start``
    (no checks: the gradients and the receptive-field tests feed intermediate maps this way)."""
    outputs = []
    for layer in spec.layers[start:stop]:
        x = run_layer(layer, x)
        outputs.append(x)
    return outputs


def forward(spec: NetworkSpec, x, *, upto: int | None = None) -> LayerOutputs:
    """Every layer's output for one sample ``x`` (shape ``spec.input_shape``, no batch axis).

    ``upto``: stop after that layer (index into ``spec.layers``, inclusive).  Raises ValueError with
    one sentence for an input that does not fit and UnsupportedLayer (a ValueError) for a layer that
    cannot be computed (``check`` says so beforehand).
    """
    arr = prepare_input(spec, x)
    stop = len(spec.layers) if upto is None else upto + 1
    if not 0 <= stop <= len(spec.layers):
        raise ValueError(f"the model has {len(spec.layers)} layers; there is no layer {upto}")
    problem = first_unsupported(spec, arr.shape, stop=stop)
    if problem is not None:
        raise UnsupportedLayer(problem[1])
    return LayerOutputs(run_layers(spec, arr, 0, stop), arr)


def output_shapes(spec: NetworkSpec, input_shape: tuple | None = None) -> list[tuple]:
    """Each layer's output shape (no batch axis); raises UnsupportedLayer for a layer that cannot
    be computed.  ``input_shape``: for a model whose input size is open (None in ``spec.input_shape``)."""
    shape = tuple(spec.input_shape if input_shape is None else input_shape)
    shapes = []
    for layer in spec.layers:
        shape = layer_output_shape(layer, shape)
        shapes.append(shape)
    return shapes


def first_unsupported(spec: NetworkSpec, input_shape: tuple | None = None, *,
                      stop: int | None = None) -> tuple[int, str] | None:
    """The index of the first layer convviz cannot compute and why (one sentence), or None."""
    shape = tuple(spec.input_shape if input_shape is None else input_shape)
    if any(n is None for n in shape):
        return None if not spec.layers else _open_size(spec)
    for index, layer in enumerate(spec.layers[:stop]):
        try:
            shape = layer_output_shape(layer, shape)
        except UnsupportedLayer as exc:
            return index, f"{exc}."
    return None


def _open_size(spec: NetworkSpec) -> tuple[int, str] | None:
    """Layers of a model with an open input size are checked on a small input of that rank."""
    trial = tuple(32 if n is None else n for n in spec.input_shape)
    return first_unsupported(spec, trial)


def check(spec: NetworkSpec, input_shape: tuple | None = None) -> str | None:
    """Why ``spec`` cannot be computed to its end, in one sentence; None when it can."""
    problem = first_unsupported(spec, input_shape)
    return None if problem is None else problem[1]
