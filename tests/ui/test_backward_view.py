"""The Backward tab in the explorer window: its maps show core.backward's dW, db and dX for the document,
the step pane plays the traces of dW and dX, the SGD step writes the kernels, files feed the upstream."""

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from convviz.core import conv_backward, convolve
from convviz.model.document import LECTURE_IMAGE


def test_the_tab_is_built_when_first_shown(window):
    assert not window.backward.built
    view = window.backward.show()
    assert window.backward.built and window.tabs.currentWidget() is view
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "Backward"


def test_maps_show_core_gradients_and_the_step_applies(window, qtbot):
    doc = window.document
    doc.set_settings(op="convolve", padding="same", stride=2)
    doc.add_filter(np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=float))
    doc.set_bias(1, 0.5)
    view = window.backward.show()
    kernels = [k.copy() for k in doc.kernels]
    grads = [conv_backward(LECTURE_IMAGE, k, np.ones((3, 3)), op="convolve", padding="same", stride=2)
             for k in kernels]
    np.testing.assert_array_equal(view.dw_grid.cells[0].data, grads[0].dW)
    np.testing.assert_array_equal(view.dx_grid.cells[0].data, grads[0].dX + grads[1].dX)
    assert "db = Σ dY = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 = 9" in view.bias_line.text()
    np.testing.assert_allclose(view.kernel_grid.cells[1].data, kernels[0] - 0.1 * grads[0].dW)
    view.filter_combo.setCurrentIndex(1)
    np.testing.assert_array_equal(view.dw_grid.cells[0].data, grads[1].dW)

    view.lr_box.setValue(0.05)
    before = sum(convolve(LECTURE_IMAGE, k, bias=b, padding="same", stride=2).sum()
                 for k, b in zip(kernels, (0.0, 0.5)))
    assert view.loss_line.text().startswith(f"L = Σ Y: {before:g} before the step")
    qtbot.mouseClick(view.apply_button, QtCore.Qt.MouseButton.LeftButton)
    np.testing.assert_allclose(doc.kernels[0], kernels[0] - 0.05 * grads[0].dW)
    np.testing.assert_allclose(doc.kernels[1], kernels[1] - 0.05 * grads[1].dW)
    assert doc.biases == pytest.approx([0 - 0.05 * 9, 0.5 - 0.05 * 9])

    # the steps follow the filter chosen (a target makes each filter's dY its own)
    view.controller.set_target("zeros")
    view.filter_combo.setCurrentIndex(0)
    view.set_page("dW")  # filter 1's steps
    view.filter_combo.setCurrentIndex(1)  # filter 2's
    r = view.controller.result
    assert not np.allclose(r.dW[0], r.dW[1])
    np.testing.assert_allclose([s.total for s in view.steps.trace], np.flip(r.dW[1]).ravel())  # convolve: flipped


def test_stepping_through_dw_and_dx(window, qtbot):
    doc = window.document
    doc.set_settings(padding="valid", stride=1)
    view = window.backward.show()
    view.controller.set_target("shifted")
    result = view.controller.result
    qtbot.mouseClick(view.page_buttons["dW"], QtCore.Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.steps and len(view.steps.trace) == 9
    assert view.steps.canvas.scenes[0].title == "dW = correlate(X, dY)"
    qtbot.keyClick(view.steps, QtCore.Qt.Key.Key_Right)
    qtbot.keyClick(view.steps, QtCore.Qt.Key.Key_Right)
    step = view.steps.step()
    assert step.out_index == (0, 2) and step.total == pytest.approx(result.dW[0][0, 2], abs=1e-12)
    assert view.steps.canvas.image().std() > 0  # something drawn
    qtbot.mouseClick(view.page_buttons["dX"], QtCore.Qt.MouseButton.LeftButton)
    assert len(view.steps.trace) == 25 and view.steps.caption.text() == "The output is dX."
    totals = np.array([s.total for s in view.steps.trace]).reshape(5, 5)
    np.testing.assert_allclose(totals, result.dX, atol=1e-12)


def test_the_step_panes_speed_keys_match_the_step_views(window, qtbot):
    """The Backward steps share the step view's player controls: the number pad's + and − too, and the
    speed box follows the keys."""
    view = window.backward.show()
    qtbot.mouseClick(view.page_buttons["dW"], QtCore.Qt.MouseButton.LeftButton)
    steps = view.steps
    speed = steps.player.speed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Plus, QtCore.Qt.KeyboardModifier.KeypadModifier)
    assert steps.player.speed > speed and steps.speed.currentData() == steps.player.speed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Minus, QtCore.Qt.KeyboardModifier.KeypadModifier)
    assert steps.player.speed == speed and steps.speed.currentData() == speed


def test_upstream_and_target_files(window, tmp_path, monkeypatch):
    view = window.backward.show()
    warnings = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    upstream = np.arange(9.0).reshape(3, 3)
    np.save(tmp_path / "dy.npy", upstream)
    np.save(tmp_path / "wrong.npy", np.zeros((4, 4)))
    path = {"value": str(tmp_path / "wrong.npy")}
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (path["value"], ""))
    file_index = view.upstream_combo.findData("file")
    view.upstream_combo.setCurrentIndex(file_index)
    view.upstream_combo.activated.emit(file_index)
    assert view.message.text() == "the upstream gradient is 4×4; the output is 3×3"
    assert view.apply_button.isEnabled() is False
    path["value"] = str(tmp_path / "dy.npy")
    view.upstream_combo.activated.emit(file_index)
    np.testing.assert_array_equal(view.upstream_grid.cells[0].data, upstream)
    assert view.loss_line.text().startswith("L = Σ dY ⊙ Y")
    path["value"] = ""  # a cancelled dialog keeps the choice as it was
    target_index = view.target_combo.findData("file")
    view.target_combo.activated.emit(target_index)
    assert view.upstream_combo.currentData() == "file" and not warnings


def test_lecture_mode_type_reaches_the_tab(window):
    view = window.backward.show()
    window.toggle_lecture_mode(True)
    try:
        assert view.steps.canvas.min_type == 20
    finally:
        window.toggle_lecture_mode(False)
    assert view.steps.canvas.min_type == 12


def test_code_tab_shows_the_backward_program_for_the_tabs_choices(window):
    from convviz.export.code_backward import backward_snippet

    doc = window.document
    assert "loss = loss_of(" in window.code_view.code("backward")
    assert "tf.reduce_sum(y)" in window.code_view.code("backward")  # all ones before the tab is built
    view = window.backward.show()
    view.controller.set_target("shifted")
    view.lr_box.setValue(0.02)
    code = window.code_view.code("backward")
    target = view.controller.result.target
    assert code == backward_snippet(doc.settings, doc.input, doc.kernels, doc.biases, upstream="squared_error",
                                    target=target, lr=0.02)
    assert "tf.reduce_mean((y - target) ** 2)" in code and "lr = 0.02" in code


def test_the_backward_lesson(window, seed_cases):
    """The lecture's 5x5 image and 'X' kernel (its forward is the lecture's worked example) against a target:
    the lesson opens the Backward tab stepping through dW, with dY = 2 (Y - T) / 9."""
    from convviz.core import correlate
    from convviz.ui.qt_lessons import open_lesson

    assert open_lesson(window, "backward-5x5-squared-error")
    view = window.backward.view
    assert window.tabs.currentWidget() is view and view.page == "dW"
    y = np.array(seed_cases["2d-binary-image-valid"]["expect"], dtype=float)
    target = np.array([[4, 2, 4], [2, 4, 2], [4, 2, 4]], dtype=float)
    result = view.controller.result
    np.testing.assert_array_equal(result.y[0], y)
    dy = 2 * (y - target) / 9
    np.testing.assert_allclose(result.dW[0], correlate(LECTURE_IMAGE, dy), atol=1e-15)
    assert result.loss_before == pytest.approx(np.mean((y - target) ** 2))
    assert result.loss_after < result.loss_before and view.lr_box.value() == 0.1
    totals = [s.total for s in view.steps.trace]
    np.testing.assert_allclose(totals, result.dW[0].ravel(), atol=1e-15)
    with pytest.raises(ValueError):
        view.controller.open_lesson({"upstream": "squared_error"})  # no target


def test_a_dy_too_large_to_draw_as_a_kernel_is_said(window):
    window.document.set_input(np.ones((16, 16)))
    view = window.backward.show()
    view.set_page("dW")
    assert view.steps.trace is None and view.steps.caption.text().startswith("dY is 14×14: too large")
    view.set_page("dX")  # the input gradient still steps: its kernel is W
    assert len(view.steps.trace) == 16 * 16


def test_a_live_language_change_reaches_the_tab(window):
    view = window.backward.show()
    view.set_page("dX")
    window.set_language("ko")
    QtWidgets.QApplication.processEvents()  # the language change reaches the widgets as an event
    try:
        assert view.upstream_combo.itemText(0) == "모두 1 (L = Σ Y)"
        assert view.page_buttons["dW"].text() == "dW 단계별 보기"
        assert view.loss_line.text().startswith("L = Σ Y: 스텝 전")
        assert view.steps.canvas.scenes[0].title == "dX: 패딩된 dY와 W의 합성곱"
    finally:
        window.set_language("en")
        QtWidgets.QApplication.processEvents()
    assert view.loss_line.text().startswith("L = Σ Y: 29 before the step")


def test_the_step_panes_position_is_level_with_its_speed_box(window, qtbot):
    """A flow layout aligns tops: the position label is as tall as the speed box, its text centred."""
    view = window.backward.show()
    qtbot.mouseClick(view.page_buttons["dW"], QtCore.Qt.MouseButton.LeftButton)
    steps = view.steps
    assert steps.position.minimumHeight() == steps.speed.sizeHint().height()
    assert steps.position.alignment() & QtCore.Qt.AlignmentFlag.AlignVCenter
