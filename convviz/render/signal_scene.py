"""The 1D convolution's step scene: the lecture's rows of boxes."""

from __future__ import annotations

import numpy as np

from convviz.core.trace import ConvTrace

from .labels import Translate, english
from .layout import (
    MIN_TYPE,
    VALUE,
    VALUE_FIT,
    Board,
    Frames,
    draw_cells,
    levels_of,
    number_formats,
    op_name,
    page,
    quiz_stage,
    setup_type,
    turn_scale,
    upright_turn,
)
from .prims import GRID, MUTED, PAPER, TARGET, WINDOW, Rect, StepFrame, Text, wrap


class OneDStepScene(Frames):
    """The lecture's 1D layout: the signal as a row of boxes, the (flipped) kernel under the
    window, the products under that, the sum, and the output row growing beneath."""

    def __init__(self, trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
                 min_type: float = MIN_TYPE, labels: dict | None = None):
        from convviz.core.conv import evaluate

        self.trace = trace
        self.tr = tr
        self.labels = dict(labels or {})  # a caller's names for the rows, as ConvStepScene takes them
        p, g = trace.prepared, trace.geometry
        self.x = p.x[:, 0]
        self.kernel = p.weights[:, 0, 0]
        (self.before, self.after), = g.pads
        self.stride, self.dilation = g.stride[0], g.dilation[0]
        self.out = np.asarray(evaluate(p))
        self.signal = Board(self.x[None, :], ((0, 0), (self.before, self.after)), boundary=p.boundary)
        self.padded_len = self.signal.shape[1]
        self.k_levels, self.k_cmap = levels_of(self.kernel)
        self.out_levels, self.out_cmap = levels_of(self.out)
        self.window = g.effective_kernel[0]
        formats = number_formats(self.x, self.kernel, self.kernel, self.out)
        self.signal.fmt = formats.pop("in_fmt")
        self.__dict__.update(formats)
        self.title = title or f"{op_name(trace.op, tr)} · {tr('padding')} {g.pads[0]} · {tr('stride')} {self.stride}"
        self.layout(size, min_type)

    def layout(self, size, min_type: float = MIN_TYPE) -> None:
        setup_type(self, size, min_type)
        W, H = self.size
        t, m = self.type, self.margin
        header = self._lay_title()
        label = 1.25 * t
        self.sum_lines_max = 2
        sum_h = self.sum_lines_max * 1.3 * self.sum_size
        # Four rows of cells (signal, kernel, products, output), each under its label, and the sum.
        rows_h = H - header - m - sum_h - 4 * label - 3 * 0.5 * t
        c_min = max(t / VALUE, self.em * t / VALUE_FIT)
        c = min((W - 2 * m) / self.padded_len, rows_h / 4, 7 * t)
        if c < c_min:
            c = max(min(c_min, rows_h / 4), 6.0)
        self.cell = c
        self.view_len = min(self.padded_len, max(self.window, int((W - 2 * m) // c)))
        self.score = (round(t * min(1.0, c / c_min), 1), self.view_len == self.padded_len, round(c, 1), 0)
        used = self.view_len * c
        self.x0 = m + max(0.0, (W - 2 * m - used) / 2)
        y = header
        self.rows_y = []
        for _ in range(4):
            self.rows_y.append(y + label)
            y += label + c + 0.5 * t
        self.sum_y = self.rows_y[2] + c + 0.4 * t
        # The sum sits between products and output: move the output row below it.
        self.rows_y[3] = self.sum_y + sum_h + label
        self.kernel_box = (self.x0, self.rows_y[1])

    @property
    def cropped(self) -> bool:
        return self.view_len < self.padded_len

    def _origin(self, i: int) -> int:
        start = self.trace[i].out_index[0] * self.stride
        return page(start, self.window, self.view_len, self.padded_len)

    def _x(self, pos: float, origin: int) -> float:
        return self.x0 + (pos - origin) * self.cell

    def filter_start(self, i: int) -> int:
        return i if self.cropped else 0

    def _labels(self, prims, origin: int) -> None:
        t = self.type
        kernel = self.tr("kernel (flipped)") if self.trace.op == "convolve" else self.tr("kernel")
        where = ""
        if self.cropped:
            # Counted like the matrix views' rows, "of" the padded signal's length: "positions 4–12" beside
            # out[4] read as indices (tester).
            where = " · " + self.tr("positions {a}–{b} of {n}").format(a=origin + 1, b=origin + self.view_len,
                                                                        n=self.padded_len)
        names = {"input": self.tr("signal x"), "kernel": kernel, "products": self.tr("products"),
                 "output": self.tr("output"), **self.labels}
        for text, y in ((names["input"] + where, self.rows_y[0]), (names["kernel"], self.rows_y[1]),
                        (names["products"], self.rows_y[2]), (names["output"], self.rows_y[3])):
            prims.append(Text(self.margin, y - 0.65 * t, text, t, MUTED, "lm"))

    def static(self, f: int) -> list:
        prims = super().static(f)
        self._title(prims)
        if not self.cropped:
            self._labels(prims, 0)
            self.signal.draw(prims, self.x0, self.rows_y[0], self.cell, range(1), range(self.padded_len), self.type)
            self._outputs_to_come(prims, 0, 0)
        return prims

    def _outputs_to_come(self, prims, first: int, origin: int) -> None:
        """Empty cells where outputs ``first``… will go (under their windows' starts), so the output's
        length shows from the first step, as the 2D scene's empty output grid does."""
        c = self.cell
        for j in range(first, len(self.out)):
            pos = j * self.stride
            if origin <= pos <= origin + self.view_len - 1:
                prims.append(Rect(self._x(pos, origin), self.rows_y[3], c, c, fill=PAPER, outline=GRID))

    def fill(self, i: int) -> list:
        if self.cropped:
            return []
        o = self.trace[i].out_index[0]
        prims: list = []
        draw_cells(prims, self._x(o * self.stride, 0), self.rows_y[3], self.cell, self.out[o: o + 1][None, :],
               levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=self.type)
        return prims

    def transient(self, i: int, *, reveal=True) -> list:
        step = self.trace[i]
        stage = quiz_stage(reveal)
        t, c = self.type, self.cell
        prims: list = []
        self._header(prims, i)
        o = step.out_index[0]
        start = o * self.stride
        origin = self._origin(i) if self.cropped else 0
        if self.cropped:
            self._labels(prims, origin)
            self.signal.draw(prims, self.x0, self.rows_y[0], c, range(1), range(origin, origin + self.view_len), t)
            for j in range(len(self.out)):
                pos = j * self.stride
                if origin <= pos < origin + self.view_len and j < o:
                    draw_cells(prims, self._x(pos, origin), self.rows_y[3], c, self.out[j: j + 1][None, :],
                           levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=t)
            self._outputs_to_come(prims, o + 1, origin)
        y_sig, y_k, y_p, y_out = self.rows_y
        for k in range(len(self.kernel)):
            x = self._x(start + k * self.dilation, origin)
            prims.append(Rect(x, y_sig, c, c, outline=WINDOW, width=max(2.0, c * 0.08)))
            draw_cells(prims, x, y_k, c, self.kernel[k: k + 1][None, :], levels=self.k_levels, cmap=self.k_cmap,
                   fmt=self.k_fmt,
                   type_size=t)
            draw_cells(prims, x, y_p, c, np.array([[step.products[k]]]), levels=self.p_levels, cmap=self.p_cmap,
                   fmt=self.p_fmt,
                   type_size=t, hidden=np.array([[stage == 0]]))
        x_out = self._x(start, origin)
        if stage == 2 and self.cropped:
            draw_cells(prims, x_out, y_out, c, self.out[o: o + 1][None, :], levels=self.out_levels, cmap=self.out_cmap,
                   fmt=self.out_fmt,
                   type_size=t)
        if stage < 2:
            prims.append(Rect(x_out, y_out, c, c, fill=PAPER, outline=GRID))
            prims.append(Text(x_out + c / 2, y_out + c / 2, "?", max(t, c * 0.5), TARGET, bold=True))
        prims.append(Rect(x_out, y_out, c, c, outline=TARGET, width=max(2.0, c * 0.1)))
        expr = step.expression()
        if stage < 2:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        name = self.labels.get("sum", "out")
        lines = wrap(f"{name}[{o}] = {expr}", self.sum_size, self.size[0] - 2 * self.margin, self.sum_lines_max)
        self._sum_lines(prims, lines, self.sum_y)
        return prims

    def flip_frame(self, angle: float, f: int = 0) -> StepFrame:
        """The kernel row as written, turning 180° under the first window."""
        prims = self.static(0)
        origin = self._origin(0) if self.cropped else 0
        if self.cropped:
            self._labels(prims, origin)
            self.signal.draw(prims, self.x0, self.rows_y[0], self.cell, range(1),
                             range(origin, origin + self.view_len), self.type)
        c = self.cell
        # A long thin row turned upright would shrink to a few pixels inside its own box: it swings
        # through the gap above it and the products' row below (empty while it turns), its centre
        # sinking towards the middle of that room as it stands up.
        top, bottom = self.rows_y[0] + 1.2 * c, self.rows_y[2] + c
        a = np.radians(angle)
        cy = self.rows_y[1] + c / 2
        cy += ((top + bottom) / 2 - cy) * abs(np.sin(a))
        room = 2 * min(cy - top, bottom - cy)
        given: list = []
        start = self._x(0, origin)
        for k, w in enumerate(self.kernel[::-1]):
            draw_cells(given, self._x(k * self.dilation, origin), cy - c / 2, c, np.array([[w]]),
                   levels=self.k_levels, cmap=self.k_cmap, fmt=self.k_fmt, type_size=self.type)
        width = self.window * c
        upright = width * abs(np.sin(a)) + c * abs(np.cos(a))
        scale = max(turn_scale(angle, width, c), min(1.0, room / upright))
        prims += upright_turn(start + width / 2, cy, angle, scale, given)
        caption = self.tr("convolution flips the kernel: {angle}° of 180°").format(angle=f"{angle:.0f}")
        self._sum_lines(prims, [caption], self.sum_y)
        return StepFrame(self.size, prims)

    def flip_image(self, angle: float, f: int = 0):
        from .pillow import render_image

        return render_image(self.flip_frame(angle, f))
