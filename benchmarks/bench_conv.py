"""Time convviz's fast path against the usual ways to correlate an image.

    python benchmarks/bench_conv.py [--repeat N] [--markdown]

For each input size (256, 512, 1024, float32) and kernel size (3, 7, 15) it
times ``convviz.core.correlate(x, w, padding="same")`` and, in the same run,
interleaved with it:

* scipy.signal.correlate2d(x, w, mode="same")
* scipy.ndimage.correlate(x, w, mode="constant")
* FFT correlation: scipy.signal.fftconvolve(x, w[::-1, ::-1], mode="same")
* a numpy sliding-window einsum over the zero-padded input

Each timing is the median of ``--repeat`` runs; the ratio column is convviz
divided by the fastest reference (<= 1.0 means convviz is at least as fast).
All results are checked to agree before anything is timed.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np
import scipy
import scipy.ndimage
import scipy.signal

from convviz.core import correlate


def einsum_correlate(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    kh, kw = w.shape
    xp = np.pad(x, ((kh // 2, kh // 2), (kw // 2, kw // 2)))
    windows = np.lib.stride_tricks.sliding_window_view(xp, w.shape)
    return np.einsum("ijkl,kl->ij", windows, w)


REFERENCES = {
    "scipy.signal.correlate2d": lambda x, w: scipy.signal.correlate2d(x, w, mode="same"),
    "scipy.ndimage.correlate": lambda x, w: scipy.ndimage.correlate(x, w, mode="constant"),
    "fftconvolve": lambda x, w: scipy.signal.fftconvolve(x, w[::-1, ::-1], mode="same"),
    "numpy einsum": einsum_correlate,
}
CONVVIZ = lambda x, w: correlate(x, w, padding="same")  # noqa: E731


def median_time(fn, x, w, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(x, w)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(sizes=(256, 512, 1024), kernels=(3, 7, 15), repeat=7, slow_limit=2.0):
    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        x = rng.random((n, n), dtype=np.float32)
        for k in kernels:
            w = rng.standard_normal((k, k)).astype(np.float32)
            ours = CONVVIZ(x, w)
            expect = scipy.ndimage.correlate(x.astype(np.float64), w.astype(np.float64), mode="constant")
            tol = 1e-5 * float(np.abs(w).sum()) * float(np.abs(x).max())
            assert np.allclose(ours, expect, atol=tol), "convviz disagrees with scipy.ndimage"
            timings = {}
            # Interleave: convviz, then each reference, repeated, so drift hits all alike.
            names = ["convviz"] + list(REFERENCES)
            fns = [CONVVIZ] + list(REFERENCES.values())
            for fn in fns:
                fn(x, w)  # warm up
            samples = {name: [] for name in names}
            for _ in range(repeat):
                for name, fn in zip(names, fns):
                    if samples[name] and samples[name][0] > slow_limit:
                        continue  # one sample of a very slow reference is enough
                    t0 = time.perf_counter()
                    fn(x, w)
                    samples[name].append(time.perf_counter() - t0)
            timings = {name: statistics.median(v) for name, v in samples.items()}
            best_ref = min(REFERENCES, key=lambda r: timings[r])
            rows.append((n, k, timings, best_ref))
            print(
                f"{n:5d} {k:3d}  convviz {timings['convviz'] * 1e3:8.2f} ms   best {best_ref:<25} "
                f"{timings[best_ref] * 1e3:8.2f} ms   ratio {timings['convviz'] / timings[best_ref]:.2f}",
                flush=True,
            )
    return rows


def markdown(rows) -> str:
    head = "| input | kernel | convviz | " + " | ".join(REFERENCES) + " | best reference | ratio |"
    sep = "|" + "---|" * (head.count("|") - 1)
    lines = [head, sep]
    for n, k, t, best in rows:
        cells = [f"{t[name] * 1e3:.2f}" for name in REFERENCES]
        lines.append(
            f"| {n}x{n} | {k}x{k} | {t['convviz'] * 1e3:.2f} | " + " | ".join(cells)
            + f" | {best} | {t['convviz'] / t[best]:.2f} |"
        )
    return "\n".join(lines)


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}, scipy {scipy.__version__}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table at the end")
    args = parser.parse_args()
    print(machine())
    results = run(repeat=args.repeat)
    if args.markdown:
        print("\nTimes in ms (median of", args.repeat, "runs)\n")
        print(markdown(results))
