"""The Code tab in Korean: the 'Backward (tf.GradientTape)' sub-tab's title and the programs' comments
were English; the programs themselves must stay the same and run."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.ui import i18n


@pytest.fixture
def view(code_view):
    return code_view


def without_comments(code: str) -> list[str]:
    return [line.split("  # ")[0] for line in code.splitlines() if not line.lstrip().startswith("#")]


def test_titles_and_comments_switch_to_korean_live(view, qapp):
    english = {key: view.code(key) for key in view.editors}
    backward = list(view.editors).index("backward")
    assert view.programs.tabText(backward) == "Backward (tf.GradientTape)"
    try:
        assert i18n.install(qapp, "ko") == "ko"
        qapp.processEvents()  # the LanguageChange event
        assert view.programs.tabText(backward) == "역전파 (tf.GradientTape)"
        korean = {key: view.code(key) for key in view.editors}
        assert "# x: 입력 (5 x 5), 창에 보이는 그대로" in korean["numpy"]
        assert "# w: 필터 1의 커널, b: 그 편향" in korean["tensorflow"]
        assert "# 축마다 패딩 (앞, 뒤), convviz가 정한 대로" in korean["matrix"]
        assert "# L = Σ Y: 상류 그래디언트 dL/dY는 모두 1" in korean["backward"]
        for key in view.editors:
            assert without_comments(korean[key]) == without_comments(english[key])
        scope: dict = {}
        exec(compile(korean["numpy"], "<korean>", "exec"), scope)  # runs as it is, Korean comments and all
        assert np.asarray(scope["out"]).shape == (3, 3)
    finally:
        i18n.install(qapp, "en")
        qapp.processEvents()
    assert view.programs.tabText(backward) == "Backward (tf.GradientTape)"
    assert view.code("numpy") == english["numpy"]


def test_a_refusal_is_said_in_korean(view, qapp):
    view.document.set_settings(op="transposed")
    try:
        i18n.install(qapp, "ko")
        qapp.processEvents()
        assert view.code("matrix").startswith("# 전치 합성곱은")
        assert view.code("backward").startswith("# 역전파는")
    finally:
        i18n.install(qapp, "en")
        qapp.processEvents()
