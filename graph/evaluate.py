"""Forward and backward pass over a circuit: ``evaluate(circuit) -> Evaluation``.

The circuit's structure is compiled into a ``Plan`` (``graph/plan.py``) once per
structural change and cached by the circuit (``Circuit.cached``); each call then runs the
passes (``graph/passes.py``) on the current values and returns a fresh, immutable
``Evaluation`` (``graph/evaluation.py``): nothing is stored on the nodes, so running twice
gives identical results and nothing needs zeroing (unlike micrograd).

Nodes that cannot be computed (an open input port, input shapes a gate refuses) are
*undefined*: no value, no gradient, and ``Evaluation.undefined`` says why. Evaluating
never raises on a circuit the model accepted: NaN, inf and shape problems are results.
"""

from __future__ import annotations

from collections.abc import Iterable

from chainwire.graph.circuit import Change, Circuit
from chainwire.graph.evaluation import Evaluation
from chainwire.graph.plan import Plan
from chainwire.graph.plan_patch import patched

__all__ = ["Evaluation", "Plan", "compile_plan", "evaluate"]


def compile_plan(circuit: Circuit, previous: Plan | None = None,
                 changes: Iterable[Change] = ()) -> Plan:
    """The circuit's plan, compiled only if its structure changed since the last call;
    derived from ``previous`` when ``changes`` (all made since it) only grew the circuit
    at its end (``plan_patch``)."""
    def build() -> Plan:
        if previous is not None:
            plan = patched(previous, circuit, changes)
            if plan is not None:
                return plan
        return Plan(circuit)
    return circuit.cached("plan", build)


def evaluate(circuit: Circuit, previous: Evaluation | None = None,
             changes: Iterable[Change] = ()) -> Evaluation:
    """Run the forward and backward pass on ``circuit``.

    ``previous`` (an evaluation of this circuit) and ``changes`` (the edits since it)
    let a structural edit at the circuit's end reuse its plan (the editor passes both).

    >>> from chainwire.graph.circuit import Circuit
    >>> c = Circuit()
    >>> for n, v in (("x", -2.0), ("y", 5.0), ("z", -4.0)):
    ...     _ = c.add_node("input", n, value=v)
    >>> _ = c.add_node("add", "q"); _ = c.add_node("multiply", "f")
    >>> c.connect("x", "q", 0); c.connect("y", "q", 1)
    >>> c.connect("q", "f", 0); c.connect("z", "f", 1)
    >>> e = evaluate(c)
    >>> float(e.value("f")), float(e.grad("x")), float(e.grad("z"))
    (-12.0, -4.0, 3.0)

    Arrays flow the same way; a non-scalar f gives the gradients of sum(f):

    >>> d = Circuit()
    >>> _ = d.add_node("input", "W", value=[[1, 2, 3], [4, 5, 6]])
    >>> _ = d.add_node("input", "X", value=[[1, 0], [0, 1], [1, 1]])
    >>> _ = d.add_node("matmul", "D"); d.connect("W", "D", 0); d.connect("X", "D", 1)
    >>> e = evaluate(d)
    >>> e.value("D").tolist(), e.objective("D")
    ([[4.0, 5.0], [10.0, 11.0]], 'sum(D)')
    >>> e.grad("W").tolist()  # dW = dD·Xᵀ with dD = ones
    [[1.0, 1.0, 2.0], [1.0, 1.0, 2.0]]
    """
    plan = compile_plan(circuit, None if previous is None else previous.plan, changes)
    inputs, params = plan.gather(circuit)
    if previous is not None and changes:
        again = _rerun(plan, previous, changes, inputs, params)
        if again is not None:
            return again
    return plan.run(inputs, params)


def _rerun(plan: Plan, prev: Evaluation, changes: Iterable[Change], inputs: list,
           params: list) -> Evaluation | None:
    """The run after ``changes`` from ``prev``'s numbers, recomputing only what they
    reach (``passes.rerun_scalar``); None when that does not apply: arrays, shape
    problems before, or a plan that is neither ``prev``'s nor patched from it."""
    if not plan.scalar_ready or prev.undefined is not prev.plan.undefined or \
            any(type(v) is not float for v in inputs):
        return None
    if prev.plan is plan:
        new_from, kept, slots = len(plan.ids), plan._n_wires, len(plan.ids)
    elif plan.patch is not None and plan.patch.base() is prev.plan:
        patch = plan.patch
        new_from, kept, slots = patch.new_from, patch.kept_wires, patch.kept_slots
    else:
        return None
    index = plan.index
    dirty = set()
    for ch in changes:
        if ch.kind == "node_changed" and ch.field in ("value", "param"):
            slot = None if ch.node is None else index.get(ch.node)
            if slot is None:
                return None
            if slot < new_from:
                dirty.add(slot)
    return plan.rerun(prev, inputs, params, dirty, new_from, kept, slots)
