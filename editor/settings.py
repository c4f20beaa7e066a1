"""The user's preferences: typed, validated, with defaults, on top of QSettings.

A preference is read on every start, so a damaged settings file must never stop the
editor: every value is checked (type, range, allowed choices) and a wrong one reads as
its default; a file QSettings cannot parse at all (binary junk, a folder in its place,
no permission) is moved aside and the user is told once, in words, what happened.

The keys share QSettings("Chainwire", "Chainwire") with the recent-files list
(``files.py``) and the autosave interval that ``recovery.py`` already reads, so the
preference *is* the value those modules use. Preferences are not the document: applying
them never touches the undo stack.
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings

from chainwire.editor.recovery import SETTINGS_INTERVAL
from chainwire.editor.theme import THEME_NAMES

ORGANIZATION = APPLICATION = "Chainwire"
LANGUAGES = ("", "en", "ko")  # "" follows the system's locale
LANGUAGE_NAMES = {"": "System default", "en": "English", "ko": "한국어"}  # "" is translated
WELCOME_SHOWN = "welcome/shown"  # set once the first-run welcome has been offered
WELCOME_AT_START = "welcome/showAtStartup"


@dataclass(frozen=True)
class Preferences:
    """Everything the Preferences dialog sets; the defaults are the editor's own."""

    theme: str = "light"
    colorblind: bool = False
    decimals: int = 2
    label_pt: float = 11.0
    show_grid: bool = True
    snap: bool = False
    autosave_s: int = 30  # 0: no autosave
    language: str = ""
    present_label_scale: float = 1.0  # presentation label size, relative to the default


@dataclass(frozen=True)
class Rule:
    """Where a preference lives and which values are legal."""

    key: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None


RULES: dict[str, Rule] = {
    "theme": Rule("view/theme", choices=THEME_NAMES),
    "colorblind": Rule("view/colourBlindSafe"),
    "decimals": Rule("view/decimals", 0, 6),
    "label_pt": Rule("view/labelPointSize", 6.0, 24.0),
    "show_grid": Rule("view/showGrid"),
    "snap": Rule("edit/snapToGrid"),
    "autosave_s": Rule(SETTINGS_INTERVAL, 0, 3600),
    "language": Rule("ui/language", choices=LANGUAGES),
    "present_label_scale": Rule("presentation/labelScale", 0.5, 4.0),
}
DEFAULTS = Preferences()


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


def qsettings() -> QSettings:
    """The one settings store (the same object ``files.settings()`` opens)."""
    return QSettings(ORGANIZATION, APPLICATION)


# ----- checking values ----------------------------------------------------------------
def coerce(name: str, raw: Any) -> Any:
    """``raw`` as read from QSettings, turned into the preference's type, or None if bad.

    The INI format stores text, so "3", "true" and 3 all arrive; anything else
    (a list, NaN, an unknown theme, a number out of range) is refused.
    """
    kind = type(getattr(DEFAULTS, name))
    rule = RULES[name]
    value: Any
    if kind is bool:
        if isinstance(raw, bool):
            value = raw
        elif isinstance(raw, str) and raw.strip().lower() in ("true", "1", "false", "0"):
            value = raw.strip().lower() in ("true", "1")
        elif isinstance(raw, int) and raw in (0, 1):
            value = bool(raw)
        else:
            return None
        return value
    if kind in (int, float):
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            return None
        try:
            number = float(raw)
        except ValueError:
            return None
        if not math.isfinite(number) or (kind is int and number != int(number)):
            return None
        if (rule.low is not None and number < rule.low) or (
                rule.high is not None and number > rule.high):
            return None
        return int(number) if kind is int else number
    if not isinstance(raw, str) or (rule.choices is not None and raw not in rule.choices):
        return None
    return raw


def validated(prefs: Preferences) -> Preferences:
    """``prefs`` with every illegal value replaced by its default (dialogs, tests)."""
    good = {}
    for f in fields(Preferences):
        value = coerce(f.name, getattr(prefs, f.name))
        good[f.name] = getattr(DEFAULTS, f.name) if value is None else value
    return Preferences(**good)


# ----- the file -------------------------------------------------------------------------
def file_problem(path: str) -> str | None:
    """Why the settings file at ``path`` cannot be used, or None (missing is fine)."""
    if not os.path.lexists(path):
        return None
    if not os.path.isfile(path):
        return _tr("it is not a file")
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 20)
    except OSError as e:
        return _tr("it cannot be read: {}").format(e.strerror or e)
    if b"\0" in data:
        return _tr("it is not a settings file (binary data)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _tr("it is not a settings file (not text)")
    # parse a private copy: QSettings caches files it has read (and their status) per path
    with tempfile.TemporaryDirectory(prefix="chainwire-settings-") as folder:
        copy = os.path.join(folder, "probe.conf")
        with open(copy, "wb") as f:
            f.write(data)
        probe = QSettings(copy, QSettings.IniFormat)
        probe.allKeys()
        bad = probe.status() != QSettings.NoError
        del probe
    return _tr("it is damaged (not in the settings format)") if bad else None


def _set_aside(path: str) -> str | None:
    """Move a damaged file out of the way, kept for the curious; its new name, or None."""
    kept = path + ".damaged"
    try:
        if os.path.isdir(kept) and not os.path.islink(kept):
            return None
        os.replace(path, kept)
    except OSError:
        return None
    return kept


def check_store() -> str | None:
    """Check the settings file before reading it; a message for the user if it was bad.

    A damaged file is renamed ``*.damaged`` so the defaults can be saved in its place;
    when even that fails, the editor runs on defaults and saving preferences will say so.
    """
    path = qsettings().fileName()
    reason = file_problem(path)
    if reason is None:
        return None
    kept = _set_aside(path)
    text = _tr("Your settings file could not be read: {0}. Chainwire started with the "
               "default settings.").format(reason)
    if kept:
        text += " " + _tr("The old file was kept as {}.").format(kept)
    else:
        text += " " + _tr("Changed settings may not be kept: {} cannot be replaced.").format(
            path)
    return text


# ----- loading and saving ---------------------------------------------------------------
def load(store: QSettings | None = None) -> Preferences:
    """The saved preferences; a missing or illegal value reads as its default."""
    s = qsettings() if store is None else store
    values = {}
    for f in fields(Preferences):
        default = getattr(DEFAULTS, f.name)
        try:
            raw = s.value(RULES[f.name].key, None)
        except (RuntimeError, TypeError, ValueError):  # a value Qt could not decode
            raw = None
        value = None if raw is None else coerce(f.name, raw)
        values[f.name] = default if value is None else value
    return Preferences(**values)


def save(prefs: Preferences, store: QSettings | None = None) -> str | None:
    """Write ``prefs`` (validated) to disk; None when kept, else why not."""
    s = qsettings() if store is None else store
    for name, value in asdict(validated(prefs)).items():
        s.setValue(RULES[name].key, value)
    s.sync()
    if s.status() != QSettings.NoError:
        return _tr("Your settings could not be saved to {}.").format(s.fileName())
    return None


def changed(old: Preferences, new: Preferences) -> set[str]:
    """The names of the preferences that differ."""
    return {f.name for f in fields(Preferences) if getattr(old, f.name) != getattr(new, f.name)}


def flag(key: str, default: bool = False, store: QSettings | None = None) -> bool:
    """A yes/no setting that is not a preference (the welcome's), read leniently."""
    raw = (qsettings() if store is None else store).value(key, default)
    if isinstance(raw, str):
        return raw.strip().lower() in ("true", "1")
    return bool(raw) if isinstance(raw, (bool, int)) else default


def set_flag(key: str, on: bool, store: QSettings | None = None) -> None:
    s = qsettings() if store is None else store
    s.setValue(key, bool(on))
    s.sync()


__all__ = ["DEFAULTS", "LANGUAGES", "LANGUAGE_NAMES", "Preferences", "RULES", "changed",
           "check_store", "coerce", "file_problem", "flag", "load", "qsettings", "save",
           "set_flag", "validated"]
