"""One memory budget, checked before allocating anything whose size comes from input or options.

The budget and the size arithmetic are the model's (:mod:`convviz.model.limits`: the document
checks every change against them); this module is where the command line and the exporters
reach them.  ``memory_budget()`` here is strict: a ``CONVVIZ_MEMORY_BUDGET`` that is not a
size is an error, where the window falls back to the default and says so.
"""

from __future__ import annotations

from convviz.model.limits import DEFAULT_BUDGET, BudgetError, check_budget, human, memory_budget

__all__ = ["DEFAULT_BUDGET", "BudgetError", "check_budget", "human", "memory_budget"]
