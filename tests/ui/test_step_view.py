"""The step view in the window: keys, clicks on output cells, compare panes, exports."""

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtCore, QtGui, QtWidgets


@pytest.fixture
def steps(window, qtbot):
    window.tabs.setCurrentWidget(window.step_view)
    view = window.step_view
    qtbot.waitUntil(lambda: view.player.length == 9, timeout=3000)
    view.setFocus()
    return view


def test_keys_drive_the_player(steps, qtbot):
    p = steps.player
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Right)
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Right)
    assert p.index == 2
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Left)
    assert p.index == 1
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_End)
    assert p.index == 8
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Home)
    assert p.index == 0
    speed = p.speed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Plus)
    assert p.speed > speed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Minus)
    assert p.speed == speed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Space)
    assert p.playing and steps.timer.isActive()
    qtbot.waitUntil(lambda: p.index >= 1, timeout=3000)
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Space)
    assert not p.playing


def test_frame_is_drawn_and_slider_follows(steps):
    steps.player.seek(4)
    assert steps.slider.value() == 4
    assert steps.position.text() == "5 / 9"
    pix = steps.canvas.grab()
    assert pix is not None and pix.width() > 100
    arr = steps.current_image()
    assert arr.shape[2] == 3 and arr.std() > 0


def test_click_output_cell_jumps_to_its_step(window, qtbot):
    window.feature_grid.clicked.emit(0, 2, 1)
    assert window.tabs.currentWidget() is window.step_view
    assert window.step_view.player.index == 7 and window.step_view.player.pinned == 7


def test_compare_panes_step_together(steps):
    steps.compare_combo.setCurrentIndex(steps.compare_combo.findData("padding"))
    assert len(steps.scenes) == 3
    assert steps.player.length == 49  # 'full' has the most steps (7x7)
    steps.player.seek(20)
    arr = steps.current_image()
    # The three panes tile the canvas (side by side or stacked, whichever gives larger cells),
    # each laid out for its own pane with type no smaller than the minimum.
    rects = steps.canvas.rects
    assert len(rects) == 3 and sum(r.width() * r.height() for r in rects) >= 0.98 * arr.shape[0] * arr.shape[1]
    for scene, rect in zip(steps.scenes, rects):
        assert scene.size == (rect.width(), rect.height())
        assert min(scene.text_sizes(min(20, len(scene.trace) - 1))) >= 12


def test_pool_steps_need_pooling(steps):
    steps.kind_combo.setCurrentIndex(1)
    assert "Pooling is off" in steps.message.text()
    steps.document.set_settings(pool="max", pool_size=2, pool_padding="same")
    assert steps.message.text() == "" and steps.player.length == 4


def test_quiz_hides_value_until_key(steps, qtbot):
    steps.quiz.setChecked(True)
    assert not steps.player.revealed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Right)  # the products first
    assert steps.player.stage == 1 and steps.player.index == 0
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Right)  # then the sum
    assert steps.player.revealed and steps.player.index == 0


def test_window_exports(window, tmp_path, qtbot):
    written = window.exports.export_maps(str(tmp_path / "maps"))
    names = sorted(p.name for p in written)
    assert names == ["contact_sheet.png", "feature_map_1.png", "output.npy"]
    np.testing.assert_array_equal(np.load(tmp_path / "maps" / "output.npy"), [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    # Existing files are replaced only after confirmation.
    assert window.exports.export_maps(str(tmp_path / "maps"), confirm=lambda: False) == []
    assert window.exports.export_sheet(str(tmp_path / "sheet.png"))
    assert Image.open(tmp_path / "sheet.png").size[0] > 100
    assert window.exports.export_svg(str(tmp_path / "step.svg"))
    assert (tmp_path / "step.svg").read_text().startswith("<svg")
    worker = window.exports.export_animation(str(tmp_path / "a.gif"), size=(320, 180))
    with qtbot.waitSignal(worker.finished, timeout=20000):
        pass
    with Image.open(tmp_path / "a.gif") as gif:
        assert gif.n_frames == 9


def test_animation_export_can_be_cancelled(window, tmp_path, qtbot):
    rng = np.random.default_rng(0)
    window.document.set_input(rng.random((40, 40)))
    out = tmp_path / "long.gif"
    worker = window.exports.export_animation(str(out), size=(320, 180))
    with qtbot.waitSignal(worker.finished, timeout=20000):
        worker.quit()
    assert not out.exists()
    assert not list(tmp_path.glob(".long.gif*"))


def test_map_context_actions(window, tmp_path, monkeypatch):
    out = tmp_path / "f1.png"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.feature_grid.save_requested.emit(0)
    assert Image.open(out).size[0] > 50
    window.feature_grid.copy_requested.emit(0)
    assert not QtWidgets.QApplication.clipboard().image().isNull()


def test_code_view_follows_settings_and_copies(window):
    code = window.code_view
    window.tabs.setCurrentWidget(code)
    assert "scipy.signal.correlate2d(x, w, mode='valid')" in code.editors["numpy"].toPlainText()
    window.document.set_settings(padding="same", same="centered")
    assert "scipy.signal.correlate(x, w, mode='same')" in code.editors["numpy"].toPlainText()
    scope = {"x": window.document.input, "w": window.document.kernels[0], "b": 0.0}
    exec(code.editors["numpy"].toPlainText(), scope)
    np.testing.assert_allclose(scope["out"], window.compute.result.activated[0])
    code.copy_buttons["numpy"].click()
    assert "scipy.signal" in QtWidgets.QApplication.clipboard().text()


def test_lecture_mode_keyboard_only(window, qtbot):
    window.toggle_lecture_mode(True)
    assert window.in_lecture_mode and window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.splitter.widget(0).isVisible()
    assert window.tabs.currentWidget() is window.step_view
    qtbot.keyClick(window.step_view, QtCore.Qt.Key.Key_Right)
    assert window.step_view.player.index == 1
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Q)
    assert window.step_view.quiz.isChecked()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Escape)
    assert not window.in_lecture_mode and window.menuBar().isVisible()


def test_convolution_plays_the_flip_first(steps, qtbot):
    steps.document.set_settings(op="convolve")
    qtbot.waitUntil(lambda: steps.player.length == 9, timeout=3000)
    frames = []
    steps.flip_animation.valueChanged.connect(frames.append)
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Space)
    assert steps.flip_animation.state() == steps.flip_animation.State.Running and not steps.player.playing
    qtbot.waitUntil(lambda: steps.player.playing, timeout=5000)  # sliding starts after the turn
    assert frames and frames[-1] == 180.0
    scene = steps.scenes[0]
    half = np.asarray(scene.flip_image(90.0))
    assert half.shape[:2] == (scene.size[1], scene.size[0])
    assert not np.array_equal(steps.flip_image(90.0), steps.current_image())


def test_flip_button_is_off_where_there_is_no_flip(steps):
    """Correlation and pooling do not flip the kernel: the button is disabled, not a lecture."""
    assert not steps.flip_button.isEnabled()
    steps.document.set_settings(op="convolve")
    assert steps.flip_button.isEnabled()
    steps.document.set_settings(pool="max", pool_size=2)
    steps.kind_combo.setCurrentIndex(1)
    assert not steps.flip_button.isEnabled()


def test_flip_plays_in_one_d_too(window, qtbot):
    window.one_d_action.trigger()
    window.document.set_settings(op="convolve")
    window.tabs.setCurrentWidget(window.step_view)
    view = window.step_view
    assert view.flip_button.isEnabled()
    before = view.current_image()
    view.flip_button.click()
    assert view.flip_animation.state() == view.flip_animation.State.Running
    turning = view.flip_image(90.0)
    assert not np.array_equal(turning, before)


def test_leaving_lecture_mode_gives_the_controls_back_as_they_were(window, qtbot):
    """Lecture mode's large type is for what it shows; afterwards every control has the size it
    had (the application-wide font left combo boxes 1.6 times as tall) and the palette is the
    user's theme again."""
    controls = window.findChildren(QtWidgets.QComboBox) + window.findChildren(QtWidgets.QSpinBox)
    before = [(w.sizeHint(), w.height()) for w in controls]
    font = QtWidgets.QApplication.font()
    def play_icon_colour():
        image = window.step_view.buttons["play"].icon().pixmap(32, 32).toImage()
        return image.pixelColor(image.width() // 2, image.height() // 2)

    assert play_icon_colour().lightness() < 80  # the light theme's dark button text
    window.toggle_lecture_mode(True)
    qtbot.wait(20)
    assert window.tabs.font().pointSizeF() > 1.5 * font.pointSizeF()
    # On black: the player's icons in the palette's yellow, check boxes and slider outlined.
    assert play_icon_colour().name() == "#ffff00"
    assert "palette(button-text)" in window.step_view.loop.styleSheet()
    # The maps' titles grow too (pyqtgraph labels have sizes of their own, not the widgets' font).
    title = window.feature_grid.cells[0].title
    assert "14.4pt" in title.item.toHtml()
    window.tabs.setCurrentIndex(0)
    qtbot.wait(20)
    window.toggle_lecture_mode(False)
    qtbot.wait(50)
    assert [(w.sizeHint(), w.height()) for w in controls] == before
    assert QtWidgets.QApplication.font() == font
    assert play_icon_colour().lightness() < 80 and window.step_view.loop.styleSheet() == ""
    assert "14.4pt" not in title.item.toHtml() and "9pt" in title.item.toHtml()
    assert window.palette().color(window.palette().ColorRole.Window).lightness() > 200


def test_pooling_steps_compare_nothing(steps):
    """Compare's variants are the convolution's settings: for pooling steps it is off, one pane."""
    steps.document.set_settings(pool="max", pool_size=2)
    steps.set_compare("padding")
    assert len(steps.scenes) == 3
    steps.kind_combo.setCurrentIndex(1)
    assert not steps.compare_combo.isEnabled() and len(steps.scenes) == 1
    assert steps.scenes[0].title == "max pooling 2×2 · stride 2 · valid"


def test_the_steps_as_a_matrix_product(steps):
    """Show as: the patch matrix or the convolution matrix, stepping in lock-step with the same
    numbers as the sliding window; off for pooling (there is no kernel to multiply)."""
    from convviz.render.matrix_scene import MatrixStepScene

    steps.player.seek(4)
    window_total = steps.scenes[0].trace[4].total
    for view in ("im2col", "toeplitz"):
        steps.set_view(view)
        scene = steps.scenes[0]
        assert isinstance(scene, MatrixStepScene) and scene.mode == view
        assert steps.player.length == 9 and scene.trace[4].total == window_total
        assert not steps.flip_button.isEnabled()
        assert steps.current_image().std() > 0
    steps.set_compare("padding")
    assert len(steps.scenes) == 3 and all(isinstance(s, MatrixStepScene) for s in steps.scenes)
    steps.document.set_settings(pool="max", pool_size=2)
    steps.kind_combo.setCurrentIndex(1)
    assert not steps.view_combo.isEnabled() and not isinstance(steps.scenes[0], MatrixStepScene)
    steps.kind_combo.setCurrentIndex(0)
    steps.set_view("window")
    assert not isinstance(steps.scenes[0], MatrixStepScene)


def test_results_beyond_the_float_range_are_said_not_drawn(steps):
    """An input near the float64 limit: the sums overflow; the Steps tab says why in one line
    (the maps side does too) instead of failing in its paint code, and recovers."""
    steps.document.set_input(np.full((5, 5), 1e308))
    assert steps.scenes == [] and steps.message.isVisible()
    assert steps.message.text() and "\n" not in steps.message.text()
    steps.canvas.grab()  # paints without raising
    steps.document.set_input(np.eye(5))
    assert steps.scenes and not steps.message.isVisible()


def test_why_there_is_nothing_to_step_through_is_said_at_the_frames_type(steps):
    """In lecture mode a failed computation's reason was 11 px red text over the slider (a tester's
    finding); it takes the frames' smallest type, and the zoom."""
    from convviz.ui.qt_step_view import LECTURE_MIN_TYPE

    steps.set_type(LECTURE_MIN_TYPE, 1.0)
    steps.document.set_input(np.full((5, 5), 1e308))
    assert steps.message.isVisible() and QtGui.QFontInfo(steps.message.font()).pixelSize() >= LECTURE_MIN_TYPE
    steps.set_type(zoom=1.5)
    assert QtGui.QFontInfo(steps.message.font()).pixelSize() >= 1.5 * LECTURE_MIN_TYPE - 1


def test_the_steps_tab_takes_the_keys_when_shown_and_the_number_pads_plus_minus_work(window, qtbot):
    """Clicking the Steps tab leaves the focus on the tab bar: Space did nothing until a click in the
    picture; the number pad's + and − are other keys to Qt than the main keyboard's."""
    window.tabs.setCurrentIndex(0)
    window.tabs.setFocus()
    window.tabs.setCurrentIndex(1)
    steps = window.step_view
    qtbot.waitUntil(lambda: steps.player.length == 9, timeout=3000)
    assert steps.isAncestorOf(QtWidgets.QApplication.focusWidget()) or steps.hasFocus()
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_End)
    assert steps.player.index == 8
    speed = steps.player.speed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Plus, QtCore.Qt.KeyboardModifier.KeypadModifier)
    assert steps.player.speed > speed
    qtbot.keyClick(steps, QtCore.Qt.Key.Key_Minus, QtCore.Qt.KeyboardModifier.KeypadModifier)
    assert steps.player.speed == speed


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)])
def test_compare_panes_grids_start_level(steps, qtbot, size):
    """correlate | convolve in lecture type: convolve's "kernel (flipped 180°)" wrapped onto three lines and its
    pane's grids started two lines lower than correlate's."""
    from convviz.render.prims import Rect

    window = steps.window()
    window.toggle_lecture_mode(True)
    try:
        window.showNormal()  # the projector's size, not the offscreen platform's 800x800 screen
        window.resize(*size)
        steps.compare_combo.setCurrentIndex(steps.compare_combo.findData("op"))
        qtbot.wait(20)
        assert len(steps.scenes) == 2 and not steps.canvas.stacked
        assert max(len(scene.title_lines) for scene in steps.scenes) == 1
        tops = [scene.grid_top for scene in steps.scenes]
        assert abs(tops[0] - tops[1]) < 0.5, tops
        for scene in steps.scenes:  # the input's first row of cells drawn there
            cells = [p for p in scene.frame(0).prims if isinstance(p, Rect) and abs(p.x - scene.in_xy[0]) < 0.5]
            assert min(p.y for p in cells) == pytest.approx(scene.grid_top)
    finally:
        window.toggle_lecture_mode(False)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)])
@pytest.mark.parametrize("compare", ["op", "padding"])
def test_compare_panes_zoom_alike_and_cut_maps_keep_their_overview(steps, qtbot, size, compare):
    """Zoomed in lecture mode, correlate | convolve laid out each on its own: at 1.1 the panes showed 4 and 3
    input columns, at 1.4 different type, and at 1.25 an input cut to 3 of its 5 columns with no overview."""
    from convviz.ui.qt_step_view import LECTURE_MIN_TYPE

    window = steps.window()
    window.toggle_lecture_mode(True)
    try:
        window.showNormal()
        window.resize(*size)
        steps.compare_combo.setCurrentIndex(steps.compare_combo.findData(compare))
        qtbot.wait(20)
        for zoom in (1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.5):
            steps.set_type(LECTURE_MIN_TYPE, zoom)
            scenes = steps.scenes
            assert len(scenes) >= 2
            if steps.canvas.stacked:
                continue
            first = scenes[0]
            for other in scenes[1:]:
                assert (other.type, other.cell, other.sum_lines_max) == (first.type, first.cell, first.sum_lines_max)
                for grid, shape, view in (("in", lambda s: s.input.shape, lambda s: s.in_view),
                                          ("out", lambda s: s.out.shape[:2], lambda s: s.out_view)):
                    if shape(first) == shape(other):
                        assert view(first) == view(other), (zoom, grid)
            for scene in scenes:
                assert scene.in_view == scene.input.shape or scene.overview_box is not None, (zoom, scene.in_view)
                assert scene.out_view == scene.out.shape[:2] or scene.out_overview_box is not None, zoom
    finally:
        steps.set_type(LECTURE_MIN_TYPE, 1.0)
        window.toggle_lecture_mode(False)
