"""The pooling step scene: the window on the (padded) map, the winner or the divisor."""

from __future__ import annotations

import numpy as np

from convviz.core.trace import PoolTrace

from .labels import Translate, english
from .layout import (
    MIN_TYPE,
    VALUE,
    VALUE_FIT,
    Board,
    CellFormat,
    Frames,
    View,
    draw_cells,
    draw_label,
    levels_of,
    quiz_stage,
    setup_type,
    viewed,
)
from .prims import MUTED, PADDED, TARGET, WINDOW, Picture, Rect, Text, wrap


class PoolStepScene(Frames):
    """A pooling trace: the window on the (padded) map, the winning cell or the divisor, the
    pooled map filling in."""

    def __init__(self, trace: PoolTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
                 min_type: float = MIN_TYPE):
        from convviz.core.pool import pool

        self.trace = trace
        self.tr = tr
        g = trace.geometry
        self.one_d = len(g.out_shape) == 1
        kind = tr("max pooling") if trace.kind == "max" else tr("average pooling")
        window = "×".join(map(str, g.kernel_shape))
        stride = g.stride[0] if len(set(g.stride)) == 1 else "×".join(map(str, g.stride))
        padding = tr("same") if any(b or a for b, a in g.pads) else tr("valid")
        self.title = title or f"{kind} {window} · {tr('stride')} {stride} · {padding}"
        padding = "same" if any(b or a for b, a in g.pads) else "valid"
        out = pool(trace.x, trace.kind, g.kernel_shape, stride=g.stride, padding=padding)
        self.out = out[None, ...] if self.one_d else out
        if self.out.ndim == 2:
            self.out = self.out[..., None]
        x = np.asarray(trace.x, dtype=np.float64)
        self.levels, self.cmap = levels_of(x)
        pads = ((0, 0),) + g.pads if self.one_d else g.pads
        self.boards = [Board((x[None, :, ch] if self.one_d else x[..., ch]), pads, boundary=None,
                              levels=self.levels, cmap=self.cmap) for ch in range(x.shape[-1])]
        kernel = (1,) + tuple(g.kernel_shape) if self.one_d else tuple(g.kernel_shape)
        self.window_extent = kernel
        self.stride2 = (1,) + tuple(g.stride) if self.one_d else tuple(g.stride)
        self.out_fmt = CellFormat(self.out)
        for board in self.boards:
            board.fmt = CellFormat(x)
        self.em = max(self.boards[0].fmt.em, self.out_fmt.em)
        self.layout(size, min_type)

    def filter_of(self, i: int) -> int:
        return self.trace[i].channel

    def layout(self, size, min_type: float = MIN_TYPE) -> None:
        setup_type(self, size, min_type)
        W, H = self.size
        t, m, g = self.type, self.margin, self.gap
        header = self._lay_title()
        label = 1.25 * t
        footer = 2 * 1.3 * self.sum_size + m
        body_h = H - header - footer - 2 * label
        ph, pw = self.boards[0].shape
        oh, ow = self.out.shape[:2]
        c_min = max(t / VALUE, self.em * t / VALUE_FIT)
        c = min((W - 2 * m - g) / (pw + ow), body_h / max(ph, oh), 7 * t)
        self.overview = 0.0
        if c >= c_min:
            in_rows, in_cols, out_rows, out_cols = ph, pw, oh, ow
        else:
            c = c_min
            cells = max(2, int((W - 2 * m - g) // c))
            in_cols = min(pw, max(self.window_extent[1], int(round(cells * pw / (pw + ow)))))
            out_cols = max(1, min(ow, cells - in_cols))
            self.overview = min(0.3 * body_h, 8 * t)
            in_rows = min(ph, max(self.window_extent[0], int((body_h - self.overview - label) // c)))
            out_rows = max(1, min(oh, int(body_h // c)))
            if in_rows == ph and in_cols == pw:
                self.overview = 0.0
        self.cell = c
        self.score = (round(t * min(1.0, c / c_min), 1), (in_rows, in_cols, out_rows, out_cols) == (ph, pw, oh, ow),
                      round(c, 1), 0)
        spare = max(0.0, W - 2 * m - g - (in_cols + out_cols) * c)
        x = m + spare / 2
        self.label_y = header
        self.in_xy = (x, header + 2 * label)
        self.in_view = (in_rows, in_cols)
        self.out_xy = (x + in_cols * c + g, header + 2 * label)
        self.out_view = (out_rows, out_cols)
        self.footer_y = H - footer + 0.3 * m
        self.overview_box = None
        if self.overview:
            oy = self.in_xy[1] + in_rows * c + 1.6 * label
            ov_h = min(self.overview, self.footer_y - oy - 0.3 * t)
            ov_w = min(in_cols * c, ov_h * pw / ph)
            self.overview_box = (x, oy, ov_w, ov_w * ph / pw)

    def transient(self, i: int, *, reveal=True) -> list:
        step = self.trace[i]
        stage = quiz_stage(reveal)
        t, c = self.type, self.cell
        prims: list = []
        self._title(prims)
        self._header(prims, i)
        board = self.boards[step.channel]
        pos = step.out_index[: len(self.trace.geometry.out_shape)]
        r, col = (0, pos[0]) if self.one_d else pos
        r0, c0 = r * self.stride2[0], col * self.stride2[1]
        rr, cc = viewed(*self.in_view, board.shape, (r0, c0), self.window_extent)
        label = self.tr("input")
        where = "" if (len(rr), len(cc)) == board.shape else " · " + self.tr("rows {r}, columns {c}").format(
            r=f"{rr.start + 1}–{rr.stop}", c=f"{cc.start + 1}–{cc.stop}")
        draw_label(prims, self.in_xy[0], self.label_y, max(len(cc) * c, 8 * t), label + where, t)
        board.draw(prims, *self.in_xy, c, rr, cc, t)
        view = View(*self.in_xy, c, rr, cc)
        for a in range(self.window_extent[0]):
            for b in range(self.window_extent[1]):
                if view.holds(r0 + a, c0 + b):
                    x, y = view.pos(r0 + a, c0 + b)
                    tap = (b,) if self.one_d else (a, b)
                    win = step.winner is not None and tap == step.winner and stage == 2
                    prims.append(Rect(x, y, c, c, outline=TARGET if win else WINDOW,
                                      width=max(2.0, c * (0.14 if win else 0.08))))
        out_map = self.out[..., step.channel]
        oh, ow = out_map.shape
        orr, occ = viewed(*self.out_view, (oh, ow), (r, col), (1, 1))
        index = np.arange(orr.start, orr.stop)[:, None] * ow + np.arange(occ.start, occ.stop)[None, :]
        show = index < r * ow + col + (1 if stage == 2 else 0)
        out_label = self.tr("pooled")
        draw_label(prims, self.out_xy[0], self.label_y, max(len(occ) * c, 6 * t), out_label, t)
        draw_cells(prims, *self.out_xy, c, out_map[orr.start: orr.stop, occ.start: occ.stop], levels=self.levels,
               cmap=self.cmap, fmt=self.out_fmt, type_size=t, show=show)
        out_view = View(*self.out_xy, c, orr, occ)
        if out_view.holds(r, col):
            x, y = out_view.pos(r, col)
            prims.append(Rect(x, y, c, c, outline=TARGET, width=max(2.0, c * 0.1)))
        if self.overview_box is not None:
            x, y, w, h = self.overview_box
            ph, pw = board.shape
            prims.append(Text(x, y - 0.65 * t, self.tr("whole input"), t, MUTED, "lm"))
            prims.append(Picture(x, y, w, h, board.overview()))
            prims.append(Rect(x + cc.start * w / pw, y + rr.start * h / ph, len(cc) * w / pw, len(rr) * h / ph,
                              outline=PADDED, width=2))
        expr = step.expression(self.trace.kind)
        if stage < 2:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        note = "   (" + self.tr("padded cells take no part") + ")" if step.padded.any() else ""
        lines = wrap(expr + note, self.sum_size, self.size[0] - 2 * self.margin, 2)
        self._sum_lines(prims, lines, self.footer_y)
        return prims
