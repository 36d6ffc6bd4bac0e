"""The training window's Qt-free arithmetic: where a batch loss goes, the loss axis's top, an
empty canvas, and Keras's summary made as narrow as its contents."""

import math

import numpy as np
import pytest

from convviz.model.training import batch_curve_point, canvas_is_blank, compact_summary, round_loss_top

KERAS_SUMMARY = """Model: "convviz_cnn"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ standardize (Rescaling)           │ (None, 28, 28, 1)        │             0 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ conv1 (Conv2D)                    │ (None, 28, 28, 10)       │           100 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ dense (Dense)                     │ (None, 100)              │       196,100 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 196,200 (766.41 KB)
 Trainable params: 196,200 (766.41 KB)
 Non-trainable params: 0 (0.00 B)
"""


def test_compact_summary_keeps_every_row_and_total_in_narrow_columns():
    text = compact_summary(KERAS_SUMMARY)
    lines = text.splitlines()
    assert lines[0] == 'Model: "convviz_cnn"'
    assert lines[2] == "│ Layer (type)            │ Output Shape       │ Param # │"
    assert "│ conv1 (Conv2D)          │ (None, 28, 28, 10) │     100 │" in lines
    assert "│ dense (Dense)           │ (None, 100)        │ 196,100 │" in lines
    assert lines[-3:] == ["Total params: 196,200 (766.41 KB)", "Trainable params: 196,200 (766.41 KB)",
                          "Non-trainable params: 0 (0.00 B)"]
    assert max(len(line) for line in lines) == 58  # Keras's table is 80 wide
    assert len({len(line) for line in lines if line[:1] in "│┌├└"}) == 1  # the table's lines align


def test_compact_summary_of_something_else_is_that_text():
    assert compact_summary("  no table here \n") == "no table here"


@pytest.mark.parametrize("done, epoch, want", [(32, 0, 0.032), (1000, 0, 1.0), (1049, 1, None), (1050, 1, 1.05),
                                               (2500, 2, 2.5)])
def test_batch_curve_point_in_epochs_done(done, epoch, want):
    got = batch_curve_point(done, epoch, 1000)
    assert got == (None if want is None else pytest.approx(want))


def test_loss_top_grows_to_round_numbers_only():
    assert round_loss_top(2.5, [2.31, float("nan")]) == 2.5
    assert round_loss_top(2.5, [3.2]) == 3.5
    assert round_loss_top(2.5, [14.2]) == 15.0
    assert round_loss_top(15.0, [math.inf, 3.0]) == 15.0


def test_blank_canvas():
    assert canvas_is_blank(np.zeros((28, 28)))
    assert canvas_is_blank(np.full((28, 28), 0.01))
    image = np.zeros((28, 28))
    image[3, 4] = 1.0
    assert not canvas_is_blank(image)
