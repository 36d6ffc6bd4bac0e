"""``convviz grad`` run as a subprocess: its dW.npy, db.npy and dX.npy against tf.GradientTape, written as
one set; bad input is one line and exit status 2."""

import os
import subprocess
import sys

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st


@pytest.fixture(scope="module")
def tf():
    return pytest.importorskip("tensorflow")


def grad(*args, env=None):
    return subprocess.run([sys.executable, "-m", "convviz.cli", "grad", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


def read_set(folder):
    return tuple(np.load(folder / f"{name}.npy") for name in ("dW", "db", "dX"))


def tape(tf, x, w, b, chain, upstream):
    """dW, db, dX of Σ upstream ⊙ chain(x, w, b) by tf.GradientTape."""
    xv, wv, bv = tf.Variable(x), tf.Variable(w), tf.Variable(np.asarray(b, dtype=np.float64))
    with tf.GradientTape() as t:
        loss = tf.reduce_sum(chain(xv, wv, bv) * upstream)
    return [tf.convert_to_tensor(g).numpy() for g in t.gradient(loss, [wv, bv, xv])]


def test_bank_same_stride_convolve_with_upstream_file(tmp_path, tf):
    rng = np.random.default_rng(2)
    x = rng.standard_normal((7, 6, 3))
    w = rng.standard_normal((3, 2, 3, 2))
    upstream = rng.standard_normal((4, 3, 2))
    for name, arr in (("x", x), ("w", w), ("up", upstream)):
        np.save(tmp_path / f"{name}.npy", arr)
    run = grad(tmp_path / "x.npy", "--kernel", tmp_path / "w.npy", "--padding", "same", "--stride", "2",
               "--op", "convolve", "--bias", "0.5", "--upstream", tmp_path / "up.npy", "--out", tmp_path / "g")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [str(tmp_path / "g" / n) for n in ("dW.npy", "db.npy", "dX.npy")]
    dw, db, dx = read_set(tmp_path / "g")
    assert dw.shape == w.shape and db.shape == (2,) and dx.shape == x.shape

    def chain(xv, wv, bv):  # convolve = correlate with the flipped kernel; 'same' as TensorFlow pads it
        return tf.nn.conv2d(xv[None], tf.reverse(wv, [0, 1]), 2, "SAME")[0] + bv

    expect = tape(tf, x, w, np.full(2, 0.5), chain, upstream)
    for ours, theirs in zip((dw, db, dx), expect):
        np.testing.assert_allclose(ours, theirs, atol=1e-10)


def test_relu_and_max_pool_chain_with_ones(tmp_path, tf):
    rng = np.random.default_rng(4)
    x = rng.standard_normal((9, 9))
    np.save(tmp_path / "x.npy", x)
    kernel = "1,0,-1;2,0,-2;1,0,-1"
    run = grad(tmp_path / "x.npy", "--kernel", kernel, "--padding", "1", "--activation", "relu", "--pool", "max",
               "--pool-size", "2", "--bias", "-0.2", "--out", tmp_path / "g")
    assert run.returncode == 0, run.stderr
    dw, db, dx = read_set(tmp_path / "g")
    w = np.array([[1.0, 0, -1], [2, 0, -2], [1, 0, -1]])

    def chain(xv, wv, bv):
        y = tf.nn.conv2d(xv[None, :, :, None], wv[:, :, None, None], 1, [[0, 0], [1, 1], [1, 1], [0, 0]]) + bv
        return tf.nn.max_pool2d(tf.nn.relu(y), 2, 2, "VALID")[0, :, :, 0]

    expect_dw, expect_db, expect_dx = tape(tf, x, w, -0.2, chain, np.ones((4, 4)))
    assert db.shape == ()
    np.testing.assert_allclose(dw, expect_dw, atol=1e-10)
    np.testing.assert_allclose(db, expect_db, atol=1e-10)
    np.testing.assert_allclose(dx, expect_dx, atol=1e-10)


def test_one_kernel_on_every_channel_gathers_their_gradients(tmp_path, tf):
    """A (kh, kw) kernel over an RGB input is applied to every channel, as export does: its dW sums them."""
    rng = np.random.default_rng(8)
    x = rng.standard_normal((6, 5, 3))
    np.save(tmp_path / "x.npy", x)
    run = grad(tmp_path / "x.npy", "--kernel", "1,2;-1,0", "--stride", "2", "--padding", "same",
               "--out", tmp_path / "g")
    assert run.returncode == 0, run.stderr
    dw, db, dx = read_set(tmp_path / "g")

    def chain(xv, wv, bv):
        return tf.nn.conv2d(xv[None], tf.repeat(wv[:, :, None, None], 3, axis=2), 2, "SAME")[0, :, :, 0] + bv

    expect_dw, _, expect_dx = tape(tf, x, np.array([[1.0, 2], [-1, 0]]), 0.0, chain, np.ones((3, 3)))
    assert dw.shape == (2, 2) and dx.shape == x.shape
    np.testing.assert_allclose(dw, expect_dw, atol=1e-10)
    np.testing.assert_allclose(dx, expect_dx, atol=1e-10)


def test_1d_dilated_full_padding(tmp_path, tf):
    x = np.array([2.0, 8, 3, 7, 1, 5, 4])
    np.save(tmp_path / "x.npy", x)
    run = grad(tmp_path / "x.npy", "--kernel", "1,2,-1", "--padding", "full", "--dilation", "2",
               "--out", tmp_path / "g")
    assert run.returncode == 0, run.stderr
    dw, db, dx = read_set(tmp_path / "g")
    dilated = np.zeros((5, 1, 1))
    dilated[::2, 0, 0] = [1, 2, -1]

    def chain(xv, wv, bv):  # the kernel dilated by hand: TensorFlow's CPU input gradient refuses dilation
        taps = tf.stack([wv[0], 0.0, wv[1], 0.0, wv[2]])[:, None, None]
        return tf.nn.conv1d(tf.pad(xv, [[4, 4]])[None, :, None], taps, 1, "VALID")[0, :, 0] + bv

    expect_dw, expect_db, expect_dx = tape(tf, x, np.array([1.0, 2, -1]), 0.0, chain, np.ones(11))
    assert dw.shape == (3,) and dx.shape == (7,)
    np.testing.assert_allclose(dw, expect_dw, atol=1e-10)
    np.testing.assert_allclose(dx, expect_dx, atol=1e-10)
    assert db == expect_db == 11


def test_target_takes_the_mean_squared_errors_gradient(tmp_path, tf):
    rng = np.random.default_rng(9)
    x, target = rng.standard_normal((5, 5)), rng.standard_normal((3, 3))
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "t.npy", target)
    run = grad(tmp_path / "x.npy", "--kernel", "sharpen", "--bias", "0.1", "--target", tmp_path / "t.npy",
               "--out", tmp_path / "g")
    assert run.returncode == 0, run.stderr
    dw, db, dx = read_set(tmp_path / "g")
    w = np.array([[0.0, -1, 0], [-1, 5, -1], [0, -1, 0]])
    xv, wv, bv = tf.Variable(x), tf.Variable(w), tf.Variable(np.float64(0.1))
    with tf.GradientTape() as t:
        y = tf.nn.conv2d(xv[None, :, :, None], wv[:, :, None, None], 1, "VALID")[0, :, :, 0] + bv
        loss = tf.reduce_mean((y - target) ** 2)
    expect_dw, expect_db, expect_dx = (g.numpy() for g in t.gradient(loss, [wv, bv, xv]))
    np.testing.assert_allclose(dw, expect_dw, atol=1e-12)
    np.testing.assert_allclose(db, expect_db, atol=1e-12)
    np.testing.assert_allclose(dx, expect_dx, atol=1e-12)
    both = grad(tmp_path / "x.npy", "--kernel", "sharpen", "--target", tmp_path / "t.npy", "--upstream", "ones",
                "--out", tmp_path / "h")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def test_outputs_are_a_set_refused_without_force(tmp_path):
    np.save(tmp_path / "x.npy", np.arange(16.0).reshape(4, 4))
    out = tmp_path / "g"
    assert grad(tmp_path / "x.npy", "--kernel", "sobel_x", "--out", out).returncode == 0
    before = np.load(out / "dW.npy")
    again = grad(tmp_path / "x.npy", "--kernel", "sobel_y", "--out", out)
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr.strip() == f"convviz grad: {out / 'dW.npy'} exists; pass --force to replace the whole set"
    np.testing.assert_array_equal(np.load(out / "dW.npy"), before)
    forced = grad(tmp_path / "x.npy", "--kernel", "sobel_y", "--out", out, "--force", "--upstream", "ones")
    assert forced.returncode == 0, forced.stderr
    assert sorted(p.name for p in out.iterdir()) == ["dW.npy", "dX.npy", "db.npy"]


@pytest.mark.parametrize("args,message", [
    (["missing.npy", "--kernel", "sobel_x"], "missing.npy"),
    (["x.npy", "--kernel", "sobel_x", "--upstream", "up.npy"], "shape (3, 3) differs from the output Y's (2, 2)"),
    (["x.npy", "--kernel", "sobel_x", "--upstream", "nothing.npy"], "nothing.npy"),
    (["x.npy", "--kernel", "1,2;3"], "kernel"),
    (["x.npy", "--kernel", "sobel_x", "--stride", "0"], "--stride must be a positive integer"),
    (["x.npy", "--kernel", "gaussian_5x5"], "larger than the input"),
    (["x.npy", "--kernel", "sobel_x", "--padding", "100000"], "over the 2.0 GB memory budget"),
    (["x.npy", "--kernel", "sobel_x", "--bogus"], "unrecognized arguments: --bogus"),
])
def test_bad_input_is_one_line_and_status_2(tmp_path, args, message):
    np.save(tmp_path / "x.npy", np.ones((4, 4)))
    np.save(tmp_path / "up.npy", np.ones((3, 3)))
    run = grad(*[tmp_path / a if a.endswith(".npy") else a for a in args], "--out", tmp_path / "g",
               env={"CONVVIZ_MEMORY_BUDGET": ""})
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("convviz grad: ") and message in lines[0], run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "g").exists()


GRAD_OPTIONS = {
    "--padding": ["valid", "same", "full", "0", "2", "-1", "wide"],
    "--stride": ["1", "2", "3", "0", "-2"],
    "--dilation": ["1", "2", "0"],
    "--op": ["correlate", "convolve"],
    "--same": ["tensorflow", "centered"],
    "--boundary": ["zeros", "reflect", "replicate", "circular"],
    "--activation": ["none", "relu", "sigmoid", "tanh", "elu"],
    "--pool": ["none", "max", "avg"],
    "--pool-size": ["1", "2", "3", "0", "40"],
    "--pool-stride": ["1", "2", "0"],
    "--pool-padding": ["valid", "same"],
    "--bias": ["0.5", "-1e308", "nan"],
    "--upstream": ["ones", "up.npy", "", "missing.npy"],
}


@pytest.fixture(scope="module")
def grad_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("grad_inputs")
    rng = np.random.default_rng(0)
    arrays = {"signal.npy": rng.standard_normal(9), "image.npy": rng.standard_normal((7, 6)),
              "rgb.npy": rng.standard_normal((5, 6, 3)), "cell.npy": np.ones((1, 1)),
              "bank.npy": rng.standard_normal((2, 2, 3, 2)), "up.npy": np.ones((3, 3))}
    for name, arr in arrays.items():
        np.save(folder / name, arr)
    return folder


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_grad_command_line_exits_0_or_2_in_one_line(tmp_path_factory, grad_inputs, capsys, data):
    """Generated command lines: status 0 with three arrays of the input's and the kernel's shapes, or status 2
    with one line on stderr and nothing written."""
    from convviz.cli import main

    work = tmp_path_factory.mktemp("grad_run")
    source = data.draw(st.sampled_from(["signal.npy", "image.npy", "rgb.npy", "cell.npy"]), label="input")
    kernel = data.draw(st.sampled_from(["sobel_x", "1,0,-1", "1", "1e309", "1,2;3", "bank.npy"]), label="kernel")
    chosen = data.draw(st.lists(st.sampled_from(sorted(GRAD_OPTIONS)), max_size=4, unique=True), label="options")
    options = []
    for name in chosen:
        value = data.draw(st.sampled_from(GRAD_OPTIONS[name]), label=name)
        options += [name, str(grad_inputs / value) if value.endswith(".npy") else value]
    kernel_arg = str(grad_inputs / kernel) if kernel.endswith(".npy") else kernel
    out = work / "out"
    rc = main(["grad", str(grad_inputs / source), "--kernel", kernel_arg, "--out", str(out), *options])
    captured = capsys.readouterr()
    event(f"exit status {rc}")
    assert rc in (0, 2) and "Traceback" not in captured.err, captured.err
    if rc == 2:
        assert len(captured.err.splitlines()) == 1 and captured.err.startswith("convviz grad: "), captured.err
        assert sorted(p.name for p in work.iterdir()) == []
        return
    from convviz.io.inputs import load_input

    dw, db, dx = read_set(out)
    assert dx.shape == load_input(grad_inputs / source).shape  # a one-row matrix is read as a signal
    assert np.isfinite(dw).all() and np.isfinite(db).all() and np.isfinite(dx).all()
    assert sorted(p.name for p in out.iterdir()) == ["dW.npy", "dX.npy", "db.npy"]
