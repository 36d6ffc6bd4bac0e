"""Run a training in the calling thread, reporting through plain callables.

The Keras callback below only calls functions and checks two
``threading.Event`` objects (stop, pause), in the manner of Keras's own
LambdaCallback; the window wraps those functions in Qt signals (see
``convviz.ui.qt_train``), the terminal prints a progress bar.  Nothing here
knows about Qt.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from convviz.io.datasets import Dataset
from convviz.model.training import InputScaling, TrainConfig


@dataclass
class TrainListener:
    on_start: Callable[[dict], None] | None = None  # {"epochs", "train_samples", "steps_per_epoch", "summary"}
    # throttled: epoch, samples_done, total, samples_per_s, eta_s, loss, accuracy
    on_progress: Callable[[dict], None] | None = None
    on_epoch: Callable[[int, dict], None] | None = None  # epoch index and its logs (with val_*)
    on_filters: Callable[[np.ndarray, np.ndarray], None] | None = None  # first-layer kernels (kh, kw, 1, F), biases
    stop: threading.Event = field(default_factory=threading.Event)
    pause: threading.Event = field(default_factory=threading.Event)  # set = paused
    interval: float = 0.25  # seconds between on_progress / on_filters calls (4 a second)


@dataclass
class TrainResult:
    history: dict
    test_loss: float
    test_accuracy: float
    confusion: np.ndarray
    predictions: np.ndarray  # predicted class per test image
    train_seconds: float
    train_samples: int
    stopped: bool
    model: object = None
    scaling: InputScaling = field(default_factory=InputScaling)  # what the model does to its input first

    def metrics(self) -> dict:
        return {
            "test_accuracy": self.test_accuracy,
            "test_loss": self.test_loss,
            "history": self.history,
            "train_samples": self.train_samples,
            "train_seconds": self.train_seconds,
            "stopped_early": self.stopped,
        }


def prepare_images(x: np.ndarray) -> np.ndarray:
    """uint8 (N, H, W) -> float32 (N, H, W, 1) in [0, 1], as the lecture does."""
    return (np.asarray(x, dtype=np.float32) / np.float32(255))[..., None]


def _callback(listener: TrainListener, epochs: int, train_samples: int, batch_size: int):
    import keras

    class Bridge(keras.callbacks.Callback):
        """Calls the listener's plain functions; honours stop and pause between batches.

        ``async_safe``: Keras runs batch-end hooks on a helper thread instead of stopping
        after every batch to hand over its logs.  Without it a callback with
        ``on_train_batch_end`` made every step wait for the device and convert its metrics,
        and fitting took about 1.4x as long as a plain ``model.fit``.  Pause and stop act in
        ``on_train_batch_begin``, which Keras always calls in the training loop itself.
        """

        async_safe = True

        def on_train_begin(self, logs=None):
            self.start = time.perf_counter()
            self.last = 0.0
            self.epoch = 0
            self._filters(force=True)

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch = epoch

        def _filters(self, force=False):
            if listener.on_filters is None:
                return
            weights = self.model.get_layer("conv1").get_weights()
            listener.on_filters(np.array(weights[0]), np.array(weights[1]))

        def on_train_batch_begin(self, batch, logs=None):
            while listener.pause.is_set() and not listener.stop.is_set():
                time.sleep(0.05)
            if listener.stop.is_set():
                self.model.stop_training = True

        def on_train_batch_end(self, batch, logs=None):
            if listener.stop.is_set():
                return
            now = time.perf_counter()
            if now - self.last < listener.interval:
                return
            self.last = now
            done = self.epoch * train_samples + min((batch + 1) * batch_size, train_samples)
            total = epochs * train_samples
            elapsed = now - self.start
            rate = done / elapsed if elapsed > 0 else 0.0
            if listener.on_progress:
                logs = logs or {}
                listener.on_progress({
                    "epoch": self.epoch, "samples_done": done, "total": total, "samples_per_s": rate,
                    "eta_s": (total - done) / rate if rate else float("nan"),
                    "loss": float(logs.get("loss", np.nan)), "accuracy": float(logs.get("accuracy", np.nan)),
                })
            self._filters()

        def on_epoch_end(self, epoch, logs=None):
            self._filters(force=True)
            if listener.on_epoch:
                listener.on_epoch(epoch, {k: float(v) for k, v in (logs or {}).items()})

    return Bridge()


def train(config: TrainConfig, data: Dataset, listener: TrainListener | None = None) -> TrainResult:
    """Build, fit and evaluate; returns when done, stopped, or the data runs out."""
    import keras

    from .keras_model import build_model, summary_text

    listener = listener or TrainListener()
    config.validate()
    keras.utils.set_random_seed(config.seed)
    x_train, x_test = prepare_images(data.x_train), prepare_images(data.x_test)
    n_classes = len(data.class_names)
    n_val = int(len(x_train) * config.validation_split)
    train_samples = len(x_train) - n_val
    if train_samples < 1:
        raise ValueError("no training samples left after the validation split")
    steps_per_epoch = -(-train_samples // config.batch_size)
    # Keras's validation_split holds out the *last* images: the statistics come from the rest.
    scaling = InputScaling.standardizing(x_train[:train_samples]) if config.standardize else InputScaling()
    model = build_model(config, data.image_shape, n_classes, total_steps=steps_per_epoch * config.epochs,
                        scaling=scaling)
    if listener.on_start:
        listener.on_start({"epochs": config.epochs, "train_samples": train_samples,
                           "steps_per_epoch": steps_per_epoch, "summary": summary_text(model),
                           "scaling": (scaling.scale, scaling.offset)})
    callback = _callback(listener, config.epochs, train_samples, config.batch_size)
    t0 = time.perf_counter()
    history = model.fit(x_train, data.y_train, epochs=config.epochs, batch_size=config.batch_size,
                        validation_split=config.validation_split, callbacks=[callback], verbose=0, shuffle=True)
    train_seconds = time.perf_counter() - t0
    probabilities = model.predict(x_test, batch_size=1024, verbose=0)
    predictions = probabilities.argmax(axis=1)
    test_loss, test_accuracy = model.evaluate(x_test, data.y_test, batch_size=1024, verbose=0)
    confusion = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(confusion, (data.y_test, predictions), 1)
    return TrainResult(
        history={k: [float(v) for v in vals] for k, vals in history.history.items()},
        test_loss=float(test_loss), test_accuracy=float(test_accuracy), confusion=confusion,
        predictions=predictions, train_seconds=train_seconds, train_samples=train_samples,
        stopped=listener.stop.is_set(), model=model, scaling=scaling,
    )


def first_layer_maps(kernels: np.ndarray, biases: np.ndarray, image: np.ndarray, config: TrainConfig,
                     scaling: InputScaling | None = None):
    """conv -> ReLU -> pool of one image with the first layer's weights, computed by convviz.core
    (the same numbers Keras computes; the tests check it).  ``scaling``: the model's input
    standardization, applied first as its Rescaling layer does."""
    from convviz.core import activate, correlate, pool

    x = np.asarray(image, dtype=np.float32)
    if x.max() > 1:
        x = x / np.float32(255)
    x = (scaling or InputScaling()).apply(x)
    conv = correlate(x, kernels.astype(np.float32), padding=config.padding, stride=config.stride,
                     bias=biases.astype(np.float32))
    relu = activate(conv, "relu")
    pooled = pool(relu, config.pool, 2)
    return conv, relu, pooled
