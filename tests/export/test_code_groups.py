"""The Code tab's programs for a grouped or depthwise filter (issue 20 item 4), executed: NumPy for generated
settings and TensorFlow (tf.nn.depthwise_conv2d, tf.nn.conv2d on the group's channels) for a few, against
the explorer's maps; the Keras layer the comment names computes the whole bank."""

import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # before TensorFlow loads (see common notes)

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st  # noqa: E402

from convviz.export.code import WIDTH, numpy_snippet, tensorflow_snippet  # noqa: E402
from convviz.model.pipeline import OpSettings, run_pipeline  # noqa: E402


def _bank(rng, channels, filters, k=(3, 3), size=(6, 5)):
    x = rng.integers(-4, 5, size + (channels,)).astype(float)
    bank = [rng.integers(-3, 4, k + (channels,)).astype(float) for _ in range(filters)]
    return x, bank, [float(v) for v in rng.integers(-2, 3, filters)]


def _run(code):
    scope: dict = {}
    exec(compile(code, "<snippet>", "exec"), scope)
    return scope


@hsettings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(op=st.sampled_from(["correlate", "convolve"]), padding=st.sampled_from(["valid", "same", "full", "explicit"]),
       boundary=st.sampled_from(["zeros", "reflect", "replicate", "circular"]), stride=st.integers(1, 2),
       dilation=st.integers(1, 2), split=st.sampled_from([(3, 3, 1), (3, 6, 2), (4, 4, 2)]), seed=st.integers(0, 999))
def test_numpy_programs_of_every_filter_equal_the_maps(op, padding, boundary, stride, dilation, split, seed):
    channels, filters, groups = split[0], split[1], split[2] if split[0] == 4 else split[0]
    x, bank, biases = _bank(np.random.default_rng(seed), channels, filters)
    s = OpSettings(op=op, padding=padding, boundary=boundary, stride=stride, dilation=dilation, groups=groups,
                   explicit_pad=(1, 0, 2, 1))
    maps = run_pipeline(x, bank, biases, s).raw
    for f in range(filters):
        code = numpy_snippet(s, x, bank[f], biases[f], filter_number=f + 1, filters=filters)
        assert max(len(line) for line in code.splitlines()) <= WIDTH
        np.testing.assert_allclose(_run(code)["out"], maps[f], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("settings,split", [
    (dict(padding="same", stride=2), (3, 6, 3)),  # depthwise, multiplier 2
    (dict(padding="explicit", dilation=2, activation="relu", pool="max"), (3, 3, 3)),
    (dict(padding="same", stride=2, dilation=2, boundary="reflect"), (3, 3, 3)),
    (dict(padding="valid", op="convolve"), (4, 4, 2)),  # grouped: 2 channels a filter
])
def test_tensorflow_programs_equal_the_maps(settings, split):
    pytest.importorskip("tensorflow")
    channels, filters, groups = split
    x, bank, biases = _bank(np.random.default_rng(3), channels, filters)
    s = OpSettings(groups=groups, **settings)
    result = run_pipeline(x, bank, biases, s)
    for f in (0, filters - 1):
        code = tensorflow_snippet(s, x, bank[f], biases[f], filter_number=f + 1, filters=filters)
        assert max(len(line) for line in code.splitlines()) <= WIDTH
        assert ("tf.nn.depthwise_conv2d(x4" in code) == (groups == channels)
        scope = _run(code)
        np.testing.assert_allclose(scope["out"], result.activated[f], rtol=1e-9, atol=1e-9)
        if s.pool != "none":
            np.testing.assert_allclose(scope["pooled"], result.pooled[f], rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("split,layer", [((3, 6, 3), "DepthwiseConv2D"), ((4, 4, 2), "Conv2D")])
def test_the_keras_layer_in_the_comment_computes_the_whole_bank(split, layer):
    keras = pytest.importorskip("keras")
    channels, filters, groups = split
    x, bank, biases = _bank(np.random.default_rng(5), channels, filters)
    s = OpSettings(groups=groups, padding="same")
    code = tensorflow_snippet(s, x, bank[0], biases[0], filter_number=1, filters=filters)
    m = filters // groups
    if layer == "DepthwiseConv2D":
        assert f"# keras.layers.DepthwiseConv2D((3, 3), depth_multiplier={m}," in code
        kernel = np.zeros((3, 3, channels, m))
        for f in range(filters):
            kernel[:, :, f // m, f % m] = bank[f][:, :, f // m]
        keras_layer = keras.layers.DepthwiseConv2D((3, 3), depth_multiplier=m, padding="same")
    else:
        assert f"# keras.layers.Conv2D({filters}, (3, 3), groups={groups}," in code
        per = channels // groups
        kernel = np.stack([bank[f][:, :, (f // m) * per:(f // m + 1) * per] for f in range(filters)], axis=-1)
        keras_layer = keras.layers.Conv2D(filters, (3, 3), groups=groups, padding="same")
    keras_layer.build((1,) + x.shape)
    keras_layer.set_weights([kernel, np.array(biases)])
    out = np.asarray(keras_layer(x[None].astype("float32")))[0]
    np.testing.assert_allclose(out, np.stack(run_pipeline(x, bank, biases, s).raw, axis=-1), atol=1e-4)


def test_a_bank_the_groups_cannot_split_is_one_sentence():
    x, bank, biases = _bank(np.random.default_rng(1), 3, 4)
    with pytest.raises(ValueError, match="multiple of 3 filters"):
        numpy_snippet(OpSettings(groups=3), x, bank[0], biases[0], filter_number=1, filters=4)
