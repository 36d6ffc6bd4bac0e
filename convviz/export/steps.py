"""Moved to :mod:`convviz.render` (scenes, primitives and painters); this alias keeps old imports working."""

from convviz.render.pillow import SequentialRenderer, draw_prims, render_array, render_image  # noqa: F401
from convviz.render.prims import (  # noqa: F401
                                  GRID,
                                  INK,
                                  MUTED,
                                  PADDED,
                                  PADDED_FILL,
                                  PAPER,
                                  TARGET,
                                  WINDOW,
                                  Rect,
                                  StepFrame,
                                  Text,
                                  fit_size,
)
from convviz.render.scenes import (  # noqa: F401
                                  FLIP_FRAMES,
                                  FLIP_SECONDS,
                                  ConvStepScene,
                                  OneDStepScene,
                                  PoolStepScene,
                                  conv_scene,
                                  flip_angles,
                                  has_flip,
                                  op_name,
)
from convviz.render.svg import render_svg  # noqa: F401
