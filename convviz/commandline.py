"""What every subcommand shares (export, animate, train): the one-line error and exit status 2.

Standard library only, so ``convviz --help`` stays instant.  The window never sees these:
library functions raise ``ValueError`` / ``OSError``, and ``run_command`` turns those into the
command line's one line too.
"""

from __future__ import annotations

import argparse
import sys
import warnings

EXIT_USAGE = 2


class CliError(ValueError):
    """A problem with the command line's arguments, reported as one line and exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument as a :class:`CliError` (one line), not usage + exit."""

    def error(self, message: str):
        raise CliError(message)


def run_command(prog: str, body) -> int:
    """Run a subcommand's ``body()``; any problem with arguments or files becomes one line
    on stderr and exit status 2."""
    from convviz.io.atomic import OutputExistsError

    try:
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning(prog)
            return body()
    except SystemExit as exc:  # --help, or argparse's own exit
        return int(exc.code or 0)
    except (ValueError, OutputExistsError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{prog}: {where}{exc.strerror or exc}", file=sys.stderr)
    return EXIT_USAGE


def _one_line_warning(prog: str):
    """A warning (an animation's first frame, numpy's overflow) as one plain line, not Python's two."""
    seen: set[str] = set()

    def show(message, category, filename, lineno, file=None, line=None):
        text = str(message).splitlines()[0] if str(message) else category.__name__
        if text not in seen:
            seen.add(text)
            print(f"{prog}: note: {text}", file=sys.stderr)

    return show
