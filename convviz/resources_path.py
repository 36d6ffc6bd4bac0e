"""Locate files shipped under the top-level resources/ directory.

The directory is installed as the package ``convviz.resources`` (see
pyproject.toml), so the same lookup works in an editable install and from a
wheel.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource("samples", "lecture_5x5.npy")``."""
    root = resources.files("convviz.resources")
    path = root.joinpath(*parts)
    if not path.is_file() and not path.is_dir():
        raise FileNotFoundError(f"convviz resource not found: {'/'.join(parts)}")
    return Path(str(path))
