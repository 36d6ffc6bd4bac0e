"""What the training window shows, fed with the training process's messages (no TensorFlow):
whole epoch points, a batch curve to each epoch's end, named confusion-matrix rows and columns,
no prediction for an empty canvas, a remembered pen width, a summary without sideways
scrolling, and a layout that fits 1024x768 and 1280x800 in English and Korean."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from convviz.io.datasets import FASHION_CLASSES
from convviz.model.pen import pen_cells
from convviz.ui import i18n
from convviz.ui.qt_train import QtTrainWindow

#: A Keras 3 summary of the lecture's network, as the training process sends it (80 columns).
KERAS_SUMMARY = """Model: "convviz_cnn"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv1 (Conv2D)                    │ (None, 28, 28, 10)       │           100 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ pool1 (MaxPooling2D)              │ (None, 14, 14, 10)       │             0 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ flatten (Flatten)                 │ (None, 1960)             │             0 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ dense (Dense)                     │ (None, 100)              │       196,100 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ output (Dense)                    │ (None, 10)               │         1,010 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 197,210 (770.35 KB)
 Trainable params: 197,210 (770.35 KB)
 Non-trainable params: 0 (0.00 B)
"""


def make_window(qtbot, size=(1024, 768), epochs=3, train_samples=1000):
    win = QtTrainWindow()
    qtbot.addWidget(win)
    win.spins["epochs"].setValue(epochs)
    win.config = win.current_config()
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    win.session.dispatch(("started", {"summary": KERAS_SUMMARY, "epochs": epochs, "train_samples": train_samples,
                                      "scaling": (1.0, 0.0)}))
    QtWidgets.QApplication.processEvents()
    return win


@pytest.mark.parametrize("size, epochs", [((1024, 768), 3), ((1280, 800), 2)])
def test_epoch_points_lie_whole_inside_the_plots(qtbot, size, epochs):
    """The last epoch's points (at the right edge), accuracy 1 (the top) and loss 0 (the bottom)
    are drawn whole: the plots keep room for a point's radius on every side."""
    win = make_window(qtbot, size=size, epochs=epochs)
    for epoch, (loss, accuracy) in enumerate(((0.9, 0.7), (0.4, 0.95), (0.0, 1.0))[-epochs:]):
        win.session.dispatch(("epoch", epoch, {"loss": loss, "val_loss": loss, "accuracy": accuracy,
                                               "val_accuracy": accuracy}))
    QtWidgets.QApplication.processEvents()
    radius = win.curves["loss"].opts["symbolSize"] / 2 + 1  # the point and its outline
    for key, curve in win.curves.items():
        box = curve.getViewBox()
        inside = box.sceneBoundingRect().adjusted(radius, radius, -radius, -radius)
        for x, y in zip(*curve.getData()):
            at = box.mapViewToScene(QtCore.QPointF(x, y))
            assert inside.contains(at), (key, x, y, at, box.sceneBoundingRect())
    # The last epoch's number is written under its points (pyqtgraph leaves out a tick label
    # that would cross the axis' end).
    image = QtGui.QImage(10, 10, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(image)
    try:
        for plot in (win.loss_plot, win.acc_plot):
            texts = [spec[2] for spec in plot.getAxis("bottom").generateDrawSpecs(painter)[2]]
            assert any(float(t) == epochs for t in texts), texts
    finally:
        painter.end()
    # ... at any size the window is given.
    win.resize(1024, 500)
    QtWidgets.QApplication.processEvents()
    box = win.curves["accuracy"].getViewBox()
    at = box.mapViewToScene(QtCore.QPointF(epochs, 1.0))
    assert box.sceneBoundingRect().adjusted(radius, radius, -radius, -radius).contains(at)


def test_the_batch_curve_reaches_each_epochs_end(qtbot):
    """Progress comes at most four times a second, so a short epoch's last report can fall at
    0.56 of it (measured: 2688 of 4800 images in a 0.75 s epoch).  The epoch's loss is the
    running mean over all its batches: the curve ends there, at the epoch's point."""
    win = make_window(qtbot, train_samples=4800)
    for done, loss in ((32, 2.2), (2688, 0.9)):
        win.session.dispatch(("progress", {"samples_done": done, "epoch": 0, "samples_per_s": 5000.0,
                                           "eta_s": 1.0, "loss": loss, "accuracy": 0.5}))
    win.session.dispatch(("epoch", 0, {"loss": 0.8, "accuracy": 0.7, "val_loss": 0.7, "val_accuracy": 0.75}))
    xs, ys = win.batch_curve.getData()
    assert xs[-1] == pytest.approx(1.0) and ys[-1] == pytest.approx(0.8)
    assert list(win.curves["loss"].getData()[1]) == [0.8]  # the epoch's point at the same place
    # The next epoch is a segment of its own: a gap after the end of the first.
    win.session.dispatch(("progress", {"samples_done": 4800 + 2400, "epoch": 1, "samples_per_s": 5000.0,
                                       "eta_s": 1.0, "loss": 0.6, "accuracy": 0.8}))
    xs, ys = win.batch_curve.getData()
    assert np.isnan(ys[-2]) and xs[-1] == pytest.approx(1.5) and ys[-1] == pytest.approx(0.6)


def test_legend_points_have_their_curves_colours_before_any_epoch(qtbot):
    """The legend's sample points are drawn with the scatter's brush, which pyqtgraph set only
    with the first data: before training, train and validation were both grey-blue there."""
    win = make_window(qtbot)
    colours = {key: curve.scatter.opts["brush"].color().name() for key, curve in win.curves.items()}
    assert colours == {"loss": "#1f77b4", "val_loss": "#ff7f0e", "accuracy": "#1f77b4", "val_accuracy": "#ff7f0e"}


class FixedModel:
    """A stand-in for the numpy CNN: the same probabilities for any input."""

    def __init__(self, probs):
        self.probs = np.asarray(probs, dtype=np.float64)
        self.calls = 0

    def predict(self, image):
        self.calls += 1
        return self.probs


def fashion_result(win, n=40):
    from types import SimpleNamespace

    rng = np.random.default_rng(1)
    x_test = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    y_test = np.arange(n) % 10
    win.session.dispatch(("data", x_test, y_test, list(FASHION_CLASSES)))
    predictions = y_test.copy()
    predictions[[4, 9]] = [5, 7]  # a Coat taken for a Sandal, an Ankle boot for a Sneaker
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (y_test, predictions), 1)
    win.result = SimpleNamespace(predictions=predictions, confusion=confusion)
    win._show_confusion(win.result)
    win._show_mistakes(win.result)
    return win.result


@pytest.mark.parametrize("language", ["en", "ko"])
def test_class_names_wherever_a_class_is_shown(qtbot, qapp, language):
    """The confusion matrix names its rows and columns, and every class name the window shows
    is in the interface's language (Fashion-MNIST's in Korean: 티셔츠/탑 … 앵클 부츠)."""
    korean_names = ["티셔츠/탑", "바지", "풀오버", "드레스", "코트", "샌들", "셔츠", "스니커즈", "가방", "앵클 부츠"]
    want = list(FASHION_CLASSES) if language == "en" else korean_names
    assert i18n.install(qapp, language) == language
    try:
        win = make_window(qtbot)
        result = fashion_result(win)
        np.testing.assert_array_equal(win.confusion_cell.data, result.confusion)
        assert win.confusion_cell.class_names() == want
        win.confusion_cell.resize(400, 400)
        picture = win.confusion_cell.grab().toImage()
        assert picture.pixelColor(200, 200) != picture.pixelColor(5, 5)  # drawn, not blank
        left, top, cell = win.confusion_cell._geometry()
        assert left + 10 * cell <= 400 and top + 10 * cell <= 400  # the whole grid, names included
        font = win.confusion_cell._count_font(cell)  # the counts are written, and fit their cells
        assert font is not None and QtGui.QFontMetricsF(font).horizontalAdvance("4") < cell
        # Hovering the Coat taken for a Sandal names both.
        win.mistakes_cell.image.hovered.emit(5, 5)
        assert want[4] in win.mistakes.info.text() and want[5] in win.mistakes.info.text()
        # The Predict tab's bars and its prediction line.
        win.model = FixedModel(np.eye(10)[8] * 0.9 + 0.01)
        win._paint(10, 10, 12, 12, QtCore.Qt.MouseButton.LeftButton)
        assert [name for _, name in win.prob_plot.getAxis("left")._tickLevels[0]] == want
        assert want[8] in win.predict_note.text()
    finally:
        i18n.install(qapp, "en")


def test_an_empty_canvas_is_not_predicted(qtbot):
    """Nothing drawn: the window says so (the network used to answer 'Sandal 81%')."""
    win = make_window(qtbot)
    fashion_result(win)
    win.model = FixedModel(np.eye(10)[5] * 0.81 + 0.019)
    win._predict()
    assert win.model.calls == 0
    assert "Nothing drawn" in win.predict_note.text() and "Sandal" not in win.predict_note.text()
    assert float(np.sum(win.prob_bars.opts["width"])) == 0
    # The classes are named on the empty bars already (the axis read 0, 2, 4, 6, 8).
    assert [name for _, name in win.prob_plot.getAxis("left")._tickLevels[0]][5] == "Sandal"
    win._paint(14, 14, 14, 14, QtCore.Qt.MouseButton.LeftButton)
    assert win.model.calls == 1 and "Sandal" in win.predict_note.text()
    win.predict_panel.clear()
    assert win.model.calls == 1 and "Nothing drawn" in win.predict_note.text()


def test_the_pen_width_is_chosen_and_remembered(qtbot):
    win = make_window(qtbot)
    pen = win.predict_panel.pen_width
    assert pen.value() == 3 and pen.isVisibleTo(win.predict_panel)
    pen.setValue(5)
    win._paint(10, 10, 10, 10, QtCore.Qt.MouseButton.LeftButton)
    want = np.zeros((28, 28))
    want[pen_cells((10, 10), (10, 10), 5, (28, 28))] = 1
    np.testing.assert_array_equal(win.canvas_image, want)
    assert want.sum() == 21 and want[8:13, 8:13].sum() == 21  # the round pen five cells across
    win.close()
    again = QtTrainWindow()
    qtbot.addWidget(again)
    assert again.predict_panel.pen_width.value() == 5  # from QSettings
    again._paint(14, 0, 14, 27, QtCore.Qt.MouseButton.LeftButton)
    assert again.canvas_image[12:17].all() and again.canvas_image.sum() == 5 * 28


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_the_keras_summary_fits_its_box(qtbot, size):
    """Keras pads its table to 80 columns: shown as it comes it scrolled sideways.  Every line
    fits the box, monospace, and the table's rows are all there."""
    win = make_window(qtbot, size=size)
    win.tabs.setCurrentIndex(win.tabs.indexOf(win.summary))
    QtWidgets.QApplication.processEvents()
    box = win.summary
    text = box.toPlainText()
    assert box.font().fixedPitch() or QtWidgets.QApplication.font().family() != box.font().family()
    for name in ("conv1 (Conv2D)", "(None, 28, 28, 10)", "196,100", "Total params: 197,210"):
        assert name in text
    widest = max(box.fontMetrics().horizontalAdvance(line) for line in text.splitlines())
    assert widest <= box.viewport().width()
    assert box.horizontalScrollBar().maximum() == 0


def _clipped(widget: QtWidgets.QWidget) -> str | None:
    """Why a visible widget's text does not fit it (None when it does)."""
    fm = widget.fontMetrics()
    if isinstance(widget, QtWidgets.QLabel) and widget.text() and not widget.wordWrap():
        if not widget.textFormat() == QtCore.Qt.TextFormat.RichText and "<" not in widget.text():
            if fm.horizontalAdvance(widget.text()) > widget.contentsRect().width():
                return f"label {widget.text()!r}"
        elif widget.sizeHint().width() > widget.width():
            return f"label {widget.text()!r}"
    if isinstance(widget, (QtWidgets.QPushButton, QtWidgets.QCheckBox, QtWidgets.QToolButton)):
        if widget.sizeHint().width() > widget.width():
            return f"button {widget.text()!r}"
    if isinstance(widget, QtWidgets.QComboBox):
        if widget.minimumSizeHint().width() > widget.width() or widget.sizeHint().width() > widget.width():
            return f"combo {widget.currentText()!r}"
    if isinstance(widget, QtWidgets.QLineEdit) and not widget.text() and widget.placeholderText():
        room = widget.width() - 12  # the frame and text margins
        if fm.horizontalAdvance(widget.placeholderText()) > room:
            return f"placeholder {widget.placeholderText()!r}"
    if isinstance(widget, pg.GraphicsView):
        # Titles inside pyqtgraph views are graphics items: each must fit its item and the view.
        view = QtCore.QRectF(widget.viewport().rect())
        for item in widget.scene().items():
            if isinstance(item, pg.LabelItem) and item.isVisible() and item.text:
                text_width = item.item.boundingRect().width()
                shown = item.mapRectToScene(item.boundingRect())
                if text_width > item.boundingRect().width() + 1 or not view.adjusted(-1, -1, 1, 1).contains(shown):
                    return f"title {item.text!r} ({text_width:.0f} px in {item.boundingRect().width():.0f})"
    if isinstance(widget, QtWidgets.QTabBar):
        for i in range(widget.count()):
            if widget.tabSizeHint(i).width() > widget.tabRect(i).width():
                return f"tab {widget.tabText(i)!r}"
    return None


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)])
def test_the_window_fits_with_no_clipped_text(qtbot, qapp, language, size):
    """Every tab at the common screen sizes, English and Korean: every visible widget inside
    the window, no text cut off, and the form column never scrolls sideways."""
    assert i18n.install(qapp, language) == language
    try:
        win = make_window(qtbot, size=size)
        fashion_result(win)
        win.model = FixedModel(np.full(10, 0.1))
        win._paint(5, 14, 22, 14, QtCore.Qt.MouseButton.LeftButton)
        assert (win.width(), win.height()) == size
        window_rect = win.rect()
        for tab in range(win.tabs.count()):
            win.tabs.setCurrentIndex(tab)
            QtWidgets.QApplication.processEvents()
            problems = []
            for widget in win.findChildren(QtWidgets.QWidget):
                if not widget.isVisible() or widget.width() == 0:
                    continue
                top_left = widget.mapTo(win, QtCore.QPoint(0, 0))
                if not window_rect.contains(QtCore.QRect(top_left, widget.size())):
                    scrolled = any(isinstance(p, QtWidgets.QScrollArea) for p in _ancestors(widget, win))
                    if not scrolled:
                        problems.append(f"outside: {widget.__class__.__name__} {QtCore.QRect(top_left, widget.size())}")
                why = _clipped(widget)
                if why:
                    problems.append(why)
            assert problems == [], (tab, problems)
        assert all(area.horizontalScrollBar().maximum() == 0 for area in win.findChildren(QtWidgets.QScrollArea))
    finally:
        i18n.install(qapp, "en")


def _ancestors(widget, stop):
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


def test_the_language_changes_live(qtbot, qapp):
    """Installing the Korean catalogue while the window shows a finished run rewrites its words
    where they are (Qt's LanguageChange): the form, tabs, plots, results, prediction and status."""
    from types import SimpleNamespace

    win = make_window(qtbot)
    fashion_result(win)
    win.status.finished(SimpleNamespace(stopped=False, train_seconds=2.0, train_samples=1000,
                                        test_accuracy=0.9, test_loss=0.3))
    win.model = FixedModel(np.eye(10)[8] * 0.9 + 0.01)
    win._paint(10, 10, 12, 12, QtCore.Qt.MouseButton.LeftButton)
    win.session.dispatch(("epoch", 0, {"loss": 0.5, "val_loss": 0.6, "accuracy": 0.8, "val_accuracy": 0.7}))
    form_label = win.form.layout().itemAt(0).widget().layout().labelForField(win.form.dataset_combo)
    assert form_label.text() == "Dataset" and win.tabs.tabText(1) == "Results"
    try:
        assert i18n.install(qapp, "ko") == "ko"
        QtWidgets.QApplication.processEvents()
        assert win.windowTitle() == "convviz — CNN 학습"
        assert form_label.text() == "데이터셋" and win.form.start_button.text() == "학습 시작"
        assert [win.tabs.tabText(i) for i in range(4)] == ["학습", "결과", "예측", "네트워크"]
        assert win.form.pool.currentText() == "최대"
        assert win.loss_plot.getPlotItem().titleLabel.text == "손실"
        legend = win.loss_plot.getPlotItem().legend
        assert legend.getLabel(win.curves["loss"]).text == "학습"
        assert win.confusion_cell.class_names()[0] == "티셔츠/탑"
        assert win.mistakes.heading.text().startswith("테스트 이미지 40개 중 2개가")
        assert "가방" in win.predict_note.text()
        assert [name for _, name in win.prob_plot.getAxis("left")._tickLevels[0]][9] == "앵클 부츠"
        assert win.progress_label.text().startswith("완료") and "테스트 정확도" in win.result_label.text()
        assert win.current_config() == win.config  # the settings are untouched
        QtWidgets.QApplication.processEvents()  # the form column fits the form's new words
        bar = win._scroll.verticalScrollBar().sizeHint().width()
        assert win._scroll.minimumWidth() == win.form.minimumSizeHint().width() + bar + 4
        assert win._scroll.horizontalScrollBar().maximum() == 0
    finally:
        i18n.install(qapp, "en")
    QtWidgets.QApplication.processEvents()
    assert form_label.text() == "Dataset" and win.confusion_cell.class_names()[0] == "T-shirt/top"
    assert win.progress_label.text().startswith("Finished")


def test_the_explorers_language_menu_reaches_the_training_window(window, qtbot):
    """View → Language in the explorer changes the open training window's words too, the ones
    built from values (the mistakes' heading, the status line) included."""
    from types import SimpleNamespace

    win = window.open_training()
    qtbot.addWidget(win)
    fashion_result(win)
    win.status.finished(SimpleNamespace(stopped=False, train_seconds=2.0, train_samples=1000,
                                        test_accuracy=0.9, test_loss=0.3))
    try:
        window.set_language("ko")
        QtWidgets.QApplication.processEvents()
        assert win.windowTitle() == "convviz — CNN 학습" and win.form.start_button.text() == "학습 시작"
        assert win.mistakes.heading.text().startswith("테스트 이미지 40개 중 2개가")
        assert win.progress_label.text().startswith("완료") and win.confusion_cell.class_names()[1] == "바지"
    finally:
        window.set_language("en")
        QtWidgets.QApplication.processEvents()
    assert win.form.start_button.text() == "Start training" and win.progress_label.text().startswith("Finished")


def test_the_filter_grid_keeps_its_gaps_apart_from_zero_weights(qtbot):
    """The tiled filters' gaps and empty slots were white, the diverging scale's 0: the grid read as one
    block of weights (tester).  They are grey, a colour the scale never takes (its 0 is near-white)."""
    from convviz.ui.qt_train_live import GAP

    win = make_window(qtbot)
    kernels = np.zeros((3, 3, 1, 10))
    kernels[0, 0, 0, :] = 1.0
    win.live.show_filters(kernels)
    rgb = win.live.filter_cell.image.image  # 4 columns of 3x3 filters, 1 apart: 11 x 15
    assert rgb.shape[:2] == (11, 15)
    assert tuple(rgb[3, 0]) == GAP and tuple(rgb[0, 3]) == GAP  # between filters
    assert tuple(rgb[8, 12]) == GAP  # the empty slot after the tenth filter
    assert rgb[1, 1].min() > 230  # a weight of 0 stays the scale's near-white
