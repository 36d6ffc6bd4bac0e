"""A map's colour bar: the gradient and the levels at its ends and middle."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.trace import format_number

from .qt_map_items import _CACHED


class ColorBar(pg.GraphicsWidget):
    """A vertical colour bar with its levels written beside it.

    pyqtgraph's ColorBarItem is a whole PlotItem (axes, menus, a ViewBox) and
    costs about 50 ms to build; the window needs only the gradient and the
    numbers at the ends and the middle.
    """

    def __init__(self, table: np.ndarray, levels=(0.0, 1.0), *, width: int = 14):
        super().__init__()
        self._width = width
        self._levels = tuple(levels)
        self._gradient: QtGui.QImage | None = None
        self.horizontal = False  # under the maps, lowest value on the left
        self.set_table(table)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Fixed, QtWidgets.QSizePolicy.Policy.Expanding)
        self.set_text_scale(1.0)
        self.setCacheMode(_CACHED)  # repainted from a pixmap until the levels or the map change

    def set_text_scale(self, scale: float) -> None:
        """The numbers ``scale`` times their usual 10 px (lecture mode), with room for them."""
        self._text_px = round(10 * scale)
        self._text_room = round(46 * scale)
        self._apply_size()

    def set_horizontal(self, horizontal: bool) -> None:
        """Lie under the maps (a tall narrow pane) instead of standing beside them."""
        if horizontal != self.horizontal:
            self.horizontal = horizontal
            self._apply_size()

    def thickness(self, horizontal: bool | None = None) -> int:
        """Pixels across the gradient, its numbers included (lying under the maps if ``horizontal``;
        None: as it lies now)."""
        horizontal = self.horizontal if horizontal is None else horizontal
        return self._width + (round(1.8 * self._text_px) + 6 if horizontal else self._text_room)

    def _apply_size(self) -> None:
        big = 1 << 24
        if self.horizontal:
            self.setMinimumWidth(0)
            self.setMaximumWidth(big)
            self.setMinimumHeight(self.thickness())
            self.setMaximumHeight(self.thickness())
        else:
            self.setMinimumHeight(0)
            self.setMaximumHeight(big)
            self.setMinimumWidth(self.thickness())
            self.setMaximumWidth(self.thickness())
        self.update()

    _gradients: dict = {}  # id(table) -> (table, QImage), shared by every bar

    def set_table(self, table: np.ndarray) -> None:
        """The colour map as a (256, 3) uint8 table (lowest value first)."""
        entry = ColorBar._gradients.get(id(table))
        if entry is None or entry[0] is not table:
            rgba = np.empty((256, 1, 4), dtype=np.uint8)
            rgba[:, 0, :3], rgba[:, 0, 3] = table[::-1, :3], 255
            image = QtGui.QImage(rgba.tobytes(), 1, 256, 4, QtGui.QImage.Format.Format_RGBA8888).copy()
            entry = ColorBar._gradients[id(table)] = (table, image)
        if entry[1] is not self._gradient:
            self._gradient = entry[1]
            self.update()

    def setLevels(self, levels) -> None:  # noqa: N802
        levels = (float(levels[0]), float(levels[1]))
        if levels != self._levels:  # an unchanged bar is not repainted (nor its grid's view)
            self._levels = levels
            self.update()

    def levels(self) -> tuple[float, float]:
        return self._levels

    def _paint_horizontal(self, painter: QtGui.QPainter) -> None:
        rect = self.boundingRect()
        left, right = rect.left() + 2, rect.right() - 2
        if right - left < 20:
            return
        bar = QtCore.QRectF(left, rect.top() + 1, right - left, self._width)
        painter.save()
        # The (1 x 256) gradient, highest value first, turned a quarter so the highest is on the right.
        painter.translate(bar.right(), bar.top())
        painter.rotate(90)
        painter.drawImage(QtCore.QRectF(0, 0, bar.height(), bar.width()), self._gradient)
        painter.restore()
        painter.setPen(pg.mkPen(pg.getConfigOption("foreground")))
        painter.drawRect(bar)
        lo, hi = self._levels
        font = QtGui.QFont()
        font.setPixelSize(self._text_px)
        ends = format_number(lo) + format_number(hi)
        # The two end numbers side by side in a narrow bar (a map's own, under it): smaller, not run together.
        while font.pixelSize() > 7 and QtGui.QFontMetricsF(font).horizontalAdvance(ends + "   ") > bar.width():
            font.setPixelSize(font.pixelSize() - 1)
        if QtGui.QFontMetricsF(font).horizontalAdvance(ends + "  ") > bar.width():
            return  # no room for numbers that can be read apart: the colours alone
        painter.setFont(font)
        y = bar.bottom() + 2
        h = 1.6 * self._text_px
        align = QtCore.Qt.AlignmentFlag
        advance = QtGui.QFontMetricsF(font).horizontalAdvance
        marks = [(lo, bar.left(), align.AlignLeft), (hi, bar.right(), align.AlignRight)]
        # The middle number where it stays clear of both ends' (each number's box as wide as its text: a
        # fixed 60 px box cut lecture type's "0.05451" to ").05451").
        half = advance(format_number((lo + hi) / 2)) / 2 + advance("  ")
        if max(advance(format_number(lo)), advance(format_number(hi))) + half <= bar.width() / 2:
            marks.insert(1, ((lo + hi) / 2, bar.center().x(), align.AlignHCenter))
        for value, x, how in marks:
            painter.drawLine(QtCore.QPointF(x, bar.bottom()), QtCore.QPointF(x, bar.bottom() + 3))
            text = format_number(value)
            w = advance(text) + 2
            left = x if how == align.AlignLeft else x - w if how == align.AlignRight else x - w / 2
            painter.drawText(QtCore.QRectF(left, y, w, h), how | align.AlignTop, text)

    def paint(self, painter: QtGui.QPainter, *_args) -> None:
        if self.horizontal:
            self._paint_horizontal(painter)
            return
        rect = self.boundingRect()
        top, bottom = rect.top() + 8, rect.bottom() - 8
        if bottom - top < 20:
            return
        bar = QtCore.QRectF(rect.left() + 2, top, self._width, bottom - top)
        painter.drawImage(bar, self._gradient)
        pen = pg.mkPen(pg.getConfigOption("foreground"))
        painter.setPen(pen)
        painter.drawRect(bar)
        font = QtGui.QFont()
        font.setPixelSize(self._text_px)
        painter.setFont(font)
        lo, hi = self._levels
        h = 1.6 * self._text_px
        ends = ((hi, top), (lo, bottom))
        marks = ends if bottom - top < 3 * h else ((hi, top), ((lo + hi) / 2, (top + bottom) / 2), (lo, bottom))
        for value, y in marks:
            painter.drawLine(QtCore.QPointF(bar.right(), y), QtCore.QPointF(bar.right() + 4, y))
            painter.drawText(QtCore.QRectF(bar.right() + 6, y - h / 2, 4 * self._text_px, h),
                             QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter,
                             format_number(value))
