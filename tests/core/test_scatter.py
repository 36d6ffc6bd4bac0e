"""The scatter trace of a transposed convolution: its running sums end at conv_transpose exactly (integers),
every stamp adds to what the output held, the overlap counts, and the equivalent correlation's numbers."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

from convviz.core.scatter import scatter_trace
from convviz.core.transposed import conv_transpose, overlap_counts


@st.composite
def cases(draw):
    spatial = draw(st.sampled_from([1, 2]))
    rgb = spatial == 2 and draw(st.booleans())
    ints = st.integers(-6, 6)
    if spatial == 1:
        n, k = draw(st.integers(1, 6)), draw(st.integers(1, 5))
        x, w = np.array(draw(st.lists(ints, min_size=n, max_size=n))), np.array(draw(st.lists(ints, min_size=k,
                                                                                                   max_size=k)))
    else:
        shape = (draw(st.integers(1, 4)), draw(st.integers(1, 4))) + ((3,) if rgb else ())
        kshape = (draw(st.integers(1, 4)), draw(st.integers(1, 4))) + ((3,) if rgb else ())
        x = np.array(draw(st.lists(ints, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))).reshape(shape)
        w = np.array(draw(st.lists(ints, min_size=int(np.prod(kshape)),
                                   max_size=int(np.prod(kshape))))).reshape(kshape)
    stride = draw(st.integers(1, 4))
    options = dict(strides=stride, dilation=draw(st.integers(1, 3)),
                   padding=draw(st.sampled_from(["valid", "same", 0, 1, 2, 4])),
                   output_padding=draw(st.one_of(st.none(), st.integers(0, stride - 1))), bias=draw(ints))
    return x, w, options


def reference(x, w, options):
    """conv_transpose in its own layout: (kh, kw, out=1, in=C)."""
    if x.ndim == 3:
        return conv_transpose(x, w[:, :, None, :], **options)[..., 0]
    return conv_transpose(x, w, **options)


@given(cases())
def test_the_running_sums_after_the_last_stamp_are_conv_transpose_exactly(case):
    x, w, options = case
    try:
        expected = reference(x, w, options)
    except ValueError:  # a 'same' output padding TensorFlow refuses too; an output cropped away
        with pytest.raises(ValueError):
            scatter_trace(x, w, **options)
        return
    t = scatter_trace(x, w, **options)
    assert len(t) == int(np.prod(x.shape[: x.ndim if x.ndim < 3 else 2]))
    sums, received, total = t.partial(len(t) - 1)
    got = sums[0] if x.ndim == 1 else sums
    assert got.dtype.kind == "i" and np.array_equal(got, expected)
    counts = overlap_counts(x.shape[:1] if x.ndim == 1 else x.shape[:2], w.shape[:1] if w.ndim == 1 else w.shape[:2],
                            **{k: v for k, v in options.items() if k != "bias"})
    assert np.array_equal(total[0] if x.ndim == 1 else total, counts)
    assert np.array_equal(received, total)  # after the last step every cell has all its stamps
    # The equivalent correlation (zeros inserted, padded, kernel flipped) gives the same numbers.
    equivalent = t.equivalent()
    totals = np.array([step.total for step in equivalent]).reshape(equivalent.output_shape)
    assert np.array_equal(totals, expected)


@given(cases())
def test_each_stamp_adds_its_products_to_what_its_targets_held(case):
    x, w, options = case
    try:
        t = scatter_trace(x, w, **options)
    except ValueError:
        return
    out = np.full(t.out_shape, options["bias"], dtype=np.int64)
    got = np.zeros(t.out_shape, dtype=np.int64)
    counts = t.overlap_counts()
    for step in t:
        for tap in zip(*np.nonzero(~step.cropped)):
            r, c = step.targets[tap]
            assert step.before[tap] == out[r, c]
            out[r, c] += step.products[tap]
            got[r, c] += 1
            assert step.after[tap] == out[r, c]
            assert (step.received[tap], step.overlaps[tap]) == (got[r, c], counts[r, c])
        sums, received, _ = t.partial(step.index)
        assert np.array_equal(sums, out) and np.array_equal(received, got)


def test_the_checkerboard_of_a_3x3_kernel_at_stride_2_and_none_with_4x4():
    three = scatter_trace(np.ones((3, 3)), np.ones((3, 3)), strides=2).overlap_counts()
    assert three.tolist()[:3] == [[1, 1, 2, 1, 2, 1, 1], [1, 1, 2, 1, 2, 1, 1], [2, 2, 4, 2, 4, 2, 2]]
    four = scatter_trace(np.ones((3, 3)), np.ones((4, 4)), strides=2, padding="same").overlap_counts()
    # A kernel divisible by the stride: every cell away from the edges gets the same number of stamps.
    assert (four[1:-1, 1:-1] == 4).all() and four[0, 0] == 1


def test_a_step_names_its_stamp_and_a_cell_lists_the_stamps_that_land_on_it():
    x = np.array([[1, 2], [3, 4]])
    w = np.array([[1, 0, -1], [2, 1, 0], [0, 1, 1]])
    t = scatter_trace(x, w, strides=2)
    step = t[3]  # x[1, 1] = 4
    assert step.in_index == (1, 1) and step.value == 4
    assert step.expression().startswith("x[1,1] = 4 → out[2,2] = ")
    assert np.array_equal(step.targets[0, 0], [2, 2]) and step.received[0, 0] == 4 and step.overlaps[0, 0] == 4
    stamps = t.stamps_on((2, 2))
    assert [(cell, tap) for cell, tap, *_ in stamps] == [((0, 0), (2, 2)), ((0, 1), (2, 0)), ((1, 0), (0, 2)),
                                                        ((1, 1), (0, 0))]
    assert sum(p for *_, p in stamps) == conv_transpose(x, w, strides=2)[2, 2]
    assert t.index_of((2, 2)) == 3 and t.index_of((0, 0)) == 0
    assert "?" in step.expression(hide=True) and str(step.after[0, 0]) not in step.expression(hide=True).split("= ")[-1]


def test_a_signal_and_explicit_padding():
    x, w = np.array([2, 8, 3, 7, 1]), np.array([1, 2, 1])
    for padding in ("valid", "same", 1, (0, 2)):
        t = scatter_trace(x, w, strides=2, padding=padding)
        assert np.array_equal(t.partial(len(t) - 1)[0][0], conv_transpose(x, w, strides=2, padding=padding))
        assert t.output_shape == conv_transpose(x, w, strides=2, padding=padding).shape
    step = scatter_trace(x, w, strides=2)[4]
    assert step.in_index == (4,) and step.expression().startswith("x[4] = 1 → out[8] = 7 + 1×1 = 8")


def test_the_equivalent_correlation_when_the_crop_reaches_past_every_input_cell():
    """Hypothesis's case: a 1x2 input, 2x1 kernel, stride 4, padding 2, output padding 3: the crop removes the
    input's only row; output padding keeps an output row. The equivalent correlation still gives it."""
    from convviz.core.conv import evaluate
    from convviz.core.transposed import conv_transpose as reference

    x, k = np.array([[1.0, 2]]), np.array([[3.0], [5]])
    kw = dict(strides=4, padding=2, output_padding=3)
    eq = scatter_trace(x, k, **kw).equivalent()
    np.testing.assert_array_equal(np.ravel(evaluate(eq.prepared)), np.ravel(reference(x, k, **kw)))
    assert eq.inserted.shape == eq.prepared.x.shape[:2] and eq.inserted.all()  # no input cell is read
