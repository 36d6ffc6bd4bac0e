"""The Backward tab's computation and controller: dW, db, dX equal convviz.core.backward's (itself tested
against tf.GradientTape); the traces that step through dW and dX total to the same numbers; the
controller against a fake view."""

import itertools

import numpy as np
import pytest

from convviz.core import conv_backward, correlate, pool_backward
from convviz.core.backward import squared_error
from convviz.core.conv import evaluate
from convviz.model.backward import BackwardController
from convviz.model.backward_pass import fold_padding, input_trace, run_backward, weights_from_trace, weights_trace
from convviz.model.document import LECTURE_IMAGE, Document
from convviz.model.settings import OpSettings

LECTURE_KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], dtype=float)


def _operands(rng, one_d, rgb, filters):
    if one_d:
        return (rng.integers(-3, 4, size=9).astype(float),
                [rng.integers(-2, 3, size=3).astype(float) for _ in range(filters)])
    shape = (7, 6, 3) if rgb else (7, 6)
    return (rng.integers(-3, 4, size=shape).astype(float),
            [rng.integers(-2, 3, size=(3, 2) + ((3,) if rgb else ())).astype(float) for _ in range(filters)])


CASES = [
    (op, padding, boundary, stride, dilation, one_d, rgb, filters)
    for op, padding, boundary, stride, dilation, one_d, rgb, filters in itertools.product(
        ("correlate", "convolve"), ("valid", "same", "full", "explicit"), ("zeros", "reflect", "circular"),
        (1, 2, 3), (1, 2), (False, True), (False, True), (1, 2))
    if not (one_d and rgb)
]


@pytest.mark.parametrize("case", CASES[::3], ids=lambda c: "-".join(map(str, c)))
def test_traces_total_to_core_gradients(case):
    """dW[..., c, f] is the trace of the padded input correlated with dY (trace stride = the layer's
    dilation, trace dilation = its stride), flipped back for convolve; dX is the trace of W over the
    zero-inserted, padded dY, folded onto the input: both equal core.backward's, cell for cell."""
    op, padding, boundary, stride, dilation, one_d, rgb, filters = case
    rng = np.random.default_rng(CASES.index(case))
    settings = OpSettings(op=op, padding=padding, boundary=boundary, stride=stride, dilation=dilation,
                          explicit_pad=(2, 0, 3, 1), same="centered" if stride == 1 else "tensorflow")
    x, kernels = _operands(rng, one_d, rgb, filters)
    kwargs = settings.conv_kwargs(1 if one_d else 2)
    try:
        shapes = [correlate(x, k, **kwargs).shape for k in kernels]
    except ValueError:
        pytest.skip("no output for these settings")  # a real reason: the window would say so too
    dz = [rng.integers(-2, 3, size=s).astype(float) for s in shapes]
    for f, k in enumerate(kernels):
        reference = conv_backward(x, k, dz[f], op=op, **kwargs)
        for c in range(3 if rgb else 1):
            steps = weights_trace(x, dz[f], k.shape, settings, c)
            assert steps.output_shape == k.shape[:2 if not one_d else 1]
            totals = np.array([s.total for s in steps]).reshape(steps.output_shape)
            expected = reference.dW[..., c] if rgb else reference.dW
            np.testing.assert_array_equal(weights_from_trace(totals, settings), expected)
    expected_dx = sum(conv_backward(x, k, g, op=op, **kwargs).dX for k, g in zip(kernels, dz))
    if one_d:
        got = sum(fold_padding(evaluate(input_trace(x, kernels, dz, settings, f).prepared), x.shape, settings,
                               kernels[0].shape) for f in range(filters))
    else:
        steps = input_trace(x, kernels, dz, settings)
        got = fold_padding(evaluate(steps.prepared), x.shape, settings, kernels[0].shape)
        # every step's total is the fast path's cell
        out = evaluate(steps.prepared)
        for i in (0, len(steps) // 2, len(steps) - 1):
            assert steps[i].total == out[steps[i].out_index]
    np.testing.assert_allclose(got, expected_dx, rtol=0, atol=1e-12)


def test_lecture_example_dw_is_the_correlation_of_x_with_dy():
    """The lecture's 5x5 image and 3x3 kernel, valid: dW = correlate(X, dY) exactly, db = Σ dY,
    dX = the full convolution of dY with W."""
    settings = OpSettings()
    dy = np.arange(9, dtype=float).reshape(3, 3) - 4
    r = run_backward(LECTURE_IMAGE, [LECTURE_KERNEL], [0.0], settings, upstream="file", upstream_maps=[dy])
    np.testing.assert_array_equal(r.dW[0], correlate(LECTURE_IMAGE, dy))
    assert r.db == [dy.sum()]
    from scipy.signal import convolve2d

    np.testing.assert_array_equal(r.dX, convolve2d(dy, LECTURE_KERNEL, mode="full"))
    steps = weights_trace(LECTURE_IMAGE, dy, (3, 3), settings)
    assert [s.total for s in steps] == list(correlate(LECTURE_IMAGE, dy).ravel())


def test_chain_through_relu_and_pooling_and_one_sgd_step():
    settings = OpSettings(padding="same", activation="relu", pool="max", pool_size=2)
    x = LECTURE_IMAGE - 0.5
    kernels = [LECTURE_KERNEL - 0.4, -LECTURE_KERNEL + 0.2]
    target = [np.full((2, 2), 0.5), np.zeros((2, 2))]  # 5x5 -> 2x2 pooled, valid
    r = run_backward(x, kernels, [0.1, -0.2], settings, upstream="squared_error", target=target, lr=0.05)
    for f in range(2):
        np.testing.assert_array_equal(r.dy[f], 2 * (r.y[f] - target[f]) / 8)
        np.testing.assert_array_equal(r.da[f], pool_backward(r.a[f], r.dy[f], "max", 2))
        np.testing.assert_array_equal(r.dz[f], np.where(r.z[f] > 0, r.da[f], 0))  # ReLU: 0 at z <= 0
        grads = conv_backward(x, kernels[f], r.dz[f], padding="same")
        np.testing.assert_array_equal(r.dW[f], grads.dW)
        np.testing.assert_array_equal(r.kernels_after[f], kernels[f] - 0.05 * grads.dW)
        assert r.biases_after[f] == pytest.approx([0.1, -0.2][f] - 0.05 * grads.db)
    assert r.loss_before == pytest.approx(squared_error(np.stack(r.y), np.stack(target)))
    assert r.loss_after < r.loss_before


class FakeView:
    def __init__(self):
        self.results, self.messages = [], []

    def show_result(self, result):
        self.results.append(result)

    def show_message(self, text):
        self.messages.append(text)


def test_controller_against_a_fake_view():
    doc = Document()
    view = FakeView()
    controller = BackwardController(doc, view)
    controller.recompute()
    assert view.results[-1].loss == "sum" and view.results[-1].dy[0].tolist() == np.ones((3, 3)).tolist()
    controller.set_target("shifted")
    r = view.results[-1]
    assert r.loss == "squared_error"
    np.testing.assert_array_equal(r.target[0][:, 1:], r.y[0][:, :-1])
    frozen = r.target[0].copy()
    controller.set_learning_rate(0.01)
    r = view.results[-1]
    controller.apply_step()  # the document takes W - lr·dW and b - lr·db
    np.testing.assert_array_equal(doc.kernels[0], r.kernels_after[0])
    assert doc.biases[0] == r.biases_after[0]
    after = view.results[-1]
    np.testing.assert_array_equal(after.target[0], frozen)  # the target stays put while the output moves
    assert after.loss_before == pytest.approx(r.loss_after)
    # a target file of the wrong shape: one message, nothing raised later
    controller.set_target("file", np.zeros((2, 2)))
    assert "2×2" in view.messages[-1] and controller.result is None
    controller.set_target("file", np.ones((3, 3)))
    assert view.results[-1].target[0].tolist() == np.ones((3, 3)).tolist()
    with pytest.raises(ValueError):
        controller.set_learning_rate(float("nan"))


def test_controller_computes_only_while_shown():
    doc = Document()
    view = FakeView()
    controller = BackwardController(doc, view)
    controller.set_active(False)
    doc.set_settings(stride=2)
    assert view.results == []
    controller.set_active(True)
    assert len(view.results) == 1 and view.results[0].dX.shape == (5, 5)


def test_transposed_or_unknown_op_is_a_message():
    with pytest.raises(ValueError, match="cross-correlation and convolution"):
        run_backward(LECTURE_IMAGE, [LECTURE_KERNEL], [0.0], type("S", (), {"op": "transposed"})())


def test_a_file_choice_without_a_file_asks_for_one_and_keeps_the_last_one_loaded():
    c = BackwardController(Document())
    with pytest.raises(ValueError, match="^choose a file with the upstream gradient$"):
        c.set_upstream("file")
    with pytest.raises(ValueError, match="^choose a file with the target map$"):
        c.set_target("file")
    c.set_upstream("file", np.ones((3, 3)))
    c.set_upstream("ones")
    c.set_upstream("file")  # the file loaded before
    assert c.upstream == "file"
