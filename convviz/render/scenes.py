"""Step scenes: one picture per step of a trace, laid out for the space it is given.

A scene is built once from a trace (the numbers) and laid out for a size and a
smallest type size (``layout``); its frames are lists of primitives in pixels of
that size (:mod:`convviz.render.prims`), painted alike by Pillow (GIF, MP4, PNG),
SVG and Qt (the window).  Every number shown comes from the trace.

What a convolution frame shows, as the lecture walks through it: the padded input
with the current window (padded cells dashed, holding the value the boundary mode
gives them), the kernel as applied (flipped for convolve), the element-wise products
on one colour scale for all steps, the sum written out, and the output filling in.

Type never shrinks below the smallest size asked for: where the whole input would
need smaller cells, the scene shows the neighbourhood of the window, at full size,
with an overview of the whole input marking where it is.
"""

from __future__ import annotations

from convviz.core.trace import ConvTrace

from .conv_scene import ConvStepScene
from .labels import Translate, english
from .layout import FLIP_FRAMES, FLIP_SECONDS, MIN_TYPE, CellFormat, flip_angles, op_name
from .pool_scene import PoolStepScene
from .signal_scene import OneDStepScene

__all__ = ["FLIP_FRAMES", "FLIP_SECONDS", "MIN_TYPE", "CellFormat", "ConvStepScene", "OneDStepScene", "PoolStepScene",
           "align_grids", "conv_scene", "flip_angles", "has_flip", "op_name", "share_layout"]


def conv_scene(trace: ConvTrace, size=(1280, 720), *, title: str = "", tr: Translate = english,
               min_type: float = MIN_TYPE, labels: dict | None = None):
    """The right layout for a convolution trace: the 1D row layout or the 2D grid layout (``labels``: the
    caller's names for input, kernel, products, output and the sum's "out")."""
    if len(trace.geometry.out_shape) == 1:
        return OneDStepScene(trace, size, title=title, tr=tr, min_type=min_type, labels=labels)
    return ConvStepScene(trace, size, title=title, tr=tr, min_type=min_type, labels=labels)


def has_flip(scene) -> bool:
    """Whether the scene opens with the kernel's 180° turn (convolution, 1D or 2D)."""
    return isinstance(scene, (ConvStepScene, OneDStepScene)) and scene.trace.op == "convolve"


def align_grids(scenes, sizes, min_type: float = MIN_TYPE) -> None:
    """Side-by-side panes laid out again so their grids start level: a label wrapped onto three lines in one
    pane (convolve's "kernel (flipped 180°)") started its grids lower than its neighbour's.  Only scenes
    that say where their grids start (``grid_top``) take part; lowering one can only lower the others."""
    panes = [(scene, size) for scene, size in zip(scenes, sizes) if hasattr(scene, "grid_top")]
    for _ in range(3):  # a lowered pane's labels may wrap anew; it settles in a pass or two
        lowest = max((scene.grid_top for scene, _ in panes), default=0.0)
        higher = [(scene, size) for scene, size in panes if scene.grid_top < lowest - 0.5]
        if len(panes) < 2 or not higher:
            return
        for scene, size in higher:
            scene.layout(size, min_type, grid_top=lowest)


def share_layout(scenes, sizes, min_type: float = MIN_TYPE) -> None:
    """Side-by-side panes laid out with one plan: the smallest type, cell, sum and view of a grid of each shape any
    pane chose, grids starting level, and the maps in rows in every pane where one pane needed them so (and the
    others read as well so).  Laid out each on its own, convolve's three-line kernel label gave its pane a
    smaller type or fewer cells than correlate's, and the two panes of a compare zoomed differently."""
    panes = [(scene, size) for scene, size in zip(scenes, sizes) if isinstance(scene, ConvStepScene)]
    if len(panes) < 2 or len(panes) != len(scenes):
        align_grids(scenes, sizes, min_type)
        return
    shared = None
    for _ in range(4):  # each pass can only shrink or lower what the panes share; it settles in one or two
        views: dict = {}
        for scene, _size in panes:
            for key, view in ((("in", scene.input.shape), scene.in_view),
                              (("out", scene.out.shape[:2]), scene.out_view)):
                views[key] = tuple(min(a, b) for a, b in zip(views.get(key, view), view))
        plan = {"type": min(scene.type for scene, _ in panes), "cell": min(scene.cell for scene, _ in panes),
                "views": views, "sum_lines": min(scene.sum_lines_max for scene, _ in panes),
                "sum_width": min(scene.sum_width for scene, _ in panes),
                "grid_top": max(scene.grid_top for scene, _ in panes),
                "rows": any(scene.layout_config == "rows" for scene, _ in panes)}
        if plan == shared:
            return
        shared = plan
        for scene, size in panes:
            scene.layout(size, min_type, grid_top=shared["grid_top"], shared=shared)
