"""The explorer window against a real document: first run, drawing, editing, hover, sessions."""

import json
import sys

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from convviz.io.sessions import save_session
from convviz.render import colormaps


def test_first_run_shows_lecture_example(window):
    result = window.compute.result
    np.testing.assert_array_equal(result.activated[0], [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    cell = window.feature_grid.cells[0]
    np.testing.assert_array_equal(cell.data, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    # The picture is the exporters' colour indices of those numbers on the grid's shared levels.
    np.testing.assert_array_equal(cell.image.image, colormaps.indices(cell.data, window.feature_grid.levels))
    assert window.feature_grid.levels == (0.0, 4.0)
    assert cell.image.image.max() == 255 and cell.image.image.min() == 127  # 2 → 127, 4 → 255
    assert cell.shown_values() == ["4", "3", "4", "2", "4", "3", "2", "3", "4"]
    assert "floor((5 + 0 + 0 - 3) / 1) + 1 = 3" in window.op_panel.formula.text()


def _scene_pos(cell, row, col):
    """Widget position of the centre of a map cell."""
    view = cell.view
    scene_pt = view.mapViewToScene(QtCore.QPointF(col + 0.5, row + 0.5))
    gv = cell.image.scene().views()[0]
    return gv, gv.mapFromScene(scene_pt)


def test_drawing_updates_feature_map(window, qtbot):
    cell = window.input_panel.cell
    gv, pos = _scene_pos(cell, 0, 4)
    window.input_panel.pen_value.setValue(1.0)
    qtbot.mouseClick(gv.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=pos)
    assert window.document.input[0, 4] == 1
    # out[0, 2] gains the kernel's corner weight 1.
    assert window.compute.result.activated[0][0, 2] == 5
    qtbot.mouseClick(gv.viewport(), QtCore.Qt.MouseButton.RightButton, pos=pos)
    assert window.document.input[0, 4] == 0
    assert window.compute.result.activated[0][0, 2] == 4


def test_a_quick_drag_paints_an_unbroken_line(window, qtbot):
    """The mouse reports a fast stroke a few cells apart; the pen paints every cell between."""
    window.document.resize_input(40, 40)
    window.input_panel.clear_button.click()
    window.input_panel.pen_value.setValue(1.0)
    qtbot.wait(10)
    cell = window.input_panel.cell
    gv, start = _scene_pos(cell, 5, 3)
    _, middle = _scene_pos(cell, 14, 21)
    _, end = _scene_pos(cell, 20, 33)
    viewport = gv.viewport()
    qtbot.mousePress(viewport, QtCore.Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, middle)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, QtCore.Qt.MouseButton.LeftButton, pos=end)
    painted = set(zip(*np.nonzero(window.document.input)))
    assert {(5, 3), (14, 21), (20, 33)} <= painted
    for r in range(5, 21):  # one cell (or two) in every row the stroke crosses ...
        assert any(row == r for row, _ in painted)
    for c in range(3, 34):  # ... and in every column
        assert any(col == c for _, col in painted)
    assert len(painted) == 19 + 13 - 1  # |dc| + 1 cells per segment, the middle cell shared


def test_hover_shows_dot_product_and_receptive_field(window):
    window.feature_grid.hovered.emit(0, 0, 0)
    text = window.readout.text()
    assert "1×1 + 1×0 + 1×1 + 0×0 + 1×1 + 1×0 + 0×1 + 0×0 + 1×1 = 4" in text
    overlays = window.input_panel.cell._overlays
    rects = [o for o in overlays if isinstance(o, QtWidgets.QGraphicsRectItem)]
    assert sorted((int(r.rect().y()), int(r.rect().x())) for r in rects) == [(r, c) for r in range(3) for c in range(3)]
    window.feature_grid.hovered.emit(0, -1, -1)
    assert window.input_panel.cell._overlays == []


def test_hover_marks_padded_cells(window):
    window.document.set_settings(padding="same")
    window.feature_grid.hovered.emit(0, 0, 0)
    assert "padding" in window.readout.text()
    dashed = [o for o in window.input_panel.cell._overlays
              if isinstance(o, QtWidgets.QGraphicsRectItem) and o.pen().style() == QtCore.Qt.PenStyle.DashLine]
    assert len(dashed) == 5


def test_kernel_cell_edit(window, qtbot):
    editor = window.kernel_panel.editor
    editor.item(1, 1).setText("-2")
    assert window.document.kernels[0][1, 1] == -2
    assert window.compute.result.activated[0][0, 0] == 1  # 4 - 3 * 1
    editor.item(0, 0).setText("abc")
    assert "not a number" in window.kernel_panel.message.text()
    assert window.document.kernels[0][0, 0] == 1
    assert editor.item(0, 0).text() == "1"


def test_kernel_text_and_bank(window):
    panel = window.kernel_panel
    panel.text.setText("1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9")
    panel.text.returnPressed.emit()
    np.testing.assert_allclose(window.document.kernels[0], np.full((3, 3), 1 / 9))
    panel.add_button.click()
    assert len(window.document.kernels) == 2 and len(window.feature_grid.cells) == 2
    panel.text.setText("1 2; 3")
    panel.text.returnPressed.emit()
    assert "row 2 has 1 entries but row 1 has 2" in panel.message.text()


def test_pooling_view(window):
    window.op_panel.pool.setCurrentIndex(window.op_panel.pool.findData("max"))
    assert window.document.settings.pool == "max"
    assert window.pooled_grid.isVisible()
    np.testing.assert_array_equal(window.compute.result.pooled[0], [[4]])
    window.pooled_grid.hovered.emit(0, 0, 0)
    assert "max(4, 3, 2, 4) = 4" in window.readout.text()


def test_same_convention_is_explained(window):
    op = window.op_panel
    op.padding.setCurrentIndex(op.padding.findData("same"))
    assert "after" in op.same_help.text()
    op.same.setCurrentIndex(op.same.findData("centered"))
    assert "before" in op.same_help.text()
    assert window.document.settings.same == "centered"


def test_session_round_trip(window, tmp_path):
    window.document.set_settings(stride=2, padding="full")
    path = tmp_path / "lesson.json"
    assert window.files.save_session(str(path))
    window.document.set_settings(stride=1, padding="valid")
    assert window.files.open_session(str(path))
    assert window.document.settings.stride == 2 and window.document.settings.padding == "full"


def test_bad_session_shows_message_and_changes_nothing(window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: messages.append(a[2]))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "convviz-session", "version": 1, "mode": "2d",
                                "input": [[1, 2, 3]] * 3, "filters": [{"kernel": [[np.nan]]}]}).replace("NaN", "1e999"))
    before = window.document.state()
    assert not window.files.open_session(str(path))
    assert len(messages) == 1 and "bad.json" in messages[0]
    np.testing.assert_array_equal(window.document.input, before["input"])


def test_bad_input_file(window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: messages.append(a[2]))
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    assert not window.files.open_path(str(bad))
    assert "broken.png" in messages[0]
    good = tmp_path / "m.csv"
    good.write_text("1,2,3\n4,5,6\n7,8,9\n")
    assert window.files.open_path(str(good))
    np.testing.assert_array_equal(window.document.input, np.arange(1, 10).reshape(3, 3))


def test_samples_load(window):
    for key in ("photo", "shapes", "checkerboard", "canvas_28x28", "grid_3x3"):
        window.files.load_sample(key)
    assert window.document.input.shape == (3, 3)


def test_one_d_mode(window):
    window.one_d_action.trigger()
    assert window.document.mode == "1d"
    np.testing.assert_array_equal(window.compute.result.raw[0], [48, 57, 24, 25, 16, 39])
    window.feature_grid.hovered.emit(0, 0, 0)
    assert "2×2 + 8×1 + 3×5 + 7×3 = 48" in window.readout.text()


def test_recent_files_and_settings_are_isolated(window, tmp_path):
    path = tmp_path / "s.json"
    save_session(path, window.document)
    window.files.open_session(str(path))
    assert window.files.recent()[0] == str(path)
    assert str(tmp_path.parent) in window.settings.fileName() or "settings" in window.settings.fileName()


def test_screenshot_cli(tmp_path):
    from convviz.cli import main

    out = tmp_path / "shot.png"
    assert main(["--screenshot", str(out), "--size", "1280x800"]) == 0
    from PIL import Image

    assert Image.open(out).size[0] >= 1000


def test_bad_session_cli(tmp_path, capsys):
    from convviz.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["--session", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid JSON" in err


def test_bad_session_cli_without_a_display(tmp_path):
    """The file is checked before Qt starts: no display (and no xcb libraries) still gives one
    line and status 2, not Qt's abort."""
    import os
    import subprocess
    import sys

    bad = tmp_path / "bad.json"
    bad.write_text("{")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", CONVVIZ_SETTINGS_DIR=str(tmp_path / "settings"))
    out = subprocess.run([sys.executable, "-m", "convviz", "--session", str(bad)], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "not valid JSON" in out.stderr


def test_real_mouse_hover_explains_cell(window, qtbot):
    cell = window.feature_grid.cells[0]
    gv, pos = _scene_pos(cell, 1, 2)
    qtbot.mouseMove(gv.viewport(), pos)
    qtbot.waitUntil(lambda: "out[1, 2]" in window.readout.text(), timeout=2000)
    assert window.readout.text().endswith("= 3</span>")


def test_kernel_edit_convolves_only_that_filter_and_views_match_a_fresh_run(window):
    from convviz.model.pipeline import run_pipeline

    doc = window.document
    doc.set_kernels([np.eye(3), np.ones((3, 3)), -np.eye(3)])
    before = window.compute.cache.computed
    edited = [k.copy() for k in doc.kernels]
    edited[2][0, 0] = 5.0
    doc.set_kernels(edited)
    assert window.compute.cache.computed - before == 1
    doc.set_settings(activation="relu", pool="max")  # later stages only: nothing convolved
    assert window.compute.cache.computed - before == 1
    fresh = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    for cell, m in zip(window.feature_grid.cells, fresh.activated, strict=True):
        np.testing.assert_array_equal(cell.data, m)
        np.testing.assert_array_equal(cell.image.image, colormaps.indices(m, window.feature_grid.levels))
    for cell, m in zip(window.pooled_grid.cells, fresh.pooled, strict=True):
        np.testing.assert_array_equal(cell.data, m)


def test_last_session_is_its_own_file_and_comes_back(qtbot, tmp_path, monkeypatch):
    """Closing remembers the work in last_session.json (not in QSettings, which is read whole at
    every start); the next window restores it; an unreadable file falls back to the example."""
    import os

    from convviz.model.document import Document
    from convviz.ui.qt_main_window import QtMainWindow

    monkeypatch.setenv("CONVVIZ_SETTINGS_DIR", str(tmp_path))
    first = QtMainWindow(Document(), synchronous=True, restore=False)
    qtbot.addWidget(first)
    big = np.random.default_rng(1).random((300, 300)).round(3)
    first.document.set_input(big)
    first.document.set_settings(padding="full", stride=2)
    first.close()
    assert (tmp_path / "last_session.json").exists()
    assert os.path.getsize(tmp_path / "convviz.ini") < 10_000  # the 300x300 input is not in the settings

    second = QtMainWindow(synchronous=True, restore=True)
    qtbot.addWidget(second)
    np.testing.assert_array_equal(second.document.input, big)
    assert second.document.settings.padding == "full" and second.document.settings.stride == 2
    second.close()

    (tmp_path / "last_session.json").write_text("{not json")
    third = QtMainWindow(synchronous=True, restore=True)
    qtbot.addWidget(third)
    assert third.document.input.shape == (5, 5)  # the lecture example
    third.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_in_the_terminal_closes_the_window_and_remembers_the_session(qtbot, tmp_path, monkeypatch):
    """Ctrl+C reaches the window while Qt's event loop waits in C++ with no Python to run (it
    used to be ignored until something else woke Python up): the window closes as its close
    button does, and the session is remembered.  The signal is sent from another thread while
    the main thread sits in a bare QEventLoop; only a 30 s safety timer would wake Python."""
    import os
    import signal
    import threading

    from convviz.model.document import Document
    from convviz.ui.app import close_on_signals
    from convviz.ui.qt_main_window import QtMainWindow

    monkeypatch.setenv("CONVVIZ_SETTINGS_DIR", str(tmp_path))
    window = QtMainWindow(Document(), synchronous=True, restore=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    handlers = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM)}
    wakeup = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup)
    loop, safety = QtCore.QEventLoop(), QtCore.QTimer(singleShot=True)
    timed_out = []
    safety.timeout.connect(lambda: (timed_out.append(True), loop.quit()))

    class QuitOnClose(QtCore.QObject):
        def eventFilter(self, obj, event):
            if event.type() == QtCore.QEvent.Type.Close:
                QtCore.QTimer.singleShot(0, loop.quit)
            return False

    watcher = QuitOnClose()
    window.installEventFilter(watcher)
    try:
        close_on_signals(window)
        sender = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
        safety.start(30_000)
        sender.start()
        loop.exec()
        sender.join()
    finally:
        signal.set_wakeup_fd(wakeup)
        for number, handler in handlers.items():
            signal.signal(number, handler)
    assert not timed_out
    assert not window.isVisible()
    assert (tmp_path / "last_session.json").exists()


@pytest.mark.parametrize("padding", ["valid", "same", "full", "explicit"])
def test_every_operation_row_is_visible_at_1280x800(window, qtbot, padding):
    """The controls column fits a 1280x800 window in every padding mode: the pooling rows are
    not hidden below the fold.  (The kernel table asked for 192 px by Qt's default hint; the
    word-wrapped help label, set beside the fields, was given its height for a narrower width,
    84 px for 56 of text; the kernel panel's empty message line took a row.)"""
    window.document.set_settings(padding=padding, pool="max", pool_size=2)
    qtbot.wait(10)  # the layout settles
    scroll = window.splitter.widget(0)
    viewport = scroll.viewport()
    last = window.op_panel.pool_padding
    bottom = last.mapTo(viewport, QtCore.QPoint(0, last.height())).y()
    assert 0 < bottom <= viewport.height()
    assert scroll.verticalScrollBar().maximum() == 0
    assert window.kernel_panel.editor.height() >= window.kernel_panel.editor.minimumHeight()


def test_a_kernel_message_takes_room_only_while_shown(window):
    panel = window.kernel_panel
    assert panel.message.isHidden()
    panel.text.setText("1, 2; 3")
    panel.text.returnPressed.emit()
    assert panel.message.isVisible() and panel.message.text()
    panel.text.setText("1, 2; 3, 4")
    panel.text.returnPressed.emit()
    assert panel.message.isHidden()


def test_pooled_maps_have_room_when_the_window_opens_on_a_pooling_session(qtbot, tmp_path):
    """``convviz --session`` with pooling: the session is restored after the window is built
    and before it is shown (as ``run`` does); the pooled maps get their share of the height
    (they had 0 px: the splitter was sized before it had any)."""
    from convviz.io.sessions import load_session
    from convviz.model.document import Document
    from convviz.ui.qt_main_window import QtMainWindow

    document = Document()
    document.set_settings(pool="max", pool_size=2)
    save_session(tmp_path / "pool.json", document)

    win = QtMainWindow(synchronous=True, restore=False)
    qtbot.addWidget(win)
    win.document.restore(load_session(tmp_path / "pool.json"))
    win.compute.compute_now()
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    feature, pooled = win.outputs.sizes()
    assert pooled > 0.3 * (feature + pooled), (feature, pooled)
    assert win.pooled_grid.height() > 150
    win.close()


def test_a_settings_change_repaints_only_the_controls_it_changes(window, qtbot):
    """Another setting's change leaves the spin boxes alone (setValue repaints a spin box even
    with its own value: four of them were repainted on every change)."""
    panel = window.op_panel
    painted = []

    class Counter(QtCore.QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QtCore.QEvent.Type.Paint:
                painted.append(obj)
            return False

    counter = Counter()
    spins = [panel.stride, panel.dilation, panel.pool_size, panel.pool_stride, *panel.explicit]
    for spin in spins:
        spin.installEventFilter(counter)
    window.document.set_settings(pool="max")  # enables the pooling spin boxes: they repaint
    qtbot.wait(20)
    painted.clear()
    for kind in ["avg", "max"] * 3:
        window.document.set_settings(pool=kind)
        qtbot.wait(10)
    # Six changes; a spin box painted by a repaint of the whole window (which other tests'
    # windows can cause) is not what is counted against it: the old panel painted every one
    # at every change.
    assert max(painted.count(spin) for spin in spins) <= 2, [painted.count(spin) for spin in spins]
    window.document.set_settings(stride=2)
    qtbot.wait(20)
    assert panel.stride.value() == 2 and panel.stride in painted


def _colour_at(widget, x, y):
    return widget.grab().toImage().pixelColor(x, y)


def test_switching_theme_restyles_the_open_views(window, qtbot):
    """View → Theme while the window is open: pyqtgraph's views drop the background they cached,
    titles take the new foreground, disabled controls stay greyed; and back again."""
    grid = window.feature_grid
    title = grid.cells[0].title
    assert "#202020" in title.item.toHtml() and "#202020" in window.input_panel.cell.title.item.toHtml()
    assert _colour_at(grid.viewport(), 3, 3).lightness() > 200
    try:
        window.apply_theme("dark")
        qtbot.wait(20)
        assert _colour_at(grid.viewport(), 3, 3).lightness() < 80
        assert "#e6e6e6" in title.item.toHtml() and "#e6e6e6" in window.input_panel.cell.title.item.toHtml()
        palette = window.op_panel.same.palette()  # disabled under 'valid' padding
        assert not window.op_panel.same.isEnabled()
        disabled = palette.color(palette.ColorGroup.Disabled, palette.ColorRole.ButtonText)
        assert disabled != palette.color(palette.ColorGroup.Active, palette.ColorRole.ButtonText)
        assert window.settings.value("theme") == "dark" and window.theme_actions["dark"].isChecked()
    finally:
        window.apply_theme("light")
    qtbot.wait(20)
    assert _colour_at(grid.viewport(), 3, 3).lightness() > 200
    assert "#202020" in title.item.toHtml()
