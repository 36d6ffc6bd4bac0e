"""The Qt painter: step frames drawn as vectors with a QPainter, at whatever size the widget has.

The window's step view paints here; the primitives are the ones the Pillow and SVG
painters draw (:mod:`convviz.render.prims`).  The fonts are the ones shipped for the
exports (DejaVu Sans, and the Hangul subset), registered with Qt once, with the
system's fonts as fallback for any glyph they lack.
"""

from __future__ import annotations

import functools

import numpy as np
from PySide6 import QtCore, QtGui

from .prims import Picture, Rect, Text, Turn


@functools.lru_cache(maxsize=1)
def _families() -> tuple[str, ...]:
    from convviz.resources_path import resource

    families: list[str] = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "ConvvizHangul.ttf", "ConvvizHangul-Bold.ttf"):
        try:
            font_id = QtGui.QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        except FileNotFoundError:
            continue
        for family in QtGui.QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return tuple(families)


@functools.lru_cache(maxsize=256)
def font(pixels: int, bold: bool = False) -> QtGui.QFont:
    f = QtGui.QFont()
    families = list(_families())
    if families:
        f.setFamilies(families + ["NanumGothic", "Noto Sans CJK KR", "sans-serif"])
    f.setPixelSize(max(1, pixels))
    f.setBold(bold)
    return f


def _color(c) -> QtGui.QColor:
    return QtGui.QColor(int(c[0]), int(c[1]), int(c[2]))


def paint(painter: QtGui.QPainter, prims) -> None:
    """Draw ``prims`` with ``painter`` in its current coordinate system."""
    for p in prims:
        if isinstance(p, Rect):
            rect = QtCore.QRectF(p.x, p.y, p.w, p.h)
            if p.fill is not None:
                painter.fillRect(rect, _color(p.fill))
            if p.outline is not None:
                pen = QtGui.QPen(_color(p.outline), max(1.0, p.width))
                pen.setJoinStyle(QtCore.Qt.PenJoinStyle.MiterJoin)
                if p.dashed:
                    pen.setDashPattern([6 / max(1.0, p.width), 6 / max(1.0, p.width)])
                painter.setPen(pen)
                painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
                inset = max(1.0, p.width) / 2  # the stroke inside the cell, as Pillow draws it
                painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
        elif isinstance(p, Text):
            _text(painter, p)
        elif isinstance(p, Picture):
            rgb = np.ascontiguousarray(p.rgb)
            h, w = rgb.shape[:2]
            image = QtGui.QImage(rgb.data, w, h, 3 * w, QtGui.QImage.Format.Format_RGB888)
            painter.save()
            painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QtCore.QRectF(p.x, p.y, p.w, p.h), image)
            painter.restore()
        elif isinstance(p, Turn):
            painter.save()
            painter.translate(p.cx, p.cy)
            painter.rotate(p.angle)
            painter.scale(p.scale, p.scale)
            painter.translate(-p.cx, -p.cy)
            paint(painter, p.prims)
            painter.restore()


def _text(painter: QtGui.QPainter, p: Text) -> None:
    f = font(int(round(p.size)), p.bold)
    metrics = QtGui.QFontMetricsF(f)
    width = metrics.horizontalAdvance(p.text)
    x = p.x - {"l": 0.0, "m": width / 2, "r": width}[p.anchor[0]]
    vertical = p.anchor[1]
    if vertical == "m":
        y = p.y + (metrics.ascent() - metrics.descent()) / 2
    elif vertical == "t":
        y = p.y + metrics.ascent()
    else:
        y = p.y - metrics.descent()
    painter.setFont(f)
    painter.setPen(_color(p.color))
    painter.drawText(QtCore.QPointF(x, y), p.text)


def render_qimage(frame) -> QtGui.QImage:
    """A frame as a QImage of its size (tests, clipboard)."""
    image = QtGui.QImage(frame.size[0], frame.size[1], QtGui.QImage.Format.Format_RGB888)
    image.fill(QtGui.QColor("white"))
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
    paint(painter, frame.prims)
    painter.end()
    return image
