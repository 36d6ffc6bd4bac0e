"""The Backward tab's place in the explorer window: built the first time it is shown, like Steps and
Code, so the window opens without it; lecture mode's type reaches it through ``set_type``."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from .i18n import tr


class BackwardTab:
    """A placeholder tab that becomes a :class:`~convviz.ui.qt_backward_view.QtBackwardView` when shown."""

    def __init__(self, window):
        self.window = window
        self._view = None
        self._type = (1.0, None)
        self._lecture = False
        self.placeholder = QtWidgets.QWidget()
        window.tabs.addTab(self.placeholder, tr("Backward"))
        window.tabs.currentChanged.connect(self._on_tab)

    @property
    def built(self) -> bool:
        return self._view is not None

    @property
    def view(self):
        if self._view is None:
            from .qt_backward_view import QtBackwardView

            tabs = self.window.tabs
            self._view = QtBackwardView(self.window.document, synchronous=self.window.compute.synchronous)
            if self._type[1] is not None:
                self._view.set_type(*self._type)
            self._view.set_lecture_controls(self._lecture)
            index, current = tabs.indexOf(self.placeholder), tabs.currentIndex()
            with QtCore.QSignalBlocker(tabs):
                tabs.removeTab(index)
                tabs.insertTab(index, self._view, tr("Backward"))
                tabs.setCurrentIndex(current)
            self.placeholder.deleteLater()
            self._view.controller.events.choices.connect(self._choices_changed)
        return self._view

    def snippet_options(self) -> dict:
        """The Code tab's backward program for the tab's choices (all ones until it is built)."""
        return self._view.controller.loss_options() if self._view is not None else {}

    def _choices_changed(self) -> None:
        if self.window.code_view_built:
            self.window.code_view.invalidate()

    def _on_tab(self, index: int) -> None:
        if self._view is None and self.window.tabs.widget(index) is self.placeholder:
            self.view  # noqa: B018 (builds it)

    def show(self):
        """Bring the tab to the front; the view."""
        self.window.tabs.setCurrentWidget(self.view)
        return self.view

    def set_lecture_controls(self, on: bool) -> None:
        self._lecture = on
        if self._view is not None:
            self._view.set_lecture_controls(on)

    def set_type(self, factor: float, min_type: float) -> None:
        self._type = (factor, min_type)
        if self._view is not None:
            self._view.set_type(factor, min_type)
