"""Generated NumPy/SciPy and TensorFlow code reproduces what the engine computes."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings as hsettings
from hypothesis import strategies as st

from convviz.export.code import numpy_code, tensorflow_code
from convviz.model.pipeline import OpSettings, run_pipeline

settings_strategy = st.builds(
    OpSettings,
    op=st.sampled_from(["correlate", "convolve"]),
    padding=st.sampled_from(["valid", "same", "full", "explicit"]),
    explicit_pad=st.tuples(*[st.integers(0, 2)] * 4),
    same=st.sampled_from(["tensorflow", "centered"]),
    boundary=st.sampled_from(["zeros", "reflect", "replicate", "circular"]),
    stride=st.integers(1, 2),
    dilation=st.integers(1, 2),
    activation=st.sampled_from(["none", "relu", "leaky_relu", "sigmoid", "tanh", "elu"]),
    pool=st.sampled_from(["none", "max", "avg"]),
    pool_size=st.integers(1, 2),
    pool_stride=st.integers(0, 2),
    pool_padding=st.sampled_from(["valid", "same"]),
)


def _case(data, spatial, channels):
    rng = np.random.default_rng(data.draw(st.integers(0, 10_000)))
    if spatial == 1:
        x = rng.integers(-4, 5, data.draw(st.integers(3, 12))).astype(float)
        w = rng.integers(-3, 4, data.draw(st.integers(1, 4))).astype(float)
    else:
        shape = (data.draw(st.integers(4, 9)), data.draw(st.integers(4, 9)))
        kshape = (data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3)))
        if channels > 1:
            shape, kshape = shape + (channels,), kshape + (channels,)
        x = rng.integers(-4, 5, shape).astype(float)
        w = rng.integers(-3, 4, kshape).astype(float)
    return x, w, float(rng.integers(-2, 3))


def _engine(x, w, b, s):
    try:
        return run_pipeline(x, [w], [b], s)
    except ValueError:
        assume(False)


def _run(code, x, w, b):
    scope = {"x": x.copy(), "w": w.copy(), "b": b}
    exec(compile(code, "<snippet>", "exec"), scope)
    return scope


@pytest.mark.parametrize("spatial,channels", [(1, 1), (2, 1), (2, 3)])
@hsettings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(s=settings_strategy, data=st.data())
def test_numpy_snippets_match_engine(spatial, channels, s, data):
    x, w, b = _case(data, spatial, channels)
    result = _engine(x, w, b, s)
    code = numpy_code(s, x.shape, w.shape)
    scope = _run(code, x, w, b)
    np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-9, atol=1e-9, err_msg=code)
    if s.pool != "none":
        np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-9, atol=1e-9, err_msg=code)


@pytest.mark.tensorflow
@pytest.mark.parametrize("spatial,channels", [(1, 1), (2, 1), (2, 3)])
@hsettings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(s=settings_strategy, data=st.data())
def test_tensorflow_snippets_match_engine(spatial, channels, s, data):
    pytest.importorskip("tensorflow")
    x, w, b = _case(data, spatial, channels)
    result = _engine(x, w, b, s)
    code = tensorflow_code(s, x.shape, w.shape)
    scope = _run(code, x, w, b)
    np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-7, atol=1e-7, err_msg=code)
    if s.pool != "none":
        np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-7, atol=1e-7, err_msg=code)


@pytest.mark.tensorflow
@pytest.mark.parametrize("shape", [(5, 4), (6, 7), (7,)])
def test_tensorflow_same_with_stride_and_dilation(shape):
    """TensorFlow refuses stride and dilation > 1 together, so the code convolves at stride 1
    and strides afterwards; 'SAME' at stride 1 pads differently, so the pads are written out
    (hypothesis found a 5x4 input with a 1x2 kernel where 'SAME' gave the wrong numbers)."""
    pytest.importorskip("tensorflow")
    x = np.arange(np.prod(shape), dtype=np.float64).reshape(shape) % 5
    w = np.array([1.0, 2.0]) if len(shape) == 1 else np.array([[1.0, 2.0]])
    s = OpSettings(padding="same", stride=2, dilation=2)
    code = tensorflow_code(s, x.shape, w.shape)
    assert "padding='SAME'" not in code and "Conv2D" not in code
    np.testing.assert_allclose(_run(code, x, w, 0.5)["out"], _engine(x, w, 0.5, s).activated[0], atol=1e-12)


def test_library_modes_are_named_when_they_match():
    code = numpy_code(OpSettings(padding="same"), (5, 5), (2, 2))
    assert "scipy.signal.correlate2d(x, w, mode='same')" in code
    code = numpy_code(OpSettings(padding="same", same="centered"), (5, 5), (2, 2))
    assert "scipy.signal.correlate(x, w, mode='same')" in code
    assert "padding='SAME'" in tensorflow_code(OpSettings(padding="same"), (5, 5), (3, 3))
    assert "[[0, 0], [1, 0], [1, 0], [0, 0]]" in tensorflow_code(OpSettings(padding="same", same="centered"), (5, 5), (2, 2))
