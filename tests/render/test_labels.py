"""Words inside pictures: the Korean catalogue without Qt, the shipped Hangul font, mixed-script text."""

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image, ImageDraw

from convviz.cli import main
from convviz.core import trace
from convviz.render import labels
from convviz.render.pillow import draw_text, font, render_array, script_runs
from convviz.render.prims import Text
from convviz.render.scenes import ConvStepScene, OneDStepScene
from convviz.resources_path import resource

LECTURE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])


def korean_messages():
    root = ET.parse(resource("translations", "convviz_ko.ts")).getroot()
    return [(m.findtext("source"), m.findtext("translation") or "") for m in root.iter("message")]


def test_catalogue_reads_the_ts_without_qt():
    ko = labels.translator("ko")
    assert ko("products") == "원소별 곱"
    assert ko("step {i} / {n}").format(i=2, n=25) == "단계 2 / 25"
    assert ko("a string nobody translated") == "a string nobody translated"
    assert labels.translator("en")("products") == "products"
    with pytest.raises(ValueError, match="language must be one of"):
        labels.translator("fr")


def test_system_language_follows_posix_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    assert labels.system_language() == "en"
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert labels.system_language() == "ko"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL wins over LANG, as in POSIX
    assert labels.system_language() == "en"


def test_translations_keep_their_placeholders():
    field = re.compile(r"\{(\w*)\}")
    wrong = [(s, t) for s, t in korean_messages() if sorted(field.findall(s)) != sorted(field.findall(t))]
    assert wrong == []


def test_shipped_hangul_font_has_every_translated_character():
    """Pillow has no font fallback: a syllable missing from the subset would print as a box.
    After adding translations run tools/subset_hangul_font.py."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    cmap = ttlib.TTFont(str(resource("fonts", "ConvvizHangul.ttf"))).getBestCmap()
    bold = ttlib.TTFont(str(resource("fonts", "ConvvizHangul-Bold.ttf"))).getBestCmap()
    hangul = {ch for _, t in korean_messages() for run, is_h in script_runs(t) if is_h
              for ch in run if not ch.isspace()}
    assert hangul, "the Korean catalogue has Hangul in it"
    assert sorted(ch for ch in hangul if ord(ch) not in cmap) == []
    assert sorted(ch for ch in hangul if ord(ch) not in bold) == []


def test_script_runs_split_hangul_from_digits_and_symbols():
    assert script_runs("단계 2 / 25") == [("단계 ", True), ("2 / 25", False)]
    assert script_runs("out = 1×1 − 2") == [("out = 1×1 − 2", False)]
    assert script_runs("원소별 곱 R: Σ = 3") == [("원소별 곱 ", True), ("R: Σ = 3", False)]


def test_mixed_text_draws_hangul_glyphs_not_boxes():
    def ink(text, use_font):
        img = Image.new("L", (400, 60), 0)
        ImageDraw.Draw(img).text((10, 30), text, fill=255, font=use_font, anchor="lm")
        return np.asarray(img)

    # DejaVu has no Hangul: every syllable comes out as the same .notdef box.
    dejavu = font(24)
    assert np.array_equal(ink("곱", dejavu), ink("단", dejavu))
    hangul = font(24, hangul=True)
    assert not np.array_equal(ink("곱", hangul), ink("단", hangul))
    # draw_text lays the runs out as one line; its width is the sum of the runs' widths.
    img = Image.new("L", (600, 60), 0)
    draw_text(ImageDraw.Draw(img), (300, 30), "단계 2 / 25", size=24, fill=255, anchor="mm")
    cols = np.flatnonzero(np.asarray(img).max(axis=0))
    width = font(24, hangul=True).getlength("단계 ") + font(24).getlength("2 / 25")
    assert abs((cols[0] + cols[-1]) / 2 - 300) < 4 and abs((cols[-1] - cols[0]) - width) < 6


@pytest.mark.parametrize("scene_type,x,kernel", [(ConvStepScene, LECTURE, np.eye(3)),
                                                 (OneDStepScene, np.arange(6.0), np.array([1.0, 2.0]))])
def test_korean_scene_labels(scene_type, x, kernel):
    ko = labels.translator("ko")
    scene = scene_type(trace(x, kernel, op="convolve", padding="same"), (960, 540), tr=ko)
    words = [p.text for p in scene.frame(1).prims if isinstance(p, Text)]
    assert "단계 2 / " + str(len(scene.trace)) in words
    assert any(w.startswith("합성곱") for w in words)  # the title names the operation
    assert any("뒤집음" in w for w in words)  # the kernel is labelled flipped
    english = scene_type(trace(x, kernel, op="convolve", padding="same"), (960, 540))
    assert not np.array_equal(render_array(scene.frame(1)), render_array(english.frame(1)))


def test_animate_korean_gif_opens_with_the_flip(tmp_path):
    x = tmp_path / "x.npy"
    np.save(x, LECTURE)
    gif = tmp_path / "ko.gif"
    assert main(["animate", str(x), "--kernel", "1,2;3,4", "--op", "convolve", "--lang", "ko", "--fps", "2",
                 "--out", str(gif), "--size", "480x270"]) == 0
    from convviz.render.scenes import FLIP_FRAMES

    with Image.open(gif) as img:
        assert img.n_frames == FLIP_FRAMES + 16  # 14 turning frames, then 4x4 steps
        durations = []
        for k in range(img.n_frames):
            img.seek(k)
            durations.append(img.info["duration"])
    assert durations[FLIP_FRAMES:] == [500] * 16
    assert max(durations[: FLIP_FRAMES - 1]) < 150  # the turn plays fast, then holds before sliding
    assert durations[FLIP_FRAMES - 1] > 500
    plain = tmp_path / "plain.gif"
    assert main(["animate", str(x), "--kernel", "1,2;3,4", "--op", "convolve", "--no-flip", "--out", str(plain),
                 "--size", "480x270"]) == 0
    with Image.open(plain) as img:
        assert img.n_frames == 16


def test_flip_frames_turn_the_kernel_as_written_into_the_applied_one():
    """First flip frame shows the kernel as typed; the last shows it turned 180°, as the steps apply it."""
    k = np.array([[1.0, 2.0], [3.0, 4.0]])
    scene = ConvStepScene(trace(LECTURE, k, op="convolve"), (640, 360))
    mx, my, _, _ = scene.mid_box
    kc = scene.k_cell
    box = (int(mx) + 2, int(my + 24) + 2, int(mx + 2 * kc) - 2, int(my + 24 + 2 * kc) - 2)
    first = np.asarray(scene.flip_image(0.0).crop(box))
    last = np.asarray(scene.flip_image(180.0).crop(box))
    step = render_array(scene.frame(0))[box[1]:box[3], box[0]:box[2]]
    assert not np.array_equal(first, last)
    assert np.abs(last.astype(int) - step.astype(int)).mean() < 8  # the turned kernel is the applied kernel


def test_shape_text_writes_shapes_as_the_lecture_does():
    import numpy as np

    from convviz.render.prims import shape_text

    assert shape_text((28, 28, np.int64(10))) == "28×28×10"
    assert shape_text(np.shape(np.zeros(7))) == "7"
    assert shape_text(()) == "—"
