"""View → Language switches every open view at once, without a restart, and back."""

from PySide6 import QtWidgets

from convviz.ui import i18n


def texts(window):
    """Every fixed string a user can read: labels, buttons, group titles, tabs, combo items, menus."""
    shown = set()
    for w in window.findChildren(QtWidgets.QWidget):
        if isinstance(w, (QtWidgets.QLabel, QtWidgets.QAbstractButton)):
            shown.add(w.text())
        elif isinstance(w, QtWidgets.QGroupBox):
            shown.add(w.title())
        elif isinstance(w, QtWidgets.QComboBox):
            shown.update(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QtWidgets.QTabWidget):
            shown.update(w.tabText(i) for i in range(w.count()))
    shown.update(a.text() for a in window.menuBar().actions())
    return shown


def test_language_switches_live_and_back(window, qtbot, qapp):
    window.tabs.setCurrentWidget(window.step_view)  # built, so its strings switch too
    window.code_view  # noqa: B018
    english = texts(window)
    assert {"Kernels", "Operation", "Maps", "Steps", "Loop", "Quiz", "&File", "Convolution steps"} <= english
    try:
        window.set_language("ko")
        korean = texts(window)
        assert {"커널", "연산", "맵", "단계", "반복", "퀴즈", "합성곱 단계"} <= korean
        assert "Kernels" not in korean and "Loop" not in korean
        assert window.feature_grid.title_text().startswith(i18n.tr("Feature maps"))
        frame = window.step_view.scenes[0].frame(0)
        assert any("단계" in getattr(p, "text", "") for p in frame.prims)  # the step frames' words too
        assert window.language_actions["ko"].isChecked()
        window.set_language("en")
        assert texts(window) == english
    finally:
        i18n.install(qapp, "en")
