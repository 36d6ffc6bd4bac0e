"""The command line's lessons and screenshots of any state (`convviz --lessons`, `--lesson`, `--screenshot`)."""

import os
import subprocess
import sys

import pytest
from PIL import Image

from convviz.cli import main
from convviz.io.lessons import lesson_names


def _convviz(*args, tmp_path, timeout=120):
    """convviz in a fresh process (its own QApplication, so its own offscreen screen)."""
    env = dict(os.environ, CONVVIZ_SETTINGS_DIR=str(tmp_path / "settings"), XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    env.pop("QT_QPA_PLATFORM", None)  # a screenshot is headless by itself
    return subprocess.run([sys.executable, "-m", "convviz", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_lessons_lists_every_name_one_per_line_without_qt_or_numpy(tmp_path):
    code = ("import sys; from convviz.cli import main; code = main(['--lessons']); "
            "assert not {'PySide6', 'numpy'} & set(sys.modules), 'imported'; sys.exit(code)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == lesson_names()
    assert "2d-valid" in out.stdout.splitlines() and out.stderr == ""


def test_unknown_lesson_is_one_line_naming_the_valid_ones(capsys):
    assert main(["--lesson", "bad"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'bad'" in err and "1d-convolve-valid" in err and "fashion-mnist-cnn" in err


@pytest.mark.parametrize("args, words", [
    (["--tab", "plots"], "--tab"),
    (["--compare", "all"], "--compare"),
    (["--step", "0"], "--step"),
    (["--step", "two"], "--step"),
    (["--size", "big"], "--size"),
    (["--lang", "fr"], "--lang"),
    (["--view", "sparse"], "--view"),
    (["--session", "a.json", "--lesson", "2d-valid"], "not allowed with"),
])
def test_bad_option_values_are_one_line_and_status_2(capsys, args, words):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err, err


def test_a_step_past_the_end_is_one_line_and_status_2(tmp_path, capsys, qapp):
    out = tmp_path / "shot.png"
    assert main(["--screenshot", str(out), "--lesson", "2d-valid", "--step", "10"]) == 2
    err = capsys.readouterr().err
    assert err == "convviz: --step 10: this view has 9 steps\n"
    assert not out.exists()


def test_a_compare_that_does_not_apply_is_one_line_and_status_2(tmp_path, capsys, qapp):
    """'same' compares the two 'same' conventions: a lesson padding 'valid' showed no comparison, silently."""
    out = tmp_path / "shot.png"
    assert main(["--screenshot", str(out), "--lesson", "2d-valid", "--compare", "same"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--compare same: not offered" in err
    assert not out.exists()
    assert main(["--screenshot", str(out), "--lesson", "2d-same-tensorflow", "--compare", "same"]) == 0
    assert out.exists()


def test_backward_tab_from_the_command_line(qapp):
    from convviz.ui.app import show_view
    from convviz.ui.qt_main_window import QtMainWindow

    window = QtMainWindow(synchronous=True, restore=False)
    try:
        assert show_view(window, tab="backward") is None
        assert window.tabs.currentWidget() is window.backward.view
    finally:
        window.close()


def test_view_shows_the_steps_as_a_matrix_product(qapp):
    """--view (as the step view's "Show as"): the Steps tab, the matrix scene, any step."""
    from convviz.render.matrix_scene import MatrixStepScene
    from convviz.ui.app import show_view
    from convviz.ui.qt_main_window import QtMainWindow

    window = QtMainWindow(synchronous=True, restore=False)
    try:
        assert show_view(window, view="toeplitz", step=5) is None
        assert window.tabs.currentWidget() is window.step_view
        scene = window.step_view.scenes[0]
        assert isinstance(scene, MatrixStepScene) and scene.mode == "toeplitz"
        assert window.step_view.player.index == 4
    finally:
        window.close()


def test_screenshot_of_a_lesson_step_is_exactly_the_size_asked(tmp_path):
    shot = tmp_path / "steps.png"
    out = _convviz("--screenshot", str(shot), "--size", "1024x768", "--lesson", "2d-valid", "--tab", "steps",
                   "--step", "4", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert Image.open(shot).size == (1024, 768)


def test_lecture_screenshot_fills_a_screen_of_exactly_that_size(tmp_path):
    """Lecture mode goes full screen: the offscreen screen is made the picture's size (Qt's default
    offscreen screen is 800x800: full screen there is an 800x800 picture)."""
    shot = tmp_path / "lecture.png"
    out = _convviz("--screenshot", str(shot), "--lesson", "1d-convolve-valid", "--lecture", "--lang", "ko",
                   tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 800)
    # The lecture palette is black: its corners are black, also the bottom right one that lies
    # outside an 800x800 screen.
    assert image.getpixel((2, 2)) == (0, 0, 0) and image.getpixel((1277, 797)) == (0, 0, 0)
