"""The step view: the trace played one window at a time, with compare panes.

Frames come from :mod:`convviz.export.steps` (the same layout as exported
animations and SVGs), rendered at the widget's size; the
:class:`~convviz.model.player.Player` holds position, speed, loop and quiz.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.export.steps import FLIP_SECONDS, PoolStepScene, SequentialRenderer, conv_scene
from convviz.model.document import Document
from convviz.model.pipeline import OpSettings, conv_trace, pooled_trace, run_pipeline
from convviz.model.player import SPEEDS, Player
from .i18n import tr

COMPARE = {
    "none": ("No comparison", None),
    "padding": ("valid | same | full", [dict(padding="valid"), dict(padding="same"), dict(padding="full")]),
    "same": ("'same': TensorFlow | centred", [dict(padding="same", same="tensorflow"),
                                               dict(padding="same", same="centered")]),
    "op": ("correlate | convolve", [dict(op="correlate"), dict(op="convolve")]),
    "stride": ("stride 1 | stride 2", [dict(stride=1), dict(stride=2)]),
}


PLAYER_TIPS = (("home", "First step (Home)"), ("back", "Step back (←)"), ("play", "Play / pause (Space)"),
               ("forward", "Step forward (→)"), ("end", "Last step (End)"))


def scene_title(settings: OpSettings) -> str:
    from convviz.export.animate import scene_title as title

    return title(settings, tr)


_LECTURE_CHECK = ("QCheckBox::indicator { width: 16px; height: 16px; border: 2px solid palette(button-text); "
                  "background: palette(base); } QCheckBox::indicator:checked { background: palette(highlight); }")
_LECTURE_SLIDER = ("QSlider::groove:horizontal { height: 4px; background: palette(mid); } "
                   "QSlider::handle:horizontal { width: 12px; margin: -6px 0; background: palette(button-text); }")


def player_icons(color: QtGui.QColor, size: int = 32) -> dict[str, QtGui.QIcon]:
    """The player's icons drawn in ``color``.  The style's media icons are dark whatever the
    palette, and vanished on lecture mode's black; these follow the theme (a QIcon greys its
    own disabled form)."""
    def icon(*shapes) -> QtGui.QIcon:
        pixmap = QtGui.QPixmap(2 * size, 2 * size)
        pixmap.setDevicePixelRatio(2)
        pixmap.fill(QtCore.Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for shape in shapes:
            painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(x * size, y * size) for x, y in shape]))
        painter.end()
        return QtGui.QIcon(pixmap)

    def right(x0, x1):
        return [(x0, 0.22), (x1, 0.5), (x0, 0.78)]

    def left(x0, x1):
        return [(x1, 0.22), (x0, 0.5), (x1, 0.78)]

    def bar(x0, x1):
        return [(x0, 0.22), (x1, 0.22), (x1, 0.78), (x0, 0.78)]

    return {"home": icon(bar(0.18, 0.26), left(0.26, 0.52), left(0.52, 0.78)),
            "back": icon(left(0.2, 0.5), left(0.5, 0.8)),
            "play": icon(right(0.3, 0.76)),
            "pause": icon(bar(0.28, 0.42), bar(0.58, 0.72)),
            "forward": icon(right(0.2, 0.5), right(0.5, 0.8)),
            "end": icon(right(0.22, 0.48), right(0.48, 0.74), bar(0.74, 0.82))}


def to_qimage(arr: np.ndarray, *, copy: bool = True) -> QtGui.QImage:
    """An RGB888 QImage of ``arr``; with ``copy=False`` it borrows arr's memory (keep arr alive)."""
    arr = np.ascontiguousarray(arr)
    h, w = arr.shape[:2]
    image = QtGui.QImage(arr.data, w, h, 3 * w, QtGui.QImage.Format.Format_RGB888)
    return image.copy() if copy else image


class QtStepView(QtWidgets.QWidget):
    """Player controls over a frame; keys: Space, ←/→, Home/End, +/−."""

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.player = Player(0)
        self.kind = "conv"
        self.filter = 0
        self.compare = "none"
        self._scenes: list = []
        self._renderers: list = []
        self._dirty = True
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)

        bar = QtWidgets.QHBoxLayout()
        self.buttons = {}
        self._icons = player_icons(self.palette().color(QtGui.QPalette.ColorRole.ButtonText))
        for key, tip in PLAYER_TIPS:
            b = QtWidgets.QToolButton(toolTip=tr(tip))
            b.setIcon(self._icons[key])
            b.setMinimumWidth(34)
            bar.addWidget(b)
            self.buttons[key] = b
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, toolTip=tr("Scrub through the steps"))
        bar.addStretch(1)
        self.position = QtWidgets.QLabel(tr("0 / 0"))
        self.position.setMinimumWidth(70)
        bar.addWidget(self.position)
        self.speed = QtWidgets.QComboBox(toolTip=tr("Steps per second (+ / −)"))
        self.speed.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        for s in SPEEDS:
            self.speed.addItem(f"{s:g} /s", s)
        bar.addWidget(self.speed)
        self.loop = QtWidgets.QCheckBox(tr("Loop"))
        self.quiz = QtWidgets.QCheckBox(tr("Quiz"), toolTip=tr("Pause before each output value; a key press reveals it"))
        bar.addWidget(self.loop)
        bar.addWidget(self.quiz)

        options = QtWidgets.QHBoxLayout()
        self.kind_combo = QtWidgets.QComboBox(toolTip=tr("Step through the convolution or the pooling"))
        self.kind_combo.addItem(tr("Convolution steps"), "conv")
        self.kind_combo.addItem(tr("Pooling steps"), "pool")
        self.filter_combo = QtWidgets.QComboBox(toolTip=tr("Which filter of the bank"))
        self.compare_combo = QtWidgets.QComboBox(toolTip=tr("Panes stepping in lock-step on the same input"))
        for key, (label, _) in COMPARE.items():
            self.compare_combo.addItem(tr(label), key)
        for combo in (self.kind_combo, self.filter_combo, self.compare_combo):
            # Let the row shrink on small screens instead of widening the window.
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        options.addWidget(self.kind_combo)
        options.addWidget(self.filter_combo)
        self.flip_button = QtWidgets.QPushButton(tr("Show the flip"), toolTip=tr(
            "Convolution: turn the kernel 180° on screen before it slides (also when playing from the first step)"))
        self.flip_button.clicked.connect(self.play_flip)
        options.addWidget(self.flip_button)
        options.addWidget(QtWidgets.QLabel(tr("Compare")))
        options.addWidget(self.compare_combo)
        options.addStretch(1)

        self.canvas = QtWidgets.QLabel(alignment=QtCore.Qt.AlignmentFlag.AlignCenter)
        self.canvas.setMinimumSize(320, 180)
        self.canvas.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Ignored)
        self.message = QtWidgets.QLabel()
        self.message.setStyleSheet("color: #c0392b")

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.slider)
        layout.addLayout(bar)

        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(self.player.tick)
        self.flip_animation = QtCore.QVariantAnimation(self, startValue=0.0, endValue=180.0,
                                                       duration=int(FLIP_SECONDS * 1000))
        self.flip_animation.setEasingCurve(QtCore.QEasingCurve.Type.InOutCubic)
        self.flip_animation.valueChanged.connect(self._draw_flip)
        self.flip_animation.finished.connect(self._flip_done)
        self._play_after_flip = False
        self.buttons["home"].clicked.connect(self.player.home)
        self.buttons["back"].clicked.connect(self.player.back)
        self.buttons["play"].clicked.connect(self.toggle_play)
        self.buttons["forward"].clicked.connect(self.player.forward)
        self.buttons["end"].clicked.connect(self.player.end)
        self.slider.valueChanged.connect(lambda v: self.player.seek(v) if v != self.player.index else None)
        self.speed.currentIndexChanged.connect(lambda i: self.player.set_speed(self.speed.itemData(i)))
        self.loop.toggled.connect(self.player.set_loop)
        self.quiz.toggled.connect(self.player.set_quiz)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        self.compare_combo.currentIndexChanged.connect(self._on_compare)
        self.player.events.changed.connect(self._on_player)
        for event in (document.events.input, document.events.kernels, document.events.settings, document.events.mode):
            event.connect(self.invalidate)
        self.speed.setCurrentIndex(SPEEDS.index(2.0))
        self._install_keys()

    # --------------------------------------------------------------- keys
    def _install_keys(self) -> None:
        keys = {
            "Space": self.toggle_play, "Right": self.player.forward, "Left": self.player.back,
            "Home": self.player.home, "End": self.player.end, "+": self.player.faster, "=": self.player.faster,
            "-": self.player.slower,
        }
        self._shortcuts = []
        for key, slot in keys.items():
            sc = QtGui.QShortcut(QtGui.QKeySequence(key), self)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
            self._shortcuts.append(sc)

    # ------------------------------------------------------------ the flip
    def _flip_scene(self):
        scene = self._scenes[0] if self._scenes else None
        if scene is None or self.kind != "conv" or getattr(scene.trace, "op", "") != "convolve" \
                or not hasattr(scene, "flip_image"):
            return None
        return scene

    def toggle_play(self) -> None:
        """Play/pause; playing a convolution from its first step first shows the kernel turning 180°."""
        p = self.player
        if not p.playing and p.index == 0 and self._flip_scene() is not None \
                and self.flip_animation.state() != QtCore.QAbstractAnimation.State.Running:
            self._play_after_flip = True
            self.play_flip()
            return
        p.toggle()

    def play_flip(self) -> None:
        if self._dirty:
            self._rebuild()
        if self._flip_scene() is None:
            if self.document.settings.op == "convolve" and self.document.mode == "1d":
                self.message.setText(tr("In 1D the kernel row beneath the signal is already shown flipped."))
            else:
                self.message.setText(tr("The flip belongs to convolution: choose Convolution in the Operation panel."))
            return
        self.player.pause()
        self.flip_animation.stop()
        self.flip_animation.start()

    def _draw_flip(self, angle) -> None:
        scene = self._flip_scene()
        if scene is None or not self.isVisible():
            return
        arr = np.asarray(scene.flip_image(float(angle), self.filter if scene.trace.prepared.bank else 0))
        self.canvas.setPixmap(QtGui.QPixmap.fromImage(to_qimage(arr, copy=False)))

    def _flip_done(self) -> None:
        if self._play_after_flip:
            self._play_after_flip = False
            self.player.play()
        else:
            self.redraw()

    # ----------------------------------------------------------- scenes
    def set_lecture_controls(self, on: bool) -> None:
        """Check boxes and the slider drawn in the palette's text colour (lecture mode's black):
        Fusion outlines them a shade darker than the window, which on black is nothing at all.
        Only these widgets get the style sheet; a sheet on a parent restyles everything under it."""
        for widget, sheet in ((self.loop, _LECTURE_CHECK), (self.quiz, _LECTURE_CHECK), (self.slider, _LECTURE_SLIDER)):
            widget.setStyleSheet(sheet if on else "")

    def _play_icon(self) -> QtGui.QIcon:
        return self._icons["pause" if self.player.playing else "play"]

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QtCore.QEvent.Type.PaletteChange and hasattr(self, "buttons"):  # icons in the theme's colour
            self._icons = player_icons(self.palette().color(QtGui.QPalette.ColorRole.ButtonText))
            for key, button in self.buttons.items():
                button.setIcon(self._play_icon() if key == "play" else self._icons[key])
        super().changeEvent(event)

    def invalidate(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self._rebuild()

    def _settings_list(self) -> list[OpSettings]:
        base = self.document.settings
        variants = COMPARE[self.compare][1]
        if not variants:
            return [base]
        return [replace(base, **v) for v in variants]

    def _frame_size(self, panes: int) -> tuple[int, int]:
        w = max(320, self.canvas.width() // panes)
        h = max(180, self.canvas.height())
        # Keep a 16:9-ish frame that fits the pane.
        return (w, min(h, int(w * 0.75))) if panes > 1 else (w, h)

    def _rebuild(self) -> None:
        self._dirty = False
        doc = self.document
        with QtCore.QSignalBlocker(self.filter_combo):
            self.filter_combo.clear()
            for i in range(len(doc.kernels)):
                self.filter_combo.addItem(tr("Filter {n}").format(n=i + 1), i)
            self.filter = min(self.filter, len(doc.kernels) - 1)
            self.filter_combo.setCurrentIndex(self.filter)
        settings_list = self._settings_list()
        size = self._frame_size(len(settings_list))
        scenes = []
        try:
            for s in settings_list:
                if self.kind == "pool":
                    if s.pool == "none":
                        raise ValueError(tr("Pooling is off: choose max or average pooling in the Operation panel."))
                    result = run_pipeline(doc.input, doc.kernels, doc.biases, s)
                    scenes.append(PoolStepScene(pooled_trace(result.activated[self.filter], s), size, tr=tr))
                else:
                    steps = conv_trace(doc.input, doc.kernels, doc.biases, s, self.filter)
                    scenes.append(conv_scene(steps, size, title=scene_title(s), tr=tr))
        except ValueError as exc:
            self._scenes, self._renderers = [], []
            self.message.setText(str(exc))
            self.player.set_length(0)
            self.canvas.clear()
            return
        self.message.clear()
        self._scenes = scenes
        self._renderers = [SequentialRenderer(s) for s in scenes]
        length = max(len(s.trace) for s in scenes)
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, length - 1))
        self.player.set_length(length)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._rebuild()
        self.redraw()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._scenes:
            self._dirty = True
            QtCore.QTimer.singleShot(0, self._resize_rebuild)

    def _resize_rebuild(self) -> None:
        if self._dirty and self.isVisible():
            index = self.player.index
            self._rebuild()
            self.player.seek(index)

    # ------------------------------------------------------------- player
    def _on_player(self) -> None:
        p = self.player
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setValue(p.index)
        self.position.setText(f"{p.index + 1 if p.length else 0} / {p.length}")
        self.buttons["play"].setIcon(self._play_icon())
        if p.playing:
            self.timer.start(p.interval_ms)
        else:
            self.timer.stop()
        with QtCore.QSignalBlocker(self.speed), QtCore.QSignalBlocker(self.loop), QtCore.QSignalBlocker(self.quiz):
            self.speed.setCurrentIndex(self.speed.findData(p.speed))
            self.loop.setChecked(p.loop)
            self.quiz.setChecked(p.quiz)
        self.redraw()

    def current_image(self) -> np.ndarray | None:
        """The frame being shown (all panes side by side), as an RGB array."""
        if not self._renderers:
            return None
        p = self.player
        parts = []
        for scene, renderer in zip(self._scenes, self._renderers):
            i = min(p.index, len(scene.trace) - 1)
            parts.append(renderer.array(i, reveal=p.revealed or i < p.index))
        if len(parts) == 1:
            return parts[0]
        height = max(a.shape[0] for a in parts)
        padded = [np.pad(a, ((0, height - a.shape[0]), (0, 0), (0, 0)), constant_values=255) for a in parts]
        return np.concatenate(padded, axis=1)

    def redraw(self) -> None:
        if not self.isVisible():
            return
        arr = self.current_image()
        if arr is None:
            return
        # fromImage copies the pixels, so the QImage may borrow arr's memory.
        self.canvas.setPixmap(QtGui.QPixmap.fromImage(to_qimage(arr, copy=False)))

    def current_frames(self):
        """(scene, index, reveal) for each pane, for SVG export."""
        p = self.player
        return [(s, min(p.index, len(s.trace) - 1), p.revealed) for s in self._scenes]

    # ------------------------------------------------------------ options
    def _on_kind(self, index: int) -> None:
        self.kind = self.kind_combo.itemData(index)
        self.invalidate()

    def _on_filter(self, index: int) -> None:
        if index >= 0:
            self.filter = index
            self.invalidate()

    def _on_compare(self, index: int) -> None:
        self.compare = self.compare_combo.itemData(index)
        self.invalidate()

    def jump_to(self, filter_index: int, out_index: tuple) -> None:
        """Show the step that fills ``out_index`` of a feature map, pinned."""
        if self.kind != "conv":
            self.kind_combo.setCurrentIndex(0)
        if filter_index != self.filter:
            self.filter_combo.setCurrentIndex(filter_index)
        if self._dirty:
            self._rebuild()
        if self._scenes:
            steps = self._scenes[0].trace
            self.player.seek(steps.index_of(out_index), pin=True)
