"""The training window: runs in a worker, updates views in the GUI thread, cancels and closes cleanly."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from convviz.io.datasets import DataSpec

pytest.importorskip("keras")
pytestmark = [pytest.mark.tensorflow, pytest.mark.slow]


@pytest.fixture
def train_window(window, qtbot):
    win = window.open_training()
    win._data_spec = DataSpec("shapes", shapes_train=1200, shapes_test=300)
    qtbot.addWidget(win)
    return win


def test_train_shows_filters_curves_and_results(train_window, qtbot, tmp_path):
    win = train_window
    win.spins["epochs"].setValue(2)
    win.spins["filters"].setValue(6)
    win.start()
    assert win.running and not win.start_button.isEnabled()
    assert win.wait(180)
    assert win.result is not None and not win.result.stopped
    assert win.filter_cell.image.image.shape == (7, 11, 3)  # six 3x3 filters, 3 per row, 1-px gaps
    assert list(win.curves["loss"].getData()[0]) == [1, 2]
    assert "Test accuracy" in win.result_label.text()
    assert win.result.confusion.sum() == 300
    np.testing.assert_array_equal(win.confusion_cell.data, win.result.confusion)
    assert win.confusion_cell.shown_values() == [str(n) for n in win.result.confusion.ravel()]  # counts printed
    assert "Trainable params" in win.summary.toPlainText() or "params" in win.summary.toPlainText().lower()
    # Predict from a drawn input: probabilities sum to one.
    win._canvas_from_sample()
    lengths = win.prob_bars.opts["width"]  # horizontal bars, one per class, top to bottom
    assert abs(float(np.sum(lengths)) - 1) < 1e-4
    assert [name for _, name in win.prob_plot.getAxis("left")._tickLevels[0]] == list(win.dataset.class_names)
    # Keep results: save, load (safe mode), export PNGs.
    path = tmp_path / "m.keras"
    assert win.save_model(str(path))
    before = win.model.predict(win.canvas_image)
    win.model = None
    win.load_model(str(path))
    assert win.wait(120)
    np.testing.assert_allclose(win.model.predict(win.canvas_image), before, atol=1e-6)
    assert win.export_png(win.filter_view, str(tmp_path / "filters.png"))


def test_cancel_and_close_during_training(train_window, qtbot):
    win = train_window
    win.spins["epochs"].setValue(100)
    win.start()
    qtbot.waitUntil(lambda: win.progress_bar.value() > 0, timeout=60000)
    win.cancel()
    assert win.wait(120)
    assert win.result.stopped
    win.spins["epochs"].setValue(100)
    win.start()
    qtbot.waitUntil(lambda: win.progress_bar.value() > 0, timeout=60000)
    process = win._process.process
    win.close()  # closing stops the training cleanly
    assert not win.running and not process.is_alive() and process.exitcode == 0


def test_bad_model_file_is_a_message(train_window, tmp_path, monkeypatch):
    from PySide6 import QtWidgets

    messages = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: messages.append(a[2]))
    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"not a zip")
    train_window.load_model(str(bad))
    assert train_window.wait(120)
    assert len(messages) == 1 and train_window.model is None


def test_training_never_imports_tensorflow_in_the_window(tmp_path):
    """A whole training from the window leaves TensorFlow out of the window's process."""
    code = textwrap.dedent(
        """
        import sys
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        from convviz.io.datasets import DataSpec
        from convviz.ui.qt_main_window import QtMainWindow
        win = QtMainWindow(synchronous=True, restore=False)
        train = win.open_training()
        train._data_spec = DataSpec("shapes", shapes_train=300, shapes_test=100)
        train.spins["epochs"].setValue(1)
        train.start()
        assert train.wait(240)
        assert train.result is not None and train.model is not None
        print("HEAVY:", sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras")))
        """
    )
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_SETTINGS_DIR=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "HEAVY: []" in proc.stdout, proc.stdout


def test_opening_training_window_does_not_import_tensorflow(tmp_path):
    code = textwrap.dedent(
        """
        import sys
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        from convviz.ui.qt_main_window import QtMainWindow
        win = QtMainWindow(synchronous=True, restore=False)
        win.open_training()
        app.processEvents()
        print("HEAVY:", sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras")))
        """
    )
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_SETTINGS_DIR=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert "HEAVY: []" in proc.stdout, proc.stdout + proc.stderr[-2000:]


def test_form_defaults_are_the_lecture_config(qtbot):
    from convviz.model.training import TrainConfig
    from convviz.ui.qt_train import QtTrainWindow

    win = QtTrainWindow()
    qtbot.addWidget(win)
    assert win.current_config() == TrainConfig()
