"""The controls column stays still while the Operation panel's settings change.

Padding 'valid' → 'same' grew the help under the settings from one line to three, and 'explicit'
added a row of pad spin boxes: the rows under them moved down, the kernel box shrank, at 1280x800
the column's scroll bar appeared, took its width from the kernel table, and Pool padding went
below the fold.  A lecturer changing one setting in front of a class saw both panels jump.

Now the help keeps the height of its longest text, the explicit pads take the place of 'same' as
(only one of them applies), and the scroll bar's width is kept free while it is hidden.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

#: One setting at a time, as a lecturer would change them (each on top of the one before).
CHANGES = [
    {"padding": "same"}, {"padding": "full"}, {"padding": "explicit"}, {"explicit_pad": (1, 2, 0, 1)},
    {"padding": "same", "same": "centered"}, {"same": "tensorflow"}, {"padding": "valid"}, {"stride": 2},
    {"dilation": 2}, {"padding": "same"}, {"stride": 1}, {"boundary": "reflect"}, {"padding": "full"},
    {"boundary": "circular"}, {"dilation": 1}, {"padding": "valid", "boundary": "zeros"},
]


def _settle(qtbot) -> None:
    QtWidgets.QApplication.processEvents()
    qtbot.wait(10)
    QtWidgets.QApplication.processEvents()


def _column(window) -> QtWidgets.QScrollArea:
    return window.splitter.widget(0)


def _geometry(window) -> dict[QtWidgets.QWidget, tuple[int, int, int, int]]:
    """Every visible widget of the controls column, at its place in the window."""
    scroll = _column(window)
    shown = {}
    for widget in [scroll, *scroll.findChildren(QtWidgets.QWidget)]:
        if widget.isVisible():
            shown[widget] = QtCore.QRect(widget.mapTo(window, QtCore.QPoint(0, 0)), widget.size()).getRect()
    return shown


def _in_band(rect, band) -> bool:
    """Whether the window rectangle ``rect`` lies between the top and the bottom of ``band``."""
    return band[1] <= rect[1] and rect[1] + rect[3] <= band[1] + band[3]




def _rgb(document) -> None:
    """An RGB input: the Channels row shows."""
    rng = np.random.default_rng(1)
    document.set_input(rng.random((32, 32, 3)))
    document.set_kernels([rng.standard_normal((3, 3, 3)) for _ in range(4)])


# 1280x776: the window Qt opens on a 1280x800 screen (its title bar takes the rest).
@pytest.mark.parametrize("size", [(1280, 800), (1280, 776)])
@pytest.mark.parametrize("channels", ["gray", "rgb"])
def test_padding_stride_and_dilation_changes_move_nothing_in_the_controls_column(qtbot, language, size, channels,
                                                                              sized_window):
    window = sized_window(size)
    panel, scroll = window.op_panel, _column(window)
    if channels == "rgb":
        _rgb(window.document)
        _settle(qtbot)
        assert panel.groups.isVisible()
    before = _geometry(window)
    band = before[panel.same]  # the row of 'same' as
    table = window.kernel_panel.editor.width()
    assert scroll.verticalScrollBar().maximum() == 0  # everything fits: Pool padding is in view
    for change in CHANGES:
        window.document.set_settings(**change)
        _settle(qtbot)
        state = f"{language} {size} {channels} after {change}"
        after = _geometry(window)
        moved = [(type(w).__name__, before[w], after[w]) for w in before.keys() & after.keys() if before[w] != after[w]]
        assert moved == [], state
        # Only what shares the row of 'same' as comes and goes (the explicit pads), in that row.
        toggled = [(type(w).__name__, (before | after)[w]) for w in before.keys() ^ after.keys()]
        assert all(_in_band(rect, band) for _name, rect in toggled), (state, toggled)
        assert scroll.verticalScrollBar().maximum() == 0 and not scroll.verticalScrollBar().isVisible(), state
        assert window.kernel_panel.editor.width() == table, state
        bottom = panel.pool_padding.mapTo(scroll.viewport(), QtCore.QPoint(0, panel.pool_padding.height())).y()
        assert bottom <= scroll.viewport().height(), state
    window.close()


def test_the_help_is_read_whole_whatever_its_text(qtbot, language, sized_window):
    """The help's height is that of its longest text: none is cut, and none leaves more than the
    difference in lines empty."""
    window = sized_window((1280, 800))
    help_ = window.op_panel.same_help
    for change in ({"padding": "same"}, {"same": "centered"}, {"padding": "valid"}, {"boundary": "reflect"},
                   {"op": "transposed"}):
        window.document.set_settings(**change)
        _settle(qtbot)
        assert help_.heightForWidth(help_.width()) <= help_.height(), (language, change)
    window.close()


def test_a_scroll_bar_takes_no_width_from_the_kernel_table(qtbot, sized_window):
    """A window too short for the column: its scroll bar appears in the room kept for it."""
    window = sized_window((1280, 800))
    scroll, table = _column(window), window.kernel_panel.editor
    width, panel_width = table.width(), window.op_panel.width()
    assert not scroll.verticalScrollBar().isVisible()
    window.resize(1280, 560)
    _settle(qtbot)
    assert scroll.verticalScrollBar().isVisible()
    assert (table.width(), window.op_panel.width()) == (width, panel_width)
    window.resize(1280, 800)
    _settle(qtbot)
    assert not scroll.verticalScrollBar().isVisible()
    assert (table.width(), window.op_panel.width()) == (width, panel_width)
    window.close()
