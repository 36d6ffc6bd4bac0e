"""Step pictures: one frame per step of a trace, as drawing primitives.

A frame is laid out once as a list of rectangles and texts; two small
backends draw it: Pillow (PNG / GIF / MP4 frames, and the window's step
view) and SVG (crisp on any slide).  Both draw the same primitives, so an
exported animation, an SVG and the window show the same picture.

What a convolution frame shows (as the lecture walks through it): the
padded input with the current window (padded cells dashed, with the value the
boundary mode gives them), the kernel as applied (flipped for convolve), the
element-wise products, the sum written out, and the output filling in.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np

from convviz.core.trace import ConvTrace, PoolTrace, format_number, grid_cells

from . import colormaps
from .labels import Translate, english

WINDOW = (255, 140, 0)  # receptive field
PADDED = (142, 68, 173)  # padded cells
PADDED_FILL = (236, 226, 242)
TARGET = (0, 160, 96)  # the output cell being filled
INK = (30, 30, 30)
MUTED = (120, 120, 120)
PAPER = (255, 255, 255)
GRID = (170, 170, 170)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: tuple | None = None
    outline: tuple | None = None
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float
    color: tuple = INK
    anchor: str = "mm"  # Pillow anchors: l/m/r + t/m/b (a subset)
    bold: bool = False


# --------------------------------------------------------------------- layout
def _cell_color(value: float, levels: tuple[float, float], cmap: str) -> tuple:
    lut = colormaps.lookup_table(cmap)
    lo, hi = levels
    index = 0 if hi <= lo else int(np.clip((value - lo) / (hi - lo) * 255, 0, 255))
    return tuple(int(v) for v in lut[index])


def _ink_for(color: tuple) -> tuple:
    return (0, 0, 0) if sum(color) / 3 > 140 else (255, 255, 255)


def _grid(prims, x0, y0, cell, values, *, levels, cmap, show_values=True, font=12.0, mask=None):
    """A grid of coloured cells with optional values; ``mask`` False cells are left blank."""
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            if mask is not None and not mask[r, c]:
                prims.append(Rect(x0 + c * cell, y0 + r * cell, cell, cell, fill=PAPER, outline=GRID))
                continue
            v = float(values[r, c])
            color = _cell_color(v, levels, cmap)
            prims.append(Rect(x0 + c * cell, y0 + r * cell, cell, cell, fill=color, outline=GRID))
            if show_values and cell >= 14:
                text = format_number(v)
                prims.append(Text(x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell, text,
                                  fit_size(text, font, cell * 0.92), _ink_for(color)))


def _padded_cell(x: float, y: float, cell: float) -> Rect:
    """A cell outside the input: tinted, dashed in the padding colour."""
    return Rect(x, y, cell, cell, fill=PADDED_FILL, outline=PADDED, width=2, dashed=True)


def _window_cells(step, x0: float, y0: float, cell: float, top: int, left: int):
    """(tap, x, y) of each cell of a step's window, on a padded-input grid drawn at (x0, y0)
    with ``top`` / ``left`` padding rows and columns."""
    cells = grid_cells(step.coords)
    for tap in np.ndindex(step.padded.shape):
        r, c = (int(v) for v in cells[tap])
        yield tap, x0 + (c + left) * cell, y0 + (r + top) * cell


def fit_size(text: str, preferred: float, width: float) -> float:
    """A font size no larger than ``preferred`` at which ``text`` fits in ``width`` pixels."""
    from .render import text_em

    return max(6.0, min(preferred, width / max(text_em(text), 0.6)))


def _levels(arr: np.ndarray) -> tuple[tuple[float, float], str]:
    lo, hi, signed = colormaps.levels_for([arr])
    return (lo, hi), ("diverging" if signed else "gray")


def _fit_cell(rows: int, cols: int, width: float, height: float, max_cell: float = 64) -> float:
    return max(2.0, min(max_cell, width / max(cols, 1), height / max(rows, 1)))


class _CachedSteps:
    """The last few steps of a trace, so a frame's parts share one O(kernel) lookup."""

    def __init__(self, trace):
        self._trace = trace
        self._cache: dict[int, object] = {}

    def __getattr__(self, name):
        return getattr(self._trace, name)

    def __len__(self) -> int:
        return len(self._trace)

    def __getitem__(self, i: int):
        step = self._cache.get(i)
        if step is None:
            if len(self._cache) > 8:
                self._cache.clear()
            step = self._cache[i] = self._trace[i]
        return step


@dataclass
class StepFrame:
    size: tuple[int, int]
    prims: list


class ConvStepScene:
    """Lays out frames for a convolution trace; static parts are computed once."""

    def __init__(self, trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english):
        self.trace = _CachedSteps(trace)
        self.size = size
        self.tr = tr
        p = trace.prepared
        g = trace.geometry
        self.one_d = len(g.out_shape) == 1
        x = p.x.mean(axis=-1) if p.channels > 1 else p.x[..., 0]  # (H, W) or (W,)
        self.rgb = p.channels > 1
        self.x2 = x[None, :] if self.one_d else x
        pads = ((0, 0),) + g.pads if self.one_d else g.pads
        self.pads = pads
        self.padded_shape = (self.x2.shape[0] + pads[0][0] + pads[0][1], self.x2.shape[1] + pads[1][0] + pads[1][1])
        full = np.asarray(p.x, dtype=np.float64)
        self.in_levels, self.in_cmap = _levels(full)
        # The whole output, computed once (the fast path), fills in step by step.
        from convviz.core.conv import evaluate

        out = evaluate(p)
        self.out = out[..., None] if not p.bank else out
        if self.one_d:
            self.out = self.out[None, ...]
        self.out_levels, self.out_cmap = _levels(self.out)
        kernel = p.weights[..., 0, :] if p.channels == 1 else p.weights.mean(axis=-2)
        self.kernel = kernel[None, ...] if self.one_d else kernel  # (kh, kw, F)
        self.k_levels, self.k_cmap = _levels(self.kernel)
        stride = g.stride[0] if len(set(g.stride)) == 1 else g.stride
        self.title = title or f"{op_name(trace.op, tr)} · {tr('padding')} {g.pads} · {tr('stride')} {stride}"
        self._layout()

    def _layout(self) -> None:
        W, H = self.size
        m = 0.03 * W
        self.header_h = 0.08 * H
        self.footer_h = 0.16 * H
        body_h = H - self.header_h - self.footer_h - m
        ph, pw = self.padded_shape
        # Input: left 42 %; kernel + products: middle 22 %; output: right.
        self.in_box = (m, self.header_h, 0.42 * W - m, body_h)
        self.mid_box = (0.44 * W, self.header_h, 0.2 * W, body_h)
        self.out_box = (0.66 * W, self.header_h, 0.34 * W - m, body_h)
        self.in_cell = _fit_cell(ph, pw, self.in_box[2], self.in_box[3] - 24)
        kh, kw = self.kernel.shape[:2]
        self.k_cell = _fit_cell(kh, kw, self.mid_box[2], (self.mid_box[3] - 60) / 2)
        oh, ow = self.out.shape[:2]
        self.out_cell = _fit_cell(oh, ow, self.out_box[2], self.out_box[3] - 24)

    # A frame = static(filter) + fills(earlier steps) + transient(step).  The
    # sequential renderer draws static once, each fill once, transient per frame.
    def static(self, f: int) -> list:
        W, H = self.size
        prims: list = [Rect(0, 0, W, H, fill=PAPER)]
        prims.append(Text(0.03 * W, self.header_h / 2, self.title, fit_size(self.title, 0.028 * H, 0.78 * W),
                          INK, "lm", bold=True))
        x0, y0, _, _ = self.in_box
        cell = self.in_cell
        top, left = self.pads[0][0], self.pads[1][0]
        padded = any(self.pads[0] + self.pads[1])
        label = self.tr("input (padded)") if padded else self.tr("input")
        if self.rgb:
            label += " · " + self.tr("channel mean")
        prims.append(Text(x0, y0 + 8, label, fit_size(label, 0.022 * H, self.in_box[2]), MUTED, "lm"))
        gy = y0 + 24
        _grid(prims, x0 + left * cell, gy + top * cell, cell, self.x2, levels=self.in_levels, cmap=self.in_cmap,
              font=max(7.0, cell * 0.38))
        if padded:
            ph, pw = self.padded_shape
            prims.append(Rect(x0, gy, pw * cell, ph * cell, outline=PADDED, width=1, dashed=True))
        mx, my, _, _ = self.mid_box
        kcell = self.k_cell
        label = self.tr("kernel (flipped 180°)") if self.trace.op == "convolve" else self.tr("kernel")
        if self.rgb:
            label += " · " + self.tr("channel mean")
        prims.append(Text(mx, my + 8, label, fit_size(label, 0.022 * H, self.mid_box[2]), MUTED, "lm"))
        _grid(prims, mx, my + 24, kcell, self.kernel[..., f], levels=self.k_levels, cmap=self.k_cmap,
              font=max(7.0, kcell * 0.34))
        ox, oy, _, _ = self.out_box
        out_map = self.out[..., f]
        many = self.trace.prepared.filters > 1
        label = self.tr("output · filter {n}").format(n=f + 1) if many else self.tr("output")
        prims.append(Text(ox, oy + 8, label, fit_size(label, 0.022 * H, self.out_box[2]), MUTED, "lm"))
        _grid(prims, ox, oy + 24, self.out_cell, out_map, levels=self.out_levels, cmap=self.out_cmap,
              mask=np.zeros(out_map.shape, dtype=bool))
        return prims

    def _out_pos(self, step) -> tuple[int, int]:
        pos = step.out_index[: len(self.trace.geometry.out_shape)]
        return (0, pos[0]) if self.one_d else pos

    def fill(self, i: int) -> list:
        """The output cell of step ``i``, filled in."""
        step = self.trace[i]
        r, c = self._out_pos(step)
        ox, oy, _, _ = self.out_box
        ocell = self.out_cell
        prims: list = []
        _grid(prims, ox + c * ocell, oy + 24 + r * ocell, ocell, self.out[r : r + 1, c : c + 1, step.filter],
              levels=self.out_levels, cmap=self.out_cmap, font=max(7.0, ocell * 0.38))
        return prims

    def transient(self, i: int, *, reveal: bool = True) -> list:
        step = self.trace[i]
        W, H = self.size
        counter = self.tr("step {i} / {n}").format(i=i + 1, n=len(self.trace))
        prims: list = [Text(0.97 * W, self.header_h / 2, counter, fit_size(counter, 0.026 * H, 0.17 * W), MUTED, "rm")]
        x0, y0, _, _ = self.in_box
        cell = self.in_cell
        top, left = self.pads[0][0], self.pads[1][0]
        gy = y0 + 24
        font = max(7.0, cell * 0.38)
        values = step.values if step.values.ndim == step.padded.ndim else step.values.mean(axis=-1)
        for tap, px, py in _window_cells(step, x0, gy, cell, top, left):
            if step.padded[tap]:
                prims.append(_padded_cell(px, py, cell))
                if cell >= 14:
                    prims.append(Text(px + cell / 2, py + cell / 2, format_number(float(values[tap])), font, PADDED))
            prims.append(Rect(px, py, cell, cell, outline=WINDOW, width=max(2.0, cell * 0.08)))
        mx, my, _, _ = self.mid_box
        kcell = self.k_cell
        py0 = my + 24 + self.kernel.shape[0] * kcell + 30
        if step.products.ndim == step.padded.ndim:
            products2 = step.products[None, :] if self.one_d else step.products
            prims.append(Text(mx, py0 - 12, self.tr("products"), 0.022 * H, MUTED, "lm"))
            p_levels, p_cmap = _levels(products2)
            _grid(prims, mx, py0, kcell, products2, levels=p_levels, cmap=p_cmap, font=max(7.0, kcell * 0.34))
        else:
            # Multi-channel: each channel's products and their sum, then the channel sums adding up.
            channels = step.products.shape[-1]
            p_levels, p_cmap = _levels(step.products)
            pcell = min(kcell, (self.size[1] - self.footer_h - py0) / (channels * (step.products.shape[0] + 1.2)))
            y = py0
            sums = []
            for c in range(channels):
                part = step.products[..., c]
                sums.append(float(part.sum()))
                name = "RGB"[c] if channels == 3 else f"c{c}"
                label = self.tr("products {channel}: Σ = {sum}").format(channel=name, sum=format_number(sums[-1]))
                prims.append(Text(mx, y - 8, label, fit_size(label, 0.02 * H, self.mid_box[2]), MUTED, "lm"))
                _grid(prims, mx, y, pcell, part, levels=p_levels, cmap=p_cmap, font=max(7.0, pcell * 0.34))
                y += part.shape[0] * pcell + 0.2 * pcell + 14
            names = "RGB" if channels == 3 else [f"c{c}" for c in range(channels)]
            line = " + ".join(f"{format_number(v)} ({n})" for v, n in zip(sums, names)).replace("+ -", "− ")
            if step.bias:
                line += f" + {format_number(step.bias)} ({self.tr('bias')})"
            line = self.tr("channels: {sum}").format(sum=f"{line} = {format_number(float(step.total))}")
            prims.append(Text(0.03 * W, H - self.footer_h / 2 - 0.035 * H, line, fit_size(line, 0.024 * H, 0.94 * W),
                              INK, "lm"))
        ox, oy, _, _ = self.out_box
        ocell = self.out_cell
        r, c = self._out_pos(step)
        if not reveal:
            prims.append(Rect(ox + c * ocell, oy + 24 + r * ocell, ocell, ocell, fill=PAPER, outline=GRID))
            if ocell >= 14:
                prims.append(Text(ox + (c + 0.5) * ocell, oy + 24 + (r + 0.5) * ocell, "?", ocell * 0.5, TARGET, bold=True))
        prims.append(Rect(ox + c * ocell, oy + 24 + r * ocell, ocell, ocell, outline=TARGET, width=max(2.0, ocell * 0.1)))
        expr = step.expression()
        if not reveal:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        if len(expr) > 150:
            head = expr[:140].rsplit(" + ", 1)[0]
            expr = f"{head} + … = {'?' if not reveal else format_number(float(step.total))}"
        where = ", ".join(map(str, step.out_index))
        line = f"out[{where}] = {expr}"
        prims.append(Text(0.03 * W, H - self.footer_h / 2, line, fit_size(line, 0.026 * H, 0.94 * W), INK, "lm"))
        return prims

    def filter_start(self, i: int) -> int:
        return (i // self.trace._map_size) * self.trace._map_size

    def flip_image(self, angle: float, f: int = 0):
        """The convolution's opening move: the kernel as given, turned by ``angle`` degrees
        (0 → 180) on the input, before sliding starts.  A Pillow RGB image of the scene's size."""
        from PIL import Image

        W, H = self.size
        base = Image.new("RGB", self.size, PAPER)
        draw_prims(base, self.static(f))
        given = self.kernel[::-1, ::-1, f]  # undo the flip: the kernel as the user wrote it
        kcell = self.k_cell
        tile_prims: list = []
        _grid(tile_prims, 0, 0, kcell, given, levels=self.k_levels, cmap=self.k_cmap, font=max(7.0, kcell * 0.34))
        kh, kw = given.shape
        tile = Image.new("RGB", (int(np.ceil(kw * kcell)) + 1, int(np.ceil(kh * kcell)) + 1), PAPER)
        draw_prims(tile, tile_prims)
        turned = tile.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=PAPER)
        # Shrink the turning tile so its corners stay inside the kernel's own box (clear of the label).
        fit = min(tile.width / turned.width, tile.height / turned.height, 1.0)
        if fit < 1.0:
            turned = turned.resize((max(1, round(turned.width * fit)), max(1, round(turned.height * fit))),
                                   Image.Resampling.BICUBIC)
        mx, my, mw, mh = self.mid_box
        cx, cy = mx + kw * kcell / 2, my + 24 + kh * kcell / 2
        # Cover the static (already flipped) kernel, then place the turning one.
        cover = Image.new("RGB", (int(mw), int(kh * kcell + 40)), PAPER)
        base.paste(cover, (int(mx), int(my)))
        base.paste(turned, (int(cx - turned.width / 2), int(cy - turned.height / 2)))
        label = self.tr("kernel, turning 180°")
        draw_prims(base, [Text(mx, my + 8, label, fit_size(label, 0.022 * H, mw), MUTED, "lm")])
        caption = self.tr("convolution flips the kernel: {angle}° of 180°").format(angle=f"{angle:.0f}")
        draw_prims(base, [Text(0.03 * W, H - self.footer_h / 2, caption, fit_size(caption, 0.026 * H, 0.94 * W),
                               INK, "lm")])
        return base

    def frame(self, i: int, *, reveal: bool = True) -> StepFrame:
        """The whole picture of step ``i`` (random access); ``reveal=False`` hides its value (quiz)."""
        f = self.trace[i].filter
        prims = self.static(f)
        for j in range(self.filter_start(i), i + 1):
            prims += self.fill(j)
        prims += self.transient(i, reveal=reveal)
        return StepFrame(self.size, prims)


FLIP_SECONDS = 1.2  # the window's flip animation and the animate subcommand's flip frames
FLIP_FRAMES = 14


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


def has_flip(scene) -> bool:
    """Whether the scene opens with the kernel's 180° turn (2D convolution)."""
    return isinstance(scene, ConvStepScene) and scene.trace.op == "convolve"


class PoolStepScene:
    """Frames for a pooling trace: the window, the winning cell or the divisor."""

    def __init__(self, trace: PoolTrace, size=(1280, 720), *, title: str = "", tr: Translate = english):
        self.trace = _CachedSteps(trace)
        self.size = size
        self.tr = tr
        self.x = trace.x
        g = trace.geometry
        self.one_d = len(g.out_shape) == 1
        kind = tr("max pooling") if trace.kind == "max" else tr("average pooling")
        self.title = title or f"{kind} · {tr('window')} {g.kernel_shape} · {tr('stride')} {g.stride}"
        from convviz.core.pool import pool

        stride = g.stride
        padding = "same" if any(b or a for b, a in g.pads) else "valid"
        out = pool(trace.x, trace.kind, g.kernel_shape, stride=stride, padding=padding)
        self.out = out[None, ...] if self.one_d else out
        self.levels, self.cmap = _levels(np.asarray(trace.x, dtype=np.float64))

    def static(self, f: int) -> list:
        return []

    def fill(self, i: int) -> list:
        return []

    def filter_start(self, i: int) -> int:
        return i

    def transient(self, i: int, *, reveal: bool = True) -> list:
        return self.frame(i, reveal=reveal).prims

    def frame(self, i: int, *, reveal: bool = True) -> StepFrame:
        step = self.trace[i]
        W, H = self.size
        prims: list = [Rect(0, 0, W, H, fill=PAPER)]
        prims.append(Text(0.03 * W, 0.04 * H, self.title, fit_size(self.title, 0.028 * H, 0.78 * W), INK, "lm", bold=True))
        counter = self.tr("step {i} / {n}").format(i=i + 1, n=len(self.trace))
        prims.append(Text(0.97 * W, 0.04 * H, counter, fit_size(counter, 0.026 * H, 0.17 * W), MUTED, "rm"))
        g = self.trace.geometry
        ch = step.channel
        x2 = self.x[..., ch]
        x2 = x2[None, :] if self.one_d else x2
        pads = ((0, 0),) + g.pads if self.one_d else g.pads
        ph, pw = x2.shape[0] + pads[0][0] + pads[0][1], x2.shape[1] + pads[1][0] + pads[1][1]
        m = 0.03 * W
        cell = _fit_cell(ph, pw, 0.55 * W - m, 0.72 * H)
        x0, y0 = m, 0.1 * H
        top, left = pads[0][0], pads[1][0]
        _grid(prims, x0 + left * cell, y0 + top * cell, cell, x2, levels=self.levels, cmap=self.cmap, font=max(7.0, cell * 0.38))
        for tap, px, py in _window_cells(step, x0, y0, cell, top, left):
            if step.padded[tap]:
                prims.append(_padded_cell(px, py, cell))
            outline = TARGET if step.winner is not None and tap == step.winner else WINDOW
            prims.append(Rect(px, py, cell, cell, outline=outline, width=max(2.0, cell * (0.14 if outline == TARGET else 0.08))))
        out_map = self.out[..., ch] if self.out.ndim == 3 else self.out
        ocell = _fit_cell(*out_map.shape, 0.36 * W, 0.72 * H)
        ox, oy = 0.61 * W, 0.1 * H
        pos = step.out_index[: len(g.out_shape)]
        r, c = (0, pos[0]) if self.one_d else pos
        filled = np.zeros(out_map.shape, dtype=bool)
        filled.reshape(-1)[: r * out_map.shape[1] + c + (1 if reveal else 0)] = True
        _grid(prims, ox, oy, ocell, out_map, levels=self.levels, cmap=self.cmap, font=max(7.0, ocell * 0.38), mask=filled)
        prims.append(Rect(ox + c * ocell, oy + r * ocell, ocell, ocell, outline=TARGET, width=max(2.0, ocell * 0.1)))
        expr = step.expression(self.trace.kind)
        if not reveal:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        note = "   (" + self.tr("padded cells take no part") + ")" if step.padded.any() else ""
        line = expr + note
        prims.append(Text(0.03 * W, 0.92 * H, line, fit_size(line, 0.026 * H, 0.94 * W), INK, "lm"))
        return StepFrame(self.size, prims)


# ------------------------------------------------------------------- backends
def render_image(frame: StepFrame):
    """Draw a frame with Pillow; returns an RGB ``PIL.Image``."""
    from PIL import Image

    img = Image.new("RGB", frame.size, PAPER)
    draw_prims(img, frame.prims)
    return img


def draw_prims(img, prims) -> None:
    from PIL import ImageDraw

    from .render import draw_text

    draw = ImageDraw.Draw(img)
    for p in prims:
        if isinstance(p, Rect):
            box = (p.x, p.y, p.x + p.w, p.y + p.h)
            if p.fill is not None:
                draw.rectangle(box, fill=p.fill)
            if p.outline is not None:
                if p.dashed:
                    _dashed_rect(draw, box, p.outline, max(1, int(round(p.width))))
                else:
                    draw.rectangle(box, outline=p.outline, width=max(1, int(round(p.width))))
        else:
            draw_text(draw, (p.x, p.y), p.text, size=int(round(p.size)), bold=p.bold, fill=p.color, anchor=p.anchor)
    return img


def _dashed_rect(draw, box, color, width, dash=6):
    x0, y0, x1, y1 = box
    for a, b, horizontal, fixed in ((x0, x1, True, y0), (x0, x1, True, y1), (y0, y1, False, x0), (y0, y1, False, x1)):
        t = a
        while t < b:
            e = min(t + dash, b)
            if horizontal:
                draw.line((t, fixed, e, fixed), fill=color, width=width)
            else:
                draw.line((fixed, t, fixed, e), fill=color, width=width)
            t += 2 * dash


def render_array(frame: StepFrame) -> np.ndarray:
    return np.asarray(render_image(frame))


class SequentialRenderer:
    """Renders frames in order, drawing static parts and filled cells only once.

    Random jumps are allowed (the canvas is rebuilt for the new position), so
    the window's player can use it too.
    """

    def __init__(self, scene):
        self.scene = scene
        self._canvas = None  # static + fills up to (not including) self._next
        self._filter_start = None
        self._next = 0

    def _rebuild(self, i: int) -> None:
        from PIL import Image

        scene = self.scene
        start = scene.filter_start(i)
        canvas = Image.new("RGB", scene.size, PAPER)
        f = getattr(scene.trace[i], "filter", 0)
        draw_prims(canvas, scene.static(f))
        for j in range(start, i):
            draw_prims(canvas, scene.fill(j))
        self._canvas, self._filter_start, self._next = canvas, start, i

    def image(self, i: int, *, reveal: bool = True):
        scene = self.scene
        if self._canvas is None or scene.filter_start(i) != self._filter_start or i < self._next:
            self._rebuild(i)
        while self._next < i:
            draw_prims(self._canvas, scene.fill(self._next))
            self._next += 1
        img = self._canvas.copy()
        if reveal:
            draw_prims(img, scene.fill(i))
        draw_prims(img, scene.transient(i, reveal=reveal))
        return img

    def array(self, i: int, *, reveal: bool = True) -> np.ndarray:
        return np.asarray(self.image(i, reveal=reveal))


_SVG_ANCHOR = {"l": "start", "m": "middle", "r": "end"}
_SVG_BASELINE = {"t": "hanging", "m": "central", "b": "alphabetic"}


def render_svg(frame: StepFrame) -> str:
    """The same frame as SVG text (vector: crisp at any size)."""
    W, H = frame.size

    def rgb(c):
        return "none" if c is None else f"rgb({c[0]},{c[1]},{c[2]})"

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
             'font-family="DejaVu Sans, Arial, NanumGothic, Malgun Gothic, Apple SD Gothic Neo, sans-serif">']
    for p in frame.prims:
        if isinstance(p, Rect):
            dash = ' stroke-dasharray="6 6"' if p.dashed else ""
            stroke = f' stroke="{rgb(p.outline)}" stroke-width="{p.width:.2f}"' if p.outline else ""
            parts.append(f'<rect x="{p.x:.2f}" y="{p.y:.2f}" width="{p.w:.2f}" height="{p.h:.2f}" '
                         f'fill="{rgb(p.fill)}"{stroke}{dash}/>')
        else:
            weight = ' font-weight="bold"' if p.bold else ""
            parts.append(f'<text x="{p.x:.2f}" y="{p.y:.2f}" font-size="{p.size:.1f}" fill="{rgb(p.color)}" '
                         f'text-anchor="{_SVG_ANCHOR[p.anchor[0]]}" dominant-baseline="{_SVG_BASELINE[p.anchor[1]]}"'
                         f'{weight}>{escape(p.text, quote=False)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


class OneDStepScene:
    """The lecture's 1D layout: the signal as a row of boxes, the (flipped) kernel
    sliding beneath it, the products under the window, the output row growing."""

    def __init__(self, trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english):
        self.trace = _CachedSteps(trace)
        self.size = size
        self.tr = tr
        p, g = trace.prepared, trace.geometry
        self.x = p.x[:, 0]
        self.kernel = p.weights[:, 0, 0]
        (self.before, self.after), = g.pads
        self.stride, self.dilation = g.stride[0], g.dilation[0]
        from convviz.core.conv import evaluate

        self.out = np.asarray(evaluate(p))
        self.padded_len = len(self.x) + self.before + self.after
        W, H = size
        self.m = 0.04 * W
        self.cell = _fit_cell(1, self.padded_len, W - 2 * self.m, H, max_cell=72)
        self.font = max(7.0, self.cell * 0.36)
        self.rows_y = [0.16 * H, 0.36 * H, 0.52 * H, 0.78 * H]  # signal, kernel, products, output
        self.in_levels, self.in_cmap = _levels(self.x)
        self.k_levels, self.k_cmap = _levels(self.kernel)
        self.out_levels, self.out_cmap = _levels(self.out)
        self.title = title or f"{op_name(trace.op, tr)} · {tr('padding')} {g.pads[0]} · {tr('stride')} {self.stride}"

    def _x(self, padded_pos: float) -> float:
        return self.m + padded_pos * self.cell

    def filter_start(self, i: int) -> int:
        return 0

    def static(self, f: int) -> list:
        W, H = self.size
        prims: list = [Rect(0, 0, W, H, fill=PAPER),
                       Text(self.m, 0.05 * H, self.title, fit_size(self.title, 0.03 * H, 0.78 * W), INK, "lm", bold=True)]
        y_sig, y_k, y_p, y_out = self.rows_y
        kernel = self.tr("kernel (flipped)") if self.trace.op == "convolve" else self.tr("kernel")
        for label, y in ((self.tr("signal x"), y_sig), (kernel, y_k), (self.tr("products"), y_p),
                         (self.tr("output"), y_out)):
            prims.append(Text(self.m, y - 14, label, 0.022 * H, MUTED, "lm"))
        for pos in range(self.padded_len):
            i = pos - self.before
            if 0 <= i < len(self.x):
                _grid(prims, self._x(pos), y_sig, self.cell, self.x[i : i + 1][None, :], levels=self.in_levels,
                      cmap=self.in_cmap, font=self.font)
            else:
                prims.append(_padded_cell(self._x(pos), y_sig, self.cell))
                from convviz.core.padding import boundary_source

                src = boundary_source(i, len(self.x), self.trace.prepared.boundary)
                value = 0.0 if src < 0 else float(self.x[src])
                prims.append(Text(self._x(pos) + self.cell / 2, y_sig + self.cell / 2, format_number(value),
                                  self.font, PADDED))
        return prims

    def fill(self, i: int) -> list:
        o = self.trace[i].out_index[0]
        prims: list = []
        _grid(prims, self._x(o * self.stride), self.rows_y[3], self.cell, self.out[o : o + 1][None, :],
              levels=self.out_levels, cmap=self.out_cmap, font=self.font)
        return prims

    def transient(self, i: int, *, reveal: bool = True) -> list:
        step = self.trace[i]
        W, H = self.size
        o = step.out_index[0]
        start = o * self.stride
        y_sig, y_k, y_p, y_out = self.rows_y
        counter = self.tr("step {i} / {n}").format(i=i + 1, n=len(self.trace))
        prims: list = [Text(W - self.m, 0.05 * H, counter, fit_size(counter, 0.026 * H, 0.2 * W), MUTED, "rm")]
        for t in range(len(self.kernel)):
            pos = start + t * self.dilation
            prims.append(Rect(self._x(pos), y_sig, self.cell, self.cell, outline=WINDOW, width=max(2.0, self.cell * 0.08)))
            _grid(prims, self._x(pos), y_k, self.cell, self.kernel[t : t + 1][None, :], levels=self.k_levels,
                  cmap=self.k_cmap, font=self.font)
            product = float(step.products[t])
            p_levels, p_cmap = _levels(step.products)
            _grid(prims, self._x(pos), y_p, self.cell, np.array([[product]]), levels=p_levels, cmap=p_cmap,
                  font=self.font)
        x_out = self._x(start)
        if not reveal:
            prims.append(Rect(x_out, y_out, self.cell, self.cell, fill=PAPER, outline=GRID))
            prims.append(Text(x_out + self.cell / 2, y_out + self.cell / 2, "?", self.cell * 0.5, TARGET, bold=True))
        prims.append(Rect(x_out, y_out, self.cell, self.cell, outline=TARGET, width=max(2.0, self.cell * 0.1)))
        expr = step.expression()
        if not reveal:
            expr = expr.rsplit("=", 1)[0] + "= ?"
        line = f"out[{o}] = {expr}"
        prims.append(Text(self.m, 0.68 * H, line, fit_size(line, 0.03 * H, W - 2 * self.m), INK, "lm"))
        return prims

    def frame(self, i: int, *, reveal: bool = True) -> StepFrame:
        prims = self.static(0)
        for j in range(0, i + 1):
            if j < i or reveal:
                prims += self.fill(j)
        prims += self.transient(i, reveal=reveal)
        return StepFrame(self.size, prims)


def conv_scene(trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english):
    """The right layout for a trace: the 1D row layout or the 2D grid layout."""
    if len(trace.geometry.out_shape) == 1:
        return OneDStepScene(trace, size, title=title, tr=tr)
    return ConvStepScene(trace, size, title=title, tr=tr)
