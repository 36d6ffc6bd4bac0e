"""The shipped lessons: each reproduces the lecture's worked example exactly through the pipeline."""

import json

import numpy as np
import pytest
from scipy import signal

from convviz.io.lessons import LessonError, find_lesson, lesson_names, list_lessons
from convviz.model.pipeline import run_pipeline
from convviz.model.training import TrainConfig

REQUIRED = {
    "1d-convolve-valid", "1d-correlate-valid", "1d-correlate-full", "1d-correlate-same-centered",
    "1d-correlate-same-tensorflow", "2d-valid", "2d-same-tensorflow", "2d-same-centered", "2d-stride2-7x7",
    "rgb-5x5-one-filter", "rgb-5x5-two-filters", "maxpool-2x2-stride2", "avgpool-2x2-stride2",
    "maxpool-stride1-valid", "maxpool-stride1-same", "avgpool-same", "fashion-mnist-cnn",
}


def run(name):
    state = find_lesson(name).session()
    result = run_pipeline(state["input"], state["kernels"], state["biases"], state["settings"])
    assert result.error is None
    return state, result


def test_the_lecture_examples_are_all_there():
    names = lesson_names()
    assert REQUIRED <= set(names)
    assert len(names) == len(set(names))
    assert names[0] == "1d-convolve-valid" and names[-1] == "fashion-mnist-cnn"  # the lecture's order


def test_every_lesson_has_titles_in_both_languages_and_a_seed_case(seed_cases):
    for lesson in list_lessons():
        assert lesson.title("en") and lesson.title("ko") and lesson.title("en") != lesson.title("ko")
        assert lesson.seed_case in seed_cases or lesson.name in {*TRANSPOSED_LESSONS, "rgb-5x5-pointwise"}, lesson.name


CONV_LESSONS = [
    "1d-convolve-valid", "1d-correlate-valid", "1d-correlate-full", "1d-correlate-same-centered",
    "1d-correlate-same-tensorflow", "1d-correlate-same-tensorflow-stride2", "2d-valid", "2d-same-tensorflow",
    "2d-same-centered",
]


@pytest.mark.parametrize("name", CONV_LESSONS)
def test_convolution_lessons_reproduce_their_case(seed_cases, name):
    case = seed_cases[find_lesson(name).seed_case]
    state, result = run(name)
    assert state["settings"].op == case["op"] and state["settings"].stride == case["stride"]
    assert len(result.activated) == 1 and not result.pooled
    np.testing.assert_array_equal(result.activated[0], np.array(case["expect"]))


def test_three_filter_lesson(seed_cases):
    _, result = run("2d-three-filters-same")
    expect = seed_cases["2d-three-filters-same"]["expect_per_filter"]
    assert len(result.activated) == 3
    for out, want in zip(result.activated, expect):
        np.testing.assert_array_equal(out, want)


def test_zero_padding_lesson_slides_over_the_lectures_padded_image(seed_cases):
    case = seed_cases["2d-zero-padding-1"]
    state, result = run("2d-zero-padding-1")
    assert result.pads == ((1, 1), (1, 1))
    expect = signal.correlate2d(np.array(case["expect_padded_input"]), state["kernels"][0], mode="valid")
    np.testing.assert_array_equal(result.activated[0], expect)


def test_stride_two_on_seven_by_seven(seed_cases):
    row = next(r for r in seed_cases["output-size"]["rows"] if r["N"] == 7 and r["stride"] == 2)
    state, result = run("2d-stride2-7x7")
    assert state["input"].shape == (row["N"], row["N"]) and state["kernels"][0].shape == (row["F"], row["F"])
    assert result.activated[0].shape == (row["out"], row["out"])
    full = signal.correlate2d(state["input"], state["kernels"][0], mode="valid")
    np.testing.assert_array_equal(result.activated[0], full[::2, ::2])
    np.testing.assert_array_equal(result.activated[0], [[2, 3, 1], [1, 4, 3], [0, 2, 1]])


@pytest.mark.parametrize("name, filters", [("rgb-5x5-one-filter", 1), ("rgb-5x5-two-filters", 2)])
def test_rgb_lessons_use_the_lectures_image(seed_cases, name, filters):
    image = np.array(seed_cases["2d-rgb-5x5-image"]["input"])
    state, result = run(name)
    np.testing.assert_array_equal(state["input"], image)
    assert len(result.activated) == filters
    for out, kernel, bias in zip(result.activated, state["kernels"], state["biases"]):
        assert kernel.shape == (3, 3, 3)
        # Each filter sums over the three channels (what Conv2D does), then adds its bias.
        expect = sum(signal.correlate2d(image[..., c], kernel[..., c], mode="valid") for c in range(3)) + bias
        np.testing.assert_array_equal(out, expect)
    np.testing.assert_array_equal(result.activated[0], [[0, 1, 3], [-2, -1, 2], [-4, 0, 4]])
    if filters == 2:
        np.testing.assert_array_equal(result.activated[1], [[6, 10, 6], [2, 7, 9], [3, 8, 6]])


POOL_LESSONS = {
    "maxpool-2x2-stride2": "maxpool-2x2-stride2",
    "avgpool-2x2-stride2": "avgpool-2x2-stride2",
    "maxpool-stride1-valid": "maxpool-valid-stride1",
    "maxpool-stride1-same": "maxpool-same-stride1",
    "avgpool-same": "avgpool-same-excludes-padding",
}


@pytest.mark.parametrize("name", sorted(POOL_LESSONS))
def test_pooling_lessons_reproduce_their_case(seed_cases, name):
    case = seed_cases[POOL_LESSONS[name]]
    assert find_lesson(name).seed_case == case["name"]
    state, result = run(name)
    np.testing.assert_array_equal(state["input"], case["x"])  # the 1x1 kernel [1] passes it to the pooling
    np.testing.assert_array_equal(result.activated[0], case["x"])
    s = state["settings"]
    assert (s.pool, s.pool_size, s.pool_stride, s.pool_padding) == (
        case["op"].split("_")[0], case["size"], case["stride"], case["padding"])
    np.testing.assert_array_equal(result.pooled[0], np.array(case["expect"]))


def test_fashion_mnist_lesson_is_the_lectures_network(seed_cases):
    case = seed_cases["seed-cnn-summary"]
    lesson = find_lesson("fashion-mnist-cnn")
    assert lesson.train["dataset"] == "fashion-mnist"
    config = TrainConfig.from_dict(lesson.train["config"])
    # The lecture's exact setup: no standardizing layer, a constant learning rate.
    assert (config.standardize, config.lr_schedule) == (False, "constant")
    assert (config.filters, config.kernel_size, config.padding, config.pool, config.dense_units) == (
        10, 3, "same", "max", 100)
    conv = (config.kernel_size ** 2 * 1 + 1) * config.filters
    pooled = 28 // 2 * (28 // 2) * config.filters
    dense = (pooled + 1) * config.dense_units
    out = (config.dense_units + 1) * 10
    assert [conv, 0, 0, dense, out] == case["params"] and conv + dense + out == case["total_params"]
    # The explorer shows the network's first layer on a 28x28 picture: ten 3x3 filters, 'same', ReLU, max 2x2.
    state, result = run("fashion-mnist-cnn")
    first, pooled_shape = case["shapes"][0], case["shapes"][1]
    assert state["input"].shape == tuple(first[:2])
    assert len(result.activated) == first[2] and len(result.pooled) == pooled_shape[2]
    assert all(m.shape == tuple(first[:2]) for m in result.activated)
    assert all(m.shape == tuple(pooled_shape[:2]) for m in result.pooled)
    assert all(m.min() >= 0 for m in result.activated)  # ReLU
    for out, kernel in zip(result.activated, state["kernels"]):  # zero 'same' padding of a 3x3: 1 each side
        expect = signal.correlate2d(state["input"], kernel, mode="same", boundary="fill")
        np.testing.assert_array_equal(out, np.maximum(expect, 0))


def test_lesson_files_are_sessions_that_file_open_session_reads(tmp_path):
    from convviz.io.sessions import load_session

    lesson = find_lesson("2d-valid")
    state = load_session(lesson.path)
    np.testing.assert_array_equal(state["input"], lesson.session()["input"])


def test_unknown_lesson_names_the_valid_ones():
    with pytest.raises(LessonError) as info:
        find_lesson("no-such-lesson")
    message = str(info.value)
    assert "\n" not in message and "no-such-lesson" in message and "2d-valid" in message


def test_a_lesson_without_titles_is_refused(tmp_path):
    (tmp_path / "bare.json").write_text(json.dumps({"format": "convviz-session", "version": 1, "lesson": {
        "title": {"en": "only English"}}}))
    with pytest.raises(LessonError, match="title in en and ko"):
        list_lessons(tmp_path)


def test_every_lesson_is_checked_against_its_case_above():
    checked = set(CONV_LESSONS) | set(POOL_LESSONS) | {
        "2d-three-filters-same", "2d-zero-padding-1", "2d-stride2-7x7", "rgb-5x5-one-filter", "rgb-5x5-two-filters",
        "fashion-mnist-cnn", "backward-5x5-squared-error",  # the last: test_backward_view
        "rgb-5x5-depthwise", "rgb-5x5-pointwise"} | set(TRANSPOSED_LESSONS)
    assert checked == set(lesson_names())


#: Beyond the lecture (issue 20): no worked example of its own, held against conv_transpose (Keras's, per
#: tests/core/test_transposed.py) and its overlap counts instead.
TRANSPOSED_LESSONS = {"transposed-3x3-stride2-checkerboard": 3, "transposed-4x4-stride2-even": 4}


@pytest.mark.parametrize("name,k", TRANSPOSED_LESSONS.items())
def test_transposed_lessons_show_the_checkerboard_or_its_absence(name, k):
    from convviz.core import conv_transpose, overlap_counts

    state, result = run(name)
    assert find_lesson(name).seed_case is None and state["settings"].op == "transposed"
    x, kernel = state["input"], state["kernels"][0]
    assert x.shape == (4, 4) and kernel.shape == (k, k) and state["settings"].stride == 2
    expected = conv_transpose(x, kernel, strides=2, padding="same")
    np.testing.assert_array_equal(result.activated[0], expected)
    # Ones stamped by ones: each output cell is its overlap count, so the map is the pattern itself.
    np.testing.assert_array_equal(expected, overlap_counts((4, 4), (k, k), strides=2, padding="same"))
    inner = expected[1:-1, 1:-1]
    if k == 3:  # 3 is not divisible by 2: one, two and four stamps alternate
        assert set(np.unique(inner)) == {1, 2, 4} and inner[0, 0] != inner[0, 1]
    else:  # 4 is: every cell away from the edges gets four
        assert (inner == 4).all()


def test_depthwise_then_pointwise_lessons_are_a_separable_convolution_of_the_lectures_image(seed_cases):
    """Depthwise: each filter reads its own channel ('same'); the 1x1 lesson's input is those three maps,
    and its filters mix them at each cell (the sum of the channels, and R − G)."""
    image = np.array(seed_cases["2d-rgb-5x5-image"]["input"])
    state, result = run("rgb-5x5-depthwise")
    np.testing.assert_array_equal(state["input"], image)
    assert state["settings"].groups == 3 and state["settings"].padding == "same"
    maps = []
    for c, (out, kernel) in enumerate(zip(result.activated, state["kernels"])):
        maps.append(signal.correlate2d(image[..., c], kernel[..., c], mode="same"))
        np.testing.assert_array_equal(out, maps[-1])
    pointwise, mixed = run("rgb-5x5-pointwise")
    np.testing.assert_array_equal(pointwise["input"], np.stack(maps, axis=-1))
    assert [k.shape for k in pointwise["kernels"]] == [(1, 1, 3)] * 2 and pointwise["settings"].groups == 1
    np.testing.assert_array_equal(mixed.activated[0], sum(maps))
    np.testing.assert_array_equal(mixed.activated[1], maps[0] - maps[1])
