"""Classroom mode: the step-through on the neuron, chain-rule callouts, quiz, overlays,
annotations, and presentation mode's keys (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from chainwire.editor.document import Document
from chainwire.editor.items.callout import CalloutItem
from chainwire.editor.overlay import ClassroomOverlay
from chainwire.editor.scene import CircuitScene
from chainwire.graph import fileio
from chainwire.graph.circuit import Annotation, Circuit, Wire
from chainwire.graph.evaluate import evaluate
from chainwire.graph.steps import build_steps

NEURON = Path(__file__).resolve().parents[2] / "resources" / "examples" / "neuron.chainwire"
W = Wire


def neuron() -> Circuit:
    """The notes' 2-D neuron (the bundled example when present, else built here)."""
    if NEURON.exists():
        return fileio.load(NEURON)
    c = Circuit()
    for i, (n, v) in enumerate((("w0", 2.0), ("x0", -1.0), ("w1", -3.0), ("x1", -2.0),
                                ("w2", -3.0))):
        c.add_node("input", n, label=n, value=v, pos=(0, 100 * i - 200))
    c.add_node("multiply", "w0x0", pos=(180, -50))
    c.add_node("multiply", "w1x1", pos=(180, 50))
    c.add_node("add", "dot", pos=(360, 0))
    c.add_node("sigmoid", "f", pos=(540, 0))
    for w in (W("w0", "w0x0", 0), W("x0", "w0x0", 1), W("w1", "w1x1", 0),
              W("x1", "w1x1", 1), W("w0x0", "dot", 0), W("w1x1", "dot", 1),
              W("w2", "dot", 2), W("dot", "f", 0)):
        c.connect(*w)
    c.set_output("f")
    return c


INPUT_WIRES = {W("w0", "w0x0", 0), W("x0", "w0x0", 1), W("w1", "w1x1", 0),
               W("x1", "w1x1", 1), W("w2", "dot", 2)}
# (highlighted gate, values shown, gradients shown) at every position, None = the f stub
EXPECTED = [
    (None, INPUT_WIRES, set()),
    ("w0x0", INPUT_WIRES | {W("w0x0", "dot", 0)}, set()),
    ("w1x1", INPUT_WIRES | {W("w0x0", "dot", 0), W("w1x1", "dot", 1)}, set()),
    ("dot", INPUT_WIRES | {W("w0x0", "dot", 0), W("w1x1", "dot", 1), W("dot", "f", 0)}, set()),
]
ALL = EXPECTED[-1][1] | {None}
EXPECTED += [
    ("f", ALL, set()),
    ("f", ALL, {None, W("dot", "f", 0)}),
    ("dot", ALL, {None, W("dot", "f", 0), W("w0x0", "dot", 0), W("w1x1", "dot", 1),
                  W("w2", "dot", 2)}),
]
EXPECTED += [
    ("w1x1", ALL, EXPECTED[-1][2] | {W("w1", "w1x1", 0), W("x1", "w1x1", 1)}),
]
EXPECTED += [
    ("w0x0", ALL, EXPECTED[-1][2] | {W("w0", "w0x0", 0), W("x0", "w0x0", 1)}),
]
POSITIONS = ["start", "forward 1 / 4", "forward 2 / 4", "forward 3 / 4", "forward 4 / 4",
             "backward 1 / 4", "backward 2 / 4", "backward 3 / 4", "backward 4 / 4"]


@pytest.fixture
def stage(qapp):
    doc = Document(neuron())
    scene = CircuitScene(doc)
    overlay = ClassroomOverlay(scene)
    yield doc, scene, overlay
    scene.detach()


def shown(scene: CircuitScene) -> tuple[dict, dict]:
    """{wire key: text} of the visible value and gradient labels."""
    items = {**{k: v for k, v in ((i.wire, i) for i in scene.wire_items.values())},
             None: scene.stub}
    values = {k: i.value_label.text() for k, i in items.items() if i.value_label.isVisible()}
    grads = {k: i.grad_label.text() for k, i in items.items() if i.grad_label.isVisible()}
    return values, grads


def callouts(scene: CircuitScene, kind: str = "callout") -> list[str]:
    return sorted(i.text for i in scene.items() if isinstance(i, CalloutItem) and i.kind == kind)


def test_step_sequence_is_topological_forward_then_reverse():
    c = neuron()
    seq = build_steps(c, evaluate(c))
    assert [s.position_text for s in seq.steps] == POSITIONS
    assert [s.node for s in seq.steps] == [e[0] for e in EXPECTED]
    for step, (_node, values, grads) in zip(seq.steps, EXPECTED, strict=True):
        assert step.values == values and step.grads == grads


def test_every_step_reveals_exactly_its_labels_forward_and_back(stage):
    _doc, scene, overlay = stage
    overlay.set_stepping(True)
    order = list(range(len(EXPECTED))) + list(range(len(EXPECTED) - 2, -1, -1))  # and rewind
    for pos in order:
        overlay.go(pos)
        node, values, grads = EXPECTED[pos]
        vis_values, vis_grads = shown(scene)
        assert set(vis_values) == values, pos
        assert set(vis_grads) == grads, pos
        assert [n for n, i in scene.nodes.items() if i.emphasis] == ([node] if node else [])
    overlay.go(4)
    assert shown(scene)[0][None] == "0.73"  # f's value reaches the output stub
    overlay.go(5)
    assert shown(scene)[1][None] == "1.00"  # df/df = 1 starts the backward pass


def test_stepping_off_shows_everything_again(stage):
    _doc, scene, overlay = stage
    overlay.go(2)
    overlay.set_stepping(False)
    values, grads = shown(scene)
    assert len(values) == len(grads) == 9
    assert scene.label_filter is None and not any(i.emphasis for i in scene.nodes.values())


def test_chain_rule_callouts_in_numbers(stage):
    _doc, scene, overlay = stage
    overlay.go(5)
    assert callouts(scene) == ["σ(1−σ) · g = 0.20 × 1.00 = 0.20"]
    overlay.go(7)  # digits enough that the arithmetic checks (issue 10)
    assert callouts(scene) == ["w1 · g = -3.00 × 0.1966 = -0.5898",
                               "x1 · g = -2.00 × 0.1966 = -0.3932"]
    overlay.go(8)
    assert callouts(scene) == ["w0 · g = 2.00 × 0.1966 = 0.3932",
                               "x0 · g = -1.00 × 0.1966 = -0.1966"]
    # the wires it refers to read the same numbers while the step is shown
    by_src = {i.wire.src: i for i in scene.wire_items.values()}
    assert by_src["x0"].grad_label.text() == "0.3932"  # "w0 · g" is x0's gradient
    assert by_src["w0"].grad_label.text() == "-0.1966"
    assert by_src["w0x0"].grad_label.text() == "0.1966"  # the upstream gradient
    assert by_src["w0"].value_label.text() == "2.00"  # w0, the local factor for x0
    overlay.go(3)
    assert callouts(scene) == []  # forward steps explain nothing backward


def test_multiply_callout_matches_the_notes_example():
    c = Circuit()
    c.add_node("input", "x", value=-2.0)
    c.add_node("input", "y", value=5.0)
    c.add_node("input", "z", value=-4.0)
    c.add_node("add", "q")
    c.add_node("multiply", "f")
    for w in (W("x", "q", 0), W("y", "q", 1), W("q", "f", 0), W("z", "f", 1)):
        c.connect(*w)
    seq = build_steps(c, evaluate(c), decimals=0)
    f_step = seq.steps[3]
    assert f_step.node == "f"
    assert [co.text for co in f_step.callouts] == ["z · g = -4 × 1 = -4", "q · g = 3 × 1 = 3"]
    q_step = seq.steps[4]
    assert [co.text for co in q_step.callouts] == ["1 · g = 1 × -4 = -4", "1 · g = 1 × -4 = -4"]


def test_callouts_do_not_overlap_each_other(stage):
    _doc, scene, overlay = stage
    for pos in (6, 7, 8):
        overlay.go(pos)
        rects = [i.mapRectToScene(i.box()) for i in scene.items()
                 if isinstance(i, CalloutItem) and i.kind == "callout"]
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert not a.adjusted(3, 3, -3, -3).intersects(b.adjusted(3, 3, -3, -3))


def test_edit_while_stepping_recomputes_and_keeps_position(stage):
    doc, scene, overlay = stage
    from chainwire.editor.commands import SetValue
    overlay.go(8)
    doc.push(SetValue(doc.circuit, "x0", 1.0))
    assert overlay.position == 8
    assert "w0 · g = 2.00 × " in " ".join(callouts(scene))
    assert "x0 · g = 1.00 × " in " ".join(callouts(scene))


def test_quiz_hides_behind_question_marks_and_reveals_in_backward_order(stage):
    _doc, scene, overlay = stage
    overlay.hide_all(is_grad=True)
    values, grads = shown(scene)
    assert set(grads.values()) == {"?"} and len(grads) == 9
    assert "?" not in values.values()
    overlay.next()  # not stepping: the next key reveals
    assert shown(scene)[1][None] == "1.00"
    overlay.next()
    assert shown(scene)[1][W("dot", "f", 0)] == "0.20"
    assert sum(t == "?" for t in shown(scene)[1].values()) == 7
    overlay.reveal_all()
    assert "?" not in shown(scene)[1].values()


def test_quiz_with_stepping_reveals_before_advancing(stage):
    _doc, scene, overlay = stage
    overlay.hide_all(is_grad=True)
    overlay.go(5)
    assert shown(scene)[1] == {None: "?", W("dot", "f", 0): "?"}
    overlay.next()
    overlay.next()
    assert overlay.position == 5 and "?" not in shown(scene)[1].values()
    overlay.next()
    assert overlay.position == 6


def test_patterns_overlay_tags_and_fork_sum(qapp):
    c = Circuit()
    c.add_node("input", "x", value=3.0, pos=(0, 0))
    c.add_node("input", "y", value=-1.0, pos=(0, 120))
    c.add_node("multiply", "m", pos=(200, 0))
    c.add_node("add", "a", pos=(200, 150))
    c.add_node("max", "f", pos=(400, 60))
    for w in (W("x", "m", 0), W("y", "m", 1), W("x", "a", 0), W("y", "a", 1),
              W("m", "f", 0), W("a", "f", 1)):
        c.connect(*w)
    doc = Document(c)
    scene = CircuitScene(doc)
    overlay = ClassroomOverlay(scene)
    overlay.set_patterns(True)
    tags = callouts(scene, "tag")
    assert tags == ["+ distributes", "max routes", "× swaps"]
    # m = -3, a = 2: max routes everything to a, m's wire shows 0
    assert shown(scene)[1][W("m", "f", 0)] == "0.00"
    assert scene.wire_items[("f", 1)].emphasis > 0  # the winner is highlighted
    # x and y fan out: each gets 1 through a (add) and 0 through m (max loser)
    assert callouts(scene, "fork") == ["∑ 1.00 + 0.00 = 1.00"] * 2  # via a, via m
    overlay.go(3)  # forward: no fork sums before the backward pass reached them
    assert callouts(scene, "fork") == []
    scene.detach()


def test_gradient_colouring_by_sign_and_size(stage):
    _doc, scene, overlay = stage
    overlay.set_grad_colouring(True)
    t = scene.style.theme
    neg = scene.wire_items[("w1x1", 1)]  # x1: -0.59, the largest
    pos = scene.wire_items[("w0x0", 1)]  # x0: +0.39
    assert neg.tint == t.color("negative") and pos.tint == t.color("positive")
    assert neg.emphasis > pos.emphasis > 0
    overlay.set_grad_colouring(False)
    assert neg.tint is None and neg.emphasis == 0


# ----- annotations --------------------------------------------------------------------------
def test_annotations_are_undoable_and_saved(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    doc, scene, ctl = window.doc, window.scene, window.controller
    ctl.add_annotation("the fork adds up", (100, -250))
    assert doc.circuit.annotations() == (Annotation("the fork adds up", (100.0, -250.0)),)
    items = scene.annotation_items
    assert len(items) == 1 and items[0].pos().x() == 100
    ctl.set_annotation_text(0, "gradients add at forks")
    items[0].setSelected(True)
    window.classroom.act_note_bigger.trigger()  # 14 → 17.5
    ctl.move_nodes({}, {0: ((100, -250), (140, -260))})
    assert doc.circuit.annotations()[0] == Annotation("gradients add at forks",
                                                      (140.0, -260.0), 17.5)
    assert items[0].pos().x() == 140 and items[0].font_size == 17.5
    path = tmp_path / "n.chainwire"
    fileio.save(doc.circuit, path)
    back = fileio.load(path)
    assert back.annotations()[0].text == "gradients add at forks"
    assert back.annotations()[0].font_size == 17.5
    assert doc.undo_stack.count() == 4  # add, edit, resize, move: one step each
    for _ in range(3):
        doc.undo_stack.undo()
    assert doc.circuit.annotations()[0].text == "the fork adds up"
    assert scene.annotation_items[0].text == "the fork adds up"
    # editing to empty text deletes it, as one step
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("  ", True)))
    scene.annotation_activated.emit(0)  # what a double-click on it sends
    assert doc.circuit.annotations() == () and scene.annotation_items == []
    doc.undo_stack.undo()
    assert len(scene.annotation_items) == 1
    doc.undo_stack.undo()
    assert doc.circuit.annotations() == () and scene.annotation_items == []
    assert not doc.modified
    doc.undo_stack.redo()
    assert doc.modified and len(scene.annotation_items) == 1


# ----- the window: keys, presentation, quiz clicks ------------------------------------------------
@pytest.fixture
def window(qtbot):
    from chainwire.editor.window import MainWindow
    w = MainWindow(neuron())
    w.show()
    qtbot.waitExposed(w)
    w.doc.undo_stack.setClean()
    yield w
    w.doc.undo_stack.setClean()  # closing must not ask to save
    w.close()
    w.deleteLater()


def test_keys_drive_the_step_through(window, qtbot):
    ov, view = window.classroom.overlay, window.view
    window.classroom.act_step_mode.trigger()
    assert ov.stepping and ov.position == 0
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Space)
    qtbot.keyClick(view, Qt.Key_Right)
    assert ov.position == 2
    assert window.badge.isVisible() and window.badge.text().startswith("forward 2 / 4")
    qtbot.keyClick(view, Qt.Key_Left)
    assert ov.position == 1
    qtbot.keyClick(view, Qt.Key_End)
    assert ov.position == 8 and window.badge.text().startswith("backward 4 / 4")
    assert "backward 4 / 4" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key_Home)
    assert ov.position == 0
    window.classroom.act_step_mode.trigger()
    assert not ov.stepping and not window.badge.isVisible()


def test_presentation_mode_enters_and_leaves_cleanly(window, qtbot):
    cl, view = window.classroom, window.view
    theme, label_pt = window.scene.style.theme.name, window.scene.style.label_pt
    view.set_zoom(0.8)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 37)
    before_view = (view.transform(), view.horizontalScrollBar().value(),
                   view.verticalScrollBar().value())
    qtbot.keyClick(window.view, Qt.Key_F5)
    assert cl.presenter.presenting
    assert window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert not window.palette_dock.isVisible() and not window.statusBar().isVisible()
    assert window.scene.style.theme.name == "projector"
    assert cl.overlay.stepping and cl.overlay.position == 0
    assert not window.act_zoom_in.isEnabled()  # Ctrl+plus sizes labels instead
    assert window.scene.style.label_pt == label_pt  # the same picture, only framed
    before = cl.presenter.label_px()
    cl.act_labels_bigger.trigger()
    assert cl.presenter.label_px() == pytest.approx(before * 1.15, rel=0.01)
    qtbot.keyClick(window.view, Qt.Key_Space)
    assert cl.overlay.position == 1
    qtbot.keyClick(window.view, Qt.Key_Escape)
    assert not cl.presenter.presenting and not window.isFullScreen()
    assert window.menuBar().isVisible() and window.toolbar.isVisible()
    assert window.scene.style.theme.name == theme
    assert window.scene.style.label_pt == label_pt
    assert not cl.overlay.stepping and window.act_zoom_in.isEnabled()
    assert not window.doc.modified
    qtbot.wait(50)  # the window settles back: the editor's view comes back exactly
    assert (view.transform(), view.horizontalScrollBar().value(),
            view.verticalScrollBar().value()) == before_view


def test_theme_menu_and_colorblind_toggle(window):
    cl = window.classroom
    cl.theme_actions["dark"].trigger()
    assert window.scene.style.theme.name == "dark"
    cl.act_colorblind.trigger()
    assert window.scene.style.colorblind
    label = next(iter(window.scene.wire_items.values())).value_label
    assert label.brush().color() == window.scene.style.value_color()


def test_click_on_question_mark_reveals_it(window, qtbot):
    ov = window.classroom.overlay
    window.classroom.act_quiz_grads.trigger()
    item = window.scene.wire_items[("f", 0)]
    assert item.grad_label.text() == "?"
    window.view.centerOn(item.grad_label)
    pt = window.view.mapFromScene(item.grad_label.sceneBoundingRect().center())
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, pos=pt)
    assert item.grad_label.text() == "0.20"
    assert (W("dot", "f", 0), True) not in ov.quiz_hidden
    assert len(ov.quiz_hidden) == 8


def test_delete_key_removes_selected_annotation(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("backprop!", True)))
    cl = window.classroom
    cl.act_add_note.trigger()
    assert window.doc.circuit.annotations()[0].text == "backprop!"
    window.scene.annotation_items[0].setSelected(True)
    window.act_delete.trigger()
    assert window.doc.circuit.annotations() == () and window.scene.annotation_items == []
    window.doc.undo_stack.undo()
    assert window.doc.circuit.annotations()[0].text == "backprop!"
