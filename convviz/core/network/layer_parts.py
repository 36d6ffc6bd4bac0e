"""What every layer's computation reads: its weights (checked against the shapes it needs), its
activation, its float32 policy; and the product of a dense or pointwise layer on one BLAS thread."""

from __future__ import annotations

import numpy as np

from convviz.core.gemm import BLAS_THREADS_MIN_WORK
from convviz.core.parallel import cores_idle, single_threaded_blas

from .activations import activation_named
from .geometry import fail
from .spec import LayerSpec

__all__ = ["activation_of", "check_dtype", "checked_weights", "matmul"]

Shape = tuple  # of int


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` on one BLAS thread unless the product is large and the other cores are free: a
    Dense layer's matrix-vector product (9216 x 128) took 3.5 ms on BLAS's threads against 0.17 ms
    on one with another process busy on this 2-core machine."""
    if a.ndim > 1 and a.size * b.shape[-1] >= BLAS_THREADS_MIN_WORK and cores_idle():
        return a @ b
    with single_threaded_blas():
        return a @ b


def checked_weights(layer: LayerSpec, *shapes: Shape) -> tuple[np.ndarray, ...]:
    """The layer's weights as float32, checked against the expected shapes."""
    if len(layer.weights) != len(shapes):
        raise fail(layer, f"has {len(layer.weights)} weight arrays where {len(shapes)} were expected")
    out = []
    for w, shape in zip(layer.weights, shapes):
        w = np.asarray(w, dtype=np.float32)
        if w.shape != tuple(shape):
            raise fail(layer, f"has a weight of shape {w.shape} where {tuple(shape)} was expected")
        out.append(w)
    return tuple(out)


def activation_of(layer: LayerSpec):
    act = activation_named(layer.config.get("activation", "linear"))
    if act is None:
        raise fail(layer, f"uses the activation {layer.config.get('activation')!r}, which convviz does not compute")
    return act


def check_dtype(layer: LayerSpec) -> None:
    policy = str(layer.config.get("dtype", "float32"))
    if "float16" in policy or "float64" in policy:
        raise fail(layer, "computes in a dtype other than float32 (a mixed-precision policy)")
