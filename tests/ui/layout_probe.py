"""The layout matrix, run in a process of its own: one screen size per process (Qt's offscreen
platform takes its screen from a configuration file when the application starts).

    python -m tests.ui.layout_probe 1280 800      # prints one JSON line: the problems found

For English and Korean, normal and lecture mode, every tab and every Compare mode of the
step view, it checks what a lecturer would see on that screen: the window inside the screen,
every visible widget inside the window (nothing scrolls sideways), no label, button, combo box
or tab whose text is cut, and the step view's type no smaller than its minimum (screens of
1280x800 and larger).
"""

from __future__ import annotations

import json
import sys


def _inside(outer, inner, *, horizontal_only: bool = False) -> bool:
    if horizontal_only:
        return inner.left() >= outer.left() - 1 and inner.right() <= outer.right() + 1
    return outer.adjusted(-1, -1, 1, 1).contains(inner)


def _text_problems(widget) -> str | None:
    from PySide6 import QtWidgets

    if isinstance(widget, QtWidgets.QLabel):
        if widget.wordWrap() or not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        if widget.textFormat() == widget.textFormat().RichText or "<" in widget.text():
            return None
        need = widget.fontMetrics().horizontalAdvance(widget.text()) + 2 * widget.margin()
        return f"label cut ({need} > {widget.width()} px)" if need > widget.width() + 1 else None
    if isinstance(widget, QtWidgets.QComboBox):
        option = QtWidgets.QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(QtWidgets.QStyle.ComplexControl.CC_ComboBox, option,
                                              QtWidgets.QStyle.SubControl.SC_ComboBoxEditField, widget)
        need = widget.fontMetrics().horizontalAdvance(widget.currentText())
        return f"combo text cut ({need} > {field.width()} px)" if need > field.width() + 1 else None
    if isinstance(widget, (QtWidgets.QAbstractButton,)) and widget.text():
        need = widget.sizeHint().width()
        return f"button text cut ({need} > {widget.width()} px)" if need > widget.width() + 1 else None
    if isinstance(widget, QtWidgets.QTabBar):
        for i in range(widget.count()):
            if widget.tabSizeHint(i).width() > widget.tabRect(i).width() + 1:
                return f"tab {widget.tabText(i)!r} cut"
    return None


def check(window, state: str, *, type_check: bool) -> list[str]:
    from PySide6 import QtCore, QtWidgets

    problems = []
    screen = window.screen().geometry()
    if not _inside(screen, window.frameGeometry()):
        problems.append(f"{state}: window {window.frameGeometry().getRect()} outside screen {screen.getRect()}")
    frame = window.rect()
    for widget in window.findChildren(QtWidgets.QWidget):
        if not widget.isVisible() or widget.window() is not window or isinstance(widget, QtWidgets.QMenu):
            continue
        rect = QtCore.QRect(widget.mapTo(window, QtCore.QPoint(0, 0)), widget.size())
        label = widget.text() if isinstance(widget, (QtWidgets.QLabel, QtWidgets.QAbstractButton)) else ""
        name = f"{type(widget).__name__} {widget.objectName() or label[:30]}".strip()
        scroller = _scroll_viewport(widget)
        if scroller is not None:
            port = QtCore.QRect(scroller.mapTo(window, QtCore.QPoint(0, 0)), scroller.size())
            if not _inside(port, rect, horizontal_only=True):
                problems.append(f"{state}: {name} sideways outside its scroll area")
        elif not _inside(frame, rect):
            problems.append(f"{state}: {name} {rect.getRect()} outside the window {frame.getRect()}")
        text = _text_problems(widget)
        if text:
            problems.append(f"{state}: {name}: {text}")
    if type_check and window.tabs.currentIndex() == 1:
        # Inputs up to 16x16: type at least the minimum.  Larger ones: the window's neighbourhood
        # (never a microscopic whole input), its type at least 0.6 of the minimum.
        view = window.step_view
        small = max(window.document.input.shape[:2]) <= 16
        frames = view.current_frames()
        if not small and len(frames) > 2:
            # Known limit: three panes of a large input cannot each hold a readable 3x3 window
            # (a third of 1280x800 is 216 px high); they still show neighbourhoods.
            frames = [(s, i, r) for s, i, r in frames if not getattr(s, "cropped", True)]
        for scene, step, reveal in frames:
            from convviz.render.prims import Text

            texts = [p for p in scene.frame(step, reveal=reveal).prims if isinstance(p, Text)]
            smallest = min(texts, key=lambda p: p.size)
            floor = view.min_type if small else 0.6 * view.min_type
            if smallest.size < floor - 0.01:
                problems.append(f"{state}: step view type {smallest.size:.1f} px < {floor:.0f} px "
                                f"({smallest.text[:20]!r} in a {scene.size[0]}x{scene.size[1]} pane)")
            if not small and not getattr(scene, "cropped", True):
                problems.append(f"{state}: a large input drawn whole")
    return problems


def _scroll_viewport(widget):
    from PySide6 import QtWidgets

    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QtWidgets.QAbstractScrollArea) and parent is grand.viewport():
            return parent
        parent = grand
    return None


def probe(width: int, height: int) -> list[str]:
    from convviz.ui.app import _application

    app = _application(screen=(width, height))
    from convviz.ui.app import collect_garbage_in_gui_thread

    collect_garbage_in_gui_thread(app)
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")
    from convviz.model.document import Document
    from convviz.ui.i18n import install
    from convviz.ui.qt_main_window import QtMainWindow

    def settle():
        for _ in range(4):
            app.processEvents()

    problems: list[str] = []
    for language in ("en", "ko"):
        install(app, language)
        window = QtMainWindow(Document(), synchronous=True, restore=False)
        window.show()
        settle()
        for example, prepare in EXAMPLES.items():
            prepare(window.document)
            settle()
            problems += _walk(window, settle, f"{width}x{height} {language} {example}",
                              type_check=width >= 1280 and height >= 800)
        window.close()
        window.deleteLater()
        settle()
    return problems


def _lecture_signal(document) -> None:
    document.set_mode("1d")


def _bank_16(document) -> None:
    import numpy as np

    document.set_mode("2d")
    rng = np.random.default_rng(0)
    document.set_input(rng.integers(0, 10, (16, 16)).astype(float))
    document.set_kernels([rng.integers(-2, 3, (3, 3)).astype(float) for _ in range(16)])
    document.set_settings(padding="full", pool="max", pool_size=2)


def _photo_rgb(document) -> None:
    import numpy as np

    rng = np.random.default_rng(1)
    document.set_input(rng.random((128, 128, 3)))
    document.set_kernels([rng.standard_normal((3, 3, 3)) for _ in range(4)])
    document.set_settings(padding="same", pool="none")


#: The documents each screen is checked with: the lecture's 5x5 example, its 1D signal, a bank
#: of 16 filters with pooling on 16x16, a 128x128 RGB photo.
EXAMPLES = {"lecture 5x5": lambda document: None, "1D signal": _lecture_signal, "16 filters": _bank_16,
            "RGB 128x128": _photo_rgb}


def _walk(window, settle, prefix: str, *, type_check: bool) -> list[str]:
    from convviz.ui.qt_step_view import COMPARE

    problems: list[str] = []
    if True:
        for lecture in (False, True):
            if lecture:
                window.toggle_lecture_mode(True)
            for tab in range(3):
                window.tabs.setCurrentIndex(tab)
                for compare in (COMPARE if tab == 1 else [None]):
                    if compare is not None:
                        window.step_view.set_compare(compare)
                    settle()
                    state = f"{prefix} {'lecture' if lecture else 'normal'} " \
                            f"{('maps', 'steps', 'code')[tab]}{' ' + compare if compare else ''}"
                    problems += check(window, state, type_check=type_check)
                if tab == 1:
                    window.step_view.set_compare("none")
            if lecture:
                window.toggle_lecture_mode(False)
                settle()
    return problems


if __name__ == "__main__":
    print(json.dumps(probe(int(sys.argv[1]), int(sys.argv[2]))), flush=True)
    # The answer is out: leave without PySide's teardown, which sometimes walks a wrapper the cyclic GC
    # freed and segfaults (gdb: PySide::destroyQCoreApplication -> BindingManager::visitAllPyObjects ->
    # PyType_IsSubtype on a garbage type; none in 12 runs with gc disabled, 2-4 in 12 with it).
    import os

    os._exit(0)
