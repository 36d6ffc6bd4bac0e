"""Light and dark themes: a Fusion palette plus pyqtgraph's foreground colour."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtGui, QtWidgets

_DARK = {
    "Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1f1f1f", "AlternateBase": "#2b2b2b",
    "ToolTipBase": "#e6e6e6", "ToolTipText": "#1f1f1f", "Text": "#e6e6e6", "Button": "#353535",
    "ButtonText": "#e6e6e6", "BrightText": "#ff5555", "Highlight": "#2f7dd1", "HighlightedText": "#ffffff",
    "Mid": "#9a9a9a",
}


_CONTRAST = {
    "Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "AlternateBase": "#101010",
    "ToolTipBase": "#ffffff", "ToolTipText": "#000000", "Text": "#ffffff", "Button": "#000000",
    "ButtonText": "#ffff00", "BrightText": "#ff5555", "Highlight": "#ffff00", "HighlightedText": "#000000",
    "Mid": "#d0d0d0",
}


def apply_theme(app: QtWidgets.QApplication, theme: str) -> None:
    """'light', 'dark', or 'contrast' (lecture mode: black, white and yellow)."""
    app.setStyle("Fusion")
    if theme in ("dark", "contrast"):
        palette = QtGui.QPalette()
        for role, color in (_DARK if theme == "dark" else _CONTRAST).items():
            palette.setColor(getattr(QtGui.QPalette.ColorRole, role), QtGui.QColor(color))
        app.setPalette(palette)
        pg.setConfigOption("foreground", "#e6e6e6")
    else:
        app.setPalette(app.style().standardPalette())
        pg.setConfigOption("foreground", "#202020")
