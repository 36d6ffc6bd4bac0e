"""The Code tab's transposed convolution: the NumPy scatter and tf.nn.conv2d_transpose snippets run and
give the explorer's maps (which equal conv_transpose, held against Keras in tests/core)."""

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from convviz.export.code import WIDTH, numpy_code, numpy_snippet, tensorflow_code
from convviz.model.pipeline import OpSettings, run_pipeline

from .test_code import _case, _run

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # oneDNN fails some transposed shapes on this machine


@st.composite
def transposed_settings(draw):
    stride = draw(st.integers(1, 3))
    return OpSettings(op="transposed", padding=draw(st.sampled_from(["valid", "same", "explicit"])),
                      explicit_pad=draw(st.tuples(*[st.integers(0, 2)] * 4)), stride=stride,
                      dilation=draw(st.integers(1, 2)),
                      output_padding=draw(st.one_of(st.none(), st.integers(0, stride - 1))),
                      activation=draw(st.sampled_from(["none", "relu", "tanh"])),
                      pool=draw(st.sampled_from(["none", "max", "avg"])), pool_padding="same")


def _engine(x, w, b, s):
    try:
        return run_pipeline(x, [w], [b], s)
    except ValueError:
        return None  # a 'same' output padding TensorFlow refuses too


@pytest.mark.parametrize("spatial,channels", [(1, 1), (2, 1), (2, 3)])
@hsettings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(s=transposed_settings(), data=st.data())
def test_the_numpy_scatter_matches_the_engine(spatial, channels, s, data):
    x, w, b = _case(data, spatial, channels)
    result = _engine(x, w, b, s)
    if result is None:
        return
    code = numpy_code(s, x.shape, w.shape)
    assert all(len(line) <= WIDTH for line in code.splitlines()), code
    scope = _run(code, x, w, b)
    np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-9, atol=1e-9, err_msg=code)
    if s.pool != "none":
        np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-9, atol=1e-9, err_msg=code)


def test_the_numpy_snippet_runs_alone():
    x = np.array([[1, 2, 0], [0, 1, 3], [2, 0, 1]], float)
    w = np.array([[1, 0, -1], [2, 1, 0], [0, 1, 1]], float)
    s = OpSettings(op="transposed", stride=2, padding="same", output_padding=1)
    code = numpy_snippet(s, x, w, 0.5)
    scope: dict = {}
    exec(compile(code, "<snippet>", "exec"), scope)
    np.testing.assert_array_equal(scope["out"], run_pipeline(x, [w], [0.5], s).raw[0])
    assert "full[i * 2:i * 2 + 3, j * 2:j * 2 + 3] += stamp" in code


TF_CASES = [
    (2, 1, OpSettings(op="transposed", stride=2, padding="valid")),
    (2, 1, OpSettings(op="transposed", stride=2, padding="same", output_padding=1, activation="relu", pool="max")),
    (2, 3, OpSettings(op="transposed", stride=3, padding="explicit", explicit_pad=(1, 2, 0, 1), output_padding=2)),
    (2, 1, OpSettings(op="transposed", stride=2, padding="valid", dilation=2)),
    (1, 1, OpSettings(op="transposed", stride=2, padding="same")),
    (1, 1, OpSettings(op="transposed", stride=3, padding="explicit", explicit_pad=(0, 0, 1, 0), dilation=2)),
]


@pytest.mark.tensorflow
@pytest.mark.parametrize("spatial,channels,s", TF_CASES)
def test_the_tensorflow_snippet_matches_the_engine(spatial, channels, s):
    pytest.importorskip("tensorflow")
    rng = np.random.default_rng(3)
    x = rng.integers(-4, 5, (7,) if spatial == 1 else (5, 4) + ((3,) if channels > 1 else ())).astype(float)
    w = rng.integers(-3, 4, (3,) if spatial == 1 else (3, 2) + ((3,) if channels > 1 else ())).astype(float)
    result = run_pipeline(x, [w], [1.5], s)
    code = tensorflow_code(s, x.shape, w.shape)
    assert "tf.nn.conv2d_transpose" in code and all(len(line) <= WIDTH for line in code.splitlines()), code
    scope = _run(code, x, w, 1.5)
    np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-9, atol=1e-9, err_msg=code)
    if s.pool != "none":
        np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-9, atol=1e-9, err_msg=code)
    if s.padding != "explicit" and s.dilation == 1:
        assert "keras.layers.Conv" in code and "Transpose" in code
