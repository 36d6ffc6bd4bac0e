"""The explorer's computation: convolution -> activation -> pooling, in plain numpy.

Shared by the window, the headless ``convviz export`` and the tests, so all
three show the same numbers.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np

from convviz.core import activate, conv_geometry, convolve, correlate, pool, pool_trace, trace
from convviz.core.activations import ACTIVATIONS
from convviz.core.conv import NDIMAGE_MIN_WORK, prepare, summed_by_ndimage
from convviz.core.padding import BOUNDARIES, SAME_CONVENTIONS
from convviz.core.parallel import map_threads
from convviz.core.pool import block_extremes, block_extremes_region, pool_region, pooled_box

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


class LazyMaps(Sequence):
    """Maps passed through an activation when they are first read.

    The window never needs every activated 512x512 map at full resolution: it
    draws thumbnails, and the activation commutes with taking a block's
    extremes (every activation here is monotone), so
    :meth:`block_extremes` activates the raw map's block extremes, a few
    thousand numbers, instead of the map.  Reading ``maps[i]`` (hover, export,
    step view, average pooling) activates that one map, once; the result is
    kept in the cache while its raw map is current.
    """

    def __init__(self, sources: list[np.ndarray], activation: str, cache: "PipelineCache") -> None:
        self.sources = list(sources)
        self.activation = activation
        self._cache = cache

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(len(self))[i]]
        src = self.sources[i]
        if self.activation == "none":
            return src

        def patch(old_value, new, box):  # activation is per cell: activate the changed ones
            return _replaced(old_value, box, activate(new[_cells(box)], self.activation)), box

        return self._cache.memo("activated", src, self.activation, lambda: activate(src, self.activation), patch)

    def shape(self, i: int) -> tuple[int, ...]:
        return self.sources[i].shape  # activations keep the shape

    def token(self, i: int) -> tuple:
        """What map ``i`` is made of: (source array object, activation)."""
        return self.sources[i], self.activation

    def block_extremes(self, i: int, step: int) -> tuple[np.ndarray, np.ndarray]:
        """``core.pool.block_extremes`` of activated map ``i`` (a 1D map as one row), from the
        raw map's block extremes, which are kept while the raw map is current."""
        low, high = self._cache.block_extremes(self.sources[i], step)
        if self.activation == "none":
            return low, high
        return activate(low, self.activation), activate(high, self.activation)


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


#: Activations that never decrease: the extremes of f(map) are f(the map's extremes), and the
#: block extremes of f(map) are f(the block extremes).  OpSettings.validate admits only these.
MONOTONE = frozenset({"none", "relu", "leaky_relu", "sigmoid", "tanh", "elu"})
#: Piecewise-linear ones commute exactly with max pooling: max f(window) == f(max window),
#: bit for bit (f picks or scales the same value).  Toggling them re-pools nothing.
COMMUTE_WITH_MAX = frozenset({"none", "relu", "leaky_relu"})


def _extrema(m: np.ndarray) -> tuple:
    return (m.min(), m.max()) if m.size else (0.0, 0.0)


def _cells(box) -> tuple[slice, slice]:
    """The index of a box (first and last row, then column, inclusive)."""
    return slice(box[0], box[1] + 1), slice(box[2], box[3] + 1)


def _replaced(old: np.ndarray, box, values) -> np.ndarray:
    """A copy of ``old`` with the cells of ``box`` set to ``values``."""
    out = old.copy()
    out[_cells(box)] = values
    return out


def _patched_extrema(old_extrema: tuple, new: np.ndarray, old: np.ndarray, box) -> tuple:
    """``_extrema(new)`` where ``new`` is ``old`` with the cells of ``box`` replaced: when
    each old extreme lay outside the box (strictly beyond every old value inside it), it
    still stands against the new values there; otherwise the whole map is read again."""
    low, high = old_extrema
    before, after = old[_cells(box)], new[_cells(box)]
    if not (low < before.min() and high > before.max()):  # also False for NaN
        return _extrema(new)
    return np.minimum(low, after.min()), np.maximum(high, after.max())  # NaN propagates, as in min()


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
    """Feature maps and activations kept between requests, per filter.

    Each filter's map depends on the input, that filter's kernel and bias, the
    bank's size and the convolution settings; editing one kernel convolves the
    bank again (one matrix product) and keeps the other filters' maps (and what
    was made from them), and toggling the activation or editing the pooling
    convolves none.  A map is
    reused only when everything it was made from is *equal* to the request's
    (arrays compared by value against copies, so a document that edits its
    arrays in place cannot fool it).  The convolution and stage state is
    replaced whole by one attribute assignment, and the tables the views fill
    from the GUI thread (:meth:`memo`) and the lineage are changed under a lock,
    so a worker thread may run the pipeline while the views read the last
    result.
    """

    def __init__(self) -> None:
        # (input copy, conv settings, {(kernel shape, kernel bytes, bias): raw map}, geometry)
        self._conv: tuple | None = None
        self._derived: dict = {}  # stage -> {id(input map): (input map, settings, output map)}
        self._memo: dict = {}  # kind -> {(id(map), key): (map, value)}: values made on demand
        # id(map) -> (map, parent, box): ``map`` equals ``parent`` outside ``box`` (first and
        # last row, then column, inclusive).  A pen stroke's patched maps, and what was made
        # from them, have one; later stages then patch the parent's result instead of
        # reading the whole map again.  One generation is kept.
        self._lineage: dict = {}
        self.computed = self.reused = 0  # filters convolved / taken from the cache
        self.patched = 0  # filters whose cached map was updated around an input edit
        self.stage_patches: dict[str, int] = {}  # later stage -> results patched from a parent's
        self._lock = threading.Lock()  # guards _memo and _lineage (never held while computing)
        # map shape -> the step its thumbnails were last drawn at (so that a stage making maps
        # of that shape can make their thumbnails' block extremes at once: see ``summary``)
        self._block_steps: dict[tuple, int] = {}

    @staticmethod
    def _changed_box(old: np.ndarray, x: np.ndarray) -> tuple[int, int, int, int] | None:
        """First and last changed row and column of ``x`` against ``old`` (same shape and dtype),
        or None when nothing changed.  A NaN never equals itself, so it always counts as changed."""
        changed = old != x
        if changed.ndim == 3:
            changed = changed.any(axis=2)
        elif changed.ndim == 1:
            changed = changed[None, :]
        rows = np.flatnonzero(changed.any(axis=1))
        if not rows.size:
            return None
        cols = np.flatnonzero(changed.any(axis=0))
        return int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1])

    def convolved(self, x, kernels, biases, conv_settings, compute, patch=None):
        """Raw maps for every filter; ``compute(indices)`` convolves the filters not cached
        and returns (their maps, geometry).  When only the input changed, ``patch(indices,
        maps, box, geometry)`` may return those cached maps with the outputs that see the
        changed cells (``box``: first and last changed row and column) recomputed, and the
        box of outputs it recomputed, or None."""
        state = self._conv
        keys = [(k.shape, k.tobytes(), b) for k, b in zip(kernels, biases)]
        comparable = (state is not None and state[1] == conv_settings and state[0].shape == x.shape
                      and state[0].dtype == x.dtype)
        box = self._changed_box(state[0], x) if comparable else None
        if comparable and box is None:
            x_copy, maps, geometry = state[0], state[2], state[3]
        else:
            with self._lock:
                self._lineage = {}  # new maps: the last edit's lineage has served
            x_copy, maps, geometry = x.copy(), {}, None
            if patch is not None and comparable:
                maps, geometry = self._patched(state, keys, box, patch)
        missing = [i for i, key in enumerate(keys) if key not in maps]
        fresh = dict(maps)
        # Same input, same bank size: the maps it made are what a fresh run would make.
        same_bank = comparable and box is None and state[4] == len(keys)
        if missing or (maps and not same_bank and box is None):
            # The whole bank again, as a fresh run makes it: a filter's map comes from one matrix
            # product with its bank, and BLAS may round its last bit differently in a bank of
            # another size.  In a bank of the same size an unchanged filter's map comes out bit
            # for bit as before (the order of each sum follows the shapes alone), so the cached
            # one is kept, and with it everything made from it.
            new_maps, geometry = compute(list(range(len(keys))))
            keep = maps if same_bank else {}
            missing = [i for i, key in enumerate(keys) if key not in keep]
            fresh = dict(keep)
            fresh.update((keys[i], new_maps[i]) for i in missing)
        self.computed += len(missing)
        self.reused += len(keys) - len(missing)
        raw = [fresh[key] for key in keys]
        self._conv = (x_copy, conv_settings, {key: fresh[key] for key in keys}, geometry, len(keys))
        return raw, geometry

    def _patched(self, state, keys, box, patch) -> tuple[dict, object]:
        """Cached maps of ``keys`` brought up to date by ``patch`` for an input edit inside
        ``box`` ({} if it can't)."""
        _, _, cached, geometry, _ = state
        present = [i for i, key in enumerate(keys) if key in cached]
        if not present:
            return {}, None
        old = [cached[keys[i]] for i in present]
        patched = patch(present, old, box, geometry)
        if patched is None:
            return {}, None
        maps, out_box = patched
        self.patched += len(present)
        for new, parent in zip(maps, old):
            self.record_patch(new, parent, out_box)
        return {keys[i]: m for i, m in zip(present, maps)}, geometry

    def record_patch(self, new, parent, box) -> None:
        """Note that map ``new`` equals ``parent`` outside ``box`` (None: nothing to note)."""
        if box is not None and new is not parent:
            with self._lock:
                self._lineage[id(new)] = (new, parent, box)

    def _parent(self, arr) -> tuple | None:
        """(parent, box) when ``arr`` was patched from a parent, else None."""
        entry = self._lineage.get(id(arr))
        return entry[1:] if entry is not None and entry[0] is arr else None

    def derived(self, stage: str, maps, key, compute, patch=None):
        """``maps`` each passed through a later stage (``stage`` names it: pooling,
        extrema) with settings ``key``; ``compute(indices)`` does the maps not cached.
        Entries are keyed by the input map *object*: an unchanged filter's map is the
        same object from one request to the next, so its later stages are reused too.
        A map patched from a parent whose result is cached gets ``patch(parent's result,
        map, parent, box)``, which returns (result, the box of it that changed or None)."""
        table = self._derived.get(stage, {})
        out: list = [None] * len(maps)
        missing = []
        for i, m in enumerate(maps):
            entry = table.get(id(m))
            if entry is not None and entry[0] is m and entry[1] == key:
                out[i] = entry[2]
                continue
            lineage = self._parent(m) if patch is not None else None
            entry = table.get(id(lineage[0])) if lineage is not None else None
            if entry is not None and entry[0] is lineage[0] and entry[1] == key:
                out[i], box = patch(entry[2], m, *lineage)
                self.record_patch(out[i], entry[2], box)
                self.stage_patches[stage] = self.stage_patches.get(stage, 0) + 1
            else:
                missing.append(i)
        if missing:
            for i, result in zip(missing, compute(missing)):
                out[i] = result
        self._derived = {**self._derived, stage: {id(m): (m, key, r) for m, r in zip(maps, out)}}
        return out

    def memo(self, kind: str, arr: np.ndarray, key, compute, patch=None):
        """``compute()`` for ``arr`` under ``key``, remembered while ``arr`` is a current map
        (activated maps and thumbnails, made when a view or a read-out first asks).  When
        ``arr`` was patched from a parent whose value is remembered, ``patch(parent's value,
        arr, box)`` makes it instead, returning (value, the box of it that changed or None)."""
        with self._lock:
            table = self._memo.get(kind, {})
            entry = table.get((id(arr), key))
            if entry is not None and entry[0] is arr:
                return entry[1]
            lineage = self._parent(arr) if patch is not None else None
            parent = table.get((id(lineage[0]), key)) if lineage is not None else None
        if parent is not None and parent[0] is lineage[0]:
            value, box = patch(parent[1], arr, lineage[1])
            self.record_patch(value, parent[1], box)
            self.stage_patches[kind] = self.stage_patches.get(kind, 0) + 1
        else:
            value = compute()
        with self._lock:
            self._memo.setdefault(kind, {})[(id(arr), key)] = (arr, value)
        return value

    def block_extremes(self, src: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
        """``core.pool.block_extremes`` of map ``src`` (a 1D map as one row), remembered while
        ``src`` is current; after a pen stroke, patched from its parent's."""
        self._block_steps[src.shape] = step

        def patch(old_value, new, box):
            blocks, fresh = block_extremes_region(new, step, box)
            if blocks is None:
                return old_value, None
            return tuple(_replaced(old, blocks, part) for old, part in zip(old_value, fresh)), None

        return self.memo("blocks", src, step, lambda: block_extremes(src[None, :] if src.ndim == 1 else src, step),
                         patch)

    def summary(self, m: np.ndarray) -> tuple:
        """The extremes of map ``m``, and (remembered for the views) its block extremes at the
        step maps of its shape were last drawn at: both read while ``m`` is in this core's
        cache, in the task that made ``m`` or the one that first reads it, rather than in two
        more passes over memory after every map is done."""
        step = self._block_steps.get(m.shape)
        if step is not None:
            self.block_extremes(m, step)
        return _extrema(m)

    def keep_only(self, arrays, activation: str) -> None:
        """Forget what :meth:`memo` holds for maps other than ``arrays``, and activated maps
        under another activation (so memory stays at one activated copy per map).  What
        the current maps were patched from is kept too, for the views still to ask."""
        with self._lock:
            ids = {id(a) for a in arrays} | {id(parent) for _, parent, _ in self._lineage.values()}
            self._memo = {kind: {k: v for k, v in table.items()
                                 if k[0] in ids and (kind != "activated" or k[1] == activation)}
                          for kind, table in self._memo.items()}


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

    def convolve_filters(indices):
        """Feature maps of the filters ``indices`` (one call for a 2D bank) and the geometry."""
        fn = correlate if settings.op == "correlate" else convolve
        channels = x.shape[2] if x.ndim == 3 else 1
        chosen = [kernels[i] for i in indices]
        chosen_biases = [biases[i] for i in indices]
        if spatial == 1:
            raw = [fn(x, k.reshape(-1), bias=b, **kwargs) for k, b in zip(chosen, chosen_biases)]
        else:
            # One call for the bank: the fast path stores it filter-major, so each
            # map below is a contiguous view, not a copy.
            bank = fn(x, kernel_bank(chosen, channels), bias=chosen_biases, **kwargs)
            raw = [bank[..., f] for f in range(bank.shape[-1])]
        kshape = kernels[0].shape[:2] if spatial == 2 else (kernels[0].size,)
        geometry = conv_geometry(x.shape[:spatial], kshape, kwargs["padding"],
                                 stride=settings.stride, dilation=settings.dilation, same=settings.same)
        return raw, geometry

    def patch_filters(indices, maps, box, geometry):
        """The maps of ``indices`` after an input edit inside ``box``: only the outputs whose
        window covers a changed cell are computed again (a pen stroke touches a few hundred
        of a 512x512 map's cells).  Only where every sum is scipy.ndimage's, in the whole
        map and in the patch alike, so the patched map equals a fresh one bit for bit:
        2D, unit stride and dilation, zero boundary, floats, no FFT; else None.  Returns
        (maps, box of the outputs recomputed)."""
        if spatial != 2 or settings.stride != 1 or settings.dilation != 1 or settings.boundary != "zeros":
            return None
        fn = correlate if settings.op == "correlate" else convolve
        channels = x.shape[2] if x.ndim == 3 else 1
        chosen = kernel_bank([kernels[i] for i in indices], channels)
        whole = prepare(x, chosen, op=settings.op, **kwargs)
        if not (summed_by_ndimage(whole) and summed_by_ndimage(whole, filters=1)):
            return None
        kh, kw = chosen.shape[:2]
        out_h, out_w = geometry.out_shape
        reached = geometry.outputs_reading(box)
        if reached is None:
            return list(maps), None  # the edit lies where no window reaches ('valid' edges)
        i0, i1, j0, j1 = reached
        # The patch must be summed by ndimage too: grow it to enough work if needed.
        side = int(np.ceil(np.sqrt(NDIMAGE_MIN_WORK / (kh * kw * channels * len(indices)))))
        i0, i1 = _grown(i0, i1, side, out_h)
        j0, j1 = _grown(j0, j1, side, out_w)
        if (i1 - i0 + 1) * (j1 - j0 + 1) * 4 > out_h * out_w:
            return None  # a large edit: the whole maps cost about the same
        h, w = x.shape[:2]
        a, b, c, d = geometry.cells_read((i0, i1, j0, j1))  # may lie in the padding
        pads = ((max(0, -a), max(0, b - (h - 1))), (max(0, -c), max(0, d - (w - 1))))
        part = x[max(a, 0): min(b, h - 1) + 1, max(c, 0): min(d, w - 1) + 1]
        region = fn(part, chosen, padding=pads, boundary="zeros", bias=[biases[i] for i in indices])
        if region.shape[:2] != (i1 - i0 + 1, j1 - j0 + 1):
            return None
        out_box = (i0, i1, j0, j1)
        return [_replaced(m, out_box, region[..., f]) for f, m in enumerate(maps)], out_box

    raw, geometry = cache.convolved(x, kernels, biases, (settings.op, repr(kwargs)), convolve_filters,
                                    patch=patch_filters)

    # Each map's activation, pooling and extremes are independent numpy work: one task per
    # map on every core, and only for maps whose inputs changed since the cache last saw them.
    per_map = sum(m.size for m in raw) // max(1, len(raw))
    activation = settings.activation

    def each(fn, maps):
        """``compute(indices)`` for PipelineCache.derived: ``fn`` over those maps, on all cores."""
        return lambda indices: map_threads(lambda i: fn(maps[i]), indices, elements=per_map * len(indices))

    def activated_extrema(extrema, maps):
        """The extremes of each activated map, from the extremes of ``maps`` (monotone activations)."""
        if activation == "none":
            return extrema
        return [tuple(activate(np.array(e, dtype=m.dtype), activation)) for e, m in zip(extrema, maps)]

    def patched_extrema(old_extrema, m, parent, box):
        return _patched_extrema(old_extrema, m, parent, box), None

    activated = LazyMaps(raw, activation, cache)
    extrema = activated_extrema(cache.derived("extrema", raw, None, each(cache.summary, raw), patched_extrema), raw)
    pooled, pooled_extrema, pooled_raw = [], [], []
    if settings.pool != "none":
        key = (settings.pool, settings.pool_size, repr(settings.pool_kwargs()))
        summaries: dict[int, tuple] = {}  # id(pooled map) -> (map, its summary), made with it

        def pool_one(m):
            """Pool one map and summarise the result at once, while it is in this core's cache."""
            pooled_map = pool(m, settings.pool, settings.pool_size, **settings.pool_kwargs())
            summaries[id(pooled_map)] = (pooled_map, cache.summary(pooled_map))
            return pooled_map

        def summarised(maps):
            """``compute(indices)`` for the pooled extrema: the summaries made with the maps,
            the rest (none, unless the pooling stage was patched or reused) on all cores."""
            def compute(indices):
                made = {i: summaries[id(maps[i])][1] for i in indices
                        if summaries.get(id(maps[i]), (None,))[0] is maps[i]}
                rest = [i for i in indices if i not in made]
                made.update(zip(rest, each(cache.summary, maps)(rest)))
                return [made[i] for i in indices]
            return compute

        def patched_pool(old_pooled, m, parent, box):
            """The pooled map of ``m`` from its parent's: only windows that see ``box`` again."""
            out_box = pooled_box(m.shape, settings.pool_size, box, **settings.pool_kwargs())
            if out_box is None:
                return old_pooled, None
            region = pool_region(m, settings.pool, settings.pool_size, out_box, **settings.pool_kwargs())
            return _replaced(old_pooled, out_box, region), out_box

        if settings.pool == "max" and activation in COMMUTE_WITH_MAX:
            # Pool the raw maps (kept while the activation is toggled); the pooled maps are
            # activated, like the feature maps, only when read.
            pooled_raw = cache.derived("pooling", raw, key, each(pool_one, raw), patched_pool)
            pooled = LazyMaps(pooled_raw, activation, cache)
            pooled_extrema = activated_extrema(
                cache.derived("pooled extrema", pooled_raw, None, summarised(pooled_raw), patched_extrema),
                pooled_raw)
        else:
            # Average pooling (or max after a curved activation) needs every activated map.
            full = map_threads(lambda i: activated[i], range(len(raw)), elements=per_map * len(raw))
            pooled_raw = cache.derived("pooling", full, key, each(pool_one, full), patched_pool)
            pooled = LazyMaps(pooled_raw, "none", cache)
            pooled_extrema = cache.derived("pooled extrema", pooled_raw, None, summarised(pooled_raw),
                                           patched_extrema)
    cache.keep_only(list(raw) + list(pooled_raw), activation)
    return PipelineResult(raw, activated, pooled, geometry.out_shape, geometry.pads,
                          extrema=extrema, pooled_extrema=pooled_extrema)


def _grown(lo: int, hi: int, size: int, n: int) -> tuple[int, int]:
    """The range lo..hi (inclusive) widened to at least ``size`` of 0..n-1, about its middle."""
    if hi - lo + 1 >= size or n <= size:
        return (lo, hi) if n > size else (0, n - 1)
    lo = max(0, min(lo - (size - (hi - lo + 1)) // 2, n - size))
    return lo, lo + size - 1


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
