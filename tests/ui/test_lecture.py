"""Lecture mode and zoom: large type everywhere it shows, the input beside the maps, the window
never larger than the screen."""

from PySide6 import QtCore

from convviz.ui.qt_step_view import LECTURE_MIN_TYPE, MIN_TYPE


def test_zoom_scales_every_view_and_resets(window, qtbot):
    window.tabs.setCurrentWidget(window.step_view)
    base = window.tabs.font().pointSizeF()
    assert window.step_view.min_type == MIN_TYPE
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Equal, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.step_view.min_type > MIN_TYPE and window.tabs.font().pointSizeF() > base
    scenes = window.step_view.scenes
    assert min(scenes[0].text_sizes(0)) >= window.step_view.min_type - 0.01
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Minus, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Minus, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.step_view.min_type < MIN_TYPE
    qtbot.keyClick(window, QtCore.Qt.Key.Key_0, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.step_view.min_type == MIN_TYPE and window.tabs.font().pointSizeF() == base


def test_lecture_mode_type_code_and_zoom(window, qtbot):
    code = window.code_view
    normal = code.editors["numpy"].font().pointSizeF()
    window.toggle_lecture_mode(True)
    assert window.step_view.min_type == LECTURE_MIN_TYPE
    assert code.editors["numpy"].font().pointSizeF() > 1.5 * normal  # the Code tab is enlarged too
    window.zoom(+1)
    assert window.step_view.min_type > LECTURE_MIN_TYPE
    window.toggle_lecture_mode(False)
    assert window.step_view.min_type > MIN_TYPE  # the zoom stays; lecture's factor goes
    window.zoom(0)
    assert code.editors["numpy"].font().pointSizeF() == normal


def test_lecture_mode_enlarges_the_input_pane_title(window, qtbot):
    box = window.input_box
    normal = box.font().pointSizeF()
    window.toggle_lecture_mode(True)
    assert box.font().pointSizeF() == window.tabs.font().pointSizeF() > 1.5 * normal
    window.toggle_lecture_mode(False)
    assert box.font().pointSizeF() == normal


def test_input_stands_beside_the_maps_and_gives_room_to_steps(window, qtbot):
    input_pane = window.splitter.widget(1)
    assert input_pane.isVisible()
    window.tabs.setCurrentIndex(1)
    assert not input_pane.isVisible()
    window.toggle_lecture_mode(True)
    window.tabs.setCurrentIndex(0)  # lecture mode: input and maps side by side
    assert input_pane.isVisible() and window.feature_grid.isVisible()
    screen = window.screen().geometry()
    qtbot.waitUntil(lambda: window.geometry() == screen, timeout=2000)  # full screen, never larger
    window.toggle_lecture_mode(False)


def test_export_animation_dialog_choices_reach_the_file(window, tmp_path, qtbot, monkeypatch):
    from convviz.ui import qt_dialogs

    out = tmp_path / "steps.gif"
    asked = {}

    def fake(parent, *, steps, path, fps, flip_available):
        asked.update(steps=steps, flip_available=flip_available)
        return qt_dialogs.AnimationOptions(path=str(out), fps=4.0, frames=3, size=(320, 200), flip=False)

    monkeypatch.setattr(qt_dialogs, "ask_animation_options", fake)
    window.exports.export_animation_dialog()
    assert asked == {"steps": 9, "flip_available": False}
    qtbot.waitUntil(lambda: out.exists(), timeout=20000)
    from PIL import Image

    with Image.open(out) as gif:
        assert gif.n_frames == 3 and gif.size == (320, 200) and gif.info["duration"] == 250


def test_rgb_hover_read_out_keeps_its_height(window, qtbot):
    """27 products of an RGB window used to wrap onto five lines and push the layout about."""
    import numpy as np

    rng = np.random.default_rng(0)
    window.document.set_input(rng.random((8, 8, 3)))
    window.document.set_kernels([rng.standard_normal((3, 3, 3))])
    height, maps = window.readout.height(), window.outputs.height()
    window.hover.hover("feature", 0, 2, 3)
    text = window.readout.text()
    assert "out[2, 3]" in text and "…" in text and text.count("<br>") <= 2
    qtbot.wait(20)
    assert window.readout.height() == height and window.outputs.height() == maps


def test_lecture_mode_draws_the_maps_as_large_as_their_pane(window, qtbot):
    """Outside lecture mode a map's cells are capped at the input's (one scale for input and
    outputs); projected, a 3x3 map drew 40 px cells in a 950 px pane: the cap goes, and the input
    pane takes two fifths of the screen beside the maps."""
    window.tabs.setCurrentIndex(0)
    qtbot.wait(10)
    grid = window.feature_grid
    assert grid.cell_cap is not None
    window.toggle_lecture_mode(True)
    window.tabs.setCurrentIndex(0)
    qtbot.wait(20)
    assert grid.cell_cap is None
    sizes = window.splitter.sizes()
    assert abs(sizes[1] - 0.4 * (sizes[1] + sizes[2])) <= 10
    window.toggle_lecture_mode(False)
    qtbot.wait(10)
    assert grid.cell_cap is not None
