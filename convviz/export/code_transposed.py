"""The code behind a transposed convolution's picture: the scatter in NumPy (each input cell stamps
``x[i, j] * w`` onto the output, ``stride`` cells apart, then the padding's crop), and
``tf.nn.conv2d_transpose`` in TensorFlow (Keras's ``Conv2DTranspose`` named beside it).

Both leave the feature map in ``out`` before the bias; :mod:`.code` adds the bias, the activation and the
pooling as for the other ops.  A signal is written as a one-row image in TensorFlow (``conv1d_transpose``
takes no explicit padding), so every padding is spelled the same way.
"""

from __future__ import annotations

from convviz.core.transposed import transposed_geometry
from convviz.model.settings import OpSettings

from .code_words import columns, tr, wrap


def _geometry(settings: OpSettings, x_shape, w_shape):
    spatial = 1 if len(x_shape) == 1 else 2
    return transposed_geometry(x_shape[:spatial], w_shape[:spatial], **settings.transposed_kwargs(spatial))


def _noted(code: str, note: str, width: int = 60) -> list[str]:
    """``code  # note`` when it fits the Code tab's width, else the note on the line above (as code.py)."""
    line = f"{code}  # {note}"
    return [line] if columns(line) <= width else [f"# {note}", code]


def _slices(names, stride: int, steps, sizes) -> str:
    """``i * 2:i * 2 + 3`` per axis (``i:i + 3`` at stride 1; ``:2`` after it for a dilated kernel)."""
    starts = [name if stride == 1 else f"{name} * {stride}" for name in names]
    return ", ".join(f"{a}:{a} + {n}{f':{d}' if d > 1 else ''}" for a, d, n in zip(starts, steps, sizes))


def numpy_transposed_lines(settings: OpSettings, x_shape, w_shape) -> list[str]:
    """The scatter, written as the lecture draws it; ``out`` is the cropped sum of the stamps."""
    g = _geometry(settings, x_shape, w_shape)
    spatial = len(g.out_shape)
    channels = x_shape[2] if len(x_shape) == 3 else 1
    s, d = g.stride[0], g.dilation[0]
    k_eff = g.effective_kernel
    # The stamps' whole extent, and more where output padding reaches past it.
    full = tuple(max(n, before + out) for n, (before, _), out in zip(g.scatter_shape, g.crop, g.out_shape))
    cell = f"x[i{', j' if spatial == 2 else ''}]"
    apart = (tr("transposed convolution: each input cell stamps\n{cell} * w onto the output, {s} cells apart")
             if s > 1 else
             tr("transposed convolution: each input cell stamps\n{cell} * w onto the output, 1 cell apart"))
    lines = ["import numpy as np", ""] + ["# " + line for line in apart.format(cell=cell, s=s).split("\n")]
    lines.append(f"full = np.zeros({full if spatial == 2 else f'({full[0]},)'})")
    stamp = "(x[i, j] * w).sum(axis=-1)" if channels > 1 else ("x[i, j] * w" if spatial == 2 else "x[i] * w")
    if spatial == 2:
        lines.append(f"for i in range({g.in_shape[0]}):")
        lines.append(f"    for j in range({g.in_shape[1]}):")
        if channels > 1:
            lines += wrap(tr("the channels' stamps, summed"), 60, "        # ", "        # ")
        lines.append(f"        stamp = {stamp}")
        where = _slices(("i", "j"), s, (d, d), k_eff)
        lines.append(f"        full[{where}] += stamp")
    else:
        lines.append(f"for i in range({g.in_shape[0]}):")
        lines.append(f"    full[{_slices(('i',), s, (d,), k_eff)}] += {stamp}")
    crop = ", ".join(f"{before}:{before + out}" for (before, _), out in zip(g.crop, g.out_shape))
    pads = "explicit" if settings.padding == "explicit" else f"'{settings.padding}'"
    note = (tr("{padding} padding crops the stamps' edges").format(padding=pads) if any(b or a > 0 for b, a in g.crop)
            else tr("nothing cropped"))
    lines += wrap(note, 60, "# ", "# ") + [f"out = full[{crop}]"]
    return lines


def tensorflow_transposed_lines(settings: OpSettings, x_shape, w_shape) -> list[str]:
    """``tf.nn.conv2d_transpose`` with the output's shape given (it decides the output padding); a dilated
    kernel is dilated by hand (TensorFlow's CPU kernels refuse dilations with strides here)."""
    g = _geometry(settings, x_shape, w_shape)
    spatial = len(g.out_shape)
    channels = x_shape[2] if len(x_shape) == 3 else 1
    s, d = g.stride[0], g.dilation[0]
    lines = ["import numpy as np", "import tensorflow as tf", ""]
    k = "w"
    if d > 1:
        shape = tuple(k_ for k_ in g.effective_kernel) + tuple(w_shape[spatial:])
        lines += wrap(tr("dilation {d}: {zeros} zeros between the kernel's taps").format(d=d, zeros=d - 1) if d > 2
                      else tr("dilation 2: 1 zero between the kernel's taps"), 60, "# ", "# ")
        lines.append(f"k = np.zeros({shape if len(shape) > 1 else f'({shape[0]},)'})")
        lines.append(f"k[{', '.join([f'::{d}'] * spatial)}] = w")
        k = "k"
    if spatial == 2:
        x_expr = "x[None]" if channels > 1 else "x[None, :, :, None]"
        w_expr = f"{k}[:, :, None, :]" if channels > 1 else f"{k}[:, :, None, None]"
        shape = f"[1, {g.out_shape[0]}, {g.out_shape[1]}, 1]"
    else:  # a signal as a one-row image: one call for every padding
        x_expr, w_expr, shape = "x[None, None, :, None]", f"{k}[None, :, None, None]", f"[1, 1, {g.out_shape[0]}, 1]"
    lines += _noted(f"x4 = tf.constant({x_expr}, tf.float64)", "(batch, H, W, C)")
    lines += _noted(f"w4 = tf.constant({w_expr}, tf.float64)", "(kh, kw, out, in)")
    if settings.padding == "explicit":
        pads = [(0, 0)] * (2 - spatial) + [crop_pair(g, a) for a in range(spatial)]
        lines += wrap(tr("cells cropped (before, after) per axis"), 60, "# ", "# ")
        lines.append("pads = [[0, 0], " + ", ".join(f"[{b}, {a}]" for b, a in pads) + ", [0, 0]]")
        padding = "pads"
    else:
        padding = f"'{settings.padding.upper()}'"
    lines.append(f"out = tf.nn.conv2d_transpose(x4, w4, {shape},")
    lines.append(f"                             strides={s}, padding={padding})")
    if spatial == 1:
        lines.append("out = out[:, 0]  # (batch, W, C)")
    return lines


def crop_pair(g, axis: int) -> tuple[int, int]:
    """The explicit padding that gives this output: the crop, before the output padding added cells."""
    before, after = g.crop[axis]
    return before, after + g.output_padding[axis]


def keras_comment(settings: OpSettings, w_shape, spatial: int) -> list[str]:
    """The same as a Keras layer, where one takes these settings."""
    if settings.padding == "explicit" or settings.dilation > 1:
        return []
    layer = "Conv2DTranspose" if spatial == 2 else "Conv1DTranspose"
    size = tuple(w_shape[:2]) if spatial == 2 else w_shape[0]
    channels = w_shape[2] if len(w_shape) == 3 else 1
    extra = f", output_padding={settings.output_padding}" if settings.output_padding is not None else ""
    return ["", "# " + tr("The same as a Keras layer:"),
            f"# layer = keras.layers.{layer}(1, {size}, strides={settings.stride},",
            f"#     padding='{settings.padding}'{extra})",
            f"# layer.build((None, None, None, {channels}))" if spatial == 2 else
            f"# layer.build((None, None, {channels}))",
            f"# layer.set_weights([w[..., None, {':' if channels > 1 else 'None'}], np.array([b])])"]
