"""Whole networks in numpy: a model's layers as data, their forward pass, units' arithmetic, gradients."""

from .forward import SUPPORTED_KINDS, LayerOutputs, check, first_unsupported, forward, output_shapes
from .geometry import UnsupportedLayer
from .receptive import Region, receptive_field
from .spec import LayerSpec, NetworkSpec
from .units import explain_unit

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
