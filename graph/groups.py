"""Compound gates: a group's definition (``GroupDef``), its checks, and the parts of a gate.

A group node is a gate of type ``"group"`` whose constant ``c`` (the node's ``param``) is
a ``GroupDef``: the parts (nodes with ids local to the group, positions relative to the
group's origin), the wires between them, the placeholder inputs standing for the group's
ports (in port order) and the part whose value is the group's output. Inner inputs that
are not ports are constants. Parts may be groups themselves (nesting, bounded by
``MAX_DEPTH``). The group gate (``graph/gates_group.py``) runs the parts with their own
``forward``/``backward``, so the outer numbers are those of the expanded circuit.

A gate whose ``parts`` name a chain of plain gates (sigmoid: scale(−1), exp, offset(+1),
reciprocal) expands through the same definition (``parts_def``); the edits that group,
expand and collapse are in ``graph/group_edits.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from chainwire.graph.errors import CircuitError, coded, coded_text, error_from, text_of
from chainwire.graph.gate_base import Gate
from chainwire.graph.gates import GATES
from chainwire.graph.records import NodeData, Wire
from chainwire.graph.shapes import Value

GROUP = "group"
"""The stable gate type of a group node."""
MAX_DEPTH = 8
"""At most this many groups inside one another (a teaching circuit needs two or three)."""
MAX_NAME, MAX_SYMBOL = 40, 8
"""The longest name and symbol a group may have (the symbol is drawn inside the gate)."""
PART_SPACING = 90.0
"""How far apart the parts of an expanded gate (sigmoid) are laid out, left to right."""


@dataclass(frozen=True)
class GroupDef:
    """What a group node computes: its parts, their wires, its ports and its output.

    Frozen and hashable (it is a gate constant, like scale's c). ``check_group_def``
    validates one; the file loader and ``Circuit.add_node`` accept only valid ones.
    """

    name: str
    symbol: str
    nodes: tuple[NodeData, ...]
    wires: tuple[Wire, ...]
    ports: tuple[str, ...]
    output: str

    def __post_init__(self) -> None:
        """Wires in one order whatever order they came in (by source, target, port in the
        order of the parts), so a definition read back from a file equals the one saved."""
        wires = tuple(self.wires)
        if all(isinstance(w, Wire) for w in wires):  # anything else: check_group_def says
            at = {getattr(n, "id", None): i for i, n in enumerate(self.nodes)}
            end = len(at)
            wires = tuple(sorted(wires, key=lambda w: (at.get(w.src, end), at.get(w.dst, end),
                                                       w.port, repr(w))))
        object.__setattr__(self, "wires", wires)

    @cached_property
    def plan(self) -> InnerPlan:
        """The parts in evaluation order (computed once per definition)."""
        return _inner_plan(self)

    @property
    def depth(self) -> int:
        """1 for a group of plain gates, 1 + the deepest inner group's depth otherwise."""
        return 1 + max((d.param.depth for d in self.nodes if d.type == GROUP), default=0)

    def node(self, inner_id: str) -> NodeData:
        return self.plan.by_id[inner_id]


@dataclass(frozen=True)
class InnerPlan:
    """A definition ready to run: ``steps`` are ``(id, gate, input ids by port, c)`` in
    topological order (the order ``Circuit.topology`` would give the expanded parts)."""

    by_id: dict[str, NodeData]
    steps: tuple[tuple[str, Gate, tuple[str, ...], Any], ...]
    constants: dict[str, Value]  # inner inputs that are not ports: their values
    inputs: dict[str, tuple[tuple[str, int], ...]]  # a gate's (source, port), by port


def _inner_plan(d: GroupDef) -> InnerPlan:
    by_id = {n.id: n for n in d.nodes}
    into: dict[str, dict[int, str]] = {n.id: {} for n in d.nodes}
    succ: dict[str, list[str]] = {n.id: [] for n in d.nodes}
    for w in d.wires:
        into[w.dst][w.port] = w.src
        succ[w.src].append(w.dst)
    # each child once per parent (a set per node, not a list scan: a part feeding 100,000
    # others made loading quadratic)
    succ = {n: list(dict.fromkeys(ch)) for n, ch in succ.items()}
    indeg = {n: len(set(ins.values())) for n, ins in into.items()}
    gen = [n for n, k in indeg.items() if k == 0]
    order: list[str] = []
    while gen:  # generation by generation, as Circuit.topology
        order += gen
        nxt = []
        for n in gen:
            for ch in succ[n]:
                indeg[ch] -= 1
                if indeg[ch] == 0:
                    nxt.append(ch)
        gen = nxt
    inputs = {n: tuple((into[n][p], p) for p in sorted(into[n])) for n in order}
    steps = tuple((n, GATES[by_id[n].type], tuple(s for s, _p in inputs[n]), by_id[n].param)
                  for n in order if by_id[n].type != "input")
    ports = set(d.ports)
    constants: dict[str, Value] = {}
    for n in order:
        if by_id[n].type == "input" and n not in ports:
            value = by_id[n].value
            if value is None:
                raise coded(CircuitError, "part_no_value", part=repr(n))
            constants[n] = value
    return InnerPlan(by_id, steps, constants, inputs)


def check_group_def(what: str, d: object, depth: int = 1) -> GroupDef:
    """``d`` if it is a valid definition, else a CircuitError naming ``what`` (when not
    empty) and the fault ("part 'exp1' (exp) is not fully wired")."""
    from chainwire.graph.circuit import port_count  # circuit imports records, which asks here

    try:
        return _check(d, depth, port_count)
    except CircuitError as e:
        if what:
            raise coded(CircuitError, "where", where=what, problem=e) from None
        raise error_from(CircuitError, text_of(e)) from None


def _check(d: object, depth: int, port_count) -> GroupDef:
    from chainwire.graph.circuit import MAX_PORTS  # as check_group_def's import: circular

    if not isinstance(d, GroupDef):
        raise coded(CircuitError, "group_def_type", type=type(d).__name__)
    if depth > MAX_DEPTH:
        raise coded(CircuitError, "groups_deep", most=MAX_DEPTH)
    for field, text, most in (("name", d.name, MAX_NAME), ("symbol", d.symbol, MAX_SYMBOL)):
        if not isinstance(text, str) or not text.strip():
            raise coded(CircuitError, f"group_needs_{field}")
        if len(text) > most:
            raise coded(CircuitError, f"group_{field}_long", most=most)
    ids: set[str] = set()
    for n in d.nodes:
        if not isinstance(n, NodeData):
            raise coded(CircuitError, "part_type", type=type(n).__name__)
        if n.id in ids:
            raise coded(CircuitError, "part_twice", part=repr(n.id))
        ids.add(n.id)
        if n.type == GROUP:
            check_group_def(coded_text("part_named", part=repr(n.id)), n.param, depth + 1)
    by_id = {n.id: n for n in d.nodes}
    taken: set[tuple[str, int]] = set()
    for w in d.wires:
        if not isinstance(w, Wire) or w.src not in ids or w.dst not in ids:
            raise coded(CircuitError, "wire_no_parts", wire=repr(tuple(w)))
        dst = by_id[w.dst]
        if not 0 <= w.port < port_count(dst.type, dst.param):
            raise coded(CircuitError, "part_no_port", part=repr(w.dst), gate=dst.type,
                        port=w.port)
        if (w.dst, w.port) in taken:
            raise coded(CircuitError, "part_port_twice", port=w.port, part=repr(w.dst))
        taken.add((w.dst, w.port))
    if len(set(d.ports)) != len(d.ports):
        raise coded(CircuitError, "port_twice")
    if len(d.ports) > MAX_PORTS:  # as an n-ary gate: a file's 5,000-port group drew a
        # gate 100,000 units tall with an item per port
        raise coded(CircuitError, "group_ports", most=MAX_PORTS, count=f"{len(d.ports):,}")
    feeding = {w.src for w in d.wires}
    for p in d.ports:
        if p not in ids or by_id[p].type != "input":
            raise coded(CircuitError, "port_not_input", port=repr(p))
        if p not in feeding:
            raise coded(CircuitError, "port_feeds_none", port=repr(p))
    if d.output not in ids or by_id[d.output].type == "input":
        raise coded(CircuitError, "group_output", node=repr(d.output))
    plan = _inner_plan(d)
    if sum(1 for n in d.nodes if n.type != "input") != len(plan.steps):
        raise coded(CircuitError, "parts_loop")
    wired: dict[str, list[int]] = {}  # by part, once: scanning every wire per part was
    for part, port in taken:  # quadratic (a file's 40,000-part group took minutes to load)
        wired.setdefault(part, []).append(port)
    for nid, gate, _ins, c in plan.steps:
        ports = sorted(wired.get(nid, ()))
        count = len(c.ports) if gate.ports_in_constant else None
        if gate.wiring_problem(nid, ports, count) is not None:
            raise coded(CircuitError, "part_unwired", part=repr(nid), gate=gate.name)
    needed = {d.output}
    for nid, _gate, ins, _c in reversed(plan.steps):
        if nid in needed:
            needed.update(ins)
    idle = [n.id for n in d.nodes if n.id not in needed]
    if idle:
        raise coded(CircuitError, "part_idle", part=repr(idle[0]))
    return d


def chain_of(d: GroupDef) -> tuple[tuple[str, Any], ...] | None:
    """``((type, c), ...)`` from the port to the output when ``d`` is a plain chain of
    one-input gates fed by its single port, else None (what Collapse compares)."""
    if len(d.ports) != 1 or len(d.nodes) != len(d.wires) + 1:
        return None
    nxt = {w.src: w for w in d.wires}
    out: list[tuple[str, Any]] = []
    at = d.ports[0]
    while at in nxt:
        w = nxt.pop(at)
        n = d.node(w.dst)
        if w.port != 0 or GATES[n.type].max_inputs != 1:
            return None
        out.append((n.type, n.param))
        at = w.dst
    return tuple(out) if at == d.output and not nxt else None


def parts_def(type_: str, ids: Sequence[str] | None = None, label: str | None = None
              ) -> GroupDef:
    """The definition a gate with ``parts`` (sigmoid) expands through: a port ``x`` and
    the chain, laid out left to right around the origin; ``ids`` name the parts."""
    gate = GATES[type_]
    parts = gate.parts
    if not parts:
        raise coded(CircuitError, "no_parts", gate=type_)
    if ids is None:
        seen: dict[str, int] = {}
        ids = []
        for t, _c in parts:
            seen[t] = seen.get(t, 0) + 1
            ids.append(f"{t}{seen[t]}")
    port = next(f"x{i}" for i in range(1, len(ids) + 2) if f"x{i}" not in ids)
    half = (len(parts) - 1) / 2
    nodes = [NodeData(port, "input", label or "x", 0.0, None,
                      (-(half + 1) * PART_SPACING, 0.0))]
    wires = []
    src = port
    for i, ((t, c), nid) in enumerate(zip(parts, ids, strict=True)):
        nodes.append(NodeData(nid, t, None, None, c, ((i - half) * PART_SPACING, 0.0)))
        wires.append(Wire(src, nid, 0))
        src = nid
    return GroupDef(gate.title.lower(), gate.symbol, tuple(nodes), tuple(wires), (port,),
                    src)
