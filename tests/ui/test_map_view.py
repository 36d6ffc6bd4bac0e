"""Map drawing: indexed images, screen-resolution sampling of large maps, cell values, colour bar."""

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui

from convviz.render import colormaps
from convviz.ui.qt_color_bar import ColorBar
from convviz.ui.qt_map_cell import lut_for
from convviz.ui.qt_map_view import QtMapGrid


def _grab(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB888)
    ptr = image.constBits()
    arr = np.frombuffer(ptr, dtype=np.uint8, count=image.sizeInBytes()).reshape(image.height(),
                                                                               image.bytesPerLine())
    return arr[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def _shown_grid(qtbot, width: int, height: int) -> QtMapGrid:
    """A map grid of this size, shown and exposed (so its views have a screen resolution)."""
    grid = QtMapGrid("maps")
    qtbot.addWidget(grid)
    grid.resize(width, height)
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def test_large_map_is_sampled_to_screen_and_keeps_its_picture(qtbot):
    """A 512x512 map in a small view is drawn from every k-th cell: the halves stay black and white."""
    grid = _shown_grid(qtbot, 300, 260)
    m = np.zeros((512, 512))
    m[:, 256:] = 1.0
    grid.set_maps([m], ["F1"])
    item = grid.cells[0].image
    qtbot.waitUntil(lambda: item.step >= 2)  # painted at screen resolution
    assert item.image.shape[0] <= 256 and item.width() == 512 and item.height() == 512  # cells stay cells
    view = grid.cells[0].view
    rect = view.sceneBoundingRect()
    shot = _grab(grid)
    y = int(rect.center().y())
    left = shot[y, int(rect.left() + rect.width() * 0.3)]
    right = shot[y, int(rect.left() + rect.width() * 0.7)]
    assert left.max() < 40 and right.min() > 215


def test_small_map_prints_values_and_grid_levels_are_shared(qtbot):
    grid = QtMapGrid("maps")
    qtbot.addWidget(grid)
    grid.resize(500, 300)
    grid.show()
    a = np.array([[1.0, -2.0], [0.5, 3.0]])
    b = np.array([[0.0, 1.0], [6.0, 2.0]])
    grid.set_maps([a, b], ["A", "B"])
    assert grid.levels == (-6.0, 6.0) and grid.signed  # zero-centred, shared by both maps
    assert grid.cells[0].shown_values() == ["1", "-2", "0.5", "3"]
    np.testing.assert_array_equal(grid.cells[1].image.image, colormaps.indices(b, (-6.0, 6.0)))
    # The same arrays again at the same levels: nothing is redrawn.
    before = grid.cells[1].image.image
    grid.set_maps([a, b], ["A", "B"])
    assert grid.cells[1].image.image is before


def test_colour_bar_draws_its_table(qtbot):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    bar = ColorBar(lut_for(True), (-2, 2), width=14)
    view.addItem(bar)
    view.resize(120, 300)
    view.show()
    qtbot.waitExposed(view)
    shot = _grab(view)
    rect = bar.sceneBoundingRect()
    x = int(rect.left() + 9)
    top, bottom = shot[int(rect.top() + 14), x], shot[int(rect.bottom() - 14), x]
    table = lut_for(True)
    assert np.abs(top.astype(int) - table[-1]).max() < 40  # red at the top (high values)
    assert np.abs(bottom.astype(int) - table[0]).max() < 40  # blue at the bottom
    assert bar.levels() == (-2, 2)


def test_thumbnails_keep_thin_lines_and_strong_negatives():
    from convviz.core.pool import block_extremes
    from convviz.ui.qt_map_cell import shown_blocks

    m = np.zeros((12, 12))
    m[5, :] = 0.9  # a one-cell-wide positive line
    m[:, 9] = -1.0  # a one-cell-wide negative line
    low, high = block_extremes(m, 4)
    assert low.shape == high.shape == (3, 3)
    small = shown_blocks(low, high, centred=True)
    assert (small[1, :2] == 0.9).all()  # the row of blocks holding the line keeps it
    assert (small[:, 2] == -1.0).all() and (small[0, :2] == 0).all()
    grey = shown_blocks(*block_extremes(np.arange(16.0).reshape(4, 4), 2), centred=False)
    np.testing.assert_array_equal(grey, [[5, 7], [13, 15]])
    # A 1D signal drawn as one row is shrunk along the row only.
    low, high = block_extremes(np.arange(10.0)[None, :], 3)
    np.testing.assert_array_equal(high, [[2, 5, 8]])


def test_thumbnail_follows_the_view_size_and_matches_max_pooling(qtbot):
    """A resized view makes its picture again at the new step; the grey picture is max pooling."""
    from convviz.core import pool

    grid = _shown_grid(qtbot, 180, 170)  # under half a pixel per cell (the grid lays maps out larger than it did)
    m = np.random.default_rng(3).random((300, 300))
    grid.set_maps([m], ["F1"])
    item = grid.cells[0].image
    qtbot.waitUntil(lambda: item.step >= 2)
    first = item.step
    levels = grid.levels
    h = (300 // first) * first
    np.testing.assert_array_equal(item.image, colormaps.indices(pool(m[:h, :h], "max", first), levels))
    grid.resize(900, 860)
    qtbot.waitUntil(lambda: item.step < first)
    h = (300 // item.step) * item.step if item.step > 1 else 300
    expected = m if item.step == 1 else pool(m[:h, :h], "max", item.step)
    np.testing.assert_array_equal(item.image, colormaps.indices(expected, levels))


def test_pixels_made_beside_the_indices_are_the_pictures_colours(qtbot):
    """A grid looks its pictures' colours up on its worker threads; what is drawn is exactly each
    picture's indices through the map's colour table, on the first paint and after a zoom."""
    grid = _shown_grid(qtbot, 400, 300)
    rng = np.random.default_rng(5)
    maps = [rng.standard_normal((200, 200)) for _ in range(3)]
    grid.set_maps(maps, ["F1", "F2", "F3"])
    grid.set_maps([maps[0] * 2, maps[1], maps[2]], ["F1", "F2", "F3"])  # again, at the steps painted

    def shown(item):
        image = item._qimage()
        arr = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
        return arr.reshape(image.height(), image.width()) & 0xFFFFFF

    table = colormaps.lookup_table("diverging")
    expected_pixels = (table[:, 0].astype(np.uint32) << 16) | (table[:, 1].astype(np.uint32) << 8) | table[:, 2]
    for cell in grid.cells:
        assert cell.image._pixels is not None  # made with the indices, not at paint
        np.testing.assert_array_equal(shown(cell.image), expected_pixels[cell.image.image])
    item = grid.cells[0].image
    grid.resize(900, 700)  # another step: indices made again at paint, pixels looked up there
    qtbot.waitUntil(lambda: item._qimage_small is not None or item.step == 1)
    np.testing.assert_array_equal(shown(item), expected_pixels[item.image])


def test_rgb_pictures_keep_their_colours(qtbot):
    """8-bit RGB (the training window's tiles, RGB inputs) goes to Qt as RGB32 made in numpy;
    every pixel keeps its colour, and the grey and indexed paths still work after it."""
    from convviz.ui.qt_map_items import CellImageItem

    rgb = np.random.default_rng(5).integers(0, 256, (7, 11, 3), dtype=np.uint8)
    item = CellImageItem(axisOrder="row-major")
    item.setImage(rgb, levels=None, lut=None, autoLevels=False)
    item.render()
    image = item.qimage
    assert image.format() == QtGui.QImage.Format.Format_RGB32
    shown = np.array([[QtGui.QColor(image.pixel(c, r)).getRgb()[:3] for c in range(11)] for r in range(7)])
    np.testing.assert_array_equal(shown, rgb)
    # Shown in a grid cell as the training window does (set_data with rgb=True), on screen.
    grid = _shown_grid(qtbot, 300, 240)
    grid.set_maps([np.zeros((7, 11))], ["rgb"])
    grid.cells[0].set_data(np.repeat(np.repeat(rgb, 3, axis=0), 3, axis=1), (0.0, 255.0), None, rgb=True)
    qtbot.wait(20)
    picture = _grab(grid)
    for colour in rgb.reshape(-1, 3)[:5]:  # each colour appears on screen as it is
        assert (np.abs(picture.astype(int) - colour).sum(axis=2) == 0).any()


def _inside(grid, item) -> bool:
    """Whether a graphics item lies wholly inside the grid's visible area."""
    box = item.sceneBoundingRect()
    area = grid.mapToScene(grid.viewport().rect()).boundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)
    return box.width() > 0 and box.height() > 0 and area.contains(box)


def test_best_grid_fills_the_pane():
    from convviz.ui.qt_map_view import best_grid

    assert best_grid(4, (3, 3), 520, 500)[:2] == (2, 2)  # not four thumbnails in a row
    assert best_grid(4, (3, 3), 1000, 200)[:2] == (1, 4)
    assert best_grid(16, (5, 5), 500, 260)[:2] == (3, 6)
    assert best_grid(1, (1, 6), 400, 400)[:2] == (1, 1)


def test_sixteen_feature_and_pooled_maps_all_show(qtbot):
    """16 pooled maps in a short pane: every map keeps a real size inside the pane (they were 0 px
    high under their titles), titles and colour bar inside too."""
    grid = _shown_grid(qtbot, 500, 260)
    maps = [np.random.default_rng(i).standard_normal((5, 5)) for i in range(16)]
    grid.set_title("Pooled · max 2×2 · stride 2 · valid")
    grid.set_maps(maps, [f"F{i + 1}  5×5" for i in range(16)])
    qtbot.wait(10)
    for cell in grid.cells:
        assert cell.view.height() >= 5 * 9 and _inside(grid, cell.view) and _inside(grid, cell.title)
    assert _inside(grid, grid.bar) and _inside(grid, grid._title)
    assert grid.cell_px >= 9


def test_four_maps_fill_the_pane(qtbot):
    grid = _shown_grid(qtbot, 520, 520)
    grid.set_maps([np.full((3, 3), float(i)) for i in range(4)], [f"F{i + 1}  3×3" for i in range(4)])
    qtbot.wait(10)
    assert grid.layout_shape == (2, 2) and grid.cell_px > 60  # was 80 px thumbnails in one row


def test_narrow_pane_keeps_titles_and_bar_inside(qtbot):
    """At 1024x768 the maps pane is ~280 px wide: the long title wraps, nothing is cut off."""
    grid = _shown_grid(qtbot, 280, 560)
    grid.set_title("Feature maps · convolve · same → relu")
    grid.set_maps([np.random.default_rng(i).random((10, 10)) for i in range(3)],
                  [f"F{i + 1}  10×10" for i in range(3)])
    qtbot.wait(10)
    items = [grid._title, grid.bar, grid.per_map_box] + [c.title for c in grid.cells] + [c.view for c in grid.cells]
    for item in items:
        if isinstance(item, pg.QtWidgets.QWidget):
            assert grid.rect().contains(item.geometry()), item
        else:
            assert _inside(grid, item), item


def test_colour_scale_shared_or_per_map_is_remembered(qtbot):
    from convviz.ui.settings import app_settings

    small, large = np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[0.0, 100.0], [50.0, 25.0]])
    grid, other = _shown_grid(qtbot, 500, 300), _shown_grid(qtbot, 500, 300)
    grid.set_maps([small, large], ["A", "B"])
    other.set_maps([small, large], ["A", "B"])
    assert [c.levels for c in grid.cells] == [(0.0, 100.0)] * 2 and grid.bar.isVisible()
    grid.per_map_box.click()
    assert [c.levels for c in grid.cells] == [(0.0, 3.0), (0.0, 100.0)]
    np.testing.assert_array_equal(grid.cells[0].image.image, colormaps.indices(small, (0.0, 3.0)))
    assert all(c.bar.isVisible() and c.bar.levels() == c.levels for c in grid.cells) and not grid.bar.isVisible()
    assert other.per_map and [c.levels for c in other.cells] == [(0.0, 3.0), (0.0, 100.0)]  # every grid follows
    assert app_settings().value("maps/per_map_scale", type=bool) is True
    again = QtMapGrid("again")
    qtbot.addWidget(again)  # closed by qtbot (a grid left to the garbage collector can go mid-paint)
    assert again.per_map  # a new window starts with the choice
    other.per_map_box.click()
    assert not grid.per_map and [c.levels for c in grid.cells] == [(0.0, 100.0)] * 2


def test_grid_lines_keep_zero_cells_visible_on_black(qtbot):
    """Lecture mode's black background: a map of zeros (black) still shows its cells."""
    from convviz.ui.theme import apply_theme

    app = pg.QtWidgets.QApplication.instance()
    apply_theme(app, "contrast")
    try:
        grid = _shown_grid(qtbot, 300, 300)
        grid.set_maps([np.zeros((4, 4)), np.ones((4, 4))], ["zeros", "ones"])
        qtbot.wait(20)
        view = grid.cells[0].view.sceneBoundingRect()
        shot = _grab(grid)
        px = grid.cell_px
        x0, y0 = view.left() + 3, view.top() + 3
        inside = shot[int(y0 + px / 2), int(x0 + px / 2)]
        line = shot[int(y0 + px / 2), int(round(x0 + px)) - 1: int(round(x0 + px)) + 2].max(axis=0)
        assert inside.max() < 30 and line.min() > 60  # a black cell, a grey line beside it
    finally:
        apply_theme(app, "light")


def test_scale_check_box_is_outlined_on_black(qtbot):
    """Lecture mode's black palette: the check box's square gets an outline in the text colour
    (Fusion drew it black on black), and loses it again in the light theme."""
    from convviz.ui.theme import apply_theme

    app = pg.QtWidgets.QApplication.instance()
    grid = _shown_grid(qtbot, 400, 300)
    grid.set_maps([np.zeros((3, 3)), np.ones((3, 3))], ["A", "B"])
    assert grid.per_map_box.isVisible() and grid.per_map_box.styleSheet() == ""
    try:
        apply_theme(app, "contrast")
        qtbot.wait(10)
        assert "#ffffff" in grid.per_map_box.styleSheet()
        box = grid.per_map_box.grab().toImage()
        assert any(box.pixelColor(x, y).lightness() > 200 for x in range(20) for y in range(box.height()))
    finally:
        apply_theme(app, "light")
    qtbot.wait(10)
    assert grid.per_map_box.styleSheet() == ""


def test_titles_drop_the_shape_together_when_narrow(qtbot):
    grid = _shown_grid(qtbot, 420, 300)
    grid.set_maps([np.zeros((10, 10))] * 16, [f"F{i + 1}  10×10" for i in range(16)])
    qtbot.wait(10)
    shown = [c.title.text for c in grid.cells]
    assert shown == [f"F{i + 1}" for i in range(16)]  # not "F1 10×10" beside "F10"
    grid.resize(1400, 900)
    qtbot.wait(10)
    assert [c.title.text for c in grid.cells] == [f"F{i + 1}  10×10" for i in range(16)]


def test_cell_numbers_fit_their_cells():
    """'0.4667' (an RGB cell's mean) ran over its 37 px cell at 0.38 of the cell; long numbers get
    smaller type, numbers too small to read are left out."""
    from PySide6 import QtGui

    from convviz.ui.qt_map_items import fitting_text_px

    assert fitting_text_px(60, 1) == 22 and fitting_text_px(13, 1) is None
    assert fitting_text_px(17, 2) == 8  # a 15-sample signal in a 260 px pane keeps its numbers
    px = fitting_text_px(37, 6)
    font = QtGui.QFont()
    font.setPixelSize(px)
    assert px >= 8 and QtGui.QFontMetrics(font).horizontalAdvance("0.4667") <= 37
    assert fitting_text_px(20, 6) is None


def test_titles_and_bars_are_drawn_after_a_new_layout(qtbot):
    """Switching to per-map scales moves every map: each title is still drawn where it now is
    (pixmap-cached titles were left undrawn), and each map's own bar spans its map."""
    from convviz.ui.theme import apply_theme

    apply_theme(pg.QtWidgets.QApplication.instance(), "light")
    grid = _shown_grid(qtbot, 290, 560)
    grid.set_maps([np.random.default_rng(i).standard_normal((3, 3)) for i in range(4)],
                  [f"F{i + 1}  3×3" for i in range(4)])
    qtbot.wait(20)
    grid.set_per_map(True)
    qtbot.wait(20)
    shot = _grab(grid)
    for cell in grid.cells:
        box = cell.title.sceneBoundingRect().toRect()
        ink = shot[box.top():box.bottom(), box.left():box.right()].max(axis=2) < 110
        assert ink.sum() > 15, cell.full_title
        assert cell.bar.isVisible()
        bar, view = cell.bar.sceneBoundingRect(), cell.view.sceneBoundingRect()
        if cell.bar.horizontal:
            assert bar.width() >= min(view.width(), 80) - 1
        else:
            assert bar.height() >= view.height() - 1 and bar.bottom() <= view.bottom() + 1


def test_grids_repaint_one_rectangle_around_what_changed(qtbot):
    """Map grids repaint the bounding rectangle of their changes: under pyqtgraph's minimal
    region (many rectangles) Qt drew every scaled thumbnail through its slow generic path."""
    from PySide6 import QtWidgets

    grid = QtMapGrid("maps")
    qtbot.addWidget(grid)
    assert grid.viewportUpdateMode() == QtWidgets.QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate


def test_a_pane_too_narrow_for_the_scale_box_offers_the_choice_in_its_menu(qtbot):
    """The per-map scale check box is never cut at the pane's edge: where it does not fit it is
    hidden and the right button's menu carries the same choice, which acts like the box."""
    small, large = np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[0.0, 100.0], [50.0, 25.0]])
    grid = _shown_grid(qtbot, 500, 300)
    grid.set_maps([small, large], ["A", "B"])
    assert grid.per_map_box.isVisible() and grid.per_map_box.geometry().left() >= 0
    grid.resize(grid.per_map_box.sizeHint().width() - 20, 300)
    qtbot.waitUntil(lambda: not grid.per_map_box.isVisible())
    menu = grid.context_menu(-1)
    (scale,) = [a for a in menu.actions() if a.isCheckable()]
    assert scale.isChecked() == grid.per_map
    scale.trigger()
    assert grid.per_map and [c.levels for c in grid.cells] == [(0.0, 3.0), (0.0, 100.0)]
    over_map = [a.text() for a in grid.context_menu(0).actions() if not a.isSeparator()]
    assert over_map[:2] == ["Save F1 as PNG…", "Copy F1 image"] and len(over_map) == 3
    grid.per_map_box.click()  # back to the shared scale, for the tests after this one
