"""File → Export and the maps' context menus: PNGs, contact sheets, SVG step views, animations.

A controller over the window: the pictures come from convviz.render and convviz.export; the
animation renders off the GUI thread with a progress dialog that cancels it (a cancelled
export leaves no file behind).
"""

from __future__ import annotations

import os

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from .file_actions import WindowActions
from .i18n import tr


class ExportActions(WindowActions):
    def _map_array(self, kind: str, index: int):
        result = self.window.compute.result
        if result is None:
            return None
        maps = result.activated if kind == "feature" else result.pooled
        return maps[index] if index < len(maps) else None, maps

    def _map_png(self, kind: str, index: int):
        from convviz.render import colormaps
        from convviz.render.pillow import map_image

        arr, maps = self._map_array(kind, index)
        lo, hi, _ = colormaps.levels_for(maps)
        return map_image(arr, levels=(lo, hi), values=max(np.atleast_2d(arr).shape) <= 16)

    def save_map_png(self, kind: str, index: int) -> None:
        if self._map_array(kind, index) is None:
            return
        default = f"{'feature_map' if kind == 'feature' else 'pooled'}_{index + 1}.png"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Save map as PNG", os.path.join(self.settings.value("last_dir", ""), default), "PNG (*.png)")
        if path:
            self._write_bytes(path, self._png_bytes(self._map_png(kind, index)))

    def copy_map_image(self, kind: str, index: int) -> None:
        if self._map_array(kind, index) is None:
            return
        image = QtGui.QImage.fromData(self._png_bytes(self._map_png(kind, index)), "PNG")
        QtWidgets.QApplication.clipboard().setImage(image)
        self.window.statusBar().showMessage("Copied the map to the clipboard", 3000)

    @staticmethod
    def _png_bytes(img) -> bytes:
        from convviz.export.files import png_bytes

        return png_bytes(img)

    def _write_bytes(self, path: str, data: bytes) -> bool:
        from convviz.io.atomic import write_bytes

        try:
            write_bytes(path, data)  # the file dialog already asked before overwriting
        except OSError as exc:
            self._error(tr("Could not write {path}: {error}").format(path=path, error=exc.strerror or exc))
            return False
        self.window.statusBar().showMessage(f"Wrote {path}", 4000)
        return True

    def export_maps_dialog(self) -> None:
        directory = QtWidgets.QFileDialog.getExistingDirectory(self.window, "Export feature maps to",
                                                               self.settings.value("last_dir", ""))
        if directory:
            self.export_maps(directory)

    def export_maps(self, directory: str, *, confirm=None) -> list:
        """PNGs and .npy of every map into ``directory``; asks before replacing an earlier export
        there (all of its files: a smaller set removes the old set's extra maps)."""
        from convviz.export.files import EXPORT_SET, export_files, write_files

        result, d = self.window.compute.result, self.document
        if result is None:
            self._error("Nothing to export: the current settings do not compute.")
            return []
        files = export_files(d.input, d.kernels, d.settings, result)
        existing = [n for n in (os.listdir(directory) if os.path.isdir(directory) else [])
                    if EXPORT_SET.fullmatch(n) and os.path.isfile(os.path.join(directory, n))]
        if existing:
            ask = confirm or (lambda: QtWidgets.QMessageBox.question(
                self.window, "convviz", tr("{n} file(s) of an earlier export in {path} will be replaced. "
                                           "Continue?").format(n=len(existing), path=directory))
                == QtWidgets.QMessageBox.StandardButton.Yes)
            if not ask():
                return []
        try:
            written = write_files(directory, files, force=True)
        except OSError as exc:
            self._error(tr("Could not write to {path}: {error}").format(path=directory, error=exc.strerror or exc))
            return []
        self.window.statusBar().showMessage(f"Wrote {len(written)} files to {directory}", 4000)
        return written

    def export_sheet_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Export contact sheet", os.path.join(self.settings.value("last_dir", ""), "contact_sheet.png"),
            "PNG (*.png)")
        if path:
            self.export_sheet(path)

    def export_sheet(self, path: str) -> bool:
        from convviz.export.files import sheet_image

        result, d = self.window.compute.result, self.document
        if result is None:
            self._error("Nothing to export: the current settings do not compute.")
            return False
        return self._write_bytes(path, self._png_bytes(sheet_image(d.input, d.kernels, d.settings, result,
                                                                   values=self.window.values_action.isChecked())))

    def export_svg_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Export step view as SVG", os.path.join(self.settings.value("last_dir", ""), "step.svg"),
            "SVG (*.svg)")
        if path:
            self.export_svg(path)

    def export_svg(self, path: str) -> bool:
        from convviz.render.svg import render_svg

        self.window.step_view.ensure_built()
        frames = self.window.step_view.current_frames()
        if not frames:
            self._error("The step view has nothing to show for these settings.")
            return False
        scene, index, reveal = frames[0]
        return self._write_bytes(path, render_svg(scene.frame(index, reveal=reveal)).encode("utf-8"))

    def export_animation_dialog(self) -> None:
        from convviz.model.pipeline import step_trace

        from .qt_dialogs import ask_animation_options

        d = self.document
        try:
            trace = step_trace(d.input, d.kernels, d.biases, d.settings, "conv", self.window.step_view.filter)
        except ValueError as exc:
            self._error(str(exc))
            return
        options = ask_animation_options(self.window, steps=len(trace), fps=self.window.step_view.player.speed,
                                        path=os.path.join(self.settings.value("last_dir", ""), "steps.gif"),
                                        flip_available=d.settings.op == "convolve")
        if options:
            self.export_animation(options.path, fps=options.fps, max_frames=options.frames, size=options.size,
                                  flip=options.flip)

    def export_animation(self, path: str, *, fps: float = 2.0, max_frames: int = 600, size=(1280, 720),
                         flip: bool = True):
        """Render the step animation off the GUI thread with a cancellable progress dialog."""
        from superqt.utils import create_worker

        from convviz.export.animation import iter_write_animation
        from convviz.model.pipeline import step_trace
        from convviz.render import scene_for, scene_title

        d = self.document
        try:
            trace = step_trace(d.input, d.kernels, d.biases, d.settings, "conv", self.window.step_view.filter)
            scene = scene_for(trace, size, title=scene_title(d.settings, tr), tr=tr)
        except ValueError as exc:
            self._error(str(exc))
            return None
        count = min(len(scene.trace), max_frames)
        from convviz.export.animation import held_bytes
        from convviz.io.budget import BudgetError, check_budget, memory_budget

        try:  # a GIF holds every frame until it is written
            check_budget(held_bytes(scene, path, count=count, size=size, flip=flip),
                         tr("{n} frames at {width}x{height}").format(n=count, width=size[0], height=size[1]),
                         memory_budget(strict=False))
        except BudgetError as exc:
            self._error(str(exc))
            return None
        dialog = QtWidgets.QProgressDialog(tr("Rendering {n} frames…").format(n=count), tr("Cancel"), 0, count,
                                           self.window)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        worker = create_worker(iter_write_animation, scene, path, count=count, fps=fps, force=True, flip=flip,
                               _start_thread=False)
        worker.yielded.connect(dialog.setValue)
        dialog.canceled.connect(worker.quit)

        def failed(exc):
            message = str(exc) if isinstance(exc, (ValueError, OSError)) else repr(exc)
            self._error(tr("Animation export failed: {message}").format(message=message))

        worker.errored.connect(failed)
        worker.finished.connect(dialog.close)
        done = tr("Wrote {path}").format(path=path)
        worker.returned.connect(lambda _r: self.window.statusBar().showMessage(done, 4000))
        self._export_worker = worker
        worker.start()
        return worker
