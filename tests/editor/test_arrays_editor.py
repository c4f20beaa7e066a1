"""Arrays in the editor (issue 9, items 4 and 6): a student builds D = W·X and f = sum(D)
with the real widgets, types matrices, reads shapes and previews on the wires, the full
arrays in the inspector, the vectorized callouts in the step-through; a wire whose shapes
do not fit is refused at the drop; a value edit that breaks a gate downstream marks it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLineEdit

from chainwire.editor.inline_edit import INLINE_NAME
from chainwire.editor.items.callout import CalloutItem
from chainwire.editor.items.node import PROBLEM_MARK
from chainwire.editor.numbers import format_value

from .conftest import drag_wire, port_pos, view_pos

W = [[1, 2, 3], [4, 5, 6]]
X = [[1, 2], [3, 4], [5, 6]]


def build_wx(window, wire_sum: bool = True) -> dict[str, str]:
    """W (2×3) and X (3×2) into a matmul D, summed to f: the notes' snippet."""
    c = window.controller
    ids = {"W": c.add_gate("input", QPointF(-380, -140)),
           "X": c.add_gate("input", QPointF(-380, 140)),
           "D": c.add_gate("matmul", QPointF(0, 0))}
    assert c.set_value_text(ids["W"], str(W))
    assert c.set_value_text(ids["X"], str(X))
    c.connect_wire(ids["W"], ids["D"], 0, None)
    c.connect_wire(ids["X"], ids["D"], 1, None)
    if wire_sum:
        ids["f"] = c.add_gate("sum", QPointF(380, 0))
        c.connect_wire(ids["D"], ids["f"], 0, None)
    for name, nid in ids.items():  # callouts name wires by their sources' labels
        c.set_label(nid, name)
    window.scene.clearSelection()
    return ids


def open_inline_editor(qtbot, window, node_id: str) -> QLineEdit:
    item = window.scene.nodes[node_id]
    centre = item.mapToScene(item.body_rect().center())
    qtbot.mouseDClick(window.view.viewport(), Qt.LeftButton, pos=view_pos(window, centre))
    edit = window.view.viewport().findChild(QLineEdit, INLINE_NAME)
    assert edit is not None and edit.hasFocus()
    return edit


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key_Return)


def test_wires_show_shape_and_preview_for_value_and_gradient(qtbot, window):
    ids = build_wx(window)
    items = window.scene.wire_items
    w_wire = items[(ids["D"], 0)]
    assert w_wire.value_label.text().split("\n") == [
        "(2×3)", "[1.00  2.00  3.00]", "[4.00  5.00  6.00]"]
    # dW = dD·Xᵀ with dD all ones: every row is X's row sums
    assert w_wire.grad_label.text().split("\n") == [
        "(2×3)", "[3.00  7.00  11.00]", "[3.00  7.00  11.00]"]
    assert items[(ids["f"], 0)].value_label.text().startswith("(2×2)\n[22.00  28.00]")
    assert window.scene.stub.value_label.text() == "163.00"  # sum(W·X)
    assert window.scene.nodes[ids["W"]].look.value_text == "(2×3)"  # the pill: its shape
    # labels of several lines stay clear of each other and of the gates
    rects = [lab.sceneBoundingRect() for it in items.values()
             for lab in (it.value_label, it.grad_label)]
    for i, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[i + 1:])
        assert not any(a.intersects(n.mapRectToScene(n.body_rect()))
                       for n in window.scene.nodes.values())


def test_an_array_output_says_its_gradients_are_those_of_sum_f(qtbot, window):
    build_wx(window, wire_sum=False)
    stub = window.scene.stub
    assert stub.value_label.text().startswith("(2×2)\n[22.00  28.00]")
    assert stub.grad_label.text().split("\n") == [
        "∂ sum(f)", "(2×2)", "[1.00  1.00]", "[1.00  1.00]"]


def test_type_a_matrix_in_place_and_undo_it(qtbot, window):
    ids = build_wx(window)
    doc = window.doc
    n = doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids["W"])
    assert edit.text() == "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"
    type_into(qtbot, edit, "[[0, 1, 0], [1, 0, -1]]")
    assert doc.circuit.node(ids["W"]).value.tolist() == [[0, 1, 0], [1, 0, -1]]
    assert doc.undo_stack.count() == n + 1
    label = window.scene.wire_items[(ids["D"], 0)].value_label.text()
    assert label == format_value(np.array([[0.0, 1, 0], [1, 0, -1]]))
    qtbot.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert doc.circuit.node(ids["W"]).value.tolist() == W


@pytest.mark.parametrize(("text", "says"), [
    ("[[1, 2], [3]]", "row 2 has 1 number"), ("[1, 2", "list"), ("two", "not a number")])
def test_a_bad_value_is_refused_with_a_message_and_no_undo_entry(qtbot, window, text, says):
    ids = build_wx(window)
    n = window.doc.undo_stack.count()
    edit = open_inline_editor(qtbot, window, ids["X"])
    type_into(qtbot, edit, text)
    assert window.doc.circuit.node(ids["X"]).value.tolist() == X
    assert window.doc.undo_stack.count() == n
    assert says in window.statusBar().currentMessage()


def test_the_inspector_shows_whole_arrays_and_takes_a_typed_list(qtbot, window):
    ids = build_wx(window)
    window.scene.select_ids([ids["W"]])
    ins = window.inspector
    assert ins.value_table.isVisibleTo(ins) and ins.grad_table.isVisibleTo(ins)
    model = ins.value_table.array_model
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert ins.value_table.cell_text(1, 2) == "6.00"
    assert ins.grad_table.cell_text(0, 2) == "11.00"
    assert ins.value_edit.text() == "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"
    # type a 4×4 into the inspector's field: one undo step, a larger table
    n = window.doc.undo_stack.count()
    ins.value_edit.setText(str(np.arange(16.0).reshape(4, 4).tolist()))
    ins.value_edit.editingFinished.emit()
    assert window.doc.undo_stack.count() == n + 1
    assert ins.value_table.array_model.rowCount() == 4
    assert ins.value_table.cell_text(3, 3) == "15.00"
    # a scalar input hides the tables again
    a = window.controller.add_gate("input", QPointF(-380, 400))
    window.scene.select_ids([a])
    assert not ins.value_table.isVisibleTo(ins) and not ins.grad_table.isVisibleTo(ins)


def test_a_large_array_scrolls_in_its_table(qtbot, window):
    c = window.controller
    a = c.add_gate("input", QPointF(0, 0))
    assert c.set_value_text(a, str(np.arange(400.0).reshape(20, 20).tolist()))
    window.scene.select_ids([a])
    table = window.inspector.value_table
    assert table.array_model.rowCount() == 20 and table.cell_text(19, 19) == "399.00"
    assert table.verticalScrollBar().maximum() > 0  # taller than its room: it scrolls
    assert window.scene.nodes[a].look.value_text == "(20×20)"


def test_wiring_incompatible_shapes_is_refused_at_the_drop(qtbot, window):
    c = window.controller
    ids = {"W": c.add_gate("input", QPointF(-300, -80)),
           "V": c.add_gate("input", QPointF(-300, 80)),
           "D": c.add_gate("matmul", QPointF(0, 0))}
    c.set_value_text(ids["W"], str(W))
    c.set_value_text(ids["V"], str(W))  # (2×3) again: W·V does not fit
    c.connect_wire(ids["W"], ids["D"], 0, None)
    n = window.doc.undo_stack.count()
    drag_wire(qtbot, window, port_pos(window, ids["V"], None), port_pos(window, ids["D"], 1))
    assert window.doc.circuit.source_at(ids["D"], 1) is None
    assert (ids["D"], 1) not in window.scene.wire_items
    assert window.doc.undo_stack.count() == n
    said = window.statusBar().currentMessage()
    assert "Refused" in said and "(2×3)·(3×k)" in said and "(2×3) and (2×3)" in said


def test_a_value_edit_that_breaks_a_gate_marks_it_and_its_wires(qtbot, window):
    ids = build_wx(window)
    scene = window.scene
    edit = open_inline_editor(qtbot, window, ids["X"])
    type_into(qtbot, edit, "[[1, 2], [3, 4]]")  # (2×2): W (2×3)·X no longer fits
    assert window.doc.circuit.node(ids["X"]).value.shape == (2, 2)
    gate = scene.nodes[ids["D"]]
    assert "matmul needs (2×3)·(3×k): got (2×3) and (2×2)" in gate.look.problem
    assert gate.toolTip() == gate.look.problem and PROBLEM_MARK == "⚠"
    for port in (0, 1):
        wire = scene.wire_items[(ids["D"], port)]
        assert wire.problem == gate.look.problem and wire.toolTip() == wire.problem
    assert scene.wire_items[(ids["f"], 0)].value_label.text() == "?"
    assert window.scene.nodes[ids["f"]].look.problem == ""  # only the cause is marked
    # still editable: fix X by typing again, and the marks go
    edit = open_inline_editor(qtbot, window, ids["X"])
    type_into(qtbot, edit, "[[1], [2], [3]]")
    assert gate.look.problem == "" and gate.toolTip() == ""
    assert scene.wire_items[(ids["D"], 1)].problem == ""
    assert scene.stub.value_label.text() == "46.00"  # [1,2,3]·[1,2,3] + [4,5,6]·[1,2,3]


def _step_to_gate(overlay, gate: str) -> None:
    overlay.set_stepping(True)
    for pos in range(overlay.last + 1):
        overlay.go(pos)
        if overlay.step.phase == "backward" and overlay.step.node == gate:
            return
    raise AssertionError(f"no backward step at {gate}")


def test_the_matmul_backward_step_reads_like_the_notes(qtbot, window):
    ids = build_wx(window)
    overlay = window.classroom.overlay
    _step_to_gate(overlay, ids["D"])
    texts = sorted(i.text for i in window.scene.items()
                   if isinstance(i, CalloutItem) and i.kind == "callout")
    assert texts == ["dW = dD · Xᵀ   (2×3) = (2×2)·(3×2)ᵀ",
                     "dX = Wᵀ · dD   (3×2) = (2×3)ᵀ·(2×2)"]
    # the wires still show the whole arrays while the callouts explain them
    grad = window.scene.wire_items[(ids["D"], 0)].grad_label
    assert grad.isVisible() and grad.text().startswith("(2×3)\n[3.00  7.00  11.00]")
    _step_to_gate(overlay, ids["f"])
    texts = [i.text for i in window.scene.items() if isinstance(i, CalloutItem)
             and i.kind == "callout"]
    assert texts == ["dD = df in every element   (2×2) = ones(2×2) · scalar"]


def test_quiz_hides_and_reveals_array_labels(qtbot, window):
    ids = build_wx(window)
    overlay = window.classroom.overlay
    label = window.scene.wire_items[(ids["D"], 0)].grad_label
    shown = label.text()
    overlay.hide_all(True)
    assert label.text() == "?"
    overlay.reveal_all()
    assert label.text() == shown and "(2×3)" in shown


def test_svg_export_carries_the_array_labels(qtbot, window, tmp_path):
    from chainwire.editor import export

    build_wx(window)
    out = tmp_path / "wx.svg"
    export.save_svg(window.scene, str(out))
    svg = out.read_text(encoding="utf-8")
    for text in ("(2×3)", "(3×2)", "11.00", "163.00"):
        assert text in svg


def test_chainwire_render_shows_array_labels_and_the_vectorized_callout(qapp, tmp_path):
    import json
    from pathlib import Path

    from chainwire.editor.render_cli import main

    example = Path(__file__).resolve().parents[2] / "resources/examples/matmul-wx.chainwire"
    out = tmp_path / "wx.json"
    assert main([str(example), "-o", str(out), "--step", "-1", "--size", "1280x720",
                 "--theme", "projector"]) == 0
    geo = json.loads(out.read_text("utf-8"))
    texts = {(x["wire"]["from"], x["kind"]): x["text"] for x in geo["labels"]}
    assert texts[("W", "value")] == "(5×10) [-2.00 … -1.00]"
    assert texts[("W", "gradient")].startswith("(5×10) [")
    assert [c["text"] for c in geo["callouts"] if c["kind"] == "callout"] == [
        "dW = dD · Xᵀ   (5×10) = (5×3)·(10×3)ᵀ", "dX = Wᵀ · dD   (10×3) = (5×10)ᵀ·(5×3)"]
    png = tmp_path / "wx.png"
    assert main([str(example), "-o", str(png)]) == 0 and png.stat().st_size > 1000


def test_gradient_colouring_sizes_array_wires_by_their_norm(qtbot, window):
    ids = build_wx(window)
    window.classroom.overlay.set_grad_colouring(True)
    items = window.scene.wire_items
    w, x = items[(ids["D"], 0)], items[(ids["D"], 1)]
    # |dW| = |[[3, 7, 11], [3, 7, 11]]| > |dX| = |[[5, 5], [7, 7], [9, 9]]|: a thicker wire
    assert w.emphasis > x.emphasis > 0
    assert w.tint is None and x.tint is None  # an array has no one sign to colour
    assert window.scene.stub.tint is not None  # df/df = 1 is a positive number


def test_patterns_overlay_marks_an_array_max_that_wins_everywhere(qtbot, window):
    c = window.controller
    a = c.add_gate("input", QPointF(-300, -80))
    b = c.add_gate("input", QPointF(-300, 80))
    m = c.add_gate("max", QPointF(0, 0))
    assert c.set_value_text(a, "[3, 4]") and c.set_value_text(b, "[1, 2]")
    c.connect_wire(a, m, 0, None)
    c.connect_wire(b, m, 1, None)
    window.classroom.overlay.set_patterns(True)
    wins, loses = window.scene.wire_items[(m, 0)], window.scene.wire_items[(m, 1)]
    assert wins.emphasis >= 3.0 and loses.emphasis == 0.0
