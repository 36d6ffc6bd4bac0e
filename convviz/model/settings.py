"""What the explorer computes, besides the input and the kernels: the operation's settings.

Validated before anything changes (``OpSettings.validate``), saved in sessions as a dict.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from convviz.core.activations import ACTIVATIONS
from convviz.core.padding import BOUNDARIES, SAME_CONVENTIONS

#: Activations that never decrease: the extremes of f(map) are f(the map's extremes), and the
#: block extremes of f(map) are f(the block extremes).  OpSettings.validate admits only these.
MONOTONE = frozenset({"none", "relu", "leaky_relu", "sigmoid", "tanh", "elu"})
#: Piecewise-linear ones commute exactly with max pooling: max f(window) == f(max window),
#: bit for bit (f picks or scales the same value).  Toggling them re-pools nothing.
COMMUTE_WITH_MAX = frozenset({"none", "relu", "leaky_relu"})

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
            # The pipeline derives extremes and thumbnails through the activation: it must be
            # monotone (every one offered is; softmax is not offered).
            (self.activation in ACTIVATIONS and self.activation in MONOTONE,
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
