"""The explorer's menu bar, built for a window (File, View, Train, Network, Help)."""

from __future__ import annotations

from PySide6 import QtGui

from .i18n import LANGUAGES, tr
from .theme import THEMES


def build_menus(window) -> None:
    """The actions call the window's controllers and slots; those a view or a test needs later
    stay on the window (one_d_action, lecture_action, theme_actions, language_actions, ...)."""
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    files, exports = window.files, window.exports
    _action(window, file_menu, tr("&Open input…"), files.open_input_dialog, QtGui.QKeySequence.StandardKey.Open)
    _action(window, file_menu, tr("Paste image"), files.paste_image, QtGui.QKeySequence.StandardKey.Paste)
    file_menu.addSeparator()
    _action(window, file_menu, tr("Open &session…"), files.open_session_dialog, "Ctrl+Shift+O")
    _action(window, file_menu, tr("&Save session…"), files.save_session_dialog, QtGui.QKeySequence.StandardKey.Save)
    window.recent_menu = file_menu.addMenu(tr("Open &recent"))
    files.refresh_recent()
    from .qt_lessons import add_lessons_menu

    window.lessons_menu = add_lessons_menu(file_menu, window)
    file_menu.addSeparator()
    _action(window, file_menu, tr("Export feature maps…"), exports.export_maps_dialog, "Ctrl+E")
    _action(window, file_menu, tr("Export contact sheet…"), exports.export_sheet_dialog)
    _action(window, file_menu, tr("Export animation…"), exports.export_animation_dialog)
    _action(window, file_menu, tr("Export step view as SVG…"), exports.export_svg_dialog)
    file_menu.addSeparator()
    _action(window, file_menu, tr("&Quit"), window.close, QtGui.QKeySequence.StandardKey.Quit)

    view = bar.addMenu(tr("&View"))
    window.one_d_action = _action(window, view, tr("1D signal mode"),
                                     lambda on: window.document.set_mode("1d" if on else "2d"), "Ctrl+1")
    window.one_d_action.setCheckable(True)
    window.values_action = _action(window, view, tr("Values in cells"), window.set_show_values, "Ctrl+Shift+V")
    window.values_action.setCheckable(True)
    window.values_action.setChecked(True)
    window.lecture_action = _action(window, view, tr("Lecture mode"), window.toggle_lecture_mode, "F11")
    window.lecture_action.setCheckable(True)
    for text, step, key in ((tr("Zoom in"), 1, "Ctrl+="), (tr("Zoom out"), -1, "Ctrl+-"),
                            (tr("Actual size"), 0, "Ctrl+0")):
        act = _action(window, view, text, lambda _=False, k=step: window.zoom(k), key)
        if step == 1:
            act.setShortcuts([QtGui.QKeySequence("Ctrl+="), QtGui.QKeySequence("Ctrl++")])
    theme_menu = view.addMenu(tr("Theme"))
    group = QtGui.QActionGroup(window)
    window.theme_actions = {}
    for key, label in THEMES.items():
        act = _action(window, theme_menu, tr(label), lambda _=False, k=key: window.apply_theme(k))
        act.setCheckable(True)
        group.addAction(act)
        window.theme_actions[key] = act

    language_menu = view.addMenu(tr("Language"))
    lang_group = QtGui.QActionGroup(window)
    window.language_actions: dict[str, QtGui.QAction] = {}
    current = window.settings.value("language", "system")
    for key, label in LANGUAGES.items():
        act = _action(window, language_menu, tr(label) if key == "system" else label,
                           lambda _=False, k=key: window.set_language(k))
        act.setCheckable(True)
        act.setChecked(key == current)
        lang_group.addAction(act)
        window.language_actions[key] = act

    train_menu = bar.addMenu(tr("&Train"))
    _action(window, train_menu, tr("Train a CNN…"), window.open_training, "Ctrl+T")
    from .qt_network_open import add_network_menu  # the network window: the whole chain, layer by layer

    window.network_menu = add_network_menu(bar, window)
    for act in window.network_menu.actions():
        if not act.shortcut().isEmpty():
            window.addAction(act)  # Ctrl+Shift+N in lecture mode too

    help_menu = bar.addMenu(tr("&Help"))
    _action(window, help_menu, tr("About convviz"), window.show_about)

def _action(window, menu, text, slot, shortcut=None) -> QtGui.QAction:
    act = QtGui.QAction(text, window)
    if shortcut is not None:
        act.setShortcut(QtGui.QKeySequence(shortcut))
        # On the window as well as in its menu: a hidden menu bar (lecture mode) takes its
        # actions' keys with it, and F11 could not leave lecture mode.
        window.addAction(act)
    act.triggered.connect(slot)
    menu.addAction(act)
    return act
