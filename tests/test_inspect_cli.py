"""``convviz inspect MODEL INPUT --out DIR`` run as a subprocess: every layer's .npy equals Keras's own
output, layers.json is Keras's summary (plus multiply-adds), probabilities come with class names, another
size is resized with one note; bad input is one line, status 2 and nothing written."""

import json
import os
import subprocess
import sys

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
import pytest
from PIL import Image

from convviz.io.datasets import FASHION_CLASSES


def _run(*args, cwd=None):
    env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS="0", TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-m", "convviz", "inspect", *map(str, args)], capture_output=True,
                          text=True, timeout=300, env=env, cwd=cwd)


def _one_line_failure(run, message):
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("convviz inspect: ") and "Traceback" not in run.stderr, lines
    assert message in lines[0], lines[0]


@pytest.mark.tensorflow
def test_every_layer_equals_keras_for_a_keras_file(tmp_path):
    keras = pytest.importorskip("keras")
    keras.utils.set_random_seed(7)
    model = keras.Sequential([
        keras.Input((12, 12, 2)),
        keras.layers.Conv2D(3, 3, padding="same", activation="relu", name="conv"),
        keras.layers.BatchNormalization(name="bn"),
        keras.layers.MaxPooling2D(2, name="pool"),
        keras.layers.Conv2D(4, 2, strides=2, name="conv strided"),
        keras.layers.Flatten(name="flat"),
        keras.layers.Dense(5, activation="softmax", name="probs"),
    ])
    bn = model.get_layer("bn")
    bn.set_weights([w + np.float32(0.2) * (i + 1) for i, w in enumerate(bn.get_weights())])
    model.save(tmp_path / "m.keras")
    x = np.random.default_rng(2).random((12, 12, 2)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    run = _run(tmp_path / "m.keras", tmp_path / "x.npy", "--out", tmp_path / "out", "--class-names", "a,b,c,d,e")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # the input fits: no note

    probe = keras.Model(model.inputs, [layer.output for layer in model.layers])
    expected = [np.asarray(o)[0] for o in probe([x[None]], training=False)]
    stems = ["00_conv", "01_bn", "02_pool", "03_conv_strided", "04_flat", "05_probs"]
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["layers.json", "probabilities.json"] + [s + ext for s in stems for ext in (".npy", ".png")])
    for stem, theirs in zip(stems, expected):
        ours = np.load(out / f"{stem}.npy")
        assert ours.dtype == np.float32 and ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
        assert Image.open(out / f"{stem}.png").size[0] > 100
    rows = json.loads((out / "layers.json").read_text())["layers"]
    assert [(r["name"], r["class"], r["params"]) for r in rows] == \
        [(layer.name, layer.__class__.__name__, layer.count_params()) for layer in model.layers]
    assert [tuple(r["output_shape"]) for r in rows] == [tuple(layer.output.shape[1:]) for layer in model.layers]
    assert rows[0]["macs"] == 12 * 12 * 3 * 9 * 2 and rows[-1]["macs"] == 3 * 3 * 4 * 5
    probs = json.loads((out / "probabilities.json").read_text())
    assert probs["classes"] == list("abcde")
    np.testing.assert_allclose(probs["probabilities"], expected[-1], rtol=1e-5, atol=1e-7)
    assert probs["predicted"] == "abcde"[int(np.argmax(expected[-1]))]


def test_the_lecture_model_on_an_image_of_another_size(tmp_path):
    from convviz.core.network import forward
    from convviz.io.networks import read_network
    from convviz.model.network_explorer import fit_input
    from convviz.resources_path import resource

    pixels = (np.random.default_rng(5).random((56, 40)) * 255).astype(np.uint8)
    Image.fromarray(pixels).save(tmp_path / "shirt.png")
    run = _run("lecture", tmp_path / "shirt.png", "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines() == [
        f"convviz inspect: note: {tmp_path / 'shirt.png'}: resized from 56×40 to 28×28 "
        "(the model's input is 28×28×1)"]
    spec = read_network(resource("models", "lecture_cnn.npz"))
    x, _ = fit_input(pixels / np.float32(255), (28, 28, 1))
    expected = forward(spec, x)
    for i, name in enumerate(["conv1", "pool1", "flatten", "dense", "output"]):
        np.testing.assert_allclose(np.load(tmp_path / "out" / f"0{i}_{name}.npy"), expected[i], rtol=1e-6, atol=1e-7)
    probs = json.loads((tmp_path / "out" / "probabilities.json").read_text())
    assert probs["classes"] == list(FASHION_CLASSES)
    assert probs["predicted"] == FASHION_CLASSES[int(np.argmax(expected[-1]))]
    rows = json.loads((tmp_path / "out" / "layers.json").read_text())["layers"]
    assert [r["params"] for r in rows] == [100, 0, 0, 196100, 1010]
    assert [r["macs"] for r in rows] == [28 * 28 * 10 * 9, 0, 0, 1960 * 100, 1000]


def test_an_earlier_set_is_replaced_only_with_force(tmp_path):
    x = np.zeros((28, 28), np.float32)
    np.save(tmp_path / "x.npy", x)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert _run("lecture", tmp_path / "x.npy", "--out", out).returncode == 0
    before = (out / "00_conv1.npy").read_bytes()
    np.save(tmp_path / "x.npy", x + 1)
    _one_line_failure(_run("lecture", tmp_path / "x.npy", "--out", out), "exists; pass --force")
    assert (out / "00_conv1.npy").read_bytes() == before
    assert _run("lecture", tmp_path / "x.npy", "--out", out, "--force").returncode == 0
    assert (out / "00_conv1.npy").read_bytes() != before and (out / "notes.txt").read_text() == "mine"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("case, message", [
    ("missing model", "nomodel.keras: no such file"),
    ("unknown model type", "unknown model type '.txt'"),
    ("damaged npz", "not a convviz network file"),
    ("missing input", "noimage.png: no such file"),
    ("not an image", "fake.png"),
    ("a signal", "The input must be an image"),
    ("nan input", "NaN"),
    ("empty out", "--out: the path is empty"),
    ("out is a file", "exists and is not a folder"),
    ("bad class names", "--class-names: an empty name"),
    ("too few class names", "--class-names has 3 names; model 'lecture_cnn' gives 10 classes"),
    ("no arguments", "the following arguments are required"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, case, message):
    np.save(tmp_path / "x.npy", np.zeros((28, 28), np.float32))
    model, image, out, extra = "lecture", tmp_path / "x.npy", tmp_path / "out", []
    if case == "missing model":
        model = tmp_path / "nomodel.keras"
    elif case == "unknown model type":
        model = tmp_path / "model.txt"
        model.write_text("1,2")
    elif case == "damaged npz":
        model = tmp_path / "model.npz"
        np.savez(model, a=np.zeros(3))
    elif case == "missing input":
        image = tmp_path / "noimage.png"
    elif case == "not an image":
        image = tmp_path / "fake.png"
        image.write_text("hello")
    elif case == "a signal":
        np.save(image, np.zeros(28, np.float32))
    elif case == "nan input":
        np.save(image, np.full((28, 28), np.nan, np.float32))
    elif case == "empty out":
        out = ""
    elif case == "out is a file":
        out.write_text("x")
    elif case == "bad class names":
        extra = ["--class-names", "a,,b"]
    elif case == "too few class names":
        extra = ["--class-names", "a,b,c"]
    args = [] if case == "no arguments" else [model, image, "--out", out, *extra]
    before = sorted(p.name for p in tmp_path.iterdir())
    _one_line_failure(_run(*args, cwd=tmp_path), message)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.tensorflow
def test_a_model_convviz_cannot_open_is_one_line(tmp_path):
    keras = pytest.importorskip("keras")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda t: t * 2, name="code")])
    model.save(tmp_path / "lambda.keras")
    np.save(tmp_path / "x.npy", np.zeros(3, np.float32))
    _one_line_failure(_run(tmp_path / "lambda.keras", tmp_path / "x.npy", "--out", tmp_path / "out"),
                      "lambda.keras: ValueError: Requested the deserialization of a `Lambda` layer")
    assert not (tmp_path / "out").exists()
