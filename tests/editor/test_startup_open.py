"""``chainwire FILE`` at start-up (issue 13, fast open): File → Open's one path.

The window shows at once over an empty untitled circuit; a big file is read in the
background (busy bar, Cancel) and becomes the document as File → Open would make it; a
failing file keeps the empty document and says why as start-up always did (a non-modal
box and the status bar); Cancel keeps the empty document; ``--screenshot`` waits for the
file's circuit; crash recovery is offered once the file is open. The size threshold is
lowered so a 300-gate file counts as big, and the worker's read is held on an event so
"before the load finished" is a fact, not a race.
"""

from __future__ import annotations

import os
import sys
import threading

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressBar

import chainwire.editor.app as app_module
from chainwire.editor import background_open, files, recovery, settings
from chainwire.editor.window import MainWindow
from chainwire.graph import fileio
from tests.editor.test_big_circuits import grid

GATES = 300


@pytest.fixture(autouse=True)
def startup(tmp_path, monkeypatch):
    """Small files count as big; recovery copies under tmp_path; no welcome tour; the
    crash guard main installs is taken off again."""
    monkeypatch.setattr(background_open, "BACKGROUND_BYTES", 1000)
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    settings.set_flag(settings.WELCOME_SHOWN, True)


@pytest.fixture
def held(monkeypatch):
    """The worker's fileio.load waits until the returned event is set."""
    gate = threading.Event()
    real = fileio.load

    def load(path, *a, **k):
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(30), "the test never let the load finish"
        return real(path, *a, **k)

    monkeypatch.setattr(fileio, "load", load)
    yield gate
    gate.set()


@pytest.fixture
def big_file(tmp_path) -> str:
    path = tmp_path / "big.chainwire"
    fileio.save(grid(GATES), str(path))
    assert os.path.getsize(path) >= background_open.BACKGROUND_BYTES
    return str(path)


@pytest.fixture
def started(monkeypatch, qtbot):
    """Run app.main(argv) with the event loop left to qtbot; returns its new window."""
    made: list[MainWindow] = []

    def run(argv: list[str]) -> MainWindow:
        before = _windows()
        monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
        assert app_module.main(argv) == 0
        new = _windows() - before
        made.extend(new)
        (win,) = new
        return win

    yield run
    for w in made:  # close quietly, with no question and no recovery copy left
        if w.opening is not None:
            w.opening.cancel()
        w.doc.set_force_modified(False)
        w.doc.undo_stack.setClean()
        w.close()
        w.deleteLater()


def _windows() -> set[MainWindow]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}


def _boxes(win: MainWindow) -> list[QMessageBox]:
    return [b for b in win.findChildren(QMessageBox) if b.isVisible()]


def _busy(win: MainWindow) -> list[QProgressBar]:
    """The status bar's visible busy bars."""
    return [b for b in win.statusBar().findChildren(QProgressBar) if b.isVisible()]


def _is_empty_untitled(win: MainWindow) -> bool:
    return (len(win.doc.circuit) == 0 and win.doc.path is None and not win.doc.modified
            and len(win.scene.nodes) == 0 and win.windowTitle().startswith("Untitled"))


def test_a_big_file_loads_behind_a_shown_window(started, held, big_file, qtbot,
                                                no_dialogs):
    win = started([big_file])
    qtbot.waitExposed(win)  # shown and painted while the file is still being read
    opening = win.opening
    assert opening is not None and opening.running
    assert _busy(win) == [opening.bar] and opening.button.isVisible()
    assert "Opening big.chainwire" in win.statusBar().currentMessage()
    assert _is_empty_untitled(win)
    held.set()
    qtbot.waitUntil(lambda: win.opening is None, timeout=30_000)
    assert _busy(win) == []
    circuit = win.doc.circuit
    assert len(circuit) == GATES + 20
    assert fileio.dumps(circuit) == fileio.dumps(fileio.load(big_file))
    assert set(win.scene.nodes) == set(circuit.node_ids())  # the scene shows every gate
    assert win.doc.path == big_file and win.windowTitle().startswith("big.chainwire")
    assert not win.doc.modified and win.doc.undo_stack.count() == 0
    assert files.recent_files()[0] == big_file
    assert no_dialogs == [] and _boxes(win) == []


def test_a_relative_path_opens_as_the_absolute_one(started, big_file, qtbot, monkeypatch):
    monkeypatch.chdir(os.path.dirname(big_file))
    win = started(["big.chainwire"])
    qtbot.waitUntil(lambda: win.opening is None, timeout=30_000)
    assert win.doc.path == big_file and len(win.doc.circuit) == GATES + 20


def test_a_corrupt_big_file_keeps_an_empty_usable_document(started, tmp_path, qtbot,
                                                           no_dialogs, capfd):
    path = tmp_path / "broken.chainwire"
    text = fileio.dumps(grid(GATES))
    path.write_text(text[:len(text) // 2], encoding="utf-8")  # cut off half way
    win = started([str(path)])
    assert win.opening is not None
    qtbot.waitUntil(lambda: win.opening is None, timeout=30_000)
    assert _is_empty_untitled(win)
    (box,) = _boxes(win)  # start-up's own words, in a box that does not block
    assert box.windowModality() != Qt.ApplicationModal  # box.open(), as before
    assert box.text().startswith("“broken.chainwire” could not be opened.")
    assert "unchanged" not in box.text()  # not File → Open's modal box
    assert no_dialogs == []
    assert win.statusBar().currentMessage().startswith(f"Could not open {path}: ")
    assert "Traceback" not in capfd.readouterr().err
    box.close()
    nid = win.controller.add_gate("input", QPointF(0, 0))  # the window is usable
    assert nid in win.doc.circuit.node_ids() and nid in win.scene.nodes
    assert win.doc.modified


def test_cancel_at_start_up_keeps_the_empty_document(started, held, big_file, qtbot):
    win = started([big_file])
    opening = win.opening
    assert opening is not None
    qtbot.mouseClick(opening.button, Qt.LeftButton)
    assert win.opening is None and _busy(win) == []
    assert "cancelled" in win.statusBar().currentMessage()
    held.set()
    qtbot.waitUntil(lambda: not opening.running, timeout=30_000)
    qtbot.wait(3 * background_open.POLL_MS)
    assert _is_empty_untitled(win)
    assert big_file not in files.recent_files() or files.recent_files()[0] != big_file


def test_a_small_file_still_opens_before_main_returns(started, tmp_path, qtbot,
                                                      monkeypatch):
    monkeypatch.setattr(background_open, "BACKGROUND_BYTES", 1 << 20)
    path = tmp_path / "small.chainwire"
    fileio.save(grid(30), str(path))
    win = started([str(path)])
    assert win.opening is None and win.doc.path == str(path)
    assert len(win.doc.circuit) == 50 and len(win.scene.nodes) == 50


def _screenshot(argv: list[str], monkeypatch) -> tuple[int, list[tuple]]:
    """Run main with --screenshot in a real event loop; what the window held at grab."""
    seen: list[tuple] = []
    grab = MainWindow.grab

    def spying(self, *a):
        seen.append((self.doc.path, len(self.doc.circuit), len(self.scene.nodes)))
        return grab(self, *a)

    monkeypatch.setattr(MainWindow, "grab", spying)
    before = _windows()
    never_hang = QTimer()
    never_hang.setSingleShot(True)
    never_hang.timeout.connect(lambda: QApplication.instance().exit(99))
    never_hang.start(60_000)
    try:
        code = app_module.main(argv)
    finally:
        never_hang.stop()  # a later test's event loops must not be told to exit
        for w in _windows() - before:
            w.doc.undo_stack.setClean()
            w.close()
            w.deleteLater()
    return code, seen


def test_screenshot_waits_for_the_big_file(big_file, tmp_path, monkeypatch, capfd):
    out = tmp_path / "shot.png"
    gate = threading.Event()
    real = fileio.load

    def slow(path, *a, **k):  # longer than the screenshot's usual 200 ms
        gate.wait(0.8)
        return real(path, *a, **k)

    monkeypatch.setattr(fileio, "load", slow)
    code, seen = _screenshot([big_file, "--screenshot", str(out), "--size", "400x300"],
                             monkeypatch)
    assert code == 0 and out.stat().st_size > 1000
    assert seen == [(big_file, GATES + 20, GATES + 20)]
    assert "error" not in capfd.readouterr().err


def test_screenshot_of_a_corrupt_big_file_fails_on_stderr(tmp_path, monkeypatch, capfd):
    path = tmp_path / "broken.chainwire"
    text = fileio.dumps(grid(GATES))
    path.write_text(text[:len(text) // 2], encoding="utf-8")
    code, seen = _screenshot([str(path), "--screenshot", str(tmp_path / "s.png")],
                             monkeypatch)
    err = capfd.readouterr().err
    assert code == 2 and seen == [(None, 0, 0)]
    assert "chainwire: error: " in err and "Traceback" not in err


def test_recovery_is_offered_once_the_big_file_is_open(started, held, big_file, qtbot,
                                                      monkeypatch, no_dialogs):
    crashed = MainWindow()
    qtbot.addWidget(crashed)
    crashed.controller.add_gate("input", QPointF(0, 0))
    work = crashed.doc.circuit.copy()
    assert crashed.recovery.tick()
    crashed.recovery.abandon()  # what a crash leaves behind
    crashed.doc.undo_stack.setClean()
    asked: list[str] = []

    def answer(parent, title, text, *a, **k):
        asked.append(text)
        return QMessageBox.Open if len(asked) == 1 else QMessageBox.Discard

    monkeypatch.setattr(QMessageBox, "question", answer)
    before = _windows()
    win = started([big_file])
    assert asked == [] and win.opening is not None  # not while the file is being read
    held.set()
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert win.doc.path == big_file and not win.doc.modified  # the file kept its window
    (other,) = _windows() - before - {win, crashed}  # the work got a window of its own
    try:
        assert other.isVisible() and other.doc.circuit == work and other.doc.modified
    finally:
        other.doc.set_force_modified(False)
        other.doc.undo_stack.setClean()
        other.close()
