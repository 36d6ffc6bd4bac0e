"""The player's controls, shared by the step view and the Backward tab's steps: buttons, slider,
position, speed, the timer that plays and the keys, all wired to one :class:`Player`; and
:class:`ControlFlow`, the flow layout both lay their rows of controls out with."""

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


class ControlFlow(QtWidgets.QLayout):
    """Controls left to right in their preferred sizes, wrapping onto another row only when they do
    not fit: each row's items centred vertically (a label level with the boxes beside it), gaps
    that follow the font (zoom and lecture mode widen them with the type).  Before an item wraps
    the gaps narrow, down to a third, and items narrower at their minimum than at their preferred
    size shrink, when that keeps fewer rows: no control alone on a row for want of a few pixels.
    Hidden widgets take no room and no gap."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self._items: list[QtWidgets.QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # ------------------------------------------------------------ QLayout
    def addItem(self, item: QtWidgets.QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> QtCore.Qt.Orientation:  # noqa: N802 (Qt's name)
        return QtCore.Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QtCore.QRect(0, 0, width, 0), apply=False)

    def minimumSize(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        size = QtCore.QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QtCore.QSize(m.left() + m.right(), m.top() + m.bottom())

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        return self.minimumSize()  # as narrow as its widest item: the rows wrap, not the window widen

    def setGeometry(self, rect: QtCore.QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # ---------------------------------------------------------- the rows
    def spacing_for_font(self) -> tuple[int, int, int]:
        """(gap, narrowest gap, gap between rows) in pixels for the parent's font."""
        parent = self.parentWidget()
        height = parent.fontMetrics().height() if parent is not None else 16
        gap = max(6, round(0.5 * height))
        return gap, max(2, gap // 3), max(3, gap // 2)

    def rows(self, width: int) -> list[list[QtWidgets.QLayoutItem]]:
        """The items shown, row by row, for ``width`` pixels (margins included)."""
        m = self.contentsMargins()
        gap, narrow, _ = self.spacing_for_font()
        return self._rows(self._shown(), width - m.left() - m.right(), gap, narrow)

    def _shown(self) -> list[QtWidgets.QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    @staticmethod
    def _pack(items, width: int, gap: int, size) -> list[list]:
        rows: list[list] = []
        x = 0
        for item in items:
            w = size(item).width()
            if rows and rows[-1] and x + gap + w <= width:
                rows[-1].append(item)
                x += gap + w
            else:
                rows.append([item])
                x = w
        return rows

    def _rows(self, items, width: int, gap: int, narrow: int) -> list[list]:
        rows = self._pack(items, width, gap, lambda item: item.sizeHint())
        if len(rows) > 1:
            tight = self._pack(items, width, narrow, lambda item: item.minimumSize())
            if len(tight) < len(rows):
                return tight
        return rows

    def _arrange(self, rect: QtCore.QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap, narrow, row_gap = self.spacing_for_font()
        y = area.y()
        for row in self._rows(self._shown(), area.width(), gap, narrow):
            hints = [item.sizeHint() for item in row]
            height = max(h.height() for h in hints)
            if apply:
                widths, space = self._fit(row, hints, area.width(), gap, narrow)
                x = float(area.x())
                for item, w, hint in zip(row, widths, hints, strict=True):
                    h = min(hint.height(), height)
                    item.setGeometry(QtCore.QRect(round(x), y + (height - h) // 2, w, h))
                    x += w + space
            y += height + row_gap
        return max(0, y - row_gap - rect.y()) + m.bottom()

    @staticmethod
    def _fit(row, hints, width: int, gap: int, narrow: int) -> tuple[list[int], float]:
        """Widths and gap for one row: preferred ones if they fit, else narrowed toward the minimum."""
        preferred = [h.width() for h in hints]
        gaps = len(row) - 1
        if sum(preferred) + gaps * gap <= width:
            return preferred, float(gap)
        least = [min(item.minimumSize().width(), w) for item, w in zip(row, preferred, strict=True)]
        floor = sum(least) + gaps * narrow
        want = sum(preferred) + gaps * gap - floor
        share = max(0.0, min(1.0, (width - floor) / want)) if want > 0 else 1.0
        widths = [lo + int((w - lo) * share) for lo, w in zip(least, preferred, strict=True)]
        return widths, narrow + (gap - narrow) * share


class QtPlayerControls(QtCore.QObject):
    """Widgets for ``host`` to lay out, and its keys (Space, ←/→, Home/End, +/− and the number pad's),
    driving ``player``; ``toggle`` is what play/pause does (the step view first plays its flip).

    The host lays out :attr:`slider` and :meth:`bar`, and calls :meth:`sync` when the player changes
    and :meth:`refresh_icons` when its palette does; it keeps its own reactions (drawing the frame)
    beside them.  The controls follow the host's font (zoom, lecture mode): icons, the buttons, the
    position's width.
    """

    def __init__(self, host: QtWidgets.QWidget, player: Player, toggle: Callable[[], None] | None = None):
        super().__init__(host)
        self.host, self.player = host, player
        toggle = toggle or player.toggle
        self.buttons: dict[str, QtWidgets.QToolButton] = {}
        for key, tip in PLAYER_TIPS:
            self.buttons[key] = QtWidgets.QToolButton(toolTip=tr(tip))
        self.refresh_icons()
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, toolTip=tr("Scrub through the steps"))
        self.position = QtWidgets.QLabel(tr("0 / 0"))
        self.position.setAlignment(QtCore.Qt.AlignmentFlag.AlignVCenter | QtCore.Qt.AlignmentFlag.AlignRight)
        self.speed = QtWidgets.QComboBox(toolTip=tr("Steps per second (+ / −)"))
        self.speed.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
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
        host.installEventFilter(self)
        self.follow_font()

    def bar(self, *extra: QtWidgets.QWidget) -> ControlFlow:
        """The row under the slider: the buttons side by side (they never wrap apart), the position,
        the speed and ``extra`` (the step view's Loop and Quiz)."""
        group = QtWidgets.QWidget(self.host)
        row = QtWidgets.QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for button in self.buttons.values():
            row.addWidget(button)
        self.button_group = group
        flow = ControlFlow()
        for widget in (group, self.position, self.speed, *extra):
            flow.addWidget(widget)
        return flow

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.host and event.type() == QtCore.QEvent.Type.FontChange:
            self.follow_font()
        return False

    def follow_font(self) -> None:
        """Icons and buttons as large as the host's type, the position as wide as its longest text."""
        height = self.host.fontMetrics().height()
        side = max(16, round(height))
        for button in self.buttons.values():
            button.setIconSize(QtCore.QSize(side, side))
            button.setMinimumWidth(side + 18)
        self.level_position()

    def level_position(self) -> None:
        """The position label as tall as the speed box beside it, and as wide as its longest text
        ("49 / 49" for 49 steps) so that playing never shifts what follows it."""
        self.position.setMinimumHeight(self.speed.sizeHint().height())
        longest = f"{self.player.length} / {self.player.length}"
        metrics = self.host.fontMetrics()  # the host's: the label's own may not have had the event yet
        self.position.setMinimumWidth(max(metrics.horizontalAdvance(longest), metrics.horizontalAdvance("0 / 0"))
                                      + 2 * self.position.margin() + 2)

    def set_length(self, length: int) -> None:
        """A new trace: the slider's range, then the player's (which clamps its position and syncs)."""
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, length - 1))
        self.player.set_length(length)
        self.level_position()

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
