"""``convviz animate``: one frame per step of the trace, as GIF, MP4 or numbered PNGs."""

from __future__ import annotations

import sys
import time
from pathlib import Path

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
    out.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def build_scene(args, size):
    from convviz.model.pipeline import conv_trace, pooled_trace, run_pipeline

    from .steps import PoolStepScene, conv_scene

    x, kernels, biases, settings = load_operands(args)
    if not 1 <= args.filter <= len(kernels):
        raise CliError(f"--filter must be 1 to {len(kernels)}, got {args.filter}")
    f = args.filter - 1
    if args.steps == "pool":
        if settings.pool == "none":
            raise CliError("--steps pool needs --pool max or --pool avg")
        result = run_pipeline(x, kernels, biases, settings)
        return PoolStepScene(pooled_trace(result.activated[f], settings), size)
    return conv_scene(conv_trace(x, kernels, biases, settings, f), size, title=scene_title(settings))


def scene_title(settings) -> str:
    padding = settings.padding
    if padding == "same":
        padding = f"same ({settings.same})"
    elif padding == "explicit":
        padding = "pads T{} B{} L{} R{}".format(*settings.explicit_pad)
    parts = [settings.op, f"padding {padding}", f"stride {settings.stride}"]
    if settings.dilation > 1:
        parts.append(f"dilation {settings.dilation}")
    if settings.boundary != "zeros":
        parts.append(f"boundary {settings.boundary}")
    return " · ".join(parts)


def frames(scene, count: int):
    from .steps import SequentialRenderer

    renderer = SequentialRenderer(scene)
    for i in range(count):
        yield renderer.array(i)


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


def write_animation(scene, out: Path, *, count: int, fps: float, force: bool, progress=None) -> None:
    """Render ``count`` frames to GIF / MP4 / a PNG directory, atomically."""
    for done in iter_write_animation(scene, out, count=count, fps=fps, force=force):
        if progress:
            progress(done)


def iter_write_animation(scene, out: Path, *, count: int, fps: float, force: bool):
    """Generator form of :func:`write_animation`: yields frames done so far.

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
            raise CliError("MP4 needs imageio-ffmpeg: pip install imageio-ffmpeg (or write a .gif or a directory)") from None

    if suffix == ".gif":
        # One palette from the first frame keeps every frame 1 byte per pixel and colours stable.
        palette = None
        quantized = []
        for i, arr in enumerate(frames(scene, count)):
            img = Image.fromarray(arr)
            if palette is None:
                palette = img.quantize(colors=255, method=Image.Quantize.MEDIANCUT)
            quantized.append(img.quantize(palette=palette, dither=Image.Dither.NONE))
            yield i + 1
        with atomic_path(out) as tmp:
            quantized[0].save(tmp, format="GIF", save_all=True, append_images=quantized[1:],
                              duration=int(round(1000 / fps)), loop=0)
    elif suffix == ".mp4":
        with atomic_path(out) as tmp, _FfmpegWriter(tmp, fps) as writer:
            for i, arr in enumerate(frames(scene, count)):
                writer.send(np.ascontiguousarray(arr))
                yield i + 1
    else:
        out.mkdir(parents=True, exist_ok=True)
        existing = sorted(out.glob("step_*.png"))
        if existing and not force:
            raise OutputExistsError(f"{existing[0]} exists; pass --force to overwrite")
        for i, arr in enumerate(frames(scene, count)):
            with atomic_path(out / f"step_{i + 1:05d}.png") as tmp:
                Image.fromarray(arr).save(tmp, format="PNG", compress_level=1)
            yield i + 1


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
        write_animation(scene, Path(args.out), count=count, fps=args.fps, force=args.force, progress=bar.update)
        print(args.out)
        return 0

    return run_command("convviz animate", body)
