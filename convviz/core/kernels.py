"""Kernel presets and the kernel text parser.

``parse_kernel("1,0,-1; 2,0,-2; 1,0,-1")`` reads rows separated by ``;`` or
newlines and entries separated by commas or spaces; entries may be integers,
decimals or fractions such as ``1/9``; a Python/NumPy style nested list
(``[[1, 0], [0, 1]]``) works too.  Errors name the row and column.
"""

from __future__ import annotations

import re

import numpy as np

from .messages import TextError, shown_entry

__all__ = ["PRESETS", "PRESET_LABELS", "KernelTextError", "parse_kernel", "preset", "format_kernel"]


def _line_filter(vertical: bool) -> np.ndarray:
    # The lecture's 7x7 filters (Géron, ch. 14): a line of ones through the centre.
    k = np.zeros((7, 7), dtype=np.int64)
    if vertical:
        k[:, 3] = 1
    else:
        k[3, :] = 1
    return k


def _gaussian(size: int) -> np.ndarray:
    row = np.array([1, 2, 1]) if size == 3 else np.array([1, 4, 6, 4, 1])
    k = np.outer(row, row).astype(np.float64)
    return k / k.sum()


PRESETS: dict[str, np.ndarray] = {
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]]),
    "box_blur": np.full((3, 3), 1 / 9),
    "gaussian_3x3": _gaussian(3),
    "gaussian_5x5": _gaussian(5),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
    "laplacian": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
    "edge": np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
    "sobel_x": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
    "sobel_y": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
    "prewitt_x": np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]]),
    "prewitt_y": np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]]),
    "scharr_x": np.array([[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]]),
    "scharr_y": np.array([[-3, -10, -3], [0, 0, 0], [3, 10, 3]]),
    "emboss": np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]),
    "outline": np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
    "lecture_x": np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]]),
    "vertical_line_7x7": _line_filter(vertical=True),
    "horizontal_line_7x7": _line_filter(vertical=False),
}
for _k in PRESETS.values():
    _k.setflags(write=False)

PRESET_LABELS: dict[str, str] = {
    "identity": "Identity",
    "box_blur": "Box blur",
    "gaussian_3x3": "Gaussian 3×3",
    "gaussian_5x5": "Gaussian 5×5",
    "sharpen": "Sharpen",
    "laplacian": "Laplacian",
    "edge": "Edge (8-neighbour)",
    "sobel_x": "Sobel x",
    "sobel_y": "Sobel y",
    "prewitt_x": "Prewitt x",
    "prewitt_y": "Prewitt y",
    "scharr_x": "Scharr x",
    "scharr_y": "Scharr y",
    "emboss": "Emboss",
    "outline": "Outline",
    "lecture_x": "Lecture 3×3 'X'",
    "vertical_line_7x7": "Vertical line 7×7 (lecture)",
    "horizontal_line_7x7": "Horizontal line 7×7 (lecture)",
}


def preset(name: str) -> np.ndarray:
    """A writable copy of the preset called ``name``."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in PRESETS:
        raise ValueError(f"unknown kernel preset {name!r}; expected one of {', '.join(PRESETS)}")
    return PRESETS[key].copy()


class KernelTextError(TextError):
    """Kernel text :func:`parse_kernel` cannot read: the window shows :meth:`message` in its language."""


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _parse_entry(text: str, row: int, col: int):
    if "/" in text:
        num, _, den = text.partition("/")
        if not (_NUMBER.match(num.strip()) and _NUMBER.match(den.strip())):
            raise KernelTextError("row {row}, column {column}: {entry} is not a number",
                                  row=row, column=col, entry=shown_entry(text))
        if float(den) == 0:
            raise KernelTextError("row {row}, column {column}: {entry} divides by zero",
                                  row=row, column=col, entry=shown_entry(text))
        from fractions import Fraction  # only for typed fractions such as 1/9

        return float(Fraction(num.strip()) / Fraction(den.strip()))
    if not _NUMBER.match(text):
        raise KernelTextError("row {row}, column {column}: {entry} is not a number",
                              row=row, column=col, entry=shown_entry(text))
    if re.match(r"^[+-]?\d+$", text):
        return int(text)
    return float(text)


def parse_kernel(text: str, *, ndim: int = 2) -> np.ndarray:
    """Parse kernel text into an int64 (all entries whole) or float64 array.

    ``ndim=2`` gives ``(rows, cols)``; ``ndim=1`` requires a single row and
    gives ``(k,)``.  Raises :class:`KernelTextError` (a ``ValueError``) naming the row
    and column of a bad entry, or the rows whose lengths differ; its ``message(tr)``
    is the same sentence in the interface's language.
    """
    if not isinstance(text, str):
        raise KernelTextError("kernel text must be a string")
    body = text.strip()
    if not body:
        raise KernelTextError("the kernel is empty")
    if body.startswith("["):
        # [[1, 0], [0, 1]] -> rows split at '],' boundaries.
        inner = body.replace(" ", "")
        if inner.startswith("[["):
            inner = inner[1:-1] if inner.endswith("]]") else inner[1:]
            rows_text = [r.strip("[]") for r in re.split(r"\]\s*,\s*\[", inner)]
        else:
            rows_text = [inner.strip("[]")]
    else:
        rows_text = re.split(r"[;\n]", body)
    rows: list[list] = []
    for line in rows_text:
        line = line.strip().strip(",")
        if not line:
            continue
        entries = [e for e in re.split(r"[,\s]+", line) if e]
        rows.append([_parse_entry(e, len(rows) + 1, c) for c, e in enumerate(entries, start=1)])
    if not rows:
        raise KernelTextError("the kernel is empty")
    widths = {len(row) for row in rows}
    if len(widths) > 1:
        first = len(rows[0])
        for r, row in enumerate(rows, start=1):
            if len(row) != first:
                raise KernelTextError("row {row} has {count} entries but row 1 has {first}; every row needs "
                                      "the same length", row=r, count=len(row), first=first)
    whole = all(isinstance(v, int) for row in rows for v in row)
    arr = np.array(rows, dtype=np.int64 if whole else np.float64)
    if ndim == 1:
        if arr.shape[0] != 1:
            raise KernelTextError("a 1D kernel needs a single row, got {rows} rows", rows=arr.shape[0])
        return arr[0]
    if ndim != 2:
        raise ValueError(f"ndim must be 1 or 2, got {ndim}")
    return arr


def format_kernel(kernel: np.ndarray) -> str:
    """Text that ``parse_kernel`` reads back to the same numbers."""
    kernel = np.atleast_2d(np.asarray(kernel))

    def fmt(v) -> str:
        # Whole numbers as integers up to 1e15; beyond, repr ("1e+300", not its 301 digits).
        if float(v).is_integer() and abs(float(v)) < 1e15:
            return str(int(v))
        return repr(float(v))

    return "; ".join(", ".join(fmt(v) for v in row) for row in kernel)
