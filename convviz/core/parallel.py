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
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

WORKERS = os.cpu_count() or 1

#: Below this many array elements in all, threads cost more than they save.
MIN_PARALLEL_ELEMENTS = 1 << 17
#: Nor below this many per call: a call of a few short numpy passes spends its time taking the GIL
#: back between them.  Sixteen thumbnails' colours (four passes each): 128x128 maps 1.15x
#: slower on two threads, 181x181 0.90, 256x256 0.71 (this machine, 2026-12-03).
MIN_ITEM_ELEMENTS = 1 << 15

_EXECUTOR: ThreadPoolExecutor | None = None


def executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    if _EXECUTOR is None:
        # Imported on first use: concurrent.futures (with logging) is about 10 ms of the
        # window's start-up, and the first example is too small to need threads.
        from concurrent.futures import ThreadPoolExecutor

        _EXECUTOR = ThreadPoolExecutor(WORKERS, thread_name_prefix="convviz-numpy")
    return _EXECUTOR


#: Cores other processes may keep busy while a split still pays on the rest.
OTHERS_BUSY_MAX = WORKERS - 1.5

#: Seconds of CPU accounting needed to judge other processes' share.
MIN_INTERVAL = 0.1

_idle_checked = (-1.0, False)


def _machine_busy_seconds() -> float | None:
    """CPU seconds all processes have spent busy since boot (/proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        ticks = [int(v) for v in fields[1:9]]
        if fields[0] != "cpu" or len(ticks) < 5:
            return None
    except (OSError, ValueError, IndexError):
        return None
    busy = sum(ticks) - ticks[3] - ticks[4]  # less idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def _gui_thread_seconds() -> float:
    """CPU seconds of the process's main thread (the window's event loop), 0 where unreadable."""
    try:
        with open(f"/proc/self/task/{os.getpid()}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _sample() -> tuple[float, float | None, float, float]:
    """(monotonic time, the machine's busy CPU seconds or None, this process's CPU seconds, its
    main thread's CPU seconds)."""
    return time.monotonic(), _machine_busy_seconds(), time.process_time(), _gui_thread_seconds()


_idle_sample = _sample()


def cores_idle() -> bool:
    """Whether the machine's other cores look free: fewer than ``WORKERS - 1.5`` cores were kept
    busy since the last check (re-judged at most once a second) by other processes and, when the
    caller is a worker thread, by the main thread (the window painting beside it).

    Other processes' share is the machine's busy time (/proc/stat) less this process's CPU time:
    the load average, used until then, counted the caller's own work, so a second of benchmark or
    notebook cell made it look busy and single-threaded everything.  The main thread still
    counts for a worker: a window repainting during a pen stroke keeps a core busy.  Threads on
    a busy machine wait for a core and make a product 2-3x slower; on free cores they make it
    1.5-2x faster.  Where /proc/stat cannot be read, the 1-minute load average stands in."""
    global _idle_checked, _idle_sample
    if time.monotonic() - _idle_checked[0] <= 1.0:
        return _idle_checked[1]
    now, busy, own, gui = sample = _sample()
    then, busy_then, own_then, gui_then = _idle_sample
    if busy is not None and busy_then is not None and now - then >= MIN_INTERVAL:
        others = busy - busy_then - (own - own_then)
        if threading.current_thread() is not threading.main_thread():
            others += gui - gui_then
        idle = others / (now - then) < OTHERS_BUSY_MAX
        _idle_sample, _idle_checked = sample, (now, idle)
        return idle
    try:
        idle = os.getloadavg()[0] < WORKERS - 1
    except OSError:  # no load average on this system
        idle = True
    # Just after import the interval is too short to judge: the load average stands in until it is
    # long enough (a benchmark's first cases, run right after another, were judged busy for 1 s).
    _idle_checked = (now if busy is None else then + MIN_INTERVAL - 1.0, idle)
    return idle


def map_threads(fn: Callable, items: Iterable, *, elements: int) -> list:
    """``[fn(item) for item in items]``, on every core when ``elements`` (the
    total array size the calls touch) makes it worth it, in all and per call; results keep
    their order."""
    items = list(items)
    if (WORKERS > 1 and len(items) > 1 and elements >= MIN_PARALLEL_ELEMENTS
            and elements >= MIN_ITEM_ELEMENTS * len(items)):
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
