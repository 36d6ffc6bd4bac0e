"""The words of the generated programs' comments, in the interface's language.

A Korean lecture's students copy the Code tab's programs into their notebooks; the comments say
what each line does, so they follow the window's language (the code itself is the same in every
language).  The generators call :func:`tr` on each comment's English template, which
tools/update_translations.py collects as it collects the window's; the public snippet functions
take the window's ``tr`` and install it with :func:`words` while they write.  A ContextVar, not a
parameter threaded through every helper: the helpers stay as they were, and two threads writing
programs in two languages do not mix their words.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Translate = Callable[[str], str]

_translate: ContextVar[Translate | None] = ContextVar("convviz_code_words", default=None)


def tr(text: str) -> str:
    """``text`` in the language of the program being written (English outside :func:`words`)."""
    translate = _translate.get()
    return text if translate is None else translate(text)


@contextmanager
def words(translate: Translate | None) -> Iterator[None]:
    """Comments written inside this block go through ``translate`` (None: English)."""
    token = _translate.set(translate)
    try:
        yield
    finally:
        _translate.reset(token)


def columns(text: str) -> int:
    """Columns ``text`` takes in a fixed-width font: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``textwrap.wrap`` by columns rather than characters (a Korean comment would run twice as wide);
    text of one-column characters wraps exactly as textwrap wraps it."""
    if columns(text) == len(text):
        return textwrap.wrap(text, width, initial_indent=initial_indent, subsequent_indent=subsequent_indent)
    lines: list[str] = []
    line, indent = "", initial_indent
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and columns(indent + candidate) > width:
            lines.append(indent + line)
            line, indent = word, subsequent_indent
        else:
            line = candidate
    if line:
        lines.append(indent + line)
    return lines
