"""One job in flight, the latest request wins: the pattern of the explorer's pipeline
(convviz.ui.compute), for any view's long work.

``submit(work, deliver)`` runs ``work()`` in a worker thread and calls ``deliver(result)`` in the
GUI thread, where this object lives.  A request while a job runs waits; a later request replaces
it (only the newest is worth computing), and a result older than the newest request is dropped.
``synchronous=True`` runs in the caller's thread at once (tests, screenshots).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore


class QtLatestJob(QtCore.QObject):
    def __init__(self, parent=None, *, synchronous: bool = False):
        super().__init__(parent)
        self.synchronous = synchronous
        self.generation = 0  # of the newest request
        self._worker = None
        self._waiting: tuple | None = None  # (generation, work, deliver) submitted while a job ran

    @property
    def busy(self) -> bool:
        return self._worker is not None or self._waiting is not None

    def submit(self, work: Callable[[], object], deliver: Callable[[object], None]) -> None:
        self.generation += 1
        if self.synchronous:
            deliver(work())
        elif self._worker is not None:
            self._waiting = (self.generation, work, deliver)
        else:
            self._start(self.generation, work, deliver)

    def _start(self, generation: int, work, deliver) -> None:
        from superqt.utils import create_worker

        worker = create_worker(work, _start_thread=False)
        # Signals arrive in the GUI thread, where this object lives.
        worker.returned.connect(lambda result: self._deliver(generation, deliver, result))
        worker.finished.connect(self._done)
        self._worker = worker
        worker.start()

    def _deliver(self, generation: int, deliver, result) -> None:
        if generation == self.generation:  # anything older than the newest request is stale
            deliver(result)

    def _done(self) -> None:
        self._worker = None
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._start(*waiting)

    def wait(self, timeout_ms: int = 10000) -> bool:
        """Process events until no job runs or waits (tests, closing); False on timeout."""
        return wait_until_idle(lambda: self.busy, timeout_ms)


def wait_until_idle(busy: Callable[[], bool], timeout_ms: int) -> bool:
    """Turn the GUI thread's event loop (a worker's results arrive there) until ``busy()`` is false;
    False if it is still busy after ``timeout_ms``."""
    deadline = QtCore.QDeadlineTimer(timeout_ms)
    while busy() and not deadline.hasExpired():
        QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        QtCore.QThread.msleep(2)
    return not busy()
