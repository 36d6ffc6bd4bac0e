"""Grouped and depthwise convolution's operands: from the kernels a caller gives (the command line,
the Python API) to the explorer's layout, where every filter's kernel spans all input channels and
the channels outside its group hold zeros that are never read."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .settings import OpSettings


def grouped_operands(x: np.ndarray, kernel: np.ndarray, kernels: list, groups, settings: OpSettings):
    """(kernels, settings) for ``groups`` (a number, or "depthwise": one group per channel).

    A 2D kernel under depthwise is applied to each channel (depth multiplier 1); a Keras-layout bank
    (kh, kw, C/groups, F) is read as Keras reads it; full-channel kernels are taken as they are.
    Raises ValueError with one sentence where the groups cannot split the channels or the filters."""
    channels = x.shape[2] if x.ndim == 3 else 1
    if channels == 1:
        raise ValueError("groups need an input with channels (an RGB image or an (H, W, C) array)")
    groups = channels if groups == "depthwise" else groups
    if settings.op == "transposed":
        raise ValueError("groups are for correlate or convolve: a transposed convolution reads every channel")
    settings = replace(settings, groups=groups).validate()
    kernel = np.asarray(kernel)
    if kernel.ndim == 2 and groups == channels:  # one copy per channel, depth multiplier 1
        kernels = [np.repeat(kernel[:, :, None], channels, axis=2).astype(np.float64) for _ in range(channels)]
    elif kernel.ndim == 4 and kernel.shape[2] == channels // groups and channels // groups != channels:
        filters = kernel.shape[-1]
        if filters % groups:
            raise ValueError(settings.groups_problem(channels, filters))
        kernels = []
        for f in range(filters):
            full = np.zeros(kernel.shape[:2] + (channels,))
            read = settings.group_channels(channels, filters, f)
            full[:, :, read.start:read.stop] = kernel[..., f]
            kernels.append(full)
    problem = settings.groups_problem(channels, len(kernels))
    if problem:
        raise ValueError(problem)
    return kernels, settings
