"""Sessions: the whole document as versioned JSON data (files are read and written by
:mod:`convviz.io.sessions`).

``parse_session`` validates decoded data completely (by replaying it into a fresh
document) before anything is returned, so a bad or foreign file changes no state;
every problem is a :class:`SessionError` with a one-line message.
"""

from __future__ import annotations

import numpy as np

from .document import Document
from .pipeline import OpSettings

FORMAT = "convviz-session"
VERSION = 1


class SessionError(ValueError):
    """A session file that cannot be opened."""


def session_dict(document: Document) -> dict:
    state = document.state()
    return {
        "format": FORMAT,
        "version": VERSION,
        "mode": state["mode"],
        "input": np.asarray(state["input"]).tolist(),
        "filters": [
            {"kernel": np.asarray(k).tolist(), "bias": b}
            for k, b in zip(state["kernels"], state["biases"])
        ],
        "settings": state["settings"].to_dict(),
    }


def parse_session(data, name: str = "session") -> dict:
    """Validate a decoded session and return a document state for ``Document.restore``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionError(f"{name}: not a convviz session file")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION or version < 1:
        raise SessionError(f"{name}: session version {version!r} is not supported (this convviz reads {VERSION})")
    try:
        doc = Document()
        doc.set_mode(data["mode"])
        doc.set_input(np.array(data["input"], dtype=np.float64))
        filters = data["filters"]
        if not isinstance(filters, list):
            raise ValueError("'filters' must be a list")
        doc.set_kernels(
            [np.array(f["kernel"], dtype=np.float64) for f in filters],
            [f.get("bias", 0.0) for f in filters],
        )
        doc.set_settings(OpSettings.from_dict(data.get("settings", {})))
    except KeyError as exc:
        raise SessionError(f"{name}: missing {exc}") from None
    except (ValueError, TypeError) as exc:
        raise SessionError(f"{name}: {exc}") from None
    return doc.state()
