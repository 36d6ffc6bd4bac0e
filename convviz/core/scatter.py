"""A transposed convolution stepped as a scatter: one step per input cell.

Each step stamps ``input cell × kernel`` onto the output window it reaches (``stride`` cells
apart from its neighbour's, ``before`` cells cropped as :func:`~convviz.core.transposed.transposed_geometry`
says), and the output is the running sum of the stamps, plus the bias.  Like :mod:`.trace`, nothing is
expanded up front: ``trace[i]`` works out that one stamp and the running sums of the cells it lands on, and
:meth:`ScatterTrace.partial` the running sums of any box of the output, in O(box × kernel).

A 1D signal is carried as a one-row image (``spatial`` says which), so the same code serves both.
Steps go through the input row-major, the order a lecturer reads it in.  The running sums after the
last step equal :func:`~convviz.core.transposed.conv_transpose` cell for cell (exactly for integers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from .trace import format_number, step_index
from .transposed import TransposedGeometry, _explicit_pads, transposed_geometry, zero_inserted

__all__ = ["ScatterStep", "ScatterTrace", "scatter_trace"]


@dataclass(frozen=True)
class ScatterStep:
    """One input cell's stamp: where each kernel tap lands and what the output cells hold."""

    index: int
    in_index: tuple[int, ...]  # the input cell, (c,) for a signal
    value: object  # the input cell: a number, or its channels
    weights: np.ndarray  # (kh, kw) or (kh, kw, C): the kernel
    products: np.ndarray  # (kh, kw): the stamp, input × kernel (summed over channels)
    targets: np.ndarray  # (kh, kw, 2): output (row, col) of each tap; outside the output where cropped
    cropped: np.ndarray  # (kh, kw) bool: taps that land outside the output (cropped by the padding)
    before: np.ndarray  # (kh, kw): the target's running sum before this stamp (0 where cropped)
    after: np.ndarray  # (kh, kw): ... and after it
    received: np.ndarray  # (kh, kw) int: this is the target's received-th stamp ...
    overlaps: np.ndarray  # (kh, kw) int: ... of this many
    spatial: int = 2
    filter: int = 0

    def where(self, rc) -> str:
        """An output cell's name: "2,3", or "3" for a signal (no space: the sum line wraps at spaces)."""
        return str(int(rc[1])) if self.spatial == 1 else f"{int(rc[0])},{int(rc[1])}"

    def expression(self, times: str = "×", *, hide: bool = False) -> str:
        """The stamp written out: ``x[1, 2] = 3 → out[2, 4] = 2 + 3×1 = 5; …`` (the landed taps only);
        ``hide``: the new sums as "?" (the quiz)."""
        name = ",".join(map(str, self.in_index))
        value = self.value if np.ndim(self.value) == 0 else np.asarray(self.value)
        shown = format_number(value) if np.ndim(value) == 0 else "(" + ", ".join(map(format_number, value)) + ")"
        terms = []
        for tap in zip(*np.nonzero(~self.cropped)):
            w = self.weights[tap]
            wt = format_number(w) if np.ndim(w) == 0 else "w"
            wt = f"({wt})" if wt.startswith("-") else wt
            product = f"{shown}{times}{wt}" if np.ndim(w) == 0 else format_number(self.products[tap])
            terms.append(f"out[{self.where(self.targets[tap])}] = {format_number(self.before[tap])} + "
                         f"{product} = {'?' if hide else format_number(self.after[tap])}")
        head = f"x[{name}] = {shown}"
        return f"{head} → " + "; ".join(terms) if terms else f"{head} → (cropped away)"


def _axis_table(first: int, count: int, n: int, k: int, s: int, d: int, before: int) -> tuple[np.ndarray, np.ndarray]:
    """For output cells ``first .. first+count-1`` along one axis: the input cell each kernel tap brings
    there (``(count, k)``, -1 where none) and the tap itself.  Cell ``o`` is stamp cell ``q = o + before``;
    tap ``t`` of input ``m`` lands on ``m·s + t·d``."""
    q = np.arange(first, first + count)[:, None] + before
    t = np.arange(k)[None, :]
    rest = q - t * d
    m = rest // s
    ok = (rest % s == 0) & (m >= 0) & (m < n)
    return np.where(ok, m, -1), np.broadcast_to(t, ok.shape)


class ScatterTrace(Sequence):
    """Random-access stamps of a transposed convolution of one filter.

    ``x`` is ``(H, W, C)`` (a signal as ``(1, W, C)``), ``w`` is ``(kh, kw, C)`` (the filter's kernel for each
    input channel), ``geometry`` the 2D :class:`TransposedGeometry` (a signal's row axis trivial)."""

    def __init__(self, x: np.ndarray, w: np.ndarray, geometry: TransposedGeometry, *, bias=0, spatial: int = 2,
                 channels_axis: bool = False):
        dtype = np.result_type(x, w, np.asarray(bias))
        if dtype.kind in "iub":
            dtype = np.dtype(np.int64)
        elif dtype == np.float16:
            dtype = np.dtype(np.float32)
        self.x = np.asarray(x, dtype=dtype)
        self.w = np.asarray(w, dtype=dtype)
        self.geometry = geometry
        self.bias = dtype.type(bias)
        self.spatial = spatial
        self.channels_axis = channels_axis  # the input has a channel axis (RGB): weights keep theirs
        self.dtype = dtype
        self.in_shape = self.x.shape[:2]
        self.out_shape = geometry.out_shape
        self._length = int(np.prod(self.in_shape))
        self.op = "transposed"

    # ------------------------------------------------------------ geometry
    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.out_shape[1:] if self.spatial == 1 else self.out_shape

    @property
    def kernel_shape(self) -> tuple[int, int]:
        return self.w.shape[:2]

    def _tables(self, rows: range, cols: range):
        g = self.geometry
        tables = []
        for axis, r in enumerate((rows, cols)):
            tables.append(_axis_table(r.start, len(r), g.in_shape[axis], g.kernel_shape[axis], g.stride[axis],
                                      g.dilation[axis], g.crop[axis][0]))
        return tables

    def _contributions(self, rows: range, cols: range):
        """(products, input cell's step) for every (output cell in the box, tap): shapes (R, C, kh, kw), the step
        -1 where the tap brings nothing."""
        (mr, _), (mc, _) = self._tables(rows, cols)
        valid = (mr >= 0)[:, None, :, None] & (mc >= 0)[None, :, None, :]
        W = self.in_shape[1]
        step = np.where(valid, mr[:, None, :, None] * W + mc[None, :, None, :], -1)
        xs = self.x[np.clip(mr, 0, None)[:, None, :, None], np.clip(mc, 0, None)[None, :, None, :]]  # (R,C,kh,kw,Ch)
        products = (xs * self.w[None, None]).sum(axis=-1, dtype=self.dtype)
        return np.where(valid, products, self.dtype.type(0)), step

    def partial(self, i: int, rows: range | None = None, cols: range | None = None):
        """The output box ``rows × cols`` (all of it by default) after steps ``0..i`` (``i = -1``: none yet):
        (running sums including the bias, stamps received so far, stamps in all)."""
        rows = range(self.out_shape[0]) if rows is None else rows
        cols = range(self.out_shape[1]) if cols is None else cols
        products, step = self._contributions(rows, cols)
        done = (step >= 0) & (step <= i)
        sums = self.bias + np.where(done, products, self.dtype.type(0)).sum(axis=(2, 3), dtype=self.dtype)
        return sums, done.sum(axis=(2, 3)), (step >= 0).sum(axis=(2, 3))

    def stamps_on(self, out_index: Sequence[int]) -> list[tuple]:
        """The stamps that land on output cell ``out_index``, in step order: (input cell, kernel tap, input value,
        weight, product) each, cells and taps as ``(c,)`` for a signal; values and weights keep their channels."""
        pos = tuple(int(v) for v in out_index)
        r, c = (0, pos[0]) if self.spatial == 1 else pos[:2]
        (mr, tr), (mc, tc) = self._tables(range(r, r + 1), range(c, c + 1))
        found = []
        for a in np.flatnonzero(mr[0] >= 0):
            for b in np.flatnonzero(mc[0] >= 0):
                cell, tap = (int(mr[0, a]), int(mc[0, b])), (int(tr[0, a]), int(tc[0, b]))
                value, weight = self.x[cell], self.w[tap]
                product = (value * weight).sum(dtype=self.dtype)
                if not self.channels_axis:
                    value, weight = value[0], weight[0]
                found.append((cell[0] * self.in_shape[1] + cell[1], cell, tap, value, weight, product))
        found.sort(key=lambda item: item[0])
        one = self.spatial == 1
        return [(cell[1:] if one else cell, tap[1:] if one else tap, v, w, p) for _, cell, tap, v, w, p in found]

    def overlap_counts(self) -> np.ndarray:
        """How many stamps each output cell gets (the checkerboard where the kernel is not divisible by
        the stride); the same as :func:`convviz.core.transposed.overlap_counts`."""
        return self.partial(-1)[2]

    def equivalent(self):
        """The same numbers as an ordinary correlation (a :class:`~convviz.core.trace.ConvTrace`): zeros inserted
        between the input's cells, padded (or cropped, where the padding reaches past the kernel), and read with
        the kernel flipped, one window per output cell."""
        from .conv import flip_kernel
        from .trace import trace

        g = self.geometry
        x = zero_inserted(self.x, g.stride, spatial_ndim=2)
        inserted = inserted_mask(self.x.shape[:2], g.stride)
        pads = list(g.equivalent_pads)
        for a, (b, e) in enumerate(pads):
            if x.shape[a] - max(0, -b) - max(0, -e) <= 0:
                # The crop reaches past every input cell (output padding keeps cells beyond): pad first, then
                # crop, so the correlation still has an input; those zeros are no data, marked as inserted.
                widths = [(0, 0)] * x.ndim
                widths[a] = (max(0, b), max(0, e))
                x = np.pad(x, widths)
                inserted = np.pad(inserted, widths[:2], constant_values=True)
                pads[a] = (min(0, b), min(0, e))
        crop = tuple(slice(max(0, -b), x.shape[a] - max(0, -e)) for a, (b, e) in enumerate(pads))
        x = x[crop]
        inserted = inserted[crop[:2]]
        pads = tuple((max(0, b), max(0, e)) for b, e in pads)
        w = flip_kernel(self.w, 2)
        if self.spatial == 1:
            x, w, pads, dilation, inserted = x[0, :, 0], w[0, :, 0], pads[1], g.dilation[1], inserted[0]
        else:
            x, w, dilation = (x, w, g.dilation) if self.channels_axis else (x[..., 0], w[..., 0], g.dilation)
        equivalent = trace(x, w, padding=pads, dilation=dilation, bias=self.bias)
        equivalent.inserted = inserted
        return equivalent

    # --------------------------------------------------------------- steps
    def __len__(self) -> int:
        return self._length

    def index_of(self, out_index: Sequence[int]) -> int:
        """The step that completes output cell ``out_index`` (its last stamp); for a cell no stamp reaches,
        the input cell nearest above its left."""
        pos = tuple(int(v) for v in out_index)
        r, c = (0, pos[0]) if self.spatial == 1 else pos[:2]
        _, step = self._contributions(range(r, r + 1), range(c, c + 1))
        if (step >= 0).any():
            return int(step.max())
        g = self.geometry
        near = [min(max((o + b) // s, 0), n - 1) for o, (b, _), s, n in zip((r, c), g.crop, g.stride, g.in_shape)]
        return near[0] * self.in_shape[1] + near[1]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = step_index(i, len(self))
        g = self.geometry
        r, c = divmod(i, self.in_shape[1])
        kh, kw = self.kernel_shape
        tr = r * g.stride[0] + np.arange(kh) * g.dilation[0] - g.crop[0][0]
        tc = c * g.stride[1] + np.arange(kw) * g.dilation[1] - g.crop[1][0]
        targets = np.stack(np.meshgrid(tr, tc, indexing="ij"), axis=-1)
        inside = (tr >= 0)[:, None] & (tr < self.out_shape[0])[:, None] & (tc >= 0)[None, :] \
            & (tc < self.out_shape[1])[None, :]
        value = self.x[r, c]
        products = (value * self.w).sum(axis=-1, dtype=self.dtype)
        before = np.zeros((kh, kw), dtype=self.dtype)
        received = np.zeros((kh, kw), dtype=np.int64)
        overlaps = np.zeros((kh, kw), dtype=np.int64)
        rows = [int(v) for v in tr if 0 <= v < self.out_shape[0]]
        cols = [int(v) for v in tc if 0 <= v < self.out_shape[1]]
        if rows and cols:
            box_r, box_c = range(rows[0], rows[-1] + 1), range(cols[0], cols[-1] + 1)
            sums, got, total = self.partial(i - 1, box_r, box_c)
            a, b = np.nonzero(inside)
            at_r, at_c = tr[a] - box_r.start, tc[b] - box_c.start
            before[a, b] = sums[at_r, at_c]
            received[a, b] = got[at_r, at_c] + 1
            overlaps[a, b] = total[at_r, at_c]
        after = np.where(inside, before + products, before)
        weights = self.w if self.channels_axis else self.w[..., 0]
        shown = value if self.channels_axis else value[0]
        in_index = (c,) if self.spatial == 1 else (r, c)
        return ScatterStep(i, in_index, shown, weights, products, targets, ~inside, before, after, received,
                           overlaps, self.spatial)

    def __iter__(self) -> Iterator[ScatterStep]:
        for i in range(len(self)):
            yield self[i]


def scatter_trace(x, kernel, *, strides=1, padding="valid", output_padding=None, dilation=1, bias=0) -> ScatterTrace:
    """The lazy scatter of one filter's transposed convolution (the arguments of
    :func:`~convviz.core.transposed.conv_transpose`): ``x`` ``(W,)``, ``(H, W)`` or ``(H, W, C)``; ``kernel``
    ``(k,)``, ``(kh, kw)`` or ``(kh, kw, C)`` (one kernel per input channel, summed)."""
    x = np.asarray(x)
    w = np.asarray(kernel)
    if x.dtype == bool:
        x = x.astype(np.int64)
    if w.dtype == bool:
        w = w.astype(np.int64)
    for arr, name in ((x, "the input"), (w, "the kernel")):
        if arr.dtype.kind not in "iuf":
            raise ValueError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    if x.ndim == 1:
        if w.ndim != 1:
            raise ValueError(f"a signal (W,) needs a 1D kernel (k,), got shape {w.shape}")
        g1 = transposed_geometry(x.shape, w.shape, strides=strides, padding=padding, output_padding=output_padding,
                                 dilation=dilation)
        pad = padding if isinstance(padding, str) else ((0, 0), _explicit_pads(padding, 1)[0])
        g = transposed_geometry((1,) + x.shape, (1,) + w.shape, strides=(1, g1.stride[0]), padding=pad,
                                output_padding=None if output_padding is None else (0, g1.output_padding[0]),
                                dilation=(1, g1.dilation[0]))
        return ScatterTrace(x[None, :, None], w[None, :, None], g, bias=bias, spatial=1)
    if x.ndim not in (2, 3):
        raise ValueError(f"the input must be (W,), (H, W) or (H, W, C), got shape {x.shape}")
    rgb = x.ndim == 3
    xc = x if rgb else x[..., None]
    wc = w if w.ndim == 3 else w[..., None]
    if w.ndim not in (2, 3) or wc.shape[2] != xc.shape[2]:
        raise ValueError(f"the kernel {w.shape} does not fit the input's {xc.shape[2]} channel(s)")
    g = transposed_geometry(x.shape[:2], w.shape[:2], strides=strides, padding=padding,
                            output_padding=output_padding, dilation=dilation)
    return ScatterTrace(xc, wc, g, bias=bias, spatial=2, channels_axis=rgb)


def inserted_mask(shape, strides) -> np.ndarray:
    """Which cells of ``zero_inserted`` of a grid of spatial ``shape`` are the zeros put between its cells
    (True), not its own: the views mark them, as a 0 there is no data."""
    shape = tuple(int(n) for n in shape)
    return zero_inserted(np.ones(shape, dtype=bool), strides, spatial_ndim=len(shape)) == 0
