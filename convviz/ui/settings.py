"""QSettings for convviz; ``CONVVIZ_SETTINGS_DIR`` redirects them (the tests always do).

The settings file is checked once per run before anything reads it: a file larger than
``MAX_SETTINGS_BYTES`` is moved aside (QSettings reads all of it at start-up), and every value
convviz reads is checked for its type, size and range; a bad one is removed, so its reader
gets the default, and :func:`settings_problems` says what was ignored (the window shows it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6 import QtCore

#: Far more than convviz writes (a window geometry, a few paths and choices: about 2 KB).
MAX_SETTINGS_BYTES = 1024 * 1024
#: Paths (the last folder, each recent file) longer than this are not paths convviz wrote.
MAX_PATH_CHARS = 4096
MAX_RECENT = 8

_checked: set[str] = set()
_problems: list[tuple[str, dict]] = []  # (kind, values) until shown


def app_settings() -> QtCore.QSettings:
    directory = os.environ.get("CONVVIZ_SETTINGS_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "convviz.ini")
        if path not in _checked:  # measured before QSettings reads it
            _set_aside_if_too_large(Path(path))
        settings = QtCore.QSettings(path, QtCore.QSettings.Format.IniFormat)
    else:
        settings = QtCore.QSettings("convviz", "convviz")
        # The platform's file is known only once QSettings names it.
        if settings.fileName() not in _checked and _set_aside_if_too_large(Path(settings.fileName())):
            settings = QtCore.QSettings("convviz", "convviz")
    if settings.fileName() not in _checked:
        _checked.add(settings.fileName())
        _problems.extend(check_values(settings))
    return settings


def settings_problems() -> list[str]:
    """What the checks of this run found and ignored, in the interface's language, once each."""
    from .i18n import tr

    found = []
    ignored = [values["key"] for kind, values in _problems if kind == "value"]
    if ignored:  # the keys only: one status-bar line, however many there are
        found.append(tr("Ignored settings that were not valid (their defaults are used): {keys}.").format(
            keys=", ".join(ignored)))
    for kind, values in _problems:
        if kind == "moved":
            found.append(tr("The settings file was {size} KB, larger than any convviz writes; it was moved to "
                            "{path} and the defaults are used.").format(**values))
        elif kind == "stuck":
            found.append(tr("The settings file {path} is {size} KB, larger than any convviz writes, and could not "
                            "be moved aside ({error}).").format(**values))
    _problems.clear()
    return found


def _set_aside_if_too_large(path: Path) -> bool:
    """Move a settings file larger than MAX_SETTINGS_BYTES aside; True when it was too large."""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        return False
    if size <= MAX_SETTINGS_BYTES:
        return False
    aside = path.with_name(path.name + ".bad")
    try:
        os.replace(path, aside)
        _problems.append(("moved", {"size": size // 1024, "path": str(aside)}))
    except OSError as exc:
        _problems.append(("stuck", {"size": size // 1024, "path": str(path), "error": exc.strerror or str(exc)}))
    return True


# Each check says whether a value is one convviz could have written.

def _choice(*allowed: str):
    return lambda value: isinstance(value, str) and value in allowed


def _path(value) -> bool:
    return isinstance(value, str) and len(value) <= MAX_PATH_CHARS and "\0" not in value


def _recent(value) -> bool:
    """A JSON list of at most MAX_RECENT paths, as File → Open recent writes it."""
    if not isinstance(value, str) or len(value) > MAX_RECENT * (MAX_PATH_CHARS + 8) + 2:
        return False
    try:
        paths = json.loads(value)  # short: a deep nesting cannot exhaust the stack, and is caught if it tries
    except (ValueError, RecursionError):
        return False
    return isinstance(paths, list) and len(paths) <= MAX_RECENT and all(_path(p) for p in paths)


def _flag(value) -> bool:
    return isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false"))


def _whole(low: int, high: int):
    def check(value) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            return False
        try:
            return low <= int(value) <= high
        except ValueError:
            return False
    return check


def _geometry(value) -> bool:
    return isinstance(value, (QtCore.QByteArray, bytes)) and len(value) <= 4096


def _session_text(value) -> bool:
    from convviz.io.sessions import MAX_SESSION_BYTES

    return isinstance(value, str) and len(value) <= MAX_SESSION_BYTES  # its contents: checked when opened


#: Every value convviz reads, and its check.
CHECKS = {
    "theme": _choice("light", "dark"),
    "language": _choice("system", "en", "ko"),
    "geometry": _geometry,
    "last_dir": _path,
    "recent": _recent,
    "last_session": _session_text,
    "maps/per_map_scale": _flag,
    "train/pen_width": _whole(1, 9),
}


def check_values(settings: QtCore.QSettings) -> list[tuple[str, dict]]:
    """Remove the values that fail their check; for each, what settings_problems() says about it."""
    problems = []
    for key, check in CHECKS.items():
        if settings.contains(key) and not check(settings.value(key)):
            settings.remove(key)
            problems.append(("value", {"key": key}))
    if problems:
        settings.sync()
    return problems


def data_dir() -> Path:
    """Where convviz keeps files too big for QSettings (the last session): next to the
    redirected settings, else the platform's application-data directory."""
    directory = os.environ.get("CONVVIZ_SETTINGS_DIR") or QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    return path


def last_session_path() -> Path:
    """The session saved when the window closes.  A file of its own, not a QSettings value:
    QSettings reads its whole file at start-up, and a 512x512 input is 5 MB of JSON."""
    return data_dir() / "last_session.json"
