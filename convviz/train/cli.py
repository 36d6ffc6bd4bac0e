"""``convviz train``: train the lecture's CNN from a terminal."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from convviz.commandline import CliError, Parser, run_command


def train_parser() -> argparse.ArgumentParser:
    p = Parser(prog="convviz train", description="Train the lecture's CNN (Conv2D → MaxPooling2D → Dense) with Keras.")
    p.add_argument("--dataset", default="fashion-mnist",
                   help="fashion-mnist, mnist, shapes (synthetic, no download), or a path: .npz with "
                        "x_train/y_train/x_test/y_test, a directory of IDX .gz files, or class subfolders of images")
    p.add_argument("--data-dir", metavar="DIR", help="directory holding the four IDX .gz files")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--limit", type=int, default=None, metavar="N", help="use only the first N training images")
    p.add_argument("--filters", type=int, default=10)
    p.add_argument("--kernel-size", type=int, default=3)
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--no-standardize", dest="standardize", action="store_false",
                   help="feed the images in [0, 1] as they are (default: a Rescaling layer standardizes them)")
    p.add_argument("--lr-schedule", choices=("cosine", "constant"), default="cosine",
                   help="learning rate: cosine decay from 0.001 to 0 over the run (default), or constant")
    p.add_argument("--out", required=True, metavar="MODEL.keras", help="where to save the trained model")
    p.add_argument("--metrics", metavar="FILE.json", help="write test accuracy, loss, history and timings here")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    return p


class _Bar:
    def __init__(self):
        self.tty = sys.stderr.isatty()

    def progress(self, info: dict) -> None:
        if not self.tty:
            return
        width = 30
        filled = int(width * info["samples_done"] / max(info["total"], 1))
        eta = info["eta_s"]
        print(f"\repoch {info['epoch'] + 1} [{'#' * filled}{'.' * (width - filled)}] "
              f"{info['samples_per_s']:.0f} samples/s, {eta:.0f} s left, loss {info['loss']:.3f}   ",
              end="", file=sys.stderr, flush=True)

    def epoch(self, epoch: int, logs: dict) -> None:
        val = f", val_accuracy {logs['val_accuracy']:.4f}" if "val_accuracy" in logs else ""
        print(f"\repoch {epoch + 1}: loss {logs.get('loss', float('nan')):.4f}, accuracy "
              f"{logs.get('accuracy', float('nan')):.4f}{val}" + " " * 20, file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    return run_command("convviz train", lambda: _train(argv))


def _train(argv: list[str]) -> int:
    from convviz.io.atomic import OutputExistsError, atomic_path, check_output, write_text
    from convviz.io.datasets import DataSpec
    from convviz.model.training import TrainConfig

    from .data import load_training_data, plain_error

    args = train_parser().parse_args(argv)
    out = Path(args.out)
    if out.suffix != ".keras":
        raise CliError(f"--out must end in .keras, got {out}")
    for path in [out] + ([Path(args.metrics)] if args.metrics else []):
        if path.exists() and not args.force:
            raise OutputExistsError(f"{path} exists; pass --force to overwrite it")
        check_output(path)  # before the training, not after it: a file among its parents, a folder not writable
    if args.limit is not None and args.limit < 1:
        raise CliError(f"--limit must be a positive integer, got {args.limit}")
    config = TrainConfig(filters=args.filters, kernel_size=args.kernel_size, dropout=args.dropout,
                         epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
                         lr_schedule=args.lr_schedule, standardize=args.standardize).validate()
    data = load_training_data(DataSpec(args.dataset, data_dir=args.data_dir, limit=args.limit, seed=args.seed))
    from .runner import TrainListener, train

    bar = _Bar()
    listener = TrainListener(on_progress=bar.progress, on_epoch=bar.epoch, stop=threading.Event())
    try:
        result = train(config, data, listener)
    except KeyboardInterrupt:
        print("\nconvviz train: interrupted; nothing written", file=sys.stderr)
        return 130
    except Exception as exc:  # Keras's errors are many lines with colour codes: one plain line instead
        raise CliError(plain_error(exc)) from None
    with atomic_path(out, suffix=".keras") as tmp:
        result.model.save(tmp)
    metrics = result.metrics()
    metrics.update(dataset=data.name, config=config.to_dict())
    if args.metrics:
        write_text(args.metrics, json.dumps(metrics, indent=1))
    print(f"test accuracy {result.test_accuracy:.4f}, test loss {result.test_loss:.4f}, "
          f"{result.train_samples} samples/epoch, {result.train_seconds:.1f} s fitting -> {out}")
    return 0
