"""The explorer's chain run backwards: convolution + bias -> activation -> pooling, from an upstream
gradient at the chain's end down to dW, db and dX, and one SGD step; plus the traces that step
through dW and dX like the forward pass.

Every gradient comes from :mod:`convviz.core.backward`; the traces come from :func:`convviz.core.trace`
(so the Steps tab's scenes draw them), and the tests check that their totals equal core's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convviz.core import activate, activation_backward, conv_backward, conv_geometry, pool, pool_backward, trace
from convviz.core.backward import squared_error, squared_error_gradient
from convviz.core.conv import convolve, correlate, flip_kernel
from convviz.core.padding import boundary_source, pad_input
from convviz.core.scatter import inserted_mask
from convviz.core.transposed import zero_inserted

from .settings import OpSettings

#: What the loss is: L = Σ Y (every upstream value 1), L = Σ U ⊙ Y (an upstream file), or the mean
#: squared error of Y against a target map.
UPSTREAMS = ("ones", "squared_error", "file")
#: The target of the squared error: zeros, the output shifted one cell right, the open lesson's map, or a
#: loaded map.
TARGETS = ("zeros", "shifted", "lesson", "file")
#: The learning rates an automatic step tries, largest first: the first that lowers the loss is taken.
AUTO_LRS = (0.1, 0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001)


@dataclass(frozen=True)
class BackwardResult:
    """Everything the Backward tab shows, one entry per filter where the explorer has a bank."""

    z: list  # convolution + bias
    a: list  # activated
    y: list  # pooled (or ``a`` when pooling is off): the chain's output
    target: list | None  # the squared error's target, one map per filter
    dy: list  # the upstream gradient at the chain's output
    da: list  # after pooling's backward pass (``dy`` when pooling is off)
    dz: list  # after the activation's: the convolution's upstream gradient
    dW: list  # in each kernel's shape
    db: list  # floats
    dX: np.ndarray  # the input's shape: every filter's share summed
    loss: str  # "sum", "weighted" or "squared_error"
    loss_before: float
    lr: float
    kernels_after: list  # W - lr·dW
    biases_after: list  # b - lr·db
    loss_after: float


def _spatial(x) -> int:
    return 1 if np.ndim(x) == 1 else 2


def _kernel_for(x: np.ndarray, k: np.ndarray) -> np.ndarray:
    """A document kernel as core takes it for ``x``: flat in 1D, one slice per channel in RGB."""
    k = np.asarray(k, dtype=np.float64)
    if x.ndim == 1:
        return k.reshape(-1)
    if x.ndim == 3 and k.ndim == 2:
        return np.repeat(k[:, :, None], x.shape[2], axis=2)
    return k


def forward_chain(x, kernels, biases, settings: OpSettings):
    """(z, a, y) per filter: the explorer's pipeline, one filter at a time."""
    x = np.asarray(x, dtype=np.float64)
    fn = correlate if settings.op == "correlate" else convolve
    kwargs = settings.conv_kwargs(_spatial(x))
    z = [fn(x, _kernel_for(x, k), bias=b, **kwargs) for k, b in zip(kernels, biases)]
    a = [activate(m, settings.activation) for m in z]
    y = a if settings.pool == "none" else [pool(m, settings.pool, settings.pool_size, **settings.pool_kwargs())
                                           for m in a]
    return z, a, y


def loss_of(y: list, kind: str, upstream: list | None = None, target: list | None = None) -> float:
    """The loss whose gradient the upstream is: Σ Y, Σ U ⊙ Y, or the mean squared error over every map."""
    if kind == "ones":
        return float(sum(m.sum() for m in y))
    if kind == "file":
        return float(sum((u * m).sum() for u, m in zip(upstream, y)))
    return squared_error(np.stack(y), np.stack(target))


def upstream_gradient(y: list, kind: str, upstream: list | None = None, target: list | None = None) -> list:
    if kind == "ones":
        return [np.ones_like(m) for m in y]
    if kind == "file":
        return [np.asarray(u, dtype=np.float64) for u in upstream]
    return list(squared_error_gradient(np.stack(y), np.stack(target)))


def shifted(maps: list) -> list:
    """Each map moved one cell right (the last axis), a zero entering on the left: a target near the output."""
    out = []
    for m in maps:
        t = np.zeros_like(m)
        t[..., 1:] = m[..., :-1]
        out.append(t)
    return out


def refusal(settings: OpSettings) -> str:
    """Why the backward pass is not shown for these settings ('' when it is)."""
    if settings.op not in ("correlate", "convolve"):
        return ("The backward pass is shown for cross-correlation and convolution: "
                "choose one of them under Operation.")
    if settings.groups != 1:  # its gradients sum every channel: a grouped layer's are not shown yet
        return "The backward pass is shown for a standard convolution: choose standard under Channels."
    return ""


def run_backward(x, kernels, biases, settings: OpSettings, *, upstream: str = "ones", upstream_maps=None,
                 target=None, lr: float | None = 0.1) -> BackwardResult:
    """The whole backward pass and one SGD step (every filter's W and b); ValueError where the settings
    or the upstream do not fit.  ``lr=None`` takes the largest of AUTO_LRS that lowers the loss (the
    smallest when none does)."""
    why = refusal(settings)
    if why:
        raise ValueError(why)
    if upstream not in UPSTREAMS:
        raise ValueError(f"unknown upstream {upstream!r}")
    x = np.asarray(x, dtype=np.float64)
    z, a, y = forward_chain(x, kernels, biases, settings)
    for given in (upstream_maps if upstream == "file" else None, target if upstream == "squared_error" else None):
        if given is not None and (len(given) != len(y) or any(np.shape(g) != m.shape for g, m in zip(given, y))):
            raise ValueError(f"the map's shape {np.shape(given[0])} differs from the output's {y[0].shape}")
    if upstream == "squared_error" and target is None:
        raise ValueError("the squared error needs a target map")
    if upstream == "file" and upstream_maps is None:
        raise ValueError("load an upstream gradient file first")
    dy = upstream_gradient(y, upstream, upstream_maps, target)
    pool_args = settings.pool_kwargs()
    da = dy if settings.pool == "none" else [pool_backward(m, g, settings.pool, settings.pool_size, **pool_args)
                                             for m, g in zip(a, dy)]
    dz = [activation_backward(m, g, settings.activation) for m, g in zip(z, da)]
    kwargs = settings.conv_kwargs(_spatial(x))
    grads = [conv_backward(x, _kernel_for(x, k), g, op=settings.op, **kwargs) for k, g in zip(kernels, dz)]
    dW = [gr.dW.reshape(np.shape(k)) if gr.dW.size == np.size(k) else gr.dW.sum(axis=2)
          for gr, k in zip(grads, kernels)]
    db = [float(gr.db) for gr in grads]
    dX = sum(gr.dX for gr in grads)
    before = loss_of(y, upstream, upstream_maps, target)
    for rate in (AUTO_LRS if lr is None else (lr,)):
        kernels_after = [np.asarray(k, dtype=np.float64) - rate * g for k, g in zip(kernels, dW)]
        biases_after = [float(b) - rate * g for b, g in zip(biases, db)]
        after = loss_of(forward_chain(x, kernels_after, biases_after, settings)[2], upstream, upstream_maps, target)
        if after <= before:  # (equal: a zero gradient, where every rate is the same)
            break
    lr = rate
    kind = {"ones": "sum", "file": "weighted", "squared_error": "squared_error"}[upstream]
    return BackwardResult(z, a, y, target if upstream == "squared_error" else None, dy, da, dz, dW, db, dX,
                          kind, before, lr, kernels_after, biases_after, after)


# ------------------------------------------------------------------ traces
def _geometry(x: np.ndarray, kernel_shape, settings: OpSettings):
    spatial = _spatial(x)
    return conv_geometry(x.shape[:spatial], kernel_shape[:spatial], settings.padding_spec(spatial),
                         stride=settings.stride, dilation=settings.dilation, same=settings.same)


def _pads_spec(pads):
    return tuple((int(b), int(a)) for b, a in pads)


def weights_trace(x, dz_map, kernel_shape, settings: OpSettings, channel: int = 0):
    """The trace of ``dW[..., channel]`` for one filter: the padded input correlated with that filter's
    upstream ``dz_map``, its taps ``stride`` apart, sliding ``dilation`` cells per step (the forward's
    stride and dilation swapped).  Each total is one ``dW`` cell (flipped back for convolve).

    The padding after the input is cut to what the last window reads, so the trace has exactly the
    kernel's cells; where real cells are never read they are cropped (or, when the boundary mode reads
    from them, the padded input itself is traced)."""
    x = np.asarray(x, dtype=np.float64)
    g = _geometry(x, kernel_shape, settings)
    x2 = x[..., channel] if x.ndim == 3 else x
    pads, crop = [], []
    for n, (before, _), o, s, k, d in zip(g.in_shape, g.pads, g.out_shape, g.stride, g.kernel_shape, g.dilation):
        reach = (o - 1) * s + (k - 1) * d + 1  # padded cells the windows read
        after = reach - before - n
        pads.append((before, max(after, 0)))
        crop.append(min(n, reach - before))
    boundary = settings.boundary
    same_sources = all(
        c >= 1 and all(boundary_source(i, n, boundary) == boundary_source(i, c, boundary) for i in range(-b, 0))
        for c, n, (b, _) in zip(crop, g.in_shape, pads))
    if same_sources:
        xs = x2[tuple(slice(0, c) for c in crop)]
    else:  # the boundary reads cells the windows do not: trace the padded input itself
        padded = pad_input(x2[..., None], g.pads, boundary)[..., 0]
        reach = [(o - 1) * s + (k - 1) * d + 1 for o, s, k, d in zip(g.out_shape, g.stride, g.kernel_shape,
                                                                      g.dilation)]
        xs, pads, boundary = padded[tuple(slice(0, r) for r in reach)], [(0, 0)] * len(reach), "zeros"
    return trace(xs, np.asarray(dz_map, dtype=np.float64), op="correlate", padding=_pads_spec(pads),
                 stride=g.dilation, dilation=g.stride, boundary=boundary)


def input_trace(x, kernels, dz: list, settings: OpSettings, filter_index: int = 0):
    """The trace of the input's gradient on the padded grid: dY with ``stride - 1`` zeros between its
    cells, padded by the kernel's reach, convolved with W (the full convolution; for a convolve layer,
    correlated).  2D: every filter at once (their dY stacked as channels, one step per input channel
    and cell); 1D: filter ``filter_index``'s share.  Fold its totals onto the input with
    :func:`fold_padding` for dX."""
    x = np.asarray(x, dtype=np.float64)
    k0 = _kernel_for(x, kernels[0])
    g = _geometry(x, k0.shape, settings)
    op = "convolve" if settings.op == "correlate" else "correlate"
    pads = [(ke - 1, p - (o - 1) * s - 1) for ke, p, o, s in zip(g.effective_kernel, g.padded_shape, g.out_shape,
                                                                   g.stride)]
    if x.ndim == 1:
        zi = zero_inserted(np.asarray(dz[filter_index], dtype=np.float64), g.stride, spatial_ndim=1)
        w = _kernel_for(x, kernels[filter_index])
    else:
        stack = np.stack([np.asarray(m, dtype=np.float64) for m in dz], axis=-1)  # (oh, ow, F)
        bank = np.stack([_kernel_for(x, k) for k in kernels], axis=-1)  # (kh, kw, C) or (kh, kw) per filter
        if bank.ndim == 3:
            bank = bank[:, :, None, :]
        w = bank.transpose(0, 1, 3, 2)  # (kh, kw, F, C): the filters are this trace's channels
        zi = zero_inserted(stack, g.stride, spatial_ndim=2)
        if w.shape[2] == 1:
            zi = zi[..., 0]
            w = w[:, :, 0, 0] if w.shape[3] == 1 else w
        elif w.shape[3] == 1:
            w = w[..., 0]
    steps = trace(zi, w, op=op, padding=_pads_spec(pads), stride=1, dilation=g.dilation)
    steps.inserted = inserted_mask(np.shape(dz[filter_index])[: 1 if x.ndim == 1 else 2], g.stride)
    return steps


def fold_padding(grad_padded: np.ndarray, x_shape, settings: OpSettings, kernel_shape) -> np.ndarray:
    """The gradient on the padded grid -> the input's: a padded cell's share goes to the cell the
    boundary mode copied it from (zeros: it is dropped)."""
    spatial = 1 if len(x_shape) == 1 else 2
    g = conv_geometry(tuple(x_shape[:spatial]), tuple(kernel_shape[:spatial]), settings.padding_spec(spatial),
                      stride=settings.stride, dilation=settings.dilation, same=settings.same)
    out = np.asarray(grad_padded, dtype=np.float64)
    for axis, ((before, _), n) in enumerate(zip(g.pads, g.in_shape)):
        source = np.array([boundary_source(i - before, n, settings.boundary) for i in range(out.shape[axis])])
        moved = np.moveaxis(out, axis, 0)
        folded = np.zeros((n,) + moved.shape[1:])
        keep = source >= 0
        np.add.at(folded, source[keep], moved[keep])
        out = np.moveaxis(folded, 0, axis)
    return out.reshape(x_shape)


def weights_from_trace(totals: np.ndarray, settings: OpSettings) -> np.ndarray:
    """dW from the weights trace's totals: as they are for correlate, flipped back for convolve."""
    return flip_kernel(totals, np.ndim(totals)) if settings.op == "convolve" else totals
