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
_language = "en"


def tr(text: str) -> str:
    """Translate a user-visible string (and mark it for tools/update_translations.py)."""
    return QtCore.QCoreApplication.translate(CONTEXT, text)


def resolve_language(choice: str | None) -> str:
    if choice in ("en", "ko"):
        return choice
    return "ko" if QtCore.QLocale.system().name().lower().startswith("ko") else "en"


def current_language() -> str:
    """The language the interface is in now: 'en' or 'ko'."""
    return _language


def install(app: QtCore.QCoreApplication, choice: str | None) -> str:
    """Load the translation for ``choice`` ('system', 'en', 'ko'); returns the language in use."""
    global _translator, _language
    language = resolve_language(choice)
    _language = "en"
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
        _language = language
        return language
    return "en"


def retranslate(roots, previous: str) -> None:
    """Put every fixed string under ``roots`` into the language now installed.

    Widgets are built with ``tr(source)`` once; rather than each view keeping a second list
    of its strings, a text on screen is traced back to its source through the catalogue
    (the English source, or the ``previous`` language's translation of it) and translated
    again.  Texts made from numbers ("Filter 3") are not in the catalogue: the views rebuild
    those themselves when the window refreshes after a language change.
    """
    from PySide6 import QtGui, QtWidgets

    from convviz.render.labels import catalog

    sources = {text: text for text in catalog("ko")}
    shown_before = catalog(previous) if previous != "en" else {}
    sources.update({shown: source for source, shown in shown_before.items()})

    def redo(owner, key: str, getter, setter) -> None:
        """Translate one text again; its source is remembered on ``owner`` the first time, since
        two sources can share a translation ("Input" and "input" are both 입력)."""
        text = getter()
        if not text:
            return
        name = f"_convviz_source_{key}"
        source = owner.property(name)
        if source is None or text not in (source, shown_before.get(source)):  # a new text since
            source = sources.get(text)
        if source is None:
            return
        owner.setProperty(name, source)
        new = tr(source)
        if new != text:
            setter(new)

    for root in roots:
        widgets = [root] + root.findChildren(QtWidgets.QWidget)
        for w in widgets:
            redo(w, "tip", w.toolTip, w.setToolTip)
            if w.isWindow():
                redo(w, "title", w.windowTitle, w.setWindowTitle)
            if isinstance(w, QtWidgets.QLabel) and not w.textFormat() == w.textFormat().RichText:
                redo(w, "text", w.text, w.setText)
            elif isinstance(w, QtWidgets.QAbstractButton):
                redo(w, "text", w.text, w.setText)
            elif isinstance(w, QtWidgets.QGroupBox):
                redo(w, "text", w.title, w.setTitle)
            elif isinstance(w, QtWidgets.QLineEdit):
                redo(w, "text", w.placeholderText, w.setPlaceholderText)
            elif isinstance(w, QtWidgets.QTabWidget):
                for i in range(w.count()):
                    redo(w, f"tab{i}", lambda i=i, w=w: w.tabText(i), lambda t, i=i, w=w: w.setTabText(i, t))
                    redo(w, f"tabtip{i}", lambda i=i, w=w: w.tabToolTip(i),
                         lambda t, i=i, w=w: w.setTabToolTip(i, t))
            elif isinstance(w, QtWidgets.QComboBox):
                for i in range(w.count()):
                    redo(w, f"item{i}", lambda i=i, w=w: w.itemText(i), lambda t, i=i, w=w: w.setItemText(i, t))
            elif isinstance(w, QtWidgets.QMenu):
                redo(w, "text", w.title, w.setTitle)
        for action in root.findChildren(QtGui.QAction):
            redo(action, "text", action.text, action.setText)
            redo(action, "tip", action.toolTip, action.setToolTip)
