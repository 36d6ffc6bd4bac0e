"""Drawing primitives: what a step picture is made of, whoever paints it.

A frame is a flat list of rectangles, texts, pictures and turned groups, in pixels
of the frame's size.  The Pillow, SVG and Qt painters each draw exactly these, so a
GIF, a slide's SVG and the window show the same picture.  Nothing here imports a
drawing library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

WINDOW = (255, 140, 0)  # receptive field
PADDED = (142, 68, 173)  # padded cells
PADDED_FILL = (236, 226, 242)
TARGET = (0, 160, 96)  # the output cell being filled
INK = (30, 30, 30)
MUTED = (95, 95, 95)  # labels: dark enough to read on a projector
PAPER = (255, 255, 255)
GRID = (150, 150, 150)


def shape_text(shape) -> str:
    """(28, 28, 10) as "28×28×10", as the lecture writes a shape (no batch axis); "—" for none."""
    return "×".join(str(int(n)) for n in shape) or "—"


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


#: How the window highlights cells on its maps, by the style names the hover controller uses:
#: (colour as #rrggbb, fill alpha 0-255, dashed outline).  The step pictures use the same colours.
HIGHLIGHTS = {
    "receptive": (hex_colour(WINDOW), 70, False),  # the receptive field on the input
    "padded": (hex_colour(PADDED), 50, True),  # padded cells: the boundary mode supplies their value
    "target": (hex_colour(TARGET), 40, False),  # the output cell being explained
    "pool-window": (hex_colour(WINDOW), 50, False),
    "pool-padded": (hex_colour(PADDED), 30, True),
    "winner": (hex_colour(TARGET), 120, False),  # the cell that won a max
}


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
    size: float  # pixels per em
    color: tuple = INK
    anchor: str = "mm"  # Pillow's anchors: l/m/r then t/m/b
    bold: bool = False


@dataclass(frozen=True, eq=False)
class Picture:
    """An RGB uint8 array shown in a box, nearest-neighbour (the overview of a large input)."""

    x: float
    y: float
    w: float
    h: float
    rgb: np.ndarray


@dataclass(frozen=True)
class Turn:
    """``prims`` turned by ``angle`` degrees (clockwise) about (cx, cy) and scaled by ``scale``
    about the same point: the kernel's 180° flip."""

    cx: float
    cy: float
    angle: float
    scale: float
    prims: tuple = field(default_factory=tuple)


@dataclass
class StepFrame:
    size: tuple[int, int]
    prims: list


_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def text_em(text: str) -> float:
    """Width of ``text`` in em, a little generous: Hangul syllables are square, DejaVu Sans
    averages about 0.6 em (digits 0.64)."""
    hangul = len(_HANGUL.findall(text))
    return hangul + 0.64 * (len(text) - hangul)


def text_width(text: str, size: float) -> float:
    return text_em(text) * size


def wrap_width(text: str, size: float, lines: int) -> float:
    """The narrowest width at which ``text`` wraps onto at most ``lines`` lines (its widest word where
    even one word to a line is too many lines)."""
    words = text.split(" ")
    widest = max(text_width(w, size) for w in words)
    runs = sorted({text_width(" ".join(words[i:j]), size) for i in range(len(words))
                   for j in range(i + 1, len(words) + 1)})
    for width in runs:
        if width >= widest and len(wrap(text, size, width + 1e-6, len(words))) <= lines:
            return width
    return widest


def fit_size(text: str, preferred: float, width: float, minimum: float = 6.0) -> float:
    """A font size no larger than ``preferred`` (and no smaller than ``minimum``) at which
    ``text`` fits in ``width`` pixels."""
    return max(minimum, min(preferred, width / max(text_em(text), 0.6)))


def wrap(text: str, size: float, width: float, max_lines: int = 3, *, clauses: str | None = None) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` at ``size``.

    Past ``max_lines`` the middle is left out ("…") and the end is kept, so a long sum
    still shows its first terms and its result.  A single word wider than the line stays
    whole (the caller chose a size at which words fit).  ``clauses``: the separator of
    statements that must stay whole (a stamp's "out[2, 3] = 1 + 1×1 = 2; out[2, 4] = …"):
    only whole ones are left out, so no "…" joins the start of one to the end of another."""
    if clauses is not None:
        lines = _wrap_clauses(text, size, width, max_lines, clauses)
        if lines is not None:
            return lines
    words = text.split(" ")
    lines: list[str] = []
    for word in words:
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) <= max_lines:
        return lines
    if max_lines == 1:
        # One line: its beginning (out[0, 0] = the first terms) and its end (the result) both stay.
        start: list[str] = []
        for word in words:
            if start and text_width(" ".join(start + [word]), size) > width / 2:
                break
            start.append(word)
        end: list[str] = []
        for word in reversed(words[len(start):]):
            if end and text_width(" ".join(start + ["…", word] + end), size) > width:
                break
            end.insert(0, word)
        return [" ".join(start + ["…"] + end)]
    head = lines[: max_lines - 1]
    tail: list[str] = []
    for word in reversed(words):
        candidate = " ".join(["…", word] + tail)
        if text_width(candidate, size) > width and tail:
            break
        tail.insert(0, word)
    return head + [" ".join(["…"] + tail)]


def _wrap_clauses(text: str, size: float, width: float, max_lines: int, sep: str) -> list[str] | None:
    """``wrap`` leaving out whole clauses: as many first ones as fit on all lines but the last (on one
    line, the first one), "…" and as many last ones as fit after it; None where the first clause alone is
    too long for that (the caller falls back to leaving out words)."""
    lines = wrap(text, size, width, 10**6)
    if len(lines) <= max_lines:
        return lines
    parts = text.split(sep)
    mark = sep.rstrip()  # "; " -> ";" before the "…"
    if max_lines == 1:  # the first clause (what is stamped where), "…", as many last ones as fit
        line = parts[0] + mark + " …"
        if text_width(line, size) > width:
            return None
        for tail in range(1, len(parts) - 1):
            candidate = parts[0] + mark + " … " + sep.join(parts[len(parts) - tail:])
            if text_width(candidate, size) > width:
                break
            line = candidate
        return [line]
    head = 0
    while head < len(parts) - 1 and len(wrap(sep.join(parts[:head + 1]) + mark, size, width, 10**6)) <= max_lines - 1:
        head += 1
    if head == 0:
        return None
    tail = 0
    while (head + tail < len(parts) - 1
           and text_width("… " + sep.join(parts[len(parts) - tail - 1:]), size) <= width):
        tail += 1
    last = "… " + sep.join(parts[len(parts) - tail:]) if tail else "…"
    return wrap(sep.join(parts[:head]) + mark, size, width, 10**6) + [last]


def frame_text_sizes(prims) -> list[float]:
    """Every text size in a frame, turned groups included (for the type-size tests)."""
    sizes: list[float] = []
    for p in prims:
        if isinstance(p, Text):
            sizes.append(p.size)
        elif isinstance(p, Turn):
            sizes += [s * p.scale for s in frame_text_sizes(p.prims)]
    return sizes
