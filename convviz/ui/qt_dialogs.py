"""Small dialogs and window helpers for the explorer: the animation export's options, and
keeping a restored window on the screen it opens on."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from .i18n import tr

#: Frame sizes offered for an exported animation: slide and projector sizes.
FRAME_SIZES = ((1280, 720), (1920, 1080), (1024, 768), (800, 600), (640, 360))
#: Steps per second, as the player offers (0.5 to 60).
MIN_FPS, MAX_FPS = 0.5, 60.0


@dataclass(frozen=True)
class AnimationOptions:
    """What File → Export animation writes: where, how fast, how many steps, how large."""

    path: str
    fps: float = 2.0
    frames: int = 1
    size: tuple[int, int] = (1280, 720)
    flip: bool = True


class QtAnimationDialog(QtWidgets.QDialog):
    """Asks for the file, the frame rate (steps per second), the number of steps (at most the
    trace's length), the frame size and whether to open with the kernel's flip."""

    def __init__(self, parent=None, *, steps: int, path: str = "steps.gif", fps: float = 2.0,
                 flip_available: bool = True):
        super().__init__(parent)
        self.setWindowTitle(tr("Export animation"))
        self._steps = max(1, steps)
        form = QtWidgets.QFormLayout()
        self.path_edit = QtWidgets.QLineEdit(path)
        # Wide enough for a typical folder and file name (the dialog opened 300 px wide, path cut).
        self.path_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 44))
        browse = QtWidgets.QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(tr("File"), row)
        self.fps_spin = QtWidgets.QDoubleSpinBox(decimals=1, singleStep=0.5, minimum=MIN_FPS, maximum=MAX_FPS)
        self.fps_spin.setSuffix(" " + tr("steps/s"))
        self.fps_spin.setValue(fps)
        form.addRow(tr("Frame rate"), self.fps_spin)
        self.frames_spin = QtWidgets.QSpinBox(minimum=1, maximum=self._steps)
        self.frames_spin.setValue(self._steps)
        form.addRow(tr("Number of steps"), self.frames_spin)
        self.size_combo = QtWidgets.QComboBox()
        for w, h in FRAME_SIZES:
            self.size_combo.addItem(f"{w} × {h}", (w, h))
        form.addRow(tr("Frame size"), self.size_combo)
        self.flip_check = QtWidgets.QCheckBox(tr("Show the kernel's flip first"))
        self.flip_check.setChecked(flip_available)
        self.flip_check.setEnabled(flip_available)
        if not flip_available:
            self.flip_check.setToolTip(tr("Only a convolution flips its kernel"))
        form.addRow("", self.flip_check)
        self.summary = QtWidgets.QLabel(wordWrap=True)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setText(tr("Export"))
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        for signal in (self.path_edit.textChanged, self.fps_spin.valueChanged, self.frames_spin.valueChanged,
                       self.size_combo.currentIndexChanged):
            signal.connect(self._update)
        self._update()

    def options(self) -> AnimationOptions:
        return AnimationOptions(path=self.path_edit.text().strip(), fps=self.fps_spin.value(),
                                frames=self.frames_spin.value(), size=tuple(self.size_combo.currentData()),
                                flip=self.flip_check.isEnabled() and self.flip_check.isChecked())

    def _problem(self) -> str:
        """Why the options cannot be exported as they are ('' when they can)."""
        path = self.path_edit.text().strip()
        suffix = os.path.splitext(path)[1].lower()
        if not path:
            return tr("Choose a file.")
        if suffix not in (".gif", ".mp4"):
            return tr("The file must end in .gif or .mp4.")
        if suffix == ".mp4" and importlib.util.find_spec("imageio_ffmpeg") is None:
            return tr("MP4 needs imageio-ffmpeg (pip install imageio-ffmpeg); GIF works without it.")
        if suffix == ".gif" and self.size_combo.currentData():  # a GIF holds every frame until it is written
            from convviz.export.animation import GIF_BYTES_PER_PIXEL
            from convviz.model.limits import human, memory_budget

            width, height = self.size_combo.currentData()
            need, budget = GIF_BYTES_PER_PIXEL * self.frames_spin.value() * width * height, memory_budget(strict=False)
            if need > budget:
                return tr("A GIF of these frames would take {size}, over the {budget} memory budget: fewer frames, "
                          "a smaller frame size, or MP4.").format(size=human(need), budget=human(budget))
        return ""

    def _update(self, *_args) -> None:
        problem = self._problem()
        seconds = self.frames_spin.value() / self.fps_spin.value()
        self.summary.setText(problem or tr("{n} of {total} steps, {seconds:.1f} s").format(
            n=self.frames_spin.value(), total=self._steps, seconds=seconds))
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def _browse(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, tr("Export animation"), self.path_edit.text(),
                                                        "GIF (*.gif);;MP4 (*.mp4)")
        if path:
            self.path_edit.setText(path)


def ask_animation_options(parent, *, steps: int, path: str = "steps.gif", fps: float = 2.0,
                          flip_available: bool = True) -> AnimationOptions | None:
    """Show :class:`QtAnimationDialog`; the chosen options, or None when cancelled."""
    dialog = QtAnimationDialog(parent, steps=steps, path=path, fps=fps, flip_available=flip_available)
    try:
        return dialog.options() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


# ------------------------------------------------------------------- geometry
#: The smallest window the explorer is laid out for (or the whole screen, when smaller).
MIN_WINDOW = (1024, 700)


def _screen_for(window: QtWidgets.QWidget) -> QtGui.QScreen:
    return (QtGui.QGuiApplication.screenAt(window.geometry().center()) or window.screen()
            or QtGui.QGuiApplication.primaryScreen())


def fit_to_screen(window: QtWidgets.QWidget, width: int, height: int) -> None:
    """Resize a window that is about to open to ``width`` x ``height``, or less on a smaller
    screen: a window never opens larger than its screen."""
    room = _screen_for(window).availableGeometry()
    window.resize(min(width, room.width()), min(height, room.height()))


def clamp_to_screen(window: QtWidgets.QWidget, minimum: tuple[int, int] = MIN_WINDOW) -> QtCore.QRect:
    """Move and resize ``window`` (after restoreGeometry) to lie inside the available area
    of the screen it opens on, at least ``minimum`` or that area, whichever is smaller.

    A geometry saved on another monitor can come back small and cut off; maximized and
    full-screen windows are left to the window manager.  Returns the new geometry.
    """
    if window.isMaximized() or window.isFullScreen():
        return window.geometry()
    area = _screen_for(window).availableGeometry()
    geometry, frame = window.geometry(), window.frameGeometry()
    if window.isVisible() and frame != geometry:
        extra_w, extra_h = frame.width() - geometry.width(), frame.height() - geometry.height()
        left, top = geometry.left() - frame.left(), geometry.top() - frame.top()
    else:
        # Not shown yet: no frame to measure; leave room for a title bar the window manager will add.
        title = window.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_TitleBarHeight)
        extra_w, extra_h, left, top = 0, title, 0, title
    max_w, max_h = area.width() - extra_w, area.height() - extra_h
    width = min(max(geometry.width(), minimum[0]), max_w)
    height = min(max(geometry.height(), minimum[1]), max_h)
    # The frame's top-left inside the area, so the whole frame fits.
    x = min(max(geometry.left() - left, area.left()), area.left() + area.width() - (width + extra_w))
    y = min(max(geometry.top() - top, area.top()), area.top() + area.height() - (height + extra_h))
    clamped = QtCore.QRect(x + left, y + top, width, height)
    if clamped != geometry:
        window.setGeometry(clamped)
    return clamped
