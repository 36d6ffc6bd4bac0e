"""Training: the lecture's model, the runner's callbacks, the CLI, and real data when present."""

import json
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from convviz.io.datasets import synthetic_shapes
from convviz.model.training import InputScaling, TrainConfig

keras = pytest.importorskip("keras")
pytestmark = [pytest.mark.tensorflow, pytest.mark.slow]

FASHION = Path("/usr/share/datasets/fashion-mnist")


def test_lecture_model_summary(seed_cases):
    from convviz.train.keras_model import build_model, summary_rows, summary_text

    case = seed_cases["seed-cnn-summary"]
    model = build_model(TrainConfig(standardize=False), (28, 28), 10)  # exactly the lecture's network
    rows = summary_rows(model)
    assert [r[2] for r in rows] == case["params"]
    assert [tuple(int(v) for v in r[1].strip("()").split(",")[1:] if v.strip()) for r in rows] == \
        [tuple(s) for s in case["shapes"]]
    assert model.count_params() == case["total_params"] == 197210
    assert "197,210" in summary_text(model)
    # The default only adds the parameter-free standardizing Rescaling layer in front.
    default = build_model(TrainConfig(), (28, 28), 10)
    assert summary_rows(default)[0][0] == "standardize (Rescaling)" and summary_rows(default)[0][2] == 0
    assert summary_rows(default)[1:] == rows and default.count_params() == 197210


def test_config_validation():
    with pytest.raises(ValueError, match="filters must be an integer"):
        TrainConfig(filters=0).validate()
    with pytest.raises(ValueError, match="dropout"):
        TrainConfig(dropout=1.5).validate()
    assert TrainConfig.from_dict({"epochs": 2}).epochs == 2
    with pytest.raises(ValueError, match="learning-rate schedule"):
        TrainConfig(lr_schedule="step").validate()


def test_cosine_schedule_falls_to_zero_over_the_run():
    """The default rate schedule: 0.001 at the first batch, half way at mid-run, 0 at the last."""
    from convviz.train.keras_model import build_model

    model = build_model(TrainConfig(), (28, 28), 10, total_steps=1000)
    schedule = model.optimizer.learning_rate if callable(getattr(model.optimizer, "learning_rate", None)) else \
        model.optimizer._learning_rate
    assert isinstance(schedule, keras.optimizers.schedules.CosineDecay)
    assert float(schedule(0)) == pytest.approx(1e-3)
    assert float(schedule(500)) == pytest.approx(5e-4)
    assert float(schedule(1000)) == pytest.approx(0.0, abs=1e-9)
    constant = build_model(TrainConfig(lr_schedule="constant"), (28, 28), 10, total_steps=1000)
    assert float(constant.optimizer.learning_rate) == pytest.approx(1e-3)


def test_runner_reports_and_stops():
    from convviz.train.runner import TrainListener, train

    data = synthetic_shapes(600, 200, seed=0)
    seen = {"progress": 0, "filters": 0, "epochs": []}
    listener = TrainListener(
        on_progress=lambda info: seen.__setitem__("progress", seen["progress"] + 1),
        on_filters=lambda k, b: seen.__setitem__("filters", seen["filters"] + 1),
        on_epoch=lambda e, logs: seen["epochs"].append(e),
        interval=0.0,
    )
    result = train(TrainConfig(epochs=2, batch_size=32, filters=4), data, listener)
    assert seen["epochs"] == [0, 1] and seen["progress"] > 10 and seen["filters"] > 10
    assert result.train_samples == 480 and result.confusion.sum() == 200
    assert 0 <= result.test_accuracy <= 1 and not result.stopped

    stop = threading.Event()
    calls = []

    def progress(info):
        calls.append(info)
        stop.set()  # cancel after the first report

    result = train(TrainConfig(epochs=50, filters=4), data, TrainListener(on_progress=progress, stop=stop, interval=0))
    assert result.stopped and len(result.history["loss"]) == 1


def test_first_layer_maps_match_keras():
    from convviz.train.keras_model import build_model
    from convviz.train.runner import first_layer_maps

    config = TrainConfig(filters=3)
    scaling = InputScaling(2.8, -0.8)  # standardized inputs, as Fashion-MNIST's statistics give
    model = build_model(config, (28, 28), 10, scaling=scaling)
    rescale, conv_layer, pool_layer = model.layers[:3]
    image = synthetic_shapes(1, 1, seed=3).x_train[0]
    kernels, biases = conv_layer.get_weights()
    biases = np.array([0.1, -0.2, 0.05], dtype=np.float32)
    conv_layer.set_weights([kernels, biases])
    conv, relu, pooled = first_layer_maps(kernels, biases, image, config, scaling)
    x = (image.astype(np.float32) / 255)[None, ..., None]
    expect_relu = conv_layer(rescale(x)).numpy()[0]
    expect_pool = pool_layer(conv_layer(rescale(x))).numpy()[0]
    np.testing.assert_allclose(relu, expect_relu, atol=1e-5)
    np.testing.assert_allclose(pooled, expect_pool, atol=1e-5)


def test_cli_train_on_shapes(tmp_path):
    from convviz.cli import main

    out, metrics = tmp_path / "m.keras", tmp_path / "m.json"
    rc = main(["train", "--dataset", "shapes", "--epochs", "1", "--limit", "800", "--filters", "4",
               "--out", str(out), "--metrics", str(metrics)])
    assert rc == 0
    data = json.loads(metrics.read_text())
    assert set(data) >= {"test_accuracy", "test_loss", "history", "train_samples", "train_seconds"}
    assert data["train_samples"] == 640 and len(data["history"]["loss"]) == 1
    from convviz.train.keras_model import load_model

    model = load_model(out)
    assert model.get_layer("conv1").get_weights()[0].shape == (3, 3, 1, 4)


def test_cli_train_errors(tmp_path, capsys, monkeypatch):
    from convviz.cli import main
    from convviz.io import datasets

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setitem(datasets.DEBIAN_DIRS, "mnist", tmp_path / "absent")
    assert main(["train", "--dataset", "mnist", "--out", str(tmp_path / "m.keras")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "MNIST was not found offline" in err
    assert main(["train", "--dataset", "shapes", "--epochs", "0", "--out", str(tmp_path / "m.keras")]) == 2
    assert "epochs must be an integer" in capsys.readouterr().err
    assert main(["train", "--dataset", "shapes", "--out", str(tmp_path / "m.h5")]) == 2


@pytest.mark.skipif(not FASHION.is_dir(), reason="Debian's dataset-fashion-mnist is not installed")
def test_real_fashion_mnist_one_epoch():
    from convviz.io.datasets import load_dataset
    from convviz.train.runner import train

    data = load_dataset("fashion-mnist").limited(12000)
    result = train(TrainConfig(epochs=1), data)
    assert result.train_samples == 9600
    assert result.test_accuracy >= 0.80, result.test_accuracy


@pytest.mark.parametrize("second_block", [False, True])
def test_numpy_forward_matches_keras(second_block):
    from convviz.train.forward import NumpyCNN
    from convviz.train.keras_model import build_model, input_scaling

    config = TrainConfig(filters=4, second_block=second_block, pool="avg" if second_block else "max",
                         standardize=not second_block)
    scaling = InputScaling(3.0, -0.9) if config.standardize else InputScaling()
    model = build_model(config, (28, 28), 8, scaling=scaling)
    assert input_scaling(model) == scaling
    images = synthetic_shapes(5, 1, seed=2).x_train.astype(np.float32) / 255
    expect = model.predict(images[..., None], verbose=0)
    cnn = NumpyCNN(config, model.get_weights(), scaling=scaling)
    for image, probs in zip(images, expect):
        np.testing.assert_allclose(cnn.predict(image), probs, atol=1e-5)


def test_train_process_messages_and_cancel():
    from convviz.io.datasets import DataSpec
    from convviz.train.process import TrainProcess

    data = DataSpec("shapes", shapes_train=400, shapes_test=100)
    proc = TrainProcess()
    proc.start_training(TrainConfig(epochs=1, filters=3), data)
    seen = []
    import time

    deadline = time.monotonic() + 180
    while proc.poll(lambda m: seen.append(m[0])) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen[:2] == ["data", "started"] and "filters" in seen and seen[-1] == "finished"
    assert Path(proc.model_path).stat().st_size > 1000

    proc = TrainProcess()
    proc.start_training(TrainConfig(epochs=500, filters=3), data)
    while "progress" not in seen[-1:] and time.monotonic() < deadline:
        proc.poll(lambda m: seen.append(m[0]))
        time.sleep(0.05)
    proc.shutdown(60)
    assert proc.process is None


PARENT_KILLED_MID_TRAINING = """
import os, signal, sys, time
from convviz.io.datasets import DataSpec
from convviz.model.training import TrainConfig
from convviz.train.process import TrainProcess

if __name__ == "__main__":
    proc = TrainProcess()
    proc.start_training(TrainConfig(epochs=500, filters=3), DataSpec("shapes", shapes_train=400, shapes_test=100))
    seen = []
    while "progress" not in seen:
        proc.poll(lambda m: seen.append(m[0]))
        time.sleep(0.05)
    child = proc.process.pid
    ignored = int(open(f"/proc/{child}/status").read().split("SigIgn:")[1].split()[0], 16)
    print(child, int(bool(ignored & (1 << (signal.SIGINT - 1)))), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # no atexit, no terminate(): only the kernel can end the child
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_training_process_leaves_ctrl_c_to_the_window_and_dies_with_it(tmp_path):
    """The child ignores the terminal's Ctrl+C (the window handles it by closing, which stops
    training cleanly), and a window killed outright takes its training process with it
    instead of leaving it running."""
    import os
    import subprocess
    import time

    script = tmp_path / "parent.py"
    script.write_text(PARENT_KILLED_MID_TRAINING)
    # Files, not pipes: a child that outlived its parent would hold a pipe open for ever.
    with open(tmp_path / "out", "w") as out, open(tmp_path / "err", "w") as err:
        returncode = subprocess.Popen([sys.executable, str(script)], stdout=out, stderr=err).wait(300)
    assert returncode == -9, (tmp_path / "err").read_text()[-2000:]
    child, ignores_ctrl_c = (int(v) for v in (tmp_path / "out").read_text().split())
    assert ignores_ctrl_c

    def alive(pid: int) -> bool:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        return stat[stat.rindex(")") + 2] != "Z"  # a zombie has ended; its reaper may be slow

    deadline = time.monotonic() + 60
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    still = alive(child)
    if still:
        os.kill(child, 9)
    assert not still


def test_keras_datasets_fallback(tmp_path, monkeypatch):
    """Not found offline: keras.datasets is asked (a download when online); its failure keeps the advice."""
    from convviz.io import datasets
    from convviz.io.datasets import DataSpec
    from convviz.io.inputs import InputError
    from convviz.train.data import load_training_data

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setitem(datasets.DEBIAN_DIRS, "mnist", tmp_path / "absent")

    def offline():
        raise OSError("no network")

    monkeypatch.setattr(keras.datasets.mnist, "load_data", offline)
    with pytest.raises(InputError, match="MNIST was not found offline"):
        load_training_data(DataSpec("mnist"))
    images = np.zeros((6, 28, 28), np.uint8)
    monkeypatch.setattr(keras.datasets.mnist, "load_data",
                        lambda: ((images, np.arange(6) % 10), (images[:2], np.arange(2))))
    data = load_training_data(DataSpec("mnist", limit=4))
    assert data.x_train.shape == (4, 28, 28) and data.class_names[3] == "3"
