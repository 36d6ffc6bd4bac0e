"""Property tests against TensorFlow: conv1d/conv2d and max/avg pooling, SAME and VALID."""

import importlib
from unittest import mock

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from convviz.core import avg_pool, correlate, max_pool

from .strategies import arrays, tolerance

pool_module = importlib.import_module("convviz.core.pool")  # the module (convviz.core.pool is the function)
tf = pytest.importorskip("tensorflow")
pytestmark = pytest.mark.tensorflow

floats32 = st.floats(-4, 4, allow_nan=False, width=32)


@st.composite
def conv2d_case(draw):
    h, w = draw(st.integers(3, 14)), draw(st.integers(3, 14))
    c, f = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    stride = draw(st.integers(1, 3))
    dilation = draw(st.integers(1, 2))
    padding = draw(st.sampled_from(["SAME", "VALID"]))
    if dilation > 1:
        stride = 1  # tf.nn.conv2d allows dilation only with unit strides
    x = draw(arrays((h, w, c), np.float32, floats32))
    k = draw(arrays((kh, kw, c, f), np.float32, floats32))
    return x, k, stride, dilation, padding


@given(case=conv2d_case())
def test_conv2d_matches_tf(case):
    x, k, stride, dilation, padding = case
    k_eff = [(n - 1) * dilation + 1 for n in k.shape[:2]]
    assume(padding == "SAME" or all(e <= n for e, n in zip(k_eff, x.shape[:2])))
    expect = tf.nn.conv2d(x[None], k, strides=stride, padding=padding, dilations=dilation)[0].numpy()
    ours = correlate(x, k, padding=padding.lower(), stride=stride, dilation=dilation)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, expect, atol=tolerance(x, k))


@given(n=st.integers(4, 30), k=st.integers(1, 5), stride=st.integers(1, 3),
       padding=st.sampled_from(["SAME", "VALID"]), data=st.data())
def test_conv1d_matches_tf(n, k, stride, padding, data):
    x = data.draw(arrays((n,), np.float32, floats32))
    w = data.draw(arrays((k,), np.float32, floats32))
    assume(padding == "SAME" or k <= n)
    expect = tf.nn.conv1d(x[None, :, None], w[:, None, None], stride=stride, padding=padding)[0, :, 0].numpy()
    ours = correlate(x, w, padding=padding.lower(), stride=stride)
    np.testing.assert_allclose(ours, expect, atol=tolerance(x, w))


def test_conv2d_explicit_padding_matches_tf():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((9, 8, 2)).astype(np.float32)
    k = rng.standard_normal((3, 2, 2, 3)).astype(np.float32)
    pads = ((2, 0), (1, 3))
    expect = tf.nn.conv2d(x[None], k, strides=2, padding=[[0, 0], [2, 0], [1, 3], [0, 0]])[0].numpy()
    np.testing.assert_allclose(correlate(x, k, padding=pads, stride=2), expect, atol=1e-5)


@st.composite
def pool_case(draw):
    h, w, c = draw(st.integers(1, 12)), draw(st.integers(1, 12)), draw(st.integers(1, 3))
    size = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    stride = draw(st.one_of(st.none(), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    padding = draw(st.sampled_from(["SAME", "VALID"]))
    x = draw(arrays((h, w, c), np.float32, floats32))
    return x, size, stride, padding


@pytest.mark.parametrize("kind", ["max", "avg"])
@given(case=pool_case(), band_bytes=st.sampled_from([1, 100, pool_module.BAND_BYTES]))
def test_pool2d_matches_tf(kind, case, band_bytes):
    """Also in bands of one or a few output rows (the fold's cache-sized bands, made small)."""
    x, size, stride, padding = case
    assume(padding == "SAME" or (size[0] <= x.shape[0] and size[1] <= x.shape[1]))
    tf_fn = tf.nn.max_pool2d if kind == "max" else tf.nn.avg_pool2d
    expect = tf_fn(x[None], ksize=size, strides=stride or size, padding=padding)[0].numpy()
    with mock.patch.object(pool_module, "BAND_BYTES", band_bytes):
        ours = (max_pool if kind == "max" else avg_pool)(x, size, stride=stride, padding=padding.lower())
    np.testing.assert_allclose(ours, expect, rtol=1e-5, atol=1e-5)
