"""Maps drawn cell by cell: the input canvas, feature maps and pooled maps.

Each map is a pyqtgraph ViewBox holding an ImageItem (explicit levels and a
256-entry lookup table, as pyqtgraph's fast-image examples do), optional
numbers printed inside the cells when the map is small enough to read, and
overlays for highlighted cells.  Signed maps use a zero-centred diverging
colour map; non-negative ones use grey.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.trace import format_number
from convviz.export import colormaps

#: Print values inside cells when a map has at most this many cells per side.
MAX_TEXT_SIDE = 16

def _pg_colormap(name: str) -> pg.ColorMap:
    # The exporters' tables, so a saved PNG looks like the window.
    table = colormaps.lookup_table(name)
    return pg.ColorMap(np.linspace(0, 1, len(table)), table)


_GREY = _pg_colormap("gray")
_DIVERGING = _pg_colormap("diverging")  # blue - white - red, zero at the centre
display_levels = colormaps.levels_for


def colormap_for(signed: bool) -> pg.ColorMap:
    return _DIVERGING if signed else _GREY


def as_2d(arr: np.ndarray) -> np.ndarray:
    """1D signals are drawn as a single row of boxes."""
    return arr[None, :] if arr.ndim == 1 else arr


class CellImageItem(pg.ImageItem):
    """An ImageItem that reports the cell under the mouse and mouse strokes on it."""

    hovered = QtCore.Signal(int, int)  # row, col; (-1, -1) when the mouse leaves
    stroke = QtCore.Signal(int, int, object)  # row, col, Qt mouse button
    clicked = QtCore.Signal(int, int)

    def __init__(self, *args, drawable: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.drawable = drawable
        self.setAcceptHoverEvents(True)

    def _cell(self, pos: QtCore.QPointF) -> tuple[int, int]:
        # pyqtgraph images are (rows, cols) drawn with axisOrder 'row-major'.
        return int(np.floor(pos.y())), int(np.floor(pos.x()))

    def _inside(self, row: int, col: int) -> bool:
        img = self.image
        return img is not None and 0 <= row < img.shape[0] and 0 <= col < img.shape[1]

    def hoverEvent(self, ev):
        if ev.isExit():
            self.hovered.emit(-1, -1)
            return
        row, col = self._cell(ev.pos())
        if self._inside(row, col):
            self.hovered.emit(row, col)
        else:
            self.hovered.emit(-1, -1)

    def mouseClickEvent(self, ev):
        row, col = self._cell(ev.pos())
        if not self._inside(row, col):
            return
        ev.accept()
        if self.drawable:
            self.stroke.emit(row, col, ev.button())
        else:
            self.clicked.emit(row, col)

    def mouseDragEvent(self, ev):
        if not self.drawable or ev.button() not in (QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton):
            ev.ignore()
            return
        ev.accept()
        row, col = self._cell(ev.pos())
        if self._inside(row, col):
            self.stroke.emit(row, col, ev.button())


class MapCell:
    """One titled map inside a :class:`QtMapGrid` (not a widget: an item group)."""

    def __init__(self, layout: pg.GraphicsLayout, title: str, *, drawable: bool = False):
        self.title = layout.addLabel(title, size="9pt")
        layout.nextRow()
        self.view = layout.addViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False)
        self.view.setDefaultPadding(0.02)
        self.view.sigResized.connect(lambda _vb: self._update_font())
        self.image = CellImageItem(axisOrder="row-major", drawable=drawable)
        self.view.addItem(self.image)
        self._texts: list[pg.TextItem] = []
        self._overlays: list[QtWidgets.QGraphicsRectItem] = []
        self._shape: tuple[int, int] | None = None
        self._extent: tuple[int, int, int, int] = (0, 0, 0, 0)  # extra cells top, bottom, left, right
        self.show_values = True
        self.text_color = "#202020"

    def set_data(self, arr: np.ndarray, levels: tuple[float, float], lut: np.ndarray, *, rgb: bool = False) -> None:
        arr2 = as_2d(np.asarray(arr))
        if rgb:
            self.image.setImage(np.ascontiguousarray(np.clip(arr2, 0, 1), dtype=np.float32),
                                levels=(0.0, 1.0), lut=None, autoLevels=False)
        else:
            self.image.setImage(np.ascontiguousarray(arr2, dtype=np.float32), levels=levels, lut=lut, autoLevels=False)
        shape = arr2.shape[:2]
        if shape != self._shape:
            self._shape = shape
            self._fit()
        self._update_texts(arr2 if not rgb else arr2.mean(axis=2), levels, rgb)

    def _cell_font(self) -> QtGui.QFont:
        """A font sized to the cells as drawn on screen (numbers fit inside their cell)."""
        font = QtGui.QFont()
        h, w = self._shape or (1, 1)
        top, bottom, left, right = self._extent
        size = self.view.size()
        cell_px = min(size.width() / (w + left + right), size.height() / (h + top + bottom))
        font.setPixelSize(int(max(7, min(28, cell_px * 0.38))))
        return font

    def _update_font(self) -> None:
        font = self._cell_font()
        for t in self._texts:
            if t.isVisible():
                t.setFont(font)

    def set_extent(self, top: int, bottom: int, left: int, right: int) -> None:
        """Show this many cells of padding around the map (for receptive fields)."""
        if (top, bottom, left, right) != self._extent:
            self._extent = (top, bottom, left, right)
            self._fit()

    def _fit(self) -> None:
        if self._shape is None:
            return
        h, w = self._shape
        top, bottom, left, right = self._extent
        self.view.setRange(QtCore.QRectF(-left, -top, w + left + right, h + top + bottom), padding=0.02)

    def _update_texts(self, arr2: np.ndarray, levels, rgb: bool) -> None:
        h, w = arr2.shape
        want = self.show_values and max(h, w) <= MAX_TEXT_SIDE
        n = h * w if want else 0
        while len(self._texts) < n:
            t = pg.TextItem(anchor=(0.5, 0.5))
            self.view.addItem(t)
            self._texts.append(t)
        for t in self._texts[n:]:
            t.setVisible(False)
        if not want:
            return
        lo, hi = levels
        mid = (lo + hi) / 2
        signed = lo < 0
        font = self._cell_font()
        for i, t in enumerate(self._texts[:n]):
            r, c = divmod(i, w)
            v = arr2[r, c]
            t.setText(format_number(float(v)))
            t.setFont(font)
            t.setPos(c + 0.5, r + 0.5)
            if rgb or not signed:
                dark = v > mid
                t.setColor("#000000" if dark else "#ffffff")
            else:
                t.setColor("#000000" if abs(v) < 0.6 * hi else "#ffffff")
            t.setVisible(True)

    def clear_overlays(self) -> None:
        for item in self._overlays:
            self.view.removeItem(item)
        self._overlays.clear()

    def add_cells(self, cells, color: str, *, dashed: bool = False, fill_alpha: int = 60, width: float = 0.08) -> None:
        """Outline cells (row, col) on this map; coordinates may lie outside it (padding)."""
        pen = QtGui.QPen(QtGui.QColor(color))
        pen.setWidthF(width)
        pen.setCosmetic(False)
        if dashed:
            pen.setStyle(QtCore.Qt.PenStyle.DashLine)
        brush_color = QtGui.QColor(color)
        brush_color.setAlpha(fill_alpha)
        for r, c in cells:
            rect = QtWidgets.QGraphicsRectItem(c, r, 1, 1)
            rect.setPen(pen)
            rect.setBrush(QtGui.QBrush(brush_color))
            rect.setZValue(10)
            self.view.addItem(rect)
            self._overlays.append(rect)

    def add_label(self, row: float, col: float, text: str, color: str) -> None:
        t = pg.TextItem(text, color=color, anchor=(0.5, 0.5))
        t.setPos(col + 0.5, row + 0.5)
        t.setZValue(11)
        self.view.addItem(t)
        self._overlays.append(t)


class QtMapGrid(pg.GraphicsLayoutWidget):
    """A titled grid of maps sharing one colour scale and one colour bar."""

    hovered = QtCore.Signal(int, int, int)  # map index, row, col (-1s when leaving)
    clicked = QtCore.Signal(int, int, int)
    save_requested = QtCore.Signal(int)  # map index
    copy_requested = QtCore.Signal(int)

    def __init__(self, title: str, parent=None, *, columns: int = 4):
        super().__init__(parent=parent)
        self.setBackground(None)
        self.columns = columns
        self._title = self.addLabel(title, size="11pt", bold=True, colspan=2)
        self._title.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        self.nextRow()
        self._maps_layout = self.addLayout()
        self._bar = pg.ColorBarItem(values=(0, 1), colorMap=_GREY, interactive=False, width=14, colorMapMenu=False)
        self.addItem(self._bar)
        self._bar_image = pg.ImageItem()  # the bar needs an item to follow; it stays hidden
        self.cells: list[MapCell] = []
        self._arrays: list[np.ndarray] = []
        self.show_values = True
        self.levels: tuple[float, float] = (0.0, 1.0)
        self.signed = False

    def set_title(self, title: str) -> None:
        self._title.setText(title, size="11pt", bold=True)

    def _ensure(self, n: int, titles: list[str]) -> None:
        if len(self.cells) != n:
            self._maps_layout.clear()
            self.cells = []
            cols = min(self.columns, max(1, n))
            for i in range(n):
                sub = self._maps_layout.addLayout(row=(i // cols), col=i % cols)
                cell = MapCell(sub, titles[i])
                cell.image.hovered.connect(lambda r, c, i=i: self.hovered.emit(i, r, c))
                cell.image.clicked.connect(lambda r, c, i=i: self.clicked.emit(i, r, c))
                self.cells.append(cell)
        for cell, title in zip(self.cells, titles):
            cell.title.setText(title, size="9pt")
            cell.show_values = self.show_values

    def set_maps(self, arrays: list[np.ndarray], titles: list[str]) -> None:
        self._ensure(len(arrays), titles)
        self._arrays = arrays
        lo, hi, signed = display_levels(arrays)
        self.levels, self.signed = (lo, hi), signed
        cmap = colormap_for(signed)
        lut = cmap.getLookupTable(nPts=256, mode="byte")
        for cell, arr in zip(self.cells, arrays):
            cell.set_data(arr, (lo, hi), lut)
        self._bar.setColorMap(cmap)
        self._bar.setLevels((lo, hi))

    def set_show_values(self, show: bool) -> None:
        self.show_values = show
        for cell in self.cells:
            cell.show_values = show
        if self._arrays:
            self.set_maps(self._arrays, [c.title.text for c in self.cells])

    def clear_overlays(self) -> None:
        for cell in self.cells:
            cell.clear_overlays()

    def map_at(self, pos: QtCore.QPoint) -> int:
        """Index of the map under a widget position, or -1."""
        scene_pos = self.mapToScene(pos)
        for i, cell in enumerate(self.cells):
            if cell.view.sceneBoundingRect().contains(scene_pos):
                return i
        return -1

    def contextMenuEvent(self, event) -> None:
        index = self.map_at(event.pos())
        if index < 0:
            return
        menu = QtWidgets.QMenu(self)
        menu.addAction(f"Save F{index + 1} as PNG…", lambda: self.save_requested.emit(index))
        menu.addAction(f"Copy F{index + 1} image", lambda: self.copy_requested.emit(index))
        menu.exec(event.globalPos())
