"""The generated programs' comments follow the interface's language; the code is the same in every language.

A Korean window's Code tab wrote '# x: the input (5 x 5), as in the window': the course's students
copy these programs, and its material comments in Korean."""

from __future__ import annotations

import io
import itertools
import re
import tokenize

import numpy as np
import pytest

from convviz.export.code import WIDTH, numpy_snippet, tensorflow_snippet
from convviz.export.code_backward import backward_snippet
from convviz.export.code_matrix import matrix_snippet
from convviz.export.code_words import columns, wrap
from convviz.model.pipeline import OpSettings
from convviz.render.labels import translator

KOREAN = translator("ko")
X2, W2 = np.arange(36.0).reshape(6, 6), np.ones((3, 3))
X3, W3 = np.arange(108.0).reshape(6, 6, 3), np.ones((3, 3, 3))
X1, W1 = np.arange(9.0), np.ones(3)


def settings_cases():
    for op, padding, stride, dilation, boundary, pool in itertools.product(
            ["correlate", "convolve", "transposed"], ["valid", "same", "explicit"], [1, 2], [1, 2, 3],
            ["zeros", "reflect"], ["none", "avg"]):
        try:
            yield OpSettings(op=op, padding=padding, stride=stride, dilation=dilation, boundary=boundary,
                             pool=pool, pool_padding="same", activation="leaky_relu", explicit_pad=(1, 0, 1, 0))
        except ValueError:
            continue


def programs(translate):
    out = []
    for settings in settings_cases():
        for x, w in ((X2, W2), (X1, W1), (X3, W3)):
            for make in (numpy_snippet, tensorflow_snippet, matrix_snippet):
                try:
                    out.append(make(settings, x, w, 0.5, filter_number=1, translate=translate))
                except ValueError:
                    out.append(None)
            try:
                out.append(backward_snippet(settings, x, [w], [0.5], translate=translate))
            except ValueError:
                out.append(None)
    grouped = OpSettings(groups=3)
    for make, n in itertools.product((numpy_snippet, tensorflow_snippet, matrix_snippet), (1, 2)):
        out.append(make(grouped, X3, W3, 0.5, filter_number=n, filters=3, translate=translate))
    out.append(numpy_snippet(OpSettings(), np.zeros((90, 90)), W2, 0.0, translate=translate))  # read from a file
    return out


def code_tokens(program: str) -> list[tuple[int, str]]:
    """The program without its comments (and the line structure comments alone make)."""
    tokens = tokenize.generate_tokens(io.StringIO(program).readline)
    return [(t.type, t.string) for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]


def comments(program: str) -> list[str]:
    return [t.string for t in tokenize.generate_tokens(io.StringIO(program).readline) if t.type == tokenize.COMMENT]


@pytest.fixture(scope="module")
def english_and_korean():
    return programs(None), programs(KOREAN)


def test_the_code_is_the_same_in_korean(english_and_korean):
    english, korean = english_and_korean
    assert len(english) == len(korean) > 500
    for en, ko in zip(english, korean):
        assert (en is None) == (ko is None)
        if en is not None:
            compile(ko, "<korean program>", "exec")
            assert code_tokens(ko) == code_tokens(en)


def test_the_comments_are_korean(english_and_korean):
    """Every comment that says something in words says it in Korean (commented-out Keras code and
    shape notes such as '(batch, H, W, C)' stay as they are)."""
    _, korean = english_and_korean
    prose = re.compile(r"\b(the|is|are|of|each|every|cells?|padding|channels?|kernel|filter|input)\b")
    untranslated = set()
    for program in filter(None, korean):
        for comment in comments(program):
            text = comment.lstrip("# ")
            if text.startswith(("keras.", "layer", "strides=", "dilation_rate=", "padding=")):
                continue  # commented-out code
            if prose.search(re.sub(r"'[^']*'|\([^)]*\)|np\.\w+\(.*?\)|tf\.\w+", "", text)):
                untranslated.add(comment)
    assert untranslated == set()
    assert any("# x: 입력 (6 x 6), 창에 보이는 그대로" in p for p in korean if p)


def test_korean_comments_fit_the_code_tab(english_and_korean):
    """Hangul takes two columns in a fixed-width font: comments wrap by columns, not characters."""
    _, korean = english_and_korean
    for program in filter(None, korean):
        for line in program.splitlines():
            if line.lstrip().startswith("#") and " " in line.strip()[2:] and re.search("[가-힣]", line):
                words = line.split()
                assert columns(line) <= WIDTH or len(words) <= 3, line


def test_english_programs_are_as_they_were():
    """No translate function and English give one program; wrapping ASCII is textwrap's."""
    s = OpSettings(op="convolve", padding="same", stride=2, dilation=2)
    assert numpy_snippet(s, X2, W2, 0.0) == numpy_snippet(s, X2, W2, 0.0, translate=lambda t: t)
    assert wrap("a b c", 3, "# ", "# ") == ["# a", "# b", "# c"]
    assert wrap("가나 다라", 8, "# ", "# ") == ["# 가나", "# 다라"]
