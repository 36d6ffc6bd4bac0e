"""Every worked example of the lecture reproduces exactly."""

import numpy as np
import pytest

from convviz.core import activate, avg_pool, conv_geometry, convolve, correlate, flip_kernel, max_pool, trace
from convviz.core.activations import relu_derivative
from convviz.core.padding import pad_input

OPS = {"correlate": correlate, "convolve": convolve}
CONV_CASES = [
    "1d-convolve-valid", "1d-correlate-valid", "1d-correlate-full",
    "1d-correlate-same-centered", "1d-correlate-same-tensorflow",
    "1d-correlate-same-tensorflow-stride2", "2d-correlate-same-tensorflow-even-kernel",
    "2d-correlate-same-centered-even-kernel", "2d-binary-image-valid",
]


@pytest.mark.parametrize("name", CONV_CASES)
def test_conv_case(seed_cases, name):
    case = seed_cases[name]
    out = OPS[case["op"]](
        np.array(case["x"]), np.array(case["kernel"]), padding=case["padding"],
        stride=case["stride"], same=case.get("same", "tensorflow"),
    )
    assert out.dtype == np.int64  # integer examples stay exact integers
    np.testing.assert_array_equal(out, np.array(case["expect"]))


@pytest.mark.parametrize("name", CONV_CASES)
def test_conv_case_trace_totals(seed_cases, name):
    case = seed_cases[name]
    steps = trace(
        np.array(case["x"]), np.array(case["kernel"]), op=case["op"], padding=case["padding"],
        stride=case["stride"], same=case.get("same", "tensorflow"),
    )
    expect = np.array(case["expect"])
    assert len(steps) == expect.size
    for step in steps:
        assert step.total == expect[step.out_index]


def test_flipped_kernel(seed_cases):
    case = seed_cases["1d-flipped-kernel"]
    np.testing.assert_array_equal(flip_kernel(np.array(case["kernel"])), case["expect"])


def test_three_filter_bank(seed_cases):
    case = seed_cases["2d-three-filters-same"]
    kernel = np.array(case["kernel"])
    assert kernel.shape == (2, 2, 1, 3)
    out = correlate(np.array(case["x"]), kernel, padding="same")
    assert out.shape == (3, 3, 3)
    for f, expect in enumerate(case["expect_per_filter"]):
        np.testing.assert_array_equal(out[..., f], expect)


def test_binary_image_first_step(seed_cases):
    case = seed_cases["2d-binary-image-valid"]
    step = trace(np.array(case["x"]), np.array(case["kernel"]))[0]
    assert step.expression(times="x") == case["first_step_products"]


def test_zero_padding_one(seed_cases):
    case = seed_cases["2d-zero-padding-1"]
    x = np.array(case["x"])
    g = conv_geometry(x.shape, (3, 3), case["padding"])
    np.testing.assert_array_equal(pad_input(x, g.pads), case["expect_padded_input"])


def test_output_sizes(seed_cases):
    for row in seed_cases["output-size"]["rows"]:
        g = conv_geometry((row["N"],), (row["F"],), row["padding"], stride=row["stride"])
        assert g.out_shape == (row["out"],), row


@pytest.mark.parametrize(
    "name", ["maxpool-2x2-stride2", "avgpool-2x2-stride2", "maxpool-valid-stride1",
             "maxpool-same-stride1", "avgpool-same-excludes-padding"],
)
def test_pool_case(seed_cases, name):
    case = seed_cases[name]
    fn = max_pool if case["op"] == "max_pool" else avg_pool
    out = fn(np.array(case["x"]), case["size"], stride=case["stride"], padding=case["padding"])
    np.testing.assert_array_equal(out, case["expect"])


def test_relu_and_derivative(seed_cases):
    case = seed_cases["relu-derivative"]
    np.testing.assert_array_equal(activate(np.array(case["x"]), "relu"), case["relu"])
    np.testing.assert_array_equal(relu_derivative(np.array(case["x"])), case["drelu"])
