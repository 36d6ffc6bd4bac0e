"""Words drawn inside pictures (step frames, animation titles) in the interface's languages, without Qt.

The window translates through Qt (``convviz.ui.i18n.tr``); the headless
subcommands cannot import Qt, so they read the same catalogue — the ``.ts``
source in resources/translations — here.  One catalogue, two readers: a
picture made by ``convviz animate --lang ko`` says what the Korean window says.

Scenes take a ``tr`` callable (English text in, shown text out) and call it
on every label as ``self.tr("...")``; tools/update_translations.py collects
those calls from convviz/export too.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache

Translate = Callable[[str], str]
LANGUAGES = ("en", "ko")


def english(text: str) -> str:
    return text


@lru_cache(maxsize=None)
def catalog(language: str) -> dict[str, str]:
    """{English source: translation} of ``language``'s finished, current messages."""
    if language == "en":
        return {}
    from convviz.resources_path import resource

    try:
        path = resource("translations", f"convviz_{language}.ts")
    except FileNotFoundError:
        return {}
    table: dict[str, str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is None or translation is None or translation.get("type") in ("unfinished", "obsolete"):
            continue
        if source.text and translation.text:
            table[source.text] = translation.text
    return table


def translator(language: str) -> Translate:
    """A ``tr`` for scenes: ``language`` is 'en', 'ko' or 'system'."""
    if language == "system":
        language = system_language()
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)} or system, got {language!r}")
    table = catalog(language)
    if not table:
        return english
    return lambda text: table.get(text, text)


def system_language() -> str:
    """'ko' when the POSIX locale variables say Korean, else 'en' (what the window does via QLocale)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
