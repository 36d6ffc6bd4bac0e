"""``convviz animate``: one frame per step of the trace, as GIF, MP4 or numbered PNGs."""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

from convviz.render.labels import english, translator

from .cli import CliError, _Parser, add_op_options, load_operands, run_command


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CliError(f"--size: expected WIDTHxHEIGHT such as 1280x720, got {text!r}") from None
    if not (160 <= w <= 3840 and 120 <= h <= 2160):
        raise CliError(f"--size: {text} is out of range (160x120 to 3840x2160)")
    return w, h


def animate_parser():
    parser = _Parser(prog="convviz animate",
                     description="Write the step-by-step animation of a convolution (or its pooling).")
    parser.add_argument("input", help="an image, a .npy or a .csv/.txt matrix")
    add_op_options(parser)
    out = parser.add_argument_group("output")
    out.add_argument("--out", required=True, metavar="FILE.gif|FILE.mp4|DIR")
    out.add_argument("--fps", type=float, default=2.0, help="frames (steps) per second (default 2)")
    out.add_argument("--max-frames", type=int, default=300, metavar="N", help="at most this many steps (default 300)")
    out.add_argument("--size", default="1280x720", metavar="WxH", help="frame size (default 1280x720)")
    out.add_argument("--rgb", action="store_true", help="read images as RGB")
    out.add_argument("--filter", type=int, default=1, metavar="F", help="which filter of a bank to step through")
    out.add_argument("--steps", choices=("conv", "pool"), default="conv", help="step the convolution or the pooling")
    out.add_argument("--no-flip", dest="flip", action="store_false",
                     help="convolution: leave out the opening frames that turn the kernel 180 degrees")
    out.add_argument("--lang", choices=("en", "ko", "system"), default="system",
                     help="language of the words in the frames (default: the locale's, LANG=ko_KR… gives Korean)")
    out.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def build_scene(args, size):
    """The scene ``args`` ask for, its labels in ``args.lang``."""
    from convviz.model.pipeline import step_trace
    from convviz.render import scene_for

    tr = translator(getattr(args, "lang", "en"))
    x, kernels, biases, settings = load_operands(args)
    if not 1 <= args.filter <= len(kernels):
        raise CliError(f"--filter must be 1 to {len(kernels)}, got {args.filter}")
    if args.steps == "pool" and settings.pool == "none":
        raise CliError("--steps pool needs --pool max or --pool avg")
    trace = step_trace(x, kernels, biases, settings, args.steps, args.filter - 1)
    return scene_for(trace, size, title=scene_title(settings, tr), tr=tr)


def scene_title(settings, tr=english) -> str:
    from convviz.render import scene_title as title

    return title(settings, tr)


FLIP_HOLD_SECONDS = 0.6  # the turned kernel stays still this long before sliding starts


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


class Progress:
    """A one-line terminal progress bar on stderr."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.start = total, label, time.perf_counter()
        self.tty = sys.stderr.isatty()

    def update(self, done: int) -> None:
        if not self.tty and done not in (self.total,):
            return
        width = 30
        filled = int(width * done / max(self.total, 1))
        rate = done / max(time.perf_counter() - self.start, 1e-9)
        end = "\n" if done == self.total else ""
        print(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {rate:.0f} frames/s",
              end=end, file=sys.stderr, flush=True)


def write_animation(scene, out: Path, *, count: int, fps: float, force: bool, flip: bool = False,
                    progress=None) -> None:
    """Render ``count`` steps (after the flip, when asked) to GIF / MP4 / a PNG directory, atomically."""
    for done in iter_write_animation(scene, out, count=count, fps=fps, force=force, flip=flip):
        if progress:
            progress(done)


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

    from convviz.io.atomic import OutputExistsError, atomic_path

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".gif", ".mp4", ""):
        raise CliError(f"--out must end in .gif or .mp4, or be a directory, got {out}")
    if suffix in (".gif", ".mp4") and out.exists() and not force:
        raise OutputExistsError(f"{out} exists; pass --force to overwrite it")
    if suffix == ".mp4":
        try:
            import imageio_ffmpeg  # noqa: F401
        except ImportError:
            raise CliError("MP4 needs imageio-ffmpeg: pip install imageio-ffmpeg "
                           "(or write a .gif or a directory)") from None

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
        out.mkdir(parents=True, exist_ok=True)
        existing = sorted(out.glob("step_*.png")) + sorted(out.glob("flip_*.png"))
        if existing and not force:
            raise OutputExistsError(f"{existing[0]} exists; pass --force to overwrite")
        flips = 0
        for arr, _seconds, step in frames(scene, count, flip=flip):
            if step:
                name = f"step_{step:05d}.png"
            else:
                flips += 1
                name = f"flip_{flips:02d}.png"
            with atomic_path(out / name) as tmp:
                Image.fromarray(arr).save(tmp, format="PNG", compress_level=1)
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


def main(argv: list[str]) -> int:
    def body() -> int:
        args = animate_parser().parse_args(argv)
        size = _size(args.size)
        if args.fps <= 0 or args.fps > 120:
            raise CliError(f"--fps must be between 0 and 120, got {args.fps}")
        if args.max_frames < 1:
            raise CliError(f"--max-frames must be a positive integer, got {args.max_frames}")
        scene = build_scene(args, size)
        count = min(len(scene.trace), args.max_frames)
        bar = Progress(count, "rendering")
        write_animation(scene, Path(args.out), count=count, fps=args.fps, force=args.force, flip=args.flip,
                        progress=bar.update)
        print(args.out)
        return 0

    return run_command("convviz animate", body)
