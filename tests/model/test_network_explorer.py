"""The network explorer's controller against a fake view: what it shows, when it recomputes, which results it drops."""

import numpy as np
import pytest

from convviz.core.network.spec import LayerSpec, NetworkSpec
from convviz.model.network_explorer import Engine, NetworkExplorer, fit_input, resample


def tiny_spec(name="tiny") -> NetworkSpec:
    rng = np.random.default_rng(0)
    conv = LayerSpec("conv", "Conv2D", {"filters": 2, "kernel_size": [3, 3], "padding": "same", "strides": [1, 1],
                                        "activation": "relu"},
                     (rng.normal(size=(3, 3, 1, 2)).astype(np.float32), np.array([0.1, -0.2], np.float32)))
    flat = LayerSpec("flatten", "Flatten")
    dense = LayerSpec("dense", "Dense", {"units": 3, "activation": "softmax"},
                      (rng.normal(size=(32, 3)).astype(np.float32), np.zeros(3, np.float32)))
    return NetworkSpec(name, (4, 4, 1), (conv, flat, dense), class_names=("a", "b", "c"))


def reference_forward(spec, x):
    """The tiny network in plain numpy (same-padded correlation, ReLU, flatten, dense, softmax)."""
    k, b = spec.layers[0].weights
    padded = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    conv = np.zeros((4, 4, 2), np.float32)
    for r in range(4):
        for c in range(4):
            conv[r, c] = np.einsum("hwc,hwcf->f", padded[r:r + 3, c:c + 3], k) + b
    relu = np.maximum(conv, 0)
    flat = relu.reshape(-1)
    w, bias = spec.layers[2].weights
    z = flat @ w + bias
    e = np.exp(z - z.max())
    return [relu, flat, e / e.sum()]


class Calls:
    def __init__(self):
        self.forward = 0
        self.explained = []

    def engine(self, **extra) -> Engine:
        def forward(spec, x):
            self.forward += 1
            return reference_forward(spec, x)

        def explain(spec, outputs, layer, unit):
            self.explained.append((layer, unit))
            return ("explained", float(outputs[layer][unit]))

        return Engine(forward, lambda spec: [(4, 4, 2), (32,), (3,)],
                      lambda spec: [4 * 4 * 2 * 9, 0, 96], explain, lambda spec, layer, unit: ("boxes", layer, unit),
                      **extra)


class FakeView:
    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        if not name.startswith("set_") and name != "show_error":
            raise AttributeError(name)
        return lambda *args: self.calls.append((name, args))

    def last(self, name):
        return [args for n, args in self.calls if n == name][-1]

    def count(self, name):
        return sum(n == name for n, _ in self.calls)


@pytest.fixture
def explorer():
    calls, view = Calls(), FakeView()
    ex = NetworkExplorer(view, engine=calls.engine())
    ex.set_model(tiny_spec())
    return ex, view, calls


def test_a_model_shows_its_layers_and_the_first_convolution(explorer):
    ex, view, calls = explorer
    spec, rows = view.last("set_network")
    assert [(r.name, r.kind, r.output_shape, r.params, r.macs) for r in rows] == [
        ("conv", "Conv2D", (4, 4, 2), 20, 288), ("flatten", "Flatten", (32,), 0, 0), ("dense", "Dense", (3,), 99, 96)]
    assert ex.totals == (119, 384)
    index, output = view.last("set_layer")
    assert index == 0
    np.testing.assert_array_equal(output, reference_forward(spec, np.zeros((4, 4, 1), np.float32))[0])
    assert calls.forward == 1


def test_forward_runs_only_when_the_image_or_the_model_changes(explorer):
    ex, view, calls = explorer
    ex.select_layer(2)
    ex.select_unit((1,))
    ex.select_layer(0)
    ex.select_unit((2, 3, 1))
    assert calls.forward == 1
    ex.draw((1, 1), (1, 2), 1)
    assert calls.forward == 2
    ex.draw((1, 1), (1, 2), 1)  # the same cells, already white: nothing changes
    assert calls.forward == 2
    ex.set_model(tiny_spec("other"))
    assert calls.forward == 3
    assert ex.image[1, 1, 0] == 1.0  # the input is kept for the new model


def test_a_selected_unit_is_explained_again_with_the_new_outputs(explorer):
    ex, view, calls = explorer
    ex.select_layer(2)
    ex.select_unit((1,))
    layer, unit, explanation, receptive = view.last("set_unit")
    assert (layer, unit, receptive) == (2, (1,), ("boxes", 2, (1,)))
    zero = reference_forward(ex.spec, np.zeros((4, 4, 1), np.float32))[2][1]
    assert explanation == ("explained", pytest.approx(float(zero), rel=1e-6))
    ex.set_input(np.eye(4))
    expected = reference_forward(ex.spec, np.eye(4, dtype=np.float32)[:, :, None])[2][1]
    assert view.last("set_unit")[2] == ("explained", pytest.approx(float(expected), rel=1e-6))
    # Another layer's maps shown: the unit stays selected (its receptive field is drawn there).
    ex.select_layer(0)
    assert view.last("set_unit")[:2] == (2, (1,))


def test_units_outside_the_layer_are_ignored(explorer):
    ex, view, calls = explorer
    before = view.count("set_unit")
    ex.select_unit((4, 0, 0))
    ex.select_unit((0, 0))
    assert view.count("set_unit") == before and ex.unit is None


def test_stale_results_are_dropped_and_requests_coalesce():
    calls, view = Calls(), FakeView()
    jobs = []
    ex = NetworkExplorer(view, engine=calls.engine(), background=lambda work, done, failed: jobs.append((work, done)))
    import convviz.model.network_explorer as module

    old = module.BACKGROUND_MACS
    module.BACKGROUND_MACS = 0  # every forward pass goes to the background
    try:
        ex.set_model(tiny_spec())
        assert len(jobs) == 1 and ex.busy and view.last("set_busy") == (True,)
        for value in (0.25, 0.5, 0.75):  # three inputs while the first job runs
            ex.set_input(np.full((4, 4), value))
        assert len(jobs) == 1  # one job in flight
        work, done = jobs.pop(0)
        done(work())
        assert ex.outputs is not None
        assert len(jobs) == 1  # one job for the three inputs, with the last one
        work, done = jobs.pop(0)
        done(work())
        assert calls.forward == 2
        np.testing.assert_allclose(ex.outputs[0], reference_forward(ex.spec, np.full((4, 4, 1), 0.75, np.float32))[0])
        assert not ex.busy and view.last("set_busy") == (False,)

        # A result computed for the previous model is not shown for the new one.
        ex.set_input(np.ones((4, 4)))
        old_job = jobs.pop(0)
        ex.set_model(tiny_spec("other"))  # queued behind the running job
        shown = view.count("set_layer")
        old_job[1](old_job[0]())
        assert view.count("set_layer") == shown  # dropped
        work, done = jobs.pop(0)
        done(work())
        assert view.count("set_layer") == shown + 1 and ex.spec.name == "other"
    finally:
        module.BACKGROUND_MACS = old


def test_a_failing_forward_pass_is_one_message():
    calls, view = Calls(), FakeView()
    engine = calls.engine()

    def broken(spec, x):
        raise ValueError("the kernel does not fit")

    ex = NetworkExplorer(view, engine=Engine(broken, engine.output_shapes, engine.macs))
    ex.set_model(tiny_spec())
    assert view.calls.count(("show_error", ("The forward pass failed: the kernel does not fit",))) == 1
    assert ex.outputs is None


def test_inputs_are_fitted_to_the_model_with_a_note():
    big = np.arange(64.0).reshape(8, 8)
    x, note = fit_input(big, (4, 4, 1))
    np.testing.assert_allclose(x[:, :, 0], big.reshape(4, 2, 4, 2).mean(axis=(1, 3)))
    assert note == "resized from 8×8 to 4×4"
    same, note = fit_input(np.eye(4), (4, 4, 1))
    assert note == "" and same.dtype == np.float32 and same.shape == (4, 4, 1)
    rgb = np.random.default_rng(1).random((4, 4, 3))
    grey, note = fit_input(rgb, (4, 4, 1))
    np.testing.assert_allclose(grey[:, :, 0], rgb.mean(axis=2), rtol=1e-6)
    assert note == "colours averaged to grey"
    with pytest.raises(ValueError, match="array of numbers"):
        fit_input(np.array([["a", "b"]]), (4, 4, 1))
    signal, note = fit_input(np.arange(8.0).reshape(2, 4), (8, 1))  # a 1D model: the rows one after another
    np.testing.assert_array_equal(signal[:, 0], np.arange(8.0))
    assert note == "read row by row as a signal"
    with pytest.raises(ValueError, match="NaN"):
        fit_input(np.array([[np.nan]]), (4, 4, 1))
    with pytest.raises(ValueError, match="The model takes 3 channels; the input has 2"):
        fit_input(np.zeros((4, 4, 2)), (4, 4, 3))


def test_resample_repeats_cells_when_enlarging_and_keeps_the_mean_when_shrinking():
    np.testing.assert_allclose(resample(np.array([[1.0, 2.0], [3.0, 4.0]]), 4, 4),
                               np.kron([[1.0, 2.0], [3.0, 4.0]], np.ones((2, 2))))
    x = np.random.default_rng(2).random((28, 28))
    assert resample(x, 10, 10).mean() == pytest.approx(x.mean())


def test_a_bad_input_is_one_message_and_keeps_the_old_one(explorer):
    ex, view, calls = explorer
    before = ex.image.copy()
    assert not ex.set_input(np.zeros((2, 4, 4, 1)))
    assert view.last("show_error") == ("The input must be an image (rows × columns, or with channels).",)
    np.testing.assert_array_equal(ex.image, before)


def test_a_model_whose_layers_cannot_be_computed_is_one_message_and_the_old_one_stays():
    from dataclasses import replace

    from convviz.model.network_explorer import numpy_engine

    view = FakeView()
    ex = NetworkExplorer(view, engine=numpy_engine())
    assert ex.set_model(tiny_spec())
    spec = tiny_spec("broken")
    conv = spec.layers[0]
    broken = replace(spec, layers=(replace(conv, weights=(conv.weights[0][:2], conv.weights[1])),) + spec.layers[1:])
    assert not ex.set_model(broken)
    message = view.last("show_error")[0]
    assert message.startswith("broken: ") and "conv" in message and "\n" not in message
    assert ex.spec.name == "tiny" and ex.outputs is not None
