"""Training data: offline sources first, then ``keras.datasets`` (the Keras cache, or a download when online)."""

from __future__ import annotations

import re

from convviz.io.datasets import DIGIT_CLASSES, FASHION_CLASSES, Dataset, DataSpec, check_labels
from convviz.io.inputs import InputError


def load_training_data(spec: DataSpec) -> Dataset:
    """``spec.load()``; for fashion-mnist / mnist not found offline, ask keras.datasets (which downloads
    when online).  When that fails too, the offline message (how to provide the files) is raised."""
    try:
        return spec.load()
    except InputError as offline:
        name = spec.source.lower().replace("_", "-")
        if name not in ("fashion-mnist", "mnist") or spec.data_dir:
            raise
        try:
            import keras

            module = keras.datasets.fashion_mnist if name == "fashion-mnist" else keras.datasets.mnist
            (x_train, y_train), (x_test, y_test) = module.load_data()
        except Exception:  # offline, blocked, or a broken cache: the offline advice is the useful message
            raise offline from None
        classes = FASHION_CLASSES if name == "fashion-mnist" else DIGIT_CLASSES
        data = Dataset(name, x_train, check_labels(name, y_train, len(classes)), x_test,
                       check_labels(name, y_test, len(classes)), classes)
        return data.limited(spec.limit)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain_error(exc: BaseException, limit: int = 300) -> str:
    """An error from Keras or TensorFlow as one plain line: its type and first non-empty line, without
    the terminal colour codes Keras adds, cut at ``limit`` characters."""
    text = _ANSI.sub("", str(exc))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    line = f"{exc.__class__.__name__}: {first}" if first else exc.__class__.__name__
    return line if len(line) <= limit else line[: limit - 1] + "…"
