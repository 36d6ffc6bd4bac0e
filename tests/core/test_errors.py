"""Bad arguments raise ValueError with a message that names the problem."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

from convviz.core import avg_pool, conv_geometry, correlate, max_pool, parse_kernel, preset, trace
from convviz.core.kernels import format_kernel

X = np.ones((5, 5))
K = np.ones((3, 3))


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(stride=0), "stride must be a positive integer, got 0"),
        (dict(stride=-2), "stride must be a positive integer, got -2"),
        (dict(dilation=0), "dilation must be a positive integer, got 0"),
        (dict(padding="bogus"), "unknown padding 'bogus'"),
        (dict(padding=-1), "padding must not be negative"),
        (dict(padding=1.5), "unknown padding 1.5"),
        (dict(same="left"), "unknown 'same' convention 'left'"),
        (dict(boundary="mirror"), "unknown boundary 'mirror'"),
        (dict(bias=[1, 2]), "one value per filter"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        correlate(X, K, **kwargs)
    with pytest.raises(ValueError, match=match):
        trace(X, K, **kwargs)


def test_kernel_larger_than_input_under_valid():
    too_large = r"kernel \(effective size 7\) is larger than the input \(5\).*'same' or 'full'"
    with pytest.raises(ValueError, match=too_large):
        correlate(X, np.ones((7, 7)))
    with pytest.raises(ValueError, match="effective size 5"):
        correlate(np.ones((4, 4)), K, dilation=2)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_weights(bad):
    k = K.copy()
    k[1, 1] = bad
    with pytest.raises(ValueError, match="NaN or infinite"):
        correlate(X, k)


def test_shape_mismatches():
    with pytest.raises(ValueError, match="has 3 channels"):
        correlate(np.ones((5, 5, 3)), K)
    with pytest.raises(ValueError, match="2 input channels but the input has 3"):
        correlate(np.ones((5, 5, 3)), np.ones((3, 3, 2)))
    with pytest.raises(ValueError, match="1D input needs a 1D kernel"):
        correlate(np.ones(5), K)
    with pytest.raises(ValueError, match="real numbers"):
        correlate(np.array([["a", "b"]]), K)
    with pytest.raises(ValueError, match="empty"):
        correlate(np.ones((0, 4)), K)


def test_pool_errors():
    with pytest.raises(ValueError, match="pooling window \\(6\\) is larger than the map \\(5\\)"):
        max_pool(X, 6)
    with pytest.raises(ValueError, match="pool size must be a positive integer"):
        avg_pool(X, 0)
    with pytest.raises(ValueError, match="stride must be a positive integer"):
        max_pool(X, 2, stride=0)
    with pytest.raises(ValueError, match="unknown pooling padding 'full'"):
        max_pool(X, 2, padding="full")


def test_geometry_formula():
    g = conv_geometry((28, 28), (3, 3), "same")
    assert g.out_shape == (28, 28) and g.pads == ((1, 1), (1, 1))
    assert g.formula(0) == "floor((28 + 1 + 1 - 3) / 1) + 1 = 28"
    g = conv_geometry((9,), (4,), "same", same="centered")
    assert g.pads == ((2, 1),)
    g = conv_geometry((9,), (4,), "same", same="tensorflow")
    assert g.pads == ((1, 2),)


def test_remembered_geometries_answer_as_fresh_ones():
    """conv_geometry remembers geometries per argument set: lists and tuples, numpy integers
    and ints give one answer, an unhashable spec is still resolved, a bad one still raises."""
    from convviz.core.padding import _conv_geometry

    args = [((9, 7), (3, 2), "same", 1, 1), ((9, 7), (3, 2), [[1, 2], [0, 3]], [2, 1], (1, 2)),
            ((np.int64(12),), (np.int64(4),), "full", 3, 2)]
    for in_shape, kshape, padding, stride, dilation in args:
        want = _conv_geometry(in_shape, kshape, padding, stride=stride, dilation=dilation, same="centered")
        for _ in range(2):
            assert conv_geometry(in_shape, kshape, padding, stride=stride, dilation=dilation, same="centered") == want
    pads = np.array([[1, 1], [2, 2]])
    assert conv_geometry((5, 5), (3, 3), pads).pads == ((1, 1), (2, 2))
    for _ in range(2):
        with pytest.raises(ValueError, match="larger than the input"):
            conv_geometry((2, 2), (3, 3), "valid")


class TestParser:
    def test_rows_and_separators(self):
        np.testing.assert_array_equal(parse_kernel("1,0,-1; 2,0,-2; 1,0,-1"), [[1, 0, -1], [2, 0, -2], [1, 0, -1]])
        np.testing.assert_array_equal(parse_kernel("1,0,-1; 2,0,-2; 1,0,-1"), -preset("sobel_x"))
        np.testing.assert_array_equal(parse_kernel("1 2\n3 4"), [[1, 2], [3, 4]])
        np.testing.assert_array_equal(parse_kernel("[[1, 2], [3, 4]]"), [[1, 2], [3, 4]])
        assert parse_kernel("1 2 3").dtype == np.int64

    def test_fractions_and_decimals(self):
        k = parse_kernel("1/9 1/9; 0.5 -2e-1")
        np.testing.assert_allclose(k, [[1 / 9, 1 / 9], [0.5, -0.2]])
        assert k.dtype == np.float64

    def test_one_dimensional(self):
        np.testing.assert_array_equal(parse_kernel("2, 1, 5, 3", ndim=1), [2, 1, 5, 3])
        with pytest.raises(ValueError, match="single row"):
            parse_kernel("1;2", ndim=1)

    @pytest.mark.parametrize(
        "text,match",
        [
            ("1,0,-1; 2,0; 1,0,-1", "row 2 has 2 entries but row 1 has 3"),
            ("1, x, 3", r"row 1, column 2: 'x' is not a number"),
            ("1 2; 3 nan", r"row 2, column 2: 'nan' is not a number"),
            ("1 2; 3 inf", r"row 2, column 2: 'inf' is not a number"),
            ("1/0", "divides by zero"),
            ("   ", "empty"),
        ],
    )
    def test_errors_name_row_and_column(self, text, match):
        with pytest.raises(ValueError, match=match):
            parse_kernel(text)

    def test_round_trip(self):
        for name in ("sobel_x", "box_blur", "gaussian_5x5", "vertical_line_7x7"):
            k = preset(name)
            np.testing.assert_array_equal(parse_kernel(format_kernel(k)), k)

    @given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=9))
    def test_any_finite_kernel_reads_back_exactly_in_short_text(self, values):
        """The kernel's text box shows each number as it reads back, and briefly: 1e300 as 1e+300,
        not its 301 digits."""
        k = np.array(values, dtype=np.float64)[None, :]
        text = format_kernel(k)
        np.testing.assert_array_equal(parse_kernel(text), k)
        assert all(len(token.strip()) <= 24 for token in text.split(","))

    def test_unknown_preset(self):
        with pytest.raises(ValueError, match="unknown kernel preset 'nope'"):
            preset("nope")
