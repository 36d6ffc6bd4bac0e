"""Maps to pictures with Pillow: crisp nearest-neighbour cells, values, colour bars, sheets."""

from __future__ import annotations

import functools
import re

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from convviz.core.trace import format_number
from convviz.resources_path import resource

from . import colormaps

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


_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


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


def text_em(text: str) -> float:
    """Rough width of ``text`` in em: Hangul syllables are square, DejaVu averages about 0.6 em."""
    hangul = len(_HANGUL.findall(text))
    return hangul + 0.6 * (len(text) - hangul)


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
        f = font(max(8, scale // 3))
        for (r, c), v in np.ndenumerate(arr):
            cell = rgb[r, c].astype(int)
            ink = (0, 0, 0) if cell.mean() > 140 else (255, 255, 255)
            draw.text(((c + 0.5) * scale, (r + 0.5) * scale), format_number(float(v)), fill=ink, font=f, anchor="mm")
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
    out = Image.new("RGB", (max(width, int(ImageDraw.Draw(img).textlength(title, font=f)) + 2 * pad), height), BACKGROUND)
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
