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

import gc
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import numpy as np

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.errors import CycleError
from chainwire.graph.gates import EXP_MAX, GATES, sigmoid

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

    Build it with ``plan = Plan(circuit)``; run it with ``plan.run(*plan.gather(circuit))``.
    It stays valid until the circuit's ``structure_version`` changes.

    Compiling is one pass over the edges and one over the nodes with plain lists and
    dicts (no networkx traversal, no per-node generators or objects): it is on the path
    of every structural edit and of opening a file, so it must stay cheap (~1 µs/gate).
    """

    def __init__(self, circuit: Circuit) -> None:
        # Compiling allocates a few objects per gate, none of them cyclic; with a large
        # circuit alive the cyclic GC would rescan it several times meanwhile (~40% of
        # the compile time at 100,000 gates), so it is paused for the duration.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._compile(circuit)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _compile(self, circuit: Circuit) -> None:
        g = circuit.graph
        self.structure_version = circuit.structure_version
        # networkx's own adjacency dicts (what its algorithms read): {node: {nbr: {key: attrs}}}
        node, succ, pred = g._node, g._succ, g._pred
        # Kahn's algorithm generation by generation, counting distinct predecessors:
        # the same order as nx.topological_sort (tests check this), minus its overhead.
        indeg: dict[str, int] = {}
        gen: list[str] = []
        for n, ps in pred.items():
            if ps:
                indeg[n] = len(ps)
            else:
                gen.append(n)
        order: list[str] = []
        while gen:
            order += gen
            nxt: list[str] = []
            for n in gen:
                for ch in succ[n]:
                    k = indeg[ch] - 1
                    indeg[ch] = k
                    if not k:
                        nxt.append(ch)
            gen = nxt
        if len(order) != len(node):  # Circuit refuses cycles; a hand-made graph may not
            stuck = next(n for n, k in indeg.items() if k)
            raise CycleError(f"the circuit has a loop through '{stuck}'")
        self.ids: tuple[str, ...] = tuple(order)
        index = self.index = {n: i for i, n in enumerate(order)}

        undefined: dict[str, str] = {}
        wired: list[tuple[str, list[tuple[int, str]]]] = []  # (gate id, [(port, source)])
        n_wires = 0
        into_undefined: list[int] = []
        input_ids: list[str] = []
        input_slots: list[int] = []
        param_ids: list[str] = []
        fwd: list[tuple] = []
        op_gates: list = []
        kinds: dict[str, tuple] = {}  # type name -> (gate, kind if 2 inputs, kind otherwise)
        for slot, nid in enumerate(order):
            t = node[nid]["type"]
            spec = kinds.get(t)
            if spec is None:
                spec = kinds[t] = _kind_of(GATES[t])
            gate, kind2, kind = spec
            if kind < 0:  # an input node
                input_ids.append(nid)
                input_slots.append(slot)
                continue
            ins = [(p, s) for s, kd in pred[nid].items() for p in kd]
            if len(ins) > 1:
                ins.sort()
            w0 = n_wires
            n_wires += len(ins)
            wired.append((nid, ins))
            reason = None
            if gate.unary:
                if not ins or ins[0][0] != 0:
                    reason = f"{gate.name} gate '{nid}' has no input wired"
            elif len(ins) < 2:
                reason = f"{gate.name} gate '{nid}' needs at least 2 inputs, has {len(ins)}"
            if reason is None:
                for _p, s in ins:
                    if s in undefined:
                        reason = f"'{nid}' depends on '{s}', which is undefined"
                        break
            if reason is not None:
                undefined[nid] = reason
                into_undefined.extend(range(w0, n_wires))
                continue
            wis = tuple(range(w0, n_wires))
            if gate.unary:
                p = -1
                if gate.has_param:
                    p = len(param_ids)
                    param_ids.append(nid)
                fwd.append((kind, slot, index[ins[0][1]], None, gate.forward, wis, p))
            elif len(ins) == 2 and kind2 not in (_NARY, _MAX):
                fwd.append((kind2, slot, index[ins[0][1]], index[ins[1][1]], None, wis, -1))
            else:
                fwd.append((kind, slot, tuple([index[s] for _p, s in ins]), None,
                            gate.forward, wis, -1))
            op_gates.append(gate)

        self._wired = wired
        self._n_wires = n_wires
        self.undefined: Mapping[str, str] = MappingProxyType(undefined)
        self.input_ids = input_ids
        self.input_slots = input_slots
        self.param_ids = param_ids
        self._wires_into_undefined = into_undefined
        self._fwd = fwd
        self._op_gates = op_gates

        out, why = circuit.resolved_output()
        if out is not None and out in undefined:
            why = f"the output '{out}' is undefined: {undefined[out]}"
            out = None
        self.output: str | None = out
        self.no_gradient_reason: str = why
        # Backward touches only the output's ancestors (nothing else affects f: grad 0),
        # found in the same reverse sweep that builds the backward list.
        bwd: list[tuple] = []
        bwd_pos: list[int] = []
        if out is not None:
            relevant = bytearray(len(order))
            relevant[index[out]] = 1
            for i in range(len(fwd) - 1, -1, -1):
                k, slot, a, b, _fn, w, p = fwd[i]
                if not relevant[slot]:
                    continue
                if k == _NARY or k == _ADDN or k == _MAX:
                    for j in a:
                        relevant[j] = 1
                else:
                    relevant[a] = 1
                    if b is not None:
                        relevant[b] = 1
                bwd.append((k, slot, a, b, op_gates[i].local, w, p))
                bwd_pos.append(i)
        self._bwd = bwd
        self._bwd_pos = bwd_pos

    @cached_property
    def wires(self) -> tuple[Wire, ...]:
        """Every wire, ordered by (target's position in ``ids``, port): wire i is slot i.

        Built on first use, not while compiling: many evaluations (a value being
        dragged, the CLI without --json) never look at a wire by name.
        """
        new = tuple.__new__
        return tuple([new(Wire, (s, nid, p)) for nid, ins in self._wired for p, s in ins])

    @cached_property
    def wire_index(self) -> dict[Wire, int]:
        """{wire: its slot in the wire lists}."""
        return {w: i for i, w in enumerate(self.wires)}

    @property
    def forward_ops(self) -> tuple[_Op, ...]:
        """The gate operations in forward order (inputs and undefined nodes excluded)."""
        return tuple(_op(t, g) for t, g in zip(self._fwd, self._op_gates, strict=True))

    @property
    def backward_ops(self) -> tuple[_Op, ...]:
        """The operations the backward pass runs, in its order (the output's ancestors)."""
        return tuple(_op(self._fwd[i], self._op_gates[i]) for i in self._bwd_pos)

    def gather(self, circuit: Circuit) -> tuple[list[float], list[float]]:
        """The current input values and gate parameters, in plan order."""
        nodes = circuit.graph._node  # the attribute dicts, without NodeView's lookup cost
        return ([nodes[n]["value"] for n in self.input_ids],
                [nodes[n]["param"] for n in self.param_ids])

    def run(self, inputs: list[float], params: list[float]) -> Evaluation:
        """Forward then backward pass; returns a fresh Evaluation.

        The common gates are inlined by kind (see ``_kind_of``); the others call their
        gate's ``forward``/``local``. ``tests/graph/test_evaluate.py`` checks both agree.
        """
        # The pass creates no reference cycles, but its lists would trigger collections
        # that rescan every object the process holds (a big circuit's graph): pause them.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._run(inputs, params)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _run(self, inputs: list[float], params: list[float]) -> Evaluation:
        vals: list = [None] * len(self.ids)
        for slot, v in zip(self.input_slots, inputs, strict=True):
            vals[slot] = float(v)
        exp, copysign, inf = math.exp, math.copysign, math.inf
        for k, slot, a, b, fn, _w, p in self._fwd:
            if k == _ADD2:
                vals[slot] = vals[a] + vals[b]
            elif k == _MUL2:
                vals[slot] = vals[a] * vals[b]
            elif k == _SIG:  # gates.sigmoid, inlined: stable for any x
                x = vals[a]
                if x >= 0.0:
                    vals[slot] = 1.0 / (1.0 + exp(-x))
                elif x != x:
                    vals[slot] = x
                else:
                    e = exp(x)
                    vals[slot] = e / (1.0 + e)
            elif k == _SQUARE:
                x = vals[a]
                vals[slot] = x * x
            elif k == _SCALE:
                vals[slot] = params[p] * vals[a]
            elif k == _OFFSET:
                vals[slot] = vals[a] + params[p]
            elif k == _EXP:  # gates.exp: overflow gives inf, never an exception
                x = vals[a]
                vals[slot] = inf if x > EXP_MAX else exp(x)
            elif k == _RECIP:  # gates.reciprocal: 1/±0 is ±inf
                x = vals[a]
                vals[slot] = 1.0 / x if x != 0.0 else copysign(inf, x)
            elif k == _MAX:  # Max.forward, inlined: NaN propagates
                best = vals[a[0]]
                for j in a:
                    x = vals[j]
                    if x > best or x != x:
                        best = x
                        if x != x:
                            break
                vals[slot] = best
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
            wgrads = [0.0] * self._n_wires
            grads[self.index[self.output]] = 1.0
            nan = math.nan
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
                elif k == _SIG:  # σ(x)·σ(−x), as Sigmoid.local
                    gw = vals[slot] * sigmoid(-vals[a]) * up
                    wgrads[w[0]] = gw
                    grads[a] += gw
                elif k == _SQUARE:
                    gw = 2.0 * vals[a] * up
                    wgrads[w[0]] = gw
                    grads[a] += gw
                elif k == _SCALE:
                    gw = params[p] * up
                    wgrads[w[0]] = gw
                    grads[a] += gw
                elif k == _OFFSET:
                    wgrads[w[0]] = up
                    grads[a] += up
                elif k == _EXP:  # d eˣ = eˣ
                    gw = vals[slot] * up
                    wgrads[w[0]] = gw
                    grads[a] += gw
                elif k == _RECIP:  # d(1/x) = −1/x²
                    out = vals[slot]
                    gw = -(out * out) * up
                    wgrads[w[0]] = gw
                    grads[a] += gw
                elif k == _MAX:  # max routes: the winners share the upstream gradient
                    out = vals[slot]
                    if out != out:
                        for j, wi in zip(a, w, strict=True):
                            wgrads[wi] = nan
                            grads[j] += nan
                    else:
                        ties = sum(1 for j in a if vals[j] == out)
                        share = 1.0 / ties * up
                        for j, wi in zip(a, w, strict=True):
                            gw = share if vals[j] == out else 0.0 * up
                            wgrads[wi] = gw
                            grads[j] += gw
                elif k == _ADDN:  # add distributes: every input gets the upstream gradient
                    for j, wi in zip(a, w, strict=True):
                        wgrads[wi] = up
                        grads[j] += up
                elif k == _UNARY or k == _PARAM:
                    gw = fn(vals[a], vals[slot], params[p] if p >= 0 else None) * up
                    wgrads[w[0]] = gw
                    grads[a] += gw
                else:
                    local = fn([vals[j] for j in a], vals[slot], None)
                    for j, wi, lg in zip(a, w, local, strict=True):
                        gw = lg * up
                        wgrads[wi] = gw
                        grads[j] += gw
            for i in self._wires_into_undefined:  # they carry no gradient
                wgrads[i] = None
        return Evaluation(self, tuple(vals), None if grads is None else tuple(grads),
                          None if wgrads is None else tuple(wgrads))


(_ADD2, _MUL2, _UNARY, _PARAM, _NARY, _SIG, _SQUARE, _SCALE, _OFFSET, _ADDN, _MAX, _EXP,
 _RECIP) = range(13)
_INLINE_UNARY = {"sigmoid": _SIG, "square": _SQUARE, "scale": _SCALE, "offset": _OFFSET,
                 "exp": _EXP, "reciprocal": _RECIP}


def _kind_of(gate) -> tuple:
    """(gate, kind with exactly 2 inputs, kind otherwise); kind -1 marks an input node."""
    if gate.name == "input":
        return gate, -1, -1
    if gate.unary:
        kind = _INLINE_UNARY.get(gate.name, _PARAM if gate.has_param else _UNARY)
        return gate, kind, kind
    if gate.forward == _ADD_FWD:
        return gate, _ADD2, _ADDN
    if gate.forward == _MUL_FWD:
        return gate, _MUL2, _NARY
    if gate.name == "max":
        return gate, _MAX, _MAX
    return gate, _NARY, _NARY


def _op(t: tuple, gate) -> _Op:
    kind, slot, a, b, _fn, w, p = t
    ins = a if gate.unary or kind in (_NARY, _ADDN, _MAX) else (a, b)
    return _Op(slot, gate.unary, gate.forward, gate.local, ins, w, p)


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

    def changed_since(self, other: Evaluation | None
                      ) -> tuple[set[str], set[str], set[Wire]] | None:
        """What differs from ``other``: (nodes whose value changed, nodes whose gradient
        changed, wires whose gradient changed); None when the two are not comparable
        (different structure, or gradients present in one only).

        Lets a view touch only the labels whose numbers changed after a value edit.
        NaN compares unequal to itself, so NaN entries always count as changed.
        """
        if other is None or other._plan is not self._plan or \
                (self._grads is None) != (other._grads is None):
            return None
        ids = self._plan.ids
        vals = {ids[i] for i in _differing(self._vals, other._vals)}
        if self._grads is None:
            return vals, set(), set()
        grads = {ids[i] for i in _differing(self._grads, other._grads)}
        wires = self._plan.wires
        return vals, grads, {wires[i] for i in _differing(self._wgrads, other._wgrads)}

    @property
    def first_nonfinite(self) -> str | None:
        """The first node (forward order) whose value is NaN or ±inf: where the trouble began."""
        for nid, v in zip(self._plan.ids, self._vals, strict=True):
            if v is not None and not math.isfinite(v):
                return nid
        return None

    @property
    def first_nonfinite_grad(self) -> str | None:
        """The first node, walking backward from f, whose gradient is NaN or ±inf."""
        if self._grads is None:
            return None
        for nid, g in zip(reversed(self._plan.ids), reversed(self._grads), strict=True):
            if g is not None and not math.isfinite(g):
                return nid
        return None


def _differing(a: tuple, b: tuple) -> list[int]:
    """Indices where two equally long tuples differ (NaN always differs)."""
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


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
    """
    plan = compile_plan(circuit)
    return plan.run(*plan.gather(circuit))
