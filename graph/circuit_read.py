"""The reading half of ``Circuit``: queries over its private graph, never an edit.

Everything handed out is a copy, a frozen record or a read-only view, so a reader cannot
change the model behind its back (edits go through ``Circuit``'s validated methods).
Kept apart from the edits so each file reads in one sitting.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import networkx as nx

from chainwire.graph.errors import CycleError, UnknownNodeError, coded_text
from chainwire.graph.nx_store import node_store, pred_store, succ_store
from chainwire.graph.readonly_view import readonly_view
from chainwire.graph.records import NodeData, Wire
from chainwire.graph.shapes import Value

_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


class CircuitReader:
    """Read-only queries; ``Circuit`` provides ``_graph``, ``_frozen`` and ``_output``."""

    _graph: nx.MultiDiGraph
    _frozen: nx.MultiDiGraph | None
    _output: str | None

    # ----- reading nodes and wires -----------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """A live read-only view of the graph, for networkx algorithms: editing its
        structure raises ``NetworkXError``, its attribute dicts are read-only mappings."""
        if self._frozen is None:
            self._frozen = readonly_view(self._graph)
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

    def node_fields(self) -> Iterator[tuple[str, str, str | None, Value | None, float | None,
                                            tuple[float, float], Mapping[str, Any]]]:
        """Every node as a plain tuple in ``NodeData``'s field order, ``extra`` read-only.

        For bulk readers (saving 100,000 nodes): a frozen ``NodeData`` costs ~1.4 µs to
        make, more than all the rest of writing the node out.
        """
        for n, a in node_store(self._graph).items():
            e = a.get("extra")
            yield (n, a["type"], a.get("label"), a.get("value"), a.get("param"), a["pos"],
                   MappingProxyType(e) if e else _NO_EXTRA)

    def type_of(self, node_id: str) -> str:
        return self._attrs(node_id)["type"]

    def display_name(self, node_id: str) -> str:
        """How messages name a node: its label if it has one, else its id."""
        return self._attrs(node_id).get("label") or node_id

    def values_of(self, ids: Sequence[str], field: str = "value") -> list[Value]:
        """The values (floats or read-only arrays; ``field="param"``: the parameters) of
        these nodes, in order."""
        nodes = node_store(self._graph)  # the attribute dicts: NodeView's lookup doubles the cost
        return [nodes[n][field] for n in ids]

    def wires(self) -> Iterator[Wire]:
        for src, dst, port in self._graph.edges(keys=True):
            yield Wire(src, dst, port)

    def wires_with_extra(self) -> Iterator[tuple[Wire, dict[str, Any]]]:
        """Every wire with a copy of its unknown file keys (for saving)."""
        new = tuple.__new__  # networkx's edge view order, at a third of its cost
        for src, nbrs in succ_store(self._graph).items():
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

    def port_count(self, node_id: str) -> int:
        """How many input ports ``node_id`` has (``circuit.port_count`` of its type and
        constant: 0 for an input, a group's own count)."""
        from chainwire.graph.circuit import port_count  # circuit.py builds on this module

        a = self._attrs(node_id)
        return port_count(a["type"], a.get("param"))

    def legal_targets(self, src: str) -> set[str]:
        """Gates that ``src`` may be wired into without making a loop."""
        banned = self.ancestors(src) | {src}
        return {n for n in self._graph.nodes if n not in banned and self.port_count(n)}

    def legal_sources(self, dst: str) -> set[str]:
        """Nodes that may be wired into ``dst`` without making a loop."""
        return set(self._graph.nodes) - self.descendants(dst) - {dst}

    def topology(self) -> tuple[list[str], list[str], list[Sequence[tuple[int, str]]]]:
        """(ids in topological order, their types, their ``(port, source)`` inputs sorted).

        The order is ``nx.topological_sort``'s (generation by generation), computed on the
        graph's own dicts: the evaluator compiles from this after every structural edit,
        and networkx's views would cost more than the whole compile (~1 µs per gate).
        """
        g = self._graph
        node, succ, pred = node_store(g), succ_store(g), pred_store(g)
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
            return None, coded_text("circuit_empty")
        sinks = self.sinks()
        if len(sinks) == 1:
            return sinks[0], ""
        return None, coded_text("no_output_chosen", count=len(sinks))


    # ----- helpers ---------------------------------------------------------------
    def _attrs(self, node_id: str) -> dict[str, Any]:
        try:
            return self._graph.nodes[node_id]
        except (KeyError, TypeError):
            raise UnknownNodeError(f"no node with id {node_id!r}") from None
