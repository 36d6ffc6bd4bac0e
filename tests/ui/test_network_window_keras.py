"""The network window on a Keras file: read in a child process (the window keeps answering, Cancel ends it),
every layer's output equal to Keras's own for the same image."""

import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
import pytest
from PySide6 import QtWidgets

from convviz.ui.qt_network import QtNetworkWindow

keras = pytest.importorskip("keras")
pytestmark = [pytest.mark.tensorflow, pytest.mark.slow]


def small_model():
    keras.utils.set_random_seed(5)
    return keras.Sequential([
        keras.Input((10, 10, 1)),
        keras.layers.Rescaling(2.0, -1.0, name="scale"),
        keras.layers.Conv2D(3, 3, padding="same", activation="relu", name="conv"),
        keras.layers.BatchNormalization(name="norm"),
        keras.layers.MaxPooling2D(2, name="pool"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(4, activation="softmax", name="out"),
    ], name="small")


def test_a_keras_file_opens_in_a_child_and_matches_keras(qtbot, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: messages.append(a[2]))
    model = small_model()
    norm = model.get_layer("norm")
    norm.set_weights([w + np.linspace(0.5, 1.5, w.size).reshape(w.shape) for w in norm.get_weights()])
    model.save(tmp_path / "small.keras")

    win = QtNetworkWindow(synchronous=True)
    qtbot.addWidget(win)
    win.show()
    # Cancel: the child ends, nothing is reported, no model is shown.
    win.open_model(tmp_path / "small.keras")
    assert win.opener.busy and win.opener.progress is not None
    win.opener.progress.findChild(QtWidgets.QPushButton).click()  # the dialog's Cancel button
    assert not win.opener.busy and win.explorer.spec is None and messages == []

    win.open_model(tmp_path / "small.keras")
    assert win.opener.wait(120_000), "the model was not read in 120 s"
    assert messages == [] and win.explorer.spec.name == "small"
    x = np.random.default_rng(4).random((10, 10)).astype(np.float32)
    assert win.explorer.set_input(x)
    outputs = win.explorer.outputs
    for layer, ours in zip(model.layers, outputs):
        probe = keras.Model(model.inputs[0], layer.output)
        theirs = np.asarray(probe(x[None, :, :, None], training=False))[0]
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5, err_msg=layer.name)
    rows = [(r.name, r.params) for r in win.explorer.rows]
    assert rows == [(layer.name, layer.count_params()) for layer in model.layers]
    win.close()


def test_a_model_that_is_not_one_is_one_message(qtbot, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: messages.append(a[2]))
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    win = QtNetworkWindow(synchronous=True)
    qtbot.addWidget(win)
    win.open_model(bad)
    assert win.opener.wait(120_000)
    assert len(messages) == 1 and "broken.keras" in messages[0] and "\n" not in messages[0]
    win.close()
