"""One job in flight, the latest request wins: requests made while a job runs coalesce into the newest,
results older than the newest request are dropped, and the Backward tab computes this way."""

import threading

import numpy as np

from convviz.ui.jobs import QtLatestJob


def test_requests_while_busy_coalesce_and_stale_results_are_dropped(qtbot):
    jobs = QtLatestJob()
    release = threading.Event()
    ran, delivered = [], []

    def work(n, hold=False):
        def run():
            if hold:
                release.wait(5)
            ran.append(n)
            return n
        return run

    jobs.submit(work(1, hold=True), delivered.append)
    for n in (2, 3, 4):  # while 1 runs: only the last of these is worth computing
        jobs.submit(work(n), delivered.append)
    release.set()
    assert jobs.wait()
    assert ran == [1, 4]  # 2 and 3 never ran
    assert delivered == [4]  # 1 finished after newer requests: dropped


def test_the_backward_tab_computes_off_the_gui_thread_and_shows_the_latest(qtbot):
    from convviz.model.document import Document
    from convviz.ui.qt_backward_view import QtBackwardView

    doc = Document()
    view = QtBackwardView(doc)  # asynchronous, as in the window
    qtbot.addWidget(view)
    view.show()
    rng = np.random.default_rng(0)
    for _ in range(4):
        doc.set_input(rng.random((64, 64)))
    assert view.jobs.wait()
    from convviz.model.backward_pass import run_backward

    expect = run_backward(doc.input, doc.kernels, doc.biases, doc.settings, upstream="ones", lr=0.1)
    np.testing.assert_array_equal(view.controller.result.dX, expect.dX)
