"""Training benchmarks on Fashion-MNIST (Debian's dataset-fashion-mnist).

    python benchmarks/bench_train.py [--epochs-speed 1] [--epochs-accuracy 5]

1. Speed, side by side in one run, same model / data / batch size (32):
   (a) a plain ``model.fit`` (in its own process) and (b) the training window with
   every live view on (filters, sample maps, curves, progress; the window's own
   training process), timing the fit alone in both.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs-speed", type=int, default=1)
    parser.add_argument("--epochs-accuracy", type=int, default=5)
    parser.add_argument("--speed-only", action="store_true", help="skip the accuracy run")
    args = parser.parse_args()
    import json
    import subprocess
    import sys
    import tempfile

    # (a) plain model.fit, in its own process (this one never imports TensorFlow, like the window)
    out = subprocess.run([sys.executable, "-c", PLAIN_FIT, str(args.epochs_speed)], capture_output=True, text=True,
                         check=True)
    plain = float(out.stdout.strip().splitlines()[-1])

    # (b) the window, live views on; its training runs in the window's child process
    from PySide6 import QtCore

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
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QtCore.QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    # A real event loop, as in the app (app.exec()), left when the training process has ended.
    loop = QtCore.QEventLoop()
    done = QtCore.QTimer()
    done.timeout.connect(lambda: None if win.running else loop.quit())
    win.start()
    done.start(100)
    loop.exec()
    done.stop()
    timer.stop()
    window = win.result.train_seconds
    samples = win.result.train_samples * args.epochs_speed
    print(f"fit {args.epochs_speed} epoch(s) x {win.result.train_samples} images, batch 32: plain model.fit "
          f"{plain:.1f} s ({samples / plain:.0f} samples/s), window with live views {window:.1f} s "
          f"({samples / window:.0f} samples/s), speed ratio {plain / window:.3f}")
    gaps.sort()
    print(f"event loop during training: longest gap {gaps[-1] * 1e3:.0f} ms, 99th percentile "
          f"{gaps[int(0.99 * len(gaps))] * 1e3:.0f} ms over {len(gaps)} ticks of a 10 ms timer")
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
