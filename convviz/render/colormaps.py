"""Colour maps as 256-entry uint8 lookup tables, shared by the window and the exporters.

No Qt here: the headless exporters use the same tables as the views, so a
saved PNG looks like the window.
"""

from __future__ import annotations

import functools

import numpy as np

# Control points (position, RGB) of each map, interpolated linearly to 256 entries.
_CONTROL = {
    "gray": [(0.0, (0, 0, 0)), (1.0, (255, 255, 255))],
    # Blue - white - red, zero at the centre (after Moreland's cool-warm).
    "diverging": [(0.0, (33, 102, 172)), (0.25, (103, 169, 207)), (0.5, (247, 247, 247)),
                  (0.75, (239, 138, 98)), (1.0, (178, 24, 43))],
    "viridis": [(0.0, (68, 1, 84)), (0.25, (59, 82, 139)), (0.5, (33, 145, 140)),
                (0.75, (94, 201, 98)), (1.0, (253, 231, 37))],
    "magma": [(0.0, (0, 0, 4)), (0.25, (81, 18, 124)), (0.5, (183, 55, 121)),
              (0.75, (252, 137, 97)), (1.0, (252, 253, 191))],
}
COLORMAPS = ("auto",) + tuple(_CONTROL)


def lookup_table(name: str) -> np.ndarray:
    """(256, 3) uint8 table for ``name`` (not 'auto'); read-only and shared."""
    if name not in _CONTROL:
        raise ValueError(f"unknown colour map {name!r}; expected one of {', '.join(COLORMAPS)}")
    return _table(name)


@functools.lru_cache(maxsize=None)
def _table(name: str) -> np.ndarray:
    points = _CONTROL[name]
    pos = np.array([p for p, _ in points])
    rgb = np.array([c for _, c in points], dtype=np.float64)
    t = np.linspace(0, 1, 256)
    table = np.stack([np.interp(t, pos, rgb[:, i]) for i in range(3)], axis=1).round().astype(np.uint8)
    table.setflags(write=False)
    return table


def levels_for(arrays, extrema=None) -> tuple[float, float, bool]:
    """Shared levels for maps: (low, high, signed); zero-centred when any value is negative.

    ``extrema``: the arrays' (min, max) pairs when the caller has them already."""
    if extrema is None:
        arrays = [np.asarray(a) for a in arrays if np.asarray(a).size]
        extrema = [(a.min(), a.max()) for a in arrays]
    lo = min((float(e[0]) for e in extrema), default=0.0)
    hi = max((float(e[1]) for e in extrema), default=1.0)
    if lo < 0:
        m = max(abs(lo), abs(hi)) or 1.0
        return -m, m, True
    if hi <= 0:
        hi = 1.0
    return 0.0, hi, False


def resolve(name: str, signed: bool) -> str:
    if name == "auto":
        return "diverging" if signed else "gray"
    lookup_table(name)  # validates
    return name


_FLOAT32_SAFE = 1e38  # |values| above this may not survive float32 arithmetic


def indices(arr: np.ndarray, levels: tuple[float, float], *, work: np.ndarray | None = None) -> np.ndarray:
    """Table indices (uint8) of ``arr`` under ``levels``: lo → 0, hi → 255, clipped.

    The window and the exporters colour through this one function, so a saved
    PNG has the window's colours.  Computed in float32 in place (``work``, a
    float32 buffer of arr's shape, may be reused): a 512x512 map takes about
    0.3 ms instead of 2-3 ms for the float64 expression with temporaries.
    """
    arr = np.asarray(arr)
    lo, hi = levels
    if max(abs(lo), abs(hi)) > _FLOAT32_SAFE:
        # Values beyond float32's range would turn into inf and NaN there: scale in float64
        # first (halved, so even hi - lo of two values near the float64 limit is finite).
        half_lo, half_hi = lo / 2, hi / 2
        wide = 255.0 / (half_hi - half_lo) if hi > lo else 0.0
        arr = (np.asarray(arr, dtype=np.float64) / 2 - half_lo) * wide
        lo, hi = 0.0, 255.0
    scale = 255.0 / (hi - lo) if hi > lo else 0.0
    if work is None or work.shape != arr.shape:
        work = np.empty(arr.shape, dtype=np.float32)
    np.subtract(arr, lo, out=work, casting="unsafe")
    np.multiply(work, scale, out=work)
    # Clipped to 0..255 with a NaN cell (never on a finite map) as the low end: fmax takes the
    # number where the other is NaN.  Two ufuncs (nan_to_num cost 33 us a thumbnail in Python).
    np.fmax(work, 0, out=work)
    np.fmin(work, 255, out=work)
    return work.astype(np.uint8)


def apply(arr: np.ndarray, levels: tuple[float, float], name: str) -> np.ndarray:
    """Map a 2D array to (H, W, 3) uint8 through the table ``name`` with ``levels``."""
    return lookup_table(name)[indices(arr, levels)]


def tile(maps, levels: tuple[float, float], name: str, *, columns: int | None = None, gap: int = 1,
         background=(255, 255, 255)) -> np.ndarray:
    """Equal-sized 2D maps side by side (row-major, ``columns`` per row) as one RGB uint8 image.

    One image instead of one view per map: a grid of 24 maps is one texture to draw.
    """
    maps = [np.asarray(m, dtype=np.float64) for m in maps]
    if not maps:
        return np.full((1, 1, 3), background, dtype=np.uint8)
    h, w = maps[0].shape
    columns = columns or len(maps)
    rows = -(-len(maps) // columns)
    # Coloured in one pass over all the maps (they are small and many: per map, the numpy
    # calls cost more than their work), then each placed in its slot.
    coloured = apply(np.stack(maps).reshape(len(maps) * h, w), levels, name).reshape(len(maps), h, w, 3)
    out = np.empty((rows * (h + gap) - gap, columns * (w + gap) - gap, 3), dtype=np.uint8)
    out[...] = background
    for i, rgb in enumerate(coloured):
        r, c = divmod(i, columns)
        out[r * (h + gap): r * (h + gap) + h, c * (w + gap): c * (w + gap) + w] = rgb
    return out


def tile_slot(cell: tuple[int, int], row: int, col: int, *, count: int, columns: int, gap: int = 1) -> int | None:
    """Which of the ``count`` maps of shape ``cell`` laid out by :func:`tile` (``columns`` per
    row, ``gap`` apart) holds pixel (row, col) of the tile; None in a gap or past the last map."""
    h, w = cell
    (r, y), (c, x) = divmod(row, h + gap), divmod(col, w + gap)
    k = r * columns + c
    if row < 0 or col < 0 or y >= h or x >= w or c >= columns or k >= count:
        return None
    return k
