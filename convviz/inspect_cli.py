"""``convviz inspect MODEL INPUT --out DIR``: every layer's output for one input, as files.

MODEL is a ``.keras``/``.h5`` file (opened with Keras's safe mode in a child process), a ``.npz`` network
file, or ``lecture`` (the shipped lecture CNN, no TensorFlow at all); INPUT an image or a ``.npy``/``.csv``
matrix, resized to the model's input when its size differs (with a one-line note). The files are those
of :meth:`convviz.api_network.NetworkInspection.files`, written as one set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from convviz.commandline import CliError, Parser, run_command

PROG = "convviz inspect"


def inspect_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="Write every layer's output for one input: layers.json (name, class, output_shape, params, "
                    "macs), NN_<layer>.npy and NN_<layer>.png per layer, probabilities.json when the model ends "
                    "in softmax.",
    )
    parser.add_argument("model", help="a .keras or .h5 model (read with Keras's safe mode in a separate process), "
                                      "a .npz network file, or 'lecture' for the lecture's trained CNN")
    parser.add_argument("input", help="an image or a .npy/.csv/.txt matrix; another size is resized to the "
                                      "model's input")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if missing)")
    parser.add_argument("--class-names", metavar="A,B,...", help="names of the classes, comma-separated "
                                                                 "(default: those the model file carries)")
    parser.add_argument("--timeout", type=float, default=300.0, metavar="S",
                        help="give up opening a Keras model after this many seconds (default 300)")
    parser.add_argument("--force", action="store_true", help="replace an earlier inspect's files in DIR")
    return parser


def _inspect(argv: list[str]) -> int:
    from convviz.api_network import LECTURE, fit_image, inspect, resolve_network
    from convviz.io.atomic import check_output, require_path

    args = inspect_parser().parse_args(argv)
    out = require_path(args.out, "--out")
    if out.exists() and not out.is_dir():
        raise CliError(f"--out: {out} exists and is not a folder")
    check_output(out, folder=True)  # before Keras starts: a file among its parents, a folder not writable
    if args.model != LECTURE and not Path(args.model).exists():
        raise CliError(f"{args.model}: no such file (a model file, or '{LECTURE}')")
    if not args.timeout > 0:
        raise CliError(f"--timeout must be a positive number of seconds, got {args.timeout}")
    names = None
    if args.class_names is not None:
        names = [name.strip() for name in args.class_names.split(",")]
        if not all(names):
            raise CliError(f"--class-names: an empty name in {args.class_names!r}")
    # The input is read before the model: a bad one is refused without starting Keras.
    from convviz.io.inputs import load_input

    load_input(args.input)
    spec = resolve_network(args.model, class_names=names, timeout=args.timeout)
    if spec.stopped_at:
        print(f"{PROG}: note: {spec.stopped_at}; the layers before it are inspected", file=sys.stderr)
    x, note = fit_image(spec, args.input)
    if note:
        print(f"{PROG}: note: {args.input}: {note} (the model's input is "
              f"{'×'.join(map(str, spec.input_shape))})", file=sys.stderr)
    try:
        result = inspect(spec, x, class_names=names)
    except ValueError as exc:
        if names is not None and str(exc).startswith("class_names"):
            raise CliError(f"--{str(exc).replace('_', '-', 1)}") from None
        raise
    for path in result.save(out, force=args.force):
        print(path)
    return 0


def main(argv: list[str]) -> int:
    return run_command(PROG, lambda: _inspect(argv))
