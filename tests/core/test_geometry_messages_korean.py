"""The geometry errors a computation in the window meets (a kernel or a pooling window larger than what
it slides over) are message templates: the same English line, and whole Korean sentences in any of
their variants (padded or not, on an axis or not, with the hint or without)."""

from __future__ import annotations

import pytest

from convviz.core.messages import message
from convviz.core.padding import conv_geometry
from convviz.core.pool import pool_geometry
from convviz.render.labels import translator

KOREAN = translator("ko")


@pytest.mark.parametrize("args, english, korean", [
    (((2, 2), (3, 3), "valid"),
     "the kernel (effective size 3) is larger than the input (2) on axis 0; use 'same' or 'full' padding",
     "커널(유효 크기 3)이 입력(2)보다 큽니다 (축 0). 'same' 또는 'full' 패딩을 쓰세요"),
    (((2,), (3,), "valid"),
     "the kernel (effective size 3) is larger than the input (2); use 'same' or 'full' padding",
     "커널(유효 크기 3)이 입력(2)보다 큽니다. 'same' 또는 'full' 패딩을 쓰세요"),
    (((5,), (9,), ((1, 1),)),
     "the kernel (effective size 9) is larger than the padded input (7)",
     "커널(유효 크기 9)이 패딩된 입력(7)보다 큽니다"),
    (((9, 5), (3, 9), ((0, 0), (1, 1))),
     "the kernel (effective size 9) is larger than the padded input (7) on axis 1",
     "커널(유효 크기 9)이 패딩된 입력(7)보다 큽니다 (축 1)"),
])
def test_a_kernel_larger_than_the_input(args, english, korean):
    with pytest.raises(ValueError) as info:
        conv_geometry(*args)
    assert (str(info.value), message(info.value, KOREAN)) == (english, korean)


def test_a_pooling_window_larger_than_the_map():
    with pytest.raises(ValueError) as info:
        pool_geometry((3, 3), 9)
    assert str(info.value) == "the pooling window (9) is larger than the map (3) with 'valid' padding"
    assert message(info.value, KOREAN) == "'valid' 패딩에서 풀링 창(9)이 맵(3)보다 큽니다"
