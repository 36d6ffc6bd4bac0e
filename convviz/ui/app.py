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


def _application(screen: tuple[int, int] | None = None):
    """The QApplication; with ``screen`` (a screenshot's size) on Qt's offscreen platform with a
    screen of that size, unless an application exists already (tests call run() in-process)."""
    _import_psygnal_meanwhile()
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance()
    if app is None and screen is not None:
        # Headless whatever the environment says; the variable is put back once Qt has read it,
        # so child processes (training) see the user's own.
        before = os.environ.get("QT_QPA_PLATFORM")
        config = _offscreen_screen(*screen)
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        _quiet_offscreen_warnings()
        try:
            app = QtWidgets.QApplication(sys.argv[:1])
        finally:
            os.remove(config)
            if before is None:
                del os.environ["QT_QPA_PLATFORM"]
            else:
                os.environ["QT_QPA_PLATFORM"] = before
    app = app or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("convviz")
    app.setOrganizationName("convviz")
    return app


def collect_garbage_in_gui_thread(app) -> None:
    """Python's cyclic garbage collection only from a timer in the GUI thread (pyqtgraph's
    GarbageCollector), not wherever an allocation happens to trigger it: the numpy thread pool and the
    compute workers allocate too, and a collection there freed Qt wrappers under Qt's feet (the layout
    probe segfaulted in 2-4 runs of 12; PySide's binding manager later met a freed wrapper).  Once per
    application; for the window's process only, not for a notebook without a running event loop."""
    if getattr(app, "_convviz_gc", None) is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        app._convviz_gc = GarbageCollector(interval=0.5)


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
        language: str | None = None, *, lesson: str | None = None, tab: str | None = None,
        compare: str | None = None, step: int | None = None, lecture: bool = False, force: bool = False,
        view: str | None = None) -> int:
    """Open the explorer (on a session or a lesson, showing a tab, a Compare mode, a step, in
    lecture mode); with ``screenshot`` render exactly that to a PNG of ``size`` and return
    (an existing file is overwritten only with ``force``)."""
    state, opened_lesson = None, None
    # Files and names are checked before Qt starts: a bad one is one line and status 2 even
    # where no window can open.
    if session:
        from convviz.io.sessions import SessionError, load_session

        try:
            state = load_session(session)
        except SessionError as exc:
            print(f"convviz: {exc}", file=sys.stderr)
            return 2
    if lesson:
        from convviz.io.lessons import LessonError, find_lesson
        from convviz.model.session import SessionError

        try:
            opened_lesson = find_lesson(lesson)
            state = opened_lesson.session()
        except (LessonError, SessionError) as exc:
            print(f"convviz: {exc}", file=sys.stderr)
            return 2
    if screenshot:
        size = size or (1280, 800)
    app = _application(screen=size if screenshot else None)
    collect_garbage_in_gui_thread(app)
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")
    from .i18n import install
    from .settings import app_settings

    install(app, language or app_settings().value("language", "system"))
    from .qt_main_window import QtMainWindow

    window = QtMainWindow(synchronous=bool(screenshot), restore=state is None and not screenshot)
    if opened_lesson is not None:
        from .qt_lessons import open_lesson

        open_lesson(window, opened_lesson, training=False)  # Train (the CNN lesson) once the window is up
    elif state is not None:
        window.document.restore(state)
        window.one_d_action.setChecked(window.document.mode == "1d")
    if state is not None:
        window.compute.compute_now()
    if size:
        window.resize(*size)
    if screenshot:
        return _screenshot(app, window, screenshot, size, force=force, tab=tab, compare=compare, step=step,
                           lecture=lecture, view=view)
    window.show()
    error = show_view(window, tab=tab, compare=compare, step=step, lecture=lecture, view=view)
    if error:
        print(f"convviz: {error}", file=sys.stderr)
        window.close()
        return 2
    if opened_lesson is not None and opened_lesson.train:
        from .qt_lessons import open_lesson_training

        open_lesson_training(window, opened_lesson.train)  # in front of the explorer
    close_on_signals(window)
    from PySide6 import QtCore

    # After the first paint: ctypes (for mallopt) is 5 ms of start-up, and the first
    # example's arrays are tiny.
    QtCore.QTimer.singleShot(0, _reuse_freed_memory)
    QtCore.QTimer.singleShot(200, window.compute.preload)
    return app.exec()


def show_view(window, *, tab: str | None = None, compare: str | None = None, step: int | None = None,
              lecture: bool = False, view: str | None = None) -> str | None:
    """Put ``window`` in the state the command line asks for; returns a one-line error or None.

    ``step`` counts from 1, as the step view's "3 / 9" does; ``view`` is how the steps are
    drawn: "window", or as a matrix product ("im2col", "toeplitz")."""
    if lecture:
        window.toggle_lecture_mode(True)  # from the Maps tab to the Steps tab; --tab may pick another below
    if tab is None and (compare is not None or step is not None or view is not None):
        tab = "steps"
    if tab == "backward":
        window.backward.show()
    elif tab is not None:
        window.tabs.setCurrentIndex(("maps", "steps", "code").index(tab))
    if view is not None:
        window.step_view.set_view(view)
    if compare is not None or step is not None:
        view = window.step_view
        if compare is not None:
            view.ensure_built()  # its Compare choices are those of the operation shown
            index = view.compare_combo.findData(compare)
            if index < 0 or view.compare_combo.view().isRowHidden(index):
                return f"--compare {compare}: not offered for this operation (see the Compare box in Steps)"
            view.compare_combo.setCurrentIndex(index)
        if step is not None:
            view.ensure_built()  # built now even behind another tab, so its steps can be counted
            length = view.player.length
            if step > length:
                return f"--step {step}: this view has {length} step{'s' if length != 1 else ''}"
            view.player.seek(step - 1)
    return None


def _quiet_offscreen_warnings() -> None:
    """Leave out the offscreen platform's notice that it ignores size hints (printed for every
    window, it would bury a screenshot's one line of error); other messages pass through."""
    from PySide6 import QtCore

    def handler(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    QtCore.qInstallMessageHandler(handler)


def _offscreen_screen(width: int, height: int) -> str:
    """A configuration file for Qt's offscreen platform with one screen of exactly this size
    (its default is 800x800), so full screen (lecture mode) is the picture's size."""
    import json
    import tempfile

    handle, path = tempfile.mkstemp(prefix="convviz-screen-", suffix=".json")
    with os.fdopen(handle, "w") as f:
        json.dump({"windowFrameMargins": False,
                   "screens": [{"name": "convviz", "x": 0, "y": 0, "width": width, "height": height}]}, f)
    return path


def _screenshot(app, window, path: str, size: tuple[int, int], *, force: bool = False, **view) -> int:
    from PySide6 import QtCore, QtGui

    from convviz.io.atomic import OutputExistsError, atomic_path

    window.show()
    error = show_view(window, **view)
    if error:
        print(f"convviz: {error}", file=sys.stderr)
        window.close()
        return 2
    for _ in range(5):  # let layouts settle and pyqtgraph render
        app.processEvents()
        QtCore.QThread.msleep(20)
    grabbed = window.grab()
    width, height = size
    if (grabbed.width(), grabbed.height()) != (width, height):
        print(f"convviz: the window needs {grabbed.width()}x{grabbed.height()}; the picture shows "
              f"{width}x{height} of it, from the top left", file=sys.stderr)
    # Exactly the size asked for, whatever the window did: painted onto a canvas of that size.
    pixmap = QtGui.QPixmap(width, height)
    pixmap.fill(window.palette().color(QtGui.QPalette.ColorRole.Window))
    painter = QtGui.QPainter(pixmap)
    painter.drawPixmap(0, 0, grabbed)
    painter.end()
    try:
        with atomic_path(path, overwrite=force, suffix=".png") as tmp:
            if not pixmap.save(str(tmp), "PNG"):
                raise OSError("Qt could not encode the PNG")
    except OutputExistsError as exc:
        print(f"convviz: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"convviz: cannot write {path}: {exc}", file=sys.stderr)
        return 2
    finally:
        window.close()
    return 0
