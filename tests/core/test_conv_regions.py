"""Which outputs a changed input region reaches, and which input cells they read: the
convolution's region geometry beside pooling's (test_pool_regions.py)."""

import numpy as np
from hypothesis import given, settings, strategies as st

from convviz.core.padding import conv_geometry


def reached_by_brute_force(g, box):
    """Outputs whose window's span (every cell from its first tap to its last) touches the box."""
    hits = []
    for o in np.ndindex(*g.out_shape):
        inside = True
        for axis, (lo, hi) in enumerate(zip(box[0::2], box[1::2])):
            start = o[axis] * g.stride[axis] - g.pads[axis][0]
            end = start + g.effective_kernel[axis] - 1
            inside &= start <= hi and end >= lo
        if inside:
            hits.append(o)
    return hits


@settings(max_examples=150, deadline=None)
@given(h=st.integers(1, 9), w=st.integers(1, 9), kh=st.integers(1, 4), kw=st.integers(1, 4),
       stride=st.integers(1, 3), dilation=st.integers(1, 2), padding=st.sampled_from(["valid", "same", "full"]),
       data=st.data())
def test_outputs_reading_a_box_are_exactly_those_whose_window_reaches_it(h, w, kh, kw, stride, dilation, padding,
                                                                       data):
    try:
        g = conv_geometry((h, w), (kh, kw), padding, stride=stride, dilation=dilation)
    except ValueError:
        return  # a kernel larger than the input under 'valid'
    r0 = data.draw(st.integers(0, h - 1))
    c0 = data.draw(st.integers(0, w - 1))
    box = (r0, data.draw(st.integers(r0, h - 1)), c0, data.draw(st.integers(c0, w - 1)))
    expected = reached_by_brute_force(g, box)
    got = g.outputs_reading(box)
    if not expected:
        assert got is None
        return
    rows, cols = zip(*expected)
    assert got == (min(rows), max(rows), min(cols), max(cols))
    a, b, c, d = g.cells_read(got)
    for o in expected:  # every output in the box reads only cells inside the cells it was given
        start = [o[axis] * g.stride[axis] - g.pads[axis][0] for axis in range(2)]
        assert a <= start[0] and start[0] + g.effective_kernel[0] - 1 <= b
        assert c <= start[1] and start[1] + g.effective_kernel[1] - 1 <= d


def test_a_stroke_in_the_middle_reaches_a_kernel_sized_neighbourhood():
    g = conv_geometry((512, 512), (3, 3), "same")
    assert g.outputs_reading((100, 101, 200, 200)) == (99, 102, 199, 201)
    assert g.cells_read((99, 102, 199, 201)) == (98, 103, 198, 202)
