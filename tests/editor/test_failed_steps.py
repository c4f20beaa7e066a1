"""A step the undo stack runs itself (Undo, Redo, a click in History) that fails leaves
the model, the scene and the stack's index where they were, and says why: the brief's
"a failed command leaves no trace on the undo stack" for steps Qt drives."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from chainwire.graph.errors import ChainwireError


def _three_gates(window) -> list[str]:
    c = window.controller
    return [c.add_gate("input", QPointF(-150, 0)), c.add_gate("scale", QPointF(100, 0)),
            c.add_gate("add", QPointF(300, 0))]


def _fail_once(command, name: str, seen: list) -> None:
    """``command``'s ``name`` (``do``/``undo_``) raises the first time it runs."""
    real = getattr(command, name)

    def broken() -> None:
        setattr(command, name, real)
        seen.append(name)
        raise ChainwireError("the disk went away")
    setattr(command, name, broken)


def _state(window) -> tuple:
    return (window.doc.circuit.copy(), sorted(window.scene.nodes),
            window.doc.undo_stack.index())


def test_failed_undo_keeps_model_scene_and_index(qtbot, window):
    ids = _three_gates(window)
    stack = window.doc.undo_stack
    statuses: list[str] = []
    window.doc.refused.connect(statuses.append)
    before = _state(window)
    seen: list = []
    _fail_once(stack.command(stack.index() - 1), "undo_", seen)
    window.act_undo.trigger()
    assert seen == ["undo_"]
    assert _state(window) == before
    assert ids[2] in window.doc.circuit and ids[2] in window.scene.nodes
    assert statuses and "the disk went away" in statuses[-1]
    assert window.isWindowModified()  # still the edited document
    window.act_undo.trigger()  # the next try works and takes the same step
    assert ids[2] not in window.doc.circuit and ids[2] not in window.scene.nodes
    assert stack.index() == before[2] - 1


def test_failed_redo_keeps_the_step_to_redo(qtbot, window):
    ids = _three_gates(window)
    stack = window.doc.undo_stack
    window.act_undo.trigger()
    before = _state(window)
    seen: list = []
    _fail_once(stack.command(stack.index()), "do", seen)
    window.act_redo.trigger()
    assert seen == ["do"] and _state(window) == before
    assert ids[2] not in window.doc.circuit and window.act_redo.isEnabled()
    window.act_redo.trigger()
    assert ids[2] in window.doc.circuit and ids[2] in window.scene.nodes


def test_history_jump_stops_at_the_failed_step(qtbot, window):
    """A click on the History's first entry undoes three steps; the middle one fails:
    the last step stays undone, the failed one and the one before it stay done."""
    ids = _three_gates(window)
    stack = window.doc.undo_stack
    assert stack.index() == 3
    seen: list = []
    _fail_once(stack.command(1), "undo_", seen)
    stack.setIndex(0)  # what QUndoView does on a click on "<empty>"
    assert seen == ["undo_"]
    assert stack.index() == 2
    assert [n in window.doc.circuit for n in ids] == [True, True, False]
    assert [n in window.scene.nodes for n in ids] == [True, True, False]
    stack.setIndex(0)  # works now
    assert len(window.doc.circuit) == 0 and window.scene.nodes == {}
    stack.setIndex(3)
    assert all(n in window.doc.circuit for n in ids)
