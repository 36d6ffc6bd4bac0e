"""The Backward tab's numbers as a TensorFlow program: tf.GradientTape over the explorer's layer.

:func:`backward_snippet` gives a whole program that runs as it is: ``x``, the filter bank ``w``
``(kh, kw, C, F)`` and the biases ``b`` with the document's values, the layer (padding spelled out
as convviz resolved it, the kernel flipped for convolve and dilated by hand, then activation and
pooling), the loss whose gradient the upstream is, and ``tape.gradient``; it leaves ``dW`` (one
array per filter, each kernel's shape), ``db``, ``dX`` (the input's shape), the SGD step
``w_new``/``b_new`` and the loss before and after.  1D runs as 2D with one row.
"""

from __future__ import annotations

import numpy as np

from convviz.core.messages import TextError
from convviz.core.padding import conv_geometry
from convviz.model.settings import OpSettings

from .code import INPUT_FILE, WIDTH, inline_input
from .code_words import Translate, tr, words, wrap

_NP_PAD_MODE = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}
_ACTIVATIONS = {"none": None, "relu": "tf.nn.relu(z)", "leaky_relu": "tf.where(z > 0, z, 0.2 * z)",
                "sigmoid": "tf.math.sigmoid(z)", "tanh": "tf.math.tanh(z)", "elu": "tf.nn.elu(z)"}


def _comment(text: str, indent: str = "") -> list[str]:
    return wrap(text, WIDTH, initial_indent=indent + "# ", subsequent_indent=indent + "# ")


def _number(v: float) -> str:
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _rows(name: str, arr) -> list[str]:
    """``name = np.array([...], dtype=float)`` for a 1D or 2D array, a row per line (wrapped at WIDTH)."""
    arr = np.asarray(arr, dtype=np.float64)
    rows = [[_number(v) for v in row] for row in np.atleast_2d(arr)]
    lines = [f"{name} = np.array(["]
    for row in rows:
        line = "    [" if arr.ndim == 2 else "    "
        for i, text in enumerate(row):
            token = text + (", " if i < len(row) - 1 else ("]," if arr.ndim == 2 else ","))
            if len(line + token.rstrip()) > WIDTH:
                lines.append(line.rstrip())
                line = "     "
            line += token
        lines.append(line.rstrip())
    lines.append("], dtype=float)")
    return lines


def _array(name: str, arr) -> list[str]:
    """Lines defining ``name``: a 3D array as one matrix per last-axis slice, stacked."""
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim < 3 or arr.shape[-1] == 1:
        return _rows(name, arr if arr.ndim < 3 else arr[..., 0])
    lines, names = [], []
    for c in range(arr.shape[-1]):
        names.append(f"{name}_{c}")
        lines += _rows(names[-1], arr[..., c])
    return lines + [f"{name} = np.stack([{', '.join(names)}], axis=-1)"]


def _bank(kernels, channels: int, one_d: bool) -> np.ndarray:
    """The document's kernels as a (kh, kw, C, F) bank (1D: kh = 1)."""
    out = []
    for k in kernels:
        k = np.asarray(k, dtype=np.float64)
        if one_d:
            k = k.reshape(1, -1)
        if k.ndim == 2:
            k = np.repeat(k[:, :, None], channels, axis=2)
        out.append(k)
    return np.stack(out, axis=-1)


def backward_snippet(settings: OpSettings, x, kernels, biases, *, upstream: str = "ones", upstream_maps=None,
                     target=None, lr: float = 0.1, translate: Translate | None = None) -> str:
    """The program for the document's input ``x``, ``kernels`` and ``biases``; ``upstream`` and its
    maps (one per filter) as the Backward tab has them; ``translate``: the comments' language."""
    with words(translate):
        return _backward_snippet(settings, x, kernels, biases, upstream, upstream_maps, target, lr)


def _backward_snippet(settings: OpSettings, x, kernels, biases, upstream, upstream_maps, target, lr) -> str:
    if settings.op not in ("correlate", "convolve"):
        raise TextError("The backward pass is shown for correlate and convolve.")
    if settings.groups != 1:  # its gradients sum every channel: a grouped layer's are not shown yet
        raise TextError("The backward pass is shown for a standard convolution: choose standard under Channels.")
    x = np.asarray(x, dtype=np.float64)
    one_d = x.ndim == 1
    channels = x.shape[2] if x.ndim == 3 else 1
    spatial = 1 if one_d else 2
    kshape = (np.size(kernels[0]),) if one_d else np.shape(kernels[0])[:2]
    g = conv_geometry(x.shape[:spatial], kshape, settings.padding_spec(spatial), stride=settings.stride,
                      dilation=settings.dilation, same=settings.same)
    pads = (((0, 0),) if one_d else ()) + tuple((int(b), int(a)) for b, a in g.pads)
    kh, kw = (1, kshape[0]) if one_d else kshape
    s, d = settings.stride, settings.dilation
    filters = len(kernels)

    lines = ["import numpy as np", "import tensorflow as tf", ""]
    if inline_input(x):
        lines += _comment(tr("x: the input ({shape}), as in the window").format(shape=" x ".join(map(str, x.shape))))
        lines += _array("x", x)
    else:
        lines += _comment(tr("x: the input is too large to print: save it as {file} (Code tab)").format(
            file=INPUT_FILE))
        lines += [f"x = np.load('{INPUT_FILE}')"]
    lines += [""] + _comment(tr("w: the filter bank (kh, kw, C, F), b: the biases"))
    lines += _array("w", _bank(kernels, channels, one_d).reshape(kh, kw, -1))
    lines.append(f"w = w.reshape({kh}, {kw}, {channels}, {filters})")
    lines.append(f"b = np.array([{', '.join(_number(v) for v in biases)}], dtype=float)")
    lines += [""]
    shape4 = (1, 1, x.shape[0], 1) if one_d else (1,) + x.shape[:2] + (channels,)
    lines += _comment(tr("(batch, H, W, C); a 1D signal is one row") if one_d else "(batch, H, W, C)")
    lines.append(f"x_var = tf.Variable(x.reshape{shape4})")
    lines += ["w_var = tf.Variable(w)", "b_var = tf.Variable(b)", ""]
    lines += _comment(tr("padding (before, after) per axis, as convviz resolved it"))
    lines.append(f"pads = {tuple(pads)}")
    if d > 1:
        lines += _comment(tr("dilation {d} by hand (TensorFlow's CPU gradients refuse dilations): "
                             "D[t * d, t] = 1 puts the taps d apart").format(d=d))
        lines.append(f"Dh = np.eye({(kh - 1) * d + 1})[:, ::{d}]")
        lines.append(f"Dw = np.eye({(kw - 1) * d + 1})[:, ::{d}]")
    lines += ["", "", "def layer(x4, w4, b4):"]
    if settings.boundary == "zeros":
        lines.append("    xp = tf.pad(x4, [(0, 0), *pads, (0, 0)])")
    else:
        mode = _NP_PAD_MODE[settings.boundary]
        lines += _comment(tr("boundary '{boundary}': gather the cells np.pad(mode='{mode}') copies").format(
            boundary=settings.boundary, mode=mode), "    ")
        lines.append(f"    rows = np.pad(np.arange({shape4[1]}), pads[0], mode='{mode if shape4[1] > 1 else 'edge'}')")
        lines.append(f"    cols = np.pad(np.arange({shape4[2]}), pads[1], mode='{mode}')")
        lines.append("    xp = tf.gather(x4, rows, axis=1)")
        lines.append("    xp = tf.gather(xp, cols, axis=2)")
    kernel = "w4"
    if settings.op == "convolve":
        lines.append("    k = tf.reverse(w4, [0, 1])  # " + tr("convolve flips it"))
        kernel = "k"
    if d > 1:
        lines.append(f"    k = tf.einsum('ai,bj,ijcf->abcf', Dh, Dw, {kernel})")
        kernel = "k"
    strides = f"[1, {s}]" if one_d else str(s)
    lines.append(f"    z = tf.nn.conv2d(xp, {kernel}, strides={strides}, padding='VALID')")
    lines.append("    z = z + b4")
    activation = _ACTIVATIONS[settings.activation]
    if activation:
        lines.append(f"    z = {activation}")
    if settings.pool != "none":
        size = settings.pool_size
        stride = settings.pool_stride or size
        ksize, pstride = ([1, size], [1, stride]) if one_d else (size, stride)
        fn = "max_pool2d" if settings.pool == "max" else "avg_pool2d"
        lines.append(f"    z = tf.nn.{fn}(z, ksize={ksize}, strides={pstride},")
        lines.append(f"        padding='{settings.pool_padding.upper()}')")
    lines += ["    return z", "", ""]
    lines += ["y = layer(x_var, w_var, b_var).numpy()  # (1, H', W', F)"]
    lines += _loss_lines(upstream, upstream_maps, target, one_d)
    lines += ["", "", "with tf.GradientTape() as tape:", "    loss = loss_of(layer(x_var, w_var, b_var))",
              "dW, db, dX = tape.gradient(loss, [w_var, b_var, x_var])"]
    lines += _comment(tr("back to the window's shapes: one dW per filter, dX like x"))
    dw_shape = (kw,) if one_d else ((kh, kw) if channels == 1 else (kh, kw, channels))
    lines.append(f"shape = {dw_shape}  # " + tr("the kernel's"))
    lines.append(f"dW = [dW.numpy()[..., f].reshape(shape) for f in range({filters})]")
    lines.append("db = db.numpy()")
    lines.append("dX = dX.numpy().reshape(x.shape)")
    lines += ["", f"lr = {lr!r}  # " + tr("one SGD step"),
              "w_new = w - lr * np.stack(dW, axis=-1).reshape(w.shape)", "b_new = b - lr * db",
              "loss_before = float(loss)",
              "loss_after = float(loss_of(layer(x_var, w_new, b_new)))",
              "print('dW', dW, 'db', db, 'dX', dX, sep='\\n')",
              "print('loss', loss_before, '->', loss_after)"]
    return "\n".join(lines) + "\n"


def _stacked(maps, one_d: bool) -> np.ndarray:
    """One map per filter as the layer's output (1, H', W', F)."""
    stack = np.stack([np.asarray(m, dtype=np.float64) for m in maps], axis=-1)
    return stack[None, None] if one_d else stack[None]


def _loss_lines(upstream: str, upstream_maps, target, one_d: bool) -> list[str]:
    lines = [""]
    if upstream == "ones":
        lines += _comment(tr("L = Σ Y: every upstream gradient dL/dY is 1"))
        return lines + ["", "def loss_of(y):", "    return tf.reduce_sum(y)"]
    if upstream == "file":
        lines += _comment(tr("L = Σ dY ⊙ Y: its gradient dL/dY is dY, the upstream file"))
        stack = _stacked(upstream_maps, one_d)
        lines += _array("dy", stack[0, 0] if one_d else stack[0])
        lines.append(f"dy = dy.reshape({stack.shape})")
        return lines + ["", "", "def loss_of(y):", "    return tf.reduce_sum(dy * y)"]
    lines += _comment(tr("L = mean (Y - T)²: dL/dY = 2 (Y - T) / n"))
    stack = _stacked(target, one_d)
    if not np.any(stack):
        lines.append("target = np.zeros_like(y)")
    else:
        lines += _array("target", stack[0, 0] if one_d else stack[0])
        lines.append(f"target = target.reshape({stack.shape})")
    return lines + ["", "", "def loss_of(y):", "    return tf.reduce_mean((y - target) ** 2)"]
