"""The training window's Predict tab: draw an input, see the class probabilities and the first
layer's feature maps of the drawing."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from convviz.model.pen import pen_cells
from convviz.model.training import canvas_is_blank

from .i18n import tr
from .qt_map_cell import MapCell, lut_for, set_label
from .qt_train_results import class_label
from .settings import app_settings

#: The QSettings key of the canvas's pen width, in cells.
PEN_WIDTH_KEY = "train/pen_width"


def feature_panel(kernels, biases, image: np.ndarray, config, scaling) -> np.ndarray:
    """input | conv maps / ReLU maps / pool maps (up to 8 filters) as one 8-bit RGB picture."""
    from convviz.render import colormaps
    from convviz.train.runner import first_layer_maps

    conv, relu, pooled = first_layer_maps(kernels, biases, image, config, scaling)
    n = min(conv.shape[-1], 8)
    rows = []
    for stack in (conv, relu, pooled):
        lo, hi, signed = colormaps.levels_for([stack])
        rows.append(colormaps.tile([stack[..., i] for i in range(n)], (lo, hi),
                                   "diverging" if signed else "gray", gap=2))
    width = max(r.shape[1] for r in rows)
    panel = np.full((sum(r.shape[0] for r in rows) + 4 * len(rows), width + image.shape[1] + 6, 3), 255,
                    dtype=np.uint8)
    panel[: image.shape[0], : image.shape[1]] = colormaps.apply(image / 255.0, (0.0, 1.0), "gray")
    y = 0
    for r in rows:
        panel[y: y + r.shape[0], image.shape[1] + 6: image.shape[1] + 6 + r.shape[1]] = r
        y += r.shape[0] + 4
    return panel


class QtPredictPanel(QtWidgets.QWidget):
    """Canvas, pen width, class probabilities as bars, and the drawing's feature maps.

    The window sets ``model`` (a :class:`convviz.train.forward.NumpyCNN`), ``class_names`` and,
    for the feature maps, ``maps_of`` (a function of an 8-bit image); ``use_test_image`` asks
    the window for its test image."""

    use_test_image = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = None
        self.class_names: tuple[str, ...] = ()
        self.maps_of = None  # image (uint8) -> RGB panel, or None before there are filters
        self.predict_view = pg.GraphicsLayoutWidget()
        self.predict_view.setBackground(None)
        self.canvas = MapCell(self.predict_view.ci, "", drawable=True)
        self.canvas_image = np.zeros((28, 28))
        self.canvas.image.stroke.connect(self.paint)
        self.prob_plot = pg.PlotWidget()
        self.prob_plot.setBackground(None)
        # Horizontal bars: the class names are read down the left axis, whole, at any width.
        self.prob_bars = pg.BarGraphItem(x0=0, y=np.arange(10), width=np.zeros(10), height=0.7, brush="#1f77b4")
        self.prob_plot.addItem(self.prob_bars)
        self.prob_plot.invertY(True)  # the first class at the top, as a list reads
        self.prob_plot.setXRange(0, 1, padding=0.02)
        self._prob_ticks = None
        self.predict_maps = pg.GraphicsLayoutWidget()
        self.predict_maps.setBackground(None)
        self.predict_cell = MapCell(self.predict_maps.ci, "")

        self.pen_width = QtWidgets.QSpinBox(minimum=1, maximum=9)
        self.pen_width.setValue(self._stored_pen_width())
        self.pen_width.valueChanged.connect(lambda width: app_settings().setValue(PEN_WIDTH_KEY, int(width)))
        self.clear_button = QtWidgets.QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.use_test_button = QtWidgets.QPushButton()
        self.use_test_button.clicked.connect(self.use_test_image)
        self.pen_label = QtWidgets.QLabel(buddy=self.pen_width)
        tools = QtWidgets.QHBoxLayout()
        tools.addWidget(self.pen_label)
        tools.addWidget(self.pen_width)
        tools.addWidget(self.clear_button)
        tools.addWidget(self.use_test_button)
        tools.addStretch(1)
        self.predict_note = QtWidgets.QLabel(wordWrap=True)
        layout = QtWidgets.QGridLayout(self)
        layout.addWidget(self.predict_view, 0, 0)
        layout.addWidget(self.prob_plot, 0, 1)
        layout.addLayout(tools, 1, 0, 1, 2)
        layout.addWidget(self.predict_note, 2, 0, 1, 2)
        layout.addWidget(self.predict_maps, 3, 0, 1, 2)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(3, 2)
        self.retranslate()

    def retranslate(self) -> None:
        set_label(self.canvas.title, tr("draw here (left: paint, right: erase)"), size="9pt")
        set_label(self.predict_cell.title, tr("input | conv / ReLU / pool, filters 1-8"), size="9pt")
        self.prob_plot.setTitle(tr("class probabilities"))
        self.prob_plot.setLabel("bottom", tr("probability"))
        self.pen_label.setText(tr("Pen width"))
        self.pen_width.setToolTip(tr("Pen width in cells"))
        self.clear_button.setText(tr("Clear"))
        self.use_test_button.setText(tr("Use the test image"))
        if self.model is None:
            self.predict_note.setText(tr("Train or load a model to predict."))
        else:
            self.predict()  # the prediction line and the class names on the bars

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _stored_pen_width() -> int:
        try:
            return min(9, max(1, int(app_settings().value(PEN_WIDTH_KEY, 3))))
        except (TypeError, ValueError):
            return 3

    def paint(self, row0: int, col0: int, row1: int, col1: int, button) -> None:
        """The pen along the stroke segment: white, or black with the right button."""
        rows, cols = pen_cells((row0, col0), (row1, col1), self.pen_width.value(), self.canvas_image.shape)
        self.canvas_image[rows, cols] = 0.0 if button == QtCore.Qt.MouseButton.RightButton else 1.0
        self.predict()

    def clear(self) -> None:
        self.canvas_image[:] = 0
        self.predict()

    def show_image(self, image: np.ndarray) -> None:
        """An 8-bit image (a test image) on the canvas, predicted."""
        self.canvas_image = image.astype(np.float64) / 255
        self.predict()

    def predict(self) -> None:
        self.canvas.show_values = False
        self.canvas.set_data(self.canvas_image, (0.0, 1.0), lut_for(False))
        if self.model is None:
            return
        if canvas_is_blank(self.canvas_image):
            # A network asked about an empty canvas still names a class with confidence
            # ("Sandal 81%"): say there is nothing to classify instead, the classes named on empty bars
            # (the axis read 0, 2, 4, 6, 8 until the first drawing).
            names = self._names(len(self.prob_bars.opts["y"]))
            self.prob_bars.setOpts(x0=0, y=np.arange(len(names)), width=np.zeros(len(names)), height=0.7)
            self._set_ticks(names)
            self.predict_note.setText(tr("Nothing drawn yet: draw on the canvas (or use the test image) "
                                         "to see what the network predicts."))
            self._show_maps()
            return
        try:
            probs = self.model.predict(self.canvas_image)
        except ValueError as exc:
            self.predict_note.setText(str(exc))
            return
        self.prob_bars.setOpts(x0=0, y=np.arange(len(probs)), width=probs, height=0.7)
        names = self._names(len(probs))
        self._set_ticks(names)
        best = int(probs.argmax())
        self.predict_note.setText(
            tr("Prediction: <b>{name}</b> ({p})").format(name=names[best], p=f"{probs[best]:.1%}"))
        self._show_maps()

    def _names(self, classes: int) -> list[str]:
        """The classes' names on the probability axis (their numbers where the data named none)."""
        return [class_label(n) for n in self.class_names] or [str(i) for i in range(classes)]

    def _set_ticks(self, names: list[str]) -> None:
        ticks = [[(i, n) for i, n in enumerate(names)]]
        if ticks != self._prob_ticks:  # new ticks or range: the axis lays itself out again
            self._prob_ticks = ticks
            self.prob_plot.getAxis("left").setTicks(ticks)
            self.prob_plot.setYRange(-0.5, len(names) - 0.5, padding=0.02)

    def _show_maps(self) -> None:
        if self.maps_of is None:
            return
        panel = self.maps_of((self.canvas_image * 255).astype(np.uint8))
        if panel is not None:
            self.predict_cell.show_values = False
            self.predict_cell.set_data(panel, (0.0, 255.0), None, rgb=True)
