"""The input, kernel and operation panels against a real Document."""

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.model.document import LECTURE_SIGNAL, Document
from convviz.ui.qt_input_panel import QtInputPanel
from convviz.ui.qt_kernel_panel import QtKernelPanel
from convviz.ui.qt_op_panel import QtOperationPanel
from convviz.ui.theme import apply_theme


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(400, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_input_sizes_go_down_to_one_cell(qtbot):
    doc = Document()
    panel = _shown(qtbot, QtInputPanel(doc))
    assert panel.height_spin.minimum() == 1 and panel.width_spin.minimum() == 1
    panel.height_spin.setValue(2)
    panel.width_spin.setValue(2)
    panel.width_spin.editingFinished.emit()
    assert doc.input.shape == (2, 2)
    np.testing.assert_array_equal(doc.input, [[1, 1], [0, 1]])  # the top-left of the lecture image kept


def test_switching_to_1d_with_the_size_box_focused_keeps_the_signal(qtbot):
    """The focused spin box lost its focus (disabled) in the middle of the mode change and resized
    the new signal to its old 2D value."""
    doc = Document()
    panel = _shown(qtbot, QtInputPanel(doc))
    for spin in (panel.height_spin, panel.width_spin):
        spin.setFocus()
        qtbot.waitUntil(spin.hasFocus)
        doc.set_mode("1d")
        np.testing.assert_array_equal(doc.input, LECTURE_SIGNAL)
        assert panel.width_spin.value() == LECTURE_SIGNAL.size
        spin.editingFinished.emit()  # focus leaving later changes nothing either
        np.testing.assert_array_equal(doc.input, LECTURE_SIGNAL)
        doc.set_mode("2d")
        assert doc.input.shape == (5, 5)


def test_kernel_text_follows_the_kernel(qtbot):
    """The text box showed an old kernel ('1,1;1,1' while the kernel was [2,1,5,3])."""
    doc = Document()
    panel = _shown(qtbot, QtKernelPanel(doc))
    panel.text.setText("1,1;1,1")
    panel.text.returnPressed.emit()
    assert doc.kernels[0].tolist() == [[1, 1], [1, 1]]
    doc.set_mode("1d")
    assert panel.text.text() == "2, 1, 5, 3"
    doc.set_mode("2d")
    assert panel.text.text() == "1, 1; 1, 1"
    doc.set_kernel(0, [[1, 0, -1], [2, 0, -2], [1, 0, -1]])
    assert panel.text.text() == "1, 0, -1; 2, 0, -2; 1, 0, -1"
    doc.add_filter([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
    panel.tabs.setCurrentIndex(1)
    assert panel.text.text() == "0, 1, 0; 1, -4, 1; 0, 1, 0"
    doc.set_kernel(1, np.full((3, 3), 1 / 3))  # a long text shows from its start
    assert panel.text.text().startswith("0.3333333333333333, ") and panel.text.cursorPosition() == 0


def _contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    """WCAG contrast ratio of two colours."""
    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_same_help_text_reads_in_every_theme(qtbot):
    """The help text under 'same' as was drawn in palette(mid): 2.4:1 on the light window."""
    doc = Document()
    doc.set_settings(padding="same")
    panel = _shown(qtbot, QtOperationPanel(doc))
    app = QtWidgets.QApplication.instance()
    try:
        for theme in ("light", "dark", "contrast"):
            apply_theme(app, theme)
            qtbot.wait(10)
            # The label as it shows in the panel, against the theme's window colour.
            image = panel.grab(panel.same_help.geometry()).toImage()
            background = app.palette().color(QtGui.QPalette.ColorRole.Window)
            assert image.pixelColor(1, 1) == background
            # the most contrasting pixel of the text against the label's background
            best = 1.0
            for y in range(0, image.height(), 2):
                for x in range(0, image.width(), 2):
                    best = max(best, _contrast(image.pixelColor(x, y), background))
            assert best >= 7.0, (theme, best)
    finally:
        apply_theme(app, "light")


def test_padding_is_drawn_around_the_input_without_hovering(qtbot):
    """'full' on the 5x5 lecture input: the 2-cell ring of padding is drawn (dashed, with the
    boundary mode's values) as soon as the padding is set, and the input keeps readable cells."""
    doc = Document()
    panel = _shown(qtbot, QtInputPanel(doc))
    panel.resize(300, 560)
    assert panel.cell.padding.padded_cells() == 0
    doc.set_settings(padding="full")
    qtbot.wait(20)
    ring = panel.cell.padding
    assert panel.cell.extent == (2, 2, 2, 2) and ring.padded_cells() == 9 * 9 - 25
    assert panel.graphics.cell_px >= 26  # 6 px digits before (the padding shrank a narrow input)
    assert ring.labels(-1, -1) and ring._texts[0, 0] == "0"
    doc.set_settings(boundary="replicate")
    assert ring._texts[0, 0] == "1" and ring._texts[-1, -1] == "0"  # the corner cells repeated
    doc.set_settings(padding="valid")
    assert panel.cell.extent == (0, 0, 0, 0) and ring.padded_cells() == 0


def test_small_inputs_and_their_maps_share_a_cell_size(qtbot):
    """The 9-sample signal was 12 px a cell beside 60 px output cells."""
    from convviz.ui.qt_map_view import QtMapGrid

    doc = Document()
    doc.set_mode("1d")
    panel = _shown(qtbot, QtInputPanel(doc))
    panel.resize(300, 500)
    grid = QtMapGrid("maps")
    qtbot.addWidget(grid)
    grid.resize(600, 500)
    grid.show()
    qtbot.waitExposed(grid)
    panel.link_cell_size(grid)
    grid.set_maps([np.array([48.0, 57, 24, 25, 16, 39])], ["F1  6"])
    qtbot.wait(20)
    assert panel.graphics.cell_px >= 28  # the colour bar lies under the signal, not beside it
    assert grid.cell_px <= max(panel.graphics.cell_px, 40.0)
    doc.set_mode("2d")
    doc.set_input(np.ones((2, 2)))
    grid.set_maps([np.array([[4.0, 3.0], [2.0, 1.0]])], ["F1  2×2"])
    qtbot.wait(20)
    assert panel.graphics.cell_px > 100 and grid.fit_px > grid.cell_px == panel.graphics.fit_px


def test_explorer_links_input_and_map_cells(window, qtbot):
    """In the explorer the 5x5 lecture input and its 3x3 map share one cell size where there is room."""
    qtbot.wait(20)
    fit = window.input_panel.graphics.fit_px
    assert fit > 20 and window.feature_grid.cell_cap == max(fit, 40.0)
    assert window.feature_grid.cell_px <= max(fit, 40.0) + 1e-9


def test_pooled_hover_window_is_not_cut_at_the_map_edge(window, qtbot):
    """Max 2x2 stride 1 'same' on a 3x3 map: the window of the last row reaches one padded row
    below the map; it is drawn, not clipped by the map's view."""
    window.document.set_settings(pool="max", pool_size=2, pool_stride=1, pool_padding="same")
    qtbot.wait(20)
    window.pooled_grid.hovered.emit(0, 2, 2)
    cell = window.feature_grid.cells[0]
    padded = [o for o in cell._overlays if isinstance(o, QtWidgets.QGraphicsRectItem)
              and o.pen().style() == QtCore.Qt.PenStyle.DashLine]
    assert len(padded) == 3  # (3, 2), (3, 3), (2, 3)
    assert cell.extent == (0, 1, 0, 1)  # room kept below and right of the map for them
    view = cell.view.sceneBoundingRect()
    grid_area = window.feature_grid.mapToScene(window.feature_grid.viewport().rect()).boundingRect()
    bar = window.feature_grid.bar.sceneBoundingRect()
    for item in padded:
        box = item.sceneBoundingRect()
        assert view.contains(box) and grid_area.contains(box) and not bar.intersects(box)


def test_lecture_mode_enlarges_the_input_title_too(window, qtbot):
    title = window.input_panel.cell.title
    assert "9pt" in title.item.toHtml()
    window.toggle_lecture_mode(True)
    qtbot.wait(20)
    try:
        assert "14.4pt" in title.item.toHtml()
        assert window.input_panel.bar._text_px == 16
    finally:
        window.toggle_lecture_mode(False)
    qtbot.wait(20)
    assert "9pt" in title.item.toHtml()


def test_window_sheet_follows_values_in_cells(window, tmp_path, monkeypatch):
    """File → Export contact sheet prints the cells' values as the window does (View → Values in cells)."""
    from convviz.export import files

    seen = []
    original = files.sheet_image
    monkeypatch.setattr(files, "sheet_image", lambda *a, **k: seen.append(k.get("values")) or original(*a, **k))
    assert window.exports.export_sheet(str(tmp_path / "on.png"))
    window.values_action.trigger()  # off
    assert window.exports.export_sheet(str(tmp_path / "off.png"))
    assert seen == [True, False]


def test_tiny_inputs_hover_in_the_window(window, qtbot):
    """The lecture's pooling example on a 2x2 map, and a 1x1 input: hover explains each cell."""
    doc = window.document
    doc.set_kernels([[[1.0]]])
    doc.set_input([[4, 3], [2, 1]])
    doc.set_settings(pool="max", pool_size=2, pool_stride=1, pool_padding="same")
    qtbot.wait(20)
    assert [c.shown_values() for c in window.pooled_grid.cells] == [["4", "3", "2", "1"]]
    window.pooled_grid.hovered.emit(0, 1, 0)
    assert "max(2, 1) = 2" in window.readout.text()
    window.feature_grid.hovered.emit(0, 1, 1)
    assert "1×1 = 1" in window.readout.text()
    doc.set_settings(pool="none", padding="same")
    doc.set_kernels([np.ones((3, 3))])
    doc.set_input([[7.0]])
    qtbot.wait(20)
    window.feature_grid.hovered.emit(0, 0, 0)
    assert window.feature_grid.cells[0].shown_values() == ["7"] and "= 7" in window.readout.text()
    assert window.input_panel.cell.padding.padded_cells() == 8


def test_cannot_compute_clears_once_it_computes(window, qtbot):
    """Entering the 2x2 pooling example in the natural order (input first, with the 3x3 kernel
    still set) says it cannot compute; the message goes once the kernel fits."""
    window.document.set_input([[4, 3], [2, 1]])
    qtbot.wait(20)
    assert "Cannot compute" in window.readout.text()
    window.document.set_kernels([[[1.0]]])
    qtbot.wait(20)
    assert "Cannot compute" not in window.readout.text() and "Hover over" in window.readout.text()


def test_right_button_on_the_input_erases_without_a_menu(qtbot, monkeypatch):
    """The input is a map grid now; its right button erases and opens no 'Save F1' menu."""
    doc = Document()
    panel = _shown(qtbot, QtInputPanel(doc))
    opened = []

    class Menu:  # records instead of opening a modal menu
        def __init__(self, *args):
            opened.append(args)

        def addAction(self, *args):  # noqa: N802 (Qt's name)
            pass

        def exec(self, *args):
            pass

    monkeypatch.setattr(QtWidgets, "QMenu", Menu)
    view = panel.graphics
    centre = view.mapFromScene(panel.cell.view.sceneBoundingRect().center())
    event = QtGui.QContextMenuEvent(QtGui.QContextMenuEvent.Reason.Mouse, centre, view.mapToGlobal(centre))
    QtWidgets.QApplication.sendEvent(view.viewport(), event)
    assert opened == []


def test_panels_follow_a_live_language_switch(window, qtbot, qapp):
    """Texts the panels make themselves (the input's title, the RGB slice names, the add-filter tip,
    the 'same' help and the output-size lines) switch with View → Language too."""
    from convviz.ui import i18n

    window.document.set_settings(padding="same")
    try:
        window.set_language("ko")
        qtbot.wait(10)  # Qt posts the LanguageChange events
        assert window.input_panel.cell.title.text == "입력"
        assert window.kernel_panel.channel_combo.itemText(0) == "R 채널"
        assert window.kernel_panel.add_button.toolTip() == "필터 추가 (최대 16개)"
        assert "행:" in window.op_panel.formula.text() and "TensorFlow" in window.op_panel.same_help.text()
        assert window.op_panel.same_help.text() == i18n.tr(
            "TensorFlow / Keras: out = ceil(N / stride); an odd total padding puts the extra cell <b>after</b> "
            "(bottom/right). Same as tf.nn.conv2d 'SAME' and scipy.signal.correlate2d.")
        window.set_language("en")
        qtbot.wait(10)
        assert window.input_panel.cell.title.text == "Input" and "rows:" in window.op_panel.formula.text()
    finally:
        i18n.install(qapp, "en")


def test_option_names_are_translated(window, qtbot, qapp):
    """Boundary modes, 'explicit…', 'None (linear)', kernel presets and samples were English in Korean."""
    from convviz.ui import i18n

    try:
        window.set_language("ko")
        qtbot.wait(10)
        op, kernels, inputs = window.op_panel, window.kernel_panel, window.input_panel
        assert [op.boundary.itemText(i) for i in range(op.boundary.count())] == [
            "0 채우기 (zeros)", "반사 (reflect)", "가장자리 복제 (replicate)", "순환 (circular)"]
        assert op.padding.itemText(3) == "직접 지정…" and op.activation.itemText(0) == "없음 (선형)"
        assert kernels.presets.itemText(kernels.presets.findData("sobel_x")) == "소벨 x"
        assert inputs.samples.itemText(inputs.samples.findData("lecture_5x5")) == "강의 5×5 이진 이미지"
        op.boundary.setCurrentIndex(op.boundary.findData("reflect"))
        assert window.document.settings.boundary == "reflect"
    finally:
        window.set_language("en")
        i18n.install(qapp, "en")
