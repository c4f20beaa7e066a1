"""Forward and backward pass over a circuit, on a plan compiled once per structural change.

networkx is the model (structure, validation, topological order); evaluating runs on a
``Plan``: flat lists of operations and slot indices in topological order. A plain Python
loop over such a plan is several times faster than walking the graph (or micrograd's
objects), and re-running it after a value change costs no recompilation.

Each run returns a fresh, immutable ``Evaluation``: nothing is stored on the nodes, so
running twice gives identical results and nothing needs zeroing (unlike micrograd).

Semantics (DESIGN §2): a wire shows its source's value and the gradient flowing back
along *that* wire; a node's gradient is the sum over its outgoing wires (a fork adds up);
df/df = 1. Nodes that cannot be computed yet (an open input port in a half-built
circuit) are *undefined*: no value, no gradient, and ``Evaluation.undefined`` says why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import networkx as nx
import numpy as np

from graph.circuit import Circuit, Wire
from graph.gates import GATES

_ADD_FWD = GATES["add"].forward
_MUL_FWD = GATES["multiply"].forward


@dataclass(frozen=True)
class _Op:
    slot: int
    unary: bool
    forward: object
    local: object
    ins: object  # int (unary) or tuple of slots in port order (n-ary)
    wires: tuple[int, ...]  # wire indices, parallel to the inputs
    param: int  # index into the parameter list, or -1


class Plan:
    """A circuit's structure compiled for fast repeated evaluation.

    Build it with ``Plan(circuit)``; run it with ``plan.run(*plan.gather(circuit))``.
    It stays valid until the circuit's ``structure_version`` changes.
    """

    def __init__(self, circuit: Circuit) -> None:
        g = circuit.graph
        self.structure_version = circuit.structure_version
        order = list(nx.topological_sort(g))  # the circuit refuses cycles, so this succeeds
        self.ids: tuple[str, ...] = tuple(order)
        self.index: dict[str, int] = {n: i for i, n in enumerate(order)}
        wires = sorted((Wire(s, d, p) for s, d, p in g.edges(keys=True)),
                       key=lambda w: (self.index[w.dst], w.port))
        self.wires: tuple[Wire, ...] = tuple(wires)
        self.wire_index: dict[Wire, int] = {w: i for i, w in enumerate(wires)}
        into: dict[str, list[int]] = {}
        for i, w in enumerate(wires):
            into.setdefault(w.dst, []).append(i)

        undefined: dict[str, str] = {}
        self.input_ids: list[str] = []
        self.input_slots: list[int] = []
        self.param_ids: list[str] = []
        ops: list[_Op] = []
        for slot, nid in enumerate(order):
            attrs = g.nodes[nid]
            gate = GATES[attrs["type"]]
            if gate.name == "input":
                self.input_ids.append(nid)
                self.input_slots.append(slot)
                continue
            wis = into.get(nid, [])
            reason = _missing_inputs(nid, gate, [wires[i].port for i in wis])
            if reason is None:
                bad = next((wires[i].src for i in wis if wires[i].src in undefined), None)
                if bad is not None:
                    reason = f"'{nid}' depends on '{bad}', which is undefined"
            if reason is not None:
                undefined[nid] = reason
                continue
            param = -1
            if gate.has_param:
                param = len(self.param_ids)
                self.param_ids.append(nid)
            srcs = tuple(self.index[wires[i].src] for i in wis)
            ops.append(_Op(slot, gate.unary, gate.forward, gate.local,
                           srcs[0] if gate.unary else srcs, tuple(wis), param))
        self.undefined: Mapping[str, str] = MappingProxyType(undefined)
        self._wires_into_undefined = [i for i, w in enumerate(wires) if w.dst in undefined]

        out, why = circuit.resolved_output()
        if out is not None and out in undefined:
            why = f"the output '{out}' is undefined: {undefined[out]}"
            out = None
        self.output: str | None = out
        self.no_gradient_reason: str = why
        # Backward touches only the output's ancestors: nothing else affects f (grad 0).
        if out is None:
            self.backward_ops: tuple[_Op, ...] = ()
            self._relevant: frozenset[int] = frozenset()
        else:
            anc = nx.ancestors(g, out) | {out}
            self.backward_ops = tuple(op for op in reversed(ops) if self.ids[op.slot] in anc)
            self._relevant = frozenset(self.index[n] for n in anc)
        self.forward_ops: tuple[_Op, ...] = tuple(ops)
        # the hot loops read tuples: (kind, slot, a, b, fn, wires, param)
        self._fwd = [_fast(o, o.forward) for o in ops]
        self._bwd = [_fast(o, o.local) for o in self.backward_ops]

    def gather(self, circuit: Circuit) -> tuple[list[float], list[float]]:
        """The current input values and gate parameters, in plan order."""
        nodes = circuit.graph.nodes
        return ([nodes[n]["value"] for n in self.input_ids],
                [nodes[n]["param"] for n in self.param_ids])

    def run(self, inputs: list[float], params: list[float]) -> Evaluation:
        """Forward then backward pass; returns a fresh Evaluation.

        The common gates are inlined by kind (see ``_fast``); the others call their
        gate's ``forward``/``local``. ``tests/graph/test_evaluate.py`` checks both agree.
        """
        vals: list = [None] * len(self.ids)
        for slot, v in zip(self.input_slots, inputs):
            vals[slot] = float(v)
        for k, slot, a, b, fn, _w, p in self._fwd:
            if k == _ADD2:
                vals[slot] = vals[a] + vals[b]
            elif k == _MUL2:
                vals[slot] = vals[a] * vals[b]
            elif k == _UNARY:
                vals[slot] = fn(vals[a], None)
            elif k == _PARAM:
                vals[slot] = fn(vals[a], params[p])
            else:
                vals[slot] = fn([vals[j] for j in a], None)

        grads: list | None = None
        wgrads: list | None = None
        if self.output is not None:
            grads = [None if v is None else 0.0 for v in vals]
            wgrads = [0.0] * len(self.wires)
            grads[self.index[self.output]] = 1.0
            for k, slot, a, b, fn, w, p in self._bwd:
                up = grads[slot]
                if k == _ADD2:
                    wgrads[w[0]] = up
                    wgrads[w[1]] = up
                    grads[a] += up
                    grads[b] += up
                elif k == _MUL2:
                    ga = vals[b] * up
                    gb = vals[a] * up
                    wgrads[w[0]] = ga
                    wgrads[w[1]] = gb
                    grads[a] += ga
                    grads[b] += gb
                elif k == _UNARY or k == _PARAM:
                    gw = fn(vals[a], vals[slot], params[p] if p >= 0 else None) * up
                    wgrads[w[0]] = gw
                    grads[a] += gw
                else:
                    for j, wi, lg in zip(a, w, fn([vals[j] for j in a], vals[slot], None)):
                        gw = lg * up
                        wgrads[wi] = gw
                        grads[j] += gw
            for i in self._wires_into_undefined:  # they carry no gradient
                wgrads[i] = None
        return Evaluation(self, tuple(vals), None if grads is None else tuple(grads),
                          None if wgrads is None else tuple(wgrads))


_ADD2, _MUL2, _UNARY, _PARAM, _NARY = range(5)


def _fast(op: _Op, fn) -> tuple:
    """The tuple the hot loops read; forward ops use ``forward``, backward ops ``local``."""
    ins = op.ins
    if not op.unary and len(ins) == 2 and op.forward in (_ADD_FWD, _MUL_FWD):
        kind = _ADD2 if op.forward == _ADD_FWD else _MUL2
        return (kind, op.slot, ins[0], ins[1], None, op.wires, -1)
    if op.unary:
        kind = _PARAM if op.param >= 0 else _UNARY
        return (kind, op.slot, ins, None, fn, op.wires, op.param)
    return (_NARY, op.slot, ins, None, fn, op.wires, -1)


def _missing_inputs(nid: str, gate, ports: list[int]) -> str | None:
    if gate.unary:
        if 0 not in ports:
            return f"{gate.name} gate '{nid}' has no input wired"
        return None
    if len(ports) < 2:
        return f"{gate.name} gate '{nid}' needs at least 2 inputs, has {len(ports)}"
    return None


def _np(v: float | None) -> np.float64 | None:
    return None if v is None else np.float64(v)


class Evaluation:
    """Values and gradients of every node and wire, as computed by one run. Read-only.

    Missing numbers are None: a value is None for an undefined node; every gradient is
    None when there is no output (``no_gradient_reason`` says why).
    """

    __slots__ = ("_plan", "_vals", "_grads", "_wgrads")

    def __init__(self, plan: Plan, vals: tuple, grads: tuple | None, wgrads: tuple | None):
        self._plan, self._vals, self._grads, self._wgrads = plan, vals, grads, wgrads

    @property
    def output(self) -> str | None:
        """The node whose gradient is 1 (None: no gradients, see ``no_gradient_reason``)."""
        return self._plan.output

    @property
    def no_gradient_reason(self) -> str:
        return self._plan.no_gradient_reason

    @property
    def undefined(self) -> Mapping[str, str]:
        """{node id: why it has no value} for the nodes a half-built circuit cannot compute."""
        return self._plan.undefined

    @property
    def order(self) -> tuple[str, ...]:
        """Node ids in the topological order of the forward pass."""
        return self._plan.ids

    @property
    def wires(self) -> tuple[Wire, ...]:
        return self._plan.wires

    def value(self, node_id: str) -> np.float64 | None:
        return _np(self._vals[self._plan.index[node_id]])

    def grad(self, node_id: str) -> np.float64 | None:
        if self._grads is None:
            return None
        return _np(self._grads[self._plan.index[node_id]])

    def wire_value(self, wire: Wire) -> np.float64 | None:
        return _np(self._vals[self._plan.index[wire.src]])

    def wire_grad(self, wire: Wire) -> np.float64 | None:
        if self._wgrads is None:
            return None
        return _np(self._wgrads[self._plan.wire_index[Wire(*wire)]])

    def raw_value(self, node_id: str) -> float | None:
        """The value as a plain float (no numpy wrapper): for hot display loops."""
        return self._vals[self._plan.index[node_id]]

    def raw_grad(self, node_id: str) -> float | None:
        return None if self._grads is None else self._grads[self._plan.index[node_id]]

    def raw_wire_grad(self, wire: Wire) -> float | None:
        if self._wgrads is None:
            return None
        return self._wgrads[self._plan.wire_index[wire]]

    @property
    def first_nonfinite(self) -> str | None:
        """The first node (forward order) whose value is NaN or ±inf: where the trouble began."""
        for nid, v in zip(self._plan.ids, self._vals):
            if v is not None and not math.isfinite(v):
                return nid
        return None

    @property
    def first_nonfinite_grad(self) -> str | None:
        """The first node, walking backward from f, whose gradient is NaN or ±inf."""
        if self._grads is None:
            return None
        for nid, g in zip(reversed(self._plan.ids), reversed(self._grads)):
            if g is not None and not math.isfinite(g):
                return nid
        return None


def compile_plan(circuit: Circuit) -> Plan:
    """The circuit's plan, compiled only if its structure changed since the last call."""
    cached = getattr(circuit, "_plan_cache", None)
    if cached is not None and cached.structure_version == circuit.structure_version:
        return cached
    plan = Plan(circuit)
    circuit._plan_cache = plan  # owned by this module; a Circuit never reads it
    return plan


def evaluate(circuit: Circuit) -> Evaluation:
    """Run the forward and backward pass on ``circuit``.

    >>> from graph.circuit import Circuit
    >>> c = Circuit()
    >>> for n, v in (("x", -2.0), ("y", 5.0), ("z", -4.0)):
    ...     _ = c.add_node("input", n, value=v)
    >>> _ = c.add_node("add", "q"); _ = c.add_node("multiply", "f")
    >>> c.connect("x", "q", 0); c.connect("y", "q", 1)
    >>> c.connect("q", "f", 0); c.connect("z", "f", 1)
    >>> e = evaluate(c)
    >>> float(e.value("f")), float(e.grad("x")), float(e.grad("z"))
    (-12.0, -4.0, 3.0)
    """
    plan = compile_plan(circuit)
    return plan.run(*plan.gather(circuit))
