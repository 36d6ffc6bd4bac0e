"""Training benchmarks on Fashion-MNIST (Debian's dataset-fashion-mnist).

    python benchmarks/bench_train.py [--epochs-speed 1] [--epochs-accuracy 5]

1. Speed, side by side in one run, same model / data / batch size (32):
   (a) a plain ``model.fit`` (in its own process) and (b) the training window with
   every live view on (filters, sample maps, curves, progress; the window's own
   training process), timing the fit alone in both; ``--rounds`` pairs (an even
   number, so each order counts alike), the order alternating, and the median of
   the pairs' ratios, with the mean ratio of each order beside it, and the ratio of
   each side's fastest run.
2. Responsiveness: a 10 ms QTimer in the GUI thread during (b), with the window
   running a real event loop (QEventLoop.exec, as app.exec does); the longest gap
   between its ticks is the longest the event loop stalled.
3. Accuracy: the default (lecture) model for ``--epochs-accuracy`` epochs on all
   60,000 training images (48,000 per epoch after the 0.2 validation split).
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CONVVIZ_SETTINGS_DIR", "/tmp/convviz-bench-settings")


PLAIN_FIT = """
import sys, time
import convviz.train  # quiet TensorFlow logging
import keras
from convviz.io.datasets import load_dataset
from convviz.model.training import InputScaling, TrainConfig
from convviz.train.keras_model import build_model
from convviz.train.runner import prepare_images
epochs = int(sys.argv[1])
data = load_dataset("fashion-mnist")
config = TrainConfig(epochs=epochs)
keras.utils.set_random_seed(config.seed)
fit_samples = len(data.x_train) - int(len(data.x_train) * config.validation_split)
x = prepare_images(data.x_train)
# The same model as the window's: the schedule's length and the training set's standardization.
model = build_model(config, data.image_shape, 10, total_steps=-(-fit_samples // config.batch_size) * epochs,
                    scaling=InputScaling.standardizing(x[:fit_samples]))
t0 = time.perf_counter()
model.fit(x, data.y_train, epochs=epochs, batch_size=config.batch_size,
          validation_split=config.validation_split, verbose=0)
print(time.perf_counter() - t0)
"""


def _cpu_seconds() -> tuple[float, float]:
    """(user + system seconds of every CPU since boot, steal seconds) from /proc/stat (Linux)."""
    try:
        fields = [int(v) for v in open("/proc/stat").readline().split()[1:]]
    except OSError:
        return float("nan"), float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    return (fields[0] + fields[1] + fields[2]) / ticks, (fields[7] if len(fields) > 7 else 0) / ticks


def plain_fit(epochs: int) -> float:
    """(a): seconds of a plain ``model.fit``, in a fresh process."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", PLAIN_FIT, str(epochs)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


window_cpu: list[float] = []  # CPU seconds of the window's own process (all its threads) per window run


def window_fit(win, app) -> tuple[float, list[tuple[float, float]]]:
    """(b): the window's fit seconds, and the gaps between ticks of a 10 ms timer meanwhile,
    each with when it ended (seconds after Start was pressed)."""
    from PySide6 import QtCore

    gaps, last = [], [time.perf_counter()]
    start = last[0]

    def tick():
        now = time.perf_counter()
        gaps.append((now - last[0], now - start))
        last[0] = now

    timer = QtCore.QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    # A real event loop, as in the app (app.exec()), left when the training process has ended.
    loop = QtCore.QEventLoop()
    done = QtCore.QTimer()
    done.timeout.connect(lambda: None if win.running else loop.quit())
    cpu0 = time.process_time()
    win.start()
    done.start(100)
    loop.exec()
    window_cpu.append(time.process_time() - cpu0)
    done.stop()
    timer.stop()
    return win.result.train_seconds, gaps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs-speed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=4,
                        help="plain/window pairs, alternating which goes first (default 4: whichever runs "
                             "second in a pair tended to be slower, so both orders count alike)")
    parser.add_argument("--epochs-accuracy", type=int, default=5)
    parser.add_argument("--speed-only", action="store_true", help="skip the accuracy run")
    args = parser.parse_args()
    import json
    import statistics
    import subprocess
    import sys
    import tempfile

    from convviz.io.datasets import DataSpec
    from convviz.ui.app import _application
    from convviz.ui.qt_train import QtTrainWindow

    app = _application()
    win = QtTrainWindow(data_spec=DataSpec("fashion-mnist"))
    win.resize(1280, 800)
    win.show()
    win.spins["epochs"].setValue(args.epochs_speed)
    for _ in range(20):  # the window opens (and warms up) before the user presses Start
        app.processEvents()
        time.sleep(0.05)

    # This VM's speed changes between states for minutes at a time (the same plain fit took 22 s
    # and 43 s in one evening), so one plain run against one window run can compare two different
    # machines.  Rounds alternate the order, and each round's ratio compares neighbours in time.
    ratios, all_gaps, times = [], [], {"plain": [], "window": []}
    print("round | first | plain model.fit s | window s | ratio plain/window | CPU s per fit s (plain, window) | "
          "steal s (plain, window) | window process's own CPU s per fit s")
    for r in range(args.rounds):
        runs = {}
        order = ("plain", "window") if r % 2 == 0 else ("window", "plain")
        for which in order:
            cpu0, steal0 = _cpu_seconds()
            if which == "plain":
                seconds = plain_fit(args.epochs_speed)
            else:
                seconds, gaps = window_fit(win, app)
                gui_cpu = window_cpu[-1] / seconds
                all_gaps += [(gap, at, r + 1, gaps[-1][1]) for gap, at in gaps]
            cpu1, steal1 = _cpu_seconds()
            runs[which] = (seconds, cpu1 - cpu0, steal1 - steal0)
        plain, window = runs["plain"][0], runs["window"][0]
        ratios.append(plain / window)
        times["plain"].append(plain)
        times["window"].append(window)
        print(f"{r + 1} | {order[0]} | {plain:.1f} | {window:.1f} | {plain / window:.3f} | "
              f"{runs['plain'][1] / plain:.2f}, {runs['window'][1] / window:.2f} | "
              f"{runs['plain'][2]:.1f}, {runs['window'][2]:.1f} | {gui_cpu:.3f}", flush=True)
    samples = win.result.train_samples * args.epochs_speed
    print(f"fit {args.epochs_speed} epoch(s) x {win.result.train_samples} images, batch 32, {args.rounds} rounds: "
          f"median speed ratio (plain / window with live views) {statistics.median(ratios):.3f} "
          f"(rounds {', '.join(f'{q:.3f}' for q in ratios)}); mean ratio with plain first "
          f"{statistics.mean(ratios[0::2]):.3f}, with the window first "
          f"{statistics.mean(ratios[1::2]) if ratios[1::2] else float('nan'):.3f}; "
          f"window {samples / window:.0f} samples/s last round")
    # Noise here only ever adds time (the slow states slow both kinds of run), so each side's
    # fastest run is the estimate least disturbed by it, as timeit reports its best repeat.
    print(f"fastest runs: plain {min(times['plain']):.1f} s, window {min(times['window']):.1f} s, "
          f"ratio {min(times['plain']) / min(times['window']):.3f}")
    all_gaps.sort()
    print(f"event loop during training: longest gap {all_gaps[-1][0] * 1e3:.0f} ms, 99th percentile "
          f"{all_gaps[int(0.99 * len(all_gaps))][0] * 1e3:.0f} ms over {len(all_gaps)} ticks of a 10 ms timer")
    print("longest gaps: " + "; ".join(f"{gap * 1e3:.0f} ms ending {at:.1f} s after Start (round {r}, "
                                       f"run {length:.1f} s)" for gap, at, r, length in all_gaps[:-6:-1]))
    win.close()

    if args.speed_only:
        return
    # (c) accuracy of the lecture's model, through the command line
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "convviz", "train", "--dataset", "fashion-mnist", "--epochs",
                        str(args.epochs_accuracy), "--out", f"{tmp}/m.keras", "--metrics", f"{tmp}/m.json"],
                       check=True, capture_output=True)
        m = json.loads(open(f"{tmp}/m.json").read())
    print(f"default model, {args.epochs_accuracy} epochs on Fashion-MNIST: test accuracy {m['test_accuracy']:.4f}, "
          f"test loss {m['test_loss']:.4f}, {m['train_seconds']:.1f} s fitting "
          f"({m['train_seconds'] / args.epochs_accuracy:.1f} s per epoch of {m['train_samples']})")


if __name__ == "__main__":
    main()
