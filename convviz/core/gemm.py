"""The direct sum as one matrix product over image patches (im2col).

A whole filter bank over a multi-channel input is ``W (F, K) @ cols (K, P)``
with ``K = C * kh * kw`` taps and ``P`` output cells.  ``cols`` is built one
block of output rows at a time (one strided copy per tap and channel), sized
so the block stays in the core's L2 cache while BLAS reads it; BLAS does the
multiply-adds, and the threading for a bank's product on free cores.  Stride, dilation and every boundary mode are
only a matter of which input cells a tap's copy reads, so one loop serves all;
1D is the 2D case with one row.

Output is stored filter-major ``(F, *out)`` (each map contiguous, as the views
draw maps one by one) and returned as its ``(*out, F)`` view.

Integers are summed in float64 when every partial sum is an integer below
2**53 (``max|x| * sum|w| < 2**53``): each product and sum is then exact in
any order, so the result is the exact integer.  Larger values fall back to
numpy's own int64 matrix product (exact, with int64's wrap-around).
"""

from __future__ import annotations

import numpy as np

from .padding import ConvGeometry, pad_input
from .parallel import can_limit_blas, cores_idle, single_threaded_blas

__all__ = ["block_bytes_for", "correlate_gemm", "exact_in_float64"]


def _l2_bytes() -> int:
    """One core's L2 cache (Linux's sysfs), 2 MiB where it cannot be read."""
    try:
        with open("/sys/devices/system/cpu/cpu0/cache/index2/size") as f:
            text = f.read().strip().upper()
        scale = {"K": 1 << 10, "M": 1 << 20}.get(text[-1:], 1)
        return int(text.rstrip("KM")) * scale
    except (OSError, ValueError):
        return 2 << 20


L2_BYTES = _l2_bytes()


def block_bytes_for(filters: int) -> int:
    """Bytes of one block of patch columns: a core's L2 for a bank (BLAS reads the block once
    per panel of filters), half of it for one filter (a matrix-vector product reads it once,
    and the input rows being copied need the rest)."""
    return L2_BYTES if filters > 1 else L2_BYTES // 2


#: Multiply-adds from which a layer's product is left to BLAS's threads (core.network).
BLAS_THREADS_MIN_WORK = 1 << 20

_EXACT = 2.0**53


def exact_in_float64(x: np.ndarray, w: np.ndarray) -> bool:
    """Whether every partial sum of an integer correlation is exact in float64."""
    if not x.size or not w.size:
        return True
    peak = float(np.abs(x).max())
    per_filter = np.abs(w.astype(np.float64)).reshape(-1, w.shape[-1]).sum(axis=0).max()
    return peak * float(per_filter) < _EXACT


def correlate_gemm(x: np.ndarray, w: np.ndarray, g: ConvGeometry, boundary: str,
                   block_bytes: int | None = None) -> np.ndarray:
    """Correlate canonical ``x (*S, C)`` with ``w (*K, C, F)``; returns ``(*out, F)`` in x's dtype."""
    spatial = len(g.out_shape)
    dtype = x.dtype
    if dtype.kind in "iu":
        if exact_in_float64(x, w):
            out = correlate_gemm(x.astype(np.float64), w.astype(np.float64), g, boundary, block_bytes)
            return np.rint(out, out=out).astype(dtype)
    xp = pad_input(x, g.pads, boundary)
    stride, dilation, out_shape = g.stride, g.dilation, g.out_shape
    if spatial == 1:  # one row of a 2D image
        xp, w = xp[None], w[None]
        stride, dilation, out_shape = (1,) + stride, (1,) + dilation, (1,) + out_shape
    kh, kw, channels, filters = w.shape
    taps = kh * kw * channels
    block_bytes = block_bytes or block_bytes_for(filters)
    oh, ow = out_shape
    # Channels first, so each tap's copy reads whole rows of one channel.
    src = np.ascontiguousarray(np.moveaxis(xp, -1, 0))
    # Rows of W in the order of cols' rows: channel, then kernel row, then column.
    wk = np.ascontiguousarray(np.moveaxis(w, -1, 0).transpose(0, 3, 1, 2).reshape(filters, taps), dtype=dtype)
    out = np.empty((filters, oh, ow), dtype=dtype)
    (sy, sx), (dy, dx) = stride, dilation
    per_cell = taps * dtype.itemsize
    if ow * per_cell <= block_bytes:
        rows, width = max(1, block_bytes // (ow * per_cell)), ow
    else:  # a very long row (1D): blocks of columns within it
        rows, width = 1, max(1, block_bytes // per_cell)
    buffer = np.empty(taps * min(rows, oh) * min(width, ow), dtype=dtype)
    flat = out.reshape(filters, oh * ow)

    def run() -> None:
        for r0 in range(0, oh, rows):
            nr = min(rows, oh - r0)
            for c0 in range(0, ow, width):
                nc = min(width, ow - c0)
                cols = buffer[: taps * nr * nc].reshape(channels, kh, kw, nr, nc)
                y0, x0 = r0 * sy, c0 * sx
                for ty in range(kh):
                    ys = slice(y0 + ty * dy, y0 + ty * dy + (nr - 1) * sy + 1, sy)
                    for tx in range(kw):
                        xs = slice(x0 + tx * dx, x0 + tx * dx + (nc - 1) * sx + 1, sx)
                        cols[:, ty, tx] = src[:, ys, xs]
                dst = flat[:, r0 * ow: (r0 + nr) * ow] if nc == ow else out[:, r0, c0: c0 + nc]
                np.matmul(wk, cols.reshape(taps, nr * nc), out=dst)

    # BLAS threads the product while the other cores are free, even a single filter's
    # matrix-vector product (it was pinned to one thread: 0.44 against 0.36 ms at 256x256, 3x3).
    # A BLAS thread handed a share waits for a core while another process runs (104 ms against
    # 8 ms for 512x512 with 8 filters 7x7), so then one thread.  OpenBLAS splits the cells at
    # multiples of its kernel's width, so one thread or two gave the same bits in every case
    # measured (float32/64, 3x3 to 9x9, one filter or eight).
    if can_limit_blas() and not cores_idle():
        with single_threaded_blas():
            run()
    else:
        run()
    result = np.moveaxis(out, 0, -1)
    return result[0] if spatial == 1 else result
