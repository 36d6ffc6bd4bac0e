"""Grouped and depthwise convolution in the explorer (issue 20 item 4): the settings, the pipeline's maps
against Keras's Conv2D(groups=) and DepthwiseConv2D, the steps of a filter (its group's channels only),
the counts against Keras's count_params() and convviz.core.network.counts, the document and the hover."""

import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # before TensorFlow loads (see common notes)

from dataclasses import replace  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from convviz.model.conv_counts import conv_counts  # noqa: E402
from convviz.model.document import Document  # noqa: E402
from convviz.model.hover import HoverController  # noqa: E402
from convviz.model.pipeline import run_pipeline, step_trace  # noqa: E402
from convviz.model.settings import OpSettings  # noqa: E402

from .test_hover import FakeView  # noqa: E402

RNG = np.random.default_rng(20)
X = RNG.integers(-2, 3, size=(6, 5, 3)).astype(float)
BANK = [RNG.integers(-2, 3, size=(3, 3, 3)).astype(float) for _ in range(6)]
BIASES = [0.5, -1.0, 0.0, 2.0, 0.25, -0.5]


def test_settings_take_groups_and_refuse_what_cannot_split():
    s = OpSettings(groups=3).validate()
    assert OpSettings.from_dict(s.to_dict()) == s
    assert "groups" not in OpSettings().to_dict()  # sessions without groups stay byte for byte as they were
    assert s.groups_problem(3, 6) is None
    assert list(s.group_channels(3, 6, 3)) == [1]  # depth multiplier 2: filters 3 and 4 read G
    assert "multiple of 3 filters" in s.groups_problem(3, 4)
    assert "need an input with channels" in s.groups_problem(1, 3)
    assert "cannot split 3 input channels" in replace(s, groups=2).groups_problem(3, 4)
    for bad, words in ((dict(groups=0), "positive"), (dict(groups=True), "positive"),
                       (dict(op="transposed"), "transposed convolution reads every channel")):
        with pytest.raises(ValueError, match=words):
            replace(s, **bad).validate()
    with pytest.raises(ValueError, match="multiple of 3 filters"):
        run_pipeline(X, BANK[:4], BIASES[:4], s)


def _keras_maps(layer, x, weights):
    layer.build((1,) + x.shape)
    layer.set_weights(weights)
    return np.asarray(layer(x[None].astype("float32")))[0].astype(np.float64)


@pytest.mark.parametrize("padding,stride,dilation", [("valid", 1, 1), ("same", 2, 1), ("same", 1, 2)])
def test_depthwise_maps_equal_keras_depthwise_conv2d(padding, stride, dilation):
    keras = pytest.importorskip("keras")
    s = OpSettings(groups=3, padding=padding, stride=stride, dilation=dilation)
    result = run_pipeline(X, BANK, BIASES, s)
    # Filter f reads channel f // 2 (multiplier 2); Keras's depthwise kernel is (kh, kw, C, M).
    depthwise = np.stack([np.stack([BANK[2 * c + m][:, :, c] for m in range(2)], axis=-1) for c in range(3)], axis=2)
    layer = keras.layers.DepthwiseConv2D(3, strides=stride, padding=padding, dilation_rate=dilation,
                                         depth_multiplier=2)
    expect = _keras_maps(layer, X, [depthwise, np.array(BIASES)])
    np.testing.assert_allclose(np.stack(result.raw, axis=-1), expect, atol=1e-4)


@pytest.mark.parametrize("op", ["correlate", "convolve"])
def test_grouped_maps_equal_keras_conv2d_groups(op):
    keras = pytest.importorskip("keras")
    x = RNG.normal(size=(5, 6, 3))
    bank = [RNG.normal(size=(2, 3, 3)) for _ in range(3)]
    s = OpSettings(op=op, groups=3, padding="same")
    result = run_pipeline(x, bank, [0.0, 1.0, -1.0], s)
    applied = [k[::-1, ::-1] if op == "convolve" else k for k in bank]
    kernel = np.stack([applied[f][:, :, f:f + 1] for f in range(3)], axis=-1)[:, :, 0]  # (kh, kw, 1, 3)
    layer = keras.layers.Conv2D(3, (2, 3), padding="same", groups=3)
    expect = _keras_maps(layer, x, [kernel[:, :, None, :], np.array([0.0, 1.0, -1.0])])
    np.testing.assert_allclose(np.stack(result.raw, axis=-1), expect, atol=1e-4)


def test_a_filters_steps_read_its_groups_channel_and_total_to_its_map():
    s = OpSettings(groups=3, padding="same", boundary="reflect")
    result = run_pipeline(X, BANK, BIASES, s)
    for f in (0, 3, 5):
        steps = step_trace(X, BANK, BIASES, s, "conv", f)
        assert steps.channels_read == (f // 2,) and steps.input_channels == 3
        np.testing.assert_array_equal(steps[0].values.shape, (3, 3))  # one channel: a plain 2D window
        np.testing.assert_allclose([step.total for step in steps], result.raw[f].ravel(), rtol=1e-12)
    assert step_trace(X, BANK, BIASES, OpSettings(), "conv", 0).channels_read is None


@pytest.mark.parametrize("kernel,groups,filters,padding,stride",
                         [((3, 3), 1, 4, "valid", 1), ((1, 1), 1, 5, "same", 1), ((3, 3), 3, 3, "same", 1),
                          ((3, 2), 3, 6, "valid", 2)])
def test_counts_equal_keras_count_params_and_the_network_counts(kernel, groups, filters, padding, stride):
    keras = pytest.importorskip("keras")
    s = OpSettings(groups=groups, padding=padding, stride=stride)
    counts = conv_counts((7, 6, 3), kernel, filters, s)
    x = keras.Input((7, 6, 3))
    standard = keras.layers.Conv2D(filters, kernel, strides=stride, padding=padding)
    out = standard(x)
    cells = int(np.prod(out.shape[1:3]))
    assert counts.standard.params == standard.count_params()
    assert counts.standard.macs == cells * filters * 3 * np.prod(kernel)
    if groups == 1:
        assert counts.this == counts.standard and counts.separable is None
        assert counts.this.kind == ("pointwise" if kernel == (1, 1) else "standard")
        return
    depthwise = keras.layers.DepthwiseConv2D(kernel, strides=stride, padding=padding,
                                             depth_multiplier=filters // 3)
    separable = keras.layers.SeparableConv2D(filters, kernel, strides=stride, padding=padding,
                                             depth_multiplier=filters // 3)
    depthwise(x), separable(x)
    assert counts.this.params == depthwise.count_params()
    assert counts.separable.params == separable.count_params()
    from convviz.core.network.counts import layer_macs
    from convviz.core.network.spec import LayerSpec

    layer = LayerSpec("d", "DepthwiseConv2D", {"kernel_size": list(kernel), "depth_multiplier": filters // 3})
    assert counts.this.macs == layer_macs(layer, (7, 6, 3), tuple(out.shape[1:3]) + (filters,))
    assert counts.this.macs == cells * filters * np.prod(kernel)
    assert counts.separable.macs == counts.this.macs + cells * filters * filters
    assert counts.params_ratio == depthwise.count_params() / standard.count_params()


def test_the_document_turns_standard_when_the_input_loses_its_channels():
    doc = Document()
    doc.set_input(X[:5, :5])
    doc.set_kernels(BANK[:3])
    doc.set_settings(groups=3)
    seen = []
    doc.events.settings.connect(seen.append)
    doc.set_rgb(False)
    assert doc.settings.groups == 1 and seen and seen[-1].groups == 1


def test_the_hover_names_the_channel_a_depthwise_cell_sums():
    doc = Document()
    doc.set_input(X)
    doc.set_kernels(BANK, BIASES)
    doc.set_settings(groups=3)
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    view = FakeView({("feature", 3): result.raw[3].shape})
    hover = HoverController(doc, lambda: result, view)
    hover.hover("feature", 3, 1, 1)
    e = [c[1] for c in view.calls if c[0] == "explain"][-1]
    assert e.note == "Depthwise: F4 reads channel G only (one channel per filter)."
    window = X[1:4, 1:4, 1] * BANK[3][:, :, 1]  # valid: out[1, 1] reads rows and columns 1-3
    assert e.expression.endswith(f"= {float(window.sum() + BIASES[3]):g}")


def test_equal_kernels_in_different_groups_make_different_maps():
    """The pipeline's cache told filters apart by their kernels: three copies of one kernel came out as
    channel R's map three times."""
    same = [BANK[0]] * 3
    maps = run_pipeline(X, same, [0.0] * 3, OpSettings(groups=3)).raw
    for c in range(3):
        np.testing.assert_array_equal(maps[c], run_pipeline(X[..., c], [BANK[0][..., c]], [0.0], OpSettings()).raw[0])


def test_the_backward_pass_and_its_program_refuse_a_grouped_layer_in_one_sentence():
    from convviz.export.code_backward import backward_snippet
    from convviz.model.backward_pass import run_backward

    with pytest.raises(ValueError, match="shown for a standard convolution"):
        run_backward(X, BANK, BIASES, OpSettings(groups=3))
    with pytest.raises(ValueError, match="shown for a standard convolution"):
        backward_snippet(OpSettings(groups=3), X, BANK, BIASES)


def test_the_note_of_a_grouped_cell_names_its_channels_and_group():
    from convviz.model.explain import group_note

    assert group_note(2, (2, 3), 4, 2) == "Grouped: F3 sums channels c2, c3 only (group 2 of 2)."
    assert group_note(0, (0,), 3, 3) == "Depthwise: F1 reads channel R only (one channel per filter)."
