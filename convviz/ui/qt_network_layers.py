"""The network window's layer table: Keras's summary (name, class, output shape, parameters) with
multiply-adds, a total row, and a note when the model was cut short.

Every column stays: the numbers' columns are as wide as their contents and headers, the names' column
takes the rest of the pane and elides a name that does not fit (the whole name is its tooltip).  The
table's least width is the numbers' columns and the names' header, so a narrow pane (lecture type on a
small screen) never hides a column or scrolls sideways."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from convviz.render.prims import shape_text

from .i18n import tr


def count_text(n: int) -> str:
    return f"{n:,}"


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
        self.table.setWordWrap(False)
        self.table.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)  # the names give way
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
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr("Layer (type)"), tr("Output shape"), tr("Parameters"),
                                              tr("Multiply-adds")])
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
                        item.setToolTip(text)  # elided in a narrow pane
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
        """The numbers' columns to their contents (the header does it: ResizeToContents), the rows to the
        type, and the least width to what the numbers and the names' header need."""
        self.table.horizontalHeader().resizeSections()
        self.table.resizeRowsToContents()
        self.table.setMinimumWidth(self.least_width())
        self.updateGeometry()

    def _column_width(self, column: int) -> int:
        """What ``column`` needs to show its widest cell and its header whole."""
        return max(self.table.sizeHintForColumn(column), self.table.horizontalHeader().sectionSizeHint(column))

    def _chrome(self) -> int:
        table = self.table
        bar = table.verticalScrollBar()
        return table.frameWidth() * 2 + (bar.sizeHint().width() if bar.isVisible() else 0)

    def natural_width(self) -> int:
        """The table's width with every name and header whole."""
        return sum(self._column_width(c) for c in range(self.COLUMNS)) + self._chrome()

    def least_width(self) -> int:
        """The narrowest the table may be: the numbers' columns whole and the names' header readable
        (the names themselves elided)."""
        names = self.table.horizontalHeader().sectionSizeHint(0)
        return names + sum(self._column_width(c) for c in range(1, self.COLUMNS)) + self._chrome()

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
        font = QtGui.QFont(QtWidgets.QApplication.font())
        font.setPointSizeF(font.pointSizeF() * scale)
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
