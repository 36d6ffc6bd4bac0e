"""The training window's left column: the network and data form, and the buttons that run,
keep and export a training."""

from __future__ import annotations

from PySide6 import QtWidgets

from convviz.io.inputs import InputError
from convviz.model.training import TrainConfig

from .i18n import tr

DATASETS = (("fashion-mnist", "Fashion-MNIST"), ("mnist", "MNIST"), ("shapes", "Shapes (synthetic, no download)"),
            ("path", "Other: .npz, IDX or image folders…"))
LR_SCHEDULES = (("cosine", "cosine decay to 0"), ("constant", "constant rate"))
POOLS = (("max", "max"), ("avg", "average"))


class QtTrainForm(QtWidgets.QWidget):
    """Every setting of :class:`TrainConfig` and of the data, and the window's buttons."""

    def __init__(self, parent=None):
        super().__init__(parent)
        c = TrainConfig()
        form_box = QtWidgets.QGroupBox(tr("Model and data"))
        form = QtWidgets.QFormLayout(form_box)
        self.dataset_combo = QtWidgets.QComboBox()
        for key, label in DATASETS:
            self.dataset_combo.addItem(tr(label), key)
        self.data_path = QtWidgets.QLineEdit(placeholderText=tr("optional"), toolTip=tr(
            "A directory of IDX files, an .npz file or a folder of class folders"))
        self.browse = QtWidgets.QToolButton(text=tr("…"))
        path_row = QtWidgets.QHBoxLayout()
        path_row.addWidget(self.data_path)
        path_row.addWidget(self.browse)
        self.limit = QtWidgets.QSpinBox(minimum=0, maximum=1_000_000, specialValueText=tr("all"), singleStep=1000)
        self.spins: dict[str, QtWidgets.QAbstractSpinBox] = {}

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
        for key, label in POOLS:
            self.pool.addItem(tr(label), key)
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
        self.save_button = QtWidgets.QPushButton(tr("Save model…"), enabled=False)
        self.load_button = QtWidgets.QPushButton(tr("Load model…"))
        self.export_filters_button = QtWidgets.QPushButton(tr("Filters PNG…"), enabled=False)
        self.export_curves_button = QtWidgets.QPushButton(tr("Curves PNG…"), enabled=False)
        buttons = QtWidgets.QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.cancel_button):
            buttons.addWidget(b)
        keep = QtWidgets.QGridLayout()
        keep.addWidget(self.save_button, 0, 0)
        keep.addWidget(self.load_button, 0, 1)
        keep.addWidget(self.export_filters_button, 1, 0)
        keep.addWidget(self.export_curves_button, 1, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(form_box)
        layout.addLayout(buttons)
        layout.addLayout(keep)
        layout.addStretch(1)

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
        self.pause_button.setText(tr("Pause"))
        self.pause_button.blockSignals(blocked)
