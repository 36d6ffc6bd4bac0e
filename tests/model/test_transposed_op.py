"""The explorer's transposed convolution: settings, the pipeline's maps (equal to core.conv_transpose, which
tests/core/test_transposed.py holds against Keras), the document's geometry and budget, and the hover."""

from dataclasses import replace

import numpy as np
import pytest

from convviz.core import conv_transpose
from convviz.core.scatter import ScatterTrace
from convviz.model.document import Document
from convviz.model.hover import HoverController
from convviz.model.limits import BudgetError
from convviz.model.pipeline import run_pipeline, step_trace
from convviz.model.settings import OpSettings

from .test_hover import FakeView

X = np.array([[1, 2, 0], [0, 1, 3], [2, 0, 1]], float)
K1 = np.array([[1, 0, -1], [2, 1, 0], [0, 1, 1]], float)
K2 = np.arange(9, dtype=float).reshape(3, 3) - 4


def test_settings_take_the_op_and_an_output_padding_below_the_stride():
    s = OpSettings(op="transposed", stride=2, output_padding=1).validate()
    assert s.transposed_kwargs(2) == dict(strides=2, padding="valid", output_padding=1, dilation=1)
    assert OpSettings.from_dict(s.to_dict()) == s
    for bad, words in ((dict(output_padding=2), "less than the stride"), (dict(output_padding=-1), "non-negative"),
                       (dict(output_padding=True), "non-negative"), (dict(padding="full"), "'valid', 'same'")):
        with pytest.raises(ValueError, match=words):
            replace(s, **bad).validate()
    OpSettings(op="correlate", stride=1, output_padding=3).validate()  # kept for the op's return, not used


@pytest.mark.parametrize("padding,explicit,output_padding", [("valid", None, None), ("same", None, None),
                                                             ("valid", None, 1), ("same", None, 1),
                                                             ("explicit", (1, 0, 2, 1), None)])
@pytest.mark.parametrize("rgb", [False, True])
def test_the_pipeline_maps_are_conv_transpose_for_a_bank(padding, explicit, output_padding, rgb):
    x = np.stack([X, X[::-1], X.T], axis=-1) if rgb else X
    kernels = [np.stack([K1, K2, -K1], axis=-1), np.stack([K2, K1, K1], axis=-1)] if rgb else [K1, K2]
    s = OpSettings(op="transposed", padding=padding, explicit_pad=explicit or (1, 1, 1, 1), stride=2,
                   output_padding=output_padding, activation="relu", pool="max")
    result = run_pipeline(x, kernels, [0.5, -1.0], s)
    # Keras's transposed layout (kh, kw, out, in), from the explorer's per-filter (kh, kw, in) kernels.
    bank = np.stack([k if rgb else k[..., None] for k in kernels], axis=2)
    pad = ((1, 0), (2, 1)) if padding == "explicit" else padding
    expected = conv_transpose(x if rgb else x[..., None], bank, strides=2, padding=pad,
                              output_padding=output_padding, bias=[0.5, -1.0])
    for f in range(2):
        np.testing.assert_allclose(result.raw[f], expected[..., f], rtol=0, atol=1e-12)
        np.testing.assert_allclose(result.activated[f], np.maximum(expected[..., f], 0), atol=1e-12)
    assert result.out_shape == expected.shape[:2] and result.pads == ((0, 0), (0, 0))
    assert result.pooled[0].shape == (expected.shape[0] // 2, expected.shape[1] // 2)
    steps = step_trace(x, kernels, [0.5, -1.0], s, "conv", 1)
    assert isinstance(steps, ScatterTrace)
    np.testing.assert_allclose(steps.partial(len(steps) - 1)[0], expected[..., 1], atol=1e-12)


def test_a_signal_with_dilation():
    x, k = np.array([2, 8, 3, 7, 1, 2.0]), np.array([1, 2, 1.0])
    s = OpSettings(op="transposed", padding="same", stride=3, dilation=2)
    result = run_pipeline(x, [k], [0.0], s)
    np.testing.assert_array_equal(result.raw[0], conv_transpose(x, k, strides=3, padding="same", dilation=2))
    assert result.out_shape == (18,)


def test_the_documents_geometry_and_memory_budget_know_the_larger_output():
    doc = Document()
    doc.set_settings(op="transposed", stride=2)
    g = doc.conv_geometry()
    assert g.out_shape == (11, 11) and g.pads == ((0, 0), (0, 0))
    doc.memory_budget = 64 * 1024**2
    doc.set_input(np.zeros((256, 256)))
    for _ in range(15):
        doc.add_filter()
    with pytest.raises(BudgetError, match="would take"):  # 16 maps of 4096x4096 at stride 16: 2 GB
        doc.set_settings(stride=16)
    assert doc.settings.stride == 2


def test_hovering_a_cell_lists_the_stamps_that_land_on_it():
    doc = Document()
    doc.set_input(X)
    doc.set_kernels([K1], [1.0])
    doc.set_settings(op="transposed", stride=2)
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    view = FakeView({("feature", 0): result.activated[0].shape})
    HoverController(doc, lambda: result, view).hover("feature", 0, 2, 2)
    receptive = [c for c in view.calls if c[0] == "highlight" and c[4] == "receptive"][0]
    assert receptive[3] == [(0, 0), (0, 1), (1, 0), (1, 1)]  # the four input cells whose stamps land there
    words = [c[1] for c in view.calls if c[0] == "explain"][-1]
    # x[0,0]·w[2,2] + x[0,1]·w[2,0] + x[1,0]·w[0,2] + x[1,1]·w[0,0] + bias, as the map holds it.
    assert words.head == "F1 out[2, 2] · 4 stamps"
    assert result.raw[0][2, 2] == 3 and words.expression == "1×1 + 2×0 + 0×(-1) + 1×1 + 1 = 3"
    assert "x[0, 0]·w[2, 2]" in words.note
    # A kernel shorter than the stride leaves cells no stamp reaches: said, not left blank.
    doc.set_kernels([np.ones((1, 1))], [0.0])
    doc.set_settings(stride=3)
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    view = FakeView({("feature", 0): result.activated[0].shape})
    HoverController(doc, lambda: result, view).hover("feature", 0, 1, 1)
    words = [c[1] for c in view.calls if c[0] == "explain"][-1]
    assert words.expression == "0 = 0" and "No stamp" in words.note
