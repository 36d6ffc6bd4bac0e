"""``convviz export --groups N|depthwise``: the maps are the explorer's grouped convolution (a 2D kernel applied to
each channel, or a Keras-layout grouped kernel), held against scipy per channel; bad options are one line."""

import numpy as np
import pytest
from scipy import signal

from convviz.core.kernels import preset
from convviz.export.cli import main
from convviz.model.pipeline import OpSettings, run_pipeline

RNG = np.random.default_rng(11)
X = RNG.integers(0, 4, size=(6, 5, 3)).astype(float)
SOBEL = preset("sobel_x").astype(float)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    np.save(tmp_path / "x.npy", X)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_depthwise_applies_a_2d_kernel_to_each_channel(folder):
    assert main(["x.npy", "--kernel", "sobel_x", "--groups", "depthwise", "--padding", "same", "--format", "npy",
                 "--out", "out"]) == 0
    out = np.load(folder / "out" / "output.npy")
    expect = np.stack([signal.correlate2d(X[..., c], SOBEL, mode="same") for c in range(3)], axis=-1)
    np.testing.assert_allclose(out, expect, atol=1e-12)


def test_a_keras_layout_depthwise_kernel_is_read_as_such(folder):
    kernel = RNG.integers(-2, 3, size=(2, 2, 1, 6)).astype(float)  # Conv2D(groups=3): (kh, kw, C/3, F)
    np.save(folder / "k.npy", kernel)
    assert main(["x.npy", "--kernel", "k.npy", "--groups", "3", "--format", "npy", "--out", "out"]) == 0
    out = np.load(folder / "out" / "output.npy")
    expect = np.stack([signal.correlate2d(X[..., f // 2], kernel[:, :, 0, f], mode="valid") for f in range(6)],
                      axis=-1)
    np.testing.assert_allclose(out, expect, atol=1e-12)
    full = [np.zeros((2, 2, 3)) for _ in range(6)]
    for f in range(6):
        full[f][:, :, f // 2] = kernel[:, :, 0, f]
    np.testing.assert_allclose(out, np.stack(run_pipeline(X, full, [0.0] * 6, OpSettings(groups=3)).raw, -1))


@pytest.mark.parametrize("args,message", [
    (("--groups", "2"), "2 groups cannot split 3 input channels"),
    (("--groups", "0"), "groups must be a positive integer"),
    (("--groups", "dw"), "expected a number or depthwise"),
    (("--groups", "3", "--op", "transposed"), "--groups: groups are for correlate or convolve"),
])
def test_bad_groups_are_one_line(folder, capsys, args, message):
    assert main(["x.npy", "--kernel", "sobel_x", *args, "--out", "out"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err, err
    assert not (folder / "out").exists()


def test_a_grey_input_has_no_channels_to_split(folder, capsys):
    np.save(folder / "grey.npy", X[..., 0])
    assert main(["grey.npy", "--kernel", "sobel_x", "--groups", "depthwise", "--out", "out"]) == 2
    assert "--groups: groups need an input with channels" in capsys.readouterr().err
