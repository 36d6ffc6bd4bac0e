"""What ``convviz export`` and the window's File → Export write, as named bytes."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from . import colormaps
from .render import auto_scale, colorbar, contact_sheet, map_image, titled


def npy_bytes(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.asarray(arr), allow_pickle=False)
    return buf.getvalue()


def png_bytes(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _stack(maps: list[np.ndarray]) -> np.ndarray:
    return maps[0] if len(maps) == 1 else np.stack(maps, axis=-1)


def _tiles(maps, prefix, *, colormap, scale, values, files):
    lo, hi, _ = colormaps.levels_for(maps)
    first = maps[0] if maps[0].ndim == 2 else maps[0][None, :]
    scale = scale or auto_scale(first.shape)
    imgs = [map_image(m, levels=(lo, hi), colormap=colormap, scale=scale, values=values) for m in maps]
    bar = colorbar((lo, hi), colormap, height=imgs[0].height)
    if files is not None:
        for i, img in enumerate(imgs):
            files[f"{prefix}_{i + 1}.png"] = png_bytes(titled(img, f"{prefix.replace('_', ' ')} {i + 1}", bar=bar))
    return [titled(img, f"F{i + 1}") for i, img in enumerate(imgs)], bar


def sheet_image(x, kernels, settings, result, *, colormap="auto", scale=None, values=False, files=None):
    """The labelled contact sheet (input, kernels, feature maps, pooled maps) as a PIL image."""
    feature_tiles, feature_bar = _tiles(result.activated, "feature_map", colormap=colormap, scale=scale,
                                        values=values, files=files)
    rows = [("Input", [titled(map_image(x, colormap=colormap, scale=scale, values=values),
                              "x".join(map(str, np.shape(x))))])]
    kernel_imgs = []
    for i, k in enumerate(kernels):
        k2 = np.atleast_2d(k if np.ndim(k) <= 2 else np.mean(k, axis=2))
        kernel_imgs.append(titled(map_image(k2, colormap=colormap, scale=max(16, 96 // max(k2.shape)), values=True),
                                  f"K{i + 1}"))
    rows.append(("Kernels" + (" (flipped when convolving)" if settings.op == "convolve" else ""), kernel_imgs))
    rows.append((f"Feature maps ({settings.activation})", feature_tiles + [feature_bar]))
    if result.pooled:
        pooled_tiles, pooled_bar = _tiles(result.pooled, "pooled", colormap=colormap, scale=scale,
                                          values=values, files=files)
        rows.append((f"Pooled maps ({settings.pool} {settings.pool_size})", pooled_tiles + [pooled_bar]))
    return contact_sheet(rows)


def export_files(x, kernels, settings, result, *, fmt="both", colormap="auto", scale=None, values=False) -> dict:
    """{file name: bytes}: output.npy, pooled.npy, one PNG per map and contact_sheet.png."""
    files: dict[str, bytes] = {}
    if fmt in ("npy", "both"):
        files["output.npy"] = npy_bytes(_stack(result.activated))
        if result.pooled:
            files["pooled.npy"] = npy_bytes(_stack(result.pooled))
    if fmt in ("png", "both"):
        sheet = sheet_image(x, kernels, settings, result, colormap=colormap, scale=scale, values=values, files=files)
        files["contact_sheet.png"] = png_bytes(sheet)
    return files


def write_files(out_dir: Path, files: dict, *, force: bool) -> list[Path]:
    """Write every file atomically; refuse (before writing anything) if one exists and not ``force``."""
    from convviz.io.atomic import OutputExistsError, atomic_path

    out_dir = Path(out_dir)
    existing = [name for name in files if (out_dir / name).exists()]
    if existing and not force:
        raise OutputExistsError(f"{out_dir / existing[0]} exists; pass --force to overwrite")
    written = []
    for name, data in files.items():
        with atomic_path(out_dir / name) as tmp:
            tmp.write_bytes(data)
        written.append(out_dir / name)
    return written
