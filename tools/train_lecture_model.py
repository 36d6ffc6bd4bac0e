"""Train the lecture's CNN on Fashion-MNIST and ship it as resources/models/lecture_cnn.npz.

The network is exactly the lecture's (Conv2D(10, 3x3, same, relu) -> MaxPooling2D(2) -> Flatten ->
Dense(100, relu) -> Dense(10, softmax); 100, 0, 0, 196100 and 1010 parameters): no standardizing
Rescaling layer in front, so the file's summary is the one the course material prints. It is saved as a
NetworkSpec (convviz.io.networks), so the window and ``convviz inspect lecture`` open it without
TensorFlow. Needs the dataset offline (``apt-get install dataset-fashion-mnist`` or ``--data-dir``).

    python tools/train_lecture_model.py [--epochs 3] [--seed 42] [--out resources/models/lecture_cnn.npz]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data-dir", help="the four Fashion-MNIST IDX .gz files (default: found offline)")
    parser.add_argument("--out", default=str(ROOT / "resources" / "models" / "lecture_cnn.npz"))
    args = parser.parse_args(argv)

    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # the same sums on every machine, as the tests run
    import numpy as np

    import convviz.train  # noqa: F401  (quiet TensorFlow's logging)
    from convviz.core.network import forward
    from convviz.io.datasets import FASHION_CLASSES, DataSpec
    from convviz.io.networks import read_network, save_network
    from convviz.model.training import TrainConfig
    from convviz.train.data import load_training_data
    from convviz.train.model_reader import read_model
    from convviz.train.runner import TrainListener, train

    data = load_training_data(DataSpec("fashion-mnist", data_dir=args.data_dir, seed=args.seed))
    config = TrainConfig(epochs=args.epochs, seed=args.seed, standardize=False).validate()
    epoch = lambda i, logs: print(f"epoch {i + 1}: loss {logs['loss']:.4f}, accuracy {logs['accuracy']:.4f}, "  # noqa: E731
                                  f"val_accuracy {logs.get('val_accuracy', float('nan')):.4f}", file=sys.stderr)
    result = train(config, data, TrainListener(on_epoch=epoch))
    spec = read_model(result.model, class_names=FASHION_CLASSES, name="lecture_cnn")
    if spec.stopped_at:
        raise SystemExit(f"the lecture's model did not read whole: {spec.stopped_at}")
    out = save_network(args.out, spec)
    again = read_network(out)
    x = data.x_test.astype(np.float32) / 255
    predicted = np.array([forward(again, image)[-1].argmax() for image in x])
    numpy_accuracy = float((predicted == data.y_test).mean())
    print(f"Keras test accuracy {result.test_accuracy:.4f}; numpy forward on the saved file {numpy_accuracy:.4f} "
          f"({len(x)} images); {result.train_seconds:.0f} s fitting; {out.stat().st_size} bytes -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
