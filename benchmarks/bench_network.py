"""Time convviz's numpy forward pass of a whole network against Keras on the same model and image.

    python benchmarks/bench_network.py [--repeat N] [--markdown]

Models (random weights, float32, one 28x28x1 image):

* lecture: Conv2D(10, 3x3, same) + ReLU -> MaxPooling 2x2 -> Flatten -> Dense(100) + ReLU ->
  Dense(10) + softmax (the course's CNN, 197,210 parameters)
* million: Conv2D(32, 3x3) + ReLU -> Conv2D(64, 3x3) + ReLU -> MaxPooling 2x2 -> Flatten ->
  Dense(128) + ReLU -> Dense(10) + softmax (1,199,882 parameters)
* mixed: Conv2D(16, 3x3, same) -> BatchNormalization -> ReLU -> DepthwiseConv2D(3x3) ->
  SeparableConv2D(32, 3x3, stride 2) -> AveragePooling 2x2 (same) -> GlobalAveragePooling -> Dense(10) + softmax

For each it times, interleaved (the order alternating each repetition), median of ``--repeat`` runs:

* ``convviz.core.network.forward(spec, x)``: every layer's output (what the window shows), with its
  checks, in this process;
* Keras ``model(x[None], training=False)`` (eager; only the last layer's output);
* the units' arithmetic and receptive field of one unit in each layer (what a click asks for).

Before timing, convviz's outputs are checked against Keras's for every layer (rtol 1e-4).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402


def _models(keras):
    L = keras.layers
    return {
        "lecture": [L.Conv2D(10, 3, padding="same", activation="relu"), L.MaxPooling2D(2), L.Flatten(),
                    L.Dense(100, activation="relu"), L.Dense(10, activation="softmax")],
        "million": [L.Conv2D(32, 3, activation="relu"), L.Conv2D(64, 3, activation="relu"), L.MaxPooling2D(2),
                    L.Flatten(), L.Dense(128, activation="relu"), L.Dense(10, activation="softmax")],
        "mixed": [L.Conv2D(16, 3, padding="same"), L.BatchNormalization(), L.ReLU(), L.DepthwiseConv2D(3),
                  L.SeparableConv2D(32, 3, strides=2, activation="relu"), L.AveragePooling2D(2, padding="same"),
                  L.GlobalAveragePooling2D(), L.Dense(10, activation="softmax")],
    }


def _randomize(model, rng) -> None:
    for layer in model.layers:
        weights = layer.get_weights()
        if weights:
            new = [rng.normal(0, 0.1, w.shape).astype(np.float32) for w in weights]
            if type(layer).__name__ == "BatchNormalization":
                new[-1] = rng.uniform(0.5, 2.0, new[-1].shape).astype(np.float32)
            layer.set_weights(new)


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)

    import keras

    from convviz.core.network import explain_unit, forward, receptive_field
    from convviz.core.network.counts import macs, params
    from convviz.train.model_reader import read_model

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (28, 28, 1)).astype(np.float32)
    rows = []
    for name, layers in _models(keras).items():
        model = keras.Sequential([keras.Input((28, 28, 1))] + layers)
        _randomize(model, rng)
        spec = read_model(model)
        probe = keras.Model(model.inputs, [layer.output for layer in model.layers])
        theirs = [np.asarray(o)[0] for o in probe([x[None]], training=False)]
        ours = forward(spec, x)
        for layer, a, b in zip(model.layers, ours, theirs):
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5 * max(1.0, float(np.abs(b).max())),
                                       err_msg=layer.name)
        units = [tuple(n // 2 for n in out.shape) for out in ours]

        def clicks(ours=ours, units=units, spec=spec):
            for index, unit in enumerate(units):
                explain_unit(spec, ours, index, unit)
                receptive_field(spec, index, unit)

        jobs = {"convviz": lambda spec=spec: forward(spec, x),
                "keras": lambda model=model, batch=x[None]: model(batch, training=False),
                "clicks": clicks}
        for fn in jobs.values():  # warm up: Keras traces, BLAS spins up
            fn()
        samples = {key: [] for key in jobs}
        order = list(jobs)
        for i in range(args.repeat):
            for key in (order if i % 2 == 0 else order[::-1]):
                samples[key].append(_median_ms(jobs[key], 1))
        med = {key: statistics.median(v) for key, v in samples.items()}
        rows.append((name, sum(params(spec)), sum(macs(spec)), med["convviz"], med["keras"],
                     med["convviz"] / med["keras"], med["clicks"] / len(units)))

    load = os.getloadavg()[0]
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = ("model", "parameters", "multiply-adds", "convviz forward (ms)", "Keras model(x) (ms)",
              "ratio", "one unit's arithmetic + receptive field (ms)")
    if args.markdown:
        print(f"{stamp}, {platform.python_version()}, numpy {np.__version__}, keras {keras.__version__}, "
              f"median of {args.repeat}, 1-minute load {load:.2f}\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print(f"| {r[0]} | {r[1]:,} | {r[2]:,} | {r[3]:.2f} | {r[4]:.2f} | {r[5]:.2f} | {r[6]:.2f} |")
    else:
        print(f"{stamp}  median of {args.repeat}  load {load:.2f}")
        for r in rows:
            print(f"{r[0]:8s} params {r[1]:>10,}  MACs {r[2]:>11,}  convviz {r[3]:7.2f} ms  keras {r[4]:7.2f} ms"
                  f"  ratio {r[5]:.2f}  click {r[6]:.2f} ms")


if __name__ == "__main__":
    main()
