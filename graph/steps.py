"""The step-through sequence: the forward pass one gate at a time, then the backward pass.

The notes teach backprop as a conversation between gates: each gate knows only its local
gradient and multiplies it by the gradient arriving from above. This module turns one
``Evaluation`` into the list of positions a teacher steps through, and says at each
position which gate is highlighted, which wire labels are revealed, and the chain rule
in numbers beside each wire the gate sends a gradient into. It is pure Python (no Qt),
so the sequence is tested without a screen and reused by the headless renderer.

Positions: 0 is the start (only the inputs' values are known), 1..F the forward steps
(gate k computes its value: its outgoing wires show it), F+1..F+B the backward steps in
reverse order (gate k multiplies its local gradients by its upstream gradient: its input
wires show their gradients). A wire key is a ``Wire``, or None for the output stub.

>>> from chainwire.graph.circuit import Circuit
>>> from chainwire.graph.evaluate import evaluate
>>> c = Circuit()
>>> for n, v in (("x", 3.0), ("y", -4.0)):
...     _ = c.add_node("input", n, value=v)
>>> _ = c.add_node("multiply", "f")
>>> c.connect("x", "f", 0); c.connect("y", "f", 1)
>>> seq = build_steps(c, evaluate(c))
>>> [s.position_text for s in seq.steps]
['start', 'forward 1 / 1', 'backward 1 / 1']
>>> [co.text for co in seq.steps[2].callouts]
['y · g = -4.00 × 1.00 = -4.00', 'x · g = 3.00 × 1.00 = 3.00']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.errors import coded_text
from chainwire.graph.evaluate import Evaluation
from chainwire.graph.gates import GATES
from chainwire.graph.group_steps import InnerStep, inner_steps
from chainwire.graph.groups import GROUP
from chainwire.graph.numbers import format_number, format_product, format_sum, places
from chainwire.graph.shapes import Value, no_arrays, shape_of

WireKey = Wire | None  # None: the output stub (f and df/df = 1)

"""What a gate does to the gradient, in the notes' words (the patterns overlay)."""


def fmt(v: float | None, decimals: int = 2) -> str:
    """A number as the wire labels write it: ``graph.numbers.format_number``."""
    return format_number(v, decimals)


@dataclass(frozen=True)
class Callout:
    """The chain rule for one wire: local gradient × upstream gradient = wire gradient."""

    wire: Wire
    local_name: str  # the symbolic local gradient, e.g. "y" for x's port of x·y
    local: float | None
    upstream: Value | None  # arrays on array wires (their callouts have no local factor)
    grad: Value | None
    text: str


class Revealed(AbstractSet):
    """The wire keys revealed up to one step: a prefix of one reveal order shared by all
    steps, so the whole sequence is linear in the circuit (a set per step was quadratic:
    an 8,000-gate chain needed 4.7 GB). Reads like a frozenset: ``in``, ``len``, iteration
    in reveal order, ``==`` with any set."""

    __slots__ = ("_order", "_rank", "_count")

    def __init__(self, order: list[WireKey], rank: dict[WireKey, int], count: int) -> None:
        self._order, self._rank, self._count = order, rank, count

    def __contains__(self, key: object) -> bool:
        try:
            # a set answers ``in`` for any object; a key of another type is simply absent
            r = self._rank.get(key)  # type: ignore[call-overload]
        except TypeError:  # unhashable: never revealed
            return False
        return r is not None and r < self._count

    def __iter__(self) -> Iterator[WireKey]:
        return itertools.islice(self._order, self._count)

    def __len__(self) -> int:
        return self._count

    __hash__ = AbstractSet._hash  # equal to the frozenset with the same keys

    def __repr__(self) -> str:
        return f"Revealed({set(self)!r})" if self._count else "Revealed()"


class _Reveal:
    """Builds one shared reveal order; ``upto()`` is the prefix revealed so far."""

    def __init__(self) -> None:
        self.order: list[WireKey] = []
        self.rank: dict[WireKey, int] = {}

    def add(self, keys: set) -> None:
        for k in keys:
            if k not in self.rank:
                self.rank[k] = len(self.order)
                self.order.append(k)

    def upto(self) -> Revealed:
        return Revealed(self.order, self.rank, len(self.order))


@dataclass(frozen=True)
class Step:
    """One position of the step-through."""

    phase: str  # "start", "forward" or "backward"
    index: int  # 1-based within the phase (0 for the start)
    total: int  # steps in this phase
    node: str | None  # the highlighted gate
    values: AbstractSet  # wire keys whose value is shown (a ``Revealed`` prefix)
    grads: AbstractSet  # wire keys whose gradient is shown
    new_values: frozenset = frozenset()  # revealed by this very step
    new_grads: frozenset = frozenset()
    callouts: tuple[Callout, ...] = ()
    inner: InnerStep | None = None  # stepping inside a group: one of its parts (``node``)

    @property
    def position_text(self) -> str:
        """What the badge and status bar say: "forward 3 / 7", "backward 2 / 7", "start"."""
        return "start" if self.phase == "start" else f"{self.phase} {self.index} / {self.total}"


@dataclass(frozen=True)
class StepSequence:
    steps: tuple[Step, ...]
    forward: tuple[str, ...] = field(default=())  # gate ids in forward order
    backward: tuple[str, ...] = field(default=())  # gate ids in backward order

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, i: int) -> Step:
        return self.steps[i]


def _name(circuit: Circuit, node_id: str) -> str:
    return circuit.node(node_id).label or node_id


def local_name(circuit: Circuit, gate_id: str, wire: Wire, local: float | None) -> str:
    """The local gradient of ``gate_id`` for ``wire``'s port, as its gate writes it
    (multiply names the other inputs, max says who won, σ says σ(1−σ)...)."""
    names = [_name(circuit, w.src) for w in circuit.wires_into(gate_id)]
    ports = [w.port for w in circuit.wires_into(gate_id)]
    gate = GATES[circuit.type_of(gate_id)]
    return gate.local_name(ports.index(wire.port), names, local)


def callouts_for(circuit: Circuit, ev: Evaluation, gate_id: str,
                 decimals: int = 2) -> tuple[Callout, ...]:
    """The chain rule in numbers for every input wire of ``gate_id`` (port order)."""
    wires = circuit.wires_into(gate_id)
    if not wires:
        return ()
    gate = GATES[circuit.type_of(gate_id)]
    d = circuit.node(gate_id)
    xs = [ev.raw_value(w.src) for w in wires]
    out = ev.raw_value(gate_id)
    up = ev.raw_grad(gate_id)
    gs = [ev.raw_wire_grad(w) for w in wires]
    if (isinstance(out, np.ndarray) or isinstance(up, np.ndarray) or not no_arrays(xs)
            or not no_arrays(gs)):  # scalar inputs and output make scalar gradients
        return _array_callouts(circuit, ev, gate_id, wires, xs, out, up)
    locs: list[float | None]
    if out is None or any(x is None for x in xs):
        locs = [None] * len(wires)
    elif gate.unary:
        locs = [gate.local(xs[0], out, d.param)]
    else:
        locs = list(gate.local(xs, out, d.param))
    # digits that check: local × upstream, rounded as shown, gives the shown gradient;
    # the gate's one upstream gradient reads the same in all its callouts
    sums = [format_product(loc, up, g, decimals) for g, loc in zip(gs, locs, strict=True)]
    most = max(places(a.operands[1]) for a in sums)
    result = []
    for w, loc, a, g in zip(wires, locs, sums, gs, strict=True):
        if places(a.operands[1]) < most:
            a = format_product(loc, up, g, decimals, min_places=most)
        name = local_name(circuit, gate_id, w, loc)
        result.append(Callout(w, name, loc, up, g, f"{name} · g = {a.text}"))
    return tuple(result)


def _array_callouts(circuit: Circuit, ev: Evaluation, gate_id: str, wires: list[Wire],
                    xs: list, out, up) -> tuple[Callout, ...]:
    """Vectorized, as the notes write it: the gate's rule and its shapes,
    "dW = dD · Xᵀ   (2×3) = (2×2)·(3×2)ᵀ" (the numbers are on the wires); coded text, for
    the editor to say in the interface language (``i18n.error_text``)."""
    gate = GATES[circuit.type_of(gate_id)]
    names = [_name(circuit, w.src) for w in wires]
    out_name = _name(circuit, gate_id)
    result = []
    for i, w in enumerate(wires):
        text = gate.grad_text(i, names, out_name)
        if out is not None and all(x is not None for x in xs):
            text = coded_text("callout_shapes", rule=text,
                              shapes=gate.grad_shapes(i, [shape_of(x) for x in xs],
                                                      shape_of(out)))
        result.append(Callout(w, gate.local_name(i, names), None, up, ev.raw_wire_grad(w),
                              text))
    return tuple(result)


def fork_text(circuit: Circuit, ev: Evaluation, node_id: str,
              decimals: int = 2) -> str | None:
    """Where a value fans out, its gradient is the sum of the branches: "-4.00 + 2.00 = -2.00",
    with digits enough that the shown terms add up to the shown sum.

    None for a node with fewer than two outgoing wires or no gradients.
    """
    outs = circuit.wires_out_of(node_id)
    if len(outs) < 2 or ev.raw_grad(node_id) is None:
        return None
    outs.sort(key=lambda w: (w.dst, w.port))
    terms, total = [ev.raw_wire_grad(w) for w in outs], ev.raw_grad(node_id)
    if isinstance(total, np.ndarray) or not no_arrays(terms):  # element by element
        return " + ".join(format_number(t, decimals) for t in terms) + \
            f" = {format_number(total, decimals)}"
    return format_sum(terms, total, decimals).text


def build_steps(circuit: Circuit, ev: Evaluation, decimals: int = 2,
                inside: bool = False) -> StepSequence:
    """The whole step-through for ``circuit`` as evaluated by ``ev``.

    A group is one gate. With ``inside``, each group's step is preceded by one step per
    part (``graph/group_steps.py``: forward, what each part computes; backward, from its
    output part back, each part's chain rule), the group highlighted, nothing new
    revealed: then the group's own step shows the result on its wires.
    """
    order = [n for n in ev.order if n in circuit]
    inputs = [n for n in order if circuit.type_of(n) == "input"]
    gates = [n for n in order if circuit.type_of(n) != "input" and n not in ev.undefined]
    output = ev.output
    parts: dict[str, tuple[tuple[InnerStep, ...], tuple[InnerStep, ...]]] = {}
    if inside:
        parts = {g: inner_steps(circuit, ev, g, decimals) for g in gates
                 if circuit.type_of(g) == GROUP}

    def outgoing(nid: str) -> set:
        keys: set = set(circuit.wires_out_of(nid))
        if nid == output:
            keys.add(None)
        return keys

    values, grads = _Reveal(), _Reveal()
    for n in inputs:
        values.add(outgoing(n))
    nothing = grads.upto()
    steps = [Step("start", 0, 0, None, values.upto(), nothing,
                  new_values=frozenset(values.order))]
    total = len(gates) + sum(len(f) for f, _b in parts.values())
    i = 0
    for g in gates:
        for part in parts.get(g, ((), ()))[0]:
            i += 1
            steps.append(Step("forward", i, total, g, values.upto(), nothing, inner=part))
        new = outgoing(g)
        values.add(new)
        i += 1
        steps.append(Step("forward", i, total, g, values.upto(), nothing,
                          new_values=frozenset(new)))
    backward: list[str] = []
    if output is not None:
        backward = list(reversed(gates))
        shown = values.upto()
        total = len(backward) + sum(len(b) for _f, b in parts.values())
        i = 0
        for g in backward:
            for part in parts.get(g, ((), ()))[1]:
                i += 1
                if i == 1:
                    grads.add({None})  # df/df = 1 appears with the first backward step
                steps.append(Step("backward", i, total, g, shown, grads.upto(),
                                  new_grads=frozenset({None}) if i == 1 else frozenset(),
                                  inner=part))
            new = set(circuit.wires_into(g))
            i += 1
            if i == 1:
                new.add(None)  # df/df = 1 appears with the first backward step
            grads.add(new)
            steps.append(Step("backward", i, total, g, shown, grads.upto(),
                              new_grads=frozenset(new),
                              callouts=callouts_for(circuit, ev, g, decimals)))
    return StepSequence(tuple(steps), tuple(gates), tuple(backward))
