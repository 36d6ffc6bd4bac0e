"""The code behind every picture: NumPy/SciPy and TensorFlow snippets that
reproduce what the window shows for the current settings.

:func:`numpy_snippet` and :func:`tensorflow_snippet` give a whole program that
runs as it is: its imports, ``x`` (the input, as in the window), ``w`` (the
current filter's kernel, ``(k,)``, ``(kh, kw)`` or ``(kh, kw, C)``) and ``b``
(its bias) with the document's values, then the computation, which leaves the
feature map in ``out`` and, with pooling, the pooled map in ``pooled``.
:func:`numpy_code` and :func:`tensorflow_code` are the computation alone.

Where a library mode matches the settings it is used by name
(``scipy.signal.correlate2d(x, w, mode='same')``); where none does, the padding
is spelled out with the numbers convviz resolved.  Every line fits in
:data:`WIDTH` columns, so the Code tab never scrolls sideways.
"""

from __future__ import annotations

import numpy as np

from convviz.core.pool import pool_geometry
from convviz.model.pipeline import OpSettings

from .code_transposed import keras_comment, numpy_transposed_lines, tensorflow_transposed_lines
from .code_words import Translate, columns, tr, words, wrap

#: Columns every generated line fits in: the Code tab shows about 60 at 1280x800.
WIDTH = 60
#: An input whose values would print longer than this is read from a file instead: a few
#: screens of numbers still read as an example, tens of thousands of characters do not.
MAX_INLINE_CHARS = 8_000
#: The file the snippet reads a large input from (the Code tab saves it).
INPUT_FILE = "input.npy"

_NP_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
_CHANNEL_NAMES = ("red", "green", "blue")


def _pads_text(pads) -> str:
    return "(" + ", ".join(f"({b}, {a})" for b, a in pads) + ("," if len(pads) == 1 else "") + ")"


def _comment(text: str, indent: str = "") -> list[str]:
    return wrap(text, WIDTH, initial_indent=indent + "# ", subsequent_indent=indent + "# ")


def _comment_lines(text: str) -> list[str]:
    """A comment broken where ``text`` has line breaks (a translation keeps them)."""
    return ["# " + line for line in text.split("\n")]


def _noted(code: str, note: str) -> list[str]:
    """``code  # note`` when it fits in :data:`WIDTH`, else the note on the line above."""
    line = f"{code}  # {note}"
    return [line] if columns(line) <= WIDTH else [f"# {note}", code]


def _geometry(settings: OpSettings, x_shape, w_shape):
    spatial = 1 if len(x_shape) == 1 else 2
    return settings.geometry(x_shape[:spatial], w_shape[:spatial])


# ------------------------------------------------------------------ values
def _number(v: float) -> str:
    """The shortest text that reads back as exactly ``v`` (integers without '.0')."""
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def _pack(items: list[str], first: str, indent: str, last: str) -> list[str]:
    """``first`` + the items joined by ', ' + ``last``, wrapped to :data:`WIDTH` with
    continuation lines starting with ``indent``."""
    lines, line = [], first
    for i, item in enumerate(items):
        token = item + (", " if i < len(items) - 1 else last)
        if len(line + token.rstrip()) > WIDTH and line.strip() not in ("", "[", first.strip()):
            lines.append(line.rstrip())
            line = indent
        line += token
    lines.append(line.rstrip())
    return lines


def _array_lines(name: str, arr: np.ndarray) -> list[str]:
    """``name = np.array([...], dtype=float)`` for a 1D or 2D array, one row per line,
    wrapped to :data:`WIDTH`; short numbers are right-aligned so the columns line up."""
    texts = [[_number(v) for v in row] for row in np.atleast_2d(arr)]
    longest = max((len(t) for row in texts for t in row), default=1)
    texts = [[t.rjust(longest if longest <= 6 else 0) for t in row] for row in texts]
    if arr.ndim == 1:
        one_line = _pack(texts[0], f"{name} = np.array([", " " * len(f"{name} = np.array(["), "], dtype=float)")
        if len(one_line) <= 1:
            return one_line
        return [f"{name} = np.array(["] + _pack(texts[0], "    ", "    ", ",") + ["], dtype=float)"]
    lines = [f"{name} = np.array(["]
    for row in texts:
        lines += _pack(row, "    [", "     ", "],")
    lines.append("], dtype=float)")
    return lines


def _named_array_lines(name: str, arr: np.ndarray, what: str) -> list[str]:
    """Lines defining ``name``: channels-last 3D arrays as one matrix per channel, stacked."""
    if arr.ndim < 3:
        return _array_lines(name, arr)
    if all(np.array_equal(arr[:, :, c], arr[:, :, 0]) for c in range(1, arr.shape[2])):
        lines = _array_lines(f"{name}_channel", arr[:, :, 0])
        lines.append(f"{name} = np.stack([{name}_channel] * {arr.shape[2]}, axis=-1)")
        return lines + _comment(tr("{what}: {shape}, channels last, the same matrix on every channel").format(
            what=what, shape="x".join(map(str, arr.shape))))
    names = [f"{name}_{_CHANNEL_NAMES[c] if arr.shape[2] == 3 else c}" for c in range(arr.shape[2])]
    lines = []
    for c, channel_name in enumerate(names):
        lines += _array_lines(channel_name, arr[:, :, c])
    lines.append(f"{name} = np.stack([{', '.join(names)}], axis=-1)")
    lines += _comment(tr("{what}: {shape}, channels last").format(what=what, shape="x".join(map(str, arr.shape))))
    return lines


def inline_input(x: np.ndarray) -> bool:
    """Whether the snippets print ``x``'s values (otherwise they read it from :data:`INPUT_FILE`)."""
    x = np.asarray(x)
    if 3 * x.size > MAX_INLINE_CHARS:  # every value takes at least 'v, ': no need to format 512x512
        return False
    return len("\n".join(_named_array_lines("x", x, "the input"))) <= MAX_INLINE_CHARS


def data_lines(x: np.ndarray, w: np.ndarray, b: float, *, filter_number: int | None = None) -> list[str]:
    """The lines that define ``x``, ``w`` and ``b`` with these values (numpy imported as np)."""
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    shape = " x ".join(map(str, x.shape))
    if inline_input(x):
        lines = _comment(tr("x: the input ({shape}), as in the window").format(shape=shape))
        lines += _named_array_lines("x", x, tr("the input"))
    else:
        lines = _comment(tr("x: the input ({shape}) is too large to print here. In convviz's Code tab, 'Save "
                            "the input as {file}' writes it; put the file in the folder you run this from "
                            "(np.save('{file}', x) writes an array of your own).").format(shape=shape,
                                                                                      file=INPUT_FILE))
        lines += [f"x = np.load('{INPUT_FILE}')", f"assert x.shape == {tuple(x.shape)}, x.shape"]
    which = (tr("w: the kernel of filter {n}, b: its bias").format(n=filter_number) if filter_number
             else tr("w: the kernel, b: its bias"))
    lines += [""] + _comment(which)
    lines += _named_array_lines("w", w, tr("the kernel"))
    lines.append(f"b = {float(b)!r}")
    return lines


def _channels_read(settings: OpSettings, x, filter_number, filters: int) -> range | None:
    """The channels filter ``filter_number`` (1-based) reads under grouped settings; None: all of them."""
    channels = np.shape(x)[2] if np.ndim(x) == 3 else 1
    if settings.groups == 1:
        return None
    problem = settings.groups_problem(channels, filters)
    if problem:
        raise ValueError(problem)
    return settings.group_channels(channels, filters, (filter_number or 1) - 1)


def _with_data(code: str, x, w, b, filter_number) -> str:
    """``code`` with the data lines after its imports (the imports are its first block)."""
    imports, _, rest = code.partition("\n\n")
    data = data_lines(x, w, b, filter_number=filter_number)  # (in the words being written)
    return imports + "\n\n" + "\n".join(data) + "\n\n" + rest


def numpy_snippet(settings: OpSettings, x, w, b, *, filter_number: int | None = None, filters: int = 1,
                  translate: Translate | None = None) -> str:
    """The runnable NumPy/SciPy program: imports, ``x``, ``w``, ``b``, then :func:`numpy_code` (``filters``:
    the bank's size, which with grouped settings decides the channels filter ``filter_number`` reads;
    ``translate``: the comments' language, the window's ``tr``; English without one)."""
    with words(translate):
        read = _channels_read(settings, x, filter_number, filters)
        return _with_data(numpy_code(settings, np.shape(x), np.shape(w), read), x, w, b, filter_number)


def tensorflow_snippet(settings: OpSettings, x, w, b, *, filter_number: int | None = None,
                       filters: int = 1, translate: Translate | None = None) -> str:
    """The runnable TensorFlow program: imports, ``x``, ``w``, ``b``, then :func:`tensorflow_code`."""
    with words(translate):
        read = _channels_read(settings, x, filter_number, filters)
        code = tensorflow_code(settings, np.shape(x), np.shape(w), read)
        if read is not None:
            code += "\n".join([""] + group_keras_comment(settings, np.shape(x), np.shape(w), filters)) + "\n"
        return _with_data(code, x, w, b, filter_number)


def _group_lines(read: range, x_shape, w_shape) -> tuple[list[str], tuple, tuple]:
    """The lines that keep the channels a grouped filter reads (x and w sliced alike), and the shapes after."""
    channels = x_shape[2]
    names = ", ".join(_CHANNEL_NAMES[c] if channels == 3 else str(c) for c in read)
    if len(read) == 1:
        lines = _comment(tr("depthwise: this filter reads channel {names} only, a 2D image; the other channels "
                            "are other filters' work").format(names=names))
        cut = f"[..., {read.start}]"
        return lines + [f"x = x{cut}", f"w = w{cut}"], tuple(x_shape[:2]), tuple(w_shape[:2])
    lines = _comment(tr("grouped: this filter reads channels {names} only (its group's block)").format(names=names))
    cut = f"[..., {read.start}:{read.stop}]"
    return (lines + [f"x = x{cut}", f"w = w{cut}"], tuple(x_shape[:2]) + (len(read),),
            tuple(w_shape[:2]) + (len(read),))


def group_keras_comment(settings: OpSettings, x_shape, w_shape, filters: int) -> list[str]:
    """The whole bank as one Keras layer, as a comment: DepthwiseConv2D or Conv2D(groups=)."""
    channels, g = x_shape[2], settings.groups
    size = tuple(w_shape[:2])
    if settings.op == "convolve" or settings.boundary != "zeros" or settings.padding not in ("valid", "same") \
            or (settings.padding == "same" and settings.same != "tensorflow"):
        return []  # Keras's layers correlate, with zeros, 'valid' or TensorFlow's 'same'
    pad = f"padding='{settings.padding}'"
    if g == channels:
        m = filters // channels
        # (Broken where the English breaks: "f // m" must not be cut in two.)
        return _comment_lines(tr("The whole bank as one Keras layer (filter f is\n[..., f // {m}, f % {m}] of its "
                                 "(kh, kw, C, {m}) kernel):").format(m=m)) + [
                f"# keras.layers.DepthwiseConv2D({size}, depth_multiplier={m},",
                f"#     strides={settings.stride}, {pad},",
                f"#     dilation_rate={settings.dilation})"] + _comment(
            tr("or tf.nn.depthwise_conv2d on all {channels} channels.").format(channels=channels))
    return _comment_lines(tr("The whole bank as one Keras layer (its kernel is\n(kh, kw, {c}, {filters}): each "
                             "filter its group's channels):").format(c=channels // g, filters=filters)) + [
            f"# keras.layers.Conv2D({filters}, {size}, groups={g},",
            f"#     strides={settings.stride}, {pad},",
            f"#     dilation_rate={settings.dilation})"]


# ------------------------------------------------------------- NumPy/SciPy
def numpy_code(settings: OpSettings, x_shape, w_shape, channels_read: range | None = None) -> str:
    """``channels_read``: a grouped filter's channels (the code keeps those of x and w first)."""
    lines = ["import numpy as np", "import scipy.signal", ""]
    if channels_read is not None:
        group, x_shape, w_shape = _group_lines(channels_read, x_shape, w_shape)
        lines += group + [""]
    g = _geometry(settings, x_shape, w_shape)
    spatial = len(g.out_shape)
    channels = x_shape[2] if len(x_shape) == 3 else 1
    s, d = settings.stride, settings.dilation
    simple = settings.boundary == "zeros" and s == 1 and d == 1 and channels == 1
    conv = settings.op == "convolve"
    if settings.op == "transposed":
        lines = numpy_transposed_lines(settings, x_shape, w_shape)
    elif simple and settings.padding in ("valid", "full"):
        fn = ("convolve" if conv else "correlate") + ("2d" if spatial == 2 else "")
        lines.append(f"out = scipy.signal.{fn}(x, w, mode='{settings.padding}')")
    elif simple and settings.padding == "same" and spatial == 2 and (
            (settings.same == "tensorflow" and not conv) or (settings.same == "centered" and conv)):
        fn = "convolve2d" if conv else "correlate2d"
        lines += _comment(tr("'same' with the extra padding cell after, as in TensorFlow") if not conv
                          else tr("'same' centered: the extra padding cell before"))
        lines.append(f"out = scipy.signal.{fn}(x, w, mode='same')")
    elif simple and settings.padding == "same" and settings.same == "centered":
        fn = "convolve" if conv else "correlate"
        lines += _comment(tr("'same' centered: the extra padding cell before"))
        lines.append(f"out = scipy.signal.{fn}(x, w, mode='same')")
    else:
        mode = _NP_PAD_MODE[settings.boundary]
        lines += _comment(tr("padding (before, after) per axis, as convviz resolved it"))
        lines.append(f"pads = {_pads_text(g.pads)}")
        if channels > 1:
            lines += _noted(f"xp = np.pad(x, pads + ((0, 0),), mode='{mode}')", tr("channels unpadded"))
        else:
            lines.append(f"xp = np.pad(x, pads, mode='{mode}')")
        if conv:
            kernel = "w[::-1, ::-1]" if spatial == 2 else "w[::-1]"
            lines += _noted(f"k = {kernel}", tr("convolution flips the kernel (not its channels)"))
        else:
            lines.append("k = w")
        if d > 1:
            dilated = tuple((n - 1) * d + 1 for n in w_shape[:spatial]) + tuple(w_shape[spatial:])
            lines += _comment(tr("dilation {d}: {holes} holes between the kernel's taps").format(d=d, holes=d - 1)
                              if d > 2 else tr("dilation 2: 1 hole between the kernel's taps"))
            lines.append(f"kd = np.zeros({dilated})")
            lines.append(f"kd[{', '.join([f'::{d}'] * spatial)}] = k")
            lines.append("k = kd")
        fn = "correlate2d" if spatial == 2 else "correlate"
        if channels > 1:
            lines.append("out = 0")
            lines += _noted(f"for c in range({channels}):", tr("each channel on its own, summed"))
            lines.append(f"    out = out + scipy.signal.{fn}(")
            lines.append("        xp[..., c], k[..., c], mode='valid')")
        else:
            lines.append(f"out = scipy.signal.{fn}(xp, k, mode='valid')")
        if s > 1:
            step = f"[::{s}, ::{s}]" if spatial == 2 else f"[::{s}]"
            lines += _noted(f"out = out{step}", tr("stride {s}").format(s=s))
    lines.append("out = out + b")
    lines += _numpy_activation(settings.activation)
    if settings.pool != "none":
        lines += _numpy_pool(settings, g.out_shape)
    return "\n".join(lines) + "\n"


def _numpy_activation(name: str) -> list[str]:
    return {
        "none": [],
        "relu": ["out = np.maximum(out, 0)  # ReLU"],
        "leaky_relu": _noted("out = np.where(out > 0, out, 0.2 * out)", tr("leaky ReLU")),
        "sigmoid": ["out = 1 / (1 + np.exp(-out))  # sigmoid"],
        "tanh": ["out = np.tanh(out)"],
        "elu": ["# ELU", "out = np.where(out > 0, out, np.expm1(np.minimum(out, 0)))"],
    }[name]


def _numpy_pool(settings: OpSettings, map_shape) -> list[str]:
    pg = pool_geometry(map_shape, settings.pool_size, stride=settings.pool_stride or None,
                       padding=settings.pool_padding)
    k = pg.kernel_shape
    s = pg.stride
    spatial = len(k)
    window = str(k) if spatial > 1 else f"({k[0]},)"
    step = ", ".join(f"::{v}" for v in s)
    lines = ["", "from numpy.lib.stride_tricks import sliding_window_view", ""]
    padded = any(b or a for b, a in pg.pads)
    axes = "(-2, -1)" if spatial == 2 else "-1"
    if padded:
        lines += _noted(f"pool_pads = {_pads_text(pg.pads)}", tr("'same' pooling"))
    if settings.pool == "max":
        if padded:
            lines += _comment(tr("padded cells are -inf: padding never wins"))
            lines.append("op = np.pad(out, pool_pads, constant_values=-np.inf)")
        else:
            lines.append("op = out")
        lines.append(f"windows = sliding_window_view(op, {window})[{step}]")
        lines.append(f"pooled = windows.max(axis={axes})")
    else:
        if padded:
            lines += _noted("op = np.pad(out, pool_pads)", tr("zeros: they add nothing"))
        else:
            lines.append("op = out")
        lines.append(f"windows = sliding_window_view(op, {window})[{step}]")
        lines.append(f"sums = windows.sum(axis={axes})")
        if padded:
            lines += _comment(tr("TensorFlow divides by the real cells only"))
            lines.append("ones = np.pad(np.ones_like(out), pool_pads)")
            lines.append(f"counts = sliding_window_view(ones, {window})[{step}]")
            lines.append(f"counts = counts.sum(axis={axes})")
            lines.append("pooled = sums / counts")
        else:
            lines.append(f"pooled = sums / {int(np.prod(k))}")
    return lines


# -------------------------------------------------------------- TensorFlow
def tensorflow_code(settings: OpSettings, x_shape, w_shape, channels_read: range | None = None) -> str:
    """``channels_read``: a grouped filter's channels (one channel: tf.nn.depthwise_conv2d on it)."""
    lines = ["import numpy as np", "import tensorflow as tf", ""]
    depthwise = channels_read is not None and len(channels_read) == 1
    if channels_read is not None:
        group, x_shape, w_shape = _group_lines(channels_read, x_shape, w_shape)
        lines += group + [""]
    g = _geometry(settings, x_shape, w_shape)
    spatial = len(g.out_shape)
    channels = x_shape[2] if len(x_shape) == 3 else 1
    s, d = settings.stride, settings.dilation
    conv = settings.op == "convolve"
    # TensorFlow refuses stride > 1 together with dilation > 1: convolve at stride 1, stride afterwards.
    strided_after = s > 1 and d > 1
    if settings.op == "transposed":
        lines = tensorflow_transposed_lines(settings, x_shape, w_shape)
        lines += _tensorflow_tail(settings, g.out_shape, spatial)
        return "\n".join(lines + keras_comment(settings, w_shape, spatial)) + "\n"
    if settings.boundary != "zeros":
        lines += _comment(tr("boundary '{boundary}': pad in numpy (TensorFlow pads only zeros)").format(
            boundary=settings.boundary))
        lines.append(f"pads = {_pads_text(g.pads + (((0, 0),) if channels > 1 else ()))}")
        lines.append(f"x = np.pad(x, pads, mode='{_NP_PAD_MODE[settings.boundary]}')")
        padding = "'VALID'"
    elif settings.padding == "valid":
        padding = "'VALID'"
    elif settings.padding == "same" and settings.same == "tensorflow" and not strided_after:
        padding = "'SAME'"
    else:
        why = (tr("'SAME' at stride 1 pads differently from 'SAME' at the real stride")
               if settings.padding == "same" and settings.same == "tensorflow"
               else tr("no TensorFlow mode puts it there"))
        lines += _comment(tr("explicit padding (before, after) = {pads}: {why}").format(pads=_pads_text(g.pads),
                                                                                        why=why))
        lines.append("padding = [[0, 0], " + ", ".join(f"[{b}, {a}]" for b, a in g.pads) + ", [0, 0]]")
        padding = "padding"
    stride_arg = 1 if strided_after else s
    if spatial == 2:
        x_expr = "x[None]" if channels > 1 else "x[None, :, :, None]"
        w_expr = "w[:, :, :, None]" if channels > 1 else "w[:, :, None, None]"
        if conv:
            w_expr = w_expr.replace("w[", "k[")
            lines += _noted("k = w[::-1, ::-1]", tr("flipped: tf.nn.conv2d correlates"))
        lines += _noted(f"x4 = tf.constant({x_expr}, tf.float64)", "(batch, H, W, C)")
        lines += _noted(f"w4 = tf.constant({w_expr}, tf.float64)", "(kh, kw, C, F)")
        if depthwise:
            lines.append(f"out = tf.nn.depthwise_conv2d(x4, w4, strides=[1, {stride_arg}, {stride_arg}, 1],")
            lines.append(f"    padding={padding}, dilations=[{d}, {d}])")
        else:
            lines.append(f"out = tf.nn.conv2d(x4, w4, strides={stride_arg}, padding={padding},")
            lines.append(f"                   dilations={d})")
        if strided_after:
            lines += _noted(f"out = out[:, ::{s}, ::{s}, :]", tr("stride {s}").format(s=s))
    else:
        w_expr = "k[:, None, None]" if conv else "w[:, None, None]"
        if conv:
            lines += _noted("k = w[::-1]", tr("flipped: tf.nn.conv1d correlates"))
        lines += _noted("x3 = tf.constant(x[None, :, None], tf.float64)", "(batch, W, C)")
        lines += _noted(f"w3 = tf.constant({w_expr}, tf.float64)", "(k, C, F)")
        if padding == "padding":
            lines += _noted("x3 = tf.pad(x3, padding)", tr("conv1d takes no explicit padding"))
            padding = "'VALID'"
        lines.append(f"out = tf.nn.conv1d(x3, w3, stride={stride_arg}, padding={padding},")
        lines.append(f"                   dilations={d})")
        if strided_after:
            lines += _noted(f"out = out[:, ::{s}, :]", tr("stride {s}").format(s=s))
    lines += _tensorflow_tail(settings, g.out_shape, spatial)
    if spatial == 2 and settings.boundary == "zeros" and settings.padding in ("valid", "same") and \
            (settings.padding == "valid" or settings.same == "tensorflow") and not conv and channels == 1 \
            and not strided_after and channels_read is None:  # Keras refuses stride and dilation > 1 together
        lines.append("")
        lines += _comment(tr("The same as a Keras layer:"))
        lines.append(f"# layer = keras.layers.Conv2D(1, {tuple(w_shape[:2])}, strides={s},")
        lines.append(f"#     padding='{settings.padding}', dilation_rate={d})")
        lines.append("# layer.build((None, None, None, 1))")
        lines.append("# layer.set_weights([w[:, :, None, None], np.array([b])])")
    return "\n".join(lines) + "\n"


def _tensorflow_tail(settings: OpSettings, out_shape, spatial: int) -> list[str]:
    """The bias, the activation and the pooling after any op's ``out`` (batch first, channels last), and the
    maps as numpy arrays."""
    lines = ["out = out + b"]
    if settings.activation == "leaky_relu":
        # tf.nn.leaky_relu keeps alpha as a float32 (0.2000000029...): a 1e-8 difference
        lines += _comment(tr("leaky ReLU; tf.nn.leaky_relu(out, alpha=0.2) rounds 0.2 to float32"))
    act = {"none": None, "relu": "tf.nn.relu(out)", "leaky_relu": "tf.where(out > 0, out, 0.2 * out)",
           "sigmoid": "tf.math.sigmoid(out)", "tanh": "tf.math.tanh(out)", "elu": "tf.nn.elu(out)"}[settings.activation]
    if act:
        lines.append(f"out = {act}")
    if settings.pool != "none":
        pg = pool_geometry(out_shape, settings.pool_size, stride=settings.pool_stride or None,
                           padding=settings.pool_padding)
        fn = {"max": "max_pool", "avg": "avg_pool"}[settings.pool] + ("2d" if spatial == 2 else "1d")
        ksize = list(pg.kernel_shape) if spatial == 2 else pg.kernel_shape[0]
        strides = list(pg.stride) if spatial == 2 else pg.stride[0]
        if settings.pool == "avg" and settings.pool_padding == "same":
            lines += _comment(tr("'SAME' average: divides by the real cells"))
        lines.append(f"pooled = tf.nn.{fn}(out, ksize={ksize}, strides={strides},")
        lines.append(f"{' ' * len(f'pooled = tf.nn.{fn}(')}padding='{settings.pool_padding.upper()}')")
        lines.append("pooled = pooled.numpy()[0, ..., 0]")
    lines.append("out = out.numpy()[0, ..., 0]")
    return lines
