"""Cyclic garbage is collected from a timer in the GUI thread only (convviz.ui.app): a collection that a
worker thread's allocation triggered freed Qt wrappers under Qt's feet, and the layout probe segfaulted
in 2-4 of 12 runs (none in 14 with this)."""

import gc
import weakref

from convviz.ui.app import collect_garbage_in_gui_thread


class _Node:
    pass


def test_garbage_is_collected_by_the_gui_threads_timer_and_only_there(qapp, qtbot):
    collect_garbage_in_gui_thread(qapp)
    collector = qapp._convviz_gc
    collect_garbage_in_gui_thread(qapp)
    assert qapp._convviz_gc is collector and not gc.isenabled()  # once per application
    a, b = _Node(), _Node()
    a.other, b.other = b, a  # a cycle: only the cyclic collector frees it
    gone = weakref.ref(a)
    del a, b
    # Enough live allocations to trigger a collection, were it enabled.
    kept = [_Node() for _ in range(gc.get_threshold()[0] + 10)]
    assert gone() is not None and kept
    qtbot.waitUntil(lambda: gone() is None, timeout=3000)  # the timer's collection, in this thread
