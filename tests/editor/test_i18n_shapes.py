"""Arrays in the Korean editor (issue 14, item 5): a shape refusal in the broken gate's
tooltip and in the status bar when a wire is refused at the drop, the shape lists inside
them, a typed value refused, the step callouts' words on the canvas and inside a group
are Korean; the command line's English (``str`` of the error or text) is unchanged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from chainwire.editor import i18n
from chainwire.editor.items.callout import CalloutItem
from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.gates import GATES
from chainwire.graph.group_edits import group_edit
from chainwire.graph.group_steps import inner_steps
from chainwire.graph.shapes import ShapeError, broadcast_shape
from chainwire.graph.value_text import parse_value
from tests.graph.test_groups import applied

from .conftest import drag_wire, port_pos
from .test_arrays_editor import _step_to_gate
from .test_i18n import english_words, korean, korean_window  # noqa: F401 (fixtures)

W = [[1, 2, 3], [4, 5, 6]]


def _matmul(win) -> dict[str, str]:
    c = win.controller
    ids = {"W": c.add_gate("input", QPointF(-300, -480)),
           "V": c.add_gate("input", QPointF(-300, -320)),
           "D": c.add_gate("matmul", QPointF(0, -400))}
    assert c.set_value_text(ids["W"], str(W))
    assert c.set_value_text(ids["V"], "[[1, 2], [3, 4], [5, 6]]")
    c.connect_wire(ids["W"], ids["D"], 0, None)
    c.connect_wire(ids["V"], ids["D"], 1, None)
    return ids


def test_a_broken_matmul_says_why_in_korean_in_its_tooltip(request):
    win = request.getfixturevalue("korean_window")  # test_i18n's: the Korean editor
    ids = _matmul(win)
    assert win.scene.nodes[ids["D"]].toolTip() == ""
    assert win.controller.set_value_text(ids["V"], "[[1, 2], [3, 4]]")  # (2×2) no longer fits
    gate = win.scene.nodes[ids["D"]]
    said = "행렬 곱에는 (2×3)·(3×k) 모양이 필요합니다: 지금은 (2×3), (2×2)입니다"
    assert gate.toolTip() == gate.look.problem == said
    assert win.scene.wire_items[(ids["D"], 1)].toolTip() == said
    assert str(win.doc.evaluation.shape_problems[ids["D"]]) == (
        "matmul needs (2×3)·(3×k): got (2×3) and (2×2)")  # the engine's English


def test_a_wire_refused_at_the_drop_says_why_in_korean(request, qtbot):
    win = request.getfixturevalue("korean_window")
    c = win.controller
    ids = {"W": c.add_gate("input", QPointF(-300, -480)),
           "V": c.add_gate("input", QPointF(-300, -320)),
           "D": c.add_gate("matmul", QPointF(0, -400))}
    c.set_value_text(ids["W"], str(W))
    c.set_value_text(ids["V"], str(W))  # (2×3) again: W·V does not fit
    c.connect_wire(ids["W"], ids["D"], 0, None)
    n = win.doc.undo_stack.count()
    drag_wire(qtbot, win, port_pos(win, ids["V"], None), port_pos(win, ids["D"], 1))
    assert win.doc.circuit.source_at(ids["D"], 1) is None
    assert win.doc.undo_stack.count() == n
    assert win.statusBar().currentMessage() == (
        "거부됨: 행렬 곱에는 (2×3)·(3×k) 모양이 필요합니다: 지금은 (2×3), (2×3)입니다")


def _refusal(call) -> ShapeError:
    with pytest.raises(ShapeError) as caught:
        call()
    return caught.value


@pytest.mark.usefixtures("korean")
def test_shape_lists_scalars_and_wires_further_on_read_in_korean():
    three = _refusal(lambda: broadcast_shape("add", [(2,), (2, 3), (3,)]))
    assert str(three) == "add needs shapes that broadcast together: got (2), (2×3) and (3)"
    assert i18n.error_text(three) == (
        "덧셈의 입력 모양이 서로 브로드캐스팅되지 않습니다: (2), (2×3) 및 (3)")
    scalar = _refusal(lambda: GATES["matmul"].out_shape([(), (3,)]))
    assert str(scalar) == "matmul needs vectors or matrices: got scalar and (3)"
    assert i18n.error_text(scalar) == (
        "행렬 곱의 입력은 벡터나 행렬이어야 합니다: 지금은 스칼라, (3)입니다")
    big = _refusal(lambda: broadcast_shape("multiply", [(3000, 1), (1, 3000)]))
    assert "원소 수가" in i18n.error_text(big) and "(3000×3000)" in i18n.error_text(big)
    assert "곱셈의 결과가" in i18n.error_text(big) and not english_words(i18n.error_text(big))
    # a wire whose target still fits but breaks a gate downstream
    c = Circuit()
    for n in ("W", "X", "V"):
        c.add_node("input", n)
    c.set_value("W", W)
    c.set_value("X", [[1, 2], [3, 4], [5, 6]])
    c.set_value("V", [[1, 2], [3, 4]])
    c.add_node("offset", "O")
    c.add_node("matmul", "D")
    c.connect("X", "O", 0)
    c.connect("W", "D", 0)
    c.connect("O", "D", 1)
    further = _refusal(lambda: c.connect("V", "O", 0, replace=True))
    assert str(further) == ("'D' further on would not fit: matmul needs (2×3)·(3×k): "
                            "got (2×3) and (2×2)")
    assert i18n.error_text(further) == (
        "뒤쪽의 'D'에서 모양이 맞지 않게 됩니다: 행렬 곱에는 (2×3)·(3×k) 모양이 필요합니다: "
        "지금은 (2×3), (2×2)입니다")


@pytest.mark.usefixtures("korean")
def test_a_shape_problem_inside_a_group_reads_in_korean():
    from chainwire.graph.evaluate import evaluate
    from chainwire.graph.group_edits import apply_edit, group_edit

    c = Circuit()
    c.add_node("input", "W", value=[[1.0, 2.0], [3.0, -4.0]], pos=(0.0, 0.0))
    c.add_node("input", "x", value=[0.5, -1.0], pos=(0.0, 100.0))
    c.add_node("matmul", "D", pos=(100.0, 50.0))
    c.add_node("sigmoid", "s", pos=(200.0, 50.0))
    c.connect("W", "D", 0)
    c.connect("x", "D", 1)
    c.connect("D", "s", 0)
    apply_edit(c, group_edit(c, ["D", "s"], "layer", "Λ"))
    c.set_value("x", [1.0, 2.0, 3.0])  # a shape the parts refuse, said from inside
    problem = evaluate(c).shape_problems["s"]
    assert problem == "inside the layer group, part 'D': matmul needs (2×2)·(2): got (2×2) and (3)"
    assert i18n.error_text(problem) == (
        "layer 그룹 안의 부품 'D': 행렬 곱에는 (2×2)·(2) 모양이 필요합니다: "
        "지금은 (2×2), (3)입니다")


@pytest.mark.usefixtures("korean")
def test_the_array_callouts_words_read_in_korean():
    """max's "1 if it wins", sum's "in every element", "ones … · scalar": coded by the
    gates (the command line's English unchanged)."""
    rule = GATES["max"].grad_text(0, ["a", "b"], "m")
    assert (str(rule), i18n.error_text(rule)) == ("da = 1 if it wins · dm", "da = 이기면 1 · dm")
    every = GATES["sum"].grad_text(0, ["X"], "s")
    assert (str(every), i18n.error_text(every)) == ("dX = ds in every element",
                                                    "dX = 모든 원소에서 ds")
    ones = GATES["sum"].grad_shapes(0, [(2, 3)], ())
    assert (str(ones), i18n.error_text(ones)) == ("(2×3) = ones(2×3) · scalar",
                                                  "(2×3) = ones(2×3) · 스칼라")
    summed = GATES["add"].grad_shapes(0, [(), (3,)], (3,))
    assert (str(summed), i18n.error_text(summed)) == ("scalar = Σ[(3) ⊙ (3)]",
                                                      "스칼라 = Σ[(3) ⊙ (3)]")


# typed text → (what the command line says, what the Korean status bar says after "거부됨: ")
TYPED = {
    "[[1, 2], [3]]": ("row 2 has 1 number, row 1 has 2",
                      "2행에는 숫자가 1개, 1행에는 2개 있습니다"),
    '[1, "a"]': ("item 2 is the text 'a', not a number",
                 "2번째 항목이 숫자가 아니라 문자열 'a'입니다"),
    "[[1], {}]": ("row 2 is an object, not a list: a matrix is a list of rows, such as "
                  "[[1, 2], [3, 4]]", None),
    "[1, NaN]": ("NaN is not a finite number", "NaN은(는) 유한한 숫자가 아닙니다"),
    "[1,": ("not a list of numbers such as [[1, 2], [3, 4]]: Expecting value (column 4)",
            "[[1, 2], [3, 4]] 같은 숫자 리스트가 아닙니다: 값이 있어야 합니다 (4번째 글자)"),
    "[[[1]]]": ("a value has at most 2 dimensions (a vector or a matrix)",
                "값은 최대 2차원입니다 (벡터나 행렬)"),
}


@pytest.mark.parametrize("text", sorted(TYPED))
def test_a_typed_value_refused_says_why_in_korean(request, text):
    win = request.getfixturevalue("korean_window")
    english, korean_words = TYPED[text]
    with pytest.raises(ValueError) as caught:
        parse_value(text)
    assert str(caught.value) == english
    c = win.controller
    x = c.add_gate("input", QPointF(-300, -480))
    n = win.doc.undo_stack.count()
    assert not c.set_value_text(x, text)
    assert win.doc.undo_stack.count() == n
    said = win.statusBar().currentMessage()
    assert said.startswith("거부됨: ") and not english_words(said.replace("NaN", "")), said
    if korean_words is not None:
        assert said == "거부됨: " + korean_words


def _max_of_arrays(win) -> dict[str, str]:
    """a, b (2) into a max m, summed to f, labelled by their names: a new circuit."""
    win.doc.replace(Circuit(), None)
    c = win.controller
    ids = {"a": c.add_gate("input", QPointF(-300, -80)),
           "b": c.add_gate("input", QPointF(-300, 80)),
           "m": c.add_gate("max", QPointF(0, 0)), "f": c.add_gate("sum", QPointF(300, 0))}
    assert c.set_value_text(ids["a"], "[3, 1]") and c.set_value_text(ids["b"], "[1, 2]")
    c.connect_wire(ids["a"], ids["m"], 0, None)
    c.connect_wire(ids["b"], ids["m"], 1, None)
    c.connect_wire(ids["m"], ids["f"], 0, None)
    for name, nid in ids.items():
        c.set_label(nid, name)
    return ids


def test_a_step_callout_on_arrays_reads_in_korean_on_the_canvas(request):
    win = request.getfixturevalue("korean_window")
    ids = _max_of_arrays(win)
    _step_to_gate(win.classroom.overlay, ids["m"])
    items = sorted((i for i in win.scene.items()
                    if isinstance(i, CalloutItem) and i.kind == "callout"),
                   key=lambda i: i.text)
    assert [i.text for i in items] == ["da = 이기면 1 · dm   (2) = (2) ⊙ (2)",
                                       "db = 이기면 1 · dm   (2) = (2) ⊙ (2)"]
    assert [i.runs[0] for i in items] == [("da", "grad"), ("db", "grad")]  # the name coloured
    assert [i.callout.text for i in items] == [  # the engine's (and render's) English
        "da = 1 if it wins · dm   (2) = (2) ⊙ (2)", "db = 1 if it wins · dm   (2) = (2) ⊙ (2)"]


@pytest.mark.usefixtures("korean")
def test_a_step_inside_a_group_on_arrays_reads_in_korean():
    c = parse("sum(max(a, b) * c)")
    c.set_value("a", parse_value("[3, 1]"))
    c.set_value("b", parse_value("[1, 2]"))
    c.set_value("c", 2.0)
    grouped = applied(c, group_edit(c, ["max1", "multiply1"], "scaled max", "M"))
    _fwd, bwd = inner_steps(grouped, evaluate(grouped), "multiply1")
    assert [s.part for s in bwd] == ["multiply1", "max1"]
    assert bwd[1].text == ("da = 1 if it wins · dmax1 = (2) [2.00, 0.00];  "
                           "db = 1 if it wins · dmax1 = (2) [0.00, 2.00]")
    assert i18n.error_text(bwd[1].text) == ("da = 이기면 1 · dmax1 = (2) [2.00, 0.00];  "
                                            "db = 이기면 1 · dmax1 = (2) [0.00, 2.00]")
    assert i18n.error_text(bwd[0].text) == bwd[0].text  # symbols and numbers only
