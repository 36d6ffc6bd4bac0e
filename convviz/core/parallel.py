"""One shared thread pool for numpy work that releases the GIL.

numpy ufuncs and scipy.ndimage's C loops release the GIL on large arrays, so
independent pieces (row blocks of one convolution, the maps of a filter bank)
run on every core from plain threads.  One pool for the whole process keeps
the thread count at the core count however many callers there are.  Tasks
must not wait on other tasks of the pool (no nesting).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
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


_idle_checked = (-1.0, False)


def cores_idle() -> bool:
    """Whether the machine's other cores look free (1-minute load average below the core count
    less one: a core's worth free besides the caller's; checked at most once a second).  With
    another process busy on a 2-core machine, splitting one product over threads that wait for a
    core and for the GIL made it 2-3x slower than running it on one (256x256, 8 filters 15x15:
    15.3 vs 4.6 ms median at load 2.1; BLAS's threads at load 1.4: 512x512, 8 filters 7x7, 104 ms
    against 8 ms alone); on an idle machine the split is 1.5-2x faster."""
    global _idle_checked
    import time

    now = time.monotonic()
    if now - _idle_checked[0] > 1.0:
        try:
            idle = os.getloadavg()[0] < WORKERS - 1
        except OSError:  # no load average on this system
            idle = True
        _idle_checked = (now, idle)
    return _idle_checked[1]


def map_threads(fn: Callable, items: Iterable, *, elements: int) -> list:
    """``[fn(item) for item in items]``, on every core when ``elements`` (the
    total array size the calls touch) makes it worth it; results keep their order."""
    items = list(items)
    if WORKERS > 1 and len(items) > 1 and elements >= MIN_PARALLEL_ELEMENTS:
        return list(executor().map(fn, items))
    return [fn(item) for item in items]


# --- BLAS threads ------------------------------------------------------------------------------
# A matrix product split into row blocks on this pool wants BLAS single-threaded inside each
# block: OpenBLAS's own threads spin-wait, and two of them per block on top of the pool's
# threads (or of another busy process) oversubscribe a 2-core machine.  Measured on 1024x1024,
# 8 filters 3x3, with one other process busy: 20-100 ms with BLAS threads, 15 ms without.

_blas_lock = threading.Lock()
_blas_users = 0
_blas_saved: list[tuple[Callable, int]] = []
_blas_libraries: list[tuple[Callable, Callable]] | None = None


def _openblas_libraries() -> list[tuple[Callable, Callable]]:
    """(set_num_threads, get_num_threads) of every OpenBLAS loaded in the process (numpy's and
    scipy's wheels each bundle one); empty where none is found (another BLAS, another system)."""
    global _blas_libraries
    if _blas_libraries is None:
        import ctypes

        found = []
        try:
            with open("/proc/self/maps") as maps:
                paths = sorted({line.split()[-1] for line in maps
                                if "openblas" in line.lower() and line.split()[-1].startswith("/")})
        except OSError:
            paths = []
        for path in paths:
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            for prefix in ("scipy_openblas", "openblas"):
                for suffix in ("64_", ""):
                    setter = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                    getter = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                    if setter is not None and getter is not None:
                        setter.argtypes, getter.restype = [ctypes.c_int], ctypes.c_int
                        found.append((setter, getter))
                        break
                else:
                    continue
                break
        _blas_libraries = found
    return _blas_libraries


def can_limit_blas() -> bool:
    """Whether :func:`single_threaded_blas` can take BLAS to one thread here."""
    return bool(_openblas_libraries())


@contextmanager
def single_threaded_blas():
    """BLAS on one thread while the block runs (for this process: callers nest and overlap
    safely; the last one out restores the thread counts found by the first one in)."""
    global _blas_users
    libraries = _openblas_libraries()
    with _blas_lock:
        if _blas_users == 0:
            _blas_saved[:] = [(setter, getter()) for setter, getter in libraries]
            for setter, _ in libraries:
                setter(1)
        _blas_users += 1
    try:
        yield
    finally:
        with _blas_lock:
            _blas_users -= 1
            if _blas_users == 0:
                for setter, count in _blas_saved:
                    setter(count)
