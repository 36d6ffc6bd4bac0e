"""The step view's toolbar and the player's row at every zoom: the Compare label never apart from
its box, no control alone on a row for want of a few pixels, combo boxes as wide as their text,
the player's row spaced, level and as large as the type (and the Backward tab's alike)."""

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.model.document import Document
from convviz.model.lecture import LECTURE_TYPE, ZOOMS
from convviz.ui import qt_player_controls
from convviz.ui.qt_backward_steps import QtBackwardSteps
from convviz.ui.qt_step_view import QtStepView

#: Zoom -3 .. +2 (Ctrl+- three times, Ctrl+= twice).
STEPS = ZOOMS[ZOOMS.index(1.0) - 3:ZOOMS.index(1.0) + 3]


def _font(factor: float) -> QtGui.QFont:
    """The tabs' font as convviz.ui.lecture.apply_type sets it."""
    font = QtGui.QFont(QtWidgets.QApplication.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    return font


def _rect(widget, host) -> QtCore.QRect:
    return QtCore.QRect(widget.mapTo(host, QtCore.QPoint(0, 0)), widget.size())


def _rows(widgets, host) -> list[list]:
    """The widgets shown, grouped into rows: a widget starts a row when its centre is below the row's bottom."""
    rects = sorted(((_rect(w, host), w) for w in widgets if w.isVisible()), key=lambda rw: rw[0].center().y())
    rows: list[list] = []
    bottom = -1
    for rect, widget in rects:
        if rect.center().y() > bottom:
            rows.append([])
        rows[-1].append(widget)
        bottom = max(bottom, rect.bottom()) if len(rows[-1]) > 1 else rect.bottom()
    return rows


def _settle(qtbot):
    for _ in range(3):
        QtWidgets.QApplication.processEvents()
    qtbot.wait(5)


@pytest.fixture
def view(shown):
    return shown(QtStepView(Document()), 1264, 700)


def _toolbar(v):
    return [v.kind_combo, v.view_combo, v.filter_combo, v.flip_button, v.compare_label, v.compare_combo]


@pytest.mark.parametrize("width", [1264, 1008])  # lecture mode on a 1280 and a 1024 px screen
@pytest.mark.parametrize("compare", ["none", "padding"])
def test_lecture_toolbar_keeps_one_row_at_every_zoom(view, qtbot, width, compare):
    """1280x800, lecture, Ctrl+= twice: 'No comparison' dropped to a row of its own (its label left
    behind on the first) although the row had room; everything below moved down."""
    view.resize(width, 700)
    view.set_compare(compare)
    for zoom in STEPS:
        view.setFont(_font(LECTURE_TYPE * zoom))
        _settle(qtbot)
        rows = _rows(_toolbar(view), view)
        label, combo = _rect(view.compare_label, view), _rect(view.compare_combo, view)
        assert abs(label.center().y() - combo.center().y()) <= 1, (zoom, label, combo)
        assert label.right() < combo.left()
        assert len(rows) == 1, (zoom, [[w.__class__.__name__ for w in r] for r in rows])


@pytest.mark.parametrize("width", [575, 700, 820])  # the Steps tab beside the panels at 1024, 1280 and 1366
def test_normal_toolbar_wraps_only_when_it_must(view, qtbot, width):
    """Outside lecture mode, at every zoom: the Compare label on its box's row, and a second row only
    when the controls cannot share one even with narrowed gaps."""
    view.resize(width, 700)
    view.set_compare("padding")
    for zoom in STEPS:
        view.setFont(_font(zoom))
        _settle(qtbot)
        rows = _rows(_toolbar(view), view)
        assert any(view.compare_label in r and view.compare_combo in r for r in rows), zoom
        shown = [w for w in (view.kind_combo, view.view_combo, view.filter_combo, view.flip_button)
                 if w.isVisible()] + [view.compare_box]
        least = sum(w.sizeHint().width() for w in shown) + 2 * (len(shown) - 1)
        if least <= view.contentsRect().width() - 8:
            assert len(rows) == 1, (zoom, least, view.width())
        assert len(rows) <= 2
        for w in _toolbar(view):
            if w.isVisible():
                assert _rect(w, view).right() <= view.width(), w


def test_combos_are_as_wide_as_their_text(view, qtbot):
    """'Sliding window' sat in a box sized for 'Equivalent correlation (zeros inserted)'; the list
    still shows every item whole, and the box its whole text."""
    view.setFont(_font(LECTURE_TYPE))
    _settle(qtbot)
    combo = view.view_combo
    metrics = combo.fontMetrics()
    longest = max((combo.itemText(i) for i in range(combo.count())), key=metrics.horizontalAdvance)
    metrics = combo.fontMetrics()
    assert combo.width() < metrics.horizontalAdvance(longest)
    option = QtWidgets.QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QtWidgets.QStyle.ComplexControl.CC_ComboBox, option,
                                         QtWidgets.QStyle.SubControl.SC_ComboBoxEditField, combo)
    assert metrics.horizontalAdvance(combo.currentText()) <= field.width() + 1
    before = combo.width()
    view.set_view("im2col")  # a longer text: the box grows
    _settle(qtbot)
    assert combo.width() > before
    assert combo.minimumSizeHint().width() == combo.sizeHint().width()  # never narrower than its text


def _bar(v):
    widgets = [*v.buttons.values(), v.position, v.speed]
    return widgets + ([v.loop, v.quiz] if hasattr(v, "loop") else [])


def _check_player_row(host, qtbot, factor):
    """The position holds '49 / 49'; neighbours apart; labels and check boxes level with the boxes."""
    gap = 6
    metrics = QtGui.QFontMetrics(host.font())
    position = host.position
    assert position.font().pointSizeF() == pytest.approx(host.font().pointSizeF())
    assert position.width() >= metrics.horizontalAdvance("49 / 49"), factor
    widgets = _bar(host)
    rects = [_rect(w, host) for w in widgets]
    speed = _rect(host.speed, host)
    for (a, ra), (b, rb) in zip(zip(widgets, rects), zip(widgets[1:], rects[1:])):
        if abs(ra.center().y() - rb.center().y()) > ra.height() // 2:
            continue  # wrapped onto the next row
        between = 2 if a in host.buttons.values() and b in host.buttons.values() else gap
        assert rb.left() - ra.right() - 1 >= between, (factor, a.__class__.__name__, b.__class__.__name__)
    for w, r in zip(widgets, rects):
        if abs(r.center().y() - speed.center().y()) <= speed.height() // 2:
            assert abs(r.center().y() - speed.center().y()) <= 1, (factor, w.__class__.__name__, r, speed)


@pytest.mark.parametrize("lecture", [False, True])
def test_player_row_spaced_level_and_zoomed(view, qtbot, lecture):
    """'1 / 492 /s', 'Loop' against the Quiz box, the buttons' icons 16 px whatever the zoom."""
    view.set_lecture_controls(lecture)
    view.controls.set_length(49)
    icons = []
    for zoom in STEPS:
        factor = (LECTURE_TYPE if lecture else 1.0) * zoom
        view.setFont(_font(factor))
        _settle(qtbot)
        assert view.position.text() == "1 / 49"
        _check_player_row(view, qtbot, factor)
        side = view.buttons["play"].iconSize().height()
        assert side >= 0.9 * QtGui.QFontMetrics(view.font()).height()
        assert view.buttons["play"].width() > side
        icons.append(side)
    assert icons == sorted(icons)
    if lecture:
        assert icons[-1] > icons[0] and icons[-1] > 16


def test_lecture_check_boxes_follow_the_zoom(view, qtbot):
    view.set_lecture_controls(True)
    sizes = []
    for zoom in (1.0, 1.25):
        view.setFont(_font(LECTURE_TYPE * zoom))
        _settle(qtbot)
        sizes.append(view.loop.sizeHint().height())
        assert view.loop.font().pointSizeF() == pytest.approx(view.font().pointSizeF())
    assert sizes[1] > sizes[0]
    view.set_lecture_controls(False)
    assert view.loop.styleSheet() == ""


def test_backward_steps_row_matches_the_step_view(view, qtbot):
    steps = QtBackwardSteps()
    qtbot.addWidget(steps)
    steps.resize(900, 500)
    steps.show()
    qtbot.waitExposed(steps)
    steps.controls.set_length(49)
    view.controls.set_length(49)
    for zoom in (0.8, 1.0, 1.25):
        font = _font(LECTURE_TYPE * zoom)
        steps.setFont(font)
        view.setFont(font)
        _settle(qtbot)
        _check_player_row(steps, qtbot, zoom)
        flow = qt_player_controls.ControlFlow
        assert isinstance(steps.bar, flow) and isinstance(view.bar, flow)
        assert steps.buttons["play"].iconSize() == view.buttons["play"].iconSize()
        assert steps.position.width() == view.position.width()


def test_flow_narrows_its_gaps_before_an_item_wraps(qtbot):
    """Three 100 px boxes in a row a few pixels short of their full gaps: one row, not two."""
    host = QtWidgets.QWidget()
    qtbot.addWidget(host)
    flow = qt_player_controls.ControlFlow(host)
    boxes = []
    for height in (20, 30, 20):
        box = QtWidgets.QFrame()
        box.setFixedSize(100, height)
        flow.addWidget(box)
        boxes.append(box)
    gap, narrow, _ = flow.spacing_for_font()
    width = 300 + 2 * gap - 3
    host.resize(width, 100)
    host.show()
    qtbot.waitExposed(host)
    _settle(qtbot)
    assert len(flow.rows(width)) == 1
    tops = {b.geometry().center().y() for b in boxes}
    assert max(tops) - min(tops) <= 1  # centred in the row, not top-aligned
    assert boxes[-1].geometry().right() < width
    assert boxes[1].geometry().left() - boxes[0].geometry().right() - 1 >= narrow
    host.resize(300 + 2 * narrow - 1, 100)  # narrower than even the narrow gaps: it must wrap
    _settle(qtbot)
    assert len(flow.rows(host.width())) == 2
    assert flow.heightForWidth(host.width()) == 30 + flow.spacing_for_font()[2] + 20
    boxes[1].hide()  # hidden: no room, no gap
    assert len(flow.rows(210)) == 1
