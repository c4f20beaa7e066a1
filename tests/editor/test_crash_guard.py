"""The crash guard: a bug in a slot is logged, the work is kept, one dialog, app alive.

Slots are fired from the event loop (a zero-time QTimer, or the signal of a real
widget), as in the running app: there PySide hands the exception to ``sys.excepthook``.
(Called directly from Python, a failing virtual override raises into the caller instead.)
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPointF, QTimer
from PySide6.QtWidgets import QMessageBox

from chainwire.editor import recovery
from chainwire.editor.crash_guard import CrashGuard
from chainwire.editor.window import MainWindow


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(d))
    return d


@pytest.fixture
def window(qtbot, no_dialogs):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.doc.undo_stack.setClean()


@pytest.fixture
def guard(data_dir):
    g = CrashGuard().install()
    yield g
    g.uninstall()
    if g.dialog is not None:
        g.dialog.close()


def fire(qtbot, slot) -> None:
    """Run ``slot`` from the event loop, as a signal from the app would."""
    QTimer.singleShot(0, slot)
    qtbot.wait(20)


def boom() -> None:
    raise RuntimeError("a bug in a slot")


def test_a_crash_in_a_slot_is_logged_saved_shown_and_survived(qtbot, window, guard,
                                                             data_dir, capsys):
    x = window.controller.add_gate("input", QPointF(0, 0))
    assert guard.log_path == data_dir / "crash.log"
    fire(qtbot, boom)

    assert guard.count == 1
    log = guard.log_path.read_text()
    assert "RuntimeError: a bug in a slot" in log and "Traceback" in log
    assert "a bug in a slot" in capsys.readouterr().err
    (copy,) = (data_dir / "recovery").glob("*.chainwire")  # the work is on disk
    assert recovery.load_entry(copy).circuit == window.doc.circuit
    assert guard.dialog is not None and guard.dialog.isVisible()
    assert "a bug in a slot" in guard.dialog.text()
    assert "recovery copy" in guard.dialog.informativeText()
    assert str(guard.log_path) in guard.dialog.informativeText()
    assert "Traceback" in guard.dialog.detailedText()

    # alive: the window still edits, evaluates and undoes
    y = window.controller.add_gate("square", QPointF(100, 0))
    window.controller.connect_wire(x, y, 0, None)
    assert window.doc.evaluation.raw_value(y) == 0.0
    window.doc.undo_stack.undo()
    assert window.doc.circuit.wires_into(y) == []


def test_a_failing_real_handler_is_guarded(qtbot, window, guard, monkeypatch):
    """A bug behind a real gesture: the palette's add request."""
    def broken(*_a):
        raise ZeroDivisionError("add_gate broke")

    window.palette_widget.add_requested.disconnect()
    window.palette_widget.add_requested.connect(broken)
    QTimer.singleShot(0, lambda: window.palette_widget.add_requested.emit("add"))
    qtbot.waitUntil(lambda: guard.count == 1)
    assert "add_gate broke" in guard.dialog.text()
    assert window.isVisible() and len(window.doc.circuit) == 0


def test_repeated_errors_show_one_dialog(qtbot, window, guard):
    window.controller.add_gate("input", QPointF(0, 0))
    for _ in range(5):
        fire(qtbot, boom)
    assert guard.count == 5
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes == [guard.dialog]
    assert "4 more errors" in guard.dialog.informativeText()
    guard.dialog.close()
    fire(qtbot, boom)  # after the user closed it, the next error gets a fresh box
    assert guard.dialog.isVisible() and "more error" not in guard.dialog.informativeText()
    assert guard.log_path.read_text().count("RuntimeError: a bug in a slot") == 6


def test_no_unsaved_work_no_copy(qtbot, window, guard, data_dir):
    fire(qtbot, boom)
    assert list(data_dir.glob("recovery/*.chainwire")) == []
    assert "no unsaved work" in guard.dialog.informativeText()


def test_the_guard_survives_its_own_failures(qtbot, window, data_dir, capsys):
    data_dir.mkdir(parents=True)
    (data_dir / "crash.log").mkdir()  # the log cannot be written

    g = CrashGuard(savers=lambda: [_Exploding()]).install()
    try:
        fire(qtbot, boom)
        assert g.count == 1 and g.dialog.isVisible()
        err = capsys.readouterr().err
        assert "cannot write" in err and "recovery copy failed" in err
    finally:
        g.uninstall()
        g.dialog.close()


class _Exploding:
    path = None

    def write_now(self):
        raise ValueError("saver exploded")


def test_keyboard_interrupt_goes_to_the_previous_hook(guard, monkeypatch):
    seen = []
    guard._previous = lambda *a: seen.append(a[0])
    guard.handle(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt] and guard.count == 0


def test_uninstall_restores_the_previous_hook(data_dir):
    before = sys.excepthook
    g = CrashGuard().install()
    assert sys.excepthook == g.handle
    g.uninstall()
    assert sys.excepthook is before


def test_big_log_is_trimmed(tmp_path, monkeypatch):
    import chainwire.editor.crash_guard as cg
    monkeypatch.setattr(cg, "MAX_LOG_BYTES", 1000)
    g = CrashGuard(log_path=tmp_path / "crash.log", savers=list)
    (tmp_path / "crash.log").write_text("x" * 5000)
    g._log("Traceback: new entry\n")
    text = (tmp_path / "crash.log").read_text()
    assert len(text) < 1000 and text.endswith("Traceback: new entry\n\n")
