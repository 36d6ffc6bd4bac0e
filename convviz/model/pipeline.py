"""The explorer's computation: convolution -> activation -> pooling, in plain numpy.

Shared by the window, the headless ``convviz export`` and the tests, so all
three show the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from convviz.core import activate, conv_transpose, convolve, correlate, pool, pool_trace, trace
from convviz.core.parallel import map_threads

from .cache import LazyMaps, PipelineCache
from .settings import COMMUTE_WITH_MAX, MONOTONE, PADDING_MODES, POOL_MODES, OpSettings  # noqa: F401 (re-exported)


@dataclass
class PipelineResult:
    """Feature maps (raw and activated) and pooled maps, one per filter, plus geometry.

    ``activated`` and ``pooled`` are :class:`LazyMaps`: index them for arrays."""

    raw: list[np.ndarray]
    activated: Sequence[np.ndarray]
    pooled: Sequence[np.ndarray] = field(default_factory=list)
    out_shape: tuple[int, ...] = ()
    pads: tuple = ()
    error: str | None = None
    #: (min, max) of each activated and each pooled map (for the views' shared levels).
    extrema: list[tuple] = field(default_factory=list)
    pooled_extrema: list[tuple] = field(default_factory=list)


def kernel_bank(kernels: list[np.ndarray], channels: int) -> np.ndarray:
    """Stack per-filter kernels (kh, kw) or (kh, kw, C) into a Keras bank (kh, kw, C, F)."""
    stacked = []
    for k in kernels:
        k = np.asarray(k, dtype=np.float64)
        if k.ndim == 2:
            k = np.repeat(k[:, :, None], channels, axis=2) if channels > 1 else k[:, :, None]
        stacked.append(k)
    return np.stack(stacked, axis=-1)


def grouped_maps(fn, x: np.ndarray, bank: np.ndarray, biases, settings: OpSettings) -> list[np.ndarray]:
    """A grouped (or depthwise) convolution's maps: one ``fn`` call per group, filter block j over
    channel block j of ``x`` (as convviz.core.network.conv_layers.grouped_correlate, Keras's
    Conv2D(groups=)); the bank keeps every channel, a filter's other channels are not read."""
    channels, filters = x.shape[2], bank.shape[-1]
    kwargs = settings.conv_kwargs(2)
    maps = []
    for j in range(settings.groups):
        chans = settings.group_channels(channels, filters, j * (filters // settings.groups))
        block = slice(j * (filters // settings.groups), (j + 1) * (filters // settings.groups))
        out = fn(x[..., chans.start:chans.stop], bank[:, :, chans.start:chans.stop, block], bias=list(biases[block]),
                 **kwargs)
        maps.extend(np.ascontiguousarray(out[..., f]) for f in range(out.shape[-1]))
    return maps


def _read_parts(kernels: list[np.ndarray], settings: OpSettings, x: np.ndarray) -> list[np.ndarray]:
    """The kernels as the cache should tell them apart: a grouped filter by the channels it reads (zeros in
    the others), so equal kernels in different groups, which make different maps, are different filters."""
    if settings.groups == 1 or x.ndim != 3:
        return kernels
    parts = []
    for f, k in enumerate(kernels):
        read = settings.group_channels(x.shape[2], len(kernels), f)
        part = np.zeros_like(k)
        part[..., read.start:read.stop] = k[..., read.start:read.stop]
        parts.append(part)
    return parts


def run_pipeline(x: np.ndarray, kernels: list[np.ndarray], biases: list[float], settings: OpSettings, *,
                 cache: PipelineCache | None = None) -> PipelineResult:
    """Compute every view's data; raises ValueError for impossible settings.

    With a ``cache``, stages whose inputs did not change are reused (the window
    keeps one; a parameter change further down the pipeline then costs only
    what it changes); without one, a fresh cache runs the same code once.
    """
    settings.validate()
    cache = cache if cache is not None else PipelineCache()  # a throwaway one: the same path either way
    x = np.asarray(x)
    spatial = 1 if x.ndim == 1 else 2
    kernels = [np.asarray(k, dtype=np.float64) for k in kernels]
    biases = tuple(float(b) for b in biases)
    kwargs = settings.conv_kwargs(spatial)
    problem = settings.groups_problem(x.shape[2] if x.ndim == 3 else 1, len(kernels))
    if problem:
        raise ValueError(problem)

    def convolve_filters(indices):
        """Feature maps of the filters ``indices`` (one call for a 2D bank) and the geometry."""
        channels = x.shape[2] if x.ndim == 3 else 1
        chosen = [kernels[i] for i in indices]
        chosen_biases = [biases[i] for i in indices]
        kshape = kernels[0].shape[:2] if spatial == 2 else (kernels[0].size,)
        geometry = settings.geometry(x.shape[:spatial], kshape)
        if settings.op == "transposed":
            targs = settings.transposed_kwargs(spatial)
            if spatial == 1:
                raw = [conv_transpose(x, k.reshape(-1), bias=b, **targs) for k, b in zip(chosen, chosen_biases)]
            else:
                # The explorer's bank is (kh, kw, C, F); a transposed kernel is (kh, kw, F, C).
                bank = np.swapaxes(kernel_bank(chosen, channels), 2, 3)
                maps = conv_transpose(x if x.ndim == 3 else x[..., None], bank, bias=chosen_biases, **targs)
                raw = [np.ascontiguousarray(maps[..., f]) for f in range(maps.shape[-1])]
            return raw, geometry
        fn = correlate if settings.op == "correlate" else convolve
        if settings.groups > 1:
            return grouped_maps(fn, x, kernel_bank(chosen, channels), chosen_biases, settings), geometry
        if spatial == 1:
            raw = [fn(x, k.reshape(-1), bias=b, **kwargs) for k, b in zip(chosen, chosen_biases)]
        else:
            # One call for the bank: the fast path stores it filter-major, so each
            # map below is a contiguous view, not a copy.
            bank = fn(x, kernel_bank(chosen, channels), bias=chosen_biases, **kwargs)
            raw = [bank[..., f] for f in range(bank.shape[-1])]
        return raw, geometry

    key = (settings.op, repr(kwargs), settings.output_padding if settings.op == "transposed" else None,
           settings.groups)
    raw, geometry = cache.convolved(x, _read_parts(kernels, settings, x), biases, key, convolve_filters)

    # Each map's activation, pooling and extremes are independent numpy work: one task per
    # map on every core, and only for maps whose inputs changed since the cache last saw them.
    per_map = sum(m.size for m in raw) // max(1, len(raw))
    activation = settings.activation

    def each(fn, maps, *, threads=True):
        """``compute(indices)`` for PipelineCache.derived: ``fn`` over those maps, on all cores
        (or, ``threads=False``, on this one)."""
        if not threads:
            return lambda indices: [fn(maps[i]) for i in indices]
        return lambda indices: map_threads(lambda i: fn(maps[i]), indices, elements=per_map * len(indices))

    def activated_extrema(extrema, maps):
        """The extremes of each activated map, from the extremes of ``maps`` (monotone activations)."""
        if activation == "none":
            return extrema
        return [tuple(activate(np.array(e, dtype=m.dtype), activation)) for e, m in zip(extrema, maps)]

    activated = LazyMaps(raw, activation, cache)
    extrema = activated_extrema(cache.derived("extrema", raw, None, each(cache.summary, raw)), raw)
    pooled, pooled_extrema, pooled_raw = [], [], []
    if settings.pool != "none":
        key = (settings.pool, settings.pool_size, repr(settings.pool_kwargs()))
        # Pooling runs on this core: it reads each map once from memory, which a second thread
        # shares rather than adds to, and the summaries' small passes only trade the GIL.
        summaries: dict[int, tuple] = {}  # id(pooled map) -> (map, its summary), made with it

        def pool_one(m):
            """Pool one map and summarise the result at once, while it is in this core's cache."""
            pooled_map = pool(m, settings.pool, settings.pool_size, **settings.pool_kwargs())
            summaries[id(pooled_map)] = (pooled_map, cache.summary(pooled_map))
            return pooled_map

        def summarised(maps):
            """``compute(indices)`` for the pooled extrema: the summaries made with the maps,
            the rest (none, unless the pooling stage was reused) on all cores."""
            def compute(indices):
                made = {i: summaries[id(maps[i])][1] for i in indices
                        if summaries.get(id(maps[i]), (None,))[0] is maps[i]}
                rest = [i for i in indices if i not in made]
                made.update(zip(rest, each(cache.summary, maps)(rest)))
                return [made[i] for i in indices]
            return compute

        if settings.pool == "max" and activation in COMMUTE_WITH_MAX:
            # Pool the raw maps (kept while the activation is toggled); the pooled maps are
            # activated, like the feature maps, only when read.
            pooled_raw = cache.derived("pooling", raw, key, each(pool_one, raw, threads=False))
            pooled = LazyMaps(pooled_raw, activation, cache)
            pooled_extrema = activated_extrema(
                cache.derived("pooled extrema", pooled_raw, None, summarised(pooled_raw)),
                pooled_raw)
        else:
            # Average pooling (or max after a curved activation) needs every activated map.
            full = map_threads(lambda i: activated[i], range(len(raw)), elements=per_map * len(raw))
            pooled_raw = cache.derived("pooling", full, key, each(pool_one, full, threads=False))
            pooled = LazyMaps(pooled_raw, "none", cache)
            pooled_extrema = cache.derived("pooled extrema", pooled_raw, None, summarised(pooled_raw))
    cache.keep_only(list(raw) + list(pooled_raw), activation)
    return PipelineResult(raw, activated, pooled, geometry.out_shape, geometry.pads,
                          extrema=extrema, pooled_extrema=pooled_extrema)


def conv_trace(x, kernels, biases, settings: OpSettings, filter_index: int = 0):
    """The lazy trace behind feature map ``filter_index``: a sliding window, or for a transposed
    convolution its scatter (convviz.core.scatter: one stamp per input cell)."""
    x = np.asarray(x)
    k = np.asarray(kernels[filter_index], dtype=np.float64)
    spatial = 1 if x.ndim == 1 else 2
    if x.ndim == 3 and k.ndim == 2:
        k = np.repeat(k[:, :, None], x.shape[2], axis=2)
    read, channels = None, x.shape[2] if x.ndim == 3 else 1
    if settings.groups > 1 and x.ndim == 3:
        problem = settings.groups_problem(x.shape[2], len(kernels))
        if problem:
            raise ValueError(problem)
        # The filter's group reads only its block of channels: the trace is of those alone (one
        # channel as a plain 2D image, as a grey input is stepped).
        read = settings.group_channels(x.shape[2], len(kernels), filter_index)
        x, k = x[..., read.start:read.stop], k[..., read.start:read.stop]
        if len(read) == 1:
            x, k = x[..., 0], k[..., 0]
    if settings.op == "transposed":
        from convviz.core.scatter import scatter_trace

        return scatter_trace(x, k.reshape(-1) if spatial == 1 else k, bias=biases[filter_index],
                             **settings.transposed_kwargs(spatial))
    steps = trace(x, k.reshape(-1) if spatial == 1 else k, op=settings.op,
                  bias=biases[filter_index], **settings.conv_kwargs(spatial))
    if read is not None:
        steps.channels_read, steps.input_channels = tuple(read), channels
    return steps


def pooled_trace(activated_map: np.ndarray, settings: OpSettings):
    return pool_trace(activated_map, settings.pool, settings.pool_size, **settings.pool_kwargs())


def step_trace(x, kernels, biases, settings: OpSettings, kind: str = "conv", filter_index: int = 0, *,
               activated=None):
    """The trace a step view plays: the convolution of filter ``filter_index``, or ("pool") the
    pooling of its activated map (``activated``: the maps when the caller has them already).
    Raises ValueError where there is nothing to step through."""
    if kind == "conv":
        return conv_trace(x, kernels, biases, settings, filter_index)
    if settings.pool == "none":
        raise ValueError("Pooling is off: choose max or average pooling in the Operation panel.")
    if activated is None:
        activated = run_pipeline(x, kernels, biases, settings).activated
    return pooled_trace(activated[filter_index], settings)
