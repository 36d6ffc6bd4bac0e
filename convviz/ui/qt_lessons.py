"""File → Lessons: the lecture's worked examples, opened into the explorer's document.

The lessons themselves are session files read by :mod:`convviz.io.lessons`; this module
only builds the menu and hands a lesson's state to the window (and, for the CNN lesson,
its network to the Train window).
"""

from __future__ import annotations

from PySide6 import QtWidgets

from convviz.io.lessons import Lesson, LessonError, find_lesson, list_lessons
from convviz.model.session import SessionError

from .i18n import current_language, tr


def interface_language() -> str:
    """'ko' while the Korean translation is installed, else 'en' (titles follow a live switch)."""
    return current_language()


def add_lessons_menu(file_menu: QtWidgets.QMenu, window) -> QtWidgets.QMenu:
    """Add File → Lessons to ``file_menu``; its entries open lessons into ``window`` (a QtMainWindow)."""
    menu = file_menu.addMenu(tr("&Lessons"))
    menu.setToolTipsVisible(True)
    # Filled whenever it opens: the titles are in the language of that moment, and the
    # window's start-up reads no lesson files.
    menu.aboutToShow.connect(lambda: fill_lessons_menu(menu, window))
    return menu


def fill_lessons_menu(menu: QtWidgets.QMenu, window) -> None:
    menu.clear()
    try:
        lessons = list_lessons()
    except LessonError as exc:
        menu.addAction(str(exc)).setEnabled(False)
        return
    language = interface_language()
    group = None
    for lesson in lessons:
        if group is not None and lesson.order // 100 != group:  # 1D, 2D, pooling, the CNN
            menu.addSeparator()
        group = lesson.order // 100
        action = menu.addAction(lesson.title(language))
        action.setData(lesson.name)
        action.setToolTip(f"convviz --lesson {lesson.name}")
        action.triggered.connect(lambda _=False, name=lesson.name: open_lesson(window, name))


def open_lesson(window, lesson: Lesson | str, *, training: bool = True) -> bool:
    """Restore ``lesson`` into ``window``'s document, its Steps tab on what the lesson steps
    through (the pooling lessons: the pooling), and with ``training`` open Train for the CNN lesson.

    A lesson that cannot be read is one message and changes nothing."""
    try:
        lesson = find_lesson(lesson) if isinstance(lesson, str) else lesson
        state = lesson.session()
    except (LessonError, SessionError) as exc:
        QtWidgets.QMessageBox.warning(window, "convviz", str(exc))
        return False
    window.document.restore(state)
    window.one_d_action.setChecked(window.document.mode == "1d")
    kinds = window.step_view.kind_combo
    kinds.setCurrentIndex(max(kinds.findData(lesson.steps), 0))
    if training and lesson.train:
        open_lesson_training(window, lesson.train)
    backward = lesson.data["lesson"].get("backward")
    if backward is not None:  # the backward pass's lesson opens on the Backward tab, with its target
        try:
            window.backward.show().open_lesson(backward)
        except ValueError as exc:
            QtWidgets.QMessageBox.warning(window, "convviz", str(exc))
    return True


def open_lesson_training(window, train: dict):
    """Open the Train window set to the lesson's network and dataset (training is left to the user)."""
    from convviz.model.training import TrainConfig

    config = TrainConfig.from_dict(train.get("config", {}))
    train_window = window.open_training()
    if not train_window.running:
        apply_train_config(train_window, config, train.get("dataset"))
    return train_window


def _select(combo: QtWidgets.QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else combo.findText(str(value)))


def apply_train_config(train_window, config, dataset: str | None = None) -> None:
    """Set the Train window's controls to ``config`` (through the public widgets of its form)."""
    # The controls live in the window's QtTrainForm (``form``); before that split, on the window.
    form = getattr(train_window, "form", train_window)
    for name, spin in form.spins.items():
        spin.setValue(getattr(config, name))
    _select(form.padding, config.padding)
    _select(form.pool, config.pool)
    _select(form.optimizer, config.optimizer)
    _select(form.lr_schedule, config.lr_schedule)
    form.second_block.setChecked(config.second_block)
    form.standardize.setChecked(config.standardize)
    if dataset is not None:
        _select(form.dataset_combo, dataset)
