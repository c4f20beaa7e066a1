"""The compiled Plan: reused until the structure changes, networkx's order, the gates'
own kernels bound in its fast pass, and the GC left as it was found."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph.circuit import Wire
from chainwire.graph.errors import CycleError
from chainwire.graph.evaluate import Plan, compile_plan, evaluate
from chainwire.graph.gates import GATES
from chainwire.graph.shapes import same_value
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


# ----- structural edits at the growing end (graph/plan_patch.py) ----------------------------
def _same_numbers(a, b, c) -> None:
    """Two evaluations of ``c`` agree on every value, gradient, wire and undefined node."""
    assert dict(a.undefined) == dict(b.undefined)
    assert (a.output, a.no_gradient_reason) == (b.output, b.no_gradient_reason)
    for n in c.node_ids():  # NaN where NaN is counts as equal
        assert same_value(a.raw_value(n), b.raw_value(n)), n
        assert same_value(a.raw_grad(n), b.raw_grad(n)), n
    assert set(a.wires) == set(b.wires)
    for w in b.wires:
        assert same_value(a.raw_wire_grad(w), b.raw_wire_grad(w)), w


GROWING = ["add", "multiply", "scale", "offset", "sigmoid", "max", "matmul", "square"]


@settings(max_examples=80, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(1, 30), st.booleans())
def test_growing_a_circuit_patches_the_plan_with_the_numbers_of_a_fresh_compile(
        rnd, steps, named_output):
    """Adding nodes, wiring gates nothing reads yet, removing the last nodes or any wire
    and changing values, one edit at a time as the editor does (each evaluation handed
    the previous one and the edit's changes): the patched plan and the partial rerun
    give a fresh compile's numbers."""
    c = build({"x": 0.5, "y": -1.5}, [("f", "multiply", ["x", "y"])],
              output="f" if named_output else None)
    batches: list = []
    c.subscribe(batches.append)
    ev = evaluate(c)
    compiled = []
    compile_ = Plan._compile
    Plan._compile = lambda self, circuit: (compiled.append(1), compile_(self, circuit))[1]
    try:
        edits = _grow(c, rnd, steps, batches, ev)
    finally:
        Plan._compile = compile_
    if named_output:  # (without one, a new sink changes which node is f: compiled)
        assert len(compiled) < edits or edits < 3  # some edits were patches


def _grow(c, rnd, steps: int, batches: list, ev) -> int:
    edits = 0
    for _ in range(steps):
        ids = c.node_ids()
        sinks = [n for n in ids if c.type_of(n) != "input" and not c.wires_out_of(n)
                 and n != c.output]
        if sinks and rnd.random() < 0.6:  # a wire into a gate nothing reads
            dst = rnd.choice(sinks)
            port = rnd.choice([p for p in range(4) if p not in c.inputs_of(dst)] or [0])
            src = rnd.choice([n for n in ids if n != dst and dst not in c.ancestors(n)])
            try:
                c.connect(src, dst, port)
            except Exception:  # noqa: BLE001 - a port the gate refuses: no edit, no batch
                continue
        elif rnd.random() < 0.3:  # a value or a constant: only what it reaches is rerun
            ids = [n for n in c.node_ids() if c.type_of(n) == "input"
                   or GATES[c.type_of(n)].has_param]
            nid = rnd.choice(ids)
            if c.type_of(nid) == "input":
                c.set_value(nid, rnd.choice([rnd.uniform(-3, 3), 0.0, 1e300]))  # 1e300: inf later
            else:
                c.set_param(nid, rnd.uniform(-2, 2))
        elif rnd.random() < 0.25 and len(c) > 3:  # a removal: the last node (an undo) or any
            ids = [n for n in c.node_ids() if n != c.output]
            last = [n for n in ev.plan.ids if n in ids][-1:]
            if rnd.random() < 0.5 or not last:
                w = rnd.choice(list(c.wires()) or [None])
                if w is None:
                    continue
                c.disconnect(w.dst, w.port)
            else:
                c.remove_node(rnd.choice(last + ids[-2:]))
        elif rnd.random() < 0.3:
            c.add_node("input", value=rnd.uniform(-2, 2))
        else:
            t = rnd.choice(GROWING)
            c.add_node(t, param=0.5 if GATES[t].has_param else None)
        ev = evaluate(c, ev, batches.pop())
        edits += 1
        fresh = _fresh(c)
        _same_numbers(ev, fresh.run(*fresh.gather(c)), c)
        assert set(ev.plan.param_ids) == set(fresh.param_ids)
    return edits


def _fresh(c) -> Plan:
    """A plan compiled from scratch (behind the counting wrapper of the test above)."""
    fresh = Plan.__new__(Plan)
    _COMPILE(fresh, c)
    return fresh


_COMPILE = Plan._compile


def test_a_wire_into_a_new_gate_extends_the_plan_instead_of_compiling_it(monkeypatch):
    c = build({"x": 2.0, "y": 3.0}, [("f", "add", ["x", "y"])], output="f")
    batches: list = []
    c.subscribe(batches.append)
    ev = evaluate(c)
    _ = ev.wires, ev.plan.wire_index, ev.plan.wires_at  # tables built by now
    monkeypatch.setattr(Plan, "_compile", lambda self, circuit: pytest.fail("compiled"))
    c.add_node("sigmoid", "s")
    ev = evaluate(c, ev, batches.pop())
    assert ev.undefined.keys() == {"s"}
    c.connect("x", "s", 0)
    ev = evaluate(c, ev, batches.pop())
    assert ev.raw_value("s") == GATES["sigmoid"].forward([2.0], None)
    assert ev.raw_wire_grad(Wire("x", "s", 0)) == 0.0  # s does not feed f
    assert ev.grad("x") == 1.0 and not ev.undefined
    assert ev.plan.wires_at["s"] == (2, [(0, "x")])
    with pytest.raises(KeyError):
        ev.plan.wire_slot(Wire("y", "s", 0))
    monkeypatch.undo()
    _same_numbers(ev, evaluate(build({"x": 2.0, "y": 3.0}, [("f", "add", ["x", "y"]),
                                                           ("s", "sigmoid", ["x"])], "f")), c)


def test_edits_anywhere_else_compile_the_plan_again():
    c = build({"x": 2.0, "y": 3.0}, [("q", "add", ["x", "y"]), ("f", "square", ["q"])], "f")
    batches: list = []
    c.subscribe(batches.append)
    ev = evaluate(c)
    c.disconnect("q", 1)  # a gate f reads
    ev2 = evaluate(c, ev, batches.pop())
    assert ev2.plan is not ev.plan and ev2.undefined.keys() == {"q", "f"}
    c.add_node("input", "z", value=1.0)
    c.connect("z", "q", 1)
    ev3 = evaluate(c, ev2, batches[0] + batches[1])
    assert ev3.plan is not ev2.plan and not ev3.undefined
    assert ev3.raw_value("f") == 9.0 and ev3.grad("z") == 6.0


def test_a_value_edit_reruns_only_what_it_reaches():
    c = build({"x": 2.0, "y": 3.0, "z": -1.0},
              [("q", "add", ["x", "y"]), ("f", "multiply", ["q", "z"]),
               ("side", "sigmoid", ["y"])], output="f")
    batches: list = []
    c.subscribe(batches.append)
    ev = evaluate(c)
    c.set_value("z", 4.0)
    ev2 = evaluate(c, ev, batches.pop())
    assert ev2.plan is ev.plan and ev2.raw_value("f") == 20.0 and ev2.grad("x") == 4.0
    assert ev2.raw_value("side") is ev.raw_value("side")  # not recomputed: the same object
    c.set_value("y", 0.0)
    ev3 = evaluate(c, ev2, batches.pop())
    assert ev3.raw_value("side") == 0.5 and ev3.raw_value("f") == 8.0
    _same_numbers(ev3, evaluate(c), c)


# ----- another output: only the backward pass is found again (plan_patch._new_output) -------
def _random_dag(rnd, n_inputs: int, n_gates: int):
    """Inputs and gates reading random earlier nodes (fan-out of three and more, so the
    order in which a node's gradient is summed shows in its last bits)."""
    c = build({f"x{i}": rnd.uniform(-2, 2) for i in range(n_inputs)}, [])
    ids = c.node_ids()
    for k in range(n_gates):
        t = rnd.choice(["add", "multiply", "sigmoid", "scale", "max", "square"])
        arity = 1 if GATES[t].max_inputs == 1 else rnd.randint(2, 3)
        g = c.add_node(t, f"g{k}", param=rnd.uniform(-1.5, 1.5) if GATES[t].has_param
                       else None)
        for port in range(arity):
            c.connect(rnd.choice(ids[-6:]), g, port)
        ids.append(g)
    return c


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(2, 5), st.integers(1, 25),
       st.integers(1, 12))
def test_another_output_keeps_the_forward_pass_with_the_numbers_of_a_fresh_compile(
        rnd, n_inputs, n_gates, steps):
    """Choosing another output (or none), mixed with value edits and gates added at the
    end, one edit at a time as the editor does: a plan in a fresh compile's order is not
    compiled again for a new output, and every number is a fresh compile's, bit for bit."""
    c = _random_dag(rnd, n_inputs, n_gates)
    batches: list = []
    c.subscribe(batches.append)
    ev = evaluate(c)
    compiled = []
    compile_ = Plan._compile
    Plan._compile = lambda self, circuit: (compiled.append(1), compile_(self, circuit))[1]
    try:
        for _ in range(steps):
            choice = rnd.random()
            output_only = choice < 0.6
            if output_only:
                c.set_output(rnd.choice([*c.node_ids(), None]))
            elif choice < 0.8:
                c.set_value(rnd.choice([n for n in c.node_ids() if c.type_of(n) == "input"]),
                            rnd.uniform(-3, 3))
            else:  # a gate at the end: the plan is patched there, not in a fresh order
                srcs = rnd.sample(c.node_ids(), 2)
                with c.transaction():
                    g = c.add_node("add")
                    c.connect(srcs[0], g, 0)
                    c.connect(srcs[1], g, 1)
            if not batches:
                continue  # the same output again: no change
            fresh_before, before = ev.plan.fresh_order, len(compiled)
            ev = evaluate(c, ev, batches.pop())
            if output_only and fresh_before:
                assert len(compiled) == before, "a new output compiled the plan"
            _same_numbers(ev, _fresh(c).run(*_fresh(c).gather(c)), c)
    finally:
        Plan._compile = compile_


def test_a_new_output_keeps_the_forward_ops_and_finds_the_backward_pass_again():
    c = build({"x": 2.0, "y": 3.0}, [("q", "add", ["x", "y"]), ("f", "square", ["q"]),
                                     ("h", "multiply", ["q", "y"])], "f")
    batches: list = []
    c.subscribe(batches.append)
    ev = evaluate(c)
    c.set_output("h")
    ev2 = evaluate(c, ev, batches.pop())
    assert ev2.plan is not ev.plan and ev2.plan._fwd is ev.plan._fwd
    assert ev2.output == "h" and ev2.grad("y") == 8.0 and ev2.grad("x") == 3.0  # q + y, y
    assert ev2.raw_value("f") == 25.0 and ev2.grad("f") == 0.0
