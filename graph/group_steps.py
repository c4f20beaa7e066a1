"""Stepping inside a group: its parts' forward values and chain rule, in numbers.

A group is one gate in the step-through (``graph/steps.py``); with "step inside" on, its
forward step is followed by one step per part (what the part computes from what) and its
backward step by one step per part in reverse (each of the part's input wires: local ×
upstream = gradient, with digits that check, ``numbers.format_product``). The numbers are
the group's own run of its parts (``gates_group.run_parts``) on the values the group got,
so they are the expanded circuit's. A part that is a group is stepped into in turn.

>>> from chainwire.graph.expr import parse
>>> from chainwire.graph.evaluate import evaluate
>>> from chainwire.graph.group_edits import apply_edit, group_edit
>>> c = parse("exp(x * y)"); c.set_value("x", 0.5)
>>> apply_edit(c, group_edit(c, ["multiply1", "exp1"], "g", "g"))
>>> fwd, bwd = inner_steps(c, evaluate(c), "exp1")
>>> [s.text for s in fwd]
['multiply1 = × (0.50, 1.00) = 0.50', 'exp1 = exp (0.50) = 1.65']
>>> for s in bwd: print(s.text)
dmultiply1 = eˣ · dexp1 = 1.65 × 1.00 = 1.65
dx = y · dmultiply1 = 1.00 × 1.65 = 1.65;  dy = x · dmultiply1 = 0.50 × 1.6487 = 0.8244
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import coded_text
from chainwire.graph.evaluation import Evaluation
from chainwire.graph.gate_math import quiet
from chainwire.graph.gates_group import run_parts
from chainwire.graph.groups import GROUP, GroupDef
from chainwire.graph.numbers import format_number, format_product


@dataclass(frozen=True)
class InnerStep:
    """One part's step inside a group: ``path`` is the group's id, then the ids of the
    groups inside it down to the part's group; ``text`` says it in numbers."""

    phase: str  # "forward" or "backward"
    path: tuple[str, ...]
    part: str
    text: str


def inner_steps(circuit: Circuit, ev: Evaluation, group_id: str, decimals: int = 2
                ) -> tuple[tuple[InnerStep, ...], tuple[InnerStep, ...]]:
    """(forward steps, backward steps) inside ``group_id`` for the evaluation ``ev``; the
    backward ones only when the group has a gradient. Empty when it has no value."""
    xs = [ev.raw_value(w.src) for w in circuit.wires_into(group_id)]
    up = ev.raw_grad(group_id)
    if ev.raw_value(group_id) is None or any(x is None for x in xs):
        return (), ()
    fwd: list[InnerStep] = []
    bwd: list[InnerStep] = []
    _walk(circuit.node(group_id).param, xs, up, (group_id,), decimals, fwd, bwd)
    return tuple(fwd), tuple(bwd)


def _walk(c: GroupDef, xs: list, up, path: tuple[str, ...], decimals: int,
          fwd: list[InnerStep], bwd: list[InnerStep]) -> None:
    with quiet():
        run = run_parts(c, xs, up)
    vals, plan = run.values, c.plan

    def name(n: str) -> str:
        return plan.by_id[n].label or n

    inner: list[tuple[str, list, object]] = []  # nested groups: (id, inputs, upstream)
    for n, gate, ins, cc in plan.steps:
        args = ", ".join(format_number(vals[i], decimals) for i in ins)
        fwd.append(InnerStep("forward", path, n, f"{name(n)} = {gate.display_symbol(cc)} "
                             f"({args}) = {format_number(vals[n], decimals)}"))
        if gate.name == GROUP:
            inner.append((n, [vals[i] for i in ins],
                          None if run.grads is None else run.grads[n]))
    steps_back: list[InnerStep] = []
    if up is not None and run.grads is not None and run.wire_grads is not None:
        for n, gate, ins, cc in reversed(plan.steps):
            xs_n = [vals[i] for i in ins]
            locs = gate.local_grads(xs_n, vals[n], cc)
            names = [name(i) for i in ins]
            texts: list[str] = []
            for k, ((src, port), loc) in enumerate(zip(plan.inputs[n], locs, strict=True)):
                g = run.wire_grads[src, n, port]
                u = run.grads[n]
                if (isinstance(loc, np.ndarray) or isinstance(u, np.ndarray)
                        or isinstance(g, np.ndarray)):
                    nums = format_number(g, decimals)
                else:
                    nums = format_product(loc, u, g, decimals).text
                rule = coded_text("callout_rule", port=names[k],
                                  local=gate.local_name(k, names, loc), out=name(n))
                texts.append(coded_text("callout_value", rule=rule, value=nums))
            steps_back.append(InnerStep("backward", path, n, _joined(texts)))
    bwd.extend(steps_back)
    for n, xs_n, up_n in inner:  # a group inside: its parts after its own step
        _walk(plan.by_id[n].param, xs_n, up_n, (*path, n), decimals, fwd, bwd)


def _joined(texts: list[str]) -> str:
    """``texts`` joined by ";  ", coded, so each part's words ("1 if it wins" of a max on
    arrays) can still be said in the interface language."""
    if not texts:
        return ""
    joined = texts[-1]
    for text in reversed(texts[:-1]):
        joined = coded_text("steps_joined", first=text, rest=joined)
    return joined
