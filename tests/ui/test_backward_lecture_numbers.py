"""The Backward tab's numbers in lecture mode, after a tester in the real window: W − lr·dW's 1.0222 read 1.0 beside
W's 1 (the step seemed to change nothing), 4/9 read 0.444 in dW and 0.44 in dX on one page, the step pane drew a
grid's -0.44 smaller than its 0.22, a refusal stood at 12 px telling the lecturer to use a panel lecture mode hides,
and the db line's -0.02222 wrapped onto a line of its own."""

import re

import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets

from convviz.render.prims import Text
from convviz.ui.qt_backward_room import change_digits
from convviz.ui.qt_map_items import fitting_text_px, text_units

LESSON = "backward-5x5-squared-error"


def _lecture(window, qtbot, size):
    window.toggle_lecture_mode(True)
    window.showNormal()  # the projector's size, not the offscreen platform's 800x800 screen
    window.resize(*size)
    qtbot.wait(20)


def _printed_px(grid) -> list:
    return [fitting_text_px(grid.cell_px, max(text_units(t) for t in cell.shown_values())) for cell in grid.cells]


def _lines(label: QtWidgets.QLabel) -> list[str]:
    """The label's text as word wrap breaks it at the label's width."""
    text = label.text()
    layout = QtGui.QTextLayout(text, label.font())
    option = QtGui.QTextOption()
    option.setWrapMode(QtGui.QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(text[line.textStart(): line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def test_change_digits():
    assert change_digits(np.ones(3), np.array([0.9556, 1.0222, 1.0])) == 3  # 1.0222 is 1.0 at 2 digits
    assert change_digits(np.ones(2), np.array([0.9556, 0.9333])) == 2
    assert change_digits(np.zeros(2), np.array([-0.06667, 0.0])) == 2
    assert change_digits(np.array([1.0]), np.array([1.0012])) == 4  # 1.001
    assert change_digits(np.array([1.0]), np.array([1.00001])) is None  # past the fourth digit
    assert change_digits(np.array([0.1 + 0.2]), np.array([0.3])) == 2  # a float's last bits are no change


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)])
def test_the_sgd_steps_change_shows_in_its_digits(window, qtbot, size):
    """W − lr·dW's corners (1.0222) printed 1.0 beside W's 1: every cell the step changes prints another
    number than W's, at lecture-sized type (20 px at 1280x800; 16 px, the page's smallest, at 1024x768)."""
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, LESSON)
    view = window.backward.show()
    view.set_page("maps")
    _lecture(window, qtbot, size)
    try:
        w, stepped = view.kernel_grid.cells
        np.testing.assert_allclose(stepped.data, view.controller.result.kernels_after[0])
        changed = w.data != stepped.data
        assert changed.all()
        for before, after in zip(np.array(w.shown_values())[changed.ravel()],
                                 np.array(stepped.shown_values())[changed.ravel()]):
            assert float(before) != float(after), (before, after)
        assert "1.02" in stepped.shown_values()
        least = 19 if size == (1280, 800) else 16
        assert min(_printed_px(view.kernel_grid)) >= least, _printed_px(view.kernel_grid)
        printed = [px for grid in view.grids if grid.isVisibleTo(view) for px in _printed_px(grid)]
        assert min(_printed_px(view.kernel_grid)) >= min(printed)  # not the page's smallest numbers
    finally:
        window.toggle_lecture_mode(False)


def test_a_change_past_the_fourth_digit_is_said(window):
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, LESSON)
    view = window.backward.show()
    view.set_page("maps")
    assert "too small" not in view.loss_line.text()
    view.lr_box.setValue(0.0001)  # 1 − 0.0001·0.4444 = 0.99996: "1" to 4 digits
    assert [cell.digits for cell in view.kernel_grid.cells] == [4, 4]
    assert "lr·dW is too small in some cells to change their 4 digits" in view.loss_line.text()


def test_one_quantity_one_precision_on_the_page(window, qtbot):
    """4/9 printed 0.444 in dW and 0.44 in dX on one screen: every map of the page prints to one number of
    digits, W and W − lr·dW to no fewer."""
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, LESSON)
    view = window.backward.show()
    view.set_page("maps")
    _lecture(window, qtbot, (1280, 800))
    try:
        digits = {grid.objectName(): {cell.digits for cell in grid.cells} for grid in view.grids
                  if grid.isVisibleTo(view)}
        page = digits.pop("kernel")
        assert len(set().union(*digits.values())) == 1, digits
        assert min(page) >= max(set().union(*digits.values()))
        assert "0.44" in view.dw_grid.cells[0].shown_values() and "0.44" in view.dx_grid.cells[0].shown_values()
    finally:
        window.toggle_lecture_mode(False)


@pytest.mark.parametrize("page", ["dW", "dX"])
def test_a_step_grids_numbers_share_one_size(window, korean, qtbot, page):
    """1024x768, Korean, lecture mode: dY's -0.44 was drawn at 20 px beside its 0.22 at 25 (digits 13 and 16 px
    high).  Every number of one grid at one size: its widest's."""
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, LESSON)
    view = window.backward.show()
    _lecture(window, qtbot, (1024, 768))
    try:
        view.set_page(page)
        scene = view.steps.canvas.scenes[0]
        sizes: dict = {}
        for i in range(len(scene.trace)):
            for p in scene.frame(i).prims:
                if isinstance(p, Text):
                    sizes.setdefault(p.text, set()).add(round(p.size, 2))
        decimals = {t: s for t, s in sizes.items() if re.fullmatch(r"-?\d\.\d\d", t)}  # dY's and the products'
        assert {"-0.44", "0.22", "0.00"} <= set(decimals)
        assert len(set().union(*decimals.values())) == 1, decimals
        assert min(set().union(*decimals.values())) >= 20  # the lecture floor
    finally:
        window.toggle_lecture_mode(False)


def test_a_refusal_in_lecture_mode_is_at_lecture_type_and_names_esc(window, qtbot):
    """The transposed-convolution lesson's Backward tab held only its refusal, at 12 px, pointing to the Operation
    panel lecture mode hides."""
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, "transposed-3x3-stride2-checkerboard")
    view = window.backward.show()
    assert view.message.isVisible() and "Esc" not in view.message.text()
    usual = QtGui.QFontInfo(view.message.font()).pixelSize()
    _lecture(window, qtbot, (1024, 768))
    try:
        px = QtGui.QFontInfo(view.message.font()).pixelSize()
        assert px == QtGui.QFontInfo(view.upstream_label.font()).pixelSize() and px >= 1.5 * usual, (px, usual)
        assert view.message.font().bold()
        assert view.message.palette().color(QtGui.QPalette.ColorRole.WindowText).name() == "#c0392b"
        assert "leave lecture mode (Esc)" in view.message.text() and "under Operation" in view.message.text()
    finally:
        window.toggle_lecture_mode(False)
    assert "Esc" not in view.message.text() and QtGui.QFontInfo(view.message.font()).pixelSize() == usual


def test_the_refusal_names_esc_in_korean(window, korean, qtbot):
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, "transposed-3x3-stride2-checkerboard")
    view = window.backward.show()
    window.toggle_lecture_mode(True)
    try:
        text = view.message.text()
        assert "Esc" in text and not re.search(r"[a-z]{4}", text.replace("Esc", "")), text  # translated
    finally:
        window.toggle_lecture_mode(False)
    window.set_language("en")
    QtWidgets.QApplication.processEvents()
    assert view.message.text().startswith("The backward pass is shown")  # the language follows


def test_the_bias_step_is_never_broken(window, korean, qtbot):
    """1024x768, Korean, lecture mode: the db line wrapped between "→" and -0.02222, which stood alone on a line."""
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, LESSON)
    view = window.backward.show()
    _lecture(window, qtbot, (1024, 768))
    try:
        for page in ("maps", "dW"):
            view.set_page(page)
            QtWidgets.QApplication.processEvents()
            lines = _lines(view.bias_line)
            assert len(lines) == 2, lines  # too long for one line here
            assert not any(re.fullmatch(r"[-+]?[\d.]+", line) for line in lines), lines
            assert lines[-1].replace("\u00a0", " ") == "b − lr·db = 0 → -0.02222", lines
    finally:
        window.toggle_lecture_mode(False)
