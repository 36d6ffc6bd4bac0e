"""One titled map: its picture, the numbers in its cells, grid lines, padded cells, a colour
bar and overlays, as pyqtgraph items (:mod:`convviz.ui.qt_map_items`).  Signed maps use a
zero-centred diverging colour map; non-negative ones use grey.  :class:`QtMapGrid`
(:mod:`convviz.ui.qt_map_view`) places maps in grids; the training window uses them alone."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.trace import format_number
from convviz.model.pipeline import LazyMaps, PipelineCache
from convviz.render import colormaps

from .qt_color_bar import ColorBar
from .qt_map_items import _CACHED, CellGrid, CellImageItem, CellValues, PaddingRing

#: Print values inside cells when a map has at most this many cells per side.
MAX_TEXT_SIDE = 16


def cell_text(value: float, digits: int = 4) -> str:
    """A cell's number to ``digits`` significant digits (4: :func:`format_number`); a fraction never
    rounds to a whole number, so W − lr·dW's 1.022 reads 1.02 or 1.0, not W's 1."""
    if digits >= 4:
        return format_number(value)
    text = format_number(float(f"{value:.{digits}g}"))
    if "." not in text and "e" not in text and not float(value).is_integer():
        text = f"{value:.1f}"
    return text


def lut_for(signed: bool) -> np.ndarray:
    """The exporters' (256, 3) table (so a saved PNG looks like the window): zero-centred
    blue-white-red for signed maps, grey otherwise.  One shared object per map."""
    return colormaps.lookup_table("diverging" if signed else "gray")


def as_2d(arr: np.ndarray) -> np.ndarray:
    """1D signals are drawn as a single row of boxes."""
    return arr[None, :] if arr.ndim == 1 else arr


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


def _label_width(label: pg.LabelItem) -> float:
    """The width a label's text takes on one line."""
    label.item.setTextWidth(-1)
    return label.item.boundingRect().width()


def _wrap_label(label: pg.LabelItem, width: float) -> float:
    """Wrap the label's text at ``width`` px (centred) when one line is wider; returns its height."""
    natural = _label_width(label)
    if natural > width > 0:
        label.item.document().setDefaultTextOption(QtGui.QTextOption(QtCore.Qt.AlignmentFlag.AlignHCenter))
        label.item.setTextWidth(width)
    label.updateMin()
    return label.item.boundingRect().height()


class MapCell:
    """One titled map (not a widget: an item group), inside a pyqtgraph layout or, with
    ``layout=None``, placed by its :class:`QtMapGrid` (``parent``: the grid's canvas)."""

    def __init__(self, layout: pg.GraphicsLayout | None, title: str, *, drawable: bool = False,
                 title_size: str = "9pt", parent=None):
        view_opts = dict(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False)
        if layout is not None:
            self.title = cached_label(layout.addLabel(title, size=title_size))
            layout.nextRow()
            self.view = layout.addViewBox(**view_opts)
        else:
            # Not cached as a pixmap: a cached title moved by a new layout was left undrawn.
            self.title = pg.LabelItem(title, parent=parent, size=title_size)
            self.view = pg.ViewBox(**view_opts)
            # Parented after construction: the view hooks into its scene's paint preparation
            # only from itemChange, which a constructor's parent does not reach.
            self.view.setParentItem(parent)
            # Hover windows of pooling may reach past the map's edge (padded cells): not clipped.
            self.view.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, False)
        self.full_title = title
        self.view.setDefaultPadding(0.02)
        self.image = CellImageItem(axisOrder="row-major", drawable=drawable)
        self.view.addItem(self.image)
        self.values = CellValues()
        self.view.addItem(self.values)
        self.grid_lines = CellGrid()
        self.view.addItem(self.grid_lines)
        self.padding = PaddingRing()
        self.view.addItem(self.padding)
        self.bar: ColorBar | None = None  # its own colour bar, on a per-map scale
        self.levels: tuple[float, float] = (0.0, 1.0)
        self._maps = None  # the sequence the shown map belongs to (the pipeline's LazyMaps, or arrays)
        self._index = 0
        self._overlays: list[QtWidgets.QGraphicsRectItem] = []
        self._shape: tuple[int, int] | None = None
        self._extent: tuple[int, int, int, int] = (0, 0, 0, 0)  # extra cells top, bottom, left, right
        self._margin = None  # (pixels around the map, cell px) once placed by a grid
        self._placement = None  # the arguments of the last place()
        self.on_geometry = None  # called when the shape or extent changes (the grid lays out again)
        self.show_values = True
        self.digits = 4  # significant digits the cells print (fewer where the cells are too small for 4)
        self._work: np.ndarray | None = None  # float32 scratch for full-resolution colour indices
        self._source: tuple | None = None  # (token, levels, table, rgb, values shown) last drawn

    @property
    def data(self) -> np.ndarray | None:
        """The numbers behind the picture (the image holds colour indices), as a 2D array."""
        return None if self._maps is None else as_2d(np.asarray(self._maps[self._index]))

    @property
    def shape(self) -> tuple[int, int] | None:
        """(rows, cols) of the map shown (1D maps are one row)."""
        return self._shape

    @property
    def extent(self) -> tuple[int, int, int, int]:
        return self._extent

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
            self.levels = tuple(levels)
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
                index: np.ndarray | None = None, step: int | None = None, pixels: np.ndarray | None = None) -> None:
        """Show map ``i`` of ``maps`` (``index``: its :meth:`picture` at ``step``, and ``pixels``
        those indices through ``lut``, if already made)."""
        levels = tuple(levels)
        self._source = (maps.token(i), levels, None if lut is None else id(lut), False, self.show_values)
        self._maps, self._index = maps, i
        self.levels = levels
        centred = lut is colormaps.lookup_table("diverging")
        if index is None:
            step = self.image.screen_step
            index = self.picture(maps, i, levels, step, centred=centred)
        shape = maps.shape(i)
        cells = (1, shape[0]) if len(shape) == 1 else shape[:2]
        self.image.set_indexed(index, lut, step=step if step is not None else 1, cells=cells, pixels=pixels,
                               picture_at=lambda st: self.picture(maps, i, levels, st, centred=centred))
        self._shown(cells, levels, rgb=False)

    def _shown(self, shape, levels, *, rgb: bool) -> None:
        shape = tuple(shape)
        if shape != self._shape:
            self._shape = shape
            self.grid_lines.set_shape(shape)
            self._geometry_changed()
        if self.show_values and max(shape) <= MAX_TEXT_SIDE:
            data = self.data
            self._update_texts(data if not rgb else data.mean(axis=2), levels, rgb)
        else:
            self.values.set_values(None)

    def set_extent(self, top: int, bottom: int, left: int, right: int) -> None:
        """Show this many cells of padding around the map (for receptive fields)."""
        if (top, bottom, left, right) != self._extent:
            self._extent = (top, bottom, left, right)
            self._geometry_changed()

    def _geometry_changed(self) -> None:
        if self.on_geometry is not None:
            self.on_geometry()
        else:
            self._fit()

    def _fit(self) -> None:
        if self._shape is None:
            return
        h, w = self._shape
        top, bottom, left, right = self._extent
        rect = QtCore.QRectF(-left, -top, w + left + right, h + top + bottom)
        if self._margin is None:
            self.view.setRange(rect, padding=0.02)
            return
        margin, cell_px = self._margin
        m = margin / cell_px
        self.view.setRange(rect.adjusted(-m, -m, m, m), padding=0)

    def cells_size(self) -> tuple[int, int]:
        """(rows, cols) the view shows: the map and its extent."""
        if self._shape is None:
            return (1, 1)
        h, w = self._shape
        top, bottom, left, right = self._extent
        return h + top + bottom, w + left + right

    def short_title(self) -> str:
        """The title without the map's shape ("F12" of "F12  26×26")."""
        return self.full_title.split("  ")[0]

    def place(self, x: float, y: float, width: float, title_h: float, cell_px: float, *, bar_w: float = 0,
              bar_h: float = 0, margin: float = 3, short: bool = False) -> None:
        """Title across ``width`` at (x, y) (``short``: without the shape); below it the map at
        ``cell_px`` per cell, centred, and on a per-map scale its own colour bar, ``bar_w`` wide to
        its right or ``bar_h`` high under it."""
        set_label(self.title, self.short_title() if short else self.full_title,
                  size=self.title.opts.get("size", "9pt"))
        self.title.setGeometry(QtCore.QRectF(x, y, width, title_h))
        placement = (x, y, width, title_h, cell_px, bar_w, bar_h, margin, self.cells_size(), self._extent)
        if placement == self._placement:
            return  # a new layout (a new grid title, say) that moves nothing of this map
        self._placement = placement
        rows, cols = self.cells_size()
        view_w, view_h = cols * cell_px + 2 * margin, rows * cell_px + 2 * margin
        left = x + (width - bar_w - view_w) / 2
        self.view.setGeometry(QtCore.QRectF(left, y + title_h, view_w, view_h))
        self._margin = (margin, max(cell_px, 1e-6))
        self._fit()
        if self.bar is not None:
            self.bar.setVisible(bar_w > 0 or bar_h > 0)
            if bar_w > 0:  # as high as the map: a taller bar ran into the title of the map below
                self.bar.set_horizontal(False)
                self.bar.setGeometry(QtCore.QRectF(left + view_w + 4, y + title_h, bar_w - 4, view_h))
            elif bar_h > 0:
                self.bar.set_horizontal(True)
                bar_width = min(width, max(view_w, 80.0))
                self.bar.setGeometry(QtCore.QRectF(x + (width - bar_width) / 2, y + title_h + view_h + 2, bar_width,
                                                   bar_h - 4))

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
        texts = np.array([cell_text(float(v), self.digits) for v in arr2.ravel()], dtype=object).reshape(h, w)
        self.values.set_values(texts, np.asarray(dark))

    def set_digits(self, digits: int) -> None:
        """Print the cells' numbers to ``digits`` significant digits (the value behind them unchanged)."""
        if digits != self.digits:
            self.digits = digits
            if self._source is not None and not self._source[3] and self._maps is not None:  # not RGB
                self._update_texts(self.data, self.levels, False)

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
        if self.padding.labels(int(row), int(col)):
            return  # the padded cell's value is printed already
        t = pg.TextItem(text, color=color, anchor=(0.5, 0.5))
        t.setPos(col + 0.5, row + 0.5)
        t.setZValue(11)
        self.view.addItem(t)
        self._overlays.append(t)
