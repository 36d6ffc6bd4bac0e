"""The ``convviz`` command: the window by default, headless subcommands for pictures.

Only the standard library is imported at module level, so ``convviz --help``
is instant and the window never pulls in TensorFlow.
"""

from __future__ import annotations

import argparse
import sys

USAGE_EXAMPLES = """\
examples:
  convviz                                   open the explorer on the lecture's example
  convviz --session lesson.json             open a saved session
  convviz --screenshot shot.png --size 1280x800
                                            render the window offscreen to a PNG and exit
  convviz export photo.png --kernel sobel_x --padding same --out maps/
                                            feature maps, pooled maps and a contact sheet
  convviz animate lecture.npy --kernel lecture_x --out steps.gif
                                            one frame per step of the convolution
"""

SUBCOMMANDS = ("export", "animate", "train")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = text.lower().split("x")
        size = int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x800, got {text!r}") from None
    if not all(200 <= v <= 8000 for v in size):
        raise argparse.ArgumentTypeError(f"window size {text} is out of range (200 to 8000 per side)")
    return size


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="convviz",
        description="See the arithmetic of convolutional networks. Without arguments, opens the window.",
        epilog=USAGE_EXAMPLES + "\nsubcommands:\n  export    feature maps and contact sheets (convviz export --help)\n"
               "  animate   step-by-step animations (convviz animate --help)\n"
               "  train     train the lecture's CNN (convviz train --help)\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--session", metavar="FILE", help="open this session (JSON saved by File → Save session)")
    parser.add_argument("--screenshot", metavar="FILE", help="render the window offscreen to this PNG and exit")
    parser.add_argument("--size", metavar="WxH", type=_size, help="window size, e.g. 1280x800")
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
        from convviz.export.cli import main as export_main

        return export_main(argv[1:])
    args = gui_parser().parse_args(argv)
    if args.version:
        from convviz import __version__

        print(f"convviz {__version__}")
        return 0
    from convviz.ui.app import run

    return run(session=args.session, screenshot=args.screenshot, size=args.size, language=args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
