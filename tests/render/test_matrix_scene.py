"""The matrix-product step scenes: every number drawn is the trace's, rows page with the step,
and type never drops below the smallest size asked for."""

import numpy as np
import pytest

from convviz.core import trace
from convviz.core.matrix import conv_matrix, kernel_vector, patch_matrix
from convviz.render import scene_for
from convviz.render.matrix_scene import MatrixStepScene
from convviz.render.prims import Text, frame_text_sizes

X = np.array([[1, 2, 3, 0, 1], [0, 1, 2, 3, 1], [1, 0, 1, 2, 0], [2, 1, 0, 1, 3], [0, 2, 1, 0, 1]], float)
K = np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]], float)


def texts(frame) -> list[str]:
    return [p.text for p in frame.prims if isinstance(p, Text)]


@pytest.mark.parametrize("mode", ["im2col", "toeplitz"])
def test_the_lectures_example_shows_the_whole_matrix_and_the_steps_numbers(mode):
    t = trace(X, K)
    scene = scene_for(t, (1280, 720), view=mode)
    assert isinstance(scene, MatrixStepScene)
    matrix = patch_matrix(t) if mode == "im2col" else conv_matrix(t)
    vector = kernel_vector(t) if mode == "im2col" else X.ravel()
    assert scene.rows_view == 9  # every output cell's row on one screen
    for i in (0, 4, 8):
        shown = texts(scene.frame(i))
        # The row's numbers (the convolution matrix's zeros are left blank) and the vector's.
        for v in matrix[i][matrix[i] != 0] if mode == "toeplitz" else matrix[i]:
            assert f"{v:g}" in shown
        for v in vector[: scene.cols_view]:
            assert f"{v:g}" in shown
        assert any(s.startswith(f"out[{i // 3}, {i % 3}] = ") and s.endswith(f"= {t[i].total:g}") for s in shown)
        assert f"{t[i].total:g}" in shown  # the output cell, filled


def test_the_quiz_hides_the_current_output_and_the_sum():
    scene = scene_for(trace(X, K), (1280, 720), view="im2col")
    hidden = texts(scene.frame(4, reveal=1))
    assert "?" in hidden and any(s.endswith("= ?") for s in hidden)
    assert not any(s.endswith("= ?") for s in texts(scene.frame(4)))


@pytest.mark.parametrize("mode", ["im2col", "toeplitz"])
@pytest.mark.parametrize("size,min_type", [((640, 400), 12), ((1280, 720), 12), ((823, 543), 20), ((400, 300), 12)])
def test_type_never_drops_below_the_minimum_and_large_inputs_page(mode, size, min_type):
    t = trace(np.random.default_rng(0).random((28, 28)), K, padding="same")
    scene = scene_for(t, size, view=mode, min_type=min_type)
    for i in (0, 100, len(t) - 1):
        frame = scene.frame(i)
        assert min(frame_text_sizes(frame.prims)) >= min_type - 1e-6
        assert all(0 <= p.x <= size[0] and 0 <= p.y <= size[1] for p in frame.prims if isinstance(p, Text))
    assert scene.rows_view < len(t)
    shown = texts(scene.frame(500))
    assert any("of 784" in s for s in shown)  # which rows (and columns) are in view is said


def test_one_d_and_rgb_inputs():
    t1 = trace(np.arange(6.0), np.array([1.0, 2.0]), padding="full", op="convolve")
    frame = scene_for(t1, (1024, 600), view="toeplitz").frame(3)
    assert f"{t1[3].total:g}" in texts(frame)
    rgb = np.random.default_rng(1).integers(0, 5, (4, 4, 3)).astype(float)
    t3 = trace(rgb, np.ones((2, 2, 3)))
    scene = scene_for(t3, (1280, 720), view="im2col")
    assert scene.columns == 12 and f"{t3[5].total:g}" in texts(scene.frame(5))


def test_an_unknown_view_is_refused():
    with pytest.raises(ValueError, match="unknown step view"):
        scene_for(trace(X, K), view="sparse")


@pytest.mark.parametrize("padding", ["same", "full"])
def test_the_convolution_matrix_sum_has_the_rows_entries_and_no_padding(padding):
    """'same' padding at a corner: the window's sum listed nine terms, five of them padding zeros, under a
    matrix row of four entries (a tester read them against each other).  The row times the input: one
    term per entry, in the row's order, adding up to the output."""
    t = trace(X, K, padding=padding)
    scene = scene_for(t, (1280, 720), view="toeplitz")
    matrix = conv_matrix(t)
    for i in (0, 7, len(t) - 1):
        used = np.flatnonzero(matrix[i])
        line = " ".join(s for s in texts(scene.frame(i)) if s.startswith("out[") or s.startswith("…"))
        terms = line.split(" = ", 1)[1].rsplit(" = ", 1)[0].split(" + ")
        expected = [f"{X.ravel()[j]:g}×{matrix[i, j]:g}".replace("×-", "×(-") + (")" if matrix[i, j] < 0 else "")
                    for j in used]
        assert terms == expected, (i, line)
        assert np.isclose(sum(X.ravel()[j] * matrix[i, j] for j in used), t[i].total)
