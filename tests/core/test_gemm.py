"""The matrix-product path (gemm.py) against scipy and numpy, the cost model's choices, and
integer exactness (including the FFT's rounding)."""

import itertools

import numpy as np
import pytest
import scipy.signal
from hypothesis import assume, given, strategies as st

from convviz.core import convolve, correlate
from convviz.core.conv import choose, prepare
from convviz.core.gemm import correlate_gemm

from .strategies import image_and_kernel, signal_and_kernel


def sum_tolerance(x, k):
    """Float error of a sum of products grows with sum |x||k|: bound it by that sum, per output."""
    scale = float(np.abs(x).sum()) * float(np.abs(k).max()) if x.size and k.size else 0.0
    return 32 * np.finfo(np.result_type(x, k, np.float32)).eps * (scale + 1)


def dilated(k, d):
    out = np.zeros(((k.shape[0] - 1) * d + 1, (k.shape[1] - 1) * d + 1) + k.shape[2:], dtype=k.dtype)
    out[::d, ::d] = k
    return out


MODES = ["valid", "same", "full"]
NUMPY_PAD = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


@pytest.mark.parametrize("mode", MODES)
@given(data=image_and_kernel(max_n=20, max_k=6), block=st.sampled_from([64, 1000, 1 << 22]))
def test_gemm_matches_correlate2d(mode, data, block):
    x, k = data
    assume(mode != "valid" or (k.shape[0] <= x.shape[0] and k.shape[1] <= x.shape[1]))
    p = prepare(x, k, padding=mode)
    out = correlate_gemm(p.x, p.weights, p.geometry, p.boundary, block)[..., 0]
    expect = scipy.signal.correlate2d(x, k, mode=mode)
    np.testing.assert_allclose(out, expect, atol=sum_tolerance(x, k), rtol=0)
    np.testing.assert_allclose(correlate(x, k, padding=mode, method="gemm"), expect, atol=sum_tolerance(x, k), rtol=0)


@pytest.mark.parametrize("mode", MODES)
@given(data=image_and_kernel(dtype=np.int64, max_n=20, max_k=6))
def test_gemm_integers_equal_correlate2d_exactly(mode, data):
    x, k = data
    assume(mode != "valid" or (k.shape[0] <= x.shape[0] and k.shape[1] <= x.shape[1]))
    out = correlate(x, k, padding=mode, method="gemm")
    assert out.dtype == np.int64
    np.testing.assert_array_equal(out, scipy.signal.correlate2d(x, k, mode=mode))


@pytest.mark.parametrize("mode", MODES)
@given(data=signal_and_kernel(max_n=40, max_k=9), block=st.sampled_from([8, 100, 1 << 22]))
def test_gemm_1d_matches_numpy_correlate(mode, data, block):
    x, k = data
    assume(len(k) <= len(x))  # numpy swaps the arguments when the kernel is longer
    p = prepare(x, k, padding=mode, same="centered")
    out = correlate_gemm(p.x, p.weights, p.geometry, p.boundary, block)[..., 0]
    np.testing.assert_allclose(out, np.correlate(x, k, mode), atol=sum_tolerance(x, k), rtol=0)


@pytest.mark.parametrize("mode", MODES)
@given(data=signal_and_kernel(dtype=np.int64, max_n=40, max_k=9))
def test_gemm_1d_integers_equal_numpy_exactly(mode, data):
    x, k = data
    assume(len(k) <= len(x))
    np.testing.assert_array_equal(correlate(x, k, padding=mode, same="centered", method="gemm"),
                                  np.correlate(x, k, mode))
    np.testing.assert_array_equal(convolve(x, k, padding=mode, same="centered", method="gemm"),
                                  np.convolve(x, k, mode))


@given(data=image_and_kernel(channels=3, filters=5, max_n=18, max_k=4),
       dtype=st.sampled_from([np.float64, np.float32, np.int64]), block=st.sampled_from([64, 1 << 22]))
def test_gemm_bank_equals_per_channel_correlate2d(data, dtype, block):
    x, k = data
    if dtype == np.int64:
        x, k = np.round(x).astype(np.int64), np.round(k).astype(np.int64)
    x, k = x.astype(dtype), k.astype(dtype)
    p = prepare(x, k, padding="same")
    out = correlate_gemm(p.x, p.weights, p.geometry, p.boundary, block)
    assert out.shape == x.shape[:2] + (5,) and out.dtype == p.dtype
    for f in range(5):
        expect = sum(scipy.signal.correlate2d(x[..., c].astype(np.float64), k[..., c, f].astype(np.float64), "same")
                     for c in range(3))
        if dtype == np.int64:
            np.testing.assert_array_equal(out[..., f], expect.astype(np.int64))
        else:
            np.testing.assert_allclose(out[..., f], expect, atol=3 * sum_tolerance(x, k), rtol=0)
        assert out[..., f].flags.c_contiguous  # filter-major storage: each map one block


@given(data=image_and_kernel(max_n=24, max_k=4), stride=st.integers(1, 3), dilation=st.integers(1, 3),
       pad=st.integers(0, 4), boundary=st.sampled_from(list(NUMPY_PAD)), block=st.sampled_from([64, 1 << 22]))
def test_gemm_stride_dilation_boundary_match_padded_correlate2d(data, stride, dilation, pad, boundary, block):
    """Reference: numpy.pad by the boundary mode, correlate2d with the dilated kernel, every stride-th cell."""
    x, k = data
    assume(boundary != "reflect" or min(x.shape) > pad)
    kd = dilated(k, dilation)
    padded = np.pad(x, pad, mode=NUMPY_PAD[boundary])
    assume(kd.shape[0] <= padded.shape[0] and kd.shape[1] <= padded.shape[1])
    expect = scipy.signal.correlate2d(padded, kd, mode="valid")[::stride, ::stride]
    p = prepare(x, k, padding=pad, stride=stride, dilation=dilation, boundary=boundary)
    out = correlate_gemm(p.x, p.weights, p.geometry, p.boundary, block)[..., 0]
    np.testing.assert_allclose(out, expect, atol=sum_tolerance(padded, k), rtol=0)


def test_integers_beyond_float64_are_still_exact():
    """Sums past 2**53 leave float64's exact range: those go through int64 and stay exact."""
    rng = np.random.default_rng(4)
    x = rng.integers(-(2**40), 2**40, (9, 8), dtype=np.int64)
    k = rng.integers(-(2**13), 2**13, (3, 3), dtype=np.int64)
    padded = np.pad(x, 1).astype(object)  # Python integers: exact at any size
    expect = np.array([[int((padded[i:i + 3, j:j + 3] * k.astype(object)).sum()) for j in range(8)]
                       for i in range(9)], dtype=np.int64)
    assert np.abs(expect).max() > 2**53
    np.testing.assert_array_equal(correlate(x, k, padding="same"), expect)
    np.testing.assert_array_equal(correlate(x, k, padding="same", method="gemm"), expect)


DTYPES = [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.int64, bool]


@pytest.mark.parametrize("a,b", list(itertools.product(DTYPES, DTYPES)))
@pytest.mark.parametrize("mode", ["full", "same"])
def test_fft_with_integers_rounds_to_the_exact_sum(a, b, mode):
    """scipy's integer and bool dtype pairs: the FFT's float sums (16.9999...) round, not truncate."""
    rng = np.random.default_rng(0)
    high = 2 if b is bool or a is bool else 100

    def draw(dtype, shape):
        return rng.integers(0, high, shape).astype(dtype)

    x, k = draw(a, (13, 11)), draw(b, (4, 3))
    expect = scipy.signal.convolve(x.astype(np.int64), k.astype(np.int64), mode=mode, method="direct")
    out = convolve(x, k, padding=mode, same="centered", method="fft")
    assert out.dtype == np.int64
    np.testing.assert_array_equal(out, expect)
    x1, k1 = draw(a, 60), draw(b, 7)
    np.testing.assert_array_equal(convolve(x1, k1, padding=mode, same="centered", method="fft"),
                                  np.convolve(x1.astype(np.int64), k1.astype(np.int64), mode))


@pytest.mark.parametrize("method", ["gemm", "fft", "direct", "auto"])
def test_every_method_agrees_on_a_bank_with_channels(method):
    rng = np.random.default_rng(2)
    x = rng.random((40, 33, 3))
    k = rng.standard_normal((5, 4, 3, 6))
    expect = np.stack([sum(scipy.signal.correlate2d(x[..., c], k[..., c, f], "same") for c in range(3))
                       for f in range(6)], axis=-1)
    np.testing.assert_allclose(correlate(x, k, padding="same", method=method), expect, atol=1e-12 * 60)


def test_ndimage_method_refuses_strides():
    with pytest.raises(ValueError, match="unit stride"):
        correlate(np.ones((9, 9)), np.ones((3, 3)), stride=2, method="ndimage")


def test_cost_model_sends_small_kernels_to_gemm_and_large_ones_to_fft():
    x = np.zeros((512, 512), dtype=np.float32)
    assert choose(prepare(x, np.ones((3, 3, 1, 8), np.float32), padding="same")) == "gemm"
    assert choose(prepare(x, np.ones((3, 3), np.float32), padding="same")) == "gemm"
    assert choose(prepare(x, np.ones((15, 15), np.float32), padding="same")) == "fft"
    # Integers are summed exactly: never by FFT, whatever the size.
    assert choose(prepare(x.astype(np.int64), np.ones((15, 15), np.int64), padding="same")) == "gemm"


@pytest.mark.parametrize("stride", [1, 2])
def test_large_products_run_in_blocks_and_agree(stride):
    """Many blocks, BLAS threads over a bank's product, and the BLAS thread counts left as found."""
    from convviz.core import gemm, parallel

    counts = [get() for _, get in parallel._openblas_libraries()]

    rng = np.random.default_rng(6)
    x = rng.random((301, 290, 2))
    k = rng.standard_normal((5, 4, 2, 8))
    p = prepare(x, k, padding="same", stride=stride)
    assert int(np.prod(p.geometry.out_shape)) * k.size >= gemm.BLAS_THREADS_MIN_WORK
    out = correlate_gemm(p.x, p.weights, p.geometry, p.boundary, block_bytes=1 << 16)
    padded = np.pad(x, ((2, 2), (1, 2), (0, 0)))
    for f in range(8):
        expect = sum(scipy.signal.correlate2d(padded[..., c], k[..., c, f], "valid") for c in range(2))
        np.testing.assert_allclose(out[..., f], expect[::stride, ::stride][:out.shape[0], :out.shape[1]],
                                   atol=1e-10)
    assert [get() for _, get in parallel._openblas_libraries()] == counts


def test_a_long_signal_is_cut_into_column_blocks():
    rng = np.random.default_rng(7)
    x = rng.integers(-50, 50, 300_000)
    k = rng.integers(-5, 5, 9)
    np.testing.assert_array_equal(correlate(x, k, padding="same", same="centered", method="gemm"),
                                  np.correlate(x, k, "same"))


def test_single_threaded_blas_nests_and_restores():
    from convviz.core import parallel

    if not parallel.can_limit_blas():
        pytest.skip("no OpenBLAS found in this process")
    counts = [get() for _, get in parallel._openblas_libraries()]
    with parallel.single_threaded_blas():
        with parallel.single_threaded_blas():
            assert all(get() == 1 for _, get in parallel._openblas_libraries())
        assert all(get() == 1 for _, get in parallel._openblas_libraries())
    assert [get() for _, get in parallel._openblas_libraries()] == counts


@pytest.mark.parametrize("filters, dtype", [(8, np.float64), (1, np.float64), (1, np.float32),
                                            (8, np.float32)])
def test_one_blas_thread_or_several_give_the_same_bits(monkeypatch, filters, dtype):
    """What keeping a cached map across a change of machine load relies on (measured, not promised by
    BLAS): the bank's sums come out alike on one BLAS thread and on BLAS's threads."""
    from convviz.core import gemm

    rng = np.random.default_rng(12)
    x, w = rng.random((300, 290)).astype(dtype), rng.standard_normal((5, 5, 1, filters)).astype(dtype)
    p = prepare(x, w, padding="same")
    monkeypatch.setattr(gemm, "cores_idle", lambda: False)
    alone = correlate_gemm(p.x, p.weights, p.geometry, p.boundary)
    monkeypatch.setattr(gemm, "cores_idle", lambda: True)
    threaded = correlate_gemm(p.x, p.weights, p.geometry, p.boundary)
    np.testing.assert_array_equal(alone, threaded)


@pytest.mark.parametrize("shape, spatial_shape", [((3, 2, 15, 15), (300, 311)), ((1, 15, 9), (2000,)),
                                                  ((2, 1, 15, 15), (1040, 1040))])
def test_kernel_spectrum_matches_rfftn_in_chunks_and_pinned(shape, spatial_shape):
    """The kernel's spectrum as DFT products: in column chunks on the calling thread for a small
    plane (many chunks here), pinned to one BLAS thread for a large one."""
    import scipy.fft

    from convviz.core import conv

    rng = np.random.default_rng(5)
    w = rng.standard_normal(shape)
    axes = tuple(range(-len(spatial_shape), 0))
    expect = scipy.fft.rfftn(w, s=spatial_shape, axes=axes)
    np.testing.assert_allclose(conv._kernel_spectrum(w, spatial_shape), expect, atol=1e-9)
    small = int(np.prod(spatial_shape)) <= conv.SMALL_TRANSFORM
    assert small == (spatial_shape != (1040, 1040))


def test_fft_on_a_plane_whose_kernel_product_is_chunked_agrees_with_scipy():
    rng = np.random.default_rng(6)
    x = rng.random((300, 290, 2)).astype(np.float32)
    k = rng.standard_normal((15, 13, 2, 3)).astype(np.float32)
    expect = np.stack([sum(scipy.signal.correlate2d(x[..., c].astype(np.float64), k[..., c, f], "same")
                           for c in range(2)) for f in range(3)], axis=-1)
    out = correlate(x, k, padding="same", method="fft")
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, expect, atol=2e-5 * float(np.abs(k).sum()))


@pytest.mark.parametrize("machine, own, idle", [(1.0, 1.0, True), (1.0, 0.0, False), (0.4, 0.0, True),
                                                (2.0, 1.0, False)])
def test_cores_idle_does_not_count_convviz_own_work(monkeypatch, machine, own, idle):
    """``machine`` and ``own``: cores' worth of CPU the machine and this process used in 2 s."""
    from convviz.core import parallel

    samples = iter([(10.0, 100.0, 5.0, 3.0), (12.0, 100.0 + 2 * machine, 5.0 + 2 * own, 3.0 + 2 * own)])
    monkeypatch.setattr(parallel, "_idle_checked", (-1.0, False))
    monkeypatch.setattr(parallel, "_idle_sample", next(samples))
    monkeypatch.setattr(parallel, "_sample", lambda: next(samples))
    monkeypatch.setattr(parallel, "WORKERS", 2)
    monkeypatch.setattr(parallel, "OTHERS_BUSY_MAX", 0.5)
    assert parallel.cores_idle() is idle


def test_cores_idle_falls_back_to_the_load_average_without_proc_stat(monkeypatch):
    from convviz.core import parallel

    monkeypatch.setattr(parallel, "_idle_checked", (-1.0, False))
    monkeypatch.setattr(parallel, "_sample", lambda: (50.0, None, 1.0, 1.0))
    monkeypatch.setattr(parallel, "WORKERS", 2)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (1.7, 1.0, 1.0))
    assert parallel.cores_idle() is False
    monkeypatch.setattr(parallel, "_idle_checked", (-1.0, False))
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.2, 1.0, 1.0))
    assert parallel.cores_idle() is True


def test_cores_idle_judges_again_once_the_interval_since_import_is_long_enough(monkeypatch):
    from convviz.core import parallel

    monkeypatch.setattr(parallel, "_idle_checked", (-1.0, False))
    monkeypatch.setattr(parallel, "_idle_sample", (10.0, 100.0, 5.0, 3.0))
    monkeypatch.setattr(parallel, "WORKERS", 2)
    monkeypatch.setattr(parallel, "OTHERS_BUSY_MAX", 0.5)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (1.5, 1.0, 1.0))
    clock = [10.02]
    monkeypatch.setattr(parallel.time, "monotonic", lambda: clock[0])
    # 20 ms after import: too short, the load average (busy) stands in...
    monkeypatch.setattr(parallel, "_sample", lambda: (clock[0], 100.02, 5.02, 3.02))
    assert parallel.cores_idle() is False
    # ...only until the interval is long enough: then only convviz's own work is seen.
    clock[0] = 10.15
    monkeypatch.setattr(parallel, "_sample", lambda: (clock[0], 100.15, 5.15, 3.15))
    assert parallel.cores_idle() is True


def test_a_worker_thread_counts_the_main_thread_as_busy(monkeypatch):
    """The window repainting on the main thread keeps a core busy: a worker's product beside it
    runs on one thread; the same CPU use seen from the main thread is the caller's own."""
    import threading

    from convviz.core import parallel

    monkeypatch.setattr(parallel, "WORKERS", 2)
    monkeypatch.setattr(parallel, "OTHERS_BUSY_MAX", 0.5)
    answers = []

    def judge():
        samples = iter([(10.0, 100.0, 5.0, 3.0), (12.0, 104.0, 9.0, 5.0)])  # 2 cores busy, both ours
        monkeypatch.setattr(parallel, "_idle_checked", (-1.0, False))
        monkeypatch.setattr(parallel, "_idle_sample", next(samples))
        monkeypatch.setattr(parallel, "_sample", lambda: next(samples))
        answers.append(parallel.cores_idle())

    judge()
    worker = threading.Thread(target=judge)
    worker.start()
    worker.join()
    assert answers == [True, False]


@pytest.mark.parametrize("elements,items,threaded", [(1 << 20, 16, True), (16 * 128 * 128, 16, False),
                                                     (1 << 16, 2, False), (1 << 20, 1, False)])
def test_map_threads_uses_the_pool_only_for_calls_worth_a_thread(monkeypatch, elements, items, threaded):
    """Many short calls (sixteen thumbnails' colours) run in this thread: on two threads they spent
    their time taking the GIL back; large ones run on every core; results keep their order."""
    import threading

    from convviz.core import parallel

    monkeypatch.setattr(parallel, "WORKERS", 2)
    seen = []
    out = parallel.map_threads(lambda i: seen.append(threading.current_thread()) or i * i, range(items),
                               elements=elements)
    assert out == [i * i for i in range(items)]
    assert any(t is not threading.main_thread() for t in seen) == threaded
