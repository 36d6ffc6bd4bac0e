"""The Backward tab's TensorFlow program runs as it is and its tf.GradientTape gives the tab's numbers."""

import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
import pytest

from convviz.export.code import WIDTH
from convviz.export.code_backward import backward_snippet
from convviz.model.backward_pass import run_backward, shifted
from convviz.model.document import LECTURE_IMAGE
from convviz.model.settings import OpSettings

rng = np.random.default_rng(7)
CASES = {
    "bank-convolve-same-stride2-ones": (
        OpSettings(op="convolve", padding="same", stride=2), LECTURE_IMAGE,
        [np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], float), rng.integers(-2, 3, (3, 3)).astype(float)],
        [0.0, 0.5], "ones"),
    "relu-maxpool-squared-error-shifted": (
        OpSettings(padding="same", activation="relu", pool="max", pool_size=2, pool_padding="same"),
        LECTURE_IMAGE - 0.4, [rng.integers(-2, 3, (3, 3)).astype(float)], [0.25], "squared_error"),
    "1d-dilated-reflect-full-file": (
        OpSettings(padding="full", dilation=2, boundary="reflect"), rng.integers(-3, 4, 9).astype(float),
        [np.array([2, 1, 5, 3.0])], [0.0], "file"),
    "rgb-explicit-circular-avgpool-tanh-zeros-target": (
        OpSettings(padding="explicit", explicit_pad=(1, 0, 2, 1), boundary="circular", stride=2, dilation=2,
                   activation="tanh", pool="avg", pool_size=2, pool_padding="same"),
        rng.integers(-3, 4, (6, 7, 3)).astype(float), [rng.integers(-2, 3, (2, 3, 3)).astype(float)], [0.1],
        "squared_error"),
}


def _inputs(case):
    settings, x, kernels, biases, upstream = case
    base = run_backward(x, kernels, biases, settings)
    maps = target = None
    if upstream == "file":
        maps = [rng.integers(-2, 3, m.shape).astype(float) for m in base.y]
    elif upstream == "squared_error":
        target = shifted(base.y) if settings.activation == "relu" else [np.zeros_like(m) for m in base.y]
    return settings, x, kernels, biases, dict(upstream=upstream, upstream_maps=maps, target=target, lr=0.05)


@pytest.mark.parametrize("name", CASES)
def test_snippet_lines_fit_the_code_tab(name):
    settings, x, kernels, biases, options = _inputs(CASES[name])
    code = backward_snippet(settings, x, kernels, biases, **options)
    assert max(len(line) for line in code.splitlines()) <= WIDTH
    compile(code, "<snippet>", "exec")


@pytest.mark.tensorflow
@pytest.mark.parametrize("name", CASES)
def test_snippet_tape_equals_the_backward_tab(name, capsys):
    pytest.importorskip("tensorflow")
    settings, x, kernels, biases, options = _inputs(CASES[name])
    expected = run_backward(x, kernels, biases, settings, **options)
    scope = {}
    exec(compile(backward_snippet(settings, x, kernels, biases, **options), "<snippet>", "exec"), scope)
    for got, want in zip(scope["dW"], expected.dW):
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scope["db"], expected.db, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scope["dX"], expected.dX, rtol=1e-9, atol=1e-12)
    assert scope["loss_before"] == pytest.approx(expected.loss_before, rel=1e-9)
    assert scope["loss_after"] == pytest.approx(expected.loss_after, rel=1e-9)
    assert "loss" in capsys.readouterr().out
