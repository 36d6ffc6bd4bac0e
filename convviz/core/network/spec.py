"""A network as plain data: each layer's Keras class, configuration and weights as numpy arrays.

The window never imports TensorFlow: a Keras model is read in a child process (convviz.train) into a
:class:`NetworkSpec`, and convviz computes the forward pass, the units' arithmetic and the gradients in
numpy from it. The same spec is saved as ``.npz`` (convviz.io.networks) so the lecture's model opens
without TensorFlow at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class LayerSpec:
    """One layer.

    ``kind`` is the Keras class name ("Conv2D", "MaxPooling2D", "Dense", ...). ``config`` is the JSON-safe
    part of Keras's ``layer.get_config()`` that the computation needs (strides, padding, dilation_rate,
    groups, activation, pool_size, units, axis, epsilon, target_shape, ...), with tuples as lists.
    ``weights`` are in the order of Keras's ``layer.get_weights()``. ``params`` is Keras's
    ``layer.count_params()`` when read from Keras, else counted from the weights.
    """

    name: str
    kind: str
    config: dict = field(default_factory=dict)
    weights: tuple[np.ndarray, ...] = ()
    params: int | None = None

    @property
    def param_count(self) -> int:
        return self.params if self.params is not None else int(sum(w.size for w in self.weights))


@dataclass(frozen=True)
class NetworkSpec:
    """A chain of layers from one input (shape without the batch axis, channels last).

    ``stopped_at`` says, in one sentence, where and why a model was cut short (a layer convviz cannot
    compute, a branch); the layers before it are kept so the model still opens.
    """

    name: str
    input_shape: tuple[int, ...]
    layers: tuple[LayerSpec, ...]
    class_names: tuple[str, ...] = ()
    stopped_at: str | None = None

    def layer(self, name: str) -> LayerSpec:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(name)
