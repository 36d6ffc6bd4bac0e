"""A colour bar lying under the maps: each number whole in a box as wide as its text, the middle one only
where it stays clear of the ends' (lecture type's "0.05451" was cut to ").05451" by a 60 px box)."""

import pytest
from PySide6 import QtCore, QtGui

from convviz.core.trace import format_number
from convviz.render.colormaps import lookup_table
from convviz.ui.qt_color_bar import ColorBar


class Recorder:
    """A painter that keeps the texts drawn, with their boxes, and ignores everything else."""

    def __init__(self):
        self.texts = []
        self.font = QtGui.QFont()

    def setFont(self, font):  # noqa: N802 (QPainter's name)
        self.font = QtGui.QFont(font)

    def drawText(self, rect, _flags, text):  # noqa: N802 (QPainter's name)
        self.texts.append((QtCore.QRectF(rect), text, QtGui.QFontMetricsF(self.font).horizontalAdvance(text)))

    def __getattr__(self, _name):
        return lambda *args, **kwargs: None


@pytest.mark.parametrize("width, scale", [(600, 1.6), (300, 1.6), (200, 1.0), (130, 1.6)])
def test_numbers_are_whole_and_apart(qapp, width, scale):
    bar = ColorBar(lookup_table("gray"), levels=(0.0, 0.10902))
    bar.set_text_scale(scale)
    bar.set_horizontal(True)
    bar.resize(width, bar.thickness(True))
    painter = Recorder()
    bar._paint_horizontal(painter)
    texts = sorted(painter.texts, key=lambda item: item[0].left())
    for rect, text, advance in texts:
        assert text in (format_number(0.0), format_number(0.05451), format_number(0.10902))
        assert rect.width() >= advance  # the whole number, at the font it is drawn in
        assert 0 <= rect.left() and rect.right() <= width
    for (a, *_), (b, *_) in zip(texts, texts[1:]):
        assert a.right() <= b.left(), texts  # never run together
    if width >= 300:
        assert format_number(0.05451) in [t for _, t, _ in texts]  # room for the middle number
