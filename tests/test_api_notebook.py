"""docs/convviz_from_python.ipynb runs: its code cells in one namespace, in order, as a kernel would
(IPython magics such as ``%gui qt`` left out, the window's cell with the Qt loop taken as running).
The text it shows must be what it computes now.

``python tests/test_api_notebook.py`` runs it and stores the fresh outputs (pictures included) in it.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import io
import json
import os
import pprint
import sys
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "convviz_from_python.ipynb"


def _source(cell) -> str:
    """The cell's Python: lines that are IPython magics (``%gui qt``) left out."""
    lines = "".join(cell["source"]).splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("%"))


def _shown(value) -> dict:
    """What a notebook shows for a cell's last expression (a PNG where the object has one)."""
    text = pprint.pformat(value, sort_dicts=False) if isinstance(value, dict) else repr(value)
    data = {"text/plain": text}
    if hasattr(value, "_repr_png_"):
        data["image/png"] = base64.b64encode(value._repr_png_()).decode("ascii")
    elif hasattr(value, "_repr_markdown_"):
        data["text/markdown"] = value._repr_markdown_()
    return data


def run_notebook(notebook: dict) -> list[list[dict]]:
    """Execute every code cell; returns each one's outputs in the notebook's format."""
    namespace: dict = {"__name__": "__main__"}
    results = []
    for number, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):
        tree = ast.parse(_source(cell))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, f"<cell {number + 1}>", "exec"), namespace)
            value = eval(compile(ast.Expression(last.value), f"<cell {number + 1}>", "eval"), namespace) \
                if last is not None else None
        outputs = []
        if printed.getvalue():
            outputs.append({"name": "stdout", "output_type": "stream", "text": printed.getvalue()})
        if value is not None:
            outputs.append({"data": _shown(value), "execution_count": number + 1, "metadata": {},
                            "output_type": "execute_result"})
        results.append(outputs)
    return results


def _texts(outputs: list[dict]) -> list[str]:
    return [o["text"] if o["output_type"] == "stream" else o["data"]["text/plain"] for o in outputs]


@contextlib.contextmanager
def _qt_loop_taken_as_running():
    """``%gui qt`` in the notebook: ``convviz.show`` returns at once; its windows are closed after."""
    from convviz import viewer

    running = viewer.qt_loop_running
    viewer.qt_loop_running = lambda: True
    try:
        yield
    finally:
        viewer.qt_loop_running = running
        for window in viewer._open_windows:
            if viewer._shown(window):
                window.close()


def _joined(source) -> str:
    return source if isinstance(source, str) else "".join(source)


def test_the_notebook_runs_and_shows_what_it_computes(tmp_path, monkeypatch, qapp):
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)  # the animation's GIF is written where the notebook runs
    with _qt_loop_taken_as_running():
        fresh = run_notebook(notebook)
    assert (tmp_path / "convolve_1d.gif").stat().st_size > 1000
    stored = [c["outputs"] for c in notebook["cells"] if c["cell_type"] == "code"]
    for number, (old, new) in enumerate(zip(stored, fresh)):
        old_texts = [_joined(t) for t in _texts(old)]
        assert old_texts == _texts(new), f"code cell {number + 1} shows something else now"
        assert [("image/png" in o.get("data", {})) for o in old] == [("image/png" in o.get("data", {})) for o in new]
    text = json.dumps(notebook, ensure_ascii=False)
    for example in ("[63. 48. 49. 28. 21. 20.]", "2×3 + 8×5 + 3×1 + 7×2 = 63", "[[4. 3. 4.]", "[[ 9.  8.]",
                    "[[ 5.    3.5 ]", "'padding': 'same'"):
        assert example in text, example


def main() -> None:
    """Run the notebook and store its fresh outputs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])  # noqa: F841
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cwd = os.getcwd()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, _qt_loop_taken_as_running():
        os.chdir(tmp)
        try:
            fresh = run_notebook(notebook)
        finally:
            os.chdir(cwd)
    code_cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    for number, (cell, outputs) in enumerate(zip(code_cells, fresh)):
        cell["outputs"] = outputs
        cell["execution_count"] = number + 1
    NOTEBOOK.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(NOTEBOOK)


if __name__ == "__main__":
    main()
