"""Compound gates beyond the engine: groups in files, the shipped example, stepping inside.

A group saves and reloads (nested too), a bad group entry is refused naming where; the
sigmoid grouped-vs-expanded example reads the same on both sides; the steps inside a
group are the expanded circuit's numbers.
"""

from __future__ import annotations

import math

import pytest

from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.gates import GATES
from chainwire.graph.group_edits import expand_edit, group_edit
from chainwire.graph.groups import chain_of, parts_def
from chainwire.graph.records import Wire

from .test_groups import applied, same


# ----- the example ----------------------------------------------------------------------
def test_example_sigmoid_grouped_vs_expanded_reads_the_same_on_both_sides():
    from pathlib import Path

    from chainwire import resources
    from chainwire.graph import fileio

    path = Path(resources.__file__).parent / "examples" / "sigmoid-grouped-vs-expanded.chainwire"
    c = fileio.load(path)
    ev = evaluate(c)
    assert c.type_of("s") == "group" and chain_of(c.node("s").param) == GATES["sigmoid"].parts
    assert c.node("s").param.symbol == "σ"
    for n in ("w0", "x0", "w1", "x1", "w2", "w0x0", "w1x1", "dot", "s"):
        assert same(ev.raw_value(n), ev.raw_value("e" + n)), n  # bit for bit
        assert same(ev.raw_grad(n), ev.raw_grad("e" + n)), n
    assert ev.raw_value("s") == pytest.approx(1 / (1 + math.exp(-1.0)), rel=1e-15)
    grads = [ev.raw_grad(n) for n in ("w0", "x0", "w1", "x1", "w2")]
    assert grads == pytest.approx([-0.19661193324148185, 0.3932238664829637,
                                   -0.3932238664829637, -0.5898357997244456,
                                   0.19661193324148185], rel=1e-14)
    back = applied(c, expand_edit(c, "s"))  # expanding the top one: still the same numbers
    eb = evaluate(back)
    for n in c.node_ids():
        assert same(ev.raw_value(n), eb.raw_value(n)) and same(ev.raw_grad(n), eb.raw_grad(n))


# ----- groups in files ---------------------------------------------------------------------
def _file_with(group_node: dict) -> dict:
    return {"format": "chainwire", "version": 2,
            "nodes": [{"id": "x", "type": "input", "value": 0.5, "pos": [0, 0]}, group_node],
            "wires": [{"from": "x", "to": "g", "port": 0}]}


def _sigmoid_entry() -> dict:
    from chainwire.graph.fileio.groups import group_entry

    return group_entry(parts_def("sigmoid"))


def test_a_group_round_trips_through_a_file_and_nests():
    from chainwire.graph import fileio

    c = fileio.from_dict(_file_with({"id": "g", "type": "group", "pos": [100, 0],
                                     "group": _sigmoid_entry()}))
    assert c.node("g").param == parts_def("sigmoid")
    assert evaluate(c).raw_value("g") == pytest.approx(1 / (1 + math.exp(-0.5)), rel=1e-15)
    nested = applied(c, group_edit(c, ["g"], "outer", "O"))
    text = fileio.dumps(nested)
    assert fileio.loads(text) == nested and fileio.dumps(fileio.loads(text)) == text


@pytest.mark.parametrize(("change", "needle"), [
    (lambda g: g.pop("group"), 'node \'g\' (nodes[1]): a group node needs its "group" entry'),
    (lambda g: g.update(param=2.0), 'a group gate has no "param" (only scale, offset, pow do)'),
    (lambda g: g["group"].update(extra=1), "unknown entry 'extra'"),
    (lambda g: g["group"].pop("output"), 'it has no "output"'),
    (lambda g: g["group"]["wires"][0].update(port=1),
     "\"group\": wires[0] ('x1' → 'scale1'): 'scale1' has one input, port 0; there is no "
     "port 1"),
    (lambda g: g["group"]["nodes"][1].update(type="softmax"),
     "\"group\": node 'scale1' (nodes[1]): unknown gate type 'softmax'"),
    (lambda g: g["group"].update(ports=["scale1"]),
     "port 'scale1' must be one of its input parts"),
    (lambda g: g["group"]["wires"].pop(), "part 'reciprocal1' (reciprocal) is not fully wired"),
    (lambda g: (g["group"]["nodes"].append({"id": "z", "type": "exp", "pos": [0, 0]}),
                g["group"]["wires"].append({"from": "x1", "to": "z", "port": 0})),
     "part 'z' does not lead to its output"),
])
def test_bad_groups_in_a_file_are_refused_with_the_place_named(change, needle):
    from chainwire.graph import fileio
    from chainwire.graph.errors import FileFormatError

    node = {"id": "g", "type": "group", "pos": [100, 0], "group": _sigmoid_entry()}
    change(node)
    with pytest.raises(FileFormatError) as e:
        fileio.from_dict(_file_with(node), source="t.chainwire")
    assert needle in str(e.value)
    assert str(e.value).startswith("t.chainwire: node 'g' (nodes[1]): ")


def test_group_on_another_node_and_nesting_too_deep_are_refused():
    from chainwire.graph import fileio
    from chainwire.graph.errors import FileFormatError

    with pytest.raises(FileFormatError, match='only a node of type "group" has one'):
        fileio.from_dict(_file_with({"id": "g", "type": "exp", "pos": [100, 0],
                                     "group": _sigmoid_entry()}))
    entry = _sigmoid_entry()
    for _ in range(9):  # a group of a group of ... of a sigmoid
        entry = {"name": "n", "symbol": "n", "ports": ["p"], "output": "q",
                 "nodes": [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]},
                           {"id": "q", "type": "group", "pos": [0, 0], "group": entry}],
                 "wires": [{"from": "p", "to": "q", "port": 0}]}
    with pytest.raises(FileFormatError, match="nested more than 8 deep"):
        fileio.from_dict(_file_with({"id": "g", "type": "group", "pos": [100, 0],
                                     "group": entry}))


# ----- stepping inside ---------------------------------------------------------------------
def test_inner_steps_read_the_expanded_circuits_numbers_and_nest():
    from chainwire.graph.group_steps import inner_steps
    from chainwire.graph.numbers import format_product

    c = parse("exp(a*b + c) * sigmoid(a)")
    ev = evaluate(c)
    inner = applied(c, group_edit(c, ["multiply1", "add1"], "lin", "L"))
    outer = applied(inner, group_edit(inner, ["add1", "exp1"], "head", "H"))
    fwd, bwd = inner_steps(outer, evaluate(outer), "exp1")
    assert [(s.path, s.part) for s in fwd] == [(("exp1",), "add1"), (("exp1",), "exp1"),
                                             (("exp1", "add1"), "multiply1"),
                                             (("exp1", "add1"), "add1")]
    assert fwd[1].text == f"exp1 = exp ({ev.raw_value('add1'):.2f}) = " \
        f"{ev.raw_value('exp1'):.2f}"
    assert [s.part for s in bwd] == ["exp1", "add1", "add1", "multiply1"]
    w = Wire("a", "multiply1", 0)  # the chain rule into a, deep inside, as expanded
    expected = format_product(ev.raw_value("b"), ev.raw_grad("multiply1"),
                              ev.raw_wire_grad(w)).text
    assert f"da = b · dmultiply1 = {expected}" in bwd[3].text
    outer.add_node("square", "sq")  # two sinks, no output named: values, no gradients
    outer.connect("a", "sq", 0)
    outer.set_output(None)
    fwd2, bwd2 = inner_steps(outer, evaluate(outer), "exp1")
    assert [s.text for s in fwd2] == [s.text for s in fwd] and bwd2 == ()


def test_the_step_through_shows_a_group_as_one_gate_or_steps_inside_it():
    from chainwire.graph.steps import build_steps

    c = parse("exp(a*b + c) * y")
    grouped = applied(c, group_edit(c, ["multiply1", "add1", "exp1"], "head", "H"))
    ev = evaluate(grouped)
    plain = build_steps(grouped, ev)
    assert [s.node for s in plain.steps if s.phase == "forward"] == ["exp1", "multiply2"]
    seq = build_steps(grouped, ev, inside=True)
    fwd = [s for s in seq.steps if s.phase == "forward"]
    assert [(s.node, s.inner.part if s.inner else None) for s in fwd] == [
        ("exp1", "multiply1"), ("exp1", "add1"), ("exp1", "exp1"), ("exp1", None),
        ("multiply2", None)]
    assert [s.index for s in fwd] == [1, 2, 3, 4, 5] and {s.total for s in fwd} == {5}
    bwd = [s for s in seq.steps if s.phase == "backward"]
    assert [(s.node, s.inner.part if s.inner else None) for s in bwd] == [
        ("multiply2", None), ("exp1", "exp1"), ("exp1", "add1"), ("exp1", "multiply1"),
        ("exp1", None)]
    for s in fwd[:3] + bwd[1:4]:  # inside: nothing new on the canvas, no callouts
        assert not s.new_values and not s.new_grads and not s.callouts
    assert bwd[-1].grads == plain.steps[-1].grads  # the group's own step, as before
    assert seq.forward == plain.forward and seq.backward == plain.backward


def test_the_gradient_check_sees_a_kink_inside_a_group():
    from chainwire.graph.gradcheck import check_gradients

    c = parse("max(x, y) * 2")  # x = y = 1: a tie, a kink
    grouped = applied(c, group_edit(c, ["max1"], "m", "m"))
    nested = applied(grouped, group_edit(grouped, ["max1", "scale1"], "n", "n"))
    for circuit in (c, grouped, nested):
        report = check_gradients(circuit)
        assert [r.verdict for r in report.rows] == ["kink", "kink"] and report.passed
