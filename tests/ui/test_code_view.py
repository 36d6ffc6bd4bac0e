"""The Code tab: what it shows runs as it is, fits the pane, grows in lecture mode, speaks Korean."""

import numpy as np
import pytest
from PySide6 import QtWidgets

from convviz.model.document import Document
from convviz.model.pipeline import run_pipeline
from convviz.ui import i18n
from convviz.ui.qt_code_view import QtCodeView


@pytest.fixture
def view(code_view):
    return code_view


def _run_copied(view, key="numpy") -> dict:
    view.copy_buttons[key].click()
    scope: dict = {}
    exec(compile(QtWidgets.QApplication.clipboard().text(), "<copied>", "exec"), scope)  # nothing predefined
    return scope


def _engine(doc, index):
    return run_pipeline(doc.input, [doc.kernels[index]], [doc.biases[index]], doc.settings)


def test_copied_code_runs_alone_and_shows_the_window(view):
    doc = view.document
    doc.set_settings(padding="same", same="centered", stride=2, activation="relu", pool="max", pool_padding="same")
    scope = _run_copied(view)
    np.testing.assert_array_equal(scope["x"], doc.input)
    result = _engine(doc, 0)
    np.testing.assert_allclose(scope["out"], result.activated[0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(scope["pooled"], result.pooled[0], rtol=1e-12, atol=1e-12)


def test_the_chosen_filter_and_its_bias(view):
    doc = view.document
    doc.set_kernels([doc.kernels[0], np.array([[0.5, -1, 0], [0, 2, 0], [1 / 3, 0, 0]])], [0.0, -0.75])
    assert view.filter_combo.count() == 2
    view.filter_combo.setCurrentIndex(1)
    scope = _run_copied(view)
    np.testing.assert_array_equal(scope["w"], doc.kernels[1])
    assert scope["b"] == doc.biases[1]
    np.testing.assert_allclose(scope["out"], _engine(doc, 1).activated[0], rtol=1e-12, atol=1e-12)


def test_rgb_and_1d_inputs(view):
    doc = view.document
    doc.set_input(np.random.default_rng(3).integers(0, 9, (6, 5, 3)) / 8)
    doc.set_settings(op="convolve", boundary="reflect", padding="same", dilation=2, pool="avg")
    scope = _run_copied(view)
    np.testing.assert_allclose(scope["out"], _engine(doc, 0).activated[0], rtol=1e-12, atol=1e-12)
    doc.set_mode("1d")
    scope = _run_copied(view)
    assert scope["x"].shape == (9,)
    np.testing.assert_allclose(scope["out"], _engine(doc, 0).activated[0], rtol=1e-12, atol=1e-12)


def test_large_input_is_saved_and_loaded(view, tmp_path, monkeypatch):
    doc = view.document
    assert view.save_input_button.isHidden()  # the lecture's 5x5 is printed in the code
    doc.set_input(np.random.default_rng(4).random((64, 64)))
    assert not view.save_input_button.isHidden()
    assert "np.load('input.npy')" in view.code("numpy")
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "input.npy"), ""))
    view.save_input_button.click()
    monkeypatch.chdir(tmp_path)
    scope = _run_copied(view)
    np.testing.assert_allclose(scope["out"], _engine(doc, 0).activated[0], rtol=1e-12, atol=1e-12)


def test_code_follows_the_document_while_hidden(view):
    view.hide()
    view.document.set_settings(padding="full")
    assert "mode='full'" in view.code("numpy")


@pytest.mark.parametrize("scale", [1.0, 1.6])
def test_no_line_runs_off_sideways(view, qtbot, scale):
    """A 520 px pane holds about 60 columns at the usual size, 37 at lecture size: long lines wrap."""
    doc = view.document
    doc.set_input(np.random.default_rng(5).random((6, 6, 3)))  # long float literals
    doc.set_settings(padding="explicit", explicit_pad=(2, 1, 0, 3), stride=2, dilation=2, boundary="circular",
                     pool="avg", pool_padding="same")
    view.set_type_scale(scale)
    for key, editor in view.editors.items():
        view.programs.setCurrentIndex(list(view.editors).index(key))
        qtbot.waitUntil(editor.isVisible)
        assert editor.horizontalScrollBar().maximum() == 0, key
        assert editor.document().size().width() <= editor.viewport().width() + 1


def test_type_scale_enlarges_code_and_prose(view):
    code_size = view.editors["numpy"].font().pointSizeF()
    prose_size = view.header.font().pointSizeF()
    button_size = view.copy_buttons["numpy"].font().pointSizeF()
    view.set_type_scale(1.6)
    assert view.editors["numpy"].font().pointSizeF() == pytest.approx(1.6 * code_size)
    assert view.editors["tensorflow"].font().pointSizeF() == pytest.approx(1.6 * code_size)
    assert view.header.font().pointSizeF() == pytest.approx(1.6 * prose_size)
    assert view.copy_buttons["numpy"].font().pointSizeF() == pytest.approx(1.6 * button_size)
    view.set_type_scale(1.0)
    assert view.editors["numpy"].font().pointSizeF() == pytest.approx(code_size)
    assert view.header.font().pointSizeF() == pytest.approx(prose_size)


def test_type_scale_is_not_compounded_by_an_enlarged_parent(qtbot):
    """Lecture mode enlarges the tabs' font too; the view's own scale decides its size."""
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    view = QtCodeView(Document(), parent)
    size = view.header.font().pointSizeF()
    font = parent.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    parent.setFont(font)
    view.set_type_scale(1.6)
    assert view.header.font().pointSizeF() == pytest.approx(1.6 * size)


def test_prose_and_buttons_switch_to_korean_live(view, qapp):
    try:
        assert i18n.install(qapp, "ko") == "ko"
        qapp.processEvents()  # the LanguageChange event
        korean = i18n.tr("Copy the NumPy / SciPy code")
        assert view.copy_buttons["numpy"].text() == korean != "Copy the NumPy / SciPy code"
        assert view.filter_combo.itemText(0) == "필터 1"
        assert "Each program" not in view.header.text()
    finally:
        i18n.install(qapp, "en")
        qapp.processEvents()
    assert view.copy_buttons["numpy"].text() == "Copy the NumPy / SciPy code"
    assert view.filter_combo.itemText(0) == "Filter 1"


def test_settings_without_an_output_show_the_reason(view):
    view.document.set_settings(stride=1)
    view.document.set_kernels([np.ones((5, 5))])
    view.document.set_input(np.ones((3, 3)))  # a 5x5 kernel on a 3x3 input, valid: no output
    assert view.code("numpy").startswith("# ")
    # The header says so instead of describing x, w and out, and there is nothing to copy (tester).
    assert view.header.text().startswith("No program for these settings:") and "larger" in view.header.text()
    assert not view.copy_buttons["numpy"].isEnabled() and not view.copy_buttons["tensorflow"].isEnabled()
    view.document.set_input(np.ones((6, 6)))
    assert "<b>x</b>" in view.header.text() and view.copy_buttons["numpy"].isEnabled()


def test_the_code_tab_shows_the_matrix_product_program(window):
    """The steps' "Show as" matrix pictures as a program: it runs and gives the map before activation."""
    import numpy as np

    view = window.code_view
    code = view.code("matrix")
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the program a user copies
    np.testing.assert_allclose(namespace["out"], window.compute.result.raw[0])
    assert "patches @ k.ravel()" in code and "T @ xp.ravel()" in code
