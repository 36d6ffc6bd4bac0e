"""Convolution as a matrix product: the patch matrix times the kernel, and the convolution
matrix times the input, each equal to the fast path's output (exactly, for integers)."""

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from convviz.core import convolve, correlate, trace
from convviz.core.matrix import MATRIX_MAX_ENTRIES, conv_matrix, kernel_vector, patch_matrix

from .strategies import image_and_kernel, settings_space, signal_and_kernel


def _output(x, k, op, **kwargs):
    fn = correlate if op == "correlate" else convolve
    try:
        return fn(x, k, **kwargs)
    except ValueError:
        assume(False)


@given(data=image_and_kernel(dtype=np.int64, max_n=8, max_k=4), **settings_space)
def test_both_matrix_products_equal_the_output_exactly(data, padding, same, stride, dilation, boundary, op):
    x, k = data
    kwargs = dict(padding=padding, same=same, stride=stride, dilation=dilation, boundary=boundary)
    out = _output(x, k, op, **kwargs)
    t = trace(x, k, op=op, **kwargs)
    np.testing.assert_array_equal(patch_matrix(t) @ kernel_vector(t), out.ravel())
    np.testing.assert_array_equal(conv_matrix(t) @ x.ravel(), out.ravel())


@given(data=image_and_kernel(max_n=6, max_k=3, channels=2, filters=3), bias=st.floats(-3, 3),
       boundary=st.sampled_from(["zeros", "reflect", "circular"]), stride=st.integers(1, 2))
def test_channels_and_banks_one_filter_at_a_time(data, bias, boundary, stride):
    x, k = data
    out = _output(x, k, "correlate", padding="same", boundary=boundary, stride=stride, bias=bias)
    t = trace(x, k, padding="same", boundary=boundary, stride=stride, bias=bias)
    for f in range(k.shape[-1]):
        want = out[..., f].ravel()
        np.testing.assert_allclose(patch_matrix(t, f) @ kernel_vector(t, f) + bias, want, atol=1e-9)
        np.testing.assert_allclose(conv_matrix(t, f) @ x.ravel() + bias, want, atol=1e-9)


@given(data=signal_and_kernel(dtype=np.int64, max_n=12, max_k=5), padding=st.sampled_from(["valid", "same", "full"]),
       stride=st.integers(1, 3), op=st.sampled_from(["correlate", "convolve"]))
def test_1d_signals(data, padding, stride, op):
    x, k = data
    out = _output(x, k, op, padding=padding, stride=stride)
    t = trace(x, k, op=op, padding=padding, stride=stride)
    np.testing.assert_array_equal(patch_matrix(t) @ kernel_vector(t), out)
    np.testing.assert_array_equal(conv_matrix(t) @ x, out)


def test_the_lectures_valid_example_is_a_banded_toeplitz_matrix():
    """A 4x4 input and a 3x3 kernel, 'valid': the textbook 4 x 16 matrix, each row the kernel's
    rows laid out with a stride of the input's width."""
    k = np.arange(1, 10).reshape(3, 3)
    t = trace(np.zeros((4, 4)), k)
    m = conv_matrix(t)
    assert m.shape == (4, 16)
    first = np.array([1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(m[0], first)
    np.testing.assert_array_equal(m[1], np.roll(first, 1))
    np.testing.assert_array_equal(m[2], np.roll(first, 4))
    np.testing.assert_array_equal(m[3], np.roll(first, 5))


def test_a_reflected_tap_adds_its_weight_to_the_cell_it_reads():
    t = trace(np.arange(3.0), np.array([1.0, 10.0, 100.0]), padding="same", boundary="reflect")
    # out[0] reads x[1] (reflected), x[0], x[1]: x[1]'s weight is 1 + 100.
    np.testing.assert_array_equal(conv_matrix(t)[0], [10.0, 101.0, 0.0])


def test_a_matrix_too_large_to_build_is_refused_with_its_size():
    t = trace(np.zeros((2048, 2048)), np.ones((3, 3)), padding="same")
    assert 2048**4 > MATRIX_MAX_ENTRIES
    with pytest.raises(ValueError, match="4194304 x 4194304 entries"):
        conv_matrix(t)
    with pytest.raises(ValueError, match="filter 1 out of range"):
        patch_matrix(t, 1)
