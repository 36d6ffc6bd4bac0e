"""File → Open, Paste, Samples, Sessions and Open recent: what the explorer reads, and the recent list.

A controller over the window: it asks with the window's dialogs and reports with its message
box and status bar; the reading itself is convviz.io's (one clear message on bad input, no
change to the document).
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import numpy as np
from PySide6 import QtCore, QtWidgets

from convviz.io.inputs import IMAGE_SUFFIXES, MATRIX_SUFFIXES, InputError, InputNotice, image_from_bytes, load_input
from convviz.io.samples import load_sample
from convviz.io.sessions import load_session, parse_session_text, save_session
from convviz.model.document import MAX_SIDE
from convviz.model.session import SessionError

from .i18n import tr
from .settings import last_session_path, settings_problems

MAX_RECENT = 8


class WindowActions:
    """What the window's action controllers share: the window, its document and settings."""

    def __init__(self, window):
        self.window = window
        self.document = window.document
        self.settings = window.settings

    def _error(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(self.window, "convviz", message)


class FileActions(WindowActions):
    def __init__(self, window):
        super().__init__(window)
        #: Why the last session could not be restored at start-up (None when it was, or there was none).
        self.last_session_problem: str | None = None
        #: What was wrong with the settings this run started with (ignored values, a bad budget).
        self.start_problems: list[str] = settings_problems() + _budget_problem()
        if self.start_problems:
            # Once the window is up, in the status bar: the values were ignored, nothing waits on the user.
            QtCore.QTimer.singleShot(0, self.window, self._show_start_problems)

    def _show_start_problems(self) -> None:
        self.window.statusBar().showMessage(" ".join(self.start_problems), 20000)

    def open_input_dialog(self) -> None:
        patterns = " ".join(f"*{s}" for s in IMAGE_SUFFIXES + MATRIX_SUFFIXES)
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.window, "Open input", self.settings.value("last_dir", ""), f"Inputs ({patterns});;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open an input file or a session (by suffix); one message on failure, no state change."""
        if path.lower().endswith(".json"):
            return self.open_session(path)
        try:
            with warnings.catch_warnings(record=True) as notices:
                warnings.simplefilter("always", InputNotice)
                arr = load_input(path, rgb=self.document.channels == 3, max_side=MAX_SIDE)  # refused unread
            self._set_input_array(arr, path)
        except (InputError, ValueError) as exc:
            self._error(str(exc))
            return False
        self._remember(path)
        said = [str(n.message) for n in notices if issubclass(n.category, InputNotice)]
        if said:  # an animation's first frame: worth knowing, not worth a dialog
            self.window.statusBar().showMessage(said[0], 8000)
        return True

    def _set_input_array(self, arr: np.ndarray, name: str) -> None:
        """Open ``arr`` as the input, switching between 1D and 2D as its shape asks; on failure the
        document is left as it was, its mode included."""
        arr = np.asarray(arr, dtype=np.float64)
        if arr.ndim >= 2 and max(arr.shape[:2]) > MAX_SIDE:
            raise ValueError(f"{name}: {arr.shape[1]}x{arr.shape[0]} is larger than the "
                             f"{MAX_SIDE}x{MAX_SIDE} working size")
        if self.document.mode == "1d" and arr.ndim == 2 and arr.shape[0] == 1:
            arr = arr[0]
        mode = "1d" if arr.ndim == 1 else "2d"
        previous = self.document.mode
        if mode != previous:
            self.document.set_mode(mode)
        try:
            self.document.set_input(arr)
        except ValueError:
            if mode != previous:
                self.document.set_mode(previous)  # the other mode's input and kernels, as they were
            raise
        finally:
            self.window.one_d_action.setChecked(self.document.mode == "1d")

    def paste_image(self) -> None:
        clip = QtWidgets.QApplication.clipboard()
        mime = clip.mimeData()
        try:
            if mime is not None and mime.hasImage():
                image = clip.image()
                buffer = QtCore.QBuffer()
                buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
                image.save(buffer, "PNG")
                arr = image_from_bytes(bytes(buffer.data()), rgb=self.document.channels == 3, name="clipboard image")
                self._set_input_array(arr, "clipboard image")
            elif mime is not None and mime.hasText():
                from convviz.core.kernels import parse_kernel

                self._set_input_array(parse_kernel(mime.text()), "clipboard text")
            else:
                self._error("The clipboard holds no image or matrix.")
        except (InputError, ValueError) as exc:
            self._error(f"Paste: {exc}")

    def load_sample(self, key: str) -> None:
        try:
            self._set_input_array(load_sample(key), key)
        except (InputError, ValueError, FileNotFoundError) as exc:
            self._error(str(exc))

    def open_session_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.window, "Open session", self.settings.value("last_dir", ""), "convviz sessions (*.json)")
        if path:
            self.open_session(path)

    def open_session(self, path: str) -> bool:
        try:
            state = load_session(path)
            self.document.restore(state)  # validated whole: only this document's budget is checked again
        except ValueError as exc:  # SessionError, BudgetError
            self._error(str(exc))
            return False
        self.window.one_d_action.setChecked(self.document.mode == "1d")
        self._remember(path)
        return True

    def save_session_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Save session", self.settings.value("last_dir", ""), "convviz sessions (*.json)")
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_session(path)

    def save_session(self, path: str) -> bool:
        try:
            save_session(path, self.document)
        except OSError as exc:
            self._error(tr("Could not save {path}: {error}").format(path=path, error=exc.strerror or exc))
            return False
        self._remember(path)
        self.window.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def _remember(self, path: str) -> None:
        path = os.path.abspath(path)
        self.settings.setValue("last_dir", os.path.dirname(path))
        recent = [p for p in self.recent() if p != path]
        self.settings.setValue("recent", json.dumps([path] + recent[: MAX_RECENT - 1]))
        self.refresh_recent()

    def recent(self) -> list[str]:
        try:
            value = json.loads(self.settings.value("recent", "[]"))
        except (TypeError, ValueError, RecursionError):
            return []
        return [p for p in value if isinstance(p, str)] if isinstance(value, list) else []

    def refresh_recent(self) -> None:
        self.window.recent_menu.clear()
        recent = self.recent()
        for path in recent:
            act = self.window.recent_menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.triggered.connect(lambda _=False, p=path: self.open_path(p))
        self.window.recent_menu.setEnabled(bool(recent))

    # ------------------------------------------------------- the last session
    def restore_last_session(self) -> None:
        """Open where the last run left off.  A file that cannot be opened is moved aside (to
        ``last_session.json.bad``, so the work in it is not overwritten on close) with a message
        in the status bar, and the window starts from the lecture example."""
        legacy = self.settings.value("last_session")  # convviz 0.1 kept it inside QSettings
        if legacy is not None:
            self.settings.remove("last_session")
        path = last_session_path()
        try:
            if path.exists():
                state = load_session(path)
            elif isinstance(legacy, str) and legacy:
                state = parse_session_text(legacy, "last session")
            else:
                return
        except SessionError as exc:
            self._set_aside(path, str(exc))
            return
        try:
            self.document.restore(state)
        except (ValueError, TypeError) as exc:
            self._set_aside(path, str(exc))

    def _set_aside(self, path: Path, problem: str) -> None:
        aside = path.with_name(path.name + ".bad")
        try:
            if path.exists():
                os.replace(path, aside)
            message = tr("The last session could not be opened ({problem}); it was moved to {path}.")
        except OSError:
            message = tr("The last session could not be opened ({problem}).")
        self.last_session_problem = message.format(problem=problem, path=aside)
        # Shown once the window is up, and not modal: a start-up must never wait on a dialog
        # (an offscreen --screenshot has no one to press OK).
        QtCore.QTimer.singleShot(0, self.window, self._show_last_session_problem)

    def _show_last_session_problem(self) -> None:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "convviz", self.last_session_problem or "",
                                    parent=self.window)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("last_session_problem")
        box.open()

    def remember_session(self) -> None:
        try:
            save_session(last_session_path(), self.document)  # atomic: a crash cannot leave half a file
        except OSError:
            pass  # not being able to remember the session must not stop the window closing


def _budget_problem() -> list[str]:
    """A CONVVIZ_MEMORY_BUDGET that is not a size: the window uses the default, and says so."""
    from convviz.model.limits import DEFAULT_BUDGET, BudgetError, human, memory_budget

    try:
        memory_budget()
    except BudgetError as exc:
        return [tr("{problem}; using {default}.").format(problem=exc, default=human(DEFAULT_BUDGET))]
    return []
