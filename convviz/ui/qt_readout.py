"""The read-out under the maps, and the hover view that draws what the hover controller decides."""

from __future__ import annotations

import html

from PySide6 import QtCore, QtGui, QtWidgets

from convviz.render.prims import HIGHLIGHTS, wrap

from .i18n import tr

ERROR_INK = "#c0392b"
PADDED_INK = HIGHLIGHTS["padded"][0]


class QtReadout(QtWidgets.QLabel):
    """Three lines, always: an explanation is cut to fit, so hovering never moves the layout."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="readout", wordWrap=True,
                         textInteractionFlags=QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        # A font on the label, not an application style sheet: a style sheet makes Qt
        # re-polish every widget (about 30 ms at start-up).
        font = self.font()
        font.setPointSizeF(11)
        self.setFont(font)
        self.setFixedHeight(3 * QtGui.QFontMetrics(font).lineSpacing() + 10)
        self.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)

    def show_default(self) -> None:
        self.setText(tr(
            "Hover over any output cell to see its receptive field on the input and the sum that makes it. "
            "Click it to step through it. Draw on the input with the mouse (right button erases); "
            "click a kernel cell and type to edit it."))

    def show_error(self, message: str) -> None:
        self.setText(f"<span style='color:{ERROR_INK}'><b>{html.escape(tr('Cannot compute:'))}</b> "
                     f"{html.escape(message)}</span>")

    def show_explanation(self, e) -> None:
        """The sum wraps onto two lines at most (its middle elided), a note takes the third."""
        font = QtGui.QFontInfo(self.font()).pixelSize()
        lines = wrap(f"{e.head}: {e.expression}{e.result}", font, max(200, self.width() - 8),
                     max_lines=2 if e.note else 3)
        body = "<br>".join(html.escape(line) for line in lines)
        head = html.escape(e.head) + ": "
        if body.startswith(head):
            body = f"<b>{html.escape(e.head)}</b>: <span style='font-family:monospace'>{body[len(head):]}</span>"
        note = f"<br><span style='color:{PADDED_INK}'>{html.escape(e.note)}</span>" if e.note else ""
        self.setText(body + note)


class QtHoverView:
    """The window's side of :class:`convviz.model.hover.HoverController`: overlays on the input
    and the map grids, words in the read-out."""

    def __init__(self, input_cell, feature_grid, pooled_grid, readout: QtReadout, has_result):
        self.input_cell, self.readout, self._has_result = input_cell, readout, has_result
        self.grids = {"feature": feature_grid, "pooled": pooled_grid}

    def clear_highlights(self) -> None:
        self.input_cell.clear_overlays()
        for grid in self.grids.values():
            grid.clear_overlays()

    def highlight(self, where: str, index: int, cells, style: str) -> None:
        colour, alpha, dashed = HIGHLIGHTS[style]
        target = self.input_cell if where == "input" else self.grids[where].cells[index]
        target.add_cells(cells, colour, fill_alpha=alpha, **({"dashed": True} if dashed else {}))

    def label_input(self, row: int, col: int, text: str) -> None:
        self.input_cell.add_label(row, col, text, PADDED_INK)

    def explain(self, explanation) -> None:
        if explanation is not None:
            self.readout.show_explanation(explanation)
        elif self._has_result():  # a "Cannot compute" stays while nothing computes
            self.readout.show_default()

    def map_shape(self, where: str, index: int):
        cells = self.grids[where].cells
        return cells[index].shape if 0 <= index < len(cells) else None
