"""The kernel panel: a grid editor, presets, the filter bank with biases, RGB slices."""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.kernels import PRESET_LABELS, PRESETS, format_kernel, parse_kernel
from convviz.core.messages import message, shown_entry
from convviz.core.trace import format_number
from convviz.model.document import MAX_FILTERS, MAX_KERNEL_SIDE, Document

from .i18n import tr

CHANNEL_NAMES = ("R", "G", "B")


def preset_names() -> dict[str, str]:
    """The presets' names in the interface's language (core's PRESET_LABELS, as tr() literals the
    translation tool can find; a preset missing here shows its core label)."""
    return {
        "identity": tr("Identity"), "box_blur": tr("Box blur"), "gaussian_3x3": tr("Gaussian 3×3"),
        "gaussian_5x5": tr("Gaussian 5×5"), "sharpen": tr("Sharpen"), "laplacian": tr("Laplacian"),
        "edge": tr("Edge (8-neighbour)"), "sobel_x": tr("Sobel x"), "sobel_y": tr("Sobel y"),
        "prewitt_x": tr("Prewitt x"), "prewitt_y": tr("Prewitt y"), "scharr_x": tr("Scharr x"),
        "scharr_y": tr("Scharr y"), "emboss": tr("Emboss"), "outline": tr("Outline"),
        "lecture_x": tr("Lecture 3×3 'X'"), "vertical_line_7x7": tr("Vertical line 7×7 (lecture)"),
        "horizontal_line_7x7": tr("Horizontal line 7×7 (lecture)"),
    }


class QtKernelEditor(QtWidgets.QTableWidget):
    """Click a cell and type; entries may be fractions such as 1/9."""

    edited = QtCore.Signal(int, int, float)
    rejected = QtCore.Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(22)
        self.verticalHeader().setMinimumSectionSize(18)
        self.setMinimumHeight(112)
        self.itemChanged.connect(self._on_item_changed)
        self._values = np.zeros((3, 3))

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        # Ask for no more than the minimum height; the kernel box's stretch gives the table
        # whatever room is left.  Qt's default hint (192 px) made the controls column taller than
        # a 1280x800 window, and its scroll bar hid the pooling rows below the fold.
        return QtCore.QSize(super().sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        # Layouts take the larger of the hint and this (a scroll area's 70 px): a table given less
        # room by KernelRoom still asked the column for 70 px, and the column scrolled.
        return QtCore.QSize(super().minimumSizeHint().width(), self.minimumHeight())

    def set_values(self, values: np.ndarray) -> None:
        values = np.atleast_2d(values)
        self._values = values.copy()
        with QtCore.QSignalBlocker(self):
            reshaped = (self.rowCount(), self.columnCount()) != values.shape
            self.setRowCount(values.shape[0])
            self.setColumnCount(values.shape[1])
            if reshaped:  # stretched sections left by removed rows and columns keep their size until a resize
                for header in (self.horizontalHeader(), self.verticalHeader()):
                    header.resizeSections(QtWidgets.QHeaderView.ResizeMode.Stretch)
            m = float(np.abs(values).max()) or 1.0
            for r in range(values.shape[0]):
                for c in range(values.shape[1]):
                    v = float(values[r, c])
                    item = self.item(r, c)
                    if item is None:
                        item = QtWidgets.QTableWidgetItem()
                        item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
                        self.setItem(r, c, item)
                    item.setText(format_number(v))
                    # Tint: red for positive, blue for negative weights.
                    a = int(120 * (abs(v) / m))  # divided first: 120 * 1e308 overflows to inf
                    color = QtGui.QColor(220, 60, 40, a) if v > 0 else QtGui.QColor(40, 90, 220, a)
                    item.setBackground(color if v else QtGui.QColor(0, 0, 0, 0))

    def _on_item_changed(self, item: QtWidgets.QTableWidgetItem) -> None:
        r, c = item.row(), item.column()
        text = item.text().strip()
        try:
            value = float(parse_kernel(text)[0, 0]) if text else 0.0
        except ValueError:
            self.rejected.emit(tr("{entry} is not a number (row {row}, column {column})").format(
                entry=shown_entry(text), row=r + 1, column=c + 1))
            with QtCore.QSignalBlocker(self):
                item.setText(format_number(float(self._values[r, c])))
            return
        self.edited.emit(r, c, value)


class QtKernelPanel(QtWidgets.QWidget):
    """Edits the document's filter bank; every change goes through the document."""

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.current = 0
        self.channel = 0
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        bank_row = QtWidgets.QHBoxLayout()
        self.tabs = QtWidgets.QTabBar(expanding=False, toolTip=tr("Filters of the bank"))
        self.add_button = QtWidgets.QToolButton(text=tr("+"))
        self.remove_button = QtWidgets.QToolButton(text=tr("−"), toolTip=tr("Remove this filter"))
        bank_row.addWidget(self.tabs, 1)
        bank_row.addWidget(self.add_button)
        bank_row.addWidget(self.remove_button)
        layout.addLayout(bank_row)

        shape_row = QtWidgets.QHBoxLayout()
        self.rows_spin = QtWidgets.QSpinBox(minimum=1, maximum=MAX_KERNEL_SIDE, toolTip=tr("Kernel rows"))
        self.cols_spin = QtWidgets.QSpinBox(minimum=1, maximum=MAX_KERNEL_SIDE, toolTip=tr("Kernel columns"))
        self.channel_combo = QtWidgets.QComboBox(toolTip=tr("Channel slice being edited (RGB input)"))
        self.channel_combo.addItems(["", "", ""])
        self._name_texts()
        shape_row.addWidget(QtWidgets.QLabel(tr("Kernel")))
        shape_row.addWidget(self.rows_spin)
        shape_row.addWidget(QtWidgets.QLabel(tr("×")))
        shape_row.addWidget(self.cols_spin)
        shape_row.addWidget(self.channel_combo)
        shape_row.addStretch(1)
        layout.addLayout(shape_row)

        self.editor = QtKernelEditor()
        layout.addWidget(self.editor, 1)

        text_row = QtWidgets.QHBoxLayout()
        self.text = QtWidgets.QLineEdit(placeholderText=tr("Type a kernel: 1,0,-1; 2,0,-2; 1,0,-1  ⏎"),
                                        toolTip=tr("Rows separated by ; entries by commas or spaces; "
                                                   "fractions like 1/9"))
        text_row.addWidget(self.text)
        layout.addLayout(text_row)

        self.presets = QtWidgets.QComboBox(toolTip=tr("Kernel presets"))
        self.presets.addItem(tr("Presets…"), None)
        for key in PRESETS:
            self.presets.addItem(preset_names().get(key, PRESET_LABELS[key]), key)
        self.random_button = QtWidgets.QToolButton(text=tr("Random"), toolTip=tr("Integers from -2 to 2"))
        self.normalise_button = QtWidgets.QToolButton(
            text=tr("Normalise"), toolTip=tr("Divide by the sum (or by max |w| when the sum is 0)"))
        self.flip_button = QtWidgets.QToolButton(text=tr("Flip 180°"), toolTip=tr("Reverse rows and columns"))
        layout.addWidget(self.presets)
        actions = QtWidgets.QHBoxLayout()
        actions.addWidget(self.random_button)
        actions.addWidget(self.normalise_button)
        actions.addWidget(self.flip_button)
        actions.addStretch(1)
        self.bias = QtWidgets.QDoubleSpinBox(minimum=-1e6, maximum=1e6, decimals=3, singleStep=0.5,
                                             toolTip=tr("Added to every output cell of this filter"))
        actions.addWidget(QtWidgets.QLabel(tr("Bias")))
        actions.addWidget(self.bias)
        layout.addLayout(actions)

        self.message = QtWidgets.QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #c0392b")
        # Wrapped to the width the panel has: Ignored, so no long word (a long typed entry) asks for
        # more and widens the panel past the scroll area's view; height for width, so it takes lines;
        # Preferred, so its least height is one line, not its hint's two at a guessed width (the column
        # then asked 14 px more than the lines it shows).
        policy = QtWidgets.QSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.message.setSizePolicy(policy)
        self.message.hide()  # takes room only while it has something to say
        layout.addWidget(self.message)
        self._editor_minimum = self.editor.minimumHeight()
        self._problem = None  # makes the message shown again, in a new language

        self._rng_instance = None  # numpy.random loads when Random is first pressed
        self.tabs.currentChanged.connect(self._on_tab)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.rows_spin.editingFinished.connect(self._resize)
        self.cols_spin.editingFinished.connect(self._resize)
        self.channel_combo.currentIndexChanged.connect(self._on_channel)
        self.editor.edited.connect(self._on_cell_edit)
        self.editor.rejected.connect(self._say)
        self.text.returnPressed.connect(self._on_text)
        self.presets.activated.connect(self._on_preset)
        self.random_button.clicked.connect(self._random)
        self.normalise_button.clicked.connect(self._normalise)
        self.flip_button.clicked.connect(self._flip)
        self.bias.valueChanged.connect(lambda v: self._apply(lambda: document.set_bias(self.current, v)))
        document.events.kernels.connect(self._refresh)
        document.events.input.connect(self._refresh)
        document.events.mode.connect(lambda _m: self._refresh())
        document.events.settings.connect(self._on_settings)
        self._refresh()

    def _on_settings(self, settings) -> None:
        """Only the groups decide which slices a filter reads: other settings leave the panel as it is
        (an activation toggle refreshed it, 0.2 ms of every live change)."""
        groups = getattr(settings, "groups", 1)
        if groups != getattr(self, "_groups_shown", 1):
            self._groups_shown = groups
            self._refresh()

    def _name_texts(self) -> None:
        """The texts made from numbers or names (the catalogue cannot translate them again)."""
        self.add_button.setToolTip(tr("Add a filter (up to {n})").format(n=MAX_FILTERS))
        read = self.channels_read()
        for i, name in enumerate(CHANNEL_NAMES):
            text = tr("{channel} slice").format(channel=name)
            if read is not None and i not in read:
                text = tr("{channel} slice · not read").format(channel=name)
            self.channel_combo.setItemText(i, text)
            # A grouped filter's other slices are kept (a switch back to standard reads them again) but
            # not offered for editing: they change nothing while the filter does not read them.
            self.channel_combo.model().item(i).setEnabled(read is None or i in read)

    def channels_read(self) -> range | None:
        """The input channels the current filter reads under grouped or depthwise settings; None: all
        (standard, or a split the bank does not allow yet, which the Operation panel explains)."""
        d, s = self.document, self.document.settings
        if s.groups == 1 or d.channels == 1 or s.groups_problem(d.channels, len(d.kernels)):
            return None
        return s.group_channels(d.channels, len(d.kernels), min(self.current, len(d.kernels) - 1))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self._name_texts()
            if self._problem is not None:
                self._say(self._problem(), self._problem)

    # ------------------------------------------------------------ model -> view

    def _rng(self) -> np.random.Generator:
        if self._rng_instance is None:
            self._rng_instance = np.random.default_rng()
        return self._rng_instance

    def _slice(self, kernel: np.ndarray) -> np.ndarray:
        if self.document.mode == "1d":
            return kernel.reshape(1, -1)
        return kernel[:, :, self.channel] if kernel.ndim == 3 else kernel

    def _refresh(self) -> None:
        kernels, biases = self.document.kernels, self.document.biases
        self.current = min(self.current, len(kernels) - 1)
        rgb = self.document.channels > 1 and self.document.mode == "2d"
        with QtCore.QSignalBlocker(self.tabs), QtCore.QSignalBlocker(self.rows_spin), \
                QtCore.QSignalBlocker(self.cols_spin), QtCore.QSignalBlocker(self.bias), \
                QtCore.QSignalBlocker(self.channel_combo):
            while self.tabs.count() > len(kernels):
                self.tabs.removeTab(self.tabs.count() - 1)
            while self.tabs.count() < len(kernels):
                self.tabs.addTab(f"F{self.tabs.count() + 1}")
            self.tabs.setCurrentIndex(self.current)
            if not rgb:
                self.channel = 0
            read = self.channels_read()
            if read is not None and self.channel not in read:
                self.channel = read[0]  # show the slice the filter reads (a depthwise filter: its one channel)
            k = self._slice(kernels[self.current])
            one_d = self.document.mode == "1d"
            self.rows_spin.setValue(k.shape[0])
            self.rows_spin.setEnabled(not one_d)
            self.cols_spin.setMaximum(64 if one_d else MAX_KERNEL_SIDE)
            self.cols_spin.setValue(k.shape[1])
            self.bias.setValue(biases[self.current])
            self.channel_combo.setVisible(rgb)
            self._name_texts()
            self.channel_combo.setCurrentIndex(self.channel)
        self.editor.set_values(k)
        text = format_kernel(k)
        if self.text.text() != text:  # the box always shows the kernel being edited
            self.text.setText(text)
            self.text.setCursorPosition(0)  # its first row, not the end of a long last one
        self.remove_button.setEnabled(len(kernels) > 1)
        self.add_button.setEnabled(len(kernels) < MAX_FILTERS)

    # ------------------------------------------------------------ view -> model
    def _apply(self, action) -> bool:
        try:
            action()
        except ValueError as exc:
            self._say(message(exc, tr), lambda exc=exc: message(exc, tr))
            return False
        self._say("")
        return True

    def _say(self, text: str, again=None) -> None:
        """Show a problem under the buttons, or nothing (and no empty row) once it is solved;
        ``again`` makes the text anew after a language change."""
        self._problem = again if text else None
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def least_editor_height(self, rows: int = 3) -> int:
        """The least height the kernel table gives way to: its header and up to ``rows`` rows (a taller
        kernel's table scrolls inside itself, as it does in a short window, rather than the column)."""
        editor = self.editor
        rows = min(editor.rowCount(), rows)
        return (editor.horizontalHeader().sizeHint().height() + 2 * editor.frameWidth()
                + rows * editor.verticalHeader().minimumSectionSize())

    def whole_editor_height(self) -> int:
        """The kernel table's height with every row shown (at the rows' least height)."""
        return self.least_editor_height(self.editor.rowCount())

    @property
    def usual_editor_minimum(self) -> int:
        return self._editor_minimum

    def set_editor_minimum(self, minimum: int) -> bool:
        """The kernel table's minimum height (see :class:`KernelRoom`); True if it changed."""
        if minimum == self.editor.minimumHeight():
            return False
        self.editor.setMinimumHeight(minimum)
        return True

    def _set_slice(self, values: np.ndarray) -> None:
        kernel = self.document.kernels[self.current].copy()
        if self.document.mode == "1d":
            new = np.asarray(values, dtype=np.float64).reshape(-1)
        elif kernel.ndim == 3:
            if values.shape != kernel.shape[:2]:
                kernel = np.zeros(values.shape + (kernel.shape[2],))
                kernel[...] = values[:, :, None]
            kernel[:, :, self.channel] = values
            new = kernel
        else:
            new = values
        self._apply(lambda: self.document.set_kernel(self.current, new))

    def current_slice(self) -> np.ndarray:
        return self._slice(self.document.kernels[self.current]).copy()

    def _on_tab(self, index: int) -> None:
        if index >= 0:
            self.current = index
            self._refresh()

    def _on_channel(self, index: int) -> None:
        self.channel = max(index, 0)
        self._refresh()

    def _add(self) -> None:
        def add():
            self.current = self.document.add_filter(self._rng().integers(-2, 3, size=self.current_slice().shape))
        self._apply(add)
        self._refresh()

    def _remove(self) -> None:
        index = self.current
        self.current = max(0, index - 1)
        self._apply(lambda: self.document.remove_filter(index))

    def _resize(self) -> None:
        if not self._apply(lambda: self.document.resize_kernels(self.rows_spin.value(), self.cols_spin.value())):
            self._refresh()  # the size boxes show the kernels as they stayed

    def _on_cell_edit(self, row: int, col: int, value: float) -> None:
        k = self.current_slice()
        k[row, col] = value
        self._set_slice(k)

    def _on_text(self) -> None:
        try:
            k = parse_kernel(self.text.text(), ndim=1 if self.document.mode == "1d" else 2)
        except ValueError as exc:
            def say(exc=exc) -> str:  # (bound now: 'exc' is gone after the except block)
                return tr("Kernel text: {error}").format(error=message(exc, tr))
            self._say(say(), say)
            return
        self._set_slice(np.asarray(k, dtype=np.float64) if k.ndim == 2 else k[None, :].astype(np.float64))

    def _on_preset(self, index: int) -> None:
        key = self.presets.itemData(index)
        self.presets.setCurrentIndex(0)
        if not key:
            return
        k = PRESETS[key].astype(np.float64)
        if self.document.mode == "1d":
            k = k[k.shape[0] // 2]
        self._set_slice(k)

    def _random(self) -> None:
        self._set_slice(self._rng().integers(-2, 3, size=self.current_slice().shape).astype(np.float64))

    def _normalise(self) -> None:
        k = self.current_slice()
        total = k.sum()
        scale = total if abs(total) > 1e-12 else np.abs(k).max()
        if scale:
            self._set_slice(k / scale)

    def _flip(self) -> None:
        self._set_slice(self.current_slice()[::-1, ::-1].copy())


class KernelRoom(QtCore.QObject):
    """Shares the height of the scroll area ``scroll`` (the controls column holding ``panel`` and the
    operation panel ``ops``) between the kernel table and the room ``ops`` keeps for its help's longest
    text, so that the column does not scroll while either can give way.  Kept first: the table's header
    and one row, and the help's shown text; then the table's first three rows, every row of it (a 7x7
    kernel's), the help's longest text (rows under it stay still when the padding changes), and the
    table's usual minimum.  Whatever is left goes to the table (the kernel box's stretch)."""

    def __init__(self, scroll: QtWidgets.QScrollArea, panel: QtKernelPanel, ops=None):
        super().__init__(scroll)
        self.scroll, self.panel, self.ops = scroll, panel, ops
        self._fitting = False  # fit() resizes the column, whose resize would call it again
        scroll.widget().installEventFilter(self)  # its layout asks again (a message, a row shown)
        scroll.viewport().installEventFilter(self)  # the window resized

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if (kind == QtCore.QEvent.Type.LayoutRequest and watched is self.scroll.widget()) or (
                kind == QtCore.QEvent.Type.Resize and watched is self.scroll.viewport()):
            self.fit()
        return False

    def fit(self) -> None:
        """The column's height as QScrollArea reckons it (height for width, else the minimum) against
        the viewport's; after a change the scroll range is set again at once."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._activate()
            controls, viewport = self.scroll.widget(), self.scroll.viewport()
            need = controls.minimumSizeHint().height()
            if controls.hasHeightForWidth():
                need = max(need, controls.heightForWidth(viewport.width()))
            panel = self.panel
            table = panel.editor.minimumHeight()
            shown, longest = self.ops.help_heights() if self.ops is not None else (0, 0)
            help_now = self.ops.same_help.minimumHeight() if self.ops is not None else 0
            room = viewport.height() - need + table + help_now  # for the table and the help together
            usual = panel.usual_editor_minimum
            table, help_h = share_room(room, least=min(panel.least_editor_height(1), usual),
                                       three=min(panel.least_editor_height(), usual),
                                       whole=panel.whole_editor_height(), usual=usual, shown=shown, longest=longest)
            changed = panel.set_editor_minimum(table)
            if self.ops is not None:
                changed = self.ops.set_help_room(help_h) or changed
            if changed:
                self._activate()
                QtCore.QCoreApplication.sendEvent(self.scroll, QtCore.QEvent(QtCore.QEvent.Type.LayoutRequest))
        finally:
            self._fitting = False

    def _activate(self) -> None:
        """The layouts from the panels up to the column's, now: their cached hints would otherwise
        still count the table's previous minimum until their posted requests run."""
        controls = self.scroll.widget()
        for widget in (self.panel, self.ops):
            while widget is not None:
                if widget.layout() is not None:
                    widget.layout().activate()
                if widget is controls:
                    break
                widget = widget.parentWidget()


def share_room(room: int, *, least: int, three: int, whole: int, usual: int, shown: int,
               longest: int) -> tuple[int, int]:
    """(kernel table's minimum, help's height) out of ``room`` px, in :class:`KernelRoom`'s order."""
    table, help_h = least, shown
    left = room - table - help_h
    for part, up_to in (("table", three), ("table", whole), ("help", longest), ("table", usual)):
        if left <= 0:
            break
        now = table if part == "table" else help_h
        more = min(left, max(0, up_to - now))
        left -= more
        if part == "table":
            table += more
        else:
            help_h += more
    return table, help_h
