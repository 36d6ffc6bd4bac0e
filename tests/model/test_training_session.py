"""The training window's session against a fake view: each message of the training process
changes what it should and is shown, in order, with no Qt and no TensorFlow."""

from types import SimpleNamespace

import numpy as np
import pytest

from convviz.model.training import InputScaling, TrainConfig
from convviz.model.training_session import HeldOut, TrainingSession


class FakeView:
    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        if not name.startswith("show_"):
            raise AttributeError(name)
        return lambda *args: self.calls.append((name, *args))


def made(config, weights, names, scaling):
    return SimpleNamespace(config=config, weights=weights, class_names=names, scaling=scaling)


@pytest.fixture
def session():
    return TrainingSession(FakeView(), made)


def test_a_run_from_start_to_finish(session):
    view = session.view
    config = TrainConfig(epochs=2)
    session.starting(config, "/tmp/run/model.keras")
    x, y = np.zeros((5, 28, 28), np.uint8), np.arange(5)
    session.dispatch(("data", x, y, ["a", "b", "c", "d", "e"]))
    session.dispatch(("started", {"summary": "s", "epochs": 2, "train_samples": 100, "scaling": (0.5, 0.1)}))
    assert session.scaling == InputScaling(0.5, 0.1)
    session.dispatch(("progress", {"samples_done": 50}))
    kernels, biases = np.ones((3, 3, 1, 4)), np.zeros(4)
    session.dispatch(("filters", kernels, biases))
    session.dispatch(("epoch", 0, {"loss": 1.0}))
    weights = [kernels, biases, np.ones((10, 3)), np.zeros(3)]
    result = SimpleNamespace(scaling=InputScaling(0.5, 0.1), stopped=False)
    session.dispatch(("finished", result, weights))
    assert [c[0] for c in view.calls] == ["show_test_set", "show_started", "show_progress", "show_filters",
                                         "show_epoch", "show_finished"]
    assert isinstance(view.calls[0][1], HeldOut) and session.class_names == ("a", "b", "c", "d", "e")
    assert session.kernels is kernels and session.result is result
    # The network is made from the run's configuration, weights, class names and scaling.
    assert session.model.config is config and session.model.weights is weights
    assert session.model.class_names == session.class_names and session.model.scaling == result.scaling
    assert session.model_file == "/tmp/run/model.keras"


def test_a_loaded_model_brings_its_configuration_filters_and_file(session):
    session.loading("/models/mine.keras")
    config = TrainConfig(filters=6, kernel_size=5).to_dict()
    weights = [np.ones((5, 5, 1, 6)), np.arange(6.0), np.ones((4, 2)), np.zeros(2)]
    session.dispatch(("loaded", config, weights, (28, 28), (2.0, -1.0)))
    assert session.config == TrainConfig.from_dict(config) and session.scaling == InputScaling(2.0, -1.0)
    assert session.model_file == "/models/mine.keras" and session.model.weights is weights
    names = [c[0] for c in session.view.calls]
    assert names == ["show_loaded", "show_filters"]
    np.testing.assert_array_equal(session.biases, np.arange(6.0))


def test_a_failure_is_shown_and_changes_nothing_else(session):
    session.dispatch(("failed", "the dataset folder is empty"))
    assert session.view.calls == [("show_failed", "the dataset folder is empty")]
    assert session.model is None and session.result is None and session.model_file is None


def test_an_unknown_message_is_an_error_not_silence(session):
    with pytest.raises(ValueError, match="unknown message"):
        session.dispatch(("bogus", 1))
