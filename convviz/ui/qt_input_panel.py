"""The input panel: draw, erase, resize, pick a sample; the receptive field is drawn here."""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets
from superqt import QFlowLayout

from convviz.core.messages import message
from convviz.core.padding import pad_input
from convviz.core.trace import format_number
from convviz.io.samples import SAMPLES
from convviz.model.document import MAX_SIDE, MIN_SIDE, Document
from convviz.model.pen import pen_cells
from convviz.render import colormaps

from .i18n import tr
from .qt_map_cell import MAX_TEXT_SIDE, lut_for
from .qt_map_view import QtMapGrid, display_levels, link_cell_sizes
from .theme import scaled_font


def sample_names() -> dict[str, str]:
    """The samples' names in the interface's language (io.samples' labels as tr() literals the
    translation tool can find; a sample missing here shows its own label)."""
    return {
        "lecture_5x5": tr("Lecture 5×5 binary image"), "grid_3x3": tr("Lecture 3×3 grid 1…9"),
        "canvas_28x28": tr("28×28 canvas (draw a digit)"), "photo": tr("Photo-like scene (RGB)"),
        "photo_gray": tr("Photo-like scene (gray)"), "shapes": tr("Shapes"), "checkerboard": tr("Checkerboard"),
    }


#: Inputs up to this many cells a side get their padded cells drawn one by one.
MAX_RING_SIDE = 64


class QtInputPanel(QtWidgets.QWidget):
    """Input canvas bound to a :class:`Document` (two-way, without loops)."""

    sample_requested = QtCore.Signal(str)

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self._linked = False
        self._ring_key = None  # what the padded cells were last drawn from
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        tools = QFlowLayout()
        tools.setHorizontalSpacing(10)  # between groups; a label keeps close to its box
        self.pen_size = QtWidgets.QSpinBox(minimum=1, maximum=32, value=1, toolTip=tr("Pen size in cells"))
        self.pen_value = QtWidgets.QDoubleSpinBox(minimum=-1000, maximum=1000, value=1.0, decimals=3,
                                                  singleStep=0.1, toolTip=tr("Value the pen paints"))
        self.eraser = QtWidgets.QToolButton(text=tr("Eraser"), checkable=True,
                                            toolTip=tr("Paint zeros (right button erases too)"))
        self.clear_button = QtWidgets.QToolButton(text=tr("Clear"), toolTip=tr("Set every cell to 0"))
        self.invert_button = QtWidgets.QToolButton(text=tr("Invert"), toolTip=tr("max + min - value, per cell"))
        self.height_spin = QtWidgets.QSpinBox(minimum=MIN_SIDE, maximum=MAX_SIDE, toolTip=tr("Rows"))
        self.width_spin = QtWidgets.QSpinBox(minimum=MIN_SIDE, maximum=MAX_SIDE, toolTip=tr("Columns"))
        self.rgb = QtWidgets.QComboBox(toolTip=tr("Grayscale (1 channel) or RGB (3 channels)"))
        self.rgb.addItems([tr("Gray"), "RGB"])
        self.samples = QtWidgets.QComboBox(toolTip=tr("Built-in samples"))
        self.samples.addItem(tr("Samples…"), None)
        for key, sample in SAMPLES.items():
            self.samples.addItem(sample_names().get(key, sample.label), key)

        # Labels stay with their boxes; the groups flow onto as many rows as the pane's width needs (in
        # lecture mode's large type three fixed rows held the input pane wider than its share).
        groups = [
            (QtWidgets.QLabel(tr("Pen")), self.pen_size), (QtWidgets.QLabel(tr("Value")), self.pen_value),
            (self.eraser,), (self.clear_button,), (self.invert_button,),
            (QtWidgets.QLabel(tr("Size")), self.height_spin, QtWidgets.QLabel(tr("×")), self.width_spin),
            (self.rgb,), (self.samples,),
        ]
        for widgets in groups:
            if len(widgets) == 1:
                tools.addWidget(widgets[0])
                continue
            group = QtWidgets.QWidget()
            row = QtWidgets.QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget)
            tools.addWidget(group)
        layout.addLayout(tools)
        # As wide as three rows of the controls at the usual type (Pen…Eraser, Clear…Size, Gray Samples),
        # so the pane opens as before; larger type (lecture mode) wraps them instead of widening it.
        items = [tools.itemAt(i).widget() for i in range(tools.count())]
        rows = (items[:3], items[3:6], items[6:])
        gap = tools.horizontalSpacing()
        margins = tools.contentsMargins().left() + tools.contentsMargins().right() + 2  # the flow wraps at width - 1
        self.setMinimumWidth(margins + max(sum(w.sizeHint().width() for w in row) + gap * (len(row) - 1)
                                           for row in rows))

        # A grid of one drawable map: laid out like the feature maps, so cells compare.
        self.graphics = QtMapGrid("", drawable=True, scale_choice_box=False)
        self.cell = self.graphics.ensure_cells(1, [tr("Input")])[0]
        self.bar = self.graphics.bar
        layout.addWidget(self.graphics, 1)

        self.cell.image.stroke.connect(self._on_stroke)
        self.clear_button.clicked.connect(self._clear)
        self.invert_button.clicked.connect(self._invert)
        self.height_spin.editingFinished.connect(self._resize)
        self.width_spin.editingFinished.connect(self._resize)
        self.rgb.currentIndexChanged.connect(lambda i: self._guard(lambda: document.set_rgb(i == 1)))
        self.samples.activated.connect(self._on_sample)
        document.events.input.connect(self._on_input_change)
        document.events.mode.connect(self._on_mode_change)
        document.events.settings.connect(self._update_padding)
        document.events.kernels.connect(self._update_padding)
        self._on_mode_change(document.mode)
        self._on_input_change()

    def link_cell_size(self, *grids: QtMapGrid) -> None:
        """Let ``grids`` (the feature and pooled maps) draw their cells no larger than the input's
        where the panes leave room, so a small input and its outputs share one cell size."""
        self._linked = True
        self.cell_link = link_cell_sizes(self.graphics, grids)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.LanguageChange:  # View → Language: the map's own title
            self.graphics.ensure_cells(1, [tr("Input signal") if self.document.mode == "1d" else tr("Input")])

    def set_type_scale(self, scale: float) -> None:
        """The input's title, colour-bar numbers and controls (pen, value, size, samples) ``scale``
        times their usual size (lecture mode and zoom): beside large maps they stayed small."""
        self.graphics.set_type_scale(scale)
        self.setFont(QtGui.QFont() if scale == 1.0 else scaled_font(scale))  # at 1 the application's again

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._linked:
            # Not linked by whoever built the window: the map grids of the window it is shown in.
            window = self.window()
            grids = [g for g in window.findChildren(QtMapGrid) if g is not self.graphics and g.window() is window]
            if grids:
                self.link_cell_size(*grids)

    # ------------------------------------------------------------ model -> view
    def _on_input_change(self) -> None:
        arr = self.document.input
        rgb = arr.ndim == 3
        lo, hi, signed = display_levels([arr])
        if not signed and arr.max() <= 1 and arr.min() >= 0:
            lo, hi = 0.0, 1.0
        lut = lut_for(signed)
        self.cell.set_data(arr, (lo, hi), lut, rgb=rgb)
        self.bar.set_table(lut_for(signed))
        self.bar.setLevels((lo, hi))
        self.graphics.set_show_bar(not rgb)
        self._update_padding()
        with QtCore.QSignalBlocker(self.height_spin), QtCore.QSignalBlocker(self.width_spin), \
                QtCore.QSignalBlocker(self.rgb):
            if arr.ndim == 1:
                self.height_spin.setValue(1)
                self.width_spin.setValue(arr.size)
            else:
                self.height_spin.setValue(arr.shape[0])
                self.width_spin.setValue(arr.shape[1])
            self.rgb.setCurrentIndex(1 if rgb else 0)

    def _on_mode_change(self, mode: str) -> None:
        one_d = mode == "1d"
        # Disabling a focused spin box moves the focus and emits editingFinished with the old
        # mode's size, which would resize the new mode's input: no signals while switching.
        with QtCore.QSignalBlocker(self.height_spin), QtCore.QSignalBlocker(self.width_spin):
            self.height_spin.setEnabled(not one_d)
            self.rgb.setEnabled(not one_d)
            self.height_spin.setMinimum(1 if one_d else MIN_SIDE)
            self.width_spin.setMinimum(1 if one_d else MIN_SIDE)
            self.width_spin.setMaximum(4096 if one_d else MAX_SIDE)
        self.graphics.ensure_cells(1, [tr("Input signal") if one_d else tr("Input")])

    def _update_padding(self, *_args) -> None:
        """Padded cells around the input whenever the settings pad it, each showing the value the
        boundary mode gives it (not only while an output cell is hovered)."""
        doc, s = self.document, self.document.settings
        x = doc.input
        spatial = 1 if x.ndim == 1 else 2
        try:
            pads = doc.conv_geometry().pads
        except ValueError:
            pads = ((0, 0),) * spatial
        extent = (0, 0, *pads[0]) if spatial == 1 else (*pads[0], *pads[1])
        self.cell.set_extent(*extent)
        # What the ring shows depends on these alone (an activation or pooling change keeps it).
        key = (id(x), extent, s.boundary, self.cell.levels, self.cell.show_values)
        if key == self._ring_key:
            return
        self._ring_key = key
        if not any(extent):
            self.cell.padding.set_ring(None, None, extent)
            return
        if max(x.shape[:spatial]) > MAX_RING_SIDE:
            # Cells of a large input are a few pixels at most: the ring's outline says it all.
            self.cell.padding.set_ring(None, None, extent, outline_of=self.cell.shape)
            return
        padded = pad_input(x, pads, s.boundary)
        padded = padded[None, :] if padded.ndim == 1 else padded
        if padded.ndim == 3:
            rgb = (np.clip(padded, 0, 1) * 255).round().astype(np.uint8)
            numbers = padded.mean(axis=2)
        else:
            rgb = colormaps.lookup_table("diverging" if self.cell.levels[0] < 0 else "gray")[
                colormaps.indices(padded, self.cell.levels)]
            numbers = padded
        texts = None
        if self.cell.show_values and max(x.shape[:spatial]) <= MAX_TEXT_SIDE:
            texts = np.array([format_number(float(v)) for v in numbers.ravel()], dtype=object).reshape(numbers.shape)
        self.cell.padding.set_ring(rgb, texts, extent)

    # ------------------------------------------------------------ view -> model
    def _guard(self, action) -> None:
        try:
            action()
        except ValueError as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", message(exc, tr))
            self._on_input_change()  # the size boxes show the input as it stayed

    def _on_stroke(self, row0: int, col0: int, row1: int, col1: int, button) -> None:
        erase = self.eraser.isChecked() or button == QtCore.Qt.MouseButton.RightButton
        value = 0.0 if erase else self.pen_value.value()
        arr = self.document.input
        shape = (1, arr.shape[0]) if arr.ndim == 1 else arr.shape[:2]
        rows, cols = pen_cells((row0, col0), (row1, col1), self.pen_size.value(), shape)
        if arr.ndim == 1:
            new = arr.copy()
            new[cols] = value
            self.document.set_input(new)
        else:
            self.document.paint(rows, cols, value)

    def _clear(self) -> None:
        self.document.set_input(np.zeros_like(self.document.input))

    def _invert(self) -> None:
        arr = self.document.input
        self.document.set_input(arr.max() + arr.min() - arr)

    def _resize(self) -> None:
        arr = self.document.input
        current = (1, arr.size) if arr.ndim == 1 else arr.shape[:2]
        wanted = (1 if arr.ndim == 1 else self.height_spin.value(), self.width_spin.value())
        if wanted != tuple(current):  # editingFinished also fires when the focus merely leaves
            self._guard(lambda: self.document.resize_input(*wanted))

    def _on_sample(self, index: int) -> None:
        key = self.samples.itemData(index)
        self.samples.setCurrentIndex(0)
        if key:
            self.sample_requested.emit(key)
