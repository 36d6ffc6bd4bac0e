"""How the Backward tab's Gradients page shares its room: each map grid as wide as its columns of numbers
need, each row as tall as its tallest map, W and W − lr·dW in a column of their own (2D) or at the end of the
shorter row (1D).  Fixed shares left the lesson's dX (a 5×5 of 0.2222s) without numbers and W − lr·dW's at
9 px."""

from __future__ import annotations

import math

import numpy as np

from .qt_map_cell import cell_text
from .qt_map_items import fitting_text_px, text_units

#: Significant digits a Gradients map may print, most first: fewer where 4 would print under the tab's type
#: (one number of them for the page, see choose_digits).
DIGITS = (4, 3, 2)
#: A colour bar beside a map, in the characters of its numbers that the room for it would hold.
BAR = 12


def need(view, grid, bar: int = BAR) -> tuple[int, int]:
    """(width, height) a grid's maps need: columns × the longest number's characters (+ a colour bar's
    worth), and cells down (+ titles); (0, 0) when hidden or empty."""
    maps = [np.atleast_2d(m) for m in view.maps_of.get(grid.objectName(), [])]
    if not maps or not grid.isVisibleTo(view):
        return 0, 0
    across = grid.columns or (1 if maps[0].shape[0] == 1 else len(maps))  # 1D maps stack
    down = -(-len(maps) // across)
    # At the fewest digits a map may print (see choose_digits), a point or minus as narrow as drawn: with
    # 4 digits' characters the upstream gradient took the room Y and T needed for 20 px digits at 1024x768.
    # W and W − lr·dW at the digits that show the step's change (1.02, not 1.0 beside W's 1).
    digits = kernel_digits(view)[0] if grid is view.kernel_grid else DIGITS[-1]
    chars = max(text_units(cell_text(float(v), digits)) for m in maps for v in m.ravel()[:4096])
    flat = maps[0].shape[0] == 1  # a 1D map's colour bar goes under it
    titled = 0.8 if any(cell.full_title for cell in grid.cells) else 0.0
    headed = 1.5 if grid.title_text() else 0.0
    # Heights in tenths of a cell: the cells, each map's title (0.8), the grid's title (1.5), a bar under.
    return (int(max(m.shape[1] for m in maps) * across * max(chars, 3.8) + (4 if flat else bar) + 3),
            int(10 * (max(m.shape[0] for m in maps) * down + titled * down + headed + flat)))


def share_room(view) -> None:
    """Each grid's width in its row as its maps need it, each row's height as its tallest map's, the
    kernels' column as wide as its numbers and its height call for: fixed shares left dX's 5×5 of 0.2222s
    unprinted."""
    place_kernels(view)
    widths, heights = [], []
    for r, row in enumerate(view.rows):
        needs = [need(view, row.itemAt(i).widget()) for i in range(row.count())]
        tallest = max((h for _, h in needs), default=0)
        # A grid lower than the row's tallest has room for its colour bar under its maps.
        needs = [need(view, row.itemAt(i).widget(), bar=4) if 0 < h < tallest - 15 else (w, h)
                 for i, (w, h) in enumerate(needs)]
        for i, (w, _h) in enumerate(needs):
            row.setStretch(i, max(w, 1))
        widths.append(sum(w for w, _ in needs))
        heights.append(max((h for _, h in needs), default=0))
        view.rows_layout.setStretch(r, heights[-1])  # an empty row takes no room
    view.outer.setStretch(0, max(max(widths), 1))
    if view.outer.indexOf(view.kernel_grid) >= 0:  # tall: its colour bar goes under the maps
        width, height = need(view, view.kernel_grid, bar=4)
        # As tall as both rows, its cells may be taller than theirs: a wider share for them, by the square
        # root of the ratio (by all of it the rows' numbers fell to 14 px at 1024x768).  At its numbers'
        # width alone W − lr·dW's 1.02 and -0.0667 printed at 18 px beside the rows' 20 (1280x800).
        taller = math.sqrt(max(1.0, sum(heights) / height)) if height else 1.0
        view.outer.setStretch(1, max(round(width * taller), 1))


def place_kernels(view) -> None:
    """W and W − lr·dW: a column of their own for 2D maps; for 1D ones (a row each, the column mostly
    empty) at the end of the row that needs less width."""
    grid = view.kernel_grid
    flat = any(np.ndim(m) == 1 for m in view.maps_of.get("kernel", []))
    if flat:
        rows = sorted(view.rows, key=lambda row: sum(need(view, row.itemAt(i).widget())[0]
                                                       for i in range(row.count()) if row.itemAt(i).widget()
                                                       is not grid))
        target = rows[0]
    else:
        target = view.outer
    if target.indexOf(grid) >= 0:
        return
    for layout in (view.outer, *view.rows):
        layout.removeWidget(grid)
    target.addWidget(grid, 1)



def _cell_px_for(goal: int, longest: float, fit: float) -> float:
    """The smallest cell size (at most ``fit``) at which numbers of ``longest`` characters print at ``goal``
    px: found through the map grid's own rule, so it stays the rule the cells are painted by."""
    low, high = 0.0, fit
    for _ in range(40):
        mid = (low + high) / 2
        if (fitting_text_px(mid, longest) or 0) >= goal:
            high = mid
        else:
            low = mid
    return high


def _longest(cell, digits: int) -> float:
    data = cell.data
    return 0 if data is None else max((text_units(cell_text(float(v), digits)) for v in data.ravel()), default=0)


def change_digits(before: np.ndarray, after: np.ndarray) -> int | None:
    """The fewest significant digits (of DIGITS) at which every cell of ``after`` that differs from ``before``
    prints a different number from it (W − lr·dW's 1.0222 is 1.0 at 2 digits, W's 1 read as unchanged);
    None where even the most do not (a change under the fourth digit)."""
    before, after = np.ravel(np.asarray(before, dtype=np.float64)), np.ravel(np.asarray(after, dtype=np.float64))
    scale = max(float(np.abs(before).max(initial=0.0)), float(np.abs(after).max(initial=0.0)), 1e-300)
    changed = np.abs(after - before) > 1e-12 * scale  # not the last bits of a float
    pairs = list(zip(before[changed].tolist(), after[changed].tolist()))[:4096]
    for digits in sorted(DIGITS):
        if all(float(cell_text(b, digits)) != float(cell_text(a, digits)) for b, a in pairs):
            return digits
    return None


def kernel_digits(view) -> tuple[int, bool]:
    """The fewest digits W and W − lr·dW print at (each W beside its step, or an RGB kernel's channels in
    pairs), and whether some change is too small even for the most (the view says so in words)."""
    maps = view.maps_of.get("kernel", [])
    needed = [change_digits(w, stepped) for w, stepped in zip(maps[0::2], maps[1::2])]
    if None in needed:
        return DIGITS[0], True
    return max(needed, default=DIGITS[-1]), False


def _fitting(grid, cell, floor: float) -> int:
    """The most digits (of DIGITS) a map's numbers print at ``floor`` px in its grid's cells, else the fewest."""
    fits = [d for d in DIGITS if (fitting_text_px(grid.fit_px, _longest(cell, d)) or 0) >= floor]
    return fits[0] if fits else DIGITS[-1]


def choose_digits(view, floor: float) -> None:
    """Every map's numbers to one number of significant digits (of DIGITS): the most that print at ``floor``
    px in every map's cells, else the fewest (a lecturer reads -0.0444 at 20 px, not -0.04444 at 7).  One
    for the page: dW's 0.444 beside dX's 0.44 read as two values of 4/9.  W and W − lr·dW take more where
    fewer would hide the step's change (see change_digits), never fewer than the page."""
    printed = []  # (grid, cell) of every map that prints its numbers
    for grid in view.grids:
        if not grid.isVisibleTo(view) or grid.fit_px <= 0:
            continue
        for cell in grid.cells:
            if cell.data is not None and (cell.shown_values() or cell.digits != DIGITS[0]):
                printed.append((grid, cell))  # (not: too large a map to print its numbers)
    others = [_fitting(grid, cell, floor) for grid, cell in printed if grid is not view.kernel_grid]
    page = min(others, default=DIGITS[0])
    kernel = max(page, kernel_digits(view)[0])
    for grid, cell in printed:
        cell.set_digits(kernel if grid is view.kernel_grid else page)


def share_type(view, floor: float) -> None:
    """Every grid's numbers at one size: the smallest any map's cells print at (not under ``floor``, the
    tab's smallest type), larger cells capped to it.  The numbers' size follows the cells', so W's
    large cells printed 28 px digits beside dX's 18 px ones.  A map whose cells cannot reach that size
    keeps all of its room, and so does the grid it is in."""
    choose_digits(view, floor)
    maps = []  # (grid, longest characters, px its uncapped cells print at)
    for grid in view.grids:
        if not grid.isVisibleTo(view) or grid.fit_px <= 0:
            continue
        for cell in grid.cells:
            texts = cell.shown_values()
            if texts:
                longest = max(text_units(t) for t in texts)
                maps.append((grid, longest, fitting_text_px(grid.fit_px, longest)))
    printed = [px for _, _, px in maps if px is not None]
    if not printed:
        return
    goal = max(min(printed), int(floor))
    caps: dict = {}
    for grid, longest, px in maps:
        need_px = grid.fit_px if px is None or px <= goal else _cell_px_for(goal, longest, grid.fit_px)
        caps[grid] = max(caps.get(grid, 0.0), need_px)
    for grid in view.grids:
        cap = caps.get(grid)
        grid.set_cell_cap(cap if cap is not None and cap < grid.fit_px - 0.5 else None)
