"""Pictures of a network's layers: each layer's output as labelled maps, and one overview of them all.

A layer's output is drawn by its shape: (H, W, C) as one map per channel on shared levels with a colour
bar; (W, C) as channels x positions; a vector as a block of cells (wrapped into rows) or, for class
probabilities, as labelled bars. ``convviz inspect`` writes these as PNGs and ``convviz.inspect`` shows
the overview inline in a notebook.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from . import colormaps
from .pillow import BACKGROUND, INK, colorbar, contact_sheet, draw_text, font, map_image, script_runs, titled
from .prims import shape_text

#: A layer's sheet shows this many channels at most, this many to a row.
MAX_MAPS = 64
MAPS_PER_ROW = 8


def _wrapped(vector: np.ndarray) -> np.ndarray:
    """A long vector as a block of rows, its length split by a divisor near its square root (1960 as
    40 rows of 49) so no cell is padding; a length without such a divisor stays one row."""
    n = vector.size
    if n <= 32:
        return vector[None, :]
    divisors = [d for d in range(8, int(np.sqrt(n)) + 1) if n % d == 0]
    if not divisors:
        return vector[None, :]
    rows = divisors[-1]
    return vector.reshape(rows, n // rows)


def _scale(shape, target: int) -> int:
    return max(1, min(48, target // max(shape)))


def map_tiles(output: np.ndarray, *, target: int = 160, max_maps: int = MAX_MAPS,
              colormap: str = "auto") -> tuple[list[Image.Image], Image.Image, str]:
    """(titled tiles, colour bar, what was left out) for one layer's output."""
    arr = np.asarray(output, dtype=np.float64)
    if arr.ndim == 3:
        channels = arr.shape[-1]
        maps = [arr[..., c] for c in range(min(channels, max_maps))]
        titles = [f"c{c}" for c in range(len(maps))]
        left_out = f"channels 0–{len(maps) - 1} of {channels}" if channels > len(maps) else ""
    elif arr.ndim == 2:
        maps, titles, left_out = [arr.T], ["channels × positions"], ""
    else:
        flat = arr.reshape(-1)
        block = _wrapped(flat)
        maps = [block]
        titles = [f"{flat.size} values" + (f", {block.shape[1]} a row" if block.shape[0] > 1 else "")]
        left_out = ""
    lo, hi, _ = colormaps.levels_for(maps)
    scale = _scale(maps[0].shape, target if arr.ndim == 3 else 2 * target)
    values = maps[0].size <= 64 and scale >= 40  # room for a number such as -0.1234 in every cell
    tiles = [titled(map_image(m, levels=(lo, hi), colormap=colormap, scale=scale, values=values), t)
             for m, t in zip(maps, titles)]
    return tiles, colorbar((lo, hi), colormap, height=max(40, min(tiles[0].height - 40, 200))), left_out


def probability_bars(probabilities, class_names=(), *, width: int = 260) -> Image.Image:
    """Labelled horizontal bars, one per class, the most likely in bold ink."""
    p = np.asarray(probabilities, dtype=np.float64).reshape(-1)
    names = [str(n) for n in class_names] if len(class_names) == p.size else [str(i) for i in range(p.size)]
    size, row = 14, 22
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    label_w = max(int(sum(measure.textlength(r, font=font(size, True, h)) for r, h in script_runs(n)))
                  for n in names) + 12  # measured in bold: the most likely class is drawn so
    img = Image.new("RGB", (label_w + width + 80, row * p.size + 8), BACKGROUND)
    draw = ImageDraw.Draw(img)
    best = int(p.argmax()) if p.size else -1
    for i, (name, value) in enumerate(zip(names, p)):
        y = 4 + i * row
        bold = i == best
        draw_text(draw, (label_w - 8, y + row / 2), name, size=size, bold=bold, anchor="rm")
        length = int(round(width * float(np.clip(value, 0, 1))))
        draw.rectangle((label_w, y + 4, label_w + width, y + row - 4), outline=(200, 200, 200))
        if length:
            draw.rectangle((label_w, y + 4, label_w + length, y + row - 4),
                           fill=(40, 90, 170) if bold else (140, 160, 190))
        draw.text((label_w + width + 8, y + row / 2), f"{100 * value:.1f}%", fill=INK, font=font(size, bold),
                  anchor="lm")
    return img


def _heading(sheet: Image.Image, lines: list[str], *, pad: int = 10) -> Image.Image:
    size = 15
    measure = ImageDraw.Draw(sheet)
    text_w = max(int(sum(measure.textlength(r, font=font(size, hangul=h)) for r, h in script_runs(line)))
                 for line in lines)
    head = len(lines) * (size + 6) + pad
    out = Image.new("RGB", (max(sheet.width, text_w + 2 * pad), sheet.height + head), BACKGROUND)
    draw = ImageDraw.Draw(out)
    for i, line in enumerate(lines):
        draw_text(draw, (pad, pad + i * (size + 6)), line, size=size, bold=i == 0)
    out.paste(sheet, (0, head))
    return out


def _rows_of(tiles: list[Image.Image], label: str, bar: Image.Image) -> list[tuple[str, list[Image.Image]]]:
    rows = []
    for start in range(0, len(tiles), MAPS_PER_ROW):
        chunk = tiles[start:start + MAPS_PER_ROW]
        rows.append((label if start == 0 else "", chunk + ([bar] if start == 0 else [])))
    return rows


def layer_sheet(title: str, details: str, output: np.ndarray, *, probabilities=None, class_names=(),
                colormap: str = "auto") -> Image.Image:
    """One layer's picture: a heading (``title``, ``details``) over its maps (and probability bars)."""
    tiles, bar, left_out = map_tiles(output, colormap=colormap)
    label = f"output {shape_text(np.shape(output))}" + (f" (showing {left_out})" if left_out else "")
    rows = _rows_of(tiles, label, bar)
    if probabilities is not None:
        rows.append(("class probabilities", [probability_bars(probabilities, class_names)]))
    return _heading(contact_sheet(rows), [title, details])


def network_overview(heading: str, input_image: np.ndarray, layers: list[tuple[str, np.ndarray]], *,
                     probabilities=None, class_names=(), max_maps: int = 12) -> Image.Image:
    """Every layer on one sheet: the input, then a row per layer (its first ``max_maps`` maps, small)."""
    x = np.asarray(input_image, dtype=np.float64)
    if x.ndim == 3 and x.shape[-1] == 1:
        x = x[..., 0]
    if x.ndim == 3 and x.shape[-1] != 3:
        x = x.mean(axis=-1)
    shown = x if x.ndim != 3 else np.clip(x, 0, 1)
    rows = [(f"input {shape_text(np.shape(input_image))}", [map_image(shown, scale=_scale(shown.shape[:2], 112))])]
    for label, output in layers:
        tiles, bar, left_out = map_tiles(output, target=72, max_maps=max_maps)
        rows.append((label + (f" (showing {left_out})" if left_out else ""), tiles + [bar]))
    if probabilities is not None:
        rows.append(("class probabilities", [probability_bars(probabilities, class_names)]))
    return _heading(contact_sheet(rows), [heading])


__all__ = ["layer_sheet", "map_tiles", "network_overview", "probability_bars", "shape_text"]
