"""The graphics items a map is drawn with: its picture (colour indices at screen resolution),
the numbers in its cells, hairlines between them and the padded cells around an input
(the colour bar beside a map is :mod:`convviz.ui.qt_color_bar`).  :mod:`convviz.ui.qt_map_cell`
makes a titled map of them and :mod:`convviz.ui.qt_map_view` arranges maps into grids."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.render.prims import HIGHLIGHTS

#: Padded cells (values supplied by the boundary mode) are outlined in this colour.
PADDED = HIGHLIGHTS["padded"][0]

_CACHED = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache


_COLOR_TABLES: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _color_table(table: np.ndarray) -> np.ndarray:
    """0xFFRRGGBB pixels (uint32) of a (256, 3) uint8 table, made once per table object."""
    entry = _COLOR_TABLES.get(id(table))
    if entry is None or entry[0] is not table:
        entry = _COLOR_TABLES[id(table)] = (table, _argb(table))
    return entry[1]


def _argb(rgb: np.ndarray) -> np.ndarray:
    """Opaque 0xFFRRGGBB pixels (uint32) of 8-bit RGB values along the last axis."""
    argb = np.full(rgb.shape[:-1], 0xFF000000, dtype=np.uint32)
    argb |= rgb[..., 0].astype(np.uint32) << 16
    argb |= rgb[..., 1].astype(np.uint32) << 8
    argb |= rgb[..., 2]
    return argb


def _rgb32_image(argb: np.ndarray) -> QtGui.QImage:
    """(h, w) uint32 0xFFRRGGBB pixels as an RGB32 QImage, the format Qt draws without
    converting.  The QImage borrows the array's memory and keeps it alive."""
    argb = np.ascontiguousarray(argb)
    h, w = argb.shape
    image = QtGui.QImage(argb.data, w, h, 4 * w, QtGui.QImage.Format.Format_RGB32)
    image._buffer = argb
    return image


def pixels_of(index: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Colour indices as 0xFFRRGGBB pixels through a (256, 3) table: pure numpy, so the maps of a
    grid can be looked up on every core beside their colour indices."""
    return _color_table(table)[index]


def _rgb32(index: np.ndarray, pixels: np.ndarray) -> QtGui.QImage:
    """Colour indices as an RGB32 QImage through ``pixels`` (from :func:`_color_table`).

    Qt would convert an Indexed8 image to RGB32 at every draw; a lookup in numpy is one
    pass over the few thousand pixels of a thumbnail."""
    return _rgb32_image(pixels[index])


def _rgb32_of(rgb: np.ndarray) -> QtGui.QImage:
    """An (h, w, 3) uint8 RGB array as an RGB32 QImage."""
    return _rgb32_image(_argb(rgb))


class CellImageItem(pg.ImageItem):
    """An ImageItem that reports the cell under the mouse and mouse strokes on it."""

    hovered = QtCore.Signal(int, int)  # row, col; (-1, -1) when the mouse leaves
    # One segment of a pen stroke: from row, col to row, col (equal for a click), Qt mouse button.
    stroke = QtCore.Signal(int, int, int, int, object)
    clicked = QtCore.Signal(int, int)

    def __init__(self, *args, drawable: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.drawable = drawable
        self.setAcceptHoverEvents(True)
        self._color_table: np.ndarray | None = None
        self._cells: tuple[int, int] | None = None  # the map's (rows, cols) while showing indices
        self.step = 1  # cells per block of the picture held in ``image``
        self._picture_at = None  # step -> colour indices at that step (paint asks when the zoom changes)
        self._qimage_small: QtGui.QImage | None = None
        self._pixels: np.ndarray | None = None  # the picture as 0xFFRRGGBB pixels, if made already
        self.screen_step = 1  # cells per screen pixel at the last paint

    def set_indexed(self, index: np.ndarray, table: np.ndarray, *, step: int = 1, cells=None,
                    picture_at=None, pixels: np.ndarray | None = None) -> None:
        """Show colour indices (uint8) through a (256, 3) table.

        ``index`` covers the whole map (``step`` 1) or, for a map larger than its view,
        its ``step`` x ``step`` blocks (``cells``: the map's own rows and cols, which
        stay the item's coordinates, so hover still names map cells).  ``picture_at(step)``
        makes the indices at another step when the view is resized or zoomed.
        The colour table is made once per colour map; ``pixels``, the indices looked up in it
        (:func:`pixels_of`) where a worker made them already, or else at the next paint.
        """
        cells = tuple(cells) if cells is not None else index.shape[:2]
        resized = cells != self._cells
        if resized:
            self.prepareGeometryChange()
        self._cells = cells
        self.step = step
        self._picture_at = picture_at
        self._qimage_small = None
        self._pixels = pixels
        self._color_table = _color_table(table)
        self.setImage(index, levels=(0, 255), lut=table, autoLevels=False)
        if resized:
            self.informViewBoundsChanged()

    def clear_indexed(self) -> None:
        """Back to pyqtgraph's own drawing (RGB images)."""
        if self._cells is not None:
            self.prepareGeometryChange()
        self._color_table = self._cells = self._picture_at = self._qimage_small = self._pixels = None
        self.step = 1

    def width(self):
        return self._cells[1] if self._cells is not None else super().width()

    def height(self):
        return self._cells[0] if self._cells is not None else super().height()

    def paint(self, painter: QtGui.QPainter, *args) -> None:
        """Large maps are drawn at screen resolution, keeping their extremes.

        When ``step`` x ``step`` cells share one screen pixel, plain scaling would show one
        arbitrary cell of each block, and a one-cell-wide edge response could vanish from
        the thumbnail.  Each block is drawn instead as its most extreme cell (see
        :func:`shown_blocks`); the QImage is ``step``² times smaller, too.
        """
        t = painter.transform()
        cell_px = min(np.hypot(t.m11(), t.m12()), np.hypot(t.m21(), t.m22()))
        self.screen_step = max(1, int(1.0 / cell_px)) if cell_px > 0 else 1
        if self._color_table is None or self.image is None:
            super().paint(painter, *args)
            return
        if self.screen_step != self.step and self._picture_at is not None:
            # Resized or zoomed since the picture was made: make it again at this step.
            self.image = self._picture_at(self.screen_step)
            self.step = self.screen_step
            self._qimage_small = self._pixels = None
            self._renderRequired = True
        if self.step < 2:
            super().paint(painter, *args)
            return
        small = self.image
        if self._qimage_small is None:
            self._qimage_small = self._qimage()
        # Blocks are step x step cells (an axis shorter than the step is not shrunk); a last
        # partial block (under one screen pixel) is left out rather than stretched.
        sy, sx = (max(1, min(self.step, n)) for n in self._cells)
        painter.drawImage(QtCore.QRectF(0, 0, small.shape[1] * sx, small.shape[0] * sy), self._qimage_small)

    def _qimage(self) -> QtGui.QImage:
        """The colour indices held in ``image`` as an RGB32 QImage."""
        if self._pixels is not None and self._pixels.shape == self.image.shape:
            return _rgb32_image(self._pixels)
        return _rgb32(self.image, self._color_table)

    def render(self):
        img = self.image
        if self._color_table is not None and img is not None and img.dtype == np.uint8 and img.ndim == 2:
            self.qimage = self._qimage()
            self._renderRequired = False
            self._unrenderable = False
            return
        if self._color_table is None and img is not None and img.dtype == np.uint8 and img.ndim == 3 \
                and img.shape[2] == 3 and self.lut is None:
            # 8-bit RGB (tiles, RGB inputs) as RGB32 too: pyqtgraph would hand Qt an RGB888 image,
            # which Qt converts at every draw (a 100x300 tile drawn 4x: 0.82 ms as RGB888, 0.39 ms
            # as RGB32, 0.11 ms to convert once in numpy).
            self.qimage = _rgb32_of(img)
            self._renderRequired = False
            self._unrenderable = False
            return
        super().render()

    def _cell(self, pos: QtCore.QPointF) -> tuple[int, int]:
        # pyqtgraph images are (rows, cols) drawn with axisOrder 'row-major'.
        return int(np.floor(pos.y())), int(np.floor(pos.x()))

    def _inside(self, row: int, col: int) -> bool:
        if self.image is None:
            return False
        rows, cols = self._cells if self._cells is not None else self.image.shape[:2]
        return 0 <= row < rows and 0 <= col < cols

    def hoverEvent(self, ev):
        if ev.isExit():
            self.hovered.emit(-1, -1)
            return
        row, col = self._cell(ev.pos())
        if self._inside(row, col):
            self.hovered.emit(row, col)
        else:
            self.hovered.emit(-1, -1)

    def mouseClickEvent(self, ev):
        row, col = self._cell(ev.pos())
        if not self._inside(row, col):
            return
        ev.accept()
        if self.drawable:
            self.stroke.emit(row, col, row, col, ev.button())
        else:
            self.clicked.emit(row, col)

    def mouseDragEvent(self, ev):
        buttons = (QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton)
        if not self.drawable or ev.button() not in buttons:
            ev.ignore()
            return
        ev.accept()
        # From where the mouse was at the last report (or where the button went down) to where
        # it is: a quick stroke crosses several cells between two reports.
        start = self._cell(ev.buttonDownPos() if ev.isStart() else ev.lastPos())
        row, col = self._cell(ev.pos())
        if self._inside(row, col) or self._inside(*start):
            self.stroke.emit(*start, row, col, ev.button())


def text_units(text: str) -> float:
    """A number's width in digits: its font draws a point half a digit wide and a minus 0.6 of one, so
    counting them as whole digits printed -0.4444 smaller than its cell holds."""
    return len(text) - 0.5 * text.count(".") - 0.4 * text.count("-")


def fitting_text_px(cell_px: float, longest: float) -> int | None:
    """Pixel size of the numbers printed in cells ``cell_px`` wide whose longest text is ``longest``
    characters (or :func:`text_units`) wide: about 0.38 of the cell, smaller for long numbers ("0.4667") so they
    stay inside it; None below 8 px, which cannot be read."""
    fits = 0.9 * cell_px / (0.62 * max(longest, 1))  # the longest number's width within the cell
    px = min(28.0, cell_px * 0.38, fits)
    if px < 8 and min(cell_px * 0.55, fits) >= 8:
        px = 8  # small cells (a long signal in a narrow pane) still show short numbers
    return int(px) if px >= 8 else None


class CellValues(QtWidgets.QGraphicsItem):
    """Every cell's value printed in the middle of its cell: one item, one paint, for the whole map.

    (One pyqtgraph TextItem per cell costs about 1 ms to create and re-lays out
    HTML on each change; this draws plain text with QPainter at the cell size
    the view currently gives, so numbers fit their cells at any zoom.)
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values: np.ndarray | None = None  # (h, w) of strings
        self._longest = 0  # characters of the longest
        self._dark: np.ndarray | None = None  # (h, w) bool: draw this cell's number in black
        self._shape = (0, 0)
        self.setZValue(5)
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)

    def set_values(self, texts: np.ndarray | None, dark: np.ndarray | None = None) -> None:
        self.prepareGeometryChange()
        self._values, self._dark = texts, dark
        self._longest = 0 if texts is None else max((text_units(t) for t in texts.ravel()), default=0)
        self._shape = (0, 0) if texts is None else texts.shape
        self.update()

    def texts(self) -> list[str]:
        """The numbers shown, row by row (for tests and the accessibility read-out)."""
        return [] if self._values is None or not self.isVisible() else [str(t) for t in self._values.ravel()]

    def boundingRect(self) -> QtCore.QRectF:
        h, w = self._shape
        return QtCore.QRectF(0, 0, w, h)

    def paint(self, painter: QtGui.QPainter, *_args) -> None:
        if self._values is None:
            return
        transform = painter.transform()
        origin = transform.map(QtCore.QPointF(0, 0))
        one = transform.map(QtCore.QPointF(1, 1))
        cell_w, cell_h = abs(one.x() - origin.x()), abs(one.y() - origin.y())
        cell_px = min(cell_w, cell_h)
        px = fitting_text_px(cell_px, self._longest)
        if px is None:
            return  # digits under 8 px cannot be read: leave the colours alone
        font = QtGui.QFont()
        font.setPixelSize(px)
        painter.save()
        painter.resetTransform()
        painter.setFont(font)
        black, white = QtGui.QColor("#000000"), QtGui.QColor("#ffffff")
        align = QtCore.Qt.AlignmentFlag.AlignCenter
        h, w = self._shape
        for r in range(h):
            for c in range(w):
                centre = transform.map(QtCore.QPointF(c + 0.5, r + 0.5))
                painter.setPen(black if self._dark[r, c] else white)
                painter.drawText(QtCore.QRectF(centre.x() - cell_w / 2, centre.y() - cell_h / 2, cell_w, cell_h),
                                 align, self._values[r, c])
        painter.restore()


class CellGrid(QtWidgets.QGraphicsItem):
    """Hairlines between the cells of a map and around it, so cells of the background's colour
    (zeros on black in lecture mode) still read as cells."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shape = (0, 0)
        self.setZValue(2)

    def set_shape(self, shape) -> None:
        if tuple(shape) != self._shape:
            self.prepareGeometryChange()
            self._shape = tuple(shape)

    def boundingRect(self) -> QtCore.QRectF:
        h, w = self._shape
        return QtCore.QRectF(0, 0, w, h)

    def paint(self, painter: QtGui.QPainter, *_args) -> None:
        h, w = self._shape
        if not h or not w:
            return
        t = painter.transform()
        box = t.mapRect(QtCore.QRectF(0, 0, w, h))  # in device pixels: a cosmetic pen stroked in
        # the map's own coordinates (512 cells scaled to 300 px) cost 160 us a rectangle
        pen = QtGui.QPen(QtGui.QColor(128, 128, 128))
        pen.setWidth(1)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)  # crisp pixel lines, and fast
        painter.setPen(pen)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        cell_w, cell_h = box.width() / w, box.height() / h
        if min(cell_w, cell_h) >= 6:  # thinner cells would turn grey under their lines
            lines = [QtCore.QLineF(box.left() + c * cell_w, box.top(), box.left() + c * cell_w, box.bottom())
                     for c in range(1, w)]
            lines += [QtCore.QLineF(box.left(), box.top() + r * cell_h, box.right(), box.top() + r * cell_h)
                      for r in range(1, h)]
            painter.drawLines(lines)
        painter.drawRect(box)
        painter.restore()


class PaddingRing(QtWidgets.QGraphicsItem):
    """The padded cells around an input: each in the colour of the value the boundary mode gives
    it (faded), outlined dashed, with its value printed when the cells are large enough."""

    #: Above this many padded cells only the ring's outline is drawn.
    MAX_CELLS = 6000

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rgb: np.ndarray | None = None  # (H', W', 3) uint8, the padded picture
        self._texts: np.ndarray | None = None  # (H', W') strings, or None
        self._extent = (0, 0, 0, 0)
        self._cells: list[tuple[int, int]] = []
        self._cell_set: set = set()
        self._longest = 0
        self._outline = False
        self._inner = (0, 0)
        self._cell_px = 0.0  # at the last paint
        self.setZValue(3)

    def set_ring(self, rgb: np.ndarray | None, texts: np.ndarray | None, extent, *,
                 outline_of: tuple[int, int] | None = None) -> None:
        """``rgb``: the padded input's colours; ``extent``: (top, bottom, left, right) cells of padding;
        ``outline_of``: the input's (rows, cols) when only the ring's dashed outline is drawn (``rgb``
        None; a large input, whose cells are a few pixels)."""
        self.prepareGeometryChange()
        self._rgb, self._texts, self._extent = rgb, texts, tuple(extent)
        self._outline = outline_of is not None
        self._inner = tuple(outline_of) if outline_of is not None else (0, 0)
        self._cells = []
        if rgb is not None:
            top, bottom, left, right = self._extent
            rows, cols = rgb.shape[:2]
            inner = np.zeros((rows, cols), dtype=bool)
            inner[top:rows - bottom, left:cols - right] = True
            ring = np.argwhere(~inner)
            if len(ring) <= self.MAX_CELLS:
                self._cells = [(int(r), int(c)) for r, c in ring]
        self._cell_set = set(self._cells)
        self._longest = 0 if texts is None else max((len(texts[r, c]) for r, c in self._cells), default=0)
        self.update()

    def labels(self, row: int, col: int) -> bool:
        """Whether the padded cell at (row, col) of the map (outside it) shows its value now."""
        if self._texts is None or not self.isVisible() or fitting_text_px(self._cell_px, self._longest) is None:
            return False
        top, _bottom, left, _right = self._extent
        r, c = row + top, col + left
        return 0 <= r < self._texts.shape[0] and 0 <= c < self._texts.shape[1] and (r, c) in self._cell_set

    def padded_cells(self) -> int:
        """How many padded cells are drawn one by one (for tests)."""
        return len(self._cells) if self.isVisible() else 0

    def _rows_cols(self) -> tuple[int, int]:
        """(rows, cols) of the padded picture."""
        if self._rgb is not None:
            return self._rgb.shape[:2]
        top, bottom, left, right = self._extent
        return self._inner[0] + top + bottom, self._inner[1] + left + right

    def boundingRect(self) -> QtCore.QRectF:
        if self._rgb is None and not self._outline:
            return QtCore.QRectF()
        top, _bottom, left, _right = self._extent
        rows, cols = self._rows_cols()
        return QtCore.QRectF(-left, -top, cols, rows)

    def paint(self, painter: QtGui.QPainter, *_args) -> None:
        if self._rgb is None and not self._outline:
            return
        top, _bottom, left, _right = self._extent
        rows, cols = self._rows_cols()
        t = painter.transform()
        cell_px = self._cell_px = min(abs(t.m11()) + abs(t.m21()), abs(t.m12()) + abs(t.m22()))
        dashed = QtGui.QPen(QtGui.QColor(PADDED))
        dashed.setCosmetic(True)
        dashed.setWidthF(1.5)
        dashed.setStyle(QtCore.Qt.PenStyle.DashLine)
        if not self._cells or cell_px < 4:
            painter.save()
            painter.resetTransform()  # stroked in device pixels (see CellGrid.paint)
            painter.setPen(dashed)
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawRect(t.mapRect(QtCore.QRectF(-left, -top, cols, rows)))
            painter.restore()
            return
        painter.setPen(dashed)
        for r, c in self._cells:
            colour = QtGui.QColor(*(int(v) for v in self._rgb[r, c]))
            colour.setAlpha(100)
            painter.setBrush(colour)
            painter.drawRect(QtCore.QRectF(c - left, r - top, 1, 1))
        px = None if self._texts is None else fitting_text_px(cell_px, self._longest)
        if px is None:
            return
        font = QtGui.QFont()
        font.setPixelSize(px)
        font.setItalic(True)
        painter.save()
        painter.resetTransform()
        painter.setFont(font)
        painter.setPen(pg.mkColor(pg.getConfigOption("foreground")))
        for r, c in self._cells:
            box = t.mapRect(QtCore.QRectF(c - left, r - top, 1, 1))
            painter.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, self._texts[r, c])
        painter.restore()
