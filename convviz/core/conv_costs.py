"""Cost-model constants for convviz.core.conv's choice of method, in nanoseconds.

Written by ``python benchmarks/bench_conv.py --calibrate`` (which times every
method on a grid of sizes and fits these by non-negative least squares on the
relative error); run it again on another machine rather than editing by hand.
Last written 2026-12-03 12:27 UTC on x86_64, 2 cores, Python 3.11.7, numpy 2.4.6, scipy 1.17.1.

GEMM_NS[itemsize] = (per patch element copied, per multiply-add, per output cell)
NDIMAGE_NS[itemsize] = (per multiply-add, per output cell and channel) of scipy.ndimage.correlate
FFT_NS[itemsize] = (per n*log2(n) of one transform, per frequency x channel x filter product)
"""

GEMM_NS = {4: (0.2984, 0.0514, 0), 8: (0.5548, 0.06674, 0.2831)}
NDIMAGE_NS = {4: (0.5411, 2.718), 8: (0.4337, 3.431)}
FFT_NS = {4: (0.1678, 1.926), 8: (0.3097, 2.866)}
