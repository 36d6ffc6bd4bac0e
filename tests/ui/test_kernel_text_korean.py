"""The Maps tab's kernel text box in Korean: its errors are Korean sentences, not a Korean prefix
before English words, and a message wraps under the buttons without narrowing the panel (it made the
controls column scroll, and the scroll bar took its width from the kernel table)."""

from __future__ import annotations

import re

import pytest
from PySide6 import QtCore, QtWidgets

from convviz.ui import i18n


def type_kernel(window, qtbot, text: str) -> str:
    panel = window.kernel_panel
    panel.text.setText(text)
    qtbot.keyClick(panel.text, QtCore.Qt.Key.Key_Return)
    settle(qtbot)
    return panel.message.text()


def settle(qtbot) -> None:
    """Let the nested layouts (panel, group box, scroll area, splitter) settle, also on a busy machine."""
    for _ in range(5):
        QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
        qtbot.wait(10)


def latin_words(text: str, typed: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text.replace(typed, ""))


@pytest.mark.parametrize("typed", ["1,2;3", "abc", "1, 1/0", "1;2,3,4"])
def test_kernel_text_errors_are_korean(korean, qtbot, typed):
    shown = type_kernel(korean, qtbot, typed)
    assert shown.startswith("커널 입력: ") and latin_words(shown, typed) == [], shown


def test_kernel_text_errors_are_english_in_english(window, qtbot):
    assert type_kernel(window, qtbot, "1,2;3") == (
        "Kernel text: row 2 has 1 entries but row 1 has 2; every row needs the same length")
    assert type_kernel(window, qtbot, "abc") == "Kernel text: row 1, column 1: 'abc' is not a number"


def test_a_kernel_the_document_refuses_is_korean_too(korean, qtbot):
    shown = type_kernel(korean, qtbot, ",".join(["1"] * 17))
    assert shown and latin_words(shown, "") == [], shown


def test_a_rejected_cell_says_so_in_korean(korean, qtbot):
    editor = korean.kernel_panel.editor
    editor.item(0, 1).setText("x")
    assert korean.kernel_panel.message.text() == "'x'은(는) 숫자가 아닙니다 (1행 2열)"


def test_the_message_follows_a_live_language_switch(window, qtbot, qapp):
    type_kernel(window, qtbot, "1,2;3")
    try:
        window.set_language("ko")
        qtbot.wait(10)
        assert window.kernel_panel.message.text() == (
            "커널 입력: 2행의 값은 1개, 1행의 값은 2개입니다. 모든 행의 값 개수가 같아야 합니다")
    finally:
        window.set_language("en")
        i18n.install(qapp, "en")
    qtbot.wait(10)
    assert window.kernel_panel.message.text().startswith("Kernel text: row 2 has 1 entries")


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("typed", ["1,2;3", "1, " + "abcdefghij" * 8])
def test_an_error_does_not_narrow_or_widen_the_panel(window, qtbot, qapp, language, typed):
    """At 1280x800 the controls had 29 px to spare: a two-line message made the column scroll and
    the table 14 px narrower; a long typed word widened the panel past the scroll area's view."""
    panel = window.kernel_panel
    scroll = window.splitter.widget(0)
    try:
        window.set_language(language)
        settle(qtbot)
        before = panel.width(), panel.editor.width()
        shown = type_kernel(window, qtbot, typed)
        assert shown and panel.message.isVisible()
        assert (panel.width(), panel.editor.width()) == before
        assert not scroll.verticalScrollBar().isVisible()
        assert panel.message.width() <= panel.width()
        assert panel.editor.height() >= panel.editor.rowCount() * panel.editor.verticalHeader().minimumSectionSize()
        type_kernel(window, qtbot, "1,0;0,1")  # solved: the message goes, the table takes its room back
        assert not panel.message.isVisible() and panel.editor.minimumHeight() == 112
    finally:
        window.set_language("en")
        i18n.install(qapp, "en")
