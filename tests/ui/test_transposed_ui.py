"""Transposed convolution in the window: the op panel's choice and output padding, the maps, the step
view's scatter and equivalent views, clicking a map cell, and the hover read-out."""

import numpy as np
import pytest

from convviz.core import conv_transpose
from convviz.render.conv_scene import ConvStepScene
from convviz.render.scatter_scene import ScatterStepScene


@pytest.fixture
def transposed(window, qtbot):
    panel = window.op_panel
    panel.op.setCurrentIndex(panel.op.findData("transposed"))
    panel.stride.setValue(2)
    return window


def test_the_op_panel_offers_the_op_and_its_output_padding_only_for_it(window, qtbot):
    panel, doc = window.op_panel, window.document
    form = panel.layout()
    assert not form.isRowVisible(panel.output_padding)
    panel.op.setCurrentIndex(panel.op.findData("transposed"))
    assert doc.settings.op == "transposed" and form.isRowVisible(panel.output_padding)
    assert not panel.boundary.isEnabled()
    assert panel.output_padding.value() == -1 and doc.settings.output_padding is None  # Keras's default
    assert panel.output_padding.maximum() == 0  # stride 1: output padding must stay below it
    panel.stride.setValue(2)
    panel.output_padding.setValue(1)
    assert doc.settings.output_padding == 1
    assert "rows: (5 − 1)·2 + ((3 − 1)·1 + 1) − (0 + 0) + 1 = 12" in panel.formula.text()
    panel.stride.setValue(1)  # a smaller stride lowers the output padding instead of failing
    assert doc.settings.stride == 1 and doc.settings.output_padding == 0
    panel.op.setCurrentIndex(panel.op.findData("correlate"))
    assert not form.isRowVisible(panel.output_padding) and panel.boundary.isEnabled()


def test_the_formula_brackets_the_crops_it_names(window, qtbot):
    """The checkerboard lesson ('same', stride 2, 4x4 input, 3x3 kernel) read "… − 0 − 1 = 8" under
    "− cropped cells + output padding": cropped 0 and output padding −1, to a tester.  It crops one cell
    after the stamps and none before."""
    import numpy as np

    doc = window.document
    doc.set_input(np.ones((4, 4)))
    doc.set_kernels([np.ones((3, 3))])
    doc.set_settings(op="transposed", padding="same", stride=2)
    text = window.op_panel.formula.text()
    assert "cropped cells (before + after)" in text
    assert "rows: (4 − 1)·2 + ((3 − 1)·1 + 1) − (0 + 1) = 8" in text


def test_the_maps_are_conv_transpose_and_the_hover_lists_the_stamps(transposed, qtbot):
    doc = transposed.document
    expected = conv_transpose(doc.input, doc.kernels[0], strides=2)
    compute = transposed.compute
    qtbot.waitUntil(lambda: compute.result is not None and compute.result.raw[0].shape == expected.shape,
                    timeout=3000)
    result = compute.result
    np.testing.assert_array_equal(result.raw[0], expected)
    transposed.hover.hover("feature", 0, 2, 2)
    text = transposed.readout.text()
    assert "4" in text and "stamps" in text


def test_the_step_view_steps_the_scatter_and_the_equivalent_correlation(transposed, qtbot):
    window = transposed
    window.tabs.setCurrentWidget(window.step_view)
    view = window.step_view
    qtbot.waitUntil(lambda: view.player.length == 25, timeout=3000)  # one step per input cell
    assert isinstance(view.scenes[0], ScatterStepScene)
    combo = view.view_combo
    assert combo.itemText(0) == "Scatter: a stamp per input cell"
    assert not combo.view().isRowHidden(combo.findData("equivalent"))
    view.player.seek(12)
    assert view.current_image().std() > 0
    view.set_view("equivalent")
    qtbot.waitUntil(lambda: isinstance(view.scenes[0], ConvStepScene), timeout=3000)
    expected = conv_transpose(window.document.input, window.document.kernels[0], strides=2)
    assert view.player.length == expected.size
    assert np.array_equal([s.total for s in view.scenes[0].trace], expected.ravel())
    # Clicking a map cell jumps to the stamp that completes it.
    view.set_view("window")
    view.jump_to(0, (2, 2))
    assert view.player.index == 6  # x[1, 1]: the last of the four stamps on out[2, 2]
    # Back to a correlation: the equivalent view is no longer offered.
    view.set_view("equivalent")
    window.op_panel.op.setCurrentIndex(window.op_panel.op.findData("correlate"))
    qtbot.waitUntil(lambda: view.view == "window", timeout=3000)
    assert combo.view().isRowHidden(combo.findData("equivalent")) and combo.itemText(0) == "Sliding window"
    assert view.player.length == 4  # the 5x5 input correlated at stride 2: 2x2 windows


def test_compare_offers_only_what_a_transposed_convolution_has_and_falls_back(window, qtbot):
    """Opening a transposed lesson while Compare is valid | same | full steps valid | same (no 'full' for it),
    hides the modes it has no variants of, and the correlation gets its three panes back afterwards."""
    from convviz.ui.qt_lessons import open_lesson

    window.tabs.setCurrentWidget(window.step_view)
    view, combo = window.step_view, window.step_view.compare_combo
    view.set_compare("padding")
    qtbot.waitUntil(lambda: len(view.scenes) == 3, timeout=3000)
    assert open_lesson(window, "transposed-4x4-stride2-even", training=False)
    qtbot.waitUntil(lambda: window.document.settings.op == "transposed" and len(view.scenes) == 2, timeout=3000)
    assert not view.message.isVisible() and view.player.length == 16  # a stamp per input cell, no error
    assert combo.currentText() == "valid | same"
    for key in ("same", "op"):
        assert combo.view().isRowHidden(combo.findData(key))
    assert not combo.view().isRowHidden(combo.findData("stride"))
    d = window.document
    for scene, padding in zip(view.scenes, ("valid", "same")):  # each pane's numbers are Keras's
        expected = conv_transpose(d.input, d.kernels[0], strides=2, padding=padding)
        assert scene.out.shape == expected.shape[:2]
        np.testing.assert_allclose(scene.out, expected[..., 0] if expected.ndim == 3 else expected)
    # Compare 'same' conventions chosen, then a transposed op: no comparison, then it is back for a correlation.
    window.op_panel.op.setCurrentIndex(window.op_panel.op.findData("correlate"))
    window.op_panel.stride.setValue(1)  # the lesson's 4x4 kernel at stride 1: the conventions pad (1, 2) / (2, 1)
    view.set_compare("same")
    qtbot.waitUntil(lambda: len(view.scenes) == 2 and view.compare == "same", timeout=3000)
    window.op_panel.op.setCurrentIndex(window.op_panel.op.findData("transposed"))
    qtbot.waitUntil(lambda: window.document.settings.op == "transposed" and len(view.scenes) == 1, timeout=3000)
    assert combo.currentData() == "none" and not view.message.isVisible() and view.player.length > 0
    window.op_panel.op.setCurrentIndex(window.op_panel.op.findData("correlate"))
    qtbot.waitUntil(lambda: combo.currentData() == "same" and len(view.scenes) == 2, timeout=3000)


def test_same_conventions_that_pad_alike_are_not_offered(window, qtbot):
    """An odd kernel at stride 1: TensorFlow's and the centred 'same' pad alike, nothing to compare."""
    window.tabs.setCurrentWidget(window.step_view)
    view, combo = window.step_view, window.step_view.compare_combo
    assert window.document.kernels[0].shape[:2] == (3, 3) and window.document.settings.stride == 1
    view.ensure_built()
    assert combo.view().isRowHidden(combo.findData("same"))
    window.op_panel.stride.setValue(2)
    window.document.set_input(np.zeros((6, 6)))  # 6x6 at stride 2: one padded cell, after (TF) or before
    view.ensure_built()
    assert not combo.view().isRowHidden(combo.findData("same"))
    view.set_compare("same")
    qtbot.waitUntil(lambda: len(view.scenes) == 2, timeout=3000)
    pads = [s.trace.geometry.pads for s in view.scenes]
    assert pads[0] != pads[1] and pads[0] == ((0, 1), (0, 1))  # TensorFlow's: the extra cell after
