"""Compound gates: group, expand and collapse keep every outer number (issue 9, item 7).

Grouping a selection and expanding it back gives the very circuit it was; the numbers on
every outer node and wire are the expanded circuit's (bit for bit where no node's
gradient has three or more terms whose order differs, see graph/gates_group.py; within
rounding otherwise); a group's backward agrees with centred differences of its forward;
sigmoid expands into its four parts and collapses back; refusals say why.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import CircuitError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.fileio import dumps, loads
from chainwire.graph.gates import GATES
from chainwire.graph.gates_group import run_parts
from chainwire.graph.group_edits import (
    GroupError,
    apply_edit,
    collapse_edit,
    collapse_target,
    expand_edit,
    group_edit,
)
from chainwire.graph.groups import GroupDef, chain_of, check_group_def, parts_def
from chainwire.graph.records import Wire

SMOOTH = ["add", "multiply", "exp", "square", "scale", "offset", "sigmoid", "tanh"]
ALL = [*SMOOTH, "max", "relu", "reciprocal"]


def applied(c: Circuit, edit) -> Circuit:
    out = c.copy()
    apply_edit(out, edit)
    return out


def same(a, b) -> bool:
    """Equal as the engine's numbers: NaN equals NaN, arrays element by element."""
    if a is None or b is None:
        return a is b
    return bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True))


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return bool(np.allclose(np.asarray(a), np.asarray(b), rtol=1e-9, atol=1e-300,
                            equal_nan=True))


def random_circuit(rng: random.Random, n_gates: int, types: list[str], fan_out: int = 9
                   ) -> Circuit:
    """A random DAG at whole-pixel positions; no node feeds more than ``fan_out`` wires."""
    c = Circuit()
    ids = []
    for i in range(rng.randint(2, 4)):
        ids.append(c.add_node("input", f"in{i}", value=round(rng.uniform(-2, 2), 3),
                              pos=(0.0, 80.0 * i)))
    uses = dict.fromkeys(ids, 0)
    for g in range(n_gates):
        t = rng.choice(types)
        n = 1 if GATES[t].unary else rng.choice((2, 2, 3))
        free = [i for i in ids if uses[i] < fan_out]
        if len(free) < 1:
            break
        nid = c.add_node(t, f"g{g}", param=rng.choice((-1.5, 0.5, 2.0)) if GATES[t].has_param
                         else None, pos=(100.0 * (g + 1), float(rng.randint(-300, 300))))
        for port in range(n):
            src = rng.choice(free[-6:])
            c.connect(src, nid, port)
            uses[src] += 1
        uses[nid] = 0
        ids.append(nid)
    c.set_output(ids[-1])
    return c


def random_selection(rng: random.Random, c: Circuit) -> list[str]:
    """A groupable selection: a gate and some of its ancestors that feed only the
    selection (walked from the gate back, in reverse topological order)."""
    gates = [n for n in c.node_ids() if c.type_of(n) != "input"]
    end = rng.choice(gates)
    chosen = {end}
    order, _types, _ins = c.topology()
    for n in reversed(order):
        if n in chosen or n not in c.ancestors(end):
            continue
        if all(w.dst in chosen for w in c.wires_out_of(n)) and rng.random() < 0.7:
            chosen.add(n)
    return [n for n in c.node_ids() if n in chosen]


def compare_outer(expanded: Circuit, grouped: Circuit, group_id: str, check) -> None:
    """Every node and wire of ``grouped`` reads the same as in ``expanded``; a wire into
    the group reads the sum of the wires it stands for."""
    ea, eb = evaluate(expanded), evaluate(grouped)
    defn: GroupDef = grouped.node(group_id).param
    for n in grouped.node_ids():
        assert check(ea.raw_value(n), eb.raw_value(n)), n
        assert check(ea.raw_grad(n), eb.raw_grad(n)), n
    for w in grouped.wires():
        assert check(ea.raw_value(w.src), eb.raw_value(w.src))
        if w.dst != group_id:
            assert check(ea.raw_wire_grad(w), eb.raw_wire_grad(w)), w
            continue
        port = defn.ports[w.port]
        inner = [Wire(w.src, x.dst, x.port) for x in defn.wires if x.src == port]
        parts = [ea.raw_wire_grad(x) for x in inner]
        total = parts[0]
        for p in parts[1:]:
            total = None if total is None or p is None else total + p
        assert check(total, eb.raw_wire_grad(w)), w


# ----- sigmoid ⇄ its parts -------------------------------------------------------------
NEURON = "sigmoid(w0*x0 + w1*x1 + w2)"


def test_sigmoid_expands_into_its_parts_and_collapses_back():
    c = parse(NEURON)
    sig = next(d.id for d in c.nodes() if d.type == "sigmoid")
    expanded = applied(c, expand_edit(c, sig))
    chain = [d for d in expanded.nodes() if d.type in ("scale", "exp", "offset", "reciprocal")]
    assert [(d.type, d.param) for d in chain] == list(GATES["sigmoid"].parts)
    assert [w for w in expanded.wires() if w.src == "add1"] == [Wire("add1", "scale1", 0)]
    assert expanded.node(sig).type == "reciprocal"  # the last part keeps the id: same wires
    ea, eb = evaluate(c), evaluate(expanded)
    for n in c.node_ids():  # σ's own formula vs its parts: equal within the last bit
        assert ea.raw_value(n) == pytest.approx(eb.raw_value(n), rel=1e-15)
        assert ea.raw_grad(n) == pytest.approx(eb.raw_grad(n), rel=1e-14)
    ids = [d.id for d in chain]
    assert collapse_target(expanded, ids) == "sigmoid"
    assert applied(expanded, collapse_edit(expanded, ids)) == c


def test_a_group_of_the_sigmoid_parts_collapses_and_keeps_the_numbers_exactly():
    c = parse(NEURON)
    expanded = applied(c, expand_edit(c, "sigmoid1"))
    parts = ["scale1", "exp1", "offset1", "sigmoid1"]
    grouped = applied(expanded, group_edit(expanded, parts, "sigmoid", "σ"))
    assert grouped.type_of("sigmoid1") == "group"
    assert chain_of(grouped.node("sigmoid1").param) == GATES["sigmoid"].parts
    compare_outer(expanded, grouped, "sigmoid1", same)
    assert collapse_target(grouped, ["sigmoid1"]) == "sigmoid"
    assert applied(grouped, collapse_edit(grouped, ["sigmoid1"])) == c
    assert applied(grouped, expand_edit(grouped, "sigmoid1")) == expanded


def test_collapse_refuses_anything_but_the_chain():
    c = parse(NEURON)
    expanded = applied(c, expand_edit(c, "sigmoid1"))
    assert collapse_target(expanded, ["scale1", "exp1", "offset1"]) is None
    expanded.set_param("offset1", 2.0)
    assert collapse_target(expanded, ["scale1", "exp1", "offset1", "sigmoid1"]) is None
    with pytest.raises(GroupError, match="parts of a sigmoid"):
        collapse_edit(expanded, ["scale1", "exp1", "offset1", "sigmoid1"])


def test_parts_come_from_the_gate_class_only():
    d = parts_def("sigmoid")
    assert chain_of(d) == GATES["sigmoid"].parts
    assert check_group_def("sigmoid", d) is d
    with pytest.raises(CircuitError, match="no parts"):
        parts_def("exp")


# ----- group → expand round trips -----------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.integers(3, 14))
def test_group_then_expand_is_the_same_circuit_and_numbers(seed, n_gates):
    rng = random.Random(seed)
    c = random_circuit(rng, n_gates, ALL)
    ids = random_selection(rng, c)
    edit = group_edit(c, ids, "part", "P")
    grouped = applied(c, edit)
    gid = edit.add_nodes[0].id
    assert len(grouped) == len(c) - len(ids) + 1
    compare_outer(c, grouped, gid, close)
    text = dumps(grouped)  # saved and reloaded: the same circuit, the same text
    assert loads(text) == grouped and dumps(loads(text)) == text
    back = applied(grouped, expand_edit(grouped, gid))
    assert back == c


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.integers(3, 14))
def test_numbers_are_bit_for_bit_where_no_gradient_has_three_terms(seed, n_gates):
    rng = random.Random(seed)
    c = random_circuit(rng, n_gates, ALL, fan_out=2)
    ids = random_selection(rng, c)
    edit = group_edit(c, ids)
    compare_outer(c, applied(c, edit), edit.add_nodes[0].id, same)


def test_nested_groups_round_trip():
    c = parse("exp(a*b + c) * sigmoid(a)")
    inner = applied(c, group_edit(c, ["multiply1", "add1"], "lin", "L"))
    assert inner.type_of("add1") == "group"
    outer = applied(inner, group_edit(inner, ["add1", "exp1"], "head", "H"))
    defn = outer.node("exp1").param
    assert defn.depth == 2 and outer.port_count("exp1") == 3
    compare_outer(inner, outer, "exp1", same)
    compare_outer(c, inner, "add1", same)
    again = applied(outer, expand_edit(outer, "exp1"))
    assert again == inner
    assert applied(again, expand_edit(again, "add1")) == c


def test_expand_gives_fresh_ids_where_the_old_ones_are_taken():
    c = parse("exp(a*b + c)")
    grouped = applied(c, group_edit(c, ["multiply1", "add1"]))
    grouped.add_node("square", "multiply1", pos=(500.0, 500.0))
    edit = expand_edit(grouped, "add1")
    assert [d.id for d in edit.add_nodes] == ["multiply2", "add1"]
    out = applied(grouped, edit)
    assert out.type_of("multiply1") == "square" and out.type_of("multiply2") == "multiply"
    assert out.inputs_of("multiply2") == {0: "a", 1: "b"}
    ea, eb = evaluate(out), evaluate(grouped)
    for n in ("a", "b", "c", "add1", "exp1"):
        assert same(ea.raw_value(n), eb.raw_value(n)) and same(ea.raw_grad(n), eb.raw_grad(n))


def test_ports_follow_the_sources_top_to_bottom_then_id():
    c = Circuit()
    for nid, y in (("low", 200.0), ("high", -50.0), ("b", 0.0), ("a", 0.0)):
        c.add_node("input", nid, value=1.0, pos=(0.0, y))
    c.add_node("add", "s", pos=(100.0, 0.0))
    for port, src in enumerate(("low", "high", "b", "a")):
        c.connect(src, "s", port)
    edit = group_edit(c, ["s"])
    assert edit.add_nodes[0].param.ports == ("high", "a", "b", "low")
    grouped = applied(c, edit)
    assert grouped.inputs_of("s") == {0: "high", 1: "a", 2: "b", 3: "low"}
    compare_outer(c, grouped, "s", same)


def test_selected_inputs_become_constants_and_the_output_mark_stays():
    c = parse("(x + k) * y")
    c.set_value("k", 3.5)
    c.set_output("multiply1")
    grouped = applied(c, group_edit(c, ["k", "add1", "multiply1"]))
    assert grouped.output == "multiply1" and "k" not in grouped
    assert grouped.port_count("multiply1") == 2
    compare_outer(c, grouped, "multiply1", same)
    assert applied(grouped, expand_edit(grouped, "multiply1")) == c


# ----- the group gate ---------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9))
def test_group_backward_matches_centred_differences(seed):
    rng = random.Random(seed)
    c = random_circuit(rng, rng.randint(3, 10), SMOOTH)
    edit = group_edit(c, random_selection(rng, c))
    defn: GroupDef = edit.add_nodes[0].param
    gate = GATES["group"]
    xs = [rng.uniform(-1.5, 1.5) for _ in defn.ports]
    out = gate.forward(xs, defn)
    if not math.isfinite(out) or abs(out) > 1e6:
        return
    grads = gate.backward(xs, out, 1.0, defn)
    for i in range(len(xs)):
        h = 1e-6 * max(1.0, abs(xs[i]))
        up, dn = list(xs), list(xs)
        up[i] += h
        dn[i] -= h
        numeric = (gate.forward(up, defn) - gate.forward(dn, defn)) / (2 * h)
        assert grads[i] == pytest.approx(numeric, rel=1e-5, abs=1e-6)


def test_arrays_flow_through_a_group_with_broadcasting_and_matmul():
    c = Circuit()
    c.add_node("input", "W", value=[[1.0, 2.0], [3.0, -4.0]], pos=(0.0, 0.0))
    c.add_node("input", "x", value=[0.5, -1.0], pos=(0.0, 100.0))
    c.add_node("input", "b", value=0.25, pos=(0.0, 200.0))
    c.add_node("matmul", "D", pos=(100.0, 50.0))
    c.add_node("add", "z", pos=(200.0, 100.0))
    c.add_node("sigmoid", "s", pos=(300.0, 100.0))
    c.add_node("sum", "f", pos=(400.0, 100.0))
    for w in (("W", "D", 0), ("x", "D", 1), ("D", "z", 0), ("b", "z", 1), ("z", "s", 0),
              ("s", "f", 0)):
        c.connect(*w)
    grouped = applied(c, group_edit(c, ["D", "z", "s"], "layer", "Λ"))
    compare_outer(c, grouped, "s", same)
    assert evaluate(grouped).shape("s") == (2,)
    grouped.set_value("x", [1.0, 2.0, 3.0])  # a shape the parts refuse, said from inside
    ev = evaluate(grouped)
    assert "inside the layer group, part 'D'" in ev.undefined["s"]


def test_a_group_with_an_unwired_port_is_undefined_and_wiring_past_its_ports_refused():
    c = parse("x * y")
    grouped = applied(c, group_edit(c, ["multiply1"]))
    grouped.disconnect("multiply1", 1)
    ev = evaluate(grouped)
    # an open port, as on any gate: undefined for its wiring, not a shape problem (the
    # command line reports shape problems as errors and shows undefined gates as rows)
    assert ev.undefined["multiply1"] == "group gate 'multiply1' needs 2 inputs, has 1"
    assert not ev.shape_problems
    with pytest.raises(CircuitError, match="no input port 2"):
        grouped.connect("y", "multiply1", 2)
    with pytest.raises(CircuitError, match="expand it"):
        grouped.set_param("multiply1", 2.0)


def test_step_values_inside_are_the_expanded_ones():
    c = parse("exp(a*b + c)")
    edit = group_edit(c, ["multiply1", "add1", "exp1"])
    defn = edit.add_nodes[0].param
    ev = evaluate(c)
    xs = [ev.raw_value(p) for p in defn.ports]
    run = run_parts(defn, xs, 1.0)
    for n in ("multiply1", "add1", "exp1"):
        assert run.values[n] == ev.raw_value(n)
        assert run.grads[n] == ev.raw_grad(n)
