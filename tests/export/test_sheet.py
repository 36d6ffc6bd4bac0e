"""The contact sheet: a settings line, cell values on request, headings that say what they mean."""

import numpy as np
from PIL import Image

from convviz.export import files
from convviz.model.document import LECTURE_IMAGE
from convviz.model.pipeline import OpSettings, run_pipeline


def _sheet(settings, **kwargs):
    kernels = [np.array([[1.0, 0, 1], [0, 1, 0], [1, 0, 1]])]
    result = run_pipeline(LECTURE_IMAGE, kernels, [0.0], settings)
    return files.sheet_image(LECTURE_IMAGE, kernels, settings, result, **kwargs)


def test_settings_line_names_every_setting():
    s = OpSettings(op="convolve", padding="same", same="centered", boundary="reflect", stride=2, dilation=1,
                   activation="relu", pool="max", pool_size=2, pool_stride=1, pool_padding="same").validate()
    assert files.settings_line(s) == ("convolve · padding same (centered: extra before) · boundary reflect · "
                                      "stride 2 · dilation 1 · activation relu · "
                                      "max pooling 2×2, stride 1, same")
    assert files.settings_line(OpSettings()) == ("correlate · padding valid · stride 1 · dilation 1 · "
                                                 "no activation · no pooling")


def test_sheet_is_headed_by_its_settings_and_can_print_values(monkeypatch):
    written = []
    original = files._headed
    monkeypatch.setattr(files, "_headed", lambda sheet, heading: written.append(heading) or original(sheet, heading))
    plain = _sheet(OpSettings(pool="max", pool_size=2, pool_stride=1))
    assert written == ["correlate · padding valid · stride 1 · dilation 1 · no activation · "
                       "max pooling 2×2, stride 1, valid"]
    top = np.asarray(plain)[:24]
    assert (top.min(axis=2) < 100).sum() > 200  # the heading's ink above the first row
    with_values = _sheet(OpSettings(pool="max", pool_size=2, pool_stride=1), values=True)
    assert with_values.size == plain.size
    assert (np.asarray(with_values) != np.asarray(plain)).any(axis=2).sum() > 500  # digits in the cells


def test_feature_heading_says_no_activation(monkeypatch):
    rows = []
    monkeypatch.setattr(files, "contact_sheet", lambda r: rows.extend(r) or Image.new("RGB", (10, 10)))
    _sheet(OpSettings())
    _sheet(OpSettings(activation="relu"))
    labels = [label for label, _ in rows if label.startswith("Feature")]
    assert labels == ["Feature maps (no activation)", "Feature maps (after relu)"]


def test_a_depthwise_sheet_shows_each_filters_own_channel_and_the_groups():
    """Each kernel of an RGB bank was drawn as its channels' mean: a depthwise filter (zeros outside its
    channel) read 0.3333 instead of 1, 0, -1, and the heading did not say it was grouped."""
    import convviz

    x = np.random.default_rng(0).random((5, 5, 3))
    k = np.array([[1.0, 0, -1]] * 3)
    r = convviz.explain(x, k, groups="depthwise", padding="same")
    assert "groups 3" in files.settings_line(r.settings)
    for i, name in enumerate("RGB"):
        shown, title = files.shown_kernel(r.kernels, i, 3, r.settings)
        np.testing.assert_array_equal(shown, k)
        assert title == f"K{i + 1} · {name}"
    standard = convviz.explain(x, np.ones((3, 3, 3)))
    shown, title = files.shown_kernel(standard.kernels, 0, 3, standard.settings)
    assert title == "K1 · mean of 3 channels" and shown.shape == (3, 3)
    assert files.sheet_image(r.x, r.kernels, r.settings, r.result).width > 0
