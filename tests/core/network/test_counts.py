"""Output shapes, parameters and multiply-adds against Keras and against the lecture's numbers."""

import numpy as np
import pytest

from convviz.core.network import forward
from convviz.core.network.counts import macs, output_shapes, params, summary_rows
from convviz.train.model_reader import read_model

from .keras_models import build

keras = pytest.importorskip("keras")
pytestmark = pytest.mark.tensorflow
L = keras.layers


@pytest.fixture(scope="module")
def lecture():
    model = build(keras, (28, 28, 1), [L.Conv2D(10, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
                                       L.Flatten(), L.Dense(100, activation="relu"), L.Dense(10, activation="softmax")])
    return model, read_model(model)


def test_lecture_cnn_counts(lecture):
    model, spec = lecture
    assert params(spec) == [100, 0, 0, 196100, 1010]
    assert output_shapes(spec) == [(28, 28, 10), (14, 14, 10), (1960,), (100,), (10,)]
    assert macs(spec) == [28 * 28 * 10 * 9, 0, 0, 1960 * 100, 100 * 10]
    rows = summary_rows(spec)
    assert rows[3] == {"name": model.layers[3].name, "class": "Dense", "output_shape": [100], "params": 196100,
                       "macs": 196000}


MIXED = [
    (10, 9, 4), [lambda: L.Conv2D(6, 3, groups=2, strides=2, padding="same"), lambda: L.BatchNormalization(),
                 lambda: L.DepthwiseConv2D(3, depth_multiplier=2), lambda: L.SeparableConv2D(5, 2, use_bias=False),
                 lambda: L.Conv2DTranspose(3, 3, strides=2, padding="same"), lambda: L.ZeroPadding2D(1),
                 lambda: L.AveragePooling2D(3, strides=2, padding="same"), lambda: L.Reshape((-1, 3)),
                 lambda: L.Conv1D(4, 2, padding="causal"), lambda: L.GlobalMaxPooling1D(), lambda: L.Dense(7)],
]


def test_shapes_and_params_equal_keras_for_every_kind():
    shape, makers = MIXED
    model = build(keras, shape, [make() for make in makers])
    spec = read_model(model)
    assert params(spec) == [layer.count_params() for layer in model.layers]
    # the spec's counts come from Keras; counted from the weights alone they agree too
    recount = [sum(w.size for w in layer.weights) for layer in spec.layers]
    assert recount == params(spec)
    assert output_shapes(spec) == [tuple(layer.output.shape[1:]) for layer in model.layers]
    outs = forward(spec, np.zeros(shape, np.float32))
    assert [o.shape for o in outs] == output_shapes(spec)


def test_macs_follow_the_stated_convention():
    model = build(keras, (8, 8, 4), [L.Conv2D(6, 3, groups=2), L.DepthwiseConv2D(3, depth_multiplier=2),
                                     L.SeparableConv2D(5, 2), L.Conv2DTranspose(3, 3, strides=2, padding="same"),
                                     L.Dense(2)])
    spec = read_model(model)
    assert macs(spec) == [
        6 * 6 * 6 * 9 * 2,               # out cells x filters x taps x channels/groups
        4 * 4 * 12 * 9,                  # depthwise: out cells x C*M x taps
        3 * 3 * 12 * 4 + 3 * 3 * 12 * 5,  # separable (M=1): depthwise + pointwise
        3 * 3 * 9 * 5 * 3,               # transposed: in cells x taps x C x F
        6 * 6 * 3 * 2,                   # dense on maps: per position
    ]
