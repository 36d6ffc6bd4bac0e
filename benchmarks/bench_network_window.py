"""The network window's live update: a new drawing -> every layer's output -> all views repainted.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_network_window.py [--repeat N]

The lecture's trained CNN (resources/models/lecture_cnn.npz) in a 1280x800 network window, a Fashion-MNIST-like
drawing on its 28x28 input.  One pen segment (what a mouse move on the canvas sends: QtNetworkInput.stroke)
-> the forward pass of all five layers -> the shown layer's maps or bars, the input, the picked unit's
arithmetic and receptive field (and the "why this class" overlay, when one is on) updated -> one turn
of the event loop, which paints.  Every view the change
alters must have received a paint event.  Median and largest over N segments, for each shown layer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class PaintCounter:
    def __init__(self, widgets):
        from PySide6 import QtCore

        self.counts = {id(w): 0 for w in widgets}
        self.widgets = widgets
        outer = self

        class Filter(QtCore.QObject):
            def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
                if event.type() == QtCore.QEvent.Type.Paint and id(obj) in outer.counts:
                    outer.counts[id(obj)] += 1
                return False

        self.filter = Filter()
        for w in widgets:
            w.installEventFilter(self.filter)

    def reset(self):
        for key in self.counts:
            self.counts[key] = 0

    def missing(self):
        return [w for w in self.widgets if self.counts[id(w)] == 0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()

    import numpy as np
    from PySide6 import QtCore, QtWidgets

    app = QtWidgets.QApplication([])
    from convviz.io.networks import read_network
    from convviz.resources_path import resource
    from convviz.ui.qt_network import QtNetworkWindow

    spec = read_network(resource("models", "lecture_cnn.npz"))
    win = QtNetworkWindow(spec, synchronous=True)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    button = QtCore.Qt.MouseButton.LeftButton
    rng = np.random.default_rng(0)
    print(f"lecture CNN ({spec.name}), window 1280x800, {args.repeat} pen segments per layer")
    cases = [(0, (14, 14, 3), "none"), (1, (7, 7, 3), "none"), (3, (42,), "none"), (4, (3,), "none"),
             (0, (14, 14, 3), "saliency"), (0, (14, 14, 3), "gradcam")]
    for layer, unit, overlay in cases:
        win.explorer.select_layer(layer)
        win.explorer.select_unit(unit)
        win.explorer.set_overlay(overlay)
        win.explorer.clear()
        app.processEvents()
        shown = win.maps.grid if win.maps.shows_maps else win.maps.bars
        views = [shown.viewport(), win.input.graphics.viewport(), win.unit_panel.viewport()]
        counter = PaintCounter(views)
        times = []
        for i in range(args.repeat):
            r0, c0 = (int(v) for v in rng.integers(2, 26, size=2))
            r1, c1 = min(r0 + 2, 27), min(c0 + 3, 27)
            counter.reset()
            runs = win.explorer.forward_runs
            start = time.perf_counter()
            win.input.cell.image.stroke.emit(r0, c0, r1, c1, button)
            app.processEvents()
            elapsed = time.perf_counter() - start
            if win.explorer.forward_runs == runs:
                continue  # the segment only crossed cells already painted: nothing to show
            times.append(elapsed)
            if counter.missing():
                raise RuntimeError(f"{len(counter.missing())} view(s) were not repainted by segment {i}")
            if i % 8 == 7:
                win.explorer.clear()  # keep drawing on a fresh canvas: every segment changes cells
                app.processEvents()
        name = spec.layers[layer].name
        print(f"  shown: {name:8s} unit {str(unit):12s} overlay {overlay:8s} {len(times)} segments -> repainted: "
              f"median {statistics.median(times) * 1e3:.1f} ms, max {max(times) * 1e3:.1f} ms")
    win.close()


if __name__ == "__main__":
    main()
