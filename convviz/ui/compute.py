"""Recompute the pipeline when the document changes: throttled, off the GUI thread when large.

Every request gets a generation number; a result that arrives after a newer
request was made is dropped, so a slow computation can never overwrite a
newer picture.  ``synchronous=True`` computes in the calling thread at once
(tests and the --screenshot path use it).
"""

from __future__ import annotations

from PySide6 import QtCore

from convviz.model.document import Document
from convviz.model.pipeline import PipelineCache, PipelineResult, run_pipeline

#: Estimated multiply-adds above which the pipeline runs in a worker thread.
BACKGROUND_WORK = 4_000_000


def estimated_work(document: Document) -> int:
    x, kernels = document.input, document.kernels
    return int(x.size * kernels[0].size * len(kernels))


class QtComputeController(QtCore.QObject):
    """Lives in the GUI thread; emits ``computed`` with each fresh :class:`PipelineResult`."""

    computed = QtCore.Signal(object)
    failed = QtCore.Signal(str)

    def __init__(self, document: Document, parent=None, *, synchronous: bool = False, throttle_ms: int = 15):
        super().__init__(parent)
        self.document = document
        self.synchronous = synchronous
        self.generation = 0
        self.result: PipelineResult | None = None
        self.cache = PipelineCache()  # a change further down the pipeline does not convolve again
        self._workers: set = set()
        self._throttle_ms = throttle_ms
        self._throttled = None  # made on first use: importing superqt costs ~0.4 s
        for event in (document.events.input, document.events.kernels, document.events.settings, document.events.mode):
            event.connect(self.request)

    def request(self, *_args) -> None:
        self.generation += 1
        if self.synchronous:
            self._start()
            return
        if self._throttled is None:
            from superqt.utils import qthrottled

            self._throttled = qthrottled(self._start, timeout=self._throttle_ms, leading=True)
        self._throttled()

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
        if self.synchronous or estimated_work(doc) < BACKGROUND_WORK:
            self._run_here(gen)
            return
        from superqt.utils import create_worker

        args = (doc.input, doc.kernels, doc.biases, doc.settings)
        worker = create_worker(run_pipeline, *args, cache=self.cache, _start_thread=False)
        worker.returned.connect(lambda result, gen=gen: self._deliver(gen, result))
        worker.errored.connect(lambda exc, gen=gen: self._fail(gen, exc))
        worker.finished.connect(lambda w=worker: self._workers.discard(w))
        self._workers.add(worker)
        worker.start()

    def _run_here(self, gen: int) -> None:
        doc = self.document
        try:
            result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings, cache=self.cache)
        except ValueError as exc:
            self._fail(gen, exc)
            return
        self._deliver(gen, result)

    def _deliver(self, gen: int, result: PipelineResult) -> None:
        if gen != self.generation:
            return  # a newer request is on its way
        self.result = result
        self.computed.emit(result)

    def _fail(self, gen: int, exc: Exception) -> None:
        if gen == self.generation:
            self.result = None
            self.failed.emit(str(exc))

    def wait(self, timeout_ms: int = 5000) -> None:
        """Block until background work is done (tests and shutdown)."""
        QtCore.QThreadPool.globalInstance().waitForDone(timeout_ms)
        QtCore.QCoreApplication.processEvents()
