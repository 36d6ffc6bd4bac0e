"""Train a small CNN in the window and watch its first-layer filters learn.

Training (and loading a .keras file) runs in a child process (:mod:`.qt_train_process`), so
TensorFlow never enters the window's interpreter; its messages go to a Qt-free
:class:`~convviz.model.training_session.TrainingSession`, which keeps what they establish and
tells this window (its view) what to show.  Predictions use the trained weights in numpy
(:class:`convviz.train.forward.NumpyCNN`).  The window composes the form (:mod:`.qt_train_form`),
the Training tab (:mod:`.qt_train_live`, :mod:`.qt_train_curves`), the Results tab
(:mod:`.qt_train_results`) and the Predict tab (:mod:`.qt_train_predict`).
"""

from __future__ import annotations

import shutil

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.messages import message, reason
from convviz.io.inputs import InputError
from convviz.model.training import TrainConfig, compact_summary
from convviz.model.training_session import TrainingSession

from .i18n import tr
from .qt_dialogs import fit_to_screen
from .qt_train_form import QtTrainForm
from .qt_train_live import QtLiveTab
from .qt_train_predict import QtPredictPanel, feature_panel
from .qt_train_process import QtTrainRunner
from .qt_train_results import QtResultsTab
from .qt_train_status import QtTrainStatus


class QtTrainWindow(QtWidgets.QMainWindow):
    #: The tabs, in order.
    TRAINING_TAB, RESULTS_TAB, PREDICT_TAB, NETWORK_TAB = range(4)

    def __init__(self, parent=None, *, data_spec=None):
        super().__init__(parent)
        fit_to_screen(self, 1280, 800)
        self.session = TrainingSession(self, _numpy_cnn)
        self.runner = QtTrainRunner(self.session.dispatch, self)
        self.runner.ended.connect(lambda: self._set_running(False))
        self._data_spec = data_spec  # tests and benchmarks choose the data directly
        self._warmed = False
        self._build()
        self.curves_view.hold_ranges(self.spins["epochs"].value())
        self.spins["epochs"].valueChanged.connect(
            lambda epochs: None if self.running else self.curves_view.hold_ranges(epochs))

    # What the session established, as the window's parts and the tests read it.
    config = property(lambda self: self.session.config, lambda self, v: setattr(self.session, "config", v))
    result = property(lambda self: self.session.result, lambda self, v: setattr(self.session, "result", v))
    dataset = property(lambda self: self.session.test)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.form = QtTrainForm()
        self.spins = self.form.spins
        for name in ("start_button", "pause_button", "cancel_button", "save_button", "load_button",
                     "export_filters_button", "export_curves_button"):
            setattr(self, name, getattr(self.form, name))
        self.summary = QtWidgets.QPlainTextEdit(readOnly=True)
        self.summary.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))
        # Keras's table is made as narrow as its contents (compact_summary); a line that is still
        # too long wraps rather than scroll sideways.
        self.summary.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.summary.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.live = QtLiveTab()
        self.curves_view = self.live.curves
        for name in ("filter_view", "filter_cell", "filter_bar", "sample_spin", "sample_view", "sample_cell"):
            setattr(self, name, getattr(self.live, name))
        self.loss_plot, self.acc_plot = self.curves_view.loss_plot, self.curves_view.acc_plot
        self.curves, self.batch_curve = self.curves_view.curves, self.curves_view.batch_curve
        self.status = QtTrainStatus()
        self.progress_bar = self.status.progress_bar
        self.progress_label, self.result_label = self.status.progress_label, self.status.result_label

        self.results_tab = QtResultsTab()
        self.confusion_cell, self.mistakes = self.results_tab.confusion, self.results_tab.mistakes
        self.mistakes_cell = self.mistakes.cell
        self.mistakes.open_image.connect(self._open_in_predict)

        self.predict_panel = QtPredictPanel()
        self.predict_panel.use_test_image.connect(self._canvas_from_sample)
        self.predict_panel.maps_of = self._maps_of
        self.prob_plot, self.prob_bars = self.predict_panel.prob_plot, self.predict_panel.prob_bars
        self.predict_note, self.canvas = self.predict_panel.predict_note, self.predict_panel.canvas

        self.tabs = QtWidgets.QTabWidget()
        for tab in (self.live, self.results_tab, self.predict_panel, self.summary):
            self.tabs.addTab(tab, "")
        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.status)
        self.explore_button = QtWidgets.QPushButton(enabled=False)  # the network window (qt_network)
        self.explore_button.clicked.connect(self.explore_model)
        right_layout.addWidget(self.explore_button, 0, QtCore.Qt.AlignmentFlag.AlignLeft)

        split = QtWidgets.QSplitter()
        scroll = QtWidgets.QScrollArea(widgetResizable=True)
        scroll.setWidget(self.form)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.setCentralWidget(split)
        self._scroll = scroll

        self.form.browse.clicked.connect(self._browse)
        self.start_button.clicked.connect(self.start)
        self.pause_button.toggled.connect(self._pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self._save_model_dialog)
        self.load_button.clicked.connect(self._load_model_dialog)
        self.export_filters_button.clicked.connect(lambda: self._export_widget(self.filter_view, "filters.png"))
        self.export_curves_button.clicked.connect(
            lambda: self._export_widget(self.loss_plot.parentWidget(), "curves.png"))
        self.sample_spin.valueChanged.connect(lambda _v: self._update_sample())
        self.retranslate()

    def retranslate(self) -> None:
        """The window's own words; its parts translate theirs (each on Qt's LanguageChange)."""
        self.setWindowTitle(tr("convviz — train a CNN"))
        for i, name in enumerate((tr("Training"), tr("Results"), tr("Predict"), tr("Network"))):
            self.tabs.setTabText(i, name)
        self.summary.setPlaceholderText(tr("The Keras summary of the network appears here when training starts."))
        self.explore_button.setText(tr("Explore this model"))
        # After the form has its new words (its parts hear of the change after the window).
        QtCore.QTimer.singleShot(0, self, self._fit_form_column)

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fit_form_column(self) -> None:
        """The form column as wide as the form needs (it never scrolls sideways)."""
        self._scroll.setMinimumWidth(self.form.minimumSizeHint().width()
                                     + self._scroll.verticalScrollBar().sizeHint().width() + 4)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_form_column()
        if not self._warmed:
            self._warmed = True
            QtCore.QTimer.singleShot(0, self._warm_up)

    @staticmethod
    def _warm_up() -> None:
        """Import and touch what the live views need while the window is idle, so the first
        filter update during training does not pause the window (measured: 1 s without this)."""
        from convviz.render import pillow as render
        from convviz.train.runner import first_layer_maps

        kernels = np.zeros((3, 3, 1, 8), dtype=np.float32)
        first_layer_maps(kernels, np.zeros(8, np.float32), np.zeros((28, 28), np.uint8), TrainConfig())
        render.map_image(np.eye(3), values=True, scale=20)

    # ----------------------------------------------------------------- config
    def current_config(self) -> TrainConfig:
        return self.form.current_config()

    def _browse(self) -> None:
        path = QtWidgets.QFileDialog.getExistingDirectory(self, tr("Dataset directory"))
        if path:
            self.form.data_path.setText(path)

    def _spec(self):
        return self._data_spec if self._data_spec is not None else self.form.data_spec()

    # ----------------------------------------------------------------- running
    @property
    def running(self) -> bool:
        return self.runner.running

    @property
    def _process(self):
        """The child process (convviz.train.process.TrainProcess) while one runs."""
        return self.runner.process

    def start(self) -> None:
        if self.running:
            return
        try:
            config = self.current_config()
            spec = self._spec()
        except (ValueError, InputError) as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", message(exc, tr))
            return
        self.curves_view.start(config.epochs)
        self.status.progress_bar.reset()  # not the last run's 33 % while this one starts
        self.status.tell_result(None)
        self.status.say(lambda: tr("Starting TensorFlow in a separate process…"))
        self._set_running(True)
        self.runner.start_training(config, spec)
        self.session.starting(config, self.runner.process.model_path)

    def _pause(self, paused: bool) -> None:
        self.runner.set_paused(paused)

    def cancel(self) -> None:
        self.runner.cancel()
        self.status.say(lambda: tr("Stopping after this batch…"))

    def _set_running(self, running: bool) -> None:
        self.form.set_running(running)

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait for the child process while the event loop keeps turning (tests, closing)."""
        return self.runner.wait(timeout)

    # ------------------------------------------------- the session's view: updates
    def show_test_set(self, test) -> None:
        self.sample_spin.setMaximum(len(test.x_test) - 1)
        self.predict_panel.class_names = test.class_names

    def show_started(self, info: dict) -> None:
        self.summary.setPlainText(compact_summary(info["summary"]))
        self.curves_view.set_train_samples(info["train_samples"])
        self.status.started(info)

    def show_progress(self, info: dict) -> None:
        self.status.progress(info)
        self.curves_view.progress(info)

    def show_epoch(self, epoch: int, logs: dict) -> None:
        self.curves_view.epoch(epoch, logs)

    def show_filters(self, kernels: np.ndarray, biases: np.ndarray) -> None:
        self.live.show_filters(kernels)
        self._update_sample()
        self.export_filters_button.setEnabled(True)

    def _sample_image(self) -> np.ndarray | None:
        if self.dataset is None:
            return None
        return self.dataset.x_test[min(self.sample_spin.value(), len(self.dataset.x_test) - 1)]

    def _maps_of(self, image: np.ndarray) -> np.ndarray | None:
        """The first layer's maps of an 8-bit image as one picture (None before there are filters)."""
        s = self.session
        if s.kernels is None:
            return None
        return feature_panel(s.kernels, s.biases, image, s.config, s.scaling)

    def _update_sample(self) -> None:
        image = self._sample_image()
        panel = None if image is None else self._maps_of(image)
        if panel is not None:
            self.live.show_sample(panel)

    def show_finished(self, result) -> None:
        self.model = self.session.model  # the Predict tab and the Explore button
        self.status.finished(result)
        self.save_button.setEnabled(True)
        self.export_curves_button.setEnabled(True)
        # Separate turns of the event loop: the window answers between the pieces.
        QtCore.QTimer.singleShot(0, lambda: self._show_confusion(result))
        QtCore.QTimer.singleShot(0, lambda: self._show_mistakes(result))
        QtCore.QTimer.singleShot(0, self._predict)

    def show_loaded(self) -> None:
        self.model = self.session.model
        self.save_button.setEnabled(True)
        self.status.say(lambda: tr("Model loaded."))
        QtCore.QTimer.singleShot(0, self._predict)

    def show_failed(self, error: str | BaseException) -> None:
        self.status.say(lambda: tr("Training failed."))
        self.status.progress_bar.reset()
        # Start again, not Pause or Cancel, while the message is read (the child ends meanwhile).
        self._set_running(False)
        # A dataset's TextError comes whole from the training process: said in the window's language.
        text = message(error, tr) if isinstance(error, BaseException) else error
        QtWidgets.QMessageBox.warning(self, "convviz", text)

    def _show_confusion(self, result) -> None:
        names = self.dataset.class_names if self.dataset is not None else ()
        self.confusion_cell.set_matrix(result.confusion, names)

    def _show_mistakes(self, result) -> None:
        self.mistakes.show_mistakes(self.dataset, result.predictions)

    def _open_in_predict(self, i: int) -> None:
        """A misclassified image on the Predict tab: its probabilities and feature maps."""
        self.sample_spin.setValue(i)
        self._canvas_from_sample()
        self.tabs.setCurrentIndex(self.PREDICT_TAB)

    # ---------------------------------------------------------------- predict
    @property
    def model(self):
        """The trained or loaded network (numpy), which the Predict tab asks."""
        return self.predict_panel.model

    @model.setter
    def model(self, model) -> None:
        self.predict_panel.model = model
        self.explore_button.setEnabled(model is not None)

    def explore_model(self):
        """Every layer of the trained (or loaded) network on the Predict tab's drawing, in the network window."""
        from .qt_network_open import explore_trained

        return explore_trained(self)

    @property
    def canvas_image(self) -> np.ndarray:
        return self.predict_panel.canvas_image

    def _paint(self, row0: int, col0: int, row1: int, col1: int, button) -> None:
        self.predict_panel.paint(row0, col0, row1, col1, button)

    def _canvas_from_sample(self) -> None:
        image = self._sample_image()
        if image is not None:
            self.predict_panel.show_image(image)

    def _predict(self) -> None:
        self.predict_panel.predict()

    # ------------------------------------------------------------- keep results
    def _save_model_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, tr("Save model"), "model.keras",
                                                        tr("Keras models (*.keras)"))
        if path:
            self.save_model(path if path.endswith(".keras") else path + ".keras")

    def save_model(self, path: str) -> bool:
        """Copy the trained (or loaded) .keras file, atomically."""
        from convviz.io.atomic import atomic_path

        if not self.session.model_file:
            return False
        try:
            with atomic_path(path, suffix=".keras") as tmp:
                shutil.copyfile(self.session.model_file, tmp)
        except OSError as exc:
            said = tr("Could not save {path}: {error}").format(path=path, error=reason(exc, tr))
            QtWidgets.QMessageBox.warning(self, "convviz", said)
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
        self.session.loading(path)
        self.status.say(lambda: tr("Loading the model…"))
        self._set_running(True)
        self.runner.start_loading(path)

    def _export_widget(self, widget: QtWidgets.QWidget, default: str) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, tr("Export PNG"), default, tr("PNG images (*.png)"))
        if path:
            self.export_png(widget, path)

    def export_png(self, widget: QtWidgets.QWidget, path: str) -> bool:
        from convviz.io.atomic import atomic_path

        try:
            with atomic_path(path, suffix=".png") as tmp:
                if not widget.grab().save(str(tmp), "PNG"):
                    raise OSError("Qt could not encode the PNG")
        except OSError as exc:
            said = tr("Could not write {path}: {error}").format(path=path, error=reason(exc, tr))
            QtWidgets.QMessageBox.warning(self, "convviz", said)
            return False
        return True

    def closeEvent(self, event) -> None:
        self.runner.shutdown(60)
        super().closeEvent(event)


def _numpy_cnn(config, weights, class_names, scaling):
    """The session's model factory: the network in numpy (model/ cannot import train/)."""
    from convviz.train.forward import NumpyCNN

    return NumpyCNN(config, weights, class_names, scaling=scaling)
