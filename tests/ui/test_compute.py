"""The compute controller: one job in flight, the latest request wins, stale results dropped."""

import threading

import numpy as np

from convviz.model.document import Document
from convviz.ui import compute


def test_a_stroke_queues_one_job_and_ends_on_the_last_state(qtbot, monkeypatch):
    """Thirty changes while a slow job runs start one more job, not thirty, and what is shown at
    the end is the pipeline of the document's last state."""
    gate = threading.Event()
    seen = []
    real = compute.run_pipeline

    def slow(x, kernels, biases, settings, cache=None):
        seen.append(float(x[0, 0]))
        gate.wait(5)  # the first job holds until the stroke is over
        return real(x, kernels, biases, settings, cache=cache)

    monkeypatch.setattr(compute, "run_pipeline", slow)
    monkeypatch.setattr(compute, "BACKGROUND_WORK", 0)  # every job in a worker
    doc = Document()
    doc.set_input(np.zeros((64, 64)))
    controller = compute.QtComputeController(doc)
    shown = []
    controller.computed.connect(lambda result: shown.append(float(result.activated[0][0, 0])))
    kernel = np.ones((3, 3))
    doc.set_kernels([kernel])
    qtbot.waitUntil(lambda: controller.busy, timeout=2000)
    for value in range(1, 31):  # a stroke: the top-left cell painted thirty times
        doc.paint(np.array([0]), np.array([0]), float(value))
    gate.set()
    assert controller.wait(10000)
    assert controller.jobs_started == 2  # the running job and one for everything after it
    assert seen == [0.0, 30.0]
    assert shown[-1] == 30.0 and controller.result.activated[0][0, 0] == 30.0


def test_a_result_older_than_the_one_shown_is_dropped(qtbot):
    doc = Document()
    controller = compute.QtComputeController(doc, synchronous=True)
    controller.compute_now()
    newest = controller.result
    controller._deliver(controller.shown - 1, object())  # a late job's result
    assert controller.result is newest


def test_errors_reach_the_view_as_a_message(qtbot):
    doc = Document()
    controller = compute.QtComputeController(doc, synchronous=True)
    messages = []
    controller.failed.connect(messages.append)
    doc.set_settings(padding="valid", stride=1)
    doc.set_kernels([np.ones((9, 9))])  # larger than the 5x5 input under 'valid'
    assert messages and controller.result is None


def test_an_error_in_the_worker_is_one_message_and_no_traceback(qtbot, monkeypatch, capfd):
    """The pipeline failing in the worker (a kernel larger than the input under 'valid'): the view gets
    the message, and nothing reaches the terminal.  superqt re-raised it in the GUI thread as well
    (its own slot, added when none is given to create_worker), and Python printed the traceback."""
    monkeypatch.setattr(compute, "BACKGROUND_WORK", 0)  # every job in a worker
    doc = Document()
    controller = compute.QtComputeController(doc)
    messages = []
    controller.failed.connect(messages.append)
    doc.set_settings(padding="valid", stride=1)
    doc.set_kernels([np.ones((9, 9))])
    assert controller.wait(10000)
    qtbot.waitUntil(lambda: bool(messages), timeout=2000)
    assert len(messages) == 1 and "larger than the input" in messages[0] and controller.result is None
    assert capfd.readouterr().err == ""
