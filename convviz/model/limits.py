"""What a computation may cost, and what counts as a usable result.

The memory budget is ``CONVVIZ_MEMORY_BUDGET`` (bytes, or with a unit: ``512M``, ``4G``), 2 GB
by default: room on an 8 GB laptop for the window, the data and the allocation itself.
:func:`pipeline_bytes` says what the pipeline (convolution -> activation -> pooling) would
allocate for given shapes and settings, from their geometry alone, so every caller (the
document, the command line, the Python API) can refuse before anything is allocated; over
the budget, :func:`pipeline_problem` names the setting that makes it too large.

Qt-free and file-free: the environment variable is configuration, not a file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace

from convviz.core.messages import TextError

from .settings import OpSettings

DEFAULT_BUDGET = 2 * 1024**3
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
#: Bytes of one value of a map (the pipeline computes in float64).
CELL = 8


class BudgetError(TextError):
    """An allocation the memory budget does not allow (its message translatable whole)."""


def memory_budget(*, strict: bool = True) -> int:
    """The budget in bytes: ``CONVVIZ_MEMORY_BUDGET`` if set, else 2 GB.  A value that is not
    a positive size raises :class:`BudgetError` (``strict``) or gives the default."""
    raw = os.environ.get("CONVVIZ_MEMORY_BUDGET", "")
    text = raw.strip().upper().removesuffix("B")
    if not text:
        return DEFAULT_BUDGET
    unit = text[-1] if text[-1] in _UNITS else ""
    try:
        value = float(text[: len(text) - len(unit)]) * _UNITS[unit]
    except ValueError:
        if not strict:
            return DEFAULT_BUDGET
        raise BudgetError("CONVVIZ_MEMORY_BUDGET={raw!r} is not a size such as 2G or 512M", raw=raw) from None
    if not value > 0:  # written so that NaN fails it too
        if not strict:
            return DEFAULT_BUDGET
        raise BudgetError("CONVVIZ_MEMORY_BUDGET must be a positive size, got {raw!r}", raw=raw)
    return int(min(value, 2**62))


def human(nbytes: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if nbytes < 1024 or unit == "TB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return f"{nbytes:.1f} PB"  # pragma: no cover (the loop returns at TB)


#: A computation over the budget, in the words of every caller (the window translates it).
OVER_BUDGET = "{what} would take {size}, over the {budget} memory budget (CONVVIZ_MEMORY_BUDGET)"


def check_budget(nbytes: float, what, budget: int | None = None) -> None:
    """Refuse ``nbytes`` over the budget; ``what`` names the option, e.g. "--padding 100000" (a
    :class:`TextError` where the window should say it in its language)."""
    budget = memory_budget() if budget is None else budget
    if nbytes > budget:
        raise BudgetError(OVER_BUDGET, what=what, size=human(nbytes), budget=human(budget))


def check_read_budget(nbytes: float, what) -> None:
    """The budget, checked before a file's contents are allocated; a malformed CONVVIZ_MEMORY_BUDGET
    is the command line's to report, not a reason to refuse a file, so here it is the default."""
    check_budget(nbytes, what, memory_budget(strict=False))


def pipeline_bytes(x_shape: Sequence[int], kernel_shape: Sequence[int], filters: int, settings: OpSettings) -> int:
    """About the bytes the pipeline allocates for an input of ``x_shape`` ((W,), (H, W) or
    (H, W, C)), ``filters`` kernels of ``kernel_shape`` and ``settings``: the padded input, the
    raw maps, the activated maps (when there is an activation), the pooled maps and pooling's
    padded copy of a map, and room for one map's FFT.  0 where the settings do not fit the
    input at all (the pipeline says why)."""
    from convviz.core.pool import pool_geometry

    spatial = 1 if len(x_shape) == 1 else 2
    channels = x_shape[2] if len(x_shape) == 3 else 1
    kshape = (kernel_shape[-1],) if spatial == 1 else tuple(kernel_shape[:2])
    try:
        g = settings.geometry(tuple(x_shape[:spatial]), kshape)  # a transposed convolution's output is larger
    except (ValueError, TypeError):
        return 0
    padded = _cells(n + b + a for n, (b, a) in zip(g.in_shape, g.pads))
    out = _cells(g.out_shape)
    maps = out * (2 if settings.activation != "none" else 1)
    pooled = pool_padded = 0
    if settings.pool != "none":
        try:
            p = pool_geometry(g.out_shape, settings.pool_size, stride=settings.pool_stride or None,
                              padding=settings.pool_padding)
        except (ValueError, TypeError):
            p = None  # pooling will refuse, but only after the convolution has allocated its share
        if p is not None:
            pooled = _cells(p.out_shape)
            pool_padded = _cells(n + b + a for n, (b, a) in zip(p.in_shape, p.pads))
    fft = 2 * padded  # one filter's spectrum: complex, about half the padded plane
    return CELL * (padded * channels + filters * (maps + pooled) + pool_padded + fft)


def _cells(sides) -> int:
    total = 1
    for n in sides:
        total *= max(0, int(n))
    return total


#: The settings that can make a computation large, tried in this order when naming the cause,
#: each with the value that makes it as small as it gets.
_RELAXED = (("dilation", dict(dilation=1)), ("padding", dict(padding="valid")), ("pool", dict(pool="none")))


#: Values average pooling may add up: it sums its windows cell by cell (0.5-0.8 G values a
#: second measured on 512x512 maps), so this is about a minute.
MAX_POOL_SUMS = 3 * 10**10


def pooling_sums(x_shape, kernel_shape, filters: int, settings: OpSettings) -> int:
    """How many values average pooling adds up (window cells x pooled outputs x filters);
    0 without average pooling or where the settings do not fit."""
    from convviz.core.pool import pool_geometry

    if settings.pool != "avg":
        return 0
    spatial = 1 if len(x_shape) == 1 else 2
    kshape = (kernel_shape[-1],) if spatial == 1 else tuple(kernel_shape[:2])
    try:
        g = settings.geometry(tuple(x_shape[:spatial]), kshape)
        p = pool_geometry(g.out_shape, settings.pool_size, stride=settings.pool_stride or None,
                          padding=settings.pool_padding)
    except (ValueError, TypeError):
        return 0
    return _cells(p.kernel_shape) * _cells(p.out_shape) * filters


def pipeline_problem(x_shape, kernel_shape, filters: int, settings: OpSettings, budget: int | None = None, *,
                     names: Mapping[str, str] | None = None) -> str | None:
    """None when the pipeline fits the budget (and its average pooling is not one that would run
    for minutes); else one line naming what makes it too large.

    ``names`` says how to name each setting (``dilation``, ``padding``, ``pool``, ``input``)
    for the caller: "--dilation 300" on the command line, "dilation 300" (the default) in the
    window and the Python API."""
    error = pipeline_error(x_shape, kernel_shape, filters, settings, budget, names=names)
    return None if error is None else str(error)


def pipeline_error(x_shape, kernel_shape, filters: int, settings: OpSettings, budget: int | None = None, *,
                   names: Mapping | None = None) -> BudgetError | None:
    """:func:`pipeline_problem` as the :class:`BudgetError` to raise: the window says it in its language."""
    budget = memory_budget(strict=False) if budget is None else budget
    sums = pooling_sums(x_shape, kernel_shape, filters, settings)
    if sums > MAX_POOL_SUMS:
        pool = (names or {}).get("pool") or default_names(settings, x_shape, kernel_shape, filters)["pool"]
        return BudgetError("{pool} would add up {sums:.1e} values, more than the {most:.0e} convviz sums "
                           "(about a minute): use a larger pool stride or a smaller pool",
                           pool=pool, sums=sums, most=MAX_POOL_SUMS)
    need = pipeline_bytes(x_shape, kernel_shape, filters, settings)
    if need <= budget:
        return None
    names = {**default_names(settings, x_shape, kernel_shape, filters), **(names or {})}
    named = names["input"]
    for field, change in _RELAXED:
        relaxed = replace(settings, **change)
        if relaxed != settings and pipeline_bytes(x_shape, kernel_shape, filters, relaxed) <= budget:
            named = names[field]
            break
    return BudgetError(OVER_BUDGET, what=named, size=human(need), budget=human(budget))


def default_names(settings: OpSettings, x_shape, kernel_shape, filters: int) -> dict[str, TextError]:
    """How the window and the Python API name each setting in a budget message (each a phrase the
    window translates; ``str()`` of one is its English)."""
    padding = (TextError("explicit padding {pads}", pads="/".join(map(str, settings.explicit_pad)))
               if settings.padding == "explicit" else TextError("'{padding}' padding", padding=settings.padding))
    shape = "x".join(map(str, (x_shape[1], x_shape[0], *x_shape[2:]) if len(x_shape) > 1 else x_shape))
    kernel = "x".join(map(str, kernel_shape))
    pool_stride = settings.pool_stride or settings.pool_size
    return {"dilation": TextError("dilation {n}", n=settings.dilation), "padding": padding,
            "pool": TextError("{pool} pooling of size {size} (stride {stride}) with '{padding}' padding",
                              pool=settings.pool, size=settings.pool_size, stride=pool_stride,
                              padding=settings.pool_padding),
            "input": TextError("a {shape} input with {filters} filter(s) of {kernel}", shape=shape, filters=filters,
                               kernel=kernel)}


def nonfinite_problem(extrema: Sequence[tuple]) -> str | None:
    """One line when any map's extremes are infinite or NaN (a sum overflowed), else None.

    The extremes suffice: a NaN makes a map's min and max NaN, an inf makes one of them inf."""
    error = nonfinite_error(extrema)
    return None if error is None else str(error)


def nonfinite_error(extrema: Sequence[tuple]) -> TextError | None:
    """:func:`nonfinite_problem` as a :class:`TextError`: the window says it in its language."""
    import math

    if all(math.isfinite(float(v)) for pair in extrema for v in pair):
        return None
    return TextError("Some results are infinite or NaN: the sums overflow (inputs or kernels near the float limit); "
                     "scale them down")
