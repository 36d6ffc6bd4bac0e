"""convviz.explain: the lecture's numbers from Python, its pictures, animation and code; no Qt, no TensorFlow."""

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PIL import Image

import convviz
from convviz.api import Code, StepPicture, explain

X1 = [2, 8, 3, 7, 1, 2, 0, 4, 5]
W1 = [2, 1, 5, 3]
BINARY = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
X_POOL = [[1, 4, 8, 3], [6, 9, 2, 1], [11, 13, 6, 7], [8, 19, 8, 2]]


def _png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import io

    return Image.open(io.BytesIO(data))


def _op(case) -> dict:
    return {key: case[key] for key in ("op", "padding", "same", "stride") if key in case}


@pytest.mark.parametrize("name", ["1d-convolve-valid", "1d-correlate-valid", "1d-correlate-full",
                                  "1d-correlate-same-centered", "1d-correlate-same-tensorflow",
                                  "1d-correlate-same-tensorflow-stride2",
                                  "2d-correlate-same-tensorflow-even-kernel",
                                  "2d-correlate-same-centered-even-kernel", "2d-binary-image-valid"])
def test_explain_reproduces_the_lectures_examples(seed_cases, name):
    case = seed_cases[name]
    r = convviz.explain(case["x"], case["kernel"], **_op(case))
    np.testing.assert_array_equal(r.output, case["expect"])
    assert r.pooled is None


def test_a_bank_gives_one_map_per_filter_on_the_last_axis(seed_cases):
    case = seed_cases["2d-three-filters-same"]
    r = explain(case["x"], case["kernel"], **_op(case))
    assert r.output.shape == (3, 3, 3) and r.filters == 3
    for f, expect in enumerate(case["expect_per_filter"]):
        np.testing.assert_array_equal(r.output[..., f], expect)
    assert r.trace(filter=2)[0].expression().endswith("= 120")


@pytest.mark.parametrize("name, kind", [("maxpool-2x2-stride2", "max"), ("avgpool-2x2-stride2", "avg"),
                                        ("maxpool-same-stride1", "max"), ("avgpool-same-excludes-padding", "avg")])
def test_pooling_follows_tensorflow(seed_cases, name, kind):
    case = seed_cases[name]
    r = explain(case["x"], [[1]], pool=kind, pool_size=case["size"], pool_stride=case["stride"],
                pool_padding=case["padding"])
    np.testing.assert_array_equal(r.output, case["x"])
    np.testing.assert_array_equal(r.pooled, case["expect"])
    assert len(r.trace("pool")) == np.size(case["expect"])


def test_steps_are_the_lazy_trace_with_the_sums_written_out(seed_cases):
    r = explain(X1, W1, op="convolve")
    assert r.steps[0].expression() == "2×3 + 8×5 + 3×1 + 7×2 = 63"
    assert [s.total for s in r.steps] == [63, 48, 49, 28, 21, 20]
    first = seed_cases["2d-binary-image-valid"]["first_step_products"].replace("x", "×")
    assert explain(BINARY, [[1, 0, 1], [0, 1, 0], [1, 0, 1]]).steps[0].expression() == first
    big = explain(np.ones((512, 512)), np.ones((3, 3)))  # lazy: the last step costs what the first does
    assert big.steps[-1].expression().endswith("= 9")


def test_activation_bias_stride_dilation_boundary_and_explicit_padding():
    x = np.arange(36.0).reshape(6, 6) - 18
    k = np.array([[1.0, -1.0], [2.0, 0.0]])
    r = explain(x, k, padding=(1, 0, 2, 1), boundary="reflect", stride=2, dilation=2, bias=0.5,
                activation="relu")
    from convviz.core import correlate

    expect = np.maximum(correlate(x, k, padding=((1, 0), (2, 1)), boundary="reflect", stride=2, dilation=2) + 0.5, 0)
    np.testing.assert_allclose(r.output, expect)
    np.testing.assert_array_equal(explain(x, k, padding=1).output, correlate(x, k, padding=1))
    assert r.settings.explicit_pad == (1, 0, 2, 1)


def test_options_give_the_same_settings_again():
    r = explain(BINARY, np.ones((2, 2)), padding=(1, 0, 2, 1), stride=2, activation="tanh", pool="avg",
                pool_stride=1, pool_padding="same", op="convolve", boundary="circular")
    again = explain(r.x, r.kernels[0], **r.options())
    assert again.settings == r.settings
    np.testing.assert_array_equal(again.pooled, r.pooled)


def test_inputs_as_the_command_line_takes_them(tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.array(BINARY, dtype=float))
    r = explain(path, "1,0,1;0,1,0;1,0,1")
    np.testing.assert_array_equal(r.output, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    sobel = explain(str(path), "sobel_x")
    assert sobel.kernels[0].shape == (3, 3)


@pytest.mark.parametrize("kwargs, message", [
    (dict(padding="bogus"), "unknown padding"),
    (dict(padding=-1), "must not be negative"),
    (dict(stride=0), "stride must be a positive integer"),
    (dict(stride=1.5), "stride must be a positive integer"),
    (dict(op="conv"), "unknown op"),
    (dict(activation="softmax"), "unknown activation"),
    (dict(pool="max", pool_stride=0), "pool stride"),
    (dict(boundary="mirror"), "unknown boundary"),
    (dict(bias=[1, 2]), "one per filter"),
])
def test_bad_options_are_one_line_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        explain(BINARY, np.ones((3, 3)), **kwargs)


def test_bad_arrays_and_keywords():
    with pytest.raises(ValueError, match="1D input needs a 1D kernel"):
        explain(X1, np.ones((2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        explain([[1, np.nan]], [[1]])
    with pytest.raises(ValueError, match="numbers"):
        explain(["a", "b"], [1])
    with pytest.raises(ValueError):
        explain([1, 2], [1, 2, 3])  # kernel larger than the input under 'valid'
    with pytest.raises(TypeError):
        explain(X1, W1, paddin="same")


def test_repr_png_is_the_export_contact_sheet():
    from convviz.export.files import png_bytes, sheet_image

    r = explain(BINARY, [[1, 0, 1], [0, 1, 0], [1, 0, 1]], pool="max")
    data = r._repr_png_()
    img = _png(data)
    assert img.width > 300 and img.height > 400
    assert data == png_bytes(sheet_image(r.x, r.kernels, r.settings, r.result, values=True))
    assert "pooled:" in repr(r) and "max pooling" in repr(r)


def test_a_0_255_rgb_input_is_drawn_in_its_colours():
    rgb = np.zeros((8, 8, 3), dtype=np.uint8)
    rgb[:, :4] = (200, 30, 30)  # red on the left, black on the right
    r = explain(rgb, np.ones((3, 3)))
    assert r.output[0, 0] == 3 * 3 * (200 + 30 + 30)  # the numbers stay the input's
    sheet = np.asarray(r.sheet(scale=10, values=False))
    colours = {tuple(c) for c in sheet.reshape(-1, 3)}
    assert (200, 30, 30) in colours  # it was clipped to white


def test_step_pictures_are_the_step_views_frames():
    from convviz.render import scene_for, scene_title
    from convviz.render.pillow import render_image

    r = explain(X1, W1, op="convolve")
    picture = r.step(2, size=(800, 450))
    assert isinstance(picture, StepPicture)
    img = _png(picture._repr_png_())
    assert img.size == (800, 450)
    scene = scene_for(r.steps, (800, 450), title=scene_title(r.settings))
    assert np.array_equal(np.asarray(img.convert("RGB")), np.asarray(render_image(scene.frame(2))))
    svg = picture._repr_svg_()
    assert svg.startswith("<svg") and "49" in svg  # step 3's sum
    assert np.array_equal(np.asarray(r.step(-1).image()), np.asarray(r.step(5).image()))
    quiz = r.step(2, reveal=0).svg()
    assert "= 49" not in quiz and "= 49" in picture.svg()
    korean = r.step(2, lang="ko").svg()
    assert "합성곱" in korean
    with pytest.raises(IndexError, match="6 steps"):
        r.step(6)


def test_step_picture_saves_png_and_svg(tmp_path):
    picture = explain(BINARY, np.ones((3, 3))).step(0, size=(640, 360))
    assert _png(picture.save(tmp_path / "s.png").read_bytes()).size == (640, 360)
    assert (tmp_path / "s.svg").exists() is False
    assert picture.save(tmp_path / "s.svg").read_text().startswith("<svg")
    with pytest.raises(ValueError, match=".png or .svg"):
        picture.save(tmp_path / "s.jpg")


def test_save_animation_writes_gif_and_png_folder_as_convviz_animate(tmp_path):
    from convviz.export.animate import main as animate_main
    from convviz.render.scenes import flip_angles

    r = explain(X1, W1, op="convolve")
    gif = r.save_animation(tmp_path / "steps.gif", fps=4, size=(320, 180))
    with Image.open(gif) as img:
        assert img.size == (320, 180)
        assert img.n_frames == len(flip_angles()) + 6
    folder = r.save_animation(tmp_path / "frames", size=(320, 180), flip=False, max_frames=3)
    assert sorted(p.name for p in folder.iterdir()) == ["step_00001.png", "step_00002.png", "step_00003.png"]
    with pytest.raises(Exception, match="exists"):
        r.save_animation(tmp_path / "steps.gif")
    r.save_animation(tmp_path / "steps.gif", size=(320, 180), force=True)
    # The same frames as the command line's.
    np.save(tmp_path / "x.npy", np.array(X1, dtype=float))
    assert animate_main([str(tmp_path / "x.npy"), "--kernel", "2,1,5,3", "--op", "convolve", "--size", "320x180",
                         "--no-flip", "--max-frames", "3", "--out", str(tmp_path / "cli"), "--lang", "en"]) == 0
    for name in ("step_00001.png", "step_00003.png"):
        assert (tmp_path / "cli" / name).read_bytes() == (folder / name).read_bytes()
    with pytest.raises(ValueError, match="pool"):
        r.save_animation(tmp_path / "pool.gif", kind="pool")


def test_code_runs_and_gives_the_same_maps():
    r = explain(BINARY, [[1, 0, 1], [0, 1, 0], [1, 0, 1]], padding="same", activation="relu", pool="avg")
    code = r.code()
    assert isinstance(code, Code) and "tf.nn.conv2d" in code.tensorflow and "tensorflow" not in code.numpy
    namespace: dict = {}
    exec(code.numpy, namespace)
    np.testing.assert_allclose(namespace["out"], r.output)
    np.testing.assert_allclose(namespace["pooled"], r.pooled)
    assert "NumPy / SciPy" in str(code) and "```python" in code._repr_markdown_()
    bank = explain(BINARY, np.stack([np.eye(3), -np.eye(3)], axis=-1)[:, :, None, :])
    namespace = {}
    exec(bank.code(filter=2).numpy, namespace)
    np.testing.assert_allclose(namespace["out"], bank.output[..., 1])


def test_api_imports_neither_qt_nor_tensorflow(tmp_path):
    """In a fresh process: import convviz loads nothing heavy, and explain with every picture,
    the animation and the code leaves Qt, pyqtgraph, TensorFlow and Keras out."""
    script = textwrap.dedent(f"""
        import json, sys
        import convviz
        light = sorted(m for m in ("numpy", "PIL", "PySide6", "pyqtgraph", "tensorflow", "keras")
                       if m in sys.modules)
        r = convviz.explain([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 1], [1, 1]], padding="same", pool="max")
        r._repr_png_(); r.step(0)._repr_png_(); r.step(0)._repr_svg_(); str(r.code()); r.steps[0].expression()
        r.save_animation({str(tmp_path / "a.gif")!r}, size=(320, 180))
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "tensorflow", "keras"))
        print(json.dumps({{"light": light, "heavy": heavy, "output": r.output.tolist()}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["light"] == []
    assert report["heavy"] == []
    assert report["output"] == [[12, 16, 9], [24, 28, 15], [15, 17, 9]]


def test_the_package_lists_the_api():
    assert {"explain", "show"} <= set(dir(convviz))
    assert convviz.explain is explain
    from convviz.api_network import inspect

    assert "inspect" in dir(convviz) and convviz.inspect is inspect
    with pytest.raises(AttributeError):
        convviz.no_such_function  # noqa: B018


def test_steps_as_a_matrix_product_from_python(tmp_path):
    """view= draws the same steps as the patch matrix or the convolution matrix times a vector."""
    from convviz.render.matrix_scene import MatrixStepScene

    image = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
    r = convviz.explain(image, [[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    for view in ("im2col", "toeplitz"):
        scene = r.scene(view=view)
        assert isinstance(scene, MatrixStepScene) and scene.mode == view
        assert r.step(4, view=view).image().size == (960, 540)
    assert r.save_animation(tmp_path / "toeplitz.gif", view="toeplitz", max_frames=3).stat().st_size > 1000
    with pytest.raises(ValueError, match="unknown step view"):
        r.step(0, view="sparse")


def test_grouped_depthwise_and_transposed_from_python():
    """groups= and output_padding= as the command line's --groups and --output-padding."""
    import scipy.signal

    from convviz.core.transposed import conv_transpose

    rng = np.random.default_rng(0)
    x = rng.random((6, 5, 3))
    r = convviz.explain(x, np.arange(9.0).reshape(3, 3), groups="depthwise", padding="same", bias=0.5)
    assert r.output.shape == (6, 5, 3) and r.settings.groups == 3
    for c in range(3):
        want = scipy.signal.correlate2d(x[..., c], np.arange(9.0).reshape(3, 3), "same") + 0.5
        np.testing.assert_allclose(r.output[..., c], want, atol=1e-12)
    bank = rng.random((2, 2, 1, 6))  # Keras's DepthwiseConv2D(depth_multiplier=2) layout, as Conv2D(groups=3)
    r2 = convviz.explain(x, bank, groups=3)
    for f in range(6):
        want = scipy.signal.correlate2d(x[..., f // 2], bank[:, :, 0, f], "valid")
        np.testing.assert_allclose(r2.output[..., f], want, atol=1e-12)
    with pytest.raises(ValueError, match="groups need an input with channels"):
        convviz.explain(x[..., 0], np.ones((3, 3)), groups="depthwise")
    with pytest.raises(ValueError, match="multiple of 3"):
        convviz.explain(x, rng.random((2, 2, 1, 4)), groups=3)
    t = convviz.explain(np.arange(9.0).reshape(3, 3), np.ones((3, 3)), op="transposed", stride=2, output_padding=1)
    np.testing.assert_allclose(t.output, conv_transpose(np.arange(9.0).reshape(3, 3), np.ones((3, 3)), strides=2,
                                                        output_padding=1))
