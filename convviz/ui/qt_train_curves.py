"""The training window's loss and accuracy plots: one point per epoch, the batch loss between.

The ranges hold still while training (epochs 0..N, accuracy 0..1, loss 0..2.5 grown to round
numbers only when a loss goes above it): an axis that moves lays out its ticks and labels again,
and four progress updates a second made the window's paints several times dearer that way.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from convviz.model.training import batch_curve_point, round_loss_top

from .i18n import tr

TRAIN_COLOUR, VALIDATION_COLOUR = "#1f77b4", "#ff7f0e"


class QtTrainCurves(QtCore.QObject):
    """Owns the two plots (the window places them) and the curves drawn in them."""

    #: Where the loss axis starts: the cross-entropy of a guess among ten classes is ln 10 = 2.3.
    LOSS_TOP = 2.5
    #: The part of each later epoch whose running-mean batch loss is not drawn (see progress).
    SETTLING = 0.05
    #: Diameter of an epoch's point, in pixels.
    SYMBOL_SIZE = 8
    #: Room kept between a plot's data range and its edges, in pixels: a whole point at the
    #: last epoch, at accuracy 1 and at loss 0 (a padding in data units shrank below the
    #: point's radius in small plots, and the last epoch's points were cut in half), and half
    #: a tick label, so the last epoch's number is drawn (pyqtgraph hides a label that would
    #: cross the axis' end).
    MARGIN_PX = 12

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loss_plot = pg.PlotWidget(title=tr("loss"))
        self.acc_plot = pg.PlotWidget(title=tr("accuracy"))
        # Legends where the curves are not: loss falls from the top left, accuracy rises to the top.
        for plot, corner in ((self.loss_plot, (-10, 10)), (self.acc_plot, (-10, -10))):
            plot.setBackground(None)
            plot.addLegend(offset=corner)
            plot.setLabel("bottom", tr("epoch"))
            plot.showGrid(x=True, y=True, alpha=0.3)
            for side in ("left", "bottom"):
                # Axes (with the grid) repaint from a pixmap while only the curves change.
                plot.getAxis(side).setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
            plot.getViewBox().sigResized.connect(self._apply_ranges)

        def epoch_curve(plot, colour: str, name: str):
            # The points in the line's colour: pyqtgraph's default symbol brush is one grey-blue
            # for every curve, so after one epoch train and validation were two identical dots.
            curve = plot.plot(pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=self.SYMBOL_SIZE,
                              symbolBrush=colour, symbolPen=pg.mkPen(colour), name=name)
            # The legend draws its sample point from the scatter's own brush, which pyqtgraph sets
            # only with the first data: before the first epoch both legend points were grey-blue.
            curve.scatter.setBrush(pg.mkBrush(colour))
            curve.scatter.setPen(pg.mkPen(colour))
            return curve

        self.curves = {
            "loss": epoch_curve(self.loss_plot, TRAIN_COLOUR, tr("train")),
            "val_loss": epoch_curve(self.loss_plot, VALIDATION_COLOUR, tr("validation")),
            "accuracy": epoch_curve(self.acc_plot, TRAIN_COLOUR, tr("train")),
            "val_accuracy": epoch_curve(self.acc_plot, VALIDATION_COLOUR, tr("validation")),
        }
        self.batch_curve = self.loss_plot.plot(pen=pg.mkPen(TRAIN_COLOUR + "77", width=1),
                                               name=tr("batches (epoch mean so far)"))
        self._history: dict[str, list[float]] = {}
        self._batch_points: list[tuple[float, float]] = []  # (epochs done, running mean loss); NaN between epochs
        self._batch_epoch = 0
        self._epochs = 1
        self._train_samples = 1
        self._loss_top = self.LOSS_TOP
        self._ranges: tuple | None = None  # (epochs, loss top, x padding, loss padding, accuracy padding) set last

    def retranslate(self) -> None:
        """Titles, axis labels and legend entries in the interface's language."""
        names = {"loss": tr("train"), "val_loss": tr("validation"), "accuracy": tr("train"),
                 "val_accuracy": tr("validation")}
        for plot, title in ((self.loss_plot, tr("loss")), (self.acc_plot, tr("accuracy"))):
            plot.setTitle(title)
            plot.setLabel("bottom", tr("epoch"))
        curves = [(self.loss_plot, curve, names[key]) for key, curve in self.curves.items() if "loss" in key]
        curves += [(self.acc_plot, curve, names[key]) for key, curve in self.curves.items() if "acc" in key]
        curves.append((self.loss_plot, self.batch_curve, tr("batches (epoch mean so far)")))
        for plot, curve, name in curves:
            curve.opts["name"] = name
            label = plot.getPlotItem().legend.getLabel(curve)
            if label is not None:
                label.setText(name)

    # ------------------------------------------------------------------ ranges
    def hold_ranges(self, epochs: int) -> None:
        """Epochs 0..N, accuracy 0..1, loss 0..2.5: set when the window is built, when the
        epochs change and at Start, so pressing Start moves no axis."""
        self._epochs = max(1, int(epochs))
        self._loss_top = self.LOSS_TOP
        self._apply_ranges()

    def _padding(self, plot: pg.PlotWidget, axis: int) -> float:
        """The fraction of the range that leaves MARGIN_PX pixels on each side at the plot's size."""
        rect = plot.getViewBox().rect()
        pixels = rect.width() if axis == 0 else rect.height()
        if pixels <= 4 * self.MARGIN_PX:  # not laid out yet: pyqtgraph's usual small padding
            return 0.02
        return self.MARGIN_PX / (pixels - 2 * self.MARGIN_PX)

    def _apply_ranges(self, *_args) -> None:
        x_pad, loss_pad, acc_pad = (self._padding(self.loss_plot, 0), self._padding(self.loss_plot, 1),
                                    self._padding(self.acc_plot, 1))
        acc_x_pad = self._padding(self.acc_plot, 0)
        ranges = (self._epochs, self._loss_top, x_pad, acc_x_pad, loss_pad, acc_pad)
        if ranges == self._ranges:
            return
        self._ranges = ranges
        self.loss_plot.setXRange(0, self._epochs, padding=x_pad)
        self.acc_plot.setXRange(0, self._epochs, padding=acc_x_pad)
        self.acc_plot.setYRange(0, 1, padding=acc_pad)
        self.loss_plot.setYRange(0, self._loss_top, padding=loss_pad)

    def _grow_loss_range(self, *values: float) -> None:
        top = round_loss_top(self._loss_top, values)
        if top != self._loss_top:
            self._loss_top = top
            self._apply_ranges()

    # ----------------------------------------------------------------- curves
    def start(self, epochs: int) -> None:
        """A new run: every curve empty, the ranges back to their start."""
        self._history = {}
        self._batch_points = []
        self._batch_epoch = 0
        for curve in self.curves.values():
            curve.setData([], [])
        self.batch_curve.setData([], [])
        self.hold_ranges(epochs)

    def set_train_samples(self, train_samples: int) -> None:
        self._train_samples = max(1, int(train_samples))

    def progress(self, info: dict) -> None:
        """One running-mean batch loss from a progress message."""
        point = batch_curve_point(info["samples_done"], info["epoch"], self._train_samples, self.SETTLING)
        if point is None:
            # A later epoch's running mean starts again from a handful of batches: a single
            # batch's loss, far below or above the curve.  Its first few percent are left out
            # (in the first epoch they are the steep start of learning, and stay).
            return
        self._add_batch_point(info["epoch"], point, info["loss"])

    def _add_batch_point(self, epoch: int, x: float, loss: float) -> None:
        if epoch != self._batch_epoch and self._batch_points:
            # Keras's batch loss is the running mean of the epoch so far and starts again
            # each epoch (its first value is one batch's): a gap, not a line into it.
            self._batch_points.append((x, np.nan))
        self._batch_epoch = epoch
        self._batch_points.append((x, loss))
        xs, ys = zip(*self._batch_points)
        self._grow_loss_range(loss)
        self.batch_curve.setData(xs, ys, connect="finite")

    def epoch(self, epoch: int, logs: dict) -> None:
        for key, value in logs.items():
            self._history.setdefault(key, []).append(value)
        if np.isfinite(logs.get("loss", np.nan)):
            # The epoch's loss is the running mean over all its batches: the batch curve's last
            # value, at the epoch's end.  Progress comes at most four times a second, so a short
            # epoch's curve used to stop where the last report happened to fall (0.56 of an
            # epoch of 0.75 s).
            self._add_batch_point(epoch, float(epoch + 1), float(logs["loss"]))
        self._grow_loss_range(logs.get("loss", np.nan), logs.get("val_loss", np.nan))
        for key, curve in self.curves.items():
            values = self._history.get(key, [])
            curve.setData(np.arange(1, len(values) + 1), values)
