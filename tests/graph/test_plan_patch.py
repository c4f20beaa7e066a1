"""Plans patched instead of compiled again (graph/plan_patch.py): gates added or removed
at the growing end, another output; always the numbers of a fresh compile."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph.circuit import Wire
from chainwire.graph.evaluate import Plan, evaluate
from chainwire.graph.gates import GATES
from chainwire.graph.shapes import same_value
from tests.graph.test_evaluate import build

pytestmark = pytest.mark.usefixtures("no_warnings")  # tests/graph/conftest.py


# ----- structural edits at the growing end (graph/plan_patch.py) ----------------------------
@contextmanager
def counting_compiles() -> Iterator[list]:
    """A list that gets one entry per whole-plan compile made meanwhile."""
    compiled: list = []
    compile_ = Plan._compile
    Plan._compile = lambda self, circuit: (compiled.append(1), compile_(self, circuit))[1]
    try:
        yield compiled
    finally:
        Plan._compile = compile_


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
    with counting_compiles() as compiled:
        edits = _grow(c, rnd, steps, batches, ev)
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
    with counting_compiles() as compiled:
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
