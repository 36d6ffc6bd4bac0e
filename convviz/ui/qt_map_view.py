"""Maps drawn cell by cell: the input canvas, feature maps and pooled maps.

Each map is a pyqtgraph ViewBox holding an ImageItem (explicit levels and a
256-entry lookup table, as pyqtgraph's fast-image examples do), optional
numbers printed inside the cells when the map is small enough to read, and
overlays for highlighted cells.  Signed maps use a zero-centred diverging
colour map; non-negative ones use grey.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.parallel import map_threads
from convviz.model.pipeline import LazyMaps, PipelineCache
from convviz.core.trace import format_number
from convviz.export import colormaps

#: Print values inside cells when a map has at most this many cells per side.
MAX_TEXT_SIDE = 16

display_levels = colormaps.levels_for


def lut_for(signed: bool) -> np.ndarray:
    """The exporters' (256, 3) table (so a saved PNG looks like the window): zero-centred
    blue-white-red for signed maps, grey otherwise.  One shared object per map."""
    return colormaps.lookup_table("diverging" if signed else "gray")


def as_2d(arr: np.ndarray) -> np.ndarray:
    """1D signals are drawn as a single row of boxes."""
    return arr[None, :] if arr.ndim == 1 else arr


_CACHED = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache


def cached_label(label: pg.LabelItem) -> pg.LabelItem:
    """Draw the label's rich text once into a pixmap and blit it on later repaints
    (laying out HTML text costs more than the map image itself)."""
    label.item.setCacheMode(_CACHED)
    return label


def set_label(label: pg.LabelItem, text: str, **opts) -> None:
    """LabelItem.setText re-lays out HTML (about 0.4 ms each): skip it when nothing changed."""
    if label.text != text:
        label.setText(text, **opts)


def shown_blocks(low: np.ndarray, high: np.ndarray, *, centred: bool) -> np.ndarray:
    """The value each block of a thumbnail shows, from its extremes (``core.pool.block_extremes``):
    the largest on the grey map; on a zero-centred diverging map the one farthest from zero,
    so a single strong cell of either sign still shows."""
    if not centred:
        return high
    return np.where(high >= -low, high, low)


def as_maps(arrays) -> LazyMaps:
    """The pipeline's LazyMaps as they are; plain arrays as LazyMaps with no activation, so the
    views ask every sequence of maps the same questions (shape, block extremes, what a map is
    made of)."""
    if isinstance(arrays, LazyMaps):
        return arrays
    return LazyMaps([np.asarray(a) for a in arrays], "none", PipelineCache())


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
        self.screen_step = 1  # cells per screen pixel at the last paint

    def set_indexed(self, index: np.ndarray, table: np.ndarray, *, step: int = 1, cells=None,
                    picture_at=None) -> None:
        """Show colour indices (uint8) through a (256, 3) table.

        ``index`` covers the whole map (``step`` 1) or, for a map larger than its view,
        its ``step`` x ``step`` blocks (``cells``: the map's own rows and cols, which
        stay the item's coordinates, so hover still names map cells).  ``picture_at(step)``
        makes the indices at another step when the view is resized or zoomed.
        The colour table is made once per colour map, the indices go to Qt as they are.
        """
        cells = tuple(cells) if cells is not None else index.shape[:2]
        resized = cells != self._cells
        if resized:
            self.prepareGeometryChange()
        self._cells = cells
        self.step = step
        self._picture_at = picture_at
        self._qimage_small = None
        self._color_table = _color_table(table)
        self.setImage(index, levels=(0, 255), lut=table, autoLevels=False)
        if resized:
            self.informViewBoundsChanged()

    def clear_indexed(self) -> None:
        """Back to pyqtgraph's own drawing (RGB images)."""
        if self._cells is not None:
            self.prepareGeometryChange()
        self._color_table = self._cells = self._picture_at = self._qimage_small = None
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
            self._qimage_small = None
            self._renderRequired = True
        if self.step < 2:
            super().paint(painter, *args)
            return
        small = self.image
        if self._qimage_small is None:
            self._qimage_small = _rgb32(small, self._color_table)
        # Blocks are step x step cells (an axis shorter than the step is not shrunk); a last
        # partial block (under one screen pixel) is left out rather than stretched.
        sy, sx = (max(1, min(self.step, n)) for n in self._cells)
        painter.drawImage(QtCore.QRectF(0, 0, small.shape[1] * sx, small.shape[0] * sy), self._qimage_small)

    def render(self):
        img = self.image
        if self._color_table is not None and img is not None and img.dtype == np.uint8 and img.ndim == 2:
            self.qimage = _rgb32(img, self._color_table)
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
        if not self.drawable or ev.button() not in (QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton):
            ev.ignore()
            return
        ev.accept()
        # From where the mouse was at the last report (or where the button went down) to where
        # it is: a quick stroke crosses several cells between two reports.
        start = self._cell(ev.buttonDownPos() if ev.isStart() else ev.lastPos())
        row, col = self._cell(ev.pos())
        if self._inside(row, col) or self._inside(*start):
            self.stroke.emit(*start, row, col, ev.button())


class CellValues(QtWidgets.QGraphicsItem):
    """Every cell's value printed in the middle of its cell: one item, one paint, for the whole map.

    (One pyqtgraph TextItem per cell costs about 1 ms to create and re-lays out
    HTML on each change; this draws plain text with QPainter at the cell size
    the view currently gives, so numbers fit their cells at any zoom.)
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values: np.ndarray | None = None  # (h, w) of strings
        self._dark: np.ndarray | None = None  # (h, w) bool: draw this cell's number in black
        self._shape = (0, 0)
        self.setZValue(5)
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)

    def set_values(self, texts: np.ndarray | None, dark: np.ndarray | None = None) -> None:
        self.prepareGeometryChange()
        self._values, self._dark = texts, dark
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
        if cell_px < 9:
            return  # too small to read: leave the colours alone
        font = QtGui.QFont()
        font.setPixelSize(int(max(7, min(28, cell_px * 0.38))))
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


class ColorBar(pg.GraphicsWidget):
    """A vertical colour bar with its levels written beside it.

    pyqtgraph's ColorBarItem is a whole PlotItem (axes, menus, a ViewBox) and
    costs about 50 ms to build; the window needs only the gradient and the
    numbers at the ends and the middle.
    """

    def __init__(self, table: np.ndarray, levels=(0.0, 1.0), *, width: int = 14):
        super().__init__()
        self._width = width
        self._levels = tuple(levels)
        self._gradient: QtGui.QImage | None = None
        self.set_table(table)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Fixed, QtWidgets.QSizePolicy.Policy.Expanding)
        self.set_text_scale(1.0)
        self.setCacheMode(_CACHED)  # repainted from a pixmap until the levels or the map change

    def set_text_scale(self, scale: float) -> None:
        """The numbers ``scale`` times their usual 10 px (lecture mode), with room for them."""
        self._text_px = round(10 * scale)
        self.setMinimumWidth(self._width + round(46 * scale))
        self.setMaximumWidth(self._width + round(46 * scale))
        self.update()

    _gradients: dict = {}  # id(table) -> (table, QImage), shared by every bar

    def set_table(self, table: np.ndarray) -> None:
        """The colour map as a (256, 3) uint8 table (lowest value first)."""
        entry = ColorBar._gradients.get(id(table))
        if entry is None or entry[0] is not table:
            rgba = np.empty((256, 1, 4), dtype=np.uint8)
            rgba[:, 0, :3], rgba[:, 0, 3] = table[::-1, :3], 255
            image = QtGui.QImage(rgba.tobytes(), 1, 256, 4, QtGui.QImage.Format.Format_RGBA8888).copy()
            entry = ColorBar._gradients[id(table)] = (table, image)
        if entry[1] is not self._gradient:
            self._gradient = entry[1]
            self.update()

    def setLevels(self, levels) -> None:  # noqa: N802
        levels = (float(levels[0]), float(levels[1]))
        if levels != self._levels:  # an unchanged bar is not repainted (nor its grid's view)
            self._levels = levels
            self.update()

    def levels(self) -> tuple[float, float]:
        return self._levels

    def paint(self, painter: QtGui.QPainter, *_args) -> None:
        rect = self.boundingRect()
        top, bottom = rect.top() + 8, rect.bottom() - 8
        if bottom - top < 20:
            return
        bar = QtCore.QRectF(rect.left() + 2, top, self._width, bottom - top)
        painter.drawImage(bar, self._gradient)
        pen = pg.mkPen(pg.getConfigOption("foreground"))
        painter.setPen(pen)
        painter.drawRect(bar)
        font = QtGui.QFont()
        font.setPixelSize(self._text_px)
        painter.setFont(font)
        lo, hi = self._levels
        h = 1.6 * self._text_px
        for value, y in ((hi, top), ((lo + hi) / 2, (top + bottom) / 2), (lo, bottom)):
            painter.drawLine(QtCore.QPointF(bar.right(), y), QtCore.QPointF(bar.right() + 4, y))
            painter.drawText(QtCore.QRectF(bar.right() + 6, y - h / 2, 4 * self._text_px, h),
                             QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter,
                             format_number(value))


class MapCell:
    """One titled map inside a :class:`QtMapGrid` (not a widget: an item group)."""

    def __init__(self, layout: pg.GraphicsLayout, title: str, *, drawable: bool = False, title_size: str = "9pt"):
        self.title = cached_label(layout.addLabel(title, size=title_size))
        layout.nextRow()
        self.view = layout.addViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False)
        self.view.setDefaultPadding(0.02)
        self.image = CellImageItem(axisOrder="row-major", drawable=drawable)
        self.view.addItem(self.image)
        self.values = CellValues()
        self.view.addItem(self.values)
        self._maps = None  # the sequence the shown map belongs to (the pipeline's LazyMaps, or arrays)
        self._index = 0
        self._overlays: list[QtWidgets.QGraphicsRectItem] = []
        self._shape: tuple[int, int] | None = None
        self._extent: tuple[int, int, int, int] = (0, 0, 0, 0)  # extra cells top, bottom, left, right
        self.show_values = True
        self._work: np.ndarray | None = None  # float32 scratch for full-resolution colour indices
        self._source: tuple | None = None  # (token, levels, table, rgb, values shown) last drawn

    @property
    def data(self) -> np.ndarray | None:
        """The numbers behind the picture (the image holds colour indices), as a 2D array."""
        return None if self._maps is None else as_2d(np.asarray(self._maps[self._index]))

    def shows(self, maps: LazyMaps, i: int, levels, lut) -> bool:
        """Whether this cell already shows map ``i`` of ``maps`` (the same arrays) this way."""
        source, token = self._source, maps.token(i)
        return (source is not None and source[0][0] is token[0] and source[0][1] == token[1]
                and source[1] == tuple(levels) and source[2] == id(lut) and not source[3]
                and source[4] == self.show_values)

    def picture(self, maps: LazyMaps, i: int, levels: tuple[float, float], step: int, *, centred: bool) -> np.ndarray:
        """Colour indices of map ``i`` as the exporters compute them (colormaps.indices): of
        every cell at ``step`` 1, else of its ``step`` x ``step`` blocks (see :func:`shown_blocks`).
        Pure numpy on this cell's own scratch buffer, so the cells of a grid can make theirs on
        all cores at once."""
        if step > 1 and max(maps.shape(i)) > 1:
            low, high = maps.block_extremes(i, step)
            return colormaps.indices(shown_blocks(low, high, centred=centred), levels)
        arr2 = as_2d(np.asarray(maps[i]))
        if self._work is None or self._work.shape != arr2.shape:
            self._work = np.empty(arr2.shape, dtype=np.float32)
        return colormaps.indices(arr2, levels, work=self._work)

    def set_data(self, arr: np.ndarray, levels: tuple[float, float], lut: np.ndarray, *, rgb: bool = False) -> None:
        """Show one array: grey or diverging through ``lut``, or (``rgb``) as colours."""
        if rgb:
            self._source = ((arr, None), tuple(levels), None, True, self.show_values)
            self._maps, self._index = [arr], 0
            arr2 = np.asarray(arr)
            # 8-bit RGB goes to Qt as an RGB888 image with no conversion by pyqtgraph.
            if arr2.dtype != np.uint8:
                arr2 = (np.clip(arr2, 0, 1) * 255).round().astype(np.uint8)
            self.image.clear_indexed()
            self.image.setImage(np.ascontiguousarray(arr2), levels=None, lut=None, autoLevels=False)
            self._shown(arr2.shape[:2], levels, rgb=True)
            return
        self.set_map(as_maps([arr]), 0, levels, lut)

    def set_map(self, maps: LazyMaps, i: int, levels: tuple[float, float], lut: np.ndarray, *,
                index: np.ndarray | None = None, step: int | None = None) -> None:
        """Show map ``i`` of ``maps`` (``index``: its :meth:`picture` at ``step``, if already made)."""
        levels = tuple(levels)
        self._source = (maps.token(i), levels, None if lut is None else id(lut), False, self.show_values)
        self._maps, self._index = maps, i
        centred = lut is colormaps.lookup_table("diverging")
        if index is None:
            step = self.image.screen_step
            index = self.picture(maps, i, levels, step, centred=centred)
        shape = maps.shape(i)
        cells = (1, shape[0]) if len(shape) == 1 else shape[:2]
        self.image.set_indexed(index, lut, step=step if step is not None else 1, cells=cells,
                               picture_at=lambda st: self.picture(maps, i, levels, st, centred=centred))
        self._shown(cells, levels, rgb=False)

    def _shown(self, shape, levels, *, rgb: bool) -> None:
        if shape != self._shape:
            self._shape = shape
            self._fit()
        if self.show_values and max(shape) <= MAX_TEXT_SIDE:
            data = self.data
            self._update_texts(data if not rgb else data.mean(axis=2), levels, rgb)
        else:
            self.values.set_values(None)

    def set_extent(self, top: int, bottom: int, left: int, right: int) -> None:
        """Show this many cells of padding around the map (for receptive fields)."""
        if (top, bottom, left, right) != self._extent:
            self._extent = (top, bottom, left, right)
            self._fit()

    def _fit(self) -> None:
        if self._shape is None:
            return
        h, w = self._shape
        top, bottom, left, right = self._extent
        self.view.setRange(QtCore.QRectF(-left, -top, w + left + right, h + top + bottom), padding=0.02)

    def _update_texts(self, arr2: np.ndarray, levels, rgb: bool) -> None:
        h, w = arr2.shape
        if not (self.show_values and max(h, w) <= MAX_TEXT_SIDE):
            self.values.set_values(None)
            return
        lo, hi = levels
        if rgb or lo >= 0:
            dark = arr2 > (lo + hi) / 2  # light cells of the grey map get black numbers
        else:
            dark = np.abs(arr2) < 0.6 * hi  # the diverging map is pale around zero
        texts = np.array([format_number(float(v)) for v in arr2.ravel()], dtype=object).reshape(h, w)
        self.values.set_values(texts, np.asarray(dark))

    def shown_values(self) -> list[str]:
        """The numbers printed in the cells, row by row ([] when the map is too large to print)."""
        return self.values.texts()

    def clear_overlays(self) -> None:
        for item in self._overlays:
            self.view.removeItem(item)
        self._overlays.clear()

    def add_cells(self, cells, color: str, *, dashed: bool = False, fill_alpha: int = 60, width: float = 0.08) -> None:
        """Outline cells (row, col) on this map; coordinates may lie outside it (padding)."""
        pen = QtGui.QPen(QtGui.QColor(color))
        pen.setWidthF(width)
        pen.setCosmetic(False)
        if dashed:
            pen.setStyle(QtCore.Qt.PenStyle.DashLine)
        brush_color = QtGui.QColor(color)
        brush_color.setAlpha(fill_alpha)
        for r, c in cells:
            rect = QtWidgets.QGraphicsRectItem(c, r, 1, 1)
            rect.setPen(pen)
            rect.setBrush(QtGui.QBrush(brush_color))
            rect.setZValue(10)
            self.view.addItem(rect)
            self._overlays.append(rect)

    def add_label(self, row: float, col: float, text: str, color: str) -> None:
        t = pg.TextItem(text, color=color, anchor=(0.5, 0.5))
        t.setPos(col + 0.5, row + 0.5)
        t.setZValue(11)
        self.view.addItem(t)
        self._overlays.append(t)


class QtMapGrid(pg.GraphicsLayoutWidget):
    """A titled grid of maps sharing one colour scale and one colour bar."""

    hovered = QtCore.Signal(int, int, int)  # map index, row, col (-1s when leaving)
    clicked = QtCore.Signal(int, int, int)
    save_requested = QtCore.Signal(int)  # map index
    copy_requested = QtCore.Signal(int)

    def __init__(self, title: str, parent=None, *, columns: int = 4):
        super().__init__(parent=parent)
        self.setBackground(None)
        self.columns = columns
        self._title = cached_label(self.addLabel(title, size="11pt", bold=True, colspan=2))
        self._title.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        self.nextRow()
        self._maps_layout = self.addLayout()
        self._bar = ColorBar(lut_for(False), (0, 1), width=14)
        self.addItem(self._bar)
        self.cells: list[MapCell] = []
        self._arrays: list[np.ndarray] = []
        self.show_values = True
        self.levels: tuple[float, float] = (0.0, 1.0)
        self.signed = False
        self._extrema: list = []  # (min, max) of each map shown
        self._scale = 1.0

    def _sizes(self) -> tuple[str, str]:
        """The grid's title and the maps' titles, in points."""
        return f"{11 * self._scale:g}pt", f"{9 * self._scale:g}pt"

    def set_title(self, title: str) -> None:
        set_label(self._title, title, size=self._sizes()[0], bold=True)

    def set_type_scale(self, scale: float) -> None:
        """Titles and the colour bar's numbers ``scale`` times their usual size (lecture mode's
        large type; the values in the cells follow the cells' size already)."""
        self._scale = scale
        grid_size, map_size = self._sizes()
        self._title.setText(self._title.text, size=grid_size, bold=True)
        for cell in self.cells:
            cell.title.setText(cell.title.text, size=map_size)
        self._bar.set_text_scale(scale)

    def _ensure(self, n: int, titles: list[str]) -> None:
        if len(self.cells) != n:
            self._maps_layout.clear()
            self.cells = []
            cols = min(self.columns, max(1, n))
            for i in range(n):
                sub = self._maps_layout.addLayout(row=(i // cols), col=i % cols)
                cell = MapCell(sub, titles[i], title_size=self._sizes()[1])
                cell.image.hovered.connect(lambda r, c, i=i: self.hovered.emit(i, r, c))
                cell.image.clicked.connect(lambda r, c, i=i: self.clicked.emit(i, r, c))
                self.cells.append(cell)
        for cell, title in zip(self.cells, titles):
            set_label(cell.title, title, size=self._sizes()[1])
            cell.show_values = self.show_values

    def set_maps(self, arrays, titles: list[str], extrema: list[tuple] | None = None) -> None:
        """Show ``arrays`` (arrays, or the pipeline's LazyMaps) on one shared scale; ``extrema``, each array's (min, max), when the
        caller knows them (the pipeline derives them cheaply)."""
        arrays = as_maps(arrays)
        self._ensure(len(arrays), titles)
        self._arrays = arrays
        if extrema is None:  # numpy passes over every map, on all cores
            present = [a for a in arrays if a.size]
            extrema = map_threads(lambda a: (a.min(), a.max()), present, elements=sum(a.size for a in present))
        self._extrema = extrema
        lo, hi, signed = display_levels(arrays, extrema)
        self.levels, self.signed = (lo, hi), signed
        lut = lut_for(signed)
        # Pictures: colour indices on all cores (at each view's screen resolution), only for maps
        # not already shown at these levels.
        centred = lut is colormaps.lookup_table("diverging")
        stale = [(i, cell, cell.image.screen_step) for i, cell in enumerate(self.cells)
                 if not cell.shows(arrays, i, (lo, hi), lut)]
        pictures = map_threads(lambda job: job[1].picture(arrays, job[0], (lo, hi), job[2], centred=centred), stale,
                               elements=sum(int(np.prod(arrays.shape(i))) for i, _, _ in stale))
        for (i, cell, step), index in zip(stale, pictures):
            cell.set_map(arrays, i, (lo, hi), lut, index=index, step=step)
        self._bar.set_table(lut)
        self._bar.setLevels((lo, hi))

    def set_show_values(self, show: bool) -> None:
        self.show_values = show
        for cell in self.cells:
            cell.show_values = show
        if self._arrays:
            self.set_maps(self._arrays, [c.title.text for c in self.cells], self._extrema)

    def clear_overlays(self) -> None:
        for cell in self.cells:
            cell.clear_overlays()

    def map_at(self, pos: QtCore.QPoint) -> int:
        """Index of the map under a widget position, or -1."""
        scene_pos = self.mapToScene(pos)
        for i, cell in enumerate(self.cells):
            if cell.view.sceneBoundingRect().contains(scene_pos):
                return i
        return -1

    def contextMenuEvent(self, event) -> None:
        index = self.map_at(event.pos())
        if index < 0:
            return
        menu = QtWidgets.QMenu(self)
        menu.addAction(f"Save F{index + 1} as PNG…", lambda: self.save_requested.emit(index))
        menu.addAction(f"Copy F{index + 1} image", lambda: self.copy_requested.emit(index))
        menu.exec(event.globalPos())
