"""The arithmetic of the picked unit, as text a class can read from the back row."""

from __future__ import annotations

import html

from PySide6 import QtGui, QtWidgets

from .i18n import tr
from .theme import scaled_font


class QtUnitPanel(QtWidgets.QTextBrowser):
    """Shows one unit's explanation (convviz.core.network.units), or what to do to see one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.explanation = None
        self._heading = ""
        self._names: tuple[str, ...] = ()
        self._layout_width = 0.0
        self._flat_source = None
        self.show_explanation(None, "")

    def show_explanation(self, explanation, heading: str, class_names=(), flat_source=None) -> None:
        self.explanation, self._heading, self._names = explanation, heading, tuple(class_names)
        self._flat_source = flat_source
        first, _, rest = heading.partition("\n")
        top = f"<p><b>{html.escape(first)}</b>" + (f"<br/>{html.escape(rest)}" if rest else "") + "</p>"
        if explanation is None and heading:
            self.setHtml(top)
            return
        if explanation is None:
            self.setHtml("<p>" + html.escape(tr("Click a unit in the maps or the bars to see its arithmetic "
                                                "and its receptive field.")) + "</p>")
            return
        from .qt_network_arith import explanation_html

        metrics = QtGui.QFontMetricsF(self.document().defaultFont())
        width = self.viewport().width() - 2 * self.document().documentMargin() - 8
        self._layout_width = width
        self.setHtml(top + explanation_html(explanation, self._names, width, metrics.horizontalAdvance,
                                            self._flat_source))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # A conv unit's grids are arranged for the width: arrange them again when it changes much.
        if self.explanation is not None and abs(self.viewport().width() - 2 * self.document().documentMargin() - 8
                                                - self._layout_width) > 24:
            self.refresh()

    def plain_text(self) -> str:
        return self.toPlainText()

    def refresh(self) -> None:
        """Words again in the language now installed."""
        self.show_explanation(self.explanation, self._heading, self._names, self._flat_source)

    def set_type_scale(self, scale: float) -> None:
        font = scaled_font(scale)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.refresh()
