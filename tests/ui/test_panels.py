"""The input, kernel and operation panels against a real Document."""

import numpy as np
from PySide6 import QtGui, QtWidgets

from convviz.model.document import LECTURE_SIGNAL, Document
from convviz.ui.qt_input_panel import QtInputPanel
from convviz.ui.qt_kernel_panel import QtKernelPanel
from convviz.ui.qt_op_panel import QtOperationPanel
from convviz.ui.theme import apply_theme


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(400, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_input_sizes_go_down_to_one_cell(qtbot):
    doc = Document()
    panel = _shown(qtbot, QtInputPanel(doc))
    assert panel.height_spin.minimum() == 1 and panel.width_spin.minimum() == 1
    panel.height_spin.setValue(2)
    panel.width_spin.setValue(2)
    panel.width_spin.editingFinished.emit()
    assert doc.input.shape == (2, 2)
    np.testing.assert_array_equal(doc.input, [[1, 1], [0, 1]])  # the top-left of the lecture image kept


def test_switching_to_1d_with_the_size_box_focused_keeps_the_signal(qtbot):
    """The focused spin box lost its focus (disabled) in the middle of the mode change and resized
    the new signal to its old 2D value."""
    doc = Document()
    panel = _shown(qtbot, QtInputPanel(doc))
    for spin in (panel.height_spin, panel.width_spin):
        spin.setFocus()
        qtbot.waitUntil(spin.hasFocus)
        doc.set_mode("1d")
        np.testing.assert_array_equal(doc.input, LECTURE_SIGNAL)
        assert panel.width_spin.value() == LECTURE_SIGNAL.size
        spin.editingFinished.emit()  # focus leaving later changes nothing either
        np.testing.assert_array_equal(doc.input, LECTURE_SIGNAL)
        doc.set_mode("2d")
        assert doc.input.shape == (5, 5)


def test_kernel_text_follows_the_kernel(qtbot):
    """The text box showed an old kernel ('1,1;1,1' while the kernel was [2,1,5,3])."""
    doc = Document()
    panel = _shown(qtbot, QtKernelPanel(doc))
    panel.text.setText("1,1;1,1")
    panel.text.returnPressed.emit()
    assert doc.kernels[0].tolist() == [[1, 1], [1, 1]]
    doc.set_mode("1d")
    assert panel.text.text() == "2, 1, 5, 3"
    doc.set_mode("2d")
    assert panel.text.text() == "1, 1; 1, 1"
    doc.set_kernel(0, [[1, 0, -1], [2, 0, -2], [1, 0, -1]])
    assert panel.text.text() == "1, 0, -1; 2, 0, -2; 1, 0, -1"
    doc.add_filter([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
    panel.tabs.setCurrentIndex(1)
    assert panel.text.text() == "0, 1, 0; 1, -4, 1; 0, 1, 0"


def _contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    """WCAG contrast ratio of two colours."""
    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_same_help_text_reads_in_every_theme(qtbot):
    """The help text under 'same' as was drawn in palette(mid): 2.4:1 on the light window."""
    doc = Document()
    doc.set_settings(padding="same")
    panel = _shown(qtbot, QtOperationPanel(doc))
    app = QtWidgets.QApplication.instance()
    try:
        for theme in ("light", "dark", "contrast"):
            apply_theme(app, theme)
            qtbot.wait(10)
            image = panel.same_help.grab().toImage()
            background = panel.same_help.palette().color(QtGui.QPalette.ColorRole.Window)
            # the most contrasting pixel of the text against the label's background
            best = 1.0
            for y in range(0, image.height(), 2):
                for x in range(0, image.width(), 2):
                    best = max(best, _contrast(image.pixelColor(x, y), background))
            assert best >= 7.0, (theme, best)
    finally:
        apply_theme(app, "light")
