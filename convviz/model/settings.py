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
OPS = ("correlate", "convolve", "transposed")
#: A transposed convolution crops its stamps ('same', explicit) or not ('valid'): 'full' has no meaning there.
TRANSPOSED_PADDINGS = ("valid", "same", "explicit")
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
    #: Transposed convolution only: extra output cells at the end (Keras's output_padding, below the
    #: stride); None is Keras's default, which is not 0 (see convviz.core.transposed).
    output_padding: int | None = None
    #: Grouped convolution (Keras Conv2D(groups=)): the input's channels and the bank's filters split
    #: into this many blocks, filter block j reading channel block j only; groups == channels is a
    #: depthwise convolution (Keras DepthwiseConv2D, depth multiplier = filters / channels).
    groups: int = 1

    def validate(self) -> "OpSettings":
        checks = [
            (self.op in OPS, f"unknown op {self.op!r}"),
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
            (self.output_padding is None or _positive(self.output_padding, 0),
             f"output padding must be a non-negative integer, got {self.output_padding!r}"),
            (_positive(self.groups), f"groups must be a positive integer, got {self.groups!r}"),
            (self.op != "transposed" or self.groups == 1,
             "a transposed convolution reads every channel: grouped and depthwise apply to correlate and convolve"),
        ]
        if self.op == "transposed":
            checks += [
                (self.padding in TRANSPOSED_PADDINGS,
                 f"a transposed convolution takes 'valid', 'same' or explicit padding, not {self.padding!r}"),
                (not isinstance(self.output_padding, int) or not _positive(self.stride)
                 or self.output_padding < self.stride,
                 f"output padding must be less than the stride ({self.stride}), as Keras requires; "
                 f"got {self.output_padding}"),
            ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)
        return self

    def groups_problem(self, channels: int, filters: int) -> str | None:
        """Why ``groups`` cannot split ``channels`` input channels and ``filters`` filters, in one
        sentence; None where it can (every filter block then reads its own block of channels)."""
        g = self.groups
        if g == 1:
            return None
        if channels == 1:
            return "grouped and depthwise convolutions need an input with channels (RGB); this one has 1"
        if channels % g:
            return f"{g} groups cannot split {channels} input channels: choose a number that divides {channels}"
        if filters % g:
            kind = (f"a depthwise convolution of {channels} channels" if g == channels else f"{g} groups")
            return f"{kind} needs a multiple of {g} filters (each channel's filters side by side); " \
                   f"the bank has {filters}"
        return None

    def group_channels(self, channels: int, filters: int, f: int) -> range:
        """The input channels filter ``f`` reads: its group's block (every channel when groups is 1)."""
        per_group, block = channels // self.groups, filters // self.groups
        j = f // block
        return range(j * per_group, (j + 1) * per_group)

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

    def transposed_kwargs(self, spatial: int) -> dict:
        """The arguments of convviz.core.conv_transpose (explicit padding: the cells cropped from the stamps)."""
        return dict(strides=self.stride, padding=self.padding_spec(spatial), output_padding=self.output_padding,
                    dilation=self.dilation)

    def geometry(self, x_shape, kernel_shape):
        """The op's geometry for spatial ``x_shape`` and ``kernel_shape``: where the window reads (its padding)
        and the output's size.  A transposed convolution pads nothing: its input is read as it is, and its
        output's size is the scatter's.  ValueError where the settings do not fit."""
        from convviz.core.padding import ConvGeometry, conv_geometry, normalize_ints

        spatial = len(x_shape)
        if self.op != "transposed":
            return conv_geometry(tuple(x_shape), tuple(kernel_shape), self.padding_spec(spatial), stride=self.stride,
                                 dilation=self.dilation, same=self.same)
        from convviz.core.transposed import transposed_geometry

        g = transposed_geometry(tuple(x_shape), tuple(kernel_shape), **self.transposed_kwargs(spatial))
        return ConvGeometry(tuple(x_shape), tuple(kernel_shape), ((0, 0),) * spatial,
                            normalize_ints(self.stride, spatial, "stride"),
                            normalize_ints(self.dilation, spatial, "dilation"), g.out_shape)

    def pool_kwargs(self) -> dict:
        return dict(stride=self.pool_stride or None, padding=self.pool_padding)

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["explicit_pad"] = list(self.explicit_pad)
        if d["output_padding"] is None:  # written only when set: sessions of the other ops stay as they were
            del d["output_padding"]
        if d["groups"] == 1:  # likewise: sessions without grouped convolution stay as they were
            del d["groups"]
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


def _positive(v, least: int = 1) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= least


def compare_panes(base: OpSettings, variants, shapes=None) -> list[OpSettings]:
    """The step view's lock-step panes: ``base`` with each variant (a dict of fields) applied, leaving out
    those its operation cannot take; [] when fewer than two panes are left, nothing to compare.

    A transposed convolution has no 'full' padding, no choice of 'same' convention (it crops as Keras does)
    and is neither a correlation nor a convolution, so those variants do not apply to it.  With ``shapes``
    (the input's and the kernel's spatial shapes), 'same' conventions that pad alike (an odd kernel at
    stride 1) are one pane: there is no difference to show."""
    panes = []
    for variant in variants or ():
        if base.op == "transposed" and ("op" in variant or "same" in variant):
            continue
        pane = replace(base, **variant)
        try:
            pane.validate()
        except ValueError:
            continue
        if pane not in panes:
            panes.append(pane)
    if shapes is not None and len(panes) > 1 and all("same" in v for v in variants):
        try:
            if len({pane.geometry(*shapes).pads for pane in panes}) == 1:
                return []
        except ValueError:  # settings that do not fit the input: the panes say so
            pass
    return panes if len(panes) > 1 else []
