"""The exact arithmetic of one output unit, as data the window draws and as short lines of text.

Every explanation carries the unit's ``value`` (equal to the layer's output at the unit) and the
numbers that make it: the window's inputs, weights and products per input channel for a convolution,
the window's cells for a pooling, the largest contributions of a dense unit's dot product, the
exponentials of a softmax.  ``lines()`` writes them out, numbers with up to 4 significant digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "ActivationStep",
    "ChannelWindow",
    "ConvUnit",
    "DenseTerm",
    "DenseUnit",
    "FormulaUnit",
    "PoolUnit",
    "SoftmaxTerms",
    "SoftmaxUnit",
    "UnitExplanation",
    "fmt",
]

#: Products written out per channel in ``lines()`` before the rest is elided.
PRODUCTS_SHOWN = 9


def _activated(step: "ActivationStep | None", pre: float) -> float:
    """``step`` applied to ``pre`` worked out from its own numbers: softmax from its exponentials."""
    if step is None:
        return pre
    if step.softmax is not None:
        return step.softmax.value
    return step.value


def fmt(value) -> str:
    """A number with up to 4 significant digits (no '-0')."""
    text = f"{float(value):.4g}"
    return "0" if text == "-0" else text


def _signed(value) -> str:
    return f"({fmt(value)})" if float(value) < 0 else fmt(value)


def _index(unit) -> str:
    return "(" + ", ".join(str(i) for i in unit) + ")"


@dataclass(frozen=True)
class SoftmaxTerms:
    """softmax over a vector of logits: ``value_i = e^(z_i - shift) / sum_j e^(z_j - shift)``.
    ``shift`` is 0 unless a logit is large enough to overflow e^z (then the largest logit, as Keras)."""

    logits: np.ndarray
    shift: float
    exps: np.ndarray
    total: float
    position: int  # which logit the unit is

    @property
    def value(self) -> float:
        return float(self.exps[self.position] / self.total)

    def lines(self) -> list[str]:
        z = self.logits[self.position]
        shifted = f" - {fmt(self.shift)}" if self.shift else ""
        terms = " + ".join(fmt(e) for e in self.exps[:6]) + (" + …" if self.exps.size > 6 else "")
        return [
            f"Σ e^(z{shifted}) over {self.exps.size} logits = {terms} = {fmt(self.total)}",
            f"e^({fmt(z)}{shifted}) / {fmt(self.total)} = {fmt(self.exps[self.position])} / {fmt(self.total)}"
            f" = {fmt(self.exps[self.position] / self.total)}",
        ]


@dataclass(frozen=True)
class ActivationStep:
    """The activation applied to the pre-activation sum (``name`` 'linear' when there is none)."""

    name: str
    formula: str
    pre: float
    value: float
    softmax: SoftmaxTerms | None = None

    def lines(self) -> list[str]:
        if self.name == "linear":
            return []
        if self.softmax is not None:
            return ["softmax:"] + self.softmax.lines()
        return [f"{self.name}({fmt(self.pre)}) = {fmt(self.value)}    [{self.formula}]"]


@dataclass(frozen=True)
class UnitExplanation:
    layer_index: int
    layer_name: str
    kind: str
    unit: tuple[int, ...]
    value: float

    def header(self) -> str:
        return f"{self.layer_name} ({self.kind}) unit {_index(self.unit)} = {fmt(self.value)}"

    def recomputed(self) -> float:
        """The unit's value worked out again from this explanation's own numbers (float64)."""
        raise NotImplementedError

    def lines(self) -> list[str]:
        return [self.header()]


@dataclass(frozen=True)
class ChannelWindow:
    """One input channel's share of a convolution unit: the window's inputs (0 where it reads padding
    or, for a transposed convolution, where no input cell stamps that tap), the kernel slice and their
    products.  ``scale`` is a separable convolution's pointwise weight for this channel (else 1)."""

    channel: int
    inputs: np.ndarray
    weights: np.ndarray
    real: np.ndarray  # bool: the tap reads a real input cell
    scale: float = 1.0

    @property
    def products(self) -> np.ndarray:
        return self.inputs * self.weights

    @property
    def total(self) -> float:
        return float(self.products.sum())

    @property
    def contribution(self) -> float:
        return self.total * self.scale

    def line(self) -> str:
        pairs = [f"{_signed(x)}×{_signed(w)}" for x, w in zip(self.inputs.ravel(), self.weights.ravel())]
        shown = " + ".join(pairs[:PRODUCTS_SHOWN])
        if len(pairs) > PRODUCTS_SHOWN:
            shown += f" + … ({len(pairs)} products)"
        text = f"channel {self.channel}: {shown} = {fmt(self.total)}"
        if self.scale != 1.0:
            text += f"; × pointwise {fmt(self.scale)} = {fmt(self.contribution)}"
        return text


@dataclass(frozen=True)
class ConvUnit(UnitExplanation):
    """A convolution unit: per input channel the window's products and their sum, then the sum over
    channels plus bias, then the activation.  ``positions[..., axis]`` are the input coordinates each
    tap reads (outside 0..n-1 in the padding); for a transposed convolution the input cell whose stamp
    lands here through that tap (meaningful where ``real``)."""

    channels: tuple[ChannelWindow, ...] = ()
    positions: np.ndarray | None = None
    bias: float = 0.0
    activation: ActivationStep | None = None

    @property
    def pre_activation(self) -> float:
        return sum(ch.contribution for ch in self.channels) + self.bias

    def recomputed(self) -> float:
        return _activated(self.activation, self.pre_activation)

    def lines(self) -> list[str]:
        out = [self.header()] + [ch.line() for ch in self.channels]
        sums = " + ".join(_signed(ch.contribution) for ch in self.channels[:8])
        if len(self.channels) > 8:
            sums += f" + … ({len(self.channels)} channels)"
        out.append(f"{sums} + bias {_signed(self.bias)} = {fmt(self.pre_activation)}")
        return out + (self.activation.lines() if self.activation else [])


@dataclass(frozen=True)
class PoolUnit(UnitExplanation):
    """A pooling unit: the window's real cells (input coordinates) and values; the winner of a max,
    or the sum and the count of an average (padded cells neither win nor count)."""

    pooling: str = "max"  # "max" | "avg"
    channel: int = 0
    cells: tuple[tuple[int, ...], ...] = ()
    values: np.ndarray | None = None
    winner: int | None = None  # index into cells (max)

    @property
    def total(self) -> float:
        return float(np.sum(self.values, dtype=np.float64))

    @property
    def count(self) -> int:
        return len(self.cells)

    def recomputed(self) -> float:
        return float(self.values[self.winner]) if self.pooling == "max" else self.total / self.count

    def lines(self) -> list[str]:
        shown = ", ".join(fmt(v) for v in self.values[:16]) + (", …" if len(self.cells) > 16 else "")
        if self.pooling == "max":
            where = _index(self.cells[self.winner])
            return [self.header(), f"max of {self.count} cells [{shown}] = {fmt(self.value)} at {where}"]
        return [self.header(), f"({' + '.join(fmt(v) for v in self.values[:9])}"
                               f"{' + …' if self.count > 9 else ''}) / {self.count} = {fmt(self.total)} / "
                               f"{self.count} = {fmt(self.total / self.count)}"]


@dataclass(frozen=True)
class DenseTerm:
    index: int
    x: float
    w: float

    @property
    def product(self) -> float:
        return self.x * self.w


@dataclass(frozen=True)
class DenseUnit(UnitExplanation):
    """A dense unit's dot product: the ``terms`` with the largest |x·w| (largest first), the rest summed
    into one ``others`` term, plus bias, then the activation."""

    terms: tuple[DenseTerm, ...] = ()
    others: float = 0.0
    others_count: int = 0
    bias: float = 0.0
    activation: ActivationStep | None = None

    @property
    def pre_activation(self) -> float:
        return sum(t.product for t in self.terms) + self.others + self.bias

    def recomputed(self) -> float:
        return _activated(self.activation, self.pre_activation)

    def lines(self) -> list[str]:
        out = [self.header()]
        out += [f"x[{t.index}] × w = {_signed(t.x)} × {_signed(t.w)} = {fmt(t.product)}" for t in self.terms]
        parts = " + ".join(_signed(t.product) for t in self.terms)
        if self.others_count:
            out.append(f"the other {self.others_count} products sum to {fmt(self.others)}")
            parts += f" + {_signed(self.others)}"
        out.append(f"{parts} + bias {_signed(self.bias)} = {fmt(self.pre_activation)}")
        return out + (self.activation.lines() if self.activation else [])


@dataclass(frozen=True)
class SoftmaxUnit(UnitExplanation):
    """A Softmax layer's unit: its logit's exponential over the sum of the exponentials along the axis."""

    softmax: SoftmaxTerms | None = None

    def recomputed(self) -> float:
        return self.softmax.value

    def lines(self) -> list[str]:
        return [self.header()] + self.softmax.lines()


@dataclass(frozen=True)
class FormulaUnit(UnitExplanation):
    """A unit that is one formula of one input cell (an activation, batch normalisation, rescaling)
    or a copy of one (flatten, reshape, padding, dropout); ``source`` is that cell in the layer's input
    (None for a zero-padding cell) and ``formula`` the arithmetic with its numbers."""

    source: tuple[int, ...] | None = None
    formula: str = ""
    computed: float = 0.0  # the formula's result

    def recomputed(self) -> float:
        return self.computed

    def lines(self) -> list[str]:
        return [self.header(), self.formula]
