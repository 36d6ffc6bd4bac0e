"""Lecture mode and zoom: what a lecturer needs in front of a class.

Full screen, the contrast theme, editing controls hidden, large type on every tab (the
step view's smallest type 20 px), keyboard only; zoom scales the type of every view in and
out of lecture mode.  The input pane stands beside the maps and gives its room to the Steps
and Code tabs (the step view draws the input itself; code lines need the width).
"""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from convviz.model.lecture import LECTURE_TYPE, ZOOMS, LectureState  # noqa: F401 (ZOOMS, LECTURE_TYPE: re-exported)

from .qt_dialogs import clamp_to_screen
from .theme import apply_theme, scaled_font


class LectureMode:
    """Keys in lecture mode: Space / ← / → / Home / End / + / − drive the player, 1 / 2 / 3 / 4 pick
    Maps / Steps / Code / Backward, Q toggles the quiz, Ctrl+= / Ctrl+- / Ctrl+0 zoom, Esc or F11 leaves."""

    def __init__(self, window):
        self.window = window
        self.state = LectureState()
        self._saved: dict | None = None  # what leaving restores
        self._keys: list = []
        self._input_width = 360  # the input pane's width while the Steps or Code tab hides it
        window.tabs.currentChanged.connect(self.sync_input_pane)

    @property
    def on(self) -> bool:
        return self.state.on

    @property
    def zoom_factor(self) -> float:
        return self.state.zoom_factor

    def toggle(self, on: bool | None = None) -> None:
        w = self.window
        on = not self.on if on is None else on
        chrome = (w.menuBar(), w.splitter.widget(0), w.statusBar(), w.readout.parentWidget())
        if on and not self.on:
            self._saved = {"theme": w.theme, "geometry": w.saveGeometry(), "sizes": w.splitter.sizes()}
            self.state.on = True
            apply_theme(QtWidgets.QApplication.instance(), "contrast")
            w.step_view.set_lecture_controls(True)  # after the palette: the sheets name its colours
            w.backward.set_lecture_controls(True)
            for widget in chrome:
                widget.hide()
            if w.tabs.currentIndex() == 0:  # from the Maps tab to the steps; Code and Backward stay
                w.tabs.setCurrentWidget(w.step_view)
            for key, slot in (("Escape", lambda: self.toggle(False)), ("1", lambda: w.tabs.setCurrentIndex(0)),
                              ("2", lambda: w.tabs.setCurrentIndex(1)), ("3", lambda: w.tabs.setCurrentIndex(2)),
                              ("4", w.backward.show),
                              ("Q", lambda: w.step_view.quiz.toggle())):
                shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), w)
                shortcut.activated.connect(slot)
                self._keys.append(shortcut)
            # Projected, each map as large as its pane allows (not capped at the input's cell size),
            # and the input beside the maps as large as they are.
            w.input_panel.cell_link.set_enabled(False)
            self.apply_type()
            w.showFullScreen()
            w.step_view.setFocus()
        elif not on and self.on:
            saved, self._saved = self._saved, None
            self.state.on = False
            for shortcut in self._keys:
                shortcut.setEnabled(False)
                shortcut.deleteLater()
            self._keys = []
            w.input_panel.cell_link.set_enabled(True)
            self.apply_type()
            w.step_view.set_lecture_controls(False)
            w.backward.set_lecture_controls(False)
            for widget in chrome:
                widget.show()
            w.showNormal()
            w.restoreGeometry(saved["geometry"])
            clamp_to_screen(w)
            w.splitter.setSizes(saved["sizes"])
            w.apply_theme(saved["theme"])
        w.lecture_action.setChecked(self.on)
        self.sync_input_pane()

    def zoom(self, step: int) -> None:
        """One step larger (+1) or smaller (-1) type in every view, or 0 for the usual size."""
        self.state.zoom(step)
        self.apply_type()

    @property
    def type_factor(self) -> float:
        return self.state.type_factor

    def apply_type(self) -> None:
        """Type for what the tabs show: lecture mode's factor times the zoom.  Only the tabs
        (and the input) take it, not the whole application: hidden controls would keep the
        large sizes they were laid out with."""
        from .qt_step_view import LECTURE_MIN_TYPE, MIN_TYPE

        w, factor = self.window, self.type_factor
        # At 1 the application's font again (inherited), not a copy of it.
        font = QtGui.QFont() if factor == 1.0 else scaled_font(factor)
        w.tabs.setFont(font)
        w.input_box.setFont(font)  # its title stood at 9 pt above the lecture-size input
        for view in (w.feature_grid, w.pooled_grid, w.input_panel):
            view.set_type_scale(factor)
        w.step_view.set_type(LECTURE_MIN_TYPE if self.on else MIN_TYPE, self.zoom_factor)
        w.backward.set_type(factor, (LECTURE_MIN_TYPE if self.on else MIN_TYPE) * self.zoom_factor)
        if w.code_view_built:
            w.code_view.set_type_scale(factor)

    def sync_input_pane(self, *_args) -> None:
        splitter = self.window.splitter
        pane, show = splitter.widget(1), self.window.tabs.currentIndex() == 0
        sizes = splitter.sizes()
        if not show and sizes[1] > 0:
            self._input_width = sizes[1]
        pane.setVisible(show)
        sizes = splitter.sizes()
        if show and self.on:  # lecture mode: the input and the maps share the screen, 2 : 3
            total = sizes[1] + sizes[2]
            if total > 0 and abs(sizes[1] - 0.4 * total) > 8:
                splitter.setSizes([sizes[0], int(0.4 * total), total - int(0.4 * total)])
        elif show and sizes[1] == 0:  # restored sizes taken while it was hidden: give its width back
            width = min(self._input_width, max(sizes[2] // 2, 0))
            splitter.setSizes([sizes[0], width, sizes[2] - width])
