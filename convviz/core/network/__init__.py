"""Whole networks in numpy: a model's layers as data, their forward pass, units' arithmetic, gradients."""

from .spec import LayerSpec, NetworkSpec

__all__ = ["LayerSpec", "NetworkSpec"]
