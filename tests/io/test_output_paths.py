"""Output paths that cannot be written: one line naming the problem (a file where a folder should be,
no permission, a read-only or full disk), before anything is made, and still an OSError."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from convviz.core.messages import message
from convviz.io.atomic import OutputPathError, atomic_path, check_output, staged_set, write_bytes


@pytest.fixture
def blocker(tmp_path):
    """A regular file where a folder would have to be."""
    path = tmp_path / "bad.png"
    path.write_bytes(b"a picture")
    return path


def test_a_file_among_the_parents_is_named(blocker):
    for out, folder in [(blocker / "x.gif", False), (blocker / "deeper" / "x.gif", False),
                        (blocker / "maps", True)]:
        with pytest.raises(OutputPathError) as caught:
            check_output(out, folder=folder)
        assert str(caught.value) == f"{blocker} is a file, not a folder"
        assert isinstance(caught.value, OSError)  # callers that catch OSError for a failed write still do


def test_the_other_kind_at_the_path_itself_is_refused(tmp_path, blocker):
    with pytest.raises(OutputPathError, match="is a folder, not a file"):
        check_output(tmp_path)
    with pytest.raises(OutputPathError, match=f"{blocker.name} is a file, not a folder"):
        check_output(blocker, folder=True)


def test_missing_folders_are_not_a_problem(tmp_path):
    check_output(tmp_path / "new" / "deeper" / "x.gif")
    check_output(tmp_path / "new" / "maps", folder=True)
    write_bytes(tmp_path / "new" / "deeper" / "x.gif", b"gif")
    assert (tmp_path / "new" / "deeper" / "x.gif").read_bytes() == b"gif"


def test_the_writers_refuse_before_making_anything(blocker, tmp_path):
    with pytest.raises(OutputPathError, match="bad.png is a file, not a folder"):
        write_bytes(blocker / "x.gif", b"gif")
    with pytest.raises(OutputPathError, match="bad.png is a file, not a folder"):
        with staged_set(blocker / "maps", belongs=lambda name: True, overwrite=True):
            pytest.fail("the set was staged")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.png"] and blocker.read_bytes() == b"a picture"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_folder_that_cannot_be_written_in_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != tmp_path)  # root may write anywhere
    with pytest.raises(OutputPathError) as caught:
        check_output(tmp_path / "new" / "x.gif")
    assert str(caught.value) == f"no permission to write in {tmp_path}"
    read_only = type("statvfs", (), {"f_flag": os.ST_RDONLY})()
    monkeypatch.setattr(os, "statvfs", lambda path: read_only)
    with pytest.raises(OutputPathError, match=f"{tmp_path} is on a read-only disk"):
        check_output(tmp_path, folder=True)


def test_a_full_disk_while_writing_is_named_and_leaves_nothing(tmp_path):
    out = tmp_path / "steps.gif"
    with pytest.raises(OutputPathError) as caught:
        with atomic_path(out) as tmp:
            tmp.write_bytes(b"half")
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
    assert str(caught.value) == f"the disk holding {out} is full"
    assert list(tmp_path.iterdir()) == []


def test_a_permission_error_of_another_file_keeps_its_own_message(tmp_path):
    """Only the output's own folder is relabelled: a file the writer reads says what it says."""
    elsewhere = OSError(errno.EACCES, "Permission denied", "/somewhere/else.npy")
    with pytest.raises(OSError) as caught:
        with atomic_path(tmp_path / "out.png"):
            raise elsewhere
    assert caught.value is elsewhere


def test_the_message_is_translated_whole(blocker):
    with pytest.raises(OutputPathError) as caught:
        check_output(blocker / "x.gif")
    korean = {"{path} is a file, not a folder": "{path}은(는) 폴더가 아니라 파일입니다"}
    assert message(caught.value, lambda s: korean.get(s, s)) == f"{blocker}은(는) 폴더가 아니라 파일입니다"
