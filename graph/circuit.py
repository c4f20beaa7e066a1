"""The circuit model: a private networkx MultiDiGraph behind typed, validated edits.

Edges run from a source node to the gate it feeds; the edge *key* is the input port on
the target, so ``x*x`` (one source wired into ports 0 and 1) is two parallel edges.
Every edit validates first and mutates only when valid, so a refused edit leaves the
circuit exactly as it was. The graph never leaves this class writable: readers get
frozen snapshots (``NodeData``, ``Annotation``) or a read-only view (``graph``).

Changes are announced to subscribers in batches: one batch per outermost
``transaction()`` (an undo command, a paste, a file reload), or one per lone edit made
outside a transaction (a script calling the API). The editor's document listens and
re-evaluates once per batch; the model never knows who listens (no Qt here).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import networkx as nx

from chainwire.graph.annotation_list import AnnotationList
from chainwire.graph.errors import (
    CircuitError,
    CycleError,
    PortError,
    UnknownNodeError,
)
from chainwire.graph.events import Observable
from chainwire.graph.gates import GATES
from chainwire.graph.records import (
    Annotation,
    Change,
    NodeData,
    Wire,
    check_number,
    check_pos,
    node_attrs,
)

__all__ = ["MAX_PORTS", "Annotation", "Change", "Circuit", "NodeData", "Wire"]

MAX_PORTS = 256
"""n-ary gates accept ports 0..MAX_PORTS-1; more inputs than this is not a circuit to teach with."""
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


class Circuit(Observable, AnnotationList):
    """A DAG of input nodes and gates with exactly one (possibly implicit) output.

    >>> c = Circuit()
    >>> x = c.add_node("input", "x", value=-2.0)
    >>> q = c.add_node("square", "q")
    >>> c.connect("x", "q", 0)
    >>> [w for w in c.wires()]
    [Wire(src='x', dst='q', port=0)]
    """

    def __init__(self) -> None:
        super().__init__()
        self._graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._frozen: nx.MultiDiGraph | None = None
        self._output: str | None = None
        self._annotations: list[Annotation] = []
        self.title: str | None = None
        self.notes: str | None = None
        self.view: dict[str, Any] = {}  # the file's view settings, kept for saving
        self.extra: dict[str, Any] = {}  # unknown top-level keys, kept for saving
        self._next_suffix: dict[str, int] = {}

    @classmethod
    def assemble(cls, nodes: Iterable[tuple[str, dict[str, Any]]],
                 wires: Iterable[tuple[str, str, int, dict[str, Any] | None]], *,
                 output: str | None = None, annotations: Iterable[Annotation] = (),
                 title: str | None = None, notes: str | None = None,
                 view: dict[str, Any] | None = None,
                 extra: dict[str, Any] | None = None) -> Circuit:
        """Build a circuit in bulk from parts a loader has **already validated**.

        ``nodes`` are ``(id, attrs)`` with the attributes ``add_node`` stores (type,
        label, pos, value for inputs, param where the gate has one, extra); ``wires``
        are ``(src, dst, port, extra)``. Nothing is re-checked: per-wire loop searches
        would make a 100,000-gate file quadratic. ``fileio`` is the caller. The ``attrs``
        dicts are taken over, not copied (the loader built them for this circuit).
        """
        c = cls()
        _fill(c._graph, nodes, wires)
        c._output = output
        c._annotations = list(annotations)
        c.title, c.notes = title, notes
        c.view = dict(view or {})
        c.extra = dict(extra or {})
        c.structure_version = 1
        return c

    # ----- reading nodes and wires -----------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """A read-only view of the graph, for networkx algorithms (editing it raises)."""
        if self._frozen is None:
            self._frozen = self._graph.copy(as_view=True)
        return self._frozen

    def __contains__(self, node_id: object) -> bool:
        try:
            return node_id in self._graph
        except TypeError:  # unhashable
            return False

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def number_of_wires(self) -> int:
        return self._graph.number_of_edges()

    def node_ids(self) -> list[str]:
        return list(self._graph.nodes)

    def node(self, node_id: str) -> NodeData:
        a = self._attrs(node_id)
        return NodeData(node_id, a["type"], a.get("label"), a.get("value"), a.get("param"),
                        a["pos"], dict(a.get("extra") or {}))

    def nodes(self) -> Iterator[NodeData]:
        for n in self._graph.nodes:
            yield self.node(n)

    def node_fields(self) -> Iterator[tuple[str, str, str | None, float | None, float | None,
                                            tuple[float, float], Mapping[str, Any]]]:
        """Every node as a plain tuple in ``NodeData``'s field order, ``extra`` read-only.

        For bulk readers (saving 100,000 nodes): a frozen ``NodeData`` costs ~1.4 µs to
        make, more than all the rest of writing the node out.
        """
        for n, a in self._graph._node.items():
            e = a.get("extra")
            yield (n, a["type"], a.get("label"), a.get("value"), a.get("param"), a["pos"],
                   MappingProxyType(e) if e else _NO_EXTRA)

    def type_of(self, node_id: str) -> str:
        return self._attrs(node_id)["type"]

    def display_name(self, node_id: str) -> str:
        """How messages name a node: its label if it has one, else its id."""
        return self._attrs(node_id).get("label") or node_id

    def values_of(self, ids: Sequence[str], field: str = "value") -> list[float]:
        """The values (or ``field="param"``: parameters) of these nodes, in order."""
        nodes = self._graph._node  # the attribute dicts: NodeView's lookup doubles the cost
        return [nodes[n][field] for n in ids]

    def wires(self) -> Iterator[Wire]:
        for src, dst, port in self._graph.edges(keys=True):
            yield Wire(src, dst, port)

    def wires_with_extra(self) -> Iterator[tuple[Wire, dict[str, Any]]]:
        """Every wire with a copy of its unknown file keys (for saving)."""
        new = tuple.__new__  # networkx's edge view order, at a third of its cost
        for src, nbrs in self._graph._succ.items():
            for dst, keys in nbrs.items():
                for port, attrs in keys.items():
                    extra = attrs.get("extra")
                    yield new(Wire, (src, dst, port)), dict(extra) if extra else {}

    def wire_extra(self, wire: Wire) -> dict[str, Any]:
        return dict(self._graph.edges[wire.src, wire.dst, wire.port].get("extra") or {})

    def inputs_of(self, node_id: str) -> dict[int, str]:
        """{port: source id} of the wires into ``node_id``."""
        self._attrs(node_id)
        return {port: src for src, _, port in self._graph.in_edges(node_id, keys=True)}

    def wires_into(self, node_id: str) -> list[Wire]:
        # validate first: networkx reads an unknown id as an nbunch ('xx' → edges of 'x')
        self._attrs(node_id)
        return sorted((Wire(s, d, p) for s, d, p in self._graph.in_edges(node_id, keys=True)),
                      key=lambda w: w.port)

    def wires_out_of(self, node_id: str) -> list[Wire]:
        self._attrs(node_id)
        return [Wire(s, d, p) for s, d, p in self._graph.out_edges(node_id, keys=True)]

    def wires_of(self, node_id: str) -> list[Wire]:
        """Every wire touching ``node_id`` (a self-loop is impossible, so no duplicates)."""
        return self.wires_into(node_id) + self.wires_out_of(node_id)

    def source_at(self, node_id: str, port: int) -> str | None:
        self._attrs(node_id)
        for src, _, p in self._graph.in_edges(node_id, keys=True):
            if p == port:
                return src
        return None

    # ----- reading the structure ---------------------------------------------------
    def ancestors(self, node_id: str) -> set[str]:
        """Every node with a path into ``node_id`` (what it depends on)."""
        self._attrs(node_id)
        return nx.ancestors(self._graph, node_id)

    def descendants(self, node_id: str) -> set[str]:
        """Every node ``node_id`` has a path to (what depends on it)."""
        self._attrs(node_id)
        return nx.descendants(self._graph, node_id)

    def legal_targets(self, src: str) -> set[str]:
        """Gates that ``src`` may be wired into without making a loop."""
        banned = self.ancestors(src) | {src}
        nodes = self._graph.nodes
        return {n for n in nodes if n not in banned and nodes[n]["type"] != "input"}

    def legal_sources(self, dst: str) -> set[str]:
        """Nodes that may be wired into ``dst`` without making a loop."""
        return set(self._graph.nodes) - self.descendants(dst) - {dst}

    def topology(self) -> tuple[list[str], list[str], list[Sequence[tuple[int, str]]]]:
        """(ids in topological order, their types, their ``(port, source)`` inputs sorted).

        The order is ``nx.topological_sort``'s (generation by generation), computed on the
        graph's own dicts: the evaluator compiles from this after every structural edit,
        and networkx's views would cost more than the whole compile (~1 µs per gate).
        """
        node, succ, pred = self._graph._node, self._graph._succ, self._graph._pred
        indeg: dict[str, int] = {}  # distinct sources: succ[n] lists each child once
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
        if len(order) != len(node):  # edits refuse loops; only a bypassed graph has one
            stuck = next(n for n, k in indeg.items() if k)
            raise CycleError(f"the circuit has a loop through '{stuck}'")
        ins: list[Sequence[tuple[int, str]]] = []
        for n in order:
            ps = pred[n]
            if not ps:
                ins.append(())
                continue
            wired = [(p, s) for s, kd in ps.items() for p in kd]
            if len(wired) > 1:
                wired.sort()
            ins.append(wired)
        return order, [node[n]["type"] for n in order], ins

    @property
    def output(self) -> str | None:
        """The output named explicitly (None: implicit, see ``resolved_output``)."""
        return self._output

    def sinks(self) -> list[str]:
        return [n for n in self._graph.nodes if self._graph.out_degree(n) == 0]

    def resolved_output(self) -> tuple[str | None, str]:
        """(output id, "") or (None, why there is no output)."""
        if self._output is not None:
            return self._output, ""
        if len(self._graph) == 0:
            return None, "the circuit is empty"
        sinks = self.sinks()
        if len(sinks) == 1:
            return sinks[0], ""
        return None, (f"{len(sinks)} nodes have no outgoing wire and none is marked as the "
                      "output; choose one with 'Set as output'")

    def check_connect(self, src: str, dst: str, port: int, replace: bool = False) -> None:
        """Raise the error ``connect`` would raise, without changing anything."""
        self._attrs(src)
        gate = GATES[self._attrs(dst)["type"]]
        name = self.display_name
        if isinstance(port, bool) or not isinstance(port, int):
            raise PortError(f"port must be an integer, not {port!r}")
        if gate.max_inputs == 0:
            raise PortError(f"'{name(dst)}' is an input node: it has no input ports")
        limit = gate.max_inputs if gate.max_inputs is not None else MAX_PORTS
        if not 0 <= port < limit:
            raise PortError(f"'{name(dst)}' ({gate.name}) has no input port {port}")
        if not replace and self.source_at(dst, port) is not None:
            raise PortError(f"input port {port} of '{name(dst)}' is already wired")
        if src == dst:
            raise CycleError(f"'{name(src)}' cannot feed itself")
        if nx.has_path(self._graph, dst, src):
            path = nx.shortest_path(self._graph, dst, src)
            loop = " → ".join(name(n) for n in [*path, dst])
            raise CycleError(f"wiring '{name(src)}' into '{name(dst)}' would make a loop: "
                             f"{loop}")

    # ----- editing nodes and wires -----------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A fresh id like ``add3`` that no node has."""
        n = self._next_suffix.get(prefix, 1)
        while f"{prefix}{n}" in self._graph:
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
        if node_id is None and isinstance(type_, str) and type_ in GATES:
            node_id = self.new_id("x" if type_ == "input" else type_)
        attrs = node_attrs(type_, node_id, label=label, value=value, param=param, pos=pos,
                           extra=extra)
        if node_id in self._graph:
            raise CircuitError(f"a node with id '{node_id}' already exists")
        self._graph.add_node(node_id, **attrs)
        if index is not None and index < len(self._graph) - 1:
            self._move_in_order(node_id, index)
        self._emit(Change("node_added", node=node_id))
        return node_id

    def remove_node(self, node_id: str) -> list[Wire]:
        """Remove a node and its wires; returns the wires removed (for undo)."""
        self._attrs(node_id)
        with self.transaction():
            removed = self.wires_of(node_id)
            for w in removed:
                self.disconnect(w.dst, w.port)
            if self._output == node_id:
                self.set_output(None)
            self._graph.remove_node(node_id)
            self._emit(Change("node_removed", node=node_id))
        return removed

    def connect(self, src: str, dst: str, port: int, *, extra: dict[str, Any] | None = None,
                replace: bool = False) -> Wire | None:
        """Wire ``src`` into ``port`` of ``dst``.

        Refuses loops, taken ports and ports the gate lacks. With ``replace`` an existing
        wire on that port is removed first and returned; otherwise returns None.
        """
        self.check_connect(src, dst, port, replace=replace)
        old = None
        with self.transaction():
            old_src = self.source_at(dst, port)
            if old_src is not None:
                old = Wire(old_src, dst, port)
                self.disconnect(dst, port)
            self._graph.add_edge(src, dst, key=port, **({"extra": dict(extra)} if extra else {}))
            self._emit(Change("wire_added", wire=Wire(src, dst, port)))
        return old

    def disconnect(self, dst: str, port: int) -> Wire:
        """Remove the wire into ``port`` of ``dst`` and return it."""
        src = self.source_at(dst, port)
        if src is None:
            raise PortError(f"input port {port} of '{self.display_name(dst)}' is not wired")
        self._graph.remove_edge(src, dst, key=port)
        wire = Wire(src, dst, port)
        self._emit(Change("wire_removed", wire=wire))
        return wire

    def set_value(self, node_id: str, value: float) -> None:
        a = self._attrs(node_id)
        if a["type"] != "input":
            raise CircuitError(f"'{node_id}' is a {a['type']} gate: only inputs have a value")
        a["value"] = check_number(f"value of '{node_id}'", value)
        self._emit(Change("node_changed", node=node_id, field="value"))

    def set_param(self, node_id: str, param: float) -> None:
        a = self._attrs(node_id)
        if not GATES[a["type"]].has_param:
            raise CircuitError(f"a {a['type']} gate has no parameter")
        a["param"] = check_number(f"parameter of '{node_id}'", param)
        self._emit(Change("node_changed", node=node_id, field="param"))

    def set_label(self, node_id: str, label: str | None) -> None:
        a = self._attrs(node_id)
        if label is not None and not isinstance(label, str):
            raise CircuitError(f"label of '{node_id}' must be text")
        a["label"] = label or None
        self._emit(Change("node_changed", node=node_id, field="label"))

    def move(self, node_id: str, pos: tuple[float, float]) -> None:
        a = self._attrs(node_id)
        a["pos"] = check_pos(pos)
        self._emit(Change("node_changed", node=node_id, field="pos"))

    def set_output(self, node_id: str | None) -> None:
        """Mark ``node_id`` as the output f (None: fall back to the single sink)."""
        if node_id is not None:
            self._attrs(node_id)
        if node_id == self._output:
            return
        self._output = node_id
        self._emit(Change("output_changed", node=node_id))

    def replace_with(self, other: Circuit) -> None:
        """Become a copy of ``other`` (used when opening a file into a live document)."""
        self._copy_from(other)
        self._next_suffix = {}
        self._emit(Change("reset"))

    def copy(self) -> Circuit:
        c = Circuit()
        c._copy_from(self)
        return c

    def _copy_from(self, other: Circuit) -> None:
        self._graph = other._graph.copy()
        self._frozen = None
        self._output = other._output
        self._annotations = list(other._annotations)
        self.title, self.notes = other.title, other.notes
        self.view = dict(other.view)
        self.extra = dict(other.extra)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Circuit):
            return NotImplemented

        def by_id(n: NodeData) -> str:
            return n.id

        return (sorted(self.nodes(), key=by_id) == sorted(other.nodes(), key=by_id)
                and sorted(self.wires()) == sorted(other.wires())
                and self._output == other._output and self.title == other.title
                and self.notes == other.notes and self.view == other.view
                and self._annotations == other._annotations and self.extra == other.extra)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"<Circuit {len(self)} nodes, {self.number_of_wires()} wires>"
    # ----- helpers ---------------------------------------------------------------
    def _move_in_order(self, node_id: str, index: int) -> None:
        """Rebuild the graph with ``node_id`` at ``index`` (networkx keeps insertion order)."""
        order = [n for n in self._graph.nodes if n != node_id]
        order.insert(max(0, index), node_id)
        g = nx.MultiDiGraph()
        g.add_nodes_from((n, self._graph.nodes[n]) for n in order)
        g.add_edges_from(self._graph.edges(keys=True, data=True))
        self._graph = g
        self._frozen = None

    def _attrs(self, node_id: str) -> dict[str, Any]:
        try:
            return self._graph.nodes[node_id]
        except (KeyError, TypeError):
            raise UnknownNodeError(f"no node with id {node_id!r}") from None


_FAST_FILL = True
"""Tests set this to False to check the public-API build gives the same graph."""


def _fill(g: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]],
          wires: Iterable[tuple[str, str, int, dict[str, Any] | None]]) -> None:
    """Fill an empty graph with nodes and wires (``assemble``'s bulk build).

    ``add_edges_from`` costs ~10 µs per edge on a MultiDiGraph; writing its adjacency
    dicts directly is ~10x faster. That layout (``_node``; ``_adj`` is ``_succ``; ``_pred``
    sharing one key dict per node pair) has been stable since networkx 2.0; if it ever
    changes, the public (slower) path is taken.
    """
    if not (_FAST_FILL and type(g) is nx.MultiDiGraph and len(g) == 0 and g._succ is g._adj
            and all(getattr(g, f, None) is dict for f in (
                "edge_key_dict_factory", "edge_attr_dict_factory", "node_attr_dict_factory",
                "adjlist_inner_dict_factory"))):
        g.add_nodes_from(nodes)
        g.add_edges_from((s, d, p, {"extra": dict(e)} if e else {}) for s, d, p, e in wires)
        return
    node, succ, pred = g._node, g._succ, g._pred
    for nid, attrs in nodes:
        node[nid] = attrs
        succ[nid] = {}
        pred[nid] = {}
    for s, d, port, e in wires:
        out = succ[s]
        keys = out.get(d)
        if keys is None:
            keys = out[d] = {}
            pred[d][s] = keys
        keys[port] = {"extra": dict(e)} if e else {}
