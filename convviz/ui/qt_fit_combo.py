"""A combo box as wide as its current text: the step view's toolbar and the Backward tab's rows."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


class FitCombo(QtWidgets.QComboBox):
    """A combo box as wide as the text it shows, not as its longest item (the list still shows
    every item whole): a toolbar of them wastes no width and wraps later."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(self.updateGeometry)
        self.currentTextChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        widest = super().sizeHint()  # every item's
        option = QtWidgets.QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        text = QtCore.QSize(metrics.horizontalAdvance(self.currentText()) + 2, max(metrics.height(), 14) + 2)
        fitted = self.style().sizeFromContents(QtWidgets.QStyle.ContentsType.CT_ComboBox, option, text, self)
        return QtCore.QSize(min(widest.width(), fitted.width()), widest.height())

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        return self.sizeHint()  # never narrower than its text: no cut choice

    def showPopup(self) -> None:  # noqa: N802 (Qt's name)
        self.view().setMinimumWidth(super().sizeHint().width())  # the list as wide as its longest item
        super().showPopup()
