"""Image-classification datasets without TensorFlow: IDX files, .npz, image folders,
the Keras cache, and a synthetic set drawn procedurally.

Every loader returns a :class:`Dataset` of uint8 images ``(N, H, W)`` and int
labels; failures are :class:`~convviz.io.inputs.InputError` with one line that
says how to provide the data (a template and its values: the training window says it in its language).
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from convviz.core.messages import TextError
from convviz.model.limits import BudgetError, check_read_budget

from .inputs import InputError

FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
DIGIT_CLASSES = tuple(str(i) for i in range(10))
SHAPE_CLASSES = ("horizontal", "vertical", "diagonal /", "diagonal \\", "plus", "cross x", "circle", "square")

DEBIAN_DIRS = {"fashion-mnist": Path("/usr/share/datasets/fashion-mnist"), "mnist": Path("/usr/share/datasets/mnist")}
IDX_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


@dataclass
class Dataset:
    name: str
    x_train: np.ndarray  # (N, H, W) uint8
    y_train: np.ndarray  # (N,) int64
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]

    @property
    def image_shape(self) -> tuple[int, int]:
        return self.x_train.shape[1:3]

    def limited(self, limit: int | None) -> "Dataset":
        """The first ``limit`` training images (the test set is kept whole)."""
        if not limit:
            return self
        return Dataset(self.name, self.x_train[:limit], self.y_train[:limit], self.x_test, self.y_test,
                       self.class_names)


#: More classes than this is not a classification dataset convviz's small CNN can learn (nor show).
MAX_CLASSES = 1000


def check_labels(where, labels: np.ndarray, n_classes: int | None = None) -> np.ndarray:
    """``labels`` as int64 class indices, each in 0..n_classes-1 (or 0..MAX_CLASSES-1); one line otherwise.

    Labels outside the classes would reach TensorFlow and come back as its traceback.
    """
    labels = np.asarray(labels).ravel()
    if labels.dtype.kind == "f":
        if not np.isfinite(labels).all() or not np.array_equal(labels, np.round(labels)):
            raise InputError("{where}: labels must be whole class numbers", where=where)
    elif labels.dtype.kind not in "iub":
        raise InputError("{where}: labels hold {dtype} values, not class numbers", where=where, dtype=str(labels.dtype))
    limit = MAX_CLASSES if n_classes is None else n_classes
    if labels.size and (labels.min() < 0 or labels.max() >= limit):
        bad = labels[(labels < 0) | (labels >= limit)][0]
        if n_classes is not None:
            raise InputError("{where}: label {bad:g} is outside the {limit} classes (0 to {last})",
                             where=where, bad=bad, limit=limit, last=limit - 1)
        raise InputError("{where}: label {bad:g} is outside 0 to {last}", where=where, bad=bad, last=limit - 1)
    return labels.astype(np.int64)


def keras_cache_dir() -> Path:
    return Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "datasets"


# ------------------------------------------------------------------------ IDX
def read_idx(path: Path) -> np.ndarray:
    """One IDX file (gzipped or not): unsigned-byte images or labels.  The header's sizes are
    checked against the memory budget before the data is read (a small .gz can promise gigabytes)."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            magic = fh.read(4)
            if len(magic) < 4 or magic[0] != 0 or magic[1] != 0:
                raise InputError("{path}: not an IDX file", path=path)
            if magic[2] != 0x08:
                raise InputError("{path}: IDX type {kind} is not unsigned bytes", path=path, kind=f"{magic[2]:#x}")
            ndim = magic[3]
            header = fh.read(4 * ndim)
            if len(header) < 4 * ndim:
                raise InputError("{path}: not an IDX file", path=path)
            dims = tuple(int.from_bytes(header[4 * i: 4 * i + 4], "big") for i in range(ndim))
            expected = int(np.prod(dims, dtype=object)) if dims else 0
            check_read_budget(expected, TextError("reading {path} ({shape})", path=path,
                                                  shape="x".join(map(str, dims))))
            data = fh.read(expected + 1)  # one byte more tells a longer file
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError("{path}: cannot be read ({reason})", path=path, reason=str(exc)) from None
    if len(data) < expected:
        raise InputError("{path}: truncated ({got} of {expected} bytes)", path=path, got=len(data), expected=expected)
    if len(data) > expected:
        raise InputError("{path}: longer than its header says ({expected} bytes)", path=path, expected=expected)
    return np.frombuffer(data, dtype=np.uint8).reshape(dims)


def _find_idx(directory: Path, stem: str) -> Path | None:
    for name in (stem + ".gz", stem, stem.replace("-idx", ".idx") + ".gz"):
        if (directory / name).is_file():
            return directory / name
    return None


def load_idx_dir(directory, name: str, class_names) -> Dataset:
    directory = Path(directory)
    paths = [_find_idx(directory, stem) for stem in IDX_FILES]
    if any(p is None for p in paths):
        missing = [stem for stem, p in zip(IDX_FILES, paths) if p is None]
        raise InputError("{directory}: missing {files}", directory=directory,
                         files=", ".join(m + ".gz" for m in missing))
    x_train, y_train, x_test, y_test = (read_idx(p) for p in paths)
    if len(x_train) != len(y_train) or len(x_test) != len(y_test):
        raise InputError("{path}: image and label counts differ", path=directory)  # one message with the .npz's
    n = len(class_names)
    return Dataset(name, x_train, check_labels(paths[1], y_train, n), x_test, check_labels(paths[3], y_test, n),
                   tuple(class_names))


# ------------------------------------------------------------------------ npz
def load_npz(path, name: str | None = None) -> Dataset:
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            _check_npz_sizes(path, data)
            arrays = {k: data[k] for k in ("x_train", "y_train", "x_test", "y_test")}
    except BudgetError:
        raise
    except KeyError as exc:
        raise InputError("{path}: needs x_train, y_train, x_test and y_test (missing {key})",
                         path=path, key=str(exc)) from None
    except (ValueError, OSError) as exc:
        raise InputError("{path}: not a usable .npz ({reason})", path=path, reason=str(exc)) from None
    x_train, x_test = arrays["x_train"], arrays["x_test"]
    if x_train.ndim == 4 and x_train.shape[-1] == 1:
        x_train, x_test = x_train[..., 0], x_test[..., 0]
    if x_train.ndim != 3:
        raise InputError("{path}: x_train must be (N, H, W) grayscale images, got {shape}", path=path,
                         shape=x_train.shape)
    if x_train.dtype != np.uint8:
        scale = 255.0 if x_train.max() <= 1.0 else 1.0
        x_train = np.clip(x_train * scale, 0, 255).astype(np.uint8)
        x_test = np.clip(x_test * scale, 0, 255).astype(np.uint8)
    y_train = check_labels(f"{path} y_train", arrays["y_train"])
    y_test = check_labels(f"{path} y_test", arrays["y_test"])
    if len(y_train) != len(x_train) or len(y_test) != len(x_test):
        raise InputError("{path}: image and label counts differ", path=path)
    n_classes = int(max(y_train.max(initial=0), y_test.max(initial=0))) + 1
    return Dataset(name or path.stem, x_train, y_train, x_test, y_test, tuple(str(i) for i in range(n_classes)))


def _check_npz_sizes(path: Path, data) -> None:
    """The members' headers against the memory budget, before any is decompressed: each as stored,
    and the images again as float64 while they are scaled to bytes."""
    total = 0
    for key in ("x_train", "y_train", "x_test", "y_test"):
        if key not in data.files:
            raise KeyError(key)
        with data.zip.open(key + ".npy") as member:
            version = np.lib.format.read_magic(member)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, _, dtype = read_header(member)
        count = int(np.prod(shape, dtype=object))
        total += count * dtype.itemsize + (count * 8 if key.startswith("x") and dtype != np.uint8 else 0)
    check_read_budget(total, TextError("reading {path}", path=path))


# -------------------------------------------------------------- image folder
def load_image_folder(directory, *, size: int = 28, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """One subfolder per class; images resized to ``size`` x ``size`` grayscale."""
    from PIL import Image

    from .inputs import IMAGE_SUFFIXES, load_image

    directory = Path(directory)
    classes = sorted(p.name for p in directory.iterdir() if p.is_dir())
    if len(classes) < 2:
        raise InputError("{directory}: needs one subfolder per class (found {count})", directory=directory,
                         count=len(classes))
    images, labels = [], []
    for label, name in enumerate(classes):
        for file in sorted((directory / name).iterdir()):
            if file.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            # The guarded reader (size limits, real range of 16-bit and float images) as every input.
            grey = np.clip(load_image(file), 0, 1)
            img = Image.fromarray(np.round(grey * 255).astype(np.uint8))
            images.append(np.asarray(img.resize((size, size)), dtype=np.uint8))
            labels.append(label)
    if len(images) < 2 * len(classes):
        raise InputError("{directory}: too few images ({images}) for {classes} classes", directory=directory,
                         images=len(images), classes=len(classes))
    x, y = np.stack(images), np.array(labels, dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    n_test = max(len(classes), int(len(x) * test_fraction))
    return Dataset(directory.name, x[n_test:], y[n_test:], x[:n_test], y[:n_test], tuple(classes))


# ------------------------------------------------------------------ synthetic
def draw_shape(kind: int, rng: np.random.Generator, size: int = 28) -> np.ndarray:
    """One procedurally drawn image of class ``kind`` (see SHAPE_CLASSES)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64)
    cy, cx = rng.uniform(size * 0.35, size * 0.65, 2)
    length = rng.uniform(size * 0.25, size * 0.4)
    width = rng.uniform(0.8, 2.0)

    def stroke(angle: float) -> np.ndarray:
        dy, dx = np.sin(angle), np.cos(angle)
        along = (xx - cx) * dx + (yy - cy) * dy
        across = -(xx - cx) * dy + (yy - cy) * dx
        return (np.abs(across) <= width) & (np.abs(along) <= length)

    jitter = rng.normal(0, 0.08)
    if kind == 0:
        img = stroke(jitter)
    elif kind == 1:
        img = stroke(np.pi / 2 + jitter)
    elif kind == 2:
        img = stroke(-np.pi / 4 + jitter)
    elif kind == 3:
        img = stroke(np.pi / 4 + jitter)
    elif kind == 4:
        img = stroke(jitter) | stroke(np.pi / 2 + jitter)
    elif kind == 5:
        img = stroke(np.pi / 4 + jitter) | stroke(-np.pi / 4 + jitter)
    elif kind == 6:
        r = np.hypot(yy - cy, xx - cx)
        img = np.abs(r - length * 0.8) <= width
    else:
        half = length * 0.7
        inside = (np.abs(yy - cy) <= half) & (np.abs(xx - cx) <= half)
        core = (np.abs(yy - cy) <= half - 2 * width) & (np.abs(xx - cx) <= half - 2 * width)
        img = inside & ~core
    out = img.astype(np.float64) * rng.uniform(0.7, 1.0) + rng.normal(0, 0.05, (size, size))
    return (np.clip(out, 0, 1) * 255).astype(np.uint8)


def synthetic_shapes(n_train: int = 8000, n_test: int = 2000, *, seed: int = 0, size: int = 28) -> Dataset:
    """Strokes at several orientations, crosses, circles and squares: oriented-edge material."""
    rng = np.random.default_rng(seed)
    n = n_train + n_test
    labels = rng.integers(0, len(SHAPE_CLASSES), n)
    images = np.stack([draw_shape(int(k), rng, size) for k in labels])
    return Dataset("shapes", images[:n_train], labels[:n_train].astype(np.int64), images[n_train:],
                   labels[n_train:].astype(np.int64), SHAPE_CLASSES)


# -------------------------------------------------------------------- lookup
def _how_to_get(name: str) -> InputError:
    cache = keras_cache_dir()
    if name == "fashion-mnist":
        return InputError("Fashion-MNIST was not found offline: install Debian's dataset-fashion-mnist "
                          "(apt-get install dataset-fashion-mnist), pass --data-dir DIR holding the four IDX .gz "
                          "files, or put them in {folder}", folder=cache / "fashion-mnist")
    return InputError("MNIST was not found offline: pass --data-dir DIR holding the four IDX .gz files, "
                      "or put mnist.npz in {folder}", folder=cache)


def load_dataset(spec: str, *, data_dir=None, shapes_size: tuple[int, int] = (8000, 2000), seed: int = 0) -> Dataset:
    """'fashion-mnist', 'mnist', 'shapes', or a path (.npz, IDX directory, class folders)."""
    key = spec.lower()
    if key == "shapes":
        return synthetic_shapes(*shapes_size, seed=seed)
    if key in ("fashion-mnist", "fashion_mnist", "mnist"):
        name = "fashion-mnist" if key != "mnist" else "mnist"
        classes = FASHION_CLASSES if name == "fashion-mnist" else DIGIT_CLASSES
        candidates = [Path(data_dir)] if data_dir else []
        candidates += [DEBIAN_DIRS[name], keras_cache_dir() / name]
        for directory in candidates:
            if directory.is_dir() and all(_find_idx(directory, s) for s in IDX_FILES):
                return load_idx_dir(directory, name, classes)
        if data_dir:
            raise InputError("{folder}: no {name} IDX files ({files})", folder=data_dir, name=name,
                             files=", ".join(s + ".gz" for s in IDX_FILES))
        if name == "mnist" and (keras_cache_dir() / "mnist.npz").is_file():
            return load_npz(keras_cache_dir() / "mnist.npz", "mnist")
        raise _how_to_get(name)
    path = Path(spec)
    if not path.exists():
        raise InputError("{spec}: not a dataset name (fashion-mnist, mnist, shapes) nor an existing path", spec=spec)
    if path.suffix.lower() == ".npz":
        return load_npz(path)
    if path.is_dir():
        if all(_find_idx(path, s) for s in IDX_FILES):
            return load_idx_dir(path, path.name, DIGIT_CLASSES)
        return load_image_folder(path)
    raise InputError("{spec}: expected an .npz file or a directory", spec=spec)


@dataclass(frozen=True)
class DataSpec:
    """What to load, small enough to hand to a training process (which loads it itself)."""

    source: str = "fashion-mnist"  # fashion-mnist | mnist | shapes | a path
    data_dir: str | None = None
    limit: int | None = None  # training images kept (None: all)
    shapes_train: int = 8000
    shapes_test: int = 2000
    seed: int = 0

    def load(self) -> Dataset:
        data = load_dataset(self.source, data_dir=self.data_dir, shapes_size=(self.shapes_train, self.shapes_test),
                            seed=self.seed)
        return data.limited(self.limit)
