"""Small random Keras models and their every-layer outputs, for comparing with convviz's numpy."""

from __future__ import annotations

import numpy as np


def randomize(model, seed: int = 0) -> None:
    """Random weights of order one; batch normalisation gets positive variances."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        weights = layer.get_weights()
        if not weights:
            continue
        new = [rng.normal(0, 0.5, w.shape).astype(np.float32) for w in weights]
        if type(layer).__name__ == "BatchNormalization":
            new[-1] = rng.uniform(0.3, 2.0, weights[-1].shape).astype(np.float32)
        layer.set_weights(new)


def build(keras, input_shape, layers, seed: int = 0):
    model = keras.Sequential([keras.Input(input_shape)] + list(layers))
    randomize(model, seed)
    return model


def keras_outputs(keras, model, x: np.ndarray) -> list[np.ndarray]:
    """Every layer's output for one sample, from Keras itself (training=False)."""
    probe = keras.Model(model.inputs, [layer.output for layer in model.layers])
    outs = probe([x[None]], training=False)
    if not isinstance(outs, (list, tuple)):
        outs = [outs]
    return [np.asarray(o)[0] for o in outs]


def assert_close(ours: np.ndarray, theirs: np.ndarray, what: str = "") -> None:
    assert ours.shape == theirs.shape, f"{what}: shape {ours.shape} != Keras {theirs.shape}"
    scale = max(1.0, float(np.abs(theirs).max(initial=0)))
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=2e-5 * scale, err_msg=what)
