"""Generated NumPy/SciPy and TensorFlow code reproduces what the engine computes."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings as hsettings, strategies as st

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
    centered = tensorflow_code(OpSettings(padding="same", same="centered"), (5, 5), (2, 2))
    assert "[[0, 0], [1, 0], [1, 0], [0, 0]]" in centered


# ------------------------------------------------------ whole snippets, run as they are
from itertools import product  # noqa: E402

from convviz.export.code import INPUT_FILE, WIDTH, inline_input, numpy_snippet, tensorflow_snippet  # noqa: E402

_rng = np.random.default_rng(7)
#: (input, kernel, bias): the lecture's 1D and 2D examples, an RGB input with a different matrix on
#: each channel, and values that need every digit of a float64 to come back exactly.
INPUTS = {
    "1d": (np.array([2, 8, 3, 7, 1, 2, 0, 4, 5.0]), np.array([2, 1, 5, 3.0]), 0.0),
    "2d": (np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0.0]]),
           np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1.0]]), -1.5),
    "rgb": (_rng.integers(0, 5, (6, 7, 3)).astype(float), _rng.integers(-2, 3, (2, 3, 3)).astype(float), 0.25),
    "float": (_rng.random((7, 6)) / 3, np.array([[0.1, -1 / 3], [2 / 7, 1e-9]]), 1 / 3),
}
SETTINGS = [
    OpSettings(op=op, padding=padding, same=same, boundary=boundary, stride=stride, dilation=dilation,
               activation=activation, pool=pool, pool_padding=pool_padding, explicit_pad=(2, 0, 1, 3))
    for op, padding, same, boundary, (stride, dilation), activation, (pool, pool_padding) in product(
        ("correlate", "convolve"), ("valid", "same", "full", "explicit"), ("tensorflow", "centered"),
        ("zeros", "reflect", "circular"), ((1, 1), (2, 1), (1, 2), (2, 2)), ("none", "leaky_relu"),
        (("none", "valid"), ("max", "same"), ("avg", "same"), ("avg", "valid")))
    if same == "tensorflow" or padding == "same"  # 'same=' matters only under 'same'
][::7]  # every 7th of the 1,280 combinations: each setting still appears with many others
SETTINGS += [OpSettings(activation=a) for a in ("relu", "sigmoid", "tanh", "elu")]
SETTINGS += [OpSettings(boundary="replicate", padding="same"), OpSettings(pool="max", pool_size=3, pool_stride=1)]


def _fresh(code: str) -> dict:
    scope: dict = {}
    exec(compile(code, "<snippet>", "exec"), scope)
    return scope


@pytest.mark.parametrize("name", INPUTS)
def test_numpy_snippet_runs_alone_and_matches_engine(name):
    """The Code tab's NumPy/SciPy program, copied as it is: nothing defined beforehand."""
    x, w, b = INPUTS[name]
    ran = 0
    for s in SETTINGS:
        try:
            result = run_pipeline(x, [w], [b], s)
        except ValueError:
            continue  # the window shows an error, not code, for these (e.g. a map of size 0)
        code = numpy_snippet(s, x, w, b)
        scope = _fresh(code)
        np.testing.assert_array_equal(scope["x"], x, err_msg=code)  # values printed exactly
        np.testing.assert_array_equal(scope["w"], w, err_msg=code)
        assert scope["b"] == b
        np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-12, atol=1e-12, err_msg=code)
        if s.pool != "none":
            np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-12, atol=1e-12, err_msg=code)
        ran += 1
    assert ran > len(SETTINGS) // 2


@pytest.mark.parametrize("name", INPUTS)
def test_snippet_lines_fit_the_pane(name):
    x, w, b = INPUTS[name]
    for s in SETTINGS:
        for make in (numpy_snippet, tensorflow_snippet):
            try:
                code = make(s, x, w, b)
            except ValueError:
                continue
            too_long = [line for line in code.splitlines() if len(line) > WIDTH]
            assert not too_long, (s, too_long)


def test_rgb_channels_are_matrices_and_repeated_kernels_said_once():
    x = np.stack([np.eye(3), np.ones((3, 3)), np.zeros((3, 3))], axis=-1)
    code = numpy_snippet(OpSettings(), x, np.repeat(np.eye(2)[:, :, None], 3, axis=2), 0.0)
    assert "x_red = np.array([" in code and "x = np.stack([x_red, x_green, x_blue], axis=-1)" in code
    assert "w = np.stack([w_channel] * 3, axis=-1)" in code
    assert "    [1, 0, 0],\n    [0, 1, 0]," in code  # one row per line, as the matrix reads


def test_large_input_is_read_from_a_file(tmp_path, monkeypatch):
    """A 64x64 image printed in full would be ~80 kB of digits: the snippet loads input.npy."""
    x = np.random.default_rng(1).random((64, 64))
    w, b, s = np.array([[1.0, -1.0]]), 0.5, OpSettings(padding="same", pool="max")
    assert not inline_input(x) and inline_input(np.ones((32, 32)))
    code = numpy_snippet(s, x, w, b)
    assert f"x = np.load('{INPUT_FILE}')" in code and len(code) < 2000
    monkeypatch.chdir(tmp_path)
    np.save(INPUT_FILE, x)
    scope = _fresh(code)
    result = run_pipeline(x, [w], [b], s)
    np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-12, atol=1e-12)
    np.save(INPUT_FILE, x[:10])
    with pytest.raises(AssertionError, match="10, 64"):  # a stale file says so instead of computing
        _fresh(code)


@pytest.mark.tensorflow
@pytest.mark.slow
@pytest.mark.parametrize("name,s", [
    ("2d", OpSettings(op="convolve", padding="same", same="centered", pool="avg", pool_padding="same")),
    ("rgb", OpSettings(padding="explicit", explicit_pad=(2, 0, 1, 3), stride=2, dilation=2, boundary="reflect",
                       activation="leaky_relu", pool="max", pool_padding="same")),
    ("1d", OpSettings(op="convolve", padding="full", stride=2, pool="max", pool_size=2)),
])
def test_tensorflow_snippet_runs_alone_and_matches_engine(monkeypatch, name, s):
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "0")
    pytest.importorskip("tensorflow")
    x, w, b = INPUTS[name]
    result = run_pipeline(x, [w], [b], s)
    code = tensorflow_snippet(s, x, w, b)
    scope = _fresh(code)
    np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-12, atol=1e-12, err_msg=code)
    np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-12, atol=1e-12, err_msg=code)
