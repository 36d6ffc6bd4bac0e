"""The network window's input: draw with the pen, open a file, take a Fashion-MNIST test image or the
explorer's input; the note says how it was fitted to the model; a unit's receptive field and the
"why this class" overlays are drawn on it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.render import colormaps

from .i18n import tr
from .qt_map_view import QtMapGrid
from .qt_network_maps import RECEPTIVE_INK
from .qt_train_results import class_label
from .theme import scaled_font


class QtNetworkInput(QtWidgets.QWidget):
    """``stroke(start, end, erase)``: a pen segment in the input's cells; the buttons' requests are signals."""

    stroke = QtCore.Signal(object, object, bool)
    clear_requested = QtCore.Signal()
    open_requested = QtCore.Signal()
    sample_requested = QtCore.Signal(int)
    explorer_requested = QtCore.Signal()
    overlay_changed = QtCore.Signal(str, int)  # mode, class index (-1: the predicted class)

    def __init__(self, parent=None, *, overlays: bool = False, explorer_input: bool = False):
        super().__init__(parent)
        self.graphics = QtMapGrid("", drawable=True, scale_choice_box=False)
        self.cell = self.graphics.ensure_cells(1, [tr("Input")])[0]
        self.cell.image.stroke.connect(self._on_stroke)
        self.heat = pg.ImageItem(axisOrder="row-major")
        self.heat.setZValue(5)
        self.heat.hide()
        self.cell.view.addItem(self.heat)
        self._box = None
        self.receptive = None  # the box outlined, ((row0, row1), (col0, col1))

        self.pen_label = QtWidgets.QLabel()
        self.pen_width = QtWidgets.QSpinBox(minimum=1, maximum=9, value=2)
        self.pen_label.setBuddy(self.pen_width)
        self.clear_button = QtWidgets.QPushButton()
        self.open_button = QtWidgets.QPushButton()
        self.sample_button = QtWidgets.QPushButton()
        self.sample_spin = QtWidgets.QSpinBox(minimum=0, maximum=9999)
        self.explorer_button = QtWidgets.QPushButton()
        self.explorer_button.setVisible(explorer_input)
        self.clear_button.clicked.connect(self.clear_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(lambda: self.sample_requested.emit(self.sample_spin.value()))
        # A new number loads its image: the box read 2 beside "test image 0" until the button was pressed.
        self.sample_spin.valueChanged.connect(self.sample_requested.emit)
        self.explorer_button.clicked.connect(self.explorer_requested)

        self.note = QtWidgets.QLabel(wordWrap=True)
        tools = QtWidgets.QGridLayout()
        # Three short rows: the column stays narrow enough for the maps beside it at 1024 px.
        tools.addWidget(self.pen_label, 0, 0)
        tools.addWidget(self.pen_width, 0, 1)
        tools.addWidget(self.clear_button, 0, 2)
        tools.addWidget(self.sample_button, 1, 0)
        tools.addWidget(self.sample_spin, 1, 1)
        tools.addWidget(self.open_button, 1, 2)
        tools.addWidget(self.explorer_button, 2, 0, 1, 3)

        self.overlay_mode = QtWidgets.QComboBox()
        self.overlay_class = QtWidgets.QComboBox()
        self.overlay_row = QtWidgets.QWidget()
        row = QtWidgets.QGridLayout(self.overlay_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.overlay_label = QtWidgets.QLabel()
        row.addWidget(self.overlay_label, 0, 0, 1, 2)
        row.addWidget(self.overlay_mode, 1, 0)
        row.addWidget(self.overlay_class, 1, 1)
        self._stacked = False  # the combo boxes one under the other (a pane too narrow for both side by side)
        self.overlay_row.setVisible(overlays)
        self.overlay_note = QtWidgets.QLabel(wordWrap=True)
        # Room for the overlay's two-line note from the start: the first Grad-CAM moved the canvas up.
        self.overlay_note.setVisible(overlays)
        self._reserve_overlay_note()
        self.overlay_mode.activated.connect(lambda _i: self._overlay_chosen())
        self.overlay_class.activated.connect(lambda _i: self._overlay_chosen())

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.note)
        layout.addLayout(tools)
        layout.addWidget(self.overlay_row)
        layout.addWidget(self.overlay_note)
        self._class_names: tuple[str, ...] = ()  # as the model names them (shown through class_label)
        self._class_count = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.graphics.ensure_cells(1, [tr("Input (left: draw, right: erase)")])
        self.pen_label.setText(tr("Pen width"))
        self.clear_button.setText(tr("Clear"))
        self.open_button.setText(tr("Open…"))
        self.sample_button.setText(tr("Test image"))
        self.sample_button.setToolTip(tr("A Fashion-MNIST test image (the number beside it says which)"))
        self.sample_spin.setToolTip(tr("Which test image (0 to 9999)"))
        self.explorer_button.setText(tr("Explorer's input"))
        self.explorer_button.setToolTip(tr("The input of the convolution explorer's window"))
        self.overlay_label.setText(tr("Why this class:"))
        with QtCore.QSignalBlocker(self.overlay_mode):
            current = max(self.overlay_mode.currentIndex(), 0)
            self.overlay_mode.clear()
            for key, label in (("none", tr("no overlay")), ("saliency", tr("saliency")), ("gradcam", tr("Grad-CAM"))):
                self.overlay_mode.addItem(label, key)
            self.overlay_mode.setCurrentIndex(current)
        self.set_class_names(self._class_names, self._class_count)

    def set_class_names(self, names, count: int = 0) -> None:
        self._class_names, self._class_count = tuple(names), count or len(names)
        names = tuple(class_label(n) for n in self._class_names) or tuple(str(i) for i in range(count))
        with QtCore.QSignalBlocker(self.overlay_class):
            current = max(self.overlay_class.currentIndex(), 0)
            self.overlay_class.clear()
            self.overlay_class.addItem(tr("predicted class"), -1)
            for i, name in enumerate(names):
                self.overlay_class.addItem(f"{i}: {name}", i)
            self.overlay_class.setCurrentIndex(min(current, self.overlay_class.count() - 1))
        self._place_overlay_combos()

    def _place_overlay_combos(self) -> None:
        """The two combo boxes side by side when both fit whole, else one under the other (lecture type
        in a 1024 px window cut "predicted class" short)."""
        row = self.overlay_row.layout()
        need = (self.overlay_mode.sizeHint().width() + self.overlay_class.sizeHint().width()
                + max(row.horizontalSpacing(), 0))
        stacked = need > self.contentsRect().width()
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for combo in (self.overlay_mode, self.overlay_class):
            row.removeWidget(combo)
        row.addWidget(self.overlay_mode, 1, 0, 1, 2 if stacked else 1)
        row.addWidget(self.overlay_class, 2 if stacked else 1, 0 if stacked else 1, 1, 2 if stacked else 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place_overlay_combos()

    def _overlay_chosen(self) -> None:
        self.overlay_changed.emit(self.overlay_mode.currentData(), int(self.overlay_class.currentData()))

    def _on_stroke(self, r0: int, c0: int, r1: int, c1: int, button) -> None:
        self.stroke.emit((r0, c0), (r1, c1), button == QtCore.Qt.MouseButton.RightButton)

    def set_image(self, image: np.ndarray, note: str) -> None:
        """The model-sized input (H, W, C) or (W, C): grey (or its one channel), or colours for three."""
        self.cell.show_values = False
        if image.ndim == 3 and image.shape[2] == 3:
            self.cell.set_data(np.clip(image, 0, 1), (0.0, 1.0), None, rgb=True)
            self.graphics.set_show_bar(False)
            self._grey = None
        else:
            channel = image[..., 0] if image.ndim == 3 else image[:, 0]
            self.graphics.set_show_bar(True)
            self.graphics.set_maps([channel], [self.cell.full_title])
            self._grey = (channel, self.cell.full_title)  # what the colour bar says without an overlay
        _say(self.note, note)

    def set_overlay_note(self, text: str) -> None:
        _say(self.overlay_note, text)

    def set_receptive(self, box) -> None:
        """Outline ``box`` ((row0, row1), (col0, col1), inclusive; may reach into padding), or nothing."""
        self.receptive = box
        if self._box is not None:
            self.cell.view.removeItem(self._box)
            self._box = None
        if box is None:
            return
        (r0, r1), (c0, c1) = box
        rect = QtWidgets.QGraphicsRectItem(c0, r0, c1 - c0 + 1, r1 - r0 + 1)
        pen = QtGui.QPen(QtGui.QColor(RECEPTIVE_INK))
        pen.setWidthF(3)
        pen.setCosmetic(True)
        rect.setPen(pen)
        rect.setZValue(12)
        self.cell.view.addItem(rect)
        self._box = rect

    def set_heat(self, heat: np.ndarray | None, mode: str = "none", class_index: int = -1) -> None:
        """A saliency or Grad-CAM map over the input (magma, from 0 to its largest value, transparent
        where it is 0 so the input shows through), or none; the combo boxes follow without signals."""
        with QtCore.QSignalBlocker(self.overlay_mode), QtCore.QSignalBlocker(self.overlay_class):
            self.overlay_mode.setCurrentIndex(max(self.overlay_mode.findData(mode), 0))
        if heat is None:
            self.heat.hide()
            if getattr(self, "_grey", None) is not None:  # the bar goes back to the input's scale
                self.graphics.set_maps([self._grey[0]], [self._grey[1]])
            else:
                self.graphics.set_show_bar(False)
            return
        heat = np.asarray(heat, dtype=np.float64)
        if heat.ndim == 1:
            heat = heat[None, :]
        top = float(heat.max()) or 1.0
        level = np.clip(heat / top, 0, 1)
        rgba = np.empty(heat.shape + (4,), np.uint8)
        rgba[..., :3] = colormaps.apply(level, (0.0, 1.0), "magma")
        rgba[..., 3] = np.round(220 * np.sqrt(level)).astype(np.uint8)
        self.heat.setImage(rgba, autoLevels=False, levels=None)
        self.heat.setRect(QtCore.QRectF(0, 0, heat.shape[1], heat.shape[0]))
        self.heat.show()
        # The colour bar reads the overlay while it shows: magma from 0 to its largest value.
        self.graphics.set_show_bar(True)
        self.graphics.bar.set_table(colormaps.lookup_table("magma"))
        self.graphics.bar.setLevels((0.0, top))

    def set_type_scale(self, scale: float) -> None:
        self.graphics.set_type_scale(scale)
        font = scaled_font(scale)
        for widget in self.findChildren(QtWidgets.QWidget):
            if not isinstance(widget, QtMapGrid) and widget.parent() is not None:
                widget.setFont(font)
        self._place_overlay_combos()
        self._reserve_overlay_note()

    def _reserve_overlay_note(self) -> None:
        """Two lines at the note's type, or what it has needed already (see _say)."""
        lines = 2 * self.overlay_note.fontMetrics().lineSpacing()
        self.overlay_note.setMinimumHeight(max(lines, self.overlay_note.minimumHeight()))

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _say(label: QtWidgets.QLabel, text: str) -> None:
    """A note under the canvas that keeps the room it has had once shown: the canvas moved up and down
    by a line or two as notes came and went (a test image, then a drawing; Grad-CAM on and off)."""
    if not text and label.isVisible():
        label.setMinimumHeight(max(label.minimumHeight(), label.height()))
    label.setText(text)
    label.setVisible(bool(text) or label.minimumHeight() > 0)
