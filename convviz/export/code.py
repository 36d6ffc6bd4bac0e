"""The code behind every picture: NumPy/SciPy and TensorFlow snippets that
reproduce what the window shows for the current settings.

Snippets assume ``x`` (the input, as in the window) and ``w`` (the current
filter's kernel, ``(k,)``, ``(kh, kw)`` or ``(kh, kw, C)``) and ``b`` (its bias)
are defined, and leave the feature map in ``out`` and, with pooling, the
pooled map in ``pooled``.  Where a library mode matches the settings it is
used by name (``scipy.signal.correlate2d(x, w, mode='same')``); where none
does, the padding is spelled out with the numbers convviz resolved.
"""

from __future__ import annotations

from convviz.core.padding import conv_geometry
from convviz.core.pool import pool_geometry
from convviz.model.pipeline import OpSettings

_NP_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def _pads_text(pads) -> str:
    return "(" + ", ".join(f"({b}, {a})" for b, a in pads) + ("," if len(pads) == 1 else "") + ")"


def _geometry(settings: OpSettings, x_shape, w_shape):
    spatial = 1 if len(x_shape) == 1 else 2
    return conv_geometry(x_shape[:spatial], w_shape[:spatial], settings.padding_spec(spatial),
                         stride=settings.stride, dilation=settings.dilation, same=settings.same)


def numpy_code(settings: OpSettings, x_shape, w_shape) -> str:
    g = _geometry(settings, x_shape, w_shape)
    spatial = len(g.out_shape)
    channels = x_shape[2] if len(x_shape) == 3 else 1
    s, d = settings.stride, settings.dilation
    lines = ["import numpy as np", "import scipy.signal", ""]
    simple = settings.boundary == "zeros" and s == 1 and d == 1 and channels == 1
    conv = settings.op == "convolve"
    if simple and settings.padding in ("valid", "full"):
        fn = ("convolve" if conv else "correlate") + ("2d" if spatial == 2 else "")
        lines.append(f"out = scipy.signal.{fn}(x, w, mode='{settings.padding}')")
    elif simple and settings.padding == "same" and spatial == 2 and (
            (settings.same == "tensorflow" and not conv) or (settings.same == "centered" and conv)):
        fn = "convolve2d" if conv else "correlate2d"
        note = "extra padding after, as TensorFlow" if not conv else "centred, extra padding before"
        lines.append(f"out = scipy.signal.{fn}(x, w, mode='same')  # {note}")
    elif simple and settings.padding == "same" and settings.same == "centered":
        fn = "convolve" if conv else "correlate"
        lines.append(f"out = scipy.signal.{fn}(x, w, mode='same')  # centred: extra padding before")
    else:
        mode = _NP_PAD_MODE[settings.boundary]
        pad_axes = g.pads + (((0, 0),) if channels > 1 else ())
        lines.append(f"# padding resolved by convviz: (before, after) per axis = {_pads_text(g.pads)}")
        lines.append(f"xp = np.pad(x, {_pads_text(pad_axes)}, mode='{mode}')")
        kernel = "w[::-1, ::-1]" if conv and spatial == 2 else ("w[::-1]" if conv else "w")
        if conv:
            lines.append(f"k = {kernel}  # convolution flips the kernel (not its channels)")
        else:
            lines.append("k = w")
        if d > 1:
            lines.append(f"kd = np.zeros(tuple((n - 1) * {d} + 1 for n in k.shape[:{spatial}]) + k.shape[{spatial}:])")
            lines.append(f"kd[{', '.join([f'::{d}'] * spatial)}] = k  # dilation {d}: holes between taps")
            lines.append("k = kd")
        fn = "correlate2d" if spatial == 2 else "correlate"
        step = f"[::{s}, ::{s}]" if spatial == 2 else f"[::{s}]"
        step = step if s > 1 else ""
        if channels > 1:
            lines.append(f"out = sum(scipy.signal.{fn}(xp[..., c], k[..., c], mode='valid') for c in range({channels})){step}")
        else:
            lines.append(f"out = scipy.signal.{fn}(xp, k, mode='valid'){step}")
    lines.append("out = out + b")
    lines += _numpy_activation(settings.activation)
    if settings.pool != "none":
        lines += _numpy_pool(settings, g.out_shape)
    return "\n".join(lines) + "\n"


def _numpy_activation(name: str) -> list[str]:
    return {
        "none": [],
        "relu": ["out = np.maximum(out, 0)  # ReLU"],
        "leaky_relu": ["out = np.where(out > 0, out, 0.2 * out)  # leaky ReLU"],
        "sigmoid": ["out = 1 / (1 + np.exp(-out))  # sigmoid"],
        "tanh": ["out = np.tanh(out)"],
        "elu": ["out = np.where(out > 0, out, np.expm1(np.minimum(out, 0)))  # ELU"],
    }[name]


def _numpy_pool(settings: OpSettings, map_shape) -> list[str]:
    pg = pool_geometry(map_shape, settings.pool_size, stride=settings.pool_stride or None, padding=settings.pool_padding)
    k = pg.kernel_shape
    s = pg.stride
    spatial = len(k)
    window = str(k) if spatial > 1 else f"({k[0]},)"
    step = ", ".join(f"::{v}" for v in s)
    lines = ["", "from numpy.lib.stride_tricks import sliding_window_view", ""]
    padded = any(b or a for b, a in pg.pads)
    axes = "(-2, -1)" if spatial == 2 else "-1"
    if settings.pool == "max":
        if padded:
            lines.append(f"op = np.pad(out, {_pads_text(pg.pads)}, constant_values=-np.inf)  # padding never wins")
        else:
            lines.append("op = out")
        lines.append(f"pooled = sliding_window_view(op, {window})[{step}].max(axis={axes})")
    else:
        lines.append(f"sums = sliding_window_view(np.pad(out, {_pads_text(pg.pads)}), {window})[{step}].sum(axis={axes})")
        if padded:
            lines.append("# TensorFlow divides by the real cells only")
            lines.append(f"counts = sliding_window_view(np.pad(np.ones_like(out), {_pads_text(pg.pads)}), {window})"
                         f"[{step}].sum(axis={axes})")
            lines.append("pooled = sums / counts")
        else:
            lines.append(f"pooled = sums / {int(k[0] * (k[1] if spatial == 2 else 1))}")
    return lines


def tensorflow_code(settings: OpSettings, x_shape, w_shape) -> str:
    g = _geometry(settings, x_shape, w_shape)
    spatial = len(g.out_shape)
    channels = x_shape[2] if len(x_shape) == 3 else 1
    s, d = settings.stride, settings.dilation
    conv = settings.op == "convolve"
    # TensorFlow refuses stride > 1 together with dilation > 1: convolve at stride 1, stride afterwards.
    strided_after = s > 1 and d > 1
    lines = ["import numpy as np", "import tensorflow as tf", ""]
    if settings.boundary != "zeros":
        lines.append(f"x = np.pad(x, {_pads_text(g.pads + (((0, 0),) if channels > 1 else ()))}, "
                     f"mode='{_NP_PAD_MODE[settings.boundary]}')  # boundary '{settings.boundary}'")
        padding = "'VALID'"
    elif settings.padding == "valid":
        padding = "'VALID'"
    elif settings.padding == "same" and settings.same == "tensorflow" and not strided_after:
        padding = "'SAME'"
    else:
        padding = "[[0, 0], " + ", ".join(f"[{b}, {a}]" for b, a in g.pads) + ", [0, 0]]"
        why = ("'SAME' at stride 1 pads differently from 'SAME' at the real stride" if settings.padding == "same"
               and settings.same == "tensorflow" else "no TensorFlow mode puts it there")
        lines.append(f"# explicit padding (before, after) = {_pads_text(g.pads)}: {why}")
    if spatial == 2:
        x_expr = "x[None]" if channels > 1 else "x[None, :, :, None]"
        w_expr = "w[:, :, :, None]" if channels > 1 else "w[:, :, None, None]"
        if conv:
            w_expr = w_expr.replace("w[", "w[::-1, ::-1][")
        lines.append(f"x4 = tf.constant({x_expr}, tf.float64)  # (batch, H, W, C)")
        lines.append(f"w4 = tf.constant({w_expr}, tf.float64)  # (kh, kw, C, filters)"
                     + ("; flipped: tf.nn.conv2d correlates" if conv else ""))
        stride_arg = 1 if strided_after else s
        lines.append(f"out = tf.nn.conv2d(x4, w4, strides={stride_arg}, padding={padding}, dilations={d})")
        if strided_after:
            lines.append(f"out = out[:, ::{s}, ::{s}, :]")
    else:
        w_expr = "w[::-1, None, None]" if conv else "w[:, None, None]"
        lines.append("x3 = tf.constant(x[None, :, None], tf.float64)  # (batch, W, C)")
        lines.append(f"w3 = tf.constant({w_expr}, tf.float64)  # (k, C, filters)")
        stride_arg = 1 if strided_after else s
        if padding.startswith("[["):
            pads = g.pads[0]
            lines.append(f"x3 = tf.pad(x3, [[0, 0], [{pads[0]}, {pads[1]}], [0, 0]])")
            padding = "'VALID'"
        lines.append(f"out = tf.nn.conv1d(x3, w3, stride={stride_arg}, padding={padding}, dilations={d})")
        if strided_after:
            lines.append(f"out = out[:, ::{s}, :]")
    lines.append("out = out + b")
    act = {"none": None, "relu": "tf.nn.relu(out)", "leaky_relu": "tf.nn.leaky_relu(out, alpha=0.2)",
           "sigmoid": "tf.math.sigmoid(out)", "tanh": "tf.math.tanh(out)", "elu": "tf.nn.elu(out)"}[settings.activation]
    if act:
        lines.append(f"out = {act}")
    if settings.pool != "none":
        pg = pool_geometry(g.out_shape, settings.pool_size, stride=settings.pool_stride or None,
                           padding=settings.pool_padding)
        fn = {"max": "max_pool", "avg": "avg_pool"}[settings.pool] + ("2d" if spatial == 2 else "1d")
        ksize = list(pg.kernel_shape) if spatial == 2 else pg.kernel_shape[0]
        strides = list(pg.stride) if spatial == 2 else pg.stride[0]
        note = "  # 'SAME' average: divides by the real cells" if settings.pool == "avg" and settings.pool_padding == "same" else ""
        lines.append(f"pooled = tf.nn.{fn}(out, ksize={ksize}, strides={strides}, "
                     f"padding='{settings.pool_padding.upper()}'){note}")
        lines.append("pooled = pooled.numpy()[0, ..., 0]")
    lines.append("out = out.numpy()[0, ..., 0]")
    if spatial == 2 and settings.boundary == "zeros" and settings.padding in ("valid", "same") and \
            (settings.padding == "valid" or settings.same == "tensorflow") and not conv and channels == 1 \
            and not strided_after:  # Keras's Conv2D refuses stride and dilation > 1 together too
        lines.append("")
        lines.append("# The same as a Keras layer:")
        lines.append(f"# layer = keras.layers.Conv2D(1, {tuple(w_shape[:2])}, strides={s}, padding='{settings.padding}', "
                     f"dilation_rate={d})")
        lines.append("# layer.build((None, None, None, 1)); layer.set_weights([w[:, :, None, None], np.array([b])])")
    return "\n".join(lines) + "\n"
