"""Atomic file writes: a temporary file in the same directory, then a rename; sets of files
through a staged folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator


class OutputExistsError(FileExistsError):
    """Raised instead of overwriting an existing file without permission."""


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, overwrite: bool = True, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise OutputExistsError(f"{target} exists; pass --force to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes 0600 files; give the result the permissions a plain open() would.
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path, data: bytes, *, overwrite: bool = True) -> None:
    with atomic_path(path, overwrite=overwrite) as tmp:
        tmp.write_bytes(data)


def write_text(path, text: str, *, overwrite: bool = True) -> None:
    with atomic_path(path, overwrite=overwrite) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def atomic_open(path, mode: str = "wb", *, overwrite: bool = True) -> Iterator[IO]:
    with atomic_path(path, overwrite=overwrite) as tmp, open(tmp, mode) as fh:
        yield fh


def require_path(text, what: str = "--out") -> Path:
    """``text`` as a path; an empty one is refused (``Path("")`` is the current directory)."""
    if text is None or not str(text).strip():
        raise ValueError(f"{what}: the path is empty")
    return Path(text)


@contextlib.contextmanager
def staged_set(out_dir, *, belongs: Callable[[str], bool], overwrite: bool) -> Iterator[Path]:
    """Yield an empty folder to write a set of files in; on success they become ``out_dir``'s set.

    ``belongs(name)`` says which files of ``out_dir`` are a set written before: without
    ``overwrite`` any of them is refused before anything is written; with it the old set is
    replaced whole (old files the new set lacks are removed, other files are left alone).
    A new ``out_dir`` is the staged folder renamed into place, so it appears complete or not
    at all.  Into an existing folder the files are staged in a hidden folder inside it (same
    disk), and moved in by renames only once every byte is written: a failure while writing,
    such as a full disk, leaves the old set as it was.  On any exception the staged folder
    is removed.
    """
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise OutputExistsError(f"{target} is a file, not a folder")
    existed = target.is_dir()
    old_set = sorted(p.name for p in target.iterdir() if p.is_file() and belongs(p.name)) if existed else []
    if old_set and not overwrite:
        raise OutputExistsError(f"{target / old_set[0]} exists; pass --force to replace the whole set")
    if existed:
        staging = Path(tempfile.mkdtemp(prefix=".convviz-staging-", dir=target))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700 folders
        if not existed and not target.exists():
            os.rename(staging, target)
            return
        new_names = {p.name for p in staging.iterdir()}
        for name in sorted(new_names):
            os.replace(staging / name, target / name)
        for name in old_set:
            if name not in new_names:
                with contextlib.suppress(FileNotFoundError):
                    (target / name).unlink()
        staging.rmdir()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def require_regular_file(path: Path, error: type[Exception], what: str = "a file") -> None:
    """Raise ``error`` with one line unless ``path`` is an existing regular file: a directory,
    a device or a pipe is refused before anything reads it (a device could be read forever)."""
    if not path.exists():
        raise error(f"{path}: no such file")
    if path.is_dir():
        raise error(f"{path}: is a directory, not {what}")
    if not path.is_file():
        raise error(f"{path}: not a regular file")
