"""File → Open, Paste, Samples, Sessions, Open recent and the last session: the rules, without Qt.

:class:`FileActions` decides what is read, what changes in the document (nothing when a read
fails, the 1D/2D mode included), what is remembered (the last folder, the recent list) and
which message is shown.  It talks to three things it is given:

- a :class:`FileView` that asks and shows (the window's dialogs and status bar, or a fake in tests);
- a :class:`FilePort` that reads and writes files: the model layer may not import convviz.io
  (an import-linter contract), so the window passes :class:`convviz.io.ports.DiskFiles`;
- ``settings``, anything with QSettings' ``value`` / ``setValue`` / ``remove`` (a dict-backed
  fake in tests), where the last folder and the recent list live.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from convviz.core.messages import message

from .document import MAX_SIDE
from .limits import DEFAULT_BUDGET, BudgetError, human, memory_budget

#: Entries in File → Open recent.
MAX_RECENT = 8


class FileView(Protocol):
    def ask_open_path(self, title: str, directory: str, filters: str) -> str:
        """A chosen file, or "" when the dialog was cancelled."""
    def ask_save_path(self, title: str, path: str, filters: str) -> str: ...
    def show_error(self, message: str) -> None:
        """One modal message: the action failed and nothing changed."""
    def show_status(self, message: str, msecs: int) -> None: ...
    def show_warning(self, message: str) -> None:
        """A message that waits on no one (a start-up must never block on a dialog)."""
    def show_recent(self, paths: list[str], open_path: Callable[[str], bool]) -> None: ...
    def clipboard_contents(self) -> bytes | str | None:
        """The clipboard's image as PNG bytes, else its text, else None."""
    def after_start(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the window is up (its first result clears the status bar)."""


class FilePort(Protocol):
    input_patterns: str  # "*.png *.npy …", for the open dialog
    def read_input(self, path: str, *, rgb: bool, max_side: int) -> tuple[np.ndarray, list[str]]:
        """The array and what is worth telling about it (an animation's first frame); ValueError if unusable."""
    def read_image_bytes(self, data: bytes, *, rgb: bool, name: str) -> np.ndarray: ...
    def read_sample(self, key: str) -> np.ndarray: ...
    def read_session(self, path) -> dict:
        """A validated document state; SessionError (a ValueError) if the file is not a usable session."""
    def read_session_text(self, text: str, name: str) -> dict: ...
    def write_session(self, path, document) -> None: ...
    def set_aside(self, path: Path) -> Path | None:
        """Move ``path`` to ``path.bad``; its new path, or None when there was nothing to move; OSError."""


class SettingsStore(Protocol):
    """The part of QSettings the actions use: the window passes its QSettings as it is."""
    def value(self, key: str, default=None): ...
    def setValue(self, key: str, value) -> None: ...  # noqa: N802 (QSettings' name)
    def remove(self, key: str) -> None: ...


class FileActions:
    """Open, paste, samples, sessions and the recent list of one explorer window."""

    def __init__(self, document, view: FileView, files: FilePort, settings: SettingsStore, *,
                 last_session: Path, start_problems: Sequence[str] = (), tr=lambda s: s):
        self.document = document
        self.view = view
        self.files = files
        self.settings = settings
        self.tr = tr
        #: Where the session is kept between runs (a file of its own: a 512x512 input is 5 MB of JSON).
        self.last_session = Path(last_session)
        #: Why the last session could not be restored at start-up (None when it was, or there was none).
        self.last_session_problem: str | None = None
        #: What was wrong with the settings this run started with (ignored values, a bad budget).
        self.start_problems: list[str] = list(start_problems) + self._budget_problem()
        if self.start_problems:
            # In the status bar: the values were ignored, nothing waits on the user.
            self.view.after_start(lambda: self.view.show_status(" ".join(self.start_problems), 20000))

    @property
    def last_dir(self) -> str:
        return self.settings.value("last_dir", "") or ""

    # ------------------------------------------------------------ inputs
    def open_input_dialog(self) -> None:
        filters = f"Inputs ({self.files.input_patterns});;All files (*)"
        path = self.view.ask_open_path("Open input", self.last_dir, filters)
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open an input file or a session (by suffix); one message on failure, no state change."""
        if path.lower().endswith(".json"):
            return self.open_session(path)
        try:
            arr, notices = self.files.read_input(path, rgb=self.document.channels == 3, max_side=MAX_SIDE)
            self._set_input_array(arr, path)
        except ValueError as exc:  # InputError, BudgetError, a shape the document refuses
            self.view.show_error(message(exc, self.tr))
            return False
        self._remember(path)
        if notices:  # an animation's first frame: worth knowing, not worth a dialog
            self.view.show_status(notices[0], 8000)
        return True

    def _set_input_array(self, arr, name: str) -> None:
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

    def paste_image(self) -> None:
        from convviz.core.kernels import parse_kernel
        content = self.view.clipboard_contents()
        try:
            if isinstance(content, bytes):
                name = "clipboard image"
                arr = self.files.read_image_bytes(content, rgb=self.document.channels == 3, name=name)
            elif isinstance(content, str):
                name, arr = "clipboard text", parse_kernel(content)
            else:
                self.view.show_error(self.tr("The clipboard holds no image or matrix."))
                return
            self._set_input_array(arr, name)
        except ValueError as exc:
            # Matrix text the parser cannot read: the whole sentence in the window's language.
            self.view.show_error(self.tr("Paste: {error}").format(error=message(exc, self.tr)))

    def load_sample(self, key: str) -> None:
        try:
            self._set_input_array(self.files.read_sample(key), key)
        except (ValueError, FileNotFoundError) as exc:
            self.view.show_error(message(exc, self.tr))

    # ---------------------------------------------------------- sessions
    def open_session_dialog(self) -> None:
        path = self.view.ask_open_path("Open session", self.last_dir, "convviz sessions (*.json)")
        if path:
            self.open_session(path)

    def open_session(self, path: str) -> bool:
        try:
            state = self.files.read_session(path)
            self.document.restore(state)  # validated whole: only this document's budget is checked again
        except ValueError as exc:  # SessionError, BudgetError
            self.view.show_error(message(exc, self.tr))
            return False
        self._remember(path)
        return True

    def save_session_dialog(self) -> None:
        path = self.view.ask_save_path("Save session", self.last_dir, "convviz sessions (*.json)")
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_session(path)

    def save_session(self, path: str) -> bool:
        try:
            self.files.write_session(path, self.document)
        except OSError as exc:
            self.view.show_error(self.tr("Could not save {path}: {error}").format(path=path,
                                                                                 error=exc.strerror or exc))
            return False
        self._remember(path)
        self.view.show_status(f"Saved {path}", 4000)
        return True

    # -------------------------------------------------------- recent list
    def recent(self) -> list[str]:
        """File → Open recent, newest first (what the settings hold, if it is a list of paths)."""
        try:
            value = json.loads(self.settings.value("recent", "[]"))
        except (TypeError, ValueError, RecursionError):
            return []
        return [p for p in value if isinstance(p, str)] if isinstance(value, list) else []

    def refresh_recent(self) -> None:
        self.view.show_recent(self.recent(), self.open_recent)

    def open_recent(self, path: str) -> bool:
        """Open a recent file; one that no longer exists leaves the list (after its message)."""
        if self.open_path(path):
            return True
        if not os.path.exists(path):
            self._set_recent([p for p in self.recent() if p != path])
        return False

    def _remember(self, path: str) -> None:
        path = os.path.abspath(path)
        self.settings.setValue("last_dir", os.path.dirname(path))
        self._set_recent([path] + [p for p in self.recent() if p != path])

    def _set_recent(self, paths: list[str]) -> None:
        self.settings.setValue("recent", json.dumps(paths[:MAX_RECENT]))
        self.refresh_recent()

    # ------------------------------------------------------- the last session
    def restore_last_session(self) -> None:
        """Open where the last run left off.  A file that cannot be opened is moved aside (to
        ``last_session.json.bad``, so the work in it is not overwritten on close) with a message
        once the window is up, and the window starts from the lecture example."""
        legacy = self.settings.value("last_session")  # convviz 0.1 kept it inside QSettings
        if legacy is not None:
            self.settings.remove("last_session")
        path = self.last_session
        try:
            if path.exists():
                state = self.files.read_session(path)
            elif isinstance(legacy, str) and legacy:
                state = self.files.read_session_text(legacy, "last session")
            else:
                return
            self.document.restore(state)
        except (ValueError, TypeError) as exc:  # SessionError, BudgetError
            self._set_aside(path, str(exc))

    def _set_aside(self, path: Path, problem: str) -> None:
        try:
            aside = self.files.set_aside(path)
        except OSError:
            aside = None
        if aside is None:
            message = self.tr("The last session could not be opened ({problem}).")
        else:
            message = self.tr("The last session could not be opened ({problem}); it was moved to {path}.")
        self.last_session_problem = message.format(problem=problem, path=aside)
        self.view.after_start(lambda: self.view.show_warning(self.last_session_problem or ""))

    def remember_session(self) -> None:
        try:
            self.files.write_session(self.last_session, self.document)  # atomic: never half a file
        except OSError:
            pass  # not being able to remember the session must not stop the window closing

    def _budget_problem(self) -> list[str]:
        """A CONVVIZ_MEMORY_BUDGET that is not a size: the window uses the default, and says so."""
        try:
            memory_budget()
        except BudgetError as exc:
            return [self.tr("{problem}; using {default}.").format(problem=exc, default=human(DEFAULT_BUDGET))]
        return []


__all__ = ["MAX_RECENT", "FileActions", "FilePort", "FileView", "SettingsStore"]
