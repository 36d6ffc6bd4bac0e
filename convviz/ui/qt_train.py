"""Train a small CNN in the window and watch its first-layer filters learn.

Training (and loading a .keras file) runs in a child process
(:mod:`convviz.train.process`), so TensorFlow never enters the window's
interpreter: its import and its training loop cannot hold the GUI's GIL.
The child's messages are polled by a QTimer in the GUI thread and re-emitted
as the signals of :class:`QtTrainAdapter`; predictions use the trained weights
in numpy (:class:`convviz.train.forward.NumpyCNN`).
"""

from __future__ import annotations

import shutil
import time

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from convviz.io.inputs import InputError
from convviz.model.pen import pen_cells
from convviz.model.training import InputScaling, TrainConfig

from .qt_map_view import ColorBar, MapCell, lut_for, set_label
from .i18n import tr

DATASETS = (("fashion-mnist", "Fashion-MNIST"), ("mnist", "MNIST"), ("shapes", "Shapes (synthetic, no download)"),
            ("path", "Other: .npz, IDX or image folders…"))



LR_SCHEDULES = (("cosine", "cosine decay to 0"), ("constant", "constant rate"))

class QtTrainAdapter(QtCore.QObject):
    """The training process's messages as Qt signals (emitted in the GUI thread by the poll timer)."""

    started = QtCore.Signal(dict)
    progress = QtCore.Signal(dict)
    epoch = QtCore.Signal(int, dict)
    filters = QtCore.Signal(object, object)
    finished = QtCore.Signal(object, object)  # TrainResult (without the Keras model), weights
    data = QtCore.Signal(object, object, object)  # test images, test labels, class names
    loaded = QtCore.Signal(dict, object, object, object)  # config, weights, input shape, (scale, offset)
    failed = QtCore.Signal(str)

    def dispatch(self, message: tuple) -> None:
        kind, *payload = message
        getattr(self, kind).emit(*payload)


class QtTrainWindow(QtWidgets.QMainWindow):
    def __init__(self, parent=None, *, data_spec=None):
        super().__init__(parent)
        self.setWindowTitle("convviz — train a CNN")
        self.resize(1280, 800)
        self.adapter = QtTrainAdapter(self)
        self._data_spec = data_spec  # tests and benchmarks choose the data directly
        self._process = None  # convviz.train.process.TrainProcess
        self._model_file: str | None = None
        self._poll = QtCore.QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._poll_process)
        self.dataset = None
        self.model = None
        self.result = None
        self.config = TrainConfig()
        self._kernels = None
        self._scaling = InputScaling()  # the model's input standardization (for the numpy views)
        self._biases = None
        self._history: dict[str, list[float]] = {}
        self._train_samples = 1  # images per epoch of the run in progress (from its "started" message)
        self._build()
        self.adapter.started.connect(self._on_started)
        self.adapter.progress.connect(self._on_progress)
        self.adapter.epoch.connect(self._on_epoch)
        self.adapter.filters.connect(self._on_filters)
        self.adapter.finished.connect(self._on_finished)
        self.adapter.loaded.connect(self._on_loaded)
        self.adapter.data.connect(self._on_data)
        self._warmed = False
        self.adapter.failed.connect(self._on_failed)
        self._hold_ranges()
        self.spins["epochs"].valueChanged.connect(lambda _v: None if self.running else self._hold_ranges())

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        form_box = QtWidgets.QGroupBox(tr("Model and data"))
        form = QtWidgets.QFormLayout(form_box)
        self.dataset_combo = QtWidgets.QComboBox()
        for key, label in DATASETS:
            self.dataset_combo.addItem(tr(label), key)
        self.data_path = QtWidgets.QLineEdit(placeholderText=tr("IDX directory, .npz or class folders (optional)"))
        browse = QtWidgets.QToolButton(text=tr("…"))
        browse.clicked.connect(self._browse)
        path_row = QtWidgets.QHBoxLayout()
        path_row.addWidget(self.data_path)
        path_row.addWidget(browse)
        self.limit = QtWidgets.QSpinBox(minimum=0, maximum=1_000_000, specialValueText=tr("all"), singleStep=1000)
        c = self.config
        self.spins = {}

        def spin(name, lo, hi, value, step=1):
            w = QtWidgets.QSpinBox(minimum=lo, maximum=hi, value=value, singleStep=step)
            self.spins[name] = w
            return w

        def dspin(name, lo, hi, value, step, decimals):
            # decimals before the value: Qt rounds the value to the current decimals.
            w = QtWidgets.QDoubleSpinBox(decimals=decimals, minimum=lo, maximum=hi, singleStep=step)
            w.setValue(value)
            self.spins[name] = w
            return w

        self.padding = QtWidgets.QComboBox()
        self.padding.addItems(["same", "valid"])
        self.pool = QtWidgets.QComboBox()
        self.pool.addItems(["max", "avg"])
        self.optimizer = QtWidgets.QComboBox()
        self.optimizer.addItems(["adam", "sgd"])
        self.lr_schedule = QtWidgets.QComboBox(toolTip=tr(
            "Cosine: the learning rate falls smoothly to 0 by the last batch (keras CosineDecay)"))
        for key, label in LR_SCHEDULES:
            self.lr_schedule.addItem(tr(label), key)
        self.second_block = QtWidgets.QCheckBox(tr("second conv block"))
        self.standardize = QtWidgets.QCheckBox(tr("standardize inputs"), checked=c.standardize, toolTip=tr(
            "A parameter-free Rescaling layer first: the training images get mean 0 and standard deviation 1"))
        form.addRow(tr("Dataset"), self.dataset_combo)
        form.addRow(tr("Data"), path_row)
        form.addRow(tr("Training images"), self.limit)
        form.addRow(tr("Filters"), spin("filters", 1, 64, c.filters))
        form.addRow(tr("Kernel size"), spin("kernel_size", 1, 9, c.kernel_size))
        form.addRow(tr("Padding"), self.padding)
        form.addRow(tr("Stride"), spin("stride", 1, 3, c.stride))
        form.addRow("", self.second_block)
        form.addRow("", self.standardize)
        form.addRow(tr("Pooling"), self.pool)
        form.addRow(tr("Dropout"), dspin("dropout", 0, 0.9, c.dropout, 0.1, 2))
        form.addRow(tr("Dense units"), spin("dense_units", 1, 1024, c.dense_units, 10))
        form.addRow(tr("Optimizer"), self.optimizer)
        form.addRow(tr("Learning rate"), dspin("learning_rate", 1e-5, 1.0, c.learning_rate, 0.0005, 5))
        form.addRow(tr("Rate schedule"), self.lr_schedule)
        form.addRow(tr("Epochs"), spin("epochs", 1, 100, c.epochs))
        form.addRow(tr("Batch size"), spin("batch_size", 1, 4096, c.batch_size))
        form.addRow(tr("Validation split"), dspin("validation_split", 0, 0.5, c.validation_split, 0.05, 2))
        form.addRow(tr("Seed"), spin("seed", 0, 2**31 - 1, c.seed))

        self.start_button = QtWidgets.QPushButton(tr("Start training"))
        self.pause_button = QtWidgets.QPushButton(tr("Pause"), checkable=True, enabled=False)
        self.cancel_button = QtWidgets.QPushButton(tr("Cancel"), enabled=False)
        buttons = QtWidgets.QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.cancel_button):
            buttons.addWidget(b)
        self.save_button = QtWidgets.QPushButton(tr("Save model…"), enabled=False)
        self.load_button = QtWidgets.QPushButton(tr("Load model…"))
        self.export_filters_button = QtWidgets.QPushButton(tr("Filters PNG…"), enabled=False)
        self.export_curves_button = QtWidgets.QPushButton(tr("Curves PNG…"), enabled=False)
        keep = QtWidgets.QGridLayout()
        keep.addWidget(self.save_button, 0, 0)
        keep.addWidget(self.load_button, 0, 1)
        keep.addWidget(self.export_filters_button, 1, 0)
        keep.addWidget(self.export_curves_button, 1, 1)
        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.addWidget(form_box)
        left_layout.addLayout(buttons)
        left_layout.addLayout(keep)
        self.summary = QtWidgets.QPlainTextEdit(readOnly=True, placeholderText=tr("The Keras summary appears here."))
        from PySide6 import QtGui

        self.summary.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))
        self.summary.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        left_layout.addWidget(self.summary, 1)

        # Live views
        self.filter_view = pg.GraphicsLayoutWidget()
        self.filter_view.setBackground(None)
        self.filter_cell = MapCell(self.filter_view.ci, "")
        self.filter_bar = ColorBar(lut_for(True), (-1, 1), width=12)
        self.filter_view.ci.addItem(self.filter_bar, row=1, col=1)
        self.sample_spin = QtWidgets.QSpinBox(minimum=0, maximum=9999, toolTip=tr("Test image shown below"))
        self.sample_view = pg.GraphicsLayoutWidget()
        self.sample_view.setBackground(None)
        self.sample_cell = MapCell(self.sample_view.ci, tr("input | conv / ReLU / pool, filters 1-8"))
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
        def epoch_curve(plot, colour: str, name: str):
            # The points in the line's colour: pyqtgraph's default symbol brush is one grey-blue
            # for every curve, so after one epoch train and validation were two identical dots.
            return plot.plot(pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=8, symbolBrush=colour,
                             symbolPen=pg.mkPen(colour), name=name)

        train_colour, validation_colour = "#1f77b4", "#ff7f0e"
        self.curves = {
            "loss": epoch_curve(self.loss_plot, train_colour, tr("train")),
            "val_loss": epoch_curve(self.loss_plot, validation_colour, tr("validation")),
            "accuracy": epoch_curve(self.acc_plot, train_colour, tr("train")),
            "val_accuracy": epoch_curve(self.acc_plot, validation_colour, tr("validation")),
        }
        self.batch_curve = self.loss_plot.plot(pen=pg.mkPen("#1f77b477", width=1),
                                               name=tr("batches (epoch mean so far)"))
        self._batch_points: list[tuple[float, float]] = []  # (epochs done, running mean loss); NaN between epochs
        self._batch_epoch = 0
        self._loss_top = self.LOSS_TOP  # the loss plot's upper end while training (see _hold_ranges)
        self.progress_bar = QtWidgets.QProgressBar()
        self.progress_label = QtWidgets.QLabel(tr("Not started."))
        self.result_label = QtWidgets.QLabel()
        for label in (self.progress_label, self.result_label):
            # New text repaints the label alone: a label whose size follows its text (the result
            # line appearing at the end, a longer progress line) makes the window lay itself out
            # again and repaint every plot beside it, 40-60 ms at the end of a run while
            # TensorFlow holds both cores.
            label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Fixed)
            label.setMinimumHeight(label.fontMetrics().lineSpacing() + 2)

        live = QtWidgets.QWidget()
        live_layout = QtWidgets.QGridLayout(live)
        live_layout.addWidget(QtWidgets.QLabel(tr("<b>First-layer filters</b> (one shared diverging scale)")), 0, 0)
        live_layout.addWidget(self.filter_view, 1, 0)
        sample_row = QtWidgets.QHBoxLayout()
        sample_row.addWidget(QtWidgets.QLabel(tr("<b>conv → ReLU → pool</b> of test image")))
        sample_row.addWidget(self.sample_spin)
        sample_row.addStretch(1)
        live_layout.addLayout(sample_row, 2, 0)
        live_layout.addWidget(self.sample_view, 3, 0)
        live_layout.addWidget(self.loss_plot, 1, 1)
        live_layout.addWidget(self.acc_plot, 3, 1)
        live_layout.setRowStretch(1, 1)
        live_layout.setRowStretch(3, 1)

        # Results: confusion matrix and misclassified images
        self.confusion_view = pg.GraphicsLayoutWidget()
        self.confusion_view.setBackground(None)
        self.confusion_cell = MapCell(self.confusion_view.ci,
                                     tr("confusion matrix (rows: true, columns: predicted)"))
        self.mistakes_view = pg.GraphicsLayoutWidget()
        self.mistakes_view.setBackground(None)
        self.mistakes_cell = MapCell(self.mistakes_view.ci, tr("misclassified test images"))
        # A long title must not widen the layout past the view (the images would be cut off).
        self.mistakes_cell.title.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                               QtWidgets.QSizePolicy.Policy.Preferred)
        self._mistakes = np.zeros(0, dtype=np.int64)  # test-set indices of the images shown, row by row
        self._mistakes_title = ""
        self.mistakes_cell.image.hovered.connect(self._on_mistake_hover)
        self.mistakes_cell.image.clicked.connect(self._on_mistake_click)
        results = QtWidgets.QWidget()
        results_layout = QtWidgets.QHBoxLayout(results)
        results_layout.addWidget(self.confusion_view, 1)
        results_layout.addWidget(self.mistakes_view, 1)

        # Predict: draw an input
        self.predict_view = pg.GraphicsLayoutWidget()
        self.predict_view.setBackground(None)
        self.canvas = MapCell(self.predict_view.ci, tr("draw here (left: paint, right: erase)"), drawable=True)
        self.canvas_image = np.zeros((28, 28))
        self.canvas.image.stroke.connect(self._paint)
        self.prob_plot = pg.PlotWidget(title=tr("class probabilities"))
        self.prob_plot.setBackground(None)
        # Horizontal bars: the class names are read down the left axis, whole, at any width.
        self.prob_bars = pg.BarGraphItem(x0=0, y=np.arange(10), width=np.zeros(10), height=0.7, brush="#1f77b4")
        self.prob_plot.addItem(self.prob_bars)
        self.prob_plot.invertY(True)  # the first class at the top, as a list reads
        self.prob_plot.setXRange(0, 1, padding=0.02)
        self.prob_plot.setLabel("bottom", tr("probability"))
        self._prob_ticks = None
        self.predict_maps = pg.GraphicsLayoutWidget()
        self.predict_maps.setBackground(None)
        self.predict_cell = MapCell(self.predict_maps.ci, tr("input | conv / ReLU / pool, filters 1-8"))
        clear = QtWidgets.QPushButton(tr("Clear"))
        clear.clicked.connect(self._clear_canvas)
        use_test = QtWidgets.QPushButton(tr("Use the test image"))
        use_test.clicked.connect(self._canvas_from_sample)
        predict = QtWidgets.QWidget()
        predict_layout = QtWidgets.QGridLayout(predict)
        predict_layout.addWidget(self.predict_view, 0, 0)
        predict_layout.addWidget(self.prob_plot, 0, 1)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(clear)
        row.addWidget(use_test)
        row.addStretch(1)
        predict_layout.addLayout(row, 1, 0)
        predict_layout.addWidget(self.predict_maps, 2, 0, 1, 2)
        self.predict_note = QtWidgets.QLabel(tr("Train or load a model to predict."))
        predict_layout.addWidget(self.predict_note, 1, 1)

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(live, tr("Training"))
        self.tabs.addTab(results, tr("Results"))
        self.tabs.addTab(predict, tr("Predict"))
        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.progress_bar)
        right_layout.addWidget(self.progress_label)
        right_layout.addWidget(self.result_label)

        split = QtWidgets.QSplitter()
        scroll = QtWidgets.QScrollArea(widgetResizable=True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(330)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        self.setCentralWidget(split)

        self.start_button.clicked.connect(self.start)
        self.pause_button.toggled.connect(self._pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self._save_model_dialog)
        self.load_button.clicked.connect(self._load_model_dialog)
        self.export_filters_button.clicked.connect(lambda: self._export_widget(self.filter_view, "filters.png"))
        self.export_curves_button.clicked.connect(lambda: self._export_widget(self.loss_plot.parentWidget(), "curves.png"))
        self.sample_spin.valueChanged.connect(lambda _v: self._update_sample())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            QtCore.QTimer.singleShot(0, self._warm_up)

    @staticmethod
    def _warm_up() -> None:
        """Import and touch what the live views need while the window is idle, so the first
        filter update during training does not pause the window (measured: 1 s without this)."""
        from convviz.export import render
        from convviz.train.runner import first_layer_maps

        kernels = np.zeros((3, 3, 1, 8), dtype=np.float32)
        first_layer_maps(kernels, np.zeros(8, np.float32), np.zeros((28, 28), np.uint8), TrainConfig())
        render.map_image(np.eye(3), values=True, scale=20)

    # ----------------------------------------------------------------- config
    def current_config(self) -> TrainConfig:
        values = {name: w.value() for name, w in self.spins.items()}
        return TrainConfig(padding=self.padding.currentText(), pool=self.pool.currentText(),
                           optimizer=self.optimizer.currentText(), second_block=self.second_block.isChecked(),
                           lr_schedule=self.lr_schedule.currentData(), standardize=self.standardize.isChecked(),
                           **values).validate()

    def _browse(self) -> None:
        path = QtWidgets.QFileDialog.getExistingDirectory(self, tr("Dataset directory"))
        if path:
            self.data_path.setText(path)

    def _spec(self):
        from convviz.io.datasets import DataSpec

        if self._data_spec is not None:
            return self._data_spec
        key = self.dataset_combo.currentData()
        path = self.data_path.text().strip() or None
        if key == "path":
            if not path:
                raise InputError(tr("Choose a dataset path (an .npz, a directory of IDX files, or class folders)."))
            return DataSpec(source=path, limit=self.limit.value() or None)
        return DataSpec(source=key, data_dir=path, limit=self.limit.value() or None)

    # ----------------------------------------------------------------- running
    @property
    def running(self) -> bool:
        return self._process is not None

    def _start_process(self):
        from convviz.train.process import TrainProcess

        self._process = TrainProcess()
        self._poll.start()
        return self._process

    def _poll_process(self) -> None:
        if self._process is not None and not self._process.poll(self.adapter.dispatch):
            self._process = None
            self._poll.stop()
            self._set_running(False)

    def start(self) -> None:
        if self.running:
            return
        try:
            config = self.current_config()
            spec = self._spec()
        except (ValueError, InputError) as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", str(exc))
            return
        self.config = config
        self._history = {}
        self._batch_points = []
        self._batch_epoch = 0
        for curve in self.curves.values():
            curve.setData([], [])
        self.batch_curve.setData([], [])
        self._hold_ranges()
        self.result_label.clear()
        self.progress_label.setText(tr("Starting TensorFlow in a separate process…"))
        self._set_running(True)
        self._start_process().start_training(config, spec)

    def _pause(self, paused: bool) -> None:
        if self._process is not None:
            (self._process.pause.set if paused else self._process.pause.clear)()
        self.pause_button.setText(tr("Resume") if paused else tr("Pause"))

    def cancel(self) -> None:
        if self._process is not None:
            self._process.cancel()
        self.progress_label.setText(tr("Stopping after this batch…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.load_button.setEnabled(not running)
        with QtCore.QSignalBlocker(self.pause_button):
            self.pause_button.setChecked(False)
            self.pause_button.setText(tr("Pause"))

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait for the child process while the event loop keeps turning (tests, closing)."""
        deadline = time.monotonic() + timeout
        while self.running and time.monotonic() < deadline:
            QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        QtWidgets.QApplication.processEvents()
        return not self.running

    # --------------------------------------------------------------- updates
    def _on_data(self, x_test, y_test, class_names) -> None:
        from convviz.io.datasets import Dataset

        empty = np.zeros((0,) + x_test.shape[1:], dtype=np.uint8)
        self.dataset = Dataset("test", empty, np.zeros(0, np.int64), x_test, y_test, tuple(class_names))
        self.sample_spin.setMaximum(len(x_test) - 1)

    def _on_started(self, info: dict) -> None:
        self._scaling = InputScaling(*info.get("scaling", (1.0, 0.0)))
        self.summary.setPlainText(info["summary"])
        self._train_samples = info["train_samples"]
        self.progress_bar.setRange(0, info["epochs"] * info["train_samples"])
        self.progress_label.setText(tr("Training on {n} images per epoch…").format(n=info["train_samples"]))

    def _on_progress(self, info: dict) -> None:
        self.progress_bar.setValue(int(info["samples_done"]))
        eta = info["eta_s"]
        self.progress_label.setText(
            f"epoch {info['epoch'] + 1} · {info['samples_per_s']:.0f} samples/s · "
            f"{'?' if not np.isfinite(eta) else f'{eta:.0f} s'} left · loss {info['loss']:.3f} · "
            f"accuracy {info['accuracy']:.3f}")
        x = info["samples_done"] / max(1, self.progress_bar.maximum()) * max(1, self.config.epochs)
        into_epoch = info["samples_done"] - info["epoch"] * self._train_samples
        if info["epoch"] > 0 and into_epoch < self.SETTLING * self._train_samples:
            # A later epoch's running mean starts again from a handful of batches: a single
            # batch's loss, far below or above the curve.  Its first few percent are left out
            # (in the first epoch they are the steep start of learning, and stay).
            return
        if info["epoch"] != self._batch_epoch and self._batch_points:
            # Keras's batch loss is the running mean of the epoch so far and starts again
            # each epoch (its first value is one batch's): a gap, not a line into it.
            self._batch_points.append((x, np.nan))
        self._batch_epoch = info["epoch"]
        self._batch_points.append((x, info["loss"]))
        xs, ys = zip(*self._batch_points)
        self._grow_loss_range(info["loss"])
        self.batch_curve.setData(xs, ys, connect="finite")

    #: Where the loss axis starts: the cross-entropy of a guess among ten classes is ln 10 = 2.3.
    LOSS_TOP = 2.5
    #: The part of each later epoch whose running-mean batch loss is not drawn (see _on_progress).
    SETTLING = 0.05

    def _hold_ranges(self) -> None:
        """Fixed ranges while training: epochs 0..N, accuracy 0..1, loss 0..2.5, grown to a
        round number only when a loss goes above it.  Auto-ranging moved the loss axis at
        every new point, and an axis that moves lays out its ticks and labels again: a
        progress update (4 a second, while the window shares the cores with training) took
        18 ms that way and takes 4 ms without.  Set when the window is built and when the
        epochs change, so pressing Start moves no axis either."""
        epochs = max(1, self.spins["epochs"].value())
        for plot in (self.loss_plot, self.acc_plot):
            plot.setXRange(0, epochs, padding=0.02)
        self.acc_plot.setYRange(0, 1, padding=0.02)
        self._loss_top = self.LOSS_TOP
        self.loss_plot.setYRange(0, self._loss_top, padding=0.02)

    def _grow_loss_range(self, *values: float) -> None:
        finite = [float(v) for v in values if np.isfinite(v)]
        if not finite or max(finite) <= self._loss_top:
            return
        top = max(finite)
        unit = 10.0 ** np.floor(np.log10(top)) / 2 if top > 0 else 1.0
        self._loss_top = float(np.ceil(top / unit) * unit)
        self.loss_plot.setYRange(0, self._loss_top, padding=0.02)

    def _on_epoch(self, epoch: int, logs: dict) -> None:
        for key, value in logs.items():
            self._history.setdefault(key, []).append(value)
        self._grow_loss_range(logs.get("loss", np.nan), logs.get("val_loss", np.nan))
        for key, curve in self.curves.items():
            values = self._history.get(key, [])
            curve.setData(np.arange(1, len(values) + 1), values)

    def _on_filters(self, kernels: np.ndarray, biases: np.ndarray) -> None:
        """All first-layer filters as one tiled image on one shared, zero-centred scale."""
        from convviz.export import colormaps

        self._kernels, self._biases = kernels, biases
        n = kernels.shape[-1]
        maps = [kernels[:, :, 0, i] for i in range(n)]
        m = max(abs(float(kernels.min())), abs(float(kernels.max()))) or 1.0
        columns = int(np.ceil(np.sqrt(n)))
        self.filter_cell.show_values = False
        self.filter_cell.set_data(colormaps.tile(maps, (-m, m), "diverging", columns=columns),
                                  (0.0, 1.0), None, rgb=True)
        set_label(self.filter_cell.title, tr("F1 … F{n}  (row by row, {columns} per row)").format(n=n, columns=columns),
                  size="9pt")
        self.filter_bar.setLevels((-m, m))
        self._update_sample()
        self.export_filters_button.setEnabled(True)

    def _sample_image(self) -> np.ndarray | None:
        if self.dataset is None:
            return None
        return self.dataset.x_test[min(self.sample_spin.value(), len(self.dataset.x_test) - 1)]

    def _update_sample(self) -> None:
        image = self._sample_image()
        if image is None or self._kernels is None:
            return
        self._show_maps(self.sample_cell, image)

    def _show_maps(self, cell: MapCell, image: np.ndarray) -> None:
        """input | conv maps / ReLU maps / pool maps (up to 8 filters) as one tiled image."""
        from convviz.export import colormaps
        from convviz.train.runner import first_layer_maps

        conv, relu, pooled = first_layer_maps(self._kernels, self._biases, image, self.config, self._scaling)
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
        cell.show_values = False
        cell.set_data(panel, (0.0, 255.0), None, rgb=True)

    def _on_finished(self, result, weights) -> None:
        from convviz.train.forward import NumpyCNN

        if not result.stopped:
            self.progress_bar.setValue(self.progress_bar.maximum())
        self.result = result
        self.model = NumpyCNN(self.config, weights, self.dataset.class_names if self.dataset else (),
                              scaling=result.scaling)
        self._model_file = self._process.model_path if self._process else None
        done = tr("Stopped early: {seconds} s fitting, {n} images per epoch.") if result.stopped else \
            tr("Finished: {seconds} s fitting, {n} images per epoch.")
        self.progress_label.setText(done.format(seconds=f"{result.train_seconds:.1f}", n=result.train_samples))
        self.result_label.setText(tr("<b>Test accuracy {accuracy}</b> · test loss {loss}").format(
            accuracy=f"{result.test_accuracy:.4f}", loss=f"{result.test_loss:.4f}"))
        self.save_button.setEnabled(True)
        self.export_curves_button.setEnabled(True)
        # Separate turns of the event loop: the window answers between the pieces.
        QtCore.QTimer.singleShot(0, lambda: self._show_confusion(result))
        QtCore.QTimer.singleShot(0, lambda: self._show_mistakes(result))
        QtCore.QTimer.singleShot(0, self._predict)

    def _on_failed(self, message: str) -> None:
        self.progress_label.setText(tr("Training failed."))
        QtWidgets.QMessageBox.warning(self, "convviz", message)

    def _show_confusion(self, result) -> None:
        # The counts printed by the map view's one painter item, as the explorer prints values.
        cm = result.confusion.astype(np.float64)
        self.confusion_cell.show_values = True
        self.confusion_cell.set_data(cm, (0.0, max(cm.max(), 1.0)), lut_for(False))

    #: The misclassified test images shown: this many, this many per row, this many pixels apart.
    MISTAKES_SHOWN, MISTAKES_COLUMNS, MISTAKES_GAP = 24, 6, 2

    def _show_mistakes(self, result) -> None:
        from convviz.export import colormaps

        wrong = np.flatnonzero(result.predictions != self.dataset.y_test)
        self._mistakes = wrong[: self.MISTAKES_SHOWN]
        images = [self.dataset.x_test[i] / 255.0 for i in self._mistakes]
        self.mistakes_cell.show_values = False
        self.mistakes_cell.set_data(colormaps.tile(images, (0.0, 1.0), "gray", columns=self.MISTAKES_COLUMNS,
                                                   gap=self.MISTAKES_GAP), (0.0, 1.0), None, rgb=True)
        self._mistakes_title = (
            tr("{n} of {total} test images misclassified; the first {shown}").format(
                n=len(wrong), total=len(self.dataset.y_test), shown=len(self._mistakes))
            + "<br>" + tr("hover one for its classes, click it to predict it"))
        set_label(self.mistakes_cell.title, self._mistakes_title, size="9pt")

    def _mistake_at(self, row: int, col: int) -> int | None:
        """The test-set index of the misclassified image under tile pixel (row, col), if any."""
        from convviz.export.colormaps import tile_slot

        if self.dataset is None:
            return None
        k = tile_slot(self.dataset.x_test.shape[1:3], row, col, count=len(self._mistakes),
                      columns=self.MISTAKES_COLUMNS, gap=self.MISTAKES_GAP)
        return None if k is None else int(self._mistakes[k])

    def _on_mistake_hover(self, row: int, col: int) -> None:
        i = self._mistake_at(row, col)
        if i is None or self.result is None:
            set_label(self.mistakes_cell.title, self._mistakes_title, size="9pt")
            return
        names = self.dataset.class_names
        set_label(self.mistakes_cell.title, tr("test image {i}: a {true}, predicted {predicted}").format(
            i=i, true=names[self.dataset.y_test[i]], predicted=names[self.result.predictions[i]]), size="9pt")

    def _on_mistake_click(self, row: int, col: int) -> None:
        """Show a misclassified image on the Predict tab: its probabilities and feature maps."""
        i = self._mistake_at(row, col)
        if i is None:
            return
        self.sample_spin.setValue(i)
        self._canvas_from_sample()
        self.tabs.setCurrentIndex(2)

    # ---------------------------------------------------------------- predict
    def _paint(self, row0: int, col0: int, row1: int, col1: int, button) -> None:
        """A 3x3 pen: white, or black with the right button."""
        rows, cols = pen_cells((row0, col0), (row1, col1), 3, self.canvas_image.shape)
        self.canvas_image[rows, cols] = 0.0 if button == QtCore.Qt.MouseButton.RightButton else 1.0
        self._predict()

    def _clear_canvas(self) -> None:
        self.canvas_image[:] = 0
        self._predict()

    def _canvas_from_sample(self) -> None:
        image = self._sample_image()
        if image is not None:
            self.canvas_image = image.astype(np.float64) / 255
            self._predict()

    def _predict(self) -> None:
        grey = lut_for(False)
        self.canvas.show_values = False
        self.canvas.set_data(self.canvas_image, (0.0, 1.0), grey)
        if self.model is None:
            return
        try:
            probs = self.model.predict(self.canvas_image)
        except ValueError as exc:
            self.predict_note.setText(str(exc))
            return
        self.prob_bars.setOpts(x0=0, y=np.arange(len(probs)), width=probs, height=0.7)
        names = self.dataset.class_names if self.dataset else [str(i) for i in range(len(probs))]
        ticks = [[(i, n) for i, n in enumerate(names)]]
        if ticks != self._prob_ticks:  # new ticks or range: the axis lays itself out again
            self._prob_ticks = ticks
            self.prob_plot.getAxis("left").setTicks(ticks)
            self.prob_plot.setYRange(-0.5, len(probs) - 0.5, padding=0.02)
        best = int(probs.argmax())
        self.predict_note.setText(tr("Prediction: <b>{name}</b> ({p})").format(name=names[best], p=f"{probs[best]:.1%}"))
        if self._kernels is not None:
            self._show_maps(self.predict_cell, (self.canvas_image * 255).astype(np.uint8))

    # ------------------------------------------------------------- keep results
    def _save_model_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, tr("Save model"), "model.keras", tr("Keras models (*.keras)"))
        if path:
            self.save_model(path if path.endswith(".keras") else path + ".keras")

    def save_model(self, path: str) -> bool:
        """Copy the trained (or loaded) .keras file, atomically."""
        from convviz.io.atomic import atomic_path

        if not self._model_file:
            return False
        try:
            with atomic_path(path, suffix=".keras") as tmp:
                shutil.copyfile(self._model_file, tmp)
        except OSError as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", tr("Could not save {path}: {error}").format(path=path, error=exc))
            return False
        return True

    def _load_model_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, tr("Load model"), "", tr("Keras models (*.keras)"))
        if path:
            self.load_model(path)

    def load_model(self, path: str) -> None:
        """Read a .keras file in a child process (Keras safe_mode: the file cannot run code)."""
        if self.running:
            return
        self._loading_path = path
        self.progress_label.setText(tr("Loading the model…"))
        self._set_running(True)
        self._start_process().start_loading(path)

    def _on_loaded(self, config: dict, weights, input_shape, scaling=(1.0, 0.0)) -> None:
        from convviz.train.forward import NumpyCNN

        self.config = TrainConfig.from_dict(config)
        self._scaling = InputScaling(*scaling)
        names = self.dataset.class_names if self.dataset is not None else ()
        self.model = NumpyCNN(self.config, weights, names, scaling=self._scaling)
        self._model_file = self._loading_path
        self.save_button.setEnabled(True)
        self.progress_label.setText(tr("Model loaded."))
        self._on_filters(weights[0], weights[1])
        self._predict()

    def _export_widget(self, widget: QtWidgets.QWidget, default: str) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Export PNG", default, "PNG (*.png)")
        if path:
            self.export_png(widget, path)

    def export_png(self, widget: QtWidgets.QWidget, path: str) -> bool:
        from convviz.io.atomic import atomic_path

        try:
            with atomic_path(path, suffix=".png") as tmp:
                if not widget.grab().save(str(tmp), "PNG"):
                    raise OSError("Qt could not encode the PNG")
        except OSError as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", tr("Could not write {path}: {error}").format(path=path, error=exc))
            return False
        return True

    def closeEvent(self, event) -> None:
        if self._process is not None:
            self._process.shutdown(60)  # stops after the current batch; killed if it hangs
            self._process = None
            self._poll.stop()
            self._set_running(False)
        super().closeEvent(event)

