"""What every step scene is built from: cells with their values, boards seen through a view
that pages with the window, labels, the quiz's stages, and the frame protocol the painters
and the player use.  The scenes themselves are in conv_scene, signal_scene and pool_scene.
"""

from __future__ import annotations

import math

import numpy as np

from convviz.core.padding import boundary_source
from convviz.core.trace import format_number

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
    Rect,
    StepFrame,
    Text,
    Turn,
    text_em,
    text_width,
    wrap,
)

#: Zeros inserted between an input's cells (a transposed convolution read as a correlation): a tint of
#: their own, solid where padding's is dashed, so they do not pass for the input's own zeros.
INSERTED = (150, 110, 0)
INSERTED_FILL = (252, 241, 196)
MIN_TYPE = 12.0  # pixels: the smallest type a scene draws (20 in lecture mode)
FLIP_SECONDS = 1.2  # the window's flip animation and the animate subcommand's flip frames
FLIP_FRAMES = 14
VALUE = 0.42  # a cell's value text is at most this fraction of the cell's side
VALUE_FIT = 0.9  # ... and at most this fraction of its width


def op_name(op: str, tr: Translate = english) -> str:
    if op == "transposed":
        return tr("transposed convolution")
    return tr("convolve") if op == "convolve" else tr("correlate")


def flip_angles(frames: int = FLIP_FRAMES) -> list[float]:
    """Angles 0 → 180 with ease-in-out (cubic), the window's QEasingCurve.InOutCubic."""
    out = []
    for k in range(frames):
        t = k / (frames - 1)
        eased = 4 * t**3 if t < 0.5 else 1 - (-2 * t + 2) ** 3 / 2
        out.append(180.0 * eased)
    return out


def levels_of(arr: np.ndarray) -> tuple[tuple[float, float], str]:
    lo, hi, signed = colormaps.levels_for([arr])
    return (lo, hi), ("diverging" if signed else "gray")


def cell_color(value: float, levels: tuple[float, float], cmap: str) -> tuple:
    lut = colormaps.lookup_table(cmap)
    lo, hi = levels
    with np.errstate(all="ignore"):
        t = 0.0 if hi <= lo else (value - lo) / (hi - lo) * 255
    if not np.isfinite(t):  # inf, NaN, or a range wider than float64 holds: the maps' own rule
        return tuple(int(v) for v in lut[colormaps.indices(np.array([value], dtype=np.float64), levels)[0]])
    return tuple(int(v) for v in lut[int(min(max(t, 0), 255))])


def ink_for(color: tuple) -> tuple:
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


def value_text(prims, x, y, cell, value: float, preferred: float, color, fmt=format_number) -> None:
    """A cell's value in its middle.  A grid's :class:`CellFormat` sizes every number it writes by its widest
    (``em``): sized each by its own width, a grid's -0.44 printed at 20 px beside its 0.22 at 25."""
    text = fmt(value)
    size = min(preferred, VALUE_FIT * cell / max(getattr(fmt, "em", None) or text_em(text), 0.6))
    prims.append(Text(x + cell / 2, y + cell / 2, text, size, color))


def draw_cells(prims, x0, y0, cell, values, *, levels, cmap, type_size, fmt=format_number, show=None, hidden=None,
               fraction: float = VALUE):
    """A grid of coloured cells with their values (type at most ``fraction`` of a cell's side).
    ``show`` False cells are left blank; ``hidden`` True cells show "?" (the quiz)."""
    rows, cols = values.shape
    preferred = fraction * cell
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
            color = cell_color(v, levels, cmap)
            prims.append(Rect(x, y, cell, cell, fill=color, outline=GRID))
            value_text(prims, x, y, cell, v, preferred, ink_for(color), fmt)


def draw_label(prims, x, y, width, text, size, *, max_lines=2, color=MUTED, bold=False) -> float:
    """A label wrapped to ``width``; returns its height."""
    # A hair of slack: layouts size a label's box to its own text width, summed in another order.
    lines = wrap(text, size, width + 1e-6, max_lines)
    for k, line in enumerate(lines):
        prims.append(Text(x, y + (k + 0.5) * size * 1.25, line, size, color, "lm", bold=bold))
    return len(lines) * size * 1.25


def draw_label_over(prims, x, bottom, width, text, size, *, max_lines=2) -> float:
    """A label wrapped to ``width`` whose last line ends at ``bottom`` (its grid's top); returns its height.
    Drawn from the band's top, a one-line label sat two lines above its grid beside a three-line one."""
    lines = len(wrap(text, size, width + 1e-6, max_lines))
    return draw_label(prims, x, bottom - lines * size * 1.25, width, text, size, max_lines=max_lines)


def caption_lines(text: str, size: float, width: float) -> int:
    """Lines a picture's caption needs in ``width``: 1 or 2; 0 where a word is wider, or it needs more."""
    if max(text_width(w, size) for w in text.split(" ")) > width + 0.5:
        return 0
    lines = len(wrap(text, size, width + 1e-6, 99))
    return lines if lines <= 2 else 0


def draw_caption(prims, x: float, y: float, text: str, size: float, width: float) -> None:
    """A caption over a picture whose top is ``y``: wrapped to ``width``, its last line where one line would be."""
    lines = wrap(text, size, width + 1e-6, 2)
    for k, line in enumerate(lines):
        prims.append(Text(x, y - 0.65 * size - (len(lines) - 1 - k) * 1.25 * size, line, size, MUTED, "lm"))


def page(start: int, extent: int, view: int, total: int) -> int:
    """First row (or column) of a view of ``view`` cells of ``total`` that holds cells
    start..start+extent-1.  The view moves a page at a time, so it stands still while
    the window slides within it."""
    if view >= total:
        return 0
    step = max(1, view - extent + 1)
    return int(min(max((start // step) * step, 0), total - view))


def number_formats(x, weights, kernel, out) -> dict:
    """How the scene writes each grid's numbers, and the products' one colour scale for every
    step (the largest |x| times the largest |w|): shared by the 2D and 1D scenes."""
    bound = float(np.abs(x).max(initial=0) * np.abs(weights).max(initial=0)) or 1.0
    in_fmt, k_fmt, out_fmt = CellFormat(x), CellFormat(kernel), CellFormat(out)
    p_fmt = CellFormat.products(bound, in_fmt.whole and CellFormat(weights).whole)
    return dict(in_fmt=in_fmt, k_fmt=k_fmt, out_fmt=out_fmt, p_fmt=p_fmt, p_levels=(-bound, bound),
                p_cmap="diverging", em=max(in_fmt.em, k_fmt.em, out_fmt.em, p_fmt.em))


class Board:
    """A grid drawn through a view: the padded input (padded cells hold the boundary mode's
    value, or none under pooling), or an output map."""

    def __init__(self, values: np.ndarray, pads=((0, 0), (0, 0)), *, boundary: str | None = "zeros",
                 levels=None, cmap=None, inserted=None):
        values = np.asarray(values, dtype=np.float64)
        (top, bottom), (left, right) = pads
        self.real_shape = values.shape
        self.pads = pads
        self.shape = (values.shape[0] + top + bottom, values.shape[1] + left + right)
        self.padded = np.ones(self.shape, dtype=bool)
        self.padded[top: top + values.shape[0], left: left + values.shape[1]] = False
        # Zeros inserted between the real cells (a transposed convolution's equivalent correlation): no data.
        self.inserted = np.zeros(self.shape, dtype=bool)
        if inserted is not None:
            self.inserted[top: top + values.shape[0], left: left + values.shape[1]] = np.reshape(inserted,
                                                                                               values.shape)
        if boundary is None:  # pooling: padded cells take no part and have no value
            self.values = np.full(self.shape, np.nan)
            self.values[~self.padded] = values.ravel()
        else:
            rows = np.array([boundary_source(i - top, values.shape[0], boundary) for i in range(self.shape[0])])
            cols = np.array([boundary_source(j - left, values.shape[1], boundary) for j in range(self.shape[1])])
            grid = values[np.clip(rows, 0, None)[:, None], np.clip(cols, 0, None)[None, :]]
            self.values = np.where((rows[:, None] < 0) | (cols[None, :] < 0), 0.0, grid)
        if levels is None:
            levels, cmap = levels_of(values)
        self.levels, self.cmap = levels, cmap
        self.fmt = CellFormat(values)
        self.em = self.fmt.em

    def draw(self, prims, x0, y0, cell, rows: range, cols: range, type_size, *, show=None, hidden=None) -> None:
        values = self.values[rows.start: rows.stop, cols.start: cols.stop]
        padded = self.padded[rows.start: rows.stop, cols.start: cols.stop]
        inserted = self.inserted[rows.start: rows.stop, cols.start: cols.stop]
        if not padded.any() and not inserted.any():
            draw_cells(prims, x0, y0, cell, values, levels=self.levels, cmap=self.cmap, type_size=type_size,
                   fmt=self.fmt, show=show, hidden=hidden)
            return
        real = ~(padded | inserted)
        real_show = real if show is None else (show & real)
        draw_cells(prims, x0, y0, cell, values, levels=self.levels, cmap=self.cmap, type_size=type_size,
               fmt=self.fmt, show=real_show, hidden=hidden)
        for r, c in zip(*np.nonzero(inserted)):  # tinted, solid: unlike padding's dashed cells
            x, y = x0 + c * cell, y0 + r * cell
            prims.append(Rect(x, y, cell, cell, fill=INSERTED_FILL, outline=INSERTED, width=1))
            value_text(prims, x, y, cell, 0.0, VALUE * cell, INSERTED, self.fmt)
        for r, c in zip(*np.nonzero(padded)):
            x, y = x0 + c * cell, y0 + r * cell
            prims.append(Rect(x, y, cell, cell, fill=PADDED_FILL, outline=PADDED, width=2, dashed=True))
            if np.isfinite(values[r, c]):
                value_text(prims, x, y, cell, float(values[r, c]), VALUE * cell, PADDED, self.fmt)

    def overview(self) -> np.ndarray:
        """The whole board as an RGB picture, one pixel a cell (padding tinted)."""
        rgb = colormaps.apply(np.nan_to_num(self.values), self.levels, self.cmap)
        rgb[self.padded] = PADDED_FILL
        rgb[self.inserted] = INSERTED_FILL
        return rgb


class View:
    """Where a board is drawn: origin, cell size, and the rows and columns in view."""

    def __init__(self, x, y, cell, rows: range, cols: range):
        self.x, self.y, self.cell, self.rows, self.cols = x, y, cell, rows, cols

    def pos(self, r: int, c: int) -> tuple[float, float]:
        return self.x + (c - self.cols.start) * self.cell, self.y + (r - self.rows.start) * self.cell

    def holds(self, r: int, c: int) -> bool:
        return r in self.rows and c in self.cols


def viewed(view_rows: int, view_cols: int, shape, window_rc, window_extent) -> tuple[range, range]:
    r0 = page(window_rc[0], window_extent[0], view_rows, shape[0])
    c0 = page(window_rc[1], window_extent[1], view_cols, shape[1])
    return range(r0, r0 + min(view_rows, shape[0])), range(c0, c0 + min(view_cols, shape[1]))


class Frames:
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
        if quiz_stage(reveal) == 2:
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
        self.title_lines = title_lines(self.title, self.title_size, room, 2)
        return m + len(self.title_lines) * 1.3 * self.title_size + 0.5 * t

    def _sum_lines(self, prims, lines, y) -> None:
        for k, line in enumerate(lines):
            prims.append(Text(self.margin, y + (k + 0.5) * 1.3 * self.sum_size, line, self.sum_size, INK, "lm"))


def title_lines(title: str, size: float, width: float, max_lines: int = 2, sep: str = " · ") -> list[str]:
    """A title of parts joined by ``sep`` on at most ``max_lines`` lines, broken between parts (inside a
    part only where it alone is wider than the line).  Where it does not fit, whole parts are left out,
    each run marked "…", so what is shown stays readable: from the middle outward, then the last; the op's
    name stays.  Parts left out early come back when a longer one left out later makes room."""
    parts = title.split(sep)

    def lay(dropped: set[int]) -> list[str]:
        shown: list[str] = []
        for i, part in enumerate(parts):
            if i not in dropped:
                shown.append(part)
            elif not shown or shown[-1] != "…":
                shown.append("…")
        lines: list[str] = []
        for part in shown:
            if lines and text_width(lines[-1] + sep + part, size) <= width:
                lines[-1] += sep + part
            elif lines and text_width(part, size) > width:  # a part longer than a line goes on from here
                lines[-1:] = wrap(lines[-1] + sep + part, size, width, len(title))
            else:
                lines += wrap(part, size, width, len(part))
        return lines

    n = len(parts)
    order = sorted(range(1, n - 1), key=lambda i: (abs(i - (n - 1) / 2), -i)) + ([n - 1] if n > 1 else [])
    dropped: list[int] = []
    while len(lay(set(dropped))) > max_lines:
        if len(dropped) == len(order):  # the op's name alone is too long: its middle goes
            return wrap(title, size, width, max_lines)
        dropped.append(order[len(dropped)])
    for i in reversed(dropped[:-1]):
        if len(lay(set(dropped) - {i})) <= max_lines:
            dropped.remove(i)
    return lay(set(dropped))


def quiz_stage(reveal) -> int:
    """Quiz stages: 0 hides products and sum, 1 shows the products, 2 shows everything."""
    if reveal is True:
        return 2
    if reveal is False or reveal is None:
        return 0
    return int(reveal)


def setup_type(scene, size, min_type) -> None:
    W, H = (int(v) for v in size)
    scene.size = (W, H)
    scene.min_type = float(min_type)
    set_type(scene, max(scene.min_type, 0.028 * min(W, H)))


def set_type(scene, t: float) -> None:
    """The scene's type and what is measured in it: margins, gaps, the sum's size."""
    scene.type = t
    scene.margin = 0.8 * t
    scene.gap = 1.2 * t
    scene.sum_size = 1.08 * t


def turn_scale(angle: float, w: float, h: float) -> float:
    """How much a turning w x h box shrinks so its corners stay inside its upright box."""
    a = math.radians(angle)
    cos, sin = abs(math.cos(a)), abs(math.sin(a))
    return min(1.0, w / (w * cos + h * sin), h / (w * sin + h * cos))




def upright_turn(cx: float, cy: float, angle: float, scale: float, prims) -> list:
    """A :class:`Turn` of ``prims`` whose texts stay upright: the boxes turn, each text is drawn unturned
    at its turned (and scaled) place, so a student reads the numbers all through the turn instead of
    upside down from 90° on."""
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    texts = []
    for p in prims:
        if isinstance(p, Text):  # clockwise, as the painters turn (y down)
            dx, dy = p.x - cx, p.y - cy
            texts.append(Text(cx + scale * (dx * cos - dy * sin), cy + scale * (dx * sin + dy * cos), p.text,
                              p.size * scale, p.color, p.anchor, p.bold))
    return [Turn(cx, cy, angle, scale, tuple(p for p in prims if not isinstance(p, Text))), *texts]
