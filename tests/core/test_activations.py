"""Activations and derivatives agree with TensorFlow's functions and gradients."""

import numpy as np
import pytest

from convviz.core.activations import ACTIVATIONS, softmax_derivative

tf = pytest.importorskip("tensorflow")

X = np.array([-50.0, -3.0, -1.0, -0.25, 0.0, 0.25, 1.0, 3.0, 50.0])
TF_FUNCTIONS = {
    "relu": tf.nn.relu,
    "leaky_relu": lambda t: tf.nn.leaky_relu(t, alpha=0.2),
    "sigmoid": tf.math.sigmoid,
    "tanh": tf.math.tanh,
    "elu": tf.nn.elu,
}


@pytest.mark.parametrize("name", sorted(TF_FUNCTIONS))
def test_function_and_derivative_match_tf(name):
    t = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(t)
        y = TF_FUNCTIONS[name](t)
    grad = tape.gradient(y, t).numpy()
    act = ACTIVATIONS[name]
    # tf.nn.leaky_relu keeps alpha=0.2 as a float32 constant, 1.5e-8 away from 0.2.
    rtol = 1e-7 if name == "leaky_relu" else 1e-12
    np.testing.assert_allclose(act.function(X), y.numpy(), rtol=rtol, atol=1e-15)
    np.testing.assert_allclose(act.derivative(X), grad, rtol=rtol, atol=1e-15)


def test_relu_derivative_at_zero_is_zero():
    assert ACTIVATIONS["relu"].derivative(np.array([0.0]))[0] == 0


def test_softmax_and_jacobian():
    x = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 1000.0]])
    np.testing.assert_allclose(ACTIVATIONS["softmax"].function(x), tf.nn.softmax(x).numpy(), rtol=1e-12)
    t = tf.constant(x[:1])
    with tf.GradientTape() as tape:
        tape.watch(t)
        y = tf.nn.softmax(t)[0, 1]
    np.testing.assert_allclose(softmax_derivative(x[:1])[0, 1], tape.gradient(y, t).numpy()[0], rtol=1e-12)


def test_integer_relu_stays_integer():
    out = ACTIVATIONS["relu"].function(np.array([-2, 0, 3]))
    assert out.dtype.kind == "i" and out.tolist() == [0, 0, 3]
