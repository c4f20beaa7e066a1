"""Forward and backward pass over a circuit, on a plan compiled once per structural change.

networkx is the model (structure, validation, topological order); evaluating runs on a
``Plan``: flat lists of operations and slot indices in topological order. A plain Python
loop over such a plan is several times faster than walking the graph (or micrograd's
objects), and re-running it after a value change costs no recompilation.

Each run returns a fresh, immutable ``Evaluation`` (``graph/evaluation.py``): nothing is
stored on the nodes, so running twice gives identical results and nothing needs zeroing
(unlike micrograd). The plan is cached by the circuit (``Circuit.cached``) and rebuilt
only when its ``structure_version`` moves.

Semantics (README.md, "How it is built"): a wire shows its source's value and the
gradient flowing back along *that* wire; a node's gradient is the sum over its outgoing
wires (a fork adds up); df/df = 1. Nodes that cannot be computed yet (an open input port
in a half-built circuit) are *undefined*: no value, no gradient, and
``Evaluation.undefined`` says why.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.evaluation import Evaluation
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

    Compiling is one pass over ``Circuit.topology()`` with plain lists and dicts (no
    networkx traversal, no per-node generators or objects): it is on the path of every
    structural edit and of opening a file, so it must stay cheap (~1 µs/gate).
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
        self.structure_version = circuit.structure_version
        order, types, inputs = circuit.topology()
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
            t = types[slot]
            spec = kinds.get(t)
            if spec is None:
                spec = kinds[t] = _kind_of(GATES[t])
            gate, kind2, kind = spec
            if kind < 0:  # an input node
                input_ids.append(nid)
                input_slots.append(slot)
                continue
            ins = inputs[slot]
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
        return circuit.values_of(self.input_ids), circuit.values_of(self.param_ids, "param")

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


def compile_plan(circuit: Circuit) -> Plan:
    """The circuit's plan, compiled only if its structure changed since the last call."""
    return circuit.cached("plan", lambda: Plan(circuit))


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
