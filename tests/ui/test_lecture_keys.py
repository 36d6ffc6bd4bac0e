"""Lecture mode's keys and its first moments: what a lecturer presses with the menu bar hidden, and a
lesson that opens straight into lecture mode on another tab than the maps."""

from PySide6 import QtCore

from convviz.model.document import Document
from convviz.ui.qt_main_window import QtMainWindow


def test_f11_leaves_lecture_mode_with_the_menu_bar_hidden(window, qtbot):
    window.toggle_lecture_mode(True)
    assert window.lecture.on and not window.menuBar().isVisible()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_F11)
    assert not window.lecture.on and window.menuBar().isVisible()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_F11)  # and enters it again
    assert window.lecture.on
    window.toggle_lecture_mode(False)


def test_every_menu_shortcut_works_with_the_menu_bar_hidden(window):
    """A hidden menu bar takes the keys of the actions only it holds (Ctrl+Shift+N did nothing)."""
    keyed = [a for menu in window.menuBar().findChildren(type(window.network_menu)) for a in menu.actions()
             if not a.shortcut().isEmpty()]
    assert any(a.shortcut().toString() == "Ctrl+Shift+N" for a in keyed)
    on_window = set(window.actions())
    assert [a.text() for a in keyed if a not in on_window] == []


def test_a_backward_lesson_opens_into_lecture_mode_before_the_window_is_shown(qtbot):
    """`convviz --lesson backward-5x5-squared-error --lecture`: the input panel, never shown yet, had no
    cell-size link, and lecture mode raised AttributeError (and again on Esc)."""
    from convviz.ui.qt_lessons import open_lesson

    win = QtMainWindow(Document(), synchronous=True, restore=False)
    qtbot.addWidget(win)
    assert open_lesson(win, "backward-5x5-squared-error")
    win.toggle_lecture_mode(True)
    assert win.lecture.on
    assert win.tabs.currentWidget() is win.backward.view  # the lesson's tab stays in front
    win.toggle_lecture_mode(False)
    assert not win.lecture.on
    win.close()


def test_lecture_mode_from_the_maps_tab_shows_the_steps(window):
    window.tabs.setCurrentIndex(0)
    window.toggle_lecture_mode(True)
    assert window.tabs.currentWidget() is window.step_view
    window.toggle_lecture_mode(False)


def test_the_backward_steps_slider_is_drawn_in_lecture_mode(window):
    """The Backward tab's scrub slider was a black groove on black (only its handle showed)."""
    from convviz.ui.qt_player_controls import LECTURE_SLIDER

    steps = window.backward.show().steps
    window.toggle_lecture_mode(True)
    assert steps.slider.styleSheet() == LECTURE_SLIDER == window.step_view.slider.styleSheet()
    window.toggle_lecture_mode(False)
    assert steps.slider.styleSheet() == ""


def test_a_backward_tab_built_in_lecture_mode_gets_the_lecture_slider(window):
    window.toggle_lecture_mode(True)
    from convviz.ui.qt_player_controls import LECTURE_SLIDER

    assert window.backward.show().steps.slider.styleSheet() == LECTURE_SLIDER
    window.toggle_lecture_mode(False)


def test_the_input_panels_controls_grow_with_lecture_type(window):
    """Pen, Value, Eraser, Size and Samples stayed at the normal size beside the large maps."""
    from PySide6 import QtWidgets

    normal = QtWidgets.QApplication.font().pointSizeF()
    pen = window.input_panel.findChildren(QtWidgets.QAbstractSpinBox)[0]
    window.toggle_lecture_mode(True)
    assert pen.font().pointSizeF() >= 1.4 * normal
    window.toggle_lecture_mode(False)
    assert pen.font().pointSizeF() == normal


def test_the_backward_lesson_fits_a_1024_wide_screen(window):
    """The loss row's combo boxes, sized for their longest items, held the window 1042 px wide on a
    1024x768 laptop (and 1257 px after leaving and re-entering lecture mode)."""
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, "backward-5x5-squared-error")
    assert window.minimumSizeHint().width() <= 1000
    window.toggle_lecture_mode(True)
    window.toggle_lecture_mode(False)
    assert window.minimumSizeHint().width() <= 1000
