"""Training data: offline sources first, then ``keras.datasets`` (the Keras cache, or a download when online)."""

from __future__ import annotations

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
