"""The window's side of File → Export and the maps' context menus: file dialogs, the clipboard,
the status bar, the step view's frame and the animation's worker thread with a progress dialog
that cancels it.  The rules are :class:`convviz.model.export_actions.ExportActions`'s;
:func:`export_actions` composes it for a window.
"""

from __future__ import annotations

import os

from PySide6 import QtCore, QtGui, QtWidgets

from convviz.export.ports import DiskExports
from convviz.model.export_actions import ExportActions

from .i18n import tr


def export_actions(window) -> ExportActions:
    """The exports of ``window`` (its document, compute result, step view and settings)."""
    return ExportActions(window.document, lambda: window.compute.result, QtExportView(window), DiskExports(),
                         window.settings, tr)


class QtExportView:
    """:class:`convviz.model.export_actions.ExportView` with the window's dialogs and threads."""

    def __init__(self, window: QtWidgets.QMainWindow):
        self.window = window
        self.worker = None  # the animation being written, kept alive while it runs

    def ask_save_path(self, title: str, path: str, filters: str) -> str:
        return QtWidgets.QFileDialog.getSaveFileName(self.window, title, path, filters)[0]

    def ask_directory(self, title: str, directory: str) -> str:
        dialog = FolderDialog(self.window, title, directory)
        try:
            accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
            return dialog.selectedFiles()[0] if accepted and dialog.selectedFiles() else ""
        finally:
            dialog.deleteLater()

    def ask_animation_options(self, *, steps: int, fps: float, path: str, flip_available: bool):
        from . import qt_dialogs

        return qt_dialogs.ask_animation_options(self.window, steps=steps, fps=fps, path=path,
                                                flip_available=flip_available)

    def confirm(self, question: str) -> bool:
        answer = QtWidgets.QMessageBox.question(self.window, "convviz", question)
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def show_error(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(self.window, "convviz", message)

    def show_status(self, message: str, msecs: int) -> None:
        self.window.statusBar().showMessage(message, msecs)

    def copy_image(self, png: bytes) -> None:
        QtWidgets.QApplication.clipboard().setImage(QtGui.QImage.fromData(png, "PNG"))

    def values_shown(self) -> bool:
        return self.window.values_action.isChecked()

    def step_filter(self) -> int:
        return self.window.step_view.filter

    def step_speed(self) -> float:
        return self.window.step_view.player.speed

    def step_frame(self):
        step_view = self.window.step_view
        step_view.ensure_built()
        frames = step_view.current_frames()
        if not frames:
            return None
        scene, index, reveal = frames[0]
        return scene.frame(index, reveal=reveal)

    def run_job(self, steps, count: int, *, label: str, done: str, failed):
        from superqt.utils import create_worker

        def job():
            yield from steps

        dialog = QtWidgets.QProgressDialog(label, tr("Cancel"), 0, count, self.window)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        # errored is connected here: without a slot given to create_worker, superqt adds one that
        # re-raises the error in the GUI thread, and Python prints its traceback in the terminal.
        worker = create_worker(job, _start_thread=False, _connect={"errored": failed})
        worker.yielded.connect(dialog.setValue)
        dialog.canceled.connect(worker.quit)
        worker.finished.connect(dialog.close)
        # A cancelled worker leaves the writer suspended: closing it removes its partial file now.
        worker.finished.connect(steps.close)
        worker.returned.connect(lambda _r: self.show_status(done, 4000))
        self.worker = worker
        worker.start()
        return worker


class FolderDialog(QtWidgets.QFileDialog):
    """Choose a folder, or type one that does not exist yet: the export creates it, as the animation's
    export creates its file's missing folders (Qt's own dialog refused it: "Directory not found").
    A platform's native dialog is left as it is."""

    def __init__(self, parent, title: str, directory: str):
        super().__init__(parent, title, directory)
        self.setFileMode(QtWidgets.QFileDialog.FileMode.Directory)
        self.setOption(QtWidgets.QFileDialog.Option.ShowDirsOnly, True)
        edit = self.findChild(QtWidgets.QLineEdit, "fileNameEdit")
        if edit is not None:
            # Connected after Qt's own slot, which disables Choose for a folder that does not exist.
            edit.textChanged.connect(self._enable_new_folder)

    def _new_folder(self) -> bool:
        chosen = self.selectedFiles()
        return bool(chosen) and not os.path.lexists(chosen[0])

    def _enable_new_folder(self, *_args) -> None:
        buttons = self.findChild(QtWidgets.QDialogButtonBox)
        button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Open) if buttons else None
        if button is not None and self._new_folder():
            button.setEnabled(True)

    def accept(self) -> None:
        if self._new_folder():
            QtWidgets.QDialog.accept(self)  # QFileDialog.accept() would say "Directory not found"
        else:
            super().accept()
