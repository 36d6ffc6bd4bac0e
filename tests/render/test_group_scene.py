"""The step scene of a grouped or depthwise filter (issue 20 item 4): it shows only the channels the filter
reads, labelled, with the trace's numbers; type never below the minimum."""

import numpy as np
import pytest

from convviz.model.pipeline import run_pipeline, step_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for
from convviz.render.prims import Text, frame_text_sizes

RNG = np.random.default_rng(7)


def texts(frame) -> list[str]:
    return [p.text for p in frame.prims if isinstance(p, Text)]


def test_a_depthwise_filter_steps_over_its_one_channel_labelled():
    x = RNG.integers(-2, 3, size=(5, 5, 3)).astype(float)
    bank = [RNG.integers(-2, 3, size=(3, 3, 3)).astype(float) for _ in range(3)]
    s = OpSettings(groups=3, padding="same")
    t = step_trace(x, bank, [0.0] * 3, s, "conv", 1)
    scene = scene_for(t, (1280, 800))
    np.testing.assert_array_equal(t.prepared.x[..., 0], x[..., 1])  # F2 of a depthwise bank: channel G alone
    assert not scene.rgb and scene.title.endswith("depthwise: one channel")
    shown = " ".join(texts(scene.frame(6)))
    assert "channel G" in shown and "channel mean" not in shown
    step = t[6]
    np.testing.assert_array_equal(step.values, np.pad(x[..., 1], 1)[1:4, 1:4])  # out[1, 1]'s window on G alone
    assert step.total == run_pipeline(x, bank, [0.0] * 3, s).raw[1][1, 1]


def test_a_grouped_filter_shows_the_products_of_its_groups_channels_only():
    x = RNG.normal(size=(4, 4, 4))
    bank = [RNG.normal(size=(2, 2, 4)) for _ in range(2)]
    t = step_trace(x, bank, [0.0, 0.0], OpSettings(groups=2), "conv", 1)
    assert t.channels_read == (2, 3)
    scene = scene_for(t, (1024, 768))
    assert scene.rgb and scene.channels == 2 and scene.title.endswith("grouped: 2 of 4 channels")
    shown = " ".join(texts(scene.frame(0)))
    assert "channels c2, c3" in shown and "(c2)" in shown and "(c3)" in shown and "(c0)" not in shown


@pytest.mark.parametrize("size,min_type", [((1280, 800), 12), ((1024, 768), 12), ((1280, 800), 20),
                                           ((1024, 768), 20)])
def test_type_never_drops_below_the_minimum(size, min_type):
    x = RNG.integers(0, 3, size=(9, 9, 3)).astype(float)
    bank = [RNG.integers(-1, 2, size=(3, 3, 3)).astype(float) for _ in range(6)]
    t = step_trace(x, bank, [0.0] * 6, OpSettings(groups=3, padding="same"), "conv", 4)
    scene = scene_for(t, size, min_type=min_type)
    for i in (0, len(t) // 2, len(t) - 1):
        frame = scene.frame(i)
        assert min(frame_text_sizes(frame.prims)) >= min_type - 1e-6
        assert all(0 <= p.x <= size[0] and 0 <= p.y <= size[1] for p in frame.prims if isinstance(p, Text))


def test_a_one_by_one_kernel_writes_each_channels_product_out():
    """The pointwise half of a separable convolution: one product per channel, each shown as value × weight."""
    x = np.stack([np.full((3, 3), -2.0), np.ones((3, 3)), np.ones((3, 3))], axis=-1)
    t = step_trace(x, [np.array([[[1.0, -1.0, 0.0]]])], [0.0], OpSettings(), "conv", 0)
    shown = texts(scene_for(t, (1024, 768)).frame(4))
    assert {"R: -2 × 1 = -2", "G: 1 × (-1) = -1", "B: 1 × 0 = 0"} <= set(shown)
    quiz = texts(scene_for(t, (1024, 768)).frame(4, reveal=False))
    assert "R: -2 × 1 = ?" in quiz
