"""Pooling's region geometry: the pooled outputs a change of the map reaches (the receptive
field's arithmetic, beside the convolution's in test_conv_regions.py)."""

import numpy as np
from hypothesis import given, settings, strategies as st

from convviz.core.pool import pool, pooled_box

from .strategies import arrays


@st.composite
def map_and_box(draw, max_n=20):
    h, w = draw(st.integers(1, max_n)), draw(st.integers(1, max_n))
    r0, c0 = draw(st.integers(0, h - 1)), draw(st.integers(0, w - 1))
    r1, c1 = draw(st.integers(r0, h - 1)), draw(st.integers(c0, w - 1))
    return draw(arrays((h, w))), (r0, r1, c0, c1)


@st.composite
def pooling_of_map_and_box(draw):
    """(map, box, kind, size, stride and padding keywords); 'valid' windows fit the map."""
    x, box = draw(map_and_box())
    kind, padding = draw(st.sampled_from(["max", "avg"])), draw(st.sampled_from(["valid", "same"]))
    size = draw(st.integers(1, min(5, *x.shape) if padding == "valid" else 5))
    return x, box, kind, size, dict(stride=draw(st.integers(1, 4) | st.none()), padding=padding)


@settings(max_examples=300, deadline=None)
@given(pooling_of_map_and_box())
def test_pooled_box_is_exactly_the_outputs_a_change_reaches(case):
    x, box, _, size, kw = case
    changed = x.copy()
    changed[box[0]: box[1] + 1, box[2]: box[3] + 1] = np.inf  # any window that sees it becomes inf
    reached = np.isinf(pool(changed, "max", size, **kw))
    out_box = pooled_box(x.shape, size, box, **kw)
    expected = np.zeros_like(reached)
    if out_box is not None:
        expected[out_box[0]: out_box[1] + 1, out_box[2]: out_box[3] + 1] = True
    np.testing.assert_array_equal(reached, expected)
