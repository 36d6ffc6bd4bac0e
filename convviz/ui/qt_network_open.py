"""Where the network window is opened from: the main window's Network menu (the lecture's model, a model
file) and the training window's "Explore this model"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui, QtWidgets

from .i18n import tr

if TYPE_CHECKING:
    from .qt_network import QtNetworkWindow

# The network window's modules load when it is first opened, not with the main window's menus
# (about 13 ms of start-up).


def open_lecture_model(parent=None) -> QtNetworkWindow:
    """The network window on the lecture's trained CNN (File → Explore the lecture's model)."""
    from .qt_network import open_network_window

    window = open_network_window(None, None, parent)
    window.open_lecture_model()
    return window


def open_model_dialog(parent=None) -> QtNetworkWindow | None:
    """File → Open model…: pick a .keras / .h5 / .npz file and explore it."""
    from .qt_network import open_network_window
    from .qt_network_load import MODEL_FILTER

    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, tr("Open model"), "", tr("Models") + MODEL_FILTER)
    if not path:
        return None
    window = open_network_window(None, None, parent)
    window.open_model(path)
    return window


def add_network_menu(bar: QtWidgets.QMenuBar, window) -> QtWidgets.QMenu:
    """The main window's Network menu: the lecture's model, or a model file, in a network window whose
    input can be the explorer's own."""
    menu = bar.addMenu(tr("&Network"))
    for text, slot, key in ((tr("Explore the lecture's model"), lambda: open_lecture_model(window), "Ctrl+Shift+N"),
                            (tr("Open model…"), lambda: open_model_dialog(window), None)):
        act = QtGui.QAction(text, window)
        if key:
            act.setShortcut(QtGui.QKeySequence(key))
        act.triggered.connect(slot)
        menu.addAction(act)
    return menu


def explore_trained(train_window) -> QtNetworkWindow | None:
    """The training window's trained or loaded network in a network window, on its Predict canvas's drawing."""
    from convviz.model.network_explorer import network_from_cnn

    from .qt_network import open_network_window

    model = train_window.model
    if model is None:
        return None
    dataset = train_window.dataset
    has_images = dataset is not None and len(dataset.x_test) > 0
    shape = dataset.x_test.shape[1:3] if has_images else train_window.canvas_image.shape
    try:
        spec = network_from_cnn(train_window.config, model.weights, shape, model.class_names, model.scaling,
                                name=tr("trained CNN"))  # the window's title and model line name it
    except (ValueError, IndexError) as exc:
        QtWidgets.QMessageBox.warning(train_window, "convviz", str(exc))
        return None
    return open_network_window(spec, train_window.canvas_image, train_window)
