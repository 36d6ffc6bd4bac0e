"""Resources ship in the wheel: a wheel built from this tree finds them in a fresh venv."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from convviz.resources_path import resource

ROOT = Path(__file__).resolve().parents[1]


def test_resources_found_in_this_install():
    assert resource("samples", "lecture_5x5.npy").is_file()
    assert resource("samples", "photo_128.png").stat().st_size > 1000


@pytest.mark.slow
def test_wheel_ships_resources(tmp_path):
    wheel_dir = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheel_dir), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    if build.returncode != 0 and "No module named" in build.stderr:
        pytest.skip("setuptools/wheel missing from the test environment")
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(wheel_dir.glob("convviz-*.whl"))
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "convviz").rglob("*.py")}
    assert sources - names == set()  # every module ships (convviz.render once did not)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    probe = subprocess.run(
        [str(py), "-c", "from convviz.resources_path import resource; "
                        "print(resource('samples', 'lecture_5x5.npy')); print(resource('samples', 'photo_128.png'))"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    paths = probe.stdout.split()
    assert all(str(env_dir) in p for p in paths), paths


def test_every_package_ships():
    """Every package under convviz/ is in pyproject's list (a missing one installs in editable mode
    and breaks a wheel: convviz.render was left out once)."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "convviz").rglob("__init__.py")}
    assert found - listed == set()
