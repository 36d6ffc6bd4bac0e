"""Light and dark themes: a Fusion palette plus pyqtgraph's foreground colour."""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6 import QtGui, QtWidgets

_DARK = {
    "Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1f1f1f", "AlternateBase": "#2b2b2b",
    "ToolTipBase": "#e6e6e6", "ToolTipText": "#1f1f1f", "Text": "#e6e6e6", "Button": "#353535",
    "ButtonText": "#e6e6e6", "BrightText": "#ff5555", "Highlight": "#2f7dd1", "HighlightedText": "#ffffff",
    "Mid": "#9a9a9a", "PlaceholderText": "#8c8c8c",
}


_CONTRAST = {
    "Window": "#000000", "WindowText": "#ffffff", "Base": "#1e1e1e", "AlternateBase": "#2a2a2a",
    "ToolTipBase": "#ffffff", "ToolTipText": "#000000", "Text": "#ffffff", "Button": "#000000",
    "ButtonText": "#ffff00", "BrightText": "#ff5555", "Highlight": "#ffff00", "HighlightedText": "#000000",
    "Mid": "#d0d0d0", "PlaceholderText": "#b0b0b0",
}


#: The themes a user picks (lecture mode's 'contrast' is its own).
THEMES = {"light": "Light", "dark": "Dark"}

_DISABLED_TEXT = {"dark": "#7a7a7a", "contrast": "#8a8a8a"}


def scaled_font(scale: float) -> QtGui.QFont:
    """The application's font ``scale`` times its size: lecture mode's type (and its zoom) for a
    widget, or for a menu, which is a window of its own and inherits no font."""
    font = QtGui.QFont(QtWidgets.QApplication.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


_applied: dict = {}  # id(app) -> the theme it has (a new window applies the saved one again)


def apply_theme(app: QtWidgets.QApplication, theme: str) -> None:
    """'light', 'dark', or 'contrast' (lecture mode: black, white and yellow), for the
    widgets to come and the ones already open."""
    changed = _applied.get(id(app)) != theme
    _applied[id(app)] = theme
    app.setStyle("Fusion")
    if theme in ("dark", "contrast"):
        palette = QtGui.QPalette()
        for role, color in (_DARK if theme == "dark" else _CONTRAST).items():
            palette.setColor(getattr(QtGui.QPalette.ColorRole, role), QtGui.QColor(color))
        # Greyed text for disabled controls (setColor above sets every colour group alike, so a
        # disabled button would look like an enabled one).
        for role in ("WindowText", "Text", "ButtonText"):
            palette.setColor(QtGui.QPalette.ColorGroup.Disabled, getattr(QtGui.QPalette.ColorRole, role),
                             QtGui.QColor(_DISABLED_TEXT[theme]))
        app.setPalette(palette)
        pg.setConfigOption("foreground", "#e6e6e6")
    else:
        app.setPalette(app.style().standardPalette())
        pg.setConfigOption("foreground", "#202020")
    if changed:  # the open views already wear this theme otherwise
        _restyle_graphics(app)


def _restyle_graphics(app: QtWidgets.QApplication) -> None:
    """Redraw the application's pyqtgraph views in the current theme.

    Qt widgets follow a new palette by themselves; pyqtgraph's views do not.  Each view
    caches its background (drawn with the old palette), labels and axes take pyqtgraph's
    foreground colour when their text or pen is set, and items cached as pixmaps (colour
    bars, titles) keep the old pixels until they are invalidated.
    """
    # Each view once: a window parented to another (the training window) is both a top-level
    # window and the other's child, so walking each window's children would restyle it twice.
    for view in [w for w in app.allWidgets() if isinstance(w, pg.GraphicsView)]:
        # A window being torn down (its deletion still pending) can list a view whose scene is gone:
        # touching its items crashed the suite once, after a network window closed.
        if not shiboken6.isValid(view):
            continue
        scene = view.scene()
        if scene is None or not shiboken6.isValid(scene):
            continue
        view.resetCachedContent()
        for item in scene.items():
            if isinstance(item, pg.LabelItem):
                item.setText(item.text)  # an explicit colour in its options is kept
            elif isinstance(item, pg.AxisItem):
                item.setPen()
                item.setTextPen()
            item.update()
        view.viewport().update()
