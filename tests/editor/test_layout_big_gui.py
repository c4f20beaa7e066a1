"""Auto Layout of a big circuit: computed in a worker thread while the window stays live,
under a busy cursor and a status-bar message; applied as one undo step; Ctrl+L again
cancels it, and an edit meanwhile drops its result."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication

from chainwire.editor import controller as controller_mod
from chainwire.graph import fileio
from chainwire.graph.expr import parse
from chainwire.graph.layout import layout
from tests.editor.test_big_circuits import grid


def layout_action(win):
    (action,) = [a for a in win.edit_menu.actions() if a.text() == "Auto &Layout"]
    return action


def positions(win) -> dict[str, tuple[float, float]]:
    return {d.id: tuple(d.pos) for d in win.doc.circuit.nodes()}


def busy() -> bool:
    cursor = QGuiApplication.overrideCursor()
    return cursor is not None and cursor.shape() == Qt.CursorShape.BusyCursor


def wait_for_layout(qtbot, win) -> None:
    qtbot.waitUntil(lambda: win.controller.layout_job is None, timeout=120_000)


def test_a_big_circuit_is_laid_out_in_the_background_as_one_undo_step(window, qtbot):
    c = grid(5000)
    window.doc.replace(fileio.loads(fileio.dumps(c), "grid"), None)
    want = layout(c)
    before, steps = positions(window), window.doc.undo_stack.count()
    layout_action(window).trigger()
    job = window.controller.layout_job
    assert job is not None and busy()  # it runs; the window shows it is working
    assert window.statusBar().currentMessage().startswith("Laying out 5020 nodes")
    qtbot.wait(20)  # the event loop runs meanwhile
    wait_for_layout(qtbot, window)
    assert not busy() and QGuiApplication.overrideCursor() is None
    assert positions(window) == {n: tuple(p) for n, p in want.items()}
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == "Lay out"
    assert "Laid out left to right" in window.statusBar().currentMessage()
    scene = window.scene  # the items on screen stand where the model says
    assert scene.nodes and all(
        (item.pos().x(), item.pos().y()) == want[nid] for nid, item in scene.nodes.items())
    window.doc.undo_stack.undo()
    assert positions(window) == before


@pytest.fixture
def small_threshold(monkeypatch):
    """A circuit of a few nodes takes the background path too (quick to lay out)."""
    monkeypatch.setattr(controller_mod, "BACKGROUND_LAYOUT", 3)


def messy(window) -> dict[str, tuple[float, float]]:
    c = parse("(a + b) * sigmoid(c) + a * b")
    for i, n in enumerate(c.node_ids()):
        c.move(n, (i * 7.0, i * 5.0))
    window.doc.replace(c, None)
    return positions(window)


def test_ctrl_l_again_cancels_and_nothing_moves(window, qtbot, small_threshold):
    before, steps = messy(window), window.doc.undo_stack.count()
    layout_action(window).trigger()
    job = window.controller.layout_job
    assert job is not None and busy()
    layout_action(window).trigger()
    assert window.controller.layout_job is None and not busy()
    assert job.cancelled and job.wait(30)
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.wait(200)  # a poll still pending finds nothing to do
    assert positions(window) == before and window.doc.undo_stack.count() == steps
    layout_action(window).trigger()  # a later Ctrl+L lays out as usual
    wait_for_layout(qtbot, window)
    assert positions(window) == {n: tuple(p) for n, p in layout(window.doc.circuit).items()}


def test_an_edit_meanwhile_drops_the_result(window, qtbot, small_threshold):
    before = messy(window)
    layout_action(window).trigger()
    added = window.controller.add_gate("square", QPointF(500, 500))
    steps = window.doc.undo_stack.count()
    wait_for_layout(qtbot, window)
    assert not busy()
    assert "changed while it was being laid out" in window.statusBar().currentMessage()
    now = positions(window)
    assert now.pop(added) == (500.0, 500.0) and now == before
    assert window.doc.undo_stack.count() == steps  # only the edit's step


def test_moving_nodes_meanwhile_does_not_drop_it(window, qtbot, small_threshold):
    messy(window)
    layout_action(window).trigger()
    ctl = window.controller
    ctl.move_nodes({"a": (window.doc.circuit.node("a").pos, (-999.0, -999.0))})
    wait_for_layout(qtbot, window)
    assert positions(window) == {n: tuple(p) for n, p in layout(window.doc.circuit).items()}
    window.doc.undo_stack.undo()  # the layout, then the move, undo one by one
    assert window.doc.circuit.node("a").pos == (-999.0, -999.0)
