"""The code view: NumPy/SciPy and TensorFlow code reproducing the current picture."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from convviz.export.code import numpy_code, tensorflow_code
from convviz.model.document import Document
from .i18n import tr


class QtCodeView(QtWidgets.QWidget):
    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.filter = 0
        layout = QtWidgets.QVBoxLayout(self)
        top = QtWidgets.QHBoxLayout()
        self.filter_combo = QtWidgets.QComboBox(toolTip=tr("Code for this filter of the bank"))
        top.addWidget(QtWidgets.QLabel(tr("Code for")))
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        layout.addLayout(top)
        self.header = QtWidgets.QLabel(wordWrap=True)
        layout.addWidget(self.header)
        self.editors = {}
        for key, title in (("numpy", "NumPy / SciPy"), ("tensorflow", "TensorFlow")):
            box = QtWidgets.QGroupBox(title)
            inner = QtWidgets.QVBoxLayout(box)
            editor = QtWidgets.QPlainTextEdit(readOnly=True)
            font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
            editor.setFont(font)
            editor.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
            copy = QtWidgets.QPushButton(f"Copy {title} code")
            copy.clicked.connect(lambda _=False, e=editor: QtWidgets.QApplication.clipboard().setText(e.toPlainText()))
            inner.addWidget(editor)
            inner.addWidget(copy)
            layout.addWidget(box, 1)
            self.editors[key] = editor
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        for event in (document.events.input, document.events.kernels, document.events.settings, document.events.mode):
            event.connect(self.refresh)
        self.refresh()

    def _on_filter(self, index: int) -> None:
        if index >= 0:
            self.filter = index
            self.refresh()

    def refresh(self, *_args) -> None:
        doc = self.document
        n = len(doc.kernels)
        if self.filter_combo.count() != n:
            self.filter_combo.blockSignals(True)
            self.filter_combo.clear()
            self.filter_combo.addItems([f"filter {i + 1}" for i in range(n)])
            self.filter = min(self.filter, n - 1)
            self.filter_combo.setCurrentIndex(self.filter)
            self.filter_combo.blockSignals(False)
        x, w = doc.input, doc.kernels[self.filter]
        shape = "×".join(map(str, x.shape))
        self.header.setText(
            f"<code>x</code>: the input ({shape}) · <code>w</code>: kernel of filter {self.filter + 1} "
            f"{tuple(w.shape)} · <code>b</code> = {doc.biases[self.filter]:g}. "
            "The code leaves the feature map in <code>out</code> and the pooled map in <code>pooled</code>; "
            "a test runs it for many settings and compares with convviz.")
        try:
            code = {"numpy": numpy_code(doc.settings, x.shape, w.shape),
                    "tensorflow": tensorflow_code(doc.settings, x.shape, w.shape)}
        except ValueError as exc:
            code = {"numpy": f"# {exc}", "tensorflow": f"# {exc}"}
        for key, editor in self.editors.items():
            editor.setPlainText(code[key])
