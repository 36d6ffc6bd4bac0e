"""The network window on a hand-made network: the layer table, the maps, drawing, picking units, files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from convviz.core.network import counts
from convviz.core.network.forward import forward
from convviz.core.network.spec import LayerSpec, NetworkSpec
from convviz.core.network.unit_types import fmt
from convviz.ui.qt_network import QtNetworkWindow

CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")


def lecture_like(seed: int = 0, side: int = 12) -> NetworkSpec:
    """The lecture's chain (conv 3x3 same + ReLU, max pool 2, flatten, dense + ReLU, dense + softmax), smaller."""
    rng = np.random.default_rng(seed)
    flat = (side // 2) ** 2 * 4
    layers = (
        LayerSpec("conv", "Conv2D", {"filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
                                     "activation": "relu"},
                  (rng.normal(size=(3, 3, 1, 4)).astype(np.float32), rng.normal(size=4).astype(np.float32) * 0.1)),
        LayerSpec("pool", "MaxPooling2D", {"pool_size": [2, 2], "strides": [2, 2], "padding": "valid"}),
        LayerSpec("flatten", "Flatten"),
        LayerSpec("hidden", "Dense", {"units": 8, "activation": "relu"},
                  (rng.normal(size=(flat, 8)).astype(np.float32) * 0.2, rng.normal(size=8).astype(np.float32) * 0.1)),
        LayerSpec("out", "Dense", {"units": 10, "activation": "softmax"},
                  (rng.normal(size=(8, 10)).astype(np.float32), np.zeros(10, np.float32))),
    )
    return NetworkSpec("lecture-like", (side, side, 1), layers, class_names=CLASSES)


@pytest.fixture
def net_window(shown, monkeypatch):
    messages = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: messages.append(a[2]))
    win = shown(QtNetworkWindow(lecture_like(), synchronous=True), 1280, 800)
    win.messages = messages
    return win


def table_column(win, column: int) -> list[str]:
    table = win.table.table
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_the_layer_table_is_the_networks_summary(net_window):
    spec = net_window.explorer.spec
    outputs = forward(spec, np.zeros(spec.input_shape, np.float32))
    params = [layer.param_count for layer in spec.layers]
    macs = counts.macs(spec)
    assert params == [40, 0, 0, 8 * 144 + 8, 90]  # the kernels and biases, counted by hand
    assert table_column(net_window, 0)[:-1] == [f"{layer.name} ({layer.kind})" for layer in spec.layers]
    assert table_column(net_window, 1)[:-1] == ["×".join(map(str, o.shape)) for o in outputs]
    assert table_column(net_window, 2) == [f"{p:,}" for p in params] + [f"{sum(params):,}"]
    assert table_column(net_window, 3) == [f"{m:,}" for m in macs] + [f"{sum(macs):,}"]
    assert macs[0] == 12 * 12 * 4 * 9 and macs[3] == 144 * 8  # output cells x filters x taps; inputs x units
    assert not net_window.table.stopped.isVisibleTo(net_window)


def test_the_maps_are_the_layers_output_and_a_drawing_recomputes_them(net_window, qtbot):
    win = net_window
    spec = win.explorer.spec
    cell = win.input.cell
    # A stroke across the input with the pen (a real drag on the canvas's cells).
    cell.image.stroke.emit(2, 1, 2, 9, QtCore.Qt.MouseButton.LeftButton)
    image = win.explorer.image
    assert image[2, 1:10, 0].min() == 1.0 and image.sum() > 9
    outputs = forward(spec, image)
    grid = win.maps.grid
    assert len(grid.cells) == 4
    for i, map_cell in enumerate(grid.cells):
        np.testing.assert_array_equal(map_cell.data, outputs[0][..., i])
    win.table.table.selectRow(3)  # 8 dense units: vertical bars
    np.testing.assert_allclose(win.maps.bars.values, outputs[3])
    win.table.table.selectRow(4)  # the softmax: horizontal bars, the predicted class named
    np.testing.assert_allclose(win.maps.bars.values, outputs[4])
    best = CLASSES[int(np.argmax(outputs[4]))]
    assert f"predicted: {best}" in win.maps.title.text()


def test_clicking_a_cell_picks_that_unit(net_window, qtbot):
    win = net_window
    win.explorer.set_input(np.random.default_rng(3).random((12, 12)))
    grid = win.maps.grid
    target = grid.cells[2]
    # Click the middle of cell (row 4, col 7) of map 2 on screen.
    scene_point = target.view.mapViewToScene(QtCore.QPointF(7.5, 4.5))
    pos = grid.mapFromScene(scene_point)
    qtbot.mouseClick(grid.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=pos)
    assert win.explorer.unit == (4, 7, 2)
    outputs = forward(win.explorer.spec, win.explorer.image)
    value = outputs[0][4, 7, 2]
    text = win.unit_panel.plain_text()
    assert f"(4, 7, 2) = {value:.6g}" in text
    # The arithmetic: the window (rows 3-5, cols 6-8 of the input) × kernel 2 + bias, then ReLU.
    kernel, bias = (w[..., 2] if w.ndim == 4 else w[2] for w in win.explorer.spec.layers[0].weights)
    window = win.explorer.image[3:6, 6:9, 0]
    for number in list(window.ravel()) + list(kernel.ravel()) + list((window * kernel[..., 0]).ravel()):
        assert fmt(number) in text
    pre = float((window * kernel[..., 0]).sum() + bias)
    assert fmt(pre) in text and np.isclose(max(pre, 0.0), value, rtol=1e-5)
    assert win.input.receptive == ((3, 5), (6, 8))
    # Its receptive field on the layers before: none here; after a pool unit, on the conv maps.
    win.table.table.selectRow(1)
    win.explorer.select_unit((2, 3, 0))
    win.table.table.selectRow(0)
    assert win.maps.receptive == ((4, 5), (6, 7)) and win.input.receptive == ((3, 6), (5, 8))
    assert "rows 3–6, columns 5–8 (4×4)" in win.unit_panel.plain_text()
    # Each conv map carries the receptive field's outline only (not the pool unit's own, left from layer 1).
    outlines = [sum(isinstance(i, QtWidgets.QGraphicsRectItem) for i in c.view.addedItems) for c in grid.cells]
    assert outlines == [1, 1, 1, 1]


def test_a_map_saved_as_png_has_the_windows_colours(net_window, tmp_path):
    from PIL import Image

    from convviz.render import colormaps

    win = net_window
    win.explorer.set_input(np.random.default_rng(8).random((12, 12)))
    assert win.maps.save_map(2, tmp_path / "map.png")
    saved = np.asarray(Image.open(tmp_path / "map.png").convert("RGB"))
    output = win.explorer.outputs[0][..., 2]
    scale = saved.shape[0] // output.shape[0]
    expected = colormaps.apply(output, win.maps.grid.levels, "diverging" if win.maps.grid.signed else "gray")
    np.testing.assert_array_equal(saved[scale // 2::scale, scale // 2::scale][1:-1, 1:-1], expected[1:-1, 1:-1])


def test_an_npz_model_opens_and_a_bad_one_is_one_message(net_window, tmp_path):
    from convviz.io.networks import save_network

    spec = lecture_like(seed=5, side=8)
    path = save_network(tmp_path / "small.npz", spec)
    net_window.open_model(path)
    assert net_window.explorer.spec.input_shape == (8, 8, 1)
    assert table_column(net_window, 2)[-1] == f"{sum(layer.param_count for layer in spec.layers):,}"
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip file")
    net_window.open_model(bad)
    assert len(net_window.messages) == 1 and "bad.npz" in net_window.messages[0]
    assert net_window.explorer.spec.input_shape == (8, 8, 1)  # the model shown stays


def test_an_input_of_another_size_is_resized_with_a_note(net_window, tmp_path):
    from PIL import Image

    path = tmp_path / "big.png"
    Image.fromarray(np.full((48, 48), 255, np.uint8)).save(path)
    assert net_window.open_input(path)
    assert net_window.explorer.image.shape == (12, 12, 1)
    assert "resized from 48×48 to 12×12" in net_window.input.note.text()
    (tmp_path / "text.png").write_text("not an image")
    assert not net_window.open_input(tmp_path / "text.png")
    assert len(net_window.messages) == 1


def test_the_canvas_stays_put_as_notes_come_and_go(net_window, tmp_path):
    """Tester: the input canvas moved up and down (y 121, 104, 114) as the note under it came and went."""
    from PIL import Image

    win = net_window
    path = tmp_path / "big.png"
    Image.fromarray(np.full((48, 48), 255, np.uint8)).save(path)
    graphics = win.input.graphics

    def where():
        QtWidgets.QApplication.processEvents()
        return graphics.geometry().getRect()

    assert win.open_input(path) and win.input.note.text()  # "resized from 48×48 to 12×12"
    noted = where()
    win.explorer.set_input(np.zeros((12, 12)))  # no note: the canvas keeps its place
    assert not win.input.note.text() and where() == noted
    assert win.open_input(path) and where() == noted
    # Grad-CAM on, then off: its note comes and goes under the canvas, which stays (tester, 17 px the first time).
    win.input.overlay_mode.setCurrentIndex(win.input.overlay_mode.findData("gradcam"))
    win.input.overlay_mode.activated.emit(win.input.overlay_mode.currentIndex())
    assert win.input.overlay_note.text() and where() == noted
    win.input.overlay_mode.setCurrentIndex(0)
    win.input.overlay_mode.activated.emit(0)
    assert not win.input.overlay_note.text() and where() == noted


def test_the_network_window_opens_from_the_main_window_without_tensorflow(tmp_path):
    code = textwrap.dedent(
        """
        import sys
        from PySide6 import QtWidgets
        app = QtWidgets.QApplication([])
        from convviz.ui.qt_main_window import QtMainWindow
        from convviz.ui.qt_network import QtNetworkWindow
        win = QtMainWindow(synchronous=True, restore=False)
        win.show()
        next(a for a in win.network_menu.actions() if a.text() == "Explore the lecture's model").trigger()
        net = next(w for w in app.topLevelWidgets() if isinstance(w, QtNetworkWindow))
        net.explorer.select_unit((1, 1, 0))
        net.use_explorer_input()
        net.explorer.set_overlay("gradcam")
        net.wait()
        app.processEvents()
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras"))
        print("HEAVY:", heavy, "SHAPE:", net.explorer.image.shape)
        net.close()
        win.close()
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONVVIZ_SETTINGS_DIR=str(tmp_path))
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                          cwd=root)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "HEAVY: [] SHAPE: (28, 28, 1)" in proc.stdout, proc.stdout


def test_the_lecture_model_from_the_main_window_menu(window, qtbot, monkeypatch):
    """Network → Explore the lecture's model: its summary (100, 0, 0, 196100, 1010), a unit's arithmetic
    equal to the layer's output, and the explorer's own input as the network's input."""
    from convviz.io.networks import read_network
    from convviz.resources_path import resource

    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: pytest.fail(f"a dialog: {a[2]}"))
    action = next(a for a in window.network_menu.actions() if a.text() == "Explore the lecture's model")
    action.trigger()
    net = next(w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, QtNetworkWindow) and w.isVisible())
    qtbot.addWidget(net)
    net.explorer.background = None  # the lecture's CNN runs in the GUI thread anyway; no thread to wait for
    spec = read_network(resource("models", "lecture_cnn.npz"))
    assert net.explorer.spec.name == spec.name
    assert table_column(net, 2) == ["100", "0", "0", "196,100", "1,010", "197,210"]
    assert table_column(net, 1)[:-1] == ["28×28×10", "14×14×10", "1960", "100", "10"]
    assert net.use_explorer_input()  # the main window's input (5x5) resized to 28x28, with a note
    assert "resized from 5×5 to 28×28" in net.input.note.text()
    outputs = forward(spec, net.explorer.image)
    net.table.table.selectRow(4)
    net.explorer.select_unit((3,))
    probability = outputs[4][3]
    assert f"(3) = {probability:.6g}" in net.unit_panel.plain_text()
    assert fmt(probability) in net.unit_panel.plain_text()  # e^z / Σ = the probability
    net.table.table.selectRow(3)
    net.explorer.select_unit((42,))
    text = net.unit_panel.plain_text()
    assert f"(42) = {outputs[3][42]:.6g}" in text and "the other 1952 products" in text
    # Each listed input is also named as the pooled map's cell Flatten took it from (channels last).
    terms = [line.split()[0] for line in text.splitlines() if line.startswith("x[")]
    assert len(terms) == 8
    for term in terms:
        index = int(term[2:-1])
        r, c, ch = np.unravel_index(index, (14, 14, 10))
        assert f"{term} = pool1 ({r}, {c}, {ch})" in text
    net.close()


@pytest.mark.parametrize("second_block", [False, True])
def test_explore_this_model_from_the_training_window(qtbot, second_block):
    """The Train window's network (Rescaling, one or two conv blocks, dropout) opens layer by layer and
    ends in the probabilities its own numpy forward pass predicts for the canvas."""
    from convviz.model.training import InputScaling, TrainConfig
    from convviz.train.forward import NumpyCNN
    from convviz.ui.qt_train import QtTrainWindow

    rng = np.random.default_rng(7)
    config = TrainConfig(filters=3, second_block=second_block, dropout=0.25, dense_units=6, pool="avg")
    shapes = [(3, 3, 1, 3), (3,)] + ([(3, 3, 3, 6), (6,), (7 * 7 * 6, 6)] if second_block else [(14 * 14 * 3, 6)])
    shapes += [(6,), (6, 10), (10,)]
    weights = [rng.normal(size=s).astype(np.float32) * 0.3 for s in shapes]
    train = QtTrainWindow()
    qtbot.addWidget(train)
    assert not train.explore_button.isEnabled()
    train.config = config
    train.model = NumpyCNN(config, weights, CLASSES, scaling=InputScaling(2.0, -0.5))
    assert train.explore_button.isEnabled()
    train.predict_panel.canvas_image = rng.random((28, 28))
    net = train.explore_model()
    qtbot.addWidget(net)
    kinds = [layer.kind for layer in net.explorer.spec.layers]
    assert kinds == ["Rescaling", "Conv2D", "AveragePooling2D"] + ["Conv2D", "AveragePooling2D"] * second_block + [
        "Flatten", "Dropout", "Dense", "Dense"]
    expected = train.model.predict(train.predict_panel.canvas_image)
    np.testing.assert_allclose(net.explorer.outputs[-1], expected, rtol=1e-5, atol=1e-7)
    params = sum(int(np.prod(s)) for s in shapes)
    assert table_column(net, 2)[-1] == f"{params:,}"
    net.close()
    train.close()


@pytest.mark.parametrize("mode", ["saliency", "gradcam"])
def test_why_this_class_overlays_are_the_gradients(net_window, mode):
    """Picking an overlay and a class in the combo boxes draws core.network.gradients' map for that class
    (itself checked against tf.GradientTape in tests/core/network) over the input."""
    from convviz.core.network import gradients

    win = net_window
    win.explorer.set_input(np.random.default_rng(11).random((12, 12)))
    assert win.input.overlay_row.isVisibleTo(win)
    win.input.overlay_mode.setCurrentIndex(win.input.overlay_mode.findData(mode))
    win.input.overlay_class.setCurrentIndex(win.input.overlay_class.findData(6))
    win.input.overlay_class.activated.emit(win.input.overlay_class.currentIndex())
    spec, image = win.explorer.spec, win.explorer.image
    expected = gradients.saliency(spec, image, 6) if mode == "saliency" else gradients.grad_cam(spec, image, 6)
    np.testing.assert_allclose(win.explorer.overlay_heat(), expected, rtol=1e-6)
    assert win.input.heat.isVisible() and win.input.heat.image.shape[:2] == (12, 12)
    assert "Shirt" in win.input.overlay_note.text()
    bar = win.input.graphics.bar  # the colour bar reads the overlay while it shows (it said the input's 0-1)
    assert bar.isVisible() and bar.levels() == pytest.approx((0.0, float(expected.max())))
    win.explorer.draw((0, 0), (0, 11), 1)  # a new drawing: the overlay follows it
    expected = gradients.saliency(spec, win.explorer.image, 6) if mode == "saliency" else gradients.grad_cam(
        spec, win.explorer.image, 6)
    np.testing.assert_allclose(win.explorer.overlay_heat(), expected, rtol=1e-6)
    assert bar.levels() == pytest.approx((0.0, float(expected.max())))
    win.input.overlay_mode.setCurrentIndex(0)
    win.input.overlay_mode.activated.emit(0)
    assert not win.input.heat.isVisible()
    assert bar.levels() != pytest.approx((0.0, float(expected.max())))  # the input's scale again


def test_the_language_switches_live_in_the_network_window(window, qtbot):
    """View → Language in the main window reaches an open network window: menus, headers, the predicted
    class (Fashion-MNIST's names translated) and the arithmetic panel, and back."""
    from convviz.ui import i18n

    net = QtNetworkWindow(lecture_like(), synchronous=True)
    qtbot.addWidget(net)
    net.show()
    net.explorer.set_input(np.random.default_rng(2).random((12, 12)))
    net.table.table.selectRow(4)
    net.explorer.select_unit((1,))

    def headers() -> list[str]:  # a narrow pane's headers take two lines ("Multiply-" over "adds")
        texts = [net.table.table.horizontalHeaderItem(i).text() for i in range(4)]
        return [t.replace("-\n", "-").replace("\n", " ") for t in texts]

    assert headers() == ["Layer (type)", "Output shape", "Parameters", "Multiply-adds"]
    try:
        window.set_language("ko")
        qtbot.waitUntil(lambda: headers()[0] != "Layer (type)")  # Qt posts LanguageChange to every window
        assert headers() == ["층 (종류)", "출력 모양", "파라미터", "곱셈-덧셈"]
        assert "예측" in net.maps.title.text() and net.file_menu.title() == i18n.tr("&File")
        assert net.maps.bars.names[1] == i18n.tr("Trouser") != "Trouser"
        assert "층 4 (out), 유닛 (1)" in net.unit_panel.plain_text()
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: headers()[0] == "Layer (type)")
    assert "predicted" in net.maps.title.text()
    assert "Layer 4 (out), unit (1)" in net.unit_panel.plain_text()
    net.close()


def test_a_model_cut_short_says_where_and_why(qtbot):
    from dataclasses import replace

    spec = replace(lecture_like(), stopped_at="layer 'attention' (MultiHeadAttention) is not one convviz computes")
    win = QtNetworkWindow(spec, synchronous=True)
    qtbot.addWidget(win)
    win.show()
    assert win.table.stopped.isVisible()
    assert win.table.stopped.text() == f"Stopped early: {spec.stopped_at}"
    win.close()


def test_opened_in_lecture_mode_it_has_large_type(window, qtbot):
    from convviz.ui.lecture import LECTURE_TYPE
    from convviz.ui.qt_network import open_network_window

    window.toggle_lecture_mode(True)
    try:
        net = open_network_window(lecture_like(), parent=window, synchronous=True)
        qtbot.addWidget(net)
        assert net.large_type and net.type_factor == LECTURE_TYPE and net.large_action.isChecked()
        base = QtWidgets.QApplication.font().pointSizeF()
        assert net.unit_panel.font().pointSizeF() == pytest.approx(base * LECTURE_TYPE)
        net.toggle_large_type()  # F11 in the network window: back to the usual type
        assert not net.large_type and net.unit_panel.font().pointSizeF() == pytest.approx(base)
        net.close()
    finally:
        window.toggle_lecture_mode(False)


def test_a_large_model_computes_in_a_worker_and_shows_the_last_drawing(qtbot, monkeypatch):
    """Above BACKGROUND_MACS the forward pass runs in a worker thread: strokes made meanwhile coalesce
    into one more job, the busy bar shows while it runs, and the maps end as the last drawing's."""
    import convviz.model.network_explorer as explorer_module

    monkeypatch.setattr(explorer_module, "BACKGROUND_MACS", 0)
    win = QtNetworkWindow(lecture_like(), synchronous=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.explorer.busy and win.explorer.outputs is not None)
    runs = win.explorer.forward_runs
    for col in range(1, 11):  # ten segments in a row, without the event loop turning in between
        win.input.cell.image.stroke.emit(5, col - 1, 5, col, QtCore.Qt.MouseButton.LeftButton)
    assert win.explorer.busy and win.busy_bar.isVisibleTo(win)
    assert win.wait(10_000)
    assert win.explorer.forward_runs - runs == 2  # the first segment's job, then one for the other nine
    assert not win.busy_bar.isVisibleTo(win)
    expected = forward(win.explorer.spec, win.explorer.image)
    for i, cell in enumerate(win.maps.grid.cells):
        np.testing.assert_array_equal(cell.data, expected[0][..., i])
    win.close()


def test_hovering_a_cell_shows_its_value(net_window):
    win = net_window
    win.explorer.set_input(np.random.default_rng(9).random((12, 12)))
    win.maps.grid.hovered.emit(3, 5, 6)  # map 3, row 5, column 6
    value = win.explorer.outputs[0][5, 6, 3]
    assert win.statusBar().currentMessage().startswith(f"unit (5, 6, 3) = {value:.6g}")
    win.maps.grid.hovered.emit(3, -1, -1)
    assert win.statusBar().currentMessage() == ""


def test_a_one_dimensional_network(qtbot):
    """Conv1D (dilated) → MaxPooling1D → global pooling → Dense: maps as rows of cells, receptive fields as
    positions, a pooling unit's window."""
    rng = np.random.default_rng(0)
    spec = NetworkSpec("one-d", (16, 2), (
        LayerSpec("c1", "Conv1D", {"filters": 3, "kernel_size": [3], "strides": [1], "padding": "same",
                                   "dilation_rate": [2], "activation": "relu"},
                  (rng.normal(size=(3, 2, 3)).astype(np.float32), np.zeros(3, np.float32))),
        LayerSpec("p", "MaxPooling1D", {"pool_size": [2], "strides": [2], "padding": "valid"}),
        LayerSpec("g", "GlobalAveragePooling1D", {}),
        LayerSpec("d", "Dense", {"units": 2, "activation": "softmax"},
                  (rng.normal(size=(3, 2)).astype(np.float32), np.zeros(2, np.float32))),
    ))
    win = QtNetworkWindow(spec, synchronous=True)
    qtbot.addWidget(win)
    win.show()
    win.explorer.set_input(rng.random((16, 2)))
    outputs = forward(spec, win.explorer.image)
    assert [c.data.shape for c in win.maps.grid.cells] == [(1, 16)] * 3
    win.table.table.selectRow(1)
    win.explorer.select_unit((3, 1))
    assert f"(3, 1) = {outputs[1][3, 1]:.6g}" in win.unit_panel.plain_text()
    # The pool window reads conv cells 6 and 7, which (kernel 3, dilation 2) read input positions 4 to 9.
    assert win.input.receptive == ((0, 0), (4, 9)) and "positions 4–9 (6)" in win.unit_panel.plain_text()
    win.table.table.selectRow(0)
    assert win.maps.receptive == ((0, 0), (6, 7))
    win.close()


def test_a_fashion_mnist_test_image_as_the_input(qtbot):
    from convviz.io.datasets import read_idx
    from convviz.ui.qt_network_load import fashion_test_files

    paths = fashion_test_files()
    if paths is None:
        pytest.skip("Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist")
    win = QtNetworkWindow(lecture_like(side=28), synchronous=True)
    qtbot.addWidget(win)
    assert win.use_test_image(12)
    images, labels = read_idx(paths[0]), read_idx(paths[1])
    np.testing.assert_allclose(win.explorer.image[:, :, 0], images[12] / 255.0, rtol=1e-6)
    assert win.input.note.text() == f"Fashion-MNIST test image 12 ({CLASSES[labels[12]]})"
    win.input.sample_spin.setValue(3)  # the number alone loads its image (tester: box and picture disagreed)
    np.testing.assert_allclose(win.explorer.image[:, :, 0], images[3] / 255.0, rtol=1e-6)
    assert "test image 3 " in win.input.note.text()
    win.close()


def test_a_map_saved_where_it_cannot_be_says_why_in_the_windows_language(net_window, tmp_path, monkeypatch):
    """The reason io.atomic gives ('… is a file, not a folder') was printed in English inside the Korean
    sentence; now in the window's language."""
    from convviz.ui import i18n

    blocker = tmp_path / "taken"
    blocker.write_text("a file")
    said = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: said.append(a[2]))
    app = QtWidgets.QApplication.instance()
    i18n.install(app, "ko")
    try:
        assert not net_window.maps.save_map(0, blocker / "map.png")
    finally:
        i18n.install(app, "en")
    assert len(said) == 1 and "폴더가 아니라 파일입니다" in said[0], said
