"""The numeric core: pure numpy (scipy only inside functions), no Qt, no TensorFlow."""

from .activations import ACTIVATIONS, activate
from .conv import convolve, correlate, flip_kernel
from .kernels import PRESETS, parse_kernel, preset
from .padding import ConvGeometry, conv_geometry, resolve_padding
from .pool import avg_pool, global_avg_pool, global_max_pool, max_pool, pool
from .trace import pool_trace, trace

__all__ = [
    "ACTIVATIONS",
    "PRESETS",
    "ConvGeometry",
    "activate",
    "avg_pool",
    "conv_geometry",
    "convolve",
    "correlate",
    "flip_kernel",
    "global_avg_pool",
    "global_max_pool",
    "max_pool",
    "parse_kernel",
    "pool",
    "pool_trace",
    "preset",
    "resolve_padding",
    "trace",
]
