"""Transposed convolution against Keras (Conv2DTranspose/Conv1DTranspose through keras.ops.conv_transpose),
tf.nn.conv2d_transpose (explicit padding) and a scatter written out cell by cell."""

import itertools
import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # oneDNN fails on some transposed shapes here

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from convviz.core import correlate, flip_kernel
from convviz.core.transposed import conv_transpose, overlap_counts, transposed_geometry, zero_inserted

from .strategies import arrays, tolerance

floats32 = st.floats(-4, 4, allow_nan=False, width=32)


@pytest.fixture(scope="module")
def tf():
    return pytest.importorskip("tensorflow")


@pytest.fixture(scope="module")
def keras(tf):
    import keras

    return keras


def stamped(x, w, strides, dilation, crop_before, out_shape):
    """Each input cell stamps x * w onto the output, ``strides`` apart: the definition, loop by loop.
    ``x (H, W, C)``, ``w (kh, kw, F, C)``."""
    (h, wd, _), (kh, kw, f, _) = x.shape, w.shape
    y = np.zeros(tuple(out_shape) + (f,))
    for i, j, a, b in itertools.product(range(h), range(wd), range(kh), range(kw)):
        oi = i * strides[0] + a * dilation[0] - crop_before[0]
        oj = j * strides[1] + b * dilation[1] - crop_before[1]
        if 0 <= oi < out_shape[0] and 0 <= oj < out_shape[1]:
            y[oi, oj] += w[a, b] @ x[i, j]
    return y


def dilated(w, d):
    """A kernel with d - 1 zeros between taps: TensorFlow's CPU kernels refuse dilation > 1 here."""
    out = np.zeros(((w.shape[0] - 1) * d[0] + 1, (w.shape[1] - 1) * d[1] + 1) + w.shape[2:], dtype=w.dtype)
    out[:: d[0], :: d[1]] = w
    return out


@st.composite
def transposed_case(draw):
    h, w = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    c, f = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    strides = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    padding = draw(st.sampled_from(["valid", "same"]))
    output_padding = draw(st.one_of(st.none(), st.tuples(st.integers(0, strides[0] - 1),
                                                        st.integers(0, strides[1] - 1))))
    x = draw(arrays((h, w, c), np.float32, floats32))
    k = draw(arrays((kh, kw, f, c), np.float32, floats32))
    return x, k, strides, dilation, padding, output_padding


@given(case=transposed_case())
def test_conv2d_transpose_matches_keras(case, keras, tf):
    x, k, strides, dilation, padding, output_padding = case
    try:
        ours = conv_transpose(x, k, strides=strides, padding=padding, output_padding=output_padding,
                              dilation=dilation)
    except ValueError as exc:
        # Only 'same' with an output padding TensorFlow cannot map back: it must refuse too.
        assert "does not map back" in str(exc)
        with pytest.raises((ValueError, tf.errors.InvalidArgumentError)):
            keras.ops.conv_transpose(x[None], dilated(k, dilation), strides, padding, output_padding)
        return
    expect = np.asarray(keras.ops.conv_transpose(x[None], dilated(k, dilation), strides, padding,
                                                 output_padding))[0]
    assert ours.shape == expect.shape
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, expect, atol=tolerance(x, k))
    # Keras computes the output length from the dilated size: the same length as ours with dilation.
    g = transposed_geometry(x.shape[:2], k.shape[:2], strides=strides, padding=padding,
                            output_padding=output_padding, dilation=dilation)
    np.testing.assert_allclose(ours, stamped(x, k, strides, dilation, [b for b, _ in g.crop], g.out_shape),
                               atol=tolerance(x, k))


@given(n=st.integers(1, 9), k=st.integers(1, 5), c=st.integers(1, 2), f=st.integers(1, 2),
       stride=st.integers(1, 3), padding=st.sampled_from(["valid", "same"]), data=st.data())
def test_conv1d_transpose_matches_keras(n, k, c, f, stride, padding, data, keras):
    x = data.draw(arrays((n, c), np.float32, floats32))
    w = data.draw(arrays((k, f, c), np.float32, floats32))
    extra = data.draw(st.one_of(st.none(), st.integers(0, stride - 1)), label="output_padding")
    if padding == "same" and extra is not None:
        out = (n - 1) * stride + k - 2 * (k // 2) + extra
        assume(-(-out // stride) == n)  # TensorFlow refuses the others (the 2D test checks we do too)
    layer = keras.layers.Conv1DTranspose(f, k, strides=stride, padding=padding, output_padding=extra,
                                         use_bias=False)
    layer.build((1, n, c))
    layer.set_weights([w])
    expect = np.asarray(layer(x[None]))[0]
    ours = conv_transpose(x, w, strides=stride, padding=padding, output_padding=extra)
    assert ours.shape == expect.shape
    np.testing.assert_allclose(ours, expect, atol=tolerance(x, w))
    if c == f == 1:  # the bare 1D form (W,) with (k,)
        np.testing.assert_allclose(conv_transpose(x[:, 0], w[:, 0, 0], strides=stride, padding=padding,
                                                  output_padding=extra),
                                   expect[:, 0], atol=tolerance(x, w))


def test_conv2d_transpose_layer_with_bias(keras):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((4, 5, 2)).astype(np.float32)
    layer = keras.layers.Conv2DTranspose(3, (3, 3), strides=(2, 3), padding="same", output_padding=(1, 0))
    layer.build((1, 4, 5, 2))
    kernel, bias = layer.get_weights()
    bias = rng.standard_normal(3).astype(np.float32)
    layer.set_weights([kernel, bias])
    expect = np.asarray(layer(x[None]))[0]
    ours = conv_transpose(x, kernel, strides=(2, 3), padding="same", output_padding=(1, 0), bias=bias)
    np.testing.assert_allclose(ours, expect, atol=1e-5)


@given(h=st.integers(1, 5), w=st.integers(1, 5), kh=st.integers(1, 4), kw=st.integers(1, 4),
       s=st.integers(1, 3), pads=st.tuples(*[st.integers(0, 3)] * 4), data=st.data())
def test_explicit_padding_matches_tf(h, w, kh, kw, s, pads, data, tf):
    x = data.draw(arrays((h, w, 2), np.float32, floats32))
    k = data.draw(arrays((kh, kw, 2, 2), np.float32, floats32))
    pairs = ((pads[0], pads[1]), (pads[2], pads[3]))
    out = [(n - 1) * s + kk - b - a for n, kk, (b, a) in zip((h, w), (kh, kw), pairs)]
    if min(out) < 1:
        with pytest.raises(ValueError, match="crops away the whole output"):
            conv_transpose(x, k, strides=s, padding=pairs)
        return
    expect = tf.nn.conv2d_transpose(x[None], k, [1, *out, 2], strides=s,
                                    padding=[[0, 0], list(pairs[0]), list(pairs[1]), [0, 0]])[0].numpy()
    np.testing.assert_allclose(conv_transpose(x, k, strides=s, padding=pairs), expect, atol=tolerance(x, k))


@given(case=transposed_case())
def test_equals_correlation_of_padded_zero_inserted_input(case):
    """The equivalent view: zeros between the inputs, padded, an ordinary correlation with the flipped
    kernel (the bank read as (kh, kw, in, out)) gives the same numbers."""
    x, k, strides, dilation, padding, output_padding = case
    try:
        g = transposed_geometry(x.shape[:2], k.shape[:2], strides=strides, padding=padding,
                                output_padding=output_padding, dilation=dilation)
    except ValueError:
        return
    z = zero_inserted(x, strides)
    assert z.shape == g.zero_inserted_shape + (x.shape[2],)
    np.testing.assert_array_equal(z[:: strides[0], :: strides[1]], x)
    assert np.count_nonzero(z) == np.count_nonzero(x)
    assert all(b >= 0 and a >= 0 for b, a in g.equivalent_pads)  # 'valid' and 'same' never crop the input
    bank = np.swapaxes(flip_kernel(k, 2), 2, 3)
    as_correlation = correlate(z, bank, padding=g.equivalent_pads, dilation=dilation)
    ours = conv_transpose(x, k, strides=strides, padding=padding, output_padding=output_padding,
                          dilation=dilation)
    np.testing.assert_allclose(as_correlation, ours, atol=tolerance(x, k))


def test_zero_inserted_1d_and_worked_example():
    np.testing.assert_array_equal(zero_inserted(np.array([1, 2, 3]), 3), [1, 0, 0, 2, 0, 0, 3])
    np.testing.assert_array_equal(zero_inserted(np.array([[1, 2], [3, 4]]), (2, 1)), [[1, 2], [0, 0], [3, 4]])
    # 2x2 input, 2x2 kernel of ones, stride 2, 'valid': each input cell becomes a 2x2 block.
    np.testing.assert_array_equal(conv_transpose(np.array([[1, 2], [3, 4]]), np.ones((2, 2), int), strides=2),
                                  [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]])
    # 1D: [1, 2] with [1, 1, 1], stride 2: the stamps overlap in the middle cell.
    np.testing.assert_array_equal(conv_transpose(np.array([1, 2]), np.array([1, 1, 1]), strides=2), [1, 1, 3, 2, 2])


def test_overlap_counts_checkerboard():
    counts = overlap_counts((3, 3), (3, 3), strides=2)
    assert counts.dtype == np.int64
    row = [1, 1, 2, 1, 2, 1, 1]
    np.testing.assert_array_equal(counts, np.outer([1, 1, 2, 1, 2, 1, 1], [1, 1, 2, 1, 2, 1, 1]))
    assert counts.shape == (7, 7) and row == list(counts[0])
    # A kernel divisible by the stride stamps evenly (away from the edges): no checkerboard.
    even = overlap_counts((4, 4), (4, 4), strides=2, padding="same")
    assert set(np.unique(even[2:-2, 2:-2])) == {4}
    np.testing.assert_array_equal(overlap_counts((3,), (3,), strides=2), [1, 1, 2, 1, 2, 1, 1])


@given(h=st.integers(1, 5), w=st.integers(1, 5), kh=st.integers(1, 4), kw=st.integers(1, 4),
       s=st.tuples(st.integers(1, 3), st.integers(1, 3)), d=st.tuples(st.integers(1, 2), st.integers(1, 2)),
       padding=st.sampled_from(["valid", "same", ((1, 0), (2, 1))]))
def test_overlap_counts_count_the_stamps(h, w, kh, kw, s, d, padding):
    try:
        g = transposed_geometry((h, w), (kh, kw), strides=s, padding=padding, dilation=d)
    except ValueError:
        return
    expect = stamped(np.ones((h, w, 1)), np.ones((kh, kw, 1, 1)), s, d, [b for b, _ in g.crop], g.out_shape)
    np.testing.assert_array_equal(overlap_counts((h, w), (kh, kw), strides=s, padding=padding, dilation=d),
                                  expect[..., 0])


def test_integers_stay_exact():
    x = np.arange(12).reshape(3, 4)
    k = np.array([[1, -2], [3, 4]])
    y = conv_transpose(x, k, strides=(2, 1), padding=[(1, 0), (0, 1)])
    assert y.dtype == np.int64
    g = transposed_geometry((3, 4), (2, 2), strides=(2, 1), padding=[(1, 0), (0, 1)])
    np.testing.assert_array_equal(y, stamped(x[..., None], k[:, :, None, None], (2, 1), (1, 1), (1, 0),
                                             g.out_shape)[..., 0])


@pytest.mark.parametrize("kwargs,match", [
    (dict(strides=2, output_padding=2), "less than the stride"),
    (dict(strides=1, output_padding=-1), "at least 0"),
    (dict(padding="full"), "unknown padding 'full'"),
    (dict(padding=[(0, 9), (0, 0)]), "crops away the whole output"),
    (dict(strides=0), "stride must be a positive integer"),
    (dict(strides=2, padding="same", output_padding=0), "does not map back"),
    (dict(bias=[1, 2]), "one value per output channel"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        conv_transpose(np.ones((3, 3)), np.ones((2, 2)), **kwargs)


def test_shape_mismatches():
    with pytest.raises(ValueError, match="takes 2 input channels but the input has 3"):
        conv_transpose(np.ones((3, 3, 3)), np.ones((2, 2, 1, 2)))
    with pytest.raises(ValueError, match="1D kernel"):
        conv_transpose(np.ones((3, 3)), np.ones(2))
    with pytest.raises(ValueError, match="NaN or infinite"):
        conv_transpose(np.ones(3), np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match=r"crops away the whole output on axis 0 \(the stamps span 4 cells\)"):
        conv_transpose(np.ones(3), np.ones(2), padding=(0, 9))  # a signal has one axis: axis 0
