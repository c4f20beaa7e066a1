"""Edit-menu verbs and in-place editing, through the real widgets (issue 8).

Each verb that edits pushes exactly one undo step, and one undo brings back the very
same file (compared as saved text, so nothing the user would save is lost).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from chainwire.editor.controller import CLIP_MIME
from chainwire.editor.inline_edit import INLINE_NAME
from chainwire.editor.items.annotation import AnnotationItem
from chainwire.editor.items.node import NodeItem
from chainwire.editor.items.wire import WireItem
from chainwire.editor.style import GRID
from chainwire.editor.view import NUDGE_COARSE, NUDGE_FINE
from chainwire.graph import fileio
from chainwire.graph.layout import layout

from .conftest import view_pos


def snapshot(window) -> str:
    return fileio.dumps(window.doc.circuit)


def neuron_ish(window) -> dict[str, str]:
    """x, w → multiply → scale(c=2) → sigmoid, plus one annotation: a bit of everything."""
    c = window.controller
    ids = {"x": c.add_gate("input", QPointF(-300, -60)),
           "w": c.add_gate("input", QPointF(-300, 60)),
           "mul": c.add_gate("multiply", QPointF(-80, 0)),
           "scale": c.add_gate("scale", QPointF(100, 0)),
           "sig": c.add_gate("sigmoid", QPointF(260, 0))}
    c.connect_wire(ids["x"], ids["mul"], 0, None)
    c.connect_wire(ids["w"], ids["mul"], 1, None)
    c.connect_wire(ids["mul"], ids["scale"], 0, None)
    c.connect_wire(ids["scale"], ids["sig"], 0, None)
    c.add_annotation("the fork adds up", (0, 160))
    window.scene.clearSelection()
    return ids


def assert_one_undo_step(window, before_text: str, count_before: int) -> None:
    """The action pushed exactly one command, and undoing it restores the file."""
    stack = window.doc.undo_stack
    assert stack.count() == count_before + 1
    stack.undo()
    assert snapshot(window) == before_text
    assert set(window.scene.nodes) == set(window.doc.circuit.node_ids())


def assert_scene_matches_model(window) -> None:
    c = window.doc.circuit
    assert set(window.scene.nodes) == set(c.node_ids())
    for nid, item in window.scene.nodes.items():
        assert (item.pos().x(), item.pos().y()) == tuple(c.node(nid).pos)
    assert {(w.dst, w.port) for w in c.wires()} == set(window.scene.wire_items)


# ----- Select All ----------------------------------------------------------------------
@pytest.mark.parametrize("how", ["menu", "keys"])
def test_select_all_selects_nodes_wires_and_annotations(qtbot, window, how):
    ids = neuron_ish(window)
    n = window.doc.undo_stack.count()
    if how == "menu":
        assert window.act_select_all in window.edit_menu.actions()
        window.act_select_all.trigger()
    else:
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key_A, Qt.ControlModifier)
    scene = window.scene
    assert set(scene.selected_node_ids()) == set(ids.values())
    assert set(scene.selected_wires()) == set(window.doc.circuit.wires())
    assert scene.selected_annotations() == [0]
    kinds = {type(i) for i in scene.selectedItems()}
    assert {NodeItem, WireItem, AnnotationItem} <= kinds
    assert window.doc.undo_stack.count() == n  # selecting edits nothing
    assert window.inspector.title.text() == "5 nodes, 4 wires selected"


def test_select_all_then_delete_clears_everything_in_one_undo_step(qtbot, window):
    neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    window.act_select_all.trigger()
    window.act_delete.trigger()
    assert len(window.doc.circuit) == 0 and window.doc.circuit.annotations() == ()
    assert window.scene.nodes == {} and window.scene.annotation_items == []
    assert_one_undo_step(window, before, n)
    assert len(window.scene.annotation_items) == 1


# ----- cut, duplicate --------------------------------------------------------------------
def test_cut_puts_the_selection_on_the_clipboard_and_removes_it(qtbot, window):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    window.scene.select_ids([ids["mul"], ids["scale"]])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_X, Qt.ControlModifier)
    c = window.doc.circuit
    assert ids["mul"] not in c and ids["scale"] not in c
    assert ids["mul"] not in window.scene.nodes and ids["scale"] not in window.scene.nodes
    assert list(c.wires()) == []  # every wire touched a cut node
    mime = QGuiApplication.clipboard().mimeData()
    clip = fileio.loads(bytes(mime.data(CLIP_MIME)).decode("utf-8"))
    assert sorted(d.type for d in clip.nodes()) == ["multiply", "scale"]
    assert len(list(clip.wires())) == 1  # the wire between the two cut gates
    assert_scene_matches_model(window)
    assert_one_undo_step(window, before, n)


def test_duplicate_copies_the_selection_beside_itself(qtbot, window):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    window.scene.select_ids([ids["scale"]])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_D, Qt.ControlModifier)
    c = window.doc.circuit
    (new,) = set(c.node_ids()) - set(ids.values())
    assert c.type_of(new) == "scale" and c.node(new).param == c.node(ids["scale"]).param
    ox, oy = c.node(ids["scale"]).pos
    assert c.node(new).pos == (ox + 40, oy + 40)
    assert window.scene.selected_node_ids() == [new]  # the copy is what you move next
    assert_scene_matches_model(window)
    assert_one_undo_step(window, before, n)


# ----- nudge -------------------------------------------------------------------------------
@pytest.mark.parametrize(("key", "mods", "dx", "dy"), [
    (Qt.Key_Right, Qt.NoModifier, NUDGE_FINE, 0),
    (Qt.Key_Left, Qt.NoModifier, -NUDGE_FINE, 0),
    (Qt.Key_Up, Qt.NoModifier, 0, -NUDGE_FINE),
    (Qt.Key_Down, Qt.ShiftModifier, 0, NUDGE_COARSE),
])
def test_arrow_keys_nudge_the_selection(qtbot, window, key, mods, dx, dy):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    sel = [ids["x"], ids["mul"]]
    old = {nid: window.doc.circuit.node(nid).pos for nid in ids.values()}
    window.scene.select_ids(sel)
    window.scene.annotation_items[0].setSelected(True)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, mods)
    c = window.doc.circuit
    for nid in ids.values():
        ox, oy = old[nid]
        want = (ox + dx, oy + dy) if nid in sel else (ox, oy)
        assert c.node(nid).pos == want
    assert c.annotation(0).pos == (0 + dx, 160 + dy)
    assert_scene_matches_model(window)
    assert_one_undo_step(window, before, n)


def test_arrow_keys_nudge_a_grid_step_when_snapping(qtbot, window):
    ids = neuron_ish(window)
    window.act_snap.trigger()
    window.scene.select_ids([ids["sig"]])
    x, y = window.doc.circuit.node(ids["sig"]).pos
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Right)
    assert window.doc.circuit.node(ids["sig"]).pos == (x + GRID, y)


def test_arrow_keys_without_a_selection_edit_nothing(qtbot, window):
    neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    window.view.setFocus()
    for key in (Qt.Key_Right, Qt.Key_Down, Qt.Key_Left, Qt.Key_Up):
        qtbot.keyClick(window.view, key)
    assert window.doc.undo_stack.count() == n and snapshot(window) == before


# ----- auto layout ---------------------------------------------------------------------------
def test_auto_layout_from_the_edit_menu_is_one_undo_step(qtbot, window):
    ids = neuron_ish(window)
    c = window.controller
    for i, nid in enumerate(ids.values()):  # a mess: everything piled up diagonally
        c.move_nodes({nid: (window.doc.circuit.node(nid).pos, (i * 7.0, i * 5.0))})
    before, n = snapshot(window), window.doc.undo_stack.count()
    (action,) = [a for a in window.edit_menu.actions() if a.text() == "Auto &Layout"]
    action.trigger()
    want = layout(fileio.loads(before))
    for nid, pos in want.items():
        assert tuple(window.doc.circuit.node(nid).pos) == tuple(pos)
    assert_scene_matches_model(window)
    assert window.doc.undo_stack.undoText() == "Lay out"
    assert_one_undo_step(window, before, n)
    assert_scene_matches_model(window)
    window.doc.undo_stack.redo()
    count = window.doc.undo_stack.count()
    action.trigger()  # already laid out: says so, and adds no step
    assert window.doc.undo_stack.count() == count
    assert "nothing moved" in window.statusBar().currentMessage()


# ----- in-place editing ------------------------------------------------------------------------
def open_inline_editor(qtbot, window, node_id: str) -> QLineEdit:
    item = window.scene.nodes[node_id]
    centre = item.mapToScene(item.body_rect().center())
    qtbot.mouseDClick(window.view.viewport(), Qt.LeftButton, pos=view_pos(window, centre))
    edit = window.view.viewport().findChild(QLineEdit, INLINE_NAME)
    assert edit is not None and edit.isVisible() and edit.hasFocus()
    return edit


def type_into(qtbot, edit: QLineEdit, text: str, key=Qt.Key_Return) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, key)


def test_double_click_an_input_and_type_its_value(qtbot, window):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids["x"])
    assert edit.text() == repr(window.doc.circuit.node(ids["x"]).value)
    type_into(qtbot, edit, "2.5")
    assert window.doc.circuit.node(ids["x"]).value == 2.5
    assert window.scene.wire_items[(ids["mul"], 0)].value_label.text() == "2.50"
    assert window.scene.nodes[ids["x"]].look.value_text == "2.50"
    assert window.view.viewport().findChild(QLineEdit, INLINE_NAME) is None
    assert window.view.hasFocus()  # keys go back to the canvas
    assert_one_undo_step(window, before, n)
    assert window.scene.nodes[ids["x"]].look.value_text == "0.00"


def test_double_click_a_gate_with_a_constant_and_type_it(qtbot, window):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids["scale"])
    assert edit.text() == repr(window.doc.circuit.node(ids["scale"]).param)
    type_into(qtbot, edit, "3")
    assert window.doc.circuit.node(ids["scale"]).param == 3.0
    assert window.scene.nodes[ids["scale"]].look.symbol == "·3"
    assert_one_undo_step(window, before, n)
    assert window.scene.nodes[ids["scale"]].look.symbol != "·3"


def test_double_click_a_plain_gate_and_type_its_label(qtbot, window):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids["mul"])
    assert edit.text() == ""
    type_into(qtbot, edit, "q")
    assert window.doc.circuit.node(ids["mul"]).label == "q"
    assert window.scene.nodes[ids["mul"]].look.label == "q"
    assert_one_undo_step(window, before, n)
    assert window.scene.nodes[ids["mul"]].look.label == ""


@pytest.mark.parametrize("which", ["x", "scale", "mul"])
def test_escape_cancels_an_inline_edit_without_an_undo_step(qtbot, window, which):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids[which])
    type_into(qtbot, edit, "7", key=Qt.Key_Escape)
    assert window.view.viewport().findChild(QLineEdit, INLINE_NAME) is None
    assert snapshot(window) == before
    assert window.doc.undo_stack.count() == n


def test_enter_on_unchanged_text_adds_no_undo_step(qtbot, window):
    ids = neuron_ish(window)
    n = window.doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids["x"])
    qtbot.keyClick(edit, Qt.Key_Return)
    assert window.doc.undo_stack.count() == n


def test_refused_text_changes_nothing_and_says_why(qtbot, window):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids["x"])
    type_into(qtbot, edit, "two")
    assert snapshot(window) == before and window.doc.undo_stack.count() == n
    assert "not a number" in window.statusBar().currentMessage()


def test_escape_in_an_inline_edit_while_presenting_cancels_the_edit_only(qtbot, window):
    ids = neuron_ish(window)
    before, n = snapshot(window), window.doc.undo_stack.count()
    window.classroom.act_present.trigger()
    qtbot.wait(20)
    assert window.classroom.presenter.presenting
    edit = open_inline_editor(qtbot, window, ids["x"])
    type_into(qtbot, edit, "9", key=Qt.Key_Escape)
    assert window.classroom.presenter.presenting  # Esc did not also leave the presentation
    assert snapshot(window) == before and window.doc.undo_stack.count() == n
    window.classroom.act_leave.trigger()
    assert not window.classroom.presenter.presenting
