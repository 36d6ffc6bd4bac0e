"""Start the window (or render it to a PNG for --screenshot)."""

from __future__ import annotations

import os
import sys


def _application():
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("convviz")
    app.setOrganizationName("convviz")
    return app


def run(session: str | None = None, screenshot: str | None = None, size: tuple[int, int] | None = None,
        language: str | None = None) -> int:
    """Open the explorer; with ``screenshot`` render it offscreen to that file and return."""
    if screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = _application()
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")
    from .i18n import install
    from .settings import app_settings

    install(app, language or app_settings().value("language", "system"))
    from convviz.model.session import SessionError, load_session

    from .qt_main_window import QtMainWindow

    state = None
    if session:
        try:
            state = load_session(session)
        except SessionError as exc:
            print(f"convviz: {exc}", file=sys.stderr)
            return 2
    window = QtMainWindow(synchronous=bool(screenshot), restore=state is None and not screenshot)
    if state is not None:
        window.document.restore(state)
        window.compute.compute_now()
    if size:
        window.resize(*size)
    if screenshot:
        return _screenshot(app, window, screenshot)
    window.show()
    from PySide6 import QtCore

    QtCore.QTimer.singleShot(200, window.compute.preload)
    return app.exec()


def _screenshot(app, window, path: str) -> int:
    from PySide6 import QtCore

    from convviz.io.atomic import atomic_path

    window.show()
    for _ in range(5):  # let layouts settle and pyqtgraph render
        app.processEvents()
        QtCore.QThread.msleep(20)
    pixmap = window.grab()
    try:
        with atomic_path(path, suffix=".png") as tmp:
            if not pixmap.save(str(tmp), "PNG"):
                raise OSError("Qt could not encode the PNG")
    except OSError as exc:
        print(f"convviz: cannot write {path}: {exc}", file=sys.stderr)
        return 2
    window.close()
    return 0
