"""The circuit model: a networkx MultiDiGraph behind typed, validated edits.

Edges run from a source node to the gate it feeds; the edge *key* is the input port on
the target, so ``x*x`` (one source wired into ports 0 and 1) is two parallel edges.
Every edit validates first and mutates only when valid, so a refused edit leaves the
circuit exactly as it was. Each change is announced to subscribers as a ``Change``: the
editor listens to these; the model never knows who listens (no Qt here).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx

from chainwire.graph.errors import (
    CircuitError,
    CycleError,
    PortError,
    UnknownGateError,
    UnknownNodeError,
)
from chainwire.graph.gates import GATES

MAX_PORTS = 256
"""n-ary gates accept ports 0..MAX_PORTS-1; more inputs than this is not a circuit to teach with."""


class Wire(NamedTuple):
    """A wire from ``src``'s output into input ``port`` of ``dst``. (dst, port) is unique."""

    src: str
    dst: str
    port: int


@dataclass(frozen=True)
class NodeData:
    """A read-only snapshot of one node."""

    id: str
    type: str
    label: str | None = None
    value: float | None = None  # input nodes only
    param: float | None = None  # scale/offset only
    pos: tuple[float, float] = (0.0, 0.0)
    extra: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)


@dataclass(frozen=True)
class Change:
    """One change to the circuit, sent to subscribers after it happened.

    ``kind`` is one of: node_added, node_removed, wire_added, wire_removed,
    node_changed (``field`` is value, param, label or pos), output_changed, reset.
    """

    kind: str
    node: str | None = None
    wire: Wire | None = None
    field: str | None = None


def _check_number(what: str, v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise CircuitError(f"{what} must be a number, not {type(v).__name__}")
    f = float(v)
    if not math.isfinite(f):
        raise CircuitError(f"{what} must be a finite number, not {f}")
    return f


class Circuit:
    """A DAG of input nodes and gates with exactly one (possibly implicit) output.

    >>> c = Circuit()
    >>> x = c.add_node("input", "x", value=-2.0)
    >>> q = c.add_node("square", "q")
    >>> c.connect("x", "q", 0)
    >>> [w for w in c.wires()]
    [Wire(src='x', dst='q', port=0)]
    """

    def __init__(self) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._output: str | None = None
        self.title: str | None = None
        self.notes: str | None = None
        self.view: dict[str, Any] = {}
        self.annotations: list[dict[str, Any]] = []
        self.extra: dict[str, Any] = {}  # unknown top-level keys, kept for saving
        self.structure_version = 0  # bumps on every change the evaluation plan depends on
        self._listeners: list[Callable[[Change], None]] = []
        self._next_suffix: dict[str, int] = {}

    # ----- observing -------------------------------------------------------------
    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener(change)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, change: Change, structural: bool) -> None:
        if structural:
            self.structure_version += 1
        for listener in list(self._listeners):
            listener(change)

    # ----- reading ---------------------------------------------------------------
    def __contains__(self, node_id: object) -> bool:
        return node_id in self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def node_ids(self) -> list[str]:
        return list(self.graph.nodes)

    def node(self, node_id: str) -> NodeData:
        a = self._attrs(node_id)
        return NodeData(node_id, a["type"], a.get("label"), a.get("value"), a.get("param"),
                        a["pos"], dict(a.get("extra") or {}))

    def nodes(self) -> Iterator[NodeData]:
        for n in self.graph.nodes:
            yield self.node(n)

    def type_of(self, node_id: str) -> str:
        return self._attrs(node_id)["type"]

    def wires(self) -> Iterator[Wire]:
        for src, dst, port in self.graph.edges(keys=True):
            yield Wire(src, dst, port)

    def wire_extra(self, wire: Wire) -> dict[str, Any]:
        return dict(self.graph.edges[wire.src, wire.dst, wire.port].get("extra") or {})

    def inputs_of(self, node_id: str) -> dict[int, str]:
        """{port: source id} of the wires into ``node_id``."""
        self._attrs(node_id)
        return {port: src for src, _, port in self.graph.in_edges(node_id, keys=True)}

    def wires_into(self, node_id: str) -> list[Wire]:
        # validate first: networkx reads an unknown id as an nbunch ('xx' → edges of 'x')
        self._attrs(node_id)
        return sorted((Wire(s, d, p) for s, d, p in self.graph.in_edges(node_id, keys=True)),
                      key=lambda w: w.port)

    def wires_out_of(self, node_id: str) -> list[Wire]:
        self._attrs(node_id)
        return [Wire(s, d, p) for s, d, p in self.graph.out_edges(node_id, keys=True)]

    def wires_of(self, node_id: str) -> list[Wire]:
        """Every wire touching ``node_id`` (a self-loop is impossible, so no duplicates)."""
        return self.wires_into(node_id) + self.wires_out_of(node_id)

    def source_at(self, node_id: str, port: int) -> str | None:
        self._attrs(node_id)
        for src, _, p in self.graph.in_edges(node_id, keys=True):
            if p == port:
                return src
        return None

    @property
    def output(self) -> str | None:
        """The output named explicitly (None: implicit, see ``resolved_output``)."""
        return self._output

    def sinks(self) -> list[str]:
        return [n for n in self.graph.nodes if self.graph.out_degree(n) == 0]

    def resolved_output(self) -> tuple[str | None, str]:
        """(output id, "") or (None, why there is no output)."""
        if self._output is not None:
            return self._output, ""
        if len(self.graph) == 0:
            return None, "the circuit is empty"
        sinks = self.sinks()
        if len(sinks) == 1:
            return sinks[0], ""
        return None, (f"{len(sinks)} nodes have no outgoing wire and none is marked as the "
                      "output; choose one with 'Set as output'")

    def would_create_cycle(self, src: str, dst: str) -> bool:
        return src == dst or nx.has_path(self.graph, dst, src)

    def check_connect(self, src: str, dst: str, port: int, replace: bool = False) -> None:
        """Raise the error ``connect`` would raise, without changing anything."""
        self._attrs(src)
        gate = GATES[self._attrs(dst)["type"]]
        if isinstance(port, bool) or not isinstance(port, int):
            raise PortError(f"port must be an integer, not {port!r}")
        if gate.max_inputs == 0:
            raise PortError(f"'{dst}' is an input node: it has no input ports")
        limit = gate.max_inputs if gate.max_inputs is not None else MAX_PORTS
        if not 0 <= port < limit:
            raise PortError(f"'{dst}' ({gate.name}) has no input port {port}")
        if not replace and self.source_at(dst, port) is not None:
            raise PortError(f"input port {port} of '{dst}' is already wired")
        if src == dst:
            raise CycleError(f"'{src}' cannot feed itself")
        if nx.has_path(self.graph, dst, src):
            path = nx.shortest_path(self.graph, dst, src)
            loop = " → ".join([*path, dst])
            raise CycleError(f"wiring '{src}' into '{dst}' would make a loop: {loop}")

    # ----- editing ---------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A fresh id like ``add3`` that no node has."""
        n = self._next_suffix.get(prefix, 1)
        while f"{prefix}{n}" in self.graph:
            n += 1
        self._next_suffix[prefix] = n + 1
        return f"{prefix}{n}"

    def add_node(self, type_: str, node_id: str | None = None, *, label: str | None = None,
                 value: float | None = None, param: float | None = None,
                 pos: tuple[float, float] = (0.0, 0.0),
                 extra: dict[str, Any] | None = None, index: int | None = None) -> str:
        """Add a node and return its id (a fresh one if ``node_id`` is None).

        ``index`` puts the node at that place in the node order (undo of a delete uses
        it, so a saved file lists nodes in the same order as before).
        """
        gate = GATES.get(type_) if isinstance(type_, str) else None
        if gate is None:
            known = ", ".join(GATES)
            raise UnknownGateError(f"unknown gate type {type_!r} (known: {known})")
        if node_id is None:
            node_id = self.new_id("x" if type_ == "input" else type_)
        elif not isinstance(node_id, str) or not node_id:
            raise CircuitError(f"a node id must be a non-empty string, not {node_id!r}")
        elif node_id in self.graph:
            raise CircuitError(f"a node with id '{node_id}' already exists")
        if label is not None and not isinstance(label, str):
            raise CircuitError(f"label of '{node_id}' must be text")
        attrs: dict[str, Any] = {"type": type_, "label": label, "pos": self._check_pos(pos)}
        if type_ == "input":
            attrs["value"] = 0.0 if value is None else _check_number(f"value of '{node_id}'", value)
        elif value is not None:
            raise CircuitError(f"'{node_id}' is a {type_} gate: only inputs have a value")
        if gate.has_param:
            attrs["param"] = (gate.param_default if param is None
                              else _check_number(f"parameter of '{node_id}'", param))
        elif param is not None:
            raise CircuitError(f"a {type_} gate has no parameter")
        if extra:
            attrs["extra"] = dict(extra)
        self.graph.add_node(node_id, **attrs)
        if index is not None and index < len(self.graph) - 1:
            self._move_in_order(node_id, index)
        self._emit(Change("node_added", node=node_id), structural=True)
        return node_id

    def remove_node(self, node_id: str) -> list[Wire]:
        """Remove a node and its wires; returns the wires removed (for undo)."""
        self._attrs(node_id)
        removed = self.wires_of(node_id)
        for w in removed:
            self.disconnect(w.dst, w.port)
        if self._output == node_id:
            self.set_output(None)
        self.graph.remove_node(node_id)
        self._emit(Change("node_removed", node=node_id), structural=True)
        return removed

    def connect(self, src: str, dst: str, port: int, *, extra: dict[str, Any] | None = None,
                replace: bool = False) -> Wire | None:
        """Wire ``src`` into ``port`` of ``dst``.

        Refuses loops, taken ports and ports the gate lacks. With ``replace`` an existing
        wire on that port is removed first and returned; otherwise returns None.
        """
        self.check_connect(src, dst, port, replace=replace)
        old = None
        old_src = self.source_at(dst, port)
        if old_src is not None:
            old = Wire(old_src, dst, port)
            self.disconnect(dst, port)
        self.graph.add_edge(src, dst, key=port, **({"extra": dict(extra)} if extra else {}))
        self._emit(Change("wire_added", wire=Wire(src, dst, port)), structural=True)
        return old

    def disconnect(self, dst: str, port: int) -> Wire:
        """Remove the wire into ``port`` of ``dst`` and return it."""
        src = self.source_at(dst, port)
        if src is None:
            self._attrs(dst)
            raise PortError(f"input port {port} of '{dst}' is not wired")
        self.graph.remove_edge(src, dst, key=port)
        wire = Wire(src, dst, port)
        self._emit(Change("wire_removed", wire=wire), structural=True)
        return wire

    def set_value(self, node_id: str, value: float) -> None:
        a = self._attrs(node_id)
        if a["type"] != "input":
            raise CircuitError(f"'{node_id}' is a {a['type']} gate: only inputs have a value")
        a["value"] = _check_number(f"value of '{node_id}'", value)
        self._emit(Change("node_changed", node=node_id, field="value"), structural=False)

    def set_param(self, node_id: str, param: float) -> None:
        a = self._attrs(node_id)
        if not GATES[a["type"]].has_param:
            raise CircuitError(f"a {a['type']} gate has no parameter")
        a["param"] = _check_number(f"parameter of '{node_id}'", param)
        self._emit(Change("node_changed", node=node_id, field="param"), structural=False)

    def set_label(self, node_id: str, label: str | None) -> None:
        a = self._attrs(node_id)
        if label is not None and not isinstance(label, str):
            raise CircuitError(f"label of '{node_id}' must be text")
        a["label"] = label or None
        self._emit(Change("node_changed", node=node_id, field="label"), structural=False)

    def move(self, node_id: str, pos: tuple[float, float]) -> None:
        a = self._attrs(node_id)
        a["pos"] = self._check_pos(pos)
        self._emit(Change("node_changed", node=node_id, field="pos"), structural=False)

    def set_output(self, node_id: str | None) -> None:
        """Mark ``node_id`` as the output f (None: fall back to the single sink)."""
        if node_id is not None:
            self._attrs(node_id)
        if node_id == self._output:
            return
        self._output = node_id
        self._emit(Change("output_changed", node=node_id), structural=True)

    def replace_with(self, other: Circuit) -> None:
        """Become a copy of ``other`` (used when opening a file into a live document)."""
        self.graph = other.graph.copy()
        self._output = other._output
        self.title, self.notes = other.title, other.notes
        self.view = dict(other.view)
        self.annotations = [dict(a) for a in other.annotations]
        self.extra = dict(other.extra)
        self._next_suffix = {}
        self._emit(Change("reset"), structural=True)

    def copy(self) -> Circuit:
        c = Circuit()
        c.graph = self.graph.copy()
        c._output = self._output
        c.title, c.notes = self.title, self.notes
        c.view = dict(self.view)
        c.annotations = [dict(a) for a in self.annotations]
        c.extra = dict(self.extra)
        return c

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Circuit):
            return NotImplemented
        def by_id(n: NodeData) -> str:
            return n.id

        return (sorted(self.nodes(), key=by_id) == sorted(other.nodes(), key=by_id)
                and sorted(self.wires()) == sorted(other.wires())
                and self._output == other._output and self.title == other.title
                and self.notes == other.notes and self.view == other.view
                and self.annotations == other.annotations and self.extra == other.extra)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"<Circuit {len(self)} nodes, {self.graph.number_of_edges()} wires>"

    # ----- helpers ---------------------------------------------------------------
    def _move_in_order(self, node_id: str, index: int) -> None:
        """Rebuild the graph with ``node_id`` at ``index`` (networkx keeps insertion order)."""
        order = [n for n in self.graph.nodes if n != node_id]
        order.insert(max(0, index), node_id)
        g = nx.MultiDiGraph()
        g.add_nodes_from((n, self.graph.nodes[n]) for n in order)
        g.add_edges_from(self.graph.edges(keys=True, data=True))
        self.graph = g

    def _attrs(self, node_id: str) -> dict[str, Any]:
        try:
            return self.graph.nodes[node_id]
        except (KeyError, TypeError):
            raise UnknownNodeError(f"no node with id {node_id!r}") from None

    @staticmethod
    def _check_pos(pos: tuple[float, float]) -> tuple[float, float]:
        try:
            x, y = pos
        except (TypeError, ValueError):
            raise CircuitError(f"a position must be two numbers, not {pos!r}") from None
        return (_check_number("x position", x), _check_number("y position", y))
