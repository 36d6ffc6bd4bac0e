"""Step animations as files: GIF, MP4 or numbered PNGs, written atomically, cancellable.

The window's File → Export animation and ``convviz animate`` both write through here.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

#: The names of a frames folder's files: an earlier run's are replaced as a set.
FRAME_SET = re.compile(r"step_\d{5}\.png|flip_\d{2}\.png")
FLIP_HOLD_SECONDS = 0.6  # the turned kernel stays still this long before sliding starts
#: Bytes a GIF holds for each pixel of each frame until it is written: the quantized frame and
#: Pillow's copy of it while saving (2.2 measured: 58 frames more at 1920x1080 took 254 MB more).
GIF_BYTES_PER_PIXEL = 2.5


def held_bytes(scene, out, *, count: int, size, flip: bool = False) -> int:
    """What writing ``count`` steps of ``scene`` to ``out`` holds in memory at once: every frame
    of a GIF (and its flip frames); one frame of an MP4 or a frames folder."""
    from convviz.render import has_flip
    from convviz.render.scenes import flip_angles

    width, height = size
    if Path(out).suffix.lower() != ".gif":
        return 3 * width * height
    frames_held = count + (len(flip_angles()) if flip and has_flip(scene) else 0)
    return int(GIF_BYTES_PER_PIXEL * frames_held * width * height)


def frames(scene, count: int, *, flip: bool = False):
    """(RGB array, seconds on screen or None for one step's 1/fps, step number or 0 for a flip frame):
    the kernel's 180° turn first when ``flip`` and the scene is a 2D convolution, then ``count`` steps."""
    import numpy as np

    from convviz.render import has_flip
    from convviz.render.pillow import SequentialRenderer
    from convviz.render.scenes import FLIP_SECONDS, flip_angles

    if flip and has_flip(scene):
        f = scene.filter_of(0)
        angles = flip_angles()
        for k, angle in enumerate(angles):
            hold = FLIP_HOLD_SECONDS if k == len(angles) - 1 else 0.0
            yield np.asarray(scene.flip_image(angle, f)), FLIP_SECONDS / len(angles) + hold, 0
    renderer = SequentialRenderer(scene)
    for i in range(count):
        yield renderer.array(i), None, i + 1


def write_animation(scene, out: Path, *, count: int, fps: float, force: bool, flip: bool = False,
                    progress=None) -> None:
    """Render ``count`` steps (after the flip, when asked) to GIF / MP4 / a PNG directory, atomically."""
    for done in iter_write_animation(scene, out, count=count, fps=fps, force=force, flip=flip):
        if progress:
            progress(done)


def check_destination(out, *, force: bool) -> None:
    """Raise (ValueError or OSError, one line) when ``out`` cannot be written as an animation: the
    checks of :func:`iter_write_animation`, for callers to make before they render any frame."""
    from convviz.io.atomic import OutputExistsError, check_output

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".gif", ".mp4", ""):
        raise ValueError(f"the animation's file must end in .gif or .mp4, or be a directory: {out}")
    if suffix in (".gif", ".mp4") and out.exists() and not force:
        raise OutputExistsError(f"{out} exists; pass --force to overwrite it")
    if suffix == ".mp4":
        try:
            import imageio_ffmpeg  # noqa: F401
        except ImportError:
            raise ValueError("MP4 needs imageio-ffmpeg: pip install imageio-ffmpeg "
                             "(or write a .gif or a directory)") from None
    check_output(out, folder=suffix == "")


def iter_write_animation(scene, out: Path, *, count: int, fps: float, force: bool, flip: bool = False):
    """Generator form of :func:`write_animation`: yields the number of steps done so far.

    Each step shows for 1/``fps`` s; the flip's frames play at their own pace
    (GIF frame durations; in MP4 every frame is repeated to a common frame rate;
    in a directory they are flip_NN.png before step_NNNNN.png).

    Closing the generator early (cancel) removes the partial file: the output
    only appears, complete, when the last frame is written.
    """
    import numpy as np
    from PIL import Image

    from convviz.io.atomic import atomic_path, staged_set

    out = Path(out)
    suffix = out.suffix.lower()
    check_destination(out, force=force)
    if suffix == ".gif":
        # One palette from the first frame keeps every frame 1 byte per pixel and colours stable.
        palette = None
        quantized, durations = [], []
        for arr, seconds, step in frames(scene, count, flip=flip):
            img = Image.fromarray(arr)
            if palette is None:
                palette = img.quantize(colors=255, method=Image.Quantize.MEDIANCUT)
            quantized.append(img.quantize(palette=palette, dither=Image.Dither.NONE))
            durations.append(int(round(1000 * (seconds or 1 / fps))))
            if step:
                yield step
        with atomic_path(out) as tmp:
            quantized[0].save(tmp, format="GIF", save_all=True, append_images=quantized[1:],
                              duration=durations if len(set(durations)) > 1 else durations[0], loop=0)
    elif suffix == ".mp4":
        # A frame rate that is a whole multiple of fps (at least 10) so steps keep their exact length.
        repeat = max(1, math.ceil(10 / fps))
        video_fps = fps * repeat
        with atomic_path(out) as tmp, _FfmpegWriter(tmp, video_fps) as writer:
            for arr, seconds, step in frames(scene, count, flip=flip):
                frame = np.ascontiguousarray(arr)
                for _ in range(repeat if seconds is None else max(1, round(seconds * video_fps))):
                    writer.send(frame)
                if step:
                    yield step
    else:
        # The frames are one set: --force replaces an earlier run's frames whole (a shorter run
        # leaves none of the old extra frames), and a cancelled run leaves the old set.
        with staged_set(out, belongs=lambda name: FRAME_SET.fullmatch(name) is not None, overwrite=force) as staging:
            flips = 0
            for arr, _seconds, step in frames(scene, count, flip=flip):
                if step:
                    name = f"step_{step:05d}.png"
                else:
                    flips += 1
                    name = f"flip_{flips:02d}.png"
                Image.fromarray(arr).save(staging / name, format="PNG", compress_level=1)
                if step:
                    yield step


class _FfmpegWriter:
    """Feed RGB frames to imageio-ffmpeg's writer generator."""

    def __init__(self, path, fps):
        self.path, self.fps = path, fps

    def __enter__(self):
        import imageio_ffmpeg

        self.gen = None
        self.size = None
        self._imageio_ffmpeg = imageio_ffmpeg
        return self

    def send(self, frame):
        if self.gen is None:
            h, w = frame.shape[:2]
            self.gen = self._imageio_ffmpeg.write_frames(str(self.path), (w, h), fps=self.fps, codec="libx264",
                                                         pix_fmt_out="yuv420p", macro_block_size=2,
                                                         ffmpeg_log_level="error",
                                                         output_params=["-f", "mp4"])
            self.gen.send(None)
        self.gen.send(frame)

    def __exit__(self, *exc):
        if self.gen is not None:
            self.gen.close()
        return False
