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

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np

from chainwire.graph.annotation_list import AnnotationList
from chainwire.graph.circuit_read import CircuitReader
from chainwire.graph.errors import CircuitError, CycleError, PortError, coded, error_from
from chainwire.graph.events import Observable
from chainwire.graph.gates import GATES
from chainwire.graph.groups import GroupDef
from chainwire.graph.nx_store import adj_store, node_store, pred_store, succ_store
from chainwire.graph.records import (
    Annotation,
    Change,
    NodeData,
    Wire,
    check_number,
    check_pos,
    node_attrs,
)
from chainwire.graph.shape_check import shape_problem
from chainwire.graph.shapes import ShapeError, check_value

__all__ = ["MAX_PORTS", "Annotation", "Change", "Circuit", "NodeData", "ShapeError", "Wire",
           "port_count"]

MAX_PORTS = 256
"""n-ary gates accept ports 0..MAX_PORTS-1; more inputs than this is not a circuit to teach with."""

def port_count(type_: str, c: object = None) -> int:
    """How many input ports a node of ``type_`` with constant ``c`` has: 0 for an input,
    a group's port count (its definition's), a fixed-arity gate's ``max_inputs`` (1 for a
    unary gate, 2 for matmul), ``MAX_PORTS`` for an n-ary one (add, multiply, max).

    The one answer wiring, the port layout and the file loader ask.
    """
    if type_ == "group":
        return len(c.ports) if isinstance(c, GroupDef) else 0  # None: no definition yet
    most = GATES[type_].max_inputs
    return MAX_PORTS if most is None else most


class Circuit(CircuitReader, Observable, AnnotationList):
    """A DAG of input nodes and gates with exactly one (possibly implicit) output.

    >>> c = Circuit()
    >>> x = c.add_node("input", "x", value=-2.0)
    >>> q = c.add_node("square", "q")
    >>> c.connect("x", "q", 0)
    >>> [w for w in c.wires()]
    [Wire(src='x', dst='q', port=0)]

    An input's value is a float or a vector/matrix (``graph/shapes.py``), stored as a
    read-only numpy array:

    >>> c.set_value("x", [[1, 2], [3, 4]]); c.node("x").value.shape
    (2, 2)
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
        self._array_inputs: set[str] = set()  # inputs holding an array: shapes can clash

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
        for n, a in node_store(c._graph).items():
            v = a.get("value")
            if isinstance(v, np.ndarray):
                v.flags.writeable = False
                c._array_inputs.add(n)
        c._output = output
        c._annotations = list(annotations)
        c.title, c.notes = title, notes
        c.view = dict(view or {})
        c.extra = dict(extra or {})
        c.structure_version = 1
        return c

    def array_inputs(self) -> frozenset[str]:
        """The inputs whose value is an array (none: every shape is a scalar)."""
        return frozenset(self._array_inputs)

    def check_connect(self, src: str, dst: str, port: int, replace: bool = False) -> None:
        """Raise the error ``connect`` would raise, without changing anything.

        Besides ports and loops, refuses (``ShapeError``) a wire that would make a gate's
        input shapes clash given the current values, naming both shapes; a scalar into
        ``matmul`` is let through (its value is likely still to be typed in).
        """
        self._attrs(src)
        gate = GATES[self._attrs(dst)["type"]]
        name = self.display_name
        if isinstance(port, bool) or not isinstance(port, int):
            raise PortError(f"port must be an integer, not {port!r}")
        if gate.max_inputs == 0:
            raise coded(PortError, "port_on_input", node=name(dst))
        if not 0 <= port < self.port_count(dst):
            raise coded(PortError, "no_such_port", node=name(dst), gate=gate.name, port=port)
        if not replace and self.source_at(dst, port) is not None:
            raise coded(PortError, "port_taken", port=port, node=name(dst))
        if src == dst:
            raise coded(CycleError, "feeds_itself", node=name(src))
        if nx.has_path(self._graph, dst, src):
            path = nx.shortest_path(self._graph, dst, src)
            loop = " → ".join(name(n) for n in [*path, dst])
            raise coded(CycleError, "loop", src=name(src), dst=name(dst), loop=loop)
        if self._array_inputs:
            problem = shape_problem(self, src, dst, port)
            if problem is not None:
                raise error_from(ShapeError, problem)

    # ----- editing nodes and wires -----------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A fresh id like ``add3`` that no node has."""
        n = self._next_suffix.get(prefix, 1)
        while f"{prefix}{n}" in self._graph:
            n += 1
        self._next_suffix[prefix] = n + 1
        return f"{prefix}{n}"

    def add_node(self, type_: str, node_id: str | None = None, *, label: str | None = None,
                 value: object = None, param: float | None = None,
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
        assert isinstance(node_id, str)  # node_attrs refused any other id
        if node_id in self._graph:
            raise CircuitError(f"a node with id '{node_id}' already exists")
        self._graph.add_node(node_id, **attrs)
        if isinstance(attrs.get("value"), np.ndarray):
            self._array_inputs.add(node_id)
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
            self._array_inputs.discard(node_id)
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

    def set_value(self, node_id: str, value: object) -> None:
        """Set an input's value: a finite number, or a vector/matrix (nested list or
        array) stored as a read-only float64 array. Never refused for its shape: a gate
        the new shape breaks is undefined in the next evaluation, saying why."""
        a = self._attrs(node_id)
        if a["type"] != "input":
            raise CircuitError(f"'{node_id}' is a {a['type']} gate: only inputs have a value")
        v = a["value"] = check_value(f"value of '{node_id}'", value)
        if isinstance(v, np.ndarray):
            self._array_inputs.add(node_id)
        else:
            self._array_inputs.discard(node_id)
        self._emit(Change("node_changed", node=node_id, field="value"))

    def set_param(self, node_id: str, param: float) -> None:
        a = self._attrs(node_id)
        if a["type"] == "group":
            raise CircuitError(f"'{self.display_name(node_id)}' is a group: expand it to "
                               "change its parts")
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

    def replace_with(self, other: Circuit, adopt: bool = False) -> None:
        """Become a copy of ``other`` (used when opening a file into a live document);
        ``adopt``: take ``other``'s graph over instead (a circuit just loaded, used
        nowhere else: copying 100,000 nodes costs a second)."""
        self._copy_from(other, adopt)
        self._next_suffix = {}
        self._emit(Change("reset"))

    def copy(self) -> Circuit:
        c = Circuit()
        c._copy_from(self)
        return c

    def _copy_from(self, other: Circuit, adopt: bool = False) -> None:
        self._graph = other._graph if adopt else other._graph.copy()
        self._frozen = None
        self._output = other._output
        self._annotations = list(other._annotations)
        self.title, self.notes = other.title, other.notes
        self.view = dict(other.view)
        self.extra = dict(other.extra)
        self._array_inputs = set(other._array_inputs)

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
        """Put ``node_id`` at ``index`` of the node order (networkx keeps insertion order;
        undo puts a deleted node back where it was, so the file comes back byte for byte).

        The node, successor and predecessor dicts are reordered in place (~10 ms at
        20,000 gates): rebuilding the graph took ~0.25 s per node, so undoing the delete
        of many inner gates took minutes. The same private layout as ``_fill``; if it
        ever changes, the graph is rebuilt through the public API.
        """
        g = self._graph
        order = [n for n in node_store(g) if n != node_id]
        order.insert(max(0, index), node_id)
        if type(g) is nx.MultiDiGraph and succ_store(g) is adj_store(g):
            for store in (node_store(g), succ_store(g), pred_store(g)):
                moved = {n: store[n] for n in order}  # (a list of pairs: 6x slower, GC)
                store.clear()
                store.update(moved)
            clear = getattr(nx, "_clear_cache", None)  # networkx ≥ 3.3 caches conversions
            if clear is not None:
                clear(g)  # as its own edits do
        else:
            h: nx.MultiDiGraph[str] = nx.MultiDiGraph()
            h.add_nodes_from((n, g.nodes[n]) for n in order)
            for src, dst, port, attrs in g.edges(keys=True, data=True):
                h.add_edge(src, dst, key=port, **attrs)
            self._graph = h
        self._frozen = None


_FAST_FILL = True
"""Tests set this to False to check the public-API build gives the same graph."""


def _fill(g: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]],
          wires: Iterable[tuple[str, str, int, dict[str, Any] | None]]) -> None:
    """Fill an empty graph with nodes and wires (``assemble``'s bulk build).

    ``add_edge`` costs ~10 µs per edge on a MultiDiGraph; writing its adjacency
    dicts directly is ~10x faster. That layout (``_node``; ``_adj`` is ``_succ``; ``_pred``
    sharing one key dict per node pair) has been stable since networkx 2.0; if it ever
    changes, the public (slower) path is taken.
    """
    if not (_FAST_FILL and type(g) is nx.MultiDiGraph and len(g) == 0
            and succ_store(g) is adj_store(g)
            and all(getattr(g, f, None) is dict for f in (
                "edge_key_dict_factory", "edge_attr_dict_factory", "node_attr_dict_factory",
                "adjlist_inner_dict_factory"))):
        g.add_nodes_from(nodes)
        for s, d, p, e in wires:
            g.add_edge(s, d, key=p, **({"extra": dict(e)} if e else {}))
        return
    node, succ, pred = node_store(g), succ_store(g), pred_store(g)
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
