"""Opening a model for the network window without blocking it.

A ``.npz`` network (convviz.io.networks) is read at once, no TensorFlow involved; a ``.keras`` /
``.h5`` file is read by :class:`convviz.train.model_reader.NetworkLoader` in a child process (Keras's
safe mode), polled from a timer while a progress dialog offers Cancel.  Errors arrive as one line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from .i18n import tr
from .jobs import wait_until_idle

MODEL_FILTER = " (*.keras *.h5 *.npz)"  # after tr("Models")


def lecture_model_path() -> Path:
    """The lecture's trained CNN, shipped as a network file (opens without TensorFlow)."""
    from convviz.resources_path import resource

    return resource("models", "lecture_cnn.npz")


def read_network_file(path):
    """A ``.npz`` network at once (ValueError with one line when it cannot be read)."""
    from convviz.io.networks import read_network

    return read_network(path)


class QtModelOpener(QtCore.QObject):
    """``loaded(spec)`` or ``failed(message)``, once per :meth:`open`; one model being read at a time."""

    loaded = QtCore.Signal(object)
    failed = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget):
        super().__init__(parent)
        self._loader = None
        self._timer = QtCore.QTimer(self, interval=50)
        self._timer.timeout.connect(self._poll)
        self.progress: QtWidgets.QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._loader is not None

    def open(self, path) -> None:
        path = Path(path)
        if path.suffix.lower() == ".npz":
            try:
                spec = read_network_file(path)
            except (ValueError, OSError) as exc:
                self.failed.emit(str(exc))
                return
            self.loaded.emit(spec)
            return
        self.cancel()
        from convviz.train.model_reader import NetworkLoader  # no TensorFlow here: the child imports it

        try:
            self._loader = NetworkLoader(path)
        except (ValueError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        self.progress = QtWidgets.QProgressDialog(
            tr("Reading {name} with Keras in a separate process…").format(name=path.name), tr("Cancel"), 0, 0,
            self.parent())
        self.progress.setWindowTitle("convviz")
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        self._timer.start()

    def _poll(self) -> None:
        loader = self._loader
        if loader is None or not loader.poll():
            return
        self._done()
        if loader.spec is not None:
            self.loaded.emit(loader.spec)
        else:
            self.failed.emit(loader.error or tr("The model could not be read."))

    def cancel(self) -> None:
        """Stop reading (the child process ends at once); nothing is reported."""
        if self._loader is not None:
            self._loader.cancel()
        self._done()

    def _done(self) -> None:
        self._timer.stop()
        self._loader = None
        if self.progress is not None:
            progress, self.progress = self.progress, None
            progress.blockSignals(True)  # closing it must not read as Cancel
            progress.close()
            progress.deleteLater()

    def wait(self, timeout_ms: int = 60000) -> bool:
        """Turn the event loop until the model is read (tests)."""
        return wait_until_idle(lambda: self.busy, timeout_ms)


_TEST_IMAGES: dict = {}


def fashion_test_files():
    """The installed Fashion-MNIST test images and labels (paths), or None."""
    from convviz.io.datasets import DEBIAN_DIRS, IDX_FILES

    paths = [DEBIAN_DIRS["fashion-mnist"] / (stem + ".gz") for stem in IDX_FILES[2:]]
    return paths if all(p.is_file() for p in paths) else None


def fashion_test_image(index: int):
    """Fashion-MNIST test image ``index`` (uint8, 28x28) and its label, from the dataset installed on
    the system (only the test files are read, once)."""
    import numpy as np

    from convviz.io.datasets import InputError, check_labels, read_idx

    if "x" not in _TEST_IMAGES:
        paths = fashion_test_files()
        if paths is None:
            raise InputError(tr("Fashion-MNIST is not installed here (Debian/Ubuntu: apt-get install "
                                "dataset-fashion-mnist)."))
        x, y = read_idx(paths[0]), read_idx(paths[1])
        _TEST_IMAGES.update(x=x, y=check_labels(paths[1], y, 10))
    x, y = _TEST_IMAGES["x"], _TEST_IMAGES["y"]
    index = int(np.clip(index, 0, len(x) - 1))
    return x[index], int(y[index])
