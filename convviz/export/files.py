"""What ``convviz export`` and the window's File → Export write, as named bytes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np

from convviz.render import colormaps
from convviz.render.pillow import (
    BACKGROUND,
    auto_scale,
    colorbar,
    contact_sheet,
    draw_text,
    font,
    map_image,
    script_runs,
    titled,
)


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


def settings_line(settings) -> str:
    """Every setting that shaped the sheet's maps, on one line: the sheet is read away from the window."""
    s = settings
    if s.padding == "explicit":
        top, bottom, left, right = s.explicit_pad
        padding = f"padding {top},{bottom},{left},{right} (top, bottom, left, right)"
    elif s.padding == "same":
        padding = f"padding same ({'TensorFlow: extra after' if s.same == 'tensorflow' else 'centered: extra before'})"
    else:
        padding = f"padding {s.padding}"
    parts = [s.op, padding]
    if getattr(s, "groups", 1) != 1:
        parts.append(f"groups {s.groups}")
    if s.op == "transposed" and getattr(s, "output_padding", None) is not None:
        parts.append(f"output padding {s.output_padding}")
    if s.padding != "valid":
        parts.append(f"boundary {s.boundary}")
    parts += [f"stride {s.stride}", f"dilation {s.dilation}",
              "no activation" if s.activation == "none" else f"activation {s.activation}"]
    if s.pool == "none":
        parts.append("no pooling")
    else:
        parts.append(f"{s.pool} pooling {s.pool_size}×{s.pool_size}, stride {s.pool_stride or s.pool_size}, "
                     f"{s.pool_padding}")
    return " · ".join(parts)


def _headed(sheet, heading: str, *, pad: int = 10):
    """The sheet with ``heading`` written above it."""
    from PIL import Image, ImageDraw

    size = 15
    draw = ImageDraw.Draw(sheet)
    width = int(sum(draw.textlength(run, font=font(size, hangul=h)) for run, h in script_runs(heading)))
    out = Image.new("RGB", (max(sheet.width, width + 2 * pad), sheet.height + size + pad), BACKGROUND)
    draw_text(ImageDraw.Draw(out), (pad, pad + size / 2), heading, size=size, anchor="lm")
    out.paste(sheet, (0, size + pad))
    return out


def shown_kernel(kernels, i: int, channels: int, settings) -> tuple[np.ndarray, str]:
    """Filter ``i``'s kernel as one 2D picture and its title: a multi-channel kernel as the mean of the
    channels it reads (a grouped or depthwise filter: its group's; zeros outside are not read)."""
    k, title = np.asarray(kernels[i]), f"K{i + 1}"
    if k.ndim <= 2:
        return np.atleast_2d(k), title
    read = settings.group_channels(channels, len(kernels), i) if channels == k.shape[2] else range(k.shape[2])
    if len(read) == 1:
        return k[:, :, read.start], title + (f" · {'RGB'[read.start]}" if channels == 3 else f" · c{read.start}")
    return np.mean(k[:, :, read.start:read.stop], axis=2), title + f" · mean of {len(read)} channels"


def sheet_image(x, kernels, settings, result, *, colormap="auto", scale=None, values=False, files=None):
    """The labelled contact sheet (input, kernels, feature maps, pooled maps) as a PIL image, headed by
    its settings; ``values`` prints every cell's value where cells are large enough to hold it."""
    feature_tiles, feature_bar = _tiles(result.activated, "feature_map", colormap=colormap, scale=scale,
                                        values=values, files=files)
    rows = [("Input", [titled(map_image(x, colormap=colormap, scale=scale, values=values),
                              "×".join(map(str, np.shape(x))))])]
    kernel_imgs = []
    channels = np.shape(x)[2] if np.ndim(x) == 3 else 1
    for i in range(len(kernels)):
        k2, title = shown_kernel(kernels, i, channels, settings)
        # Cells of at least 36 px: at 19 px (a 5x5 kernel) its printed values were 6 px tall (tester).
        kernel_imgs.append(titled(map_image(k2, colormap=colormap, scale=max(36, 144 // max(k2.shape)), values=True),
                                  title))
    rows.append(("Kernels" + (" (flipped when convolving)" if settings.op == "convolve" else ""), kernel_imgs))
    after = "no activation" if settings.activation == "none" else f"after {settings.activation}"
    rows.append((f"Feature maps ({after})", feature_tiles + [feature_bar]))
    if result.pooled:
        pooled_tiles, pooled_bar = _tiles(result.pooled, "pooled", colormap=colormap, scale=scale,
                                          values=values, files=files)
        rows.append((f"Pooled maps ({settings.pool} {settings.pool_size}×{settings.pool_size}, "
                     f"stride {settings.pool_stride or settings.pool_size})", pooled_tiles + [pooled_bar]))
    return _headed(contact_sheet(rows), settings_line(settings))


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


#: The names ``export_files`` gives: a folder's files of an earlier export are replaced as a set.
EXPORT_SET = re.compile(r"(output|pooled)\.npy|(feature_map|pooled)_\d+\.png|contact_sheet\.png")


def write_files(out_dir: Path, files: dict, *, force: bool) -> list[Path]:
    """Write ``files`` into ``out_dir`` as one set (:func:`convviz.io.atomic.staged_set`): an earlier
    export there is refused without ``force`` (before anything is written) and replaced whole with it;
    a failure midway leaves the old set, never a mix."""
    from convviz.io.atomic import staged_set

    out_dir = Path(out_dir)
    with staged_set(out_dir, belongs=lambda name: EXPORT_SET.fullmatch(name) is not None, overwrite=force) as tmp:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
    return [out_dir / name for name in files]
