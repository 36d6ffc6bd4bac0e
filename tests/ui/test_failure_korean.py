"""A computation that fails and the training window's dataset errors, in the window's language: whole
Korean sentences under the Korean interface, the same English as before under the English one."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtWidgets

from convviz.core.messages import TextError
from convviz.io.datasets import DataSpec
from convviz.model.limits import OVER_BUDGET, BudgetError
from convviz.ui import i18n

KERNEL_TOO_LARGE_EN = ("the kernel (effective size 3) is larger than the input (2) on axis 0; "
                       "use 'same' or 'full' padding")
KERNEL_TOO_LARGE_KO = "커널(유효 크기 3)이 입력(2)보다 큽니다 (축 0). 'same' 또는 'full' 패딩을 쓰세요"


def shown(window) -> str:
    return window.statusBar().currentMessage()


def test_a_kernel_larger_than_the_input_is_said_in_korean(korean):
    korean.document.set_input(np.eye(2))
    assert korean.compute.result is None
    assert shown(korean) == KERNEL_TOO_LARGE_KO
    assert "커널(유효 크기 3)이 입력(2)보다 큽니다" in korean.readout.text()


def test_the_operation_panels_formula_says_it_in_korean_too(korean):
    """The output-size formula shows the same error where the numbers would be: Korean, not English."""
    from convviz.ui.qt_op_panel import QtOperationPanel

    korean.document.set_input(np.eye(2))
    formula = korean.findChild(QtOperationPanel).formula.text()
    assert "커널(유효 크기 3)이 입력(2)보다 큽니다" in formula and "larger" not in formula


def test_the_pooling_formula_line_says_it_in_korean_too(korean):
    from convviz.ui.qt_op_panel import QtOperationPanel

    korean.document.set_input(np.eye(5))
    korean.document.set_settings(pool="max", pool_size=9)
    formula = korean.findChild(QtOperationPanel).formula.text()
    assert "풀링 창(9)이 맵(3)보다 큽니다" in formula and "larger" not in formula


def test_a_failure_is_said_where_the_maps_were(window):
    """Lecture mode hides the status bar and the read-out: the maps' pane says why it is empty, in
    its title, until a result replaces it."""
    window.document.set_input(np.eye(2))
    assert window.feature_grid.title_text() == KERNEL_TOO_LARGE_EN
    window.document.set_input(np.eye(5))
    assert window.feature_grid.title_text().startswith("Feature maps")


def test_the_same_failure_is_the_same_english_in_english(window):
    window.document.set_input(np.eye(2))
    assert shown(window) == KERNEL_TOO_LARGE_EN


def test_overflow_is_said_in_korean_in_the_maps_and_the_steps(korean, qtbot):
    korean.document.set_input(np.full((5, 5), 1e308))
    expected = ("일부 결과가 무한대이거나 NaN입니다. 합이 넘칩니다(입력이나 커널 값이 부동소수점 한계에 가깝습니다). "
                "값을 줄이세요")
    assert shown(korean) == expected
    korean.tabs.setCurrentWidget(korean.step_view)
    qtbot.waitUntil(lambda: korean.step_view.message.isVisible(), timeout=3000)
    assert korean.step_view.message.text() == expected


def test_a_pooling_window_larger_than_the_map_is_said_in_korean(korean):
    korean.document.set_input(np.eye(5))
    korean.document.set_settings(pool="max", pool_size=9)
    assert shown(korean) == "'valid' 패딩에서 풀링 창(9)이 맵(3)보다 큽니다"


def test_a_budget_error_found_while_computing_is_said_in_korean(korean, monkeypatch):
    """Whatever TextError the computation raises reaches the status bar translated (as the Operation panel's)."""
    def over_budget(*_args, **_kwargs):
        raise BudgetError(OVER_BUDGET, what=TextError("dilation {n}", n=300), size="3.0 GB", budget="2.0 GB")

    monkeypatch.setattr("convviz.ui.compute.run_pipeline", over_budget)
    korean.compute.compute_now()
    assert shown(korean) == "팽창(dilation) 300에 3.0 GB가 필요해 메모리 예산 2.0 GB(CONVVIZ_MEMORY_BUDGET)을 넘습니다"


def test_a_failure_on_screen_follows_a_live_language_switch(window, qtbot, qapp):
    window.document.set_input(np.eye(2))
    try:
        window.set_language("ko")
        qtbot.wait(10)
        assert shown(window) == KERNEL_TOO_LARGE_KO
        assert KERNEL_TOO_LARGE_KO.split(" (")[0] in window.readout.text()
    finally:
        window.set_language("en")
        i18n.install(qapp, "en")
    assert shown(window) == KERNEL_TOO_LARGE_EN


# ------------------------------------------------------------------------------------------ training
@pytest.fixture
def warnings_shown(monkeypatch):
    """The texts of the message boxes the training window opens (recorded instead of shown)."""
    texts = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda _parent, _title, text, *a: texts.append(text))
    return texts


def fail_to_load(window, qtbot, spec: DataSpec):
    win = window.open_training()
    qtbot.addWidget(win)
    win._data_spec = spec
    win.start()
    assert win.wait(120)  # the child process fails at loading the data, before TensorFlow is imported
    return win


def test_a_failed_start_leaves_no_progress_and_offers_start_again(window, qtbot, tmp_path, monkeypatch):
    """A run that fails at its data shows no earlier run's progress, and while its message is read
    the buttons say what can be done: Start again, not Pause or Cancel."""
    buttons = []

    def record(win, *_args):
        buttons.append((win.start_button.isEnabled(), win.pause_button.isEnabled(), win.cancel_button.isEnabled(),
                        win.progress_bar.value()))

    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", record)
    win = window.open_training()
    qtbot.addWidget(win)
    win.progress_bar.setRange(0, 100)
    win.progress_bar.setValue(33)  # where a cancelled run stopped
    win._data_spec = DataSpec(str(tmp_path / "no-such-data"))
    win.start()
    assert win.wait(120)
    assert buttons == [(True, False, False, win.progress_bar.minimum() - 1)]


def test_a_dataset_error_from_the_training_process_is_korean(korean, qtbot, tmp_path, warnings_shown):
    """The child process's InputError crosses the queue whole and is translated in the window."""
    missing = str(tmp_path / "no-such-data")
    fail_to_load(korean, qtbot, DataSpec(missing))
    assert warnings_shown == [f"{missing}: 데이터셋 이름(fashion-mnist, mnist, shapes)도, 있는 경로도 아닙니다"]


def test_a_dataset_error_from_the_training_process_is_english_in_english(window, qtbot, tmp_path, warnings_shown):
    folder = tmp_path / "one-class"
    (folder / "cats").mkdir(parents=True)
    fail_to_load(window, qtbot, DataSpec(str(folder)))
    assert warnings_shown == [f"{folder}: needs one subfolder per class (found 1)"]


def test_the_training_windows_failure_message_takes_text_errors_and_plain_lines(korean, qtbot, warnings_shown):
    win = korean.open_training()
    qtbot.addWidget(win)
    win.show_failed(TextError("the training process ended unexpectedly (exit code {code})", code=-9))
    win.show_failed("ValueError: from Keras")  # TensorFlow's own errors stay as they came
    assert warnings_shown == ["학습 프로세스가 예기치 않게 끝났습니다 (종료 코드 -9)", "ValueError: from Keras"]
