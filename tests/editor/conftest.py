"""Fixtures for driving the real editor widgets offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QMessageBox

from chainwire.editor.window import MainWindow


@pytest.fixture(autouse=True)
def _view_choices_forgotten():
    """The View menu's theme, decimals, grid... are saved as preferences, as for a user:
    forget them after each test, so the next one starts on the editor's defaults."""
    yield
    from chainwire.editor.settings import RULES, qsettings

    s = qsettings()
    for rule in RULES.values():
        s.remove(rule.key)
    s.sync()


@pytest.fixture
def no_dialogs(monkeypatch):
    """Modal dialogs cannot be clicked offscreen: record them instead of blocking."""
    shown: list[tuple[str, str]] = []

    def record(kind, answer=None):
        def fake(parent, title, text, *args, **kwargs):
            shown.append((kind, f"{title}: {text}"))
            return answer
        return fake

    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "information", record("information", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.Discard))
    return shown


@pytest.fixture
def window(qtbot, no_dialogs):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.view.set_zoom(1.0)
    win.view.centerOn(QPointF(0, 0))
    yield win
    win.doc.undo_stack.setClean()


def view_pos(win: MainWindow, scene_pos: QPointF) -> QPoint:
    return win.view.mapFromScene(scene_pos)


def port_pos(win: MainWindow, node_id: str, port: int | None) -> QPoint:
    """Viewport position of a node's input ``port`` (or its output when port is None)."""
    item = win.scene.nodes[node_id]
    p = item.out_port if port is None else item.in_ports[port]
    return view_pos(win, p.scenePos())


def drag_wire(qtbot, win: MainWindow, a: QPoint, b: QPoint) -> None:
    """Press at a, move in steps to b, release: a real mouse gesture on the viewport."""
    from PySide6.QtCore import Qt
    vp = win.view.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, pos=a)
    for i in range(1, 6):
        qtbot.mouseMove(vp, a + (b - a) * i / 5)
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=b)


# ----- a big circuit (issue 13): items only near the viewport -------------------------------
@pytest.fixture(scope="session")
def big_text() -> str:
    """``test_big_circuits.grid()`` (20,000 gates) as a file's text, built once."""
    from chainwire.graph import fileio
    from tests.editor.test_big_circuits import grid

    return fileio.dumps(grid())


@pytest.fixture
def big(window, big_text, qtbot) -> MainWindow:
    """The window with the 20,000-gate grid open at 100 %, its top left in view."""
    from chainwire.graph import fileio

    return at_origin(window, fileio.loads(big_text, "grid"), qtbot)


def at_origin(win: MainWindow, circuit, qtbot) -> MainWindow:
    """``circuit`` opened in ``win`` at 100 %, the scene's origin in the middle of the
    view (after the window's own first fit, which would undo it)."""
    qtbot.wait(1)
    win.doc.replace(circuit, None)
    win.view.set_zoom(1.0)
    win.view.centerOn(QPointF(0, 0))
    qtbot.wait(1)
    return win
