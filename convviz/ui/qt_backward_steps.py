"""The Backward tab's step pane: a trace of dW or dX played one window at a time, on the step view's
canvas and scenes, with the player's buttons, slider and keys."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from convviz.model.player import Player
from convviz.render import MIN_TYPE, scene_for

from .i18n import tr
from .qt_player_controls import QtPlayerControls
from .qt_step_canvas import QtStepCanvas


class QtBackwardSteps(QtWidgets.QWidget):
    """One trace on a :class:`QtStepCanvas`; Space, ←/→, Home/End and +/− drive its :class:`Player`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.player = Player(0)
        self.trace = None
        self.title = ""
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.canvas = QtStepCanvas()
        self.caption = QtWidgets.QLabel(wordWrap=True)
        self.controls = QtPlayerControls(self, self.player)
        self.buttons, self.slider, self.position, self.speed = (
            self.controls.buttons, self.controls.slider, self.controls.position, self.controls.speed)
        self.timer = self.controls.timer
        self.bar = self.controls.bar()  # the step view's row, without Loop and Quiz
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.slider)
        layout.addLayout(self.bar)
        self.player.events.changed.connect(self._on_player)

    def set_trace(self, trace, title: str, caption: str = "", labels: dict | None = None) -> None:
        """Step through ``trace`` (None: nothing to show), keeping the position where it still exists;
        ``labels`` names the scene's grids (dY as dW's window, dX's grid), as scene_for takes them."""
        self.trace, self.title = trace, title
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        if trace is None:
            self.canvas.set_scenes([])
            self.controls.set_length(0)
            return
        scene = scene_for(trace, (640, 400), title=title, tr=tr, min_type=self.canvas.min_type, labels=labels)
        self.canvas.set_scenes([scene])
        self.controls.set_length(len(trace))

    def set_min_type(self, pixels: float) -> None:
        self.canvas.set_min_type(pixels or MIN_TYPE)

    def set_lecture(self, on: bool) -> None:
        self.controls.set_lecture(on)

    def step(self):
        """The step shown (None without a trace)."""
        return self.trace[self.player.index] if self.trace is not None and len(self.trace) else None

    def _on_player(self) -> None:
        p = self.player
        self.controls.sync()
        if self.canvas.scenes:
            self.canvas.set_frames([(min(p.index, len(self.trace) - 1), p.stage)])

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QtCore.QEvent.Type.PaletteChange and hasattr(self, "controls"):  # the theme's colour
            self.controls.refresh_icons()
        super().changeEvent(event)
