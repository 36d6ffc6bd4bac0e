"""Built-in sample inputs, shipped under resources/samples."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convviz.resources_path import resource

from .inputs import load_input


@dataclass(frozen=True)
class Sample:
    label: str
    filename: str
    rgb: bool = False


SAMPLES: dict[str, Sample] = {
    "lecture_5x5": Sample("Lecture 5×5 binary image", "lecture_5x5.npy"),
    "grid_3x3": Sample("Lecture 3×3 grid 1…9", "grid_3x3.npy"),
    "canvas_28x28": Sample("28×28 canvas (draw a digit)", "canvas_28x28.npy"),
    "photo": Sample("Photo-like scene (RGB)", "photo_128.png", rgb=True),
    "photo_gray": Sample("Photo-like scene (gray)", "photo_128.png"),
    "shapes": Sample("Shapes", "shapes_64.png"),
    "checkerboard": Sample("Checkerboard", "checkerboard_32.png"),
}


def load_sample(key: str) -> np.ndarray:
    try:
        sample = SAMPLES[key]
    except KeyError:
        raise ValueError(f"unknown sample {key!r}; expected one of {', '.join(SAMPLES)}") from None
    return load_input(resource("samples", sample.filename), rgb=sample.rgb)
