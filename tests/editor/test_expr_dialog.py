"""Expressions in the editor: the live dialog, New from Expression, Insert, the Tab box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialogButtonBox

from chainwire.editor import commands as cmd
from chainwire.editor.expr_dialog import (
    ExpressionDialog,
    caret_text,
    expression_offer,
    insert_expression,
)
from chainwire.graph import fileio
from chainwire.graph.errors import CircuitError, ExpressionError
from chainwire.graph.expr import parse


def ok_button(dialog: ExpressionDialog):
    return dialog.buttons.button(QDialogButtonBox.Ok)


def answer(qtbot, window, text: str, new_inputs: bool = False, cancel: bool = False):
    """Type into the open (window-modal) dialog key by key, then press OK or Cancel."""
    d = window.formula.expr_dialog
    assert d.isVisible() and d.isModal()
    qtbot.keyClicks(d.edit, text)
    if new_inputs:
        d.new_inputs.setChecked(True)
    which = QDialogButtonBox.Cancel if cancel else QDialogButtonBox.Ok
    qtbot.mouseClick(d.buttons.button(which), Qt.LeftButton)
    assert not d.isVisible()
    return d


# ----- the dialog -------------------------------------------------------------------

def test_live_parsing_shows_a_preview_and_a_summary(qtbot):
    d = ExpressionDialog(None)
    qtbot.addWidget(d)
    assert not ok_button(d).isEnabled() and d.preview_scene.nodes == {}
    qtbot.keyClicks(d.edit, "(x + y) * z")
    assert ok_button(d).isEnabled() and not d.error.isVisibleTo(d)
    assert sorted(d.preview_scene.nodes) == ["add1", "multiply1", "x", "y", "z"]
    assert len(d.preview_scene.wire_items) == 4
    assert d.summary.text() == "3 inputs (x, y, z), 2 gates"
    assert not d.wire_existing.isVisibleTo(d)  # New: nothing to wire to
    assert ok_button(d).text() == "Create"


def test_an_error_is_marked_at_its_column_and_nothing_is_offered(qtbot):
    d = ExpressionDialog(None)
    qtbot.addWidget(d)
    qtbot.keyClicks(d.edit, "(a + b) % c")
    assert not ok_button(d).isEnabled() and d.error.isVisibleTo(d)
    line, caret, message = d.error.text().split("\n")
    assert line == "(a + b) % c" and caret == " " * 8 + "^" and line[len(caret) - 1] == "%"
    assert message.startswith("column 9: operator '%' is not allowed")
    assert d.preview_scene.nodes == {}
    qtbot.keyClick(d.edit, Qt.Key_Backspace)
    qtbot.keyClick(d.edit, Qt.Key_Backspace)
    assert d.error.text().split("\n")[1] == " " * 9 + "^"  # "(a + b) %": ends too early
    qtbot.keyClick(d.edit, Qt.Key_Backspace)
    qtbot.keyClicks(d.edit, "* c")
    assert ok_button(d).isEnabled() and not d.error.isVisibleTo(d)


def test_caret_text():
    with pytest.raises(ExpressionError) as e:
        parse("max(x)")
    assert caret_text("max(x)", e.value).splitlines()[1] == "^"


def test_insert_dialog_says_which_names_wire_to_existing_inputs(qtbot):
    target = parse("x * w")
    d = ExpressionDialog(None, target, "x + q")
    qtbot.addWidget(d)
    assert ok_button(d).text() == "Insert" and d.wire_existing.isChecked()
    assert "Wired to the existing inputs: x → x" in d.summary.text()
    assert "New inputs: q" in d.summary.text()
    d.new_inputs.setChecked(True)
    assert "New inputs: x, q" in d.summary.text() and "Wired" not in d.summary.text()


# ----- File → New from Expression ------------------------------------------------------

def test_new_from_expression_opens_the_circuit_laid_out(qtbot, window):
    window.formula.act_new_expr.trigger()
    answer(qtbot, window, "sigmoid(w0*x0 + w1*x1 + w2)")
    c = window.doc.circuit
    inputs = sorted(d.label for d in c.nodes() if d.type == "input")
    assert inputs == ["w0", "w1", "w2", "x0", "x1"]
    assert {d.id for d in c.nodes() if d.type == "input"} == set(inputs)  # named after them
    assert c.output == "sigmoid1" and window.doc.undo_stack.count() == 0
    assert len({d.pos for d in c.nodes()}) == len(c)  # laid out: no two nodes on one spot
    assert set(window.scene.nodes) == set(c.node_ids())  # and shown
    assert "sigmoid(w0·x0 + w1·x1 + w2)" in window.windowTitle()  # a safe file name too


def test_new_from_expression_cancelled_keeps_the_circuit(qtbot, window):
    window.formula.insert_text("a * b", QPointF(0, 0))
    before = fileio.dumps(window.doc.circuit)
    window.doc.undo_stack.setClean()  # nothing to ask about
    assert window.formula.new_from_expression() is True
    answer(qtbot, window, "x + y", cancel=True)
    assert fileio.dumps(window.doc.circuit) == before


def test_document_name_is_a_safe_file_name():
    from chainwire.editor.formula_tools import document_name

    assert document_name("(x + y) * z / w") == "(x + y) · z ÷ w"
    assert document_name('a\\b:c?"<>|d') == "abcd"
    assert len(document_name("x + " * 40 + "y")) == 40


# ----- Edit → Insert Expression -----------------------------------------------------------

def test_insert_wires_names_to_existing_inputs_as_one_undo_step(qtbot, window):
    ctl = window.controller
    x = ctl.add_gate("input", QPointF(0, 0))  # labelled "x"
    ctl.set_value_text(x, "3")
    before = fileio.dumps(window.doc.circuit)
    depth = window.doc.undo_stack.count()
    window.formula.insert_expression()
    answer(qtbot, window, "x * y + 1")
    c = window.doc.circuit
    ids = window.scene.selected_node_ids()
    assert window.doc.undo_stack.count() == depth + 1
    assert [d.label for d in c.nodes() if d.type == "input"] == ["x", "y"]
    mul = next(n for n in ids if c.type_of(n) == "multiply")
    assert sorted(c.inputs_of(mul).values()) == [x, next(n for n in ids if c.type_of(n) ==
                                                         "input")]
    assert float(window.doc.evaluation.value(next(n for n in ids
                                                   if c.type_of(n) == "offset"))) == 4.0
    assert sorted(c.type_of(n) for n in ids) == ["input", "multiply", "offset"]  # y: new
    window.doc.undo_stack.undo()
    assert fileio.dumps(window.doc.circuit) == before
    window.doc.undo_stack.redo()
    assert len(window.doc.circuit) == 4


def test_insert_with_new_inputs_adds_a_second_x(qtbot, window):
    window.controller.add_gate("input", QPointF(0, 0))
    window.formula.act_insert_expr.trigger()
    d = answer(qtbot, window, "x * x", new_inputs=True)
    labels = [d.label for d in window.doc.circuit.nodes() if d.type == "input"]
    assert labels == ["x", "x"] and d.target is window.doc.circuit


def test_a_failed_insert_leaves_no_trace(qtbot, window, monkeypatch):
    window.controller.add_gate("input", QPointF(0, 0))
    before, depth = fileio.dumps(window.doc.circuit), window.doc.undo_stack.count()

    def broken(self):
        raise CircuitError("no room for this wire")

    monkeypatch.setattr(cmd.Connect, "do", broken)
    assert window.formula.insert_text("x * y", QPointF(0, 0)) == []
    assert fileio.dumps(window.doc.circuit) == before
    assert window.doc.undo_stack.count() == depth
    assert "no room for this wire" in window.statusBar().currentMessage()


def test_insert_expression_builder_places_the_fragment_at_the_point():
    target = parse("x")
    macro, ids = insert_expression(target, parse("x + y"), (500.0, 300.0), True, "x + y")
    macro.redo()
    placed = [target.node(n).pos for n in ids]
    xs, ys = [p[0] for p in placed], [p[1] for p in placed]
    assert (min(xs) + max(xs)) / 2 == 500.0 and (min(ys) + max(ys)) / 2 == 300.0
    assert macro.text() == "Insert expression x + y"


# ----- the Tab box -------------------------------------------------------------------

@pytest.mark.parametrize("text, offered, says", [
    ("(a+b)*c", True, "Insert expression '(a+b)*c'"),
    ("(a+b", False, "As an expression: column"),
    ("xyz", False, ""), ("2", False, ""), ("", False, ""),
])
def test_expression_offer(text, offered, says):
    got, message = expression_offer(text)
    assert got is offered and message.startswith(says) and (says or message == "")


def test_tab_box_offers_an_expression_and_enter_inserts_it(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Tab)
    popup = window.quick_add
    qtbot.keyClicks(popup.edit, "(a+b)*c")
    assert popup.matches() == [] and popup.offer.isVisible()
    assert popup.offer.text() == "Insert expression '(a+b)*c'"
    assert popup.no_match.isVisible() and "No gate matches" in popup.no_match.text()
    qtbot.keyClick(popup.edit, Qt.Key_Return)
    c = window.doc.circuit
    assert not popup.isVisible() and window.doc.undo_stack.count() == 1
    assert sorted(d.label for d in c.nodes() if d.type == "input") == ["a", "b", "c"]
    assert sorted(c.type_of(n) for n in c.node_ids() if c.type_of(n) != "input") == [
        "add", "multiply"]
    assert float(window.doc.evaluation.value(c.output or c.sinks()[0])) == 2.0


def test_tab_box_explains_a_broken_expression_and_still_finds_gates(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Tab)
    popup = window.quick_add
    qtbot.keyClicks(popup.edit, "(a+b")
    assert popup.no_match.isVisible() and not popup.offer.isVisible()
    assert "As an expression: column" in popup.no_match.text()
    qtbot.keyClick(popup.edit, Qt.Key_Return)
    assert popup.isVisible() and len(window.doc.circuit) == 0
    popup.edit.clear()
    qtbot.keyClicks(popup.edit, "sigm")
    assert popup.matches() == ["sigmoid"] and not popup.offer.isVisible()
    qtbot.mouseClick(popup.edit, Qt.LeftButton)  # keep focus in the box
    popup.edit.clear()
    qtbot.keyClicks(popup.edit, "exp(u) * 2")
    qtbot.mouseClick(popup.offer, Qt.LeftButton)
    assert sorted(window.doc.circuit.type_of(n) for n in window.doc.circuit.node_ids()) == [
        "exp", "input", "scale"]


# ----- arrays (issue 9: @, .T, sum, relu) ----------------------------------------------

def test_array_expression_previews_and_marks_misuse_at_its_column(qtbot):
    d = ExpressionDialog(None)
    qtbot.addWidget(d)
    qtbot.keyClicks(d.edit, "sum(relu(W @ x + b))")
    assert ok_button(d).isEnabled() and not d.error.isVisibleTo(d)
    assert sorted(d.preview_scene.nodes) == ["W", "add1", "b", "matmul1", "relu1", "sum1",
                                             "x"]
    assert d.summary.text() == "3 inputs (W, x, b), 4 gates"
    d.edit.clear()
    qtbot.keyClicks(d.edit, "W.T() @ x")
    assert not ok_button(d).isEnabled() and d.error.isVisibleTo(d)
    line, caret, message = d.error.text().split("\n")
    assert line[len(caret) - 1] == "(" and message.startswith(
        "column 4: '.T' is not a function")


def test_new_from_an_array_expression_computes_once_arrays_are_set(qtbot, window):
    import numpy as np

    window.formula.act_new_expr.trigger()
    answer(qtbot, window, "sum(W @ X.T)")
    c = window.doc.circuit
    assert sorted(c.type_of(n) for n in c.node_ids() if c.type_of(n) != "input") == [
        "matmul", "sum", "transpose"]
    assert set(window.scene.nodes) == set(c.node_ids())
    assert "matmul1" in window.doc.evaluation.shape_problems  # 1.0 @ 1.0: flagged, editable
    W, X = np.arange(6.0).reshape(2, 3), np.ones((2, 3))
    window.doc.push(cmd.SetValue(c, "W", W))
    window.doc.push(cmd.SetValue(c, "X", X))
    ev = window.doc.evaluation
    assert not ev.shape_problems and ev.raw_value("sum1") == float(np.sum(W @ X.T))
    np.testing.assert_array_equal(ev.raw_grad("X"), np.ones((2, 2)).T @ W)


def test_insert_an_array_expression_wires_to_the_array_inputs(qtbot, window):
    import numpy as np

    window.formula.insert_text("W * 2", QPointF(0, 0))
    c = window.doc.circuit
    (w,) = [d.id for d in c.nodes() if d.type == "input"]
    W = np.array([[1.0, -2.0], [3.0, 4.0]])
    window.doc.push(cmd.SetValue(c, w, W))
    window.formula.act_insert_expr.trigger()
    answer(qtbot, window, "relu(W.T)")
    relu = next(n for n in c.node_ids() if c.type_of(n) == "relu")
    assert [d.label for d in c.nodes() if d.type == "input"] == ["W"]
    assert c.inputs_of(relu) != {} and c.inputs_of(c.inputs_of(relu)[0]) == {0: w}
    np.testing.assert_array_equal(window.doc.evaluation.raw_value(relu),
                                  np.maximum(W.T, 0.0))
