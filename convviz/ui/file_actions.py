"""The window's side of File → Open, Paste, Samples, Sessions and Open recent: dialogs, message
boxes, the status bar, the clipboard and the recent menu.  The rules are
:class:`convviz.model.file_actions.FileActions`'s; :func:`file_actions` composes it for a window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from convviz.io.ports import DiskFiles
from convviz.model.file_actions import FileActions

from .i18n import tr
from .settings import last_session_path, settings_problems


def file_actions(window) -> FileActions:
    """The file actions of ``window`` (its document, settings, status bar and ``recent_menu``)."""
    return FileActions(window.document, QtFileView(window), DiskFiles(), window.settings,
                       last_session=last_session_path(), start_problems=settings_problems(), tr=tr)


class QtFileView:
    """:class:`convviz.model.file_actions.FileView` with the window's dialogs."""

    def __init__(self, window: QtWidgets.QMainWindow):
        self.window = window

    def ask_open_path(self, title: str, directory: str, filters: str) -> str:
        return QtWidgets.QFileDialog.getOpenFileName(self.window, title, directory, filters)[0]

    def ask_save_path(self, title: str, path: str, filters: str) -> str:
        return QtWidgets.QFileDialog.getSaveFileName(self.window, title, path, filters)[0]

    def show_error(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(self.window, "convviz", message)

    def show_status(self, message: str, msecs: int) -> None:
        self.window.statusBar().showMessage(message, msecs)

    def show_warning(self, message: str) -> None:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "convviz", message, parent=self.window)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("last_session_problem")
        box.open()  # window-modal at most: an offscreen --screenshot has no one to press OK

    def show_recent(self, paths: list[str], open_path) -> None:
        menu = self.window.recent_menu
        menu.clear()
        for path in paths:
            act = menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.triggered.connect(lambda _=False, p=path: open_path(p))
        menu.setEnabled(bool(paths))

    def clipboard_contents(self) -> bytes | str | None:
        clip = QtWidgets.QApplication.clipboard()
        mime = clip.mimeData()
        if mime is not None and mime.hasImage():
            buffer = QtCore.QBuffer()
            buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
            clip.image().save(buffer, "PNG")
            return bytes(buffer.data())
        if mime is not None and mime.hasText():
            return mime.text()
        return None

    def after_start(self, callback) -> None:
        QtCore.QTimer.singleShot(0, self.window, callback)
