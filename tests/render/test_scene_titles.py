"""A step scene's title on at most two lines: parts left out whole ("…"), never cut mid-phrase."""

import numpy as np
import pytest

from convviz.model.pipeline import step_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for, scene_title
from convviz.render.layout import title_lines
from convviz.render.prims import text_width

SEP = " · "


def assert_whole_parts(title: str, lines: list[str], size: float, width: float) -> None:
    """Each line's pieces are whole parts of the title or "…"; a part longer than a line may run on from one
    line's end into the next line's start, and nothing is wider than the line."""
    parts = title.split(SEP)
    assert 1 <= len(lines) <= 2
    for k, line in enumerate(lines):
        assert text_width(line, size) <= width + 0.5
        pieces = line.split(SEP)
        for j, piece in enumerate(pieces):
            if piece == "…" or piece in parts:
                continue
            assert "…" not in piece, line  # the old wrap: "… zeros inserted, padded" in the middle of a part
            if j == len(pieces) - 1 and k + 1 < len(lines):
                assert piece + " " + lines[k + 1].split(SEP)[0] in parts, lines
            else:
                assert j == 0 and k > 0 and lines[k - 1].split(SEP)[-1] + " " + piece in parts, lines
    shown = [p for line in lines for p in line.split(SEP)]
    kept = [p for p in shown if p in parts]
    assert kept == [p for p in parts if p in kept]  # in the title's order


@pytest.mark.parametrize("view", ["toeplitz", "equivalent", "im2col", "window"])
@pytest.mark.parametrize("size", [(855, 510), (620, 460), (420, 460), (1240, 640)])
def test_transposed_titles_elide_whole_parts(view, size):
    """The tester's title (transposed, same, stride 2, dilation 2, convolution matrix) read '… stride 2 · the /
    … zeros inserted, padded, kernel flipped · convolution matrix × input'."""
    s = OpSettings(op="transposed", padding="same", stride=2, dilation=2)
    x = np.zeros((5, 5))
    x[0, 0] = 1
    trace = step_trace(x, [np.array([[1, 0, 1], [0, -2, 0], [1, 0, 1.0]])], [0.0], s, "conv", 0)
    scene = scene_for(trace, size, title=scene_title(s), view=view)
    m, t = scene.margin, scene.type
    room = size[0] - 2 * m - text_width(f"step {len(trace)} / {len(trace)}", t) - t
    assert_whole_parts(scene.title, scene.title_lines, scene.title_size, room)
    assert scene.title_lines[0].startswith("transposed convolution")


def test_title_lines_keep_everything_that_fits_and_mark_what_is_left_out():
    title = SEP.join(["transposed convolution", "padding same", "stride 2", "dilation 2",
                      "the equivalent correlation: zeros inserted, padded, kernel flipped",
                      "convolution matrix × input"])
    assert title_lines(title, 12, 5000) == [title]
    width = text_width("transposed convolution · padding same · stride 2 · dilation 2 · …", 12) + 1
    lines = title_lines(title, 12, width)
    assert lines == ["transposed convolution · padding same · stride 2 · dilation 2 · …", "convolution matrix × input"]
    assert_whole_parts(title, lines, 12, width)
