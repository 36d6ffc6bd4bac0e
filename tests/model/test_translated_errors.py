"""Kernel and matrix text errors are whole sentences in the interface's language (a Korean window
said '커널 입력: row 2 has 1 entries but row 1 has 2; …': only the prefix was Korean)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from convviz.core.kernels import KernelTextError, parse_kernel
from convviz.core.messages import TextError, message, shown_entry
from convviz.io.ports import DiskFiles
from convviz.model.document import MAX_KERNEL_SIDE, Document
from convviz.model.file_actions import FileActions
from convviz.render.labels import translator

KOREAN = translator("ko")


def latin_words(text: str, typed: str = "") -> list[str]:
    """The runs of ASCII letters in ``text`` once the typed text is taken out ('1D', 'NaN' aside)."""
    return [w for w in re.findall(r"[A-Za-z]+", text.replace(typed, "")) if w not in ("D", "NaN")]


@pytest.mark.parametrize("text, typed", [("1,2;3", ""), ("abc", "abc"), ("1, 2/x", "2/x"), ("1/0", "1/0"),
                                         ("", ""), ("[[1, 2], [3]]", "")])
def test_parse_errors_are_korean_in_korean_and_english_in_english(text, typed):
    with pytest.raises(KernelTextError) as info:
        parse_kernel(text)
    error = info.value
    assert isinstance(error, ValueError) and message(error) == str(error)  # English: as before
    assert re.search(r"[a-z]{3}", str(error))
    korean = message(error, KOREAN)
    assert re.search("[가-힣]", korean) and latin_words(korean, typed) == [], korean


def test_the_english_messages_read_as_before():
    with pytest.raises(ValueError, match="row 2 has 1 entries but row 1 has 2; every row needs the same length"):
        parse_kernel("1,2;3")
    with pytest.raises(ValueError, match="row 1, column 1: 'abc' is not a number"):
        parse_kernel("abc")
    with pytest.raises(ValueError, match="a 1D kernel needs a single row, got 2 rows"):
        parse_kernel("1;2", ndim=1)
    assert message(ValueError("plain")) == "plain"  # other errors: as they are


def test_a_long_typed_entry_is_cut_in_the_message():
    """One unbreakable word in a message cannot wrap: the panel grew past its scroll area."""
    with pytest.raises(KernelTextError) as info:
        parse_kernel("1, " + "x" * 200)
    assert len(str(info.value)) < 80 and "…" in str(info.value)
    assert shown_entry("abc") == "'abc'"


def test_a_broken_translation_falls_back_to_english():
    error = TextError("row {row} is odd", row=2)
    assert error.message(lambda t: "{rows}행") == "row 2 is odd"


def test_the_documents_kernel_checks_are_translatable():
    """Kernel text the parser reads but the document refuses (too wide, 1e999) comes back translated."""
    doc = Document()
    with pytest.raises(TextError) as info:
        doc.set_kernel(0, np.ones((1, MAX_KERNEL_SIDE + 2)))
    assert str(info.value) == f"kernel sides must be 1 to {MAX_KERNEL_SIDE}, got 1×{MAX_KERNEL_SIDE + 2}"
    assert latin_words(message(info.value, KOREAN)) == []
    with pytest.raises(TextError) as info:
        doc.set_kernel(0, parse_kernel("1e999, 1; 1, 1"))
    assert latin_words(message(info.value, KOREAN)) == []


class _View:
    def __init__(self, clipboard):
        self.clipboard, self.errors = clipboard, []

    def clipboard_contents(self):
        return self.clipboard

    def show_error(self, text):
        self.errors.append(text)


class _Settings(dict):
    def value(self, key, default=None):
        return self.get(key, default)


def test_pasted_matrix_text_errors_are_in_the_windows_language(tmp_path):
    view = _View("1,2; x")
    files = FileActions(Document(), view, DiskFiles(), _Settings(), last_session=tmp_path / "s.json", tr=KOREAN)
    files.paste_image()
    view.clipboard = None
    files.paste_image()
    assert view.errors == ["붙여넣기: 2행 1열: 'x'은(는) 숫자가 아닙니다", "클립보드에 이미지나 행렬이 없습니다."]


@pytest.mark.parametrize("name, content", [("empty.png", b""), ("bad.png", b"not an image"),
                                           ("m.csv", b"1,2\nx,y\n"), ("a.bin", b"123")])
def test_an_input_file_error_is_korean_in_korean(tmp_path, name, content):
    """File → Open on a bad file said the whole reason in English in a Korean window."""
    from convviz.io.inputs import InputError, load_input

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_input(path)
    korean = message(info.value, KOREAN)
    assert str(path) in korean and re.search("[가-힣]", korean), korean
    names = {"x", "bin", "png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "webp", "npy", "csv", "txt",
             "convviz", "PNG", "JPEG", "BMP", "GIF", "TIFF", "WebP", "NumPy"}  # the formats convviz reads, by name
    assert set(latin_words(korean.replace(str(path), ""))) <= names, korean  # names, suffixes, the typed 'x'


def test_a_memory_budget_error_is_korean_in_korean(tmp_path, monkeypatch):
    from convviz.io.inputs import load_input
    from convviz.model.limits import BudgetError

    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "1K")
    path = tmp_path / "m.npy"
    np.save(path, np.zeros((40, 40)))
    with pytest.raises(BudgetError) as info:
        load_input(path)
    english, korean = str(info.value), message(info.value, KOREAN)
    assert english.startswith(f"reading {path} (40x40) would take") and "memory budget" in english
    assert "메모리 예산" in korean and "읽기" in korean and "reading" not in korean


def test_file_actions_show_input_errors_in_the_windows_language(tmp_path):
    from tests.model.test_file_actions import FakeSettings, FakeView

    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    view = FakeView()
    actions = FileActions(Document(), view, DiskFiles(), FakeSettings(), last_session=tmp_path / "l.json", tr=KOREAN)
    assert actions.open_path(str(path)) is False
    assert view.errors and "파일이 비어 있습니다" in view.errors[-1], view.errors


def test_a_setting_over_the_budget_is_refused_in_the_windows_language(monkeypatch):
    """The Operation panel's 'Not changed: …' said why in English inside a Korean dialog."""
    from convviz.model.limits import BudgetError
    from convviz.model.settings import OpSettings

    doc = Document()
    doc.set_input(np.zeros((300, 300)))
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "2M")
    doc.memory_budget = 2 * 2**20
    with pytest.raises(BudgetError) as info:
        doc.set_settings(OpSettings(dilation=8, padding="full"))
    english, korean = str(info.value), message(info.value, KOREAN)
    assert english.startswith("a 300x300 input with 1 filter(s) of 3x3 would take") and "memory budget" in english
    assert korean.startswith("300x300 입력과 3x3 필터 1개에") and "메모리 예산" in korean
    assert set(latin_words(korean)) <= {"x", "MB", "CONVVIZ", "MEMORY", "BUDGET"}, korean
