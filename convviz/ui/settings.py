"""QSettings for convviz; ``CONVVIZ_SETTINGS_DIR`` redirects them (the tests always do)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import QtCore


def app_settings() -> QtCore.QSettings:
    directory = os.environ.get("CONVVIZ_SETTINGS_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        return QtCore.QSettings(os.path.join(directory, "convviz.ini"), QtCore.QSettings.Format.IniFormat)
    return QtCore.QSettings("convviz", "convviz")


def data_dir() -> Path:
    """Where convviz keeps files too big for QSettings (the last session): next to the
    redirected settings, else the platform's application-data directory."""
    directory = os.environ.get("CONVVIZ_SETTINGS_DIR") or QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    return path


def last_session_path() -> Path:
    """The session saved when the window closes.  A file of its own, not a QSettings value:
    QSettings reads its whole file at start-up, and a 512x512 input is 5 MB of JSON."""
    return data_dir() / "last_session.json"
