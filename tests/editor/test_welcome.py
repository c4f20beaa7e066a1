"""The first-run welcome: once, from app.main only, never modal; examples and a tour."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

import chainwire.editor.app as app_module
from chainwire.editor import settings, welcome
from chainwire.editor.help import keys_of
from chainwire.editor.welcome import WelcomeDialog, maybe_welcome, open_welcome, tour_steps
from chainwire.editor.window import MainWindow


def _clear() -> None:
    s = settings.qsettings()
    s.clear()
    s.sync()


@pytest.fixture
def first_start():
    """A settings store that has never seen Chainwire (and is emptied afterwards)."""
    _clear()
    yield
    _clear()


def _welcomes(*parents) -> list[WelcomeDialog]:
    """Visible welcomes of these windows (other tests' windows may keep theirs open)."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, WelcomeDialog) and w.isVisible() and w.parent() in parents]


def _main_windows() -> set[MainWindow]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}


def test_a_window_alone_never_shows_the_welcome(first_start, window):
    assert _welcomes(window) == []
    assert welcome.should_show()  # it would: app.main decides, not the window


def test_the_first_start_shows_it_once(first_start, window):
    dialog = maybe_welcome(window)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert settings.flag(settings.WELCOME_SHOWN)
    dialog.close()
    assert maybe_welcome(window) is None  # the next start


def test_show_at_every_start(first_start, window):
    dialog = open_welcome(window)
    dialog.at_start.setChecked(True)
    dialog.close()
    assert maybe_welcome(window) is dialog
    dialog.at_start.setChecked(False)
    dialog.close()
    assert maybe_welcome(window) is None


def test_it_offers_every_example_and_opens_one(first_start, window):
    dialog = open_welcome(window)
    titles = [dialog.examples.item(i).text() for i in range(dialog.examples.count())]
    assert "Neuron" in titles and len(titles) >= 5
    dialog.examples.setCurrentRow(titles.index("Neuron"))
    assert dialog.open_example()
    assert not dialog.isVisible()
    assert len(window.doc.circuit) > 5
    assert window.doc.path is None  # an untitled copy, as File → Examples opens it


def test_the_tour_has_five_steps_with_the_live_keys(first_start, window):
    titles = [t for t, _ in tour_steps(window)]
    assert [t.split()[-1] for t in titles] == ["Drag", "Wire", "Type", "Step", "Present"]
    cl = window.classroom
    assert keys_of(cl.act_present) in tour_steps(window)[4][1]
    cl.act_present.setShortcut("F6")
    assert "F6" in tour_steps(window)[4][1]
    assert keys_of(cl.act_step_mode) in tour_steps(window)[3][1]


def test_the_tour_pages(first_start, window):
    dialog = open_welcome(window)
    assert dialog.pages.count() == 5 and not dialog.back_button.isEnabled()
    for _ in range(6):
        dialog.next_button.click()
    assert dialog.pages.currentIndex() == 4 and not dialog.next_button.isEnabled()
    assert dialog.position.text() == "5 / 5"
    dialog.back_button.click()
    assert dialog.position.text() == "4 / 5"
    dialog.close()


def test_help_menu_brings_it_back(first_start, window):
    assert window.act_welcome in window.help_menu.actions()
    settings.set_flag(settings.WELCOME_SHOWN, True)
    window.act_welcome.trigger()
    assert _welcomes(window) and not _welcomes(window)[0].isModal()
    window.welcome_dialog.close()


def _run_main(monkeypatch, argv) -> set[MainWindow]:
    before = _main_windows()
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    assert app_module.main(argv) == 0
    return _main_windows() - before


def _close(wins) -> None:
    for w in wins:
        w.doc.undo_stack.setClean()
        w.close()
        w.deleteLater()


def test_app_main_welcomes_a_first_start_without_blocking(first_start, monkeypatch, qapp,
                                                          no_dialogs):
    wins = _run_main(monkeypatch, [])
    try:
        (win,) = wins
        (dialog,) = _welcomes(win)
        assert not dialog.isModal()
        dialog.close()
        wins |= _run_main(monkeypatch, [])  # the second start: no welcome
        assert _welcomes(*wins) == []
    finally:
        _close(wins)


def test_app_main_tells_about_a_damaged_settings_file(first_start, monkeypatch, qapp,
                                                      no_dialogs):
    path = settings.qsettings().fileName()
    with open(path, "wb") as f:
        f.write(b"\0\0garbage\xff")
    wins = _run_main(monkeypatch, [])
    try:
        (win,) = wins
        boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
        assert boxes and "could not be read" in boxes[0].text()
        assert _welcomes(win) == []
    finally:
        _close(wins)
        os.remove(path + ".damaged")
