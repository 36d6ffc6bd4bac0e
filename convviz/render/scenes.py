"""Step scenes: one picture per step of a trace, laid out for the space it is given.

A scene is built once from a trace (the numbers) and laid out for a size and a
smallest type size (``layout``); its frames are lists of primitives in pixels of
that size (:mod:`convviz.render.prims`), painted alike by Pillow (GIF, MP4, PNG),
SVG and Qt (the window).  Every number shown comes from the trace.

What a convolution frame shows, as the lecture walks through it: the padded input
with the current window (padded cells dashed, holding the value the boundary mode
gives them), the kernel as applied (flipped for convolve), the element-wise products
on one colour scale for all steps, the sum written out, and the output filling in.

Type never shrinks below the smallest size asked for: where the whole input would
need smaller cells, the scene shows the neighbourhood of the window, at full size,
with an overview of the whole input marking where it is.
"""

from __future__ import annotations

import math

import numpy as np

from convviz.core.padding import boundary_source
from convviz.core.trace import ConvTrace, PoolTrace, format_number

from . import colormaps
from .labels import Translate, english
from .prims import (
    GRID,
    INK,
    MUTED,
    PADDED,
    PADDED_FILL,
    PAPER,
    TARGET,
    WINDOW,
    Picture,
    Rect,
    StepFrame,
    Text,
    Turn,
    text_em,
    text_width,
    wrap,
)

MIN_TYPE = 12.0  # pixels: the smallest type a scene draws (20 in lecture mode)
FLIP_SECONDS = 1.2  # the window's flip animation and the animate subcommand's flip frames
FLIP_FRAMES = 14
_VALUE = 0.42  # a cell's value text is at most this fraction of the cell's side
_VALUE_FIT = 0.9  # ... and at most this fraction of its width


# ------------------------------------------------------------------- helpers
def op_name(op: str, tr: Translate = english) -> str:
    return tr("convolve") if op == "convolve" else tr("correlate")


def flip_angles(frames: int = FLIP_FRAMES) -> list[float]:
    """Angles 0 → 180 with ease-in-out (cubic), the window's QEasingCurve.InOutCubic."""
    out = []
    for k in range(frames):
        t = k / (frames - 1)
        eased = 4 * t**3 if t < 0.5 else 1 - (-2 * t + 2) ** 3 / 2
        out.append(180.0 * eased)
    return out


def _levels(arr: np.ndarray) -> tuple[tuple[float, float], str]:
    lo, hi, signed = colormaps.levels_for([arr])
    return (lo, hi), ("diverging" if signed else "gray")


def _cell_color(value: float, levels: tuple[float, float], cmap: str) -> tuple:
    lut = colormaps.lookup_table(cmap)
    lo, hi = levels
    index = 0 if hi <= lo else int(np.clip((value - lo) / (hi - lo) * 255, 0, 255))
    return tuple(int(v) for v in lut[index])


def _ink_for(color: tuple) -> tuple:
    return (0, 0, 0) if sum(color) / 3 > 140 else (255, 255, 255)


class CellFormat:
    """How a grid writes its values in cells: whole numbers exactly, other numbers with as
    many decimals as give the largest two significant digits (at most three).  The sum
    line under the grids writes every term in full (``format_number``)."""

    def __init__(self, *arrays: np.ndarray):
        flat = np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in arrays] + [np.zeros(1)])
        flat = flat[np.isfinite(flat)]
        top = float(np.abs(flat).max(initial=0.0))
        self.whole = bool(np.all(flat == np.round(flat))) and top < 1e7
        self.decimals = 0 if self.whole or top == 0 else int(np.clip(1 - np.floor(np.log10(top)), 0, 3))
        widest = self(-top if (flat < 0).any() else top)
        self.em = max(text_em(widest), 0.6)

    @classmethod
    def products(cls, bound: float, whole: bool) -> CellFormat:
        """The format of products bounded by ``bound`` in magnitude (whole when both factors are)."""
        fmt = cls(np.array([-bound, bound]) if whole else np.array([-bound, bound, 0.5]))
        return fmt

    def __call__(self, value: float) -> str:
        if self.whole:
            return str(int(round(value)))
        text = f"{value:.{self.decimals}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text


def _value_text(prims, x, y, cell, value: float, preferred: float, color, fmt=format_number) -> None:
    text = fmt(value)
    size = min(preferred, _VALUE_FIT * cell / max(text_em(text), 0.6))
    prims.append(Text(x + cell / 2, y + cell / 2, text, size, color))


def _cells(prims, x0, y0, cell, values, *, levels, cmap, type_size, fmt=format_number, show=None, hidden=None):
    """A grid of coloured cells with their values.  ``show`` False cells are left blank;
    ``hidden`` True cells show "?" (the quiz)."""
    rows, cols = values.shape
    preferred = _VALUE * cell
    for r in range(rows):
        for c in range(cols):
            x, y = x0 + c * cell, y0 + r * cell
            if show is not None and not show[r, c]:
                prims.append(Rect(x, y, cell, cell, fill=PAPER, outline=GRID))
                continue
            if hidden is not None and hidden[r, c]:
                prims.append(Rect(x, y, cell, cell, fill=PAPER, outline=GRID))
                prims.append(Text(x + cell / 2, y + cell / 2, "?", max(type_size, preferred), TARGET, bold=True))
                continue
            v = float(values[r, c])
            color = _cell_color(v, levels, cmap)
            prims.append(Rect(x, y, cell, cell, fill=color, outline=GRID))
            _value_text(prims, x, y, cell, v, preferred, _ink_for(color), fmt)


def _label(prims, x, y, width, text, size, *, max_lines=2, color=MUTED, bold=False) -> float:
    """A label wrapped to ``width``; returns its height."""
    lines = wrap(text, size, width, max_lines)
    for k, line in enumerate(lines):
        prims.append(Text(x, y + (k + 0.5) * size * 1.25, line, size, color, "lm", bold=bold))
    return len(lines) * size * 1.25


def _label_height(text, size, width, max_lines=2) -> float:
    return len(wrap(text, size, width, max_lines)) * size * 1.25


def _page(start: int, extent: int, view: int, total: int) -> int:
    """First row (or column) of a view of ``view`` cells of ``total`` that holds cells
    start..start+extent-1.  The view moves a page at a time, so it stands still while
    the window slides within it."""
    if view >= total:
        return 0
    step = max(1, view - extent + 1)
    return int(min(max((start // step) * step, 0), total - view))


class _Board:
    """A grid drawn through a view: the padded input (padded cells hold the boundary mode's
    value, or none under pooling), or an output map."""

    def __init__(self, values: np.ndarray, pads=((0, 0), (0, 0)), *, boundary: str | None = "zeros",
                 levels=None, cmap=None):
        values = np.asarray(values, dtype=np.float64)
        (top, bottom), (left, right) = pads
        self.real_shape = values.shape
        self.pads = pads
        self.shape = (values.shape[0] + top + bottom, values.shape[1] + left + right)
        self.padded = np.ones(self.shape, dtype=bool)
        self.padded[top: top + values.shape[0], left: left + values.shape[1]] = False
        if boundary is None:  # pooling: padded cells take no part and have no value
            self.values = np.full(self.shape, np.nan)
            self.values[~self.padded] = values.ravel()
        else:
            rows = np.array([boundary_source(i - top, values.shape[0], boundary) for i in range(self.shape[0])])
            cols = np.array([boundary_source(j - left, values.shape[1], boundary) for j in range(self.shape[1])])
            grid = values[np.clip(rows, 0, None)[:, None], np.clip(cols, 0, None)[None, :]]
            self.values = np.where((rows[:, None] < 0) | (cols[None, :] < 0), 0.0, grid)
        if levels is None:
            levels, cmap = _levels(values)
        self.levels, self.cmap = levels, cmap
        self.fmt = CellFormat(values)
        self.em = self.fmt.em

    def draw(self, prims, x0, y0, cell, rows: range, cols: range, type_size, *, show=None, hidden=None) -> None:
        values = self.values[rows.start: rows.stop, cols.start: cols.stop]
        padded = self.padded[rows.start: rows.stop, cols.start: cols.stop]
        if not padded.any():
            _cells(prims, x0, y0, cell, values, levels=self.levels, cmap=self.cmap, type_size=type_size,
                   fmt=self.fmt, show=show, hidden=hidden)
            return
        real_show = ~padded if show is None else (show & ~padded)
        _cells(prims, x0, y0, cell, values, levels=self.levels, cmap=self.cmap, type_size=type_size,
               fmt=self.fmt, show=real_show, hidden=hidden)
        for r, c in zip(*np.nonzero(padded)):
            x, y = x0 + c * cell, y0 + r * cell
            prims.append(Rect(x, y, cell, cell, fill=PADDED_FILL, outline=PADDED, width=2, dashed=True))
            if np.isfinite(values[r, c]):
                _value_text(prims, x, y, cell, float(values[r, c]), _VALUE * cell, PADDED, self.fmt)

    def overview(self) -> np.ndarray:
        """The whole board as an RGB picture, one pixel a cell (padding tinted)."""
        rgb = colormaps.apply(np.nan_to_num(self.values), self.levels, self.cmap)
        rgb[self.padded] = PADDED_FILL
        return rgb


class _View:
    """Where a board is drawn: origin, cell size, and the rows and columns in view."""

    def __init__(self, x, y, cell, rows: range, cols: range):
        self.x, self.y, self.cell, self.rows, self.cols = x, y, cell, rows, cols

    def pos(self, r: int, c: int) -> tuple[float, float]:
        return self.x + (c - self.cols.start) * self.cell, self.y + (r - self.rows.start) * self.cell

    def holds(self, r: int, c: int) -> bool:
        return r in self.rows and c in self.cols

    @property
    def cropped(self) -> bool:
        return False


def _viewed(view_rows: int, view_cols: int, shape, window_rc, window_extent) -> tuple[range, range]:
    r0 = _page(window_rc[0], window_extent[0], view_rows, shape[0])
    c0 = _page(window_rc[1], window_extent[1], view_cols, shape[1])
    return range(r0, r0 + min(view_rows, shape[0])), range(c0, c0 + min(view_cols, shape[1]))


def _range_text(rng: range, total: int) -> str:
    return f"{rng.start + 1}–{rng.stop}" if len(rng) < total else ""


class _Frames:
    """What every scene offers the painters and the player: static parts drawn once per
    filter, a fill per step, a transient part per frame, and the whole frame."""

    trace: object
    size: tuple[int, int]

    def filter_of(self, i: int) -> int:
        return getattr(self.trace[i], "filter", 0)

    def filter_start(self, i: int) -> int:
        return i

    def static(self, f: int) -> list:
        return [Rect(0, 0, self.size[0], self.size[1], fill=PAPER)]

    def fill(self, i: int) -> list:
        return []

    def frame(self, i: int, *, reveal=True) -> StepFrame:
        """The whole picture of step ``i``.  ``reveal``: True or 2 shows everything; in the
        quiz, 1 shows the products but hides the sum, False or 0 hides both."""
        prims = self.static(self.filter_of(i))
        for j in range(self.filter_start(i), i):
            prims += self.fill(j)
        if _stage(reveal) == 2:
            prims += self.fill(i)
        prims += self.transient(i, reveal=reveal)
        return StepFrame(self.size, prims)

    def text_sizes(self, i: int, reveal=True) -> list[float]:
        from .prims import frame_text_sizes

        return frame_text_sizes(self.frame(i, reveal=reveal).prims)

    def _header(self, prims, i: int) -> None:
        W, _ = self.size
        t, m = self.type, self.margin
        counter = self.tr("step {i} / {n}").format(i=i + 1, n=len(self.trace))
        prims.append(Text(W - m, m + 0.7 * t, counter, t, MUTED, "rm"))

    def _title(self, prims) -> None:
        m = self.margin
        for k, line in enumerate(self.title_lines):
            prims.append(Text(m, m + (k + 0.5) * 1.3 * self.title_size, line, self.title_size, INK, "lm", bold=True))

    def _lay_title(self) -> float:
        """Lays the title out beside the step counter; returns the header's height."""
        W, _ = self.size
        t, m = self.type, self.margin
        longest = self.tr("step {i} / {n}").format(i=len(self.trace), n=len(self.trace))
        room = W - 2 * m - text_width(longest, t) - t
        # One line if it fits at the smallest type, else two at the title's own size.
        self.title_size = max(t, min(1.1 * t, room / max(text_em(self.title), 0.6)))
        self.title_lines = wrap(self.title, self.title_size, room, 2)
        return m + len(self.title_lines) * 1.3 * self.title_size + 0.5 * t

    def _sum_lines(self, prims, lines, y) -> None:
        for k, line in enumerate(lines):
            prims.append(Text(self.margin, y + (k + 0.5) * 1.3 * self.sum_size, line, self.sum_size, INK, "lm"))


def _stage(reveal) -> int:
    """Quiz stages: 0 hides products and sum, 1 shows the products, 2 shows everything."""
    if reveal is True:
        return 2
    if reveal is False or reveal is None:
        return 0
    return int(reveal)


def _setup_type(scene, size, min_type) -> None:
    W, H = (int(v) for v in size)
    scene.size = (W, H)
    scene.min_type = float(min_type)
    scene.type = max(scene.min_type, 0.028 * min(W, H))
    scene.margin = 0.8 * scene.type
    scene.gap = 1.2 * scene.type
    scene.sum_size = 1.08 * scene.type


# ---------------------------------------------------------------- convolution
class ConvStepScene(_Frames):
    """A 2D convolution or correlation: input | kernel and products | output, the sum below."""

    def __init__(self, trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
                 min_type: float = MIN_TYPE):
        from convviz.core.conv import evaluate

        self.trace = trace
        self.tr = tr
        p, g = trace.prepared, trace.geometry
        self.rgb = p.channels > 1
        self.channels = p.channels
        x2 = p.x.mean(axis=-1) if self.rgb else p.x[..., 0]
        self.input = _Board(x2, g.pads, boundary=p.boundary, levels=None)
        # Colours from the full input (all channels), as the window's input view shows them.
        self.input.levels, self.input.cmap = _levels(np.asarray(p.x, dtype=np.float64))
        out = evaluate(p)
        self.out = out[..., None] if not p.bank else out
        self.out_levels, self.out_cmap = _levels(self.out)
        self.kernel = p.weights[..., 0, :] if p.channels == 1 else p.weights.mean(axis=-2)  # (kh, kw, F)
        self.k_levels, self.k_cmap = _levels(self.kernel)
        # One diverging scale for every step's products: the largest |x| times the largest |w|.
        bound = float(np.abs(p.x).max(initial=0) * np.abs(p.weights).max(initial=0)) or 1.0
        self.p_levels, self.p_cmap = (-bound, bound), "diverging"
        self.window_extent = tuple((k - 1) * d + 1 for k, d in zip(g.kernel_shape, g.dilation))
        self.input.fmt = CellFormat(p.x)
        self.k_fmt, self.out_fmt = CellFormat(self.kernel), CellFormat(self.out)
        self.p_fmt = CellFormat.products(bound, self.input.fmt.whole and CellFormat(p.weights).whole)
        self.em = max(self.input.fmt.em, self.k_fmt.em, self.out_fmt.em, self.p_fmt.em)
        stride = g.stride[0] if len(set(g.stride)) == 1 else g.stride
        self.title = title or f"{op_name(trace.op, tr)} · {tr('padding')} {g.pads} · {tr('stride')} {stride}"
        self.layout(size, min_type)

    # ------------------------------------------------------------- layout
    def layout(self, size, min_type: float = MIN_TYPE) -> None:
        """Places everything for ``size``; cells never smaller than type of ``min_type`` needs."""
        _setup_type(self, size, min_type)
        W, H = self.size
        t, m = self.type, self.margin
        header = self._lay_title()
        self.label_size = t
        # The sum: as many lines as the longest step's sum needs here (at most 3; RGB 2 and the channels' line).
        self.sum_lines_max = 2 if self.rgb else 3
        sample = "out[00, 00] = " + self.trace[len(self.trace) - 1].expression() + " ·"
        sample = max(sample, "out[00, 00] = " + self.trace[0].expression(), key=len)
        most = len(wrap(sample, self.sum_size, W - 2 * m, self.sum_lines_max))
        best = None
        configs = ["stacked", "beside"] if not self.rgb else ["rgb", "rgb-beside"]
        # Fewer lines for the sum (its middle elided) only where the grids need the height.
        for lines in range(most, 0, -1):
            footer = (lines + (1 if self.rgb else 0)) * 1.3 * self.sum_size + m
            for config in configs:
                for label_lines in (1, 2):
                    plan = self._plan(config, label_lines, header, H - footer)
                    if plan is not None:
                        plan["score"] = plan["score"][:1] + (lines,) + plan["score"][1:]
                        plan.update(sum_lines_max=lines, footer_y=H - footer + 0.3 * m)
                        if best is None or plan["score"] > best["score"]:
                            best = plan
        self.__dict__.update(best)
        footer = H - self.footer_y + 0.3 * m
        # Legacy names (the flip test and old callers): the kernel's box and cell.
        self.mid_box = (self.mid_x, self.kernel_xy[1] - 24, self.mid_w, H - footer - header)
        self.score = best["score"]
        self.k_cell = self.cell

    def _plan(self, config: str, label_lines: int, top: float, bottom: float) -> dict | None:
        """One arrangement: the middle column's kernel over (or beside) the products, labels on
        ``label_lines`` lines; None where the labels do not fit in them."""
        W, _ = self.size
        t, m, g = self.type, self.margin, self.gap
        body_h = bottom - top
        label = 1.25 * t
        kh, kw = self.kernel.shape[:2]
        ph, pw = self.input.shape
        oh, ow = self.out.shape[:2]
        c_min = max(t / _VALUE, self.em * t / _VALUE_FIT)
        avail = W - 2 * m - 2 * g
        label_k = self._kernel_label()
        heads = label_lines * label  # the labels over the grids
        words = max(text_width(w, t) for w in (label_k + " " + self.tr("products")).split(" "))
        if label_lines == 1:
            words = max(words, text_width(label_k, t))
        else:
            words = max(words, text_width(label_k, t) / 1.9)
        channel_grids = False
        channel_label_w = 0.0
        if config == "stacked":
            prod_cols, mid_rows, fixed_mid = kw, 2 * kh, heads + label + g
        elif config == "beside":
            prod_cols, mid_rows, fixed_mid = 2 * kw + 0.5, kh, heads
            words = max(words - text_width(self.tr("products"), t), 0) + text_width(self.tr("products"), t)
        else:
            sample = self.tr("products {channel}: Σ = {sum}").format(channel="R", sum=format_number(-self.p_levels[1]))
            channel_label_w = text_width(sample, t) + 0.5 * t
            channel_grids = config == "rgb" and self.channels * max((kw + 0.5) * c_min, channel_label_w) <= 0.45 * avail
            if config == "rgb-beside":  # each channel's sum on a line beside the kernel: a short pane
                prod_cols, mid_rows, fixed_mid = kw, kh, max(heads, self.channels * label - kh * c_min + heads)
                words = max(words - kw * c_min, 0.0) + channel_label_w + 0.5 * t
            elif channel_grids:
                prod_cols, mid_rows, fixed_mid = self.channels * (kw + 0.5), 2 * kh, heads + label + g
                words = max(words, self.channels * channel_label_w)
            else:
                prod_cols, mid_rows, fixed_mid = kw, kh, heads + g + self.channels * label
                words = max(words, channel_label_w)

        def mid_width(c):
            if config == "rgb-beside":
                return kw * c + 0.5 * t + channel_label_w
            return max(prod_cols * c, words)

        c_full = min(avail / (pw + prod_cols + ow), (avail - words) / (pw + ow), (body_h - heads) / ph,
                     (body_h - heads) / oh, (body_h - fixed_mid) / mid_rows, 7 * t)
        if config == "rgb-beside":
            c_full = min(c_full, (avail - 0.5 * t - channel_label_w) / (pw + kw + ow))
        eh, ew = self.window_extent
        if c_full >= c_min:
            c = c_full
            in_rows, in_cols, out_rows, out_cols = ph, pw, oh, ow
        else:
            # The neighbourhood of the window, at the smallest readable cell; only a kernel or a
            # window too large for the space makes cells (and type) smaller.
            c = min(c_min, (body_h - fixed_mid) / mid_rows, (body_h - heads) / eh,
                    (avail - mid_width(c_min)) / (ew + 1))
            c = max(c, 4.0)
            cells = max(2, int((avail - mid_width(c)) // c))
            in_cols = min(pw, max(ew, int(round(cells * pw / (pw + ow)))))
            out_cols = max(1, min(ow, cells - in_cols))
            in_cols = min(pw, max(in_cols, cells - out_cols))
            in_rows = min(ph, max(eh, int((body_h - heads) // c)))
            out_rows = max(1, min(oh, int((body_h - heads) // c)))
        def label_width(text):
            if label_lines == 1:
                return text_width(text, t)
            return max([text_width(text, t) / 1.9] + [text_width(w, t) for w in text.split(" ")])

        in_w = max(in_cols * c, label_width(self._input_label()))
        out_w = max(out_cols * c, label_width(self._output_label(0)))
        mid_w = mid_width(c)
        if in_w + mid_w + out_w > avail + 0.5 and label_lines == 1:
            return None  # the labels need two lines here
        x = m + max(0.0, avail - in_w - mid_w - out_w) / 2
        grid_top = top + heads
        mid_x = x + in_w + g
        plan = dict(cell=c, in_xy=(x, grid_top), in_view=(in_rows, in_cols), mid_x=mid_x, mid_w=mid_w,
                    out_xy=(mid_x + mid_w + g, grid_top), out_view=(out_rows, out_cols), label_y=top,
                    label_lines=label_lines, kernel_xy=(mid_x, grid_top), layout_config=config,
                    channel_grids=channel_grids, channel_label_w=channel_label_w, overview_box=None)
        if config == "beside":
            plan["products_xy"] = (mid_x + (kw + 0.5) * c, grid_top)
        elif config == "rgb-beside":
            plan["products_xy"] = (mid_x + kw * c + 0.5 * t, grid_top + 1.25 * t)
        else:
            plan["products_xy"] = (mid_x, grid_top + kh * c + g + label)
        whole = (in_rows, in_cols) == (ph, pw) and (out_rows, out_cols) == (oh, ow)
        if (in_rows, in_cols) != (ph, pw):
            # The overview goes where most room is left: under the products, the output or the input.
            spaces = [(mid_x, grid_top + mid_rows * c + fixed_mid - heads, mid_w),
                      (plan["out_xy"][0], grid_top + out_rows * c, out_w), (x, grid_top + in_rows * c, in_w)]
            best = None
            caption = text_width(self._overview_caption(), t)
            for sx, sy, sw in spaces:
                h = min(bottom - sy - 1.6 * label, sw * ph / pw, 10 * t)
                if h >= 3 * t and sw >= caption and (best is None or h > best[3]):
                    best = (sx, sy + 1.4 * label, h * pw / ph, h)
            if best is None and in_rows - eh >= 3:  # make room under the input
                h = min(4 * t, (in_rows - eh) * c - 1.6 * label)
                in_rows -= int(np.ceil((h + 1.6 * label) / c))
                plan["in_view"] = (in_rows, in_cols)
                best = (x, grid_top + in_rows * c + 1.4 * label, h * pw / ph, h)
            plan["overview_box"] = best
        # Readable cells first, then whole views before neighbourhoods, larger cells, fewer label lines.
        plan["score"] = (round(min(c, c_min), 1), whole, round(c, 1), -label_lines)
        return plan

    def _overview_caption(self) -> str:
        """"whole input 5×5": the input's own size (the picture shows its padding too)."""
        h, w = self.input.real_shape
        return self.tr("whole input") + f" {h}×{w}"

    def _output_label(self, f: int) -> str:
        many = self.trace.prepared.filters > 1
        return self.tr("output · filter {n}").format(n=f + 1) if many else self.tr("output")

    def _input_label(self) -> str:
        padded = any(self.input.pads[0] + self.input.pads[1])
        label = self.tr("input (padded)") if padded else self.tr("input")
        return label + (" · " + self.tr("channel mean") if self.rgb else "")

    def _kernel_label(self) -> str:
        text = self.tr("kernel (flipped 180°)") if self.trace.op == "convolve" else self.tr("kernel")
        return text + (" · " + self.tr("channel mean") if self.rgb else "")

    @property
    def cropped(self) -> bool:
        return self.in_view != self.input.shape or self.out_view != self.out.shape[:2]

    # A frame = static(filter) + fills(earlier steps) + transient(step).  With the whole input
    # in view the input and the blank output are static and each step fills one cell; in the
    # neighbourhood view both move with the window and are drawn per frame.
    def filter_start(self, i: int) -> int:
        return (i // self.trace._map_size) * self.trace._map_size

    def static(self, f: int) -> list:
        W, H = self.size
        prims: list = [Rect(0, 0, W, H, fill=PAPER)]
        self._title(prims)
        t = self.label_size
        kx, ky = self.kernel_xy
        _label(prims, kx, self.label_y, self.mid_w, self._kernel_label(), t, max_lines=self.label_lines)
        _cells(prims, kx, ky, self.cell, self.kernel[..., f], levels=self.k_levels, cmap=self.k_cmap, fmt=self.k_fmt,
               type_size=t)
        if not self.cropped:
            self._draw_input(prims, None)
            self._draw_output(prims, f, None, show_through=-1)
        return prims

    def _map_pos(self, step) -> tuple[int, int]:
        return tuple(step.out_index[:2])

    def fill(self, i: int) -> list:
        if self.cropped:
            return []
        step = self.trace[i]
        r, c = self._map_pos(step)
        x0, y0 = self.out_xy
        prims: list = []
        _cells(prims, x0 + c * self.cell, y0 + r * self.cell, self.cell, self.out[r: r + 1, c: c + 1, step.filter],
               levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=self.label_size)
        return prims

    def _window_origin(self, step) -> tuple[int, int]:
        g = self.trace.geometry
        r, c = self._map_pos(step)
        return r * g.stride[0], c * g.stride[1]

    def _draw_input(self, prims, step) -> _View:
        rows, cols = self.in_view
        origin = self._window_origin(step) if step is not None else (0, 0)
        rr, cc = _viewed(rows, cols, self.input.shape, origin, self.window_extent)
        view = _View(*self.in_xy, self.cell, rr, cc)
        label = self._input_label()
        _label(prims, self.in_xy[0], self.label_y, self.mid_x - self.gap - self.in_xy[0], label,
               self.label_size, max_lines=self.label_lines)
        self.input.draw(prims, view.x, view.y, self.cell, rr, cc, self.label_size)
        return view

    def _where(self, rr: range, cc: range, shape) -> str:
        if len(rr) == shape[0] and len(cc) == shape[1]:
            return ""
        return " · " + self.tr("rows {r}, columns {c}").format(r=f"{rr.start + 1}–{rr.stop}",
                                                                c=f"{cc.start + 1}–{cc.stop}")

    def _draw_output(self, prims, f: int, pos, *, show_through: int, reveal_current: bool = False) -> _View:
        """The output map of filter ``f`` in view around ``pos``; cells up to ``show_through``
        (row-major index) filled."""
        oh, ow = self.out.shape[:2]
        rows, cols = self.out_view
        rr, cc = _viewed(rows, cols, (oh, ow), pos or (0, 0), (1, 1))
        label = self._output_label(f)
        _label(prims, self.out_xy[0], self.label_y, self.size[0] - self.margin - self.out_xy[0],
               label, self.label_size, max_lines=self.label_lines)
        index = (np.arange(rr.start, rr.stop)[:, None] * ow + np.arange(cc.start, cc.stop)[None, :])
        show = index <= show_through
        _cells(prims, *self.out_xy, self.cell, self.out[rr.start: rr.stop, cc.start: cc.stop, f],
               levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=self.label_size, show=show)
        return _View(*self.out_xy, self.cell, rr, cc)

    def transient(self, i: int, *, reveal=True) -> list:
        step = self.trace[i]
        stage = _stage(reveal)
        prims: list = []
        self._header(prims, i)
        t = self.label_size
        r, c = self._map_pos(step)
        ow = self.out.shape[1]
        if self.cropped:
            in_view = self._draw_input(prims, step)
            out_view = self._draw_output(prims, step.filter, (r, c),
                                         show_through=r * ow + c - (0 if stage == 2 else 1))
            self._draw_overview(prims, in_view, step)
        else:
            in_view = _View(*self.in_xy, self.cell, range(self.input.shape[0]), range(self.input.shape[1]))
            out_view = _View(*self.out_xy, self.cell, range(self.out.shape[0]), range(self.out.shape[1]))
        # The window on the input.
        g = self.trace.geometry
        r0, c0 = self._window_origin(step)
        width = max(2.0, self.cell * 0.08)
        for a in range(self.kernel.shape[0]):
            for b in range(self.kernel.shape[1]):
                rr, cc = r0 + a * g.dilation[0], c0 + b * g.dilation[1]
                if in_view.holds(rr, cc):
                    x, y = in_view.pos(rr, cc)
                    prims.append(Rect(x, y, self.cell, self.cell, outline=WINDOW, width=width))
        # The products under (or beside) the kernel.
        if not self.rgb:
            px, py = self.products_xy
            if self.layout_config == "beside":
                prims.append(Text(px - 0.25 * self.cell, py + self.kernel.shape[0] * self.cell / 2, "→", t, MUTED))
            else:
                _label(prims, px, py - 1.25 * t, self.mid_w, self.tr("products"), t, max_lines=1)
            _cells(prims, px, py, self.cell, step.products, levels=self.p_levels, cmap=self.p_cmap, fmt=self.p_fmt,
                   type_size=t, hidden=np.full(step.products.shape, stage == 0))
        else:
            self._channel_products(prims, step, stage)
        # The output cell being filled.
        if out_view.holds(r, c):
            x, y = out_view.pos(r, c)
            if stage < 2:
                prims.append(Rect(x, y, self.cell, self.cell, fill=PAPER, outline=GRID))
                prims.append(Text(x + self.cell / 2, y + self.cell / 2, "?", max(t, self.cell * 0.5), TARGET,
                                  bold=True))
            prims.append(Rect(x, y, self.cell, self.cell, outline=TARGET, width=max(2.0, self.cell * 0.1)))
        # The sum, written out.
        expr = step.expression()
        if stage < 2:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        where = ", ".join(map(str, step.out_index))
        y = self.footer_y
        if self.rgb:
            y += 1.3 * self.sum_size
        lines = wrap(f"out[{where}] = {expr}", self.sum_size, self.size[0] - 2 * self.margin, self.sum_lines_max)
        self._sum_lines(prims, lines, y)
        return prims

    def _channel_products(self, prims, step, stage: int) -> None:
        t = self.label_size
        channels = step.products.shape[-1]
        names = "RGB" if channels == 3 else [f"c{k}" for k in range(channels)]
        sums = [float(step.products[..., k].sum()) for k in range(channels)]
        x = self.mid_x
        kw = self.kernel.shape[1]
        column = max((kw + 0.5) * self.cell, self.channel_label_w)
        for k in range(channels):
            shown = format_number(sums[k]) if stage >= 1 else "?"
            text = self.tr("products {channel}: Σ = {sum}").format(channel=names[k], sum=shown)
            if self.channel_grids:
                _label(prims, x, self.products_xy[1] - 1.25 * t, column, text, t, max_lines=1)
                _cells(prims, x, self.products_xy[1], self.cell, step.products[..., k], levels=self.p_levels,
                       cmap=self.p_cmap, fmt=self.p_fmt, type_size=t, hidden=np.full(step.products.shape[:-1],
                                                                                   stage == 0))
                x += column
            else:
                prims.append(Text(self.products_xy[0], self.products_xy[1] + (k - 0.5) * 1.25 * t, text, t, INK, "lm"))
        terms = " + ".join(f"{format_number(v) if stage >= 1 else '?'} ({n})" for v, n in zip(sums, names))
        if step.bias:
            terms += f" + {format_number(step.bias)} ({self.tr('bias')})"
        total = format_number(float(step.total)) if stage == 2 else "?"
        line = self.tr("channels: {sum}").format(sum=f"{terms.replace('+ -', '− ')} = {total}")
        lines = wrap(line, self.sum_size, self.size[0] - 2 * self.margin, 1)
        self._sum_lines(prims, lines, self.footer_y)

    def _draw_overview(self, prims, view: _View, step) -> None:
        if self.overview_box is None:
            return
        x, y, w, h = self.overview_box
        ph, pw = self.input.shape
        t = self.label_size
        caption = self._overview_caption()
        prims.append(Text(x, y - 0.65 * t, caption, t, MUTED, "lm"))
        prims.append(Picture(x, y, w, h, self.input.overview()))
        sy, sx = h / ph, w / pw
        prims.append(Rect(x, y, w, h, outline=GRID))
        prims.append(Rect(x + view.cols.start * sx, y + view.rows.start * sy, len(view.cols) * sx,
                          len(view.rows) * sy, outline=PADDED, width=2))
        r0, c0 = self._window_origin(step)
        eh, ew = self.window_extent
        prims.append(Rect(x + c0 * sx, y + r0 * sy, max(2.0, ew * sx), max(2.0, eh * sy), outline=WINDOW, width=2))

    # --------------------------------------------------------------- the flip
    def flip_frame(self, angle: float, f: int = 0) -> StepFrame:
        """The convolution's opening move: the kernel as written, turned by ``angle`` degrees
        (0 → 180) where it will slide from."""
        prims = self.static(f)
        kh, kw = self.kernel.shape[:2]
        kx, ky = self.kernel_xy
        c = self.cell
        prims.append(Rect(kx - 2, ky - 2, kw * c + 4, kh * c + 4, fill=PAPER))  # cover the applied kernel
        given: list = []
        _cells(given, kx, ky, c, self.kernel[::-1, ::-1, f], levels=self.k_levels, cmap=self.k_cmap, fmt=self.k_fmt,
               type_size=self.label_size)
        prims.append(Turn(kx + kw * c / 2, ky + kh * c / 2, angle, _turn_scale(angle, kw, kh), tuple(given)))
        caption = self.tr("convolution flips the kernel: {angle}° of 180°").format(angle=f"{angle:.0f}")
        self._sum_lines(prims, [caption], self.footer_y)
        return StepFrame(self.size, prims)

    def flip_image(self, angle: float, f: int = 0):
        from .pillow import render_image

        return render_image(self.flip_frame(angle, f))


def _turn_scale(angle: float, w: float, h: float) -> float:
    """How much a turning w x h box shrinks so its corners stay inside its upright box."""
    a = math.radians(angle)
    cos, sin = abs(math.cos(a)), abs(math.sin(a))
    return min(1.0, w / (w * cos + h * sin), h / (w * sin + h * cos))


# ------------------------------------------------------------------------- 1D
class OneDStepScene(_Frames):
    """The lecture's 1D layout: the signal as a row of boxes, the (flipped) kernel under the
    window, the products under that, the sum, and the output row growing beneath."""

    def __init__(self, trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
                 min_type: float = MIN_TYPE):
        from convviz.core.conv import evaluate

        self.trace = trace
        self.tr = tr
        p, g = trace.prepared, trace.geometry
        self.x = p.x[:, 0]
        self.kernel = p.weights[:, 0, 0]
        (self.before, self.after), = g.pads
        self.stride, self.dilation = g.stride[0], g.dilation[0]
        self.out = np.asarray(evaluate(p))
        self.signal = _Board(self.x[None, :], ((0, 0), (self.before, self.after)), boundary=p.boundary)
        self.padded_len = self.signal.shape[1]
        self.k_levels, self.k_cmap = _levels(self.kernel)
        self.out_levels, self.out_cmap = _levels(self.out)
        bound = float(np.abs(self.x).max(initial=0) * np.abs(self.kernel).max(initial=0)) or 1.0
        self.p_levels, self.p_cmap = (-bound, bound), "diverging"
        self.window = (len(self.kernel) - 1) * self.dilation + 1
        self.k_fmt, self.out_fmt = CellFormat(self.kernel), CellFormat(self.out)
        self.p_fmt = CellFormat.products(bound, self.signal.fmt.whole and self.k_fmt.whole)
        self.em = max(self.signal.em, self.k_fmt.em, self.out_fmt.em, self.p_fmt.em)
        self.title = title or f"{op_name(trace.op, tr)} · {tr('padding')} {g.pads[0]} · {tr('stride')} {self.stride}"
        self.layout(size, min_type)

    def layout(self, size, min_type: float = MIN_TYPE) -> None:
        _setup_type(self, size, min_type)
        W, H = self.size
        t, m = self.type, self.margin
        header = self._lay_title()
        label = 1.25 * t
        self.sum_lines_max = 2
        sum_h = self.sum_lines_max * 1.3 * self.sum_size
        # Four rows of cells (signal, kernel, products, output), each under its label, and the sum.
        rows_h = H - header - m - sum_h - 4 * label - 3 * 0.5 * t
        c_min = max(t / _VALUE, self.em * t / _VALUE_FIT)
        c = min((W - 2 * m) / self.padded_len, rows_h / 4, 7 * t)
        if c < c_min:
            c = max(min(c_min, rows_h / 4), 6.0)
        self.cell = c
        self.view_len = min(self.padded_len, max(self.window, int((W - 2 * m) // c)))
        self.score = (round(min(c, c_min), 1), self.view_len == self.padded_len, round(c, 1), 0)
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
        return _page(start, self.window, self.view_len, self.padded_len)

    def _x(self, pos: float, origin: int) -> float:
        return self.x0 + (pos - origin) * self.cell

    def filter_start(self, i: int) -> int:
        return i if self.cropped else 0

    def _labels(self, prims, origin: int) -> None:
        t = self.type
        kernel = self.tr("kernel (flipped)") if self.trace.op == "convolve" else self.tr("kernel")
        where = ""
        if self.cropped:
            where = " · " + self.tr("positions {p}").format(p=f"{origin + 1}–{origin + self.view_len}")
        for text, y in ((self.tr("signal x") + where, self.rows_y[0]), (kernel, self.rows_y[1]),
                        (self.tr("products"), self.rows_y[2]), (self.tr("output"), self.rows_y[3])):
            prims.append(Text(self.margin, y - 0.65 * t, text, t, MUTED, "lm"))

    def static(self, f: int) -> list:
        prims = super().static(f)
        self._title(prims)
        if not self.cropped:
            self._labels(prims, 0)
            self.signal.draw(prims, self.x0, self.rows_y[0], self.cell, range(1), range(self.padded_len), self.type)
        return prims

    def fill(self, i: int) -> list:
        if self.cropped:
            return []
        o = self.trace[i].out_index[0]
        prims: list = []
        _cells(prims, self._x(o * self.stride, 0), self.rows_y[3], self.cell, self.out[o: o + 1][None, :],
               levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=self.type)
        return prims

    def transient(self, i: int, *, reveal=True) -> list:
        step = self.trace[i]
        stage = _stage(reveal)
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
                    _cells(prims, self._x(pos, origin), self.rows_y[3], c, self.out[j: j + 1][None, :],
                           levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=t)
        y_sig, y_k, y_p, y_out = self.rows_y
        for k in range(len(self.kernel)):
            x = self._x(start + k * self.dilation, origin)
            prims.append(Rect(x, y_sig, c, c, outline=WINDOW, width=max(2.0, c * 0.08)))
            _cells(prims, x, y_k, c, self.kernel[k: k + 1][None, :], levels=self.k_levels, cmap=self.k_cmap,
                   fmt=self.k_fmt,
                   type_size=t)
            _cells(prims, x, y_p, c, np.array([[step.products[k]]]), levels=self.p_levels, cmap=self.p_cmap,
                   fmt=self.p_fmt,
                   type_size=t, hidden=np.array([[stage == 0]]))
        x_out = self._x(start, origin)
        if stage == 2 and self.cropped:
            _cells(prims, x_out, y_out, c, self.out[o: o + 1][None, :], levels=self.out_levels, cmap=self.out_cmap,
                   fmt=self.out_fmt,
                   type_size=t)
        if stage < 2:
            prims.append(Rect(x_out, y_out, c, c, fill=PAPER, outline=GRID))
            prims.append(Text(x_out + c / 2, y_out + c / 2, "?", max(t, c * 0.5), TARGET, bold=True))
        prims.append(Rect(x_out, y_out, c, c, outline=TARGET, width=max(2.0, c * 0.1)))
        expr = step.expression()
        if stage < 2:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        lines = wrap(f"out[{o}] = {expr}", self.sum_size, self.size[0] - 2 * self.margin, self.sum_lines_max)
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
        given: list = []
        start = self._x(0, origin)
        for k, w in enumerate(self.kernel[::-1]):
            _cells(given, self._x(k * self.dilation, origin), self.rows_y[1], c, np.array([[w]]),
                   levels=self.k_levels, cmap=self.k_cmap, fmt=self.k_fmt, type_size=self.type)
        width = self.window * c
        prims.append(Turn(start + width / 2, self.rows_y[1] + c / 2, angle, _turn_scale(angle, width, c), tuple(given)))
        caption = self.tr("convolution flips the kernel: {angle}° of 180°").format(angle=f"{angle:.0f}")
        self._sum_lines(prims, [caption], self.sum_y)
        return StepFrame(self.size, prims)

    def flip_image(self, angle: float, f: int = 0):
        from .pillow import render_image

        return render_image(self.flip_frame(angle, f))


# -------------------------------------------------------------------- pooling
class PoolStepScene(_Frames):
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
        self.levels, self.cmap = _levels(x)
        pads = ((0, 0),) + g.pads if self.one_d else g.pads
        self.boards = [_Board((x[None, :, ch] if self.one_d else x[..., ch]), pads, boundary=None,
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
        _setup_type(self, size, min_type)
        W, H = self.size
        t, m, g = self.type, self.margin, self.gap
        header = self._lay_title()
        label = 1.25 * t
        footer = 2 * 1.3 * self.sum_size + m
        body_h = H - header - footer - 2 * label
        ph, pw = self.boards[0].shape
        oh, ow = self.out.shape[:2]
        c_min = max(t / _VALUE, self.em * t / _VALUE_FIT)
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
        self.score = (round(min(c, c_min), 1), (in_rows, in_cols, out_rows, out_cols) == (ph, pw, oh, ow),
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
        stage = _stage(reveal)
        t, c = self.type, self.cell
        prims: list = []
        self._title(prims)
        self._header(prims, i)
        board = self.boards[step.channel]
        pos = step.out_index[: len(self.trace.geometry.out_shape)]
        r, col = (0, pos[0]) if self.one_d else pos
        r0, c0 = r * self.stride2[0], col * self.stride2[1]
        rr, cc = _viewed(*self.in_view, board.shape, (r0, c0), self.window_extent)
        label = self.tr("input")
        where = "" if (len(rr), len(cc)) == board.shape else " · " + self.tr("rows {r}, columns {c}").format(
            r=f"{rr.start + 1}–{rr.stop}", c=f"{cc.start + 1}–{cc.stop}")
        _label(prims, self.in_xy[0], self.label_y, max(len(cc) * c, 8 * t), label + where, t)
        board.draw(prims, *self.in_xy, c, rr, cc, t)
        view = _View(*self.in_xy, c, rr, cc)
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
        orr, occ = _viewed(*self.out_view, (oh, ow), (r, col), (1, 1))
        index = np.arange(orr.start, orr.stop)[:, None] * ow + np.arange(occ.start, occ.stop)[None, :]
        show = index < r * ow + col + (1 if stage == 2 else 0)
        out_label = self.tr("pooled")
        _label(prims, self.out_xy[0], self.label_y, max(len(occ) * c, 6 * t), out_label, t)
        _cells(prims, *self.out_xy, c, out_map[orr.start: orr.stop, occ.start: occ.stop], levels=self.levels,
               cmap=self.cmap, fmt=self.out_fmt, type_size=t, show=show)
        out_view = _View(*self.out_xy, c, orr, occ)
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


# ---------------------------------------------------------------------- entry
def conv_scene(trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
               min_type: float = MIN_TYPE):
    """The right layout for a convolution trace: the 1D row layout or the 2D grid layout."""
    if len(trace.geometry.out_shape) == 1:
        return OneDStepScene(trace, size, title=title, tr=tr, min_type=min_type)
    return ConvStepScene(trace, size, title=title, tr=tr, min_type=min_type)


def has_flip(scene) -> bool:
    """Whether the scene opens with the kernel's 180° turn (convolution, 1D or 2D)."""
    return isinstance(scene, (ConvStepScene, OneDStepScene)) and scene.trace.op == "convolve"
