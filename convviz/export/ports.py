"""The drawing and writing behind the export controller's port (:class:`convviz.model.export_actions.ExportPort`).

The model layer may not import convviz.io, render or export, so the window hands
:class:`DiskExports` to :class:`convviz.model.export_actions.ExportActions`; each method is
one of the exporters (or a painter and a writer together) under the name the controller asks for.
"""

from __future__ import annotations

import os

import numpy as np


class DiskExports:
    """Pillow and the exporters are imported when first used: the window opens without them."""

    def map_png(self, arr, maps) -> bytes:
        from convviz.render import colormaps
        from convviz.render.pillow import map_image

        from .files import png_bytes

        lo, hi, _ = colormaps.levels_for(maps)  # one colour scale for the maps side by side
        return png_bytes(map_image(arr, levels=(lo, hi), values=max(np.atleast_2d(arr).shape) <= 16))

    def export_set(self, document, result) -> dict[str, bytes]:
        from .files import export_files

        return export_files(document.input, document.kernels, document.settings, result)

    def earlier_export(self, directory: str) -> list[str]:
        from .files import EXPORT_SET

        if not os.path.isdir(directory):
            return []
        return sorted(n for n in os.listdir(directory)
                      if EXPORT_SET.fullmatch(n) and os.path.isfile(os.path.join(directory, n)))

    def write_set(self, directory: str, files: dict[str, bytes]) -> list:
        from .files import write_files

        return write_files(directory, files, force=True)  # the controller asked before replacing

    def sheet_png(self, document, result, *, values: bool) -> bytes:
        from .files import png_bytes, sheet_image

        return png_bytes(sheet_image(document.input, document.kernels, document.settings, result, values=values))

    def svg_bytes(self, frame) -> bytes:
        from convviz.render.svg import render_svg

        return render_svg(frame).encode("utf-8")

    def step_scene(self, trace, size, settings, tr):
        from convviz.render import scene_for, scene_title

        return scene_for(trace, size, title=scene_title(settings, tr), tr=tr)

    def held_bytes(self, scene, path: str, *, count: int, size, flip: bool) -> int:
        from .animation import held_bytes

        return held_bytes(scene, path, count=count, size=size, flip=flip)

    def animation_steps(self, scene, path: str, *, count: int, fps: float, flip: bool):
        from .animation import check_destination, iter_write_animation

        check_destination(path, force=True)  # now, not when the job's thread first runs the generator
        return iter_write_animation(scene, path, count=count, fps=fps, force=True, flip=flip)

    def check_output(self, path: str, *, folder: bool = False) -> None:
        from convviz.io.atomic import check_output

        check_output(path, folder=folder)

    def write_bytes(self, path: str, data: bytes) -> None:
        from convviz.io.atomic import write_bytes

        write_bytes(path, data)
