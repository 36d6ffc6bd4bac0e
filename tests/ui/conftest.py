import pytest
from PySide6 import QtCore, QtWidgets

from convviz.model.document import Document
from convviz.ui import i18n
from convviz.ui.qt_main_window import QtMainWindow


@pytest.fixture(scope="session", autouse=True)
def _gc_in_the_gui_thread(qapp):
    """As the app does (convviz.ui.app.collect_garbage_in_gui_thread): a collection in a worker thread
    freed Qt wrappers under Qt's feet, and the suite segfaulted now and then."""
    from convviz.ui.app import collect_garbage_in_gui_thread

    collect_garbage_in_gui_thread(qapp)


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


@pytest.fixture
def korean(window, qtbot, qapp):
    """The 1280x800 window switched to Korean for the test, and back to English after it."""
    window.set_language("ko")
    qtbot.wait(10)
    yield window
    window.set_language("en")
    i18n.install(qapp, "en")


@pytest.fixture(params=["en", "ko"])
def language(request, qapp):
    """Each test twice: under the English and under the Korean translator, installed before the window is made."""
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


@pytest.fixture
def sized_window(qtbot):
    """``sized_window((width, height))``: a fresh main window at that size, shown, its nested layouts
    (panels, group boxes, the scroll area, the splitter) settled."""
    def make(size):
        window = QtMainWindow(Document(), synchronous=True, restore=False)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.size().toTuple() == tuple(size))
        for _ in range(5):
            QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
            QtWidgets.QApplication.processEvents()
        return window

    return make
