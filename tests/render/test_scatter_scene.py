"""The scatter step scene of a transposed convolution: its numbers are the trace's, type never drops below
the smallest size asked for (large inputs page), and scene_for picks it and the equivalent view."""

import numpy as np
import pytest

from convviz.core.scatter import scatter_trace
from convviz.core.transposed import conv_transpose
from convviz.render import scene_for
from convviz.render.conv_scene import ConvStepScene
from convviz.render.prims import Text, frame_text_sizes
from convviz.render.scatter_scene import ScatterStepScene
from convviz.render.signal_scene import OneDStepScene

X = np.array([[1, 2, 0], [0, 1, 3], [2, 0, 1]], float)
K = np.array([[1, 0, -1], [2, 1, 0], [0, 1, 1]], float)


def texts(frame) -> list[str]:
    return [p.text for p in frame.prims if isinstance(p, Text)]


def test_a_frame_shows_the_stamp_the_running_sums_and_the_counts_of_the_trace():
    t = scatter_trace(X, K, strides=2, bias=1.0)
    scene = scene_for(t, (1280, 720))
    assert isinstance(scene, ScatterStepScene) and scene.in_view == (3, 3) and scene.out_view == (7, 7)
    for i in range(len(t)):
        shown = texts(scene.frame(i))
        step = t[i]
        sums, received, total = t.partial(i)
        # Every output cell a stamp has reached shows its running sum; the stamp's products are drawn.
        for r, c in zip(*np.nonzero(received)):
            assert f"{sums[r, c]:g}" in shown
        for v in step.products.ravel():
            assert f"{v:g}" in shown
        for tap in zip(*np.nonzero(~step.cropped)):  # each target: its k-th stamp of n
            assert f"{step.received[tap]}/{step.overlaps[tap]}" in shown
        assert any(s.startswith(f"x[{step.in_index[0]},{step.in_index[1]}] = ") for s in shown)
    final = t.partial(len(t) - 1)[0]
    last = texts(scene.frame(len(t) - 1))
    assert all(f"{v:g}" in last for v in final.ravel())


def test_the_quiz_hides_the_stamp_then_the_new_sums():
    scene = scene_for(scatter_trace(X, K, strides=2), (1280, 720))
    hidden, products, everything = (texts(scene.frame(4, reveal=r)) for r in (0, 1, 2))
    assert hidden.count("?") > products.count("?") > 0 and "?" not in everything
    assert any(s.endswith("= ?") for s in products) and not any(s.endswith("= ?") for s in everything)


@pytest.mark.parametrize("x,k,stride", [(np.random.default_rng(0).integers(0, 9, (28, 28)).astype(float), K, 2),
                                        (X, np.ones((5, 5)), 3),
                                        (np.arange(40.0) % 7, np.array([1.0, 2, 1]), 2),
                                        (np.stack([X, X.T, -X], -1), np.stack([K, K.T, K], -1), 2)])
@pytest.mark.parametrize("size,min_type", [((1280, 800), 12), ((1024, 768), 12), ((1280, 800), 20),
                                           ((1024, 768), 20), ((640, 400), 12)])
def test_type_never_drops_below_the_minimum_and_every_word_stays_on_the_page(x, k, stride, size, min_type):
    t = scatter_trace(x, k, strides=stride, padding="same")
    scene = scene_for(t, size, min_type=min_type)
    for i in (0, len(t) // 2, len(t) - 1):
        frame = scene.frame(i)
        assert min(frame_text_sizes(frame.prims)) >= min_type - 1e-6
        assert all(0 <= p.x <= size[0] and 0 <= p.y <= size[1] for p in frame.prims if isinstance(p, Text))
    if x.shape[0] == 28:
        assert scene.out_view != scene.out.shape  # a 56x56 output pages ...
        shown = texts(scene.frame(len(t) // 2))
        assert any("of 56" in s for s in shown)  # ... and says which part is in view


def test_the_equivalent_view_is_a_correlation_over_the_zero_inserted_input_with_the_same_numbers():
    t = scatter_trace(X, K, strides=2, padding="same", output_padding=1)
    scene = scene_for(t, (1280, 720), view="equivalent", title="T")
    assert isinstance(scene, ConvStepScene) and scene.title.startswith("T · the equivalent correlation")
    final = t.partial(len(t) - 1)[0]
    assert np.array_equal([s.total for s in scene.trace], final.ravel())
    assert np.array_equal(scene.trace.prepared.weights[..., 0, 0], K[::-1, ::-1])
    one = scene_for(scatter_trace(np.array([2.0, 8, 3]), np.array([1.0, 2]), strides=2), (1280, 720),
                    view="equivalent")
    assert isinstance(one, OneDStepScene)
    matrix = scene_for(t, (1280, 720), view="im2col")
    assert np.array_equal(matrix.out[:, 0], final.ravel())
    with pytest.raises(ValueError, match="transposed"):
        from convviz.core import trace

        scene_for(trace(X, K), view="equivalent")


@pytest.mark.parametrize("size", [(855, 500), (640, 500), (1240, 640)])
def test_an_output_that_fits_at_the_minimum_type_is_shown_whole_not_paged(size):
    """The 4x4 lesson's 8x8 output in the window's Steps pane (855x500 at 1280x800) was paged 'output columns
    0–6 of 8' because the whole needed cells a hair below the pane's own type, though above the minimum."""
    t = scatter_trace(np.ones((4, 4)), np.ones((3, 3)), strides=2, padding="same")
    scene = scene_for(t, size, min_type=12)
    assert scene.in_view == (4, 4) and scene.out_view == (8, 8)
    for i in (0, len(t) - 1):
        frame = scene.frame(i)
        assert min(frame_text_sizes(frame.prims)) >= 12 - 1e-6
        assert not any("of 8" in s for s in texts(frame))
    final = texts(scene.frame(len(t) - 1))
    expected = conv_transpose(np.ones((4, 4)), np.ones((3, 3)), strides=2, padding="same")
    assert all(f"{v:g}" in final for v in np.unique(expected))


@pytest.mark.parametrize("stride,padding", [(2, "valid"), (2, "same"), ((2, 1), "same")])
def test_the_equivalent_view_marks_the_inserted_zeros_apart_from_the_inputs_own(stride, padding):
    """The zeros put between the input's cells are tinted (a legend word says so), the input's own zeros not:
    the tester could not tell them apart (en_54)."""
    from convviz.core.transposed import zero_inserted
    from convviz.render.layout import INSERTED, INSERTED_FILL
    from convviz.render.prims import Rect

    x = np.array([[1, 0, 2], [0, 0, 3], [4, 0, 0]], float)  # real zeros too
    t = scatter_trace(x, K, strides=stride, padding=padding)
    eq = t.equivalent()
    s = (stride, stride) if isinstance(stride, int) else stride
    ones = zero_inserted(np.ones((3, 3)), s, spatial_ndim=2)
    b, e = t.geometry.equivalent_pads[0][0], t.geometry.equivalent_pads[1][0]
    crop = ones[max(0, -b):, max(0, -e):][: eq.prepared.x.shape[0], : eq.prepared.x.shape[1]]
    np.testing.assert_array_equal(eq.inserted, crop == 0)
    np.testing.assert_array_equal(eq.prepared.x[..., 0][eq.inserted], 0)  # they hold zeros, as the real ones
    scene = scene_for(t, (1600, 1000), view="equivalent")
    assert scene.in_view == scene.input.shape  # the whole input in view: every inserted cell drawn
    prims = scene.frame(0).prims
    tinted = [p for p in prims if isinstance(p, Rect) and p.fill == INSERTED_FILL]
    marked = [p for p in prims if isinstance(p, Text) and p.color == INSERTED]
    # Exactly the inserted cells: the input's own zeros (five here) are not tinted.
    assert len(tinted) == len(marked) == int(eq.inserted.sum()) > 0 and {p.text for p in marked} == {"0"}
    assert any("tinted 0: inserted" in p.text for p in prims if isinstance(p, Text))


def test_an_ordinary_correlation_marks_nothing():
    from convviz.core import trace
    from convviz.render.layout import INSERTED_FILL
    from convviz.render.prims import Rect

    scene = scene_for(trace(X, K, padding="same"), (1280, 800))
    assert not any(isinstance(p, Rect) and p.fill == INSERTED_FILL for p in scene.frame(0).prims)
    assert not any("inserted" in p.text for p in scene.frame(0).prims if isinstance(p, Text))
