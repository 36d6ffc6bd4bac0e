"""Step view frame time: 64x64 input, 3x3 kernel, 'same' padding, played forward
as the window's player does at 60 steps per second.

    python benchmarks/bench_steps.py

Times one frame = render (SequentialRenderer at the view's size) + QImage +
QPixmap + setPixmap + a synchronous repaint of the canvas, median and 95th
percentile over 300 consecutive steps.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CONVVIZ_SETTINGS_DIR", "/tmp/convviz-bench-settings")

import numpy as np  # noqa: E402


def main() -> None:
    from convviz.ui.app import _application

    app = _application()
    from convviz.ui.qt_main_window import QtMainWindow

    w = QtMainWindow(synchronous=True, restore=False)
    w.resize(1280, 800)
    w.show()
    rng = np.random.default_rng(0)
    w.document.set_input(rng.random((64, 64)))
    w.document.set_settings(padding="same")
    w.tabs.setCurrentWidget(w.step_view)
    app.processEvents()
    view = w.step_view
    view.player.seek(0)
    times = []
    for i in range(1, 301):
        t0 = time.perf_counter()
        view.player.seek(i)  # what the timer's tick does, minus the wait
        view.canvas.repaint()
        times.append(time.perf_counter() - t0)
    times.sort()
    size = view.canvas.size()
    print(f"step view {size.width()}x{size.height()}, 64x64 input: median {statistics.median(times) * 1e3:.1f} ms, "
          f"95th percentile {times[int(0.95 * len(times))] * 1e3:.1f} ms per frame "
          f"(budget at 60 steps/s: 16.7 ms; target 8 ms)")
    w.close()


if __name__ == "__main__":
    main()
