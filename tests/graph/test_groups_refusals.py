"""Compound gates: what grouping, expanding and collapsing refuse, and why (issue 9,
item 7; the round trips and numbers are in ``test_groups.py``)."""

from __future__ import annotations

import pytest

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import CircuitError
from chainwire.graph.expr import parse
from chainwire.graph.group_edits import (
    GroupError,
    expand_edit,
    group_edit,
)
from chainwire.graph.groups import GroupDef, check_group_def, parts_def
from chainwire.graph.records import NodeData, Wire


def with_extra(text: str, *gates: tuple[str, str, str]) -> Circuit:
    """``text`` parsed, plus one-input gates (type, id, source) that feed nothing."""
    c = parse(text)
    for t, nid, src in gates:
        c.add_node(t, nid)
        c.connect(src, nid, 0)
    return c


@pytest.mark.parametrize(("circuit", "ids", "needle"), [
    (with_extra("x*y", ("exp", "e", "x")), ["multiply1", "e"],
     "the selection ends in 'multiply1' and 'e'"),
    (parse("x*y"), ["x", "y"], "inputs alone make no gate"),
    (parse("x*y + exp(x)"), ["multiply1", "exp1"], "all feed the rest of the circuit"),
    (with_extra("exp(x*y)", ("square", "s", "multiply1")), ["multiply1", "exp1"],
     "'multiply1' feeds the rest of the circuit and the selection ends in 'exp1'"),
    (parse("x*y"), ["zz"], "no node with id 'zz'"),
])
def test_group_refusals_say_why(circuit, ids, needle):
    before = circuit.copy()
    with pytest.raises(GroupError, match=needle):
        group_edit(circuit, ids)
    assert circuit == before


def test_group_refuses_hiding_the_output_and_open_ports():
    c = parse("exp(x) * y")
    c.set_output("exp1")
    with pytest.raises(GroupError, match="output f"):
        group_edit(c, ["exp1", "multiply1"])
    c.set_output(None)
    c.disconnect("multiply1", 1)
    with pytest.raises(GroupError, match="not fully wired"):
        group_edit(c, ["exp1", "multiply1"])
    with pytest.raises(GroupError, match="only a group or a gate made of parts"):
        expand_edit(c, "exp1")


def test_definitions_are_checked():
    good = parts_def("sigmoid")
    nodes, wires = good.nodes, good.wires

    def bad(needle, **changes):
        fields = {"name": good.name, "symbol": good.symbol, "nodes": nodes, "wires": wires,
                  "ports": good.ports, "output": good.output, **changes}
        with pytest.raises(CircuitError, match=needle):
            check_group_def("g", GroupDef(**fields))

    bad("needs a name", name=" ")
    bad("at most 8 characters", symbol="σ" * 9)
    bad("used by two parts", nodes=(*nodes, nodes[1]))
    bad("joins parts that do not exist", wires=(*wires, Wire("zz", "exp1", 0)))
    bad("has no input port 1", wires=(*wires[:1], Wire("scale1", "exp1", 1), *wires[2:]))
    bad("must be one of its gates", output="x1")
    bad("port 'exp1' must be one of its input parts", ports=("exp1",))
    bad("does not lead to its output",
        nodes=(*nodes, NodeData("z", "exp")), wires=(*wires, Wire("x1", "z", 0)))
    bad("make a loop", wires=(wires[0], Wire("reciprocal1", "exp1", 0), *wires[2:]))
    bad("not fully wired", wires=wires[:2] + wires[3:])
    with pytest.raises(CircuitError, match="group definition"):
        Circuit().add_node("group", "g", param=2.0)


def test_definitions_are_frozen_hashable_and_compare_by_content():
    a, b = parts_def("sigmoid"), parts_def("sigmoid")
    assert a == b and hash(a) == hash(b) and a is not b
    assert a != parts_def("sigmoid", label="t")


def test_expanding_a_plain_gate_or_an_input_says_what_can_be():
    c = parse("x * y")
    for nid, t in (("x", "input"), ("multiply1", "multiply")):
        with pytest.raises(CircuitError, match=rf"\({t}\) cannot be expanded: only a group"):
            expand_edit(c, nid)
