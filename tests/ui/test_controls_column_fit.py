"""The controls column never scrolls while its kernel table can give the room: an RGB input's Channels
row at 1024x768 (it scrolled by 4 px) and a kernel message under a 5x5 or larger kernel at 1280x800
(its table already needed all of its 112 px) take their height from the table, which gets it back once
the row or the message goes.  The room the Operation panel keeps for its help's longest text gives way
before the table goes under three rows, and to show a 7x7 kernel's every row."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets


def _settle(qtbot) -> None:
    """Let the nested layouts (panel, group box, scroll area, splitter) settle."""
    for _ in range(5):
        QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
        QtWidgets.QApplication.processEvents()




def _rgb(document, side: int = 3) -> None:
    rng = np.random.default_rng(1)
    document.set_input(rng.random((32, 32, 3)))
    document.set_kernels([rng.standard_normal((side, side, 3)) for _ in range(4)])


def _fits(window, least_rows: int = 3) -> None:
    scroll, panel = window.splitter.widget(0), window.kernel_panel
    assert scroll.verticalScrollBar().maximum() == 0
    assert not scroll.verticalScrollBar().isVisible()
    last = window.op_panel.pool_padding  # the column's last row, in view
    assert last.mapTo(scroll.viewport(), QtCore.QPoint(0, last.height())).y() <= scroll.viewport().height()
    assert panel.editor.height() >= panel.least_editor_height(least_rows)


def test_an_rgb_input_at_1024x768_does_not_scroll_the_column(qtbot, language, sized_window):
    window = sized_window((1024, 768))
    editor = window.kernel_panel.editor
    _rgb(window.document)
    _settle(qtbot)
    assert window.op_panel.groups.isVisible()
    _fits(window)
    assert editor.height() >= editor.rowCount() * editor.verticalHeader().minimumSectionSize()
    window.document.set_input(np.random.default_rng(2).random((32, 32)))  # grey: the table's 112 px again
    _settle(qtbot)
    assert not window.op_panel.groups.isVisible()
    _fits(window)
    assert editor.minimumHeight() == 112
    window.close()


@pytest.mark.parametrize("channels", ["gray", "rgb"])
@pytest.mark.parametrize("side", [5, 7])
@pytest.mark.parametrize("error", ["cell", "text"])
def test_a_kernel_message_under_a_large_kernel_fits_at_1280x800(qtbot, language, channels, side, error, sized_window):
    window = sized_window((1280, 800))
    panel = window.kernel_panel
    if channels == "rgb":
        _rgb(window.document, side)
    else:
        window.document.set_kernels([np.ones((side, side))])
    _settle(qtbot)
    assert panel.editor.rowCount() == side
    _fits(window)
    if error == "cell":
        panel.editor.item(0, 1).setText("x")
    else:
        panel.text.setText("1,2;3")
        panel.text.returnPressed.emit()
    _settle(qtbot)
    assert panel.message.isVisible() and panel.message.text()
    assert panel.message.height() >= panel.message.heightForWidth(panel.message.width())  # every line shown
    _fits(window)
    panel.text.setText(";".join([",".join(["1"] * side)] * side))  # solved: the table takes its room back
    panel.text.returnPressed.emit()
    _settle(qtbot)
    assert panel.message.isHidden() and panel.editor.minimumHeight() >= 112
    _fits(window)
    window.close()


def _rgb_from_the_input_pane(window, qtbot, side: int) -> None:
    """RGB chosen in the input pane, as a lecturer does, and a kernel of ``side`` x ``side``."""
    window.input_panel.rgb.setCurrentIndex(1)
    _settle(qtbot)
    panel = window.kernel_panel
    panel.rows_spin.setValue(side)
    panel.cols_spin.setValue(side)
    panel._resize()
    _settle(qtbot)
    assert window.op_panel.groups.isVisible() and panel.editor.rowCount() == side


# 1024x744: the window Qt opens on a 1024x768 screen (its title bar takes the rest).
@pytest.mark.parametrize("size", [(1024, 768), (1024, 744)])
@pytest.mark.parametrize("side", [3, 7])
def test_an_rgb_input_and_a_kernel_message_at_1024x768_do_not_scroll_the_column(qtbot, language, size, side,
                                                                               sized_window):
    window = sized_window(size)
    panel, ops = window.kernel_panel, window.op_panel
    _rgb_from_the_input_pane(window, qtbot, side)
    panel.editor.item(0, 0).setText("abc")
    _settle(qtbot)
    assert panel.message.isVisible() and panel.message.text()
    _fits(window)
    assert ops.same_help.height() >= ops.same_help.heightForWidth(ops.same_help.width())  # its words all shown
    window.document.set_settings(padding="same")  # a longer help: its lines shown, the table down to a row or two
    _settle(qtbot)
    _fits(window, least_rows=1)
    assert ops.same_help.height() >= ops.same_help.heightForWidth(ops.same_help.width())
    window.close()


def test_a_7x7_kernel_shows_every_row_at_1280x800(qtbot, language, sized_window):
    window = sized_window((1280, 776))  # the window on a 1280x800 screen
    editor = window.kernel_panel.editor
    window.document.set_kernels([np.ones((7, 7))])
    _settle(qtbot)
    _fits(window)
    assert editor.verticalScrollBar().maximum() == 0  # no row cut: the help's spare room went to the table
    window.close()


def test_the_kernel_table_stretches_its_cells_at_once_after_shrinking(qtbot, sized_window):
    window = sized_window((1280, 800))
    editor = window.kernel_panel.editor
    for side in (7, 5, 3):
        window.document.set_kernels([np.ones((side, side))])
        _settle(qtbot)
        viewport = editor.viewport()
        assert editor.horizontalHeader().length() == viewport.width(), side
        assert editor.verticalHeader().length() == viewport.height(), side
    window.close()
