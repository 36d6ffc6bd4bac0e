import pytest

from convviz.model.document import Document
from convviz.ui.qt_main_window import QtMainWindow


@pytest.fixture
def window(qtbot):
    win = QtMainWindow(Document(), synchronous=True, restore=False)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
