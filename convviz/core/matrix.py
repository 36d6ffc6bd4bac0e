"""Convolution as a matrix product, in the two ways lectures draw it.

- The **patch matrix** (im2col): one row per output cell holding the inputs its window
  reads (padded cells with the boundary mode's values), times the kernel as one column:
  ``patch_matrix(t) @ kernel_vector(t) + bias`` is the output, flattened row-major.
- The **convolution matrix** (a doubly block Toeplitz matrix under zero padding): one row
  per output cell, one column per input cell, holding the weight each input cell gets in
  that output's sum: ``conv_matrix(t) @ x.ravel() + bias`` is the output.  Its columns are
  the real input cells whatever the boundary mode: a reflected or wrapped tap adds its
  weight to the real cell it reads, a zero-padded tap adds nothing.

Both are built from the same lazy trace the step view plays (``trace[i]`` is row ``i``), so
every number equals the step view's.  Rows are the steps of one filter.
"""

from __future__ import annotations

import numpy as np

from .trace import ConvTrace

__all__ = ["MATRIX_MAX_ENTRIES", "conv_matrix", "conv_row", "kernel_vector", "patch_matrix"]

#: The largest matrix built whole (entries); a lecture's examples are far below it.
MATRIX_MAX_ENTRIES = 4_000_000


def _rows_of(trace: ConvTrace, f: int) -> range:
    if not 0 <= f < trace.prepared.filters:
        raise ValueError(f"filter {f} out of range: the bank has {trace.prepared.filters}")
    n = trace._map_size
    return range(f * n, (f + 1) * n)


def _check_size(rows: int, cols: int, what: str) -> None:
    if rows * cols > MATRIX_MAX_ENTRIES:
        raise ValueError(f"the {what} would have {rows} x {cols} entries (more than {MATRIX_MAX_ENTRIES:,}): "
                         "choose a smaller input or kernel")


def kernel_vector(trace: ConvTrace, f: int = 0) -> np.ndarray:
    """Filter ``f`` as applied (flipped for convolve), flattened in the patch matrix's column order."""
    return trace[_rows_of(trace, f).start].weights.ravel().copy()


def patch_matrix(trace: ConvTrace, f: int = 0) -> np.ndarray:
    """(output cells, taps x channels): each row the window's inputs, in the kernel's order."""
    rows = _rows_of(trace, f)
    taps = int(np.prod(trace.geometry.kernel_shape)) * trace.prepared.channels
    _check_size(len(rows), taps, "patch matrix")
    return np.stack([trace[i].values.ravel() for i in rows]) if len(rows) else np.zeros((0, taps))


def conv_row(step, in_shape: tuple[int, ...], channels: int) -> np.ndarray:
    """One row of the convolution matrix: the weight of every input cell (row-major over the
    input's cells, channels last) in ``step``'s sum."""
    row = np.zeros(int(np.prod(in_shape)) * channels, dtype=np.asarray(step.weights).dtype)
    source = step.source.reshape(-1, step.source.shape[-1])
    weights = step.weights.reshape(len(source), channels)
    inside = (source >= 0).all(axis=1)
    cells = np.ravel_multi_index(tuple(source[inside].T), in_shape)
    columns = (cells[:, None] * channels + np.arange(channels)[None, :]).ravel()
    np.add.at(row, columns, weights[inside].ravel())  # a reflected tap may read a cell twice
    return row


def conv_matrix(trace: ConvTrace, f: int = 0) -> np.ndarray:
    """(output cells, input cells x channels): ``conv_matrix @ x.ravel() + bias`` is filter
    ``f``'s output, flattened."""
    rows = _rows_of(trace, f)
    in_shape = trace.geometry.in_shape
    channels = trace.prepared.channels
    _check_size(len(rows), int(np.prod(in_shape)) * channels, "convolution matrix")
    return np.stack([conv_row(trace[i], in_shape, channels) for i in rows])
