"""The forward and backward passes over a compiled ``Plan``: one for floats, one general.

``run_scalar`` is the hot loop for circuits of plain floats: it calls the kernels each gate
is written with (bound in the plan) and multiplies their local derivatives by the upstream
gradient, the chain rule and nothing else. ``run_general`` takes any values: it checks
each gate's shapes, calls ``Gate.forward``/``Gate.backward`` and seeds the backward pass
with ones shaped like f when f is an array (the gradients of sum(f)). For floats both give
bit-identical numbers: same functions, same operations, same order.

Semantics (README.md, "How it is built"): a wire shows its source's value and the
gradient flowing back along *that* wire; a node's gradient is the sum over its outgoing
wires (a fork adds up); df/df = 1.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

import numpy as np

from chainwire.graph.errors import coded_text, text_of
from chainwire.graph.evaluation import Evaluation
from chainwire.graph.gate_base import BINARY, UNARY
from chainwire.graph.gate_math import quiet
from chainwire.graph.shapes import ShapeError, Value, freeze, shape_of

if TYPE_CHECKING:
    from chainwire.graph.plan import Plan

_ndarray = np.ndarray


def run_scalar(plan: Plan, inputs: list[float], params: list[float]) -> Evaluation:
    """Both passes on floats only (``plan.scalar_ready`` and every input a float)."""
    vals: list = [None] * len(plan.ids)
    for slot, v in zip(plan.input_slots, inputs, strict=True):
        vals[slot] = v
    consts = [*params, None]  # slot -1: a gate without a constant
    _forward_scalar(plan._fwd, vals, consts)
    grads, wgrads = _backward_scalar(plan, vals, consts)
    return Evaluation(plan, vals, grads, wgrads)


def _forward_scalar(ops: list[tuple], vals: list, params: list) -> None:
    for k, slot, a, b, f in ops:
        if k == UNARY:
            vals[slot] = f(vals[a], params[b])
        elif k == BINARY:
            vals[slot] = f(vals[a], vals[b])
        else:
            vals[slot] = f([vals[j] for j in a])


def _backward_scalar(plan: Plan, vals: list, params: list) -> tuple[list | None, list | None]:
    if plan.output is None:
        return None, None
    grads: list = [0.0] * len(vals)
    for s in plan._undefined_slots:
        grads[s] = None
    wgrads: list = [0.0] * plan._n_wires
    grads[plan.index[plan.output]] = 1.0
    for k, slot, a, b, df, w in plan._bwd:
        up = grads[slot]
        if k == UNARY:
            g = df(vals[a], vals[slot], params[b]) * up
            wgrads[w] = g
            grads[a] += g
        elif k == BINARY:
            la, lb = df(vals[a], vals[b], vals[slot])
            ga = la * up
            gb = lb * up
            wgrads[w[0]] = ga
            wgrads[w[1]] = gb
            grads[a] += ga
            grads[b] += gb
        else:
            for j, wi, lg in zip(a, w, df([vals[j] for j in a], vals[slot]), strict=True):
                g = lg * up
                wgrads[wi] = g
                grads[j] += g
    for i in plan._wires_into_undefined:  # they carry no gradient
        wgrads[i] = None
    return grads, wgrads


def rerun_scalar(plan: Plan, prev: Evaluation, inputs: list[float], params: list[float],
                 dirty: set[int], new_from: int, kept_wires: int,
                 kept_slots: int) -> Evaluation:
    """Both passes again after a few values changed (``evaluate`` decides when): the
    forward pass recomputes only the gates downstream of the ``dirty`` slots and of the
    slots from ``new_from`` on (a patched plan's new end; its first ``kept_wires`` wires
    and ``kept_slots`` slots are the previous plan's); the backward pass is skipped when
    no gate f depends on was recomputed. Same functions on the same numbers as
    ``run_scalar``: identical results."""
    n = len(plan.ids)
    vals = prev._vals[:new_from] + [None] * (n - new_from)
    consts = [*params, None]  # slot -1: a gate without a constant
    for slot, v in zip(plan.input_slots, inputs, strict=True):
        if slot in dirty or slot >= new_from:
            vals[slot] = v
    mark = bytearray(n)
    for s in dirty:
        mark[s] = 1
    mark[new_from:] = b"\x01" * (n - new_from)
    ops = plan._fwd
    redo = []
    for op in ops[bisect_left(ops, min(dirty, default=new_from), key=_slot):]:
        k, slot, a, b = op[:4]
        if mark[slot] or (mark[a] if k == UNARY else (mark[a] or mark[b]) if k == BINARY
                          else any(mark[j] for j in a)):
            mark[slot] = 1
            redo.append(op)
    _forward_scalar(redo, vals, consts)
    relevant = plan.relevant_slots
    if (prev._grads is None or prev._wgrads is None or plan.output is None
            or plan._bwd is not prev.plan._bwd  # another f (plan_patch._new_output)
            or any(relevant[op[1]] for op in redo)):
        grads, wgrads = _backward_scalar(plan, vals, consts)
        return Evaluation(plan, vals, grads, wgrads)
    # f depends on nothing that changed: its gradients are the previous run's, and the
    # gates at the new end (none of which f reads) have none
    grads = prev._grads[:new_from] + [0.0] * (n - new_from)
    inputs_at_end = {s for s in plan.input_slots if s >= new_from}
    undefined = plan.undefined
    for s in range(new_from, n):
        if s not in inputs_at_end:
            grads[s] = None if plan.ids[s] in undefined else 0.0
        elif s < kept_slots:
            grads[s] = prev._grads[s]
    wgrads = prev._wgrads[:kept_wires] + [0.0] * (plan._n_wires - kept_wires)
    for i in plan._wires_into_undefined:
        if i >= kept_wires:
            wgrads[i] = None
    return Evaluation(plan, vals, grads, wgrads)


def _slot(op: tuple) -> int:
    return op[1]


def run_general(plan: Plan, inputs: list, params: list[float]) -> Evaluation:
    """Both passes on any values: shapes checked, gates called through their contract.

    A gate whose input shapes do not fit is undefined (with the gate's own message),
    and so is everything downstream of it; the rest of the circuit is computed.
    """
    ids = plan.ids
    vals: list = [None] * len(ids)
    for slot, v in zip(plan.input_slots, inputs, strict=True):
        vals[slot] = v
    consts = [*params, None]  # slot -1: a gate without a constant
    undefined = dict(plan.undefined)
    problems: dict[str, str] = {}
    with quiet():
        for (k, slot, a, b, _f), gate in zip(plan._fwd, plan._op_gates, strict=True):
            srcs = (a,) if k == UNARY else (a, b) if k == BINARY else a
            xs = [vals[j] for j in srcs]
            missing = [j for j in srcs if vals[j] is None]
            if missing:
                bad = ids[missing[0]]
                undefined[ids[slot]] = coded_text("depends_on_undefined", node=ids[slot],
                                                  source=bad)
                continue
            c = None if k == BINARY else consts[b]
            try:
                gate.out_shape([shape_of(x) for x in xs], c)
            except ShapeError as e:
                undefined[ids[slot]] = problems[ids[slot]] = text_of(e)
                continue
            vals[slot] = freeze(gate.forward(xs, c))

        out, why = plan.output, plan.no_gradient_reason
        if out is not None and out in undefined:
            why = coded_text("output_undefined", node=out, why=undefined[out])
            out = None
        if out is None:
            return Evaluation(plan, vals, None, None, undefined=undefined,
                              problems=problems, output=out, why=why)
        grads, wgrads = _backward(plan, vals, consts, out)
    return Evaluation(plan, vals, grads, wgrads, undefined=undefined, problems=problems,
                      output=out, why=why, summed=isinstance(vals[plan.index[out]], _ndarray))


def _backward(plan: Plan, vals: list, params: list, out: str) -> tuple[list, list]:
    """Gradients of f (of sum(f) for an array f) for every node and wire."""
    grads: list = [0.0 if type(v) is float else None for v in vals]
    o = plan.index[out]
    seed = vals[o]
    grads[o] = freeze(np.ones(seed.shape)) if isinstance(seed, _ndarray) else 1.0
    wgrads: list = [None] * plan._n_wires
    for (k, slot, a, b, _df, w), gate in zip(
            plan._bwd, (plan._op_gates[i] for i in plan._bwd_pos), strict=True):
        srcs, ws = ((a,), (w,)) if k == UNARY else ((a, b), w) if k == BINARY else (a, w)
        c = None if k == BINARY else params[b]
        up = grads[slot]
        if up is None:  # cannot happen for an ancestor of f; kept total for safety
            up = freeze(np.zeros(shape_of(vals[slot])))
        gs = gate.backward([vals[j] for j in srcs], vals[slot], up, c)
        for j, wi, g in zip(srcs, ws, gs, strict=True):
            g = freeze(g)
            wgrads[wi] = g
            acc = grads[j]
            grads[j] = g if acc is None else acc + g
    zeros: dict[tuple, Value] = {}

    def zero(shape: tuple) -> float | np.ndarray:
        if not shape:
            return 0.0
        z = zeros.get(shape)
        if z is None:
            z = zeros[shape] = freeze(np.zeros(shape))
        return z

    for s, (v, g) in enumerate(zip(vals, grads, strict=True)):
        if v is None:
            grads[s] = None
        elif g is None:
            grads[s] = zero(v.shape)
        elif isinstance(g, _ndarray):
            g.flags.writeable = False
    for i, s in enumerate(plan.wire_sources):
        if wgrads[i] is None and vals[s] is not None:
            wgrads[i] = zero(shape_of(vals[s]))
    w, index = 0, plan.index
    for nid, ins in plan._wired:  # wires into an undefined gate carry no gradient
        if vals[index[nid]] is None:
            for wi in range(w, w + len(ins)):
                wgrads[wi] = None
        w += len(ins)
    return grads, wgrads
