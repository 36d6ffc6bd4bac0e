"""Collect tr("...") strings from convviz/ui and refresh resources/translations/*.ts, then compile .qm.

    python tools/update_translations.py

Existing translations in the .ts files are kept; new strings are added as
unfinished (translate them in Qt Linguist or in the XML), strings no longer
used are marked obsolete.  The .qm files are compiled with pyside6-lrelease.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "convviz" / "ui"
# Qt-free modules whose pictures carry words: their scenes call self.tr("...") / tr("...")
# (convviz.render.labels reads the .ts for the headless subcommands).
# (every module of render: its scenes moved out of scenes.py into modules of their own)
PICTURES = sorted((ROOT / "convviz" / "render").glob("*.py")) + [ROOT / "convviz" / "model" / "explain.py",
                                                               ROOT / "convviz" / "model" / "network_explorer.py"]
# Qt-free controllers whose messages the window shows (they take the window's tr).
PICTURES += [ROOT / "convviz" / "model" / "file_actions.py", ROOT / "convviz" / "model" / "export_actions.py"]
# Errors the window shows whole in its language: the templates of their TextError("...") calls
# (convviz.core.messages; the window puts them through tr()).
PICTURES += [ROOT / "convviz" / "core" / "kernels.py", ROOT / "convviz" / "model" / "document.py",
             ROOT / "convviz" / "io" / "inputs.py", ROOT / "convviz" / "model" / "limits.py",
             ROOT / "convviz" / "io" / "atomic.py"]
# ... a computation's (its geometry, in the window's status bar) and the training window's (its datasets).
PICTURES += [ROOT / "convviz" / "core" / "padding.py", ROOT / "convviz" / "core" / "pool.py",
             ROOT / "convviz" / "io" / "datasets.py", ROOT / "convviz" / "train" / "process.py"]
# The generated programs' comments (the Code tab writes them in the window's language).
PICTURES += sorted((ROOT / "convviz" / "export").glob("code*.py"))
#: The TextError classes whose first argument is a message template.
ERRORS = {"TextError", "KernelTextError", "InputError", "BudgetError", "OutputPathError"}
OUT = ROOT / "resources" / "translations"
LANGUAGES = ("ko",)
CONTEXT = "convviz"


def collect() -> list[tuple[str, str]]:
    """(source text, file:line) for every tr("...") call and TextError("...") template, plus the
    module-level text tables it translates."""
    found: dict[str, str] = {}
    for path in sorted(UI.glob("*.py")) + PICTURES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            call = isinstance(node, ast.Call)
            name = (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) if call else None
            if (name == "tr" or name in ERRORS) and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
        # Labels that reach tr() at run time: text tables and the (key, label) lists given to _combo().
        labels = []
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") in TABLES for t in node.targets):
                labels += [(c, node.lineno) for c in ast.walk(node.value) if isinstance(c, ast.Constant)]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_combo" and node.args:
                for item in getattr(node.args[0], "elts", []):
                    if isinstance(item, ast.Tuple) and len(item.elts) == 2:
                        labels.append((item.elts[1], node.lineno))
        for const, line in labels:
            if isinstance(const.value, str) and len(const.value) > 1 and (" " in const.value or
                                                                          const.value != const.value.lower()):
                found.setdefault(const.value, f"{path.relative_to(ROOT)}:{line}")
            elif isinstance(const.value, str) and const.value in ("none", "max", "same", "full", "valid", "average"):
                found.setdefault(const.value, f"{path.relative_to(ROOT)}:{line}")
    return sorted(found.items())


TABLES = {"SAME_HELP", "BOUNDARY_HELP", "COMPARE", "DATASETS", "LANGUAGES", "PLAYER_TIPS", "LR_SCHEDULES", "THEMES",
          "OVER_BUDGET"}


def update(language: str, messages) -> Path:
    ts = OUT / f"convviz_{language}.ts"
    existing: dict[str, str] = {}
    if ts.exists():
        for msg in ET.parse(ts).getroot().iter("message"):
            text = msg.findtext("source")
            tr = msg.find("translation")
            if text is not None and tr is not None and tr.text and tr.get("type") != "obsolete":
                existing[text] = tr.text
    root = ET.Element("TS", version="2.1", language=f"{language}_KR" if language == "ko" else language)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for text, where in messages:
        msg = ET.SubElement(context, "message")
        file, line = where.split(":")
        ET.SubElement(msg, "location", filename=f"../../{file}", line=line)
        ET.SubElement(msg, "source").text = text
        tr = ET.SubElement(msg, "translation")
        if text in existing:
            tr.text = existing[text]
        else:
            tr.set("type", "unfinished")
    ET.indent(root)
    OUT.mkdir(parents=True, exist_ok=True)
    header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
    ts.write_text(header + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    return ts


def compile_qm(ts: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    subprocess.run([lrelease, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    messages = collect()
    for lang in LANGUAGES:
        ts = update(lang, messages)
        compile_qm(ts)
        print(f"{ts.name}: {len(messages)} messages")
