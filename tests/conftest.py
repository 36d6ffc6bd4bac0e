"""Test-wide setup: offscreen Qt, no real user settings, deterministic hypothesis."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "convviz",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("convviz")

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_cases():
    cases = json.loads((DATA / "seed_cases.json").read_text())["cases"]
    return {case["name"]: case for case in cases}


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Point QSettings and XDG paths at a temporary directory for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("CONVVIZ_SETTINGS_DIR", str(home / "settings"))
    yield
