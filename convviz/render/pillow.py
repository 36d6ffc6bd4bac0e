"""The Pillow painter: maps to pictures (crisp nearest-neighbour cells, values, colour bars,
sheets) and step frames (:mod:`convviz.render.prims`) to RGB images."""

from __future__ import annotations

import functools

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from convviz.core.trace import format_number
from convviz.resources_path import resource

from . import colormaps
from .prims import _HANGUL, PAPER, Picture, Rect, StepFrame, Text, Turn, text_em  # noqa: F401 (text_em: old name)

BACKGROUND = (255, 255, 255)
INK = (32, 32, 32)


@functools.lru_cache(maxsize=128)
def font(size: int, bold: bool = False, hangul: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans, shipped in resources/fonts, so every machine draws the same glyphs (× included);
    ``hangul`` gives the shipped NanumGothic subset for Korean words (tools/subset_hangul_font.py)."""
    if hangul:
        name = "ConvvizHangul-Bold.ttf" if bold else "ConvvizHangul.ttf"
    else:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(resource("fonts", name)), max(6, int(size)))


def is_hangul(ch: str) -> bool:
    return _HANGUL.match(ch) is not None


def script_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (run, is Hangul) pieces; spaces go with the run before them."""
    if _HANGUL.search(text) is None:  # digits, English, × − Σ: one run (nearly every text)
        return [(text, False)]
    runs: list[tuple[str, bool]] = []
    for ch in text:
        hangul = is_hangul(ch) if not ch.isspace() or not runs else runs[-1][1]
        if runs and runs[-1][1] == hangul:
            runs[-1] = (runs[-1][0] + ch, hangul)
        else:
            runs.append((ch, hangul))
    return runs


def draw_text(draw: ImageDraw.ImageDraw, xy, text: str, *, size: int, bold: bool = False, fill=INK,
              anchor: str = "la") -> None:
    """``draw.text`` with font fallback (Pillow has none): Hangul runs in the Hangul font,
    everything else (digits, ×, −, Σ) in DejaVu Sans, laid out as one line at ``anchor``."""
    runs = script_runs(text)
    if len(runs) == 1:
        draw.text(xy, text, fill=fill, font=font(size, bold, runs[0][1]), anchor=anchor)
        return
    widths = [font(size, bold, h).getlength(run) for run, h in runs]
    x, y = xy
    x -= {"l": 0.0, "m": sum(widths) / 2, "r": sum(widths)}[anchor[0]]
    for (run, hangul), width in zip(runs, widths):
        draw.text((x, y), run, fill=fill, font=font(size, bold, hangul), anchor="l" + anchor[1])
        x += width


def auto_scale(shape: tuple[int, int], target: int = 320) -> int:
    """Pixels per cell so a map is about ``target`` pixels on its long side (at least 1)."""
    return max(1, min(64, target // max(shape)))


def map_image(arr: np.ndarray, *, levels=None, colormap: str = "auto", scale: int | None = None,
              values: bool = False) -> Image.Image:
    """One map as an RGB image; each cell becomes a ``scale`` x ``scale`` block."""
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None, :]
    if levels is None:
        lo, hi, signed = colormaps.levels_for([arr])
    else:
        lo, hi = levels
        signed = lo < 0
    scale = scale or auto_scale(arr.shape[:2])
    if arr.ndim == 3:  # RGB input in [0, 1]
        rgb = (np.clip(arr, 0, 1) * 255).round().astype(np.uint8)
    else:
        rgb = colormaps.apply(arr, (lo, hi), colormaps.resolve(colormap, signed))
    big = np.repeat(np.repeat(rgb, scale, axis=0), scale, axis=1)
    img = Image.fromarray(big, "RGB")
    # A hairline frame keeps a map visible where its cells match the page.
    ImageDraw.Draw(img).rectangle((0, 0, img.width - 1, img.height - 1), outline=(150, 150, 150))
    if values and arr.ndim == 2 and scale >= 14:
        draw = ImageDraw.Draw(img)
        texts = [format_number(float(v)) for v in arr.ravel()]
        size = max(8, scale // 3)
        widest = max(draw.textlength(t, font=font(size)) for t in texts)
        if widest > 0.9 * scale:  # the widest number fits its cell, or no number is printed
            size = int(size * 0.9 * scale / widest)
        if size >= 8:
            f = font(size)
            for (r, c), text in zip(np.ndindex(arr.shape), texts):
                ink = (0, 0, 0) if rgb[r, c].astype(int).mean() > 140 else (255, 255, 255)
                draw.text(((c + 0.5) * scale, (r + 0.5) * scale), text, fill=ink, font=f, anchor="mm")
    return img


def colorbar(levels: tuple[float, float], colormap: str, height: int, width: int = 16) -> Image.Image:
    """A vertical colour bar with its two end labels and zero (when signed)."""
    lo, hi = levels
    name = colormaps.resolve(colormap, lo < 0)
    ramp = colormaps.lookup_table(name)[np.linspace(255, 0, max(height, 2)).astype(int)]
    bar = np.repeat(ramp[:, None, :], width, axis=1)
    f = font(11)
    labels = [format_number(hi), format_number(lo)] + (["0"] if lo < 0 < hi else [])
    text_w = max(int(ImageDraw.Draw(Image.new("RGB", (1, 1))).textlength(t, font=f)) for t in labels) + 6
    img = Image.new("RGB", (width + text_w, height + 12), BACKGROUND)
    img.paste(Image.fromarray(bar, "RGB"), (0, 6))
    draw = ImageDraw.Draw(img)
    draw.text((width + 3, 6), labels[0], fill=INK, font=f, anchor="lm")
    draw.text((width + 3, height + 6), labels[1], fill=INK, font=f, anchor="lm")
    if lo < 0 < hi:
        draw.text((width + 3, 6 + height / 2), "0", fill=INK, font=f, anchor="lm")
    return img


def titled(img: Image.Image, title: str, *, bar: Image.Image | None = None, pad: int = 8) -> Image.Image:
    f = font(14)
    title_h = 22
    width = img.width + (bar.width + pad if bar else 0) + 2 * pad
    height = img.height + title_h + 2 * pad
    title_w = int(ImageDraw.Draw(img).textlength(title, font=f)) + 2 * pad
    out = Image.new("RGB", (max(width, title_w), height), BACKGROUND)
    draw = ImageDraw.Draw(out)
    draw.text((pad, pad), title, fill=INK, font=f)
    out.paste(img, (pad, pad + title_h))
    if bar:
        out.paste(bar, (pad + img.width + pad, pad + title_h + max(0, (img.height - bar.height) // 2)))
    return out


def contact_sheet(rows: list[tuple[str, list[Image.Image]]], *, pad: int = 10) -> Image.Image:
    """Rows of labelled tiles: [(row label, [tile, ...]), ...] stacked vertically."""
    f = font(18)
    label_h = 28
    widths = [sum(t.width for t in tiles) + pad * (len(tiles) + 1) for _, tiles in rows]
    heights = [max((t.height for t in tiles), default=0) + label_h + pad for _, tiles in rows]
    sheet = Image.new("RGB", (max(widths, default=100), sum(heights) + pad), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    y = pad
    for (label, tiles), h in zip(rows, heights):
        draw.text((pad, y), label, fill=INK, font=f)
        x = pad
        for tile in tiles:
            sheet.paste(tile, (x, y + label_h))
            x += tile.width + pad
        y += h
    return sheet


# ------------------------------------------------------------------ step frames
def render_image(frame: StepFrame):
    """Draw a frame; returns an RGB ``PIL.Image``."""
    img = Image.new("RGB", frame.size, PAPER)
    draw_prims(img, frame.prims)
    return img


def render_array(frame: StepFrame) -> np.ndarray:
    return np.asarray(render_image(frame))


def draw_prims(img, prims) -> None:
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
        elif isinstance(p, Text):
            draw_text(draw, (p.x, p.y), p.text, size=int(round(p.size)), bold=p.bold, fill=p.color, anchor=p.anchor)
        elif isinstance(p, Picture):
            w, h = max(1, int(round(p.w))), max(1, int(round(p.h)))
            picture = Image.fromarray(np.ascontiguousarray(p.rgb), "RGB").resize((w, h), Image.Resampling.NEAREST)
            img.paste(picture, (int(round(p.x)), int(round(p.y))))
        elif isinstance(p, Turn):
            _draw_turned(img, p)


def _draw_turned(img, turn: Turn) -> None:
    """A turned group: drawn upright on a tile around its centre, turned, scaled and pasted."""
    half = int(np.ceil(max(img.size))) // 2 + 2
    boxes = [(q.x, q.y, q.x + q.w, q.y + q.h) for q in turn.prims if isinstance(q, Rect)]
    if boxes:
        half = int(np.ceil(max(max(abs(b[0] - turn.cx), abs(b[2] - turn.cx), abs(b[1] - turn.cy),
                                   abs(b[3] - turn.cy)) for b in boxes))) + 2
    tile = Image.new("RGB", (2 * half, 2 * half), PAPER)
    mask = Image.new("L", tile.size, 0)
    shift = [_shifted(q, half - turn.cx, half - turn.cy) for q in turn.prims]
    draw_prims(tile, shift)
    draw_prims(mask, [_shifted(Rect(b[0], b[1], b[2] - b[0], b[3] - b[1], fill=255), half - turn.cx, half - turn.cy)
                      for b in boxes])
    turned = tile.rotate(-turn.angle, resample=Image.Resampling.BICUBIC, fillcolor=PAPER)
    turned_mask = mask.rotate(-turn.angle, resample=Image.Resampling.BICUBIC)
    if turn.scale != 1.0:
        size = max(1, round(tile.width * turn.scale))
        turned = turned.resize((size, size), Image.Resampling.BICUBIC)
        turned_mask = turned_mask.resize((size, size), Image.Resampling.BICUBIC)
    img.paste(turned, (int(round(turn.cx - turned.width / 2)), int(round(turn.cy - turned.height / 2))), turned_mask)


def _shifted(p, dx: float, dy: float):
    from dataclasses import replace

    return replace(p, x=p.x + dx, y=p.y + dy)


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


class SequentialRenderer:
    """Renders a scene's frames in order, drawing static parts and filled cells only once.

    Random jumps are allowed (the canvas is rebuilt for the new position)."""

    def __init__(self, scene):
        self.scene = scene
        self._canvas = None  # static + fills up to (not including) self._next
        self._filter_start = None
        self._next = 0

    def _rebuild(self, i: int) -> None:
        scene = self.scene
        start = scene.filter_start(i)
        canvas = Image.new("RGB", scene.size, PAPER)
        draw_prims(canvas, scene.static(scene.filter_of(i)))
        for j in range(start, i):
            draw_prims(canvas, scene.fill(j))
        self._canvas, self._filter_start, self._next = canvas, start, i

    def image(self, i: int, *, reveal=True):
        scene = self.scene
        if self._canvas is None or scene.filter_start(i) != self._filter_start or i < self._next:
            self._rebuild(i)
        while self._next < i:
            draw_prims(self._canvas, scene.fill(self._next))
            self._next += 1
        img = self._canvas.copy()
        if reveal is True or reveal == 2:
            draw_prims(img, scene.fill(i))
        draw_prims(img, scene.transient(i, reveal=reveal))
        return img

    def array(self, i: int, *, reveal=True) -> np.ndarray:
        return np.asarray(self.image(i, reveal=reveal))
