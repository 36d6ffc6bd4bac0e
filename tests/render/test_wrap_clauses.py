"""A stamp's sum line, too long for its lines, leaves out whole clauses only: the tester read
"out[2,4] / … = 1 + 1×1 = 2", the start of one clause joined by "…" to the end of another, as
out[2,4] = 2 where the grid showed 3."""

import numpy as np
from hypothesis import assume, given, strategies as st

from convviz.model.pipeline import step_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for
from convviz.render.prims import Text, text_width, wrap

clause = st.builds(lambda r, c, a, b: f"out[{r},{c}] = {a} + 1×1 = {b}", st.integers(0, 12), st.integers(0, 12),
                   st.integers(0, 99), st.integers(0, 99))


@given(clauses=st.lists(clause, min_size=2, max_size=12), width=st.floats(260, 900),
       max_lines=st.integers(1, 3))
def test_only_whole_clauses_are_left_out(clauses, width, max_lines):
    first = "x[1,1] = 1 → " + clauses[0]
    text = "; ".join([first] + clauses[1:])
    # A first clause too long for the lines before the last (for one line: for it with "; …") leaves
    # nothing whole to keep, and words are left out instead; the scenes size their sums so it never is.
    assume(len(wrap(first + ";", 20.0, width, 99)) <= max(1, max_lines - 1)
           and (max_lines > 1 or text_width(first + "; …", 20.0) <= width))
    lines = wrap(text, 20.0, width, max_lines, clauses="; ")
    assert len(lines) <= max_lines
    shown = " ".join(lines)
    if "…" not in shown:
        assert shown == text
        return
    head, _, tail = shown.partition("…")
    head, tail = head.strip().removesuffix(";"), tail.strip()
    # Either side of "…", whole clauses: the text's first ones, then its last ones.
    assert head and text.startswith(head + ";") and (not tail or text.endswith("; " + tail))
    for part in (head, tail):
        for piece in filter(None, part.split("; ")):
            assert piece in [first] + clauses[1:], piece


def test_the_checkerboard_lessons_stamp_reads_whole_clauses():
    """The lesson the tester used: 4x4 ones, 3x3 kernel, stride 2, 'same'; the stamp of x[1,1] at the width
    a 1024x768 window's Steps tab gives it, on two lines."""
    x, k = np.ones((4, 4)), np.ones((3, 3))
    trace = step_trace(x, [k], [0.0], OpSettings(op="transposed", padding="same", stride=2), "conv", 0)
    scene = scene_for(trace, (1000, 600), title="transposed", min_type=20.0)
    scene.sum_lines_max = 2
    lines = [p.text for p in scene.frame(5, reveal=True).prims if isinstance(p, Text) and "out[" in p.text]
    assert len(lines) == 2 and lines[1].startswith("… out[")  # was "… = 1 + 1×1 = 2; …" after "out[2,4]"
    # x[1,1] = 1 → and whole clauses, each out[r,c] = before + v×w = after.
    assert lines[0].endswith(";") and lines[0].count("=") == 1 + 2 * lines[0].count("out[")
