"""Drawing shared by the window and the exporters: colour maps, the words in pictures,
step scenes, and the painters that draw them (Pillow, SVG, Qt).

``scene_for(trace, size, ...)`` is the one way to get a step scene; every scene answers
the :class:`StepScene` protocol, and every painter draws its frames.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .labels import Translate, english
from .prims import StepFrame
from .scenes import MIN_TYPE


@runtime_checkable
class StepScene(Protocol):
    """A trace laid out as pictures: what the step view, ``convviz animate`` and the SVG
    export all draw."""

    trace: object
    size: tuple[int, int]
    title: str

    def layout(self, size, min_type: float = MIN_TYPE) -> None: ...
    def frame(self, i: int, *, reveal=True) -> StepFrame: ...
    def filter_of(self, i: int) -> int: ...
    def filter_start(self, i: int) -> int: ...
    def static(self, f: int) -> list: ...
    def fill(self, i: int) -> list: ...
    def transient(self, i: int, *, reveal=True) -> list: ...


#: How a convolution's steps can be drawn: the sliding window (a transposed convolution's scatter), as a
#: matrix product, or (transposed convolution) as the equivalent correlation over the zero-inserted input.
VIEWS = ("window", "im2col", "toeplitz", "equivalent")


def scene_for(trace, size=(1280, 720), *, title: str = "", tr: Translate = english,
              min_type: float = MIN_TYPE, view: str = "window", labels: dict | None = None) -> StepScene:
    """The scene for any trace: 2D or 1D convolution (``view``: the sliding window, or the patch
    matrix or convolution matrix times a vector), or pooling.  ``labels`` names a sliding window's
    grids for a caller that steps something other than a layer's forward pass (the Backward tab)."""
    from convviz.core.trace import PoolTrace

    from .scenes import PoolStepScene, conv_scene

    if view not in VIEWS:
        raise ValueError(f"unknown step view {view!r}; expected one of {', '.join(VIEWS)}")
    if isinstance(trace, PoolTrace):
        return PoolStepScene(trace, size, tr=tr, min_type=min_type)
    if getattr(trace, "op", None) == "transposed":
        if view == "window":
            from .scatter_scene import ScatterStepScene

            return ScatterStepScene(trace, size, title=title, tr=tr, min_type=min_type)
        what = tr("the equivalent correlation: zeros inserted, padded, kernel flipped")
        title = f"{title} · {what}" if title else f"{tr('transposed convolution')} · {what}"
        trace = trace.equivalent()
        view = "window" if view == "equivalent" else view
    elif view == "equivalent":
        raise ValueError(tr("The equivalent view is a transposed convolution's: choose it in the Operation panel."))
    if view != "window":
        from .matrix_scene import MatrixStepScene

        return MatrixStepScene(trace, size, mode=view, title=title, tr=tr, min_type=min_type)
    return conv_scene(trace, size, title=title, tr=tr, min_type=min_type, labels=labels)


def align_grids(scenes, sizes, min_type: float = MIN_TYPE) -> None:
    """Compare panes side by side laid out so their grids start level (see scenes.align_grids)."""
    from .scenes import align_grids as _align_grids

    _align_grids(scenes, sizes, min_type)


def share_layout(scenes, sizes, min_type: float = MIN_TYPE) -> None:
    """Compare panes side by side laid out with one plan (see scenes.share_layout)."""
    from .scenes import share_layout as _share_layout

    _share_layout(scenes, sizes, min_type)


def has_flip(scene) -> bool:
    """Whether the scene opens with the kernel's 180° turn (a convolution, 1D or 2D)."""
    from .scenes import has_flip as _has_flip

    return _has_flip(scene)


def scene_title(settings, tr: Translate = english) -> str:
    """A step scene's title from the operation's settings (any object with OpSettings' fields)."""
    from .scenes import op_name

    padding = tr(settings.padding)
    if settings.padding == "same" and settings.op != "transposed":
        padding = f"{padding} ({settings.same})"
    elif settings.padding == "explicit":
        padding = "T{} B{} L{} R{}".format(*settings.explicit_pad)
    parts = [op_name(settings.op, tr), f"{tr('padding')} {padding}", f"{tr('stride')} {settings.stride}"]
    if settings.op == "transposed" and settings.output_padding is not None:
        parts.append(f"{tr('output padding')} {settings.output_padding}")
    if settings.dilation > 1:
        parts.append(f"{tr('dilation')} {settings.dilation}")
    if settings.boundary != "zeros" and settings.op != "transposed":
        parts.append(f"{tr('boundary')} {settings.boundary}")
    return " · ".join(parts)
