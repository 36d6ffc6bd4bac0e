"""The Backward tab's step pane: a trace of dW or dX played one window at a time, on the step view's
canvas and scenes, with the player's buttons, slider and keys."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from superqt import QFlowLayout

from convviz.model.player import SPEEDS, Player
from convviz.render import MIN_TYPE, scene_for

from .i18n import tr
from .qt_step_canvas import QtStepCanvas, player_icons
from .qt_step_view import PLAYER_TIPS


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
        self.buttons: dict[str, QtWidgets.QToolButton] = {}
        self._icons = player_icons(self.palette().color(QtGui.QPalette.ColorRole.ButtonText))
        for key, tip in PLAYER_TIPS:
            button = QtWidgets.QToolButton(toolTip=tr(tip))
            button.setIcon(self._icons[key])
            button.setMinimumWidth(34)
            self.buttons[key] = button
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, toolTip=tr("Scrub through the steps"))
        self.position = QtWidgets.QLabel("0 / 0")
        self.speed = QtWidgets.QComboBox(toolTip=tr("Steps per second (+ / −)"))
        for s in SPEEDS:
            self.speed.addItem(f"{s:g} /s", s)
        self.speed.setCurrentIndex(SPEEDS.index(2.0))
        bar = QFlowLayout()
        for widget in list(self.buttons.values()) + [self.position, self.speed]:
            bar.addWidget(widget)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.slider)
        layout.addLayout(bar)

        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(self.player.tick)
        self.buttons["home"].clicked.connect(self.player.home)
        self.buttons["back"].clicked.connect(self.player.back)
        self.buttons["play"].clicked.connect(self.player.toggle)
        self.buttons["forward"].clicked.connect(self.player.forward)
        self.buttons["end"].clicked.connect(self.player.end)
        self.slider.valueChanged.connect(lambda v: self.player.seek(v) if v != self.player.index else None)
        self.speed.currentIndexChanged.connect(lambda i: self.player.set_speed(self.speed.itemData(i)))
        self.player.events.changed.connect(self._on_player)
        keys = {"Space": self.player.toggle, "Right": self.player.forward, "Left": self.player.back,
                "Home": self.player.home, "End": self.player.end, "+": self.player.faster,
                "=": self.player.faster, "-": self.player.slower}
        self._shortcuts = []
        for key, slot in keys.items():
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), self)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    def set_trace(self, trace, title: str, caption: str = "", labels: dict | None = None) -> None:
        """Step through ``trace`` (None: nothing to show), keeping the position where it still exists;
        ``labels`` names the scene's grids (dY as dW's window, dX's grid), as scene_for takes them."""
        self.trace, self.title = trace, title
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        if trace is None:
            self.canvas.set_scenes([])
            self.player.set_length(0)
            return
        scene = scene_for(trace, (640, 400), title=title, tr=tr, min_type=self.canvas.min_type, labels=labels)
        self.canvas.set_scenes([scene])
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, len(trace) - 1))
        self.player.set_length(len(trace))

    def set_min_type(self, pixels: float) -> None:
        self.canvas.set_min_type(pixels or MIN_TYPE)

    def step(self):
        """The step shown (None without a trace)."""
        return self.trace[self.player.index] if self.trace is not None and len(self.trace) else None

    def _on_player(self) -> None:
        p = self.player
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setValue(p.index)
        self.position.setText(f"{p.index + 1 if p.length else 0} / {p.length}")
        self.buttons["play"].setIcon(self._icons["pause" if p.playing else "play"])
        if p.playing:
            self.timer.start(p.interval_ms)
        else:
            self.timer.stop()
        if self.canvas.scenes:
            self.canvas.set_frames([(min(p.index, len(self.trace) - 1), p.stage)])

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QtCore.QEvent.Type.PaletteChange and hasattr(self, "buttons"):
            self._icons = player_icons(self.palette().color(QtGui.QPalette.ColorRole.ButtonText))
            for key, button in self.buttons.items():
                button.setIcon(self._icons["pause" if key == "play" and self.player.playing else key])
        super().changeEvent(event)
