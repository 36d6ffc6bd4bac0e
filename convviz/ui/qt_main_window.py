"""The explorer window: input, kernels and op settings on the left and centre,
feature maps and pooled maps on the right, the arithmetic of the hovered cell below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from convviz.model.document import Document
from convviz.model.hover import HoverController
from convviz.model.pipeline import PipelineResult
from convviz.render.scenes import op_name

from .compute import QtComputeController
from .export_actions import export_actions
from .file_actions import file_actions
from .i18n import tr
from .lecture import LectureMode
from .main_menus import build_menus
from .qt_backward_tab import BackwardTab
from .qt_dialogs import clamp_to_screen
from .qt_input_panel import QtInputPanel
from .qt_kernel_panel import KernelRoom, QtKernelPanel
from .qt_map_view import QtMapGrid
from .qt_op_panel import QtOperationPanel
from .qt_readout import QtHoverView, QtReadout
from .settings import app_settings
from .theme import THEMES, apply_theme

if TYPE_CHECKING:
    from .qt_code_view import QtCodeView
    from .qt_step_view import QtStepView



class QtMainWindow(QtWidgets.QMainWindow):
    def __init__(self, document: Document | None = None, *, synchronous: bool = False, restore: bool = True):
        super().__init__()
        self.document = document or Document()
        self.settings = app_settings()
        # The theme first: the views take their colours when they are made.
        theme = self.settings.value("theme", "light")
        self.theme = theme if theme in THEMES else "light"
        apply_theme(QtWidgets.QApplication.instance(), self.theme)
        self.setWindowTitle("convviz — convolution explorer")
        self.setAcceptDrops(True)

        self.compute = QtComputeController(self.document, self, synchronous=synchronous)
        self.input_panel = QtInputPanel(self.document)
        self.kernel_panel = QtKernelPanel(self.document)
        self.op_panel = QtOperationPanel(self.document)
        self.feature_grid = QtMapGrid(tr("Feature maps"))
        self.pooled_grid = QtMapGrid(tr("Pooled maps"))
        # Linked now, not when the input is first shown: a lesson opening on another tab goes
        # straight to lecture mode, which turns the link off.
        self.input_panel.link_cell_size(self.feature_grid, self.pooled_grid)
        self._step_view: QtStepView | None = None  # built when first shown (see step_view)
        self._problem: str | None = None  # why the last computation failed, for the step view
        self._code_view: QtCodeView | None = None
        self.train_window = None  # made when first opened: TensorFlow only in its child process
        self.readout = QtReadout()
        font = self.op_panel.formula.font()
        font.setPointSizeF(9)
        self.op_panel.formula.setFont(font)
        self.files = file_actions(self)
        self.exports = export_actions(self)
        self._build_layout()
        build_menus(self)
        self.lecture = LectureMode(self)

        self.compute.computed.connect(self._on_computed)
        self.compute.failed.connect(self._on_failed)
        view = QtHoverView(self.input_panel.cell, self.feature_grid, self.pooled_grid, self.readout,
                           lambda: self.compute.result is not None)
        self.hover = HoverController(self.document, lambda: self.compute.result, view, tr)
        self.feature_grid.hovered.connect(lambda i, r, c: self.hover.hover("feature", i, r, c))
        self.pooled_grid.hovered.connect(lambda i, r, c: self.hover.hover("pooled", i, r, c))
        self.feature_grid.clicked.connect(self.show_step)
        for grid, name in ((self.feature_grid, "feature"), (self.pooled_grid, "pooled")):
            grid.save_requested.connect(lambda i, name=name: self.exports.save_map_png(name, i))
            grid.copy_requested.connect(lambda i, name=name: self.exports.copy_map_image(name, i))
        self.input_panel.sample_requested.connect(self.files.load_sample)
        self.document.events.mode.connect(self._on_mode)

        self.theme_actions[self.theme].setChecked(True)
        geometry = self.settings.value("geometry")
        if isinstance(geometry, (QtCore.QByteArray, bytes)):
            self.restoreGeometry(geometry)
            clamp_to_screen(self)  # a geometry saved on another screen can come back small or off it
        else:
            self.resize(1280, 800)
            clamp_to_screen(self)  # a first run on a 1024x768 screen
        if restore:
            self.files.restore_last_session()
        self.compute.compute_now()

    # ------------------------------------------------------------------ layout
    def _build_layout(self) -> None:
        controls = QtWidgets.QWidget()
        controls_layout = QtWidgets.QVBoxLayout(controls)
        controls_layout.setContentsMargins(6, 4, 6, 4)
        controls_layout.setSpacing(4)
        kernel_box = QtWidgets.QGroupBox(tr("Kernels"))
        op_box = QtWidgets.QGroupBox(tr("Operation"))
        for box, panel in ((kernel_box, self.kernel_panel), (op_box, self.op_panel)):
            box_layout = QtWidgets.QVBoxLayout(box)
            box_layout.setContentsMargins(6, 4, 6, 4)  # the style's 9 cost the column 20 px of its height
            box_layout.addWidget(panel)
        controls_layout.addWidget(kernel_box, 1)
        controls_layout.addWidget(op_box)
        scroll = QtWidgets.QScrollArea(widgetResizable=True)
        scroll.setWidget(controls)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = scroll.verticalScrollBar()
        scroll.setMinimumWidth(controls.sizeHint().width() + bar.sizeHint().width() + 4)

        # The scroll bar's width is kept free while the bar is hidden: when the column outgrows the
        # window (a small screen, a tall kernel) the bar takes that room, not the kernel table's.
        def reserve_bar(_low: int, high: int) -> None:
            right = 6 if high > 0 else 6 + bar.sizeHint().width()
            if controls_layout.contentsMargins().right() != right:
                controls_layout.setContentsMargins(6, 4, right, 4)

        bar.rangeChanged.connect(reserve_bar)
        reserve_bar(0, 0)
        self.kernel_room = KernelRoom(scroll, self.kernel_panel, self.op_panel)

        input_box = QtWidgets.QGroupBox(tr("Input"))
        QtWidgets.QVBoxLayout(input_box).addWidget(self.input_panel)
        self.input_box = input_box

        outputs = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        outputs.addWidget(self.feature_grid)
        outputs.addWidget(self.pooled_grid)
        outputs.setStretchFactor(0, 3)
        outputs.setStretchFactor(1, 2)
        self.outputs = outputs
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(outputs, tr("Maps"))
        # Steps and Code are built the first time they are needed: the window opens sooner.
        self.tabs.addTab(QtWidgets.QWidget(), tr("Steps"))
        self.tabs.addTab(QtWidgets.QWidget(), tr("Code"))
        self.tabs.currentChanged.connect(self._build_tab)
        self.backward = BackwardTab(self)  # the backward pass, built when first shown

        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(input_box)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 3)
        split.setSizes([scroll.minimumWidth(), 360, 640])
        self.splitter = split

        central = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split, 1)
        frame = QtWidgets.QFrame(frameShape=QtWidgets.QFrame.Shape.StyledPanel)
        bottom = QtWidgets.QHBoxLayout(frame)
        bottom.addWidget(self.readout, 3)
        line = QtWidgets.QFrame(frameShape=QtWidgets.QFrame.Shape.VLine)
        bottom.addWidget(line)
        bottom.addWidget(self.op_panel.formula, 2)
        layout.addWidget(frame)
        self.setCentralWidget(central)
        self.statusBar()

    # -------------------------------------------------------------- lazy tabs
    @property
    def step_view(self) -> QtStepView:
        if self._step_view is None:
            from .qt_step_view import QtStepView

            self._step_view = QtStepView(self.document, result=lambda: self.compute.result)
            self._step_view.set_problem(self._problem)
            self._replace_tab(1, self._step_view, tr("Steps"))
        return self._step_view

    @property
    def code_view_built(self) -> bool:
        return self._code_view is not None

    @property
    def code_view(self) -> QtCodeView:
        if self._code_view is None:
            from .qt_code_view import QtCodeView

            self._code_view = QtCodeView(self.document)
            self._code_view.set_type_scale(self.lecture.type_factor)
            self._code_view.backward_options = self.backward.snippet_options
            self._replace_tab(2, self._code_view, tr("Code"))
        return self._code_view

    def _replace_tab(self, index: int, widget: QtWidgets.QWidget, title: str) -> None:
        current = self.tabs.currentIndex()
        with QtCore.QSignalBlocker(self.tabs):
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, title)
            self.tabs.setCurrentIndex(current)
        placeholder.deleteLater()

    def _build_tab(self, index: int) -> None:
        if index == 1:
            # Built if need be, and given the keys: Space, arrows, +/− work at once, without a click.
            self.step_view.setFocus()
        elif index == 2:
            self.code_view  # noqa: B018

    # ------------------------------------------------------------------ results
    def _on_computed(self, result: PipelineResult) -> None:
        self._problem = None
        if self._step_view is not None:
            self._step_view.set_problem(None)
        self.feature_grid.set_maps(result.activated, self._titles(result.activated), result.extrema)
        s = self.document.settings
        self.feature_grid.reserve_pool_padding(result.out_shape, s)  # room for pooling's hover windows
        if result.pooled:
            if self.pooled_grid.isHidden():
                self.pooled_grid.show()
                total = sum(self.outputs.sizes())
                if total > 0:  # laid out; before that (a session opened at start) the stretch factors share it
                    self.outputs.setSizes([int(total * 0.58), total - int(total * 0.58)])
            kind = tr("max pooling") if s.pool == "max" else tr("average pooling")
            self.pooled_grid.set_title(f"{kind} {s.pool_size}×{s.pool_size} · {tr('stride')} "
                                       f"{s.pool_stride or s.pool_size} · {tr(s.pool_padding)}")
            self.pooled_grid.set_maps(result.pooled, self._titles(result.pooled), result.pooled_extrema)
        else:
            self.pooled_grid.hide()
        pads = result.pads
        if len(pads) == 1:
            self.input_panel.cell.set_extent(0, 0, pads[0][0], pads[0][1])
        else:
            self.input_panel.cell.set_extent(pads[0][0], pads[0][1], pads[1][0], pads[1][1])
        activation = "" if s.activation == "none" else f" → {s.activation}"
        self.feature_grid.set_title(f"{tr('Feature maps')} · {op_name(s.op, tr)} · {tr(s.padding)}{activation}")
        self.statusBar().clearMessage()
        self.hover.refresh()  # the hovered cell explained again, or the default words

    @staticmethod
    def _titles(maps) -> list[str]:
        """"F1  512×512" ("F1  6 values" in 1D), … from the maps' shapes (reading LazyMaps'
        items would activate every map at full size)."""
        def size(shape) -> str:
            return tr("{n} values").format(n=shape[0]) if len(shape) == 1 else "×".join(map(str, shape))

        return [f"F{i + 1}  {size(maps.shape(i))}" for i in range(len(maps))]

    def _on_failed(self, message: str) -> None:
        self._problem = message
        if self._step_view is not None:
            self._step_view.set_problem(message)
        self.statusBar().showMessage(message)
        self.readout.show_error(message)
        self.feature_grid.set_maps([], [])
        # Said where the maps were too: lecture mode hides the status bar and the read-out.
        self.feature_grid.set_title(message)
        self.pooled_grid.hide()

    # ---------------------------------------------------------------- steps
    def show_step(self, f: int, row: int, col: int) -> None:
        """Click on a feature-map cell: jump to the step that fills it, pinned."""
        out_index = (col,) if self.document.mode == "1d" else (row, col)
        self.tabs.setCurrentWidget(self.step_view)
        self.step_view.jump_to(f, out_index)

    # ---------------------------------------------------------- drag and drop
    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.files.open_path(urls[0])
            event.acceptProposedAction()

    # -------------------------------------------------------------- settings
    def apply_theme(self, theme: str) -> None:
        """Switch to ``theme`` ('light' or 'dark'), open views included, and remember it."""
        theme = theme if theme in THEMES else "light"
        self.theme = theme
        apply_theme(QtWidgets.QApplication.instance(), theme)
        for key, act in self.theme_actions.items():
            act.setChecked(key == theme)
        self.settings.setValue("theme", theme)

    def set_language(self, language: str) -> None:
        """Switch the interface language now, in every open window, and remember it."""
        from .i18n import current_language, install, retranslate

        self.settings.setValue("language", language)
        previous = current_language()
        install(QtWidgets.QApplication.instance(), language)
        for act in self.language_actions.values():
            act.setChecked(False)
        self.language_actions[language].setChecked(True)
        retranslate(QtWidgets.QApplication.topLevelWidgets(), previous)
        # Texts made from numbers are rebuilt by the views themselves.
        self.step_view.invalidate()
        if self.compute.result is not None:
            self._on_computed(self.compute.result)
        elif self.compute.problem is not None:  # a failure on screen: said again in the new language
            self._on_failed(self.compute.problem)
        self.hover.refresh()

    # --------------------------------------------------------------- training
    def open_training(self):
        """The training window (TensorFlow is imported only when training starts)."""
        from .qt_train import QtTrainWindow

        if self.train_window is None:
            self.train_window = QtTrainWindow(self)
            self.train_window.setWindowFlag(QtCore.Qt.WindowType.Window)
        self.train_window.show()
        self.train_window.raise_()
        return self.train_window

    # ----------------------------------------------------------- lecture mode
    def toggle_lecture_mode(self, on: bool | None = None) -> None:
        self.lecture.toggle(on)

    def zoom(self, step: int) -> None:
        self.lecture.zoom(step)

    @property
    def in_lecture_mode(self) -> bool:
        return self.lecture.on

    def set_show_values(self, on: bool) -> None:
        self.feature_grid.set_show_values(on)
        self.pooled_grid.set_show_values(on)
        self.input_panel.cell.show_values = on
        self.document.events.input.emit()

    def _on_mode(self, mode: str) -> None:
        self.one_d_action.setChecked(mode == "1d")
        self.hover.leave()

    def show_about(self) -> None:
        from convviz import __version__

        QtWidgets.QMessageBox.about(
            self, "About convviz",
            f"<b>convviz {__version__}</b><p>Makes the arithmetic of convolutional networks visible: "
            "convolution and cross-correlation, padding, stride, dilation, activations and pooling, "
            "with every number agreeing with SciPy, NumPy and TensorFlow.</p>")

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if self.train_window is not None:
            self.train_window.close()  # stops a running training cleanly
        self.compute.wait(2000)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        self.files.remember_session()
        super().closeEvent(event)
