import gzip
import struct

import numpy as np
import pytest

from convviz.io.datasets import (
    DEBIAN_DIRS,
    SHAPE_CLASSES,
    load_dataset,
    load_idx_dir,
    load_npz,
    read_idx,
    synthetic_shapes,
)
from convviz.io.inputs import InputError


def write_idx(path, arr):
    header = struct.pack(">BBBB", 0, 0, 8, arr.ndim) + b"".join(struct.pack(">I", n) for n in arr.shape)
    with gzip.open(path, "wb") as fh:
        fh.write(header + arr.astype(np.uint8).tobytes())


@pytest.fixture
def idx_dir(tmp_path):
    rng = np.random.default_rng(0)
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", rng.integers(0, 256, (20, 28, 28)))
    write_idx(tmp_path / "train-labels-idx1-ubyte.gz", rng.integers(0, 10, 20))
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", rng.integers(0, 256, (5, 28, 28)))
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", rng.integers(0, 10, 5))
    return tmp_path


def test_idx_round_trip(idx_dir):
    data = load_idx_dir(idx_dir, "x", [str(i) for i in range(10)])
    assert data.x_train.shape == (20, 28, 28) and data.x_test.shape == (5, 28, 28)
    assert data.y_train.dtype == np.int64
    assert load_dataset("fashion-mnist", data_dir=idx_dir).x_train.shape == (20, 28, 28)
    assert load_dataset(str(idx_dir)).x_test.shape == (5, 28, 28)


def test_idx_errors(tmp_path, idx_dir):
    bad = tmp_path / "bad.gz"
    with gzip.open(bad, "wb") as fh:
        fh.write(b"\x00\x00\x08\x01\x00\x00\x00\x10abc")
    with pytest.raises(InputError, match="truncated"):
        read_idx(bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="missing train-images-idx3-ubyte.gz"):
        load_idx_dir(empty, "x", [])


def test_missing_dataset_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setitem(DEBIAN_DIRS, "fashion-mnist", tmp_path / "absent")
    with pytest.raises(InputError, match="apt-get install dataset-fashion-mnist"):
        load_dataset("fashion-mnist")
    with pytest.raises(InputError, match="not a dataset name"):
        load_dataset("cifar-100")


def test_npz_and_pickle_refused(tmp_path):
    path = tmp_path / "d.npz"
    np.savez(path, x_train=np.zeros((4, 8, 8), np.uint8), y_train=np.arange(4), x_test=np.zeros((2, 8, 8), np.uint8),
             y_test=np.arange(2))
    data = load_npz(path)
    assert data.image_shape == (8, 8) and len(data.class_names) == 4
    evil = tmp_path / "evil.npz"
    np.savez(evil, x_train=np.array([{}], dtype=object), y_train=np.arange(1), x_test=np.arange(1), y_test=np.arange(1))
    with pytest.raises(InputError):
        load_npz(evil)


def test_image_folder(tmp_path):
    from PIL import Image

    for name in ("cats", "dogs"):
        (tmp_path / name).mkdir()
        for i in range(5):
            Image.fromarray(np.full((10, 12), i * 40, np.uint8)).save(tmp_path / name / f"{i}.png")
    data = load_dataset(str(tmp_path))
    assert data.class_names == ("cats", "dogs") and data.image_shape == (28, 28)
    assert len(data.x_train) + len(data.x_test) == 10


def test_synthetic_shapes_are_varied_and_balanced():
    data = synthetic_shapes(800, 200, seed=1)
    assert data.x_train.shape == (800, 28, 28) and data.x_train.dtype == np.uint8
    counts = np.bincount(data.y_train, minlength=len(SHAPE_CLASSES))
    assert counts.min() > 60
    # Different classes look different on average (vertical vs horizontal strokes).
    horizontal = data.x_train[data.y_train == 0].mean(axis=0)
    vertical = data.x_train[data.y_train == 1].mean(axis=0)
    assert horizontal.std(axis=1).mean() < horizontal.std(axis=0).mean()
    assert vertical.std(axis=0).mean() < vertical.std(axis=1).mean()
    assert synthetic_shapes(10, 2, seed=1).x_train.tobytes() == synthetic_shapes(10, 2, seed=1).x_train.tobytes()
