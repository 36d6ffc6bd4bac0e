import json

import numpy as np
import pytest

from convviz.io.sessions import SessionError, load_session, save_session
from convviz.model.document import LECTURE_IMAGE, Document
from convviz.model.pipeline import run_pipeline


def test_first_run_is_the_lecture_example():
    doc = Document()
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    np.testing.assert_array_equal(result.activated[0], [[4, 3, 4], [2, 4, 3], [2, 3, 4]])


def test_events_fire_and_bad_values_change_nothing():
    doc = Document()
    seen = []
    doc.events.input.connect(lambda: seen.append("input"))
    doc.events.kernels.connect(lambda: seen.append("kernels"))
    doc.events.settings.connect(lambda s: seen.append("settings"))
    doc.paint(np.array([0]), np.array([0]), 0.5)
    doc.set_bias(0, 1.5)
    doc.set_settings(stride=2)
    assert seen == ["input", "kernels", "settings"]
    before = doc.state()
    for bad in (lambda: doc.set_settings(stride=0), lambda: doc.set_input(np.ones((513, 2))),
                lambda: doc.set_kernel(0, [[np.nan]]), lambda: doc.set_bias(0, float("inf"))):
        with pytest.raises(ValueError):
            bad()
    assert doc.settings == before["settings"] and doc.biases == before["biases"]
    np.testing.assert_array_equal(doc.input, before["input"])
    assert seen == ["input", "kernels", "settings"]


def test_bank_shares_shape_and_rgb_slices():
    doc = Document()
    doc.add_filter([[1, 2], [3, 4]])
    assert [k.shape for k in doc.kernels] == [(3, 3), (3, 3)]
    doc.set_rgb(True)
    assert doc.input.shape == (5, 5, 3) and doc.kernels[0].shape == (3, 3, 3)
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    # Three identical channels and the kernel repeated per channel: three times the gray result.
    np.testing.assert_allclose(result.raw[0], 3 * np.array([[4, 3, 4], [2, 4, 3], [2, 3, 4]]))


def test_pipeline_pooling_and_activation():
    doc = Document()
    doc.set_kernel(0, -np.eye(3))
    doc.set_settings(padding="same", activation="relu", pool="max", pool_size=2, pool_padding="same")
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    assert result.raw[0].min() < 0 and result.activated[0].min() == 0
    assert result.pooled[0].shape == (3, 3)


def test_one_d_mode_is_the_lecture_signal():
    doc = Document()
    doc.set_mode("1d")
    doc.set_settings(op="convolve")
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    np.testing.assert_array_equal(result.raw[0], [63, 48, 49, 28, 21, 20])
    doc.set_mode("2d")
    np.testing.assert_array_equal(doc.input, LECTURE_IMAGE)


def test_session_round_trip(tmp_path):
    doc = Document()
    doc.add_filter([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
    doc.set_bias(1, -0.5)
    doc.set_settings(padding="explicit", explicit_pad=(2, 0, 1, 3), boundary="reflect", pool="avg")
    path = tmp_path / "s.json"
    save_session(path, doc)
    other = Document()
    other.restore(load_session(path))
    assert other.settings == doc.settings and other.biases == doc.biases
    for a, b in zip(other.kernels, doc.kernels):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "content,match",
    [
        ("not json", "not valid JSON"),
        (json.dumps({"hello": 1}), "not a convviz session"),
        (json.dumps({"format": "convviz-session", "version": 99}), "version 99 is not supported"),
        (json.dumps({"format": "convviz-session", "version": 1, "mode": "2d", "input": [[1, 2]] * 513,
                     "filters": [{"kernel": [[1]]}]}), "each side must be 1 to 512"),
        (json.dumps({"format": "convviz-session", "version": 1, "mode": "2d", "input": [[1] * 3] * 3,
                     "filters": [{"kernel": [[1]]}], "settings": {"stride": 0}}), "stride must be a positive"),
        (json.dumps({"format": "convviz-session", "version": 1, "mode": "2d"}), "missing 'input'"),
    ],
)
def test_bad_sessions(tmp_path, content, match):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SessionError, match=match):
        load_session(path)


def test_one_d_pooling_per_signal():
    doc = Document()
    doc.set_mode("1d")
    doc.add_filter([1, 0, 0, 0])
    doc.set_settings(pool="max", pool_size=2)
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    np.testing.assert_array_equal(result.pooled[0], [57, 25, 39])
    np.testing.assert_array_equal(result.pooled[1], [8, 7, 2])


def test_tiny_inputs_from_one_cell_up_compute():
    """The lecture's pooling example (max 2x2, stride 1, 'same' on [[4,3],[2,1]]) is a 2x2 input;
    1x1 inputs and length-1 signals are accepted too and run through the whole pipeline."""
    doc = Document()
    doc.set_input([[4, 3], [2, 1]])
    doc.set_kernels([[[1.0]]])
    doc.set_settings(pool="max", pool_size=2, pool_stride=1, pool_padding="same")
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    np.testing.assert_array_equal(result.pooled[0], [[4, 3], [2, 1]])
    doc.set_settings(pool="avg")
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    np.testing.assert_array_equal(result.pooled[0], [[2.5, 2], [1.5, 1]])
    doc.set_input([[7.0]])
    doc.set_settings(padding="same", pool="none")
    doc.set_kernels([np.ones((3, 3))])
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    np.testing.assert_array_equal(result.activated[0], [[7.0]])
    doc.resize_input(2, 1)
    assert doc.input.shape == (2, 1)
    doc.set_mode("1d")
    doc.set_input([5.0])
    doc.set_kernels([[2.0]])
    result = run_pipeline(doc.input, doc.kernels, doc.biases, doc.settings)
    np.testing.assert_array_equal(result.activated[0], [10.0])
