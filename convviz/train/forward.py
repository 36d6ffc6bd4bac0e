"""The trained CNN's forward pass in numpy, from its weights.

The window predicts with this instead of TensorFlow, so it never imports
TensorFlow (whose import holds the GIL for seconds) and never waits on it.
The tests check it against Keras's own ``model.predict``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convviz.core import activate, correlate, pool
from convviz.model.training import InputScaling, TrainConfig


@dataclass
class NumpyCNN:
    """Weights in Keras order: [conv1 kernel, conv1 bias, (conv2 kernel, conv2 bias,) dense W, dense b,
    out W, out b]."""

    config: TrainConfig
    weights: list[np.ndarray]
    class_names: tuple[str, ...] = ()
    scaling: InputScaling = InputScaling()  # the model's Rescaling layer, if it standardizes

    @property
    def input_shape(self) -> tuple[int, int]:
        return self._input_shape

    def __post_init__(self) -> None:
        self.weights = [np.asarray(w, dtype=np.float32) for w in self.weights]
        expected = 8 if self.config.second_block else 6
        if len(self.weights) != expected:
            raise ValueError(f"expected {expected} weight arrays for this configuration, got {len(self.weights)}")
        self._input_shape = (0, 0)

    @property
    def first_layer(self) -> tuple[np.ndarray, np.ndarray]:
        return self.weights[0], self.weights[1]

    def _block(self, x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, stride: int) -> np.ndarray:
        conv = correlate(x, kernel, padding=self.config.padding, stride=stride, bias=bias)
        return pool(activate(conv, "relu"), self.config.pool, 2)

    def predict(self, image: np.ndarray) -> np.ndarray:
        """Class probabilities for one (H, W) image with values in [0, 1]."""
        x = self.scaling.apply(np.asarray(image, dtype=np.float32))
        w = self.weights
        features = self._block(x, w[0], w[1], self.config.stride)
        rest = w[2:]
        if self.config.second_block:
            features = self._block(features, w[2], w[3], 1)
            rest = w[4:]
        flat = features.reshape(-1)  # channels-last, row-major: Keras's Flatten order
        if flat.size != rest[0].shape[0]:
            raise ValueError(f"the model expects {rest[0].shape[0]} features, this image gives {flat.size}")
        hidden = np.maximum(flat @ rest[0] + rest[1], 0)
        return activate(hidden @ rest[2] + rest[3], "softmax")
