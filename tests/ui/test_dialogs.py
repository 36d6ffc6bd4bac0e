"""The animation export's options dialog, and restored windows kept on their screen."""

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.ui import i18n
from convviz.ui.qt_dialogs import AnimationOptions, QtAnimationDialog, ask_animation_options, clamp_to_screen

OK = QtWidgets.QDialogButtonBox.StandardButton.Ok


@pytest.fixture
def dialog(qtbot):
    d = QtAnimationDialog(steps=36, path="/tmp/steps.gif", fps=2.0)
    qtbot.addWidget(d)
    return d


def test_options_hold_what_was_chosen(dialog):
    assert dialog.frames_spin.maximum() == 36 and dialog.frames_spin.value() == 36  # the whole trace
    dialog.fps_spin.setValue(12.5)
    dialog.frames_spin.setValue(1000)  # at most the trace's length
    dialog.size_combo.setCurrentIndex(1)
    dialog.flip_check.setChecked(False)
    assert dialog.options() == AnimationOptions(path="/tmp/steps.gif", fps=12.5, frames=36, size=(1920, 1080),
                                                flip=False)
    dialog.frames_spin.setValue(10)
    assert dialog.options().frames == 10
    assert "0.8 s" in dialog.summary.text()  # 10 steps at 12.5 steps/s


def test_frame_rate_runs_from_half_to_sixty(dialog):
    dialog.fps_spin.setValue(0.1)
    assert dialog.fps_spin.value() == 0.5
    dialog.fps_spin.setValue(100)
    assert dialog.fps_spin.value() == 60


def test_a_file_that_cannot_be_written_is_refused(dialog):
    assert dialog.buttons.button(OK).isEnabled()
    dialog.path_edit.setText("/tmp/steps.png")
    assert not dialog.buttons.button(OK).isEnabled() and ".gif" in dialog.summary.text()
    dialog.path_edit.setText("")
    assert not dialog.buttons.button(OK).isEnabled()


def test_no_flip_where_there_is_none(qtbot):
    d = QtAnimationDialog(steps=9, flip_available=False)
    qtbot.addWidget(d)
    d.flip_check.setChecked(True)
    assert not d.flip_check.isEnabled() and d.options().flip is False


def test_ask_returns_options_or_none(monkeypatch):
    def accept(self):
        self.fps_spin.setValue(5)
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(QtAnimationDialog, "exec", accept)
    options = ask_animation_options(None, steps=20, path="/tmp/a.gif")
    assert options == AnimationOptions(path="/tmp/a.gif", fps=5.0, frames=20, size=(1280, 720), flip=True)
    monkeypatch.setattr(QtAnimationDialog, "exec", lambda self: QtWidgets.QDialog.DialogCode.Rejected)
    assert ask_animation_options(None, steps=20) is None


def test_dialog_in_korean(qapp, qtbot):
    try:
        assert i18n.install(qapp, "ko") == "ko"
        d = QtAnimationDialog(steps=5)
        qtbot.addWidget(d)
        labels = {w.text() for w in d.findChildren(QtWidgets.QLabel)}
        assert "Frame rate" not in labels and i18n.tr("Frame rate") in labels
        assert d.buttons.button(OK).text() == i18n.tr("Export") != "Export"
    finally:
        i18n.install(qapp, "en")


# ------------------------------------------------------------------- geometry
@pytest.fixture
def screen_area(monkeypatch):
    """Pretend the screen the window opens on offers ``area`` (the offscreen one is 800x800)."""
    def set_area(width, height, x=0, y=0):
        rect = QtCore.QRect(x, y, width, height)
        monkeypatch.setattr(QtGui.QScreen, "availableGeometry", lambda self: rect)
        return rect
    return set_area


def _saved_geometry(x, y, width, height) -> QtCore.QByteArray:
    """What saveGeometry() stored on another machine or monitor."""
    other = QtWidgets.QMainWindow()
    other.setGeometry(x, y, width, height)
    saved = other.saveGeometry()
    other.deleteLater()
    return saved


def _restored(qtbot, saved) -> QtWidgets.QMainWindow:
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    assert window.restoreGeometry(saved)
    return window


def test_small_geometry_from_another_screen_grows_to_the_minimum(qtbot, screen_area):
    """The window came back at 868x533 (saved on a second monitor right of this one)."""
    area = screen_area(1280, 800)
    window = _restored(qtbot, _saved_geometry(3000, 100, 868, 533))
    assert window.width() < 1024  # restoreGeometry alone keeps the small size
    rect = clamp_to_screen(window)
    assert window.geometry() == rect
    assert rect.width() >= 1024 and rect.height() >= 700
    assert area.contains(rect)


def test_geometry_larger_than_the_screen_is_fitted(qtbot, screen_area):
    area = screen_area(1024, 740, y=28)  # a 1024x768 screen under a 28 px panel
    window = _restored(qtbot, _saved_geometry(200, 150, 1920, 1080))
    rect = clamp_to_screen(window)
    assert area.contains(rect)
    assert rect.width() == 1024 and rect.height() < 740  # room left for the title bar
    assert rect.height() >= 740 - 60


def test_a_fitting_geometry_is_left_alone(qtbot, screen_area):
    screen_area(1920, 1080)
    window = _restored(qtbot, _saved_geometry(60, 80, 720, 640))  # fits the real 800x800 offscreen screen too
    before = window.geometry()
    assert clamp_to_screen(window, minimum=(700, 600)) == before and window.geometry() == before


def test_a_shown_window_keeps_its_frame_on_the_screen(qtbot, screen_area):
    area = screen_area(800, 800)  # the offscreen screen itself
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(500, 400, 600, 500)
    window.show()
    qtbot.waitExposed(window)
    clamp_to_screen(window, minimum=(700, 600))
    qtbot.waitUntil(lambda: area.contains(window.frameGeometry()))
    assert window.width() >= 700 and window.height() >= 600


def test_a_gif_over_the_memory_budget_cannot_be_chosen(qtbot, monkeypatch):
    """A GIF holds every frame until it is written (2.5 bytes a pixel): the dialog says so and
    the Export button waits for fewer frames, a smaller size or MP4."""
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "100M")
    d = QtAnimationDialog(steps=300, path="/tmp/steps.gif", fps=2.0)
    qtbot.addWidget(d)
    assert d.size_combo.currentData() == (1280, 720)
    assert not d.buttons.button(OK).isEnabled()  # 300 x 1280 x 720 x 2.5 = 659 MB
    assert "would take 659.2 MB, over the 100.0 MB memory budget" in d.summary.text()
    d.frames_spin.setValue(40)  # 88 MB
    assert d.buttons.button(OK).isEnabled()
    d.size_combo.setCurrentIndex(1)  # 1920 x 1080: 198 MB
    assert d.size_combo.currentData() == (1920, 1080)
    assert not d.buttons.button(OK).isEnabled()


@pytest.mark.parametrize("typed,how", [("new/maps", "enter"), ("new", "button"), ("old", "button")])
def test_export_feature_maps_takes_a_folder_not_made_yet(qtbot, tmp_path, typed, how):
    """Qt's folder dialog said "Directory not found" for a folder the export would make, while the
    animation's export makes its missing folders: both take one now (an existing one as before)."""
    from PySide6.QtTest import QTest

    from convviz.ui.export_actions import FolderDialog

    (tmp_path / "old").mkdir()
    dialog = FolderDialog(None, "Export feature maps to", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.findChild(QtWidgets.QLineEdit, "fileNameEdit")
    edit.setText(typed)
    choose = dialog.findChild(QtWidgets.QDialogButtonBox).button(QtWidgets.QDialogButtonBox.StandardButton.Open)
    assert choose.isEnabled()
    if how == "enter":
        QTest.keyClick(edit, QtCore.Qt.Key.Key_Return)
    else:
        choose.click()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert dialog.selectedFiles() == [str(tmp_path / typed)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"]  # made by the export, not the dialog
