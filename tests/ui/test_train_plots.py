"""The training curves hold still while training: fixed epochs and accuracy ranges, and a loss
range that only grows, to round numbers.  (A moving axis lays out its ticks again at each of the
four updates a second, which made the window's paints several times dearer while training.)
Messages are fed as the training process sends them; no TensorFlow is needed."""

import numpy as np
import pytest

from convviz.ui.qt_train import QtTrainWindow


@pytest.fixture
def win(qtbot):
    w = QtTrainWindow()
    qtbot.addWidget(w)
    w.spins["epochs"].setValue(3)
    w.config = w.current_config()
    w.session.dispatch(("started", {"summary": "", "epochs": 3, "train_samples": 1000, "scaling": (1.0, 0.0)}))
    return w


def progress(done, loss):
    return ("progress", {"samples_done": done, "epoch": 0, "samples_per_s": 100.0, "eta_s": 1.0,
                         "loss": loss, "accuracy": 0.5})


def y_range(plot):
    return tuple(plot.getViewBox().viewRange()[1])


def test_loss_range_grows_to_round_numbers_and_never_shrinks(win):
    top = y_range(win.loss_plot)
    assert top[0] <= 0 and 2.5 <= top[1] < 2.7  # 0 .. 2.5 (ln 10 = 2.3 fits) with pyqtgraph's small padding
    win.session.dispatch(progress(100, 2.31))
    assert y_range(win.loss_plot) == top
    for i, loss in enumerate(np.linspace(2.2, 0.3, 20)):  # a falling loss moves no axis
        win.session.dispatch(progress(200 + 100 * i, float(loss)))
        assert y_range(win.loss_plot) == top
    win.session.dispatch(("epoch", 0, {"loss": 0.5, "val_loss": 3.2, "accuracy": 0.8, "val_accuracy": 0.7}))
    assert 3.5 <= y_range(win.loss_plot)[1] < 3.7  # a validation loss above it: 0 .. 3.5
    win.session.dispatch(progress(2400, 14.2))
    assert 15 <= y_range(win.loss_plot)[1] < 15.5  # 0 .. 15
    win.session.dispatch(progress(2500, float("nan")))  # a diverged batch changes nothing
    assert 15 <= y_range(win.loss_plot)[1] < 15.5


def test_epochs_and_accuracy_ranges_are_fixed(win):
    x0, x1 = win.loss_plot.getViewBox().viewRange()[0]  # set with the epochs spin box, before Start
    assert x0 <= 0 < 3 <= x1 and tuple(win.acc_plot.getViewBox().viewRange()[0]) == (x0, x1)
    lo, hi = y_range(win.acc_plot)
    assert lo <= 0 and 1 <= hi < 1.1
    for epoch in range(3):
        win.session.dispatch(("epoch", epoch, {"loss": 1 - 0.2 * epoch, "accuracy": 0.6 + 0.1 * epoch}))
    assert list(win.curves["accuracy"].getData()[0]) == [1, 2, 3]
    assert y_range(win.acc_plot) == (lo, hi)


def test_the_batch_loss_curve_breaks_where_each_epoch_starts_again(win):
    """Keras's batch loss is the epoch's running mean: each epoch's curve is its own segment."""
    for epoch in range(2):
        for i in range(1, 4):
            info = dict(progress(epoch * 1000 + 250 * i, 0.5 - 0.1 * i)[1], epoch=epoch)
            win.session.dispatch(("progress", info))
    xs, ys = win.batch_curve.getData()
    assert np.isnan(ys).sum() == 1 and np.isnan(ys[3])  # one break, between the epochs
    assert list(ys[~np.isnan(ys)]) == pytest.approx([0.4, 0.3, 0.2] * 2)
    assert win.batch_curve.opts["connect"] == "finite"


def test_a_later_epochs_first_batches_are_not_drawn(win):
    """A later epoch's running mean over its first few batches is one batch's loss, far off the
    curve: its first 5 % are left out; the first epoch's steep start stays."""
    for done, epoch, loss in ((20, 0, 2.3), (300, 0, 0.9), (1000, 0, 0.6), (1020, 1, 0.1), (1049, 1, 0.2),
                              (1050, 1, 0.45), (1400, 1, 0.44)):
        win.session.dispatch(("progress", dict(progress(done, loss)[1], epoch=epoch)))
    xs, ys = win.batch_curve.getData()
    assert list(ys[~np.isnan(ys)]) == pytest.approx([2.3, 0.9, 0.6, 0.45, 0.44])
    assert win.progress_bar.value() == 1400  # the progress bar still moves


def test_the_prediction_canvas_paints_whole_strokes(win):
    """A stroke segment on the 28x28 canvas: the 3x3 pen along every cell of it, white; the right
    button paints black."""
    from PySide6 import QtCore

    from convviz.model.pen import pen_cells

    win._paint(4, 2, 20, 25, QtCore.Qt.MouseButton.LeftButton)
    rows, cols = pen_cells((4, 2), (20, 25), 3, (28, 28))
    want = np.zeros((28, 28))
    want[rows, cols] = 1.0
    np.testing.assert_array_equal(win.canvas_image, want)
    assert want[4:21].any(axis=1).all() and want[:, 2:26].any(axis=0).all()
    win._paint(4, 2, 4, 2, QtCore.Qt.MouseButton.RightButton)
    assert win.canvas_image[3:6, 1:4].sum() == 0 and win.canvas_image.sum() == want.sum() - 9


def test_misclassified_images_name_their_classes_and_open_in_predict(win):
    """The Results tab counts every mistake (not just those shown), names an image's classes
    when hovered, and a click shows that image on the Predict tab."""
    from types import SimpleNamespace

    rng = np.random.default_rng(0)
    x_test = rng.integers(0, 256, (40, 28, 28), dtype=np.uint8)
    y_test = np.arange(40) % 10
    win.session.dispatch(("data", x_test, y_test, [f"class {k}" for k in range(10)]))
    predictions = y_test.copy()
    predictions[[3, 7, 30]] = (y_test[[3, 7, 30]] + 1) % 10
    win.result = SimpleNamespace(predictions=predictions)
    win._show_mistakes(win.result)
    heading, info = win.mistakes.heading, win.mistakes.info
    assert heading.text() == "3 of 40 test images are misclassified. The first 3 are shown below."
    hint = info.text()
    assert hint.startswith("Hover over an image")
    win.mistakes_cell.image.hovered.emit(5, 30 + 5)  # the second image shown (tiles 28 px, 2 px apart)
    assert info.text() == "Test image 7: true class class 7, predicted class 8."
    win.mistakes_cell.image.hovered.emit(5, 29)  # the gap between two images
    assert info.text() == hint and heading.text().startswith("3 of 40")
    win.mistakes_cell.image.clicked.emit(27, 60 + 27)  # the third image's last pixel
    assert win.sample_spin.value() == 30 and win.tabs.currentIndex() == 2
    np.testing.assert_array_equal(win.canvas_image, x_test[30] / 255)
    win.mistakes_cell.image.clicked.emit(30, 5)  # below the only row: nothing
    assert win.sample_spin.value() == 30


def test_status_lines_never_move_the_plots(win, qtbot):
    """The result line appearing at the end (and cleared at Start) and progress lines of any
    length repaint their labels alone: the tabs and plots keep their geometry.  (The result
    line used to push the tabs up, and every plot was laid out and repainted, 40-60 ms with
    TensorFlow on both cores; the event loop's longest stalls were at Start and at the end.)"""
    from PySide6 import QtWidgets

    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    QtWidgets.QApplication.processEvents()
    before = (win.tabs.geometry(), win.loss_plot.geometry(), win.width())
    win.result_label.setText("<b>Test accuracy 0.9042</b> · test loss 0.2681")
    win.progress_label.setText("epoch 5 · 2273 samples/s · 10 s left · loss 0.123 · accuracy 0.987 " * 8)
    QtWidgets.QApplication.processEvents()
    assert (win.tabs.geometry(), win.loss_plot.geometry(), win.width()) == before
    win.result_label.clear()
    QtWidgets.QApplication.processEvents()
    assert (win.tabs.geometry(), win.loss_plot.geometry(), win.width()) == before
    assert win.result_label.height() >= win.result_label.fontMetrics().lineSpacing()  # room for its line


def test_train_and_validation_points_have_their_lines_colours(win):
    """After one epoch each curve is a single point: train and validation must still differ
    (pyqtgraph's default symbol brush is the same grey-blue for every curve)."""
    for train, validation in (("loss", "val_loss"), ("accuracy", "val_accuracy")):
        colours = []
        for key in (train, validation):
            opts = win.curves[key].opts
            brush = opts["symbolBrush"]
            colours.append(brush.color().name() if hasattr(brush, "color") else str(brush))
            assert colours[-1] == opts["pen"].color().name()
        assert colours[0] != colours[1]
