"""Convolution as a matrix product, stepped: one frame per output cell, its row highlighted.

Two pictures of the same sum (convviz.core.matrix):

- ``"im2col"``: the patch matrix, one row per output cell holding what its window reads,
  under the kernel written as a row of taps (aligned with the columns it multiplies);
- ``"toeplitz"``: the convolution matrix, one row per output cell and one column per input
  cell, under the input written as a row; empty cells are zeros.

The output column to the right fills in as the steps go, and the sum under the picture is
the step view's, term for term.  Rows (and the convolution matrix's columns) page with the
current row, so any input size is drawn at a readable size; every row is made from the
lazy trace when it is shown, never the whole matrix.
"""

from __future__ import annotations

import numpy as np

from convviz.core.matrix import conv_row
from convviz.core.trace import ConvTrace, sum_text

from .labels import Translate, english
from .layout import (
    MIN_TYPE,
    VALUE_FIT,
    CellFormat,
    Frames,
    draw_cells,
    draw_label,
    levels_of,
    op_name,
    page,
    quiz_stage,
    setup_type,
    value_text,
)
from .prims import MUTED, PADDED, PADDED_FILL, PAPER, TARGET, WINDOW, Rect, Text, text_width, wrap

MODES = ("im2col", "toeplitz")
#: A matrix is read as a table, row by row: its numbers may fill more of a cell than a map's.
FRACTION = 0.6


class MatrixStepScene(Frames):
    """The convolution of a trace as a matrix times a vector, one output cell per step."""

    def __init__(self, trace: ConvTrace, size=(1280, 720), *, mode: str = "im2col", title: str = "",
                 tr: Translate = english, min_type: float = MIN_TYPE):
        from convviz.core.conv import evaluate

        if mode not in MODES:
            raise ValueError(f"unknown matrix view {mode!r}; expected one of {', '.join(MODES)}")
        self.trace, self.mode, self.tr = trace, mode, tr
        p, g = trace.prepared, trace.geometry
        self.in_shape, self.out_shape, self.channels = g.in_shape, g.out_shape, p.channels
        self.map_size = trace._map_size
        out = np.asarray(evaluate(p), dtype=np.float64)
        self.out = out.reshape(-1, p.filters) if p.bank else out.reshape(-1, 1)  # (cells, filters)
        self.x = np.asarray(p.x, dtype=np.float64).ravel()  # the input, flattened channels last
        self.in_levels, self.in_cmap = levels_of(self.x)
        self.k_levels, self.k_cmap = levels_of(np.asarray(p.weights, dtype=np.float64))
        self.out_levels, self.out_cmap = levels_of(self.out)
        taps = int(np.prod(g.kernel_shape)) * p.channels
        self.columns = taps if mode == "im2col" else self.x.size
        weights = np.asarray(p.weights, dtype=np.float64).ravel()
        self.in_fmt, self.out_fmt = CellFormat(self.x), CellFormat(self.out)
        # A reflected tap adds its weight to a cell another tap reads: sums of weights appear.
        self.k_fmt = CellFormat(weights, 2 * weights)
        self.em = max(self.in_fmt.em, self.k_fmt.em, self.out_fmt.em)
        what = tr("patch matrix (im2col) × kernel") if mode == "im2col" else tr("convolution matrix × input")
        # The operation's own title (the window's, with its settings) keeps its place in front.
        self.title = (f"{title} · {what}" if title
                      else f"{op_name(trace.op, tr)} {tr('as a matrix product')}: {what}")
        self.layout(size, min_type)

    # ------------------------------------------------------------- layout
    def _row_name(self, q: int) -> str:
        return ",".join(str(int(v)) for v in np.unravel_index(q, self.out_shape))

    def layout(self, size, min_type: float = MIN_TYPE) -> None:
        setup_type(self, size, min_type)
        W, H = self.size
        t, m = self.type, self.margin
        header = self._lay_title()
        self.label_size = t
        longest = max(self._row_name(0), self._row_name(self.map_size - 1), key=len)
        self.row_label_w = text_width(longest, t) + 0.6 * t
        sample = "out[00, 00] = " + self.trace[len(self.trace) - 1].expression()
        self.sum_lines_max = max(1, min(3, len(wrap(sample, self.sum_size, W - 2 * m, 3))))
        footer = self.sum_lines_max * 1.3 * self.sum_size + m
        label = 1.3 * t
        # Label, vector row, gap, label, the matrix rows; beside them "=" and the output column.
        c_min = max(t / FRACTION, self.em * t / VALUE_FIT)
        width = W - 2 * m - self.row_label_w
        for labels in (2, 3):  # a third label under the rows says which rows and columns show, when not all do
            rows_h = H - header - footer - labels * label - 0.6 * t
            c = min(6 * t, width / (self.columns + 2), rows_h / (self.map_size + 1))
            c = max(c, min(c_min, width / 3, rows_h / 2), 6.0)
            rows_view = int(max(1, min(self.map_size, (rows_h - c) // c)))
            cols_view = int(max(1, min(self.columns, width // c - 2)))
            if rows_view == self.map_size and cols_view == self.columns:
                break
        self.cell, self.rows_view, self.cols_view = c, rows_view, cols_view
        used = (self.cols_view + 2) * c + self.row_label_w
        self.x0 = m + self.row_label_w + max(0.0, (W - 2 * m - used) / 2)
        self.vec_label_y = header
        self.vec_y = header + label
        self.mat_label_y = self.vec_y + c + 0.6 * t
        self.mat_y = self.mat_label_y + label
        self.out_x = self.x0 + (self.cols_view + 1) * c
        self.footer_y = H - footer + 0.3 * m
        whole = self.cols_view == self.columns and self.rows_view == self.map_size
        self.score = (round(t * min(1.0, c / c_min), 1), whole, round(c, 1), 0)

    # ------------------------------------------------------------- frames
    def _row(self, step) -> np.ndarray:
        if self.mode == "im2col":
            return np.asarray(step.values, dtype=np.float64).ravel()
        return conv_row(step, self.in_shape, self.channels).astype(np.float64)

    def _vector(self, step) -> np.ndarray:
        return np.asarray(step.weights, dtype=np.float64).ravel() if self.mode == "im2col" else self.x

    def _columns(self, row: np.ndarray) -> range:
        """The columns in view: the current row's nonzero span, paged like the step view's input."""
        if self.cols_view >= self.columns:
            return range(self.columns)
        used = np.flatnonzero(row) if self.mode == "toeplitz" else np.arange(0)
        start, extent = (int(used[0]), int(used[-1] - used[0] + 1)) if used.size else (0, 1)
        first = page(start, min(extent, self.cols_view), self.cols_view, self.columns)
        return range(first, first + self.cols_view)

    def transient(self, i: int, *, reveal=True) -> list:
        step = self.trace[i]
        stage = quiz_stage(reveal)
        f, q = divmod(i, self.map_size)
        t, c = self.label_size, self.cell
        prims: list = []
        self._header(prims, i)
        row = self._row(step)
        cols = self._columns(row)
        first_row = page(q, 1, self.rows_view, self.map_size)
        rows = range(first_row, min(self.map_size, first_row + self.rows_view))
        x0, right = self.x0, self.size[0] - self.margin
        # The vector the matrix multiplies, as a row over the columns it meets.
        vec_label = (self.tr("kernel as applied, flattened: one column per tap") if self.mode == "im2col"
                     else self.tr("input, flattened: one column per input cell"))
        draw_label(prims, x0, self.vec_label_y, right - x0, vec_label, t, max_lines=1)
        vector = self._vector(step)[cols.start: cols.stop][None, :]
        levels, cmap, fmt = ((self.k_levels, self.k_cmap, self.k_fmt) if self.mode == "im2col"
                             else (self.in_levels, self.in_cmap, self.in_fmt))
        draw_cells(prims, x0, self.vec_y, c, vector, levels=levels, cmap=cmap, fmt=fmt, type_size=t, fraction=FRACTION)
        # The matrix, a row per output cell, and the output column.
        mat_label = (self.tr("patch matrix: a row per output") if self.mode == "im2col"
                     else self.tr("convolution matrix: a row per output (empty = 0)"))
        room = right - x0 - text_width(self.tr("output"), t) - 0.5 * t
        draw_label(prims, x0, self.mat_label_y, room, mat_label, t, max_lines=1)
        prims.append(Text(right, self.mat_label_y + 0.65 * t, self.tr("output"), t, MUTED, "rm"))
        for k, r in enumerate(rows):
            y = self.mat_y + k * c
            row_step = step if r == q else self.trace[f * self.map_size + r]
            values = row if r == q else self._row(row_step)
            shown = values[cols.start: cols.stop][None, :]
            if self.mode == "im2col":
                padded = np.repeat(np.asarray(row_step.padded).ravel(), self.channels)[cols.start: cols.stop]
                draw_cells(prims, x0, y, c, shown, levels=self.in_levels, cmap=self.in_cmap, fmt=self.in_fmt,
                           type_size=t, fraction=FRACTION, show=~padded[None, :])
                for j in np.flatnonzero(padded):  # as the step view draws them: the boundary mode's value
                    xj = x0 + j * c
                    prims.append(Rect(xj, y, c, c, fill=PADDED_FILL, outline=PADDED, width=2, dashed=True))
                    value_text(prims, xj, y, c, float(shown[0, j]), FRACTION * c, PADDED, self.in_fmt)
            else:
                draw_cells(prims, x0, y, c, shown, levels=self.k_levels, cmap=self.k_cmap, fmt=self.k_fmt,
                           type_size=t, fraction=FRACTION, show=shown != 0)
            prims.append(Text(x0 - 0.3 * t, y + c / 2, self._row_name(r), t, TARGET if r == q else MUTED, "rm"))
            asked = r == q and stage < 2  # the quiz: "?" until the sum is revealed
            draw_cells(prims, self.out_x, y, c, self.out[r: r + 1, f: f + 1], levels=self.out_levels,
                       cmap=self.out_cmap, fmt=self.out_fmt, type_size=t, fraction=FRACTION, show=np.array([[r <= q]]),
                       hidden=np.array([[asked]]))
        # The current row: its cells that take part, and the vector's cells they meet.
        y = self.mat_y + (q - rows.start) * c
        width = max(2.0, 0.08 * c)
        for j in cols:
            if self.mode == "im2col" or row[j] != 0:
                xj = x0 + (j - cols.start) * c
                prims.append(Rect(xj, self.vec_y, c, c, outline=WINDOW, width=width))
        prims.append(Rect(x0, y, len(cols) * c, c, outline=TARGET, width=width))
        prims.append(Text(self.out_x - c / 2, y + c / 2, "=", max(t, 0.5 * c), MUTED))
        prims.append(Rect(self.out_x, y, c, c, outline=TARGET, width=max(2.0, 0.1 * c)))
        notes = []
        if len(rows) < self.map_size:
            notes.append(self.tr("rows {a}–{b} of {n}").format(a=rows.start + 1, b=rows.stop, n=self.map_size))
        if len(cols) < self.columns:
            prims.append(Text(x0 + len(cols) * c + 0.1 * c, self.vec_y + c / 2, "…", t, MUTED, "lm"))
            notes.append(self.tr("columns {a}–{b} of {n}").format(a=cols.start + 1, b=cols.stop, n=self.columns))
        if notes:
            prims.append(Text(x0, self.mat_y + len(rows) * c + 0.7 * t, " · ".join(notes), t, MUTED, "lm"))
        # The sum as the picture shows it: the patch row times the kernel is the step view's, term for
        # term; a convolution-matrix row times the input has only the row's entries (a padded tap has no
        # column), where the window's sum listed 16 terms beside a row of 4 (tester).
        if self.mode == "im2col":
            expr = step.expression()
        else:
            used = np.flatnonzero(row)
            expr = sum_text(self.x[used], row[used], step.bias, step.total)
        if stage < 2:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        where = ", ".join(map(str, step.out_index))
        lines = wrap(f"out[{where}] = {expr}", self.sum_size, self.size[0] - 2 * self.margin, self.sum_lines_max)
        self._sum_lines(prims, lines, self.footer_y)
        return prims

    def static(self, f: int) -> list:
        W, H = self.size
        prims: list = [Rect(0, 0, W, H, fill=PAPER)]
        self._title(prims)
        return prims

