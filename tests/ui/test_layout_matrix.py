"""The layout matrix: at 1024x768, 1280x800, 1366x768 and 1920x1080, in English and Korean,
normal and lecture mode, on every tab and in every Compare mode, nothing lies outside the
window or the screen, no text is cut, and the step view's type is at least 12 px (20 px in
lecture mode) on screens of 1280x800 and larger.  Each screen size runs in a process of its
own (tests/ui/layout_probe.py): Qt's offscreen screen is fixed when the application starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)])
def test_every_view_fits_and_reads(size, tmp_path):
    env = dict(os.environ, CONVVIZ_SETTINGS_DIR=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)  # the probe asks for an offscreen screen of its own size
    run = subprocess.run([sys.executable, "-m", "tests.ui.layout_probe", *map(str, size)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    problems = json.loads(run.stdout.strip().splitlines()[-1])
    assert problems == []
