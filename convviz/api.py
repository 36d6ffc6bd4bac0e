"""convviz from Python and Jupyter: explain a convolution on your own arrays, without files.

``explain(x, kernel, **op)`` runs the same pipeline as the window and ``convviz export``
(convolution -> activation -> pooling) and returns an :class:`Explanation`: the arrays, the
lazy step trace, a contact sheet and step pictures that a notebook shows inline
(``_repr_png_`` / ``_repr_svg_``), the step animation and the NumPy/SciPy and TensorFlow code.
Nothing here imports Qt or TensorFlow; :func:`convviz.show` (in ``convviz.viewer``) opens the window.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from convviz.api_operands import is_integer, op_settings, operands
from convviz.model.pipeline import OpSettings, PipelineResult, run_pipeline, step_trace

__all__ = ["explain", "op_settings", "operands", "Explanation", "NonFiniteWarning", "StepPicture", "Code"]


def explain(x, kernel, *, bias=0.0, **op) -> "Explanation":
    """Convolve ``x`` with ``kernel`` as the window does and explain it.

    Keywords are the command line's op options: ``op`` (correlate | convolve), ``padding``
    (valid | same | full | N | (top, bottom, left, right)), ``same`` (tensorflow | centered),
    ``boundary`` (zeros | reflect | replicate | circular), ``stride``, ``dilation``, ``bias``,
    ``activation`` (none | relu | leaky_relu | sigmoid | tanh | elu), ``pool`` (none | max | avg),
    ``pool_size``, ``pool_stride``, ``pool_padding`` (valid | same), ``groups`` (N or "depthwise":
    Keras's Conv2D(groups=N) / DepthwiseConv2D on an (H, W, C) input, the kernel a Keras bank
    (kh, kw, C/N, F), or under depthwise one (kh, kw) kernel for every channel), ``output_padding``
    (with ``op="transposed"``).
    Raises ValueError (one line) for settings that do not fit, TypeError for an unknown keyword,
    BudgetError (a ValueError) for a computation over the memory budget (``CONVVIZ_MEMORY_BUDGET``,
    2 GB by default) before it allocates; results that overflow to inf or NaN give one
    :class:`NonFiniteWarning`.
    """
    from convviz.model.limits import nonfinite_problem, pipeline_error

    groups = op.pop("groups", 1)
    settings = op_settings(**op)
    x, kernels, biases = operands(x, kernel, bias, groups=groups)
    if groups != 1:  # the channels each filter reads: the same rule the window and the command line use
        from dataclasses import replace

        channels = x.shape[2] if x.ndim == 3 else 1
        settings = replace(settings, groups=channels if groups == "depthwise" else groups).validate()
    problem = pipeline_error(np.shape(x), np.shape(kernels[0]), len(kernels), settings)
    if problem is not None:
        raise problem
    with np.errstate(over="ignore", invalid="ignore"):  # said once below, instead of numpy's warnings
        result = run_pipeline(x, kernels, biases, settings)
    problem = nonfinite_problem(list(result.extrema) + list(result.pooled_extrema))
    if problem:
        warnings.warn(NonFiniteWarning(problem), stacklevel=2)
    return Explanation(x, kernels, biases, settings, result)


class NonFiniteWarning(RuntimeWarning):
    """Results that overflowed to inf or NaN (inputs or kernels near the float limit)."""


def _stacked(maps) -> np.ndarray:
    """One filter's map as it is, a bank's as (..., F): what ``convviz export`` saves."""
    maps = [np.asarray(m) for m in maps]
    return maps[0] if len(maps) == 1 else np.stack(maps, axis=-1)


class Explanation:
    """What :func:`explain` found: arrays, steps, pictures, animation and code of one operation."""

    def __init__(self, x: np.ndarray, kernels: list[np.ndarray], biases: list[float], settings: OpSettings,
                 result: PipelineResult):
        self.x, self.kernels, self.biases, self.settings = x, kernels, biases, settings
        self.result = result

    # ------------------------------------------------------------------ arrays
    @property
    def output(self) -> np.ndarray:
        """The feature map after the activation: (oh, ow) or (n,) for one filter, (oh, ow, F) for a bank."""
        return _stacked(self.result.activated)

    @property
    def pooled(self) -> np.ndarray | None:
        """The pooled map(s), shaped as :attr:`output`; None without pooling."""
        return _stacked(self.result.pooled) if self.settings.pool != "none" else None

    @property
    def filters(self) -> int:
        return len(self.kernels)

    def options(self) -> dict:
        """The keywords that give these settings again (``explain(x, kernel, **r.options())``)."""
        s = self.settings
        padding = s.padding if s.padding != "explicit" else tuple(s.explicit_pad)
        return dict(op=s.op, padding=padding, same=s.same, boundary=s.boundary, stride=s.stride,
                    dilation=s.dilation, activation=s.activation, pool=s.pool, pool_size=s.pool_size,
                    pool_stride=s.pool_stride or None, pool_padding=s.pool_padding)

    def show(self, **kwargs):
        """Open the explorer window on these arrays and settings (see :func:`convviz.show`)."""
        from convviz.model.pipeline import kernel_bank
        from convviz.viewer import show

        channels = self.x.shape[2] if self.x.ndim == 3 else 1
        kernel = self.kernels[0] if self.x.ndim == 1 else kernel_bank(self.kernels, channels)
        return show(self.x, kernel, bias=self.biases, **{**self.options(), **kwargs})

    # ------------------------------------------------------------------- steps
    def trace(self, kind: str = "conv", filter: int = 1):
        """The lazy trace of filter ``filter`` (from 1): its convolution, or ("pool") its pooling.
        Each step has ``.expression()``; indexing costs O(kernel) whatever the input's size."""
        if kind not in ("conv", "pool"):
            raise ValueError(f"kind must be 'conv' or 'pool', got {kind!r}")
        if not (is_integer(filter) and 1 <= filter <= self.filters):
            raise ValueError(f"filter must be 1 to {self.filters}, got {filter!r}")
        if kind == "pool" and self.settings.pool == "none":
            raise ValueError("there is no pooling to step through: pass pool='max' or pool='avg'")
        return step_trace(self.x, self.kernels, self.biases, self.settings, kind, int(filter) - 1,
                          activated=self.result.activated)

    @property
    def steps(self):
        """The convolution's steps (filter 1): ``steps[0].expression()`` is the first output's sum."""
        return self.trace()

    def scene(self, kind: str = "conv", filter: int = 1, *, size=(960, 540), lang: str = "en", min_type=None,
              view: str = "window"):
        """The step view's scene of that trace, laid out for ``size`` (what the window, SVG and
        animations draw); ``lang`` is en, ko or system; ``view`` draws a convolution's steps as the
        sliding window, or as a matrix product: "im2col" (patch matrix × kernel) or "toeplitz"
        (convolution matrix × input)."""
        from convviz.model.limits import nonfinite_problem
        from convviz.render import scene_for, scene_title
        from convviz.render.labels import translator

        problem = nonfinite_problem(list(self.result.extrema) + list(self.result.pooled_extrema))
        if problem:  # a step's arithmetic cannot be written out with inf and NaN
            raise ValueError(f"{problem} to draw the steps")
        tr = translator(lang)
        extra = {} if min_type is None else {"min_type": min_type}
        return scene_for(self.trace(kind, filter), _size(size), title=scene_title(self.settings, tr), tr=tr,
                         view=view if kind == "conv" else "window", **extra)

    def step(self, i: int, kind: str = "conv", filter: int = 1, *, size=(960, 540), reveal=True,
             lang: str = "en", view: str = "window") -> "StepPicture":
        """The step view's picture of step ``i`` (from 0, as ``steps[i]``; negative counts from the end).
        ``reveal``: True shows it all; 0 hides products and sum, 1 the sum (the quiz); ``view`` as
        in :meth:`scene`."""
        scene = self.scene(kind, filter, size=size, lang=lang, view=view)
        n = len(scene.trace)
        if not is_integer(i) or not -n <= i < n:
            raise IndexError(f"step {i!r} is out of range: this trace has {n} steps (0 to {n - 1})")
        return StepPicture(scene.frame(int(i) % n, reveal=reveal))

    def save_animation(self, path, fps: float = 2.0, *, kind: str = "conv", filter: int = 1, size=(1280, 720),
                       max_frames: int = 300, flip: bool = True, lang: str = "en", force: bool = False,
                       view: str = "window") -> Path:
        """Write the step animation as ``convviz animate`` does: a .gif, an .mp4 (with imageio-ffmpeg)
        or a folder of numbered PNGs (a path without a suffix); a convolution opens with the kernel's
        180° turn unless ``flip=False``. Never overwrites without ``force``. Returns the path."""
        from convviz.export.animation import held_bytes, write_animation
        from convviz.model.limits import check_budget

        if not 0 < fps <= 120:
            raise ValueError(f"fps must be between 0 and 120, got {fps}")
        if not (is_integer(max_frames) and max_frames >= 1):
            raise ValueError(f"max_frames must be a positive integer, got {max_frames!r}")
        scene = self.scene(kind, filter, size=size, lang=lang, view=view)
        path = Path(path)
        count = min(len(scene.trace), int(max_frames))
        check_budget(held_bytes(scene, path, count=count, size=_size(size), flip=flip),
                     f"max_frames={count} at size={_size(size)}")
        write_animation(scene, path, count=count, fps=fps, force=force, flip=flip)
        return path

    # -------------------------------------------------------------------- code
    def code(self, filter: int = 1) -> "Code":
        """The NumPy/SciPy and TensorFlow programs that compute filter ``filter``'s maps (as the
        window's Code tab shows them): ``.numpy``, ``.tensorflow``; printing shows both."""
        from convviz.export.code import numpy_snippet, tensorflow_snippet

        if not (is_integer(filter) and 1 <= filter <= self.filters):
            raise ValueError(f"filter must be 1 to {self.filters}, got {filter!r}")
        f = int(filter) - 1
        number = filter if self.filters > 1 else None
        x, w, b = self.x, self.kernels[f], self.biases[f]
        return Code(numpy_snippet(self.settings, x, w, b, filter_number=number, filters=self.filters),
                    tensorflow_snippet(self.settings, x, w, b, filter_number=number, filters=self.filters))

    # ---------------------------------------------------------------- pictures
    def sheet(self, *, colormap: str = "auto", scale: int | None = None, values: bool | None = None):
        """The labelled contact sheet (input, kernels, feature maps, pooled maps, colour bars) as a
        PIL image, as ``convviz export`` writes it; ``values`` defaults to printing the numbers
        where the maps are small enough to read them."""
        from convviz.export.files import sheet_image
        from convviz.model.limits import check_budget

        if scale is not None:
            if not (is_integer(scale) and 1 <= scale <= 64):
                raise ValueError(f"scale must be 1 to 64 pixels per cell, got {scale!r}")
            # Every map's tile at scale² RGB pixels per cell, held twice while the sheet is laid out.
            cells = np.prod(np.shape(self.x)[:2]) + 2 * sum(np.prod(self.result.activated.shape(i))
                                                            for i in range(self.filters))
            cells += 2 * sum(np.size(m) for m in self.result.pooled)
            check_budget(3 * int(scale) ** 2 * cells, f"scale={scale}")
        if values is None:
            values = max(np.shape(self.x)[:2]) <= 16
        return sheet_image(_drawable_rgb(self.x), self.kernels, self.settings, self.result, colormap=colormap,
                           scale=scale, values=values)

    def _repr_png_(self) -> bytes:
        from convviz.export.files import png_bytes

        return png_bytes(self.sheet())

    def __repr__(self) -> str:
        from convviz.export.files import settings_line

        shape = "x".join(map(str, np.shape(self.x)))
        out = "x".join(map(str, self.output.shape))
        text = f"<convviz.Explanation {shape} input, {self.filters} filter(s) -> {out}: {settings_line(self.settings)}>"
        if self.output.size <= 64:
            text += "\noutput:\n" + np.array2string(self.output)
            if self.pooled is not None:
                text += "\npooled:\n" + np.array2string(self.pooled)
        return text


def _drawable_rgb(x: np.ndarray) -> np.ndarray:
    """An RGB input as a picture draws it, in [0, 1]: the sheet clips colours there, and a 0-255
    image (what notebooks usually hold) came out white. Other inputs are drawn as they are."""
    if x.ndim != 3 or x.shape[2] != 3 or (x.min() >= 0 and x.max() <= 1):
        return x
    if x.dtype == np.uint8:
        return x / 255.0
    low, high = float(x.min()), float(x.max())
    return (x - low) / (high - low)


def _size(size) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"size must be (width, height), got {size!r}") from None
    if not (160 <= w <= 3840 and 120 <= h <= 2160):
        raise ValueError(f"size {w}x{h} is out of range (160x120 to 3840x2160)")
    return w, h


class StepPicture:
    """One step of the step view as a picture: a notebook shows it (PNG, or SVG when asked)."""

    def __init__(self, frame):
        self.frame = frame

    @property
    def size(self) -> tuple[int, int]:
        return tuple(self.frame.size)

    def image(self):
        """The picture as a PIL image."""
        from convviz.render.pillow import render_image

        return render_image(self.frame)

    def svg(self) -> str:
        from convviz.render.svg import render_svg

        return render_svg(self.frame)

    def save(self, path) -> Path:
        """Write a .png or .svg (by the suffix), atomically."""
        from convviz.io.atomic import atomic_path

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise ValueError(f"a step picture is saved as .png or .svg, not {path.name}")
        with atomic_path(path) as tmp:
            if suffix == ".svg":
                tmp.write_text(self.svg(), encoding="utf-8")
            else:
                self.image().save(tmp, format="PNG")
        return path

    def _repr_png_(self) -> bytes:
        from convviz.export.files import png_bytes

        return png_bytes(self.image())

    def _repr_svg_(self) -> str:
        return self.svg()

    def __repr__(self) -> str:
        return f"<convviz.StepPicture {self.size[0]}x{self.size[1]}>"


@dataclass(frozen=True)
class Code:
    """The NumPy/SciPy and TensorFlow programs for one filter; each runs as it is."""

    numpy: str
    tensorflow: str

    def __str__(self) -> str:
        return f"# --- NumPy / SciPy ---\n{self.numpy}\n\n# --- TensorFlow ---\n{self.tensorflow}"

    def _repr_markdown_(self) -> str:
        fence = "```"
        return (f"**NumPy / SciPy**\n\n{fence}python\n{self.numpy}\n{fence}\n\n"
                f"**TensorFlow**\n\n{fence}python\n{self.tensorflow}\n{fence}")
