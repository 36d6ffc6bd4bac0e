"""Lecture mode's rules without Qt: whether it is on, the zoom steps, and the type factor every
view takes from them (convviz.ui.lecture applies them to the window)."""

from __future__ import annotations

from dataclasses import dataclass

#: Lecture mode's type, times the usual size (the tabs' font and the maps' titles alike).
LECTURE_TYPE = 1.6
#: The zoom steps Ctrl+= / Ctrl+- move between (Ctrl+0: 1.0).
ZOOMS = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)


@dataclass
class LectureState:
    on: bool = False
    zoom_factor: float = 1.0

    def zoom(self, step: int) -> float:
        """One step larger (+1) or smaller (-1), or 0 for the usual size; returns the new zoom.
        A zoom between two steps (a restored setting) moves from the nearest one."""
        if step == 0:
            self.zoom_factor = 1.0
        else:
            k = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom_factor))
            self.zoom_factor = ZOOMS[min(max(k + step, 0), len(ZOOMS) - 1)]
        return self.zoom_factor

    @property
    def type_factor(self) -> float:
        """What every view's type is multiplied by: lecture mode's factor times the zoom."""
        return (LECTURE_TYPE if self.on else 1.0) * self.zoom_factor
