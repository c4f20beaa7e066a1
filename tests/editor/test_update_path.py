"""One way through the code (issue 8): every change reaches the screen by one path, and
every gesture is one undo step that one undo reverses exactly.

The checks compare the saved file text before and after, so "restores" means byte for
byte, annotations included.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPointF, Qt

from chainwire.editor import commands as cmd
from chainwire.editor.numbers import format_number
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import CircuitError

from .conftest import drag_wire, view_pos


def small() -> Circuit:
    c = Circuit()
    c.add_node("input", "x", label="x", value=-2.0, pos=(0, 0))
    c.add_node("input", "y", label="y", value=5.0, pos=(0, 120))
    c.add_node("add", "q", pos=(200, 60))
    c.add_node("square", "f", pos=(400, 60))
    c.connect("x", "q", 0)
    c.connect("y", "q", 1)
    c.connect("q", "f", 0)
    c.add_annotation("add distributes", (180, -80))
    c.add_annotation("square", (380, -80))
    return c


@pytest.fixture
def win(window):
    window.doc.replace(small(), None)
    window.view.set_zoom(1.0)
    window.view.centerOn(QPointF(200, 60))
    return window


def text(win) -> str:
    return fileio.dumps(win.doc.circuit)


def wire_label(win, dst: str, port: int, grad: bool = False) -> str:
    item = win.scene.wire_items[(dst, port)]
    return (item.grad_label if grad else item.value_label).text()


def one_step(win, before: str, count: int) -> None:
    """The gesture added exactly one undo entry, and undoing it restores the file."""
    stack = win.doc.undo_stack
    assert stack.count() == count + 1, [stack.text(i) for i in range(stack.count())]
    assert text(win) != before
    stack.undo()
    assert text(win) == before
    stack.redo()
    assert text(win) != before


# ----- one update path ------------------------------------------------------------------
def test_a_script_editing_the_circuit_updates_the_wires(win):
    c = win.doc.circuit
    c.set_value("x", 1.5)  # no command, no undo stack: still one batch → one evaluation
    assert wire_label(win, "q", 0) == "1.50"
    assert wire_label(win, "f", 0) == format_number(6.5)
    assert win.doc.evaluation.value("f") == pytest.approx(42.25)
    with c.transaction():  # a scripted structural edit
        c.disconnect("q", 1)
        c.add_node("input", "z", value=3.0, pos=(0, 240))
        c.connect("z", "q", 1)
        c.set_output("f")  # y is now a second sink
    assert wire_label(win, "q", 1) == "3.00"
    assert wire_label(win, "q", 1, grad=True) == format_number(2 * 4.5)


def test_each_command_updates_labels_in_one_pass_even_while_stepping(win):
    overlay = win.classroom.overlay
    overlay.set_stepping(True)
    overlay.go(overlay.last)  # everything shown
    passes = []
    orig = win.scene.labels._show_wires

    def spy(*args, **kwargs):
        passes.append(1)
        return orig(*args, **kwargs)

    win.scene.labels._show_wires = spy
    win.doc.push(cmd.SetValue(win.doc.circuit, "y", 1.0))
    assert len(passes) == 1
    assert wire_label(win, "q", 1) == "1.00"
    assert overlay.stepping and overlay.position == overlay.last


def test_the_document_is_the_only_listener_of_the_circuit(win):
    assert len(win.doc.circuit._listeners) == 1


def far_fragment() -> Circuit:
    c = Circuit()
    c.add_node("input", "a", value=1.0, pos=(0, 0))
    c.add_node("square", "b", pos=(1.7e308, 0))
    c.connect("a", "b", 0)
    return c


# ----- failed commands leave no trace -----------------------------------------------------
def test_a_failing_macro_is_rolled_back_and_not_pushed(win, monkeypatch):
    before, stack = text(win), win.doc.undo_stack
    c = win.doc.circuit
    macro = cmd.remove_selection(c, ["q"], [], [0])
    real = c.remove_annotation

    def boom(i):
        raise CircuitError("disk on fire")

    monkeypatch.setattr(c, "remove_annotation", boom)
    refused = []
    win.doc.refused.connect(refused.append)
    assert not win.doc.push(macro)
    assert stack.count() == 0 and text(win) == before
    assert refused and "disk on fire" in refused[0]
    assert set(win.scene.nodes) == {"x", "y", "q", "f"} and len(win.scene.wire_items) == 3
    monkeypatch.setattr(c, "remove_annotation", real)


@pytest.mark.parametrize("make", [
    lambda c: cmd.AddNode(c, "add", (0, 0), node_id="q"),  # id taken
    lambda c: cmd.Connect(c, "f", "q", 0),  # a loop
    lambda c: cmd.SetValue(c, "x", float("inf")),
    lambda c: cmd.SetOutput(c, "nope"),
    lambda c: cmd.MoveNodes(c, {"x": ((0, 0), (float("nan"), 0))}),
    lambda c: cmd.ChangeAnnotation(c, 0, "font_size", -3.0),
    lambda c: cmd.paste(c, far_fragment(), (1e308, 0))[0],  # the 2nd node overflows
])
def test_every_refused_command_leaves_no_entry_and_no_change(win, make):
    before = text(win)
    assert not win.doc.push(make(win.doc.circuit))
    assert win.doc.undo_stack.count() == 0
    assert text(win) == before


# ----- mixed selections: one gesture, one step ----------------------------------------------
def select(win, nodes=(), notes=()):
    win.scene.clearSelection()
    for n in nodes:
        win.scene.nodes[n].setSelected(True)
    for i in notes:
        win.scene.annotation_items[i].setSelected(True)


def test_delete_a_mixed_selection_is_one_step(win):
    before = text(win)
    select(win, ["q"], [0, 1])
    win.act_delete.trigger()
    assert "q" not in win.doc.circuit and win.doc.circuit.annotations() == ()
    assert win.scene.annotation_items == []
    one_step(win, before, 0)
    win.doc.undo_stack.undo()
    assert len(win.scene.annotation_items) == 2 and "q" in win.scene.nodes


def _drag(qtbot, win, item, dx: float, dy: float) -> None:
    centre = item.sceneBoundingRect().center()
    drag_wire(qtbot, win, view_pos(win, centre), view_pos(win, centre + QPointF(dx, dy)))


@pytest.mark.parametrize("grab", ["node", "annotation"])
def test_dragging_a_mixed_selection_moves_both_in_the_model(qtbot, win, grab):
    before = text(win)
    select(win, ["q"], [0])
    item = win.scene.nodes["q"] if grab == "node" else win.scene.annotation_items[0]
    _drag(qtbot, win, item, 40, 20)
    c = win.doc.circuit
    assert c.node("q").pos == pytest.approx((240, 80), abs=1)
    assert c.annotation(0).pos == pytest.approx((220, -60), abs=1)
    one_step(win, before, 0)
    assert "[220, -60]" not in before
    assert c.annotation(0).pos == pytest.approx((220, -60), abs=1)


def test_annotation_text_larger_on_two_is_one_step(win):
    before = text(win)
    select(win, [], [0, 1])
    win.classroom.act_note_bigger.trigger()
    assert [a.font_size for a in win.doc.circuit.annotations()] == [17.5, 17.5]
    assert [i.font_size for i in win.scene.annotation_items] == [17.5, 17.5]
    one_step(win, before, 0)


def test_nudge_moves_nodes_and_annotations_together(qtbot, win):
    before = text(win)
    select(win, ["x"], [1])
    win.view.setFocus()
    for _ in range(3):  # a held arrow key: one step
        win.controller.nudge(5, 0)
    assert win.doc.circuit.node("x").pos == (15, 0)
    assert win.doc.circuit.annotation(1).pos == (395, -80)
    one_step(win, before, 0)


def test_wire_drag_refusal_names_gates_by_label(qtbot, win):
    win.doc.circuit.set_label("q", "sum")
    msgs = []
    win.scene.status.connect(msgs.append)
    f, q = win.scene.nodes["f"], win.scene.nodes["q"]
    drag_wire(qtbot, win, view_pos(win, f.out_port.scenePos()),
              view_pos(win, q.in_ports[2].scenePos()))
    assert win.doc.undo_stack.count() == 0
    assert any("sum" in m for m in msgs if "loop" in m or "Refused" in m), msgs


def test_press_on_empty_canvas_then_release_pushes_nothing(qtbot, win):
    vp = win.view.viewport()
    p = view_pos(win, QPointF(600, 400))
    qtbot.mousePress(vp, Qt.LeftButton, pos=p)
    qtbot.mouseRelease(vp, Qt.LeftButton, pos=p)
    assert win.doc.undo_stack.count() == 0


# ----- every menu action: at most one step, and one undo restores the file -----------------
SKIP_WORDS = ("new", "open", "example", "recent", "quit", "close", "present", "save",
              "export", "print", "copy image", "about", "guide", "shortcut", "preferences",
              "check")
"""Actions that replace the document, leave the app, write files or only show a dialog."""


def menu_actions(win):
    seen = []

    def walk(menu):
        for a in menu.actions():
            if a.menu() is not None:
                walk(a.menu())
            elif not a.isSeparator() and a not in seen:
                seen.append(a)

    for top in win.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return seen


def test_every_menu_action_is_at_most_one_undo_step(win, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.Rejected)  # modal: cancelled
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("typed note", True)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("add", True)))
    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(lambda *a, **k: (2.0, True)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    stack = win.doc.undo_stack
    tried = 0
    assert win.act_find in menu_actions(win)  # Edit → Find…: selection and view only
    for action in menu_actions(win):
        if not shiboken6.isValid(action):  # a menu rebuilt itself (recent files)
            continue
        name = action.text().replace("&", "").lower()
        if any(w in name for w in SKIP_WORDS) or not action.isEnabled():
            continue
        # a fresh circuit and a mixed selection for every action: node, wire, annotation
        win.doc.replace(small(), None)
        select(win, ["q"], [0])
        win.scene.wire_items[("f", 0)].setSelected(True)
        before, count = text(win), stack.count()
        action.trigger()
        tried += 1
        grew = stack.count() - count
        assert grew in (0, 1), f"{name!r} pushed {grew} steps"
        if grew == 1 and not name.startswith(("undo", "redo")):
            stack.undo()
            assert text(win) == before, f"undoing {name!r} did not restore the file"
        if win.classroom.overlay.stepping:
            win.classroom.overlay.set_stepping(False)
    assert tried >= 20
