"""Property tests: the fast path agrees with scipy.signal and numpy for every mode."""

import numpy as np
import pytest
import scipy.signal
from hypothesis import assume, given, strategies as st

from convviz.core import convolve, correlate

from .strategies import image_and_kernel, signal_and_kernel, tolerance

MODES = ["valid", "same", "full"]


@pytest.mark.parametrize("mode", MODES)
@given(data=signal_and_kernel())
def test_1d_matches_scipy_signal(mode, data):
    x, k = data
    assume(mode != "valid" or len(k) <= len(x))
    tol = tolerance(x, k)
    # scipy.signal.correlate/convolve 'same' centres the output: same="centered".
    ours = correlate(x, k, padding=mode, same="centered")
    np.testing.assert_allclose(ours, scipy.signal.correlate(x, k, mode=mode, method="direct"), atol=tol)
    ours = convolve(x, k, padding=mode, same="centered")
    np.testing.assert_allclose(ours, scipy.signal.convolve(x, k, mode=mode, method="direct"), atol=tol)


@pytest.mark.parametrize("mode", MODES)
@given(data=signal_and_kernel(dtype=np.int64))
def test_1d_integers_match_numpy_exactly(mode, data):
    x, k = data
    assume(len(k) <= len(x))  # numpy swaps arguments when the kernel is longer
    np.testing.assert_array_equal(correlate(x, k, padding=mode, same="centered"), np.correlate(x, k, mode))
    np.testing.assert_array_equal(convolve(x, k, padding=mode, same="centered"), np.convolve(x, k, mode))


@pytest.mark.parametrize("mode", MODES)
@given(data=image_and_kernel())
def test_2d_matches_correlate2d_and_convolve2d(mode, data):
    x, k = data
    assume(mode != "valid" or (k.shape[0] <= x.shape[0] and k.shape[1] <= x.shape[1]))
    tol = tolerance(x, k)
    # correlate2d 'same' puts the extra padding of an even kernel after: TensorFlow's convention.
    np.testing.assert_allclose(
        correlate(x, k, padding=mode, same="tensorflow"),
        scipy.signal.correlate2d(x, k, mode=mode), atol=tol,
    )
    np.testing.assert_allclose(
        convolve(x, k, padding=mode, same="centered"),
        scipy.signal.convolve2d(x, k, mode=mode), atol=tol,
    )


@pytest.mark.parametrize("mode", MODES)
@given(data=image_and_kernel())
def test_2d_matches_scipy_signal_nd(mode, data):
    x, k = data
    assume(mode != "valid" or (k.shape[0] <= x.shape[0] and k.shape[1] <= x.shape[1]))
    tol = tolerance(x, k)
    np.testing.assert_allclose(
        correlate(x, k, padding=mode, same="centered"),
        scipy.signal.correlate(x, k, mode=mode, method="direct"), atol=tol,
    )
    np.testing.assert_allclose(
        convolve(x, k, padding=mode, same="centered"),
        scipy.signal.convolve(x, k, mode=mode, method="direct"), atol=tol,
    )


@given(data=image_and_kernel(max_n=40, max_k=9), method=st.sampled_from(["direct", "fft"]),
       stride=st.integers(1, 3), dilation=st.integers(1, 3),
       padding=st.sampled_from(["valid", "same", "full", 2]),
       boundary=st.sampled_from(["zeros", "reflect", "replicate", "circular"]))
def test_fft_and_direct_agree(data, method, stride, dilation, padding, boundary):
    x, k = data
    try:
        reference = correlate(x, k, padding=padding, stride=stride, dilation=dilation,
                              boundary=boundary, method="direct")
    except ValueError:
        assume(False)
    ours = correlate(x, k, padding=padding, stride=stride, dilation=dilation,
                     boundary=boundary, method=method)
    np.testing.assert_allclose(ours, reference, atol=tolerance(x, k))


@given(data=image_and_kernel(channels=3, filters=4, max_n=30, max_k=5),
       method=st.sampled_from(["direct", "fft"]))
def test_bank_equals_per_channel_sums(data, method):
    x, k = data
    assume(k.shape[0] <= x.shape[0] and k.shape[1] <= x.shape[1])
    out = correlate(x, k, method=method)
    assert out.shape[-1] == 4
    for f in range(4):
        expect = sum(scipy.signal.correlate2d(x[..., c], k[..., c, f], mode="valid") for c in range(3))
        np.testing.assert_allclose(out[..., f], expect, atol=tolerance(x, k) * 3)


@given(data=image_and_kernel(), padding=st.sampled_from(["valid", "same", "full", 1]),
       same=st.sampled_from(["tensorflow", "centered"]))
def test_convolve_is_correlate_with_flipped_kernel(data, padding, same):
    x, k = data
    try:
        expect = correlate(x, k[::-1, ::-1], padding=padding, same=same)
    except ValueError:
        assume(False)
    np.testing.assert_array_equal(convolve(x, k, padding=padding, same=same), expect)


@pytest.mark.parametrize("boundary,mode", [("reflect", "reflect"), ("replicate", "edge"), ("circular", "wrap")])
@given(data=image_and_kernel(max_k=6), pad=st.integers(0, 5))
def test_boundary_modes_match_numpy_pad(boundary, mode, data, pad):
    x, k = data
    assume(mode != "reflect" or min(x.shape) > 1)
    padded = np.pad(x, pad, mode=mode)
    assume(k.shape[0] <= padded.shape[0] and k.shape[1] <= padded.shape[1])
    np.testing.assert_allclose(
        correlate(x, k, padding=pad, boundary=boundary),
        scipy.signal.correlate2d(padded, k, mode="valid"), atol=tolerance(padded, k),
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int32, np.uint8])
def test_dtypes(dtype):
    x = np.arange(64, dtype=dtype).reshape(8, 8)
    k = np.ones((3, 3), dtype=dtype)
    out = correlate(x, k)
    expect = {np.float32: np.float32, np.float64: np.float64}.get(dtype, np.int64)
    assert out.dtype == expect


def test_float32_stays_float32_on_fft_path():
    rng = np.random.default_rng(1)
    x = rng.random((300, 300), dtype=np.float32)
    k = rng.random((15, 15), dtype=np.float32)
    out = correlate(x, k, padding="same", method="fft")
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, scipy.signal.correlate2d(x.astype(np.float64), k, "same"), rtol=1e-4)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("filters", [1, 3])
def test_a_non_finite_input_cell_is_not_spread_by_fft(bad, filters):
    """A kernel large enough for the FFT: only the outputs whose window reads the cell are hit."""
    x = np.ones((200, 200), dtype=np.float32)
    x[0, 0] = bad
    out = correlate(x, np.ones((15, 15, 1, filters), dtype=np.float32), padding="same")
    hit = ~np.isfinite(out)
    assert hit[:8, :8].all() and not hit[8:].any() and not hit[:, 8:].any()


def test_bias_adds_per_filter():
    x = np.arange(16).reshape(4, 4)
    k = np.ones((2, 2, 1, 2))
    out = correlate(x, k, bias=[1, -1])
    plain = correlate(x, k)
    np.testing.assert_array_equal(out - plain, np.broadcast_to([1, -1], out.shape))
