"""Outputs as a set (issue 18, item 5): a staged folder renamed into place, --force replaces a whole
run, a failure midway leaves the old set, empty paths and existing screenshots refused."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest

from convviz.cli import main
from convviz.core import trace
from convviz.export.animation import iter_write_animation
from convviz.export.files import write_files
from convviz.io.atomic import OutputExistsError
from convviz.render.scenes import ConvStepScene

LECTURE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _full_disk_after(monkeypatch, n: int):
    """Path.write_bytes fails with ENOSPC from the (n+1)-th call on."""
    real = Path.write_bytes
    calls = []

    def write_bytes(self, data):
        calls.append(self)
        if len(calls) > n:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_a_new_folder_appears_whole(tmp_path):
    out = tmp_path / "maps"
    written = write_files(out, {"output.npy": b"1", "contact_sheet.png": b"2"}, force=False)
    assert written == [out / "output.npy", out / "contact_sheet.png"]
    assert _listing(out) == {"contact_sheet.png": b"2", "output.npy": b"1"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps"]  # no staging folder left
    assert oct(out.stat().st_mode & 0o777) != oct(0o700)  # mkdtemp's 0700 is not kept


def test_a_full_disk_midway_leaves_no_new_folder(tmp_path, monkeypatch):
    _full_disk_after(monkeypatch, 1)
    with pytest.raises(OSError):
        write_files(tmp_path / "maps", {"output.npy": b"1", "contact_sheet.png": b"2"}, force=False)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_midway_leaves_the_old_set(tmp_path, monkeypatch):
    out = tmp_path / "maps"
    write_files(out, {"output.npy": b"old", "feature_map_1.png": b"old", "contact_sheet.png": b"old"}, force=False)
    before = _listing(out)
    _full_disk_after(monkeypatch, 2)
    with pytest.raises(OSError):
        write_files(out, {"output.npy": b"new", "feature_map_1.png": b"new", "contact_sheet.png": b"new"},
                    force=True)
    assert _listing(out) == before  # old, not a mix; no staging folder left inside


def test_force_replaces_the_whole_set_and_leaves_other_files(tmp_path):
    out = tmp_path / "maps"
    write_files(out, {"output.npy": b"o", "pooled.npy": b"p", "pooled_1.png": b"p1", "contact_sheet.png": b"c"},
                force=False)
    (out / "notes.txt").write_text("mine")
    write_files(out, {"output.npy": b"O", "contact_sheet.png": b"C"}, force=True)
    assert _listing(out) == {"contact_sheet.png": b"C", "notes.txt": b"mine", "output.npy": b"O"}


def test_without_force_any_file_of_an_earlier_set_is_refused_before_writing(tmp_path):
    out = tmp_path / "maps"
    out.mkdir()
    (out / "pooled_3.png").write_bytes(b"old")
    with pytest.raises(OutputExistsError, match="pooled_3.png exists; pass --force"):
        write_files(out, {"output.npy": b"new"}, force=False)
    assert _listing(out) == {"pooled_3.png": b"old"}


def _frames_run(tmp_path, out, frames, *extra):
    np.save(tmp_path / "x.npy", LECTURE)
    return main(["animate", str(tmp_path / "x.npy"), "--kernel", "1,0,1;0,1,0;1,0,1", "--out", str(out),
                 "--size", "320x240", "--max-frames", str(frames), "--no-flip", *extra])


def test_animate_force_into_a_frames_folder_replaces_the_whole_run(tmp_path, capsys):
    out = tmp_path / "frames"
    assert _frames_run(tmp_path, out, 6) == 0
    assert len(list(out.glob("step_*.png"))) == 6
    assert _frames_run(tmp_path, out, 3) == 2  # without --force: refused
    assert "pass --force" in capsys.readouterr().err
    assert _frames_run(tmp_path, out, 3, "--force") == 0
    assert sorted(p.name for p in out.iterdir()) == ["step_00001.png", "step_00002.png", "step_00003.png"]


def test_a_cancelled_frames_run_leaves_the_old_frames(tmp_path):
    out = tmp_path / "frames"
    assert _frames_run(tmp_path, out, 4) == 0
    before = _listing(out)
    scene = ConvStepScene(trace(LECTURE, np.eye(3)), (320, 240))
    run = iter_write_animation(scene, out, count=9, fps=2, force=True)
    assert next(run) == 1 and next(run) == 2
    run.close()  # cancel
    assert _listing(out) == before


@pytest.mark.parametrize("command", [["export", "{x}", "--kernel", "sobel_x", "--out", ""],
                                     ["animate", "{x}", "--kernel", "sobel_x", "--out", ""],
                                     ["--screenshot", ""], ["--screenshot", " "], ["--session", ""]])
def test_empty_paths_are_refused(tmp_path, monkeypatch, capsys, command):
    np.save(tmp_path / "x.npy", LECTURE)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main([c.format(x=tmp_path / "x.npy") for c in command]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "path is empty" in err[0]
    assert list(work.iterdir()) == []


def test_screenshot_does_not_overwrite_without_force(tmp_path, capsys):
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"keep")
    assert main(["--screenshot", str(shot)]) == 2
    assert capsys.readouterr().err == f"convviz: {shot} exists; pass --force to overwrite it\n"
    assert shot.read_bytes() == b"keep"


def test_screenshot_overwrites_with_force(tmp_path):
    from PIL import Image

    shot = tmp_path / "shot.png"
    shot.write_bytes(b"old")
    assert main(["--screenshot", str(shot), "--size", "1024x768", "--force"]) == 0
    assert Image.open(shot).size == (1024, 768)
    assert os.listdir(tmp_path) == ["shot.png"]


@pytest.mark.parametrize("fps", ["nan", "0", "-1", "inf"])
def test_animate_fps_out_of_range_names_the_option(tmp_path, capsys, fps):
    np.save(tmp_path / "x.npy", LECTURE)
    assert main(["animate", str(tmp_path / "x.npy"), "--kernel", "sobel_x", "--out", str(tmp_path / "a.gif"),
                 "--fps", fps]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "--fps must be between 0 and 120" in err[0]
    assert not (tmp_path / "a.gif").exists()


@pytest.mark.parametrize("command,out", [
    (["animate", "{x}", "--kernel", "sobel_x", "--size", "320x240"], "bad.png/steps.gif"),
    (["animate", "{x}", "--kernel", "sobel_x", "--size", "320x240"], "bad.png/frames"),
    (["export", "{x}", "--kernel", "sobel_x"], "bad.png/maps"),
    (["export", "{x}", "--kernel", "sobel_x"], "bad.png"),
    (["grad", "{x}", "--kernel", "sobel_x"], "bad.png/gradients"),
])
def test_an_out_under_a_file_is_one_line_before_any_work(tmp_path, capfd, command, out):
    """The tester's --out under a regular file: 'File exists' after every frame was drawn (and the
    progress bar), now one line naming the file, before the work."""
    np.save(tmp_path / "x.npy", LECTURE)
    (tmp_path / "bad.png").write_bytes(b"a picture")
    argv = [c.format(x=tmp_path / "x.npy") for c in command] + ["--out", str(tmp_path / out)]
    assert main(argv) == 2
    captured = capfd.readouterr()
    assert captured.err == f"convviz {command[0]}: {tmp_path / 'bad.png'} is a file, not a folder\n"
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.png", "x.npy"]
    assert (tmp_path / "bad.png").read_bytes() == b"a picture"


def test_a_missing_out_folder_is_created(tmp_path, capfd):
    np.save(tmp_path / "x.npy", LECTURE)
    out = tmp_path / "new" / "deeper" / "maps"
    assert main(["export", str(tmp_path / "x.npy"), "--kernel", "sobel_x", "--out", str(out)]) == 0
    assert (out / "output.npy").exists() and capfd.readouterr().err == ""
