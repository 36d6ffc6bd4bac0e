"""Opening a Keras model for the network window, against plain Keras in a fresh process.

    python benchmarks/bench_open_model.py [--repeat N]

Two models are saved as .keras (and the larger also as .h5) in a temporary folder: the lecture's
CNN (197,210 parameters) and a conv 32/64 + dense 128 CNN (1.2 M parameters).  Each is opened N
times, alternating with the reference, a fresh ``python -c "import keras; keras.models.load_model(f,
compile=False)"``.  convviz opens it as the window does (convviz.train.model_reader.NetworkLoader: a
child process, Keras's safe mode, the weights back as a checked .npz); the child reports how long
TensorFlow's import took, and the target (issue 19) is the opening beyond that import <= 2 s.
Medians, seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _models(folder: str) -> dict[str, str]:
    import keras

    from convviz.model.training import TrainConfig
    from convviz.train.keras_model import build_model

    lecture = build_model(TrainConfig(standardize=False), (28, 28), 10)
    million = keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.Conv2D(64, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    paths = {"lecture CNN .keras": os.path.join(folder, "lecture.keras"),
             "1.2 M parameters .keras": os.path.join(folder, "million.keras"),
             "1.2 M parameters .h5": os.path.join(folder, "million.h5")}
    lecture.save(paths["lecture CNN .keras"])
    million.save(paths["1.2 M parameters .keras"])
    million.save(paths["1.2 M parameters .h5"])
    return paths


def _reference(path: str) -> float:
    code = "import keras, sys; keras.models.load_model(sys.argv[1], compile=False)"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, path], check=True, capture_output=True)
    return time.perf_counter() - t0


def _convviz(path: str) -> tuple[float, float]:
    from convviz.train.model_reader import NetworkLoader

    t0 = time.perf_counter()
    loader = NetworkLoader(path)
    loader.wait()
    total = time.perf_counter() - t0
    return total, total - loader.timings.get("import_s", 0.0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = _models(folder)
        print("| model | convviz, wall | of it beyond TensorFlow's import | plain Keras load_model, fresh process "
              "| ratio |")
        print("|---|---|---|---|---|")
        for name, path in paths.items():
            ours, beyond, ref = [], [], []
            for r in range(args.repeat):
                if r % 2:
                    ref.append(_reference(path))
                total, rest = _convviz(path)
                ours.append(total)
                beyond.append(rest)
                if not r % 2:
                    ref.append(_reference(path))
            o, b, f = (statistics.median(v) for v in (ours, beyond, ref))
            print(f"| {name} | {o:.2f} | {b:.2f} | {f:.2f} | {o / f:.2f} |", flush=True)
