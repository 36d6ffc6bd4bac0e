"""The training window's Training tab: the first-layer filters, the feature maps of a test image,
and the loss and accuracy curves, all updated while the network trains."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from .i18n import tr
from .qt_color_bar import ColorBar
from .qt_map_cell import MapCell, lut_for, set_label
from .qt_train_curves import QtTrainCurves

#: Between the filters of the tiled grid: a grey the diverging scale never takes.
GAP = (128, 128, 128)


class QtLiveTab(QtWidgets.QWidget):
    """Filters and sample maps on the left, the curves (a :class:`QtTrainCurves`) on the right."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter_view = pg.GraphicsLayoutWidget()
        self.filter_view.setBackground(None)
        self.filter_cell = MapCell(self.filter_view.ci, "")
        self.filter_bar = ColorBar(lut_for(True), (-1, 1), width=12)
        self.filter_view.ci.addItem(self.filter_bar, row=1, col=1)
        self.sample_spin = QtWidgets.QSpinBox(minimum=0, maximum=9999)
        self.sample_view = pg.GraphicsLayoutWidget()
        self.sample_view.setBackground(None)
        self.sample_cell = MapCell(self.sample_view.ci, "")
        self.curves = QtTrainCurves(self)

        layout = QtWidgets.QGridLayout(self)
        self.filters_heading = QtWidgets.QLabel(wordWrap=True)
        self.sample_heading = QtWidgets.QLabel()
        self._filter_count = 0  # filters in the grid (its title names them)
        layout.addWidget(self.filters_heading, 0, 0)
        layout.addWidget(self.filter_view, 1, 0)
        sample_row = QtWidgets.QHBoxLayout()
        sample_row.addWidget(self.sample_heading)
        sample_row.addWidget(self.sample_spin)
        sample_row.addStretch(1)
        layout.addLayout(sample_row, 2, 0)
        layout.addWidget(self.sample_view, 3, 0)
        layout.addWidget(self.curves.loss_plot, 1, 1)
        layout.addWidget(self.curves.acc_plot, 3, 1)
        layout.setRowStretch(1, 1)
        layout.setRowStretch(3, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.filters_heading.setText(tr("<b>First-layer filters</b> (one shared diverging scale)"))
        self.sample_heading.setText(tr("<b>conv → ReLU → pool</b> of test image"))
        self.sample_spin.setToolTip(tr("Test image shown below"))
        set_label(self.sample_cell.title, tr("input | conv / ReLU / pool, filters 1-8"), size="9pt")
        self._title_filters()
        self.curves.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _title_filters(self) -> None:
        n = self._filter_count
        if n:
            columns = int(np.ceil(np.sqrt(n)))
            set_label(self.filter_cell.title, tr("F1 … F{n}  (row by row, {columns} per row)").format(
                n=n, columns=columns), size="9pt")

    def show_filters(self, kernels: np.ndarray) -> None:
        """All first-layer filters as one tiled image on one shared, zero-centred scale."""
        from convviz.render import colormaps

        n = kernels.shape[-1]
        maps = [kernels[:, :, 0, i] for i in range(n)]
        m = max(abs(float(kernels.min())), abs(float(kernels.max()))) or 1.0
        columns = int(np.ceil(np.sqrt(n)))
        self.filter_cell.show_values = False
        # Grey between the filters and in the empty slots: the tile's white is the diverging scale's 0, and
        # the grid read as one block of weights (tester).
        self.filter_cell.set_data(colormaps.tile(maps, (-m, m), "diverging", columns=columns, background=GAP),
                                  (0.0, 1.0), None, rgb=True)
        self._filter_count = n
        self._title_filters()
        self.filter_bar.setLevels((-m, m))

    def show_sample(self, panel: np.ndarray) -> None:
        """The test image's feature maps (an RGB picture from ``feature_panel``)."""
        self.sample_cell.show_values = False
        self.sample_cell.set_data(panel, (0.0, 255.0), None, rgb=True)
