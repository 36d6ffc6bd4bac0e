"""Errors the window can show in its own language, though core knows nothing of Qt.

A :class:`TextError` carries an English template and the values that fill it in.  ``str()`` of
it is the English message (the command line, logs, tests); :func:`message` first puts the
template through a translate function (the window's ``tr``), then fills it in, so a Korean
window says the whole sentence in Korean, not a Korean prefix before English words.

tools/update_translations.py collects the templates of ``TextError("...")`` calls (and of its
subclasses' calls it is told about) the way it collects ``tr("...")`` literals.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["TextError", "message", "shown_entry"]

#: Longest typed text an error message repeats whole: more is cut with "…" (a message wraps
#: in a narrow panel; one long token cannot).
MAX_SHOWN = 24


class TextError(ValueError):
    """A ValueError whose message is ``template.format(**values)``, translatable as a whole."""

    def __init__(self, template: str, **values):
        self.template = template
        self.values = values
        # Without values the text is a finished message (a caller's f-string: a path may hold braces).
        super().__init__(template.format(**values) if values else template)

    def message(self, translate: Callable[[str], str] | None = None) -> str:
        """The message with ``template`` translated by ``translate`` (English without one)."""
        template = translate(self.template) if translate is not None else self.template
        if not self.values:
            return template
        # A value that is itself a TextError (the parser's reason inside "kernel '…': …") in the same language.
        values = {k: message(v, translate) if isinstance(v, BaseException) else v for k, v in self.values.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
            return str(self)


def message(error: BaseException, translate: Callable[[str], str] | None = None) -> str:
    """``error``'s message in ``translate``'s language where it is a :class:`TextError`, else ``str(error)``."""
    if isinstance(error, TextError):
        return error.message(translate)
    return str(error)


def reason(error: BaseException, translate: Callable[[str], str] | None = None) -> str:
    """Why a read or a write failed, for "Could not write {path}: {error}": a :class:`TextError`'s own
    words in ``translate``'s language (io.atomic names a path's problem so), else the system's reason
    (``strerror``), else its text."""
    if isinstance(error, TextError):
        return error.message(translate)
    return getattr(error, "strerror", None) or str(error)


def shown_entry(text: str) -> str:
    """``text`` quoted for a message (its repr), cut to :data:`MAX_SHOWN` characters with "…"."""
    if len(text) > MAX_SHOWN:
        return repr(text[:MAX_SHOWN - 1]) + "…"
    return repr(text)
