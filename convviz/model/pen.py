"""The drawing pen: which cells a stroke covers (Qt-free; the canvases turn mouse moves into segments)."""

from __future__ import annotations

import numpy as np


def pen_footprint(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column offsets of the cells a pen of ``size`` covers around the cell it is on:
    a square for sizes 1 and 2, a round pen for larger sizes (the cell under the mouse is
    the middle one, or the upper-left of the middle four for an even size)."""
    offsets = np.arange(size) - (size - 1) // 2
    rows, cols = (a.ravel() for a in np.meshgrid(offsets, offsets, indexing="ij"))
    if size > 2:
        centre = (size - 1) / 2
        index_r, index_c = rows + (size - 1) // 2, cols + (size - 1) // 2
        keep = (index_r - centre) ** 2 + (index_c - centre) ** 2 <= (centre + 0.5) ** 2
        rows, cols = rows[keep], cols[keep]
    return rows, cols


def pen_cells(start: tuple[int, int], end: tuple[int, int], size: int,
              shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The cells (rows, cols; each once) a pen of ``size`` covers moving in a straight line
    from cell ``start`` to cell ``end``, inside a map of ``shape`` (rows, cols).

    A mouse reports where it is a few dozen times a second, so a quick stroke jumps several
    cells between two reports; painting only those cells would leave a dotted line.  Every
    cell of the segment between them is painted (consecutive ones touch, at least by a
    corner), and a click is the segment from a cell to itself.
    """
    (r0, c0), (r1, c1) = start, end
    steps = max(abs(r1 - r0), abs(c1 - c0))
    t = np.linspace(0.0, 1.0, steps + 1)
    line_r = np.rint(r0 + (r1 - r0) * t).astype(np.int64)
    line_c = np.rint(c0 + (c1 - c0) * t).astype(np.int64)
    dr, dc = pen_footprint(size)
    rows = (line_r[:, None] + dr[None, :]).ravel()
    cols = (line_c[:, None] + dc[None, :]).ravel()
    height, width = shape
    inside = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
    flat = np.unique(rows[inside] * width + cols[inside])
    return flat // width, flat % width
