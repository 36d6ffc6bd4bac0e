"""The backward pass of a convolution, of pooling and of activations, and one SGD step.

For a layer ``Y = correlate(X, W) + b`` and an upstream gradient ``dY = dL/dY`` (the loss's gradient
with respect to the layer's output, e.g. all ones for ``L = Σ Y``):

* ``dW[t, c, f] = Σ_o Xpad[o·stride + t·dilation, c] · dY[o, f]``: a correlation of the padded input
  with ``dY`` as the kernel, the roles of stride and dilation swapped (summed over W's taps, see
  ``_weights_gradient``);
* ``db[f] = Σ_o dY[o, f]``;
* ``dX``: every output's gradient stamped back through the kernel onto the cells its window read, the
  transposed convolution of ``dY`` with ``W`` (a forward kernel ``(kh, kw, C, F)`` read as the
  transposed layout ``(kh, kw, out=C, in=F)``), then the padding's share folded back onto the input
  cells the boundary mode copied it from (nothing for zeros).

``dX`` is built on :func:`convviz.core.correlate` (through ``transposed.scatter``); ``convolve`` is
``correlate`` with the kernel flipped, so its ``dW`` is flipped back.  1D runs as 2D with one row.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS, softmax
from .conv import convolve, correlate, flip_kernel, prepare
from .padding import PaddingSpec, boundary_source, pad_input
from .pool import max_pool, pool_geometry
from .transposed import TransposedGeometry, scatter

__all__ = [
    "ConvGradients",
    "SgdStep",
    "activation_backward",
    "conv_backward",
    "conv_sgd_step",
    "pool_backward",
    "sgd_step",
    "squared_error",
    "squared_error_gradient",
]


class ConvGradients(NamedTuple):
    """``dW`` in the kernel's shape, ``db`` one value per filter (a scalar for a single kernel), ``dX`` in
    the input's shape."""

    dW: np.ndarray
    db: np.ndarray
    dX: np.ndarray


def _fold_padding(dxp: np.ndarray, pads, in_shape, boundary: str) -> np.ndarray:
    """Gradient on the padded grid -> gradient on the input: each padded cell's share goes to the input
    cell the boundary mode read it from (zeros: dropped), one spatial axis at a time."""
    for axis, ((before, _), n) in enumerate(zip(pads, in_shape)):
        if boundary == "zeros":
            dxp = np.take(dxp, np.arange(before, before + n), axis=axis)
            continue
        source = np.array([boundary_source(i - before, n, boundary) for i in range(dxp.shape[axis])])
        moved = np.moveaxis(dxp, axis, 0)
        folded = np.zeros((n,) + moved.shape[1:], dtype=dxp.dtype)
        np.add.at(folded, source, moved)
        dxp = np.moveaxis(folded, 0, axis)
    return dxp


def _weights_gradient(xp: np.ndarray, dy: np.ndarray, kshape, strides, dilations) -> np.ndarray:
    """``dW[t] = Σ_o Xpad[o·stride + t·dilation] ⊗ dY[o]``: the correlation of the padded input with dY,
    summed tap by tap of W, one matrix product ``(C, O) @ (O, F)`` each.

    Not :func:`correlate` with dY as the kernel, which gives the same numbers: it copies its input once per
    kernel tap, and dY has as many taps as the output has cells, where W has a handful.
    """
    (oh, ow), channels, filters = dy.shape[:2], xp.shape[-1], dy.shape[-1]
    dy_rows = dy.reshape(-1, filters)
    dw = np.empty(tuple(kshape) + (channels, filters), dtype=np.result_type(xp, dy))
    for a, b in itertools.product(range(kshape[0]), range(kshape[1])):
        top, left = a * dilations[0], b * dilations[1]
        read = xp[top: top + (oh - 1) * strides[0] + 1: strides[0], left: left + (ow - 1) * strides[1] + 1: strides[1]]
        dw[a, b] = read.reshape(-1, channels).T @ dy_rows
    return dw


def conv_backward(
    x,
    w,
    dy,
    *,
    op: str = "correlate",
    padding: PaddingSpec = "valid",
    stride=1,
    dilation=1,
    same: str = "tensorflow",
    boundary: str = "zeros",
    with_weights: bool = True,
) -> ConvGradients:
    """Gradients of ``L = Σ dy ⊙ Y`` for ``Y = correlate(x, w, ...)`` (or ``convolve``) plus a bias.

    Takes the shapes and options of :func:`convviz.core.correlate`; ``dy`` has the output's shape.
    ``with_weights=False`` leaves ``dW`` out (None): backpropagating to a network's input needs only ``dX``.
    """
    p = prepare(x, w, padding=padding, stride=stride, dilation=dilation, same=same, boundary=boundary, op=op)
    x_shape, w_shape = np.shape(x), np.shape(w)
    dy = np.asarray(dy)
    if dy.dtype == bool:
        dy = dy.astype(np.int64)
    if dy.dtype.kind not in "iuf":
        raise ValueError(f"the upstream gradient must hold real numbers, got dtype {dy.dtype}")
    if dy.shape != p.output_shape():
        raise ValueError(f"the upstream gradient must have the output's shape {p.output_shape()}, got {dy.shape}")
    if not np.all(np.isfinite(dy)):
        raise ValueError("the upstream gradient contains NaN or infinite values")
    dtype = np.result_type(p.dtype, dy.dtype)
    if dtype.kind in "iu":
        dtype = np.dtype(np.int64)
    g = p.geometry
    dyc = (dy if p.bank else dy[..., None]).astype(dtype, copy=False)
    xc, wc = p.x.astype(dtype, copy=False), p.weights.astype(dtype, copy=False)
    if len(g.out_shape) == 1:  # 1D as one row of 2D
        xc, wc, dyc = xc[None], wc[None], dyc[None]
        pads, strides, dilations = ((0, 0),) + g.pads, (1,) + g.stride, (1,) + g.dilation
    else:
        pads, strides, dilations = g.pads, g.stride, g.dilation
    kshape, out_shape = wc.shape[:2], dyc.shape[:2]
    xp = pad_input(xc, pads, boundary)

    dw = _weights_gradient(xp, dyc, kshape, strides, dilations) if with_weights else None  # (kh, kw, C, F)

    # dX: stamp dY back through W onto the whole padded grid, then fold the padding back.
    scatter_shape = tuple((o - 1) * s + (k - 1) * d + 1 for o, s, k, d in zip(out_shape, strides, kshape, dilations))
    grid = TransposedGeometry(
        in_shape=out_shape, kernel_shape=kshape, stride=strides, dilation=dilations,
        crop=tuple((0, sc - n) for sc, n in zip(scatter_shape, xp.shape[:2])),
        output_padding=(0, 0), out_shape=xp.shape[:2],
    )
    dxp = scatter(dyc, wc, grid)  # (padded H, padded W, C)
    dx = _fold_padding(dxp, pads, xc.shape[:2], boundary)

    db = dyc.sum(axis=(0, 1))
    if len(g.out_shape) == 1:
        dx = dx[0]
        dw = dw[0] if with_weights else None
    if op == "convolve" and with_weights:
        dw = flip_kernel(dw, len(g.out_shape))
    return ConvGradients(dW=dw.reshape(w_shape) if with_weights else None, db=db if p.bank else db[0],
                         dX=dx.reshape(x_shape))


def pool_backward(x, dy, kind: str, size, stride=None, padding: str = "valid") -> np.ndarray:
    """Gradient of ``L = Σ dy ⊙ pool(x)`` with respect to ``x`` (TensorFlow's semantics).

    Max routes each window's gradient to its winner: the first largest cell in row-major order, as
    TensorFlow's MaxPoolGrad does when several tie; padded cells never win.  Average spreads each
    window's gradient evenly over its real cells (the divisor the forward pass used).
    """
    if kind not in ("max", "avg"):
        raise ValueError(f"unknown pooling {kind!r}; expected 'max' or 'avg'")
    x = np.asarray(x)
    if x.dtype == bool:
        x = x.astype(np.int64)
    if x.dtype.kind not in "iuf" or x.ndim not in (1, 2, 3):
        raise ValueError(f"the pooling input must be a real (W,), (H, W) or (H, W, C) array, got {x.dtype} {x.shape}")
    spatial = 1 if x.ndim == 1 else 2
    xc = x[..., None] if x.ndim == spatial else x
    g = pool_geometry(xc.shape[:spatial], size, stride=stride, padding=padding)
    dy = np.asarray(dy)
    expected = g.out_shape + xc.shape[spatial:] if x.ndim > spatial else g.out_shape
    if dy.shape != expected:
        raise ValueError(f"the upstream gradient must have the pooled shape {expected}, got {dy.shape}")
    dtype = np.result_type(xc.dtype if xc.dtype.kind == "f" else np.float64, dy.dtype, np.float32)
    dyc = (dy if x.ndim > spatial else dy[..., None]).astype(dtype, copy=False)
    padded = tuple(n + b + a for n, (b, a) in zip(xc.shape[:spatial], g.pads))
    dxp = np.zeros(padded + xc.shape[spatial:], dtype=dtype)
    taps = list(itertools.product(*(range(k) for k in g.kernel_shape)))

    def window_cells(tap):
        return tuple(slice(t, t + (o - 1) * s + 1, s) for t, o, s in zip(tap, g.out_shape, g.stride))

    if kind == "max":
        fill = -np.inf if xc.dtype.kind == "f" else np.iinfo(xc.dtype).min
        xp = pad_input(xc, g.pads, "zeros", value=fill)
        best = max_pool(x, size, stride=stride, padding=padding)
        best = best if x.ndim > spatial else best[..., None]
        routed = np.zeros(best.shape, dtype=bool)
        for tap in taps:  # row-major: the first tap that holds the maximum wins a tie
            cells = window_cells(tap)
            wins = (xp[cells] == best) & ~routed
            dxp[cells] += np.where(wins, dyc, 0)
            routed |= wins
    else:
        ones = pad_input(np.ones(xc.shape[:spatial] + (1,), dtype=dtype), g.pads, "zeros")
        counts = sum(ones[window_cells(tap)] for tap in taps)
        share = dyc / counts
        for tap in taps:
            cells = window_cells(tap)
            dxp[cells] += share * ones[cells]  # padded cells take no share
    dx = dxp[tuple(slice(b, b + n) for (b, _), n in zip(g.pads, xc.shape[:spatial]))]
    return dx if x.ndim > spatial else dx[..., 0]


def activation_backward(x, dy, name: str) -> np.ndarray:
    """Gradient of ``L = Σ dy ⊙ f(x)`` with respect to the pre-activation ``x`` (Keras's definitions;
    ReLU's derivative is 0 at x ≤ 0, as TensorFlow's).  Softmax is over the last axis."""
    try:
        activation = ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}") from None
    x, dy = np.asarray(x), np.asarray(dy)
    if dy.shape != x.shape:
        raise ValueError(f"the upstream gradient must have the input's shape {x.shape}, got {dy.shape}")
    if name == "softmax":
        # dy · J with J = diag(s) - s sᵀ, without forming J.
        s = softmax(x)
        return s * (dy - np.sum(dy * s, axis=-1, keepdims=True))
    if name == "none":
        return dy
    return dy * activation.derivative(x)


def sgd_step(w, dw, lr: float) -> np.ndarray:
    """One step of plain gradient descent: ``w - lr · dw``."""
    w, dw = np.asarray(w), np.asarray(dw)
    if w.shape != dw.shape:
        raise ValueError(f"the gradient's shape {dw.shape} differs from the weights' {w.shape}")
    return w - lr * dw


def squared_error(y, target) -> float:
    """Mean squared error, as Keras's ``MeanSquaredError``: ``mean((y - target)²)``."""
    y, target = np.asarray(y), np.asarray(target)
    if y.shape != target.shape:
        raise ValueError(f"the target's shape {target.shape} differs from the output's {y.shape}")
    return float(np.mean((y - target) ** 2))


def squared_error_gradient(y, target) -> np.ndarray:
    """``dL/dy`` of :func:`squared_error`: ``2 (y - target) / n``, the upstream gradient of an SGD step."""
    y, target = np.asarray(y), np.asarray(target)
    if y.shape != target.shape:
        raise ValueError(f"the target's shape {target.shape} differs from the output's {y.shape}")
    return 2 * (y - target) / y.size


@dataclass(frozen=True)
class SgdStep:
    """One SGD step of a conv layer towards a target map: the gradients it took and the loss on each side."""

    gradients: ConvGradients
    kernel: np.ndarray  # W - lr · dW
    bias: np.ndarray  # b - lr · db
    loss_before: float
    loss_after: float


def conv_sgd_step(x, w, target, *, lr: float, bias=0.0, op: str = "correlate", **options) -> SgdStep:
    """One SGD step on ``w`` and ``bias`` for the squared error of ``op(x, w, **options) + bias`` against
    ``target``; ``options`` are correlate's (padding, stride, dilation, same, boundary)."""
    forward = correlate if op == "correlate" else convolve
    bias = np.asarray(bias, dtype=np.result_type(np.asarray(w).dtype, np.float32))
    y = forward(x, w, bias=bias, **options)
    loss_before = squared_error(y, target)
    grads = conv_backward(x, w, squared_error_gradient(y, target), op=op, **options)
    kernel = sgd_step(w, grads.dW, lr)
    new_bias = sgd_step(np.broadcast_to(bias, np.shape(grads.db)), grads.db, lr)
    loss_after = squared_error(forward(x, kernel, bias=new_bias, **options), target)
    return SgdStep(grads, kernel, new_bias, loss_before, loss_after)
