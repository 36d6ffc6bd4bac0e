"""Grouped and depthwise convolution in the panels (issue 20 item 4): the Operation panel's channel choice
and counts, the kernel panel's slices a filter reads."""

import numpy as np

from convviz.io.lessons import find_lesson
from convviz.model.conv_counts import conv_counts
from convviz.model.document import Document
from convviz.ui.qt_kernel_panel import QtKernelPanel
from convviz.ui.qt_op_panel import QtOperationPanel

RNG = np.random.default_rng(4)


def _rgb_document(filters=3) -> Document:
    doc = Document()
    doc.set_input(RNG.integers(0, 3, size=(5, 5, 3)).astype(float))
    doc.set_kernels([RNG.integers(-1, 2, size=(3, 3, 3)).astype(float) for _ in range(filters)])
    return doc


def test_the_channel_choice_appears_for_rgb_and_sets_groups(qtbot):
    doc = Document()
    panel = QtOperationPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.groups.isVisible()  # a grey input has nothing to split
    assert "parameters" not in panel.formula.text()  # nor any counts: the formula keeps its height
    doc.set_input(np.ones((5, 5, 3)))
    doc.set_kernels([np.ones((3, 3, 3))] * 3)
    assert panel.groups.isVisible()
    assert [panel.groups.itemData(i) for i in range(panel.groups.count())] == [1, 3]
    panel.groups.setCurrentIndex(1)
    assert doc.settings.groups == 3
    text, arithmetic = panel.formula.text(), panel.formula.toolTip()
    # valid: 3x3 output cells, each 9 taps of 1 channel per filter (the standard: of 3); two lines under
    # the formula (the controls column keeps its height), the arithmetic of each count on hover
    assert "Depthwise</b>: 30 parameters, 243 multiply-adds (36% / 33%)" in text
    assert "Depthwise + 1×1 (separable)</b>: 39 parameters, 324 multiply-adds" in text
    assert "Standard</b>: 84 parameters, 729 multiply-adds (100%)" in text
    assert text.count("<br>") == 2 + 2  # the output size's three lines, then the counts' two
    assert "Depthwise</b>: 3·3·3·1 + 3 = 30 parameters, 243 multiply-adds" in arithmetic
    assert "Depthwise + 1×1 (separable)</b>: 3·3·3·1 + 3·3 + 3 = 39 parameters, 324 multiply-adds" in arithmetic
    assert "Standard</b>: 3·3·3·3 + 3 = 84 parameters, 729 multiply-adds" in arithmetic
    counts = conv_counts((5, 5, 3), (3, 3), 3, doc.settings)
    assert f"{counts.standard.params} parameters, {counts.standard.macs:,} multiply-adds" in text
    doc.set_settings(op="transposed", groups=1)
    assert not panel.groups.isVisible()  # a transposed convolution reads every channel
    doc.set_settings(op="correlate", groups=3)
    doc.remove_filter(2)  # 2 filters cannot be split three ways: one sentence, in the formula's place
    assert "needs a multiple of 3 filters" in panel.formula.text()
    doc.set_rgb(False)
    assert not panel.groups.isVisible() and doc.settings.groups == 1


def test_a_one_by_one_kernel_reads_as_the_pointwise_convolution(qtbot):
    doc = _rgb_document(2)
    doc.resize_kernels(1, 1)
    panel = QtOperationPanel(doc)
    qtbot.addWidget(panel)
    assert "1×1 (pointwise)</b>: 8 parameters, 150 multiply-adds" in panel.formula.text()
    assert "1×1 (pointwise)</b>: 1·1·3·2 + 2 = 8 parameters, 150 multiply-adds" in panel.formula.toolTip()


def test_the_kernel_panel_offers_only_the_slices_a_filter_reads(qtbot):
    doc = _rgb_document(6)
    panel = QtKernelPanel(doc)
    qtbot.addWidget(panel)
    enabled = lambda: [panel.channel_combo.model().item(i).isEnabled() for i in range(3)]  # noqa: E731
    assert panel.channels_read() is None and enabled() == [True, True, True]
    doc.set_settings(groups=3)
    panel.tabs.setCurrentIndex(3)  # depth multiplier 2: F4 reads G
    assert list(panel.channels_read()) == [1] and panel.channel == 1 and enabled() == [False, True, False]
    assert panel.channel_combo.itemText(0) == "R slice · not read"
    np.testing.assert_array_equal(panel.editor._values, doc.kernels[3][:, :, 1])
    panel.tabs.setCurrentIndex(5)
    assert panel.channel == 2 and panel.channel_combo.currentText() == "B slice"
    doc.set_settings(groups=1)
    assert enabled() == [True, True, True] and panel.channel_combo.itemText(0) == "R slice"


def test_the_depthwise_lesson_opens_with_its_counts(qtbot):
    doc = Document()
    doc.restore(find_lesson("rgb-5x5-depthwise").session())
    panel = QtOperationPanel(doc)
    qtbot.addWidget(panel)
    assert panel.groups.currentData() == 3
    assert "Depthwise + 1×1 (separable)</b>: 39 parameters, 900 multiply-adds" in panel.formula.text()
    assert "Depthwise + 1×1 (separable)</b>: 3·3·3·1 + 3·3 + 3 = 39 parameters, 900 multiply-adds" \
        in panel.formula.toolTip()
