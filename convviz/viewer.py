"""``convviz.show``: the explorer window on your own arrays, from a script, IPython or Jupyter.

In IPython or Jupyter with Qt's event loop running (``%gui qt``) the window opens and the
prompt comes back at once; the window stays live while you work and ``.session()`` reads
what it shows.  In a plain script (or a shell without the Qt loop) the call waits until
the window is closed, as ``convviz`` on the command line does.  Qt is imported only here,
when a window opens; TensorFlow never.
"""

from __future__ import annotations

import sys

__all__ = ["show", "Explorer", "NetworkExplorerHandle", "qt_loop_running"]

_open_windows: list = []  # windows shown without blocking: kept alive while open (a notebook drops its handles)
_language_installed = False


def _ipython_shell():
    """The running IPython shell, or None (IPython is not imported unless it is running us)."""
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    return get() if get is not None else None


def qt_loop_running() -> bool:
    """Whether something keeps Qt's event loop turning while this call returns: IPython's
    ``%gui qt`` (terminal or Jupyter kernel), or a Qt event loop this code runs inside."""
    qtcore = sys.modules.get("PySide6.QtCore")
    has_app = qtcore is not None and qtcore.QCoreApplication.instance() is not None
    if _ipython_qt_loop():
        # %gui qt makes its application with the binding it picks; PyQt's loop never serves PySide6's windows.
        return has_app or not _other_qt_binding()
    return has_app and qtcore.QThread.currentThread().loopLevel() > 0


def _ipython_qt_loop() -> bool:
    """Whether IPython runs a Qt event loop (``%gui qt``: terminal IPython and Jupyter kernels)."""
    shell = _ipython_shell()
    return shell is not None and str(getattr(shell, "active_eventloop", None) or "").startswith("qt")


def _other_qt_binding() -> bool:
    return any(f"{name}.QtCore" in sys.modules for name in ("PyQt6", "PyQt5", "PySide2"))


def _document(x, kernel, bias, op):
    """A document holding the arrays and settings, checked as the window checks its own edits."""
    import os

    import numpy as np

    from convviz.api_operands import op_settings, operands
    from convviz.io.inputs import load_input
    from convviz.model.document import Document

    op = dict(op)
    groups = op.pop("groups", 1)
    settings = op_settings(**op) if op or groups != 1 else None
    doc = Document()
    if isinstance(x, (str, os.PathLike)):
        x = load_input(x)  # a file name, as the command line reads it
    if x is not None:
        x = np.asarray(x)
        doc.set_mode("1d" if x.ndim == 1 else "2d")
    if kernel is not None:
        x, kernels, biases = operands(doc.input if x is None else x, kernel, bias, groups=groups)
        doc.set_input(x)
        doc.set_kernels(kernels, biases)
        if groups != 1:  # the channels each filter reads, as explain() resolves them
            from dataclasses import replace

            settings = replace(settings, groups=x.shape[2] if groups == "depthwise" else groups).validate()
    elif x is not None:
        doc.set_input(x)
    if settings is not None:
        doc.set_settings(settings)
    return doc


def show(x=None, kernel=None, *, model=None, bias=0.0, block: bool | None = None, lang: str | None = None,
         tab: str | None = None, compare: str | None = None, step: int | None = None, lecture: bool = False,
         **op) -> "Explorer | NetworkExplorerHandle":
    """Open the explorer on ``x`` and ``kernel`` (arrays, or a file name / preset / matrix text as
    the command line takes them; either may be left out for the window's example) with the op
    options of :func:`convviz.explain` as keywords.

    With ``model`` (an in-memory Keras model, a .keras/.h5/.npz file, a NetworkSpec or "lecture") the
    network window opens instead, on ``x`` as its input (any size: fitted to the model) and returns a
    :class:`NetworkExplorerHandle`; ``kernel`` and the op options do not apply to it.

    ``block``: None waits until the window closes unless Qt's event loop is running
    (``%gui qt`` in IPython/Jupyter); False returns at once (the loop must run for the window
    to respond); True always waits. ``lang``: en, ko or system (default: the window's last
    choice). ``tab``, ``compare``, ``step`` (from 1) and ``lecture`` as on the command line.
    Returns an :class:`Explorer`; its ``.session()`` is what the window shows, as a dict.
    """
    global _language_installed
    if model is not None:
        return _show_network(model, x, kernel=kernel, block=block, lang=lang, view=dict(
            tab=tab, compare=compare, step=step, lecture=lecture or None, bias=bias or None, **op))
    document = _document(x, kernel, bias, op)  # bad arrays or options fail before any window

    from convviz.ui.app import _application, close_on_signals, show_view

    app = _application()
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")
    from convviz.ui.i18n import install
    from convviz.ui.qt_main_window import QtMainWindow
    from convviz.ui.settings import app_settings

    if lang is not None or not _language_installed:
        install(app, lang or app_settings().value("language", "system"))
        _language_installed = True
    window = QtMainWindow(document, restore=False)
    window.one_d_action.setChecked(document.mode == "1d")
    window.show()
    error = show_view(window, tab=tab, compare=compare, step=step, lecture=lecture)
    if error:
        window.close()
        raise ValueError(error)
    return _present(app, window, Explorer(window), block, close_on_signals)


def _present(app, window, handle, block: bool | None, close_on_signals):
    """Return ``handle`` at once (the window kept alive while open) or after the window closes."""
    if block is None:
        block = not qt_loop_running()
        if block and _ipython_shell() is not None:
            hint = ("IPython's Qt loop runs another Qt binding: start it with QT_API=pyside6 to keep working"
                    if _ipython_qt_loop() else "run %gui qt first to keep working")
            print(f"convviz.show: this waits until the window is closed; {hint} while it is open", file=sys.stderr)
    if not block:
        _open_windows[:] = [w for w in _open_windows if _shown(w)] + [window]
        return handle
    _wait(app, window, close_on_signals)
    return handle


def _show_network(model, x, *, kernel, block, lang, view: dict) -> "NetworkExplorerHandle":
    """The network window on ``model`` (see :func:`show`), everything checked before it opens."""
    global _language_installed
    unused = sorted(name for name, value in view.items() if value is not None)
    if kernel is not None:
        unused.insert(0, "kernel")
    if unused:
        raise ValueError(f"model= opens the network window; {', '.join(unused)} belong to the convolution "
                         "explorer (call convviz.show without model=)")
    from convviz.api_network import fit_image, resolve_network

    spec = resolve_network(model)
    image = None
    if x is not None:
        import os

        from convviz.io.inputs import load_input

        image = load_input(x) if isinstance(x, (str, os.PathLike)) else x
        fit_image(spec, image)  # an input that cannot fit the model fails here, not in the window

    from convviz.ui.app import _application, close_on_signals

    app = _application()
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")
    from convviz.ui.i18n import install
    from convviz.ui.qt_network import open_network_window
    from convviz.ui.settings import app_settings

    if lang is not None or not _language_installed:
        install(app, lang or app_settings().value("language", "system"))
        _language_installed = True
    window = open_network_window(spec, image)
    return _present(app, window, NetworkExplorerHandle(window, spec), block, close_on_signals)


def _wait(app, window, close_on_signals) -> None:
    """Run Qt's loop until the window closes, Ctrl+C closing it as on the command line; then the
    signal handlers are the caller's again (IPython's Ctrl+C must interrupt its next cell)."""
    import signal

    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    wakeup = signal.set_wakeup_fd(-1)
    try:
        close_on_signals(window)
        app.exec()
    finally:
        signal.set_wakeup_fd(wakeup)
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _shown(window) -> bool:
    """Whether the window is on screen (False once Qt has deleted it, as a test's qtbot does)."""
    try:
        return window.isVisible()
    except RuntimeError:
        return False


class _WindowHandle:
    """What every handle on a window opened by :func:`show` offers: whether it is open, and closing it."""

    window: object

    @property
    def is_open(self) -> bool:
        return _shown(self.window)

    def close(self) -> None:
        if self.is_open:
            self.window.close()


class Explorer(_WindowHandle):
    """A handle on a window opened by :func:`show`."""

    def __init__(self, window):
        self.window = window
        self.document = window.document  # outlives the window: .session() works after it closes

    def session(self) -> dict:
        """What the window shows (input, filters, settings) as a session dict, the same data
        File → Save session writes."""
        from convviz.model.session import session_dict

        return session_dict(self.document)

    def __repr__(self) -> str:
        state = "open" if self.is_open else "closed"
        return f"<convviz.Explorer {state}, {self.document.mode} input {'x'.join(map(str, self.document.input.shape))}>"


class NetworkExplorerHandle(_WindowHandle):
    """A handle on a network window opened by ``show(model=...)``: ``spec``, and while it is open the
    input it shows (``image``, as the model takes it) and every layer's output (``outputs``)."""

    def __init__(self, window, spec):
        self.window = window
        self.spec = spec
        self.controller = window.explorer

    @property
    def image(self):
        return self.controller.image

    @property
    def outputs(self):
        return self.controller.outputs

    def __repr__(self) -> str:
        state = "open" if self.is_open else "closed"
        return f"<convviz network window {state} on '{self.spec.name}', {len(self.spec.layers)} layers>"
