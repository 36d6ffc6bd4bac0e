"""The 2D convolution's step scene: input | kernel and products | output, the sum below."""

from __future__ import annotations

import math
import re

import numpy as np

from convviz.core.trace import ConvTrace, format_number

from . import colormaps
from .labels import Translate, english
from .layout import (
    MIN_TYPE,
    VALUE,
    VALUE_FIT,
    Board,
    CellFormat,
    Frames,
    View,
    caption_lines,
    draw_caption,
    draw_cells,
    draw_label,
    draw_label_over,
    levels_of,
    number_formats,
    op_name,
    quiz_stage,
    set_type,
    setup_type,
    turn_scale,
    viewed,
)
from .prims import (
    GRID,
    INK,
    MUTED,
    PADDED,
    PAPER,
    TARGET,
    WINDOW,
    Picture,
    Rect,
    StepFrame,
    Text,
    Turn,
    text_width,
    wrap,
    wrap_width,
)

#: An overview's shortest side, in the scene's type: a smaller picture shows no cell anyone can see.
OVERVIEW_MIN = 3.0
#: The output overview's cells not computed yet: a pale tint of the target's green, in neither the grey nor
#: the diverging map (white would pass for a filled cell at the grey map's top).
TO_COME = (224, 240, 231)

#: Labels over the grids wrap onto at most this many lines ("kernel / (flipped / 180°)" over a 3x3 kernel).
MAX_LABEL_LINES = 3


#: Where _best_plan puts the sum's lines into a plan's score (see _score).
_LINES_AT = 4


def _score(complete: bool, floor: float, text: float, whole: bool, label_type: float, cell: float,
           label_lines: int, rows: bool = False) -> tuple:
    """How good a plan is (larger is better): readable; its smallest text ``text`` at the scene's minimum
    ``floor`` (lecture mode's 20 px) or not; where it is, the whole of each map before a neighbourhood (a
    5x5 input whole at 21 px beats four of its columns at 25); that text to the pixel; then (the sum's
    lines, which _best_plan inserts at _LINES_AT) the whole of each map, input | kernel | output left to
    right before the maps in rows (the order the sum is read in), larger labels, the text to a tenth,
    larger cells, fewer label lines.  To the pixel, below the floor: in a pane too narrow for it, 16.9 px
    numbers with every cell in view read better than 17.3 px with a neighbourhood and thumbnails."""
    meets = text >= floor - 0.01
    return (complete, meets, whole and meets, round(text), whole, not rows, round(label_type), round(text, 1),
            round(cell, 1), -label_lines)


class ConvStepScene(Frames):
    """A 2D convolution or correlation: input | kernel and products | output, the sum below."""

    def __init__(self, trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
                 min_type: float = MIN_TYPE, labels: dict | None = None):
        from convviz.core.conv import evaluate

        self.trace = trace
        self.tr = tr
        # A caller's names for what the grids hold (the Backward tab steps dW and dX on this scene):
        # "input", "kernel", "products", "output" and "sum" (the name before [i, j] in the written sum).
        self.labels = dict(labels or {})
        p, g = trace.prepared, trace.geometry
        self.rgb = p.channels > 1
        self.channels = p.channels
        x2 = p.x.mean(axis=-1) if self.rgb else p.x[..., 0]
        self.input = Board(x2, g.pads, boundary=p.boundary, levels=None, inserted=trace.inserted)
        # Colours from the full input (all channels), as the window's input view shows them.
        self.input.levels, self.input.cmap = levels_of(np.asarray(p.x, dtype=np.float64))
        out = evaluate(p)
        self.out = out[..., None] if not p.bank else out
        self.out_levels, self.out_cmap = levels_of(self.out)
        self.kernel = p.weights[..., 0, :] if p.channels == 1 else p.weights.mean(axis=-2)  # (kh, kw, F)
        self.k_levels, self.k_cmap = levels_of(self.kernel)
        self.window_extent = g.effective_kernel
        formats = number_formats(p.x, p.weights, self.kernel, self.out)
        self.input.fmt = formats.pop("in_fmt")
        if self.rgb:  # the input grid shows the channels' mean (0.6667 of 0, 1, 1): its own format
            self.input.fmt = CellFormat(x2)
            formats["em"] = max(formats["em"], self.input.fmt.em)
        self.__dict__.update(formats)
        stride = g.stride[0] if len(set(g.stride)) == 1 else g.stride
        self.title = title or f"{op_name(trace.op, tr)} · {tr('padding')} {g.pads} · {tr('stride')} {stride}"
        # A grouped filter reads only its group's channels: the input, kernel and products say which.
        read = trace.channels_read
        self.channel_names = None if read is None else [
            "RGB"[c] if trace.input_channels == 3 else f"c{c}" for c in read]
        self.group_label = ""
        if read is not None:
            names = ", ".join(self.channel_names)
            self.group_label = (tr("channel {name}") if len(read) == 1 else tr("channels {names}")).format(
                name=names, names=names)
            # Short: a Compare pane's title has a third of the width.
            self.title += " · " + (tr("depthwise: one channel") if len(read) == 1 else
                                   tr("grouped: {n} of {total} channels").format(n=len(read),
                                                                                total=trace.input_channels))
        self.layout(size, min_type)

    # ------------------------------------------------------------- layout
    def layout(self, size, min_type: float = MIN_TYPE, *, grid_top: float | None = None,
               shared: dict | None = None) -> None:
        """Places everything for ``size``: cells large enough for type of ``min_type``, or, where no
        arrangement has them (a narrow compare pane in lecture mode), the type that reads best.
        ``grid_top``: the grids start no higher than this (a compare pane level with its neighbour's).
        ``shared``: what side-by-side panes agree on (see scenes.share_layout): "type", and at most
        "cell", "views" ({(grid, shape): (rows, cols)}), "sum_lines", "sum_width"."""
        setup_type(self, size, min_type)
        self.grid_floor = grid_top
        self.shared = dict(shared or {})
        best = None
        t = self.shared.get("type", self.type)
        # Where the cells cannot hold the type's numbers, smaller labels leave them more room: the
        # smallest text on the pane (a label or a cell's value) is what the score puts first.
        while True:
            set_type(self, t)
            plan = self._best_plan()
            if best is None or plan["score"] > best[1]["score"]:
                best = (t, plan)
            # Readable, and the whole of each map in view or in an overview; a shared type is not changed here.
            # A neighbourhood readable at t: a smaller type may still show every cell at the scene's minimum.
            readable = plan["score"][0] and plan["value_type"] >= round(t, 1)
            whole = plan["in_view"] == self.input.shape and plan["out_view"] == self.out.shape[:2]
            if ("type" in self.shared or readable and (whole or t * 0.85 < self.min_type - 0.01)
                    or t * 0.85 < min(MIN_TYPE, self.type)):
                break
            t *= 0.85
        t, plan = best
        set_type(self, t)
        self._lay_title()  # the title's lines at the chosen type (the last one tried may be another)
        self.label_size = t
        self.__dict__.update(plan)
        footer = self.size[1] - self.footer_y + 0.3 * self.margin
        # Legacy names (the flip test and old callers): the kernel's box and cell.
        self.mid_box = (self.mid_x, self.kernel_xy[1] - 24, self.mid_w, self.size[1] - footer - plan["header"])
        self.k_cell = self.cell

    @property
    def _label_bottom(self) -> float:
        """Where the labels over the grids end: the band's foot, each label's last line just over its grid."""
        return self.label_y + self.label_lines * 1.25 * self.label_size

    @property
    def grid_top(self) -> float:
        """Where the grids start (under the title and the labels)."""
        return self.in_xy[1]

    def _best_plan(self) -> dict:
        """The best arrangement at the scene's current type (its ``score`` is the scene's)."""
        W, H = self.size
        t, m = self.type, self.margin
        header = self._lay_title()
        self.label_size = t
        # The sum: as many lines as the longest step's sum needs here (at most 3; RGB 2 and the channels' line).
        sample = "out[00, 00] = " + self.trace[len(self.trace) - 1].expression() + " ·"
        sample = max(sample, "out[00, 00] = " + self.trace[0].expression(), key=len)
        self.sum_width = min(W - 2 * m, self.shared.get("sum_width", W))
        most = min(len(wrap(sample, self.sum_size, self.sum_width, 2 if self.rgb else 3)),
                   self.shared.get("sum_lines", 3))
        def best_of(configs):
            best = None
            # Fewer lines for the sum (its middle elided) only where the grids need the height.
            for lines in range(most, 0, -1):
                footer = (lines + (1 if self.rgb else 0)) * 1.3 * self.sum_size + m
                for config in configs:
                    for label_lines in range(1, MAX_LABEL_LINES + 1):
                        top = header
                        if self.grid_floor is not None:  # the labels stay just over the lowered grids
                            top = max(header, self.grid_floor - label_lines * 1.25 * self.type)
                        plan = self._plan(config, label_lines, top, H - footer)
                        if plan is not None:
                            plan["score"] = plan["score"][:_LINES_AT] + (lines,) + plan["score"][_LINES_AT:]
                            plan.update(sum_lines_max=lines, footer_y=H - footer + 0.3 * m, header=header)
                            if best is None or plan["score"] > best["score"]:
                                best = plan
            return best

        best = best_of(["stacked", "beside", "rows"] if not self.rgb else ["rgb", "rgb-beside"])
        if self.shared.get("rows") and best is not None and best["layout_config"] != "rows":
            # A neighbour pane puts its maps in rows: this one too where that reads as well (a compare
            # is read pane against pane).
            rows = best_of(["rows"])
            if rows is not None and rows["score"][:_LINES_AT + 1] >= best["score"][:_LINES_AT + 1]:
                return rows
        return best

    def _plan(self, config: str, label_lines: int, top: float, bottom: float) -> dict | None:
        """One arrangement: the middle column's kernel over (or beside) the products, or ("rows") the
        input and the output side by side over the kernel and the products, labels on ``label_lines``
        lines; None where the labels do not fit in them."""
        if config == "rows":
            return self._rows_plan(label_lines, top, bottom)
        W, _ = self.size
        t, m, g = self.type, self.margin, self.gap
        body_h = bottom - top
        label = 1.25 * t
        kh, kw = self.kernel.shape[:2]
        ph, pw = self.input.shape
        oh, ow = self.out.shape[:2]
        c_min = max(t / VALUE, self.em * t / VALUE_FIT)
        avail = W - 2 * m - 2 * g
        label_k = self._kernel_label()
        heads = label_lines * label  # the labels over the grids
        words = max(text_width(w, t) for w in (label_k + " " + self._products_label()).split(" "))
        words = max(words, wrap_width(label_k, t, label_lines))
        channel_grids = False
        channel_label_w = 0.0
        if config == "stacked":
            prod_cols, mid_rows, fixed_mid = kw, 2 * kh, heads + label + g
        elif config == "beside":
            prod_cols, mid_rows, fixed_mid = 2 * kw + 0.5, kh, heads
            words = max(words - text_width(self._products_label(), t), 0) + text_width(self._products_label(), t)
        else:
            sample = self._channel_text("R", -float(np.abs(self.trace.prepared.x).max()),
                                        -float(np.abs(self.trace.prepared.weights).max()),
                                        format_number(-self.p_levels[1]))
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
        if "cell" in self.shared and c > self.shared["cell"]:
            c = self.shared["cell"]  # no larger than the neighbour pane's cells
        views = self.shared.get("views", {})
        in_rows, in_cols = (min(a, b) for a, b in zip((in_rows, in_cols), views.get(("in", (ph, pw)), (ph, pw))))
        out_rows, out_cols = (min(a, b) for a, b in zip((out_rows, out_cols), views.get(("out", (oh, ow)), (oh, ow))))
        def label_width(text):
            return wrap_width(text, t, label_lines)

        in_label, out_label = label_width(self._input_heading()), label_width(self._output_label(0))

        def widths(c, in_cols, out_cols):
            return max(in_cols * c, in_label), mid_width(c), max(out_cols * c, out_label)

        if sum(widths(c, in_cols, out_cols)) > avail + 0.5:
            if label_lines < MAX_LABEL_LINES:
                return None  # the labels need more lines here
            # Labels wider than their grids (a narrow compare pane): fewer cells in view, then smaller
            # ones, until the three columns fit the pane instead of running off its edge (the margins
            # may go: text_width is an upper bound, real text comes out about a sixth narrower).
            while sum(widths(c, in_cols, out_cols)) > avail + 2 * m:
                fewer_out = out_cols > 1 and out_cols * c > out_label
                fewer_in = in_cols > ew and in_cols * c > in_label
                if fewer_out and (out_cols >= in_cols or not fewer_in):
                    out_cols -= 1
                elif fewer_in:
                    in_cols -= 1
                elif c > 4.0:
                    c = max(4.0, c * 0.95)
                else:
                    break
        in_w, mid_w, out_w = widths(c, in_cols, out_cols)
        spare = avail - in_w - mid_w - out_w
        # Centred; a plan wider than the room takes the right margin first (its estimate is the output
        # label's, wider than the text drawn), then the left one.
        x = m + spare / 2 if spare >= 0 else m - max(0.0, -spare - m)
        grid_top = top + heads
        mid_x = x + in_w + g
        plan = dict(cell=c, in_xy=(x, grid_top), in_view=(in_rows, in_cols), mid_x=mid_x, mid_w=mid_w, in_label_w=in_w,
                    out_xy=(mid_x + mid_w + g, grid_top), out_view=(out_rows, out_cols), label_y=top,
                    overview_caption_w=0.0, out_overview_box=None, out_overview_caption_w=0.0,
                    label_lines=label_lines, kernel_xy=(mid_x, grid_top), layout_config=config,
                    channel_grids=channel_grids, channel_label_w=channel_label_w, overview_box=None)
        if config == "beside":
            plan["products_xy"] = (mid_x + (kw + 0.5) * c, grid_top)
        elif config == "rgb-beside":
            plan["products_xy"] = (mid_x + kw * c + 0.5 * t, grid_top + 1.25 * t)
        else:
            plan["products_xy"] = (mid_x, grid_top + kh * c + g + label)
        whole = (in_rows, in_cols) == (ph, pw) and (out_rows, out_cols) == (oh, ow)

        def inside(box):
            # A column that took the right margin ends at the pane's edge: an overview as wide as it ran its
            # outline and current-cell marker off the pane; moved left (less than the gap), it stays whole.
            if box is None:
                return None
            bx, by, bw, bh = box
            return max(0.0, min(bx, W - 0.5 * m - bw)), by, bw, bh

        taken = None  # the column the input's overview holds, before inside() moves it
        if (in_rows, in_cols) != (ph, pw):
            # The overview goes where most room is left: under the products, the output or the input;
            # its caption on one line, or two where the space is narrower than the caption.
            spaces = [(mid_x, grid_top + mid_rows * c + fixed_mid - heads, mid_w),
                      (plan["out_xy"][0], grid_top + out_rows * c, out_w), (x, grid_top + in_rows * c, in_w)]
            best = None
            caption = self._overview_caption()
            for sx, sy, sw in spaces:
                lines = caption_lines(caption, t, sw)
                room = (lines + 0.4) * label
                h = min(bottom - sy - room - 0.2 * label, sw * ph / pw, 10 * t)
                if lines and h >= 3 * t and (best is None or h > best[3]):
                    best = (sx, sy + room, h * pw / ph, h)
                    plan["overview_caption_w"] = sw
            lines = caption_lines(caption, t, in_w)
            if best is None and lines and in_rows - eh >= 3:  # make room under the input
                room = (lines + 0.4) * label
                h = min(4 * t, (in_rows - eh) * c - room - 0.2 * label)
                in_rows -= int(np.ceil((h + room) / c))
                plan["in_view"] = (in_rows, in_cols)
                best = (x, grid_top + in_rows * c + room, h * pw / ph, h)
                plan["overview_caption_w"] = in_w
            taken = best[0] if best is not None else None
            plan["overview_box"] = inside(best)
        plan["out_overview_box"] = None
        if (out_rows, out_cols) != (oh, ow):
            # The whole output, filling as the steps go (in a narrow pane the view shows a column or
            # two, and the map as a whole never appeared): under its view, else under the kernel's
            # column where the input's overview left it free.
            caption = self._output_overview_caption(0)
            spaces = [(plan["out_xy"][0], grid_top + out_rows * c, out_w),
                      (mid_x, grid_top + mid_rows * c + fixed_mid - heads, mid_w)]
            # Not in a column the input's overview holds: zoomed in, both went under the output, one over the other.
            for sx, sy, sw in (space for space in spaces if space[0] != taken):
                lines = caption_lines(caption, t, sw)
                if not lines:
                    continue
                room = (lines + 0.4) * label
                h = min(bottom - sy - room - 0.2 * label, sw * oh / ow, 8 * t)
                # Both sides at least OVERVIEW_MIN lines of type, or none: zoomed in, a 38 px thumbnail was left.
                if min(h, h * ow / oh) >= OVERVIEW_MIN * t:
                    plan["out_overview_box"] = (sx, sy + room, h * ow / oh, h)
                    plan["out_overview_caption_w"] = sw
                    break
            sx, sw = plan["out_xy"][0], out_w
            lines = caption_lines(caption, t, sw)
            h = min(4 * t, sw * oh / ow)
            if plan["out_overview_box"] is None and sx != taken and lines and min(h, h * ow / oh) >= OVERVIEW_MIN * t:
                # No room for a readable one: fewer output rows in view make it, as under the input.
                room = (lines + 0.4) * label
                rows = int(np.ceil((h + room + 0.2 * label) / c))
                if out_rows - rows >= 1:
                    out_rows -= rows
                    plan["out_view"] = (out_rows, out_cols)
                    plan["out_overview_box"] = (sx, grid_top + out_rows * c + room, h * ow / oh, h)
                    plan["out_overview_caption_w"] = sw
        plan["out_overview_box"] = inside(plan["out_overview_box"])
        # The smallest text first (the labels' type, or the cells' where they are too small for it), then
        # whole views before neighbourhoods, larger cells, fewer label lines.
        # A map cut to a neighbourhood with no overview leaves the whole of it unseen: any other readable plan first.
        text = round(t * min(1.0, c / c_min), 1)
        complete = text >= min(MIN_TYPE, self.min_type) and (
            (plan["in_view"] == (ph, pw) or plan["overview_box"] is not None)
            and (plan["out_view"] == (oh, ow) or plan["out_overview_box"] is not None))
        plan["score"] = _score(complete, self.min_type, text, whole, t, c, label_lines)
        plan["value_type"] = text
        return plan

    def _rows_plan(self, label_lines: int, top: float, bottom: float) -> dict | None:
        """The input and the output side by side, the kernel and its products (beside it) under the
        input: the whole of both maps at readable cells in a pane too narrow for three columns of them
        (a compare pane), where the other arrangements cut them to a neighbourhood and an overview.
        None where the labels do not fit."""
        W, _ = self.size
        t, m, g = self.type, self.margin, self.gap
        label = 1.25 * t
        heads = label_lines * label
        kh, kw = self.kernel.shape[:2]
        ph, pw = self.input.shape
        oh, ow = self.out.shape[:2]
        views = self.shared.get("views", {})
        if views.get(("in", (ph, pw)), (ph, pw)) != (ph, pw) or views.get(("out", (oh, ow)), (oh, ow)) != (oh, ow):
            return None  # a neighbour pane shows part of a map of this shape: so does this one
        c_min = max(t / VALUE, self.em * t / VALUE_FIT)
        in_label, out_label, k_label, p_label = (
            wrap_width(text, t, label_lines)
            for text in (self._input_heading(), self._output_label(0), self._kernel_label(), self._products_label()))
        width = W - 2 * m
        c = min((width - g) / (pw + ow), width / (2 * kw + 0.5),
                (bottom - top - 2 * heads - g) / (max(ph, oh) + kh), 7 * t, self.shared.get("cell", math.inf))
        if c < 4.0:
            return None
        in_w, out_w = max(pw * c, in_label), max(ow * c, out_label)
        k_w = max((kw + 0.5) * c, k_label + 0.5 * t)  # the kernel's label ends before the products' begins
        if in_w + g + out_w > width + 0.5 or k_w + max(kw * c, p_label) > width + 0.5:
            return None  # the labels need more lines, or there is no room
        x = m + (width - g - in_w - out_w) / 2
        x_mid = min(x, W - m - k_w - max(kw * c, p_label))
        grid_top = top + heads
        mid_top = grid_top + max(ph, oh) * c + g + heads
        text = round(t * min(1.0, c / c_min), 1)  # the cells' values, where the cells are smaller than the type's
        return dict(cell=c, in_xy=(x, grid_top), in_view=(ph, pw), mid_x=x_mid, mid_w=k_w + kw * c,
                    in_label_w=in_w, out_xy=(x + in_w + g, grid_top), out_view=(oh, ow), label_y=top,
                    overview_caption_w=0.0, out_overview_box=None, out_overview_caption_w=0.0,
                    label_lines=label_lines, kernel_xy=(x_mid, mid_top), layout_config="rows",
                    channel_grids=False, channel_label_w=0.0, overview_box=None,
                    products_xy=(x_mid + k_w, mid_top),
                    value_type=text,
                    score=_score(text >= min(MIN_TYPE, self.min_type), self.min_type, text, True, t, c, label_lines,
                                 rows=True))

    def _overview_caption(self) -> str:
        """"whole input 5×5": the input's own size (the picture shows its padding too)."""
        h, w = self.input.real_shape
        if "input" in self.labels:  # a grid its caller names (the Backward tab's dY or X): that name
            return re.split(r"[ ,(]", self.labels["input"], maxsplit=1)[0] + f" {h}×{w}"
        return self.tr("whole input") + f" {h}×{w}"

    def _output_overview_caption(self, f: int) -> str:
        """"output 3×3": the whole output map under a view that shows part of it."""
        oh, ow = self.out.shape[:2]
        return re.split(r" ?[,(]", self._output_label(f), maxsplit=1)[0] + f" {oh}×{ow}"

    def _draw_output_overview(self, prims, f: int, view: View, through: int, current) -> None:
        """The output map filled through row-major cell ``through``, the view's cells outlined, the
        current cell in the target's colour."""
        if self.out_overview_box is None:
            return
        x, y, w, h = self.out_overview_box
        oh, ow = self.out.shape[:2]
        draw_caption(prims, x, y, self._output_overview_caption(f), self.label_size, self.out_overview_caption_w)
        rgb = colormaps.apply(np.nan_to_num(self.out[..., f]), self.out_levels, self.out_cmap)
        filled = (np.arange(oh)[:, None] * ow + np.arange(ow)[None, :]) <= through
        rgb[~filled] = TO_COME
        prims.append(Picture(x, y, w, h, rgb))
        sy, sx = h / oh, w / ow
        prims.append(Rect(x, y, w, h, outline=GRID))
        prims.append(Rect(x + view.cols.start * sx, y + view.rows.start * sy, len(view.cols) * sx,
                          len(view.rows) * sy, outline=MUTED, width=2))
        r, c = current
        prims.append(Rect(x + c * sx, y + r * sy, max(2.0, sx), max(2.0, sy), outline=TARGET, width=2))

    def _output_label(self, f: int) -> str:
        if "output" in self.labels:
            return self.labels["output"]
        many = self.trace.prepared.filters > 1
        return self.tr("output · filter {n}").format(n=f + 1) if many else self.tr("output")

    def _input_heading(self) -> str:
        """The input's label, and where zeros were inserted between its cells, the legend of their tint."""
        label = self._input_label()
        return label + " · " + self.tr("tinted 0: inserted") if self.input.inserted.any() else label

    def _input_label(self) -> str:
        if "input" in self.labels:
            return self.labels["input"]
        padded = any(self.input.pads[0] + self.input.pads[1])
        label = self.tr("input (padded)") if padded else self.tr("input")
        if self.group_label:
            label += " · " + self.group_label
        return label + (" · " + self.tr("channel mean") if self.rgb else "")

    def _products_label(self) -> str:
        return self.labels.get("products", self.tr("products"))

    def _kernel_label(self) -> str:
        if "kernel" in self.labels:
            return self.labels["kernel"]
        text = self.tr("kernel (flipped 180°)") if self.trace.op == "convolve" else self.tr("kernel")
        if self.group_label:
            text += " · " + self.group_label
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
        # Beside the products, the kernel's label leaves them room for their own.
        kernel_w = self.products_xy[0] - kx if self.layout_config in ("beside", "rows") else self.mid_w
        draw_label_over(prims, kx, ky, kernel_w, self._kernel_label(), t, max_lines=self.label_lines)
        draw_cells(prims, kx, ky, self.cell, self.kernel[..., f], levels=self.k_levels, cmap=self.k_cmap,
                   fmt=self.k_fmt, type_size=t)
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
        draw_cells(prims, x0 + c * self.cell, y0 + r * self.cell, self.cell, self.out[r: r + 1, c: c + 1, step.filter],
               levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=self.label_size)
        return prims

    def _window_origin(self, step) -> tuple[int, int]:
        g = self.trace.geometry
        r, c = self._map_pos(step)
        return r * g.stride[0], c * g.stride[1]

    def _draw_input(self, prims, step) -> View:
        rows, cols = self.in_view
        origin = self._window_origin(step) if step is not None else (0, 0)
        rr, cc = viewed(rows, cols, self.input.shape, origin, self.window_extent)
        view = View(*self.in_xy, self.cell, rr, cc)
        label = self._input_heading()
        draw_label_over(prims, self.in_xy[0], self._label_bottom, self.in_label_w, label,
               self.label_size, max_lines=self.label_lines)
        self.input.draw(prims, view.x, view.y, self.cell, rr, cc, self.label_size)
        return view

    def _draw_output(self, prims, f: int, pos, *, show_through: int, reveal_current: bool = False) -> View:
        """The output map of filter ``f`` in view around ``pos``; cells up to ``show_through``
        (row-major index) filled."""
        oh, ow = self.out.shape[:2]
        rows, cols = self.out_view
        rr, cc = viewed(rows, cols, (oh, ow), pos or (0, 0), (1, 1))
        label = self._output_label(f)
        draw_label_over(prims, self.out_xy[0], self._label_bottom, self.size[0] - self.margin - self.out_xy[0],
               label, self.label_size, max_lines=self.label_lines)
        index = (np.arange(rr.start, rr.stop)[:, None] * ow + np.arange(cc.start, cc.stop)[None, :])
        show = index <= show_through
        draw_cells(prims, *self.out_xy, self.cell, self.out[rr.start: rr.stop, cc.start: cc.stop, f],
               levels=self.out_levels, cmap=self.out_cmap, fmt=self.out_fmt, type_size=self.label_size, show=show)
        return View(*self.out_xy, self.cell, rr, cc)

    def transient(self, i: int, *, reveal=True) -> list:
        step = self.trace[i]
        stage = quiz_stage(reveal)
        prims: list = []
        self._header(prims, i)
        t = self.label_size
        r, c = self._map_pos(step)
        ow = self.out.shape[1]
        if self.cropped:
            in_view = self._draw_input(prims, step)
            through = r * ow + c - (0 if stage == 2 else 1)
            out_view = self._draw_output(prims, step.filter, (r, c), show_through=through)
            self._draw_overview(prims, in_view, step)
            self._draw_output_overview(prims, step.filter, out_view, through, (r, c))
        else:
            in_view = View(*self.in_xy, self.cell, range(self.input.shape[0]), range(self.input.shape[1]))
            out_view = View(*self.out_xy, self.cell, range(self.out.shape[0]), range(self.out.shape[1]))
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
            if self.layout_config in ("beside", "rows"):
                prims.append(Text(px - 0.25 * self.cell, py + self.kernel.shape[0] * self.cell / 2, "→", t, MUTED))
                # Beside the kernel the output's label comes next; in "rows" the pane's edge.
                room = self.kernel.shape[1] * self.cell
                if self.layout_config == "rows":
                    room = max(room, self.size[0] - self.margin - px)
                draw_label_over(prims, px, py, room, self._products_label(), t, max_lines=self.label_lines)
            else:
                draw_label(prims, px, py - 1.25 * t, self.mid_w, self._products_label(), t, max_lines=1)
            draw_cells(prims, px, py, self.cell, step.products, levels=self.p_levels, cmap=self.p_cmap, fmt=self.p_fmt,
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
        name = self.labels.get("sum", "out")
        lines = wrap(f"{name}[{where}] = {expr}", self.sum_size, self.sum_width, self.sum_lines_max)
        self._sum_lines(prims, lines, y)
        return prims

    def _channel_products(self, prims, step, stage: int) -> None:
        t = self.label_size
        channels = step.products.shape[-1]
        names = self.channel_names or ("RGB" if channels == 3 else [f"c{k}" for k in range(channels)])
        sums = [float(step.products[..., k].sum()) for k in range(channels)]
        x = self.mid_x
        kw = self.kernel.shape[1]
        column = max((kw + 0.5) * self.cell, self.channel_label_w)
        for k in range(channels):
            shown = format_number(sums[k]) if stage >= 1 else "?"
            text = self._channel_text(names[k], step.values[..., k].flat[0], step.weights[..., k].flat[0], shown)
            if self.channel_grids:
                draw_label(prims, x, self.products_xy[1] - 1.25 * t, column, text, t, max_lines=1)
                draw_cells(prims, x, self.products_xy[1], self.cell, step.products[..., k], levels=self.p_levels,
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

    def _channel_text(self, channel: str, value, weight, shown: str) -> str:
        """A channel's line: its products' sum, or for a 1x1 (pointwise) kernel the one product written out."""
        if self.kernel.shape[:2] != (1, 1):
            return self.tr("products {channel}: Σ = {sum}").format(channel=channel, sum=shown)
        w = format_number(float(weight))
        return self.tr("{channel}: {value} × {weight} = {product}").format(
            channel=channel, value=format_number(float(value)), weight=f"({w})" if w.startswith("-") else w,
            product=shown)

    def _draw_overview(self, prims, view: View, step) -> None:
        if self.overview_box is None:
            return
        x, y, w, h = self.overview_box
        ph, pw = self.input.shape
        t = self.label_size
        draw_caption(prims, x, y, self._overview_caption(), t, self.overview_caption_w)
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
        W, _ = self.size
        m = self.margin
        top, bottom = self.label_y, self.footer_y
        # The opening move is the picture's subject: the kernel grows as it turns (up to twice its size
        # at 90°, in its own blank box inside the pane) and lands where and as it sits at 180°, so its
        # numbers stay readable while turned (the turn shrinks it to keep its corners in that box: at
        # 45° a square kernel is 0.71 of its size).
        room = min(W - 2 * m, bottom - top) / max(kw, kh)
        grow = math.sin(math.radians(angle))
        c = self.cell * (1 + (max(1.0, min(2.0, room / self.cell)) - 1) * grow)
        bw, bh = kw * c, kh * c
        sx, sy = kx + kw * self.cell / 2, ky + kh * self.cell / 2  # where it sits
        cx = sx + (min(max(sx, m + bw / 2), W - m - bw / 2) - sx) * grow
        cy = sy + (min(max(sy, top + bh / 2), bottom - bh / 2) - sy) * grow
        prims.append(Rect(kx - 2, ky - 2, kw * self.cell + 4, kh * self.cell + 4, fill=PAPER))  # the applied kernel
        prims.append(Rect(cx - bw / 2 - 2, cy - bh / 2 - 2, bw + 4, bh + 4, fill=PAPER))
        given: list = []
        draw_cells(given, cx - bw / 2, cy - bh / 2, c, self.kernel[::-1, ::-1, f], levels=self.k_levels,
                   cmap=self.k_cmap, fmt=self.k_fmt, type_size=self.label_size)
        prims.append(Turn(cx, cy, angle, turn_scale(angle, kw, kh), tuple(given)))
        caption = self.tr("convolution flips the kernel: {angle}° of 180°").format(angle=f"{angle:.0f}")
        self._sum_lines(prims, [caption], self.footer_y)
        return StepFrame(self.size, prims)

    def flip_image(self, angle: float, f: int = 0):
        from .pillow import render_image

        return render_image(self.flip_frame(angle, f))
