"""convviz.inspect(model, image): a whole network layer by layer from Python, for an in-memory Keras model,
a file, a NetworkSpec or the shipped lecture CNN; no Qt, and TensorFlow only where the model brings it."""

import io
import json
import os
import subprocess
import sys
import textwrap

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
import pytest
from PIL import Image

import convviz
from convviz.api_network import NetworkInspection
from convviz.io.datasets import FASHION_CLASSES


def _png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data))


def test_the_lecture_model_from_a_fresh_process_imports_neither_qt_nor_tensorflow():
    code = textwrap.dedent("""
        import json, sys
        import numpy as np
        import convviz
        r = convviz.inspect("lecture", np.zeros((28, 28)))
        png = r._repr_png_()
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "tensorflow", "keras"))
        print(json.dumps({"heavy": heavy, "rows": [[i.name, i.kind, list(i.output_shape), i.params, i.macs]
                                                   for i in r.layers],
                          "sum": float(r.probabilities.sum()), "png": png[:4].hex()}))
    """)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout)
    assert report["heavy"] == []
    assert report["rows"] == [
        ["conv1", "Conv2D", [28, 28, 10], 100, 70560], ["pool1", "MaxPooling2D", [14, 14, 10], 0, 0],
        ["flatten", "Flatten", [1960], 0, 0], ["dense", "Dense", [100], 196100, 196000],
        ["output", "Dense", [10], 1010, 1000]]
    assert abs(report["sum"] - 1) < 1e-5 and report["png"] == "89504e47"


def test_a_result_holds_every_layer_by_index_and_by_name():
    x = np.zeros((28, 28), np.float32)
    x[6:22, 9:19] = 1  # a bright block, something like a shirt
    r = convviz.inspect("lecture", x)
    assert isinstance(r, NetworkInspection) and r.note == ""
    assert len(r.outputs) == 5 and r.outputs["conv1"] is r.outputs[0] and r.outputs.keys()[-1] == "output"
    assert r.outputs["pool1"].shape == (14, 14, 10)
    np.testing.assert_array_equal(r.outputs["pool1"], r.outputs["conv1"].reshape(14, 2, 14, 2, 10).max(axis=(1, 3)))
    np.testing.assert_array_equal(r.probabilities, r.outputs[-1])
    assert r.class_names == FASHION_CLASSES and r.predicted == FASHION_CLASSES[int(np.argmax(r.probabilities))]
    assert r.spec.name == "lecture_cnn" and r.input.shape == (28, 28, 1)
    with pytest.raises(KeyError, match="no layer named 'conv9'; the layers are conv1, pool1"):
        r.outputs["conv9"]
    text = repr(r)
    assert "conv1 (Conv2D)" in text and "28×28×10" in text and "196,100 params" in text
    assert f"predicted: {r.predicted}" in text
    sheet = _png(r._repr_png_())
    assert sheet.width > 400 and sheet.height > 400
    assert r.sheet("dense").width > 100 and r.sheet(0).height > 100


def test_an_image_file_of_another_size_is_resized_and_says_so(tmp_path):
    pixels = (np.arange(40 * 60) % 251).reshape(40, 60).astype(np.uint8)
    Image.fromarray(pixels).save(tmp_path / "big.png")
    r = convviz.inspect("lecture", tmp_path / "big.png", class_names=list("abcdefghij"))
    assert r.note == "resized from 40×60 to 28×28"
    assert r.class_names == tuple("abcdefghij") and r.spec.class_names == tuple("abcdefghij")
    from convviz.model.network_explorer import fit_input

    np.testing.assert_array_equal(r.input, fit_input(pixels / np.float32(255), (28, 28, 1))[0])


def test_save_writes_what_the_command_line_writes(tmp_path):
    r = convviz.inspect("lecture", np.ones((28, 28)))
    paths = r.save(tmp_path / "out")
    names = sorted(p.name for p in paths)
    assert names == sorted(["layers.json", "probabilities.json", "00_conv1.npy", "00_conv1.png", "01_pool1.npy",
                            "01_pool1.png", "02_flatten.npy", "02_flatten.png", "03_dense.npy", "03_dense.png",
                            "04_output.npy", "04_output.png"])
    np.testing.assert_array_equal(np.load(tmp_path / "out" / "03_dense.npy"), r.outputs["dense"])
    with pytest.raises(FileExistsError, match="pass --force"):
        r.save(tmp_path / "out")


@pytest.mark.parametrize("model, image, error, message", [
    (42, np.zeros((28, 28)), TypeError, "model must be a Keras model, a model file, a NetworkSpec or 'lecture'"),
    ("lecture", "no/such.png", ValueError, "no/such.png: no such file"),
    ("lecture", np.zeros(28), ValueError, "The input must be an image"),
    ("lecture", np.full((28, 28), np.inf), ValueError, "NaN or infinite"),
    ("missing.keras", np.zeros((28, 28)), ValueError, "missing.keras: no such file"),
    ("model.pt", np.zeros((28, 28)), ValueError, "unknown model type '.pt'"),
    ("names", np.zeros((28, 28)), ValueError, "class_names has 2 names; model 'lecture_cnn' gives 10 classes"),
])
def test_bad_arguments_are_one_line(model, image, error, message):
    kwargs = {"class_names": ["a", "b"]} if model == "names" else {}
    with pytest.raises(error) as err:
        convviz.inspect("lecture" if model == "names" else model, image, **kwargs)
    assert message in str(err.value) and "\n" not in str(err.value)


@pytest.mark.tensorflow
def test_an_in_memory_keras_model_equals_keras_layer_by_layer():
    keras = pytest.importorskip("keras")
    keras.utils.set_random_seed(11)
    inputs = keras.Input((10, 10, 3))
    x = keras.layers.Conv2D(6, 3, padding="same", activation="relu", name="conv")(inputs)
    x = keras.layers.DepthwiseConv2D(3, name="depthwise")(x)
    x = keras.layers.AveragePooling2D(2, name="avg")(x)
    x = keras.layers.Flatten(name="flat")(x)
    x = keras.layers.Dense(4, name="logits")(x)
    outputs = keras.layers.Softmax(name="softmax")(x)
    model = keras.Model(inputs, outputs, name="small")
    image = np.random.default_rng(3).random((10, 10, 3)).astype(np.float32)
    r = convviz.inspect(model, image)
    probe = keras.Model(model.inputs, [layer.output for layer in model.layers[1:]])
    expected = [np.asarray(o)[0] for o in probe([image[None]], training=False)]
    assert [i.name for i in r.layers] == ["conv", "depthwise", "avg", "flat", "logits", "softmax"]
    assert [i.params for i in r.layers] == [layer.count_params() for layer in model.layers[1:]]
    assert [i.output_shape for i in r.layers] == [tuple(layer.output.shape[1:]) for layer in model.layers[1:]]
    for ours, theirs in zip(r.outputs, expected, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(r.probabilities, expected[-1], rtol=1e-5, atol=1e-7)
    assert r.class_names == ("0", "1", "2", "3") and r.spec.name == "small"


@pytest.mark.tensorflow
def test_a_model_cut_short_inspects_the_layers_before_the_cut():
    keras = pytest.importorskip("keras")
    model = keras.Sequential([keras.Input((5, 4)), keras.layers.Dense(3, name="first"),
                              keras.layers.GRU(2, name="gru"), keras.layers.Dense(2, name="after")])
    r = convviz.inspect(model, np.ones((5, 4)))
    assert [i.name for i in r.layers] == ["first"] and r.probabilities is None
    assert r.spec.stopped_at.startswith("layer 'gru' (GRU) is not supported")
    assert "stopped: layer 'gru' (GRU)" in repr(r)


# ------------------------------------------------------------------ convviz.show(model=...)

@pytest.fixture
def network_windows(qtbot):
    """Network windows opened by a test, closed after it."""
    handles = []

    def track(handle):
        qtbot.addWidget(handle.window)
        handles.append(handle)
        qtbot.waitUntil(lambda: handle.outputs is not None, timeout=10000)
        return handle

    yield track
    for handle in handles:
        handle.close()


def test_show_model_opens_the_network_window_on_the_image(network_windows):
    x = np.zeros((56, 56), np.float32)
    x[10:46, 20:36] = 1
    handle = network_windows(convviz.show(x, model="lecture", block=False))
    assert handle.is_open and handle.spec.name == "lecture_cnn"
    assert handle.window.isVisible() and handle.window.explorer.spec is handle.spec
    r = convviz.inspect("lecture", x)
    np.testing.assert_array_equal(handle.image, r.input)  # fitted to 28x28 as inspect fits it
    for ours, theirs in zip(handle.outputs, r.outputs, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-7)
    handle.close()
    assert not handle.is_open and "closed" in repr(handle)


def test_show_model_without_an_image_and_from_a_spec(network_windows):
    from convviz.io.networks import read_network
    from convviz.resources_path import resource

    spec = read_network(resource("models", "lecture_cnn.npz"))
    handle = network_windows(convviz.show(model=spec, block=False))
    assert handle.spec is spec and handle.image.shape == (28, 28, 1)


@pytest.mark.parametrize("kwargs, message", [
    (dict(kernel=[[1, 0], [0, 1]]), "model= opens the network window; kernel belong"),
    (dict(padding="same", tab="steps"), "padding, tab belong to the convolution explorer"),
    (dict(x=np.zeros(28)), "The input must be an image"),
])
def test_show_model_refuses_what_does_not_apply_before_any_window(qtbot, kwargs, message):
    from PySide6 import QtWidgets

    before = len(QtWidgets.QApplication.topLevelWidgets()) if QtWidgets.QApplication.instance() else 0
    with pytest.raises(ValueError, match=message):
        convviz.show(model="lecture", block=False, **kwargs)
    assert len(QtWidgets.QApplication.topLevelWidgets()) == before
