"""Network gradients against tf.GradientTape on small random Keras models: the class logit's gradient with
respect to the input through every supported layer kind, saliency, and Grad-CAM (with tf.image.resize)."""

import numpy as np
import pytest

from convviz.core.network import forward
from convviz.core.network.gradients import (
    activation_vjp,
    backpropagate,
    grad_cam,
    grad_cam_details,
    input_gradient,
    last_conv_layer,
    saliency,
    score_start,
)
from convviz.train.model_reader import read_model

from .keras_models import assert_close, build

keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")
pytestmark = pytest.mark.tensorflow
L = keras.layers

# (id, input shape, layers): every layer kind the forward pass supports appears in at least one.
MODELS = [
    ("lecture_like", (10, 10, 1), lambda: [
        L.Conv2D(4, 3, padding="same", activation="relu"), L.MaxPooling2D(2), L.Conv2D(3, 3, activation="relu"),
        L.Flatten(), L.Dense(8, activation="relu"), L.Dense(5, activation="softmax")]),
    ("strided_grouped_depthwise_separable", (9, 9, 2), lambda: [
        L.ZeroPadding2D(((1, 0), (0, 2))), L.Conv2D(4, 3, strides=2, padding="same", groups=2, activation="elu"),
        L.BatchNormalization(), L.LeakyReLU(negative_slope=0.1),
        L.DepthwiseConv2D(2, depth_multiplier=2, activation="tanh"),
        L.SeparableConv2D(3, 2, padding="same", activation="sigmoid"),
        L.AveragePooling2D(2, strides=1, padding="same"),
        L.Conv2DTranspose(2, 3, strides=2, padding="same", output_padding=1, activation="selu"),
        L.ReLU(max_value=2.0, negative_slope=0.1, threshold=0.2), L.ELU(alpha=0.5),
        L.GlobalAveragePooling2D(), L.Dropout(0.3), L.Dense(4), L.Softmax()]),
    ("one_d", (12, 2), lambda: [
        L.Conv1D(3, 3, strides=2, padding="same", activation="softplus"), L.MaxPooling1D(2, padding="same"),
        L.Conv1DTranspose(2, 3, strides=2, activation="softsign"), L.ZeroPadding1D((1, 2)),
        L.Conv1D(4, 2, padding="causal", groups=2), L.AveragePooling1D(2), L.GlobalMaxPooling1D(),
        L.Dense(3, activation="softmax")]),
    ("rescale_reshape_activations", (36,), lambda: [
        L.Rescaling(1 / 4, offset=-0.5), L.Reshape((6, 6, 1)), L.Conv2D(2, 3, activation="relu6"),
        L.MaxPooling2D(2, strides=1), L.GlobalMaxPooling2D(keepdims=True), L.Flatten(), L.Activation("silu"),
        L.Dense(6, activation="hard_sigmoid"), L.Dense(5, activation="exponential"), L.Dense(4, activation="swish"),
        L.Dense(3), L.Activation("softmax")]),
    ("dilated", (9, 9, 2), lambda: [
        L.Conv2D(3, 3, dilation_rate=2, padding="same", activation="tanh"), L.DepthwiseConv2D(2, dilation_rate=2),
        L.Flatten(), L.Dense(3, activation="softmax")]),
    ("pools_then_conv_no_softmax", (8, 8, 3), lambda: [
        L.Conv2D(3, 2, activation="leaky_relu"), L.GlobalAveragePooling2D(keepdims=True),
        L.Conv2D(4, 1, activation="sigmoid"), L.Flatten()]),
]


def tf_input_gradient(model, x, class_index, layer=None):
    """d(logit)/d(input) by tf.GradientTape, the logits being the softmax's input (a Dense's softmax is
    switched off while the tape runs); with ``layer`` also that layer's output and d(logit)/d(it)."""
    last = model.layers[-1]
    softmax_layer = isinstance(last, L.Softmax) or (isinstance(last, L.Activation)
                                                    and last.get_config()["activation"] == "softmax")
    scores = model.layers[-2 if softmax_layer else -1].output
    probe = keras.Model(model.inputs, [scores] + ([model.layers[layer].output] if layer is not None else []))
    saved = getattr(last, "activation", None)
    if saved is keras.activations.softmax:
        last.activation = keras.activations.linear
    xv = tf.Variable(x[None])
    try:
        with tf.GradientTape(persistent=True) as tape:
            outs = probe(xv, training=False)
            outs = outs if isinstance(outs, (list, tuple)) else [outs]
            score = tf.reduce_sum(outs[0][..., class_index])
    finally:
        if saved is not None:
            last.activation = saved
    dx = tape.gradient(score, xv).numpy()[0]
    if layer is None:
        return dx
    return dx, outs[1].numpy()[0], tape.gradient(score, outs[1]).numpy()[0]


@pytest.fixture(scope="module", params=MODELS, ids=[m[0] for m in MODELS])
def case(request):
    name, shape, layers = request.param
    model = build(keras, shape, layers(), seed=len(name))
    x = np.random.default_rng(len(name)).normal(0, 1, shape).astype(np.float32)
    return model, read_model(model), x


def test_input_gradient_matches_gradient_tape(case):
    model, spec, x = case
    assert spec.stopped_at is None
    outputs = forward(spec, x)
    for class_index in range(int(model.layers[-1].output.shape[-1])):
        ours = input_gradient(spec, x, class_index, outputs=outputs)
        assert ours.shape == x.shape and ours.dtype == np.float32
        assert_close(ours, tf_input_gradient(model, x, class_index), f"class {class_index}")
        assert np.abs(ours).max() > 0


def test_saliency_is_the_largest_absolute_gradient_over_channels(case):
    model, spec, x = case
    expect = np.abs(tf_input_gradient(model, x, 1))
    expect = expect.max(axis=-1) if len(model.inputs[0].shape) > 2 else expect
    ours = saliency(spec, x, 1)
    assert_close(ours, expect, "saliency")


@pytest.mark.parametrize("index", [0, 2])
def test_grad_cam_matches_gradient_tape_and_tf_resize(index):
    _, shape, layers = MODELS[0]
    model = build(keras, shape, layers(), seed=3)
    spec = read_model(model)
    x = np.random.default_rng(5).normal(0, 1, shape).astype(np.float32)
    assert last_conv_layer(spec) == 2
    for class_index in range(5):
        _, activations, grads = tf_input_gradient(model, x, class_index, layer=index)
        weights = grads.mean(axis=(0, 1))
        coarse = np.maximum((activations * weights).sum(-1), 0)
        heatmap = tf.image.resize(coarse[..., None], shape[:2], method="bilinear").numpy()[..., 0]
        details = grad_cam_details(spec, x, class_index, index)
        assert details.layer_index == index and details.coarse.shape == activations.shape[:2]
        assert_close(details.weights, weights, "weights")
        assert_close(details.coarse, coarse, "coarse map")
        assert_close(details.heatmap, heatmap, "heatmap")
        if index == 2:  # the default is the last convolution
            np.testing.assert_array_equal(grad_cam(spec, x, class_index), details.heatmap)


def test_grad_cam_1d_upsamples_along_the_signal():
    _, shape, layers = MODELS[2]
    model = build(keras, shape, layers(), seed=4)
    spec = read_model(model)
    x = np.random.default_rng(6).normal(0, 1, shape).astype(np.float32)
    index = last_conv_layer(spec)
    _, activations, grads = tf_input_gradient(model, x, 0, layer=index)
    coarse = np.maximum(activations @ grads.mean(axis=0), 0)
    expect = tf.image.resize(coarse[None, :, None], (1, shape[0]), method="bilinear").numpy()[0, :, 0]
    assert_close(grad_cam(spec, x, 0), expect, "1D heatmap")


def test_score_starts_before_the_softmax():
    spec = read_model(build(keras, (4,), [L.Dense(3), L.Activation("softmax"), L.Dropout(0.1)]))
    assert score_start(spec) == (0, False)
    spec = read_model(build(keras, (4,), [L.Dense(3, activation="softmax")]))
    assert score_start(spec) == (0, True)
    spec = read_model(build(keras, (4,), [L.Dense(3, activation="sigmoid")]))
    assert score_start(spec) == (0, False)
    grads = backpropagate(spec, forward(spec, np.ones(4, np.float32)), 2)
    assert grads[0].tolist() == [0, 0, 1] and grads[-1].shape == (4,)


def test_activation_vjp_matches_gradient_tape():
    x = np.linspace(-5, 5, 41)
    g = np.cos(x)
    for name in ("relu", "relu6", "leaky_relu", "elu", "selu", "sigmoid", "tanh", "softplus", "softsign", "silu",
                 "exponential", "hard_sigmoid", "softmax", "linear"):
        xv = tf.Variable(x[None])
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(keras.activations.get(name)(xv) * g)
        np.testing.assert_allclose(activation_vjp(name, x, g), tape.gradient(loss, xv).numpy()[0], atol=1e-9,
                                   err_msg=name)


def test_bad_requests_are_one_sentence():
    spec = read_model(build(keras, (6, 6, 1), [L.Conv2D(2, 3), L.Flatten(), L.Dense(3, activation="softmax")]))
    x = np.zeros((6, 6, 1), np.float32)
    with pytest.raises(ValueError, match=r"there is no class 3: the model scores 3 classes \(0 to 2\)"):
        input_gradient(spec, x, 3)
    with pytest.raises(ValueError, match="no map of the input's rank"):
        grad_cam(spec, x, 0, layer_index=1)
    with pytest.raises(ValueError, match="no layer 7"):
        grad_cam(spec, x, 0, layer_index=7)
    dense_only = read_model(build(keras, (4,), [L.Dense(3)]))
    with pytest.raises(ValueError, match="no convolution layer"):
        grad_cam(dense_only, np.zeros(4, np.float32), 0)
