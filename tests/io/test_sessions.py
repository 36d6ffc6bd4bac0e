"""Session files an unkind user could hand over (issue 18, item 3): bounded size, depth and numbers,
one SessionError each, never a traceback."""

from __future__ import annotations

import json
import os
import sys

import pytest

from convviz.io import sessions
from convviz.io.sessions import SessionError, load_session


def _session(**overrides) -> dict:
    data = {"format": "convviz-session", "version": 1, "mode": "2d", "input": [[1, 2, 3]] * 3,
            "filters": [{"kernel": [[1]]}], "settings": {}}
    data.update(overrides)
    return data


def _write(tmp_path, text: str):
    path = tmp_path / "s.json"
    path.write_text(text)
    return path


def test_a_valid_session_still_loads(tmp_path):
    state = load_session(_write(tmp_path, json.dumps(_session(settings={"stride": 2}))))
    assert state["settings"].stride == 2 and state["input"].shape == (3, 3)


@pytest.mark.parametrize("depth", [sessions.MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_refused(tmp_path, depth):
    path = _write(tmp_path, "[" * depth + "]" * depth)
    with pytest.raises(SessionError, match=f"nested more than {sessions.MAX_DEPTH} deep"):
        load_session(path)


def test_nesting_inside_strings_does_not_count(tmp_path):
    data = _session()
    data["note"] = '"[' * 50
    assert load_session(_write(tmp_path, json.dumps(data)))["input"].shape == (3, 3)


@pytest.mark.parametrize("digits", [19, 400, 5000])
def test_huge_integers_are_refused(tmp_path, digits):
    text = json.dumps(_session()).replace('"input": [[1,', f'"input": [[{"9" * digits},')
    text = text.replace('"input": [[1, ', f'"input": [[{"9" * digits}, ')
    with pytest.raises(SessionError, match=f"an integer of {digits} digits"):
        load_session(_write(tmp_path, text))


@pytest.mark.parametrize("number", ["1e999", "NaN", "-Infinity"])
def test_non_finite_numbers_are_refused(tmp_path, number):
    text = json.dumps(_session()).replace('"input": [[1, ', f'"input": [[{number}, ')
    with pytest.raises(SessionError, match="s.json: "):
        load_session(_write(tmp_path, text))


@pytest.mark.parametrize("key", ["stride", "dilation", "pool_size", "pool_stride"])
def test_settings_out_of_range_are_refused(tmp_path, key):
    path = _write(tmp_path, json.dumps(_session(settings={key: 10**9})))
    with pytest.raises(SessionError, match=f"{key.replace('_', ' ')} 1000000000 is out of range"):
        load_session(path)


def test_explicit_padding_out_of_range_is_refused(tmp_path):
    path = _write(tmp_path, json.dumps(_session(settings={"padding": "explicit",
                                                          "explicit_pad": [0, 0, 0, 10**8]})))
    with pytest.raises(SessionError, match="explicit padding .* out of range"):
        load_session(path)


def test_a_file_too_large_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(sessions, "MAX_SESSION_BYTES", 100)
    path = _write(tmp_path, json.dumps(_session(input=[[1] * 40] * 3)))
    with pytest.raises(SessionError, match="too large for a session"):
        load_session(path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX device files")
def test_a_device_file_is_refused_not_read_forever():
    with pytest.raises(SessionError, match="not a regular file"):
        load_session("/dev/zero")


def test_a_directory_and_a_missing_file(tmp_path):
    with pytest.raises(SessionError, match="is a directory"):
        load_session(tmp_path)
    with pytest.raises(SessionError, match="no such file"):
        load_session(tmp_path / "none.json")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="POSIX permissions; root reads all")
def test_an_unreadable_file(tmp_path):
    path = _write(tmp_path, "{}")
    path.chmod(0)
    with pytest.raises(SessionError, match="cannot be read"):
        load_session(path)


def test_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(SessionError, match="not UTF-8"):
        load_session(path)
