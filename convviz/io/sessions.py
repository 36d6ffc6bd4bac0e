"""Session files: the document as versioned JSON on disk (the format is :mod:`convviz.model.session`).

A file is validated completely before anything is returned, so a bad or foreign file
changes no state; every problem is a ``SessionError`` with a one-line message.  Files are
written atomically: a crash cannot leave half a session.
"""

from __future__ import annotations

import json
from pathlib import Path

from convviz.model.session import SessionError, parse_session, session_dict

from .atomic import write_text

__all__ = ["SessionError", "load_session", "save_session"]


def save_session(path, document) -> None:
    write_text(path, json.dumps(session_dict(document), indent=1))


def load_session(path) -> dict:
    """A validated document state (for ``Document.restore``) from the session file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SessionError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SessionError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    return parse_session(data, str(path))
