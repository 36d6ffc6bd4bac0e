"""Whole networks in numpy: a model's layers as data, their forward pass, units' arithmetic, gradients."""

from .forward import SUPPORTED_KINDS, LayerOutputs, check, first_unsupported, forward, output_shapes
from .geometry import UnsupportedLayer
from .spec import LayerSpec, NetworkSpec

__all__ = [
    "SUPPORTED_KINDS",
    "LayerOutputs",
    "LayerSpec",
    "NetworkSpec",
    "Region",
    "UnsupportedLayer",
    "check",
    "explain_unit",
    "first_unsupported",
    "forward",
    "output_shapes",
    "receptive_field",
]

# A unit's arithmetic and receptive field load on first use: the explorer counts layers without them.
_LAZY = {"Region": "receptive", "receptive_field": "receptive", "explain_unit": "units"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
