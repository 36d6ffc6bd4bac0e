"""Session files: the document as versioned JSON on disk (the format is :mod:`convviz.model.session`).

A file is validated completely before anything is returned, so a bad or foreign file
changes no state; every problem is a ``SessionError`` with a one-line message.  Before the
format is checked, the file itself is bounded: a regular file of at most
``MAX_SESSION_BYTES``, JSON nested at most ``MAX_DEPTH`` deep, integers of at most
``MAX_INT_DIGITS`` digits, finite numbers, and settings in range (an unkind file must not
make the window allocate gigabytes).  Files are written atomically: a crash cannot leave
half a session.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from convviz.model.document import SETTING_LIMITS
from convviz.model.session import SessionError, parse_session, session_dict

from .atomic import require_regular_file, write_text

__all__ = ["MAX_DEPTH", "MAX_SESSION_BYTES", "SessionError", "load_session", "parse_session_text",
           "save_session"]

#: A 512x512 RGB input written by ``save_session`` takes about 20 MB.
MAX_SESSION_BYTES = 64 * 1024 * 1024
#: A session nests six deep at most (the document, ``filters``, a filter, a kernel's three axes).
MAX_DEPTH = 10
MAX_INT_DIGITS = 18
#: The integer settings are checked against the explorer's ranges before the document is built.
_INTEGER_SETTINGS = ("stride", "dilation", "pool_size", "pool_stride")


def save_session(path, document) -> None:
    write_text(path, json.dumps(session_dict(document), indent=1))


def load_session(path) -> dict:
    """A validated document state (for ``Document.restore``) from the session file at ``path``."""
    return parse_session_text(_read_bounded(Path(path)), str(path))


def _read_bounded(path: Path) -> str:
    try:
        require_regular_file(path, SessionError, "a session file")
        with open(path, "rb") as fh:
            data = fh.read(MAX_SESSION_BYTES + 1)
    except OSError as exc:
        raise SessionError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(f"{path}: larger than {MAX_SESSION_BYTES // (1024 * 1024)} MB, too large for a session")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SessionError(f"{path}: cannot be read (not UTF-8 text)") from None


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise SessionError(f"an integer of {digits} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise SessionError(f"the number {text[:20]} is beyond the float range")
    return value


def _parse_constant(text: str):
    raise SessionError(f"{text} is not a number a session may hold")


def parse_session_text(text: str, name: str = "session") -> dict:
    """A validated document state from session JSON text (size, nesting, numbers, then format)."""
    if len(text) > MAX_SESSION_BYTES:
        raise SessionError(f"{name}: larger than {MAX_SESSION_BYTES // (1024 * 1024)} MB, too large for a session")
    depth = _nesting_depth(text)
    if depth > MAX_DEPTH:
        raise SessionError(f"{name}: JSON nested more than {MAX_DEPTH} deep, deeper than any session")
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except SessionError as exc:
        raise SessionError(f"{name}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SessionError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise SessionError(f"{name}: not valid JSON ({exc})") from None
    _check_settings_range(data, name)
    try:
        return parse_session(data, name)
    except SessionError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        raise SessionError(f"{name}: {exc}") from None


def _nesting_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings, counted without recursion.

    Checked before decoding: json's decoder recurses per level and fails with a
    RecursionError on a file of a hundred thousand '['.
    """
    import re

    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        ch = token.group()
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _check_settings_range(data, name: str) -> None:
    settings = data.get("settings") if isinstance(data, dict) else None
    if not isinstance(settings, dict):
        return
    for key in _INTEGER_SETTINGS:
        value, limit = settings.get(key), SETTING_LIMITS[key]
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit:
            raise SessionError(f"{name}: {key.replace('_', ' ')} {value} is out of range (at most {limit})")
    pads, limit = settings.get("explicit_pad"), SETTING_LIMITS["explicit_pad"]
    if isinstance(pads, list) and any(isinstance(p, int) and abs(p) > limit for p in pads):
        raise SessionError(f"{name}: explicit padding {pads} is out of range (at most {limit} per side)")
