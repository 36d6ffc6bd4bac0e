"""Recompute the pipeline when the document changes: one job in flight, the latest request wins.

A change starts a job at once when none is running (small inputs run in the GUI thread,
large ones in a worker).  Changes made while a job runs are coalesced: when it ends, one
new job starts from the document as it is then, however many changes came in between, so
a long pen stroke queues at most one job behind the running one (ndv's pattern).  A
result is shown only when it is newer than the one on screen; every job reads a snapshot
of the document (the document replaces its arrays, it never writes into them).
``synchronous=True`` computes in the calling thread at once (tests, --screenshot).
"""

from __future__ import annotations

from PySide6 import QtCore

from convviz.core.messages import message
from convviz.model.document import Document
from convviz.model.limits import nonfinite_error
from convviz.model.pipeline import PipelineCache, PipelineResult, run_pipeline

from .i18n import tr
from .jobs import wait_until_idle

#: Estimated multiply-adds above which the pipeline runs in a worker thread.
BACKGROUND_WORK = 4_000_000


def estimated_work(document: Document) -> int:
    x, kernels = document.input, document.kernels
    return int(x.size * kernels[0].size * len(kernels))


class QtComputeController(QtCore.QObject):
    """Lives in the GUI thread; emits ``computed`` with each fresh :class:`PipelineResult`."""

    computed = QtCore.Signal(object)
    failed = QtCore.Signal(str)

    def __init__(self, document: Document, parent=None, *, synchronous: bool = False):
        super().__init__(parent)
        self.document = document
        self.synchronous = synchronous
        self.generation = 0  # of the newest request
        self.shown = 0  # generation of the result (or failure) on screen
        self.result: PipelineResult | None = None
        self.error: Exception | None = None  # why the computation on screen failed, kept to say it again
        self.cache = PipelineCache()  # a change further down the pipeline does not convolve again
        self.jobs_started = 0
        self._worker = None  # the job in flight, if any
        self._pending = False  # a request came in while it ran
        document.events.connect(self.request)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def request(self, *_args) -> None:
        self.generation += 1
        if self.synchronous:
            self._run_here(self.generation)
        elif self.busy:
            self._pending = True  # coalesced: one job follows the running one
        else:
            self._start()

    @staticmethod
    def preload() -> None:
        """Import what large inputs need while the window is idle, before the first stroke."""
        import scipy.fft  # noqa: F401
        import scipy.ndimage  # noqa: F401
        import superqt.utils  # noqa: F401

    def compute_now(self) -> None:
        """Compute synchronously (first paint, screenshots, tests)."""
        self.generation += 1
        self._run_here(self.generation)

    def _start(self) -> None:
        gen = self.generation
        doc = self.document
        self.jobs_started += 1
        if estimated_work(doc) < BACKGROUND_WORK:
            self._run_here(gen)
            return
        from superqt.utils import create_worker

        args = (doc.input, doc.kernels, doc.biases, doc.settings)
        # errored is given to create_worker: connected afterwards, superqt's own slot re-raised the error
        # in the GUI thread as well, and Python printed its traceback in the terminal.
        worker = create_worker(run_pipeline, *args, cache=self.cache, _start_thread=False,
                               _connect={"errored": lambda exc, gen=gen: self._fail(gen, exc)})
        # Signals arrive in the GUI thread, where this object lives.
        worker.returned.connect(lambda result, gen=gen: self._deliver(gen, result))
        worker.finished.connect(self._job_done)
        self._worker = worker
        worker.start()

    def _job_done(self) -> None:
        self._worker = None
        if self._pending:
            self._pending = False
            self._start()

    def _run_here(self, gen: int) -> None:
        doc = self.document
        try:
            result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings, cache=self.cache)
        except ValueError as exc:
            self._fail(gen, exc)
            return
        self._deliver(gen, result)

    def _deliver(self, gen: int, result: PipelineResult) -> None:
        if gen <= self.shown:
            return  # something newer is on screen already
        overflow = nonfinite_error(list(result.extrema) + list(result.pooled_extrema))
        if overflow is not None:  # said in one line instead of maps drawn from inf and NaN
            self._fail(gen, overflow)
            return
        self.shown = gen
        self.result = result
        self.error = None
        self.computed.emit(result)

    def _fail(self, gen: int, exc: Exception) -> None:
        if gen <= self.shown:
            return
        self.shown = gen
        self.result = None
        self.error = exc
        self.failed.emit(self.problem)

    @property
    def problem(self) -> str | None:
        """Why the computation on screen failed, in the interface's language now; None when it did not."""
        if self.error is None:
            return None
        return message(self.error, tr) if isinstance(self.error, ValueError) else repr(self.error)

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Process events until no job runs or waits (tests and shutdown); False on timeout."""
        return wait_until_idle(lambda: bool(self.busy or self._pending), timeout_ms)
