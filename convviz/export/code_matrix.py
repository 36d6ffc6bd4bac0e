"""Convolution as a matrix product, as a NumPy program: the patch matrix (im2col) times the
kernel, and (for small inputs) the convolution matrix times the padded input, both equal to the
feature map before its activation (the step view's "Show as" matrix pictures).

:func:`matrix_snippet` gives a whole program that runs as it is: ``x``, ``w``, ``b`` with the
document's values, the input padded as convviz resolved it, every window as a row of ``patches``,
``out = patches @ w.ravel() + b``, and ``T`` with ``T @ xp.ravel() + b`` the same numbers.
"""

from __future__ import annotations

import numpy as np

from convviz.core.messages import TextError
from convviz.model.settings import OpSettings

from .code import _NP_PAD_MODE, _channels_read, _comment, _noted, _pads_text, _with_data
from .code_words import Translate, tr, words

#: The convolution matrix is written out when it has at most this many entries.
MAX_MATRIX_ENTRIES = 250_000


def matrix_code(settings: OpSettings, x_shape, w_shape, channels_read: range | None = None) -> str:
    if settings.op == "transposed":
        raise TextError("a transposed convolution scatters: see the step view's 'Equivalent correlation'")
    lines = ["import numpy as np", "from numpy.lib.stride_tricks import sliding_window_view", ""]
    if channels_read is not None:
        a, z = channels_read.start, channels_read.stop
        lines += _comment(tr("the channels this filter reads: {first} to {last}").format(first=a, last=z - 1))
        lines += [f"x, w = x[..., {a}:{z}], w[..., {a}:{z}]", ""]
        x_shape = tuple(x_shape[:2]) + (z - a,)
        w_shape = tuple(w_shape[:2]) + (z - a,)
    one_d = len(x_shape) == 1
    if one_d:  # a signal is one row of an image
        lines += _noted("x, w = x[None, :], w[None, :]", tr("a signal as one row"))
        x_shape, w_shape = (1,) + tuple(x_shape), (1,) + tuple(w_shape)
    g = settings.geometry(x_shape[:2] if not one_d else x_shape[1:], w_shape[:2] if not one_d else w_shape[1:])
    pads = g.pads if not one_d else ((0, 0),) + g.pads
    stride = (1, settings.stride) if one_d else (settings.stride,) * 2
    dil = (1, settings.dilation) if one_d else (settings.dilation,) * 2
    channels = x_shape[2] if len(x_shape) == 3 else 1
    mode = _NP_PAD_MODE[settings.boundary]
    lines += _comment(tr("padding (before, after) per axis, as convviz resolved it")) + [f"pads = {_pads_text(pads)}"]
    if channels > 1:
        lines += _noted(f"xp = np.pad(x, pads + ((0, 0),), mode='{mode}')", tr("channels unpadded"))
    else:
        lines += [f"xp = np.pad(x, pads, mode='{mode}')"]
    if settings.op == "convolve":
        lines += _noted("k = w[::-1, ::-1]", tr("convolution flips the kernel"))
    else:
        lines += ["k = w"]
    kh, kw = w_shape[:2]
    eh, ew = (kh - 1) * dil[0] + 1, (kw - 1) * dil[1] + 1
    lines += [""] + _comment(tr("every window the kernel reads (its taps dilation apart, windows stride apart), "
                                "one row each: the patch matrix (im2col)"))
    lines += [f"windows = sliding_window_view(xp, ({eh}, {ew}), axis=(0, 1))",
              f"windows = windows[::{stride[0]}, ::{stride[1]}, ..., ::{dil[0]}, ::{dil[1]}]"]
    if channels > 1:
        lines += _noted("windows = np.moveaxis(windows, 2, -1)", tr("taps first, then channels"))
    lines += ["oh, ow = windows.shape[:2]",
              "patches = windows.reshape(oh * ow, -1)",
              "out = (patches @ k.ravel() + b).reshape(oh, ow)"]
    padded = (x_shape[0] + sum(pads[0])) * (x_shape[1] + sum(pads[1])) * channels
    if int(np.prod(g.out_shape)) * padded <= MAX_MATRIX_ENTRIES:
        lines += [""] + _comment(tr("the convolution matrix: a row per output cell, a column per cell of the "
                                    "padded input, the kernel's weights where that output's window reads"))
        lines += ["T = np.zeros((oh * ow, xp.size))",
                  "cells = np.arange(xp.size).reshape(xp.shape)",
                  f"taps = sliding_window_view(cells, ({eh}, {ew}), axis=(0, 1))",
                  f"taps = taps[::{stride[0]}, ::{stride[1]}, ..., ::{dil[0]}, ::{dil[1]}]"]
        if channels > 1:
            lines += ["taps = np.moveaxis(taps, 2, -1)"]
        lines += ["for row, read in enumerate(taps.reshape(oh * ow, -1)):",
                  "    T[row, read] += k.ravel()",
                  "assert np.allclose(T @ xp.ravel() + b, out.ravel())"]
    if one_d:
        lines += _noted("out = out[0]", tr("back to a signal"))
    return "\n".join(lines) + "\n"


def matrix_snippet(settings: OpSettings, x, w, b, *, filter_number: int | None = None, filters: int = 1,
                   translate: Translate | None = None) -> str:
    """The runnable program: imports, ``x``, ``w``, ``b``, then :func:`matrix_code`; ``out`` is the
    feature map before its activation (``translate``: the comments' language, English without one)."""
    with words(translate):
        read = _channels_read(settings, x, filter_number, filters)
        return _with_data(matrix_code(settings, np.shape(x), np.shape(w), read), x, w, b, filter_number)
