"""``convviz grad``: the gradients of a conv layer, without a window.

For the chain the export command computes (convolution + bias, activation, optional pooling) and an
upstream gradient ``dY`` of the chain's last map (all ones, a file, or the mean squared error's against a
target map), writes ``dW.npy`` (the kernel's
shape), ``db.npy`` (one value per filter) and ``dX.npy`` (the input's shape) of ``L = Σ dY ⊙ Y``, as one
set.  Every problem is one line on stderr and exit status 2.
"""

from __future__ import annotations

import re
from pathlib import Path

from convviz.commandline import CliError, Parser, run_command

#: The names ``convviz grad`` writes: an earlier set in the folder is replaced whole, or refused.
GRAD_SET = re.compile(r"(dW|db|dX)\.npy")


def grad_parser():
    from .cli import add_op_options

    parser = Parser(
        prog="convviz grad",
        description="Write dW.npy, db.npy and dX.npy: the gradients of L = Σ upstream ⊙ Y for the map Y the "
                    "operation options make (after the activation, and after pooling when --pool is given).",
    )
    parser.add_argument("input", help="an image (read as float32 in [0, 1]), a .npy or a .csv/.txt matrix")
    add_op_options(parser)
    grad = parser.add_argument_group("gradient")
    upstream = grad.add_mutually_exclusive_group()
    upstream.add_argument("--upstream", default="ones", metavar="ones|FILE",
                          help="dL/dY: 'ones' (L = Σ Y, the default) or a .npy/.csv/.txt matrix of Y's shape")
    upstream.add_argument("--target", metavar="FILE",
                          help="a target map of Y's shape: L is the mean squared error of Y against it, "
                               "so dL/dY = 2 (Y - target) / n")
    out = parser.add_argument_group("output")
    out.add_argument("--out", required=True, metavar="DIR", help="directory to write into (created if missing)")
    out.add_argument("--rgb", action="store_true", help="read images as RGB (H, W, 3) instead of grayscale")
    out.add_argument("--force", action="store_true", help="replace an earlier dW/db/dX set in DIR")
    return parser


def _operands(args):
    """(x, kernel) as given; a (kh, kw) kernel over a multi-channel input is applied to every channel,
    as ``convviz export`` applies it."""
    import numpy as np

    from convviz.io.inputs import load_input, load_kernel

    x = load_input(args.input, rgb=args.rgb)
    kernel = np.asarray(load_kernel(args.kernel), dtype=np.float64)
    if x.ndim == 1:
        if not (kernel.ndim == 1 or (kernel.ndim == 2 and kernel.shape[0] == 1)):
            raise CliError(f"a 1D input needs a single-row kernel, got shape {kernel.shape}")
        kernel = kernel.reshape(-1)
    return x, kernel


def _options(args) -> dict:
    if args.stride < 1:
        raise CliError(f"--stride must be a positive integer, got {args.stride}")
    if args.dilation < 1:
        raise CliError(f"--dilation must be a positive integer, got {args.dilation}")
    if args.pool_stride is not None and args.pool_stride < 1:
        raise CliError(f"--pool-stride must be a positive integer, got {args.pool_stride}")
    return dict(padding=args.padding, stride=args.stride, dilation=args.dilation, same=args.same,
                boundary=args.boundary)


def check_gradient_memory(x_shape, kernel_shape, options) -> None:
    """Refuse, before allocating, gradients that would not fit the memory budget (convviz.io.budget):
    the padded input and its gradient, the zero-inserted grid the input's gradient is stamped on, and
    the output-sized maps, all in float64."""
    import math

    from convviz.core import conv_geometry
    from convviz.io.budget import check_budget

    spatial = 1 if len(x_shape) == 1 else 2
    channels = x_shape[2] if len(x_shape) == 3 else 1
    filters = kernel_shape[3] if len(kernel_shape) == 4 else 1
    g = conv_geometry(x_shape[:spatial], kernel_shape[:spatial], options["padding"], stride=options["stride"],
                      dilation=options["dilation"], same=options["same"])
    padded = math.prod(g.padded_shape)
    grid = math.prod(p + k - 1 for p, k in zip(g.padded_shape, g.effective_kernel))
    out = math.prod(g.out_shape)
    need = 8 * (3 * padded * channels + grid * filters + 6 * out * filters)
    check_budget(need, f"the gradients of a {'x'.join(map(str, x_shape))} input under --padding "
                       f"{options['padding']} --stride {options['stride']} --dilation {options['dilation']}")


def _map_of_shape(option: str, path: str, shape):
    import numpy as np

    from convviz.io.inputs import load_matrix

    arr = load_matrix(path, max_ndim=3).astype(np.float64)
    if arr.shape != tuple(shape):
        if arr.size == int(np.prod(shape)) and np.squeeze(arr).shape == tuple(s for s in shape if s != 1):
            return arr.reshape(shape)  # a 1D output saved as one row
        raise CliError(f"{option} {path}: shape {arr.shape} differs from the output Y's {tuple(shape)}")
    return arr


def _upstream(args, y):
    import numpy as np

    from convviz.core.backward import squared_error_gradient

    if args.target is not None:
        return squared_error_gradient(y, _map_of_shape("--target", args.target, np.shape(y)))
    if args.upstream.strip().lower() == "ones":
        return np.ones(np.shape(y))
    return _map_of_shape("--upstream", args.upstream, np.shape(y))


def gradients(args):
    """(dW, db, dX) for the parsed arguments; raises CliError / ValueError with one line."""
    import numpy as np

    from convviz.core import activate, activation_backward, conv_backward, pool, pool_backward
    from convviz.core.conv import convolve, correlate

    x, given = _operands(args)
    shared = x.ndim == 3 and given.ndim == 2  # one kernel for every channel: its weights are shared
    kernel = np.repeat(given[:, :, None], x.shape[2], axis=2) if shared else given
    options = _options(args)
    check_gradient_memory(np.shape(x), np.shape(kernel), options)
    forward = correlate if args.op == "correlate" else convolve
    with np.errstate(over="ignore", invalid="ignore"):
        z = forward(x, kernel, bias=args.bias, **options)
        a = activate(z, args.activation)
        pool_args = dict(stride=args.pool_stride, padding=args.pool_padding)
        y = a if args.pool == "none" else pool(a, args.pool, args.pool_size, **pool_args)
        dy = _upstream(args, y)
        da = dy if args.pool == "none" else pool_backward(a, dy, args.pool, args.pool_size, **pool_args)
        dz = activation_backward(z, da, args.activation)
        dw, db, dx = conv_backward(x, kernel, dz, op=args.op, **options)
        if shared:  # a weight used on every channel gathers every channel's gradient
            dw = dw.sum(axis=2)
    if not all(np.isfinite(g).all() for g in (dw, db, dx)):
        raise CliError("the gradients hold infinite or NaN values (the sums overflow: inputs, kernels or the "
                       "upstream gradient near the float limit); scale them down")
    return dw, np.asarray(db), dx


def run_grad(args) -> list[Path]:
    from convviz.io.atomic import check_output, require_path, staged_set

    from .files import npy_bytes

    out_dir = require_path(args.out, "--out")
    check_output(out_dir, folder=True)  # before the work: a file among its parents, a folder not writable
    dw, db, dx = gradients(args)
    files = {"dW.npy": npy_bytes(dw), "db.npy": npy_bytes(db), "dX.npy": npy_bytes(dx)}
    with staged_set(out_dir, belongs=lambda name: GRAD_SET.fullmatch(name) is not None, overwrite=args.force) as tmp:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
    return [out_dir / name for name in files]


def main(argv: list[str]) -> int:
    def body() -> int:
        args = grad_parser().parse_args(argv)
        for path in run_grad(args):
            print(path)
        return 0

    return run_command("convviz grad", body)
