"""File → Lessons: every lesson in the menu, opened into the window's document with its numbers."""

import numpy as np

from convviz.io.lessons import find_lesson, list_lessons
from convviz.model.training import TrainConfig
from convviz.ui import i18n
from convviz.ui.qt_lessons import fill_lessons_menu, interface_language, open_lesson


def _lessons_menu(window):
    file_menu = window.menuBar().actions()[0].menu()
    menus = [a.menu() for a in file_menu.actions() if a.menu() is not None]
    menu = next(m for m in menus if m.title().replace("&", "") in ("Lessons", i18n.tr("&Lessons").replace("&", "")))
    menu.aboutToShow.emit()  # what opening it does
    return menu


def _lesson_actions(menu):
    return [a for a in menu.actions() if not a.isSeparator()]


def test_the_file_menu_lists_every_lesson_by_its_english_title(window):
    actions = _lesson_actions(_lessons_menu(window))
    lessons = list_lessons()
    assert [a.data() for a in actions] == [lesson.name for lesson in lessons]
    assert [a.text() for a in actions] == [lesson.title("en") for lesson in lessons]


def test_choosing_a_lesson_shows_its_numbers(window, seed_cases):
    menu = _lessons_menu(window)
    action = next(a for a in _lesson_actions(menu) if a.data() == "2d-valid")
    action.trigger()
    window.compute.compute_now()
    case = seed_cases["2d-binary-image-valid"]
    np.testing.assert_array_equal(window.document.input, case["x"])
    np.testing.assert_array_equal(window.compute.result.activated[0], case["expect"])
    assert window.feature_grid.cells[0].values.texts() == ["4", "3", "4", "2", "4", "3", "2", "3", "4"]


def test_a_one_d_lesson_switches_the_window_to_1d(window, seed_cases):
    assert open_lesson(window, "1d-convolve-valid")
    window.compute.compute_now()
    assert window.document.mode == "1d" and window.one_d_action.isChecked()
    np.testing.assert_array_equal(window.compute.result.activated[0], seed_cases["1d-convolve-valid"]["expect"])
    assert open_lesson(window, "maxpool-stride1-same")  # and back to 2D, with pooling on a 2x2 map
    window.compute.compute_now()
    assert window.document.mode == "2d" and not window.one_d_action.isChecked()
    np.testing.assert_array_equal(window.compute.result.pooled[0], seed_cases["maxpool-same-stride1"]["expect"])


def test_the_cnn_lesson_opens_train_with_the_lectures_network(window):
    assert open_lesson(window, "fashion-mnist-cnn")
    train = window.train_window
    try:
        assert train.isVisible() and not train.running
        lesson = find_lesson("fashion-mnist-cnn")
        assert train.current_config() == TrainConfig.from_dict(lesson.train["config"])
        assert getattr(train, "form", train).dataset_combo.currentData() == "fashion-mnist"
        assert len(window.document.kernels) == 10 and window.document.input.shape == (28, 28)
    finally:
        train.close()


def test_titles_follow_the_interface_language(window, qapp):
    try:
        assert i18n.install(qapp, "ko") == "ko"
        assert interface_language() == "ko"
        menu = _lessons_menu(window)
        assert [a.text() for a in _lesson_actions(menu)] == [lesson.title("ko") for lesson in list_lessons()]
    finally:
        i18n.install(qapp, "en")
    assert interface_language() == "en"
    fill_lessons_menu(menu, window)
    assert _lesson_actions(menu)[0].text() == "1D convolution · valid"


def test_a_pooling_lesson_steps_through_the_pooling(window):
    assert open_lesson(window, "maxpool-2x2-stride2")
    view = window.step_view
    window.tabs.setCurrentWidget(view)
    assert view.kind_combo.currentData() == "pool"
    assert view.player.length == 4  # the 2x2 pooled map of the 4x4 input, one window each
    assert open_lesson(window, "2d-valid")
    assert view.kind_combo.currentData() == "conv" and view.player.length == 9
