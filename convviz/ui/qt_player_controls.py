"""The player's controls, shared by the step view and the Backward tab's steps: buttons, slider,
position, speed, the timer that plays and the keys, all wired to one :class:`Player`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from convviz.model.player import SPEEDS, Player

from .i18n import tr
from .qt_step_canvas import player_icons

PLAYER_TIPS = (("home", "First step (Home)"), ("back", "Step back (←)"), ("play", "Play / pause (Space)"),
               ("forward", "Step forward (→)"), ("end", "Last step (End)"))


#: The slider in lecture mode: Fusion draws its groove a shade off the window, invisible on black.
LECTURE_SLIDER = ("QSlider::groove:horizontal { height: 4px; background: palette(mid); } "
                  "QSlider::handle:horizontal { width: 12px; margin: -6px 0; background: palette(button-text); }")


class QtPlayerControls(QtCore.QObject):
    """Widgets for ``host`` to lay out, and its keys (Space, ←/→, Home/End, +/− and the number pad's),
    driving ``player``; ``toggle`` is what play/pause does (the step view first plays its flip).

    The host calls :meth:`sync` when the player changes and :meth:`refresh_icons` when its palette does;
    it keeps its own reactions (drawing the frame) beside them.
    """

    def __init__(self, host: QtWidgets.QWidget, player: Player, toggle: Callable[[], None] | None = None):
        super().__init__(host)
        self.host, self.player = host, player
        toggle = toggle or player.toggle
        self.buttons: dict[str, QtWidgets.QToolButton] = {}
        for key, tip in PLAYER_TIPS:
            button = QtWidgets.QToolButton(toolTip=tr(tip))
            button.setMinimumWidth(34)
            self.buttons[key] = button
        self.refresh_icons()
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, toolTip=tr("Scrub through the steps"))
        self.position = QtWidgets.QLabel(tr("0 / 0"))
        self.position.setAlignment(QtCore.Qt.AlignmentFlag.AlignVCenter)
        self.speed = QtWidgets.QComboBox(toolTip=tr("Steps per second (+ / −)"))
        for s in SPEEDS:
            self.speed.addItem(f"{s:g} /s", s)
        self.speed.setCurrentIndex(self.speed.findData(player.speed))
        self.timer = QtCore.QTimer(self)

        self.timer.timeout.connect(player.tick)
        for key, slot in (("home", player.home), ("back", player.back), ("play", toggle),
                          ("forward", player.forward), ("end", player.end)):
            self.buttons[key].clicked.connect(slot)
        self.slider.valueChanged.connect(lambda v: player.seek(v) if v != player.index else None)
        self.speed.currentIndexChanged.connect(lambda i: player.set_speed(self.speed.itemData(i)))
        keys = {"Space": toggle, "Right": player.forward, "Left": player.back, "Home": player.home,
                "End": player.end, "+": player.faster, "=": player.faster, "-": player.slower}
        sequences = [(QtGui.QKeySequence(key), slot) for key, slot in keys.items()]
        # The number pad's + and − are other keys to Qt: a lecturer's remote or keyboard may send them.
        keypad = QtCore.Qt.KeyboardModifier.KeypadModifier
        sequences += [(QtGui.QKeySequence(QtCore.QKeyCombination(keypad, QtCore.Qt.Key.Key_Plus)), player.faster),
                      (QtGui.QKeySequence(QtCore.QKeyCombination(keypad, QtCore.Qt.Key.Key_Minus)), player.slower)]
        self.shortcuts = []
        for sequence, slot in sequences:
            shortcut = QtGui.QShortcut(sequence, host)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    def level_position(self) -> None:
        """The position label as tall as the speed box beside it: a flow layout aligns its items' tops
        (call again when the font changes)."""
        self.position.setMinimumHeight(self.speed.sizeHint().height())

    def set_length(self, length: int) -> None:
        """A new trace: the slider's range, then the player's (which clamps its position and syncs)."""
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, length - 1))
        self.player.set_length(length)

    def sync(self) -> None:
        """Show the player's position, play state and speed; run the timer while it plays."""
        p = self.player
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setValue(p.index)
        self.position.setText(f"{p.index + 1 if p.length else 0} / {p.length}")
        self.buttons["play"].setIcon(self._icons["pause" if p.playing else "play"])
        if p.playing:
            self.timer.start(p.interval_ms)
        else:
            self.timer.stop()
        with QtCore.QSignalBlocker(self.speed):
            self.speed.setCurrentIndex(self.speed.findData(p.speed))

    def set_lecture(self, on: bool) -> None:
        """The slider drawn in the palette's colours (lecture mode's contrast theme), or the style's own."""
        self.slider.setStyleSheet(LECTURE_SLIDER if on else "")

    def refresh_icons(self) -> None:
        """Icons in the host's button-text colour (call on a palette change: the theme's colour)."""
        self._icons = player_icons(self.host.palette().color(QtGui.QPalette.ColorRole.ButtonText))
        for key, button in self.buttons.items():
            button.setIcon(self._icons["pause" if key == "play" and self.player.playing else key])
