"""``convviz animate``: one frame per step of the trace, as GIF, MP4 or numbered PNGs."""

from __future__ import annotations

import sys
import time

from convviz.commandline import CliError, Parser, run_command
from convviz.io.atomic import require_path
from convviz.io.budget import check_budget
from convviz.render import VIEWS
from convviz.render.labels import english, translator

from .animation import check_destination, held_bytes, write_animation
from .cli import add_groups_option, add_op_options, check_memory, load_operands, nonfinite_count


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CliError(f"--size: expected WIDTHxHEIGHT such as 1280x720, got {text!r}") from None
    if not (160 <= w <= 3840 and 120 <= h <= 2160):
        raise CliError(f"--size: {text} is out of range (160x120 to 3840x2160)")
    return w, h


def animate_parser():
    parser = Parser(prog="convviz animate",
                     description="Write the step-by-step animation of a convolution (or its pooling).")
    parser.add_argument("input", help="an image, a .npy or a .csv/.txt matrix")
    add_op_options(parser)
    add_groups_option(parser)
    out = parser.add_argument_group("output")
    out.add_argument("--out", required=True, metavar="FILE.gif|FILE.mp4|DIR")
    out.add_argument("--fps", type=float, default=2.0, help="frames (steps) per second (default 2)")
    out.add_argument("--max-frames", type=int, default=300, metavar="N", help="at most this many steps (default 300)")
    out.add_argument("--size", default="1280x720", metavar="WxH", help="frame size (default 1280x720)")
    out.add_argument("--rgb", action="store_true", help="read images as RGB")
    out.add_argument("--filter", type=int, default=1, metavar="F", help="which filter of a bank to step through")
    out.add_argument("--steps", choices=("conv", "pool"), default="conv", help="step the convolution or the pooling")
    out.add_argument("--view", choices=VIEWS, default="window",
                     help="the convolution's steps as the sliding window (a transposed convolution's scatter), as a "
                          "matrix product (im2col, toeplitz), or a transposed convolution's equivalent correlation")
    out.add_argument("--no-flip", dest="flip", action="store_false",
                     help="convolution: leave out the opening frames that turn the kernel 180 degrees")
    out.add_argument("--lang", choices=("en", "ko", "system"), default="system",
                     help="language of the words in the frames (default: the locale's, LANG=ko_KR… gives Korean)")
    out.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def build_scene(args, size):
    """The scene ``args`` ask for, its labels in ``args.lang``."""
    import numpy as np

    from convviz.model.document import MAX_SIDE
    from convviz.model.pipeline import run_pipeline, step_trace
    from convviz.render import scene_for

    tr = translator(getattr(args, "lang", "en"))
    x, kernels, biases, settings = load_operands(args)
    if np.ndim(x) >= 2 and max(np.shape(x)[:2]) > MAX_SIDE:
        raise CliError(f"the input is {np.shape(x)[1]}x{np.shape(x)[0]}; animate shows every cell and takes at most "
                       f"{MAX_SIDE}x{MAX_SIDE} (the window's size): crop it, or use convviz export for its maps")
    check_memory(args, x, kernels, settings)
    if not 1 <= args.filter <= len(kernels):
        raise CliError(f"--filter must be 1 to {len(kernels)}, got {args.filter}")
    if args.steps == "pool" and settings.pool == "none":
        raise CliError("--steps pool needs --pool max or --pool avg")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        result = run_pipeline(x, kernels, biases, settings)
        bad = nonfinite_count(list(result.activated) + list(result.pooled))
    if bad:  # a frame cannot show inf or NaN, and its arithmetic would fail midway
        raise CliError(f"{bad} result values are infinite or NaN (the sums overflow: inputs or kernels near the "
                       "float limit); scale them down to animate them")
    trace = step_trace(x, kernels, biases, settings, args.steps, args.filter - 1)
    view = getattr(args, "view", "window") if args.steps == "conv" else "window"
    if view == "equivalent" and settings.op != "transposed":
        raise CliError("--view equivalent is a transposed convolution's: add --op transposed")
    return scene_for(trace, size, title=scene_title(settings, tr), tr=tr, view=view)


def scene_title(settings, tr=english) -> str:
    from convviz.render import scene_title as title

    return title(settings, tr)


class Progress:
    """A one-line terminal progress bar on stderr."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.start = total, label, time.perf_counter()
        self.tty = sys.stderr.isatty()

    def update(self, done: int) -> None:
        if not self.tty and done not in (self.total,):
            return
        width = 30
        filled = int(width * done / max(self.total, 1))
        rate = done / max(time.perf_counter() - self.start, 1e-9)
        end = "\n" if done == self.total else ""
        print(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {rate:.0f} frames/s",
              end=end, file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    def body() -> int:
        args = animate_parser().parse_args(argv)
        size = _size(args.size)
        out = require_path(args.out, "--out")  # Path("") would be the current folder
        if not 0 < args.fps <= 120:  # written so that NaN fails it too
            raise CliError(f"--fps must be between 0 and 120, got {args.fps}")
        if args.max_frames < 1:
            raise CliError(f"--max-frames must be a positive integer, got {args.max_frames}")
        check_destination(out, force=args.force)  # before the frames: a bad --out is not found at the end
        scene = build_scene(args, size)
        count = min(len(scene.trace), args.max_frames)
        if out.suffix.lower() == ".gif":  # a GIF's frames are held until it is written
            check_budget(held_bytes(scene, out, count=count, size=size, flip=args.flip),
                         f"--max-frames {count} at --size {args.size}")
        bar = Progress(count, "rendering")
        write_animation(scene, out, count=count, fps=args.fps, force=args.force, flip=args.flip,
                        progress=bar.update)
        print(args.out)
        return 0

    return run_command("convviz animate", body)
