"""Lecture mode's contrast theme: a check box or an input field that has no style sheet of its own
(the training window's) still shows.  On black, Fusion's outlines (the window's colour, darker) and a
black Base drew them black on black: a tester could not tell whether 'standardize inputs' was ticked."""

import numpy as np
from PySide6 import QtWidgets

from convviz.ui.theme import apply_theme


def _pixels(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGB888)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : 3 * image.width()].reshape(image.height(), image.width(), 3)


def test_check_boxes_and_fields_show_on_black(qtbot):
    app = QtWidgets.QApplication.instance()
    apply_theme(app, "contrast")
    try:
        box, field = QtWidgets.QCheckBox(), QtWidgets.QSpinBox()
        for widget in (box, field):
            qtbot.addWidget(widget)
            widget.resize(80, 30)
            widget.show()
        qtbot.waitExposed(field)
        indicator = _pixels(box)[:, :20]  # the box itself, unchecked, no text beside it
        assert (indicator.max(axis=-1) > 20).mean() > 0.2  # a visible square, not black on black
        inside = _pixels(field)[8:22, 8:40]
        assert (inside.max(axis=-1) > 20).mean() > 0.5  # the field reads as a field
    finally:
        apply_theme(app, "light")
