"""The editor driven the way a user drives it: drops, mouse drags, typing, shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from chainwire.editor.items.node import NodeItem
from chainwire.graph.gates import GATE_ORDER

from .conftest import drag_wire, port_pos, view_pos


def deliver_drop(win, mime, pos: QPoint) -> None:
    """What a real drop does, as synthesized events (QDrag.exec never drops offscreen)."""
    vp = win.view.viewport()
    QApplication.sendEvent(vp, QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton,
                                               Qt.NoModifier))
    QApplication.sendEvent(vp, QDragMoveEvent(pos, Qt.CopyAction, mime, Qt.LeftButton,
                                              Qt.NoModifier))
    QApplication.sendEvent(vp, QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton,
                                          Qt.NoModifier))


@pytest.fixture
def drop_at(monkeypatch):
    """Make QDrag.exec deliver its mime data to the window's canvas at a chosen point."""
    target = {}

    def fake_exec(drag: QDrag, *args, **kwargs):
        deliver_drop(target["win"], drag.mimeData(), target["pos"])
        return Qt.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)

    def aim(win, scene_pos: QPointF) -> None:
        target["win"] = win
        target["pos"] = view_pos(win, scene_pos)

    return aim


def drag_from_palette(qtbot, win, drop_at, type_: str, scene_pos: QPointF) -> str:
    """Press on the palette entry and move: the list view starts a QDrag (patched to drop)."""
    drop_at(win, scene_pos)
    pal = win.palette_widget
    item = pal.item_for(type_)
    rect = pal.visualItemRect(item)
    start = rect.center()
    before = set(win.doc.circuit.node_ids())
    qtbot.mousePress(pal.viewport(), Qt.LeftButton, pos=start)
    for dx in (5, 15, 30, 60):
        qtbot.mouseMove(pal.viewport(), start + QPoint(dx, 0))
    qtbot.mouseRelease(pal.viewport(), Qt.LeftButton, pos=start + QPoint(60, 0))
    if set(win.doc.circuit.node_ids()) == before:  # the style needs a longer move: start it
        pal.setCurrentItem(item)
        pal.startDrag(Qt.CopyAction)
    (new,) = set(win.doc.circuit.node_ids()) - before
    return new


@pytest.mark.parametrize("type_", GATE_ORDER)
def test_drop_every_gate_type_from_the_palette(qtbot, window, drop_at, type_):
    nid = drag_from_palette(qtbot, window, drop_at, type_, QPointF(100, 60))
    assert window.doc.circuit.type_of(nid) == type_
    item = window.scene.nodes[nid]
    assert isinstance(item, NodeItem)
    assert abs(item.pos().x() - 100) <= 1 and abs(item.pos().y() - 60) <= 1
    assert window.doc.undo_stack.count() == 1
    window.doc.undo_stack.undo()
    assert nid not in window.doc.circuit and nid not in window.scene.nodes


def test_double_click_in_palette_adds_at_view_centre(qtbot, window):
    pal = window.palette_widget
    item = pal.item_for("sigmoid")
    centre = pal.visualItemRect(item).center()
    qtbot.mouseClick(pal.viewport(), Qt.LeftButton, pos=centre)
    qtbot.mouseDClick(pal.viewport(), Qt.LeftButton, pos=centre)
    ids = window.doc.circuit.node_ids()
    assert len(ids) == 1 and window.doc.circuit.type_of(ids[0]) == "sigmoid"


def _two_gates(window):
    c = window.controller
    a = c.add_gate("input", QPointF(-150, 0))
    b = c.add_gate("square", QPointF(100, 0))
    return a, b


def test_wire_two_gates_with_the_mouse(qtbot, window):
    a, b = _two_gates(window)
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, b, 0))
    c = window.doc.circuit
    assert c.source_at(b, 0) == a
    assert (b, 0) in window.scene.wire_items
    wire_item = window.scene.wire_items[(b, 0)]
    assert wire_item.value_label.text() == "0.00"  # an input starts at 0
    assert wire_item.grad_label.text() == "0.00"  # d(x²)/dx at 0


def test_wire_dragged_backwards_from_an_input_port(qtbot, window):
    a, b = _two_gates(window)
    drag_wire(qtbot, window, port_pos(window, b, 0), port_pos(window, a, None))
    assert window.doc.circuit.source_at(b, 0) == a


def test_refused_cycle_changes_nothing_and_says_why(qtbot, window):
    c = window.controller
    s1 = c.add_gate("sigmoid", QPointF(-100, 0))
    s2 = c.add_gate("sigmoid", QPointF(100, 0))
    drag_wire(qtbot, window, port_pos(window, s1, None), port_pos(window, s2, 0))
    before = window.doc.circuit.copy()
    count = window.doc.undo_stack.count()
    drag_wire(qtbot, window, port_pos(window, s2, None), port_pos(window, s1, 0))
    assert window.doc.circuit == before
    assert window.doc.undo_stack.count() == count
    assert "loop" in window.statusBar().currentMessage()
    assert len(window.scene.wire_items) == 1


def test_refused_output_to_output(qtbot, window):
    a, b = _two_gates(window)
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, b, None))
    assert list(window.doc.circuit.wires()) == []
    assert "Refused" in window.statusBar().currentMessage()


def test_dropping_on_an_occupied_port_replaces_in_one_step(qtbot, window):
    c = window.controller
    x = c.add_gate("input", QPointF(-200, -60))
    y = c.add_gate("input", QPointF(-200, 60))
    s = c.add_gate("square", QPointF(100, 0))
    drag_wire(qtbot, window, port_pos(window, x, None), port_pos(window, s, 0))
    n = window.doc.undo_stack.count()
    drag_wire(qtbot, window, port_pos(window, y, None), port_pos(window, s, 0))
    assert window.doc.circuit.source_at(s, 0) == y
    assert window.doc.undo_stack.count() == n + 1
    window.doc.undo_stack.undo()
    assert window.doc.circuit.source_at(s, 0) == x


def test_drag_wire_end_off_its_port_deletes_it(qtbot, window):
    a, b = _two_gates(window)
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, b, 0))
    empty = view_pos(window, QPointF(0, 250))
    drag_wire(qtbot, window, port_pos(window, b, 0), empty)
    assert list(window.doc.circuit.wires()) == []
    assert window.scene.wire_items == {}
    window.doc.undo_stack.undo()
    assert window.doc.circuit.source_at(b, 0) == a


def test_nary_gate_always_offers_one_free_port(qtbot, window):
    c = window.controller
    xs = [c.add_gate("input", QPointF(-250, y)) for y in (-100, 0, 100)]
    add = c.add_gate("add", QPointF(100, 0))
    assert sorted(window.scene.nodes[add].in_ports) == [0, 1]
    for i, x in enumerate(xs):
        drag_wire(qtbot, window, port_pos(window, x, None), port_pos(window, add, i))
        assert sorted(window.scene.nodes[add].in_ports) == list(range(max(2, i + 2)))
    assert window.doc.circuit.inputs_of(add) == {0: xs[0], 1: xs[1], 2: xs[2]}


def test_move_by_drag_is_one_undoable_command(qtbot, window):
    a, _b = _two_gates(window)
    item = window.scene.nodes[a]
    start = view_pos(window, item.scenePos() + QPointF(0, -15))
    end = start + QPoint(60, 40)
    drag_wire(qtbot, window, start, end)  # a press on the body moves the node
    assert window.doc.circuit.node(a).pos == (item.pos().x(), item.pos().y())
    assert window.doc.circuit.node(a).pos != (-150.0, 0.0)
    assert window.doc.undo_stack.count() == 3
    window.doc.undo_stack.undo()
    assert window.doc.circuit.node(a).pos == (-150.0, 0.0)
    assert (item.pos().x(), item.pos().y()) == (-150.0, 0.0)


def test_typing_a_value_changes_the_wire_label(qtbot, window):
    a, b = _two_gates(window)
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, b, 0))
    qtbot.mouseDClick(window.view.viewport(), Qt.LeftButton,
                      pos=view_pos(window, window.scene.nodes[a].scenePos()))
    edit = window.view.viewport().findChild(QLineEdit, "inlineEditor")
    assert edit is not None and edit.isVisible()
    edit.selectAll()
    qtbot.keyClicks(edit, "-3")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert window.doc.circuit.node(a).value == -3.0
    wire = window.scene.wire_items[(b, 0)]
    assert wire.value_label.text() == "-3.00"
    assert wire.grad_label.text() == "-6.00"
    assert window.scene.stub.value_label.text() == "9.00"
    qtbot.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert window.doc.circuit.node(a).value == 0.0
    assert wire.value_label.text() == "0.00"


def test_typing_garbage_is_refused_with_a_message(qtbot, window):
    a, _ = _two_gates(window)
    assert not window.controller.set_value_text(a, "two")
    assert window.doc.circuit.node(a).value == 0.0
    assert "not a number" in window.statusBar().currentMessage()


def test_wheel_scrubs_a_value_in_one_undo_step(qtbot, window):
    from PySide6.QtGui import QWheelEvent
    a, _ = _two_gates(window)
    vp = window.view.viewport()
    pos = QPointF(view_pos(window, window.scene.nodes[a].scenePos()))
    n = window.doc.undo_stack.count()
    for mods, expected in ((Qt.NoModifier, 1.0), (Qt.NoModifier, 2.0),
                           (Qt.ShiftModifier, 2.1)):
        ev = QWheelEvent(pos, QPointF(vp.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                         QPoint(0, 120), Qt.NoButton, mods, Qt.NoScrollPhase, False)
        QApplication.sendEvent(vp, ev)
        assert window.doc.circuit.node(a).value == pytest.approx(expected)
    assert window.doc.undo_stack.count() == n + 1
    window.doc.undo_stack.undo()
    assert window.doc.circuit.node(a).value == 0.0


def test_delete_key_removes_selection_and_undo_restores(qtbot, window):
    a, b = _two_gates(window)
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, b, 0))
    before = window.doc.circuit.copy()
    window.scene.select_ids([a])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Delete)
    assert a not in window.doc.circuit and list(window.doc.circuit.wires()) == []
    qtbot.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert window.doc.circuit == before
    assert window.doc.circuit.node_ids() == before.node_ids()
    assert (b, 0) in window.scene.wire_items


def test_title_shows_modified_star(qtbot, window):
    assert not window.isWindowModified()
    _two_gates(window)
    assert window.isWindowModified()
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert not window.isWindowModified()
