"""Cost-model constants for convviz.core.conv's choice of method, in nanoseconds.

Written by ``python benchmarks/bench_conv.py --calibrate`` (which times every
method on a grid of sizes and fits these by non-negative least squares on the
relative error); run it again on another machine rather than editing by hand.
Last written 2026-12-03 10:34 UTC on x86_64, 2 cores, Python 3.11.7, numpy 2.4.6, scipy 1.17.1.

GEMM_NS[itemsize] = (per patch element copied, per multiply-add, per output cell)
NDIMAGE_NS[itemsize] = (per multiply-add, per output cell and channel) of scipy.ndimage.correlate
FFT_NS[itemsize] = (per n*log2(n) of one transform, per frequency x channel x filter product)
"""

GEMM_NS = {4: (0.3878, 0.04358, 0), 8: (0.7718, 0.04322, 0.3042)}
NDIMAGE_NS = {4: (0.3607, 2.574), 8: (0.2942, 2.924)}
FFT_NS = {4: (0.2089, 1.541), 8: (0.3364, 2.361)}
