"""Cross-correlation and convolution, 1D and 2D, with channels and filter banks.

``correlate`` is what CNN layers compute (``tf.nn.conv2d``, Keras ``Conv2D``,
``scipy.signal.correlate2d``); ``convolve`` flips the kernel along every
spatial axis first (channels are not flipped), so
``convolve(x, k) == correlate(x, flip(k))`` under the same padding.

Shapes (channels last, Keras layout)::

    x (W,)       kernel (k,)                    -> (ow,)
    x (H, W)     kernel (kh, kw)                -> (oh, ow)
    x (H, W)     kernel (kh, kw, 1, F)          -> (oh, ow, F)
    x (H, W, C)  kernel (kh, kw, C)             -> (oh, ow)
    x (H, W, C)  kernel (kh, kw, C, F)          -> (oh, ow, F)

The fast path evaluates the sum as one matrix product over image patches
(``gemm.py``: the whole bank and every channel at once), with scipy.ndimage's
C loop, or through real FFTs, whichever a cost model calibrated on this
machine (``conv_costs.py``) expects to be cheapest.  Integer inputs give exact
integers (int64); float32 stays float32.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from . import conv_costs
from .gemm import correlate_gemm
from .padding import BOUNDARIES, ConvGeometry, PaddingSpec, conv_geometry, pad_input
from .parallel import WORKERS, cores_idle, executor, single_threaded_blas

__all__ = ["correlate", "convolve", "flip_kernel", "prepare", "Prepared"]

#: Multiply-adds below which scipy.ndimage is not considered (no scipy import for a 5x5 example).
NDIMAGE_MIN_WORK = 1 << 15
#: Methods ``evaluate`` accepts besides 'auto' ('direct': the cheaper of 'gemm' and 'ndimage').
METHODS = ("direct", "gemm", "ndimage", "fft")


@dataclass(frozen=True)
class Prepared:
    """Validated operands in canonical form: ``x (*S, C)``, ``w (*K, C, F)``."""

    x: np.ndarray
    weights: np.ndarray
    bias: np.ndarray  # (F,), in the compute dtype
    geometry: ConvGeometry
    boundary: str
    bank: bool  # True when the output keeps a trailing filter axis
    channels_axis: bool  # True when the input came with a channel axis (H, W, C)
    dtype: np.dtype  # the dtype sums are computed and returned in

    @property
    def channels(self) -> int:
        return self.x.shape[-1]

    @property
    def filters(self) -> int:
        return self.weights.shape[-1]

    def output_shape(self) -> tuple[int, ...]:
        out = self.geometry.out_shape
        return out + (self.filters,) if self.bank else out


def as_numeric(a, name: str) -> np.ndarray:
    """``a`` as a real-valued array (booleans as integers); a ValueError naming ``name`` if not."""
    try:
        arr = np.asarray(a)
    except Exception as exc:  # ragged nested lists, odd objects
        raise ValueError(f"{name} is not a numeric array: {exc}") from None
    if arr.dtype == bool:
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    return arr


def _compute_dtype(*arrays: np.ndarray) -> np.dtype:
    dtype = np.result_type(*arrays)
    if dtype.kind in "iu":
        return np.dtype(np.int64)
    if dtype == np.float16:
        return np.dtype(np.float32)
    return dtype


def flip_kernel(kernel: np.ndarray, spatial_ndim: int | None = None) -> np.ndarray:
    """Reverse the spatial axes of a kernel (the leading 1 or 2); channels stay."""
    kernel = np.asarray(kernel)
    if spatial_ndim is None:
        spatial_ndim = 1 if kernel.ndim == 1 else 2
    return kernel[(slice(None, None, -1),) * spatial_ndim]


def prepare(
    x,
    kernel,
    *,
    padding: PaddingSpec = "valid",
    stride=1,
    dilation=1,
    same: str = "tensorflow",
    boundary: str = "zeros",
    bias=None,
    op: str = "correlate",
) -> Prepared:
    """Validate and canonicalise the operands shared by the fast path and the trace."""
    if op not in ("correlate", "convolve"):
        raise ValueError(f"unknown op {op!r}; expected 'correlate' or 'convolve'")
    if boundary not in BOUNDARIES:
        raise ValueError(
            f"unknown boundary {boundary!r}; expected one of {', '.join(BOUNDARIES)}"
        )
    x = as_numeric(x, "the input")
    kernel = as_numeric(kernel, "the kernel")
    if x.ndim not in (1, 2, 3):
        raise ValueError(
            f"the input must be (W,), (H, W) or (H, W, C); got shape {x.shape}"
        )
    if kernel.size and not np.all(np.isfinite(kernel)):
        raise ValueError("the kernel contains NaN or infinite values")

    if x.ndim == 1:
        if kernel.ndim != 1:
            raise ValueError(
                f"a 1D input needs a 1D kernel (k,), got shape {kernel.shape}"
            )
        spatial, bank = 1, False
        xc = x[:, None]
        wc = kernel[:, None, None]
    else:
        spatial = 2
        xc = x[:, :, None] if x.ndim == 2 else x
        channels = xc.shape[-1]
        if kernel.ndim == 2:
            if x.ndim == 3 and channels != 1:
                raise ValueError(
                    f"the input has {channels} channels but the kernel {kernel.shape} "
                    f"has none; give a ({kernel.shape[0]}, {kernel.shape[1]}, {channels}) kernel"
                )
            wc, bank = kernel[:, :, None, None], False
        elif kernel.ndim == 3:
            wc, bank = kernel[:, :, :, None], False
        elif kernel.ndim == 4:
            wc, bank = kernel, True
        else:
            raise ValueError(
                "a 2D kernel must be (kh, kw), (kh, kw, C) or (kh, kw, C, F); "
                f"got shape {kernel.shape}"
            )
        if wc.shape[2] != channels:
            raise ValueError(
                f"the kernel has {wc.shape[2]} input channels but the input has {channels}"
            )
    if wc.shape[-1] < 1:
        raise ValueError("the filter bank is empty")

    if op == "convolve":
        wc = flip_kernel(wc, spatial)

    geometry = conv_geometry(
        xc.shape[:spatial],
        wc.shape[:spatial],
        padding,
        stride=stride,
        dilation=dilation,
        same=same,
    )

    filters = wc.shape[-1]
    if bias is None:
        bias_arr = np.zeros(filters, dtype=np.int64)
    else:
        bias_arr = as_numeric(bias, "the bias").reshape(-1)
        if bias_arr.size == 1:
            bias_arr = np.repeat(bias_arr, filters)
        if bias_arr.size != filters:
            raise ValueError(
                f"the bias needs one value per filter ({filters}), got {bias_arr.size}"
            )
        if not np.all(np.isfinite(bias_arr)):
            raise ValueError("the bias contains NaN or infinite values")
    dtype = _compute_dtype(xc, wc, bias_arr) if bias is not None else _compute_dtype(xc, wc)
    return Prepared(
        x=xc.astype(dtype, copy=False),
        weights=wc.astype(dtype, copy=False),
        bias=bias_arr.astype(dtype, copy=False),
        geometry=geometry,
        boundary=boundary,
        bank=bank,
        channels_axis=x.ndim == 3,
        dtype=dtype,
    )


#: boundary name -> scipy.ndimage mode that extends the input the same way.
_NDIMAGE_MODES = {"zeros": "constant", "reflect": "mirror", "replicate": "nearest", "circular": "grid-wrap"}


def _direct_ndimage(x: np.ndarray, w: np.ndarray, g: ConvGeometry, boundary: str) -> np.ndarray:
    """Unit stride and dilation, floats: scipy.ndimage's C loop, row blocks on every core.

    ndimage extends the input by the boundary mode itself, so when the
    output is no larger than the input ('same', 'valid') no padded copy is
    made: an ``origin`` of ``before - k // 2`` lines ndimage's output row i up
    with our output row i.  Otherwise the input is padded first.  ndimage
    releases the GIL, so row blocks (with their halo rows) run in parallel;
    its sums are accumulated in float64.
    """
    import scipy.ndimage

    spatial = len(g.out_shape)
    kshape = w.shape[:spatial]
    channels, filters = w.shape[-2], w.shape[-1]
    in_place = all(
        o <= n and b <= k - 1 and b <= n - 1 and a <= n - 1
        for o, n, k, (b, a) in zip(g.out_shape, g.in_shape, kshape, g.pads)
    )
    if in_place:
        src, pads = x, g.pads
    else:
        src, pads = pad_input(x, g.pads, boundary), ((0, 0),) * spatial
    mode = _NDIMAGE_MODES[boundary]
    origin = [b - k // 2 for (b, _), k in zip(pads, kshape)]
    # Filter-major storage: each filter's map is contiguous (the views draw
    # maps one by one); the caller gets the (…, F) view of it.
    out = np.empty((filters,) + g.out_shape, dtype=x.dtype)
    n_rows, before, k_rows = src.shape[0], pads[0][0], kshape[0]
    rows = g.out_shape[0]

    def run(f: int, block: slice) -> None:
        lo = max(0, block.start - before)
        hi = min(n_rows, block.stop - before + k_rows - 1)
        part_in = src[lo:hi]
        keep = (slice(block.start - lo, block.stop - lo),) + tuple(slice(0, o) for o in g.out_shape[1:])
        whole = part_in.shape[:spatial] == out.shape[1:] and block == slice(0, rows)
        dst = out[f, block]
        result = dst if whole else np.empty(part_in.shape[:spatial], dtype=x.dtype)
        for c in range(channels):
            if c == 0:
                scipy.ndimage.correlate(part_in[..., c], w[..., c, f], output=result, mode=mode, origin=origin)
                if not whole:
                    dst[...] = result[keep]
            else:
                scratch = np.empty(part_in.shape[:spatial], dtype=x.dtype)
                scipy.ndimage.correlate(part_in[..., c], w[..., c, f], output=scratch, mode=mode, origin=origin)
                dst += scratch[keep]

    work = int(np.prod(g.out_shape)) * int(np.prod(kshape)) * channels * filters
    everything = slice(0, rows)
    threads = WORKERS > 1 and work > 1 << 21 and cores_idle()
    if threads and filters >= WORKERS:
        # Whole maps in parallel: no halo rows, no copies.
        list(executor().map(lambda f: run(f, everything), range(filters)))
    elif threads and spatial == 2 and rows >= 2 * WORKERS:
        step = -(-rows // WORKERS)
        jobs = [(f, slice(r, min(r + step, rows))) for f in range(filters) for r in range(0, rows, step)]
        list(executor().map(lambda job: run(*job), jobs))
    else:
        for f in range(filters):
            run(f, everything)
    return np.moveaxis(out, 0, -1)


def _ndimage_direct(dtype: np.dtype, g: ConvGeometry, work: int) -> bool:
    """Whether scipy.ndimage can sum this op: floats, unit stride and dilation, and ``work``
    (multiply-adds) enough that importing scipy is worth it."""
    unit = all(s == 1 for s in g.stride) and all(d == 1 for d in g.dilation)
    return dtype.kind == "f" and unit and work >= NDIMAGE_MIN_WORK


@functools.lru_cache(maxsize=32)
def _dft_matrix(length: int, taps: int, dtype: np.dtype) -> np.ndarray:
    """``E[u, r] = exp(-2 pi i u r / length)`` for r < taps: the DFT of a zero-padded short axis
    (kept, read-only, like pocketfft keeps its plans: a few thousand exponentials per call)."""
    phase = (np.outer(np.arange(length), np.arange(taps)) % length) * (-2j * np.pi / length)
    matrix = np.exp(phase).astype(dtype)
    matrix.flags.writeable = False
    return matrix


#: Transform planes up to this many cells multiply their kernel's DFT in chunks on the calling
#: thread; a larger plane's product is worth pinning BLAS to one thread once.
SMALL_TRANSFORM = 1 << 17


def _kernel_spectrum(w: np.ndarray, lengths: tuple[int, ...]) -> np.ndarray:
    """rfftn over the trailing axes of a small kernel zero-padded to ``lengths``.

    The last axis by rfft over the kernel's own rows; each leading axis, where
    the kernel has a few taps, as one matrix product with those columns of the
    DFT matrix (an FFT there would transform every zero of the padding along a
    strided axis: 1040x1040, 15x15 kernel, 2.2 ms as FFTs, 0.45 ms this way).
    """
    import scipy.fft

    spatial = len(lengths)
    spectrum = scipy.fft.rfft(w, n=lengths[-1], axis=-1)
    small = math.prod(lengths) <= SMALL_TRANSFORM
    for axis in range(-spatial, -1):
        moved = np.moveaxis(spectrum, axis, -2)
        matrix = _dft_matrix(lengths[axis], moved.shape[-2], spectrum.dtype)
        if small:
            moved = _product_on_this_thread(matrix, moved)
        else:
            with single_threaded_blas():  # BLAS's threads would only wait for a core
                moved = matrix @ moved
        spectrum = np.moveaxis(moved, -2, axis)
    return spectrum


#: OpenBLAS multiplies a product of at most this many multiply-adds on the calling thread
#: (SMP_THRESHOLD_MIN * GEMM_MULTITHREAD_THRESHOLD in its sources).
OPENBLAS_ONE_THREAD_WORK = 65536 * 4


def _product_on_this_thread(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` in column chunks small enough that OpenBLAS runs each on the calling thread.

    For a small plane's DFT product this is faster than pinning BLAS to one thread and back, and
    than FFTs; left whole, the product is split over BLAS's threads, and one of them waiting for
    a core while another process runs stalls it for milliseconds.
    """
    columns = max(1, OPENBLAS_ONE_THREAD_WORK // max(1, a.shape[-2] * a.shape[-1]))
    if b.shape[-1] <= columns:
        return np.matmul(a, b)
    out = np.empty(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]) + (a.shape[-2], b.shape[-1]),
                   dtype=np.result_type(a, b))
    for c in range(0, b.shape[-1], columns):
        np.matmul(a, b[..., c:c + columns], out=out[..., c:c + columns])
    return out


def _fft(x: np.ndarray, w: np.ndarray, g: ConvGeometry, padded: bool) -> np.ndarray:
    """Correlation by real FFTs: circular over a long enough period, then sliced.

    ``x`` is either already padded by the boundary mode (``padded=True``) or
    the raw input, in which case zero padding is implied by the transform
    length: a period ``L >= N + max(before, after)`` keeps the circular
    wrap-around out of every output cell, and the cells left of the input
    are read at negative (wrapped) indices.

    Channels and filters are leading axes (``(C, *S)``, ``(C, F, *K)``): each
    transform then runs over contiguous trailing axes.  The input is
    transformed once per channel; each filter (its spectrum, the sum of
    products over channels, its inverse transform) is one task on the shared
    pool.  The maps come out filter-major, as the views want them.
    """
    import scipy.fft

    spatial = len(g.out_shape)
    axes = tuple(range(-spatial, 0))
    k_eff = g.effective_kernel
    if any(d > 1 for d in g.dilation):
        dilated = np.zeros(k_eff + w.shape[spatial:], dtype=w.dtype)
        dilated[tuple(slice(None, None, d) for d in g.dilation)] = w
        w = dilated
    channels, filters = w.shape[-2], w.shape[-1]
    if padded:
        befores = (0,) * spatial
        lengths = tuple(scipy_fast_len(n) for n in x.shape[:spatial])
    else:
        befores = tuple(b for b, _ in g.pads)
        lengths = tuple(
            scipy_fast_len(max(k, n + max(b, a)))
            for n, k, (b, a) in zip(x.shape[:spatial], k_eff, g.pads)
        )
    flipped = w[(slice(None, None, -1),) * spatial]
    ws = np.moveaxis(flipped, (-2, -1), (0, 1))  # (C, F, *K)
    # pocketfft splits one transform's rows over threads itself: 1.6x faster at 1024x1024 on an idle
    # 2-core machine; at 256x256 its threads cost more than they gain (0.97 -> 1.75 ms at load 1.6).
    workers = WORKERS if int(np.prod(lengths)) >= 1 << 19 and cores_idle() else 1
    spectrum = scipy.fft.rfftn(np.moveaxis(x, -1, 0), s=lengths, axes=axes, workers=workers)  # (C, *L')
    if not np.isfinite(spectrum[(slice(None),) + (0,) * spatial]).all():
        # The zero-frequency bin is the input's sum: NaN or inf anywhere in the input would
        # spread over the whole output (and a sum too large for the type would lose it).
        return None
    # Output cell o reads the flipped-kernel convolution at o*stride + k_eff-1 - before.
    index = []
    for k, b, o, s, n in zip(k_eff, befores, g.out_shape, g.stride, lengths):
        start = k - 1 - b
        if start >= 0 and start + (o - 1) * s < n:
            index.append(slice(start, start + (o - 1) * s + 1, s))
        else:
            index.append((start + np.arange(o) * s) % n)
    if any(isinstance(i, np.ndarray) for i in index):
        index = np.ix_(*[np.arange(n)[i] if isinstance(i, slice) else i for i, n in zip(index, lengths)])
    index = tuple(index)

    def one_filter(f: int, workers: int = 1) -> np.ndarray:
        w_hat = _kernel_spectrum(ws[:, f], lengths)  # (C, *L'), this filter's own: multiplied in place
        product = np.multiply(w_hat[0], spectrum[0], out=w_hat[0])
        for c in range(1, channels):
            product += np.multiply(w_hat[c], spectrum[c], out=w_hat[c])
        full = scipy.fft.irfftn(product, s=lengths, axes=axes, overwrite_x=True, workers=workers)[index]
        if x.dtype.kind in "iu":
            # A sum of 17 comes back as 16.99999...: round, do not truncate, as scipy does.
            full = np.rint(full)
        return full

    if filters == 1 and x.dtype.kind == "f":
        return one_filter(0, workers)[..., None]  # a view of the transform's output, as fftconvolve returns
    # A bank: the filters' spectra a chunk at a time (about 8 MiB of them, so memory stays near the
    # one-filter path's that convviz.model.limits budgets for), the products summed over channels in
    # place, and one batched inverse transform per chunk (pocketfft threads it while the cores are
    # free): 256x256, 8 filters 15x15, one chunk: 2.7 ms against 3.7 ms as a task per filter.
    per_filter = channels * int(np.prod(spectrum.shape[1:])) * spectrum.itemsize
    chunk = max(1, min(filters, (8 << 20) // max(per_filter, 1)))
    batch_workers = WORKERS if int(np.prod(lengths)) * chunk >= 1 << 19 and cores_idle() else 1
    out = np.empty((filters,) + g.out_shape, dtype=x.dtype)
    for f0 in range(0, filters, chunk):
        w_hat = _kernel_spectrum(ws[:, f0:f0 + chunk], lengths)  # (C, chunk, *L')
        product = np.multiply(w_hat[0], spectrum[0], out=w_hat[0])
        for c in range(1, channels):
            product += np.multiply(w_hat[c], spectrum[c], out=w_hat[c])
        full = scipy.fft.irfftn(product, s=lengths, axes=axes, overwrite_x=True, workers=batch_workers)
        part = full[(slice(None),) + index]
        # A sum of 17 comes back as 16.99999...: round, do not truncate, as scipy does.
        out[f0:f0 + chunk] = np.rint(part) if x.dtype.kind in "iu" else part
    return np.moveaxis(out, 0, -1)


def costs(p: Prepared, filters: int | None = None) -> dict[str, float]:
    """Estimated nanoseconds of each method that can evaluate ``p`` (see conv_costs.py).

    ``filters``: judge the work as if the bank had this many filters.
    """
    g = p.geometry  # scalar arithmetic in Python: numpy's per-call overhead is most of a small case's choice
    cells = math.prod(g.out_shape)
    taps = math.prod(g.kernel_shape)
    channels, filters = p.channels, p.filters if filters is None else filters
    size = 8 if p.dtype.kind in "iu" else p.dtype.itemsize  # integers go through float64
    copy_ns, mac_ns, out_ns = conv_costs.GEMM_NS[min(size, 8)]
    k = taps * channels
    estimate = {"gemm": cells * (copy_ns * k + mac_ns * k * filters + out_ns * filters)}
    work = cells * taps * channels * filters
    if _ndimage_direct(p.dtype, g, work):
        per_mac, per_cell = conv_costs.NDIMAGE_NS[min(p.dtype.itemsize, 8)]
        estimate["ndimage"] = per_mac * work + per_cell * cells * channels * filters
    if p.dtype.kind == "f":  # integers: the exact matrix product, never the FFT's rounded sums
        padded = math.prod(g.padded_shape)  # the FFT rounds up to a fast length: close enough
        per_nlogn, per_product = conv_costs.FFT_NS[min(p.dtype.itemsize, 8)]
        estimate["fft"] = (per_nlogn * padded * math.log2(max(padded, 2)) * (channels + filters)
                           + per_product * padded * channels * filters)
    return estimate


def choose(p: Prepared, filters: int | None = None) -> str:
    """The method with the lowest estimated cost: 'gemm', 'ndimage' or 'fft'."""
    estimate = costs(p, filters)
    if p.dtype.kind == "f" and estimate["gemm"] < 1e5:
        return "gemm"  # a tenth of a millisecond either way: spare the scipy imports
    return min(estimate, key=estimate.get)


def scipy_fast_len(n: int) -> int:
    import scipy.fft

    return scipy.fft.next_fast_len(n, real=True)


def evaluate(p: Prepared, method: str = "auto") -> np.ndarray:
    """Run a prepared op; ``method`` is 'auto' or one of METHODS (tests use each).

    'direct' sums term by term: the cheaper of 'gemm' and 'ndimage'.  'ndimage'
    needs floats with unit stride and dilation.
    """
    if method == "auto":
        method = choose(p)
    elif method == "direct":
        estimate = costs(p)
        estimate.pop("fft", None)
        method = min(estimate, key=estimate.get)
    elif method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected 'auto' or one of {', '.join(METHODS)}")
    if method == "fft":
        if p.boundary == "zeros":
            out = _fft(p.x, p.weights, p.geometry, padded=False)
        else:
            out = _fft(pad_input(p.x, p.geometry.pads, p.boundary), p.weights, p.geometry, padded=True)
        if out is None:  # not finite: sum term by term, so only the cells that read it are NaN or inf
            return evaluate(p, "direct")
    elif method == "ndimage":
        g = p.geometry
        if p.dtype.kind != "f" or any(s != 1 for s in g.stride) or any(d != 1 for d in g.dilation):
            raise ValueError("method 'ndimage' needs floats with unit stride and dilation")
        out = _direct_ndimage(p.x, p.weights, g, p.boundary)
    else:
        out = correlate_gemm(p.x, p.weights, p.geometry, p.boundary)
    if np.any(p.bias):
        out += p.bias
    return out if p.bank else out[..., 0]


def correlate(
    x,
    kernel,
    *,
    padding: PaddingSpec = "valid",
    stride=1,
    dilation=1,
    same: str = "tensorflow",
    boundary: str = "zeros",
    bias=None,
    method: str = "auto",
) -> np.ndarray:
    """Cross-correlate ``x`` with ``kernel`` (what a CNN layer computes).

    Parameters
    ----------
    x : array (W,), (H, W) or (H, W, C)
    kernel : array (k,), (kh, kw), (kh, kw, C) or a bank (kh, kw, C, F)
    padding : "valid", "same", "full", an int, or (before, after) pairs per axis
    stride, dilation : int or one int per spatial axis
    same : "tensorflow" (extra padding after) or "centered" (extra padding before)
    boundary : "zeros", "reflect", "replicate" or "circular"
    bias : scalar or one value per filter, added to every output cell

    Raises ``ValueError`` with a message naming the problem for bad arguments.
    """
    p = prepare(
        x, kernel, padding=padding, stride=stride, dilation=dilation,
        same=same, boundary=boundary, bias=bias, op="correlate",
    )
    return evaluate(p, method)


def convolve(
    x,
    kernel,
    *,
    padding: PaddingSpec = "valid",
    stride=1,
    dilation=1,
    same: str = "tensorflow",
    boundary: str = "zeros",
    bias=None,
    method: str = "auto",
) -> np.ndarray:
    """True convolution: ``correlate`` with the kernel flipped on every spatial axis."""
    p = prepare(
        x, kernel, padding=padding, stride=stride, dilation=dilation,
        same=same, boundary=boundary, bias=bias, op="convolve",
    )
    return evaluate(p, method)
