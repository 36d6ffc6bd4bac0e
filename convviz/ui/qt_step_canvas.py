"""The step view's drawing surface: the panes' frames painted as vectors, and the player's icons."""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.render import MIN_TYPE, has_flip, share_layout
from convviz.render.prims import PAPER
from convviz.render.qt import paint


def player_icons(color: QtGui.QColor, size: int = 32) -> dict[str, QtGui.QIcon]:
    """The player's icons drawn in ``color``.  The style's media icons are dark whatever the
    palette, and vanished on lecture mode's black; these follow the theme (a QIcon greys its
    own disabled form)."""
    def icon(*shapes) -> QtGui.QIcon:
        pixmap = QtGui.QPixmap(2 * size, 2 * size)
        pixmap.setDevicePixelRatio(2)
        pixmap.fill(QtCore.Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for shape in shapes:
            painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(x * size, y * size) for x, y in shape]))
        painter.end()
        return QtGui.QIcon(pixmap)

    def right(x0, x1):
        return [(x0, 0.22), (x1, 0.5), (x0, 0.78)]

    def left(x0, x1):
        return [(x1, 0.22), (x0, 0.5), (x1, 0.78)]

    def bar(x0, x1):
        return [(x0, 0.22), (x1, 0.22), (x1, 0.78), (x0, 0.78)]

    return {"home": icon(bar(0.18, 0.26), left(0.26, 0.52), left(0.52, 0.78)),
            "back": icon(left(0.2, 0.5), left(0.5, 0.8)),
            "play": icon(right(0.3, 0.76)),
            "pause": icon(bar(0.28, 0.42), bar(0.58, 0.72)),
            "forward": icon(right(0.2, 0.5), right(0.5, 0.8)),
            "end": icon(right(0.22, 0.48), right(0.48, 0.74), bar(0.74, 0.82))}


def pane_rects(width: int, height: int, count: int, stacked: bool) -> list[QtCore.QRect]:
    """``count`` panes side by side (or stacked) filling width x height, 1 px apart."""
    rects = []
    for k in range(count):
        if stacked:
            top, bottom = k * height // count, (k + 1) * height // count
            rects.append(QtCore.QRect(0, top + (1 if k else 0), width, bottom - top - (1 if k else 0)))
        else:
            left, right = k * width // count, (k + 1) * width // count
            rects.append(QtCore.QRect(left + (1 if k else 0), 0, right - left - (1 if k else 0), height))
    return rects


class QtStepCanvas(QtWidgets.QWidget):
    """Paints one frame per pane.  The scenes are laid out here, for the pane each gets: with
    two or three panes, side by side or stacked, whichever gives the larger cells."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(240, 160)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.scenes: list = []
        self.frames: list[tuple[int, object]] = []  # (step, reveal) per pane
        self.flip_angle: float | None = None
        self.flip_filter = 0
        self.min_type = MIN_TYPE
        self.stacked = False
        self.rects: list[QtCore.QRect] = []

    def set_scenes(self, scenes: list) -> None:
        self.scenes = scenes
        self.frames = [(0, True)] * len(scenes)
        self.relayout()

    def set_min_type(self, pixels: float) -> None:
        if pixels != self.min_type:
            self.min_type = pixels
            self.relayout()

    def relayout(self) -> None:
        """Lay every scene out for its pane, choosing the arrangement that gives larger cells."""
        w, h = max(1, self.width()), max(1, self.height())
        if not self.scenes:
            self.rects = []
            self.update()
            return
        best = None
        for stacked in ((False, True) if len(self.scenes) > 1 else (False,)):
            rects = pane_rects(w, h, len(self.scenes), stacked)
            self._lay_out(rects)
            score = min(s.score for s in self.scenes)  # the worst pane decides
            if best is None or score > best[0]:
                best = (score, stacked, rects)
        _, self.stacked, self.rects = best
        if len(self.scenes) > 1 and not self.stacked:  # the last arrangement tried was the stacked one
            self._lay_out(self.rects)
        self.update()

    def _lay_out(self, rects) -> None:
        sizes = [(max(1, rect.width()), max(1, rect.height())) for rect in rects]
        for scene, size in zip(self.scenes, sizes):
            scene.layout(size, self.min_type)
        if len({rect.top() for rect in rects}) == 1:  # side by side: one type, cells and views, grids level
            share_layout(self.scenes, sizes, self.min_type)

    def set_frames(self, frames: list[tuple[int, object]]) -> None:
        self.frames = frames
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.relayout()

    def pane_prims(self, k: int) -> list:
        scene = self.scenes[k]
        if self.flip_angle is not None and has_flip(scene):
            return scene.flip_frame(self.flip_angle, self.flip_filter).prims
        step, reveal = self.frames[k]
        return scene.frame(step, reveal=reveal).prims

    def paint_into(self, painter: QtGui.QPainter) -> None:
        gutter = self.palette().color(QtGui.QPalette.ColorRole.Mid)  # the 1 px between panes
        painter.fillRect(QtCore.QRect(0, 0, self.width(), self.height()), gutter)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        for k, rect in enumerate(self.rects):
            painter.save()
            painter.setClipRect(rect)
            painter.translate(rect.topLeft())
            painter.fillRect(QtCore.QRect(0, 0, rect.width(), rect.height()), QtGui.QColor(*PAPER))
            paint(painter, self.pane_prims(k))
            painter.restore()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QtGui.QPainter(self)
        if not self.rects:
            painter.fillRect(self.rect(), self.palette().color(QtGui.QPalette.ColorRole.Window))
        else:
            self.paint_into(painter)
        painter.end()

    def image(self) -> np.ndarray:
        """What the canvas shows, as an RGB array of its size."""
        image = QtGui.QImage(max(1, self.width()), max(1, self.height()), QtGui.QImage.Format.Format_RGB888)
        image.fill(QtGui.QColor(*PAPER))
        painter = QtGui.QPainter(image)
        self.paint_into(painter)
        painter.end()
        ptr = image.constBits()
        arr = np.frombuffer(ptr, dtype=np.uint8, count=image.sizeInBytes()).reshape(image.height(),
                                                                                     image.bytesPerLine())
        return arr[:, : 3 * image.width()].reshape(image.height(), image.width(), 3).copy()
