"""``explain_unit``: the exact arithmetic of one output unit of one layer, from the layer's input.

The numbers are read from the layer's input (the previous layer's output in ``forward``'s list) and
its weights with the same geometry the forward pass uses (``geometry.py``), so an explanation
reproduces ``outputs[layer_index][unit]``; the tests check that for every layer kind.
"""

from __future__ import annotations

import itertools

import numpy as np

from .geometry import (
    CONV_KINDS,
    POOL_KINDS,
    TRANSPOSED_KINDS,
    UnsupportedLayer,
    transposed_window,
    window_geometry,
    zero_padding,
)
from .layers import (
    ACTIVATION_KINDS,
    IDENTITY_KINDS,
    activation_of,
    batch_norm_factors,
    conv_pre_activation,
    dense_pre_activation,
    elementwise_function,
    rescaling_factors,
    softmax_axis,
    transposed_pre_activation,
)
from .spec import LayerSpec, NetworkSpec
from .unit_types import (
    ActivationStep,
    ChannelWindow,
    ConvUnit,
    DenseTerm,
    DenseUnit,
    FormulaUnit,
    PoolUnit,
    SoftmaxTerms,
    SoftmaxUnit,
    UnitExplanation,
    fmt,
)

__all__ = ["DENSE_TERMS", "explain_unit"]

#: Contributions a dense unit lists one by one before summing the rest.
DENSE_TERMS = 8


def explain_unit(spec: NetworkSpec, outputs, layer_index: int, unit, *, x=None,
                 terms: int = DENSE_TERMS) -> UnitExplanation:
    """How ``outputs[layer_index][unit]`` is computed (``outputs``: ``forward(spec, x)``).

    ``unit`` is the unit's index in the layer's output ((y, x, c), (t, c) or (j,)).  The first layer
    reads the network's input: ``outputs.input`` when ``outputs`` came from ``forward``, else ``x``.
    ``terms``: how many of a dense unit's largest contributions are listed one by one.
    """
    if not 0 <= layer_index < len(outputs):
        raise ValueError(f"there is no computed layer {layer_index} (the network has {len(outputs)} outputs)")
    layer = spec.layers[layer_index]
    out = outputs[layer_index]
    unit = tuple(int(i) for i in np.atleast_1d(unit))
    if len(unit) != out.ndim or any(not 0 <= i < n for i, n in zip(unit, out.shape)):
        raise ValueError(f"unit {unit} is not in the output of '{layer.name}' (shape {out.shape})")
    if layer_index > 0:
        source = outputs[layer_index - 1]
    else:
        source = getattr(outputs, "input", None) if x is None else np.asarray(x, dtype=np.float32)
        if source is None:
            raise ValueError("the first layer's units need the network's input: pass x=")
    base = dict(layer_index=layer_index, layer_name=layer.name, kind=layer.kind, unit=unit,
                value=float(out[unit]))
    kind = layer.kind
    if kind in CONV_KINDS:
        return _conv_unit(layer, source, unit, base)
    if kind in TRANSPOSED_KINDS:
        return _transposed_unit(layer, source, unit, base)
    if kind in POOL_KINDS:
        return _pool_unit(layer, source, unit, base)
    if kind.startswith("Global"):
        return _global_unit(layer, source, unit, base)
    if kind == "Dense":
        return _dense_unit(layer, source, unit, base, terms)
    if kind == "Softmax":
        axis = softmax_axis(layer, source.shape) % source.ndim
        return SoftmaxUnit(**base, softmax=_softmax_terms(source, unit, axis))
    if kind == "Activation" and not activation_of(layer).elementwise:  # softmax over the last axis
        return SoftmaxUnit(**base, softmax=_softmax_terms(source, unit, source.ndim - 1))
    return _formula_unit(layer, source, unit, base)


# -- activation -----------------------------------------------------------------------------------

def _softmax_terms(logits_array: np.ndarray, unit: tuple, axis: int) -> SoftmaxTerms:
    index = list(unit)
    index[axis] = slice(None)
    logits = np.asarray(logits_array[tuple(index)], dtype=np.float64)
    # e^z overflows float32 past 88: shift by the largest logit then, as Keras always does.
    shift = float(logits.max()) if logits.max() > 80 else 0.0
    exps = np.exp(logits - shift)
    return SoftmaxTerms(logits, shift, exps, float(exps.sum()), unit[axis])


def _activation_step(layer: LayerSpec, pre_all, unit: tuple, pre: float) -> ActivationStep:
    """The layer's activation at ``unit``; ``pre_all()`` gives every pre-activation (softmax reads them)."""
    act = activation_of(layer)
    if not act.elementwise:
        terms = _softmax_terms(pre_all(), unit, len(unit) - 1)
        return ActivationStep(act.name, act.formula, pre, float(terms.exps[terms.position] / terms.total), terms)
    return ActivationStep(act.name, act.formula, pre, float(act.function(np.float32(pre))))


# -- convolutions ---------------------------------------------------------------------------------

def _window(source: np.ndarray, positions: np.ndarray, channel: int) -> tuple[np.ndarray, np.ndarray]:
    """The values at ``positions`` (..., rank) of one channel, 0 outside the map; and where they are real."""
    shape = np.array(source.shape[:-1])
    real = np.all((positions >= 0) & (positions < shape), axis=-1)
    safe = np.where(real[..., None], positions, 0)
    values = source[tuple(np.moveaxis(safe, -1, 0)) + (channel,)].astype(np.float64)
    return np.where(real, values, 0.0), real


def _conv_unit(layer: LayerSpec, source: np.ndarray, unit: tuple, base: dict) -> ConvUnit:
    g = window_geometry(layer, source.shape)
    weights = [np.asarray(w, dtype=np.float32) for w in layer.weights]
    spatial, f = unit[:-1], unit[-1]
    taps = np.stack(np.meshgrid(*[np.arange(k) for k in g.kernel_shape], indexing="ij"), axis=-1)
    origin = np.array([o * s - b for o, s, (b, _) in zip(spatial, g.stride, g.pads)])
    positions = origin + taps * np.array(g.dilation)
    kernel = weights[0]
    channels = []
    if layer.kind in ("Conv1D", "Conv2D"):
        groups = int(layer.config.get("groups", 1) or 1)
        per_group, per_filter_group = kernel.shape[-2], kernel.shape[-1] // groups
        first = (f // per_filter_group) * per_group
        for local in range(per_group):
            inputs, real = _window(source, positions, first + local)
            channels.append(ChannelWindow(first + local, inputs, kernel[..., local, f].astype(np.float64), real))
    else:
        multiplier = kernel.shape[-1]
        pairs = [(f // multiplier, f % multiplier, 1.0)] if layer.kind == "DepthwiseConv2D" else [
            (c, m, float(weights[1][0, 0, c * multiplier + m, f]))
            for c in range(source.shape[-1]) for m in range(multiplier)]
        for c, m, scale in pairs:
            inputs, real = _window(source, positions, c)
            channels.append(ChannelWindow(c, inputs, kernel[..., c, m].astype(np.float64), real, scale))
    bias = float(weights[-1][f]) if layer.config.get("use_bias", True) else 0.0
    pre = sum(ch.contribution for ch in channels) + bias
    step = _activation_step(layer, lambda: conv_pre_activation(layer, source), unit, pre)
    return ConvUnit(**base, channels=tuple(channels), positions=positions, bias=bias, activation=step)


def _transposed_unit(layer: LayerSpec, source: np.ndarray, unit: tuple, base: dict) -> ConvUnit:
    """Each tap t of the kernel brings the input cell i with i * stride + t * dilation = the unit's place
    in the uncropped stamps, when there is such a cell."""
    g = transposed_window(layer, source.shape)
    weights = [np.asarray(w, dtype=np.float32) for w in layer.weights]
    spatial, f = unit[:-1], unit[-1]
    taps = np.stack(np.meshgrid(*[np.arange(k) for k in g.kernel_shape], indexing="ij"), axis=-1)
    place = np.array([o + b for o, (b, _) in zip(spatial, g.crop)])
    offset = place - taps * np.array(g.dilation)
    stride = np.array(g.stride)
    positions = np.where(offset % stride == 0, offset // stride, -1)  # -1: no input cell lands here
    channels = []
    for c in range(source.shape[-1]):
        inputs, real = _window(source, positions, c)
        channels.append(ChannelWindow(c, inputs, weights[0][..., f, c].astype(np.float64), real))
    bias = float(weights[1][f]) if len(weights) > 1 else 0.0
    pre = sum(ch.contribution for ch in channels) + bias
    step = _activation_step(layer, lambda: transposed_pre_activation(layer, source), unit, pre)
    return ConvUnit(**base, channels=tuple(channels), positions=positions, bias=bias, activation=step)


# -- pooling ----------------------------------------------------------------------------------------

def _pool_cells(source: np.ndarray, cells: list[tuple], channel: int, kind: str, base: dict) -> PoolUnit:
    values = np.array([source[cell + (channel,)] for cell in cells], dtype=np.float64)
    winner = int(np.argmax(values)) if kind == "max" else None
    return PoolUnit(**base, pooling=kind, channel=channel, cells=tuple(cells), values=values, winner=winner)


def _pool_unit(layer: LayerSpec, source: np.ndarray, unit: tuple, base: dict) -> PoolUnit:
    _, kind = POOL_KINDS[layer.kind]
    g = window_geometry(layer, source.shape)
    ranges = []
    for o, s, k, (b, _), n in zip(unit[:-1], g.stride, g.kernel_shape, g.pads, g.in_shape):
        start = o * s - b
        ranges.append(range(max(start, 0), min(start + k, n)))  # padded cells neither win nor count
    return _pool_cells(source, list(itertools.product(*ranges)), unit[-1], kind, base)


def _global_unit(layer: LayerSpec, source: np.ndarray, unit: tuple, base: dict) -> PoolUnit:
    kind = "max" if layer.kind.startswith("GlobalMax") else "avg"
    cells = list(itertools.product(*[range(n) for n in source.shape[:-1]]))
    return _pool_cells(source, cells, unit[-1], kind, base)


# -- dense ------------------------------------------------------------------------------------------

def _dense_unit(layer: LayerSpec, source: np.ndarray, unit: tuple, base: dict, terms: int) -> DenseUnit:
    x = source[unit[:-1]].astype(np.float64)
    kernel = np.asarray(layer.weights[0], dtype=np.float64)
    j = unit[-1]
    products = x * kernel[:, j]
    order = np.argsort(-np.abs(products), kind="stable")
    shown, rest = order[:terms], order[terms:]
    bias = float(layer.weights[1][j]) if layer.config.get("use_bias", True) else 0.0
    listed = tuple(DenseTerm(int(i), float(x[i]), float(kernel[i, j])) for i in shown)
    others = float(products[rest].sum())
    pre = sum(t.product for t in listed) + others + bias
    step = _activation_step(layer, lambda: dense_pre_activation(layer, source[unit[:-1]]), unit[-1:], pre)
    return DenseUnit(**base, terms=listed, others=others, others_count=len(rest), bias=bias, activation=step)


# -- one cell in, one cell out ----------------------------------------------------------------------

def _formula_unit(layer: LayerSpec, source: np.ndarray, unit: tuple, base: dict) -> FormulaUnit:
    kind = layer.kind
    if kind in ("Flatten", "Reshape"):
        src = tuple(int(i) for i in np.unravel_index(np.ravel_multi_index(unit, _out_shape(layer, source)),
                                                     source.shape))
        return FormulaUnit(**base, source=src, formula=f"= input {_idx(src)} = {fmt(source[src])}",
                           computed=float(source[src]))
    if kind in ("ZeroPadding1D", "ZeroPadding2D"):
        pads = zero_padding(layer, source.ndim - 1)
        src = tuple(i - b for i, (b, _) in zip(unit[:-1], pads)) + unit[-1:]
        if all(0 <= i < n for i, n in zip(src, source.shape)):
            return FormulaUnit(**base, source=src, formula=f"= input {_idx(src)} = {fmt(source[src])}",
                               computed=float(source[src]))
        return FormulaUnit(**base, source=None, formula="= 0 (a padding cell)", computed=0.0)
    x = float(source[unit])
    if kind in IDENTITY_KINDS:
        return FormulaUnit(**base, source=unit, formula=f"= input {_idx(unit)} = {fmt(x)} (unchanged at inference)",
                           computed=x)
    if kind in ACTIVATION_KINDS:
        y = float(elementwise_function(layer, source.shape)(np.float32(x)))
        return FormulaUnit(**base, source=unit, formula=f"{_activation_label(layer)}({fmt(x)}) = {fmt(y)}",
                           computed=y)
    c = unit[-1]
    if kind == "BatchNormalization":
        a, b = batch_norm_factors(layer, source.shape[-1])
        weights = [float(np.asarray(w)[c]) for w in layer.weights]
        gamma = weights.pop(0) if layer.config.get("scale", True) else 1.0
        beta = weights.pop(0) if layer.config.get("center", True) else 0.0
        mean, var = weights
        eps = float(layer.config.get("epsilon", 1e-3))
        y = float(np.float32(x) * a[c] + b[c])
        return FormulaUnit(**base, source=unit, formula=(
            f"({fmt(x)} - mean {fmt(mean)}) / √(var {fmt(var)} + ε {fmt(eps)}) × γ {fmt(gamma)} + β {fmt(beta)}"
            f" = {fmt(y)}"), computed=y)
    if kind == "Rescaling":
        scale, offset = (np.broadcast_to(v, source.shape)[unit] for v in rescaling_factors(layer))
        y = float(np.float32(x) * scale + offset)
        return FormulaUnit(**base, source=unit, formula=f"{fmt(x)} × {fmt(scale)} + {fmt(offset)} = {fmt(y)}",
                           computed=y)
    raise UnsupportedLayer(f"layer '{layer.name}' ({kind}) has no unit explanation")


def _out_shape(layer: LayerSpec, source: np.ndarray) -> tuple:
    if layer.kind == "Flatten":
        return (source.size,)
    return source.reshape(tuple(int(t) for t in layer.config["target_shape"])).shape


def _idx(index) -> str:
    return "(" + ", ".join(str(i) for i in index) + ")"


def _activation_label(layer: LayerSpec) -> str:
    cfg = layer.config
    if layer.kind == "Activation":
        return str(cfg.get("activation"))
    if layer.kind == "ReLU":
        extras = [f"{k}={fmt(cfg[k])}" for k in ("max_value", "negative_slope", "threshold") if cfg.get(k)]
        return "relu" + (f"[{', '.join(extras)}]" if extras else "")
    if layer.kind == "LeakyReLU":
        return f"leaky_relu[slope {fmt(cfg.get('negative_slope', cfg.get('alpha', 0.3)))}]"
    if layer.kind == "ELU":
        return f"elu[α {fmt(cfg.get('alpha', 1.0))}]"
    return layer.kind.lower()
