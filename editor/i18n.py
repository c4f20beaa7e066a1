"""The interface language: which one, its translators, gate texts, a Hangul font.

The language is the Preferences' choice ("" follows the system: ``LANG=ko_KR.UTF-8``
gives Korean), fixed for the session: :func:`install` runs once before any window is
built, and a change in Preferences applies from the next start (the dialog says so;
rebuilding every menu, dock and undo text live would cost more than it gives).

Two translators are installed: Qt's own (``qtbase_ko.qm`` from the PySide6 wheel, for
the standard buttons and dialogs) and ours (:class:`Catalogue`, compiled by
``catalogue.compiled``). A missing catalogue means a clean English interface.
"""

from __future__ import annotations

import errno
import os
import re
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QFont, QFontDatabase

from chainwire.editor import catalogue
from chainwire.graph.errors import MESSAGES, CodedText
from chainwire.graph.gates import GATES

ENGLISH = "en"
# Hangul-capable families, best first; the first one the system has is used
HANGUL_FAMILIES = ("Noto Sans CJK KR", "NanumGothic", "Noto Sans KR", "UnDotum",
                   "Nanum Gothic", "Baekmuk Gulim")

MNEMONIC = re.compile(r"\(&(\w)\)")  # "(&F)" in "파일(&F)"
_installed: list[QTranslator] = []  # kept referenced for the application's life
_active = ENGLISH
_started = False  # start() has run in this process


class Catalogue(QTranslator):
    """Our compiled catalogue, looked up by source text whatever the caller's context
    (the catalogue has one context: see ``catalogue``'s docstring for why)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None, not "": Qt asks the next translator (Qt's own) only after a null string
        found = super().translate(catalogue.FLAT_CONTEXT, source, disambiguation, n)
        return found or None


def system_language() -> str:
    """The system's interface language as one of ours ("ko" or "en")."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in catalogue.SHIPPED or code == ENGLISH:
            return code
    return ENGLISH


def chosen_language(setting: str) -> str:
    """The language for a Preferences value: "" follows the system."""
    if setting in catalogue.SHIPPED or setting == ENGLISH:
        return setting
    return system_language()


def active_language() -> str:
    """The language installed for this session ("en" until :func:`install` ran)."""
    return _active


def install(setting: str) -> str:
    """Install the translators for ``setting`` (a Preferences language); returns the
    language in effect, which is English when no catalogue could be found or made."""
    global _active
    app = QCoreApplication.instance()
    language = chosen_language(setting)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _active = ENGLISH
    if language == ENGLISH:
        return _active
    qm = catalogue.compiled(language)
    ours = Catalogue(app)
    if qm is None or not ours.load(str(qm)):
        return _active
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    _active = language
    return _active


def start(app: Any) -> str:
    """Once per process, before the first window: the saved language and its font (what
    ``app.main`` and ``chainwire.show`` do); later calls change nothing."""
    global _started
    if not _started:
        from chainwire.editor import settings  # settings imports the theme, not i18n

        _started = True
        install(settings.load().language)
        apply_interface_font(app)
    return _active


def short_action_texts(root: Any) -> None:
    """Toolbar buttons and tooltips of ``root``'s actions without a translated "(&N)".

    Korean (like Chinese and Japanese) marks a menu mnemonic as "파일(&F)"; Qt strips
    the "&" for toolbar buttons and tooltips but leaves "(F)" behind. English texts
    ("&File") are left alone."""
    for action in root.findChildren(QAction):
        short_action_text(action)


def short_action_text(action: QAction) -> None:
    """One action's toolbar button and tooltip without a translated "(&N)" (after its
    text changes, too: Undo and Redo name their step)."""
    mark = MNEMONIC.search(action.text())
    if mark is None:
        return
    leftover = f"({mark.group(1)})"  # what Qt's stripping leaves of "(&F)"
    for get, put in ((action.iconText, action.setIconText),
                     (action.toolTip, action.setToolTip)):
        if leftover in get():
            put(get().replace(leftover, "").replace("…", "").strip())


# ----- texts from data --------------------------------------------------------------
def gate_text(gate: Any, field: str) -> str:
    """A gate's ``title``, ``summary``, ``formula`` or ``pattern`` in the interface
    language: the one way the editor shows a gate's words (the "gates" context)."""
    if field not in catalogue.GATE_TEXT_FIELDS:
        raise ValueError(f"not a gate text: {field!r}")
    text = getattr(gate, field)
    return QCoreApplication.translate("gates", text) if text else ""


def step_position_text(step: Any) -> str:
    """Where a step-through is ("forward 2 / 5"), phrased from the step's phase and
    counts (``Step.position_text`` is the engine's English for the command line)."""
    if step.phase == "start":
        return QCoreApplication.translate("Steps", "start")
    if step.phase == "forward":
        text = QCoreApplication.translate("Steps", "forward {0} / {1}")
    else:
        text = QCoreApplication.translate("Steps", "backward {0} / {1}")
    return text.format(step.index, step.total)


def error_text(error: BaseException | str) -> str:
    """An engine refusal (or an evaluation's reason, a ``CodedText``) in the interface
    language: a coded one (``graph.errors``) is phrased from its code and params (a param
    that is itself coded, too; a ``gate`` param, a gate's type name, by :func:`gate_name`);
    any other says what its message says (English). Step callouts on arrays and a
    group's inner backward steps are coded text too: this phrases them."""
    code = getattr(error, "code", None)
    if code not in MESSAGES:
        if isinstance(error, OSError):  # the system's own words: its strerror
            return os_error_text(error.errno, error.strerror or str(error))
        return str(error)
    params = {k: error_text(v) if isinstance(v, (BaseException, CodedText)) else v
              for k, v in getattr(error, "params", {}).items()}
    if code == "os_says":  # a system error quoted inside a coded one ("cannot save")
        return os_error_text(params["number"], params["text"])
    if isinstance(params.get("gate"), str):
        params["gate"] = gate_name(params["gate"])
    return QCoreApplication.translate("errors", MESSAGES[code]).format(**params)


def os_error_text(number: int | None, said: str) -> str:
    """A system error's words (``said``, its strerror) in the interface language: the
    commonest errnos are translated when ``said`` is the system's English for them."""
    if _active == ENGLISH or number is None or said != os.strerror(number):
        return said
    texts = {
        errno.ENOENT: QCoreApplication.translate("OSErrors", "No such file or directory"),
        errno.EACCES: QCoreApplication.translate("OSErrors", "Permission denied"),
        errno.EPERM: QCoreApplication.translate("OSErrors", "Operation not permitted"),
        errno.EISDIR: QCoreApplication.translate("OSErrors", "Is a directory"),
        errno.ENOTDIR: QCoreApplication.translate("OSErrors", "Not a directory"),
        errno.ENOSPC: QCoreApplication.translate("OSErrors", "No space left on device"),
        errno.EROFS: QCoreApplication.translate("OSErrors", "Read-only file system"),
        errno.ENAMETOOLONG: QCoreApplication.translate("OSErrors", "File name too long"),
        errno.EIO: QCoreApplication.translate("OSErrors", "Input/output error"),
        errno.EEXIST: QCoreApplication.translate("OSErrors", "File exists")}
    return texts.get(number, said)


def gate_name(name: str) -> str:
    """How a message names a gate type ("matmul"): by its title in the interface
    language ("행렬 곱", as the palette and inspector call it) when the catalogue
    translates the title, else by the type name the command line and files use."""
    gate = GATES.get(name)
    if gate is None:
        return name
    title = gate_text(gate, "title")
    return name if title == gate.title else title


def theme_title(theme: Any) -> str:
    """A theme's title in the interface language (the "themes" context)."""
    return QCoreApplication.translate("themes", theme.title)


# ----- fonts -----------------------------------------------------------------------------
@cache
def hangul_family() -> str | None:
    """The best Hangul-capable family installed here, or None (asked once a session)."""
    have = set(QFontDatabase.families())
    for family in HANGUL_FAMILIES:
        if family in have:
            return family
    korean = QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
    return korean[0] if korean else None


def with_hangul(font: QFont) -> QFont:
    """``font`` with a Hangul-capable family as its fallback (unchanged if none)."""
    family = hangul_family()
    if family and family not in font.families():
        font.setFamilies([*font.families(), family] if font.families()
                         else [font.family(), family])
    return font


def apply_interface_font(app: Any) -> None:
    """In Korean, the application's font gets a Hangul-capable fallback family."""
    if _active != ENGLISH:
        app.setFont(with_hangul(QFont(app.font())))


__all__ = ["Catalogue", "HANGUL_FAMILIES", "active_language", "apply_interface_font",
           "chosen_language", "error_text", "gate_name", "gate_text", "hangul_family",
           "install", "os_error_text",
           "short_action_text", "short_action_texts", "start", "step_position_text",
           "system_language", "theme_title",
           "with_hangul"]
