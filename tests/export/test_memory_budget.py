"""One memory budget (issue 18, item 2): sizes from the input or the options are checked before
anything is allocated; over it, one line naming the option and the size."""

from __future__ import annotations

import numpy as np
import pytest

from convviz.cli import main
from convviz.io.budget import BudgetError, check_budget, memory_budget


@pytest.fixture
def x64(tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.random.default_rng(0).random((64, 64)))
    return path


@pytest.mark.parametrize("options,named", [
    (["--padding", "100000"], "--padding 100000 would take 1.2 TB"),
    (["--padding", "same", "--dilation", "1000000"], "--dilation 1000000 would take"),
    (["--padding", "full", "--dilation", "200000"], "--dilation 200000 would take"),
])
def test_export_over_the_budget_is_one_line_naming_the_option(tmp_path, x64, capsys, options, named):
    out = tmp_path / "out"
    assert main(["export", str(x64), "--kernel", "sobel_x", "--out", str(out), *options]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and named in err[0] and "over the 2.0 GB memory budget" in err[0]
    assert not out.exists()


def test_export_scale_over_the_budget(tmp_path, capsys):
    path = tmp_path / "x.npy"
    np.save(path, np.zeros((256, 256)))
    assert main(["export", str(path), "--kernel", "sobel_x", "--out", str(tmp_path / "o"), "--scale", "64"]) == 2
    assert capsys.readouterr().err.startswith("convviz export: --scale 64 would take 6.7 GB, over the 2.0 GB")


def test_an_average_pooling_of_minutes_is_one_line(tmp_path, capsys):
    path = tmp_path / "x.npy"
    np.save(path, np.zeros((1024, 1024), np.float32))
    out = tmp_path / "o"
    assert main(["export", str(path), "--kernel", "sobel_x", "--out", str(out), "--pool", "avg", "--pool-size",
                 "1000", "--pool-stride", "1", "--pool-padding", "same"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(
        "convviz export: --pool-size 1000 --pool-padding same --pool-stride 1 would add up 1.0e+12 values")
    assert not out.exists()


def test_the_budget_is_a_setting(tmp_path, x64, capsys, monkeypatch):
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "1M")
    assert memory_budget() == 1024**2
    assert main(["export", str(x64), "--kernel", "sobel_x", "--out", str(tmp_path / "o"), "--padding", "200"]) == 2
    assert "over the 1.0 MB memory budget" in capsys.readouterr().err
    monkeypatch.setenv("CONVVIZ_MEMORY_BUDGET", "lots")
    with pytest.raises(BudgetError, match="not a size"):
        check_budget(1, "x")


def test_within_the_budget_nothing_changes(tmp_path, x64):
    assert main(["export", str(x64), "--kernel", "sobel_x", "--out", str(tmp_path / "o"), "--padding", "3",
                 "--format", "npy"]) == 0
    assert np.load(tmp_path / "o" / "output.npy").shape == (68, 68)


def test_animate_refuses_an_input_larger_than_the_window_shows(tmp_path, capsys):
    path = tmp_path / "big.npy"
    np.save(path, np.zeros((600, 20)))
    assert main(["animate", str(path), "--kernel", "sobel_x", "--out", str(tmp_path / "a.gif")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "the input is 20x600; animate shows every cell and takes at most 512x512" in err[0]


def test_animate_frames_over_the_budget_name_the_options(tmp_path, x64, capsys):
    out = tmp_path / "a.gif"
    assert main(["animate", str(x64), "--kernel", "sobel_x", "--out", str(out), "--size", "3840x2160",
                 "--max-frames", "1000"]) == 2
    err = capsys.readouterr().err.splitlines()
    # 2.5 bytes a pixel of each held frame (GIF_BYTES_PER_PIXEL): 1000 x 3840 x 2160 x 2.5
    assert len(err) == 1 and "--max-frames 1000 at --size 3840x2160 would take 19.3 GB" in err[0]
    assert not out.exists()


def test_animate_counts_what_a_gif_really_holds(tmp_path, capsys):
    """196 4K frames were let through at 1 byte a pixel (1.5 GB) and took 3.5 GB to write."""
    path = tmp_path / "x.npy"
    np.save(path, np.zeros((16, 16)))
    out = tmp_path / "a.gif"
    assert main(["animate", str(path), "--kernel", "sobel_x", "--out", str(out), "--size", "3840x2160"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "--max-frames 196 at --size 3840x2160 would take 3.8 GB" in err[0]
    assert not out.exists()


def test_a_bank_too_large_for_the_input_names_the_filters(tmp_path, capsys):
    x, bank = tmp_path / "x.npy", tmp_path / "bank.npy"
    np.save(x, np.zeros((512, 512)))
    np.save(bank, np.ones((1, 1, 1, 20_000)))
    assert main(["export", str(x), "--kernel", str(bank), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "the input (512x512) with 20000 filter(s) of 1x1x1 would take 39.1 GB" in err[0]
