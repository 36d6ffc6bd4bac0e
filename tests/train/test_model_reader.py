"""Reading Keras models into NetworkSpecs (convviz.train.model_reader): the chain of layers with Keras's
own weights and parameter counts, cut short with a reason at a branch or a layer convviz cannot compute;
files opened in a child process with safe mode; every failure one plain line."""

import json
import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
import pytest

from convviz.core.network import forward
from convviz.io.networks import save_network, spec_document
from convviz.model.training import TrainConfig
from convviz.train.model_reader import ModelReadError, NetworkLoader, load_network, read_model

keras = pytest.importorskip("keras")
pytestmark = [pytest.mark.tensorflow]


def _lecture_model():
    from convviz.train.keras_model import build_model

    keras.utils.set_random_seed(3)
    return build_model(TrainConfig(standardize=False), (28, 28), 10)


def _keras_outputs(model, x):
    """Every layer's output as Keras computes it, for one sample (batch axis dropped)."""
    layers = [layer for layer in model.layers if layer.__class__.__name__ != "InputLayer"]
    probe = keras.Model(model.inputs, [layer.output for layer in layers])
    return [np.asarray(o)[0] for o in probe([x[None]], training=False)]


def _assert_weights_are_keras(spec, model):
    by_name = {}

    def collect(m):
        for layer in m.layers:
            if isinstance(layer, keras.Model):
                collect(layer)
            by_name[layer.name] = layer

    collect(model)
    for layer in spec.layers:
        expected = by_name[layer.name].get_weights()
        assert len(layer.weights) == len(expected)
        for w, e in zip(layer.weights, expected):
            assert w.dtype == np.float32
            np.testing.assert_array_equal(w, e)


def test_the_lecture_network_reads_as_keras_summarises_it():
    model = _lecture_model()
    spec = read_model(model, class_names=range(10))
    assert spec.input_shape == (28, 28, 1) and spec.stopped_at is None
    assert [(layer.name, layer.kind) for layer in spec.layers] == [
        ("conv1", "Conv2D"), ("pool1", "MaxPooling2D"), ("flatten", "Flatten"), ("dense", "Dense"), ("output", "Dense")]
    assert [layer.params for layer in spec.layers] == [100, 0, 0, 196100, 1010]
    assert [layer.params for layer in spec.layers] == [layer.count_params() for layer in model.layers]
    assert spec.class_names == tuple(str(i) for i in range(10))
    conv = spec.layer("conv1").config
    assert (conv["filters"], conv["kernel_size"], conv["strides"], conv["padding"], conv["activation"]) == \
        (10, [3, 3], [1, 1], "same", "relu")
    assert not any(key.endswith("_initializer") for key in conv)
    json.dumps(spec_document(spec))  # configs are JSON data
    _assert_weights_are_keras(spec, model)
    x = np.random.default_rng(0).random((28, 28, 1), dtype=np.float32)
    for ours, theirs in zip(forward(spec, x), _keras_outputs(model, x), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def test_a_functional_chain_with_a_nested_model_is_opened_up():
    keras.utils.set_random_seed(4)
    inputs = keras.Input((9, 9, 3))
    x = keras.layers.Rescaling([0.5, 2.0, 1.0], 0.1, name="scale")(inputs)
    x = keras.layers.Conv2D(4, 3, strides=2, padding="same", dilation_rate=1, activation="tanh", name="conv")(x)
    x = keras.layers.BatchNormalization(name="bn")(x)
    x = keras.Sequential([keras.layers.AveragePooling2D(2, padding="same", name="avg"),
                          keras.layers.Dropout(0.5, name="drop")], name="block")(x)
    x = keras.layers.GlobalMaxPooling2D(name="gmax")(x)
    outputs = keras.layers.Dense(3, activation="softmax", name="probs")(x)
    model = keras.Model(inputs, outputs)
    bn = model.get_layer("bn")
    bn.set_weights([w + np.float32(0.3) * (i + 1) for i, w in enumerate(bn.get_weights())])  # not the identity
    spec = read_model(model)
    assert [layer.name for layer in spec.layers] == ["scale", "conv", "bn", "avg", "drop", "gmax", "probs"]
    assert spec.stopped_at is None and spec.input_shape == (9, 9, 3)
    assert spec.layer("scale").config["scale"] == [0.5, 2.0, 1.0]
    assert spec.layer("bn").params == 16 and len(spec.layer("bn").weights) == 4
    _assert_weights_are_keras(spec, model)
    x = np.random.default_rng(1).standard_normal((9, 9, 3)).astype(np.float32)
    ours = forward(spec, x)[-1]
    np.testing.assert_allclose(ours, np.asarray(model(x[None], training=False))[0], rtol=1e-5, atol=1e-6)


def test_a_branch_keeps_the_chain_up_to_it():
    inputs = keras.Input((8, 8, 1))
    a = keras.layers.Conv2D(2, 3, padding="same", name="a")(inputs)
    b = keras.layers.Conv2D(2, 3, padding="same", name="b")(a)
    model = keras.Model(inputs, keras.layers.Flatten()(keras.layers.Add(name="add")([a, b])))
    spec = read_model(model)
    assert [layer.name for layer in spec.layers] == ["a"]
    assert spec.stopped_at == ("layer 'a' (Conv2D) feeds 2 layers (a branch): convviz follows a single chain, "
                               "up to there")


def test_a_layer_with_two_inputs_ends_the_chain():
    inputs = keras.Input((6,))
    x = keras.layers.Dense(4, name="d")(inputs)
    model = keras.Model(inputs, keras.layers.Multiply(name="mul")([x, x]))
    spec = read_model(model)
    assert [layer.name for layer in spec.layers] == ["d"]
    assert spec.stopped_at.startswith("layer 'mul' (Multiply) takes 2 inputs")


@pytest.mark.parametrize("make, where", [
    (lambda: keras.layers.LSTM(3, name="lstm"), "layer 'lstm' (LSTM) is not supported: "),
    (lambda: keras.layers.Lambda(lambda t: t * 2, name="twice"), "layer 'twice' (Lambda) is not supported: "),
])
def test_an_unsupported_layer_ends_the_chain_and_says_which(make, where):
    model = keras.Sequential([keras.Input((6, 4)), keras.layers.Dense(5, name="first"), make(),
                              keras.layers.Dense(2, name="last")])
    spec = read_model(model)
    assert [layer.name for layer in spec.layers] == ["first"]
    assert spec.stopped_at.startswith(where) and "\n" not in spec.stopped_at


@pytest.mark.parametrize("model, message", [
    ("not a model", "expected a Keras model, got str"),
    ("unbuilt", "has no input shape yet"),
    ("open size", "needs every size known"),
    ("two inputs", "has 2 inputs"),
    ("subclassed", "is a subclassed keras.Model"),
])
def test_models_convviz_cannot_follow_are_one_line(model, message):
    if model == "unbuilt":
        model = keras.Sequential([keras.layers.Dense(3)])
    elif model == "open size":
        model = keras.Sequential([keras.Input((None, None, 1)), keras.layers.Conv2D(2, 3)])
    elif model == "subclassed":
        class Subclassed(keras.Model):
            def __init__(self):
                super().__init__()
                self.dense = keras.layers.Dense(3)

            def call(self, x):
                return self.dense(x)

        model = Subclassed()
        model(np.zeros((1, 4)))
    elif model == "two inputs":
        a, b = keras.Input((3,)), keras.Input((3,))
        model = keras.Model([a, b], keras.layers.Add()([a, b]))
    with pytest.raises(ModelReadError, match=message) as err:
        read_model(model)
    assert "\n" not in str(err.value)


# ----------------------------------------------------------------------------------- files


def test_a_keras_file_opens_in_a_child_as_the_model_reads_in_memory(tmp_path):
    import sys

    model = _lecture_model()
    model.save(tmp_path / "lecture.keras")
    model.save(tmp_path / "lecture.h5")
    before = set(sys.modules)
    for suffix in (".keras", ".h5"):
        loader = NetworkLoader(tmp_path / f"lecture{suffix}")
        spec = loader.wait(180)
        assert spec.name == "lecture" and [layer.params for layer in spec.layers] == [100, 0, 0, 196100, 1010]
        _assert_weights_are_keras(spec, model)
        assert set(loader.timings) == {"import_s", "open_s", "write_s"}
    assert set(sys.modules) - before <= {"convviz.io.networks"}  # the reading happened elsewhere
    assert not list(tmp_path.glob(".*"))


def test_a_spec_file_opens_without_a_child(tmp_path):
    spec = read_model(_lecture_model())
    save_network(tmp_path / "lecture.npz", spec)
    again = load_network(tmp_path / "lecture.npz", class_names=list("abcdefghij"))
    assert [layer.name for layer in again.layers] == [layer.name for layer in spec.layers]
    assert again.class_names == tuple("abcdefghij")


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_a_lambda_in_a_file_is_refused_by_safe_mode_without_running_it(tmp_path, suffix):
    marker = tmp_path / "ran"
    code = eval(f"lambda t: t + 0 * open({str(marker)!r}, 'w').write('x')")  # writes the marker when it runs
    model = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(code, name="code")])
    model.save(tmp_path / f"lambda{suffix}")
    marker.unlink()  # building the model ran it once
    with pytest.raises(ModelReadError) as err:
        load_network(tmp_path / f"lambda{suffix}", timeout=180)
    text = str(err.value)
    assert text.startswith(f"lambda{suffix}: ValueError: Requested the deserialization of a `Lambda` layer")
    assert "\n" not in text and not marker.exists()
    keras.models.load_model(tmp_path / f"lambda{suffix}", safe_mode=False)  # the marker works: unsafe runs it
    assert marker.exists()


@pytest.mark.parametrize("content, suffix, message", [
    (b"not a zip at all", ".keras", "model.keras: "),
    ("truncated", ".keras", "model.keras: "),
    (None, ".keras", "no such file"),
    (b"x", ".pkl", "unknown model type '.pkl'"),
])
def test_bad_files_are_one_line(tmp_path, content, suffix, message):
    path = tmp_path / f"model{suffix}"
    if content == "truncated":
        keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)]).save(path)
        content = path.read_bytes()[:-300]
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelReadError) as err:
        load_network(path, timeout=180)
    text = str(err.value)
    assert "\n" not in text and len(text) < 400 and message in text


def test_cancel_ends_the_child_at_once(tmp_path):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.save(tmp_path / "m.keras")
    loader = NetworkLoader(tmp_path / "m.keras")
    loader.cancel()
    assert loader.poll() and loader.error == "m.keras: cancelled" and loader.spec is None
    assert loader._process.poll() is not None


def test_a_child_that_crashes_is_one_line_naming_its_error(tmp_path, monkeypatch):
    import convviz.train.model_reader as reader

    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'noise from TensorFlow' >&2\necho 'Traceback (most recent call last):' >&2\n"
                    "echo 'ImportError: cannot import name forward' >&2\nexit 1\n")
    fake.chmod(0o755)
    (tmp_path / "m.keras").write_bytes(b"PK")
    monkeypatch.setattr(reader.sys, "executable", str(fake))
    with pytest.raises(ModelReadError) as err:
        load_network(tmp_path / "m.keras", timeout=60)
    assert str(err.value) == ("m.keras: the process reading it ended unexpectedly (exit code 1: "
                              "ImportError: cannot import name forward)")
