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
    for kind, values in _problems:
        if kind == "value":
            reason = {
                "choice": tr("not one of {choices}"), "path": tr("not a path of at most {n} characters"),
                "recent": tr("not a list of at most {n} files"), "flag": tr("not true or false"),
                "whole": tr("not a whole number from {low} to {high}"), "geometry": tr("not a window geometry"),
                "session": tr("not a session"),
            }[values["reason"]].format(**values["details"])
            found.append(tr("Ignored the setting {key} = {value}: {reason}.").format(
                key=values["key"], value=values["value"], reason=reason))
        elif kind == "moved":
            found.append(tr("The settings file was {size} KB, larger than any convviz writes; it was moved to "
                            "{path} and the defaults are used.").format(**values))
        else:
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


# Each check gives None for a good value, else (reason, its details) for settings_problems().

def _choice(*allowed: str):
    def check(value):
        return None if isinstance(value, str) and value in allowed else ("choice", {"choices": ", ".join(allowed)})
    return check


def _path(value):
    if not isinstance(value, str) or len(value) > MAX_PATH_CHARS or "\0" in value:
        return "path", {"n": MAX_PATH_CHARS}
    return None


def _recent(value):
    """A JSON list of at most MAX_RECENT paths, as File → Open recent writes it."""
    bad = "recent", {"n": MAX_RECENT}
    if not isinstance(value, str) or len(value) > MAX_RECENT * (MAX_PATH_CHARS + 8) + 2:
        return bad
    try:
        paths = json.loads(value)  # short: a deep nesting cannot exhaust the stack, and is caught if it tries
    except (ValueError, RecursionError):
        return bad
    if not isinstance(paths, list) or len(paths) > MAX_RECENT or any(_path(p) for p in paths):
        return bad
    return None


def _flag(value):
    if isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false")):
        return None
    return "flag", {}


def _whole(low: int, high: int):
    def check(value):
        try:
            number = int(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
        except ValueError:
            number = None
        return None if number is not None and low <= number <= high else ("whole", {"low": low, "high": high})
    return check


def _geometry(value):
    if not isinstance(value, (QtCore.QByteArray, bytes)) or len(value) > 4096:
        return "geometry", {}
    return None


def _session_text(value):
    from convviz.io.sessions import MAX_SESSION_BYTES

    if not isinstance(value, str) or len(value) > MAX_SESSION_BYTES:
        return "session", {}
    return None  # its contents are checked when it is opened, as any session's


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
        if not settings.contains(key):
            continue
        value = settings.value(key)
        bad = check(value)
        if bad:
            settings.remove(key)
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "…"
            problems.append(("value", {"key": key, "value": shown, "reason": bad[0], "details": bad[1]}))
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
