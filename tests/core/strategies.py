"""Hypothesis strategies shared by the core property tests."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

small_floats = st.floats(-10, 10, allow_nan=False, allow_infinity=False, width=32)
small_ints = st.integers(-9, 9)


def arrays(shape, dtype=np.float64, elements=small_floats):
    return hnp.arrays(dtype, shape, elements=elements)


@st.composite
def signal_and_kernel(draw, dtype=np.float64, max_n=24, max_k=7):
    n = draw(st.integers(1, max_n))
    k = draw(st.integers(1, max_k))
    elements = small_ints if np.dtype(dtype).kind == "i" else small_floats
    return draw(arrays((n,), dtype, elements)), draw(arrays((k,), dtype, elements))


@st.composite
def image_and_kernel(draw, dtype=np.float64, max_n=16, max_k=5, channels=None, filters=None):
    h, w = draw(st.integers(1, max_n)), draw(st.integers(1, max_n))
    kh, kw = draw(st.integers(1, max_k)), draw(st.integers(1, max_k))
    elements = small_ints if np.dtype(dtype).kind == "i" else small_floats
    xshape = (h, w) if channels is None else (h, w, channels)
    kshape = (kh, kw)
    if channels is not None:
        kshape += (channels,)
    if filters is not None:
        kshape += (filters,)
    return draw(arrays(xshape, dtype, elements)), draw(arrays(kshape, dtype, elements))


def tolerance(x, k):
    """Absolute tolerance scaled to the size of the sums: float error grows with sum |x||k|."""
    scale = float(np.abs(x).sum() * np.abs(k).max()) if k.size and x.size else 0.0
    eps = np.finfo(np.result_type(x, k, np.float32)).eps
    return 64 * eps * (scale + 1)


#: Every convolution setting a trace or a matrix view takes, for ``@given(**settings_space)``.
settings_space = dict(
    padding=st.sampled_from(["valid", "same", "full", 1, ((2, 0), (0, 1))]),
    same=st.sampled_from(["tensorflow", "centered"]),
    stride=st.integers(1, 3),
    dilation=st.integers(1, 2),
    boundary=st.sampled_from(["zeros", "reflect", "replicate", "circular"]),
    op=st.sampled_from(["correlate", "convolve"]),
)
