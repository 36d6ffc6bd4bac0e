"""The code view: NumPy/SciPy and TensorFlow programs reproducing the current picture.

Each program runs as it is when copied: its imports, then ``x``, ``w`` and ``b``
with the document's values (an input too large to print is read from
``input.npy``, which the view saves), then the computation.
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets
from superqt import QFlowLayout

from convviz.core.messages import message, reason
from convviz.export.code import INPUT_FILE, inline_input, numpy_snippet, tensorflow_snippet
from convviz.export.code_backward import backward_snippet
from convviz.export.code_matrix import matrix_snippet
from convviz.model.document import Document

from .i18n import tr

_TITLES = {"numpy": "NumPy / SciPy", "tensorflow": "TensorFlow", "matrix": "As a matrix product",
           "backward": "Backward (tf.GradientTape)"}


def _copy_label(key: str) -> str:
    if key == "backward":
        return tr("Copy the backward pass's code")
    if key == "matrix":
        return tr("Copy the matrix product's code")
    return tr("Copy the NumPy / SciPy code") if key == "numpy" else tr("Copy the TensorFlow code")


def _set_code(editor: QtWidgets.QTextEdit, code: str) -> None:
    """Show ``code`` with hanging indents: a line too long for the pane wraps to four
    columns right of where it starts, so the wrapped rest reads as a continuation."""
    editor.setPlainText(code)
    column = QtGui.QFontMetricsF(editor.font()).horizontalAdvance(" ")
    block = editor.document().begin()
    cursor = QtGui.QTextCursor(editor.document())
    while block.isValid():
        text = block.text()
        hang = (len(text) - len(text.lstrip(" ")) + 4) * column
        fmt = QtGui.QTextBlockFormat()
        fmt.setLeftMargin(hang)
        fmt.setTextIndent(-hang)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)
        block = block.next()


class QtCodeView(QtWidgets.QWidget):
    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.filter = 0
        self._type_scale = 1.0
        self._stale = True  # the document changed while the view was hidden
        self.backward_options = dict  # the Backward tab's upstream, target and learning rate (set by it)
        layout = QtWidgets.QVBoxLayout(self)
        # A flow layout: in a narrow pane the save button wraps below instead of widening the window.
        top = QFlowLayout()
        # The style's spacing: a flow layout inside another layout has no widget to ask, and "Code for"
        # touched the filter's box.
        spacing = self.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        top.setHorizontalSpacing(max(6, spacing))
        self.filter_label = QtWidgets.QLabel()
        self.filter_combo = QtWidgets.QComboBox()
        self.save_input_button = QtWidgets.QPushButton()
        self.save_input_button.clicked.connect(self.save_input_dialog)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter_combo)
        top.addWidget(self.save_input_button)
        layout.addLayout(top)
        self.header = QtWidgets.QLabel(wordWrap=True, textFormat=QtCore.Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        self.editors: dict[str, QtWidgets.QTextEdit] = {}
        self.copy_buttons: dict[str, QtWidgets.QPushButton] = {}
        # One program at a time, as tall as the pane: stacked, each showed a dozen lines at 1280x800.
        self.programs = QtWidgets.QTabWidget(documentMode=True)
        layout.addWidget(self.programs, 1)
        for key, title in _TITLES.items():
            box = QtWidgets.QWidget()
            inner = QtWidgets.QVBoxLayout(box)
            inner.setContentsMargins(0, 4, 0, 0)
            # A QTextEdit, not a QPlainTextEdit: only its layout indents a wrapped line's rest.
            editor = QtWidgets.QTextEdit(readOnly=True, acceptRichText=False)
            # The code is formatted to 60 columns; wrapping is the fallback for a narrower pane
            # (lecture mode's large type, a small window), so no line ever runs off sideways.
            editor.setLineWrapMode(QtWidgets.QTextEdit.LineWrapMode.WidgetWidth)
            editor.setWordWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            copy = QtWidgets.QPushButton()
            copy.clicked.connect(lambda _=False, k=key: self.copy_code(k))
            inner.addWidget(editor)
            inner.addWidget(copy, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
            self.programs.addTab(box, title)
            self.editors[key] = editor
            self.copy_buttons[key] = copy
        self.set_type_scale(1.0)
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        document.events.connect(self._on_document_change)
        self.retranslate()

    # ------------------------------------------------------------ public
    def code(self, key: str) -> str:
        """The program shown under ``key`` ('numpy' or 'tensorflow'), current even while hidden."""
        if self._stale:
            self.refresh()
        return self.editors[key].toPlainText()

    def copy_code(self, key: str) -> None:
        QtWidgets.QApplication.clipboard().setText(self.code(key))

    def set_type_scale(self, factor: float) -> None:
        """Code and prose ``factor`` times their usual size (lecture mode's large type, zoom)."""
        self._type_scale = factor
        base = QtWidgets.QApplication.font()
        prose = QtGui.QFont(base)
        prose.setPointSizeF(base.pointSizeF() * factor)
        # Explicit fonts, so a parent's enlarged font (the tabs' in lecture mode) is not applied twice.
        self.setFont(prose)
        fixed = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(max(fixed.pointSizeF(), base.pointSizeF()) * factor)
        for editor in self.editors.values():
            editor.setFont(fixed)
            _set_code(editor, editor.toPlainText())  # the hanging indents are in pixels

    def retranslate(self) -> None:
        """Every label in the current language (also run on a live language change)."""
        self.filter_label.setText(tr("Code for"))
        self.filter_combo.setToolTip(tr("Code for this filter of the bank"))
        self.save_input_button.setText(tr("Save the input as {file}…").format(file=INPUT_FILE))
        self.save_input_button.setToolTip(tr("The input is too large to print in the code: "
                                             "the programs read it from this file"))
        for key, button in self.copy_buttons.items():
            button.setText(_copy_label(key))
        self.programs.setTabText(list(_TITLES).index("matrix"), tr("As a matrix product"))
        self.programs.setTabText(list(_TITLES).index("backward"), tr("Backward (tf.GradientTape)"))
        self.filter_combo.clear()  # refilled, translated, by refresh
        self.refresh()

    def refresh(self, *_args) -> None:
        doc = self.document
        n = len(doc.kernels)
        if self.filter_combo.count() != n:
            with QtCore.QSignalBlocker(self.filter_combo):
                self.filter_combo.clear()
                self.filter_combo.addItems([tr("Filter {n}").format(n=i + 1) for i in range(n)])
                self.filter = min(self.filter, n - 1)
                self.filter_combo.setCurrentIndex(self.filter)
        x, w, b = doc.input, doc.kernels[self.filter], doc.biases[self.filter]
        inline = inline_input(x)
        self.save_input_button.setVisible(not inline)
        text = tr("Each program runs as it is: copy it into Python or a notebook. It defines <b>x</b> (the "
                  "input, {shape}), <b>w</b> (the kernel of filter {n}, {kernel}) and <b>b</b> (its bias, "
                  "{bias}), and leaves the feature map in <b>out</b> and, with pooling, the pooled map in "
                  "<b>pooled</b>.").format(
            shape="×".join(map(str, x.shape)), n=self.filter + 1, kernel="×".join(map(str, w.shape)),
            bias=f"{b:g}")
        if not inline:
            text += " " + tr("The input is too large to print: the programs read it from {file}. "
                             "Save it with the button above into the folder you run them from.").format(
                file=f"<b>{escape(INPUT_FILE)}</b>")
        self.header.setText(text)
        # The programs' comments in the interface's language (a Korean lecture's students copy them);
        # the code is the same in every language.
        number, filters = self.filter + 1, len(doc.kernels)  # the bank's size decides a grouped filter's channels
        data = dict(filter_number=number, filters=filters, translate=tr)
        failed: dict[str, str] = {}  # program -> why there is none
        makers = {"numpy": lambda: numpy_snippet(doc.settings, x, w, b, **data),
                  "tensorflow": lambda: tensorflow_snippet(doc.settings, x, w, b, **data),
                  "matrix": lambda: matrix_snippet(doc.settings, x, w, b, **data),
                  "backward": lambda: backward_snippet(doc.settings, x, doc.kernels, doc.biases, translate=tr,
                                                       **self.backward_options())}
        code = {}
        for key, make in makers.items():
            try:
                code[key] = make()
            except ValueError as exc:
                failed[key] = message(exc, tr)
                code[key] = f"# {failed[key]}"
        if "numpy" in failed:  # the header described an x, w and out no program defines (tester)
            self.header.setText(tr("No program for these settings: {reason}").format(reason=escape(failed["numpy"])))
        for key, editor in self.editors.items():
            if editor.toPlainText() != code[key]:  # keeps the scroll position when nothing changed
                _set_code(editor, code[key])
            self.copy_buttons[key].setEnabled(key not in failed)  # a comment is nothing to copy
        self._stale = False

    def save_input_dialog(self) -> str | None:
        """Ask where to save the input as .npy (for the programs of a large input); the path or None."""
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, tr("Save the input"), INPUT_FILE, tr("NumPy array (*.npy)"))
        if not path:
            return None
        try:
            self.save_input(path)
        except OSError as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", tr("Could not save {path}: {message}").format(
                path=path, message=reason(exc, tr)))
            return None
        return path

    def save_input(self, path: str) -> None:
        from convviz.io.atomic import atomic_open

        with atomic_open(path, "wb") as fh:
            np.save(fh, self.document.input, allow_pickle=False)

    # ----------------------------------------------------------- private
    def _on_filter(self, index: int) -> None:
        if index >= 0:
            self.filter = index
            self.refresh()

    def invalidate(self, *_args) -> None:
        """Something the programs show changed (the document, the Backward tab's choices)."""
        self._on_document_change()

    def _on_document_change(self, *_args) -> None:
        # Painting emits an input change per stroke: regenerate only what is on screen.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()  # the programs' comments too
        super().changeEvent(event)
