"""The pipeline's memory: what each stage computed, kept while its inputs stay the same.

A parameter change further down the pipeline costs only what it changes; an edited kernel
convolves the bank again but keeps the untouched filters' maps; a pen stroke patches the
maps and every later stage around the edit (``record_patch`` / lineage), where the sums
allow it bit for bit.  Thread-safe: the window computes in a worker.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from convviz.core import activate
from convviz.core.pool import block_extremes, block_extremes_region


def extrema_of(m: np.ndarray) -> tuple:
    return (m.min(), m.max()) if m.size else (0.0, 0.0)


def cells_of(box) -> tuple[slice, slice]:
    """The index of a box (first and last row, then column, inclusive)."""
    return slice(box[0], box[1] + 1), slice(box[2], box[3] + 1)


def replaced(old: np.ndarray, box, values) -> np.ndarray:
    """A copy of ``old`` with the cells of ``box`` set to ``values``."""
    out = old.copy()
    out[cells_of(box)] = values
    return out


def patched_extrema_of(old_extrema: tuple, new: np.ndarray, old: np.ndarray, box) -> tuple:
    """``extrema_of(new)`` where ``new`` is ``old`` with the cells of ``box`` replaced: when
    each old extreme lay outside the box (strictly beyond every old value inside it), it
    still stands against the new values there; otherwise the whole map is read again."""
    low, high = old_extrema
    before, after = old[cells_of(box)], new[cells_of(box)]
    if not (low < before.min() and high > before.max()):  # also False for NaN
        return extrema_of(new)
    return np.minimum(low, after.min()), np.maximum(high, after.max())  # NaN propagates, as in min()


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
            return replaced(old_value, box, activate(new[cells_of(box)], self.activation)), box

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
            return tuple(replaced(old, blocks, part) for old, part in zip(old_value, fresh)), None

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
        return extrema_of(m)

    def keep_only(self, arrays, activation: str) -> None:
        """Forget what :meth:`memo` holds for maps other than ``arrays``, and activated maps
        under another activation (so memory stays at one activated copy per map).  What
        the current maps were patched from is kept too, for the views still to ask."""
        with self._lock:
            ids = {id(a) for a in arrays} | {id(parent) for _, parent, _ in self._lineage.values()}
            self._memo = {kind: {k: v for k, v in table.items()
                                 if k[0] in ids and (kind != "activated" or k[1] == activation)}
                          for kind, table in self._memo.items()}
