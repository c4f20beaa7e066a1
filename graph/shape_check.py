"""Shapes at the gesture: would this new wire make some gate's input shapes clash?

The evaluator finds every shape problem after the fact (the gate is undefined, saying
why). Wiring is different: the user is acting, so a wire that would *introduce* a clash
is refused on the spot with both shapes named, and the circuit stays as it was. Only
clashes the wire causes count (a gate that already refuses stays the evaluator's
business), and a scalar wired into ``matmul`` is let through: an input's value starts as
0 and is typically typed in after wiring.

Shapes come from the current input values through ``Gate.out_shape``, for the nodes the
wire can affect (the target and what it feeds) and the nodes those read from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from chainwire.graph.errors import coded_text, text_of
from chainwire.graph.gates import GATES
from chainwire.graph.shapes import Shape, ShapeError, broadcast_shape, shape_of

__all__ = ["node_shapes", "shape_problem"]


class _Readable(Protocol):
    def type_of(self, node_id: str) -> str: ...
    def inputs_of(self, node_id: str) -> dict[int, str]: ...
    def values_of(self, ids: list[str]) -> list: ...
    def descendants(self, node_id: str) -> set[str]: ...
    def display_name(self, node_id: str) -> str: ...


# A node's state: its shape (a tuple), None (unknown: open ports or an unknown input
# upstream), or the ShapeError the gate raises.
State = Shape | ShapeError | None


def shape_problem(circuit: _Readable, src: str, dst: str, port: int) -> str | None:
    """The refusal wiring ``src`` into ``port`` of ``dst`` would cause, or None.

    Checks ``dst`` and everything downstream of it, with ``dst``'s wire on ``port``
    replaced by the new one; returns the message of the first gate (the target first)
    that accepts its shapes now and would refuse them with the new wire.
    """
    affected = [dst, *sorted(circuit.descendants(dst))]
    before = _Shapes(circuit, circuit.inputs_of)

    def inputs_after(n: str) -> dict[int, str]:
        ins = circuit.inputs_of(n)
        if n == dst:
            ins[port] = src
        return ins

    after = _Shapes(circuit, inputs_after)
    for n in affected:
        now = after.state(n)
        if isinstance(now, ShapeError) and not isinstance(before.state(n), ShapeError):
            if n == dst:
                return text_of(now)
            return coded_text("shape_further_on", node=circuit.display_name(n),
                              problem=text_of(now))
    return None


def node_shapes(circuit: _Readable, ids: list[str]) -> Mapping[str, Shape | None]:
    """The shape each of ``ids`` has with the current values (None: unknown or refused)."""
    s = _Shapes(circuit, circuit.inputs_of)
    return {n: (st if isinstance(st, tuple) else None) for n in ids for st in (s.state(n),)}


class _Shapes:
    """Shapes computed on demand (iteratively: no recursion limit on long chains)."""

    def __init__(self, circuit: _Readable, inputs_of: Callable[[str], dict[int, str]]):
        self.c, self.inputs_of = circuit, inputs_of
        self.memo: dict[str, State] = {}

    def state(self, node: str) -> State:
        memo = self.memo
        stack = [node]
        while stack:
            n = stack[-1]
            if n in memo:
                stack.pop()
                continue
            srcs = list(self.inputs_of(n).values())
            todo = [s for s in srcs if s not in memo]
            if todo:
                stack.extend(todo)
                continue
            memo[n] = self._compute(n)
            stack.pop()
        return memo[node]

    def _compute(self, n: str) -> State:
        t = self.c.type_of(n)
        if t == "input":
            return shape_of(self.c.values_of([n])[0])
        gate = GATES[t]
        ins = sorted(self.inputs_of(n).items())
        states = [self.memo[s] for _p, s in ins]
        shapes = [st for st in states if isinstance(st, tuple)]
        if len(shapes) != len(states):
            return None  # unknown upstream, or refused there (that gate says so)
        if gate.wiring_problem(n, [p for p, _s in ins]) is not None:
            if gate.elementwise and shapes:  # the inputs so far must already broadcast
                try:
                    broadcast_shape(gate.name, shapes)
                except ShapeError as e:
                    return e
            return None
        try:
            return gate.out_shape(shapes, None)
        except ShapeError as e:
            if not gate.elementwise and any(not s for s in shapes):
                return None  # a scalar where an array is needed: a value not typed in yet
            return e
