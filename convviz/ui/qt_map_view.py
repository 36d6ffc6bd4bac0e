"""Maps drawn cell by cell: the input canvas, feature maps and pooled maps.

Each map (:class:`~convviz.ui.qt_map_cell.MapCell`) is a titled pyqtgraph ViewBox holding
its picture (explicit levels and a 256-entry lookup table, as pyqtgraph's fast-image examples
do), the numbers in its cells when they can be read, hairlines between cells and overlays for
highlighted cells.  A :class:`QtMapGrid` lays its maps out itself, in the rows x columns that
give the largest cells for its pane, on one colour scale or one per map.
"""

from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.core.parallel import map_threads
from convviz.render import colormaps

from .i18n import tr
from .qt_color_bar import ColorBar
from .qt_map_cell import MapCell, _label_width, _wrap_label, as_maps, lut_for, set_label
from .qt_map_items import pixels_of
from .settings import app_settings
from .theme import scaled_font

#: Pixels between two maps of a grid, and around the grid.
GAP, MARGIN = 10, 4
#: QSettings key of the colour-scale choice (shared by every grid of the window).
PER_MAP_KEY = "maps/per_map_scale"

display_levels = colormaps.levels_for


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
                 scale_choice_box: bool = True, channels: bool = False):
        super().__init__(parent=parent, background=None)
        # One rectangle around whatever changed, not pyqtgraph's minimal region: under a clip of
        # many rectangles Qt's raster engine draws each scaled thumbnail through its generic
        # path, about 115 us a map against 7 us under one rectangle (an activation toggle on
        # sixteen 512x512 maps: 10.1 -> 7.5 ms, in one process, variants interleaved).
        self.setViewportUpdateMode(QtWidgets.QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.columns = columns  # at most this many columns (None: whatever fits best)
        self.drawable = drawable
        self.channels = channels  # maps named as channels from 0 (the network window), not filters F1..Fn
        self._scale = 1.0
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
        self.per_map_box.setFont(self._type_font())
        self._outline_box()
        self._layout()

    def _type_font(self) -> QtGui.QFont:
        """The application's font at the grid's type scale (the application's own at 1)."""
        return QtGui.QFont() if self._scale == 1.0 else scaled_font(self._scale)

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
        # Not cut at the pane's edge: a pane narrower than the box offers the choice in its right
        # button's menu instead (the network window's maps in lecture type at 1024x768).
        box_shown = self._with_box and len(self.cells) > 1 and box.sizeHint().width() <= width
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
        outline it in the text colour, filled with the highlight when checked.  In large type the
        square grows with the words (Fusion's stays 13 px beside 14 pt text)."""
        palette = QtWidgets.QApplication.palette()
        if palette.color(QtGui.QPalette.ColorRole.Window).lightness() >= 60:
            side = round(QtWidgets.QApplication.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_IndicatorWidth)
                         * self._scale)
            sheet = "" if self._scale == 1.0 else f"QCheckBox::indicator {{ width: {side}px; height: {side}px; }}"
        else:
            side = round(13 * self._scale)
            text = palette.color(QtGui.QPalette.ColorRole.WindowText).name()
            fill = palette.color(QtGui.QPalette.ColorRole.Highlight).name()
            sheet = (f"QCheckBox::indicator {{ width: {side}px; height: {side}px; border: 2px solid {text}; }} "
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
        # Pictures: colour indices and their pixels on all cores (at each view's screen
        # resolution), only for maps not already shown at these levels.
        diverging = colormaps.lookup_table("diverging")
        stale = [(i, cell, cell.image.screen_step) for i, cell in enumerate(self.cells)
                 if not cell.shows(arrays, i, scales[i][0], scales[i][1])]

        def picture(job):
            i, cell, step = job
            (levels, table) = scales[i]
            index = cell.picture(arrays, i, levels, step, centred=table is diverging)
            return index, pixels_of(index, table)

        # A picture at step s reads the map's s x s block extremes, s² times fewer numbers than cells.
        pictures = map_threads(picture, stale,
                               elements=sum(int(np.prod(arrays.shape(i))) // step**2 for i, _, step in stale))
        for (i, cell, step), (index, pixels) in zip(stale, pictures):
            cell.set_map(arrays, i, scales[i][0], scales[i][1], index=index, step=step, pixels=pixels)
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

    def context_menu(self, index: int) -> QtWidgets.QMenu | None:
        """The right button's menu over map ``index`` (-1: between maps): save or copy that map, and
        the colour-scale choice, which a pane too narrow for its check box offers only here."""
        if self.drawable:  # on a canvas the right button erases
            return None
        menu = QtWidgets.QMenu(self)
        menu.setFont(self._type_font())  # a menu is a window of its own: it inherits no lecture type
        if index >= 0:
            if self.channels:  # named as the map's title names it
                save = tr("Save channel {c} as PNG…").format(c=index)
                copy = tr("Copy channel {c} image").format(c=index)
            else:
                save, copy = tr("Save F{n} as PNG…").format(n=index + 1), tr("Copy F{n} image").format(n=index + 1)
            menu.addAction(save, lambda: self.save_requested.emit(index))
            menu.addAction(copy, lambda: self.copy_requested.emit(index))
        if self._with_box and len(self.cells) > 1:
            if not menu.isEmpty():
                menu.addSeparator()
            scale = menu.addAction(tr("Colour scale per map"))
            scale.setCheckable(True)
            scale.setChecked(self.per_map)
            scale.toggled.connect(self.per_map_box.setChecked)  # the box's toggle applies it everywhere
        return None if menu.isEmpty() else menu

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        menu = self.context_menu(self.map_at(event.pos()))
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()  # made anew at each click: not kept as the grid's child until it closes


class CellSizeLink:
    """Draw the maps of ``grids`` no larger per cell than ``source`` (the input) can draw its
    cells, or ``floor`` pixels: a small input and its outputs share one cell size where the
    panes leave room, instead of 12 px input cells beside 60 px output cells.  Lecture mode
    turns it off (``set_enabled(False)``): projected, each map is as large as its pane allows."""

    def __init__(self, source: QtMapGrid, grids, *, floor: float = 40.0):
        self.source, self.grids, self.floor = source, list(grids), floor
        self.enabled = True
        source.fit_px_changed.connect(self._cap)
        if source.fit_px > 0:
            self._cap(source.fit_px)

    def _cap(self, px: float) -> None:
        if self.enabled:
            for grid in self.grids:
                grid.set_cell_cap(max(px, self.floor))

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if self.enabled and self.source.fit_px > 0:
            self._cap(self.source.fit_px)
        elif not self.enabled:
            for grid in self.grids:
                grid.set_cell_cap(None)


def link_cell_sizes(source: QtMapGrid, grids, *, floor: float = 40.0) -> CellSizeLink:
    """The maps of ``grids`` share ``source``'s cell size (see :class:`CellSizeLink`)."""
    return CellSizeLink(source, grids, floor=floor)
