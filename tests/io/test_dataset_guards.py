"""Datasets on bad input (issue 18, item 4): labels range-checked against the classes, every image
through the guarded reader, one line each."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest
from PIL import Image

from convviz.io import inputs
from convviz.io.datasets import IDX_FILES, load_idx_dir, load_image_folder, load_npz
from convviz.io.inputs import InputError


def _npz(tmp_path, y_train, y_test=(0, 1)):
    path = tmp_path / "d.npz"
    np.savez(path, x_train=np.zeros((len(y_train), 4, 4), np.uint8), y_train=np.asarray(y_train),
             x_test=np.zeros((len(y_test), 4, 4), np.uint8), y_test=np.asarray(y_test))
    return path


@pytest.mark.parametrize("labels,match", [
    ([0, -1, 2], "label -1 is outside 0 to 999"),
    ([0, 10**9], "label 1e\\+09 is outside 0 to 999"),
    ([0.0, 1.5], "labels must be whole class numbers"),
    ([0.0, np.nan], "labels must be whole class numbers"),
])
def test_npz_labels_out_of_range_are_one_line(tmp_path, labels, match):
    with pytest.raises(InputError, match=match):
        load_npz(_npz(tmp_path, labels))


def test_npz_whole_float_labels_are_accepted(tmp_path):
    data = load_npz(_npz(tmp_path, [0.0, 2.0, 1.0]))
    assert data.y_train.tolist() == [0, 2, 1] and data.class_names == ("0", "1", "2")


def test_npz_label_count_must_match_the_images(tmp_path):
    path = tmp_path / "d.npz"
    np.savez(path, x_train=np.zeros((3, 4, 4), np.uint8), y_train=np.array([0, 1]),
             x_test=np.zeros((2, 4, 4), np.uint8), y_test=np.array([0, 1]))
    with pytest.raises(InputError, match="image and label counts differ"):
        load_npz(path)


def _idx(path, arr: np.ndarray):
    header = struct.pack(">HBB", 0, 0x08, arr.ndim) + b"".join(struct.pack(">I", n) for n in arr.shape)
    with gzip.open(path, "wb") as fh:
        fh.write(header + arr.astype(np.uint8).tobytes())


def test_idx_labels_beyond_the_classes_are_refused(tmp_path):
    images = np.zeros((2, 4, 4), np.uint8)
    for stem, arr in zip(IDX_FILES, (images, np.array([0, 12]), images, np.array([1, 2]))):
        _idx(tmp_path / f"{stem}.gz", arr)
    with pytest.raises(InputError, match="label 12 is outside the 10 classes"):
        load_idx_dir(tmp_path, "fashion-mnist", [str(i) for i in range(10)])


def _folder(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        for i in range(2):
            Image.fromarray(np.full((8, 8), 100, np.uint8)).save(tmp_path / name / f"{i}.png")
    return tmp_path


def test_image_folder_reads_16bit_images_by_their_range(tmp_path):
    _folder(tmp_path)
    Image.fromarray(np.full((8, 8), 32768, np.uint16)).save(tmp_path / "a" / "wide.png")
    data = load_image_folder(tmp_path, size=8)
    all_images = np.concatenate([data.x_train, data.x_test])
    assert sorted({int(img.max()) for img in all_images}) == [100, 128]  # half scale (Pillow's "L" clipped to 255)


def test_image_folder_images_go_through_the_size_guard(tmp_path, monkeypatch):
    _folder(tmp_path)
    monkeypatch.setattr(inputs, "MAX_IMAGE_PIXELS", 63)
    with pytest.raises(InputError, match="too large to decode safely"):
        load_image_folder(tmp_path, size=8)


# ------------------------------------------------------------ the memory budget

def test_an_idx_header_promising_gigabytes_is_refused_before_reading(tmp_path):
    """A 40-byte .gz whose header says 10^5 images of 1000x1000: refused from the header (read()
    of the whole stream would decompress whatever follows)."""
    from convviz.io.budget import BudgetError
    from convviz.io.datasets import read_idx

    path = tmp_path / "train-images-idx3-ubyte.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(bytes([0, 0, 8, 3]) + (100_000).to_bytes(4, "big") + (1000).to_bytes(4, "big") * 2)
    with pytest.raises(BudgetError, match=r"100000x1000x1000\) would take 93.1 GB"):
        read_idx(path)


def test_an_idx_file_longer_than_its_header_is_refused(tmp_path):
    from convviz.io.datasets import read_idx

    path = tmp_path / "labels"
    path.write_bytes(bytes([0, 0, 8, 1]) + (3).to_bytes(4, "big") + bytes([1, 2, 3, 4]))
    with pytest.raises(InputError, match="longer than its header says"):
        read_idx(path)


def test_an_npz_is_checked_against_the_budget_before_decompressing(tmp_path, monkeypatch):
    from convviz.io.budget import BudgetError

    path = tmp_path / "d.npz"
    x = np.zeros((1000, 28, 28), np.float32)  # compresses to almost nothing
    np.savez_compressed(path, x_train=x, y_train=np.zeros(1000, np.int64), x_test=x[:10],
                        y_test=np.zeros(10, np.int64))
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "5M")  # 1010 images: 3.2 MB stored, 6.3 MB more as float64
    with pytest.raises(BudgetError, match="reading .*d.npz would take 9.1 MB"):
        load_npz(path)
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "20M")
    assert load_npz(path).x_train.shape == (1000, 28, 28)
