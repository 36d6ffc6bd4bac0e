"""Training (and model loading) in a child process.

Why a process and not a thread: importing TensorFlow holds the GIL for
seconds, and a training loop in the same interpreter competes with the GUI
for it; measured in a thread, the event loop stalled for 29 s and training ran
at 0.44x the speed of a plain ``model.fit``.  In a child process TensorFlow
never enters the window's interpreter at all.

Messages come back on a queue as plain tuples; :class:`TrainProcess.poll`
hands them to a callback (the window polls from a QTimer).  Stop and pause
are multiprocessing Events, so the runner's listener checks them exactly as it
checks threading Events.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import sys
import tempfile
from typing import Callable

import numpy as np

from convviz.core.messages import TextError
from convviz.model.training import TrainConfig

_CTX = mp.get_context("spawn")  # never fork a process that has Qt and threads


def translatable(exc: BaseException) -> TextError | str:
    """What a "failed" message carries: a :class:`TextError` itself, which the window says in its language,
    where it pickles (the queue pickles in a thread of its own, where a failure would lose the message),
    else its English line."""
    import pickle

    if isinstance(exc, TextError):
        try:
            pickle.dumps(exc)
            return exc
        except Exception:  # a value that does not pickle
            pass
    return str(exc)


def _tie_to_window() -> None:
    """Leave Ctrl+C to the window, and end this child when the window's process dies.

    The terminal's Ctrl+C reaches every process of its group; in this child it would raise
    KeyboardInterrupt in the middle of ``model.fit`` and print TensorFlow's traceback.  The
    window handles it instead (it closes, which stops training cleanly), so the child ignores
    it.  If the window's process is killed outright, PR_SET_PDEATHSIG (Linux) ends the child
    instead of leaving it training for nobody.

    Not a session of its own (``os.setsid``): with the kernel's autogroups that puts the child in
    a scheduling group that shares the cores with the window's as one, lowering its priority
    while the window paints; the ~20 s tf.data stalls at the end of an epoch (see
    ``_child_train``) went with a lowered priority: niced, 11 of 38 runs; in a session of its
    own, 1 of about 40; neither, none of 13.
    """
    import signal

    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # the parent died before the call
            os._exit(1)


def _child_train(messages, stop, pause, config_dict: dict, spec, model_path: str) -> None:
    _tie_to_window()
    # The child runs at the window's priority.  It used to be niced (os.nice(10)) so the window
    # would get a core at once; but then the end of an epoch often stalled for ~20 s with both
    # cores idle: the main thread destroying the epoch's tf.data iterator waited for tf.data's
    # autotuning thread, asleep on a timed condition variable (gdb stacks).  Niced, 11 of 38
    # window runs stalled; not niced, 0 of 13.  The window's updates now cost a few ms (event
    # loop 72-77 ms longest, 24-25 ms 99th percentile over four rounds, not niced).
    from convviz.io.inputs import InputError
    from convviz.train import import_tensorflow_quietly

    # The child loads the data itself: pickling 47 MB of images into the spawn
    # pipe would block the window until the child had started.
    from convviz.train.data import load_training_data, plain_error

    try:
        data = load_training_data(spec)
    except (InputError, ValueError, OSError) as exc:
        messages.put(("failed", translatable(exc)))
        return
    messages.put(("data", data.x_test, data.y_test, data.class_names))
    import_tensorflow_quietly()  # after the data: the window shows the test images meanwhile
    from convviz.train.runner import TrainListener, train

    config = TrainConfig.from_dict(config_dict)
    listener = TrainListener(
        on_start=lambda info: messages.put(("started", info)),
        on_progress=lambda info: messages.put(("progress", info)),
        on_epoch=lambda epoch, logs: messages.put(("epoch", epoch, logs)),
        on_filters=lambda k, b: messages.put(("filters", k, b)),
        stop=stop, pause=pause,
    )
    try:
        result = train(config, data, listener)
        result.model.save(model_path)
        weights = [np.asarray(w) for w in result.model.get_weights()]
        result.model = None
        messages.put(("finished", result, weights))
    except Exception as exc:  # one line for the user
        messages.put(("failed", plain_error(exc)))


def _child_load(messages, path: str) -> None:
    _tie_to_window()
    from convviz.train import import_tensorflow_quietly
    from convviz.train.data import plain_error

    import_tensorflow_quietly()
    from convviz.train.keras_model import input_scaling, load_model

    try:
        model = load_model(path)
        layer_names = [layer.__class__.__name__ for layer in model.layers]
        if "Conv2D" not in layer_names or layer_names.count("Conv2D") > 2 or not isinstance(model.input_shape, tuple):
            raise ValueError("not a model of the shape convviz trains")
        conv = model.layers[layer_names.index("Conv2D")]
        kernels = model.get_weights()[0]
        scaling = input_scaling(model)
        config = TrainConfig(
            filters=int(kernels.shape[-1]), kernel_size=int(kernels.shape[0]), padding=conv.padding,
            stride=int(conv.strides[0]), second_block=layer_names.count("Conv2D") > 1,
            pool="avg" if "AveragePooling2D" in layer_names else "max",
            dense_units=int(model.get_weights()[-3].shape[-1]), standardize="Rescaling" in layer_names,
        )
        messages.put(("loaded", config.to_dict(), [np.asarray(w) for w in model.get_weights()],
                      tuple(model.input_shape[1:3]), (scaling.scale, scaling.offset)))
    except Exception as exc:
        messages.put(("failed", plain_error(exc)))


class TrainProcess:
    """One child process: ``start_training`` or ``start_loading``, then ``poll`` until done."""

    def __init__(self) -> None:
        self.messages = _CTX.Queue()
        self.stop = _CTX.Event()
        self.pause = _CTX.Event()
        self.process = None
        self._quiet_polls = 0  # polls since the child ended that found nothing more
        self.model_path = os.path.join(tempfile.mkdtemp(prefix="convviz-model-"), "model.keras")

    def start_training(self, config: TrainConfig, spec) -> None:
        """Train in the child; ``spec`` is a :class:`convviz.io.datasets.DataSpec` the child loads."""
        self._quiet_polls = 0
        self.process = _CTX.Process(target=_child_train, name="convviz-train", daemon=True,
                                    args=(self.messages, self.stop, self.pause, config.to_dict(), spec,
                                          self.model_path))
        self.process.start()

    def start_loading(self, path: str) -> None:
        self._quiet_polls = 0
        self.process = _CTX.Process(target=_child_load, name="convviz-load", daemon=True,
                                    args=(self.messages, str(path)))
        self.process.start()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def poll(self, handle: Callable[[tuple], None], *, limit: int = 50) -> bool:
        """Pass waiting messages to ``handle``; False once the child has ended and nothing is left."""
        for _ in range(limit):
            try:
                message = self.messages.get_nowait()
            except queue.Empty:
                break
            handle(message)
        if self.process is not None and not self.process.is_alive():
            # A child flushes its queue before it exits, but poll never blocks to make sure:
            # the window calls it from a timer, so it gives the pipe a few more turns of the
            # event loop (the caller's timer interval apart) before calling it a day.
            received = False
            try:
                while True:
                    handle(self.messages.get_nowait())
                    received = True
            except queue.Empty:
                pass
            self._quiet_polls = 0 if received else self._quiet_polls + 1
            if self._quiet_polls < 3:
                return True
            if self.process.exitcode not in (0, None) and not self.stop.is_set():
                handle(("failed", TextError("the training process ended unexpectedly (exit code {code})",
                                            code=self.process.exitcode)))
            self.process = None
            return False
        return True

    def cancel(self) -> None:
        self.stop.set()
        self.pause.clear()

    def shutdown(self, timeout: float = 30.0, handle: Callable[[tuple], None] | None = None) -> None:
        """Stop and wait; kill the child if it does not end in time.

        The queue is drained while waiting: a child cannot exit while its
        queue's pipe is full, so waiting without reading would deadlock.
        """
        if self.process is None:
            return
        self.cancel()
        import time

        deadline = time.monotonic() + timeout
        while self.process.is_alive() and time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                continue
            if handle is not None:
                handle(message)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        self.process = None
