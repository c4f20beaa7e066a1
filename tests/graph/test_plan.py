"""The compiled Plan: reused until the structure changes, networkx's order, the gates'
own kernels bound in its fast pass, and the GC left as it was found."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from chainwire.graph.circuit import Wire
from chainwire.graph.errors import CycleError
from chainwire.graph.evaluate import Plan, compile_plan, evaluate
from chainwire.graph.gates import GATES
from tests.graph.test_evaluate import build, circuit1, staged

pytestmark = pytest.mark.usefixtures("no_warnings")  # tests/graph/conftest.py


# ----- running again, plan reuse ----------------------------------------------------------
def test_evaluating_twice_gives_identical_results():
    c = staged(3.0, -4.0)
    a, b = evaluate(c), evaluate(c)
    assert a is not b
    for n in c.node_ids():
        assert a.raw_value(n) == b.raw_value(n) and a.raw_grad(n) == b.raw_grad(n)
    for w in a.wires:
        assert a.raw_wire_grad(w) == b.raw_wire_grad(w)


def test_an_evaluation_does_not_change_when_the_circuit_does():
    c = circuit1()
    e = evaluate(c)
    c.set_value("x", 10.0)
    assert e.value("f") == -12.0
    assert evaluate(c).value("f") == -60.0


def test_value_change_reuses_the_plan_structural_change_recompiles():
    c = circuit1()
    p = compile_plan(c)
    assert compile_plan(c) is p
    c.set_value("x", 1.0)
    c.set_label("x", "ex")
    c.move("x", (3, 4))
    assert compile_plan(c) is p
    assert evaluate(c).value("f") == -24.0
    c.add_node("input", "w", value=1.0)
    p2 = compile_plan(c)
    assert p2 is not p and compile_plan(c) is p2
    c.set_output("f")
    assert compile_plan(c) is not p2


def test_param_change_reuses_the_plan():
    c = build({"x": 2.0}, [("f", "scale", ["x"], 3.0)])
    p = compile_plan(c)
    assert evaluate(c).grad("x") == 3.0
    c.set_param("f", -2.0)
    assert compile_plan(c) is p
    e = evaluate(c)
    assert e.value("f") == -4.0 and e.grad("x") == -2.0


def test_plan_run_with_explicit_inputs():
    c = circuit1()
    p = Plan(c)
    assert p.input_ids == ["x", "y", "z"] and p.param_ids == []
    e = p.run([1.0, 2.0, 3.0], [])
    assert e.value("f") == 9.0 and e.grad("z") == 3.0
    with pytest.raises(ValueError):
        p.run([1.0, 2.0], [])  # one input short


def test_plan_order_is_networkx_topological_order():
    c = staged(3.0, -4.0)
    c.add_node("input", "late", value=1.0)
    c.add_node("multiply", "m2")
    c.connect("late", "m2", 0)
    c.connect("x", "m2", 1)
    p = Plan(c)
    assert list(p.ids) == list(nx.topological_sort(c.graph))
    assert [p.index[n] for n in p.ids] == list(range(len(c)))
    assert p.wires == tuple(sorted(c.wires(), key=lambda w: (p.index[w.dst], w.port)))
    assert [p.wire_index[w] for w in p.wires] == list(range(len(p.wires)))


def test_forward_and_backward_ops():
    c = circuit1()
    c.add_node("square", "side")
    c.connect("x", "side", 0)
    c.set_output("f")
    p = Plan(c)
    fwd = [p.ids[op.slot] for op in p.forward_ops]
    bwd = [p.ids[op.slot] for op in p.backward_ops]
    assert set(fwd) == {"q", "f", "side"} and fwd.index("q") < fwd.index("f")
    assert bwd == ["f", "q"]  # side is not upstream of f
    op = p.forward_ops[fwd.index("side")]
    assert op.unary and op.ins == (p.index["x"],) and op.param == -1
    assert op.gate is GATES["square"] and len(op.wires) == 1
    assert p.forward_ops[fwd.index("f")].ins == (p.index["q"], p.index["z"])


def test_hand_made_cyclic_graph_is_refused():
    c = build({"x": 1.0}, [("a", "add", ["x", "x"]), ("b", "square", ["a"])])
    # Reaches into the private graph on purpose: only a bypassed model can hold a loop.
    c._graph.add_edge("b", "a", key=2)
    with pytest.raises(CycleError, match="loop"):
        Plan(c)


@pytest.mark.parametrize("step", ["compile", "run"])
def test_compile_and_run_restore_gc_state(step):
    import gc

    c = circuit1()
    plan = Plan(c)

    def do() -> None:
        if step == "compile":
            Plan(c)
        else:
            plan.run(*plan.gather(c))

    assert gc.isenabled()
    do()
    assert gc.isenabled()
    gc.disable()
    try:
        do()
        assert not gc.isenabled()
    finally:
        gc.enable()


# ----- the fast pass runs the gates' own functions -----------------------------------------
def test_the_fast_pass_binds_the_gates_own_functions():
    """No second copy of any gate's math: each op holds the gate's kernel functions."""
    c = build({"x": 1.0, "y": 2.0}, [("s", "sigmoid", ["x"]), ("m", "multiply", ["s", "y"]),
                                     ("a", "add", ["m", "x", "y"]), ("f", "scale", ["a"], 2.0)])
    p = Plan(c)
    assert p.scalar_ready
    for (_k, _slot, a, _b, f), gate in zip(p._fwd, p._op_gates, strict=True):
        n = 1 if gate.unary else len(a) if isinstance(a, tuple) else 2
        assert f is gate.scalar_kernels(n)[1]
    for (_k, _slot, a, _b, df, _w), i in zip(p._bwd, p._bwd_pos, strict=True):
        gate = p._op_gates[i]
        n = 1 if gate.unary else len(a) if isinstance(a, tuple) else 2
        assert df is gate.scalar_kernels(n)[2]
    from pathlib import Path

    from chainwire.graph import passes

    source = Path(passes.__file__).read_text()
    for name in ("sigmoid", "exp(", "reciprocal", "fsum", "maximum"):
        assert name not in source, name


def test_a_matmul_sends_every_run_through_the_general_pass():
    c = build({"x": 1.0, "y": 2.0}, [("f", "multiply", ["x", "y"])])
    c.add_node("matmul", "mm")
    c.connect("x", "mm", 0)
    c.connect("y", "mm", 1)
    c.set_output("f")
    p = Plan(c)
    assert not p.scalar_ready
    e = p.run(*p.gather(c))
    assert e.value("f") == 2.0 and e.grad("x") == 2.0
    assert e.undefined == {"mm": "matmul needs vectors or matrices: got scalar and scalar"}


@pytest.mark.parametrize("gate", ["add", "multiply", "max"])
@pytest.mark.parametrize(("a", "b"), [(3.0, -4.0), (0.0, math.inf), (1e308, 1e308),
                                      (-0.0, 0.0), (math.nan, 1.0), (2.5, 2.5)])
def test_both_passes_give_the_gates_own_numbers(gate, a, b):
    """Inputs are finite in a Circuit; Plan.run takes any floats, so feed inf/NaN there."""
    c = build({"a": 0.0, "b": 0.0, "k": 1.5}, [("g", gate, ["a", "b"]),
                                               ("f", "multiply", ["g", "k"])])
    p = Plan(c)
    fwd = GATES[gate].forward([a, b], None)
    ga, gb = GATES[gate].backward([a, b], fwd, 1.5, None)

    def same(u: float, v: float) -> bool:
        return u == v or (math.isnan(u) and math.isnan(v))

    for e in (p.run([a, b, 1.5], []), p.run_general([a, b, 1.5], [])):
        assert same(e.raw_value("g"), fwd)
        assert same(e.raw_wire_grad(Wire("a", "g", 0)), ga)
        assert same(e.raw_wire_grad(Wire("b", "g", 1)), gb)
