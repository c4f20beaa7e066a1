"""micrograd's object graphs as circuits: ``from_micrograd(value, path=None)``.

Students arrive from micrograd, whose ``draw_dot`` gives a static picture; here the same
graph becomes a circuit whose every wire shows its value and gradient, and which they can
step through, check and nudge. Any object with micrograd's shape is accepted (``data``,
``_prev``, ``_op``; an optional ``label`` as in the lecture's version), whatever its class.

Decisions:

- One node per Value: a Value used twice is one node with two outgoing wires, so its
  gradient is the sum over them (forks add up), as micrograd accumulates ``grad +=``.
  ``a + a`` and ``a * a`` (micrograd keeps one child in its ``_prev`` set) wire ``a``
  into both ports.
- Ops: ``+`` add, ``*`` multiply, ``**k`` a ``pow`` gate with c = k (any real),
  ``ReLU``/``relu``, ``tanh``, ``exp`` (and ``sigmoid``). micrograd writes ``-b`` as
  ``b * -1`` and ``a / b`` as ``a * b**-1``: those come out as that multiply and that pow.
  Any other op is refused by name, with the Value's node id.
- **Every leaf is an input**, the constants micrograd wraps (the 2 of ``x * 2``, the -1
  of a subtraction) included: micrograd gives them a gradient too, and nothing tells a
  constant 2 from a weight that happens to be 2. Folding them into scale/offset gates
  would change which numbers the circuit shows next to micrograd's.
- Ids are ``v1``, ``v2``, ... in ``walk`` order (operands before results); a Value's
  ``label`` (a non-empty string) becomes the node's label. The output f is ``value``.
- The walk is iterative: graphs deeper than Python's recursion limit (which micrograd's
  own ``backward`` cannot handle) import too. Operands of one Value, a set in micrograd,
  are ordered by (label, data) so ports do not depend on memory addresses.
- Placement is ``graph.layout`` (inputs in the first column, few crossings) when that is
  quick: a deep chain that wraps a constant at every step (``v = v * 1.01 + 0.1``
  repeated) would give it a wire across every column from each constant, a cost growing
  with the square of the depth. Beyond ``LAYOUT_BUDGET`` such spans, each gate goes in the
  column of its depth and each leaf just before its first use, in walk order.

Nothing here imports micrograd: any duck-typed graph works, and the engine stays free of
the dependency. ``chainwire.show(value)`` opens the result in the editor.
"""

from __future__ import annotations

import math
import os
from typing import Any

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ChainwireError, CircuitError
from chainwire.graph.layout import COLUMN_GAP, ROW_GAP, apply_layout
from chainwire.graph.records import check_number

OPS = {"+": "add", "*": "multiply", "relu": "relu", "tanh": "tanh", "exp": "exp",
       "sigmoid": "sigmoid"}
"""micrograd's ``_op`` (lower-cased) -> gate type; ``**k`` is ``pow`` with c = k."""
TITLE = "From micrograd"
LAYOUT_BUDGET = 6000
"""Most column-crossings ``graph.layout`` is asked to lay out (about a second)."""

__all__ = ["OPS", "MicrogradError", "from_micrograd", "walk"]


class MicrogradError(ChainwireError, ValueError):
    """The object graph is not micrograd-shaped, or uses an op no gate computes."""


def walk(value: Any) -> list[Any]:
    """Every Value ``value`` depends on, itself last, operands before results (node ``vK``
    of ``from_micrograd`` is item K-1). Iterative: no recursion limit."""
    _check_shape(value, "the value")
    order: list[Any] = []
    state: dict[int, int] = {}  # id -> 1 while its operands are walked, 2 when done
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        v, finished = stack.pop()
        if finished:
            state[id(v)] = 2
            order.append(v)
            continue
        seen = state.get(id(v))
        if seen == 2:
            continue
        if seen == 1:
            raise MicrogradError("the graph has a loop: a Value depends on itself")
        state[id(v)] = 1
        stack.append((v, True))
        for child in reversed(operands(v)):
            s = state.get(id(child))
            if s == 1:
                raise MicrogradError("the graph has a loop: a Value depends on itself")
            if s is None:
                stack.append((child, False))
    return order


def operands(v: Any) -> list[Any]:
    """A Value's operands (its ``_prev``), in a deterministic order."""
    kids = list(getattr(v, "_prev", ()) or ())
    for k in kids:
        _check_shape(k, "an operand")
    return sorted(kids, key=_sort_key)


def _sort_key(v: Any) -> tuple[str, float]:
    label = getattr(v, "label", None)
    try:
        data = float(v.data)
    except (TypeError, ValueError):
        data = 0.0
    return (label if isinstance(label, str) else "", data if data == data else 0.0)


def _check_shape(v: Any, what: str) -> None:
    if not (hasattr(v, "data") and hasattr(v, "_prev")):
        raise MicrogradError(f"{what} is not a micrograd Value: a {type(v).__name__} has no "
                             "'data' and '_prev'")


def from_micrograd(value: Any, path: str | os.PathLike[str] | None = None, *,
                   layout: bool = True) -> Circuit:
    """``value``'s graph as a circuit whose output f is ``value`` (laid out unless
    ``layout`` is False); saved to ``path`` (``fileio.save``) when given."""
    nodes = walk(value)
    index = {id(v): k for k, v in enumerate(nodes, 1)}
    levels = [0] * (len(nodes) + 1)  # a gate's depth over the leaves (leaves: 0)
    c = Circuit()
    c.title = TITLE
    with c.transaction():
        for k, v in enumerate(nodes, 1):
            nid = f"v{k}"
            kids = operands(v)
            op = str(getattr(v, "_op", "") or "")
            if not kids:
                if op:
                    raise MicrogradError(f"{nid}: op {op!r} but no operands")
                c.add_node("input", nid, label=_label(v), value=_data(v, nid))
                continue
            type_, param = gate_for(op, len(kids), nid)
            c.add_node(type_, nid, label=_label(v), param=param)
            levels[k] = 1 + max(levels[index[id(kid)]] for kid in kids)
            srcs = [f"v{index[id(kid)]}" for kid in kids]
            if len(srcs) == 1 and type_ in ("add", "multiply"):
                srcs *= 2  # a + a, a * a: micrograd's set keeps one operand
            for port, src in enumerate(srcs):
                c.connect(src, nid, port)
        c.set_output(f"v{len(nodes)}")
    if layout:
        spans = sum(levels[int(w.dst[1:])] - levels[int(w.src[1:])] - 1 for w in c.wires())
        if spans <= LAYOUT_BUDGET:
            apply_layout(c)
        else:
            _place_by_depth(c, levels)
    if path is not None:
        fileio.save(c, os.fspath(path))
    return c


def _place_by_depth(c: Circuit, levels: list[int]) -> None:
    """Gates in the column of their depth, leaves just before their first use; rows in
    walk order, centred (the quick placement for graphs too deep for ``graph.layout``)."""
    column = list(levels)
    for w in c.wires():
        src, dst = int(w.src[1:]), int(w.dst[1:])
        if c.type_of(w.src) == "input":
            first = levels[dst] - 1
            column[src] = first if column[src] == 0 else min(column[src], first)
    rows: dict[int, list[str]] = {}
    for k in range(1, len(levels)):
        rows.setdefault(column[k], []).append(f"v{k}")
    with c.transaction():
        for x, ids in rows.items():
            for i, nid in enumerate(ids):
                c.move(nid, (x * COLUMN_GAP, (i - (len(ids) - 1) / 2) * ROW_GAP))


def gate_for(op: str, n: int, nid: str = "?") -> tuple[str, float | None]:
    """(gate type, constant) for micrograd's ``op`` with ``n`` operands.

    >>> gate_for("**2", 1), gate_for("**-1", 1), gate_for("ReLU", 1), gate_for("+", 2)
    (('pow', 2.0), ('pow', -1.0), ('relu', None), ('add', None))
    """
    key = op.strip()
    if key.startswith("**"):
        try:
            c = float(key[2:])
        except ValueError:
            raise MicrogradError(f"{nid}: cannot read the exponent of {op!r}") from None
        if not math.isfinite(c):
            raise MicrogradError(f"{nid}: the exponent of {op!r} must be finite")
        type_, param = "pow", c
    elif key.lower() in OPS:
        type_, param = OPS[key.lower()], None
    else:
        known = ", ".join(["+", "*", "**k", "ReLU", "tanh", "exp", "sigmoid"])
        raise MicrogradError(f"{nid}: no gate computes micrograd's op {op!r} (known: {known})")
    if type_ not in ("add", "multiply") and n != 1:
        raise MicrogradError(f"{nid}: {op!r} takes one operand, this Value has {n}")
    return type_, param


def _label(v: Any) -> str | None:
    label = getattr(v, "label", None)
    return label if isinstance(label, str) and label else None


def _data(v: Any, nid: str) -> float:
    """A leaf's data as a finite float (the model's own number check), or MicrogradError."""
    try:
        return check_number(f"{nid}: data", v.data)
    except CircuitError as e:
        raise MicrogradError(str(e)) from None
