"""Lecture mode's rules: the zoom steps and the type factor every view takes."""

import pytest

from convviz.model.lecture import LECTURE_TYPE, ZOOMS, LectureState


def test_zoom_steps_stop_at_the_ends_and_reset():
    s = LectureState()
    assert [s.zoom(+1) for _ in range(len(ZOOMS) + 2)][-1] == ZOOMS[-1]
    assert s.zoom(0) == 1.0
    assert [s.zoom(-1) for _ in range(len(ZOOMS) + 2)][-1] == ZOOMS[0]


def test_a_zoom_between_steps_moves_from_the_nearest():
    s = LectureState(zoom_factor=1.12)  # a restored setting
    assert s.zoom(+1) == 1.25


@pytest.mark.parametrize("on,zoom", [(False, 1.0), (True, 1.0), (True, 0.8), (False, 1.4)])
def test_type_factor_is_lecture_mode_times_the_zoom(on, zoom):
    assert LectureState(on, zoom).type_factor == pytest.approx((LECTURE_TYPE if on else 1.0) * zoom)
