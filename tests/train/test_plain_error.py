"""Keras's errors reach the user as one plain line (issue 18, item 4)."""

from convviz.train.data import plain_error


class InvalidArgumentError(Exception):
    pass


def test_colour_codes_and_extra_lines_are_dropped():
    exc = InvalidArgumentError("\n\x1b[1mGraph execution error:\x1b[0m\n\nDetected at node x\n  File \"a.py\"")
    assert plain_error(exc) == "InvalidArgumentError: Graph execution error:"


def test_a_long_line_is_cut_and_an_empty_message_keeps_the_type():
    assert len(plain_error(ValueError("x" * 1000))) == 300
    assert plain_error(RuntimeError("")) == "RuntimeError"
