"""The Backward tab's dX steps mark the zeros inserted between dY's cells (stride > 1) as the transposed
convolution's equivalent view does: the tester saw them pass for real zeros (en_59)."""

import numpy as np
import pytest

from convviz.core.transposed import zero_inserted
from convviz.model.backward_pass import input_trace
from convviz.model.settings import OpSettings
from convviz.render import scene_for
from convviz.render.layout import INSERTED_FILL
from convviz.render.prims import Rect, Text


@pytest.mark.parametrize("stride,padding", [(2, "valid"), (2, "same"), (3, "valid"), (1, "valid")])
def test_dx_steps_tint_exactly_the_inserted_cells(stride, padding):
    rng = np.random.default_rng(3)
    x = rng.integers(-3, 4, (7, 7)).astype(float)
    kernels = [np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1.0]])]
    s = OpSettings(padding=padding, stride=stride)
    oh = s.geometry(x.shape, (3, 3)).out_shape
    dz = [np.array(rng.integers(1, 5, oh), dtype=float)]  # no zero of its own: every 0 between is inserted
    steps = input_trace(x, kernels, dz, s)
    expected = zero_inserted(np.ones(oh), stride, spatial_ndim=2) == 0
    np.testing.assert_array_equal(steps.inserted, expected)
    np.testing.assert_array_equal(steps.prepared.x[..., 0] == 0, expected)
    scene = scene_for(steps, (1280, 800))
    prims = scene.frame(0).prims
    tinted = [p for p in prims if isinstance(p, Rect) and p.fill == INSERTED_FILL]
    (top, _), (left, _) = steps.geometry.pads
    inner = scene.input.inserted[top: top + expected.shape[0], left: left + expected.shape[1]]
    assert np.array_equal(inner, expected) and scene.input.inserted.sum() == expected.sum()  # padding is not
    rows, cols = scene.in_view  # step 0's window sits in the top left corner of what is in view
    assert len(tinted) == int(scene.input.inserted[:rows, :cols].sum()) == int(
        scene.input.inserted.sum() if scene.in_view == scene.input.shape else len(tinted))
    assert (len(tinted) > 0) == (stride > 1)
    words = " ".join(p.text for p in prims if isinstance(p, Text))  # the label may wrap
    assert ("tinted 0: inserted" in words) == (stride > 1)
