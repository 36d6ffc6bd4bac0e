"""Time convviz's fast path against the usual ways to correlate an image, or calibrate its cost model.

    python benchmarks/bench_conv.py [--repeat N] [--markdown] [--sizes 256 512 1024] [--kernels 3 7 15]
                                    [--filters 1 8]
    python benchmarks/bench_conv.py --calibrate

For each input size (256, 512, 1024, float32), kernel size (3, 7, 15) and bank
(1 filter, 8 filters) it times ``convviz.core.correlate(x, w, padding="same")``
and, in the same run, interleaved with it:

* scipy.signal.correlate2d(x, w, mode="same"), once per filter
* scipy.ndimage.correlate(x, w, mode="constant"), once per filter
* scipy.signal.fftconvolve with the flipped kernel: the whole bank in one call
  (broadcast over a filter axis)
* numpy einsum over a sliding window of the zero-padded input, optimize=True
  (a matrix product: "ijkl,klf->ijf" for the bank)

Each timing is the median of ``--repeat`` runs, the order of the functions
rotating from one repetition to the next; the ratio column is convviz
divided by the fastest reference of the same row (<= 1.0 means convviz is at
least as fast).  All results are checked to agree before anything is timed.
The process keeps freed memory for reuse, as the app does (``reuse_freed_memory``).

``--calibrate`` times each of convviz's methods (gemm, ndimage, fft) on a grid
of sizes, fits the cost model's constants by non-negative least squares on the
relative error, and writes them to convviz/core/conv_costs.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np
import scipy
import scipy.ndimage
import scipy.signal

from convviz.core import correlate


def _padded(x, kh, kw):
    return np.pad(x, ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2)))


def einsum_correlate(x, w):
    kh, kw = w.shape[:2]
    windows = np.lib.stride_tricks.sliding_window_view(_padded(x, kh, kw), (kh, kw))
    if w.ndim == 2:
        return np.einsum("ijkl,kl->ij", windows, w, optimize=True)
    return np.einsum("ijkl,klf->ijf", windows, w, optimize=True)


def per_filter(fn):
    """A single-filter function applied to every filter of an (kh, kw, F) bank."""
    def run(x, w):
        if w.ndim == 2:
            return fn(x, w)
        return np.stack([fn(x, w[..., f]) for f in range(w.shape[-1])], axis=-1)
    return run


def fft_bank(x, w):
    if w.ndim == 2:
        return scipy.signal.fftconvolve(x, w[::-1, ::-1], mode="same")
    return scipy.signal.fftconvolve(x[..., None], w[::-1, ::-1], mode="same", axes=(0, 1))


REFERENCES = {
    "scipy.signal.correlate2d": per_filter(lambda x, w: scipy.signal.correlate2d(x, w, mode="same")),
    "scipy.ndimage.correlate": per_filter(lambda x, w: scipy.ndimage.correlate(x, w, mode="constant")),
    "fftconvolve": fft_bank,
    "numpy einsum": einsum_correlate,
}


def reuse_freed_memory() -> None:
    """What the app does at start (convviz.ui.app._reuse_freed_memory): glibc keeps freed memory
    for reuse instead of unmapping it.  Without it, which arrays come back page-faulted depends on
    what ran before (first-touch page faults cost about 1 us per 4 KiB page on this VM: 0.6 ms for
    a 2.4 MB patch buffer), and the timings measured the allocator's state as much as the sums."""
    import ctypes
    import sys

    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6")
            libc.mallopt(-3, 64 << 20)  # M_MMAP_THRESHOLD
            libc.mallopt(-1, 256 << 20)  # M_TRIM_THRESHOLD
        except (OSError, AttributeError):
            pass


def convviz(x, w):
    # Keras layout for a bank: (kh, kw, C=1, F).
    return correlate(x, w if w.ndim == 2 else w[:, :, None, :], padding="same")


def run(sizes=(256, 512, 1024), kernels=(3, 7, 15), banks=(1, 8), repeat=7, slow_limit=2.0):
    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        x = rng.random((n, n), dtype=np.float32)
        for k in kernels:
            for filters in banks:
                shape = (k, k) if filters == 1 else (k, k, filters)
                w = rng.standard_normal(shape).astype(np.float32)
                ours = convviz(x, w)
                expect = einsum_correlate(x.astype(np.float64), w.astype(np.float64))
                tol = 1e-5 * float(np.abs(w).sum()) * float(np.abs(x).max())
                assert np.allclose(ours, expect, atol=tol), "convviz disagrees with the einsum reference"
                # Interleave: convviz, then each reference, repeated, so drift hits all alike.
                names = ["convviz"] + list(REFERENCES)
                fns = [convviz] + list(REFERENCES.values())
                samples = {name: [] for name in names}
                for name, fn in zip(names, fns):
                    t0 = time.perf_counter()
                    fn(x, w)  # warm up (and keep the sample when it is very slow)
                    if time.perf_counter() - t0 > slow_limit:
                        samples[name].append(time.perf_counter() - t0)
                for rep in range(repeat):
                    # Each repetition starts one later: a BLAS call leaves its threads spinning on the
                    # other core for a while, which slowed whatever ran next (0.7 -> 1.5 ms for
                    # convviz at 256x256, 8 filters 3x3, right after the einsum), so no function may
                    # always follow the same one.
                    turn = rep % len(names)
                    for name, fn in list(zip(names, fns))[turn:] + list(zip(names, fns))[:turn]:
                        if samples[name] and samples[name][0] > slow_limit:
                            continue  # one sample of a very slow reference is enough
                        t0 = time.perf_counter()
                        fn(x, w)
                        samples[name].append(time.perf_counter() - t0)
                timings = {name: statistics.median(v) for name, v in samples.items()}
                best_ref = min(REFERENCES, key=lambda r: timings[r])
                rows.append((n, k, filters, timings, best_ref))
                print(
                    f"{n:5d} {k:3d} x{filters}  convviz {timings['convviz'] * 1e3:8.2f} ms   best {best_ref:<25} "
                    f"{timings[best_ref] * 1e3:8.2f} ms   ratio {timings['convviz'] / timings[best_ref]:.2f}",
                    flush=True,
                )
    return rows


def markdown(rows) -> str:
    head = ("| input | kernel | filters | convviz | " + " | ".join(REFERENCES)
            + " | best reference | ratio |")
    sep = "|" + "---|" * (head.count("|") - 1)
    lines = [head, sep]
    for n, k, filters, t, best in rows:
        cells = [f"{t[name] * 1e3:.2f}" for name in REFERENCES]
        lines.append(
            f"| {n}x{n} | {k}x{k} | {filters} | {t['convviz'] * 1e3:.2f} | " + " | ".join(cells)
            + f" | {best} | {t['convviz'] / t[best]:.2f} |"
        )
    return "\n".join(lines)


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}, scipy {scipy.__version__}"
    )


# --- calibration -----------------------------------------------------------------------------

COSTS_FILE = Path(__file__).resolve().parent.parent / "convviz" / "core" / "conv_costs.py"


def _features(p, method: str) -> list[float]:
    """The cost model's terms for ``method`` (see convviz.core.conv.costs), in its order."""
    g = p.geometry
    cells, taps = float(np.prod(g.out_shape)), float(np.prod(g.kernel_shape))
    channels, filters = p.channels, p.filters
    if method == "gemm":
        k = taps * channels
        return [cells * k, cells * k * filters, cells * filters]
    if method == "ndimage":
        return [cells * taps * channels * filters, cells * channels * filters]
    size = float(np.prod(g.padded_shape))
    return [size * np.log2(size) * (channels + filters), size * channels * filters]


def _best_time(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)  # the least disturbed run: the model predicts an undisturbed machine


def calibrate(repeat: int = 5, max_seconds: float = 0.25) -> dict:
    from scipy.optimize import nnls

    from convviz.core.conv import evaluate, prepare

    rng = np.random.default_rng(0)
    measured: dict[tuple, list] = {}
    for dtype in (np.float32, np.float64):
        for n in (96, 256, 512, 1024):
            for k in (3, 5, 9, 15):
                for channels, filters in ((1, 1), (1, 8), (3, 4)):
                    x = rng.random((n, n, channels)).astype(dtype)
                    w = rng.standard_normal((k, k, channels, filters)).astype(dtype)
                    p = prepare(x, w, padding="same")
                    for method in ("gemm", "ndimage", "fft"):
                        work = n * n * k * k * channels * filters
                        if method != "fft" and work * 1.5e-9 > max_seconds * 4:
                            continue  # far too slow to be chosen; skip timing it
                        seconds = _best_time(lambda p=p, method=method: evaluate(p, method), repeat)
                        key = (method, np.dtype(dtype).itemsize)
                        measured.setdefault(key, []).append((_features(p, method), seconds * 1e9))
                        print(f"{np.dtype(dtype).name:8s} n={n:4d} k={k:2d} C={channels} F={filters} "
                              f"{method:8s} {seconds * 1e3:9.3f} ms", flush=True)
    fitted = {}
    for key, points in measured.items():
        a = np.array([f for f, _ in points])
        t = np.array([s for _, s in points])
        # Relative error: a 1 ms case matters as much as a 100 ms one.
        coef, _ = nnls(a / t[:, None], np.ones(len(t)))
        fitted[key] = [float(c) for c in coef]
        predicted = a @ coef
        print(key, [f"{c:.4g}" for c in coef], f"median |error| {np.median(np.abs(predicted / t - 1)):.0%}")
    return fitted


def write_costs(fitted: dict) -> None:
    def fmt(values):
        return "(" + ", ".join(f"{v:.4g}" for v in values) + ")"

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = f'''"""Cost-model constants for convviz.core.conv's choice of method, in nanoseconds.

Written by ``python benchmarks/bench_conv.py --calibrate`` (which times every
method on a grid of sizes and fits these by non-negative least squares on the
relative error); run it again on another machine rather than editing by hand.
Last written {stamp} on {machine()}.

GEMM_NS[itemsize] = (per patch element copied, per multiply-add, per output cell)
NDIMAGE_NS[itemsize] = (per multiply-add, per output cell and channel) of scipy.ndimage.correlate
FFT_NS[itemsize] = (per n*log2(n) of one transform, per frequency x channel x filter product)
"""

GEMM_NS = {{4: {fmt(fitted[("gemm", 4)])}, 8: {fmt(fitted[("gemm", 8)])}}}
NDIMAGE_NS = {{4: {fmt(fitted[("ndimage", 4)])}, 8: {fmt(fitted[("ndimage", 8)])}}}
FFT_NS = {{4: {fmt(fitted[("fft", 4)])}, 8: {fmt(fitted[("fft", 8)])}}}
'''
    COSTS_FILE.write_text(text)
    print(f"wrote {COSTS_FILE}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 512, 1024])
    parser.add_argument("--kernels", type=int, nargs="+", default=[3, 7, 15], help="kernel sides")
    parser.add_argument("--filters", type=int, nargs="+", default=[1, 8], help="bank sizes")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table at the end")
    parser.add_argument("--calibrate", action="store_true",
                        help="fit the cost model's constants and write convviz/core/conv_costs.py")
    args = parser.parse_args()
    reuse_freed_memory()
    print(machine())
    if args.calibrate:
        write_costs(calibrate())
    else:
        results = run(sizes=args.sizes, kernels=args.kernels, banks=args.filters, repeat=args.repeat)
        if args.markdown:
            print("\nTimes in ms (median of", args.repeat, "runs)\n")
            print(markdown(results))
