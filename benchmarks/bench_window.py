"""Window speed, measured against references in the same run.

    python benchmarks/bench_window.py [--repeat N]

1. Start-up: wall time from process start to a rendered window, for
   (a) a bare PySide6 + pyqtgraph window showing four images (the reference) and
   (b) the convviz explorer; each in fresh processes, alternating, median of N.
2. Live update: a 512x512 input with 8 filters of 3x3 plus 2x2 pooling; one
   parameter change -> recompute -> the feature and pooled views repainted (the
   change, then one turn of the event loop, which paints; a paint event on each
   view the change alters is checked).  Four kinds of change: the activation toggled and the
   pooling switched (the convolutions are reused from the pipeline cache), a
   kernel cell edited (that filter is convolved again) and a 10x10 patch of the
   input painted (all eight convolutions run again).  Median over N changes.
3. A pen stroke settling: 512x512, 16 filters of 7x7 and 2x2 pooling, the window computing in
   its worker as in use; a 0.5 s stroke (one Document.paint every 16 ms, the event loop
   running between them) -> time from the stroke's last paint until the maps on screen are the
   final ones, and the event loop's longest gap meanwhile (how responsive the window stays).
   Median over N strokes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import textwrap
import time

BARE = textwrap.dedent(
    """
    import time, sys
    t0 = float(sys.argv[1])
    import numpy as np
    import pyqtgraph as pg
    from PySide6 import QtWidgets
    app = QtWidgets.QApplication([])
    w = pg.GraphicsLayoutWidget()
    for i in range(4):
        vb = w.addViewBox(row=i // 2, col=i % 2)
        vb.addItem(pg.ImageItem(np.random.default_rng(i).random((64, 64), dtype=np.float32), levels=(0, 1)))
    w.resize(1280, 800)
    w.show()
    app.processEvents()
    w.grab()
    print(time.time() - t0)
    """
)

CONVVIZ = textwrap.dedent(
    """
    import time, sys
    t0 = float(sys.argv[1])
    from convviz.ui.app import _application
    app = _application()
    from convviz.ui.qt_main_window import QtMainWindow
    w = QtMainWindow(synchronous=True, restore=False)
    w.resize(1280, 800)
    w.show()
    app.processEvents()
    w.grab()
    print(time.time() - t0)
    """
)


def startup(repeat: int) -> dict[str, float]:
    # Byte-compile convviz first, as installing a wheel does (pip compiles every module):
    # pyqtgraph, PySide6 and numpy in site-packages were compiled when installed, while an
    # editable checkout run with PYTHONDONTWRITEBYTECODE=1 (this machine's default) would
    # recompile every convviz module in every process (about 0.1 s here) and measure that.
    import compileall

    import convviz

    compileall.compile_dir(os.path.dirname(convviz.__file__), quiet=1)
    import tempfile

    # A first start: no settings and no last session (a fresh directory of their own).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_SETTINGS_DIR=tempfile.mkdtemp(prefix="convviz-bench-"))
    samples = {"bare": [], "convviz": []}
    for _ in range(repeat):
        for name, code in (("bare", BARE), ("convviz", CONVVIZ)):
            out = subprocess.run([sys.executable, "-c", code, repr(time.time())], env=env,
                                 capture_output=True, text=True, check=True)
            samples[name].append(float(out.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(v) for k, v in samples.items()}


class _PaintCounter:
    """Counts paint events of widgets (to check that a measured change really repainted them)."""

    def __init__(self, widgets):
        from PySide6 import QtCore

        class Filter(QtCore.QObject):
            def eventFilter(inner, obj, event):  # noqa: N805
                if event.type() == QtCore.QEvent.Type.Paint:
                    self.counts[obj] = self.counts.get(obj, 0) + 1
                return False

        self.counts: dict = {}
        self._filter = Filter()
        for w in widgets:
            w.installEventFilter(self._filter)

    def reset(self):
        self.counts.clear()


def _window(*, synchronous: bool, filters: int, side: int):
    """The explorer at 1280x800 on a 512x512 input with ``filters`` random side x side kernels,
    'same' padding and 2x2 max pooling, computed and painted: (app, window, kernels)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("CONVVIZ_SETTINGS_DIR", "/tmp/convviz-bench-settings")
    import numpy as np

    from convviz.ui.app import _application, _reuse_freed_memory

    app = _application()
    from convviz.ui.qt_main_window import QtMainWindow

    w = QtMainWindow(synchronous=synchronous, restore=False)
    w.resize(1280, 800)
    w.show()
    _reuse_freed_memory()  # as convviz.ui.app.run does once the window is shown
    rng = np.random.default_rng(0)
    kernels = [rng.standard_normal((side, side)) for _ in range(filters)]
    w.document.set_input(rng.random((512, 512)))
    w.document.set_kernels(kernels)
    w.document.set_settings(pool="max", pool_size=2, padding="same")
    w.compute.wait(60_000)
    app.processEvents()
    return app, w, kernels


def live_update(repeat: int, change: str = "activation") -> dict[str, float]:
    """One parameter change -> recompute -> the changed views painted, as the app does it:
    the change is made, then the event loop runs once (offscreen Qt paints dirty widgets
    there); every view the change alters must have received a paint event (the pooled
    grid for a pooling change, both grids for the others)."""
    import numpy as np

    app, w, kernels = _window(synchronous=True, filters=8, side=3)
    doc = w.document
    # The views the change alters must repaint: the pooled ones for a pooling change (the
    # feature maps stay as they are, and are not repainted), both grids for the others.
    views = [w.pooled_grid.viewport()] if change == "pool" else [w.feature_grid.viewport(), w.pooled_grid.viewport()]
    counter = _PaintCounter(views)
    times, compute_times = [], []
    for i in range(repeat + 3):
        counter.reset()
        t0 = time.perf_counter()
        if change == "activation":
            doc.set_settings(activation="relu" if i % 2 == 0 else "none")
        elif change == "pool":
            doc.set_settings(pool="avg" if i % 2 == 0 else "max")
        elif change == "kernel":  # one filter's kernel: that filter is convolved again
            edited = [k.copy() for k in kernels]
            edited[0][1, 1] += 0.5 if i % 2 == 0 else -0.5
            doc.set_kernels(edited)
        else:  # a pen stroke on the input (Document.paint, as the canvas does): all eight convolutions again
            rows, cols = np.meshgrid(np.arange(200, 210), np.arange(200, 210), indexing="ij")
            doc.paint(rows.ravel(), cols.ravel(), 1.0 if i % 2 == 0 else 0.0)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        missing = [v for v in views if not counter.counts.get(v)]
        if missing:
            raise RuntimeError(f"{len(missing)} map view(s) were not repainted by the change")
        if i >= 3:  # warm-up
            times.append(t2 - t0)
            compute_times.append(t1 - t0)
    w.close()
    return {"total": statistics.median(times), "compute+setImage": statistics.median(compute_times)}


def bare_live_update(repeat: int) -> float:
    """The reference for a live update, timed in the same process: the same sixteen maps (eight 512x512
    feature maps, eight 256x256 pooled ones, 8 filters 3x3 on a 512x512 input) recomputed in plain
    numpy after an activation toggle (ReLU, 2x2 max pooling) and set into sixteen pyqtgraph ImageItems
    of a 1280x800 GraphicsLayoutWidget, the event loop run once to repaint them: median seconds.  What
    a parameter change costs drawn the plain pyqtgraph way, so the ratio to it holds across the
    machine's speed, which absolute milliseconds on this VM did not (7.7 to 11.8 ms in two hours)."""
    import numpy as np
    import pyqtgraph as pg
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    rng = np.random.default_rng(0)
    x = rng.random((512, 512))
    bank = rng.standard_normal((3, 3, 8))
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(x, 1), (3, 3))
    raw = np.einsum("ijkl,klf->fij", windows, bank, optimize=True)  # the convolutions, reused as convviz does
    win = pg.GraphicsLayoutWidget()
    items = []
    for i in range(16):
        view = win.addViewBox(row=i // 8, col=i % 8, lockAspect=True)
        item = pg.ImageItem(axisOrder="row-major")
        view.addItem(item)
        items.append(item)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    times = []
    for i in range(repeat + 3):
        t0 = time.perf_counter()
        maps = np.maximum(raw, 0) if i % 2 == 0 else raw
        pooled = maps.reshape(8, 256, 2, 256, 2).max(axis=(2, 4))
        lo, hi = float(maps.min()), float(maps.max())
        for k in range(8):
            items[k].setImage(maps[k], levels=(lo, hi))
            items[8 + k].setImage(pooled[k], levels=(lo, hi))
        app.processEvents()
        if i >= 3:
            times.append(time.perf_counter() - t0)
    win.close()
    return statistics.median(times)


def stroke_settle(repeat: int) -> dict[str, float]:
    """A 0.5 s stroke on 512x512 with 16 filters 7x7 in the asynchronous window: seconds from the
    last paint to the final maps shown, and the longest gap between event-loop turns (a 5 ms
    timer) from the stroke's start until then."""
    import numpy as np
    from PySide6 import QtCore

    app, w, _ = _window(synchronous=False, filters=16, side=7)
    doc, compute = w.document, w.compute
    ticks: list[float] = []
    timer = QtCore.QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    settles, gaps = [], []
    for r in range(repeat + 1):
        ticks.clear()
        timer.start()
        start = time.perf_counter()
        step = 0
        while time.perf_counter() - start < 0.5:
            y, x = 100 + 3 * step, 100 + 4 * step + 20 * r
            rows, cols = np.meshgrid(np.arange(y, y + 4), np.arange(x, x + 4), indexing="ij")
            doc.paint(rows.ravel(), cols.ravel(), float(step % 2))
            step += 1
            until = time.perf_counter() + 0.016
            while time.perf_counter() < until:
                app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 2)
        last_paint = time.perf_counter()
        while compute.shown < compute.generation or compute.busy:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 2)
        app.processEvents()  # the final maps painted
        done = time.perf_counter()
        timer.stop()
        if r:  # the first stroke warms up
            settles.append(done - last_paint)
            gaps.append(max(np.diff([start] + ticks + [done])))
    w.close()
    return {"settle": statistics.median(settles), "gap": statistics.median(gaps)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--part", choices=("all", "startup", "live", "stroke"), default="all")
    args = parser.parse_args()
    # The references make their QApplication before _window() would choose the platform.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.part in ("all", "startup"):
        s = startup(args.repeat)
        print(f"start-up to rendered window (median of {args.repeat}): bare PySide6+pyqtgraph "
              f"{s['bare'] * 1e3:.0f} ms, convviz {s['convviz'] * 1e3:.0f} ms, ratio {s['convviz'] / s['bare']:.2f}")
    if args.part in ("all", "stroke"):
        u = stroke_settle(args.repeat)
        print(f"512x512, 16 filters 7x7 + pool 2x2, a 0.5 s pen stroke in the asynchronous window: final maps "
              f"{u['settle'] * 1e3:.0f} ms after the pen stops, longest event-loop gap {u['gap'] * 1e3:.0f} ms "
              f"(medians of {args.repeat})")
    bare = None if args.part in ("startup", "stroke") else bare_live_update(max(args.repeat, 20))
    if bare is not None:
        print(f"reference: the same 16 maps recomputed in numpy and set into bare pyqtgraph ImageItems, "
              f"repainted: median {bare * 1e3:.1f} ms")
    for change, what in (("activation", "activation toggled (convolutions reused)"),
                         ("pool", "pooling max <-> avg (convolutions reused)"),
                         ("kernel", "one kernel cell edited (that filter convolved again)"),
                         ("input", "a 10x10 pen stroke (every map convolved again)")):
        if args.part in ("startup", "stroke"):
            break
        u = live_update(max(args.repeat, 20), change)
        print(f"512x512, 8 filters 3x3 + pool 2x2, {what}: change to repainted views median "
              f"{u['total'] * 1e3:.1f} ms (recompute + setImage {u['compute+setImage'] * 1e3:.1f} ms), "
              f"{u['total'] / bare:.2f} of the reference")
