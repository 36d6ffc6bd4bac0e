"""The training window's Results tab: the confusion matrix with its class names, and the
misclassified test images (hover one for its classes, click it to predict it)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from .i18n import tr
from .qt_map_cell import MapCell, lut_for


def class_label(name: str) -> str:
    """A data set's class name as the interface shows it (Fashion-MNIST's and the synthetic
    shapes' names are translated; digits and the names of the user's own folders are not)."""
    names = {
        "T-shirt/top": tr("T-shirt/top"), "Trouser": tr("Trouser"), "Pullover": tr("Pullover"),
        "Dress": tr("Dress"), "Coat": tr("Coat"), "Sandal": tr("Sandal"), "Shirt": tr("Shirt"),
        "Sneaker": tr("Sneaker"), "Bag": tr("Bag"), "Ankle boot": tr("Ankle boot"),
        "horizontal": tr("horizontal"), "vertical": tr("vertical"), "diagonal /": tr("diagonal /"),
        "diagonal \\": tr("diagonal \\"), "plus": tr("plus"), "cross x": tr("cross x"),
        "circle": tr("circle"), "square": tr("square"),
    }
    return names.get(name, name)


def _heading(text: str = "") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text, wordWrap=True)
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
    label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Minimum)
    return label


class QtConfusionMatrix(QtWidgets.QWidget):
    """Counts of test images by true class (rows) and predicted class (columns), each row and
    column named, drawn to fit whatever room the widget has."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._counts: np.ndarray | None = None
        self._names: list[str] = []
        self._table = lut_for(False)
        self.setMouseTracking(True)
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding)

    def set_matrix(self, counts: np.ndarray, class_names) -> None:
        self._counts = np.asarray(counts)
        n = self._counts.shape[0]
        names = [str(c) for c in class_names][:n]
        self._names = names + [str(i) for i in range(len(names), n)]  # as the data set has them
        self.update()

    @property
    def data(self) -> np.ndarray | None:
        return None if self._counts is None else self._counts.astype(np.float64)

    def shown_values(self) -> list[str]:
        return [] if self._counts is None else [str(int(v)) for v in self._counts.ravel()]

    def class_names(self) -> list[str]:
        """The names written along the rows (and, turned, along the columns), in the
        interface's language."""
        return [class_label(name) for name in self._names]

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.update()  # the names and titles are translated as they are painted
        super().changeEvent(event)

    # ----------------------------------------------------------------- geometry
    def _geometry(self) -> tuple[float, float, float]:
        """(left, top, cell): where the grid starts and the side of one cell, in pixels."""
        fm = self.fontMetrics()
        n = len(self._names) or 1
        names = max((fm.horizontalAdvance(name) for name in self.class_names()), default=0) + 8
        line = fm.height()
        left = line + names  # the axis title, turned, then the row names
        top = line + names
        cell = max(4.0, min((self.width() - left - 2) / n, (self.height() - top - 2) / n))
        return left, top, cell

    def cell_at(self, pos: QtCore.QPointF) -> tuple[int, int] | None:
        if self._counts is None:
            return None
        left, top, cell = self._geometry()
        row, col = int((pos.y() - top) // cell), int((pos.x() - left) // cell)
        n = self._counts.shape[0]
        return (row, col) if 0 <= row < n and 0 <= col < n and pos.x() >= left and pos.y() >= top else None

    def _count_font(self, cell: float) -> QtGui.QFont | None:
        """The largest font, up to 1.5 times the widget's, whose widest count fits its cell
        (None: none from 6 pt up fits); large cells on a projector get large numbers."""
        font = QtGui.QFont(self.font())
        widest = str(int(self._counts.max())) if self._counts.size else "0"
        size = 1.5 * (font.pointSizeF() if font.pointSizeF() > 0 else 9.0)
        while size >= 6:
            font.setPointSizeF(size)
            fm = QtGui.QFontMetricsF(font)
            if fm.horizontalAdvance(widest) <= cell - 6 and fm.height() <= cell - 2:
                return font
            size -= 0.5
        return None

    # ------------------------------------------------------------------ drawing
    def paintEvent(self, _event) -> None:
        if self._counts is None:
            return
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
        text_colour = self.palette().color(QtGui.QPalette.ColorRole.WindowText)
        fm = self.fontMetrics()
        n = self._counts.shape[0]
        left, top, cell = self._geometry()
        side = cell * n
        line = fm.height()
        painter.setPen(text_colour)
        # Axis titles: "predicted" over the columns, "true" (turned) beside the rows.
        painter.drawText(QtCore.QRectF(left, 0, side, line), QtCore.Qt.AlignmentFlag.AlignCenter,
                         tr("predicted class"))
        painter.save()
        painter.translate(0, top + side)
        painter.rotate(-90)
        painter.drawText(QtCore.QRectF(0, 0, side, line), QtCore.Qt.AlignmentFlag.AlignCenter, tr("true class"))
        painter.restore()
        names_width = left - line - 4
        for i, name in enumerate(self.class_names()):
            y = top + i * cell
            painter.drawText(QtCore.QRectF(line, y, names_width, cell),
                             QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter, name)
            painter.save()  # the column's name, turned to read upwards, ending at the grid
            painter.translate(left + i * cell, top - 4)
            painter.rotate(-90)
            painter.drawText(QtCore.QRectF(0, 0, top - line - 4, cell),
                             QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter, name)
            painter.restore()
        peak = max(float(self._counts.max()), 1.0)
        shades = self._table[np.clip(np.rint(self._counts / peak * 255), 0, 255).astype(int)]
        font = self._count_font(cell)
        if font is not None:
            painter.setFont(font)
        for r in range(n):
            for c in range(n):
                rect = QtCore.QRectF(left + c * cell, top + r * cell, cell, cell)
                red, green, blue = (int(v) for v in shades[r, c][:3])
                painter.fillRect(rect, QtGui.QColor(red, green, blue))
                if font is not None:
                    light = 0.299 * red + 0.587 * green + 0.114 * blue > 140
                    painter.setPen(QtGui.QColor("black" if light else "white"))
                    painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, str(int(self._counts[r, c])))
        # Thin lines between the cells keep the zero cells of a dark grid apart.
        painter.setPen(QtGui.QPen(QtGui.QColor(128, 128, 128, 110), 1))
        for k in range(n + 1):
            painter.drawLine(QtCore.QPointF(left + k * cell, top), QtCore.QPointF(left + k * cell, top + side))
            painter.drawLine(QtCore.QPointF(left, top + k * cell), QtCore.QPointF(left + side, top + k * cell))
        painter.end()

    def mouseMoveEvent(self, event) -> None:
        at = self.cell_at(event.position())
        if at is None:
            QtWidgets.QToolTip.hideText()
            return
        r, c = at
        n = int(self._counts[r, c])
        names = self.class_names()
        text = tr("True class {true}, predicted {predicted}: 1 image") if n == 1 else \
            tr("True class {true}, predicted {predicted}: {n} images")
        QtWidgets.QToolTip.showText(event.globalPosition().toPoint(), text.format(
            true=names[r], predicted=names[c], n=n), self)


class QtMistakesPanel(QtWidgets.QWidget):
    """The first misclassified test images as one tiled picture; hovering one names its true
    and predicted classes, clicking one emits its test-set index."""

    #: The misclassified test images shown: this many, this many per row, this many pixels apart.
    SHOWN, COLUMNS, GAP = 24, 6, 2

    open_image = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = _heading()
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(None)
        self.cell = MapCell(self.view.ci, "")
        self.info = _heading()
        self.info.setMinimumHeight(2 * self.info.fontMetrics().lineSpacing() + 2)
        self._shown = np.zeros(0, dtype=np.int64)  # test-set indices of the images shown, row by row
        self._wrong = 0  # misclassified test images in all
        self._dataset = None
        self._predictions = None
        self.cell.image.hovered.connect(self._on_hover)
        self.cell.image.clicked.connect(self._on_click)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        self.retranslate()

    def show_mistakes(self, dataset, predictions: np.ndarray) -> None:
        from convviz.render import colormaps

        self._dataset, self._predictions = dataset, predictions
        wrong = np.flatnonzero(predictions != dataset.y_test)
        self._wrong = len(wrong)
        self._shown = wrong[: self.SHOWN]
        images = [dataset.x_test[i] / 255.0 for i in self._shown]
        self.cell.show_values = False
        self.cell.set_data(colormaps.tile(images, (0.0, 1.0), "gray", columns=self.COLUMNS, gap=self.GAP),
                           (0.0, 1.0), None, rgb=True)
        self.retranslate()

    def retranslate(self) -> None:
        """The heading and the hint line in the interface's language."""
        if self._dataset is None:
            self.heading.setText(tr("The misclassified test images appear here after training."))
            self.info.clear()
            return
        heading = tr("{n} of {total} test images are misclassified.").format(
            n=self._wrong, total=len(self._dataset.y_test))
        if len(self._shown):
            heading += " " + tr("The first {shown} are shown below.").format(shown=len(self._shown))
        self.heading.setText(heading)
        self.info.setText(self._hint())

    def _hint(self) -> str:
        return tr("Hover over an image to see its true and predicted classes; "
                  "click it to open it on the Predict tab.") if len(self._shown) else ""

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def index_at(self, row: int, col: int) -> int | None:
        """The test-set index of the misclassified image under tile pixel (row, col), if any."""
        from convviz.render.colormaps import tile_slot

        if self._dataset is None:
            return None
        k = tile_slot(self._dataset.x_test.shape[1:3], row, col, count=len(self._shown),
                      columns=self.COLUMNS, gap=self.GAP)
        return None if k is None else int(self._shown[k])

    def _on_hover(self, row: int, col: int) -> None:
        i = self.index_at(row, col)
        if i is None:
            self.info.setText(self._hint())
            return
        names = self._dataset.class_names
        self.info.setText(tr("Test image {i}: true class {true}, predicted {predicted}.").format(
            i=i, true=class_label(names[self._dataset.y_test[i]]),
            predicted=class_label(names[self._predictions[i]])))

    def _on_click(self, row: int, col: int) -> None:
        i = self.index_at(row, col)
        if i is not None:
            self.open_image.emit(i)



class QtResultsTab(QtWidgets.QWidget):
    """The confusion matrix (with its heading) beside the misclassified images."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.confusion = QtConfusionMatrix()
        self.mistakes = QtMistakesPanel()
        self.heading = _heading()
        confusion = QtWidgets.QVBoxLayout()
        confusion.addWidget(self.heading)
        confusion.addWidget(self.confusion, 1)
        layout = QtWidgets.QHBoxLayout(self)
        layout.addLayout(confusion, 3)  # the matrix's names and counts need the room
        layout.addWidget(self.mistakes, 2)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("<b>Confusion matrix</b>: how many test images of each true class "
                                "(rows) were predicted as each class (columns)."))

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
