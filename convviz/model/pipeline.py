"""The explorer's computation: convolution -> activation -> pooling, in plain numpy.

Shared by the window, the headless ``convviz export`` and the tests, so all
three show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np

from convviz.core import activate, conv_geometry, convolve, correlate, pool, pool_trace, trace
from convviz.core.activations import ACTIVATIONS
from convviz.core.padding import BOUNDARIES, SAME_CONVENTIONS
from convviz.core.parallel import map_threads

PADDING_MODES = ("valid", "same", "full", "explicit")
POOL_MODES = ("none", "max", "avg")


@dataclass(frozen=True)
class OpSettings:
    """Everything that decides what the op computes (besides input and kernels)."""

    op: str = "correlate"
    padding: str = "valid"  # valid | same | full | explicit
    explicit_pad: tuple[int, int, int, int] = (1, 1, 1, 1)  # top, bottom, left, right
    same: str = "tensorflow"
    boundary: str = "zeros"
    stride: int = 1
    dilation: int = 1
    activation: str = "none"
    pool: str = "none"  # none | max | avg
    pool_size: int = 2
    pool_stride: int = 0  # 0: the pool size, as Keras does
    pool_padding: str = "valid"

    def validate(self) -> "OpSettings":
        checks = [
            (self.op in ("correlate", "convolve"), f"unknown op {self.op!r}"),
            (self.padding in PADDING_MODES, f"unknown padding {self.padding!r}"),
            (self.same in SAME_CONVENTIONS, f"unknown 'same' convention {self.same!r}"),
            (self.boundary in BOUNDARIES, f"unknown boundary {self.boundary!r}"),
            (self.activation in ACTIVATIONS and self.activation != "softmax",
             f"unknown activation {self.activation!r}"),
            (self.pool in POOL_MODES, f"unknown pooling {self.pool!r}"),
            (self.pool_padding in ("valid", "same"), f"unknown pooling padding {self.pool_padding!r}"),
            (_positive(self.stride), f"stride must be a positive integer, got {self.stride!r}"),
            (_positive(self.dilation), f"dilation must be a positive integer, got {self.dilation!r}"),
            (_positive(self.pool_size), f"pool size must be a positive integer, got {self.pool_size!r}"),
            (isinstance(self.pool_stride, int) and self.pool_stride >= 0,
             f"pool stride must be a positive integer, got {self.pool_stride!r}"),
            (len(self.explicit_pad) == 4 and all(isinstance(p, int) and p >= 0 for p in self.explicit_pad),
             f"explicit padding needs four non-negative integers, got {self.explicit_pad!r}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)
        return self

    def padding_spec(self, spatial: int):
        if self.padding != "explicit":
            return self.padding
        top, bottom, left, right = self.explicit_pad
        return ((left, right),) if spatial == 1 else ((top, bottom), (left, right))

    def conv_kwargs(self, spatial: int) -> dict:
        return dict(
            padding=self.padding_spec(spatial), stride=self.stride, dilation=self.dilation,
            same=self.same, boundary=self.boundary,
        )

    def pool_kwargs(self) -> dict:
        return dict(stride=self.pool_stride or None, padding=self.pool_padding)

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["explicit_pad"] = list(self.explicit_pad)
        return d

    @classmethod
    def from_dict(cls, data: dict) -> "OpSettings":
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        values = dict(data)
        if "explicit_pad" in values:
            values["explicit_pad"] = tuple(values["explicit_pad"])
        return replace(cls(), **values).validate()


def _positive(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


@dataclass
class PipelineResult:
    """Feature maps (raw and activated) and pooled maps, one per filter, plus geometry."""

    raw: list[np.ndarray]
    activated: list[np.ndarray]
    pooled: list[np.ndarray] = field(default_factory=list)
    out_shape: tuple[int, ...] = ()
    pads: tuple = ()
    error: str | None = None


def kernel_bank(kernels: list[np.ndarray], channels: int) -> np.ndarray:
    """Stack per-filter kernels (kh, kw) or (kh, kw, C) into a Keras bank (kh, kw, C, F)."""
    stacked = []
    for k in kernels:
        k = np.asarray(k, dtype=np.float64)
        if k.ndim == 2:
            k = np.repeat(k[:, :, None], channels, axis=2) if channels > 1 else k[:, :, None]
        stacked.append(k)
    return np.stack(stacked, axis=-1)


class PipelineCache:
    """The last convolution and activation, reused while only later stages change.

    Toggling the activation or editing the pooling does not convolve again, and
    a pooling edit does not re-activate.  An entry is a hit only when the input,
    kernels, biases and settings it was made from are *equal* to the request's
    (arrays compared by value, against copies: a document that edits its arrays
    in place cannot fool it).  Entries are replaced whole (one attribute
    assignment), so worker threads may share a cache.
    """

    def __init__(self) -> None:
        self._conv: tuple | None = None  # (x, kernels, biases, conv settings, raw maps, geometry)
        self._act: tuple | None = None  # (raw maps, activation, activated maps)
        self.hits = self.misses = 0

    @staticmethod
    def _same(a: np.ndarray, b: np.ndarray) -> bool:
        return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b)

    def convolved(self, x, kernels, biases, conv_settings, compute):
        entry = self._conv
        if (entry is not None and entry[3] == conv_settings and entry[2] == biases
                and len(entry[1]) == len(kernels) and self._same(entry[0], x)
                and all(self._same(a, b) for a, b in zip(entry[1], kernels))):
            self.hits += 1
            return entry[4], entry[5]
        self.misses += 1
        raw, geometry = compute()
        self._conv = (x.copy(), tuple(k.copy() for k in kernels), biases, conv_settings, raw, geometry)
        return raw, geometry

    def activated(self, raw, activation: str, compute):
        entry = self._act
        if entry is not None and entry[0] is raw and entry[1] == activation:
            return entry[2]
        out = compute()
        self._act = (raw, activation, out)
        return out


def run_pipeline(x: np.ndarray, kernels: list[np.ndarray], biases: list[float], settings: OpSettings, *,
                 cache: PipelineCache | None = None) -> PipelineResult:
    """Compute every view's data; raises ValueError for impossible settings.

    With a ``cache``, stages whose inputs did not change are reused (the window
    keeps one; a parameter change further down the pipeline then costs only
    what it changes).
    """
    settings.validate()
    x = np.asarray(x)
    spatial = 1 if x.ndim == 1 else 2
    kernels = [np.asarray(k, dtype=np.float64) for k in kernels]
    biases = tuple(float(b) for b in biases)
    kwargs = settings.conv_kwargs(spatial)

    def convolve_all():
        fn = correlate if settings.op == "correlate" else convolve
        channels = x.shape[2] if x.ndim == 3 else 1
        if spatial == 1:
            raw = [fn(x, k.reshape(-1), bias=b, **kwargs) for k, b in zip(kernels, biases)]
        else:
            # One call for the bank: the fast path stores it filter-major, so each
            # map below is a contiguous view, not a copy.
            bank = fn(x, kernel_bank(kernels, channels), bias=list(biases), **kwargs)
            raw = [bank[..., f] for f in range(bank.shape[-1])]
        kshape = kernels[0].shape[:2] if spatial == 2 else (kernels[0].size,)
        geometry = conv_geometry(x.shape[:spatial], kshape, kwargs["padding"],
                                 stride=settings.stride, dilation=settings.dilation, same=settings.same)
        return raw, geometry

    if cache is None:
        raw, geometry = convolve_all()
    else:
        conv_settings = (settings.op, repr(kwargs))
        raw, geometry = cache.convolved(x, kernels, biases, conv_settings, convolve_all)

    # Each map's activation and pooling is independent numpy work: one task per map on every core.
    elements = sum(m.size for m in raw)

    def activate_all():
        if settings.activation == "none":
            return raw
        return map_threads(lambda m: activate(m, settings.activation), raw, elements=elements)

    activated = activate_all() if cache is None else cache.activated(raw, settings.activation, activate_all)
    pooled = []
    if settings.pool != "none":
        pooled = map_threads(lambda m: pool(m, settings.pool, settings.pool_size, **settings.pool_kwargs()),
                             activated, elements=elements)
    return PipelineResult(raw, activated, pooled, geometry.out_shape, geometry.pads)


def conv_trace(x, kernels, biases, settings: OpSettings, filter_index: int = 0):
    """The lazy trace behind feature map ``filter_index``."""
    x = np.asarray(x)
    k = np.asarray(kernels[filter_index], dtype=np.float64)
    spatial = 1 if x.ndim == 1 else 2
    if x.ndim == 3 and k.ndim == 2:
        k = np.repeat(k[:, :, None], x.shape[2], axis=2)
    return trace(x, k.reshape(-1) if spatial == 1 else k, op=settings.op,
                 bias=biases[filter_index], **settings.conv_kwargs(spatial))


def pooled_trace(activated_map: np.ndarray, settings: OpSettings):
    return pool_trace(activated_map, settings.pool, settings.pool_size, **settings.pool_kwargs())
