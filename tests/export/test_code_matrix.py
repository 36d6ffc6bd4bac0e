"""The Code tab's matrix-product program runs as it is and equals the explorer's map before its
activation, under generated settings (every padding, boundary, stride, dilation, op; 1D, 2D, RGB)."""

import numpy as np
from hypothesis import assume, given, settings as hsettings, strategies as st

from convviz.export.code_matrix import matrix_snippet
from convviz.model.pipeline import OpSettings, run_pipeline


def _run(code: str) -> dict:
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the program a user copies out of the Code tab
    return namespace


@hsettings(max_examples=60, deadline=None)
@given(form=st.sampled_from(["1d", "2d", "rgb"]), n=st.integers(4, 7), k=st.integers(1, 3),
       padding=st.sampled_from(["valid", "same", "full", "explicit"]), same=st.sampled_from(["tensorflow", "centered"]),
       boundary=st.sampled_from(["zeros", "reflect", "replicate", "circular"]), stride=st.integers(1, 2),
       dilation=st.integers(1, 2), op=st.sampled_from(["correlate", "convolve"]), seed=st.integers(0, 9))
def test_the_matrix_program_equals_the_map(form, n, k, padding, same, boundary, stride, dilation, op, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(-3, 4, (n,) if form == "1d" else (n, n, 3) if form == "rgb" else (n, n)).astype(float)
    w = rng.integers(-2, 3, (k,) if form == "1d" else (k, k, 3) if form == "rgb" else (k, k)).astype(float)
    if form == "1d" and padding == "explicit":
        padding = "same"
    s = OpSettings(op=op, padding=padding, same=same, boundary=boundary, stride=stride, dilation=dilation,
                   explicit_pad=(1, 0, 2, 1))
    try:
        s.validate()
        want = run_pipeline(x, [w], [0.5], s).raw[0]
    except ValueError:
        assume(False)
    got = _run(matrix_snippet(s, x, w, 0.5))
    np.testing.assert_allclose(got["out"], want, atol=1e-9)
    assert max(len(line) for line in matrix_snippet(s, x, w, 0.5).splitlines()) <= 60


def test_the_convolution_matrix_is_left_out_for_a_large_input():
    x, w = np.zeros((64, 64)), np.ones((3, 3))
    code = matrix_snippet(OpSettings(padding="same"), x, w, 0.0)
    assert "T = np.zeros" not in code and "patches @" in code
    assert "T = np.zeros" in matrix_snippet(OpSettings(), np.zeros((5, 5)), w, 0.0)
