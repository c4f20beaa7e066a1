"""Autosave, recovery after a crash, and the one-version backup (issue 5, parts 1-2).

A "crash" is simulated in-process with ``Autosaver.abandon()`` (the copy stays, the lock
is released, exactly what a kill leaves behind); one test kills a real editor process
with SIGKILL and recovers its work here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtWidgets import QMessageBox

from chainwire.editor import recovery
from chainwire.editor.recovery import Autosaver, find_recoverable, load_entry, offer_recovery
from chainwire.editor.window import MainWindow
from chainwire.graph import fileio

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Every window of these tests writes its recovery copies under tmp_path."""
    d = tmp_path / "data"
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(d))
    return d


@pytest.fixture
def make_window(qtbot, no_dialogs):
    made = []

    def make() -> MainWindow:
        w = MainWindow()
        qtbot.addWidget(w)
        made.append(w)
        return w

    yield make
    for w in made:  # close quietly: no prompt, no recovery copy left by the teardown
        w.doc.set_force_modified(False)
        w.doc.undo_stack.setClean()


def answer_recovery(monkeypatch, *answers):
    """QMessageBox.question answers, in order, then Discard (the teardown's close);
    records the questions asked. (An exception escaping closeEvent during pytest-qt's
    teardown crashes the interpreter, so the fake must never run dry.)"""
    asked = []
    queue = list(answers)

    def fake(parent, title, text, *a, **k):
        asked.append(text)
        return queue.pop(0) if queue else QMessageBox.Discard

    monkeypatch.setattr(QMessageBox, "question", fake)
    return asked


def _edit(win: MainWindow, n: int = 1) -> list[str]:
    return [win.controller.add_gate("input", QPointF(40 * i, 0)) for i in range(n)]


def _copies(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "recovery").glob("*.chainwire"))


def test_autosave_writes_only_when_modified_and_changed(make_window, data_dir):
    win = make_window()
    saver = win.recovery
    assert saver.path.parent == data_dir / "recovery"
    assert not saver.tick() and _copies(data_dir) == []  # nothing to protect
    _edit(win)
    assert saver.tick() and _copies(data_dir) == [saver.path]
    assert not saver.tick() and saver.writes == 1  # unchanged since the last copy
    entry = load_entry(saver.path)
    assert entry.circuit == win.doc.circuit and entry.original_path is None
    win.controller.set_value_text(win.doc.circuit.node_ids()[0], "3.5")
    assert saver.tick() and saver.writes == 2
    assert load_entry(saver.path).circuit == win.doc.circuit


def test_the_timer_autosaves(make_window, data_dir, qtbot):
    win = make_window()
    win.recovery.set_interval(20)
    _edit(win)
    qtbot.waitUntil(lambda: win.recovery.path.exists(), timeout=2000)
    assert load_entry(win.recovery.path).circuit == win.doc.circuit


def test_interval_comes_from_settings(qapp, data_dir):
    from chainwire.editor.document import Document
    s = QSettings("Chainwire", "Chainwire")
    try:
        s.setValue(recovery.SETTINGS_INTERVAL, 5)
        assert Autosaver(Document()).timer.interval() == 5000
        s.setValue(recovery.SETTINGS_INTERVAL, 0)
        assert not Autosaver(Document()).timer.isActive()  # 0: autosave off
        s.remove(recovery.SETTINGS_INTERVAL)
        saver = Autosaver(Document())
        assert saver.timer.interval() == recovery.DEFAULT_INTERVAL_S * 1000
        assert Autosaver(Document(), interval_ms=70).timer.interval() == 70
    finally:
        s.remove(recovery.SETTINGS_INTERVAL)


def test_clean_save_and_undo_to_clean_remove_the_copy(make_window, data_dir, tmp_path):
    win = make_window()
    _edit(win)
    win.recovery.tick()
    assert win.save_to(str(tmp_path / "a.chainwire"))
    assert _copies(data_dir) == []
    _edit(win)
    win.recovery.tick()
    assert len(_copies(data_dir)) == 1
    win.doc.undo_stack.undo()  # back at the saved state: nothing left to recover
    assert not win.doc.modified
    win.recovery.tick()
    assert _copies(data_dir) == []


def test_clean_close_removes_the_copy_cancel_keeps_it(make_window, data_dir, monkeypatch):
    win = make_window()
    _edit(win)
    win.recovery.tick()
    answer_recovery(monkeypatch, QMessageBox.Cancel)
    assert not win.close()
    assert len(_copies(data_dir)) == 1  # still editing: still protected
    answer_recovery(monkeypatch, QMessageBox.Discard)
    assert win.close()
    assert _copies(data_dir) == []


def test_opening_another_file_removes_the_copy(make_window, data_dir, tmp_path, monkeypatch):
    other = tmp_path / "other.chainwire"
    fileio.save(fileio.loads('{"format": "chainwire", "version": 1, "nodes": []}'), other)
    win = make_window()
    _edit(win)
    win.recovery.tick()
    answer_recovery(monkeypatch, QMessageBox.Discard)  # "discard the changes?"
    assert win.open_path(str(other))
    assert _copies(data_dir) == []


def test_crash_then_recover_as_modified_with_the_original_path(make_window, data_dir,
                                                               tmp_path, monkeypatch):
    lesson = tmp_path / "lesson.chainwire"
    win = make_window()
    _edit(win, 2)
    assert win.save_to(str(lesson))
    _edit(win, 3)  # unsaved work...
    work = win.doc.circuit.copy()
    win.recovery.tick()
    win.recovery.abandon()  # ...and the app dies

    fresh = make_window()  # the next start
    asked = answer_recovery(monkeypatch, QMessageBox.Open)
    shown = offer_recovery(fresh, make_window)
    assert shown == [fresh] and len(asked) == 1 and "lesson.chainwire" in asked[0]
    assert fresh.doc.circuit == work
    assert fresh.doc.path == str(lesson)
    assert fresh.doc.modified and fresh.isWindowModified()
    assert fresh.windowTitle().startswith("lesson.chainwire[*]")
    assert fileio.load(lesson) != work  # the user's file is untouched until they save

    # a second crash before saving still recovers the same work
    (copy,) = _copies(data_dir)
    assert fresh.recovery.path == copy
    assert find_recoverable() == []  # in use by the live window: not offered twice
    fresh.recovery.abandon()
    (again,) = find_recoverable()
    assert again.circuit == work and again.original_path == str(lesson)

    # saving ends it; the bookkeeping key never reaches the user's file
    fresh.recovery.adopt(copy)
    assert fresh.save()
    assert _copies(data_dir) == []
    assert fileio.load(lesson) == work
    assert recovery.META_KEY not in json.loads(lesson.read_text())


def test_discard_deletes_later_keeps(make_window, data_dir, monkeypatch):
    win = make_window()
    _edit(win)
    win.recovery.tick()
    win.recovery.abandon()
    fresh = make_window()
    answer_recovery(monkeypatch, QMessageBox.Cancel)  # Esc / "decide next time"
    assert offer_recovery(fresh, make_window) == []
    assert len(_copies(data_dir)) == 1 and len(fresh.doc.circuit) == 0
    answer_recovery(monkeypatch, QMessageBox.Discard)
    assert offer_recovery(fresh, make_window) == []
    assert _copies(data_dir) == [] and not fresh.doc.modified


def test_several_copies_open_in_several_windows(make_window, data_dir, monkeypatch):
    works = []
    for n in (1, 2):
        w = make_window()
        _edit(w, n)
        w.recovery.tick()
        w.recovery.abandon()
        works.append(w.doc.circuit.copy())
    first = make_window()
    answer_recovery(monkeypatch, QMessageBox.Open, QMessageBox.Open)
    shown = offer_recovery(first, make_window)
    assert len(shown) == 2 and shown[0] is first
    assert sorted(len(w.doc.circuit) for w in shown) == [1, 2]
    assert all(w.doc.modified for w in shown)


def test_an_open_user_file_is_not_replaced_by_a_recovery(make_window, data_dir, tmp_path,
                                                           monkeypatch):
    w = make_window()
    _edit(w)
    w.recovery.tick()
    w.recovery.abandon()
    mine = make_window()
    _edit(mine, 2)
    assert mine.save_to(str(tmp_path / "mine.chainwire"))
    answer_recovery(monkeypatch, QMessageBox.Open)
    (shown,) = offer_recovery(mine, make_window)
    assert shown is not mine and len(mine.doc.circuit) == 2 and len(shown.doc.circuit) == 1


def test_unreadable_copy_is_set_aside_not_offered(data_dir, capsys):
    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    (folder / "broken.chainwire").write_text('{"format": "chainwire", "version": 99}')
    assert find_recoverable() == []
    assert (folder / "broken.chainwire.unreadable").exists()
    assert "unreadable recovery file" in capsys.readouterr().err


def test_failed_autosave_is_reported_once_and_retried(make_window, data_dir, monkeypatch):
    win = make_window()
    messages = []
    win.recovery._status = messages.append
    data_dir.mkdir(parents=True)
    (data_dir / "recovery").write_text("a file where the folder should be")
    _edit(win)
    assert not win.recovery.tick() and not win.recovery.tick()
    assert len(messages) == 1 and "Autosave failed" in messages[0]
    assert win.doc.modified  # the document itself is unaffected
    (data_dir / "recovery").unlink()
    assert win.recovery.tick()  # retried, and it works now
    assert win.recovery.last_error is None


def test_killed_editor_process_offers_its_work_back(make_window, data_dir, monkeypatch):
    """The issue's manual check, automated: kill -9 the app mid-edit, restart."""
    script = textwrap.dedent("""
        import sys, time
        from PySide6.QtCore import QPointF
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from chainwire.editor.window import MainWindow
        win = MainWindow()
        for i in range(4):
            win.controller.add_gate("input", QPointF(50 * i, 0))
        win.controller.set_value_text("x1", "-2.5")
        assert win.recovery.tick()
        print("ready", flush=True)
        time.sleep(60)
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            env=env, cwd=ROOT, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        assert find_recoverable() == []  # alive: its copy is locked
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()
    fresh = make_window()
    answer_recovery(monkeypatch, QMessageBox.Open)
    (shown,) = offer_recovery(fresh, make_window)
    assert len(shown.doc.circuit) == 4 and shown.doc.modified
    assert shown.doc.circuit.node("x1").value == -2.5


# ----- backups ------------------------------------------------------------------------
def test_saving_over_a_file_keeps_one_previous_version(make_window, tmp_path):
    path = tmp_path / "lesson.chainwire"
    bak = tmp_path / "lesson.chainwire.bak"
    win = make_window()
    _edit(win)
    assert win.save_to(str(path))
    assert not bak.exists()  # nothing to back up the first time
    v1 = path.read_bytes()
    _edit(win)
    assert win.save_to(str(path))
    assert bak.read_bytes() == v1
    v2 = path.read_bytes()
    _edit(win)
    assert win.save_to(str(path))
    assert bak.read_bytes() == v2  # one backup: the version just replaced
    assert fileio.load(bak) != fileio.load(path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == [path.name,
                                                                             bak.name]


def test_a_failed_backup_is_reported_and_the_save_still_happens(make_window, tmp_path,
                                                                monkeypatch):
    path = tmp_path / "lesson.chainwire"
    bak = str(path) + ".bak"
    win = make_window()
    _edit(win)
    assert win.save_to(str(path))
    real_replace = os.replace

    def no_backup(src, dst, *a, **k):
        if os.fspath(dst) == bak:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", no_backup)
    _edit(win)
    assert win.save_to(str(path))
    assert fileio.load(path) == win.doc.circuit and not win.doc.modified
    assert "no backup made" in win.statusBar().currentMessage()
    assert not os.path.exists(bak)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_main_installs_the_guard_and_offers_recovery(make_window, data_dir, monkeypatch,
                                                     qapp):
    """``chainwire`` after a crash: the start-up path of editor.app.main."""
    from PySide6.QtWidgets import QApplication

    import chainwire.editor.app as app_module
    from chainwire.editor.crash_guard import CrashGuard

    w = make_window()
    _edit(w, 3)
    w.recovery.tick()
    w.recovery.abandon()
    work = w.doc.circuit.copy()

    shown = []

    def spy(window, factory, folder=None):
        got = offer_recovery(window, factory, folder)
        shown.extend(got)
        return got

    monkeypatch.setattr(app_module, "offer_recovery", spy)
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    answer_recovery(monkeypatch, QMessageBox.Open)
    assert app_module.main([]) == 0
    assert isinstance(getattr(sys.excepthook, "__self__", None), CrashGuard)
    (win,) = shown  # the example window was reused for the recovered work
    try:
        assert win.doc.circuit == work and win.doc.modified and win.doc.path is None
    finally:
        win.doc.set_force_modified(False)
        win.doc.undo_stack.setClean()
        win.close()


def test_old_temp_files_of_killed_autosaves_are_cleaned(data_dir):
    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    old, new = folder / ".abc.chainwire.x1.tmp", folder / ".abc.chainwire.x2.tmp"
    old.write_text("{")
    new.write_text("{")
    os.utime(old, (0, 0))
    assert find_recoverable() == []
    assert not old.exists() and new.exists()  # a fresh one may be a live autosave
