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
    "TransposedGeometry",
    "activate",
    "activation_backward",
    "avg_pool",
    "conv_backward",
    "conv_geometry",
    "conv_transpose",
    "convolve",
    "correlate",
    "flip_kernel",
    "global_avg_pool",
    "global_max_pool",
    "max_pool",
    "overlap_counts",
    "parse_kernel",
    "pool",
    "pool_backward",
    "pool_trace",
    "preset",
    "resolve_padding",
    "sgd_step",
    "trace",
    "transposed_geometry",
    "zero_inserted",
]

# The gradients and transposed convolutions load on first use: the window opens without them.
_LAZY = {
    **dict.fromkeys(("activation_backward", "conv_backward", "pool_backward", "sgd_step"), "backward"),
    **dict.fromkeys(("TransposedGeometry", "conv_transpose", "overlap_counts", "transposed_geometry",
                     "zero_inserted"), "transposed"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
