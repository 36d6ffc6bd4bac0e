"""The step view: the trace played one window at a time, alone or in lock-step compare panes.

Scenes come from :mod:`convviz.render` (the layout exported animations and SVGs use) and
are laid out for the space each pane has, then painted as vectors: type stays at least
``min_type`` pixels (12, or 20 in lecture mode, times the zoom) at any window size, and
inputs too large for that show the window's neighbourhood with an overview.  The
:class:`~convviz.model.player.Player` holds position, speed, loop and the quiz's stage.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.model.document import Document
from convviz.model.pipeline import OpSettings, step_trace
from convviz.model.player import Player
from convviz.model.settings import compare_panes
from convviz.render import MIN_TYPE, has_flip, scene_for, scene_title
from convviz.render.scenes import FLIP_SECONDS, op_name

from .i18n import tr
from .qt_fit_combo import FitCombo
from .qt_player_controls import ControlFlow, QtPlayerControls
from .qt_step_canvas import QtStepCanvas

COMPARE = {
    "none": ("No comparison", None),
    "padding": ("valid | same | full", [dict(padding="valid"), dict(padding="same"), dict(padding="full")]),
    "same": ("'same': TensorFlow | centered", [dict(padding="same", same="tensorflow"),
                                               dict(padding="same", same="centered")]),
    "op": ("correlate | convolve", [dict(op="correlate"), dict(op="convolve")]),
    "stride": ("stride 1 | stride 2", [dict(stride=1), dict(stride=2)]),
}
LECTURE_MIN_TYPE = 20.0  # pixels, the step view's smallest type in lecture mode

_LECTURE_CHECK = ("QCheckBox::indicator {{ width: {side}px; height: {side}px; border: 2px solid palette(button-text); "
                  "background: palette(base); }} QCheckBox::indicator:checked {{ background: palette(highlight); }}")


class QtStepView(QtWidgets.QWidget):
    """Player controls over the canvas; keys: Space, ←/→, Home/End, +/−."""

    def __init__(self, document: Document, parent=None, *, result=None):
        super().__init__(parent)
        self.document = document
        self._result = result or (lambda: None)  # the window's latest pipeline result (pooling reads it)
        self.player = Player(0)
        self.kind = "conv"
        self.view = "window"  # or a matrix product: "im2col", "toeplitz"
        self.filter = 0
        self.compare = "none"  # the Compare mode shown; the one chosen may not apply to the operation
        self._chosen_compare = "none"
        self._dirty = True
        self._problem: str | None = None  # why the window's results cannot be shown (overflow)
        self._base_type = MIN_TYPE
        self._zoom = 1.0
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)

        self.controls = QtPlayerControls(self, self.player, self.toggle_play)
        self.buttons, self.slider, self.position, self.speed = (
            self.controls.buttons, self.controls.slider, self.controls.position, self.controls.speed)
        self.timer = self.controls.timer
        self.loop = QtWidgets.QCheckBox(tr("Loop"))
        self.quiz = QtWidgets.QCheckBox(tr("Quiz"), toolTip=tr(
            "Pause at each step with its products and sum hidden; a key press reveals the products, the next the sum"))
        self.kind_combo = FitCombo(toolTip=tr("Step through the convolution or the pooling"))
        self.kind_combo.addItem(tr("Convolution steps"), "conv")
        self.kind_combo.addItem(tr("Pooling steps"), "pool")
        self.view_combo = FitCombo(toolTip=tr(
            "The convolution's steps as a sliding window, or as a matrix times a vector (one row per output cell)"))
        self.view_combo.addItem(tr("Sliding window"), "window")
        self.view_combo.addItem(tr("Patch matrix (im2col)"), "im2col")
        self.view_combo.addItem(tr("Convolution matrix"), "toeplitz")
        self.view_combo.addItem(tr("Equivalent correlation (zeros inserted)"), "equivalent")
        self.filter_combo = FitCombo(toolTip=tr("Which filter of the bank"))
        self.compare_combo = FitCombo(toolTip=tr("Panes stepping in lock-step on the same input"))
        for key, (label, _) in COMPARE.items():
            self.compare_combo.addItem(tr(label), key)
        self.flip_button = QtWidgets.QPushButton(tr("Show the flip"), toolTip=tr(
            "Convolution: turn the kernel 180° on screen before it slides (also when playing from the first step)"))
        self.flip_button.clicked.connect(self.play_flip)
        self.compare_label = QtWidgets.QLabel(tr("Compare"))
        self.compare_label.setBuddy(self.compare_combo)
        # The label and its box one item of the flow: never on two rows.
        self.compare_box = QtWidgets.QWidget()
        pair = QtWidgets.QHBoxLayout(self.compare_box)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(self.compare_label, 0, QtCore.Qt.AlignmentFlag.AlignVCenter)
        pair.addWidget(self.compare_combo, 0, QtCore.Qt.AlignmentFlag.AlignVCenter)

        # Flow layouts: on a narrow screen or in lecture mode's large type the controls wrap to
        # a second line instead of widening the window past the screen.
        self.options = ControlFlow()
        for w in (self.kind_combo, self.view_combo, self.filter_combo, self.flip_button, self.compare_box):
            self.options.addWidget(w)
        self.bar = self.controls.bar(self.loop, self.quiz)
        self._lecture_controls = False

        self.canvas = QtStepCanvas()
        self.message = QtWidgets.QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #c0392b")
        self.message.hide()

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.options)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.slider)
        layout.addLayout(self.bar)

        self.flip_animation = QtCore.QVariantAnimation(self, startValue=0.0, endValue=180.0,
                                                       duration=int(FLIP_SECONDS * 1000))
        self.flip_animation.setEasingCurve(QtCore.QEasingCurve.Type.InOutCubic)
        self.flip_animation.valueChanged.connect(self._draw_flip)
        self.flip_animation.finished.connect(self._flip_done)
        self._play_after_flip = False
        self.loop.toggled.connect(self.player.set_loop)
        self.quiz.toggled.connect(self.player.set_quiz)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.view_combo.currentIndexChanged.connect(self._on_view)
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        self.compare_combo.currentIndexChanged.connect(self._on_compare)
        self.player.events.changed.connect(self._on_player)
        document.events.connect(self.invalidate)

    # ----------------------------------------------------------------- type
    def set_type(self, min_type: float | None = None, zoom: float | None = None) -> None:
        """The smallest type in the frames (12 px, lecture mode 20 px) and the zoom that scales it."""
        if min_type is not None:
            self._base_type = float(min_type)
        if zoom is not None:
            self._zoom = float(zoom)
        self.canvas.set_min_type(self._base_type * self._zoom)
        # Why there is nothing to step through, at the frames' type: lecture mode's 20 px, not 11.
        font = QtGui.QFont(self.message.font())
        font.setPixelSize(max(round(self.canvas.min_type), QtGui.QFontInfo(QtWidgets.QApplication.font()).pixelSize()))
        self.message.setFont(font)

    @property
    def min_type(self) -> float:
        return self.canvas.min_type

    # ------------------------------------------------------------ the flip
    def _has_flip(self) -> bool:
        return self.kind == "conv" and any(has_flip(s) for s in self.scenes)

    def toggle_play(self) -> None:
        """Play/pause; playing a convolution from its first step first shows the kernel turning 180°."""
        p = self.player
        if not p.playing and p.index == 0 and self._has_flip() \
                and self.flip_animation.state() != QtCore.QAbstractAnimation.State.Running:
            self._play_after_flip = True
            self.play_flip()
            return
        p.toggle()

    def play_flip(self) -> None:
        self.ensure_built()
        if not self._has_flip():
            return
        self.player.pause()
        self.player.seek(0)
        self.flip_animation.stop()
        self.flip_animation.start()

    def _draw_flip(self, angle) -> None:
        self.canvas.flip_filter = self.filter if self.scenes and self.scenes[0].trace.prepared.bank else 0
        self.canvas.flip_angle = float(angle)
        self.canvas.update()

    def _flip_done(self) -> None:
        self.canvas.flip_angle = None
        if self._play_after_flip:
            self._play_after_flip = False
            self.player.play()
        self.redraw()

    def flip_image(self, angle: float) -> np.ndarray:
        """The canvas showing the kernel turned by ``angle`` (tests, slides)."""
        self.canvas.flip_angle = float(angle)
        try:
            return self.canvas.image()
        finally:
            self.canvas.flip_angle = None

    # ----------------------------------------------------------- scenes
    def set_lecture_controls(self, on: bool) -> None:
        """Check boxes and the slider drawn in the palette's text colour (lecture mode's black):
        Fusion outlines them a shade darker than the window, which on black is nothing at all.
        Only these widgets get the style sheet; a sheet on a parent restyles everything under it."""
        self._lecture_controls = on
        self._style_checks()
        self.controls.set_lecture(on)

    def _style_checks(self) -> None:
        """Lecture mode's check boxes, their boxes as large as the type (zoom included)."""
        side = max(16, round(0.8 * self.fontMetrics().height()))
        for widget in (self.loop, self.quiz):
            widget.setStyleSheet(_LECTURE_CHECK.format(side=side) if self._lecture_controls else "")
            widget.setFont(self.font())  # a style sheet stops the parent's font reaching them

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QtCore.QEvent.Type.FontChange and hasattr(self, "_lecture_controls"):
            self._style_checks()
        if event.type() == QtCore.QEvent.Type.PaletteChange and hasattr(self, "controls"):  # the theme's colour
            self.controls.refresh_icons()
        super().changeEvent(event)

    @property
    def scenes(self) -> list:
        return self.canvas.scenes

    def invalidate(self, *_args) -> None:
        """The document changed: rebuild the scenes now if shown, else when next shown."""
        self._dirty = True
        if self.isVisible():
            self.ensure_built()
            self.redraw()

    def ensure_built(self) -> None:
        if self._dirty:
            self._rebuild()

    def set_problem(self, message: str | None) -> None:
        """The window's computation failed (e.g. results beyond the float range): say so instead
        of stepping through numbers that are not there; None when it computes again."""
        if message != self._problem:
            self._problem = message
            self.invalidate()

    def _settings_list(self) -> list[OpSettings]:
        base = self.document.settings
        if self.kind == "pool":  # the variants are the convolution's settings
            return [base]
        return compare_panes(base, COMPARE[self.compare][1], self._shapes()) or [base]

    def _shapes(self) -> tuple:
        """The input's and the first kernel's spatial shapes (what decides whether two settings differ)."""
        x, k = self.document.input, self.document.kernels[0]
        spatial = 1 if x.ndim == 1 else 2
        return x.shape[:spatial], ((k.size,) if spatial == 1 else k.shape[:2])

    def _offer_compare(self, base: OpSettings) -> None:
        """Offers only the Compare modes the operation has (a transposed convolution: valid | same, stride);
        the mode chosen comes back when it applies again, and meanwhile the panes compare nothing."""
        shapes = self._shapes()
        for row in range(self.compare_combo.count()):
            key = self.compare_combo.itemData(row)
            panes = compare_panes(base, COMPARE[key][1], shapes)
            self.compare_combo.view().setRowHidden(row, key != "none" and not panes)
            if key == "padding":
                self.compare_combo.setItemText(row, " | ".join(tr(s.padding) for s in panes) or tr(COMPARE[key][0]))
        shown = self._chosen_compare if compare_panes(base, COMPARE[self._chosen_compare][1], shapes) else "none"
        if shown != self.compare or self.compare_combo.itemData(self.compare_combo.currentIndex()) != shown:
            with QtCore.QSignalBlocker(self.compare_combo):
                self.compare_combo.setCurrentIndex(self.compare_combo.findData(shown))
            self.compare = shown

    def _title(self, s: OpSettings) -> str:
        """A pane's title: the whole operation alone, only what differs between compare panes."""
        if self.kind == "pool" or self.compare == "none":
            return scene_title(s, tr) if self.kind == "conv" else ""
        if self.compare in ("padding", "same"):
            return tr(s.padding) + (f" ({tr(s.same)})" if s.padding == "same" and s.op != "transposed" else "")
        if self.compare == "op":
            return op_name(s.op, tr)
        return f"{tr('stride')} {s.stride}"

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _rebuild(self) -> None:
        self._dirty = False
        doc = self.document
        with QtCore.QSignalBlocker(self.filter_combo):
            self.filter_combo.clear()
            for i in range(len(doc.kernels)):
                self.filter_combo.addItem(tr("Filter {n}").format(n=i + 1), i)
            self.filter = min(self.filter, len(doc.kernels) - 1)
            self.filter_combo.setCurrentIndex(self.filter)
        self.filter_combo.setVisible(len(doc.kernels) > 1)
        self._offer_views(doc.settings.op == "transposed")
        self._offer_compare(doc.settings)
        scenes = []
        try:
            if self._problem:
                raise ValueError(self._problem)
            for s in self._settings_list():
                result = self._result() if s == doc.settings else None
                trace = step_trace(doc.input, doc.kernels, doc.biases, s, self.kind, self.filter,
                                   activated=result.activated if result is not None else None)
                view = self.view if self.kind == "conv" else "window"
                scenes.append(scene_for(trace, (640, 400), title=self._title(s), tr=tr, min_type=self.min_type,
                                        view=view))
        except ValueError as exc:
            message = str(exc)
            if message.startswith("Pooling is off"):
                message = tr("Pooling is off: choose max or average pooling in the Operation panel.")
            self.canvas.set_scenes([])
            self._show_message(message)
            self.player.set_length(0)
            self.flip_button.setEnabled(False)
            return
        self._show_message("")
        self.canvas.set_scenes(scenes)
        self.flip_button.setEnabled(self._has_flip())
        self.controls.set_length(max(len(s.trace) for s in scenes))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.ensure_built()
        self.redraw()

    # ------------------------------------------------------------- player
    def _on_player(self) -> None:
        p = self.player
        self.controls.sync()
        with QtCore.QSignalBlocker(self.loop), QtCore.QSignalBlocker(self.quiz):
            self.loop.setChecked(p.loop)
            self.quiz.setChecked(p.quiz)
        self.redraw()

    def current_frames(self):
        """(scene, step, reveal) for each pane: the quiz's stage as 0 / 1 / 2."""
        p = self.player
        frames = []
        for s in self.scenes:
            i = min(p.index, len(s.trace) - 1)
            frames.append((s, i, p.stage if i == p.index else 2))
        return frames

    def redraw(self) -> None:
        self.canvas.set_frames([(i, reveal) for _s, i, reveal in self.current_frames()])

    def current_image(self) -> np.ndarray | None:
        """The frames being shown (every pane), as an RGB array of the canvas's size."""
        if not self.scenes:
            return None
        self.redraw()
        return self.canvas.image()

    # ------------------------------------------------------------ options
    def _on_kind(self, index: int) -> None:
        self.kind = self.kind_combo.itemData(index)
        for widget in (self.compare_label, self.compare_combo, self.view_combo):
            widget.setEnabled(self.kind == "conv")
        self.invalidate()

    def _on_view(self, index: int) -> None:
        self.view = self.view_combo.itemData(index)
        self.invalidate()

    def _offer_views(self, transposed: bool) -> None:
        """A transposed convolution is stepped as a scatter, or as its equivalent correlation; the
        other ops have no equivalent view (a choice of it falls back to the sliding window)."""
        self.view_combo.setItemText(0, tr("Scatter: a stamp per input cell") if transposed else tr("Sliding window"))
        row = self.view_combo.findData("equivalent")
        self.view_combo.view().setRowHidden(row, not transposed)
        if self.view == "equivalent" and not transposed:
            with QtCore.QSignalBlocker(self.view_combo):
                self.view_combo.setCurrentIndex(0)
            self.view = "window"

    def set_view(self, key: str) -> None:
        """"window" (a transposed convolution's scatter), "im2col", "toeplitz" or "equivalent"."""
        self.view_combo.setCurrentIndex(self.view_combo.findData(key))

    def _on_filter(self, index: int) -> None:
        if index >= 0:
            self.filter = index
            self.invalidate()

    def _on_compare(self, index: int) -> None:
        self.compare = self._chosen_compare = self.compare_combo.itemData(index)
        self.invalidate()

    def set_compare(self, key: str) -> None:
        self.compare_combo.setCurrentIndex(self.compare_combo.findData(key))

    def jump_to(self, filter_index: int, out_index: tuple) -> None:
        """Show the step that fills ``out_index`` of a feature map, pinned."""
        if self.kind != "conv":
            self.kind_combo.setCurrentIndex(0)
        if filter_index != self.filter:
            self.filter_combo.setCurrentIndex(filter_index)
        self.ensure_built()
        if self.scenes:
            steps = self.scenes[0].trace
            self.player.seek(steps.index_of(out_index), pin=True)
