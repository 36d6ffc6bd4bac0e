"""The training window's left column: the network and data form, and the buttons that run,
keep and export a training."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from convviz.io.inputs import InputError
from convviz.model.training import TrainConfig

from .i18n import tr

DATASETS = (("fashion-mnist", "Fashion-MNIST"), ("mnist", "MNIST"), ("shapes", "Shapes (synthetic, no download)"),
            ("path", "Other: .npz, IDX or image folders…"))
LR_SCHEDULES = (("cosine", "cosine decay to 0"), ("constant", "constant rate"))
POOLS = ("max", "avg")


class QtTrainForm(QtWidgets.QWidget):
    """Every setting of :class:`TrainConfig` and of the data, and the window's buttons.

    Its words are set in :meth:`retranslate`, again whenever the interface language changes."""

    #: The form's rows, top to bottom (their labels are in :meth:`retranslate`).
    ROWS = ("dataset", "data", "limit", "filters", "kernel_size", "padding", "stride", "second_block",
            "standardize", "pool", "dropout", "dense_units", "optimizer", "learning_rate", "lr_schedule",
            "epochs", "batch_size", "validation_split", "seed")

    def __init__(self, parent=None):
        super().__init__(parent)
        c = TrainConfig()
        self.form_box = QtWidgets.QGroupBox()
        form = QtWidgets.QFormLayout(self.form_box)
        self.dataset_combo = QtWidgets.QComboBox()
        for key, _label in DATASETS:
            self.dataset_combo.addItem("", key)
        self.data_path = QtWidgets.QLineEdit()
        self.browse = QtWidgets.QToolButton()
        path_row = QtWidgets.QHBoxLayout()
        path_row.addWidget(self.data_path)
        path_row.addWidget(self.browse)
        self.limit = QtWidgets.QSpinBox(minimum=0, maximum=1_000_000, singleStep=1000)
        self.spins: dict[str, QtWidgets.QAbstractSpinBox] = {}

        def spin(name, lo, hi, value, step=1):
            self.spins[name] = QtWidgets.QSpinBox(minimum=lo, maximum=hi, value=value, singleStep=step)

        def dspin(name, lo, hi, value, step, decimals):
            # decimals before the value: Qt rounds the value to the current decimals.
            w = QtWidgets.QDoubleSpinBox(decimals=decimals, minimum=lo, maximum=hi, singleStep=step)
            w.setValue(value)
            self.spins[name] = w

        spin("filters", 1, 64, c.filters)
        spin("kernel_size", 1, 9, c.kernel_size)
        spin("stride", 1, 3, c.stride)
        dspin("dropout", 0, 0.9, c.dropout, 0.1, 2)
        spin("dense_units", 1, 1024, c.dense_units, 10)
        dspin("learning_rate", 1e-5, 1.0, c.learning_rate, 0.0005, 5)
        spin("epochs", 1, 100, c.epochs)
        spin("batch_size", 1, 4096, c.batch_size)
        dspin("validation_split", 0, 0.5, c.validation_split, 0.05, 2)
        spin("seed", 0, 2**31 - 1, c.seed)
        self.padding = QtWidgets.QComboBox()
        self.padding.addItems(["same", "valid"])  # Keras's own words, as the code says them
        self.pool = QtWidgets.QComboBox()
        for key in POOLS:
            self.pool.addItem("", key)
        self.optimizer = QtWidgets.QComboBox()
        self.optimizer.addItems(["adam", "sgd"])
        self.lr_schedule = QtWidgets.QComboBox()
        for key, _label in LR_SCHEDULES:
            self.lr_schedule.addItem("", key)
        self.second_block = QtWidgets.QCheckBox()
        self.standardize = QtWidgets.QCheckBox(checked=c.standardize)
        fields = {"dataset": self.dataset_combo, "data": path_row, "limit": self.limit, "padding": self.padding,
                  "second_block": self.second_block, "standardize": self.standardize, "pool": self.pool,
                  "optimizer": self.optimizer, "lr_schedule": self.lr_schedule, **self.spins}
        self._row_labels: dict[str, QtWidgets.QLabel] = {}
        for name in self.ROWS:
            label = self._row_labels[name] = QtWidgets.QLabel()
            form.addRow(label, fields[name])

        self.start_button = QtWidgets.QPushButton()
        self.pause_button = QtWidgets.QPushButton(checkable=True, enabled=False)
        self.cancel_button = QtWidgets.QPushButton(enabled=False)
        self.save_button = QtWidgets.QPushButton(enabled=False)
        self.load_button = QtWidgets.QPushButton()
        self.export_filters_button = QtWidgets.QPushButton(enabled=False)
        self.export_curves_button = QtWidgets.QPushButton(enabled=False)
        self.pause_button.toggled.connect(self._name_pause)
        buttons = QtWidgets.QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.cancel_button):
            buttons.addWidget(b)
        keep = QtWidgets.QGridLayout()
        keep.addWidget(self.save_button, 0, 0)
        keep.addWidget(self.load_button, 0, 1)
        keep.addWidget(self.export_filters_button, 1, 0)
        keep.addWidget(self.export_curves_button, 1, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.form_box)
        layout.addLayout(buttons)
        layout.addLayout(keep)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.form_box.setTitle(tr("Model and data"))
        for i, (_key, label) in enumerate(DATASETS):
            self.dataset_combo.setItemText(i, tr(label))
        self.data_path.setPlaceholderText(tr("optional"))
        self.data_path.setToolTip(tr("A directory of IDX files, an .npz file or a folder of class folders"))
        self.browse.setText(tr("…"))
        self.limit.setSpecialValueText(tr("all"))
        self.pool.setItemText(0, tr("max"))
        self.pool.setItemText(1, tr("average"))
        for i, (_key, label) in enumerate(LR_SCHEDULES):
            self.lr_schedule.setItemText(i, tr(label))
        self.lr_schedule.setToolTip(
            tr("Cosine: the learning rate falls smoothly to 0 by the last batch (keras CosineDecay)"))
        self.second_block.setText(tr("second conv block"))
        self.standardize.setText(tr("standardize inputs"))
        self.standardize.setToolTip(tr(
            "A parameter-free Rescaling layer first: the training images get mean 0 and standard deviation 1"))
        labels = {
            "dataset": tr("Dataset"), "data": tr("Data"), "limit": tr("Training images"), "filters": tr("Filters"),
            "kernel_size": tr("Kernel size"), "padding": tr("Padding"), "stride": tr("Stride"),
            "pool": tr("Pooling"), "dropout": tr("Dropout"), "dense_units": tr("Dense units"),
            "optimizer": tr("Optimizer"), "learning_rate": tr("Learning rate"), "lr_schedule": tr("Rate schedule"),
            "epochs": tr("Epochs"), "batch_size": tr("Batch size"), "validation_split": tr("Validation split"),
            "seed": tr("Seed"),
        }
        for name, label in self._row_labels.items():
            label.setText(labels.get(name, ""))  # the check boxes' rows have none
        self.start_button.setText(tr("Start training"))
        self._name_pause(self.pause_button.isChecked())
        self.cancel_button.setText(tr("Cancel"))
        self.save_button.setText(tr("Save model…"))
        self.load_button.setText(tr("Load model…"))
        self.export_filters_button.setText(tr("Filters PNG…"))
        self.export_curves_button.setText(tr("Curves PNG…"))

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _name_pause(self, paused: bool) -> None:
        self.pause_button.setText(tr("Resume") if paused else tr("Pause"))

    def current_config(self) -> TrainConfig:
        values = {name: w.value() for name, w in self.spins.items()}
        return TrainConfig(padding=self.padding.currentText(), pool=self.pool.currentData(),
                           optimizer=self.optimizer.currentText(), second_block=self.second_block.isChecked(),
                           lr_schedule=self.lr_schedule.currentData(), standardize=self.standardize.isChecked(),
                           **values).validate()

    def data_spec(self):
        """What to train on, as chosen in the form."""
        from convviz.io.datasets import DataSpec

        key = self.dataset_combo.currentData()
        path = self.data_path.text().strip() or None
        if key == "path":
            if not path:
                raise InputError(tr("Choose a dataset path (an .npz, a directory of IDX files, or class folders)."))
            return DataSpec(source=path, limit=self.limit.value() or None)
        return DataSpec(source=key, data_dir=path, limit=self.limit.value() or None)

    def set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.load_button.setEnabled(not running)
        blocked = self.pause_button.blockSignals(True)
        self.pause_button.setChecked(False)
        self._name_pause(False)
        self.pause_button.blockSignals(blocked)
