"""The explorer document: input, filter bank and op settings, evented with psygnal.

Qt-free: views connect to ``document.events`` and call the ``set_*`` methods;
the document validates every change before it takes effect, so a bad value
leaves it as it was.  That includes the memory budget (:mod:`.limits`): a change
whose computation would allocate more is a :class:`BudgetError` naming the cause.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from psygnal import Signal, SignalGroup

from convviz.core.kernels import preset
from convviz.core.messages import TextError

from .cache import frozen
from .limits import pipeline_error
from .pipeline import OpSettings

MIN_SIDE, MAX_SIDE = 1, 512
MAX_KERNEL_SIDE = 15
MAX_FILTERS = 16
#: The largest value of each integer setting the explorer offers (the operation panel's ranges):
#: beyond them a window only makes huge padded copies or a pooling that runs for minutes.
SETTING_LIMITS = {"stride": 16, "dilation": 8, "pool_size": 16, "pool_stride": 16, "explicit_pad": 64}

LECTURE_IMAGE = np.array(
    [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]],
    dtype=np.float64,
)
LECTURE_SIGNAL = np.array([2, 8, 3, 7, 1, 2, 0, 4, 5], dtype=np.float64)
LECTURE_SIGNAL_KERNEL = np.array([2, 1, 5, 3], dtype=np.float64)


class DocumentEvents(SignalGroup):
    input = Signal()  # the input array changed (drawn, loaded, resized)
    kernels = Signal()  # a kernel, the number of filters or a bias changed
    settings = Signal(object)  # OpSettings
    mode = Signal(str)  # "2d" or "1d"


class Document:
    """What the explorer shows: one input, a filter bank, and how to combine them."""

    def __init__(self) -> None:
        self.events = DocumentEvents()
        self._mode = "2d"
        self._input = frozen(LECTURE_IMAGE.copy())
        self._kernels: list[np.ndarray] = [preset("lecture_x").astype(np.float64)]
        self._biases: list[float] = [0.0]
        self._settings = OpSettings()
        self._saved_2d = None
        self._saved_1d = (LECTURE_SIGNAL.copy(), [LECTURE_SIGNAL_KERNEL.copy()], [0.0])
        #: Bytes a computation may allocate; None: the configured budget (CONVVIZ_MEMORY_BUDGET).
        self.memory_budget: int | None = None

    # ----------------------------------------------------------------- state
    @property
    def mode(self) -> str:
        return self._mode

    @property
    def input(self) -> np.ndarray:
        return self._input

    @property
    def kernels(self) -> list[np.ndarray]:
        return list(self._kernels)

    @property
    def biases(self) -> list[float]:
        return list(self._biases)

    @property
    def settings(self) -> OpSettings:
        return self._settings

    @property
    def channels(self) -> int:
        return self._input.shape[2] if self._input.ndim == 3 else 1

    # ----------------------------------------------------------------- input
    def set_input(self, array) -> None:
        arr = np.asarray(array)
        if arr.dtype.kind not in "biuf":
            raise ValueError(f"the input must hold numbers, got {arr.dtype}")
        arr = arr.astype(np.float64)
        if self._mode == "1d":
            if arr.ndim != 1:
                raise ValueError(f"a 1D signal must be a single row, got shape {arr.shape}")
            if not 1 <= arr.size <= 4096:
                raise ValueError(f"a signal needs 1 to 4096 values, got {arr.size}")
        else:
            if arr.ndim == 1:
                arr = arr[None, :]
            if arr.ndim == 3 and arr.shape[2] not in (1, 3):
                raise ValueError(f"the input needs 1 or 3 channels, got {arr.shape[2]}")
            if arr.ndim == 3 and arr.shape[2] == 1:
                arr = arr[:, :, 0]
            if arr.ndim not in (2, 3):
                raise ValueError(f"the input must be 2D (H, W) or (H, W, 3), got shape {arr.shape}")
            if not all(MIN_SIDE <= n <= MAX_SIDE for n in arr.shape[:2]):
                raise ValueError(
                    f"the input is {arr.shape[1]}x{arr.shape[0]}; each side must be {MIN_SIDE} to {MAX_SIDE}"
                )
        if not np.isfinite(arr).all():
            raise ValueError("the input contains NaN or infinite values")
        self._check_cost(arr.shape, self._kernels[0].shape, len(self._kernels), self._settings)
        channels_changed = (arr.ndim == 3) != (self._input.ndim == 3)
        self._input = frozen(arr)
        if channels_changed:
            self._reshape_kernels_for_channels()
        self._standard_without_channels()
        self.events.input.emit()

    def paint(self, rows, cols, value: float) -> None:
        """Set cells (index arrays) to ``value``: the pen of the drawing canvas."""
        arr = self._input.copy()
        arr[rows, cols] = value
        self._input = frozen(arr)
        self.events.input.emit()

    def resize_input(self, height: int, width: int) -> None:
        """Change the working size, keeping the top-left content."""
        if self._mode == "1d":
            height = 1
            old = self._input
            new = np.zeros(width)
            new[: min(width, old.size)] = old[: min(width, old.size)]
            self.set_input(new)
            return
        shape = (height, width) + self._input.shape[2:]
        new = np.zeros(shape)
        h, w = min(height, self._input.shape[0]), min(width, self._input.shape[1])
        new[:h, :w] = self._input[:h, :w]
        self.set_input(new)

    def set_rgb(self, rgb: bool) -> None:
        if rgb == (self._input.ndim == 3) or self._mode == "1d":
            return
        if rgb:
            self.set_input(np.repeat(self._input[:, :, None], 3, axis=2))
        else:
            self.set_input(self._input.mean(axis=2))

    # --------------------------------------------------------------- kernels
    def _check_kernel(self, kernel: np.ndarray) -> np.ndarray:
        k = np.asarray(kernel, dtype=np.float64)
        if self._mode == "1d":
            k = k.reshape(-1)
            if not 1 <= k.size <= 64:
                raise TextError("a 1D kernel needs 1 to 64 values, got {count}", count=k.size)
        else:
            if k.ndim == 1:
                k = k[None, :]
            if k.ndim == 2 and self.channels > 1:
                k = np.repeat(k[:, :, None], self.channels, axis=2)
            expected = 3 if self.channels > 1 else 2
            if k.ndim != expected:
                raise TextError("the kernel needs {axes} axes for this input, got shape {shape}", axes=expected,
                                shape=k.shape)
            if not all(1 <= n <= MAX_KERNEL_SIDE for n in k.shape[:2]):
                raise TextError("kernel sides must be 1 to {most}, got {rows}×{columns}", most=MAX_KERNEL_SIDE,
                                rows=k.shape[0], columns=k.shape[1])
        if not np.isfinite(k).all():
            raise TextError("the kernel contains NaN or infinite values")
        return k

    def _reshape_kernels_for_channels(self) -> None:
        c = self.channels
        out = []
        for k in self._kernels:
            if c > 1 and k.ndim == 2:
                k = np.repeat(k[:, :, None], c, axis=2)
            elif c == 1 and k.ndim == 3:
                k = k[:, :, 0]
            out.append(k)
        self._kernels = out
        self.events.kernels.emit()

    def set_kernel(self, index: int, kernel) -> None:
        """Replace filter ``index``; every filter of a bank shares one shape."""
        k = self._check_kernel(kernel)
        self._check_cost(self._input.shape, k.shape, len(self._kernels), self._settings)
        kernels = list(self._kernels)
        kernels[index] = k
        if any(other.shape[:2] != k.shape[:2] for other in kernels):
            kernels = [self._fit(other, k.shape) if i != index else k for i, other in enumerate(kernels)]
        self._kernels = kernels
        self.events.kernels.emit()

    def set_kernels(self, kernels, biases=None) -> None:
        checked = [self._check_kernel(k) for k in kernels]
        if not 1 <= len(checked) <= MAX_FILTERS:
            raise ValueError(f"a bank holds 1 to {MAX_FILTERS} filters, got {len(checked)}")
        if len({k.shape for k in checked}) != 1:
            raise ValueError("every filter of a bank must have the same shape")
        biases = [0.0] * len(checked) if biases is None else [float(b) for b in biases]
        if len(biases) != len(checked) or not all(np.isfinite(biases)):
            raise ValueError("one finite bias per filter is needed")
        self._check_cost(self._input.shape, checked[0].shape, len(checked), self._settings)
        self._kernels, self._biases = checked, biases
        self.events.kernels.emit()

    @staticmethod
    def _fit(kernel: np.ndarray, shape) -> np.ndarray:
        """``kernel`` cropped or zero-extended to ``shape`` (top-left aligned)."""
        out = np.zeros(shape)
        region = tuple(slice(0, min(a, b)) for a, b in zip(shape, kernel.shape))
        out[region] = kernel[region]
        return out

    def resize_kernels(self, rows: int, cols: int) -> None:
        shape = (cols,) if self._mode == "1d" else (rows, cols) + ((self.channels,) if self.channels > 1 else ())
        if not all(1 <= n <= (64 if self._mode == "1d" else MAX_KERNEL_SIDE) for n in shape[:2]):
            raise ValueError(f"kernel sides must be 1 to {MAX_KERNEL_SIDE}")
        self._check_cost(self._input.shape, shape, len(self._kernels), self._settings)
        self._kernels = [self._fit(k, shape) for k in self._kernels]
        self.events.kernels.emit()

    def add_filter(self, kernel=None) -> int:
        if len(self._kernels) >= MAX_FILTERS:
            raise ValueError(f"a bank holds at most {MAX_FILTERS} filters")
        k = np.zeros_like(self._kernels[0]) if kernel is None else self._check_kernel(kernel)
        self._check_cost(self._input.shape, self._kernels[0].shape, len(self._kernels) + 1, self._settings)
        if k.shape != self._kernels[0].shape:
            k = self._fit(k, self._kernels[0].shape)
        self._kernels.append(k)
        self._biases.append(0.0)
        self.events.kernels.emit()
        return len(self._kernels) - 1

    def remove_filter(self, index: int) -> None:
        if len(self._kernels) <= 1:
            raise ValueError("a bank needs at least one filter")
        del self._kernels[index]
        del self._biases[index]
        self.events.kernels.emit()

    def set_bias(self, index: int, bias: float) -> None:
        bias = float(bias)
        if not np.isfinite(bias):
            raise ValueError("the bias must be a finite number")
        self._biases[index] = bias
        self.events.kernels.emit()

    # -------------------------------------------------------------- settings
    def set_settings(self, settings: OpSettings | None = None, **changes) -> None:
        new = replace(settings or self._settings, **changes).validate()
        if new != self._settings:
            check_setting_limits(new)
            self._check_cost(self._input.shape, self._kernels[0].shape, len(self._kernels), new)
            self._settings = new
            self.events.settings.emit(new)

    def set_mode(self, mode: str) -> None:
        if mode not in ("1d", "2d"):
            raise ValueError(f"unknown mode {mode!r}")
        if mode == self._mode:
            return
        current = (self._input, self._kernels, self._biases)
        stored = self._saved_1d if mode == "1d" else self._saved_2d
        if mode == "1d":
            self._saved_2d = current
        else:
            self._saved_1d = current
        if stored is None:
            stored = (frozen(LECTURE_IMAGE.copy()), [preset("lecture_x").astype(np.float64)], [0.0])
        self._mode = mode
        self._input, self._kernels, self._biases = stored[0], list(stored[1]), list(stored[2])
        self._standard_without_channels()
        self.events.mode.emit(mode)
        self.events.input.emit()
        self.events.kernels.emit()

    def _standard_without_channels(self) -> None:
        """A grey input or a signal has one channel to split: grouped or depthwise turns standard."""
        if self.channels == 1 and self._settings.groups != 1:
            self._settings = replace(self._settings, groups=1)
            self.events.settings.emit(self._settings)

    def _check_cost(self, x_shape, kernel_shape, filters: int, settings: OpSettings) -> None:
        """Refuse a change whose computation would allocate more than the memory budget."""
        problem = pipeline_error(tuple(x_shape), tuple(kernel_shape), filters, settings, self.memory_budget)
        if problem is not None:
            raise problem

    # -------------------------------------------------------------- sessions
    def conv_geometry(self):
        """The convolution's geometry (padding, output size, the formula's numbers) for the current
        input, first kernel and settings; ValueError where the settings do not fit the input."""
        x, k, s = self._input, self._kernels[0], self._settings
        spatial = 1 if x.ndim == 1 else 2
        kshape = (k.size,) if spatial == 1 else k.shape[:2]
        return s.geometry(x.shape[:spatial], kshape)

    def state(self) -> dict:
        return {
            "mode": self._mode,
            "input": self._input,
            "kernels": list(self._kernels),
            "biases": list(self._biases),
            "settings": self._settings,
        }

    def restore(self, state: dict) -> None:
        """Apply a validated state (from :func:`convviz.io.sessions.load_session`) at once; only
        the memory budget is checked again (it is this document's), before anything changes."""
        kernels = list(state["kernels"])
        check_setting_limits(state["settings"])
        self._check_cost(np.shape(state["input"]), np.shape(kernels[0]), len(kernels), state["settings"])
        self._mode = state["mode"]
        self._input = frozen(np.array(state["input"], dtype=np.float64))
        self._kernels = list(state["kernels"])
        self._biases = list(state["biases"])
        self._settings = state["settings"]
        self.events.mode.emit(self._mode)
        self.events.input.emit()
        self.events.kernels.emit()
        self.events.settings.emit(self._settings)


def check_setting_limits(settings: OpSettings) -> None:
    """Refuse integer settings beyond the explorer's ranges (SETTING_LIMITS), in one line."""
    for name, limit in SETTING_LIMITS.items():
        value = getattr(settings, name)
        if (max(value) if isinstance(value, tuple) else value) > limit:
            shown = "/".join(map(str, value)) if isinstance(value, tuple) else value
            raise ValueError(f"{name.replace('_', ' ')} {shown} is out of the explorer's range (at most {limit})")
