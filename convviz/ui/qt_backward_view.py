"""The Backward tab: the explorer's layer run backwards with real numbers.

The upstream gradient dL/dY (all ones, a squared error against a target, or a file) flows back
through pooling and the activation to the convolution; dW = correlate(X, dY) and dX (the full
convolution of dY with W) are shown as maps and stepped like the forward pass; db = Σ dY is written
out; one SGD step shows W − lr·dW and the loss before and after, and can be applied to the kernels.
The numbers come from :class:`convviz.model.backward.BackwardController`; this module only builds
widgets (map grids, the step canvas) and passes the user's choices on.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.trace import format_number
from convviz.model.backward import BackwardController
from convviz.model.backward_pass import AUTO_LRS, BackwardResult
from convviz.model.document import Document
from convviz.render import MIN_TYPE

from .i18n import tr
from .jobs import QtLatestJob
from .qt_backward_room import kernel_digits, share_room, share_type
from .qt_backward_steps import QtBackwardSteps
from .qt_fit_combo import FitCombo
from .qt_map_view import QtMapGrid

#: Each map grid's share of its row's width: about how many maps it shows side by side.
STRETCH = {"output": 2, "upstream": 1, "chain": 2, "dw": 2, "kernel": 3, "dx": 2}
#: dY's largest side that dW's steps draw as their kernel (its cells and products stay legible).
MAX_STEPPED_DY = 9
#: Terms a written-out sum shows before it elides the middle.
MAX_TERMS = 12
#: Red for what went wrong (a refusal, a loss that went up), readable on the light and the contrast theme.
WARNING = "#c0392b"
#: The model's refusals, in English as it gives them, and what they say in lecture mode, whose Esc shows the
#: Operation panel they point to again (lecture mode hides it).
REFUSALS = {
    "The backward pass is shown for cross-correlation and convolution: choose one of them under Operation.": (
        lambda: tr("The backward pass is shown for cross-correlation and convolution: "
                   "choose one of them under Operation."),
        lambda: tr("The backward pass is shown for cross-correlation and convolution: leave lecture mode (Esc) "
                   "and choose one of them under Operation.")),
    "The backward pass is shown for a standard convolution: choose standard under Channels.": (
        lambda: tr("The backward pass is shown for a standard convolution: choose standard under Channels."),
        lambda: tr("The backward pass is shown for a standard convolution: leave lecture mode (Esc) and choose "
                   "standard under Channels.")),
}



def written_sum(values: np.ndarray) -> str:
    """``1 + 0 + (-2) = -1``; past MAX_TERMS terms the zeros are counted instead of written, and past
    that the middle is elided."""
    values = np.ravel(values)
    total = format_number(float(np.sum(values)))
    zeros = 0
    if values.size > MAX_TERMS:
        zeros = int(np.count_nonzero(values == 0))
        values = values[values != 0]
    terms = [format_number(v) for v in values]
    terms = [f"({t})" if t.startswith("-") else t for t in terms] or ["0"]
    if len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS // 2] + ["…"] + terms[-MAX_TERMS // 2:]
    if zeros:
        terms.append(tr("{n} zeros").format(n=zeros))
    return f"{' + '.join(terms)} = {total}"


def set_warning(label: QtWidgets.QLabel, on: bool, *, bold: bool = False) -> None:
    """The label's text in red (or the theme's colour again) through its palette and font, not a style sheet:
    a label with a style sheet keeps the font it had when the sheet was applied, so lecture mode's type never
    reached the refusal, which stood at 12 px on an empty page."""
    palette = QtGui.QPalette()
    palette.setResolveMask(0)  # only the roles set here: the rest follows the theme
    if on:
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(WARNING))
    label.setPalette(palette)
    font = QtGui.QFont()
    font.setResolveMask(0)  # the weight alone: the size follows the tab's (lecture mode's) type
    if bold:
        font.setBold(True)
    label.setFont(font)


def _labelled(label: QtWidgets.QLabel, field: QtWidgets.QWidget) -> QtWidgets.QWidget:
    box = QtWidgets.QWidget()
    row = QtWidgets.QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field)
    return box


class QtBackwardView(QtWidgets.QWidget):
    """The Backward tab's widgets over a :class:`BackwardController` of ``document``."""

    def __init__(self, document: Document, parent=None, *, synchronous: bool = False):
        super().__init__(parent)
        self.document = document
        self.page = "maps"
        self._type_scale = 1.0
        self._min_type = MIN_TYPE
        self._traces_stale = True

        self.upstream_combo = FitCombo(toolTip=tr("dL/dY: the gradient arriving at the layer's output"))
        for key, label in (("ones", tr("All ones (L = Σ Y)")), ("squared_error", tr("Squared error against a target")),
                           ("file", tr("From a file…"))):
            self.upstream_combo.addItem(label, key)
        self.target_label = QtWidgets.QLabel(tr("Target"))
        self.target_combo = FitCombo(toolTip=tr("The map the squared error compares the output with"))
        for key, label in (("zeros", tr("Zeros")), ("shifted", tr("The output shifted one cell right")),
                           ("file", tr("From a file…"))):
            self.target_combo.addItem(label, key)  # "The lesson's target" joins them while a lesson gives one
        self.filter_combo = FitCombo(toolTip=tr("Which filter of the bank"))
        self.channel_combo = FitCombo(toolTip=tr("Which input channel of dW"))
        self.page_buttons: dict[str, QtWidgets.QPushButton] = {}
        self.page_group = QtWidgets.QButtonGroup(self)
        for key, label in (("maps", tr("Gradients")), ("dW", tr("Step through dW")), ("dX", tr("Step through dX"))):
            button = QtWidgets.QPushButton(label, checkable=True)
            self.page_buttons[key] = button
            self.page_group.addButton(button)
            button.clicked.connect(lambda _=False, k=key: self.set_page(k))
        self.page_buttons["maps"].setChecked(True)
        # Two fixed rows: the target appearing (squared error) moves nothing but its own row's end.
        pages, loss = QtWidgets.QHBoxLayout(), QtWidgets.QHBoxLayout()
        self.upstream_label = QtWidgets.QLabel(tr("Upstream dL/dY"))
        self.target_box = _labelled(self.target_label, self.target_combo)  # a label never wraps from its box
        for widget in (*self.page_buttons.values(), self.filter_combo, self.channel_combo):
            pages.addWidget(widget)
        for widget in (_labelled(self.upstream_label, self.upstream_combo), self.target_box):
            loss.addWidget(widget)
        pages.addStretch(1)
        loss.addStretch(1)
        # Each combo as wide as its choice, not its longest item: the loss row held the window 1042 px
        # wide on a 1024x768 screen (the backward lesson, squared error against its target).

        # The maps: each quantity on its own colour scale (gradients are much smaller than weights).
        self.output_grid = QtMapGrid(tr("Output Y and target T"), scale_choice_box=False)
        self.upstream_grid = QtMapGrid(tr("Upstream gradient"), scale_choice_box=False)
        self.chain_grid = QtMapGrid(tr("Back through the layer"), scale_choice_box=False)
        self.dx_grid = QtMapGrid(tr("dX = dY convolved with W (full)"), scale_choice_box=False)
        self.dw_grid = QtMapGrid(tr("dW = correlate(X, dY)"), scale_choice_box=False)
        # Untitled: its maps' titles name W and W − lr·dW, and the height goes to their cells (W − lr·dW's
        # 1.02 and -0.0667 at 20 px in lecture mode at 1280x800).
        self.kernel_grid = QtMapGrid("", scale_choice_box=False)
        for name in STRETCH:
            getattr(self, f"{name}_grid").setObjectName(name)
            # Each grid's room settles after the others': the numbers' one size is found again each time.
            getattr(self, f"{name}_grid").fit_px_changed.connect(self._share_type)
        self.maps_of: dict[str, list] = {}  # each grid's maps as last set (their sizes share the room)
        self.grids = (self.output_grid, self.upstream_grid, self.chain_grid, self.dx_grid, self.dw_grid,
                      self.kernel_grid)
        maps = QtWidgets.QWidget()
        # W over W − lr·dW in a column of their own, as tall as the page: beside dW and dX in one row the
        # three left dX's cells too small for its numbers (0.2222) and W − lr·dW's at 9 px.
        self.outer = QtWidgets.QHBoxLayout(maps)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.rows_layout = rows = QtWidgets.QVBoxLayout()
        # Hidden grids (no target, no pooling or activation) give their width to the others.
        self.rows = (QtWidgets.QHBoxLayout(), QtWidgets.QHBoxLayout())
        for row, grids in zip(self.rows, ((self.output_grid, self.upstream_grid, self.chain_grid),
                                          (self.dw_grid, self.dx_grid))):
            for grid in grids:
                row.addWidget(grid, STRETCH[grid.objectName()])
            rows.addLayout(row, 1)
        self.outer.addLayout(rows, 3)
        self.outer.addWidget(self.kernel_grid, 1)
        self.steps = QtBackwardSteps()
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(maps)
        self.stack.addWidget(self.steps)

        self.message = QtWidgets.QLabel(wordWrap=True)
        set_warning(self.message, True, bold=True)
        self.message.hide()
        self._refusal = ""  # the model's words for the message shown (translated and worded for the mode)
        self._lecture = False
        self.bias_line = QtWidgets.QLabel(wordWrap=True)
        self.bias_line.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lr_label = QtWidgets.QLabel(tr("Learning rate"))
        self.lr_box = QtWidgets.QDoubleSpinBox(decimals=4, minimum=0.0, maximum=100.0, singleStep=0.01,
                                               value=0.1, toolTip=tr("lr in W − lr·dW and b − lr·db"))
        # The loss after the button, wrapping in its own room: between them it ran under the button.
        self.loss_line = QtWidgets.QLabel(wordWrap=True)
        self.apply_button = QtWidgets.QPushButton(tr("Apply the step"), toolTip=tr(
            "Write W − lr·dW and b − lr·db into the kernels (every filter)"))
        self.loss_line.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        sgd = QtWidgets.QHBoxLayout()  # a box layout, unlike the flow it replaced, never lays one over another
        sgd.addWidget(_labelled(self.lr_label, self.lr_box))
        sgd.addWidget(self.apply_button)
        sgd.addWidget(self.loss_line, 1)

        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
        self.main_layout = layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(pages)
        layout.addLayout(loss)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bias_line)
        layout.addLayout(sgd)

        self.jobs = QtLatestJob(self, synchronous=synchronous)  # off the GUI thread, the latest change winning
        self.controller = BackwardController(document, self, run=self.jobs.submit)
        self.controller.set_active(False)  # computed when first shown
        self.upstream_combo.activated.connect(self._on_upstream)
        self.target_combo.activated.connect(self._on_target)
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        self.channel_combo.currentIndexChanged.connect(self._on_channel)
        self.lr_box.valueChanged.connect(self.controller.set_learning_rate)
        self.apply_button.clicked.connect(self.apply_step)
        self._sync_choices()

    # ------------------------------------------------------------ choices
    def _ask_file(self, title: str) -> np.ndarray | None:
        from convviz.io.inputs import load_matrix

        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, title, "", tr("Arrays (*.npy *.csv *.txt)"))
        if not path:
            return None
        try:
            return load_matrix(path)
        except (OSError, ValueError) as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", str(exc))
            return None

    def _on_upstream(self, index: int) -> None:
        kind = self.upstream_combo.itemData(index)
        try:
            if kind == "file":
                array = self._ask_file(tr("Open an upstream gradient"))
                if array is None:
                    self._sync_choices()
                    return
                self.controller.set_upstream("file", array)
            else:
                self.controller.set_upstream(kind)
        except ValueError as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", str(exc))
        self._sync_choices()

    def _on_target(self, index: int) -> None:
        kind = self.target_combo.itemData(index)
        try:
            array = None
            if kind == "file":
                array = self._ask_file(tr("Open a target map"))
                if array is None:
                    self._sync_choices()
                    return
            self.controller.set_target(kind, array)
        except ValueError as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", str(exc))
        self._sync_choices()

    def _on_filter(self, index: int) -> None:
        if index >= 0:
            self.controller.set_filter(index)
            self._traces_stale = True
            self._refresh()

    def _on_channel(self, index: int) -> None:
        if index >= 0:
            self.controller.set_channel(index)
            self._traces_stale = True
            self._refresh()

    def _sync_choices(self) -> None:
        """The combos as the controller has them (after a cancelled file dialog, a refused file)."""
        c, doc = self.controller, self.document
        with QtCore.QSignalBlocker(self.upstream_combo), QtCore.QSignalBlocker(self.target_combo), \
                QtCore.QSignalBlocker(self.filter_combo), QtCore.QSignalBlocker(self.channel_combo):
            self.upstream_combo.setCurrentIndex(self.upstream_combo.findData(c.upstream))
            lesson = self.target_combo.findData("lesson")
            if c.has_lesson_target and lesson < 0:
                self.target_combo.insertItem(self.target_combo.findData("file"), tr("The lesson's target"), "lesson")
            elif not c.has_lesson_target and lesson >= 0:
                self.target_combo.removeItem(lesson)
            self.target_combo.setCurrentIndex(self.target_combo.findData(c.target_kind))
            n = len(doc.kernels)
            if self.filter_combo.count() != n:
                self.filter_combo.clear()
                self.filter_combo.addItems([tr("Filter {n}").format(n=i + 1) for i in range(n)])
            self.filter_combo.setCurrentIndex(c.filter)
            channels = doc.channels
            if self.channel_combo.count() != channels:
                self.channel_combo.clear()
                names = ("R", "G", "B") if channels == 3 else tuple(str(i) for i in range(channels))
                self.channel_combo.addItems([tr("Channel {name}").format(name=name) for name in names])
            self.channel_combo.setCurrentIndex(c.channel)
        squared = c.upstream == "squared_error"
        self.target_box.setVisible(squared)
        self.filter_combo.setVisible(len(doc.kernels) > 1)
        self.channel_combo.setVisible(doc.channels > 1)

    def open_lesson(self, entry: dict) -> None:
        """A lesson's backward pass: its upstream, target and learning rate, on the page it names."""
        self.controller.open_lesson(entry)
        self._show_lr()
        self._sync_choices()
        self.set_page(entry.get("page", "maps"))

    def set_page(self, key: str) -> None:
        """'maps', 'dW' or 'dX'."""
        self.page = key
        self.page_buttons[key].setChecked(True)
        self.stack.setCurrentIndex(0 if key == "maps" else 1)
        self._traces_stale = True
        self._refresh()
        if key != "maps":
            self.steps.setFocus()

    # -------------------------------------------------------- view protocol
    def show_message(self, text: str) -> None:
        """Why nothing is shown, in place of the panels (no empty titled frames), the step disabled."""
        self._refusal = text
        self._word_message()
        self.message.show()
        for grid in self.grids:
            grid.set_maps([], [])
        self.steps.set_trace(None, "")
        self.stack.hide()
        self.main_layout.setStretchFactor(self.message, 1)  # the panels' room, the message at its top
        self.bias_line.setText("")
        self.loss_line.setText("")
        self.apply_button.setEnabled(False)
        self._sync_choices()

    def _word_message(self) -> None:
        """The model's refusal (Qt-free, in English) in the interface's language, naming Esc in lecture mode."""
        words = REFUSALS.get(self._refusal)
        self.message.setText(self._refusal if words is None else words[self._lecture]())

    def _show_lr(self) -> None:
        with QtCore.QSignalBlocker(self.lr_box):
            self.lr_box.setValue(self.controller.lr)

    def show_result(self, result: BackwardResult) -> None:
        self.message.hide()
        self._refusal = ""
        self.main_layout.setStretchFactor(self.message, 0)
        self.stack.show()
        self.apply_button.setEnabled(True)
        if self.controller.lr_auto:
            self._show_lr()
        self._traces_stale = True
        self._sync_choices()
        self._refresh()

    # -------------------------------------------------------------- showing
    def _channel_maps(self, arr: np.ndarray, name: str) -> tuple[list, list]:
        """An array as maps: one per channel for an RGB kernel or input, else itself."""
        rgb = self.document.channels > 1 and arr.ndim == 3
        if not rgb:
            return [arr], [name]
        names = ("R", "G", "B") if arr.shape[2] == 3 else tuple(str(i) for i in range(arr.shape[2]))
        return [arr[..., c] for c in range(arr.shape[2])], [f"{name} · {n}" for n in names]

    def _set_maps(self, grid, maps: list, titles: list) -> None:
        self.maps_of[grid.objectName()] = list(maps)
        grid.set_maps(maps, titles)

    def _refresh(self) -> None:
        r, c, doc = self.controller.result, self.controller, self.document
        if r is None:
            return
        f, s = c.filter, doc.settings
        squared = r.loss == "squared_error"
        self.output_grid.setVisible(squared)
        if squared:
            self._set_maps(self.output_grid, [r.y[f], r.target[f]], [tr("Y (output)"), tr("T (target)")])
        self._set_maps(self.upstream_grid, [r.dy[f]], ["dL/dY"])
        maps, titles = [], []
        if s.pool != "none":
            maps.append(r.da[f])
            titles.append(tr("before pooling"))
        if s.activation != "none":
            maps.append(r.dz[f])
            titles.append(tr("before {activation}").format(activation=s.activation))
        self.chain_grid.setVisible(bool(maps))
        if maps:
            self._set_maps(self.chain_grid, maps, titles)
        # dX beside the upstream when the first row would hold it alone, and a 2D dW too: the page's
        # height for dX's cells, which printed 18 px digits over a second row holding dW alone.
        first = squared + bool(maps) == 0
        for grid, alone in ((self.dw_grid, first and doc.mode != "1d"), (self.dx_grid, first)):
            row = self.rows[0] if alone else self.rows[1]
            if row.indexOf(grid) < 0:
                row.addWidget(grid, STRETCH[grid.objectName()])
        correlation = s.op == "correlate"
        # Never wrapped inside "(X, dY)": at 1024x768 the title broke between X, and dY).
        self.dw_grid.set_title((tr("dW = correlate(X, dY)") if correlation
                                else tr("dW = flip(correlate(X, dY))")).replace(", ", ",\u00a0"))
        self.dx_grid.set_title(tr("dX = dY convolved with W (full)") if correlation
                               else tr("dX = dY correlated with W (full)"))
        for grid, arr, name in ((self.dx_grid, r.dX, "dX"), (self.dw_grid, r.dW[f], "dW")):
            maps, titles = self._channel_maps(arr, name)
            # A lone map untitled: its grid's title names it, and the row's height goes to its cells.
            self._set_maps(grid, maps, titles if len(maps) > 1 else [""])
        w, w_after = self._channel_maps(np.asarray(doc.kernels[f], dtype=np.float64), "W")
        stepped, stepped_titles = self._channel_maps(r.kernels_after[f], "W − lr·dW")
        if len(w) > 1:  # a channel a row: W · R beside W − lr·dW · R
            self.kernel_grid.columns = 2
            self._set_maps(self.kernel_grid, [m for pair in zip(w, stepped) for m in pair],
                           [t for pair in zip(w_after, stepped_titles) for t in pair])
        else:  # W above W − lr·dW
            self.kernel_grid.columns = 1
            self._set_maps(self.kernel_grid, w + stepped, w_after + stepped_titles)
        step = tr("b − lr·db = {before} → {after}").format(before=format_number(doc.biases[f]),
                                                             after=format_number(r.biases_after[f]))
        # The step unbroken (no-break spaces): wrapped at 1024x768, its -0.02222 stood alone on a line.
        self.bias_line.setText(tr("db = Σ dY = {sum}").format(sum=written_sum(r.dz[f])) + "    "
                               + step.replace(" ", "\u00a0"))
        loss = {"sum": "L = Σ Y", "weighted": "L = Σ dY ⊙ Y", "squared_error": "L = mean (Y − T)²"}[r.loss]
        text = tr("{loss}: {before} before the step, {after} after").format(
            loss=loss, before=format_number(r.loss_before), after=format_number(r.loss_after))
        if r.loss_after > r.loss_before:
            text += ". " + tr("The loss went up: choose a smaller learning rate.")
        elif c.lr_auto and r.lr < AUTO_LRS[0]:
            text += ". " + tr("lr {lr}: with {first} the loss went up.").format(
                lr=format_number(r.lr), first=format_number(AUTO_LRS[0]))
        if kernel_digits(self)[1]:  # a change past the fourth digit: W − lr·dW's cells read as W's
            text += ". " + tr("lr·dW is too small in some cells to change their 4 digits: "
                              "W − lr·dW reads as W there.")
        self.loss_line.setText(text)
        set_warning(self.loss_line, r.loss_after > r.loss_before)
        share_room(self)
        self._share_type()
        if self.page != "maps" and self._traces_stale:
            self._show_trace()

    def _show_trace(self) -> None:
        self._traces_stale = False
        c, s = self.controller, self.document.settings
        try:
            steps = c.weights_trace() if self.page == "dW" else c.input_trace()
        except ValueError as exc:
            self.steps.set_trace(None, "", str(exc))
            return
        if self.page == "dW" and max(steps.geometry.kernel_shape) > MAX_STEPPED_DY:
            shape = "×".join(map(str, steps.geometry.kernel_shape))
            self.steps.set_trace(None, "", tr(
                "dY is {shape}: too large to draw as the kernel of dW's steps (at most {most} per side). "
                "A smaller input, a larger stride or pooling makes it smaller; the Gradients page shows dW.").format(
                shape=shape, most=MAX_STEPPED_DY))
            return
        padded = any(b or a for b, a in self.document.conv_geometry().pads)
        if self.page == "dW":
            title = tr("dW = correlate(X, dY)") if s.op == "correlate" else tr("dW = flip(correlate(X, dY))")
            caption = tr("Each dW cell: the padded input under dY's cells, dY's cells {stride} apart (the stride), "
                         "sliding {dilation} per step (the dilation).").format(stride=s.stride, dilation=s.dilation)
            # The forward scene's grids hold X, dY and dW here: named so, not input, kernel and output.
            flipped = s.op == "convolve"
            labels = {"input": tr("X (padded)") if padded else "X", "kernel": tr("dY (sliding)"),
                      "products": "X × dY", "output": tr("dW flipped 180°") if flipped else "dW",
                      "sum": "flip(dW)" if flipped else "dW"}
        else:
            conv = s.op == "correlate"  # a correlation's input gradient convolves, a convolution's correlates
            if s.stride > 1:
                title = (tr("dX: dY with {zeros} zeros between cells, padded, convolved with W") if conv else
                         tr("dX: dY with {zeros} zeros between cells, padded, correlated with W")).format(
                    zeros=s.stride - 1)
            else:
                title = tr("dX: dY padded, convolved with W") if conv else tr("dX: dY padded, correlated with W")
            if not padded:
                caption = tr("The output is dX.")
            elif s.boundary == "zeros":
                caption = tr("The output covers the padded input; dX is its middle.")
            else:
                caption = tr("The output covers the padded input; dX is its middle, plus the padded cells' "
                             "gradient added to the cells the boundary copied them from.")
            if self.document.channels > 1:
                caption += " " + tr("Its 'filters' are the input's channels: filter 1, 2, 3 give dX's R, G, B.")
            if self.document.mode == "1d" and len(self.document.kernels) > 1:
                caption += " " + tr("Filter {n}'s share: dX adds every filter's.").format(n=c.filter + 1)
            spread = tr("dY, zeros between, padded") if s.stride > 1 else tr("dY (padded)")
            labels = {"input": spread, "kernel": tr("W (flipped 180°)") if conv else "W", "products": "dY × W",
                      "output": tr("dX on the padded grid") if padded else "dX",
                      "sum": tr("dX (padded)") if padded else "dX"}
        self.steps.set_trace(steps, title, caption, labels)

    def apply_step(self) -> None:
        try:
            self.controller.apply_step()
        except ValueError as exc:
            QtWidgets.QMessageBox.warning(self, "convviz", str(exc))

    # ----------------------------------------------------------------- type
    def set_type(self, factor: float, min_type: float) -> None:
        """Lecture mode's large type (``factor`` for the maps' titles, ``min_type`` px in the steps)."""
        self._type_scale = factor
        self._min_type = min_type or MIN_TYPE
        for grid in self.grids:
            grid.set_type_scale(factor)
        self.steps.set_min_type(min_type)
        self._share_type()

    def _share_type(self, *_args) -> None:
        if hasattr(self, "grids"):  # a grid lays out while the view is still being built
            share_type(self, self._min_type)

    def set_lecture_controls(self, on: bool) -> None:
        """The step pane's slider in the contrast theme's colours (see QtStepView.set_lecture_controls); a
        refusal names Esc, which shows the panel it points to."""
        self._lecture = on
        self.steps.set_lecture(on)
        self._word_message()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.controller.set_active(True)
        self._refresh()
        if self.page != "maps":  # the player's keys work at once
            self.steps.setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        self.controller.set_active(False)
        self.steps.player.pause()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QtCore.QEvent.Type.LanguageChange and hasattr(self, "controller"):
            self._word_message()  # a refusal in the new language too
            self.filter_combo.clear()  # texts with numbers, refilled in the new language
            self.channel_combo.clear()
            self._sync_choices()
            self._traces_stale = True
            self._refresh()
        super().changeEvent(event)

