"""One shared thread pool for numpy work that releases the GIL.

numpy ufuncs and scipy.ndimage's C loops release the GIL on large arrays, so
independent pieces (row blocks of one convolution, the maps of a filter bank)
run on every core from plain threads.  One pool for the whole process keeps
the thread count at the core count however many callers there are.  Tasks
must not wait on other tasks of the pool (no nesting).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

WORKERS = os.cpu_count() or 1

#: Below this many array elements in all, threads cost more than they save.
MIN_PARALLEL_ELEMENTS = 1 << 17

_EXECUTOR: ThreadPoolExecutor | None = None


def executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    if _EXECUTOR is None:
        # Imported on first use: concurrent.futures (with logging) is about 10 ms of the
        # window's start-up, and the first example is too small to need threads.
        from concurrent.futures import ThreadPoolExecutor

        _EXECUTOR = ThreadPoolExecutor(WORKERS, thread_name_prefix="convviz-numpy")
    return _EXECUTOR


def map_threads(fn: Callable, items: Iterable, *, elements: int) -> list:
    """``[fn(item) for item in items]``, on every core when ``elements`` (the
    total array size the calls touch) makes it worth it; results keep their order."""
    items = list(items)
    if WORKERS > 1 and len(items) > 1 and elements >= MIN_PARALLEL_ELEMENTS:
        return list(executor().map(fn, items))
    return [fn(item) for item in items]
