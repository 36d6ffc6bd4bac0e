"""Property tests (issue 18, item 7): generated session JSON and command lines never end in a
traceback: exit 0 or 2, at most one line on stderr, and nothing left behind on failure."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from convviz.cli import main
from convviz.io.sessions import SessionError, load_session, parse_session_text

NUMBERS = st.one_of(st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0, 1, 2, 3, 512, 513, 10**6, -1]))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=8))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.text(max_size=6), inner, max_size=4)),
                    max_leaves=30)
MATRIX = st.lists(st.lists(NUMBERS, min_size=1, max_size=4), min_size=1, max_size=4)
SETTING_VALUES = {
    "op": st.sampled_from(["correlate", "convolve", "x", 1]),
    "padding": st.sampled_from(["valid", "same", "full", "explicit", "", None]),
    "stride": NUMBERS, "dilation": NUMBERS, "pool_size": NUMBERS, "pool_stride": NUMBERS,
    "explicit_pad": st.one_of(st.lists(NUMBERS, max_size=5), JSON),
    "pool": st.sampled_from(["none", "max", "avg", "median"]),
    "boundary": st.sampled_from(["zeros", "reflect", "replicate", "circular", "mirror"]),
}
SESSIONS = st.fixed_dictionaries(
    {"format": st.sampled_from(["convviz-session", "other"]), "version": st.one_of(st.just(1), NUMBERS)},
    optional={
        "mode": st.sampled_from(["1d", "2d", "3d", 2]),
        "input": st.one_of(MATRIX, JSON),
        "filters": st.one_of(st.lists(st.fixed_dictionaries({"kernel": st.one_of(MATRIX, JSON)},
                                                              optional={"bias": SCALARS}), max_size=3), JSON),
        "settings": st.one_of(st.fixed_dictionaries({}, optional=SETTING_VALUES), JSON),
    },
)


def _json_text(data) -> str:
    return json.dumps(data)  # NaN and Infinity as JavaScript's words, as a careless writer would


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(SESSIONS, JSON))
def test_any_session_json_loads_or_is_one_line(data):
    try:
        state = parse_session_text(_json_text(data), "s.json")
    except SessionError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("s.json: ")
    else:
        assert state["input"].size >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=40), st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
                      st.integers(1, 5000).map(lambda n: "[" * n), st.integers(1, 50).map(lambda n: "9" * (n * 100))))
def test_any_session_file_loads_or_is_one_line(tmp_path, text):
    path = tmp_path / "s.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_session(path)
    except SessionError as exc:
        assert "\n" not in str(exc)


OPTION_VALUES = st.sampled_from(["", "0", "1", "2", "-1", "nan", "inf", "1e309", "3", "100000", "abc", "same",
                                 "full", "valid", "2x2", "9" * 40])
EXPORT_OPTIONS = ["--padding", "--stride", "--dilation", "--bias", "--pool-size", "--pool-stride", "--scale",
                  "--activation", "--pool", "--format", "--colormap", "--boundary"]
ANIMATE_OPTIONS = ["--padding", "--stride", "--dilation", "--fps", "--max-frames", "--size", "--filter", "--steps",
                   "--pool", "--pool-size"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    """Inputs good and bad, written once."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("inputs")
    paths = {}
    np.save(folder / "x.npy", np.arange(36, dtype=np.float64).reshape(6, 6))
    np.save(folder / "big.npy", np.full((5, 5), 1e308))
    np.save(folder / "signal.npy", np.array([2, 8, 3, 7, 1, 2, 0, 4, 5]))
    (folder / "empty.png").write_bytes(b"")
    (folder / "text.png").write_text("not a picture")
    (folder / "bad.csv").write_text("1,2;3")
    Image.fromarray(np.full((7, 5), 40000, np.uint16)).save(folder / "wide.png")
    for name in ("x.npy", "big.npy", "signal.npy", "empty.png", "text.png", "bad.csv", "wide.png", "missing.npy"):
        paths[name] = folder / name
    return paths


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(["export", "animate"]), data=st.data())
def test_any_command_line_exits_0_or_2_in_at_most_one_line(tmp_path_factory, inputs, capsys, command, data):
    work = tmp_path_factory.mktemp("run")
    source = data.draw(st.sampled_from(sorted(inputs)), label="input")
    kernel = data.draw(st.sampled_from(["sobel_x", "1,0,-1", "1", "", "nope", "1e309", "1,2;3"]), label="kernel")
    names = EXPORT_OPTIONS if command == "export" else ANIMATE_OPTIONS
    chosen = data.draw(st.lists(st.sampled_from(names), max_size=3, unique=True), label="options")
    options = [part for name in chosen for part in (name, data.draw(OPTION_VALUES, label=name))]
    out = work / ("out" if command == "export" else data.draw(st.sampled_from(["a.gif", "frames"]), label="out"))
    argv = [command, str(inputs[source]), "--kernel", kernel, "--out", str(out), *options]
    if command == "animate":
        argv += ["--size", "160x120", "--max-frames", "2"] if "--size" not in chosen else ["--max-frames", "2"]
    os.environ.pop("CONVVIZ_MEMORY_BUDGET", None)
    rc = main(argv)
    err = capsys.readouterr().err
    assert rc in (0, 2), (argv, err)
    assert "Traceback" not in err
    if rc == 2:
        assert len(err.splitlines()) == 1, (argv, err)
        assert _leftovers(work) == [], (argv, _leftovers(work))  # nothing written, no staging left
    else:
        assert len([line for line in err.splitlines() if not line.startswith("rendering [")]) <= 1, (argv, err)
        assert [p for p in _leftovers(work) if p.startswith(".")] == []


API_OPTIONS = {
    "op": st.sampled_from(["correlate", "convolve", "x"]),
    "padding": st.one_of(st.sampled_from(["valid", "same", "full", "x"]), st.integers(-2, 10**6),
                         st.lists(st.integers(-1, 10**5), min_size=3, max_size=5)),
    "stride": st.one_of(st.integers(-1, 40), st.just(2.5)), "dilation": st.integers(-1, 10**6),
    "pool": st.sampled_from(["none", "max", "avg", "median"]), "pool_size": st.integers(-1, 10**5),
    "pool_stride": st.one_of(st.none(), st.integers(-1, 20)), "pool_padding": st.sampled_from(["valid", "same"]),
    "boundary": st.sampled_from(["zeros", "reflect", "replicate", "circular", "mirror"]),
}


@settings(max_examples=150, deadline=None)
@given(shape=st.sampled_from([(9,), (12, 12), (6, 7, 3), (300, 300)]), kernel=st.sampled_from(["sobel_x", "1,2,1"]),
       options=st.fixed_dictionaries({}, optional=API_OPTIONS), scale=st.floats(1e300, 1e308))
def test_the_python_api_explains_or_says_why_in_one_line(shape, kernel, options, scale):
    """convviz.explain on generated options: an Explanation (finite, or one NonFiniteWarning), or
    one ValueError line (bad options, or over the memory budget before allocating); nothing else."""
    import warnings

    import convviz
    from convviz.api import NonFiniteWarning

    x = np.linspace(-1, 1, int(np.prod(shape))).reshape(shape) * (scale if len(shape) == 2 else 1)
    if len(shape) == 1:
        kernel = "1,2,1"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = convviz.explain(x, kernel, **options)
        except ValueError as exc:
            assert "\n" not in str(exc) and str(exc)
            return
    categories = [w.category for w in caught]
    assert categories in ([], [NonFiniteWarning])
    assert (categories == []) == bool(np.isfinite(r.output).all() and (r.pooled is None or np.isfinite(r.pooled).all()))
