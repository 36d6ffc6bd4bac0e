"""convviz's numpy forward pass equals Keras's model(x, training=False), layer by layer."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from convviz.core.network import forward
from convviz.train.model_reader import read_model

from .keras_models import assert_close, build, keras_outputs

keras = pytest.importorskip("keras")
pytestmark = pytest.mark.tensorflow
L = keras.layers

# (id, input shape, layers): each a small model run through Keras and through convviz.
CASES = [
    ("conv2d_same_relu", (7, 6, 2), lambda: [L.Conv2D(3, 3, padding="same", activation="relu")]),
    ("conv2d_valid_stride2", (9, 8, 3), lambda: [L.Conv2D(4, (2, 3), strides=2)]),
    ("conv2d_same_even_stride3", (10, 8, 1), lambda: [L.Conv2D(2, 4, strides=3, padding="same")]),
    ("conv2d_dilated_tanh", (9, 9, 2), lambda: [L.Conv2D(3, 3, dilation_rate=2, padding="same", activation="tanh")]),
    ("conv2d_groups_sigmoid", (6, 6, 4), lambda: [L.Conv2D(6, 3, groups=2, activation="sigmoid")]),
    ("conv2d_no_bias_1x1", (5, 7, 3), lambda: [L.Conv2D(2, 1, strides=(1, 2), padding="same", use_bias=False)]),
    ("conv1d_same", (11, 2), lambda: [L.Conv1D(3, 3, padding="same", activation="relu")]),
    ("conv1d_valid_stride2", (12, 3), lambda: [L.Conv1D(2, 2, strides=2)]),
    ("conv1d_causal_dilated", (10, 2), lambda: [L.Conv1D(2, 3, padding="causal", dilation_rate=2)]),
    ("conv1d_groups", (8, 6), lambda: [L.Conv1D(3, 3, groups=3, padding="same", activation="elu")]),
    ("depthwise_same", (7, 7, 3), lambda: [L.DepthwiseConv2D(3, padding="same", activation="relu")]),
    ("depthwise_multiplier_stride", (9, 8, 2), lambda: [L.DepthwiseConv2D((3, 2), strides=2, depth_multiplier=2)]),
    ("depthwise_dilated_no_bias", (9, 9, 2),
     lambda: [L.DepthwiseConv2D(3, dilation_rate=2, padding="same", use_bias=False)]),
    ("separable_same", (7, 7, 3), lambda: [L.SeparableConv2D(4, 3, padding="same", activation="relu")]),
    ("separable_multiplier_stride", (9, 8, 2), lambda: [L.SeparableConv2D(3, 2, strides=2, depth_multiplier=2)]),
    ("conv2d_transpose_valid", (4, 5, 2), lambda: [L.Conv2DTranspose(3, 3, strides=2, activation="relu")]),
    ("conv2d_transpose_same", (4, 5, 2), lambda: [L.Conv2DTranspose(2, (2, 3), strides=(2, 1), padding="same")]),
    ("conv2d_transpose_output_padding", (3, 4, 1),
     lambda: [L.Conv2DTranspose(2, 3, strides=2, output_padding=1, use_bias=False)]),
    ("conv1d_transpose", (5, 2), lambda: [L.Conv1DTranspose(3, 3, strides=2, padding="same", activation="tanh")]),
    ("zero_padding2d", (4, 5, 2), lambda: [L.ZeroPadding2D(((1, 2), (0, 3))), L.ZeroPadding2D(1)]),
    ("zero_padding1d", (5, 2), lambda: [L.ZeroPadding1D((2, 1))]),
    ("max_pool2d", (8, 6, 2), lambda: [L.MaxPooling2D(2)]),
    ("max_pool2d_same_stride", (7, 9, 2), lambda: [L.MaxPooling2D(3, strides=2, padding="same")]),
    ("avg_pool2d_same_odd", (7, 5, 3), lambda: [L.AveragePooling2D(2, padding="same")]),
    ("avg_pool2d_valid_overlap", (7, 7, 1), lambda: [L.AveragePooling2D(3, strides=1)]),
    ("max_pool1d", (9, 2), lambda: [L.MaxPooling1D(2)]),
    ("avg_pool1d_same", (9, 2), lambda: [L.AveragePooling1D(3, strides=2, padding="same")]),
    ("global_pools_2d", (5, 4, 3), lambda: [L.GlobalMaxPooling2D(keepdims=True), L.GlobalAveragePooling2D()]),
    ("global_avg_2d", (5, 4, 3), lambda: [L.GlobalAveragePooling2D(keepdims=True), L.Flatten()]),
    ("global_pools_1d", (6, 3), lambda: [L.GlobalMaxPooling1D()]),
    ("global_avg_1d", (6, 3), lambda: [L.GlobalAveragePooling1D()]),
    ("flatten_dense_softmax", (4, 3, 2), lambda: [L.Flatten(), L.Dense(5, activation="relu"), L.Dropout(0.5),
                                                  L.Dense(3, activation="softmax")]),
    ("dense_on_maps_reshape", (4, 3, 2), lambda: [L.Dense(4, use_bias=False), L.Reshape((6, 8)),
                                                  L.Reshape((-1,))]),
    ("relu_layers", (5, 4, 2), lambda: [L.ReLU(max_value=1.0), L.ReLU(negative_slope=0.1)]),
    ("relu_threshold", (5, 4, 2), lambda: [L.ReLU(threshold=0.3)]),
    ("relu_all_three", (5, 4, 2), lambda: [L.ReLU(max_value=0.8, negative_slope=0.2, threshold=0.4)]),
    ("relu_six", (5, 4, 2), lambda: [L.ReLU(max_value=6.0, negative_slope=0.1)]),
    ("leaky_elu", (5, 4, 2), lambda: [L.LeakyReLU(negative_slope=0.1), L.ELU(alpha=0.5)]),
    ("softmax_layers", (4, 5, 3), lambda: [L.Softmax(), L.Softmax(axis=1)]),
    ("batch_norm", (5, 4, 3), lambda: [L.BatchNormalization(), L.BatchNormalization(center=False, epsilon=0.1)]),
    ("batch_norm_no_scale", (6, 3), lambda: [L.BatchNormalization(scale=False)]),
    ("rescaling", (4, 4, 3), lambda: [L.Rescaling(1 / 255), L.Rescaling(2.0, offset=[0.5, -1.0, 0.0])]),
]

ACTIVATIONS = ["linear", "relu", "relu6", "sigmoid", "tanh", "elu", "selu", "leaky_relu", "softplus", "softsign",
               "silu", "exponential", "hard_sigmoid", "softmax"]


def _compare(input_shape, layers, seed=0):
    model = build(keras, input_shape, layers, seed)
    rng = np.random.default_rng(seed + 1)
    x = rng.normal(0, 1, input_shape).astype(np.float32)
    expected = keras_outputs(keras, model, x)
    ours = forward(read_model(model), x)
    assert len(ours) == len(expected)
    for layer, a, b in zip(model.layers, ours, expected):
        assert a.dtype == np.float32
        assert_close(a, b, layer.name)


@pytest.mark.parametrize("input_shape, layers", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_layer_matches_keras(input_shape, layers):
    _compare(input_shape, layers())


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activation_names_match_keras(name):
    _compare((3, 4, 5), [L.Activation(name), L.Dense(3, activation=name)], seed=3)


@st.composite
def windowed_layers(draw):
    """A random convolution, depthwise convolution or pooling layer and an input it can take."""
    kind = draw(st.sampled_from(["Conv2D", "Conv1D", "DepthwiseConv2D", "SeparableConv2D", "MaxPooling2D",
                                 "AveragePooling2D", "AveragePooling1D", "Conv2DTranspose"]))
    rank = 1 if kind.endswith("1D") else 2
    k = draw(st.integers(1, 4))
    dilation = draw(st.sampled_from([1, 1, 2])) if "Conv" in kind and "Transpose" not in kind else 1
    stride = 1 if dilation > 1 else draw(st.integers(1, 3))
    padding = draw(st.sampled_from(["valid", "same"] + (["causal"] if kind == "Conv1D" else [])))
    groups = draw(st.sampled_from([1, 2])) if kind in ("Conv2D", "Conv1D") else 1
    channels = draw(st.integers(1, 2)) * groups
    size = draw(st.integers((k - 1) * dilation + 1, 9))
    shape = (size,) * rank + (channels,)
    if kind in ("Conv2D", "Conv1D"):
        args = dict(filters=2 * groups, kernel_size=k, strides=stride, dilation_rate=dilation, padding=padding,
                    groups=groups, activation=draw(st.sampled_from(["linear", "relu", "tanh"])))
    elif kind == "DepthwiseConv2D":
        args = dict(kernel_size=k, strides=stride, dilation_rate=dilation, padding=padding,
                    depth_multiplier=draw(st.integers(1, 2)))
    elif kind == "SeparableConv2D":
        args = dict(filters=3, kernel_size=k, strides=stride, dilation_rate=dilation, padding=padding)
    elif kind == "Conv2DTranspose":
        args = dict(filters=2, kernel_size=k, strides=stride, padding=padding)
    else:
        args = dict(pool_size=k, strides=stride, padding=padding)
    return shape, kind, args  # Keras layers are built in the test: their constructors use `random`


@settings(max_examples=25)
@given(case=windowed_layers(), seed=st.integers(0, 1000))
def test_random_windowed_layers_match_keras(case, seed):
    shape, kind, args = case
    _compare(shape, [getattr(L, kind)(**args)], seed=seed)


def test_lecture_cnn_matches_keras():
    _compare((28, 28, 1), [L.Conv2D(10, 3, padding="same", activation="relu"), L.MaxPooling2D(2), L.Flatten(),
                           L.Dense(100, activation="relu"), L.Dense(10, activation="softmax")], seed=7)


def test_dilated_transposed_conv_matches_keras_with_the_kernel_dilated_by_hand():
    # TensorFlow's CPU kernels refuse a dilated Conv2DTranspose: Keras runs the same layer with the
    # 3x3 kernel spread over 5x5 (zeros between its taps), convviz runs dilation_rate=2 itself.
    model = build(keras, (4, 4, 2), [L.Conv2DTranspose(2, 5, strides=2, padding="same")], seed=5)
    big, bias = model.layers[0].get_weights()
    small = big[::2, ::2].copy()
    big[:] = 0
    big[::2, ::2] = small
    model.layers[0].set_weights([big, bias])
    spec = read_model(model)
    layer = spec.layers[0]
    dilated = type(layer)(layer.name, layer.kind, {**layer.config, "kernel_size": [3, 3], "dilation_rate": [2, 2]},
                          (small, bias))
    x = np.random.default_rng(2).normal(size=(4, 4, 2)).astype(np.float32)
    ours = forward(type(spec)(spec.name, spec.input_shape, (dilated,)), x)
    assert_close(ours[0], keras_outputs(keras, model, x)[0])


def test_functional_model_through_the_reader():
    inputs = keras.Input((6, 6, 1))
    outputs = L.Dense(2)(L.Flatten()(L.Conv2D(2, 3)(inputs)))
    model = keras.Model(inputs, outputs)
    spec = read_model(model)
    x = np.random.default_rng(0).normal(size=(6, 6, 1)).astype(np.float32)
    ours = forward(spec, x)
    assert [layer.kind for layer in spec.layers] == ["Conv2D", "Flatten", "Dense"]
    assert_close(ours[-1], np.asarray(model(x[None], training=False))[0])


def test_an_input_layer_passes_the_input_through():
    spec = read_model(build(keras, (4, 3), [L.Dense(2)]))
    spec = type(spec)(spec.name, spec.input_shape, (type(spec.layers[0])("input", "InputLayer"),) + spec.layers)
    x = np.arange(12, dtype=np.float32).reshape(4, 3)
    ours = forward(spec, x)
    np.testing.assert_array_equal(ours[0], x)
    assert ours.layer_input(1) is ours[0] and ours.layer_input(0) is ours.input
