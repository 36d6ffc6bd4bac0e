"""QSettings for convviz; ``CONVVIZ_SETTINGS_DIR`` redirects them (the tests always do)."""

from __future__ import annotations

import os

from PySide6 import QtCore


def app_settings() -> QtCore.QSettings:
    directory = os.environ.get("CONVVIZ_SETTINGS_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        return QtCore.QSettings(os.path.join(directory, "convviz.ini"), QtCore.QSettings.Format.IniFormat)
    return QtCore.QSettings("convviz", "convviz")
