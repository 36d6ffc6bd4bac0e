"""A transposed convolution's step scene: each input cell stamps ``input × kernel`` onto the output.

One frame per input cell (:class:`convviz.core.scatter.ScatterTrace`): the input with the current cell,
the kernel, the stamp (the products, cropped taps dashed), the output holding the running sums (the cells
the stamp lands on outlined), and beside it how many stamps each output cell gets, the current targets
written "k/n" (their k-th of n): the checkerboard where the kernel is not divisible by the stride.

Two arrangements are tried for the space given, as the 2D convolution's scene does: everything in one row
(input | kernel over stamp | output | stamps per cell), or stacked (input, kernel and stamp in a row; the
output under them, the counts under that), which suits a signal's long rows.  Where the whole would need
type below ``min_type``, the input and the output are shown around the current stamp, a page at a time.
"""

from __future__ import annotations

import numpy as np

from convviz.core.scatter import ScatterTrace
from convviz.core.transposed import conv_transpose, overlap_counts

from .labels import Translate, english
from .layout import (
    MIN_TYPE,
    VALUE,
    VALUE_FIT,
    Board,
    CellFormat,
    Frames,
    View,
    cell_color,
    draw_cells,
    draw_label,
    ink_for,
    levels_of,
    quiz_stage,
    setup_type,
    viewed,
)
from .prims import MUTED, PADDED, PADDED_FILL, PAPER, TARGET, WINDOW, Rect, Text, text_em, text_width, wrap

CONFIGS = ("row", "beside", "stacked", "two-rows")


class ScatterStepScene(Frames):
    """The scatter of one filter's transposed convolution, one input cell per step."""

    def __init__(self, trace: ScatterTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
                 min_type: float = MIN_TYPE):
        self.trace, self.tr = trace, tr
        g = trace.geometry
        self.one_d = trace.spatial == 1
        self.rgb = trace.channels_axis
        x = np.asarray(trace.x, dtype=np.float64)
        w = np.asarray(trace.w, dtype=np.float64)
        self.input = Board(x.mean(axis=-1), levels=levels_of(x)[0], cmap=levels_of(x)[1])
        self.kernel = w.mean(axis=-1)
        self.k_levels, self.k_cmap = levels_of(w)
        # The whole output and its counts from the fast path (the trace's running sums end there: a test holds it).
        self.out = np.asarray(conv_transpose(trace.x, trace.w[:, :, None, :], strides=g.stride, padding=g.crop,
                                             dilation=g.dilation, bias=trace.bias)[..., 0], dtype=np.float64)
        self.counts = overlap_counts(g.in_shape, g.kernel_shape, strides=g.stride, padding=g.crop,
                                     dilation=g.dilation)
        self.out_levels, self.out_cmap = levels_of(self.out)
        top = int(self.counts.max(initial=0))
        self.c_levels, self.c_cmap = (0.0, float(max(top, 1))), "gray"
        bound = float(np.abs(x).max(initial=0) * np.abs(w).max(initial=0) * x.shape[-1]) or 1.0
        self.p_levels = (-bound, bound)
        self.in_fmt, self.k_fmt, self.out_fmt = CellFormat(x), CellFormat(self.kernel), CellFormat(self.out)
        self.p_fmt = CellFormat.products(bound, self.in_fmt.whole and CellFormat(w).whole)
        self.c_fmt = CellFormat(self.counts)
        self.input.fmt = self.in_fmt
        self.em = max(self.in_fmt.em, self.k_fmt.em, self.out_fmt.em, self.p_fmt.em, self.c_fmt.em)
        self.extent = g.effective_kernel
        stride = g.stride[-1] if self.one_d or len(set(g.stride)) == 1 else g.stride
        self.title = title or f"{tr('transposed convolution')} · {tr('stride')} {stride}"
        self.layout(size, min_type)

    # ------------------------------------------------------------- layout
    def _labels(self) -> dict:
        return {"input": self.tr("input") + (" · " + self.tr("channel mean") if self.rgb else ""),
                "kernel": self.tr("kernel") + (" · " + self.tr("channel mean") if self.rgb else ""),
                "stamp": self._stamp_label(self.trace[len(self.trace) - 1].in_index),
                "output": self.tr("output: running sums"),
                "counts": self.tr("stamps per output cell")}

    def layout(self, size, min_type: float = MIN_TYPE) -> None:
        """Places everything for ``size``; cells never smaller than type of ``min_type`` needs."""
        setup_type(self, size, min_type)
        W, H = self.size
        t, m = self.type, self.margin
        header = self._lay_title()
        self.label_size = t
        sample = max((self.trace[0].expression(), self.trace[len(self.trace) - 1].expression()), key=len)
        most = max(1, min(3, len(wrap(sample, self.sum_size, W - 2 * m, 3))))
        best = None
        # Readable type first, then as much of the grids as fits, then the sum on more lines (its middle is
        # elided on fewer), then larger cells.
        for lines in range(most, 0, -1):
            footer = lines * 1.3 * self.sum_size + m
            for config in CONFIGS:
                plan = self._plan(config, header, H - footer)
                plan.update(sum_lines_max=lines, footer_y=H - footer + 0.3 * m)
                plan["score"] = plan["score"][:4] + (lines,) + plan["score"][4:]
                if best is None or plan["score"] > best["score"]:
                    best = plan
        self.__dict__.update(best)

    def _stamp_label(self, in_index) -> str:
        return self.tr("stamp = x[{cell}] × kernel").format(cell=",".join(map(str, in_index)))  # no space: one word

    def _word(self, text: str) -> float:
        """The width a label needs on two lines at most (broken at a space)."""
        t, words = self.type, text.split(" ")
        return min(max(text_width(" ".join(words[:k]), t), text_width(" ".join(words[k:]), t))
                   for k in range(1, len(words) + 1))

    def _plan(self, config: str, top: float, bottom: float) -> dict:
        """One arrangement at the largest cell that fits (or, below readable type, the neighbourhood of the
        stamp at the smallest readable cell): "row" (input | kernel over stamp | output | counts), "beside"
        (the stamp beside the kernel), "stacked" (input, kernel, stamp; the output under them, the counts under
        that) or "two-rows" (input, kernel, stamp; the output and the counts side by side under them)."""
        W, _ = self.size
        t, m, g = self.type, self.margin, self.gap
        heads = 2 * 1.25 * t  # a label of up to two lines over each grid
        words = {k: self._word(v) for k, v in self._labels().items()}
        ph, pw = self.input.shape
        kh, kw = self.kernel.shape
        oh, ow = self.out.shape
        avail, body = W - 2 * m, bottom - top
        c_min = max(t / VALUE, self.em * t / VALUE_FIT)
        # The smallest readable cell: the whole grids at the minimum type beat a page at the scene's type.
        c_floor = max(self.min_type / VALUE, self.em * self.min_type / VALUE_FIT)
        over = config == "row"

        def widths(c, in_cols, out_cols):
            in_w = max(in_cols * c, words["input"])
            if over:
                k_w = st_w = max(kw * c, words["kernel"], words["stamp"])
            else:
                k_w, st_w = max(kw * c, words["kernel"]), max(kw * c, words["stamp"])
            return in_w, k_w, st_w, max(out_cols * c, words["output"], words["counts"])

        def extent(c, in_view, out_view):
            """(width, height) of the arrangement at cell ``c`` with these views (and a line under the
            grids saying which part is in view, when not all of it is)."""
            width, height = bare(c, in_view, out_view)
            return width, height + (0 if (in_view, out_view) == ((ph, pw), (oh, ow)) else 1.3 * t)

        def bare(c, in_view, out_view):
            in_w, k_w, st_w, out_w = widths(c, in_view[1], out_view[1])
            top_h = max(in_view[0], kh) * c
            if config == "row":
                return in_w + k_w + 2 * out_w + 3 * g, heads + max(in_view[0] * c, 2 * kh * c + heads + g,
                                                                   out_view[0] * c)
            if config == "beside":
                return (in_w + k_w + st_w + 2 * out_w + 4 * g,
                        heads + max(in_view[0], kh, out_view[0]) * c)
            first = in_w + k_w + st_w + 2 * g
            if config == "stacked":
                return max(first, out_w), 3 * heads + top_h + 2 * out_view[0] * c + 2 * g
            return max(first, 2 * out_w + g), 2 * heads + top_h + out_view[0] * c + g

        def fits(c, in_view, out_view):
            width, height = extent(c, in_view, out_view)
            return width <= avail + 0.5 and height <= body + 0.5

        lo, hi = 1.0, 7 * t  # the largest cell at which the whole fits
        c_full = 0.0
        if fits(lo, (ph, pw), (oh, ow)):
            for _ in range(40):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if fits(mid, (ph, pw), (oh, ow)) else (lo, mid)
            c_full = lo
        if c_full >= c_floor - 1e-9:
            c, in_view, out_view = c_full, (ph, pw), (oh, ow)
        else:
            # The neighbourhood of the stamp at the smallest readable cell; smaller only where the kernel
            # itself does not fit.
            c = c_min
            while c > 4.0 and not fits(c, (1, 1), (1, 1)):
                c *= 0.95
            in_view, out_view = (1, 1), (1, 1)
            g_ = self.trace.geometry
            # The output around one stamp and its neighbour's first, then as much of the input as fits (it is
            # usually small), then the rest of the output.
            caps = [(min(oh, self.extent[0] + g_.stride[0]), min(ow, self.extent[1] + g_.stride[1]), "out"),
                    (ph, pw, "in"), (oh, ow, "out")]
            for rows_cap, cols_cap, which in caps:
                grown = True
                while grown:
                    grown = False
                    for dr, dc in ((0, 1), (1, 0)):
                        view = in_view if which == "in" else out_view
                        new = (min(view[0] + dr, rows_cap), min(view[1] + dc, cols_cap))
                        if new == view:
                            continue
                        trial = (new, out_view) if which == "in" else (in_view, new)
                        if fits(c, *trial):
                            in_view, out_view = trial
                            grown = True
        in_w, k_w, st_w, out_w = widths(c, in_view[1], out_view[1])
        width, _ = extent(c, in_view, out_view)
        x = m + max(0.0, (avail - width) / 2)
        grid = top + heads
        if config in ("row", "beside"):
            mid_x = x + in_w + g
            stamp_xy = (mid_x, grid + kh * c + g + heads) if over else (mid_x + k_w + g, grid)
            out_x = mid_x + k_w + g + (0 if over else st_w + g)
            plan = dict(in_xy=(x, grid), kernel_xy=(mid_x, grid), stamp_xy=stamp_xy, out_xy=(out_x, grid),
                        counts_xy=(out_x + out_w + g, grid))
        else:
            second = grid + max(in_view[0], kh) * c + g + heads
            below = (x, second + out_view[0] * c + g + heads) if config == "stacked" else (x + out_w + g, second)
            plan = dict(in_xy=(x, grid), kernel_xy=(x + in_w + g, grid), stamp_xy=(x + in_w + k_w + 2 * g, grid),
                        out_xy=(x, second), counts_xy=below)
        widths_of = dict(input=in_w, kernel=k_w, stamp=st_w, output=out_w, counts=out_w)
        whole = in_view == (ph, pw) and out_view == (oh, ow)
        shown = round(in_view[0] * in_view[1] / (ph * pw) + out_view[0] * out_view[1] / (oh * ow), 2)
        plan.update(config=config, cell=c, in_view=in_view, out_view=out_view, widths=widths_of,
                    score=(c >= c_floor - 1e-9, whole, shown, round(min(c, c_min), 1), round(c, 1)))
        return plan

    # ------------------------------------------------------------- frames
    def static(self, f: int) -> list:
        W, H = self.size
        prims: list = [Rect(0, 0, W, H, fill=PAPER)]
        self._title(prims)
        kx, ky = self.kernel_xy
        self._label(prims, "kernel", kx, ky)
        draw_cells(prims, kx, ky, self.cell, self.kernel, levels=self.k_levels, cmap=self.k_cmap, fmt=self.k_fmt,
                   type_size=self.label_size)
        return prims

    def _label(self, prims, name: str, x: float, y: float, text: str | None = None) -> None:
        t = self.label_size
        draw_label(prims, x, y - 2 * 1.25 * t, self.widths[name], text or self._labels()[name], t, max_lines=2)

    @staticmethod
    def _count_text(k: int, n: int) -> str:
        return f"{k}/{n}"

    def _out_views(self, step) -> tuple[range, range]:
        g = self.trace.geometry
        r, c = divmod(step.index, self.trace.in_shape[1])
        origin = (r * g.stride[0] - g.crop[0][0], c * g.stride[1] - g.crop[1][0])
        first = [min(max(o, 0), n - 1) for o, n in zip(origin, self.out.shape)]
        extent = [min(e, n - f) for e, n, f in zip(self.extent, self.out.shape, first)]
        return viewed(*self.out_view, self.out.shape, first, extent)

    def transient(self, i: int, *, reveal=True) -> list:
        step = self.trace[i]
        stage = quiz_stage(reveal)
        c, t = self.cell, self.label_size
        prims: list = []
        self._header(prims, i)
        width = max(2.0, 0.08 * c)
        # The input, the current cell outlined.
        r, col = divmod(step.index, self.trace.in_shape[1])
        rr, cc = viewed(*self.in_view, self.input.shape, (r, col), (1, 1))
        view = View(*self.in_xy, c, rr, cc)
        self._label(prims, "input", *self.in_xy)
        self.input.draw(prims, view.x, view.y, c, rr, cc, t)
        x, y = view.pos(r, col)
        prims.append(Rect(x, y, c, c, outline=WINDOW, width=max(3.0, 0.12 * c)))
        # The stamp: the products, each landing on the output cell outlined there; cropped taps dashed.
        sx, sy = self.stamp_xy
        self._label(prims, "stamp", sx, sy, self._stamp_label(step.in_index))
        draw_cells(prims, sx, sy, c, step.products, levels=self.p_levels, cmap="diverging", fmt=self.p_fmt,
                   type_size=t, hidden=np.full(step.products.shape, stage == 0))
        for a, b in zip(*np.nonzero(step.cropped)):
            prims.append(Rect(sx + b * c, sy + a * c, c, c, fill=PADDED_FILL, outline=PADDED, width=2, dashed=True))
        # The output's running sums: cells not reached yet blank, the stamp's targets outlined.
        orr, occ = self._out_views(step)
        sums, got, total = self.trace.partial(i if stage == 2 else i - 1, orr, occ)
        ox, oy = self.out_xy
        self._label(prims, "output", ox, oy)
        targets = np.zeros((len(orr), len(occ)), dtype=bool)
        for a, b in zip(*np.nonzero(~step.cropped)):
            tr_, tc_ = step.targets[a, b]
            if tr_ in orr and tc_ in occ:
                targets[tr_ - orr.start, tc_ - occ.start] = True
        show = (got > 0) | (total == 0)
        draw_cells(prims, ox, oy, c, np.asarray(sums, dtype=np.float64), levels=self.out_levels, cmap=self.out_cmap,
                   fmt=self.out_fmt, type_size=t, show=show, hidden=targets & (stage < 2))
        for a, b in zip(*np.nonzero(targets)):
            prims.append(Rect(ox + b * c, oy + a * c, c, c, outline=TARGET, width=width))
        # How many stamps each output cell gets; the targets say which of theirs this is.
        kx, ky = self.counts_xy
        self._label(prims, "counts", kx, ky)
        counts = self.counts[orr.start: orr.stop, occ.start: occ.stop]
        draw_cells(prims, kx, ky, c, counts, levels=self.c_levels, cmap=self.c_cmap, fmt=self.c_fmt, type_size=t,
                   show=~targets)
        for a, b in zip(*np.nonzero(targets)):
            k = int(got[a, b]) + (0 if stage == 2 else 1)
            fill = cell_color(float(counts[a, b]), self.c_levels, self.c_cmap)
            px, py = kx + b * c, ky + a * c
            prims.append(Rect(px, py, c, c, fill=fill, outline=TARGET, width=width))
            text = self._count_text(k, int(counts[a, b]))
            if VALUE_FIT * c / text_em(text) < self.min_type:  # "k/n" would be too small here: "k" alone
                text = str(k)
            size = min(VALUE * c, VALUE_FIT * c / max(text_em(text), 0.6))
            prims.append(Text(px + c / 2, py + c / 2, text, size, ink_for(fill), bold=True))
        notes = [self._paged(self.tr("input"), rr, cc, self.input.shape),
                 self._paged(self.tr("output"), orr, occ, self.out.shape)]
        notes = [n for n in notes if n]
        if notes:  # which part of a large grid is in view
            bottom = max(self.in_xy[1] + self.in_view[0] * c, self.stamp_xy[1] + step.products.shape[0] * c,
                         self.counts_xy[1] + self.out_view[0] * c)
            prims.append(Text(self.margin, bottom + 0.75 * t, "; ".join(notes), t, MUTED, "lm"))
        # The sum line: every landed tap's addition.
        lines = wrap(step.expression(hide=stage < 2), self.sum_size, self.size[0] - 2 * self.margin,
                     self.sum_lines_max, clauses="; ")
        self._sum_lines(prims, lines, self.footer_y)
        return prims

    def _paged(self, label: str, rows: range, cols: range, shape) -> str:
        """Which part of the grid is in view, when it is not all of it ("" when it is)."""
        if (len(rows), len(cols)) == tuple(shape):
            return ""
        parts = []
        if len(rows) < shape[0]:
            parts.append(self.tr("rows {a}–{b} of {n}").format(a=rows.start, b=rows.stop - 1, n=shape[0]))
        if len(cols) < shape[1]:
            what = self.tr("{a}–{b} of {n}") if self.one_d else self.tr("columns {a}–{b} of {n}")
            parts.append(what.format(a=cols.start, b=cols.stop - 1, n=shape[1]))
        return label + " " + ", ".join(parts)
