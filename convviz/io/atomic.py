"""Atomic file writes: a temporary file in the same directory, then a rename; sets of files
through a staged folder."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator

from convviz.core.messages import TextError


class OutputExistsError(FileExistsError):
    """Raised instead of overwriting an existing file without permission."""


class OutputPathError(TextError, OSError):
    """An output path that cannot be written, as one translatable line naming the problem (a file
    where a folder should be, no permission, a read-only or full disk).  Still an OSError, so the
    callers that catch those when a write fails catch it too."""


#: A full disk or a full quota: the output's problem whatever was writing the bytes.
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def check_output(path: str | os.PathLike, *, folder: bool = False) -> None:
    """Raise :class:`OutputPathError` when ``path`` cannot be written as a file (with ``folder``: as a
    folder of files): checked before the work, so a bad path is one message, not a failure at the end.

    Refused: a folder where the file goes (or a file where the folder goes), a file among the parent
    folders, and (POSIX) a folder convviz may not write in or that is on a read-only disk.  Missing
    parent folders are not a problem: the writers create them, as a desktop app's Save does.
    """
    target = Path(path)
    # os.path's isdir and lexists, not Path's: they answer False where Path's raise (no search permission).
    if os.path.isdir(target):
        if not folder:
            raise OutputPathError("{path} is a folder, not a file", path=str(target))
        _check_writable(target)  # a set is staged inside its folder
        return
    if folder and os.path.lexists(target):
        raise OutputPathError("{path} is a file, not a folder", path=str(target))
    home = target.parent
    while not os.path.isdir(home):
        if os.path.lexists(home):
            raise OutputPathError("{path} is a file, not a folder", path=str(home))
        if home == home.parent:  # a drive that is not there: the writer's own error says so
            return
        home = home.parent
    _check_writable(home)


def _check_writable(folder: Path) -> None:
    # Only on POSIX: Windows reports a folder with the read-only attribute as not writable, though
    # new files can be made in it.
    if os.name != "posix" or os.access(folder, os.W_OK | os.X_OK):
        return
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        read_only = False
    if read_only:
        raise OutputPathError("{path} is on a read-only disk", path=str(folder))
    raise OutputPathError("no permission to write in {path}", path=str(folder))


def output_error(exc: BaseException, path, *, folder: bool = False) -> BaseException:
    """``exc``, raised while writing ``path``, as an :class:`OutputPathError` when it is a problem of
    the path (a file among its parents, no permission, a read-only or full disk); else ``exc`` itself."""
    if not isinstance(exc, OSError) or isinstance(exc, (OutputPathError, OutputExistsError)):
        return exc
    if exc.errno in _FULL:
        return OutputPathError("the disk holding {path} is full", path=str(path))
    if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return exc
    try:
        check_output(path, folder=folder)  # names the folder: the error's filename may be a temporary's
    except OutputPathError as problem:
        return problem
    home = Path(path) if folder else Path(path).parent
    if not _inside(exc.filename, home):  # a file the writer read, say: its own message is the right one
        return exc
    if exc.errno == errno.EROFS:
        return OutputPathError("{path} is on a read-only disk", path=str(home))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return OutputPathError("no permission to write in {path}", path=str(home))
    return exc


@contextlib.contextmanager
def _path_problems(path, *, folder: bool = False) -> Iterator[None]:
    """Re-raise an OSError of the block that is a problem of ``path`` (:func:`output_error`) as one."""
    try:
        yield
    except OSError as exc:
        problem = output_error(exc, path, folder=folder)
        if problem is exc:
            raise
        raise problem from exc


def _inside(filename, home: Path) -> bool:
    """Whether ``filename`` is ``home``, in it (a temporary) or one of its parents (a folder being made)."""
    if filename is None:
        return False
    name, home_name = Path(os.path.abspath(os.fsdecode(filename))), Path(os.path.abspath(home))
    return name == home_name or home_name in name.parents or name in home_name.parents


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, overwrite: bool = True, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is untouched; a problem of the
    path (see :func:`check_output`) is an :class:`OutputPathError`, raised before anything is made.
    Missing parent folders are created, as a desktop app's Save does.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise OutputExistsError(f"{target} exists; pass --force to overwrite it")
    check_output(target)
    with _path_problems(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with _path_problems(target):
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
    is removed.  A problem of the path (see :func:`check_output`) is an :class:`OutputPathError`.
    """
    target = Path(out_dir)
    check_output(target, folder=True)
    existed = target.is_dir()
    old_set = sorted(p.name for p in target.iterdir() if p.is_file() and belongs(p.name)) if existed else []
    if old_set and not overwrite:
        raise OutputExistsError(f"{target / old_set[0]} exists; pass --force to replace the whole set")
    with _path_problems(target, folder=True):
        if existed:
            staging = Path(tempfile.mkdtemp(prefix=".convviz-staging-", dir=target))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        with _path_problems(target, folder=True):
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
