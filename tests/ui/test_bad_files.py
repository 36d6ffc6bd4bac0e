"""The window's file actions on bad files (issue 18, item 3): one dialog each, nothing changed; a bad
last_session.json is moved aside with a message and the window still opens."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from convviz.model.document import Document
from convviz.ui.qt_main_window import QtMainWindow

SESSION = {"format": "convviz-session", "version": 1, "mode": "2d", "input": [[1, 2, 3]] * 3,
           "filters": [{"kernel": [[1]]}], "settings": {}}

BAD_SESSIONS = {
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "digits.json": json.dumps(SESSION).replace('"input": [[1, ', '"input": [[' + "9" * 5000 + ", "),
    "overflow.json": json.dumps(SESSION).replace('"input": [[1, ', '"input": [[' + "9" * 400 + ", "),
    "padding.json": json.dumps({**SESSION, "settings": {"padding": "explicit", "explicit_pad": [10**8, 0, 0, 0]}}),
    "stride.json": json.dumps({**SESSION, "settings": {"stride": 10**12}}),
    # Within the old limit (the largest input side, 512) but far beyond the panel's (8): 16 filters
    # 15x15 on a 512x512 input under 'full' padding would have been a 12 GB computation.
    "dilation.json": json.dumps({**SESSION, "settings": {"dilation": 512, "padding": "full"}}),
    "notutf8.json": "\udcff",
}


@pytest.fixture
def messages(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: said.append(a[2]))
    return said


@pytest.mark.parametrize("name", sorted(BAD_SESSIONS))
def test_file_open_of_a_bad_session_shows_one_dialog_and_changes_nothing(window, tmp_path, messages, name):
    path = tmp_path / name
    text = BAD_SESSIONS[name]
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = window.document.input.copy(), window.document.settings
    assert window.files.open_path(str(path)) is False
    assert len(messages) == 1 and name in messages[0] and "\n" not in messages[0]
    np.testing.assert_array_equal(window.document.input, before[0])
    assert window.document.settings == before[1]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX device files")
@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_file_open_of_a_device_shows_one_dialog(window, messages, path):
    assert window.files.open_path(path) is False
    assert len(messages) == 1 and "not a regular file" in messages[0]


def test_file_open_of_an_oversized_npy_header_shows_one_dialog(window, tmp_path, messages):
    path = tmp_path / "huge.npy"
    header = {"descr": "<f8", "fortran_order": False, "shape": (100_000, 100_000)}
    with open(path, "wb") as fh:
        np.lib.format.write_array_header_1_0(fh, header)
        fh.write(b"\0" * 64)
    assert window.files.open_path(str(path)) is False
    assert len(messages) == 1 and "larger than convviz reads" in messages[0]


@pytest.mark.parametrize("name", ["deep.json", "digits.json", "padding.json", "notutf8.json", "dilation.json"])
def test_a_bad_last_session_is_moved_aside_and_the_window_opens(qtbot, tmp_path, monkeypatch, name):
    monkeypatch.setenv("CONVVIZ_SETTINGS_DIR", str(tmp_path))
    last = tmp_path / "last_session.json"
    last.write_bytes(BAD_SESSIONS[name].encode("utf-8", "surrogateescape"))
    window = QtMainWindow(Document(), synchronous=True, restore=True)
    qtbot.addWidget(window)
    assert window.document.input.shape == (5, 5)  # the lecture example
    assert not last.exists()
    assert (tmp_path / "last_session.json.bad").read_bytes() == BAD_SESSIONS[name].encode("utf-8", "surrogateescape")
    problem = window.files.last_session_problem
    assert problem and "last_session.json.bad" in problem
    qtbot.waitUntil(lambda: window.findChild(QtWidgets.QMessageBox, "last_session_problem") is not None)
    box = window.findChild(QtWidgets.QMessageBox, "last_session_problem")
    assert box.text() == problem
    assert box.windowModality() != QtCore.Qt.WindowModality.ApplicationModal  # the start-up never waits on it
    box.close()
    window.close()
    assert last.exists()  # the window's own session, remembered on close, beside the set-aside one


def test_a_good_last_session_leaves_no_problem(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CONVVIZ_SETTINGS_DIR", str(tmp_path))
    (tmp_path / "last_session.json").write_text(json.dumps(SESSION))
    window = QtMainWindow(Document(), synchronous=True, restore=True)
    qtbot.addWidget(window)
    assert window.document.input.shape == (3, 3) and window.files.last_session_problem is None
    window.close()


def test_an_animation_opens_its_first_frame_and_says_so(window, tmp_path, messages, qtbot):
    from PIL import Image

    frames = [Image.fromarray(np.full((6, 6), v, np.uint8)) for v in (0, 255)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert window.files.open_path(str(path)) is True
    np.testing.assert_array_equal(window.document.input, np.zeros((6, 6)))
    qtbot.wait(50)  # the compute's result arrives
    assert "an animation of 2 frames; using the first" in window.statusBar().currentMessage()
    assert messages == []


# ------------------------------------------------------------ the memory budget

@pytest.fixture
def small_budget(monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "1M")  # the lecture example takes a few KB


def test_an_op_panel_change_over_the_budget_is_one_dialog_and_changes_nothing(window, messages, small_budget):
    window.document.set_input(np.ones((160, 160)))  # 'full' padding fits; with dilation 8 it takes 1.1 MB
    panel = window.op_panel
    panel.padding.setCurrentIndex(panel.padding.findData("full"))
    assert window.document.settings.padding == "full" and messages == []
    panel.dilation.setValue(8)
    assert len(messages) == 1 and "dilation 8 would take 1.1 MB, over the 1.0 MB memory budget" in messages[0]
    assert window.document.settings.dilation == 1 and panel.dilation.value() == 1  # the widget went back
    assert window.compute.result is not None


def test_an_input_over_the_budget_is_one_dialog(window, tmp_path, messages, monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "3M")  # reading it takes 2.4 MB, computing it 4.9 MB
    path = tmp_path / "large.npy"
    np.save(path, np.ones((400, 400)))
    before = window.document.input.copy()
    assert window.files.open_path(str(path)) is False
    assert len(messages) == 1 and "a 400x400 input with 1 filter(s) of 3x3 would take" in messages[0]
    np.testing.assert_array_equal(window.document.input, before)


def test_an_animation_over_the_budget_is_one_dialog_and_no_file(window, tmp_path, messages, monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "100M")
    out = tmp_path / "steps.gif"
    # 9 steps of the lecture example at 3840x2160, 2.5 bytes a pixel of each held frame: 178 MiB.
    assert window.exports.export_animation(str(out), size=(3840, 2160), flip=False) is None
    assert len(messages) == 1 and "9 frames at 3840x2160 would take 178.0 MB" in messages[0]
    assert not out.exists()


def test_results_that_overflow_are_one_line_instead_of_maps(window, messages, qtbot):
    window.document.set_input(np.full((5, 5), 1e308))
    assert window.compute.result is None
    assert "infinite or NaN" in window.statusBar().currentMessage()
    assert messages == []
    window.document.set_input(np.ones((5, 5)))
    assert window.compute.result is not None


# -------------------------------------------------------------- settings files

BAD_SETTINGS = """[General]
theme=1, 2
language=xx
geometry=not a geometry
last_dir=a, b
recent="%s"
[maps]
per_map_scale=maybe
[train]
pen_width=1e999
""" % ("[" * 50_000 + "]" * 50_000)


def test_bad_settings_are_ignored_with_a_message_and_the_window_opens(qtbot, tmp_path, monkeypatch):
    from convviz.ui.settings import app_settings

    monkeypatch.setenv("CONVVIZ_SETTINGS_DIR", str(tmp_path))
    (tmp_path / "convviz.ini").write_text(BAD_SETTINGS)
    window = QtMainWindow(Document(), synchronous=True, restore=True)  # a list as the theme raised TypeError
    qtbot.addWidget(window)
    assert window.theme == "light" and window.files.recent() == []
    said = ("Ignored settings that were not valid (their defaults are used): theme, language, geometry, last_dir, "
            "recent, maps/per_map_scale, train/pen_width.")
    assert window.files.start_problems == [said]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said)
    settings = app_settings()
    assert not any(settings.contains(k) for k in ("theme", "recent", "last_dir", "train/pen_width"))
    window.close()


def test_an_oversized_settings_file_is_moved_aside(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CONVVIZ_SETTINGS_DIR", str(tmp_path))
    ini = tmp_path / "convviz.ini"
    ini.write_text("[General]\ntheme=dark\n" + "x=" + "y" * 2 * 1024 * 1024 + "\n")
    window = QtMainWindow(Document(), synchronous=True, restore=True)
    qtbot.addWidget(window)
    assert (tmp_path / "convviz.ini.bad").stat().st_size > 2 * 1024 * 1024
    assert window.theme == "light"
    assert any("larger than any convviz writes" in p for p in window.files.start_problems)
    window.close()


def test_reading_a_file_over_the_budget_is_one_dialog(window, tmp_path, messages, small_budget):
    path = tmp_path / "large.npy"
    np.save(path, np.ones((400, 400)))
    assert window.files.open_path(str(path)) is False
    assert len(messages) == 1 and "large.npy (400x400) would take 2.4 MB, over the 1.0 MB" in messages[0]


@pytest.mark.parametrize("shape,budget,said", [((20, 600), "2G", "20x600 is larger than 512 per side"),
                                               ((300, 300), "2M", "a 300x300 input")])
def test_a_failed_open_leaves_the_mode_as_it_was(window, tmp_path, messages, monkeypatch, shape, budget, said):
    """In 1D mode a 2D file switched the window to 2D before its input was refused."""
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", budget)  # 300x300: reading takes 1.4 MB, computing 2.9 MB
    window.document.set_mode("1d")
    signal = window.document.input.copy()
    path = tmp_path / "image.npy"
    np.save(path, np.ones(shape[::-1]))
    assert window.files.open_path(str(path)) is False
    assert len(messages) == 1 and said in messages[0]
    assert window.document.mode == "1d" and window.one_d_action.isChecked()
    np.testing.assert_array_equal(window.document.input, signal)


def test_an_image_larger_than_the_window_is_refused_before_it_is_decoded(window, tmp_path, messages, monkeypatch):
    from PIL import Image

    from convviz.io import inputs

    path = tmp_path / "large.png"
    Image.new("L", (600, 20)).save(path)
    monkeypatch.setattr(inputs, "_pixels", lambda *a: pytest.fail("decoded"))
    assert window.files.open_path(str(path)) is False
    assert len(messages) == 1 and "600x20 is larger than 512 per side" in messages[0]


def test_exporting_fewer_maps_asks_about_every_file_it_replaces(window, tmp_path, monkeypatch):
    """A bank of two, then one filter: the earlier export's feature_map_2.png goes too, and the
    question counts it (it counted only the names of the new set)."""
    asked: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                        lambda *a: asked.append(a[2]) or QtWidgets.QMessageBox.StandardButton.Yes)
    window.document.add_filter()
    window.exports.export_maps(str(tmp_path))
    window.document.remove_filter(1)
    window.exports.export_maps(str(tmp_path))
    assert asked == [f"4 file(s) of an earlier export in {tmp_path} will be replaced. Continue?"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contact_sheet.png", "feature_map_1.png", "output.npy"]


def test_refused_sizes_leave_the_size_boxes_showing_what_stayed(window, messages, small_budget, monkeypatch):
    """A kernel or input size the document refuses: one message, and the spin boxes go back to the
    document's sizes (they kept the refused value, a size the maps did not have)."""
    window.document.set_input(np.ones((160, 160)))
    panel = window.input_panel
    panel.height_spin.setValue(512)
    panel.width_spin.setValue(512)
    panel._resize()  # as editingFinished does
    assert len(messages) == 1 and "memory budget" in messages[0]
    assert (panel.height_spin.value(), panel.width_spin.value()) == window.document.input.shape == (160, 160)

    def refuse(rows, cols):
        raise ValueError(f"a kernel of {rows}x{cols} would take 9.9 GB, over the memory budget")

    monkeypatch.setattr(window.document, "resize_kernels", refuse)
    kernels = window.kernel_panel
    kernels.rows_spin.setValue(15)
    kernels.cols_spin.setValue(15)
    kernels._resize()
    assert kernels.message.isVisible() and "memory budget" in kernels.message.text()
    assert (kernels.rows_spin.value(), kernels.cols_spin.value()) == window.document.kernels[0].shape[:2] == (3, 3)


# ------------------------------------------------------------ output paths

def _terminal(err: str) -> list[str]:
    """What reached the terminal, less the offscreen platform plugin's own notes."""
    return [line for line in err.splitlines() if not line.startswith("This plugin does not support")]


@pytest.fixture
def blocker(tmp_path):
    """A regular file where the exports' folder would have to be."""
    path = tmp_path / "bad.png"
    path.write_bytes(b"a picture")
    return path


def test_an_animation_under_a_file_is_one_dialog_and_nothing_on_the_terminal(window, blocker, messages, qtbot,
                                                                               capfd):
    """The tester's File → Export animation to bad.png/x.gif: a superqt traceback in the terminal and
    'File exists' in the dialog; now one message naming the file, before any frame is drawn."""
    capfd.readouterr()
    assert window.exports.export_animation(str(blocker / "x.gif"), size=(320, 180)) is None  # no job
    qtbot.wait(50)
    assert messages == [f"Animation export failed: {blocker} is a file, not a folder"]
    assert _terminal(capfd.readouterr().err) == []
    assert sorted(p.name for p in blocker.parent.iterdir()) == ["bad.png"]


def test_an_animation_failing_in_its_thread_is_one_dialog_and_nothing_on_the_terminal(window, tmp_path, messages,
                                                                                       qtbot, capfd, monkeypatch):
    """An error raised in the worker (the disk fills while the GIF is saved) reaches the window as a
    signal: superqt re-raised it in the GUI thread, where Python printed its traceback."""
    import errno

    from PIL import Image

    def full(self, fp, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(fp))

    monkeypatch.setattr(Image.Image, "save", full)
    out = tmp_path / "steps.gif"
    capfd.readouterr()
    worker = window.exports.export_animation(str(out), size=(320, 180), flip=False)
    with qtbot.waitSignal(worker.finished, timeout=20000):
        pass
    qtbot.wait(50)
    assert messages == [f"Animation export failed: the disk holding {out} is full"]
    assert _terminal(capfd.readouterr().err) == []
    assert list(tmp_path.iterdir()) == []  # no GIF, no temporary


def test_the_other_exports_under_a_file_are_one_dialog_each(window, blocker, messages, capfd):
    capfd.readouterr()
    said = f"{blocker} is a file, not a folder"
    assert window.exports.export_maps(str(blocker / "maps")) == []
    assert window.exports.export_sheet(str(blocker / "sheet.png")) is False
    assert window.exports.export_svg(str(blocker / "step.svg")) is False
    assert messages == [f"Could not write to {blocker / 'maps'}: {said}",
                        f"Could not write {blocker / 'sheet.png'}: {said}",
                        f"Could not write {blocker / 'step.svg'}: {said}"]
    assert _terminal(capfd.readouterr().err) == []
    assert sorted(p.name for p in blocker.parent.iterdir()) == ["bad.png"]


def test_an_output_path_problem_is_said_in_korean(korean, blocker, messages):
    assert korean.exports.export_animation(str(blocker / "x.gif"), size=(320, 180)) is None
    assert messages == [f"애니메이션 내보내기 실패: {blocker}은(는) 폴더가 아니라 파일입니다"]
