"""The ``convviz`` command: the window by default, headless subcommands for pictures.

Only the standard library is imported at module level, so ``convviz --help``
is instant and the window never pulls in TensorFlow.
"""

from __future__ import annotations

import argparse
import os
import sys

USAGE_EXAMPLES = """\
examples:
  convviz                                   open the explorer on the lecture's example
  convviz --session lesson.json             open a saved session
  convviz --lessons                         list the lecture's worked examples
  convviz --lesson 1d-convolve-valid --tab steps --lecture
                                            open one, stepping, full screen
  convviz --screenshot shot.png --size 1280x800 --lesson 2d-valid --tab steps --step 4 --lang ko
                                            render the window offscreen to a PNG and exit
  convviz --lesson 2d-valid --view toeplitz  the steps as the convolution matrix times the input
  convviz export photo.png --kernel sobel_x --padding same --out maps/
                                            feature maps, pooled maps and a contact sheet
  convviz animate lecture.npy --kernel lecture_x --out steps.gif
                                            one frame per step of the convolution
"""

SUBCOMMANDS = ("export", "animate", "train", "grad", "inspect")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = text.lower().split("x")
        size = int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x800, got {text!r}") from None
    if not all(200 <= v <= 8000 for v in size):
        raise argparse.ArgumentTypeError(f"window size {text} is out of range (200 to 8000 per side)")
    return size


class _OneLineParser(argparse.ArgumentParser):
    """A bad option is one line on stderr and status 2, as every other convviz error is."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _step(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--step takes a step number from 1, got {text!r}")
    return value


TABS = ("maps", "steps", "code", "backward")
COMPARE = ("none", "padding", "same", "op", "stride")


def gui_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="convviz",
        description="See the arithmetic of convolutional networks. Without arguments, opens the window.",
        epilog=USAGE_EXAMPLES + "\nsubcommands:\n  export    feature maps and contact sheets (convviz export --help)\n"
               "  animate   step-by-step animations (convviz animate --help)\n"
               "  train     train the lecture's CNN (convviz train --help)\n"
               "  grad      a conv layer's gradients dW, db, dX (convviz grad --help)\n"
               "  inspect   every layer's output of a model for one input (convviz inspect --help)\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    opened = parser.add_mutually_exclusive_group()
    opened.add_argument("--session", metavar="FILE", help="open this session (JSON saved by File → Save session)")
    opened.add_argument("--lesson", metavar="NAME", help="open one of the lecture's worked examples (see --lessons)")
    parser.add_argument("--lessons", action="store_true", help="print the lessons' names, one per line, and exit")
    parser.add_argument("--screenshot", metavar="FILE", help="render the window offscreen to this PNG and exit")
    parser.add_argument("--force", action="store_true", help="with --screenshot: overwrite an existing file")
    parser.add_argument("--size", metavar="WxH", type=_size,
                        help="window size, e.g. 1280x800 (with --screenshot: the PNG's size, default 1280x800)")
    parser.add_argument("--tab", choices=TABS,
                        help="show this tab (default: maps; steps with --step, --compare or --lecture; a lesson's own)")
    parser.add_argument("--compare", choices=COMPARE, help="Steps: compare two or three settings in lock-step")
    parser.add_argument("--step", metavar="N", type=_step, help="Steps: show step N (1 is the first window)")
    parser.add_argument("--view", choices=("window", "im2col", "toeplitz", "equivalent"),
                        help="Steps: the sliding window (a transposed convolution: its scatter), as a matrix "
                             "product (the patch matrix (im2col) times the kernel, the convolution matrix times "
                             "the input), or a transposed convolution as its equivalent correlation")
    parser.add_argument("--lecture", action="store_true", help="lecture mode: full screen, large type")
    parser.add_argument("--lang", choices=("system", "en", "ko"), help="interface language (default: the setting, "
                        "else the system locale); 'ko' is Korean")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in SUBCOMMANDS:
        if argv[0] == "train":
            from convviz.train.cli import main as train_main

            return train_main(argv[1:])
        if argv[0] == "animate":
            from convviz.export.animate import main as animate_main

            return animate_main(argv[1:])
        if argv[0] == "grad":
            from convviz.export.grad import main as grad_main

            return grad_main(argv[1:])
        if argv[0] == "inspect":
            from convviz.inspect_cli import main as inspect_main

            return inspect_main(argv[1:])
        from convviz.export.cli import main as export_main

        return export_main(argv[1:])
    args = gui_parser().parse_args(argv)
    if args.version:
        from convviz import __version__

        print(f"convviz {__version__}")
        return 0
    if args.lessons:  # JSON only: no numpy, no Qt
        from convviz.io.lessons import LessonError, lesson_names

        try:
            print("\n".join(lesson_names()))
            sys.stdout.flush()
        except LessonError as exc:
            print(f"convviz: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # `convviz --lessons | head -1`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if args.screenshot is not None:  # checked before Qt starts: one line, status 2, nothing written
        if not args.screenshot.strip():
            print("convviz: --screenshot: the path is empty", file=sys.stderr)
            return 2
        if os.path.lexists(args.screenshot) and not args.force:
            print(f"convviz: {args.screenshot} exists; pass --force to overwrite it", file=sys.stderr)
            return 2
    if args.session is not None and not args.session.strip():
        print("convviz: --session: the path is empty", file=sys.stderr)
        return 2
    from convviz.ui.app import run

    return run(session=args.session, screenshot=args.screenshot, size=args.size, language=args.lang,
               lesson=args.lesson, tab=args.tab, compare=args.compare, step=args.step, lecture=args.lecture,
               force=args.force, view=args.view)


if __name__ == "__main__":
    raise SystemExit(main())
