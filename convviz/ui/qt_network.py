"""The network window: the whole network, layer by layer, on your own image and your own model.

Left the layers (Keras's summary with multiply-adds), centre the selected layer's maps or bars for the
current image, right the input (draw, open, a test image) above the picked unit's arithmetic.  The
state lives in :class:`convviz.model.network_explorer.NetworkExplorer`; this window only builds widgets
and is the explorer's view.  Models are read by :mod:`.qt_network_load` (Keras only in a child process).
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.network.spec import NetworkSpec
from convviz.model.lecture import LectureState
from convviz.model.network_explorer import NetworkExplorer, input_box, layer_box
from convviz.render.prims import shape_text

from .i18n import tr
from .jobs import wait_until_idle
from .qt_dialogs import fit_to_screen
from .qt_network_input import QtNetworkInput
from .qt_network_layers import QtLayerTable
from .qt_network_load import MODEL_FILTER, QtModelOpener, fashion_test_files, lecture_model_path
from .qt_network_maps import QtLayerMaps
from .qt_network_unit import QtUnitPanel
from .qt_train_results import class_label
from .theme import scaled_font


class QtNetworkWindow(QtWidgets.QMainWindow):
    """``explorer`` holds the state; the window is its :class:`~convviz.model.network_explorer.NetworkView`."""

    def __init__(self, spec: NetworkSpec | None = None, image=None, parent=None, *, engine=None,
                 synchronous: bool = False, explorer_input=None):
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(QtCore.Qt.WindowType.Window)
        self._explorer_input = explorer_input  # () -> the convolution explorer's input, if there is one
        self.lecture = LectureState()  # the explorer's rules: large type (F11) and zoom steps
        self.table = QtLayerTable()
        self.maps = QtLayerMaps()
        self.unit_panel = QtUnitPanel()
        self.explorer = NetworkExplorer(self, engine=engine, background=None if synchronous else self._background,
                                        tr=tr)
        self.input = QtNetworkInput(overlays=self.explorer.overlays_available,
                                    explorer_input=explorer_input is not None)
        self.opener = QtModelOpener(self)
        if fashion_test_files() is None:  # not installed: the button would only say so
            for widget in (self.input.sample_button, self.input.sample_spin):
                widget.setEnabled(False)
        self._workers: list = []
        self._build()
        self._build_menus()
        self.table.layer_chosen.connect(self.explorer.select_layer)
        self.maps.unit_clicked.connect(lambda unit: self.explorer.select_unit(unit))
        self.maps.unit_hovered.connect(self._show_hovered)
        self.input.stroke.connect(lambda a, b, erase: self.explorer.draw(a, b, self.input.pen_width.value(), erase))
        self.input.clear_requested.connect(self.explorer.clear)
        self.input.open_requested.connect(self.open_input_dialog)
        self.input.sample_requested.connect(self.use_test_image)
        self.input.explorer_requested.connect(self.use_explorer_input)
        self.input.overlay_changed.connect(self.explorer.set_overlay)
        self.opener.loaded.connect(lambda spec: self.set_model(spec))
        self.opener.failed.connect(self.show_error)
        fit_to_screen(self, 1280, 800)
        self.retranslate()
        if spec is not None:
            self.set_model(spec, image)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        # The table is short: the unit's arithmetic takes the room under it, beside the maps it explains.
        left = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(self.unit_panel)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 2)
        split = QtWidgets.QSplitter()
        split.addWidget(left)
        split.addWidget(self.maps)
        split.addWidget(self.input)
        split.setChildrenCollapsible(False)
        left.setChildrenCollapsible(False)
        self.splitter, self.left = split, left
        self._user_sized = False  # the panes follow the window until the user moves a divider
        split.splitterMoved.connect(self._user_moved)
        self.setCentralWidget(split)
        self.busy_bar = QtWidgets.QProgressBar(maximumWidth=160, maximum=0)
        self.busy_bar.hide()
        self.statusBar().addPermanentWidget(self.busy_bar)

    def _user_moved(self, *_args) -> None:
        self._user_sized = True

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_model_action = self._action(self.file_menu, self.open_model_dialog, "Ctrl+Shift+M")
        self.lecture_action = self._action(self.file_menu, self.open_lecture_model)
        self.open_input_action = self._action(self.file_menu, self.open_input_dialog,
                                              QtGui.QKeySequence.StandardKey.Open)
        self.file_menu.addSeparator()
        self.close_action = self._action(self.file_menu, self.close, QtGui.QKeySequence.StandardKey.Close)
        self.view_menu = bar.addMenu("")
        self.large_action = self._action(self.view_menu, lambda on: self.toggle_large_type(on), "F11")
        self.large_action.setCheckable(True)
        self.zoom_actions = [self._action(self.view_menu, lambda _=False, k=k: self.zoom(k), key)
                             for k, key in ((1, "Ctrl+="), (-1, "Ctrl+-"), (0, "Ctrl+0"))]
        self.zoom_actions[0].setShortcuts([QtGui.QKeySequence("Ctrl+="), QtGui.QKeySequence("Ctrl++")])

    def _action(self, menu, slot, shortcut=None) -> QtGui.QAction:
        act = QtGui.QAction(self)
        if shortcut is not None:
            act.setShortcut(QtGui.QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        self.addAction(act)  # the keys work with the menu bar hidden (full screen)
        return act

    def retranslate(self) -> None:
        name = self.explorer.spec.name if self.explorer.spec is not None else ""
        self.setWindowTitle(tr("convviz — network: {name}").format(name=name) if name else tr("convviz — network"))
        self.file_menu.setTitle(tr("&File"))
        self.open_model_action.setText(tr("Open model…"))
        self.lecture_action.setText(tr("Explore the lecture's model"))
        self.open_input_action.setText(tr("Open input image…"))
        self.close_action.setText(tr("Close"))
        self.view_menu.setTitle(tr("&View"))
        self.large_action.setText(tr("Large type (full screen)"))
        for act, text in zip(self.zoom_actions, (tr("Zoom in"), tr("Zoom out"), tr("Actual size"))):
            act.setText(text)
        self.busy_bar.setToolTip(tr("Computing the layers…"))
        if self.explorer.spec is not None:
            self.set_layer(self.explorer.layer, self._output(self.explorer.layer))
            self._show_unit_again()

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            self.share_room()

    def share_room(self) -> None:
        """The panes' widths: the table's columns (at most 45 %, and never less than its least width: the
        numbers' columns whole under two-line headers, the names wrapped), the maps, the input (at most
        30 %); the table as high as its rows (at most half), the arithmetic under it."""
        width, height = self.splitter.width(), self.splitter.height()
        if width <= 0:
            return
        table = self.table.table
        left_w = max(min(self.table.natural_width() + 4, int(width * 0.45)), int(width * 0.3),
                     self.table.least_width())
        input_w = min(int(width * (0.3 if width > 1100 else 0.26)), max(int((width - left_w) * 0.42), 200))
        with QtCore.QSignalBlocker(self.splitter):
            self.splitter.setSizes([left_w, width - left_w - input_w, input_w])
        rows_h = self.table.rows_height()  # after the widths: a name wrapped in a narrower pane is taller
        extra = self.table.title.sizeHint().height() + (self.table.stopped.sizeHint().height()
                                                         if self.table.stopped.isVisibleTo(self) else 0)
        table_h = min(rows_h + extra + table.frameWidth() * 2 + 12, int(height * 0.5))
        self.left.setSizes([table_h, max(height - table_h, 100)])

    # --------------------------------------------------------------- the view
    def set_network(self, spec: NetworkSpec, rows) -> None:
        self.table.set_network(spec.name, rows, spec.stopped_at)
        last = rows[-1].output_shape if rows else ()
        self.input.set_class_names(spec.class_names, int(np.prod(last)) if len(last) == 1 else 0)
        self.unit_panel.show_explanation(None, "")
        self.retranslate()
        if not self._user_sized:
            self.share_room()

    def set_input(self, image: np.ndarray, note: str) -> None:
        self.input.set_image(image, note)

    def class_names(self) -> tuple[str, ...]:
        """The model's class names as the interface shows them (Fashion-MNIST's translated)."""
        return tuple(class_label(n) for n in self.explorer.spec.class_names)

    def _output(self, index: int):
        outputs = self.explorer.outputs
        return None if outputs is None else outputs[index]

    def _layer_title(self, index: int) -> str:
        row = self.explorer.rows[index]
        return f"{index}. {row.name} ({row.kind}) · {shape_text(row.output_shape)}"

    def set_layer(self, index: int, output) -> None:
        self.table.select(index)
        spec = self.explorer.spec
        last = index == len(spec.layers) - 1
        self.maps.set_output(self._layer_title(index), output, self.class_names() if last else ())
        self._mark_layer()

    def set_unit(self, layer: int, unit, explanation, receptive) -> None:
        if unit is None:
            self.unit_panel.show_explanation(None, "")
            self.maps.mark(None, None)
            self.input.set_receptive(None)
            return
        outputs = self.explorer.outputs
        value = f" = {float(outputs[layer][unit]):.6g}" if outputs is not None else ""
        heading = tr("Layer {index} ({name}), unit ({unit})").format(
            index=layer, name=self.explorer.rows[layer].name, unit=", ".join(map(str, unit))) + value
        last = layer == len(self.explorer.rows) - 1
        box = input_box(receptive)
        if box is not None and layer > 0:  # where the unit reads from, in numbers, and how to see it further back
            (r0, r1), (c0, c1) = box
            if len(self.explorer.spec.input_shape) == 2:  # a signal: positions, not rows and columns
                heading += "\n" + tr("Receptive field in the input: positions {c0}–{c1} ({w}); pick an earlier "
                                     "layer to see it on its maps.").format(c0=c0, c1=c1, w=c1 - c0 + 1)
            else:
                heading += "\n" + tr("Receptive field in the input: rows {r0}–{r1}, columns {c0}–{c1} ({h}×{w}); "
                                     "pick an earlier layer to see it on its maps.").format(
                    r0=r0, r1=r1, c0=c0, c1=c1, h=r1 - r0 + 1, w=c1 - c0 + 1)
        rows, flat = self.explorer.rows, None
        if layer >= 2 and rows[layer - 1].kind == "Flatten":  # name the unrolled map's cells
            flat = (rows[layer - 2].name, rows[layer - 2].output_shape)
        self.unit_panel.show_explanation(explanation, heading, self.class_names() if last else (), flat)
        self.input.set_receptive(box)
        self._mark_layer()

    def _show_hovered(self, unit) -> None:
        """The value under the mouse in the status bar (a click explains it)."""
        output = self._output(self.explorer.layer)
        if unit is None or output is None:
            self.statusBar().clearMessage()
            return
        self.statusBar().showMessage(tr("unit ({unit}) = {value} — click for its arithmetic").format(
            unit=", ".join(map(str, unit)), value=f"{float(output[unit]):.6g}"))

    def _mark_layer(self) -> None:
        """The picked unit on its own layer, its receptive field on earlier layers' maps."""
        ex = self.explorer
        if ex.unit is None:
            self.maps.mark(None, None)
        elif ex.layer == ex.unit_layer:
            self.maps.mark(ex.unit, None)
        elif ex.layer < ex.unit_layer:
            self.maps.mark(None, layer_box(ex.receptive(), ex.layer))
        else:
            self.maps.mark(None, None)

    def _show_unit_again(self) -> None:
        ex = self.explorer
        if ex.unit is not None and ex.outputs is not None:
            self.set_unit(ex.unit_layer, ex.unit, ex.explanation(), ex.receptive())

    def set_overlay(self, mode: str, heat, class_index: int) -> None:
        self.input.set_heat(heat, mode, class_index)
        names = self.class_names()
        name = names[class_index] if 0 <= class_index < len(names) else str(class_index)
        what = {"saliency": tr("Saliency"), "gradcam": tr("Grad-CAM")}.get(mode)
        self.input.set_overlay_note(tr("{what} for class {name}: the brighter, the more it raises that "
                                       "class's score").format(what=what, name=name) if heat is not None else "")

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)

    def show_error(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(self, "convviz", message)

    # ------------------------------------------------------------- the model
    def set_model(self, spec: NetworkSpec, image=None) -> None:
        self.explorer.set_model(spec, image)

    def open_model_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, tr("Open model"), "", tr("Models") + MODEL_FILTER)
        if path:
            self.open_model(path)

    def open_model(self, path) -> None:
        """``.npz`` at once; ``.keras``/``.h5`` in a child process (a progress dialog with Cancel)."""
        self.opener.open(path)

    def open_lecture_model(self) -> None:
        try:
            path = lecture_model_path()
        except FileNotFoundError:
            self.show_error(tr("The lecture's model is not installed with this copy of convviz."))
            return
        self.opener.open(path)

    # ------------------------------------------------------------- the input
    def open_input_dialog(self) -> None:
        from convviz.io.inputs import IMAGE_SUFFIXES, MATRIX_SUFFIXES

        patterns = " ".join("*" + s for s in IMAGE_SUFFIXES + MATRIX_SUFFIXES)
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, tr("Open input image"), "",
                                                        tr("Images and matrices") + f" ({patterns})")
        if path:
            self.open_input(path)

    def open_input(self, path) -> bool:
        from convviz.io.inputs import load_input

        try:
            image = load_input(path, rgb=self._channels() == 3)
        except ValueError as exc:
            self.show_error(str(exc))
            return False
        return self.explorer.set_input(image)

    def _channels(self) -> int:
        spec = self.explorer.spec
        return spec.input_shape[-1] if spec is not None else 1

    def use_test_image(self, index: int) -> bool:
        """Fashion-MNIST test image ``index`` (from the system's dataset, if installed)."""
        from convviz.io.datasets import FASHION_CLASSES

        from .qt_network_load import fashion_test_image

        try:
            image, label = fashion_test_image(index)
        except ValueError as exc:
            self.show_error(str(exc))
            return False
        origin = tr("Fashion-MNIST test image {i} ({name})").format(i=index, name=class_label(FASHION_CLASSES[label]))
        return self.explorer.set_input(image.astype(np.float32) / 255.0, origin)

    def use_explorer_input(self) -> bool:
        if self._explorer_input is None:
            return False
        return self.explorer.set_input(self._explorer_input(), tr("the explorer's input"))

    # --------------------------------------------------------------- type
    @property
    def large_type(self) -> bool:
        return self.lecture.on

    @property
    def type_factor(self) -> float:
        return self.lecture.type_factor

    def toggle_large_type(self, on: bool | None = None) -> None:
        """Lecture mode's large type, full screen (F11); ``on`` None toggles."""
        self.lecture.on = not self.lecture.on if on is None else bool(on)
        self.large_action.setChecked(self.large_type)
        if self.large_type:
            self.showFullScreen()
        else:
            self.showNormal()
        self.apply_type()

    def zoom(self, step: int) -> None:
        self.lecture.zoom(step)
        self.apply_type()

    def apply_type(self) -> None:
        factor = self.type_factor
        for part in (self.maps, self.input, self.unit_panel, self.table):
            part.set_type_scale(factor)
        # The menus and the status bar too (menus are windows of their own: they inherit no font).
        font = QtGui.QFont() if factor == 1.0 else scaled_font(factor)  # at 1 the application's again
        for widget in (self.menuBar(), self.file_menu, self.view_menu, self.statusBar()):
            widget.setFont(font)
        self.layout().activate()  # the taller menu bar's height comes off the panes before they are shared
        if not self._user_sized:
            self.share_room()

    # --------------------------------------------------------------- threads
    def _background(self, work, done, failed) -> None:
        """Run ``work`` in a worker thread; ``done`` / ``failed`` are called back in this (GUI) thread."""
        from superqt.utils import create_worker

        worker = create_worker(work, _start_thread=False, _connect={"errored": failed})  # see ui.compute
        worker.returned.connect(done)
        worker.finished.connect(lambda w=worker: self._workers.remove(w) if w in self._workers else None)
        self._workers.append(worker)
        worker.start()

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Turn the event loop until no forward pass runs or waits (tests, closing); False on timeout."""
        return wait_until_idle(lambda: bool(self._workers) or self.explorer.busy, timeout_ms)

    def closeEvent(self, event) -> None:
        self.opener.cancel()
        self.wait(2000)  # a worker's answer must not arrive at a window being torn down
        super().closeEvent(event)


def open_network_window(spec: NetworkSpec | None = None, image=None, parent=None, **kwargs) -> QtNetworkWindow:
    """Show ``spec`` (a NetworkSpec) in a network window on ``image`` (any size: fitted to the model).
    ``parent``: the convolution explorer's window, whose input the network window can then use."""
    explorer_input = None
    document = getattr(parent, "document", None)
    if document is not None:
        explorer_input = lambda: document.input  # noqa: E731
    window = QtNetworkWindow(spec, image, parent, explorer_input=explorer_input, **kwargs)
    window.show()
    if getattr(parent, "in_lecture_mode", False):
        window.lecture.zoom_factor = parent.lecture.zoom_factor  # the explorer's zoom, with its lecture type
        window.toggle_large_type(True)  # opened in front of a class: its type as large as the explorer's
    window.raise_()
    return window
