"""Parameters and gradient steps: marks that save, one undo step per Step, the f plot."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from chainwire.editor.gradient_steps import (
    PARAM_KEY,
    SetTrainable,
    StepRefused,
    f_value,
    gradient_step,
    is_parameter,
    mark_parameters,
    parameters,
)
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import CircuitError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse


def first_example():
    c = parse("(x + y) * z")
    for k, v in (("x", -2.0), ("y", 5.0), ("z", -4.0)):
        c.set_value(k, v)
    return c


@pytest.fixture
def notes(window):
    """The window showing the notes' first example, f = (x + y)·z = -12."""
    window.doc.replace(first_example(), None)
    return window


def f_of(window) -> float:
    ev = window.doc.evaluation
    return float(ev.value(ev.output))


def mark(window, ids) -> None:
    window.scene.select_ids(ids)
    window.formula.steps.act_param.trigger()


# ----- marking parameters ------------------------------------------------------------

def test_marking_selected_inputs_is_one_undo_step_and_shows_a_mark(qtbot, notes):
    steps = notes.formula.steps
    mark(notes, ["x", "y", "add1"])  # the gate in the selection is left alone
    c = notes.doc.circuit
    assert parameters(c) == ["x", "y"] and notes.doc.undo_stack.count() == 1
    assert steps.act_param.isChecked()
    for nid in ("x", "y"):
        m = steps.marks[nid]
        assert m.parentItem() is notes.scene.nodes[nid] and m.isVisible() and m.text() == "θ"
    assert "z" not in steps.marks
    mark(notes, ["x", "y"])  # all are parameters: the action unmarks them
    assert parameters(c) == [] and notes.doc.undo_stack.count() == 2
    assert steps.marks == {}
    notes.doc.undo_stack.undo()
    assert parameters(c) == ["x", "y"] and set(steps.marks) == {"x", "y"}


def test_the_mark_saves_loads_and_toggling_back_restores_the_file(qtbot, notes, tmp_path):
    before = fileio.dumps(notes.doc.circuit)
    mark(notes, ["z"])
    text = fileio.dumps(notes.doc.circuit)
    assert f'"{PARAM_KEY}": true' in text
    path = tmp_path / "params.chainwire"
    fileio.save(notes.doc.circuit, path)
    loaded = fileio.load(path)
    assert parameters(loaded) == ["z"] and loaded.node("z").value == -4.0
    assert sorted(loaded.wires()) == sorted(notes.doc.circuit.wires())
    notes.open_path(str(path), ask=False)
    assert set(notes.formula.steps.marks) == {"z"}  # shown on opening
    mark(notes, ["z"])
    assert fileio.dumps(notes.doc.circuit) == before  # same nodes, order and wires


def test_context_menu_toggles_one_input(qtbot, notes):
    notes._context_menu("node", "y", QPoint(10, 10), QPointF(0, 0))
    menu = notes._last_menu
    entry = next(a for a in menu.actions() if a.text() == "Parameter (Moved by Step)")
    assert entry.isCheckable() and not entry.isChecked()
    entry.trigger()
    menu.close()
    assert parameters(notes.doc.circuit) == ["y"]
    notes._context_menu("node", "add1", QPoint(10, 10), QPointF(0, 0))
    assert all(a.text() != "Parameter (Moved by Step)" for a in notes._last_menu.actions())
    notes._last_menu.close()


def test_marking_keeps_the_output_mark_and_refuses_gates():
    c = parse("x")
    c.set_output("x")
    m = mark_parameters(c, ["x"], True)
    m.redo()
    assert is_parameter(c, "x") and c.output == "x"
    m.undo()
    assert not is_parameter(c, "x") and c.output == "x"
    with pytest.raises(CircuitError, match="only inputs can be parameters"):
        SetTrainable(first_example(), "add1", True)
    assert mark_parameters(first_example(), ["add1"], True).parts == []


# ----- stepping ------------------------------------------------------------------------

def test_an_ascent_step_moves_by_lr_times_the_gradient_and_raises_f(qtbot, notes):
    steps = notes.formula.steps
    mark(notes, ["x", "y", "z"])
    depth = notes.doc.undo_stack.count()
    assert steps.ascent and steps.lr.value() == 0.01
    assert steps.step()
    c = notes.doc.circuit
    # the notes: x += 0.01·(-4), y += 0.01·(-4), z += 0.01·3; f goes from -12 up
    assert [c.node(n).value for n in "xyz"] == pytest.approx([-2.04, 4.96, -3.97])
    assert f_of(notes) == pytest.approx(-11.5924) and f_of(notes) > -12
    assert notes.doc.undo_stack.count() == depth + 1
    assert "f -12.0000 → -11.5924" in notes.statusBar().currentMessage()
    assert steps.plot.values == pytest.approx([-12.0, -11.5924])
    assert steps.dock.isVisible()
    notes.doc.undo_stack.undo()
    assert [c.node(n).value for n in "xyz"] == [-2.0, 5.0, -4.0]


def test_descent_lowers_f_and_the_key_steps(qtbot, notes):
    steps = notes.formula.steps
    mark(notes, ["x", "y", "z"])
    steps.direction.setCurrentIndex(1)
    steps.lr.setValue(0.1)
    assert not steps.ascent
    notes.activateWindow()
    notes.view.setFocus()
    qtbot.keyClick(notes.view, Qt.Key_Right, Qt.ControlModifier | Qt.ShiftModifier)
    assert f_of(notes) < -12.0
    qtbot.keyClick(notes.view, Qt.Key_Right, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(steps.plot.values) == 3
    assert steps.plot.values[0] > steps.plot.values[1] > steps.plot.values[2]


def test_only_parameters_move(qtbot, notes):
    mark(notes, ["z"])
    notes.formula.steps.step()
    c = notes.doc.circuit
    assert (c.node("x").value, c.node("y").value) == (-2.0, 5.0)
    assert c.node("z").value == pytest.approx(-4.0 + 0.01 * 3.0)


def test_nothing_to_step_says_why_and_leaves_no_trace(qtbot, notes):
    depth = notes.doc.undo_stack.count()
    assert not notes.formula.steps.step()
    assert "mark inputs as parameters first" in notes.statusBar().currentMessage()
    assert notes.doc.undo_stack.count() == depth


@pytest.mark.parametrize("text, values, why", [
    ("1/x", {"x": 0.0}, "the gradient of 'x' is -inf"),
    ("max(x, y) * 0", {}, "a step would change nothing"),
])
def test_refused_steps(text, values, why):
    c = parse(text)
    for k, v in values.items():
        c.set_value(k, v)
    mark_parameters(c, ["x"], True).redo()
    with pytest.raises(StepRefused, match=why):
        gradient_step(c, evaluate(c), 0.1, True)


def test_no_output_refuses_a_step():
    c = parse("x * y")
    c.add_node("input", "z", value=1.0)
    c.set_output(None)
    mark_parameters(c, ["x"], True).redo()
    with pytest.raises(StepRefused, match="No gradients"):
        gradient_step(c, evaluate(c), 0.1, True)


def test_replacing_the_document_clears_the_plot(qtbot, notes):
    mark(notes, ["x"])
    notes.formula.steps.step()
    assert notes.formula.steps.plot.values
    notes.new_document()
    assert notes.formula.steps.plot.values == [] and notes.formula.steps.history == []


def test_the_plot_paints(qtbot, notes):
    mark(notes, ["x", "y", "z"])
    for _ in range(3):
        notes.formula.steps.step()
    plot = notes.formula.steps.plot
    plot.resize(260, 160)
    img = plot.grab().toImage()
    blue = sum(1 for x in range(0, 260, 2) for y in range(0, 160, 2)
               if img.pixelColor(x, y).name() == "#1f5fbf")
    assert blue > 10  # the line and its dots


def _arrays_supported() -> bool:
    c = Circuit()
    c.add_node("input", "x", value=1.0)
    try:
        c.set_value("x", [1.0, 2.0])
    except (CircuitError, TypeError, ValueError):
        return False
    return True


@pytest.mark.skipif(not _arrays_supported(), reason="the engine takes scalar values only")
def test_array_parameters_step_element_by_element():
    c = parse("x * y")
    c.set_value("x", np.array([1.0, -2.0, 3.0]))
    c.set_value("y", np.array([0.5, 4.0, -1.0]))
    mark_parameters(c, ["x"], True).redo()
    before = f_value(evaluate(c))
    gradient_step(c, evaluate(c), 0.01, True).redo()
    assert np.allclose(c.node("x").value, [1.0 + 0.005, -2.0 + 0.04, 3.0 - 0.01])  # += 0.01·y
    assert before == pytest.approx(0.5 - 8.0 - 3.0) and f_value(evaluate(c)) > before
