"""The Backward tab's controller: which upstream gradient, which target, which learning rate, which
filter and channel to step through; it runs :func:`.backward_pass.run_backward` on the document and
hands the result to a view.

Qt-free.  The view answers ``show_result(result)`` and ``show_message(text)``; the controller computes
only while the view is shown (``set_active``), since painting changes the input at every stroke.  The
computation goes through ``run(work, deliver)``: at once by default; the window passes one that keeps one
job in flight off the GUI thread (a 512x512 input with 16 filters takes ~0.3 s), the latest request winning.
"""

from __future__ import annotations

import numpy as np
from psygnal import Signal, SignalGroup

from .backward_pass import (
    TARGETS,
    UPSTREAMS,
    BackwardResult,
    forward_chain,
    input_trace,
    refusal,
    run_backward,
    shifted,
    weights_trace as _weights_trace,
)
from .document import Document


class Refused(str):
    """A refusal's message as a worker's result: a returned exception would be raised by the worker
    thread (a traceback on stderr) instead of reaching the view."""


class BackwardEvents(SignalGroup):
    choices = Signal()  # the upstream, target, learning rate, filter or channel changed


class BackwardController:
    """The backward pass of the explorer's layer, on the document's input, kernels and settings."""

    def __init__(self, document: Document, view=None, *, run=None):
        self.document = document
        self.view = view
        self._run = run or (lambda work, deliver: deliver(work()))
        self.events = BackwardEvents()
        self.upstream = "ones"
        self.target_kind = "zeros"
        self.lr = 0.1
        self.lr_auto = True  # each step takes the largest of AUTO_LRS that lowers the loss, until one is chosen
        self.filter = 0
        self.channel = 0
        self.result: BackwardResult | None = None
        self.message = ""
        self._upstream_file: np.ndarray | None = None
        self._target_file: np.ndarray | None = None
        self._lesson_target: np.ndarray | None = None
        self._frozen_target: list | None = None  # the shifted output, as it was when chosen
        self._active = view is not None
        self._stale = True
        document.events.connect(self._on_document)

    # ----------------------------------------------------------------- choices
    def set_active(self, on: bool) -> None:
        """Compute while the view is shown; a change while hidden is computed when it is shown again."""
        self._active = bool(on)
        if self._active and self._stale:
            self.recompute()

    def set_upstream(self, kind: str, array=None) -> None:
        """'ones', 'squared_error' or 'file' (``array``: the loaded upstream gradient)."""
        if kind not in UPSTREAMS:
            raise ValueError(f"unknown upstream {kind!r}")
        if kind == "file":
            self._upstream_file = self._from_file(array, self._upstream_file, "upstream gradient")
        self.upstream = kind
        self._changed()

    def set_target(self, kind: str, array=None) -> None:
        """The squared error's target: 'zeros', 'shifted' (the current output moved one cell right, kept
        until chosen again) or 'file' (``array``)."""
        if kind not in TARGETS:
            raise ValueError(f"unknown target {kind!r}")
        if kind == "file":
            self._target_file = self._from_file(array, self._target_file, "target", "target map")
        if kind == "lesson" and self._lesson_target is None:
            raise ValueError("no lesson with a target map is open")
        self._frozen_target = None
        self.target_kind = kind
        self.upstream = "squared_error"
        self._changed()

    def set_learning_rate(self, lr: float) -> None:
        lr = float(lr)
        if not np.isfinite(lr) or lr < 0:
            raise ValueError(f"the learning rate must be a finite number ≥ 0, got {lr}")
        self.lr, self.lr_auto = lr, False
        self._changed()

    @property
    def has_lesson_target(self) -> bool:
        return self._lesson_target is not None

    def set_filter(self, index: int) -> None:
        self.filter = min(max(int(index), 0), len(self.document.kernels) - 1)
        self.events.choices.emit()

    def set_channel(self, index: int) -> None:
        self.channel = min(max(int(index), 0), self.document.channels - 1)
        self.events.choices.emit()

    def open_lesson(self, entry: dict) -> None:
        """A lesson's ``"backward"`` entry: ``upstream`` ('ones' or 'squared_error'), a ``target`` map for the
        squared error, and ``lr``; ValueError, changing nothing, when it holds anything else."""
        if not isinstance(entry, dict) or set(entry) - {"upstream", "target", "lr", "page"}:
            raise ValueError("a lesson's backward entry holds upstream, target, lr and page only")
        upstream = entry.get("upstream", "ones")
        if upstream not in ("ones", "squared_error") or (upstream == "squared_error") != ("target" in entry):
            raise ValueError("a lesson's upstream is 'ones', or 'squared_error' with a target map")
        target = self._checked(entry["target"], "target") if "target" in entry else None
        lr = float(entry.get("lr", 0.1))
        if not np.isfinite(lr) or lr < 0:
            raise ValueError(f"the learning rate must be a finite number ≥ 0, got {lr}")
        self.lr, self.lr_auto = lr, "lr" not in entry
        if target is not None:
            self._lesson_target = target
            self.set_target("lesson")
        else:
            self.set_upstream("ones")

    @classmethod
    def _from_file(cls, array, kept, what: str, named: str | None = None) -> np.ndarray:
        """``array`` checked, or the one loaded before (``kept``) when none is given; a message asking for
        a file with ``named`` (the ``what``, by default) when there is neither."""
        if array is not None:
            return cls._checked(array, what)
        if kept is None:
            raise ValueError(f"choose a file with the {named or what}")
        return kept

    @staticmethod
    def _checked(array, what: str) -> np.ndarray:
        arr = np.asarray(array)
        if arr.dtype.kind not in "biuf":
            raise ValueError(f"the {what} must hold numbers, got {arr.dtype}")
        arr = arr.astype(np.float64)
        if not np.isfinite(arr).all():
            raise ValueError(f"the {what} contains NaN or infinite values")
        return arr

    # ------------------------------------------------------------- computing
    def _on_document(self, *_args) -> None:
        self.filter = min(self.filter, len(self.document.kernels) - 1)
        self.channel = min(self.channel, self.document.channels - 1)
        self._changed()

    def _changed(self) -> None:
        self._stale = True
        self.events.choices.emit()
        if self._active:
            self.recompute()

    def _per_filter(self, arr: np.ndarray, y: list, what: str) -> list:
        """A loaded map as one map per filter: the output's shape (every filter), or with the filters on a
        last axis."""
        shape = y[0].shape
        if arr.shape == shape:
            return [arr] * len(y)
        if arr.shape == shape + (len(y),):
            return [arr[..., f] for f in range(len(y))]
        if arr.size == int(np.prod(shape)) and np.squeeze(arr).shape == tuple(n for n in shape if n != 1):
            return [arr.reshape(shape)] * len(y)  # a 1D output saved as one row
        wanted = "×".join(map(str, shape))
        raise ValueError(f"the {what} is {'×'.join(map(str, arr.shape))}; the output is {wanted}"
                         + (f" (or {wanted}×{len(y)} for the {len(y)} filters)" if len(y) > 1 else ""))

    def target_maps(self, y: list) -> list | None:
        if self.upstream != "squared_error":
            return None
        if self.target_kind == "zeros":
            return [np.zeros_like(m) for m in y]
        if self.target_kind == "file":
            return self._per_filter(self._target_file, y, "target")
        if self.target_kind == "lesson":
            return self._per_filter(self._lesson_target, y, "lesson's target")
        frozen = self._frozen_target
        if frozen is None or len(frozen) != len(y) or any(t.shape != m.shape for t, m in zip(frozen, y)):
            self._frozen_target = frozen = shifted(y)
        return frozen

    def loss_options(self) -> dict:
        """The upstream, its maps and the learning rate as :func:`run_backward` (and the Code tab's program)
        take them, for the document as it is now; ValueError where a loaded map does not fit."""
        doc = self.document
        if self.upstream == "ones":
            return dict(upstream="ones", lr=self.lr)
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is said once, by recompute
            y = forward_chain(doc.input, doc.kernels, doc.biases, doc.settings)[2]
        if self.upstream == "file":
            return dict(upstream="file", upstream_maps=self._per_filter(self._upstream_file, y, "upstream gradient"),
                        lr=self.lr)
        return dict(upstream="squared_error", target=self.target_maps(y), lr=self.lr)

    def recompute(self) -> BackwardResult | None:
        """Compute the backward pass for the document as it is now; returns the result when ``run``
        delivered it at once (the default), else None until the view is shown it."""
        doc = self.document
        self._stale = False
        why = refusal(doc.settings)  # at once: no stale maps while a job would fail
        if why:
            self._deliver(ValueError(why))
            return None
        try:
            options = self.loss_options()
        except ValueError as exc:
            self._deliver(exc)
            return None
        if self.lr_auto:
            options["lr"] = None
        x, kernels, biases, settings = doc.input, doc.kernels, doc.biases, doc.settings  # replaced, never edited

        def work():
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    result = run_backward(x, kernels, biases, settings, **options)
                if not all(np.isfinite(g).all() for g in list(result.dW) + [result.dX]):
                    raise ValueError("the gradients overflow: scale the input, kernels or upstream gradient down")
            except ValueError as exc:
                return Refused(str(exc))
            return result

        self.result = None  # until the new one arrives: no step of stale numbers
        self._run(work, self._deliver)
        return self.result

    def _deliver(self, outcome) -> None:
        if isinstance(outcome, (ValueError, Refused)):
            self.result, self.message = None, str(outcome)
            if self.view is not None:
                self.view.show_message(self.message)
            return
        self.result, self.message = outcome, ""
        if self.lr_auto:
            self.lr = outcome.lr  # the Code tab's program and the learning-rate box show the step taken
        if self.view is not None:
            self.view.show_result(outcome)

    # ---------------------------------------------------------------- traces
    def weights_trace(self):
        """The trace of dW for the chosen filter and channel (None without a result)."""
        r, doc = self.result, self.document
        if r is None:
            return None
        return _weights_trace(doc.input, r.dz[self.filter], np.shape(doc.kernels[self.filter]), doc.settings,
                              self.channel)

    def input_trace(self):
        """The trace of the input's gradient on the padded grid (1D: the chosen filter's share)."""
        r, doc = self.result, self.document
        if r is None:
            return None
        return input_trace(doc.input, doc.kernels, r.dz, doc.settings, self.filter)

    # ------------------------------------------------------------------ step
    def apply_step(self) -> None:
        """Write W - lr·dW and b - lr·db into the document (every filter)."""
        r = self.result
        if r is None:
            raise ValueError(self.message or "nothing to apply")
        self.document.set_kernels([np.asarray(k) for k in r.kernels_after], r.biases_after)
