"""convviz.show: the explorer on arrays from Python, non-blocking under a running Qt loop, blocking
otherwise; never blocks here (the non-blocking path is forced, or the event loop is replaced)."""

import signal
import sys
import types

import numpy as np
import pytest

import convviz
from convviz import viewer

BINARY = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
CROSS = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]


@pytest.fixture
def opened(qtbot):
    """Explorers opened by a test, closed after it."""
    explorers = []

    def track(explorer):
        qtbot.addWidget(explorer.window)
        explorers.append(explorer)
        qtbot.waitUntil(lambda: explorer.window.compute.result is not None, timeout=10000)
        return explorer

    yield track
    for explorer in explorers:
        explorer.close()


def test_show_opens_the_window_on_the_arrays_and_returns_at_once(opened):
    explorer = opened(convviz.show(BINARY, CROSS, padding="same", pool="max", block=False))
    assert explorer.is_open
    window = explorer.window
    r = convviz.explain(BINARY, CROSS, padding="same", pool="max")
    np.testing.assert_array_equal(window.compute.result.activated[0], r.output)
    np.testing.assert_array_equal(window.compute.result.pooled[0], r.pooled)
    session = explorer.session()
    assert session["format"] == "convviz-session" and session["mode"] == "2d"
    assert session["input"] == BINARY
    assert session["filters"] == [{"kernel": CROSS, "bias": 0.0}]
    assert session["settings"]["padding"] == "same" and session["settings"]["pool"] == "max"


def test_session_follows_the_window_and_outlives_it(opened):
    explorer = opened(convviz.show([2, 8, 3, 7, 1, 2, 0, 4, 5], [2, 1, 5, 3], op="convolve", block=False))
    assert explorer.session()["mode"] == "1d"
    assert explorer.window.one_d_action.isChecked()
    explorer.window.document.set_settings(stride=2)  # as the Operation panel does
    explorer.close()
    assert not explorer.is_open
    session = explorer.session()
    assert session["settings"]["stride"] == 2 and session["settings"]["op"] == "convolve"
    assert session["filters"][0]["kernel"] == [2, 1, 5, 3]


def test_show_on_a_bank_and_on_nothing(opened):
    bank = np.stack([np.ones((2, 2)), 10 * np.ones((2, 2))], axis=-1)[:, :, None, :]
    explorer = opened(convviz.show([[1, 2, 3], [4, 5, 6], [7, 8, 9]], bank, bias=[0, 1], padding="same",
                                   block=False))
    session = explorer.session()
    assert [f["bias"] for f in session["filters"]] == [0.0, 1.0]
    assert session["filters"][1]["kernel"] == [[10, 10], [10, 10]]
    default = opened(convviz.show(block=False))
    assert default.session()["mode"] == "2d"  # the window's first-run example


def test_an_explanation_opens_in_the_window(opened):
    bank = np.stack([np.eye(3), -np.eye(3)], axis=-1)[:, :, None, :]
    r = convviz.explain(BINARY, bank, bias=[1, -1], padding=(1, 0, 0, 1), activation="relu", pool="max")
    explorer = opened(r.show(block=False))
    window = explorer.window
    assert window.document.settings == r.settings
    for f in range(2):
        np.testing.assert_array_equal(window.compute.result.activated[f], r.output[..., f])
        np.testing.assert_array_equal(window.compute.result.pooled[f], r.pooled[..., f])
    assert [f["bias"] for f in explorer.session()["filters"]] == [1.0, -1.0]
    one_d = opened(convviz.explain([2, 8, 3, 7, 1, 2, 0, 4, 5], [2, 1, 5, 3], op="convolve").show(block=False))
    assert one_d.session()["mode"] == "1d"


def test_show_puts_the_window_in_the_asked_view(opened):
    explorer = opened(convviz.show(BINARY, CROSS, tab="steps", step=4, block=False))
    window = explorer.window
    assert window.tabs.currentIndex() == 1
    assert window.step_view.player.index == 3
    with pytest.raises(ValueError, match="--step 99"):
        convviz.show(BINARY, CROSS, step=99, block=False)


def test_bad_arrays_fail_before_any_window(qapp):
    before = len(qapp.topLevelWidgets())
    with pytest.raises(ValueError, match="each side must be"):
        convviz.show(np.zeros((600, 600)), CROSS, block=False)  # the window's 512 limit
    with pytest.raises(ValueError, match="stride"):
        convviz.show(BINARY, CROSS, stride=0, block=False)
    assert len(qapp.topLevelWidgets()) == before


@pytest.fixture
def fake_event_loop(monkeypatch, qapp):
    """The application's exec replaced: records the call and closes the windows, as a user would."""
    import convviz.ui.app as app_module

    calls = []

    class App:
        def __getattr__(self, name):
            return getattr(qapp, name)

        def exec(self):
            calls.append("exec")
            calls.append(signal.getsignal(signal.SIGINT))
            for widget in qapp.topLevelWidgets():
                widget.close()
            return 0

    real_close_on_signals = app_module.close_on_signals

    def close_on_signals(window):
        calls.append("signals")
        real_close_on_signals(window)

    monkeypatch.setattr(app_module, "_application", lambda *a, **k: App())
    monkeypatch.setattr(app_module, "close_on_signals", close_on_signals)
    return calls


def _fake_ipython(monkeypatch, eventloop):
    shell = types.SimpleNamespace(active_eventloop=eventloop)
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))


def test_a_plain_script_waits_for_the_window(fake_event_loop, qtbot):
    before = signal.getsignal(signal.SIGINT)
    explorer = convviz.show(BINARY, CROSS, activation="relu")
    assert fake_event_loop[:2] == ["signals", "exec"]
    assert fake_event_loop[2] is not before  # while it waits, Ctrl+C closes the window as from the command line
    assert signal.getsignal(signal.SIGINT) is before  # and then interrupts the caller again
    assert not explorer.is_open
    assert explorer.session()["settings"]["activation"] == "relu"


def test_ipython_with_gui_qt_returns_at_once(fake_event_loop, monkeypatch, qtbot):
    _fake_ipython(monkeypatch, "qt")
    assert viewer.qt_loop_running()
    explorer = convviz.show(BINARY, CROSS)
    qtbot.addWidget(explorer.window)
    assert fake_event_loop == [] and explorer.is_open
    explorer.close()


def test_ipython_without_the_qt_loop_waits_and_says_how_not_to(fake_event_loop, monkeypatch, capsys, qtbot):
    _fake_ipython(monkeypatch, None)
    assert not viewer.qt_loop_running()
    convviz.show(BINARY, CROSS)
    assert fake_event_loop[:2] == ["signals", "exec"]
    assert "%gui qt" in capsys.readouterr().err


def test_inside_a_running_qt_loop_show_returns_at_once(qtbot, qapp):
    from PySide6 import QtCore

    seen = []

    def inside():
        seen.append(viewer.qt_loop_running())
        loop.quit()

    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(0, inside)
    loop.exec()
    assert seen == [True]
    assert not viewer.qt_loop_running()  # here, outside any loop


def test_ipython_running_another_bindings_qt_loop_is_not_ours(monkeypatch):
    """%gui qt with PyQt picked: its loop never turns PySide6's windows, so show must wait."""
    _fake_ipython(monkeypatch, "qt")
    no_app = types.SimpleNamespace(QCoreApplication=types.SimpleNamespace(instance=lambda: None))
    monkeypatch.setitem(sys.modules, "PySide6.QtCore", no_app)
    assert viewer.qt_loop_running()  # a loop and no other binding: PySide6's app is about to be made
    monkeypatch.setitem(sys.modules, "PyQt6.QtCore", types.SimpleNamespace())
    assert not viewer.qt_loop_running()


def test_show_again_after_qt_deleted_a_window(opened):
    import shiboken6

    first = convviz.show(BINARY, CROSS, block=False)
    shiboken6.delete(first.window)
    assert not first.is_open
    second = opened(convviz.show(BINARY, CROSS, block=False))  # pruning the deleted one must not raise
    assert second.is_open


def test_show_leaves_tensorflow_out(tmp_path):
    """In a fresh process: the window opened from Python imports neither TensorFlow nor Keras."""
    import json
    import os
    import subprocess
    import textwrap

    script = textwrap.dedent("""
        import json, sys
        import convviz
        explorer = convviz.show([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 1], [1, 1]], padding="same", block=False)
        from PySide6 import QtWidgets
        QtWidgets.QApplication.processEvents()
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras"))
        print(json.dumps({"open": explorer.is_open, "heavy": heavy, "qt": "PySide6" in sys.modules}))
        explorer.close()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"open": True, "heavy": [], "qt": True}


def test_show_takes_groups_as_explain_does(qapp):
    import numpy as np

    from convviz.viewer import show

    x = np.random.default_rng(0).random((5, 5, 3))
    handle = show(x, np.ones((3, 3)), groups="depthwise", padding="same", block=False)
    try:
        assert handle.document.settings.groups == 3 and len(handle.document.kernels) == 3
    finally:
        handle.close()
