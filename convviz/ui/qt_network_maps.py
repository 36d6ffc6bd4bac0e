"""The selected layer's output for the current image: each channel as a small map with its index, or a
vector (dense, flatten, softmax) as bars, the predicted class named for a softmax with class names.
Clicking a cell or a bar picks that unit; a picked unit's receptive field is outlined on the maps."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.messages import reason
from convviz.render.prims import HIGHLIGHTS as STYLES

from .i18n import tr
from .qt_map_view import QtMapGrid
from .theme import scaled_font

#: More channels than this are not drawn (their maps would be a few pixels each); the title says so.
MAX_MAPS = 64
#: The explorer's hover colours: the receptive field orange, the unit itself green.
RECEPTIVE_INK, UNIT_INK = STYLES["receptive"][0], STYLES["target"][0]


class FitTitle(QtWidgets.QLabel):
    """The layer's bold title at ``scale`` times the usual type, wrapping in a narrow pane: lecture mode on
    a small screen keeps lecture-size type (stepped down to fit one line, it fell to the usual size,
    unreadable from the back of a room)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.scale = 1.0
        self._fit()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._fit()

    def wanted_font(self) -> QtGui.QFont:
        """The title's type at ``scale``, bold."""
        font = scaled_font(self.scale)
        font.setBold(True)
        return font

    def _fit(self) -> None:
        font = self.wanted_font()
        if font != self.font():
            self.setFont(font)


class QtVectorBars(pg.PlotWidget):
    """A vector as bars: class names down the left for a short labelled vector, else indices along the bottom."""

    clicked = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent=parent, background=None)
        self.bars = pg.BarGraphItem(x=[0], height=[0], width=0.8)
        self.addItem(self.bars)
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.values = np.zeros(0)
        self.names: tuple[str, ...] = ()
        self.selected = -1
        self.horizontal = False
        self.scene().sigMouseClicked.connect(self._on_click)

    def set_values(self, values: np.ndarray, names=(), selected: int = -1) -> None:
        values = np.asarray(values, dtype=np.float64).ravel()
        self.values, self.names, self.selected = values, tuple(names), selected
        n = len(values)
        self.horizontal = bool(self.names) and n == len(self.names) and n <= 40
        ink = self.palette().color(QtGui.QPalette.ColorRole.Highlight)
        brushes = [pg.mkBrush(UNIT_INK) if i == selected else pg.mkBrush(ink) for i in range(n)]
        axis = np.arange(n)
        if self.horizontal:
            # Every position option given: BarGraphItem keeps the ones a call leaves out.
            self.bars.setOpts(x=None, x0=np.minimum(values, 0), x1=None, y=axis, y0=None, y1=None, height=0.7,
                              width=np.abs(values), brushes=brushes)
            self.getPlotItem().invertY(True)  # the first class at the top, as a list reads
            self.getAxis("left").setTicks([[(i, name) for i, name in enumerate(self.names)]])
            self.getAxis("bottom").setTicks(None)
            lo, hi = min(0.0, values.min(initial=0)), max(0.0, values.max(initial=0))
            self.setXRange(lo, hi if hi > lo else 1.0, padding=0.03)
            self.setYRange(-0.5, n - 0.5, padding=0.02)
        else:
            self.bars.setOpts(x=axis, x0=None, x1=None, y=None, y0=np.minimum(values, 0), y1=None,
                              height=np.abs(values), width=0.8, brushes=brushes)
            self.getPlotItem().invertY(False)
            self.getAxis("left").setTicks(None)
            self.getAxis("bottom").setTicks(None)
            lo, hi = min(0.0, values.min(initial=0)), max(0.0, values.max(initial=0))
            self.setYRange(lo, hi if hi > lo else 1.0, padding=0.03)
            self.setXRange(-0.6, n - 0.4, padding=0.01)

    def index_at(self, scene_pos) -> int:
        point = self.getPlotItem().vb.mapSceneToView(scene_pos)
        i = int(round(point.y() if self.horizontal else point.x()))
        return i if 0 <= i < len(self.values) else -1

    def _on_click(self, event) -> None:
        i = self.index_at(event.scenePos())
        if i >= 0:
            self.clicked.emit(i)


class QtLayerMaps(QtWidgets.QWidget):
    """The selected layer: ``unit_clicked`` carries the unit's index into the layer's output."""

    unit_clicked = QtCore.Signal(object)
    unit_hovered = QtCore.Signal(object)  # the unit under the mouse, or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = FitTitle()
        self.grid = QtMapGrid("", channels=True)
        self.bars = QtVectorBars()
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.bars)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self.output: np.ndarray | None = None
        self._boxes: list = []
        self.receptive = None  # the box outlined on every map
        self.grid.clicked.connect(self._on_map_click)
        self.grid.hovered.connect(self._on_map_hover)
        self.grid.save_requested.connect(self.save_map_dialog)
        self.grid.copy_requested.connect(self.copy_map)
        self.bars.clicked.connect(lambda i: self.unit_clicked.emit((i,)))

    @property
    def shows_maps(self) -> bool:
        return self.stack.currentWidget() is self.grid

    def set_output(self, title: str, output: np.ndarray | None, class_names=()) -> None:
        """Show a layer's output: (H, W, C) or (W, C) as C maps, a vector as bars."""
        self.output = output
        self._clear_boxes()  # the maps' cells are reused: the last layer's outlines must go
        self.grid.clear_overlays()
        if output is None:
            self.title.setText(title + " — " + tr("computing…"))
            return
        if output.ndim >= 2:
            channels = output.shape[-1]
            shown = min(channels, MAX_MAPS)
            size = "×".join(str(n) for n in output.shape[:-1])
            maps = [np.ascontiguousarray(output[..., i]) for i in range(shown)]
            self.grid.set_maps(maps, [f"{i}  {size}" for i in range(shown)])
            if shown < channels:
                title += " — " + tr("the first {shown} of {n} channels").format(shown=shown, n=channels)
            self.stack.setCurrentWidget(self.grid)
        else:
            names = class_names if len(class_names) == output.size else ()
            self.bars.set_values(output, names)
            if names:
                best = int(np.argmax(output))
                title += " — " + tr("predicted: {name} ({p})").format(name=names[best], p=f"{output[best]:.1%}")
            self.stack.setCurrentWidget(self.bars)
        self.title.setText(title)

    def _on_map_click(self, channel: int, row: int, col: int) -> None:
        if self.output is None:
            return
        unit = (row, col, channel) if self.output.ndim == 3 else (col, channel)
        self.unit_clicked.emit(unit)

    def _on_map_hover(self, channel: int, row: int, col: int) -> None:
        if self.output is None or row < 0:
            self.unit_hovered.emit(None)
            return
        self.unit_hovered.emit((row, col, channel) if self.output.ndim == 3 else (col, channel))

    def map_image(self, channel: int):
        """Channel ``channel``'s map as the window colours it (one scale for all maps), as a Pillow image."""
        from convviz.render.pillow import map_image

        return map_image(self.output[..., channel], levels=self.grid.levels)

    def save_map_dialog(self, channel: int) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, tr("Save map as PNG"), f"channel_{channel}.png",
                                                        tr("PNG images (*.png)"))
        if path:
            self.save_map(channel, path if path.lower().endswith(".png") else path + ".png")

    def save_map(self, channel: int, path) -> bool:
        from convviz.io.atomic import atomic_path

        try:
            with atomic_path(path, suffix=".png") as tmp:
                self.map_image(channel).save(tmp, "PNG")
        except OSError as exc:
            said = tr("Could not write {path}: {error}").format(path=path, error=reason(exc, tr))
            QtWidgets.QMessageBox.warning(self, "convviz", said)
            return False
        return True

    def copy_map(self, channel: int) -> None:
        image = self.map_image(channel)
        data = image.tobytes("raw", "RGB")
        qimage = QtGui.QImage(data, image.width, image.height, 3 * image.width, QtGui.QImage.Format.Format_RGB888)
        QtWidgets.QApplication.clipboard().setImage(qimage.copy())

    def mark(self, unit: tuple[int, ...] | None, box) -> None:
        """Outline ``box`` ((row0, row1), (col0, col1), inclusive, in this layer's cells; it may reach
        into padding) on every map, and the unit itself on its own map or bar."""
        if self.output is None:
            return
        if not self.shows_maps:
            self.bars.set_values(self.bars.values, self.bars.names, unit[0] if unit and len(unit) == 1 else -1)
            return
        self.grid.clear_overlays()
        self.receptive = box
        self._clear_boxes()
        if box is not None:
            (r0, r1), (c0, c1) = box
            for cell in self.grid.cells:
                self._outline(cell, r0, c0, r1 - r0 + 1, c1 - c0 + 1, RECEPTIVE_INK)
        if unit is not None and len(unit) == self.output.ndim:
            channel = unit[-1]
            if channel < len(self.grid.cells):
                row, col = (unit[0], unit[1]) if self.output.ndim == 3 else (0, unit[0])
                self._outline(self.grid.cells[channel], row, col, 1, 1, UNIT_INK)

    def _clear_boxes(self) -> None:
        for cell, item in self._boxes:
            cell.view.removeItem(item)
        self._boxes = []

    def _outline(self, cell, row: int, col: int, rows: int, cols: int, color: str) -> None:
        if self.output.ndim == 2:  # a 1D map is one row of cells
            row, rows = 0, 1
        rect = QtWidgets.QGraphicsRectItem(col, row, cols, rows)
        pen = QtGui.QPen(QtGui.QColor(color))
        pen.setWidthF(3)
        pen.setCosmetic(True)
        rect.setPen(pen)
        rect.setZValue(12)
        cell.view.addItem(rect)
        self._boxes.append((cell, rect))

    def set_type_scale(self, scale: float) -> None:
        self.grid.set_type_scale(scale)
        self.title.set_scale(scale)
        axis_font = QtGui.QFont(QtWidgets.QApplication.font())
        axis_font.setPointSizeF(axis_font.pointSizeF() * scale)
        for name in ("left", "bottom"):
            self.bars.getAxis(name).setStyle(tickFont=axis_font)
