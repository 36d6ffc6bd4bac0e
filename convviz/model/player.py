"""The step player's state machine: position, play/pause, speed, loop, quiz.

Qt-free (psygnal): the window drives ``tick()`` from a QTimer at ``speed``
steps per second and redraws on ``events.changed``.  In quiz mode each step
is first shown with its products and its sum hidden (stage 0); a forward move
reveals the products (stage 1), the next the sum (stage 2), the one after goes
on to the next step.
"""

from __future__ import annotations

from psygnal import Signal, SignalGroup

SPEEDS = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0)
HIDDEN, PRODUCTS, REVEALED = 0, 1, 2  # quiz stages: nothing shown, the products shown, the sum shown


class PlayerEvents(SignalGroup):
    changed = Signal()  # index, stage, playing, speed, loop or quiz changed


class Player:
    def __init__(self, length: int = 0, *, speed: float = 2.0, loop: bool = False, quiz: bool = False):
        self.events = PlayerEvents()
        self._length = max(0, int(length))
        self._index = 0
        self._playing = False
        self._speed = float(speed)
        self.loop = loop
        self._quiz = quiz
        self._stage = 0 if quiz else REVEALED
        self.pinned: int | None = None

    # ------------------------------------------------------------ properties
    @property
    def length(self) -> int:
        return self._length

    @property
    def index(self) -> int:
        return self._index

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def quiz(self) -> bool:
        return self._quiz

    @property
    def revealed(self) -> bool:
        return self._stage == REVEALED

    @property
    def stage(self) -> int:
        """How much of the current step is shown: HIDDEN, PRODUCTS or REVEALED (always outside the quiz)."""
        return self._stage

    @property
    def interval_ms(self) -> int:
        return max(1, int(round(1000 / self._speed)))

    def _emit(self) -> None:
        self.events.changed.emit()

    # --------------------------------------------------------------- changes
    def set_length(self, length: int) -> None:
        """A new trace: keep the position when it still exists."""
        self._length = max(0, int(length))
        if self._index >= self._length:
            self._index = max(0, self._length - 1)
            self._playing = False
        self._stage = HIDDEN if self._quiz else REVEALED
        self._emit()

    def set_speed(self, speed: float) -> None:
        if not 0.5 <= speed <= 60:
            raise ValueError(f"speed must be 0.5 to 60 steps per second, got {speed}")
        self._speed = float(speed)
        self._emit()

    def faster(self) -> None:
        self.set_speed(next((s for s in SPEEDS if s > self._speed), SPEEDS[-1]))

    def slower(self) -> None:
        self.set_speed(next((s for s in reversed(SPEEDS) if s < self._speed), SPEEDS[0]))

    def set_quiz(self, on: bool) -> None:
        self._quiz = bool(on)
        self._stage = HIDDEN if self._quiz else REVEALED
        self._emit()

    def set_loop(self, on: bool) -> None:
        self.loop = bool(on)
        self._emit()

    def seek(self, index: int, *, pin: bool = False) -> None:
        if self._length == 0:
            return
        self._index = min(max(int(index), 0), self._length - 1)
        self._stage = HIDDEN if self._quiz else REVEALED
        if pin:
            self.pinned = self._index
            self._playing = False
        self._emit()

    def home(self) -> None:
        self.seek(0)

    def end(self) -> None:
        self.seek(self._length - 1)

    def forward(self) -> bool:
        """One move forward (a reveal in quiz mode); False at the end without loop."""
        if self._length == 0:
            return False
        if self._quiz and self._stage < REVEALED:
            self._stage += 1
            self._emit()
            return True
        if self._index + 1 < self._length:
            self._index += 1
        elif self.loop:
            self._index = 0
        else:
            self._playing = False
            self._emit()
            return False
        self._stage = HIDDEN if self._quiz else REVEALED
        self._emit()
        return True

    def back(self) -> None:
        if self._length == 0:
            return
        if self._quiz and self._stage > HIDDEN:
            self._stage -= 1
        elif self._index > 0:
            self._index -= 1
            self._stage = REVEALED  # going back shows what was already revealed
        self._emit()

    def play(self) -> None:
        if self._length == 0:
            return
        if self._index >= self._length - 1 and not self.loop and (self.revealed or not self._quiz):
            self._index = 0
            self._stage = HIDDEN if self._quiz else REVEALED
        self._playing = True
        self._emit()

    def pause(self) -> None:
        self._playing = False
        self._emit()

    def toggle(self) -> None:
        self.pause() if self._playing else self.play()

    def tick(self) -> None:
        """Called by the timer while playing; quiz mode pauses before each value."""
        if not self._playing:
            return
        if self._quiz and not self.revealed:
            self._playing = False  # wait for key presses to reveal
            self._emit()
            return
        self.forward()
        if self._quiz and self._playing:
            self._playing = False
            self._emit()
