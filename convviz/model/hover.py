"""Hovering an output cell: which cells light up where, and what the read-out says.

Qt-free: the controller works out the receptive field, the padded cells with the values the
boundary mode gives them, the pooling window and its winner, and the explanation; a view
(the window, or a fake in tests) only draws what it is told.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from convviz.core.trace import format_number, grid_cells

from . import explain
from .pipeline import conv_trace, pooled_trace


class HoverView(Protocol):
    def clear_highlights(self) -> None: ...
    def highlight(self, where: str, index: int, cells: list[tuple[int, int]], style: str) -> None:
        """``where``: "input", "feature" or "pooled" (map ``index``); ``style`` names one of
        convviz.render.prims.HIGHLIGHTS (the colours live in the drawing layer)."""
    def label_input(self, row: int, col: int, text: str) -> None: ...
    def explain(self, explanation: explain.Explanation | None) -> None:
        """Show an explanation; None: the read-out's default text."""
    def map_shape(self, where: str, index: int) -> tuple[int, int] | None: ...


class HoverController:
    """Turns (map, index, row, col) into highlights and words; remembers the hovered cell so a
    new result explains it again."""

    def __init__(self, document, result, view: HoverView, tr=lambda s: s):
        self.document = document
        self._result = result  # the latest PipelineResult, or None
        self.view = view
        self.tr = tr
        self.hovered: tuple[str, int, int, int] | None = None
        self._traces: dict[int, object] = {}

    def forget(self) -> None:
        """The document changed: traces are rebuilt when next needed; the highlights go."""
        self._traces.clear()

    def refresh(self) -> None:
        """A new result: explain the hovered cell again, if it still exists."""
        self._traces.clear()
        if self.hovered:
            self.hover(*self.hovered)
        else:
            self.view.explain(None)

    def leave(self) -> None:
        self.hover("feature", 0, -1, -1)

    def hover(self, kind: str, index: int, row: int, col: int) -> None:
        self.view.clear_highlights()
        result = self._result()
        shape = self.view.map_shape(kind, index)
        # A cell remembered from larger maps (the input shrank) is no cell of the new ones.
        if row < 0 or result is None or shape is None or row >= shape[0] or col >= shape[1]:
            self.hovered = None
            self.view.explain(None)
            return
        self.hovered = (kind, index, row, col)
        one_d = self.document.mode == "1d"
        out_index = (col,) if one_d else (row, col)
        target = [(0, out_index[0])] if one_d else [out_index]
        if kind == "feature":
            self._feature(index, out_index, result)
        else:
            self._pooled(index, out_index, result)
        self.view.highlight(kind, index, target, "target")

    def _mark(self, where: str, index: int, cells: list, style: str) -> None:
        if cells:
            self.view.highlight(where, index, cells, style)

    def _trace(self, f: int):
        if f not in self._traces:
            d = self.document
            self._traces[f] = conv_trace(d.input, d.kernels, d.biases, d.settings, f)
        return self._traces[f]

    def _feature(self, f: int, out_index: tuple, result) -> None:
        steps = self._trace(f)
        if self.document.settings.op == "transposed":
            self._transposed(steps, f, out_index, result)
            return
        step = steps[steps.index_of(out_index)]
        cells = grid_cells(step.coords)
        real, padded = [], []
        for tap in np.ndindex(step.padded.shape):
            (padded if step.padded[tap] else real).append(tuple(int(v) for v in cells[tap]))
        self._mark("input", 0, real, "receptive")
        self._mark("input", 0, padded, "padded")
        if len(padded) <= 64:  # the values the boundary mode gives; beyond that, unreadable anyway
            values = step.values if step.values.ndim == step.padded.ndim else step.values.mean(axis=-1)
            for tap in np.ndindex(step.padded.shape):
                if step.padded[tap]:
                    r, c = cells[tap]
                    self.view.label_input(int(r), int(c), format_number(float(values[tap])))
        value = result.activated[f][out_index] if self.document.settings.activation != "none" else None
        self.view.explain(explain.feature(step, self.document.settings, f, out_index, value, self.tr,
                                          channels_read=steps.channels_read, input_channels=steps.input_channels))

    def _transposed(self, steps, f: int, out_index: tuple, result) -> None:
        """A transposed convolution's cell: the input cells whose stamps land on it, and their sum."""
        stamps = steps.stamps_on(out_index)
        one_d = self.document.mode == "1d"
        self._mark("input", 0, [(0, cell[0]) if one_d else cell for cell, *_ in stamps], "receptive")
        total = result.raw[f][out_index]
        value = result.activated[f][out_index] if self.document.settings.activation != "none" else None
        self.view.explain(explain.transposed(stamps, total, self.document.settings, f, out_index,
                                             self.document.biases[f], value, self.tr))

    def _pooled(self, f: int, out_index: tuple, result) -> None:
        s = self.document.settings
        steps = pooled_trace(result.activated[f], s)
        step = steps[steps.index_of(out_index)]
        cells = grid_cells(step.coords)
        real, padded, winner = [], [], []
        for tap in np.ndindex(step.padded.shape):
            rc = tuple(int(v) for v in cells[tap])
            (padded if step.padded[tap] else real).append(rc)
            if step.winner is not None and tap == step.winner:
                winner.append(rc)
        self._mark("feature", f, real, "pool-window")
        self._mark("feature", f, padded, "pool-padded")
        self._mark("feature", f, winner, "winner")
        self.view.explain(explain.pooled(step, s, f, out_index, self.tr))
