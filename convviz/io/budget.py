"""One memory budget, checked before allocating anything whose size comes from input or options.

The budget is ``CONVVIZ_MEMORY_BUDGET`` (bytes, or with a unit: ``512M``, ``4G``), 2 GB by
default: room on an 8 GB laptop for the window, the data and the allocation itself.  Over it,
the caller gets a :class:`BudgetError` naming the option and the size it would take.
"""

from __future__ import annotations

import os

DEFAULT_BUDGET = 2 * 1024**3
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


class BudgetError(ValueError):
    """An allocation the memory budget does not allow."""


def memory_budget() -> int:
    """The budget in bytes: ``CONVVIZ_MEMORY_BUDGET`` if set and readable, else 2 GB."""
    text = os.environ.get("CONVVIZ_MEMORY_BUDGET", "").strip().upper().removesuffix("B")
    if not text:
        return DEFAULT_BUDGET
    unit = text[-1] if text[-1] in _UNITS else ""
    try:
        value = float(text[: len(text) - len(unit)]) * _UNITS[unit]
    except ValueError:
        raise BudgetError(f"CONVVIZ_MEMORY_BUDGET={os.environ['CONVVIZ_MEMORY_BUDGET']!r} is not a size "
                          "such as 2G or 512M") from None
    if not value > 0 or value != value:
        raise BudgetError(f"CONVVIZ_MEMORY_BUDGET must be a positive size, got {value}")
    return int(min(value, 2**62))


def human(nbytes: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if nbytes < 1024 or unit == "TB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return f"{nbytes:.1f} PB"


def check_budget(nbytes: float, what: str) -> None:
    """Refuse ``nbytes`` over the budget; ``what`` names the option, e.g. "--padding 100000"."""
    budget = memory_budget()
    if nbytes > budget:
        raise BudgetError(f"{what} would take {human(nbytes)}, over the {human(budget)} memory budget "
                          "(CONVVIZ_MEMORY_BUDGET)")
