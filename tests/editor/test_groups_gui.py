"""Compound gates in the editor: Group into Gate, Expand, Collapse into Sigmoid (issue 9).

Driven through the real window: nodes selected on the scene, the Edit menu's actions
triggered, the name dialog answered. Asserted on the model and on what the scene shows
(items, the gate's symbol, the wire labels), and undo restores the saved file byte for
byte.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialog

from chainwire.editor.group_dialog import GroupDialog
from chainwire.graph import fileio
from chainwire.graph.expr import parse

PARTS = ["scale1", "exp1", "offset1", "sigmoid1"]


@pytest.fixture
def win(window):
    window.doc.replace(parse("sigmoid(w0*x0 + w1*x1 + w2)"), None)
    window.view.set_zoom(0.6)
    window.view.centerOn(QPointF(400, 0))
    return window


@pytest.fixture
def answer(monkeypatch):
    """The name dialog, answered as a user would: type a name and a symbol, press OK."""
    asked = []

    def exec_(dialog):
        asked.append(dialog.values())
        if not answer.name:
            return QDialog.Rejected
        dialog.name_edit.setText(answer.name)
        dialog.symbol_edit.setText(answer.symbol)
        return QDialog.Accepted

    monkeypatch.setattr(GroupDialog, "exec", exec_)
    answer.name, answer.symbol, answer.asked = "sigmoid", "σ", asked
    return answer


def select(win, ids):
    win.scene.clearSelection()
    for n in ids:
        win.scene.nodes[n].setSelected(True)


def text(win) -> str:
    return fileio.dumps(win.doc.circuit)


def labels(win, dst: str, port: int) -> tuple[str, str]:
    item = win.scene.wire_items[(dst, port)]
    return item.value_label.text(), item.grad_label.text()


def expand_sigmoid(win):
    select(win, ["sigmoid1"])
    assert win.act_expand.isEnabled() and not win.act_collapse.isEnabled()
    win.act_expand.trigger()


def test_expand_the_sigmoid_and_collapse_it_back(win):
    original, stack = text(win), win.doc.undo_stack
    into = labels(win, "sigmoid1", 0)
    expand_sigmoid(win)
    c = win.doc.circuit
    assert [c.type_of(n) for n in PARTS] == ["scale", "exp", "offset", "reciprocal"]
    assert set(PARTS) <= set(win.scene.nodes)
    assert win.scene.nodes["scale1"].look.symbol == "·(−1)"
    assert labels(win, "scale1", 0) == into  # the wire from w·x + b reads the same
    assert stack.count() == 1
    assert sorted(win.scene.selected_node_ids()) == sorted(PARTS)
    assert win.act_collapse.isEnabled() and win.act_group.isEnabled()
    win.act_collapse.trigger()
    assert c.type_of("sigmoid1") == "sigmoid" and "scale1" not in win.scene.nodes
    assert text(win) == original  # the parts were laid out around σ: it comes back there
    assert stack.count() == 2
    stack.undo()
    assert c.type_of("sigmoid1") == "reciprocal"
    stack.undo()
    assert text(win) == original


def test_group_the_parts_into_one_gate_one_undo_step(win, answer):
    expand_sigmoid(win)
    stack = win.doc.undo_stack
    select(win, PARTS)
    before, into = text(win), labels(win, "scale1", 0)
    win.act_group.trigger()
    assert answer.asked == [("group", "g")]  # the dialog's defaults
    c = win.doc.circuit
    assert c.type_of("sigmoid1") == "group" and c.port_count("sigmoid1") == 1
    assert "scale1" not in c and "scale1" not in win.scene.nodes
    item = win.scene.nodes["sigmoid1"]
    assert item.look.symbol == "σ" and item.look.in_ports == (0,)
    assert labels(win, "sigmoid1", 0) == into  # the outer numbers are the parts' numbers
    assert stack.count() == 2 and stack.text(1) == "Group into sigmoid"
    assert win.scene.selected_node_ids() == ["sigmoid1"]
    assert win.act_expand.isEnabled() and win.act_collapse.isEnabled()
    reloaded = fileio.loads(text(win))
    assert reloaded == c and fileio.dumps(reloaded) == text(win)
    stack.undo()
    assert text(win) == before
    stack.redo()
    assert c.type_of("sigmoid1") == "group"
    select(win, ["sigmoid1"])
    win.act_expand.trigger()  # the group's parts come back where they were
    assert text(win) == before and stack.count() == 3


def test_group_refusals_leave_no_undo_entry(win, answer):
    stack = win.doc.undo_stack
    select(win, ["multiply1", "multiply2"])  # two ends: a group has one output
    win.act_group.trigger()
    assert stack.count() == 0 and win.doc.circuit.type_of("multiply1") == "multiply"
    assert "a group has one output" in win.statusBar().currentMessage()
    answer.name = ""  # cancelled
    select(win, ["multiply1"])
    win.act_group.trigger()
    assert stack.count() == 0
    select(win, ["w0"])
    assert not win.act_group.isEnabled() and not win.act_expand.isEnabled()


def test_nested_groups_copy_paste_and_undo(win, answer):
    select(win, ["multiply1", "multiply2", "add1"])
    win.act_group.trigger()
    c, stack = win.doc.circuit, win.doc.undo_stack
    assert c.type_of("add1") == "group" and c.port_count("add1") == 5
    answer.name, answer.symbol = "neuron", "n"
    select(win, ["add1", "sigmoid1"])
    win.act_group.trigger()
    assert c.type_of("sigmoid1") == "group" and c.node("sigmoid1").param.depth == 2
    assert win.scene.nodes["sigmoid1"].look.in_ports == (0, 1, 2, 3, 4)
    f = win.doc.evaluation.raw_value("sigmoid1")
    saved = text(win)
    win.scene.clearSelection()
    for item in win.scene.nodes.values():
        item.setSelected(True)
    win.act_copy.trigger()
    win.controller.paste(QPointF(400, 600))
    assert stack.count() == 3
    copies = [n for n in c.node_ids() if n not in fileio.loads(saved)]
    group = next(n for n in copies if c.type_of(n) == "group")
    assert c.node(group).param == c.node("sigmoid1").param
    assert win.doc.evaluation.raw_value(group) == f
    assert win.scene.nodes[group].look.symbol == "n"
    stack.undo()
    assert text(win) == saved
    stack.undo()
    stack.undo()
    assert c.type_of("sigmoid1") == "sigmoid" and c.type_of("add1") == "add"


def test_the_shortcuts_and_the_context_menu(win, answer, qtbot):
    select(win, ["sigmoid1"])
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    assert win.doc.circuit.type_of("sigmoid1") == "reciprocal"
    qtbot.keyClick(win.view, Qt.Key_G, Qt.ControlModifier)
    assert win.doc.circuit.type_of("sigmoid1") == "group"
    win._context_menu("node", "sigmoid1", win.mapToGlobal(win.rect().center()),
                      QPointF(0, 0))
    assert win.act_expand in win._last_menu.actions()
    win._last_menu.close()


def test_the_inspector_shows_a_groups_name_symbol_and_ports(win, answer):
    select(win, ["multiply1", "multiply2", "add1"])
    answer.name, answer.symbol = "dot product", "·"
    win.act_group.trigger()
    ins = win.inspector
    assert ins.group_out.text() == "dot product (·): 5 input(s), 3 part(s)"
    assert ins.form.isRowVisible(ins.group_out) and not ins.form.isRowVisible(ins.param_edit)
    select(win, ["sigmoid1"])
    assert not ins.form.isRowVisible(ins.group_out)


def test_step_inside_groups_from_the_view_menu(win, answer):
    expand_sigmoid(win)
    select(win, PARTS)
    win.act_group.trigger()
    cl = win.classroom
    cl.overlay.set_stepping(True)
    plain = len(cl.overlay.seq)
    step_inside = cl.presenter.act_step_inside
    assert step_inside in [a for m in win.view_menu.findChildren(type(win.view_menu))
                           for a in m.actions()]
    step_inside.trigger()
    assert len(cl.overlay.seq) == plain + 2 * 4  # each part once forward, once backward
    cl.overlay.go(1)
    while cl.overlay.step.inner is None or cl.overlay.step.inner.part != "exp1":
        cl.overlay.next()
    step = cl.overlay.step
    assert step.node == "sigmoid1" and step.phase == "forward"
    assert win.badge.text() == "forward 5 / 8 · sigmoid1\ninside: exp1 = exp (-3.00) = 0.05"
    step_inside.trigger()
    assert len(cl.overlay.seq) == plain and win.doc.undo_stack.count() == 2


def test_a_group_cannot_be_added_empty(win):
    assert win.controller.add_gate("group", QPointF(0, 0)) is None
    assert win.doc.undo_stack.count() == 0
    assert "Group into Gate" in win.statusBar().currentMessage()
