"""A NetworkSpec from a Keras model, for the tests until convviz.train.model_reader lands."""

from __future__ import annotations

import numpy as np

from convviz.core.network import LayerSpec, NetworkSpec


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def spec_from_keras(model) -> NetworkSpec:
    layers = tuple(
        LayerSpec(
            name=layer.name,
            kind=type(layer).__name__,
            config=_plain(layer.get_config()),
            weights=tuple(np.asarray(w) for w in layer.get_weights()),
            params=int(layer.count_params()),
        )
        for layer in model.layers
    )
    return NetworkSpec(name=model.name, input_shape=tuple(model.inputs[0].shape[1:]), layers=layers)
