"""The backward pass against tf.GradientTape: conv layers under every padding, 'same' convention, stride,
dilation, boundary, channels and banks, correlate and convolve; max/avg pooling (ties included);
activations; one SGD step against Keras's SGD optimizer."""

import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from convviz.core import conv_geometry, conv_transpose, convolve, correlate
from convviz.core.backward import (
    activation_backward,
    conv_backward,
    conv_sgd_step,
    pool_backward,
    sgd_step,
    squared_error,
)

from .strategies import arrays, tolerance

small = st.floats(-3, 3, allow_nan=False, width=64)
NUMPY_MODES = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}


@pytest.fixture(scope="module")
def tf():
    return pytest.importorskip("tensorflow")


def dilation_matrix(k, d):
    """(k_eff, k) with a one where tap t lands: W dilated = D @ W, differentiable in TensorFlow."""
    m = np.zeros(((k - 1) * d + 1, k))
    m[np.arange(k) * d, np.arange(k)] = 1
    return m


def padded_indices(n, pads, boundary):
    """Which input cell each padded cell holds, from numpy's own pad modes (one cell reflects as itself)."""
    mode = "edge" if boundary == "reflect" and n == 1 else NUMPY_MODES[boundary]
    return np.pad(np.arange(n), pads, mode=mode)


def tf_gradients(tf, x, w, dy, *, op, padding, stride, dilation, same, boundary):
    """dL/dW, dL/db, dL/dX of L = Σ dy ⊙ (op(x, w) + b) by tf.GradientTape, from canonical (1, H, W, C) and
    (kh, kw, C, F) views; the kernel dilated by hand (TensorFlow's CPU kernels refuse dilation > 1 for the
    input gradient), padding given explicitly (or by gathering the boundary's cells)."""
    one_d = x.ndim == 1
    xs = x.reshape((1, -1, 1) if one_d else x.shape[:2] + (-1,))
    ks = w.shape[:1] if one_d else w.shape[:2]
    c = xs.shape[-1]
    wshape = ((1,) + ks if one_d else ks) + (c, -1)
    geometry = conv_geometry(x.shape[:1] if one_d else x.shape[:2], ks, padding, stride=stride,
                             dilation=dilation, same=same)
    pads = ((0, 0),) + geometry.pads if one_d else geometry.pads
    strides = (1, stride) if one_d else (stride, stride)
    dil = (1, dilation) if one_d else (dilation, dilation)
    xv, wv = tf.Variable(x), tf.Variable(w)
    filters = w.shape[-1] if w.ndim == 4 else 1
    bv = tf.Variable(np.zeros(filters))
    with tf.GradientTape() as tape:
        xk = tf.reshape(xv, xs.shape)
        wk = tf.reshape(wv, wshape)
        if op == "convolve":
            wk = tf.reverse(wk, [0, 1])
        rows, cols = dilation_matrix(wk.shape[0], dil[0]), dilation_matrix(wk.shape[1], dil[1])
        wk = tf.einsum("ak,bl,klcf->abcf", rows, cols, wk)
        if boundary == "zeros":
            y = tf.nn.conv2d(xk[None], wk, strides, [[0, 0], list(pads[0]), list(pads[1]), [0, 0]])
        else:
            rows = padded_indices(xs.shape[0], pads[0], boundary)
            cols = padded_indices(xs.shape[1], pads[1], boundary)
            y = tf.nn.conv2d(tf.gather(tf.gather(xk, rows, axis=0), cols, axis=1)[None], wk, strides, "VALID")
        y = y[0] + bv
        loss = tf.reduce_sum(y * tf.reshape(dy, y.shape))
    dw, db, dx = tape.gradient(loss, [wv, bv, xv])
    return tf.convert_to_tensor(dw).numpy(), db.numpy(), tf.convert_to_tensor(dx).numpy()


@st.composite
def conv_case(draw, forms=("1d", "2d", "2d-channels", "bank"), boundaries=("zeros", "zeros", "reflect", "replicate",
                                                                          "circular")):
    form = draw(st.sampled_from(forms))
    if form == "1d":
        x = draw(arrays((draw(st.integers(1, 10)),), np.float64, small))
        w = draw(arrays((draw(st.integers(1, 4)),), np.float64, small))
    else:
        h, wd, c, f = (draw(st.integers(1, 7)), draw(st.integers(1, 7)), draw(st.integers(1, 3)),
                       draw(st.integers(1, 3)))
        kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        xshape, kshape = {"2d": ((h, wd), (kh, kw)), "2d-channels": ((h, wd, c), (kh, kw, c)),
                          "bank": ((h, wd, c), (kh, kw, c, f))}[form]
        x = draw(arrays(xshape, np.float64, small))
        w = draw(arrays(kshape, np.float64, small))
    explicit = st.tuples(st.integers(0, 3), st.integers(0, 3))
    padding = draw(st.one_of(st.sampled_from(["valid", "same", "full"]),
                             explicit.map(lambda p: p if form == "1d" else (p, p[::-1]))))
    options = dict(
        op=draw(st.sampled_from(["correlate", "convolve"])),
        padding=padding,
        stride=draw(st.integers(1, 3)),
        dilation=draw(st.integers(1, 2)),
        same=draw(st.sampled_from(["tensorflow", "centered"])),
        boundary=draw(st.sampled_from(boundaries)),
    )
    return x, w, options


@given(case=conv_case(), data=st.data())
def test_conv_backward_matches_gradient_tape(case, data, tf):
    x, w, options = case
    try:
        y = (correlate if options["op"] == "correlate" else convolve)(
            x, w, **{k: v for k, v in options.items() if k != "op"})
    except ValueError:
        assume(False)  # the window does not fit this input
    dy = data.draw(arrays(y.shape, np.float64, small))
    dw, db, dx = conv_backward(x, w, dy, **options)
    assert dw.shape == w.shape and dx.shape == x.shape
    assert np.shape(db) == ((w.shape[-1],) if w.ndim == 4 else ())
    expect_dw, expect_db, expect_dx = tf_gradients(tf, x, w, dy, **options)
    np.testing.assert_allclose(dw, expect_dw.reshape(w.shape), atol=tolerance(x, dy))
    np.testing.assert_allclose(dx, expect_dx, atol=tolerance(w, dy))
    np.testing.assert_allclose(np.reshape(db, -1), expect_db, atol=tolerance(dy, np.ones(1)))


@given(case=conv_case(forms=("2d", "bank"), boundaries=("zeros",)), data=st.data())
def test_input_gradient_is_the_transposed_convolution(case, data):
    """dX = conv_transpose(dY, W) with the forward's padding as the crop and the cells the last stride skipped
    as output padding (zeros boundary; the kernel bank (kh, kw, C, F) read as (kh, kw, out=C, in=F))."""
    x, w, options = case
    # The transposed layouts (drawn directly, not filtered): (kh, kw) with (H, W), banks (kh, kw, C, F);
    # zeros beyond the edges.
    try:
        g = conv_geometry(x.shape[:2], w.shape[:2], options["padding"], stride=options["stride"],
                          dilation=options["dilation"], same=options["same"])
    except ValueError:
        assume(False)
    kernel = w if options["op"] == "correlate" else w[::-1, ::-1]
    dy = data.draw(arrays(g.out_shape + w.shape[3:], np.float64, small))
    extra = [(n + b + a - k) % options["stride"] for n, (b, a), k in zip(x.shape, g.pads, g.effective_kernel)]
    expect = conv_transpose(dy, kernel, strides=options["stride"], padding=g.pads, output_padding=extra,
                            dilation=options["dilation"])
    np.testing.assert_allclose(conv_backward(x, w, dy, **options).dX, expect, atol=tolerance(w, dy))


def test_worked_example_valid_3x3():
    """dW = correlate(X, dY) and dX = full convolution of dY with W, written out for the lecture's sizes."""
    x = np.arange(16).reshape(4, 4)
    w = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]])
    dy = np.array([[1, 2], [3, 4]])
    dw, db, dx = conv_backward(x, w, dy)
    np.testing.assert_array_equal(dw, correlate(x, dy))
    np.testing.assert_array_equal(dx, convolve(dy, w, padding="full"))
    assert db == 10 and dw.dtype == np.int64 and dx.dtype == np.int64
    # L = Σ Y: dW[t] is the sum of the cells tap t reads.
    dw_ones = conv_backward(x, w, np.ones((2, 2), dtype=int)).dW
    assert dw_ones[0, 0] == 0 + 1 + 4 + 5


@given(h=st.integers(1, 8), w=st.integers(1, 8), c=st.integers(1, 2),
       size=st.tuples(st.integers(1, 3), st.integers(1, 3)),
       stride=st.one_of(st.none(), st.tuples(st.integers(1, 3), st.integers(1, 3))),
       padding=st.sampled_from(["valid", "same"]), kind=st.sampled_from(["max", "avg"]), data=st.data())
def test_pool_backward_matches_gradient_tape(h, w, c, size, stride, padding, kind, data, tf):
    assume(padding == "same" or (size[0] <= h and size[1] <= w))
    # Small integers as floats: max windows tie often, and TensorFlow picks the first in row-major order.
    x = data.draw(arrays((h, w, c), np.float32, st.integers(-2, 2).map(float)))
    fn = tf.nn.max_pool2d if kind == "max" else tf.nn.avg_pool2d
    xv = tf.Variable(x[None])
    with tf.GradientTape() as tape:
        y = fn(xv, size, stride or size, padding.upper())
        dy = data.draw(arrays(tuple(y.shape[1:]), np.float32, st.integers(1, 9).map(float)))
        loss = tf.reduce_sum(y * dy)
    expect = tape.gradient(loss, xv).numpy()[0]
    np.testing.assert_allclose(pool_backward(x, dy, kind, size, stride, padding), expect, rtol=1e-6)
    if c == 1:
        np.testing.assert_allclose(pool_backward(x[..., 0], dy[..., 0], kind, size, stride, padding),
                                   expect[..., 0], rtol=1e-6)


@given(n=st.integers(1, 12), size=st.integers(1, 4), padding=st.sampled_from(["valid", "same"]),
       kind=st.sampled_from(["max", "avg"]), data=st.data())
def test_pool_backward_1d(n, size, padding, kind, data, tf):
    assume(padding == "same" or size <= n)
    x = data.draw(arrays((n,), np.float32, st.integers(-2, 2).map(float)))
    fn = tf.nn.max_pool1d if kind == "max" else tf.nn.avg_pool1d
    xv = tf.Variable(x[None, :, None])
    with tf.GradientTape() as tape:
        y = fn(xv, size, size, padding.upper())
        dy = np.arange(1, y.shape[1] + 1, dtype=np.float32)
        loss = tf.reduce_sum(y[0, :, 0] * dy)
    expect = tape.gradient(loss, xv).numpy()[0, :, 0]
    np.testing.assert_allclose(pool_backward(x, dy, kind, size, None, padding), expect, rtol=1e-6)


def test_max_pool_backward_routes_ties_to_the_first():
    x = np.array([[1, 1], [1, 0]])
    np.testing.assert_array_equal(pool_backward(x, np.array([[5]]), "max", 2), [[5, 0], [0, 0]])
    # Average under 'same': a corner window of 2 real cells gives each half.
    np.testing.assert_array_equal(pool_backward(np.zeros(3), np.array([4.0, 2.0]), "avg", 2, padding="same"),
                                  [2, 2, 2])


@pytest.mark.parametrize("name", ["none", "relu", "leaky_relu", "sigmoid", "tanh", "elu", "softmax"])
def test_activation_backward_matches_gradient_tape(name, tf):
    import keras

    rng = np.random.default_rng(7)
    x = rng.standard_normal((3, 5)) * 3
    x[0, :2] = 0.0  # ReLU's derivative at 0 is 0
    dy = rng.standard_normal((3, 5))
    fn = {"none": keras.activations.linear, "leaky_relu": lambda t: keras.activations.leaky_relu(t, 0.2)}.get(
        name, getattr(keras.activations, name, None))
    xv = tf.Variable(x)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(fn(xv) * dy)
    np.testing.assert_allclose(activation_backward(x, dy, name), tape.gradient(loss, xv).numpy(), atol=1e-12)


def test_sgd_step_matches_keras_sgd(tf):
    import keras

    rng = np.random.default_rng(11)
    x = rng.standard_normal((6, 6, 2))
    w = rng.standard_normal((3, 3, 2, 2))
    target = rng.standard_normal((3, 3, 2))
    step = conv_sgd_step(x, w, target, lr=0.05, bias=np.array([0.5, -0.5]), padding="same", stride=2)
    wv, bv = tf.Variable(w), tf.Variable([0.5, -0.5], dtype=tf.float64)
    with tf.GradientTape() as tape:
        y = tf.nn.conv2d(x[None], wv, 2, "SAME")[0] + bv
        loss = keras.losses.MeanSquaredError()(target[None], y[None])
    grads = tape.gradient(loss, [wv, bv])
    keras.optimizers.SGD(learning_rate=0.05).apply_gradients(zip(grads, [wv, bv]))
    assert step.loss_before == pytest.approx(float(loss), rel=1e-6)  # Keras sums the loss in float32
    np.testing.assert_allclose(step.kernel, wv.numpy(), atol=1e-6)
    np.testing.assert_allclose(step.bias, bv.numpy(), atol=1e-6)
    after = correlate(x, step.kernel, padding="same", stride=2, bias=step.bias)
    assert step.loss_after == pytest.approx(squared_error(after, target)) and step.loss_after < step.loss_before
    np.testing.assert_array_equal(sgd_step(np.array([1.0, 2.0]), np.array([10.0, -10.0]), 0.1), [0.0, 3.0])


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"output's shape \(2, 2\)"):
        conv_backward(np.ones((4, 4)), np.ones((3, 3)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="NaN or infinite"):
        conv_backward(np.ones((4, 4)), np.ones((3, 3)), np.full((2, 2), np.nan))
    with pytest.raises(ValueError, match="pooled shape"):
        pool_backward(np.ones((4, 4)), np.ones((3, 3)), "max", 2)
    with pytest.raises(ValueError, match="unknown activation"):
        activation_backward(np.ones(2), np.ones(2), "swish")
