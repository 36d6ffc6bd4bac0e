"""Interface languages through Qt's translation system.

Strings are marked with :func:`tr`; ``resources/translations/convviz_<lang>.ts``
holds the translations (edit with Qt Linguist or by hand) and the compiled
``.qm`` next to it is what the window loads.  The language follows the system
locale unless View → Language picks one; the choice is stored in QSettings.
"""

from __future__ import annotations

from PySide6 import QtCore

CONTEXT = "convviz"
LANGUAGES = {"system": "System language", "en": "English", "ko": "한국어"}

_translator: QtCore.QTranslator | None = None


def tr(text: str) -> str:
    """Translate a user-visible string (and mark it for tools/update_translations.py)."""
    return QtCore.QCoreApplication.translate(CONTEXT, text)


def resolve_language(choice: str | None) -> str:
    if choice in ("en", "ko"):
        return choice
    return "ko" if QtCore.QLocale.system().name().lower().startswith("ko") else "en"


def install(app: QtCore.QCoreApplication, choice: str | None) -> str:
    """Load the translation for ``choice`` ('system', 'en', 'ko'); returns the language in use."""
    global _translator
    language = resolve_language(choice)
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if language == "en":
        return language
    from convviz.resources_path import resource

    try:
        path = resource("translations", f"convviz_{language}.qm")
    except FileNotFoundError:
        return "en"
    translator = QtCore.QTranslator(app)
    if translator.load(str(path)):
        app.installTranslator(translator)
        _translator = translator
        return language
    return "en"
