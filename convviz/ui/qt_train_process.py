"""The training child process seen from the GUI thread: its messages as Qt signals.

Training (and loading a .keras file) runs in a child process (:mod:`convviz.train.process`),
so TensorFlow never enters the window's interpreter: its import and its training loop cannot
hold the GUI's GIL.  A QTimer in the GUI thread polls the child's queue and hands each message
to ``dispatch`` (the window's TrainingSession), in that thread.
"""

from __future__ import annotations

import time

from PySide6 import QtCore, QtWidgets


class QtTrainRunner(QtCore.QObject):
    """One child process at a time: start it, pause, cancel, wait for it, shut it down."""

    ended = QtCore.Signal()  # the child has ended and its last message has been handled

    def __init__(self, dispatch, parent=None):
        super().__init__(parent)
        self.dispatch = dispatch
        self.process = None  # convviz.train.process.TrainProcess
        self._poll = QtCore.QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._poll_process)

    @property
    def running(self) -> bool:
        return self.process is not None

    def _start(self):
        from convviz.train.process import TrainProcess

        self.process = TrainProcess()
        self._poll.start()
        return self.process

    def start_training(self, config, spec) -> None:
        self._start().start_training(config, spec)

    def start_loading(self, path: str) -> None:
        self._start().start_loading(path)

    def _poll_process(self) -> None:
        if self.process is not None and not self.process.poll(self.dispatch):
            self.process = None
            self._poll.stop()
            self.ended.emit()

    def set_paused(self, paused: bool) -> None:
        if self.process is not None:
            (self.process.pause.set if paused else self.process.pause.clear)()

    def cancel(self) -> None:
        if self.process is not None:
            self.process.cancel()

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait for the child process while the event loop keeps turning (tests, closing)."""
        deadline = time.monotonic() + timeout
        while self.running and time.monotonic() < deadline:
            QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        QtWidgets.QApplication.processEvents()
        return not self.running

    def shutdown(self, timeout: float = 60.0) -> None:
        """Stop after the current batch; the child is killed if it hangs."""
        if self.process is not None:
            self.process.shutdown(timeout)
            self.process = None
            self._poll.stop()
            self.ended.emit()
