"""Map drawing: indexed images, screen-resolution sampling of large maps, cell values, colour bar."""

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui

from convviz.export import colormaps
from convviz.ui.qt_map_view import ColorBar, QtMapGrid, lut_for


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
    from convviz.ui.qt_map_view import shown_blocks

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

    grid = _shown_grid(qtbot, 260, 240)
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


def test_rgb_pictures_keep_their_colours(qtbot):
    """8-bit RGB (the training window's tiles, RGB inputs) goes to Qt as RGB32 made in numpy;
    every pixel keeps its colour, and the grey and indexed paths still work after it."""
    from convviz.ui.qt_map_view import CellImageItem

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
