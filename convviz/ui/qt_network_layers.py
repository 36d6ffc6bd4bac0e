"""The network window's layer table: Keras's summary (name, class, output shape, parameters) with
multiply-adds, a total row, and a note when the model was cut short.

Every column stays: the numbers' columns are as wide as their contents and headers, the names' column
takes the rest of the pane.  Where the pane cannot hold every header and name on one line, the headers
take two lines (the numbers' columns then need only their numbers), and a name still too long wraps at
its space ("conv1" over "(Conv2D)").  The table's least width is the numbers' columns under two-line
headers and the names' longest word, so a narrow pane (lecture type on a small screen) never cuts a
name, hides a column or scrolls sideways."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from convviz.render.prims import shape_text

from .i18n import tr
from .theme import scaled_font


def count_text(n: int) -> str:
    return f"{n:,}"


def two_lines(text: str, metrics: QtGui.QFontMetrics) -> str:
    """``text`` broken at the space or after the hyphen that leaves the narrower two lines ("Multiply-"
    over "adds"); unchanged if it has neither."""
    splits = [(text[:i], text[i + 1:]) for i, ch in enumerate(text) if ch == " "]
    splits += [(text[:i + 1], text[i + 1:]) for i, ch in enumerate(text[:-1]) if ch == "-" and i > 0]
    if not splits:
        return text
    first, second = min(splits, key=lambda lines: max(map(metrics.horizontalAdvance, lines)))
    return f"{first}\n{second}"


def _line_width(text: str, metrics: QtGui.QFontMetrics) -> int:
    return max(metrics.horizontalAdvance(line) for line in text.split("\n"))


class QtLayerTable(QtWidgets.QWidget):
    """One row per layer; clicking a row selects the layer (``layer_chosen``)."""

    layer_chosen = QtCore.Signal(int)
    COLUMNS = 4  # Keras's summary: "Layer (type)", output shape, parameters; then multiply-adds

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QtWidgets.QTableWidget(0, self.COLUMNS)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # A name wraps at its space rather than lose its end (rows grow to it: lay_out); elided only in
        # a pane the user drags narrower than the longest word.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        # Widths set by lay_out, at once: a Stretch section follows the view a timer later, after the rows
        # were fitted to its old width.  The last section takes what the scroll bar's room leaves.
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.title = QtWidgets.QLabel()
        self.title.setWordWrap(True)
        self.stopped = QtWidgets.QLabel()
        self.stopped.setWordWrap(True)
        self.stopped.setStyleSheet("QLabel { color: #b03a00; }")
        self.stopped.hide()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.stopped)
        self._rows = []
        self._name = ""
        self._two_line_headers = False
        self.retranslate()

    @staticmethod
    def _header_texts() -> list[str]:
        return [tr("Layer (type)"), tr("Output shape"), tr("Parameters"), tr("Multiply-adds")]

    def _set_headers(self) -> None:
        texts = self._header_texts()
        if self._two_line_headers:
            metrics = self.table.horizontalHeader().fontMetrics()
            texts = [two_lines(text, metrics) for text in texts]
        self.table.setHorizontalHeaderLabels(texts)

    def retranslate(self) -> None:
        self._set_headers()
        self.title.setText(tr("Model: {name}").format(name=self._name) if self._name else "")
        if self._rows:
            self._fill_total()

    def set_network(self, name: str, rows, stopped_at: str | None) -> None:
        """``rows``: :class:`convviz.model.network_explorer.LayerRow` in order."""
        self._rows, self._name = list(rows), name
        table = self.table
        with QtCore.QSignalBlocker(table):
            table.setRowCount(len(rows) + 1)
            for r, row in enumerate(rows):
                cells = (f"{row.name} ({row.kind})", shape_text(row.output_shape), count_text(row.params),
                         count_text(row.macs))
                for c, text in enumerate(cells):
                    item = QtWidgets.QTableWidgetItem(text)
                    if c == 0:
                        item.setToolTip(text)  # wrapped, or elided in a pane dragged narrower still
                    if c >= 2:
                        item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(r, c, item)
            self._fill_total()
        self.stopped.setText(tr("Stopped early: {why}").format(why=stopped_at) if stopped_at else "")
        self.stopped.setVisible(bool(stopped_at))
        self.title.setText(tr("Model: {name}").format(name=name))
        self.fit_columns()

    def _fill_total(self) -> None:
        rows, r = self._rows, len(self._rows)
        bold = QtGui.QFont(self.table.font())
        bold.setBold(True)
        totals = (tr("Total"), "", count_text(sum(x.params for x in rows)), count_text(sum(x.macs for x in rows)))
        for c, text in enumerate(totals):
            item = QtWidgets.QTableWidgetItem(text)
            item.setFont(bold)
            item.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)  # not a layer: not selectable
            if c >= 2:
                item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, item)

    def fit_columns(self) -> None:
        """The least width, then the columns and rows for the present width (after new rows or type)."""
        self.table.setMinimumWidth(self.least_width())
        self.lay_out()
        self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.lay_out()

    def lay_out(self) -> None:
        """The headers on one line, or on two when the names would not then be whole; the numbers'
        columns as wide as their numbers and headers, the names' the rest; each row as tall as its name
        wraps to there."""
        room = self.table.width() - self._chrome()
        two = room < self._names_width() + self._numbers_width(two_line_headers=False)
        if two != self._two_line_headers:
            self._two_line_headers = two
            self._set_headers()
        header = self.table.horizontalHeader()
        widths = [max(self.table.sizeHintForColumn(c), self._header_width(c, two_line=two))
                  for c in range(1, self.COLUMNS)]
        header.resizeSection(0, max(room - sum(widths), self._names_width(words=True)))
        for c, width in enumerate(widths, start=1):
            header.resizeSection(c, width)
        self.table.resizeRowsToContents()

    def _names_width(self, *, words: bool = False) -> int:
        """The names' column's width for its names on one line (the view's own hint), or (``words``)
        for their longest word, and never less than its header (on two lines when ``words``)."""
        width = self.table.sizeHintForColumn(0)
        if words:
            texts, parts = 0, 0
            for r in range(self.table.rowCount()):
                item = self.table.item(r, 0)
                if item is not None:
                    font = item.data(QtCore.Qt.ItemDataRole.FontRole)
                    metrics = QtGui.QFontMetrics(font if isinstance(font, QtGui.QFont) else self.table.font())
                    texts = max(texts, metrics.horizontalAdvance(item.text()))
                    parts = max([parts, *map(metrics.horizontalAdvance, item.text().split())])
            width += parts - texts  # the hint's margins kept
        return max(width, self._header_width(0, two_line=words))

    def _header_width(self, column: int, *, two_line: bool) -> int:
        """Header ``column``'s width with its text on one line or two: the header's own hint for its
        present text, less that text's width, plus the width of the text asked for."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        item = self.table.horizontalHeaderItem(column)
        shown = item.text() if item is not None else ""
        text = self._header_texts()[column]
        if two_line:
            text = two_lines(text, metrics)
        return header.sectionSizeHint(column) - _line_width(shown, metrics) + _line_width(text, metrics)

    def _numbers_width(self, *, two_line_headers: bool) -> int:
        return sum(max(self.table.sizeHintForColumn(c), self._header_width(c, two_line=two_line_headers))
                   for c in range(1, self.COLUMNS))

    def _chrome(self) -> int:
        """The frame and the scroll bar's room, kept whether it shows or not: it comes and goes a moment
        after the rows change, and the names' column must not then be narrower than its wrapped rows."""
        table = self.table
        return table.frameWidth() * 2 + table.verticalScrollBar().sizeHint().width()

    def natural_width(self) -> int:
        """The table's width with every name and header whole on one line."""
        return self._names_width() + self._numbers_width(two_line_headers=False) + self._chrome()

    def least_width(self) -> int:
        """The narrowest the table may be: the numbers' columns whole under two-line headers, and the
        names' longest word."""
        return self._names_width(words=True) + self._numbers_width(two_line_headers=True) + self._chrome()

    def rows_height(self) -> int:
        """The header and every row, as laid out now (for the pane's height)."""
        table = self.table
        return (table.horizontalHeader().sizeHint().height()
                + sum(table.rowHeight(r) for r in range(table.rowCount())))

    def select(self, index: int) -> None:
        with QtCore.QSignalBlocker(self.table):
            self.table.selectRow(index)

    def total_texts(self) -> tuple[str, str]:
        r = len(self._rows)
        return self.table.item(r, 2).text(), self.table.item(r, 3).text()

    def _on_selection(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) == 1:
            row = rows.pop()
            if row < len(self._rows):
                self.layer_chosen.emit(row)

    def set_type_scale(self, scale: float) -> None:
        font = scaled_font(scale)
        for widget in (self.table, self.title, self.stopped):
            widget.setFont(font)
        self.table.horizontalHeader().setFont(font)
        if self._rows:
            self._fill_total()
        self.fit_columns()

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
