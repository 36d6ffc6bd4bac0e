"""The pipeline's memory: what each stage computed, kept while its inputs stay the same.

A parameter change further down the pipeline costs only what it changes; an edited kernel
convolves the bank again but keeps the untouched filters' maps (and what was made from them);
an edited input convolves every map again (one matrix product for the bank: cheaper than
tracking which outputs a stroke reaches).  Thread-safe: the window computes in a worker.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from convviz.core import activate
from convviz.core.pool import block_extremes, extremes_with_blocks


def frozen(arr: np.ndarray) -> np.ndarray:
    """``arr``, made read-only: the document's input, which the cache may then know by identity."""
    arr.flags.writeable = False
    return arr


def _immutable(arr: np.ndarray) -> bool:
    """Whether ``arr`` cannot change under the cache: read-only and owning its memory (a read-only
    view of a writable array can change through that array)."""
    return not arr.flags.writeable and arr.base is None


def _as_rows(m: np.ndarray) -> np.ndarray:
    """A map as the 2D array its blocks are taken from: a 1D map is one row."""
    return m[None, :] if m.ndim == 1 else m


def extrema_of(m: np.ndarray) -> tuple:
    return (m.min(), m.max()) if m.size else (0.0, 0.0)


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
        return self._cache.memo("activated", src, self.activation, lambda: activate(src, self.activation))

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
    convolves none.  A map is reused only when everything it was made from is
    *equal* to the request's (arrays compared by value against copies, so a
    document that edits its arrays in place cannot fool it).  The convolution
    and stage state is replaced whole by one attribute assignment, and the
    table the views fill from the GUI thread (:meth:`memo`) is changed under a
    lock, so a worker thread may run the pipeline while the views read the
    last result.
    """

    def __init__(self) -> None:
        # (input copy, conv settings, {(kernel shape, kernel bytes, bias): raw map}, geometry, bank size)
        self._conv: tuple | None = None
        self._derived: dict = {}  # stage -> {id(input map): (input map, settings, output map)}
        self._memo: dict = {}  # kind -> {(id(map), key): (map, value)}: values made on demand
        self.computed = self.reused = 0  # filters convolved / taken from the cache
        self._lock = threading.Lock()  # guards _memo (never held while computing)
        # map shape -> the step its thumbnails were last drawn at (so that a stage making maps
        # of that shape can make their thumbnails' block extremes at once: see ``summary``)
        self._block_steps: dict[tuple, int] = {}

    def convolved(self, x, kernels, biases, conv_settings, compute):
        """Raw maps for every filter; ``compute(indices)`` convolves the bank and returns
        (its maps, geometry)."""
        state = self._conv
        keys = [(k.shape, k.tobytes(), b) for k, b in zip(kernels, biases)]
        # Same input, same settings, same bank size: the maps it made are what a fresh run makes.
        # In a bank of another size BLAS may round a filter's last bit differently, so then the
        # whole bank is convolved again, as a fresh run would.
        # A frozen input (the document's) is the same input exactly when it is the same object:
        # no 2 MB comparison and no copy at every request.
        same = (state is not None and state[1] == conv_settings and state[4] == len(keys)
                and (state[0] is x if _immutable(x) else
                     state[0].shape == x.shape and state[0].dtype == x.dtype and np.array_equal(state[0], x)))
        keep = state[2] if same else {}
        missing = [i for i, key in enumerate(keys) if key not in keep]
        fresh = dict(keep)
        geometry = state[3] if same else None
        if missing:
            # The whole bank in one product: an unchanged filter's map comes out bit for bit as
            # before (each sum's order follows the shapes alone), so the cached one is kept, and
            # with it everything made from it.
            new_maps, geometry = compute(list(range(len(keys))))
            fresh.update((keys[i], new_maps[i]) for i in missing)
        self.computed += len(missing)
        self.reused += len(keys) - len(missing)
        x_copy = state[0] if same else x if _immutable(x) else x.copy()
        self._conv = (x_copy, conv_settings, {key: fresh[key] for key in keys}, geometry, len(keys))
        return [fresh[key] for key in keys], geometry

    def derived(self, stage: str, maps, key, compute):
        """``maps`` each passed through a later stage (``stage`` names it: pooling,
        extrema) with settings ``key``; ``compute(indices)`` does the maps not cached.
        Entries are keyed by the input map *object*: an unchanged filter's map is the
        same object from one request to the next, so its later stages are reused too."""
        table = self._derived.get(stage, {})
        out: list = [None] * len(maps)
        missing = []
        for i, m in enumerate(maps):
            entry = table.get(id(m))
            if entry is not None and entry[0] is m and entry[1] == key:
                out[i] = entry[2]
            else:
                missing.append(i)
        if missing:
            for i, result in zip(missing, compute(missing)):
                out[i] = result
        self._derived = {**self._derived, stage: {id(m): (m, key, r) for m, r in zip(maps, out)}}
        return out

    def memo(self, kind: str, arr: np.ndarray, key, compute):
        """``compute()`` for ``arr`` under ``key``, remembered while ``arr`` is a current map
        (activated maps and thumbnails, made when a view or a read-out first asks)."""
        with self._lock:
            entry = self._memo.get(kind, {}).get((id(arr), key))
            if entry is not None and entry[0] is arr:
                return entry[1]
        value = compute()
        with self._lock:
            self._memo.setdefault(kind, {})[(id(arr), key)] = (arr, value)
        return value

    def block_extremes(self, src: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
        """``core.pool.block_extremes`` of map ``src`` (a 1D map as one row), remembered while
        ``src`` is current."""
        self._block_steps[src.shape] = step
        return self.memo("blocks", src, step, lambda: block_extremes(_as_rows(src), step))

    def summary(self, m: np.ndarray) -> tuple:
        """The extremes of map ``m``, and (remembered for the views) its block extremes at the
        step maps of its shape were last drawn at: the blocks read while ``m`` is in this
        core's cache, in the task that made ``m`` or the one that first reads it, and the
        extremes taken from them, rather than more passes over memory after every map is done."""
        step = self._block_steps.get(m.shape)
        if step is None or m.size == 0:
            return extrema_of(m)
        low, high = self.block_extremes(m, step)
        # The map's own extremes from its blocks' (and the cells whole blocks leave out).
        return extremes_with_blocks(_as_rows(m), low, high, step)

    def keep_only(self, arrays, activation: str) -> None:
        """Forget what :meth:`memo` holds for maps other than ``arrays``, and activated maps
        under another activation (so memory stays at one activated copy per map)."""
        with self._lock:
            ids = {id(a) for a in arrays}
            self._memo = {kind: {k: v for k, v in table.items()
                                 if k[0] in ids and (kind != "activated" or k[1] == activation)}
                          for kind, table in self._memo.items()}
