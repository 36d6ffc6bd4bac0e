"""The datasets' errors are message templates with their values: the English line is what it was,
the training window says the whole sentence in Korean (the translator reads the .ts, Qt-free), and
the error crosses the training process's queue (a pickle) with its template."""

from __future__ import annotations

import gzip
import pickle
import re

import numpy as np
import pytest

from convviz.core.messages import TextError, message
from convviz.io.datasets import DEBIAN_DIRS, check_labels, load_dataset, load_idx_dir, load_npz, read_idx
from convviz.io.inputs import InputError
from convviz.model.limits import BudgetError
from convviz.render.labels import translator
from convviz.train.process import translatable

KOREAN = translator("ko")


def raised(call) -> ValueError:
    with pytest.raises((InputError, BudgetError)) as info:
        call()
    return info.value


def korean_and_english(exc) -> tuple[str, str]:
    return message(exc, KOREAN), str(exc)


def test_idx_errors(tmp_path):
    short = tmp_path / "short.gz"
    with gzip.open(short, "wb") as fh:
        fh.write(b"\x00\x00\x08\x01\x00\x00\x00\x10abc")
    assert korean_and_english(raised(lambda: read_idx(short))) == (
        f"{short}: 잘린 파일입니다 (16바이트 중 3바이트)", f"{short}: truncated (3 of 16 bytes)")
    text = tmp_path / "text"
    text.write_bytes(b"hello")
    assert korean_and_english(raised(lambda: read_idx(text))) == (
        f"{text}: IDX 파일이 아닙니다", f"{text}: not an IDX file")
    empty = tmp_path / "empty"
    empty.mkdir()
    files = ("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
             "t10k-labels-idx1-ubyte.gz")
    assert korean_and_english(raised(lambda: load_idx_dir(empty, "x", []))) == (
        f"{empty}: {files} 파일이 없습니다", f"{empty}: missing {files}")


def test_npz_errors(tmp_path, monkeypatch):
    path = tmp_path / "d.npz"
    np.savez(path, x_train=np.zeros((4, 5, 5), np.uint8))
    assert korean_and_english(raised(lambda: load_npz(path))) == (
        f"{path}: x_train, y_train, x_test, y_test가 모두 있어야 합니다 ('y_train' 없음)",
        f"{path}: needs x_train, y_train, x_test and y_test (missing 'y_train')")
    x = np.zeros((1000, 28, 28), np.float32)
    np.savez_compressed(path, x_train=x, y_train=np.zeros(1000, np.int64), x_test=x[:10],
                        y_test=np.zeros(10, np.int64))
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "5M")
    assert korean_and_english(raised(lambda: load_npz(path))) == (
        f"{path} 읽기에 9.1 MB가 필요해 메모리 예산 5.0 MB(CONVVIZ_MEMORY_BUDGET)을 넘습니다",
        f"reading {path} would take 9.1 MB, over the 5.0 MB memory budget (CONVVIZ_MEMORY_BUDGET)")


def test_label_errors():
    assert korean_and_english(raised(lambda: check_labels("y", np.array([0, 12]), 10))) == (
        "y: 레이블 12이(가) 클래스 10개(0~9) 범위 밖입니다", "y: label 12 is outside the 10 classes (0 to 9)")
    assert korean_and_english(raised(lambda: check_labels("y", np.array([0.5])))) == (
        "y: 레이블은 정수인 클래스 번호여야 합니다", "y: labels must be whole class numbers")
    assert korean_and_english(raised(lambda: check_labels("y", np.array(["a"])))) == (
        "y: 레이블이 클래스 번호가 아닌 <U1 값입니다", "y: labels hold <U1 values, not class numbers")


def test_lookup_errors(tmp_path, monkeypatch):
    folder = tmp_path / "one-class"
    (folder / "cats").mkdir(parents=True)
    assert korean_and_english(raised(lambda: load_dataset(str(folder)))) == (
        f"{folder}: 클래스마다 하위 폴더가 하나씩 있어야 합니다 (1개 찾음)",
        f"{folder}: needs one subfolder per class (found 1)")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setitem(DEBIAN_DIRS, "mnist", tmp_path / "absent")
    korean, english = korean_and_english(raised(lambda: load_dataset("mnist")))
    assert english == (f"MNIST was not found offline: pass --data-dir DIR holding the four IDX .gz files, "
                       f"or put mnist.npz in {tmp_path / 'datasets'}")
    assert korean.startswith("오프라인에서 MNIST를 찾지 못했습니다.") and str(tmp_path / "datasets") in korean


@pytest.mark.parametrize("spec", ["nowhere", "data.txt"])
def test_every_dataset_message_is_translated_whole(tmp_path, spec):
    """No English word is left in the Korean sentence but the names it quotes."""
    if spec == "data.txt":
        (tmp_path / spec).write_text("1 2 3")
    path = str(tmp_path / spec)
    korean = message(raised(lambda: load_dataset(path)), KOREAN)
    assert re.findall(r"[A-Za-z]+", korean.replace(path, "")) in (
        ["fashion", "mnist", "mnist", "shapes"], ["npz"]), korean


def test_a_dataset_error_crosses_the_process_queue_whole(tmp_path):
    exc = raised(lambda: load_dataset(str(tmp_path / "nowhere")))
    carried = pickle.loads(pickle.dumps(translatable(exc)))
    assert isinstance(carried, InputError) and str(carried) == str(exc)
    assert message(carried, KOREAN) == (
        f"{tmp_path / 'nowhere'}: 데이터셋 이름(fashion-mnist, mnist, shapes)도, 있는 경로도 아닙니다")


def test_an_error_that_cannot_be_pickled_crosses_as_its_english_line():
    exc = TextError("{path}: not an IDX file", path=lambda: None)  # a value no pickle takes
    assert translatable(exc) == str(exc)
    assert translatable(ValueError("plain")) == "plain"
