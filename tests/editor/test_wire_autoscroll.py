"""A wire drawn to the edge of the view scrolls it (issue 13: wiring behaves the same at
any size), so a wire can reach a gate that was off screen when the drag began.

Real mouse gestures on the viewport: press on a port, move to the edge and hold, move
onto the far gate's port once it scrolled in, release. Checked: the scroll, the preview
following the held pointer, the far gate's ports lit, and the model (one connection,
one undo step).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from chainwire.editor.view import AUTOSCROLL_MAX, EDGE_PIXELS
from chainwire.graph.circuit import Circuit
from tests.editor.conftest import at_origin, port_pos, view_pos
from tests.editor.test_big_circuits import PER_COLUMN


def far_apart() -> Circuit:
    c = Circuit()
    c.add_node("input", "a", label="a", value=2.0, pos=(0, 0))
    c.add_node("input", "b", label="b", value=3.0, pos=(0, 150))
    c.add_node("multiply", "far", pos=(2600, 0))  # off screen at 100 %
    c.connect("b", "far", 0)  # far shows ports 0, 1 (the next free one)
    return c


@pytest.fixture
def win(window, qtbot):
    return at_origin(window, far_apart(), qtbot)


def scroll_x(win) -> int:
    return win.view.horizontalScrollBar().value()


def hold_at_right_edge_until(qtbot, win, start: QPoint, nid: str, port: int) -> QPoint:
    """Press on ``start``, move to the right edge (same height), hold until ``nid``'s
    input ``port`` has scrolled into the right half of the view; returns where it is."""
    vp = win.view.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, pos=start)
    edge = QPoint(vp.width() - 3, start.y())
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + (edge - start) * i / 5)

    def arrived() -> bool:
        item = win.scene.nodes.get(nid)
        if item is None:
            return False
        p = view_pos(win, item.in_ports[port].scenePos())
        return vp.width() / 2 < p.x() < vp.width() - 2 * EDGE_PIXELS

    qtbot.waitUntil(arrived, timeout=30_000)
    return port_pos(win, nid, port)


def test_a_wire_held_at_the_edge_scrolls_to_a_far_gate_and_connects(win, qtbot):
    c, vp, stack = win.doc.circuit, win.view.viewport(), win.doc.undo_stack
    start, x0 = port_pos(win, "a", None), scroll_x(win)
    assert not vp.rect().contains(port_pos(win, "far", 1))
    target = hold_at_right_edge_until(qtbot, win, start, "far", 1)
    assert scroll_x(win) > x0
    drag = win.scene._drag
    assert drag is not None and win.scene.nodes["far"].in_ports[1].highlighted
    end = drag.preview.path().currentPosition()  # the preview follows the held pointer
    held = win.view.mapToScene(QPoint(vp.width() - 3, start.y()))
    assert abs(end.x() - held.x()) < 60
    qtbot.mouseMove(vp, target)
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=target)
    assert c.source_at("far", 1) == "a" and stack.count() == 1
    assert ("far", 1) in win.scene.wire_items and c.source_at("far", 0) == "b"
    stack.undo()
    assert c.source_at("far", 1) is None


def test_speed_grows_towards_the_edge_and_is_none_further_in(win):
    view = win.view
    w, h = view.viewport().width(), view.viewport().height()
    mid = h / 2
    steps = [view.edge_step(QPointF(w - 1 - d, mid))[0] for d in (60, 30, 15, 0, -50)]
    assert steps[0] == 0 and 0 < steps[1] < steps[2] < steps[3] == steps[4] == AUTOSCROLL_MAX
    assert view.edge_step(QPointF(2, mid))[0] < 0 and view.edge_step(QPointF(w / 2, 2))[1] < 0
    assert view.edge_step(QPointF(w / 2, h - 2))[0] == 0 < view.edge_step(QPointF(w / 2,
                                                                               h - 2))[1]
    assert view.edge_step(QPointF(w / 2, mid)) == (0, 0)


def test_no_scroll_without_a_wire_and_none_after_the_drop(win, qtbot):
    vp = win.view.viewport()
    x0 = scroll_x(win)
    qtbot.mouseMove(vp, QPoint(vp.width() - 3, vp.height() // 2))  # only hovering
    qtbot.wait(200)
    assert scroll_x(win) == x0
    start = port_pos(win, "a", None)
    qtbot.mousePress(vp, Qt.LeftButton, pos=start)
    edge = QPoint(vp.width() - 3, start.y())
    qtbot.mouseMove(vp, (start + edge) / 2)
    qtbot.mouseMove(vp, edge)
    qtbot.waitUntil(lambda: scroll_x(win) > x0 + 100, timeout=10_000)
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=edge)  # on empty canvas: nothing connected
    x1 = scroll_x(win)
    qtbot.wait(200)
    assert scroll_x(win) == x1 and win.scene._drag is None
    assert win.doc.undo_stack.count() == 0 and win.doc.circuit.source_at("far", 1) is None


def test_a_picked_up_wire_stays_hidden_while_the_view_scrolls(win, qtbot):
    """b's wire picked up by its end at far and carried left while the view scrolls is
    not drawn in its old place meanwhile; dropped on empty canvas it is deleted."""
    c, vp = win.doc.circuit, win.view.viewport()
    win.view.centerOn(QPointF(2600, 0))
    qtbot.wait(1)
    start = port_pos(win, "far", 0)
    qtbot.mousePress(vp, Qt.LeftButton, pos=start)
    edge = QPoint(3, start.y())
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + (edge - start) * i / 5)
    qtbot.waitUntil(lambda: win.view.mapToScene(vp.rect().center()).x() < 1500,
                    timeout=30_000)
    assert not win.scene.wire_items[("far", 0)].isVisible()
    qtbot.mouseMove(vp, vp.rect().center())
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=vp.rect().center())  # empty canvas: deleted
    assert c.source_at("far", 0) is None and win.doc.undo_stack.count() == 1


# ----- 20,000 gates: the far gate has no item when the drag begins ---------------------------
def test_a_big_circuit_scrolls_under_a_held_wire_and_the_far_gate_connects(big, qtbot):
    c, scene, stack = big.doc.circuit, big.scene, big.doc.undo_stack
    far = f"g{12 * PER_COLUMN}"  # column 12, row 0: about 2,400 units right of g0
    assert scene.visible.active and far not in scene.nodes and far in c.legal_targets("g0")
    old = c.source_at(far, 0)
    target = hold_at_right_edge_until(qtbot, big, port_pos(big, "g0", None), far, 0)
    assert "g0" in scene.nodes  # the wire's start keeps its item, though far off screen
    assert scene.nodes[far].in_ports[0].highlighted  # lit as it came into view
    qtbot.mouseMove(big.view.viewport(), target)
    qtbot.mouseRelease(big.view.viewport(), Qt.LeftButton, pos=target)
    assert c.source_at(far, 0) == "g0" and stack.count() == 1
    assert (far, 0) in scene.wire_items and scene.wire_items[(far, 0)].wire.src == "g0"
    assert not any(p.highlighted for i in scene.nodes.values() for p in i.in_ports.values())
    stack.undo()
    assert c.source_at(far, 0) == old


def test_a_big_circuits_picked_up_wire_stays_hidden_when_its_gate_comes_back(big, qtbot):
    """The gate a picked-up wire ended at loses its item while the view scrolls away and
    gets a new one (with the wire) when it scrolls back: the wire stays hidden."""
    c, scene, view, vp = big.doc.circuit, big.scene, big.view, big.view.viewport()
    src = c.source_at("g0", 0)
    start = port_pos(big, "g0", 0)
    qtbot.mousePress(vp, Qt.LeftButton, pos=start)
    right, left = QPoint(vp.width() - 2, start.y()), QPoint(2, start.y())
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + (right - start) * i / 5)
    qtbot.waitUntil(lambda: "g0" not in scene.nodes, timeout=30_000)
    qtbot.mouseMove(vp, left)
    qtbot.waitUntil(lambda: "g0" in scene.nodes and view.mapToScene(
        vp.rect().center()).x() < 400, timeout=30_000)
    assert not scene.wire_items[("g0", 0)].isVisible()
    middle = view_pos(big, QPointF(100, -200))  # empty canvas above the inputs
    qtbot.mouseMove(vp, middle)
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=middle)
    assert c.source_at("g0", 0) is None and big.doc.undo_stack.count() == 1
    big.doc.undo_stack.undo()
    assert c.source_at("g0", 0) == src and scene.wire_items[("g0", 0)].isVisible()
