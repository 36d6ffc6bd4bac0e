"""The SVG painter: a step frame as vector text, crisp on any slide."""

from __future__ import annotations

import base64
import io
from html import escape

from .prims import Picture, Rect, StepFrame, Text, Turn

_ANCHOR = {"l": "start", "m": "middle", "r": "end"}
_BASELINE = {"t": "hanging", "m": "central", "b": "alphabetic"}
FONT_FAMILY = "DejaVu Sans, Arial, NanumGothic, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


def _rgb(c) -> str:
    return "none" if c is None else f"rgb({c[0]},{c[1]},{c[2]})"


def _element(p) -> str:
    if isinstance(p, Rect):
        dash = ' stroke-dasharray="6 6"' if p.dashed else ""
        stroke = f' stroke="{_rgb(p.outline)}" stroke-width="{p.width:.2f}"' if p.outline else ""
        return (f'<rect x="{p.x:.2f}" y="{p.y:.2f}" width="{p.w:.2f}" height="{p.h:.2f}" '
                f'fill="{_rgb(p.fill)}"{stroke}{dash}/>')
    if isinstance(p, Text):
        weight = ' font-weight="bold"' if p.bold else ""
        return (f'<text x="{p.x:.2f}" y="{p.y:.2f}" font-size="{p.size:.1f}" fill="{_rgb(p.color)}" '
                f'text-anchor="{_ANCHOR[p.anchor[0]]}" dominant-baseline="{_BASELINE[p.anchor[1]]}"'
                f'{weight}>{escape(p.text, quote=False)}</text>')
    if isinstance(p, Picture):
        from PIL import Image

        buffer = io.BytesIO()
        Image.fromarray(p.rgb, "RGB").save(buffer, format="PNG")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        return (f'<image x="{p.x:.2f}" y="{p.y:.2f}" width="{p.w:.2f}" height="{p.h:.2f}" '
                f'preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,{data}"/>')
    if isinstance(p, Turn):
        inner = "".join(_element(q) for q in p.prims)
        return (f'<g transform="translate({p.cx:.2f} {p.cy:.2f}) rotate({p.angle:.2f}) scale({p.scale:.4f}) '
                f'translate({-p.cx:.2f} {-p.cy:.2f})">{inner}</g>')
    raise TypeError(f"not a drawing primitive: {p!r}")


def render_svg(frame: StepFrame) -> str:
    """The frame as SVG text (vector: crisp at any size)."""
    W, H = frame.size
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
             f'font-family="{FONT_FAMILY}">']
    parts += [_element(p) for p in frame.prims]
    parts.append("</svg>")
    return "\n".join(parts)
