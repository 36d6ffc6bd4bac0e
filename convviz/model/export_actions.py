"""File → Export and the maps' context menus: the rules, without Qt.

:class:`ExportActions` decides what is exported from the current result, which files an export
replaces (asked first), what the memory budget refuses before an animation is rendered, and
which message is shown.  Like :mod:`convviz.model.file_actions` it talks to what it is given:

- an :class:`ExportView` (the window: dialogs, clipboard, status bar, the step view's frame, a
  worker thread with a cancellable progress dialog; or a fake in tests);
- an :class:`ExportPort` that draws and writes files: the model layer may not import convviz.io,
  render or export (import-linter contracts), so the window passes
  :class:`convviz.export.ports.DiskExports`;
- ``settings`` with QSettings' ``value`` (the last folder the dialogs start in).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Protocol

from convviz.core.messages import message, reason

from .limits import BudgetError, check_budget, memory_budget
from .pipeline import step_trace


class ExportView(Protocol):
    def ask_save_path(self, title: str, path: str, filters: str) -> str:
        """A chosen file, or "" when the dialog was cancelled."""
    def ask_directory(self, title: str, directory: str) -> str: ...
    def ask_animation_options(self, *, steps: int, fps: float, path: str, flip_available: bool):
        """Path, fps, frames, size and flip of an animation (None: cancelled)."""
    def confirm(self, question: str) -> bool: ...
    def show_error(self, message: str) -> None: ...
    def show_status(self, message: str, msecs: int) -> None: ...
    def copy_image(self, png: bytes) -> None: ...
    def values_shown(self) -> bool:
        """Whether the maps show their values (the contact sheet follows)."""
    def step_filter(self) -> int: ...
    def step_speed(self) -> float: ...
    def step_frame(self):
        """The step view's current frame (a StepScene's frame), None if it has nothing to show."""
    def run_job(self, steps: Iterator[int], count: int, *, label: str, done: str,
                failed: Callable[[BaseException], None]):
        """Run ``steps`` (yielding the steps done) off the GUI thread with progress and cancel; show
        ``done`` when it ends, call ``failed`` on an error.  Returns a handle (the window's worker)."""


class ExportPort(Protocol):
    def map_png(self, arr, maps) -> bytes:
        """One map as a PNG, on the colour scale of all ``maps``."""
    def export_set(self, document, result) -> dict[str, bytes]:
        """The export's files by name: maps as PNG and .npy, and the contact sheet."""
    def earlier_export(self, directory: str) -> list[str]:
        """The names of an earlier export's files in ``directory`` (all of them are replaced)."""
    def write_set(self, directory: str, files: dict[str, bytes]) -> list: ...
    def sheet_png(self, document, result, *, values: bool) -> bytes: ...
    def svg_bytes(self, frame) -> bytes: ...
    def step_scene(self, trace, size: tuple[int, int], settings, tr): ...
    def held_bytes(self, scene, path: str, *, count: int, size: tuple[int, int], flip: bool) -> int:
        """What writing the animation holds in memory (a GIF keeps every frame until it is written)."""
    def animation_steps(self, scene, path: str, *, count: int, fps: float, flip: bool) -> Iterator[int]:
        """Write the animation, yielding the steps done; closed early it leaves no file.  A path it
        cannot write is refused (ValueError or OSError) by this call, before any frame is drawn."""
    def check_output(self, path: str, *, folder: bool = False) -> None:
        """Raise OSError (a TextError too, when it names the problem) when ``path`` cannot be written
        as a file (with ``folder``: as a folder of files); a missing folder is made when writing."""
    def write_bytes(self, path: str, data: bytes) -> None: ...


class ExportActions:
    """The exports of one explorer window, from ``result()`` (the latest PipelineResult or None)."""

    def __init__(self, document, result: Callable[[], object], view: ExportView, exports: ExportPort, settings,
                 tr=lambda s: s):
        self.document = document
        self.result = result
        self.view = view
        self.exports = exports
        self.settings = settings
        self.tr = tr

    def _in_last_dir(self, name: str) -> str:
        return os.path.join(self.settings.value("last_dir", "") or "", name)

    def _map(self, kind: str, index: int):
        """(map, all maps of its kind), or None when there is no such map."""
        result = self.result()
        if result is None:
            return None
        maps = result.activated if kind == "feature" else result.pooled
        return (maps[index], maps) if index < len(maps) else None

    def _cannot_write(self, path: str, exc: OSError, *, folder: bool = False) -> str:
        """One line for a failed write: what the path's problem is, in the window's language."""
        error = reason(exc, self.tr)
        if folder:
            return self.tr("Could not write to {path}: {error}").format(path=path, error=error)
        return self.tr("Could not write {path}: {error}").format(path=path, error=error)

    def _writable(self, path: str, *, folder: bool = False) -> bool:
        """Whether ``path`` can be written; if not, one message, before anything is drawn."""
        try:
            self.exports.check_output(path, folder=folder)
        except OSError as exc:
            self.view.show_error(self._cannot_write(path, exc, folder=folder))
            return False
        return True

    def _write(self, path: str, data: bytes) -> bool:
        try:
            self.exports.write_bytes(path, data)  # the file dialog already asked before overwriting
        except OSError as exc:
            self.view.show_error(self._cannot_write(path, exc))
            return False
        self.view.show_status(f"Wrote {path}", 4000)
        return True

    def _nothing_to_export(self) -> bool:
        if self.result() is None:
            self.view.show_error("Nothing to export: the current settings do not compute.")
            return True
        return False

    # -------------------------------------------------------------- one map
    def save_map_png(self, kind: str, index: int) -> None:
        found = self._map(kind, index)
        if found is None:
            return
        default = f"{'feature_map' if kind == 'feature' else 'pooled'}_{index + 1}.png"
        path = self.view.ask_save_path("Save map as PNG", self._in_last_dir(default), "PNG (*.png)")
        if path and self._writable(path):
            self._write(path, self.exports.map_png(*found))

    def copy_map_image(self, kind: str, index: int) -> None:
        found = self._map(kind, index)
        if found is None:
            return
        self.view.copy_image(self.exports.map_png(*found))
        self.view.show_status("Copied the map to the clipboard", 3000)

    # ----------------------------------------------------- maps and sheet
    def export_maps_dialog(self) -> None:
        directory = self.view.ask_directory("Export feature maps to", self.settings.value("last_dir", "") or "")
        if directory:
            self.export_maps(directory)

    def export_maps(self, directory: str, *, confirm: Callable[[], bool] | None = None) -> list:
        """PNGs and .npy of every map into ``directory``; asks before replacing an earlier export
        there (all of its files: a smaller set removes the old set's extra maps).  Refused, nothing
        is written.  A folder that does not exist yet is made, as the animation's is."""
        if self._nothing_to_export() or not self._writable(directory, folder=True):
            return []
        files = self.exports.export_set(self.document, self.result())
        replaced = self.exports.earlier_export(directory)
        if replaced:
            question = self.tr("{n} file(s) of an earlier export in {path} will be replaced. Continue?").format(
                n=len(replaced), path=directory)
            if not (confirm() if confirm else self.view.confirm(question)):
                return []
        try:
            written = self.exports.write_set(directory, files)
        except OSError as exc:
            self.view.show_error(self._cannot_write(directory, exc, folder=True))
            return []
        self.view.show_status(f"Wrote {len(written)} files to {directory}", 4000)
        return written

    def export_sheet_dialog(self) -> None:
        path = self.view.ask_save_path("Export contact sheet", self._in_last_dir("contact_sheet.png"), "PNG (*.png)")
        if path:
            self.export_sheet(path)

    def export_sheet(self, path: str) -> bool:
        if self._nothing_to_export() or not self._writable(path):
            return False
        png = self.exports.sheet_png(self.document, self.result(), values=self.view.values_shown())
        return self._write(path, png)

    # ---------------------------------------------------------- step view
    def export_svg_dialog(self) -> None:
        path = self.view.ask_save_path("Export step view as SVG", self._in_last_dir("step.svg"), "SVG (*.svg)")
        if path:
            self.export_svg(path)

    def export_svg(self, path: str) -> bool:
        frame = self.view.step_frame()
        if frame is None:
            self.view.show_error("The step view has nothing to show for these settings.")
            return False
        return self._writable(path) and self._write(path, self.exports.svg_bytes(frame))

    def _trace(self):
        d = self.document
        return step_trace(d.input, d.kernels, d.biases, d.settings, "conv", self.view.step_filter())

    def export_animation_dialog(self) -> None:
        try:
            trace = self._trace()
        except ValueError as exc:
            self.view.show_error(str(exc))
            return
        options = self.view.ask_animation_options(steps=len(trace), fps=self.view.step_speed(),
                                                  path=self._in_last_dir("steps.gif"),
                                                  flip_available=self.document.settings.op == "convolve")
        if options:
            self.export_animation(options.path, fps=options.fps, max_frames=options.frames, size=options.size,
                                  flip=options.flip)

    def export_animation(self, path: str, *, fps: float = 2.0, max_frames: int = 600, size=(1280, 720),
                         flip: bool = True):
        """Render the step animation as a job of the view's; refused (one message, no file) when
        the path cannot be written or its frames would not fit the memory budget.  The view's job
        handle, or None."""

        def failed(exc: BaseException) -> None:
            said = message(exc, self.tr) if isinstance(exc, (ValueError, OSError)) else repr(exc)
            self.view.show_error(self.tr("Animation export failed: {message}").format(message=said))

        try:
            scene = self.exports.step_scene(self._trace(), size, self.document.settings, self.tr)
        except ValueError as exc:
            self.view.show_error(str(exc))
            return None
        count = min(len(scene.trace), max_frames)
        try:  # the path is checked here, before the job: a bad one is not found after every frame is drawn
            steps = self.exports.animation_steps(scene, path, count=count, fps=fps, flip=flip)
        except (ValueError, OSError) as exc:
            failed(exc)
            return None
        try:
            check_budget(self.exports.held_bytes(scene, path, count=count, size=size, flip=flip),
                         self.tr("{n} frames at {width}x{height}").format(n=count, width=size[0], height=size[1]),
                         memory_budget(strict=False))
        except BudgetError as exc:
            self.view.show_error(message(exc, self.tr))
            return None
        return self.view.run_job(steps, count, label=self.tr("Rendering {n} frames…").format(n=count),
                                 done=self.tr("Wrote {path}").format(path=path), failed=failed)
