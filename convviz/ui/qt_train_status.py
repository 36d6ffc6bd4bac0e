"""The training window's status: the progress bar, the line that says what is happening, and
the test result.  Each line is kept as a function of the interface language, so it is written
again, in the new language, when the language changes."""

from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6 import QtCore, QtWidgets

from .i18n import tr


class QtTrainStatus(QtWidgets.QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.progress_bar = QtWidgets.QProgressBar()
        self.progress_label = QtWidgets.QLabel()
        self.result_label = QtWidgets.QLabel()
        for label in (self.progress_label, self.result_label):
            # New text repaints the label alone: a label whose size follows its text (the result
            # line appearing at the end, a longer progress line) makes the window lay itself out
            # again and repaint every plot beside it, 40-60 ms at the end of a run while
            # TensorFlow holds both cores.
            label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Fixed)
            label.setMinimumHeight(label.fontMetrics().lineSpacing() + 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.result_label)
        self._progress_words: Callable[[], str] = lambda: tr("Not started.")
        self._result_words: Callable[[], str] = str
        self.retranslate()

    def say(self, words: Callable[[], str]) -> None:
        """The progress line: ``words()`` now and after every change of language."""
        self._progress_words = words
        self.progress_label.setText(words())

    def tell_result(self, words: Callable[[], str] | None) -> None:
        self._result_words = words or str
        self.result_label.setText(self._result_words())

    def retranslate(self) -> None:
        self.progress_label.setText(self._progress_words())
        self.result_label.setText(self._result_words())

    def changeEvent(self, event) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ what happens
    def started(self, info: dict) -> None:
        self.progress_bar.setRange(0, info["epochs"] * info["train_samples"])
        n = info["train_samples"]
        self.say(lambda: tr("Training on {n} images per epoch…").format(n=n))

    def progress(self, info: dict) -> None:
        self.progress_bar.setValue(int(info["samples_done"]))
        eta = info["eta_s"]

        def words() -> str:
            left = tr("{seconds} s left").format(seconds=f"{eta:.0f}") if np.isfinite(eta) else tr("time left unknown")
            return tr("epoch {epoch} · {rate} images/s · {left} · loss {loss} · accuracy {accuracy}").format(
                epoch=info["epoch"] + 1, rate=f"{info['samples_per_s']:.0f}", left=left,
                loss=f"{info['loss']:.3f}", accuracy=f"{info['accuracy']:.3f}")

        self.say(words)

    def finished(self, result) -> None:
        if not result.stopped:
            self.progress_bar.setValue(self.progress_bar.maximum())
        seconds, n = f"{result.train_seconds:.1f}", result.train_samples
        if result.stopped:
            self.say(lambda: tr("Stopped early: {seconds} s fitting, {n} images per epoch.").format(
                seconds=seconds, n=n))
        else:
            self.say(lambda: tr("Finished: {seconds} s fitting, {n} images per epoch.").format(seconds=seconds, n=n))
        accuracy, loss = f"{result.test_accuracy:.4f}", f"{result.test_loss:.4f}"
        self.tell_result(lambda: tr("<b>Test accuracy {accuracy}</b> · test loss {loss}").format(
            accuracy=accuracy, loss=loss))
