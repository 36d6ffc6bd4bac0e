"""The training window's state and rules, without Qt: what each message of the training process
changes, and what the view is told.

The training child process (convviz.train.process) sends tuples — ("data", ...), ("started",
info), ("progress", info), ("epoch", n, logs), ("filters", kernels, biases), ("finished", result,
weights), ("loaded", config, weights, input shape, scaling), ("failed", message or TextError) — that
:meth:`TrainingSession.dispatch` takes in order.  The session keeps what they establish (the
run's configuration and input scaling, the test set, the latest filters, the result, the
network in numpy, the model's file) and calls its :class:`TrainingView` to show each change;
the window is that view, and the tests use a fake one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .training import InputScaling, TrainConfig


@dataclass(frozen=True)
class HeldOut:
    """The held-out images the child sends once (uint8, (N, H, W)), their labels and class names."""

    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]


class TrainingView(Protocol):
    def show_test_set(self, test: HeldOut) -> None: ...
    def show_started(self, info: dict) -> None: ...
    def show_progress(self, info: dict) -> None: ...
    def show_epoch(self, epoch: int, logs: dict) -> None: ...
    def show_filters(self, kernels: np.ndarray, biases: np.ndarray) -> None: ...
    def show_finished(self, result) -> None: ...
    def show_loaded(self) -> None: ...
    def show_failed(self, message: str | BaseException) -> None: ...


#: Builds the numpy network from (config, weights, class names, scaling): convviz.train.forward.NumpyCNN
#: in the window (model cannot import train), anything with ``predict`` in tests.
ModelFactory = Callable[[TrainConfig, list, tuple, InputScaling], object]


class TrainingSession:
    """One training window's run: start it, take the child's messages, keep what they established."""

    def __init__(self, view: TrainingView, make_model: ModelFactory):
        self.view = view
        self._make_model = make_model
        self.config = TrainConfig()  # of the run going on or last finished (or the model loaded)
        self.scaling = InputScaling()  # the model's input standardization, for the numpy views
        self.test: HeldOut | None = None
        self.kernels: np.ndarray | None = None  # the first layer's latest filters and biases
        self.biases: np.ndarray | None = None
        self.result = None  # convviz.train.runner.TrainResult, without the Keras model
        self.model = None  # the trained or loaded network in numpy
        self.model_file: str | None = None  # the .keras file the model can be saved from
        self._loading: str | None = None
        self._run_file: str | None = None  # where the running child saves its model

    @property
    def class_names(self) -> tuple[str, ...]:
        return self.test.class_names if self.test is not None else ()

    # -------------------------------------------------------------- requests
    def starting(self, config: TrainConfig, model_file: str | None = None) -> None:
        """A run started with ``config`` (the form's, already validated); the child saves the
        trained model to ``model_file``."""
        self.config, self._run_file = config, model_file

    def loading(self, path: str) -> None:
        """A .keras file is about to be read in the child."""
        self._loading = path

    # -------------------------------------------------------------- messages
    def dispatch(self, message: tuple) -> None:
        kind, *payload = message
        handler = getattr(self, f"_on_{kind}", None)
        if handler is None:
            raise ValueError(f"unknown message from the training process: {kind!r}")
        handler(*payload)

    def _on_data(self, x_test, y_test, class_names) -> None:
        self.test = HeldOut(np.asarray(x_test), np.asarray(y_test), tuple(class_names))
        self.view.show_test_set(self.test)

    def _on_started(self, info: dict) -> None:
        self.scaling = InputScaling(*info.get("scaling", (1.0, 0.0)))
        self.view.show_started(info)

    def _on_progress(self, info: dict) -> None:
        self.view.show_progress(info)

    def _on_epoch(self, epoch: int, logs: dict) -> None:
        self.view.show_epoch(epoch, logs)

    def _on_filters(self, kernels, biases) -> None:
        self.kernels, self.biases = kernels, biases
        self.view.show_filters(kernels, biases)

    def _on_finished(self, result, weights) -> None:
        self.result = result
        self.scaling = result.scaling
        self.model = self._make_model(self.config, weights, self.class_names, result.scaling)
        self.model_file = self._run_file
        self.view.show_finished(result)

    def _on_loaded(self, config: dict, weights, input_shape, scaling=(1.0, 0.0)) -> None:
        self.config = TrainConfig.from_dict(config)
        self.scaling = InputScaling(*scaling)
        self.model = self._make_model(self.config, weights, self.class_names, self.scaling)
        self.model_file, self._loading = self._loading, None
        self.view.show_loaded()
        self._on_filters(weights[0], weights[1])

    def _on_failed(self, message: str | BaseException) -> None:
        self.view.show_failed(message)
