"""Hostile gestures against compound gates and arrays in the editor (issue 9, hardening).

Driven through the real window: a selection made on the scene, the Edit menu's actions,
the name dialog answered, the clipboard, File → Open, the inspector. For every refusal:
a message in the status bar or a dialog, the open document unchanged byte for byte, no
undo entry. For every edit: one undo step, and the scene shows exactly the model.
"""

from __future__ import annotations

import json
import random

import pytest
from PySide6.QtCore import QMimeData, QPointF
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from chainwire.editor.controller import CLIP_MIME
from chainwire.editor.group_dialog import GroupDialog
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.expr import parse
from chainwire.graph.fileio.groups import group_entry
from chainwire.graph.groups import parts_def


@pytest.fixture
def win(window):
    window.doc.replace(parse("sigmoid(w0*x0 + w1*x1 + w2)"), None)
    return window


@pytest.fixture
def answer(monkeypatch):
    """The name dialog answered as a user would (``answer.name = ""``: Cancel)."""
    def exec_(dialog):
        answer.asked += 1
        if not answer.name:
            return QDialog.Rejected
        dialog.name_edit.setText(answer.name)
        dialog.symbol_edit.setText(answer.symbol)
        return QDialog.Accepted

    monkeypatch.setattr(GroupDialog, "exec", exec_)
    answer.name, answer.symbol, answer.asked = "grp", "G", 0
    return answer


def select(win, ids) -> None:
    win.scene.clearSelection()
    for n in ids:
        win.scene.nodes[n].setSelected(True)


def text(win) -> str:
    return fileio.dumps(win.doc.circuit)


def status(win) -> str:
    return win.statusBar().currentMessage()


def scene_matches_model(win) -> None:
    c = win.doc.circuit
    assert set(win.scene.nodes) == set(c.node_ids())
    assert set(win.scene.wire_items) == {(w.dst, w.port) for w in c.wires()}
    for n in c.node_ids():
        if c.type_of(n) == "group":
            assert win.scene.nodes[n].look.symbol == c.node(n).param.symbol


def refused(win, act, needle: str) -> None:
    """``act`` says ``needle`` and changes nothing: same file text, no undo entry."""
    before, count = text(win), win.doc.undo_stack.count()
    act()
    assert needle in status(win)
    assert text(win) == before and win.doc.undo_stack.count() == count
    scene_matches_model(win)


# ----- refused selections ------------------------------------------------------------------
def test_grouping_nothing_or_only_inputs_is_refused_before_asking(win, answer):
    win.scene.clearSelection()
    assert not win.act_group.isEnabled()
    refused(win, win.group_selection, "Select the gates to group")
    select(win, ["w0", "x0"])
    refused(win, win.group_selection, "Select the gates to group")
    assert answer.asked == 0


@pytest.mark.parametrize("ids", [["multiply1", "sigmoid1"], ["multiply1", "multiply2"],
                                 ["w0", "multiply2"]],
                         ids=["two-branches", "two-ends", "input-and-far-gate"])
def test_a_disconnected_selection_is_refused_with_the_reason(win, answer, ids):
    select(win, ids)
    refused(win, win.act_group.trigger, "Cannot group: a group has one output")


def test_a_selection_with_two_outputs_is_refused(window, answer):
    c = Circuit()
    c.add_node("input", "x", value=0.5, pos=(0, 0))
    c.add_node("exp", "e", pos=(100, 0))
    c.add_node("square", "s", pos=(200, 0))
    c.add_node("add", "a", pos=(300, 0))
    c.connect("x", "e", 0)
    c.connect("e", "s", 0)
    c.connect("e", "a", 0)  # e feeds the rest of the circuit too
    c.connect("s", "a", 1)
    window.doc.replace(c, None)
    select(window, ["e", "s"])
    refused(window, window.act_group.trigger, "a group has one output")


def test_cancelling_the_name_dialog_leaves_no_trace(win, answer):
    answer.name = ""
    select(win, ["sigmoid1"])
    before = text(win)
    win.act_group.trigger()
    assert answer.asked == 1 and text(win) == before and win.doc.undo_stack.count() == 0


def test_the_dialog_refuses_a_blank_name_and_cuts_long_ones(qtbot, win):
    dialog = GroupDialog(win)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.name_edit.setText("   ")
    assert not ok.isEnabled()
    dialog.name_edit.setText("n" * 100)
    dialog.symbol_edit.setText("σ" * 100)
    assert ok.isEnabled() and dialog.values() == ("n" * 40, "σ" * 8)


# ----- accepted gestures keep the numbers ------------------------------------------------------
@pytest.mark.parametrize("which", ["output", "everything"])
def test_grouping_the_output_or_everything_is_one_undo_step(win, answer, which):
    c, stack = win.doc.circuit, win.doc.undo_stack
    f = win.doc.evaluation.raw_value("sigmoid1")
    before = text(win)
    select(win, ["sigmoid1"] if which == "output" else c.node_ids())
    win.act_group.trigger()
    assert c.type_of("sigmoid1") == "group" and c.output == "sigmoid1"
    assert win.doc.evaluation.raw_value("sigmoid1") == f and stack.count() == 1
    scene_matches_model(win)
    assert win.scene.nodes["sigmoid1"].look.symbol == "G"
    stack.undo()
    assert text(win) == before
    scene_matches_model(win)


def _group_file(extra_nodes=(), part_pos=None) -> str:
    entry = group_entry(parts_def("sigmoid"))
    if part_pos is not None:
        entry["nodes"][2]["pos"] = part_pos
    return json.dumps({"format": "chainwire", "version": 2, "output": "g",
                       "nodes": [{"id": "x", "type": "input", "value": 0.5, "pos": [0, 0]},
                                 {"id": "g", "type": "group", "pos": [200, 0],
                                  "group": entry}, *extra_nodes],
                       "wires": [{"from": "x", "to": "g", "port": 0}]})


def test_expanding_where_the_part_ids_are_taken_gives_fresh_ids(window):
    clash = [{"id": n, "type": t, "pos": [0, 100 * i + 100]} for i, (n, t) in
             enumerate([("scale1", "exp"), ("exp1", "exp"), ("offset1", "exp")])]
    window.doc.replace(fileio.loads(_group_file(clash)), None)
    c, stack = window.doc.circuit, window.doc.undo_stack
    f, before = window.doc.evaluation.raw_value("g"), text(window)
    select(window, ["g"])
    window.act_expand.trigger()
    assert stack.count() == 1 and c.type_of("g") == "reciprocal"
    assert [c.type_of(n) for n in ("scale1", "exp1", "offset1")] == ["exp"] * 3
    assert window.doc.evaluation.raw_value("g") == f
    scene_matches_model(window)
    stack.undo()
    assert text(window) == before


def test_expanding_parts_too_far_out_to_draw_is_refused(window):
    window.doc.replace(fileio.loads(_group_file(part_pos=[1e300, 0])), None)
    select(window, ["g"])
    refused(window, window.act_expand.trigger, "Cannot expand: its part 'exp1' would be at")


def test_an_undo_redo_storm_keeps_the_scene_equal_to_the_model(win, answer):
    stack = win.doc.undo_stack
    texts = [text(win)]
    select(win, ["sigmoid1"])
    win.act_expand.trigger()
    texts.append(text(win))
    select(win, ["scale1", "exp1", "offset1", "sigmoid1"])
    win.act_group.trigger()
    texts.append(text(win))
    select(win, ["multiply1", "multiply2", "add1"])
    win.act_group.trigger()
    texts.append(text(win))
    select(win, ["add1", "sigmoid1"])
    win.act_group.trigger()  # nested: a group holding a group
    texts.append(text(win))
    assert stack.count() == 4
    rng = random.Random(9)
    for _ in range(60):
        if rng.random() < 0.5 and stack.canUndo():
            stack.undo()
        elif stack.canRedo():
            stack.redo()
        assert text(win) == texts[stack.index()]
        scene_matches_model(win)
    while stack.canUndo():
        stack.undo()
    assert text(win) == texts[0]


def test_a_copied_group_pastes_into_a_circuit_holding_its_ids(win, answer):
    select(win, ["multiply1", "multiply2", "add1", "sigmoid1"])
    win.act_group.trigger()
    c, stack = win.doc.circuit, win.doc.undo_stack
    f = win.doc.evaluation.raw_value("sigmoid1")
    select(win, c.node_ids())
    win.act_copy.trigger()
    for i in range(2):  # every id of the clipboard is taken, twice over
        ids = win.controller.paste(QPointF(0, 400 + 300 * i))
        assert len(ids) == 6 and stack.count() == 2 + i
        group = next(n for n in ids if c.type_of(n) == "group")
        assert c.node(group).param == c.node("sigmoid1").param
        assert win.doc.evaluation.raw_value(group) == f
    assert len(set(c.node_ids())) == len(c) == 18
    scene_matches_model(win)


HOSTILE_CLIPS = {
    "loop inside a group": lambda e: e["wires"].append(
        {"from": e["output"], "to": e["nodes"][1]["id"], "port": 1}),
    "port not an input": lambda e: e.__setitem__("ports", ["exp1"]),
    "nine deep": None,
}


@pytest.mark.parametrize("case", list(HOSTILE_CLIPS))
def test_a_hostile_group_on_the_clipboard_is_refused(win, case):
    entry = group_entry(parts_def("sigmoid"))
    if HOSTILE_CLIPS[case] is None:
        for _ in range(9):
            entry = {"name": "n", "symbol": "n", "ports": ["p"], "output": "s",
                     "nodes": [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]},
                               {"id": "s", "type": "group", "pos": [0, 0], "group": entry}],
                     "wires": [{"from": "p", "to": "s", "port": 0}]}
    else:
        HOSTILE_CLIPS[case](entry)
    clip = json.dumps({"format": "chainwire", "version": 2, "nodes": [
        {"id": "g", "type": "group", "pos": [0, 0], "group": entry}]})
    mime = QMimeData()
    mime.setData(CLIP_MIME, clip.encode())
    QGuiApplication.clipboard().setMimeData(mime)
    refused(win, lambda: win.controller.paste(QPointF(0, 0)), "Cannot paste: clipboard: ")


@pytest.mark.parametrize("change, needle", [
    (lambda t: t.replace('"ports": ["x1"]', '"ports": ["nope"]'), "port 'nope'"),
    (lambda t: t.replace('"version": 2', '"version": 2.5'), '"version" must be a whole'),
    (lambda t: t.replace('"value": 0.5', '"value": [[1, 2], [3]]'), "row 2 has 1 number"),
    (lambda t: t.replace('"value": 0.5', '"value": [[[1]]]'), "at most 2 dimensions"),
], ids=["group-port", "version", "ragged", "3-D"])
def test_opening_a_hostile_file_keeps_the_open_circuit(win, no_dialogs, tmp_path, change,
                                                       needle):
    path = tmp_path / "bad.chainwire"
    path.write_text(change(_group_file()), encoding="utf-8")
    before = text(win)
    assert not win.open_path(str(path), ask=False)
    assert no_dialogs and no_dialogs[-1][0] == "critical" and needle in no_dialogs[-1][1]
    assert text(win) == before and win.doc.undo_stack.count() == 0
    scene_matches_model(win)


@pytest.mark.parametrize("typed, says", [
    ("[[1, 2], [3]]", "row 2 has 1 number"), ('["a"]', "not a number"),
    ("[true]", "true, not a number"), ("[null]", "null, not a number"),
    ("[NaN]", "not a finite number"), ("[[[1]]]", "at most 2 dimensions"),
    ("[" * 100_000, "at most 2 dimensions"), ("[" + "9" * 5000 + "]", "too large"),
    ("__import__('os')", "not a number or a list of numbers"),
])
def test_the_inspector_refuses_a_hostile_typed_value(win, typed, says):
    select(win, ["w0"])
    field = win.inspector.value_edit
    before, count = text(win), win.doc.undo_stack.count()
    field.setText(typed)
    field.editingFinished.emit()
    assert says in status(win) and "sys.set_int_max_str_digits" not in status(win)
    assert text(win) == before and win.doc.undo_stack.count() == count


def test_grouping_a_group_already_eight_deep_is_refused(window, answer):
    entry = group_entry(parts_def("sigmoid"))
    for _ in range(7):  # with the node's own group: eight deep, the most a file may hold
        entry = {"name": "n", "symbol": "n", "ports": ["p"], "output": "s",
                 "nodes": [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]},
                           {"id": "s", "type": "group", "pos": [0, 0], "group": entry}],
                 "wires": [{"from": "p", "to": "s", "port": 0}]}
    data = json.loads(_group_file())
    data["nodes"][1]["group"] = entry
    window.doc.replace(fileio.loads(json.dumps(data)), None)
    select(window, ["g"])
    refused(window, window.act_group.trigger, "groups are nested more than 8 deep")
    window.classroom.presenter.act_step_inside.trigger()  # stepping 8 groups deep works
    window.classroom.overlay.set_stepping(True)
    assert len(window.classroom.overlay.seq) > 2 * 8
    window.classroom.overlay.set_stepping(False)
    window.classroom.presenter.act_step_inside.trigger()


def test_grouping_twenty_thousand_nodes_is_one_undo_step(window):
    """Quadratic before: the group command found each removed node's place with
    list.index, and its undo reconnected the chain from the bottom, each wire's loop check
    searching the whole chain below it (past the test timeout)."""
    from chainwire.editor.commands_group import group_command

    c = Circuit()
    c.add_node("input", "x", value=0.1, pos=(0, 0))
    prev = "x"
    for i in range(20_000):
        prev_id = prev
        prev = c.add_node("scale", f"g{i}", param=-0.5, pos=(10.0 * i, 0))
        c.connect(prev_id, prev, 0)
    window.doc.replace(c, None)
    c = window.doc.circuit
    before = text(window)
    macro, _edit = group_command(c, c.node_ids()[1:], "chain", "c")
    window.doc.push(macro)
    assert len(c) == 2 and window.doc.undo_stack.count() == 1
    assert window.doc.evaluation.raw_value(prev) == pytest.approx(0.1 * 0.5 ** 20_000 or 0.0)
    window.doc.undo_stack.undo()
    assert text(window) == before


def test_exporting_a_huge_group_as_python_is_refused_with_a_message(window, monkeypatch,
                                                                     tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from tests.graph.test_hardening_arrays_groups import chain_group_file

    window.doc.replace(fileio.loads(json.dumps(chain_group_file(3000))), None)
    target = tmp_path / "chain.py"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    before = text(window)
    window.code_export.action.trigger()
    assert not target.exists()
    assert "Could not export: the chain group is too large to write as code" in status(window)
    assert text(window) == before and window.doc.undo_stack.count() == 0
