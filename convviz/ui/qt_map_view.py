"""Maps drawn cell by cell: the input canvas, feature maps and pooled maps.

Each map (:class:`MapCell`) is a titled pyqtgraph ViewBox holding the items of
:mod:`convviz.ui.qt_map_items`: its picture (explicit levels and a 256-entry lookup table,
as pyqtgraph's fast-image examples do), the numbers in its cells when they can be read,
hairlines between cells and overlays for highlighted cells.  Signed maps use a zero-centred
diverging colour map; non-negative ones use grey.  A :class:`QtMapGrid` lays its maps out
itself, in the rows x columns that give the largest cells for its pane, on one colour scale
or one per map.
"""

from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.parallel import map_threads
from convviz.core.trace import format_number
from convviz.model.pipeline import LazyMaps, PipelineCache
from convviz.render import colormaps

from .i18n import tr
from .qt_map_items import _CACHED, PADDED, CellGrid, CellImageItem, CellValues, ColorBar, PaddingRing, fitting_text_px  # noqa: F401 (re-exported: the panels and tests use them)
from .settings import app_settings

#: Print values inside cells when a map has at most this many cells per side.
MAX_TEXT_SIDE = 16
#: Pixels between two maps of a grid, and around the grid.
GAP, MARGIN = 10, 4
#: QSettings key of the colour-scale choice (shared by every grid of the window).
PER_MAP_KEY = "maps/per_map_scale"

display_levels = colormaps.levels_for


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
                index: np.ndarray | None = None, step: int | None = None) -> None:
        """Show map ``i`` of ``maps`` (``index``: its :meth:`picture` at ``step``, if already made)."""
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
        self.image.set_indexed(index, lut, step=step if step is not None else 1, cells=cells,
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
        if self.padding.labels(int(row), int(col)):
            return  # the padded cell's value is printed already
        t = pg.TextItem(text, color=color, anchor=(0.5, 0.5))
        t.setPos(col + 0.5, row + 0.5)
        t.setZValue(11)
        self.view.addItem(t)
        self._overlays.append(t)


def best_grid(n: int, cells: tuple[int, int], width: float, height: float, *, title_h: float = 0,
              extra_w: float = 0, pad: float = 6, gap: float = GAP,
              max_columns: int | None = None) -> tuple[int, int, float]:
    """(rows, columns, pixels per cell) that show ``n`` maps of ``cells`` (rows, cols) largest in a
    ``width`` x ``height`` area, each with a title ``title_h`` high above it and ``extra_w`` beside
    it (its colour bar), and ``pad`` pixels around each map."""
    best = (1, max(1, n), 0.0)
    h, w = cells
    for cols in range(1, max(1, min(n, max_columns or n)) + 1):
        rows = -(-n // cols)
        slot_w = (width - (cols - 1) * gap) / cols - extra_w - pad
        slot_h = (height - (rows - 1) * gap) / rows - title_h - pad
        px = min(slot_w / w, slot_h / h)
        if px > best[2]:
            best = (rows, cols, px)
    return best


class _Canvas(pg.GraphicsWidget):
    """The grid's central item: the view keeps it the viewport's size; it lays the maps out."""

    def __init__(self, on_resize):
        super().__init__()
        self._on_resize = on_resize

    def resizeEvent(self, ev):  # noqa: N802 (Qt's name)
        self._on_resize()


#: Every map grid alive: a change of the colour-scale choice reaches them all.
_GRIDS: weakref.WeakSet = weakref.WeakSet()


class QtMapGrid(pg.GraphicsView):
    """A titled grid of maps, laid out in whichever rows x columns gives the largest cells for
    the pane; one colour scale and bar for all maps, or one per map (the user's choice, a check
    box in the header, remembered)."""

    hovered = QtCore.Signal(int, int, int)  # map index, row, col (-1s when leaving)
    clicked = QtCore.Signal(int, int, int)
    save_requested = QtCore.Signal(int)  # map index
    copy_requested = QtCore.Signal(int)
    fit_px_changed = QtCore.Signal(float)  # pixels per cell the pane allows, before any cap

    def __init__(self, title: str, parent=None, *, columns: int | None = None, drawable: bool = False,
                 scale_choice_box: bool = True):
        super().__init__(parent=parent, background=None)
        self.columns = columns  # at most this many columns (None: whatever fits best)
        self.drawable = drawable
        self.canvas = _Canvas(self._layout)
        # Not cached as a pixmap: the title wraps (setTextWidth), and a cached wrapped title moved
        # by a new layout was left undrawn.
        self._title = pg.LabelItem(title, parent=self.canvas, size="11pt", bold=True)
        self._title.setVisible(bool(title))
        self.bar = ColorBar(lut_for(False), (0, 1), width=14)
        self.bar.setParentItem(self.canvas)
        self.per_map_box = QtWidgets.QCheckBox(tr("Colour scale per map"), self)
        self.per_map_box.setToolTip(tr("Each map on its own colour scale (with its own bar) instead of one "
                                       "scale shared by all maps"))
        self.per_map = app_settings().value(PER_MAP_KEY, False, type=bool)
        self.per_map_box.setChecked(self.per_map)
        self.per_map_box.toggled.connect(self._on_per_map_toggled)
        self._outline_box()
        self._with_box = scale_choice_box
        _GRIDS.add(self)
        self.cells: list[MapCell] = []
        self._arrays: list[np.ndarray] = []
        self.show_values = True
        self.levels: tuple[float, float] = (0.0, 1.0)
        self.signed = False
        self._extrema: list = []  # (min, max) of each map shown
        self._scale = 1.0
        self.show_bar = True  # the shared colour bar (an RGB input has none)
        self._extent = (0, 0, 0, 0)  # cells of room around every map (see set_extent)
        self.cell_cap: float | None = None  # at most this many pixels per cell (see link_cell_sizes)
        self.fit_px = 0.0
        self.cell_px = 0.0
        self.layout_shape = (0, 0)  # (rows, columns) of the last layout
        self.setCentralItem(self.canvas)  # last: it lays out at once

    # ------------------------------------------------------------------ layout
    def _sizes(self) -> tuple[str, str]:
        """The grid's title and the maps' titles, in points."""
        return f"{11 * self._scale:g}pt", f"{9 * self._scale:g}pt"

    def set_title(self, title: str) -> None:
        if title == self._title.text and self._title.isVisible() == bool(title):
            return  # the window sets it at every result: no new layout for the same words
        set_label(self._title, title, size=self._sizes()[0], bold=True)
        self._title.setVisible(bool(title))
        self._layout()

    def title_text(self) -> str:
        return self._title.text

    def set_type_scale(self, scale: float) -> None:
        """Titles and the colour bars' numbers ``scale`` times their usual size (lecture mode's
        large type; the values in the cells follow the cells' size already)."""
        self._scale = scale
        grid_size, map_size = self._sizes()
        self._title.setText(self._title.text, size=grid_size, bold=True)
        for cell in self.cells:
            cell.title.setText(cell.title.text, size=map_size)
            if cell.bar is not None:
                cell.bar.set_text_scale(0.9 * scale)
        self.bar.set_text_scale(scale)
        font = self.per_map_box.font()
        font.setPointSizeF(QtWidgets.QApplication.font().pointSizeF() * scale)
        self.per_map_box.setFont(font)
        self._layout()

    def set_cell_cap(self, px: float | None) -> None:
        """Draw cells at most ``px`` pixels wide (None: as large as the pane allows)."""
        if px != self.cell_cap:
            self.cell_cap = px
            self._layout()

    def _layout(self) -> None:
        """Place the header, the maps and the colour bar(s) in the canvas."""
        rect = self.canvas.rect()
        width, height = rect.width() - 2 * MARGIN, rect.height() - 2 * MARGIN
        if width <= 0 or height <= 0:
            return
        y = MARGIN
        box = self.per_map_box
        box_shown = self._with_box and len(self.cells) > 1
        box.setVisible(box_shown)
        box_w, box_h = (box.sizeHint().width(), box.sizeHint().height()) if box_shown else (0, 0)
        if box_shown and box.size() != box.sizeHint():
            box.resize(box.sizeHint())  # a child placed by hand keeps its first size otherwise
        if self._title.isVisible():
            one_line = _label_width(self._title) + box_w + 2 * GAP <= width
            title_w = width - box_w - GAP if one_line and box_shown else width
            title_h = _wrap_label(self._title, title_w)
            self._title.setGeometry(QtCore.QRectF(MARGIN, y, title_w, title_h))
            if box_shown:
                box_y = y + (title_h - box_h) / 2 if one_line else y + title_h
                box.move(int(MARGIN + width - box_w), int(box_y))
                y += max(title_h, box_h) if one_line else title_h + box_h
            else:
                y += title_h
        elif box_shown:
            box.move(int(MARGIN + width - box_w), int(y))
            y += box_h
        y += 2
        n = len(self.cells)
        if n == 0:
            self.bar.hide()
            return
        shared_bar = not self.per_map or n <= 1
        self.bar.setVisible(shared_bar and self.show_bar)
        map_title_h = max(c.title.item.boundingRect().height() if c.full_title else 0.0 for c in self.cells)
        shapes = [c.cells_size() for c in self.cells]
        cells = (max(s[0] for s in shapes), max(s[1] for s in shapes))
        area_h = rect.height() - MARGIN - y
        # The shared bar beside the maps or under them, and on a per-map scale each map's own bar
        # beside it or under it: whichever leaves the larger cells.
        choices = []
        for horizontal in ((False, True) if self.bar.isVisible() else (False,)):
            across = self.bar.thickness(horizontal) + GAP if self.bar.isVisible() else 0
            w, h = (width, area_h - across) if horizontal else (width - across, area_h)
            for cell_under in ((None,) if shared_bar else (False, True)):
                extra_w = extra_h = 0.0
                if cell_under is not None:
                    thickness = self.cells[0].bar.thickness(cell_under) + 4
                    extra_w, extra_h = (0.0, thickness) if cell_under else (thickness, 0.0)
                grid = best_grid(n, cells, w, h, title_h=map_title_h + extra_h, extra_w=extra_w,
                                 max_columns=self.columns)
                choices.append((grid[2], -horizontal, -bool(cell_under), horizontal, cell_under, extra_w, extra_h,
                                w, h, grid))
        _px, _, _, horizontal, cell_under, cell_bar_w, cell_bar_h, area_w, area_h, (rows, cols, px) = max(choices)
        self.bar.set_horizontal(horizontal)
        fit = max(px, 0.0)
        if fit != self.fit_px:
            self.fit_px = fit
            self.fit_px_changed.emit(fit)
        if self.cell_cap is not None:
            px = min(px, self.cell_cap)
        px = max(px, 0.05)
        self.cell_px, self.layout_shape = px, (rows, cols)
        # Each slot as wide as its map (and bar) or its title, the block of maps centred.
        for cell in self.cells:
            set_label(cell.title, cell.full_title, size=cell.title.opts.get("size", "9pt"))
        title_w = max(_label_width(c.title) for c in self.cells)
        slot_w = max(cells[1] * px + 6 + cell_bar_w, min(title_w + 4, (area_w - (cols - 1) * GAP) / cols))
        # Too narrow for "F12  26×26" (the shape is the same for every map): every title its name alone.
        short = title_w > slot_w
        slot_h = cells[0] * px + 6 + map_title_h + cell_bar_h
        block_w, block_h = cols * slot_w + (cols - 1) * GAP, rows * slot_h + (rows - 1) * GAP
        x0 = MARGIN + max(0.0, (area_w - block_w) / 2)
        y0 = y + max(0.0, (area_h - block_h) / 2)
        for i, cell in enumerate(self.cells):
            r, c = divmod(i, cols)
            cell.place(x0 + c * (slot_w + GAP), y0 + r * (slot_h + GAP), slot_w, map_title_h, px,
                       bar_w=cell_bar_w, bar_h=cell_bar_h, short=short)
        if not self.bar.isVisible():
            return
        if horizontal:
            bar_w = min(max(block_w, 160.0), width)
            self.bar.setGeometry(QtCore.QRectF(MARGIN + (width - bar_w) / 2, y0 + block_h + GAP, bar_w,
                                               self.bar.thickness()))
        else:
            bar_h = min(max(block_h - map_title_h, 160.0), area_h)
            top = y0 + map_title_h + (block_h - map_title_h - bar_h) / 2
            top = min(max(top, y), rect.height() - MARGIN - bar_h)
            self.bar.setGeometry(QtCore.QRectF(x0 + block_w + GAP, top, self.bar.thickness(), bar_h))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QtCore.QEvent.Type.PaletteChange, QtCore.QEvent.Type.ApplicationPaletteChange) \
                and hasattr(self, "per_map_box"):  # (the base class sends one while it is being built)
            self._outline_box()

    def _outline_box(self) -> None:
        """On a black window (lecture mode) Fusion draws the check box's square black on black:
        outline it in the text colour, filled with the highlight when checked."""
        palette = QtWidgets.QApplication.palette()
        if palette.color(QtGui.QPalette.ColorRole.Window).lightness() >= 60:
            sheet = ""
        else:
            text = palette.color(QtGui.QPalette.ColorRole.WindowText).name()
            fill = palette.color(QtGui.QPalette.ColorRole.Highlight).name()
            sheet = (f"QCheckBox::indicator {{ width: 13px; height: 13px; border: 2px solid {text}; }} "
                     f"QCheckBox::indicator:checked {{ background: {fill}; }}")
        if self.per_map_box.styleSheet() != sheet:
            self.per_map_box.setStyleSheet(sheet)

    # -------------------------------------------------------------------- maps
    def _ensure(self, n: int, titles: list[str]) -> None:
        if len(self.cells) != n:
            for cell in self.cells:
                for item in (cell.title, cell.view, cell.bar):
                    if item is not None:
                        self.scene().removeItem(item)
            self.cells = []
            for i in range(n):
                cell = MapCell(None, titles[i], title_size=self._sizes()[1], parent=self.canvas,
                               drawable=self.drawable)
                cell.image.hovered.connect(lambda r, c, i=i: self.hovered.emit(i, r, c))
                cell.image.clicked.connect(lambda r, c, i=i: self.clicked.emit(i, r, c))
                cell.bar = ColorBar(lut_for(False), (0, 1), width=8)
                cell.bar.set_text_scale(0.9 * self._scale)
                cell.bar.setParentItem(self.canvas)
                cell.bar.hide()
                cell.set_extent(*self._extent)
                cell.on_geometry = self._layout
                self.cells.append(cell)
        changed = False
        for cell, title in zip(self.cells, titles):
            if cell.full_title != title:
                cell.full_title, changed = title, True
            cell.show_values = self.show_values
        if changed or len(self.cells) != n:
            self._layout()

    def set_extent(self, top: int, bottom: int, left: int, right: int) -> None:
        """Room for this many cells around every map (drawn on only by hover windows)."""
        if (top, bottom, left, right) == self._extent:
            return
        self._extent = (top, bottom, left, right)
        for cell in self.cells:
            cell.on_geometry = None  # one layout for all of them, below
            cell.set_extent(top, bottom, left, right)
            cell.on_geometry = self._layout
        self._layout()

    def reserve_pool_padding(self, map_shape, settings) -> None:
        """Room around each map for the padded cells of a 'same' pooling window, which hovering a
        pooled cell outlines on the map (they ran off the map's edge, over the colour bar)."""
        from convviz.core.pool import pool_geometry

        extent = (0, 0, 0, 0)
        if settings.pool != "none" and settings.pool_padding == "same":
            try:
                pads = pool_geometry(tuple(map_shape), settings.pool_size, stride=settings.pool_stride or None,
                                     padding="same").pads
            except ValueError:
                pads = ()
            if len(pads) == 1:
                extent = (0, 0, *pads[0])
            elif len(pads) == 2:
                extent = (*pads[0], *pads[1])
        self.set_extent(*extent)

    def ensure_cells(self, n: int, titles: list[str]) -> list[MapCell]:
        """``n`` map cells titled ``titles`` (the input panel's single drawable cell)."""
        self._ensure(n, titles)
        return self.cells

    def set_show_bar(self, show: bool) -> None:
        if show != self.show_bar:
            self.show_bar = show
            self._layout()

    def cell_titles(self) -> list[str]:
        return [c.full_title for c in self.cells]

    def set_maps(self, arrays, titles: list[str], extrema: list[tuple] | None = None) -> None:
        """Show ``arrays`` (arrays, or the pipeline's LazyMaps) on one shared scale or each on its own;
        ``extrema``, each array's (min, max), when the caller knows them (the pipeline derives them
        cheaply)."""
        arrays = as_maps(arrays)
        before = len(self.cells)
        self._ensure(len(arrays), titles)
        self._arrays = arrays
        if extrema is None:  # numpy passes over every map, on all cores
            extrema = map_threads(lambda a: (a.min(), a.max()) if a.size else (0.0, 1.0), list(arrays),
                                  elements=sum(a.size for a in arrays))
        self._extrema = extrema
        lo, hi, signed = display_levels(arrays, extrema)
        self.levels, self.signed = (lo, hi), signed
        lut = lut_for(signed)
        per_map = self.per_map and len(arrays) > 1
        scales = []
        for i in range(len(arrays)):
            if per_map:
                m_lo, m_hi, m_signed = display_levels([], [extrema[i]])
                scales.append(((m_lo, m_hi), lut_for(m_signed)))
            else:
                scales.append(((lo, hi), lut))
        # Pictures: colour indices on all cores (at each view's screen resolution), only for maps
        # not already shown at these levels.
        diverging = colormaps.lookup_table("diverging")
        stale = [(i, cell, cell.image.screen_step) for i, cell in enumerate(self.cells)
                 if not cell.shows(arrays, i, scales[i][0], scales[i][1])]
        pictures = map_threads(
            lambda job: job[1].picture(arrays, job[0], scales[job[0]][0], job[2],
                                       centred=scales[job[0]][1] is diverging),
            stale, elements=sum(int(np.prod(arrays.shape(i))) for i, _, _ in stale))
        for (i, cell, step), index in zip(stale, pictures):
            cell.set_map(arrays, i, scales[i][0], scales[i][1], index=index, step=step)
        for cell, (levels, table) in zip(self.cells, scales):
            cell.bar.set_table(table)
            cell.bar.setLevels(levels)
        self.bar.set_table(lut)
        self.bar.setLevels((lo, hi))
        if len(self.cells) != before or per_map != any(c.bar.isVisible() for c in self.cells):
            self._layout()

    def set_per_map(self, per_map: bool) -> None:
        """Each map on its own colour scale (True) or all on one (False)."""
        per_map = bool(per_map)
        with QtCore.QSignalBlocker(self.per_map_box):
            self.per_map_box.setChecked(per_map)
        if per_map == self.per_map:
            return
        self.per_map = per_map
        if self._arrays:
            self.set_maps(self._arrays, self.cell_titles(), self._extrema)
        self._layout()

    def _on_per_map_toggled(self, on: bool) -> None:
        app_settings().setValue(PER_MAP_KEY, bool(on))
        for grid in list(_GRIDS):  # every grid, this one included
            if shiboken6.isValid(grid) and not grid.closed:  # a closed view has deleted its items
                grid.set_per_map(bool(on))

    def set_show_values(self, show: bool) -> None:
        self.show_values = show
        for cell in self.cells:
            cell.show_values = show
        if self._arrays:
            self.set_maps(self._arrays, self.cell_titles(), self._extrema)

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

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        index = self.map_at(event.pos())
        if index < 0 or self.drawable:  # on a canvas the right button erases
            return
        menu = QtWidgets.QMenu(self)
        menu.addAction(tr("Save F{n} as PNG…").format(n=index + 1), lambda: self.save_requested.emit(index))
        menu.addAction(tr("Copy F{n} image").format(n=index + 1), lambda: self.copy_requested.emit(index))
        menu.exec(event.globalPos())


def link_cell_sizes(source: QtMapGrid, grids, *, floor: float = 40.0) -> None:
    """Draw the maps of ``grids`` no larger per cell than ``source`` (the input) can draw its
    cells, or ``floor`` pixels: a small input and its outputs share one cell size where the
    panes leave room, instead of 12 px input cells beside 60 px output cells."""
    def cap(px: float) -> None:
        for grid in grids:
            grid.set_cell_cap(max(px, floor))

    source.fit_px_changed.connect(cap)
    if source.fit_px > 0:
        cap(source.fit_px)
