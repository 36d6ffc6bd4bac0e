"""``convviz export``: feature maps, pooled maps and a contact sheet, without a window.

Every problem with the arguments or the files is one line on stderr and exit
status 2; files are written atomically and never overwrite existing ones
without ``--force``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from convviz.commandline import CliError, Parser, run_command


def _padding(text: str):
    if text in ("valid", "same", "full"):
        return text
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"unknown padding {text!r}; expected valid, same, full or an integer") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"padding must not be negative, got {value}")
    return value


def add_op_options(parser: argparse.ArgumentParser) -> None:
    """The op options every subcommand shares."""
    from convviz.core.activations import ACTIVATIONS

    g = parser.add_argument_group("operation")
    g.add_argument("--kernel", "-k", required=True, metavar="K",
                   help="a preset name (sobel_x, gaussian_3x3, …), a matrix such as \"1,0,-1;2,0,-2;1,0,-1\", "
                        "or a .npy/.txt/.csv file")
    g.add_argument("--op", choices=("correlate", "convolve", "transposed"), default="correlate",
                   help="transposed: each input cell stamps input x kernel onto the output (Keras Conv2DTranspose)")
    g.add_argument("--padding", type=_padding, default="valid", metavar="valid|same|full|N")
    g.add_argument("--same", choices=("tensorflow", "centered"), default="tensorflow",
                   help="where 'same' puts the odd padding cell: after (tensorflow) or before (centered)")
    g.add_argument("--boundary", choices=("zeros", "reflect", "replicate", "circular"), default="zeros")
    g.add_argument("--stride", type=int, default=1)
    g.add_argument("--dilation", type=int, default=1)
    g.add_argument("--output-padding", type=int, default=None, metavar="P",
                   help="--op transposed: extra output cells at the end, less than the stride (Keras output_padding)")
    g.add_argument("--bias", type=float, default=0.0)
    g.add_argument("--activation", choices=[k for k in ACTIVATIONS if k != "softmax"], default="none")
    g.add_argument("--pool", choices=("none", "max", "avg"), default="none")
    g.add_argument("--pool-size", type=int, default=2)
    g.add_argument("--pool-stride", type=int, default=None)
    g.add_argument("--pool-padding", choices=("valid", "same"), default="valid")


def _groups(text: str):
    if text == "depthwise":
        return text
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"unknown groups {text!r}; expected a number or depthwise") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"groups must be a positive integer, got {value}")
    return value


def add_groups_option(parser: argparse.ArgumentParser) -> None:
    """--groups, for the subcommands that compute the explorer's maps (export, animate)."""
    parser.add_argument("--groups", type=_groups, default=1, metavar="N|depthwise",
                        help="grouped convolution (Keras Conv2D groups=N): filter block j reads channel block j "
                             "only; depthwise: one channel per filter (Keras DepthwiseConv2D). A 2D kernel with "
                             "depthwise is applied to each channel; a Keras-layout kernel (kh, kw, C/N, F) is "
                             "read as such")


def export_parser() -> argparse.ArgumentParser:
    from convviz.render.colormaps import COLORMAPS

    parser = Parser(
        prog="convviz export",
        description="Write the feature map(s) after activation, pooled maps and a labelled contact sheet.",
    )
    parser.add_argument("input", help="an image (read as float32 in [0, 1]), a .npy or a .csv/.txt matrix")
    add_op_options(parser)
    add_groups_option(parser)
    out = parser.add_argument_group("output")
    out.add_argument("--out", required=True, metavar="DIR", help="directory to write into (created if missing)")
    out.add_argument("--format", choices=("png", "npy", "both"), default="both")
    out.add_argument("--rgb", action="store_true", help="read images as RGB (H, W, 3) instead of grayscale")
    out.add_argument("--colormap", choices=COLORMAPS, default="auto",
                     help="auto: gray for non-negative maps, a zero-centred diverging map for signed ones")
    out.add_argument("--scale", type=int, default=None, metavar="N", help="pixels per cell (default: fit ~320 px)")
    out.add_argument("--values", action="store_true", help="print values inside cells (when cells are large enough)")
    out.add_argument("--force", action="store_true", help="overwrite existing files")
    out.add_argument("--allow-nonfinite", action="store_true",
                     help="write results that hold inf or NaN (refused by default)")
    return parser


def _settings(args):
    from convviz.model.pipeline import OpSettings

    padding, explicit = args.padding, (1, 1, 1, 1)
    if isinstance(padding, int):
        padding, explicit = "explicit", (padding,) * 4
    pool_stride = args.pool_stride if args.pool_stride is not None else 0
    if args.pool_stride is not None and args.pool_stride < 1:
        raise CliError(f"pool stride must be a positive integer, got {args.pool_stride}")
    output_padding = getattr(args, "output_padding", None)
    if output_padding is not None and args.op != "transposed":
        raise CliError("--output-padding is for --op transposed")
    if args.op == "transposed" and padding == "full":
        raise CliError("--op transposed takes --padding valid, same or N (cells cropped from each side), not full")
    return OpSettings(
        op=args.op, padding=padding, explicit_pad=explicit, same=args.same, boundary=args.boundary,
        stride=args.stride, dilation=args.dilation, activation=args.activation, pool=args.pool,
        pool_size=args.pool_size, pool_stride=pool_stride, pool_padding=args.pool_padding,
        output_padding=output_padding,
    ).validate()


def load_operands(args):
    """(x, kernels, biases, settings) from parsed arguments; raises CliError / ValueError."""
    import numpy as np

    from convviz.io.inputs import load_input, load_kernel

    x = load_input(args.input, rgb=args.rgb)
    kernel = np.asarray(load_kernel(args.kernel), dtype=np.float64)
    settings = _settings(args)
    if x.ndim == 1:
        kernels = [kernel.reshape(-1)] if kernel.ndim == 2 and kernel.shape[0] == 1 else None
        if kernels is None:
            raise CliError(f"a 1D input needs a single-row kernel, got shape {kernel.shape}")
    elif kernel.ndim == 4:
        kernels = [kernel[..., f] for f in range(kernel.shape[-1])]
    elif kernel.ndim == 1:
        kernels = [kernel[None, :]]
    else:
        kernels = [kernel]
    groups = getattr(args, "groups", 1)
    if groups != 1:
        kernels, settings = _grouped(x, kernel, kernels, groups, settings)
    return x, kernels, [args.bias] * len(kernels), settings


def _grouped(x, kernel, kernels, groups, settings):
    """--groups: the settings, and the bank in the explorer's layout (convviz.model.groups)."""
    from convviz.model.groups import grouped_operands

    try:
        return grouped_operands(x, kernel, kernels, groups, settings)
    except ValueError as exc:
        raise CliError(f"--groups: {exc}") from None


#: Pixels per cell: a contact sheet's tiles are scaled up at most this much.
MAX_SCALE = 64


def nonfinite_count(maps) -> int:
    """How many values of ``maps`` are inf or NaN."""
    import numpy as np

    return int(sum(np.size(m) - np.count_nonzero(np.isfinite(m)) for m in maps))


def check_memory(args, x, kernels, settings) -> None:
    """The memory budget (convviz.io.budget) against what these options would allocate, naming
    the option that makes it too large."""
    import numpy as np

    from convviz.model.limits import BudgetError, check_budget, memory_budget, pipeline_bytes, pipeline_problem

    budget = memory_budget()
    names = {"dilation": f"--dilation {args.dilation}", "padding": f"--padding {args.padding}",
             "pool": f"--pool-size {args.pool_size} --pool-padding {args.pool_padding}"
                     + (f" --pool-stride {args.pool_stride}" if getattr(args, "pool_stride", None) else ""),
             "input": f"the input ({'x'.join(map(str, np.shape(x)))}) with {len(kernels)} filter(s) of "
                      f"{'x'.join(map(str, np.shape(kernels[0])))}"}
    problem = pipeline_problem(np.shape(x), np.shape(kernels[0]), len(kernels), settings, budget, names=names)
    if problem:
        raise BudgetError(problem)
    if getattr(args, "scale", None):
        # The contact sheet holds every map at scale² RGB pixels per cell, each map twice.
        maps = pipeline_bytes(np.shape(x), np.shape(kernels[0]), len(kernels), settings) / 8
        cells = np.prod(np.shape(x)[:2]) + 2 * maps
        check_budget(3 * args.scale**2 * cells, f"--scale {args.scale}", budget)


def run_export(args) -> list[Path]:
    import numpy as np

    from convviz.io.atomic import check_output, require_path
    from convviz.model.pipeline import run_pipeline

    from .files import export_files, write_files

    out_dir = require_path(args.out, "--out")  # before the work: Path("") would be the current folder
    check_output(out_dir, folder=True)  # a file there or among its parents, a folder not writable
    if args.scale is not None and not 1 <= args.scale <= MAX_SCALE:
        raise CliError(f"--scale must be 1 to {MAX_SCALE} pixels per cell, got {args.scale}")
    x, kernels, biases, settings = load_operands(args)
    check_memory(args, x, kernels, settings)
    # Overflow is detected and reported below, in one line, instead of numpy's RuntimeWarning.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        result = run_pipeline(x, kernels, biases, settings)
        bad = nonfinite_count(list(result.activated) + list(result.pooled))
        if bad and not args.allow_nonfinite:
            raise CliError(f"{bad} result values are infinite or NaN (the sums overflow: inputs or kernels near "
                           "the float limit); scale them down, or pass --allow-nonfinite to write them")
        files = export_files(x, kernels, settings, result, fmt=args.format, colormap=args.colormap,
                             scale=args.scale, values=args.values)
    return write_files(out_dir, files, force=args.force)


def main(argv: list[str]) -> int:
    def body() -> int:
        args = export_parser().parse_args(argv)
        for path in run_export(args):
            print(path)
        return 0

    return run_command("convviz export", body)
