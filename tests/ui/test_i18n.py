"""Korean translation: the .ts covers every marked string and the shipped .qm loads."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6 import QtCore

from convviz.resources_path import resource
from convviz.ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def test_every_marked_string_is_translated():
    sys.path.insert(0, str(ROOT / "tools"))
    import update_translations

    sources = {text for text, _ in update_translations.collect()}
    ts = ET.parse(resource("translations", "convviz_ko.ts")).getroot()
    translated = {m.findtext("source"): m.find("translation") for m in ts.iter("message")}
    missing = sorted(s for s in sources if s not in translated or translated[s].get("type") == "unfinished"
                     or not translated[s].text)
    assert missing == []


def test_korean_loads_and_translates(qapp):
    try:
        assert i18n.install(qapp, "ko") == "ko"
        assert i18n.tr("Kernels") == "커널"
        assert i18n.tr("Lecture mode") == "강의 모드"
    finally:
        assert i18n.install(qapp, "en") == "en"
    assert i18n.tr("Kernels") == "Kernels"


def test_system_locale_picks_korean(monkeypatch):
    monkeypatch.setattr(QtCore.QLocale, "system", staticmethod(lambda: QtCore.QLocale("ko_KR")))
    assert i18n.resolve_language("system") == "ko"
    assert i18n.resolve_language("en") == "en"
