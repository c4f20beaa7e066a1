"""Preferences: typed settings that persist, survive a damaged file, and reach the window.

Applying preferences is not an edit: the undo stack and the modified flag never move.
Every test starts and ends with an empty settings store, so the rest of the suite keeps
seeing the editor's defaults.
"""

from __future__ import annotations

import builtins
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from chainwire.editor import recovery, settings
from chainwire.editor.preferences import (
    PreferencesDialog,
    apply_saved,
    apply_to_window,
    open_preferences,
)
from chainwire.editor.settings import DEFAULTS, Preferences
from chainwire.editor.window import MainWindow

CUSTOM = Preferences(theme="dark", colorblind=True, decimals=4, label_pt=14.0,
                     show_grid=False, snap=True, autosave_s=0, language="ko",
                     present_label_scale=1.5)


def _clear() -> None:
    path = Path(settings.qsettings().fileName())
    for p in (path, Path(str(path) + ".damaged")):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists() or p.is_symlink():
            p.unlink()
    s = settings.qsettings()
    s.clear()
    s.sync()


@pytest.fixture
def store():
    """An empty settings store before and after the test; yields the file's path."""
    _clear()
    yield Path(settings.qsettings().fileName())
    _clear()


@pytest.fixture
def make_window(qtbot, no_dialogs):
    made = []

    def make() -> MainWindow:
        win = MainWindow()
        qtbot.addWidget(win)
        made.append(win)
        return win

    yield make
    for w in made:
        w.doc.undo_stack.setClean()


def _shows(win: MainWindow, p: Preferences) -> None:
    style, cl = win.scene.style, win.classroom
    assert style.theme.name == p.theme and cl.theme_actions[p.theme].isChecked()
    assert style.colorblind == p.colorblind == cl.act_colorblind.isChecked()
    assert style.decimals == p.decimals and win.decimal_actions[p.decimals].isChecked()
    assert style.label_pt == p.label_pt
    assert win.scene.show_grid == p.show_grid == win.act_grid.isChecked()
    assert win.scene.snap == p.snap == win.act_snap.isChecked()
    timer = win.recovery.timer
    assert (timer.interval() if timer.isActive() else 0) == p.autosave_s * 1000
    assert cl.presenter.label_scale == p.present_label_scale


# ----- the typed store -------------------------------------------------------------------
def test_preferences_round_trip_through_the_file(store):
    assert settings.load() == DEFAULTS
    assert settings.save(CUSTOM) is None
    assert store.is_file()
    assert settings.load() == CUSTOM


@pytest.mark.parametrize("name, raw, expected", [
    ("decimals", "4", 4), ("decimals", 4, 4), ("decimals", "4.0", 4), ("decimals", "9", None),
    ("decimals", "2.5", None), ("decimals", "two", None), ("decimals", True, None),
    ("label_pt", "12.5", 12.5), ("label_pt", "nan", None), ("label_pt", "inf", None),
    ("label_pt", "100", None), ("show_grid", "false", False), ("show_grid", "true", True),
    ("show_grid", True, True), ("show_grid", "maybe", None), ("show_grid", ["x"], None),
    ("theme", "projector", "projector"), ("theme", "neon", None), ("theme", 3, None),
    ("language", "ko", "ko"), ("language", "fr", None), ("autosave_s", "-5", None),
    ("present_label_scale", "0.1", None), ("present_label_scale", "2", 2.0),
])
def test_every_value_is_checked(name, raw, expected):
    assert settings.coerce(name, raw) == expected


def test_illegal_values_in_the_file_read_as_defaults(store):
    s = settings.qsettings()
    for name, raw in (("theme", "neon"), ("decimals", "9"), ("label_pt", "nan"),
                      ("show_grid", "maybe"), ("autosave_s", "soon"),
                      ("present_label_scale", ["a", "b"])):
        s.setValue(settings.RULES[name].key, raw)
    s.setValue(settings.RULES["snap"].key, True)
    s.sync()
    assert settings.load() == Preferences(snap=True)


def test_autosave_preference_is_the_key_recovery_reads(store, make_window):
    assert settings.RULES["autosave_s"].key == recovery.SETTINGS_INTERVAL
    settings.save(Preferences(autosave_s=45))
    assert recovery._settings_interval_ms() == 45_000
    assert make_window().recovery.timer.interval() == 45_000


def test_start_up_leaves_the_autosaver_its_own_reading(store, make_window):
    """recovery.py reads fractional seconds too; the window does not override it."""
    s = settings.qsettings()
    s.setValue(recovery.SETTINGS_INTERVAL, "2.5")
    s.sync()
    assert settings.load().autosave_s == DEFAULTS.autosave_s  # not a dialog value
    assert make_window().recovery.timer.interval() == 2500


# ----- at start-up ---------------------------------------------------------------------------
def test_a_new_window_shows_the_saved_preferences(store, make_window):
    settings.save(CUSTOM)
    win = make_window()
    _shows(win, CUSTOM)
    assert win.settings_problem is None
    assert win.doc.undo_stack.count() == 0 and not win.doc.modified


def test_defaults_change_nothing(store, make_window):
    win = make_window()
    _shows(win, DEFAULTS)


@pytest.mark.parametrize("damage", ["binary", "text", "folder", "unreadable"])
def test_a_damaged_settings_file_gives_defaults_and_a_message(store, make_window,
                                                              monkeypatch, damage):
    settings.save(CUSTOM)
    if damage == "binary":
        store.write_bytes(bytes(range(256)) * 4)
    elif damage == "text":
        store.write_text("[view\ntheme = = dark\nthis is not a settings file\n")
    elif damage == "folder":
        store.unlink()
        store.mkdir()
    else:  # as root chmod does not stop reading: refuse the open instead
        real_open = builtins.open

        def deny(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(store):
                raise PermissionError(13, "Permission denied", str(store))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", deny)
    win = make_window()
    monkeypatch.undo()
    _shows(win, DEFAULTS)
    assert "could not be read" in win.settings_problem
    assert win.statusBar().currentMessage() == win.settings_problem
    kept = Path(str(store) + ".damaged")
    assert kept.exists() and str(kept) in win.settings_problem
    # the defaults can be changed and kept again
    assert settings.save(Preferences(decimals=5)) is None
    assert settings.load() == Preferences(decimals=5)
    assert settings.check_store() is None


def test_a_settings_file_that_cannot_even_be_moved_still_starts(store, make_window,
                                                               monkeypatch):
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(b"\0\1\2garbage")
    monkeypatch.setattr(settings, "_set_aside", lambda path: None)
    win = make_window()
    _shows(win, DEFAULTS)
    assert "may not be kept" in win.settings_problem


# ----- the dialog -----------------------------------------------------------------------------
def _fill(d: PreferencesDialog, p: Preferences) -> None:
    d.show_preferences(p)  # the form's own setter: what a user's clicks end in
    assert d.preferences() == p


def test_dialog_applies_to_every_window_and_is_not_an_edit(store, make_window, qtbot):
    win, other = make_window(), make_window()
    count, index = win.doc.undo_stack.count(), win.doc.undo_stack.index()
    d = open_preferences(win)
    assert d.isVisible() and d.objectName() == "preferencesDialog"
    assert d.preferences() == DEFAULTS
    _fill(d, CUSTOM)
    d.buttons.button(QDialogButtonBox.Apply).click()
    _shows(win, CUSTOM)
    _shows(other, CUSTOM)
    assert settings.load() == CUSTOM
    assert (win.doc.undo_stack.count(), win.doc.undo_stack.index()) == (count, index)
    assert not win.doc.modified and not other.doc.modified
    d.buttons.button(QDialogButtonBox.Ok).click()
    assert not d.isVisible()


def test_reset_to_defaults_fills_the_form_and_ok_keeps_them(store, make_window):
    settings.save(CUSTOM)
    win = make_window()
    d = open_preferences(win)
    assert d.preferences() == CUSTOM
    d.buttons.button(QDialogButtonBox.RestoreDefaults).click()
    assert d.preferences() == DEFAULTS
    assert settings.load() == CUSTOM  # nothing saved before OK or Apply
    d.buttons.button(QDialogButtonBox.Ok).click()
    assert settings.load() == DEFAULTS
    _shows(win, DEFAULTS)


def test_cancel_keeps_everything(store, make_window):
    win = make_window()
    d = open_preferences(win)
    _fill(d, CUSTOM)
    d.buttons.button(QDialogButtonBox.Cancel).click()
    assert settings.load() == DEFAULTS
    _shows(win, DEFAULTS)
    assert open_preferences(win).preferences() == DEFAULTS  # refilled from disk


def test_language_is_offered_and_stored(store, make_window):
    d = open_preferences(make_window())
    names = [d.language.itemText(i) for i in range(d.language.count())]
    assert names == ["System default", "English", "한국어"]
    d.language.setCurrentIndex(2)
    d.apply()
    assert settings.load().language == "ko"


def test_a_failed_save_says_so_in_the_dialog(store, make_window, monkeypatch):
    d = open_preferences(make_window())
    monkeypatch.setattr(settings, "save", lambda prefs: "Your settings could not be saved")
    assert d.apply() is False
    assert d.message.isVisible() and "could not be saved" in d.message.text()


def test_preferences_sit_at_the_end_of_the_edit_menu(store, make_window):
    win = make_window()
    actions = [a for a in win.edit_menu.actions() if not a.isSeparator()]
    assert actions[-1] is win.act_preferences
    assert win.act_preferences.shortcut().toString() == "Ctrl+,"


def test_presenting_keeps_its_own_theme_until_it_ends(store, make_window):
    win = make_window()
    win.show()
    win.classroom.presenter.enter()
    try:
        apply_to_window(win, CUSTOM)
        assert win.scene.style.theme.name == "projector"
        assert win.scene.style.decimals == CUSTOM.decimals  # numbers follow at once
    finally:
        win.classroom.presenter.leave()
    assert win.scene.style.theme.name == "light"  # what the presentation restores
    apply_saved(win)  # the next start (or Apply) brings the saved theme
    assert win.scene.style.theme.name == "light"
    settings.save(CUSTOM)
    apply_saved(win)
    _shows(win, CUSTOM)


def test_view_menu_choices_are_kept_for_the_next_start(store, make_window):
    """Theme, colour-blind colours, decimals, grid and snap chosen in the View menu are
    the preferences: saved at once, shown by the next window, and in the dialog."""
    win = make_window()
    win.classroom.theme_actions["dark"].trigger()
    win.classroom.act_colorblind.trigger()
    win.decimal_actions[5].trigger()
    win.act_grid.trigger()
    win.act_snap.trigger()
    expected = Preferences(theme="dark", colorblind=True, decimals=5, show_grid=False,
                           snap=True)
    assert settings.load() == expected
    assert win.doc.undo_stack.count() == 0 and not win.doc.modified
    _shows(make_window(), expected)
    assert PreferencesDialog(win).preferences() == expected
    win.classroom.theme_actions["light"].trigger()
    assert settings.load().theme == "light"


def test_what_is_applied_or_presented_is_not_saved_by_the_menu_items(store, make_window):
    win = make_window()
    win.show()
    apply_to_window(win, CUSTOM)  # triggers the grid and snap items: they save nothing
    assert settings.load() == DEFAULTS
    win.classroom.presenter.enter()  # the projector theme is the presentation's own
    try:
        assert win.scene.style.theme.name == "projector"
        win.decimal_actions[3].trigger()  # a choice made while presenting is kept
    finally:
        win.classroom.presenter.leave()
    assert settings.load() == Preferences(decimals=3)


def test_a_view_choice_that_cannot_be_saved_says_so(store, make_window, monkeypatch):
    win = make_window()
    monkeypatch.setattr(settings, "save", lambda prefs, store=None: "cannot save here")
    win.decimal_actions[4].trigger()
    assert win.scene.style.decimals == 4  # the view still changes
    assert win.statusBar().currentMessage() == "cannot save here"
