"""Start the window (or render it to a PNG for --screenshot)."""

from __future__ import annotations

import os
import sys


def _reuse_freed_memory() -> None:
    """Ask glibc's malloc to keep freed memory for reuse instead of returning it to the OS.

    Every live update allocates a few fresh 2 MB arrays per map (activations, pooled
    maps, colour indices) and frees the previous ones.  By default glibc serves
    such blocks with mmap and gives them back on free, so each new array is
    page-faulted in again: ReLU over eight 512x512 maps took 17.6 ms that way and
    4.8 ms with the memory kept (same machine, same run).  Memory above 64 MB per
    block still goes back to the OS, and at most 256 MB of free heap is kept.
    Only on Linux with glibc; elsewhere nothing changes.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        m_trim_threshold, m_mmap_threshold = -1, -3
        libc.mallopt(m_mmap_threshold, 64 << 20)
        libc.mallopt(m_trim_threshold, 256 << 20)
    except (OSError, AttributeError):
        pass


def _import_psygnal_meanwhile() -> None:
    """Import psygnal (the model's events) on a second thread while this one loads Qt.

    psygnal reads its own version with importlib.metadata, which brings in the email and
    csv packages: about 50 ms of pure-Python importing, a twentieth of the start-up.  Begun
    before PySide6, it is done while Qt's libraries load, and the window is up sooner
    (benchmarks/README.md, "Window").  Python's per-module import locks make this safe: the
    window's own ``import psygnal`` finds the module loaded or waits for it, and a failure
    here is left for that import to report.
    """
    if "psygnal" in sys.modules:
        return
    import importlib
    import threading

    def load() -> None:
        try:
            importlib.import_module("psygnal")
        except Exception:  # reported by the window's own import, on the main thread
            pass

    threading.Thread(target=load, name="convviz-import-psygnal", daemon=True).start()


def _application():
    _import_psygnal_meanwhile()
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("convviz")
    app.setOrganizationName("convviz")
    return app


def close_on_signals(window) -> None:
    """Ctrl+C (SIGINT) or SIGTERM closes ``window`` as its close button does: the session is
    remembered and a running training stops cleanly.

    Python runs a signal handler only between bytecodes, and Qt's event loop can wait in C++
    for as long as nothing happens, so the signal would sit unhandled (Ctrl+C did nothing
    at all).  The C-level handler writes the signal's number to a socket
    (``signal.set_wakeup_fd``); a QSocketNotifier on the other end runs a slot, and with it
    the Python handler, at once.
    """
    import signal
    import socket

    from PySide6 import QtCore

    receive, send = socket.socketpair()
    for end in (receive, send):
        end.setblocking(False)
    signal.set_wakeup_fd(send.fileno(), warn_on_full_buffer=False)
    notifier = QtCore.QSocketNotifier(receive.fileno(), QtCore.QSocketNotifier.Type.Read, window)
    notifier.activated.connect(lambda *_: receive.recv(64))
    notifier.sockets = (receive, send)  # kept open as long as the notifier lives

    def close(_signum, _frame) -> None:
        QtCore.QTimer.singleShot(0, window.close)

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, close)


def run(session: str | None = None, screenshot: str | None = None, size: tuple[int, int] | None = None,
        language: str | None = None) -> int:
    """Open the explorer; with ``screenshot`` render it offscreen to that file and return."""
    state = None
    if session:  # before Qt starts: a bad file is one line and status 2 even where no window can open
        from convviz.model.session import SessionError, load_session

        try:
            state = load_session(session)
        except SessionError as exc:
            print(f"convviz: {exc}", file=sys.stderr)
            return 2
    if screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = _application()
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")
    from .i18n import install
    from .settings import app_settings

    install(app, language or app_settings().value("language", "system"))
    from .qt_main_window import QtMainWindow

    window = QtMainWindow(synchronous=bool(screenshot), restore=state is None and not screenshot)
    if state is not None:
        window.document.restore(state)
        window.compute.compute_now()
    if size:
        window.resize(*size)
    if screenshot:
        return _screenshot(app, window, screenshot)
    window.show()
    close_on_signals(window)
    from PySide6 import QtCore

    # After the first paint: ctypes (for mallopt) is 5 ms of start-up, and the first
    # example's arrays are tiny.
    QtCore.QTimer.singleShot(0, _reuse_freed_memory)
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
