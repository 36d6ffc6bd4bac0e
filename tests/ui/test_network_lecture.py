"""The network window in lecture mode (F11, large type) on the lecture's model, on the small screens a
lecture room has (1280x800, 1024x768), in English and Korean: every column of the layer table whole,
every layer's name read whole (wrapped at its space if need be, never "conv1 (Con…"), the table and the
menus in lecture type like the rest, the layer's title in lecture type (wrapped if need be), and nothing cut or
off the window."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.model.lecture import LECTURE_TYPE
from convviz.ui.qt_network import QtNetworkWindow

from .layout_probe import check


@pytest.fixture(params=["en", "ko"])
def language(request):
    from convviz.ui import i18n

    app = QtWidgets.QApplication.instance()
    i18n.install(app, request.param)
    try:
        yield request.param
    finally:
        i18n.install(app, "en")


def _lecture_window(qtbot, size, lecture: bool) -> QtNetworkWindow:
    from convviz.io.networks import read_network
    from convviz.resources_path import resource

    win = QtNetworkWindow(read_network(resource("models", "lecture_cnn.npz")), synchronous=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    if lecture:
        win.toggle_large_type(True)
        win.showNormal()  # the test's screen is not the lecture room's: the window is given that screen's size
    win.resize(*size)
    qtbot.waitUntil(lambda: win.size().toTuple() == size)
    QtWidgets.QApplication.processEvents()
    return win


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_layer_name_is_read_whole(qtbot, language, size, lecture):
    """Each name on one line, or wrapped at its space with every word whole and every line in its row;
    the header no wider than the view (no sideways scrolling)."""
    win = _lecture_window(qtbot, size, lecture)
    table = win.table.table
    width = table.columnWidth(0)
    # The text's room in a cell, as the style lays it out: the cell less its text margins.
    margin = 2 * (table.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    metrics = QtGui.QFontMetricsF(table.font())
    problems = []
    for r in range(len(win.explorer.rows)):
        text = table.item(r, 0).text()
        words = max(metrics.horizontalAdvance(word) for word in text.split())
        lines = metrics.boundingRect(QtCore.QRectF(0, 0, width - margin, 10_000), QtCore.Qt.TextFlag.TextWordWrap,
                                     text)
        if words > width - margin:
            problems.append(f"{text!r}: a word of {words:.0f} px in a column of {width - margin}")
        elif lines.height() > table.rowHeight(r):
            problems.append(f"{text!r}: {lines.height():.0f} px of lines in a row of {table.rowHeight(r)}")
    if table.horizontalHeader().length() > table.viewport().width():
        problems.append("the table runs sideways")
    win.close()
    assert not problems, f"{size} {language} lecture={lecture}: " + "; ".join(problems)


def test_lecture_mode_enlarges_the_table_and_the_menus_like_the_rest(qtbot):
    win = _lecture_window(qtbot, (1280, 800), lecture=False)
    usual = QtWidgets.QApplication.font().pointSizeF()
    parts = {"table": win.table.table, "header": win.table.table.horizontalHeader(), "title": win.table.title,
             "menu bar": win.menuBar(), "File menu": win.file_menu, "View menu": win.view_menu}
    win.toggle_large_type(True)
    large = {name: w.font().pointSizeF() for name, w in parts.items()}
    assert large == pytest.approx(dict.fromkeys(parts, usual * LECTURE_TYPE))
    assert win.unit_panel.font().pointSizeF() <= large["table"]  # no smaller than the arithmetic under it
    win.toggle_large_type(False)
    assert {name: w.font().pointSizeF() for name, w in parts.items()} == pytest.approx(dict.fromkeys(parts, usual))
    win.close()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_lecture_mode_on_a_small_screen_keeps_every_column_and_title_whole(qtbot, language, size):
    from convviz.io.networks import read_network
    from convviz.resources_path import resource

    win = QtNetworkWindow(read_network(resource("models", "lecture_cnn.npz")), synchronous=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.toggle_large_type(True)
    win.showNormal()  # the test's screen is not the lecture room's: the window is given that screen's size
    win.resize(*size)
    qtbot.waitUntil(lambda: win.size().toTuple() == size)
    QtWidgets.QApplication.processEvents()
    assert win.large_type
    table = win.table.table
    header = table.horizontalHeader()
    problems = []
    for layer in range(len(win.explorer.rows)):
        table.selectRow(layer)
        QtWidgets.QApplication.processEvents()
        where = f"{size} {language} layer {layer}"
        for c in range(table.columnCount()):
            name = table.horizontalHeaderItem(c).text()
            if table.isColumnHidden(c) or header.sectionSize(c) <= 0:
                problems.append(f"{where}: column {name!r} hidden")
            elif header.sectionSize(c) < header.sectionSizeHint(c):
                problems.append(f"{where}: header {name!r} cut ({header.sectionSize(c)} < "
                                f"{header.sectionSizeHint(c)} px)")
            elif c > 0 and header.sectionSize(c) < table.sizeHintForColumn(c):
                problems.append(f"{where}: the numbers of {name!r} cut")
        if header.length() > table.viewport().width():
            problems.append(f"{where}: the table runs {header.length() - table.viewport().width()} px sideways")
        # The title in lecture type however narrow the pane (it wraps rather than shrink), every line shown.
        title = win.maps.title
        lecture_pt = QtWidgets.QApplication.font().pointSizeF() * LECTURE_TYPE
        if title.font().pointSizeF() < lecture_pt - 0.01:
            problems.append(f"{where}: the title {title.text()!r} at {title.font().pointSizeF():g} pt, "
                            f"not lecture type ({lecture_pt:g} pt)")
        if title.height() < title.heightForWidth(title.width()):
            problems.append(f"{where}: the title {title.text()!r} cut ({title.height()} px high)")
        # Every widget inside the window, no label, button or combo box cut (the window against the screen
        # is not asked: the test's offscreen screen is not the lecture room's).
        problems += [f"{where}: {p}" for p in check(win, "lecture", type_check=False) if "outside screen" not in p]
    win.close()
    assert not problems, "\n".join(problems)


def test_the_layer_title_keeps_lecture_type_where_the_usual_type_would_fit_one_line(qtbot):
    from convviz.ui.qt_network_maps import FitTitle

    title = FitTitle()
    qtbot.addWidget(title)
    title.setText("0. conv1 (Conv2D) · 28×28×10")
    usual = QtGui.QFont(QtWidgets.QApplication.font())
    usual.setBold(True)
    # Room for the title on one line in the usual type, not in lecture type (the maps pane at 1024x768).
    title.resize(int(QtGui.QFontMetricsF(usual).horizontalAdvance(title.text())) + 8, 200)
    title.set_scale(LECTURE_TYPE)
    assert title.font().pointSizeF() == pytest.approx(usual.pointSizeF() * LECTURE_TYPE)
    title.set_scale(1.0)
    assert title.font().pointSizeF() == pytest.approx(usual.pointSizeF())


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_maps_menu_and_check_box_follow_lecture_type_and_name_the_channel(qtbot, language, size):
    win = _lecture_window(qtbot, size, lecture=False)
    grid = win.maps.grid
    usual = QtWidgets.QApplication.font().pointSizeF()

    def indicator_width() -> int:
        box = grid.per_map_box
        option = QtWidgets.QStyleOptionButton()
        box.initStyleOption(option)
        return box.style().subElementRect(QtWidgets.QStyle.SubElement.SE_CheckBoxIndicator, option, box).width()

    normal_indicator = indicator_width()
    menu = grid.context_menu(4)
    assert menu.font().pointSizeF() == pytest.approx(usual)
    win.toggle_large_type(True)
    win.showNormal()
    win.resize(*size)
    QtWidgets.QApplication.processEvents()
    menu = grid.context_menu(4)
    assert menu.font().pointSizeF() == pytest.approx(win.file_menu.font().pointSizeF())
    assert menu.font().pointSizeF() == pytest.approx(usual * LECTURE_TYPE)
    assert indicator_width() >= normal_indicator * LECTURE_TYPE - 1
    # The map titled "4  28×28" is channel 4 in its menu too, not "F5".
    assert grid.cells[4].full_title.split()[0] == "4"
    texts = [a.text() for a in menu.actions() if a.text()]
    assert not any("F5" in t for t in texts) and sum("4" in t for t in texts) == 2, texts
    win.toggle_large_type(False)
    assert grid.context_menu(4).font().pointSizeF() == pytest.approx(usual)
    assert indicator_width() == normal_indicator
    win.close()
