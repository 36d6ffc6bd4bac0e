"""The hover read-out's words, without a window."""

import numpy as np

from convviz.core import pool_trace, trace
from convviz.model import explain
from convviz.model.pipeline import OpSettings


def test_feature_explanation_names_the_cell_the_flip_and_the_padding():
    x = np.array([[1, 2], [3, 4]])
    steps = trace(x, np.array([[1, 0], [0, 1]]), op="convolve", padding="full")
    e = explain.feature(steps[0], OpSettings(op="convolve", padding="full", activation="relu"), 0, (0, 0),
                        activated=1.0)
    assert e.head == "F1 out[0, 0] (kernel flipped 180°)"
    assert e.expression == steps[0].expression() and e.expression.endswith("= 1")
    assert e.result == " → relu = 1"
    assert "padding (zeros" in e.note


def test_pooled_explanation_says_padding_takes_no_part():
    steps = pool_trace(np.array([[4, 3], [2, 1]]), "max", 2, stride=1, padding="same")
    e = explain.pooled(steps[3], OpSettings(pool="max", pool_size=2, pool_stride=1, pool_padding="same"), 0, (1, 1))
    assert e.head == "F1 pooled[1, 1]" and e.expression == "max(1) = 1" and "take no part" in e.note


def test_words_go_through_tr():
    steps = trace(np.ones((3, 3)), np.ones((2, 2)), padding="same")
    e = explain.feature(steps[8], OpSettings(padding="same"), 0, (2, 2), tr=lambda s: s.replace("Dashed", "DASHED"))
    assert e.note.startswith("DASHED cells")


def test_an_rgb_sum_names_each_channels_terms():
    """The input grid shows the channels' mean; the read-out's flat list of terms named no channel
    (tester, s_12): each channel's products are grouped and named, and they still add up."""
    import numpy as np

    from convviz.core import trace
    from convviz.model import explain
    from convviz.model.settings import OpSettings

    x = np.arange(27.0).reshape(3, 3, 3)
    step = trace(x, np.ones((2, 2, 3)), bias=1.0)[0]
    e = explain.feature(step, OpSettings(), 0, (0, 0))
    assert e.expression == ("R: (0×1 + 3×1 + 9×1 + 12×1) + G: (1×1 + 4×1 + 10×1 + 13×1) "
                            "+ B: (2×1 + 5×1 + 11×1 + 14×1) + 1 = 85")
