import pytest

from convviz.model.document import Document
from convviz.ui.qt_main_window import QtMainWindow


@pytest.fixture
def shown(qtbot):
    """``shown(widget, width, height)``: the widget at that size, shown and exposed; closed after the test."""
    widgets = []

    def show(widget, width: int, height: int):
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        widgets.append(widget)
        return widget

    yield show
    for widget in widgets:
        widget.close()


@pytest.fixture
def window(shown):
    return shown(QtMainWindow(Document(), synchronous=True, restore=False), 1280, 800)


@pytest.fixture
def code_view(shown):
    from convviz.ui.qt_code_view import QtCodeView

    return shown(QtCodeView(Document()), 520, 600)
