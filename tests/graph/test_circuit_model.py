"""The model's guarded state: batched changes, transactions, annotations as records, the
read-only graph view, structure queries and the bulk ``assemble`` constructor."""

from __future__ import annotations

import dataclasses
import math

import networkx as nx
import pytest

from chainwire.graph import circuit as circuit_module
from chainwire.graph.circuit import Change, Circuit, Wire
from chainwire.graph.errors import CircuitError, UnknownNodeError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.records import DEFAULT_FONT_SIZE, Annotation, node_attrs


class Recorder:
    """Keeps every batch of changes a circuit delivers."""

    def __init__(self, c: Circuit) -> None:
        self.batches: list[tuple[Change, ...]] = []
        self.unsubscribe = c.subscribe(self.batches.append)

    def kinds(self) -> list[list[str]]:
        return [[ch.kind for ch in b] for b in self.batches]


def chain() -> Circuit:
    """x → a → b → c (squares), y an unconnected input, m = multiply fed by x on port 0."""
    c = Circuit()
    c.add_node("input", "x", value=2.0)
    c.add_node("input", "y", value=3.0)
    for n in "abc":
        c.add_node("square", n)
    c.connect("x", "a", 0)
    c.connect("a", "b", 0)
    c.connect("b", "c", 0)
    c.add_node("multiply", "m")
    c.connect("x", "m", 0)
    return c


# ----- batches and transactions -------------------------------------------------------
def test_lone_edits_deliver_one_batch_each():
    c = Circuit()
    rec = Recorder(c)
    c.add_node("input", "x")
    c.add_node("square", "q")
    c.connect("x", "q", 0)
    assert rec.kinds() == [["node_added"], ["node_added"], ["wire_added"]]
    c.remove_node("x")  # its own transaction: the wire and the node in one batch
    assert rec.kinds()[-1] == ["wire_removed", "node_removed"]


def test_a_transaction_delivers_one_batch_at_its_end():
    c = Circuit()
    rec = Recorder(c)
    with c.transaction():
        c.add_node("input", "x")
        c.add_node("square", "q")
        c.connect("x", "q", 0)
        assert rec.batches == []  # nothing is announced halfway
    assert rec.kinds() == [["node_added", "node_added", "wire_added"]]
    assert rec.batches[0][2] == Change("wire_added", wire=Wire("x", "q", 0))


def test_nested_transactions_deliver_one_batch():
    c = Circuit()
    rec = Recorder(c)
    with c.transaction():
        c.add_node("input", "x")
        with c.transaction():
            c.add_node("input", "y")
            with c.transaction():
                c.set_value("y", 2.0)
        assert rec.batches == []
        c.remove_node("x")  # itself a transaction, nested here
    assert rec.kinds() == [["node_added", "node_added", "node_changed", "node_removed"]]


def test_an_exception_inside_a_transaction_still_delivers_what_happened():
    c = Circuit()
    rec = Recorder(c)
    with pytest.raises(RuntimeError):
        with c.transaction():
            c.add_node("input", "x")
            raise RuntimeError("boom")
    assert "x" in c and rec.kinds() == [["node_added"]]
    with pytest.raises(CircuitError):  # a refused edit inside: the edits before it stay
        with c.transaction():
            c.add_node("input", "y")
            c.add_node("input", "y")
    assert "y" in c and rec.kinds()[-1] == ["node_added"]
    with c.transaction():  # the depth is back to 0: lone edits deliver at once again
        pass
    c.add_node("input", "z")
    assert rec.kinds()[-1] == ["node_added"] and len(rec.batches) == 3


def test_an_empty_transaction_delivers_nothing():
    c = chain()
    rec = Recorder(c)
    with c.transaction():
        c.set_output(None)  # already None: no change
    assert rec.batches == []


def test_structural_changes_and_the_cache():
    c = chain()
    builds: list[int] = []

    def build() -> int:
        builds.append(c.structure_version)
        return len(builds)

    assert c.cached("k", build) == 1 and c.cached("k", build) == 1
    c.set_value("x", 5.0)
    c.move("x", (1, 1))
    assert c.cached("k", build) == 1  # values and positions are not structure
    with c.transaction():
        c.connect("y", "m", 1)
        c.set_output("m")
    assert c.cached("k", build) == 2 and c.cached("other", build) == 3
    assert Change("wire_added").structural and Change("reset").structural
    assert not Change("node_changed", field="value").structural
    assert not Change("annotation_added", index=0).structural


# ----- annotations ---------------------------------------------------------------------
def test_annotation_edits_emit_typed_changes():
    c = Circuit()
    rec = Recorder(c)
    assert c.add_annotation("first", (1, 2)) == 0
    assert c.add_annotation("zeroth", (0, 0), 20, index=0, extra={"color": "red"}) == 0
    assert c.annotations() == (Annotation("zeroth", (0.0, 0.0), 20.0, {"color": "red"}),
                               Annotation("first", (1.0, 2.0), DEFAULT_FONT_SIZE))
    c.move_annotation(1, (5, 6))
    c.set_annotation_text(1, "moved")
    c.set_annotation_size(1, 9)
    assert c.annotation(1) == Annotation("moved", (5.0, 6.0), 9.0)
    assert c.remove_annotation(0).extra == {"color": "red"}
    assert [b[0] for b in rec.batches] == [
        Change("annotation_added", index=0), Change("annotation_added", index=0),
        Change("annotation_changed", index=1, field="pos"),
        Change("annotation_changed", index=1, field="text"),
        Change("annotation_changed", index=1, field="font_size"),
        Change("annotation_removed", index=0)]
    assert c.structure_version == 0  # annotations never invalidate the evaluation plan


def test_annotations_are_snapshots():
    c = Circuit()
    c.add_annotation("a", (0, 0), extra={"k": 1})
    snapshot = c.annotations()
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot[0].text = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        snapshot.append(Annotation("b", (0, 0)))  # type: ignore[attr-defined]
    c.set_annotation_text(0, "b")
    assert snapshot[0].text == "a" and c.annotation(0).text == "b"


@pytest.mark.parametrize("edit, match", [
    (lambda c: c.add_annotation(None, (0, 0)), "text"),
    (lambda c: c.add_annotation("a", (0,)), "two numbers"),
    (lambda c: c.add_annotation("a", (math.nan, 0)), "finite"),
    (lambda c: c.add_annotation("a", (0, 0), 0), "positive"),
    (lambda c: c.add_annotation("a", (0, 0), True), "number"),
    (lambda c: c.set_annotation_text(0, 5), "text"),
    (lambda c: c.set_annotation_size(0, -1), "positive"),
    (lambda c: c.move_annotation(0, "here"), "two numbers"),
    (lambda c: c.move_annotation(1, (0, 0)), "no annotation number 1"),
    (lambda c: c.remove_annotation(-1), "no annotation"),
    (lambda c: c.annotation(True), "no annotation"),
    (lambda c: c.set_annotation_text("0", "a"), "no annotation"),
])
def test_annotation_edits_validate_and_refuse_without_a_trace(edit, match):
    c = Circuit()
    c.add_annotation("keep", (1, 1))
    before = c.annotations()
    rec = Recorder(c)
    with pytest.raises(CircuitError, match=match):
        edit(c)
    assert c.annotations() == before and rec.batches == []


# ----- structure queries and the read-only view -------------------------------------------
def test_legal_targets_and_sources():
    c = chain()
    assert c.legal_targets("b") == {"c", "m"}  # not itself, its ancestors or inputs
    assert c.legal_targets("x") == {"a", "b", "c", "m"}
    assert c.legal_sources("b") == {"x", "y", "a", "m"}  # not itself or what it feeds
    assert c.legal_sources("a") == {"x", "y", "m"}
    for t in c.legal_targets("c"):
        c.check_connect("c", t, 5 if t == "m" else 0, replace=True)  # all really legal
    with pytest.raises(UnknownNodeError):
        c.legal_targets("nope")
    with pytest.raises(UnknownNodeError):
        c.legal_sources("nope")


def test_the_graph_view_refuses_edits_and_follows_the_model():
    c = chain()
    g = c.graph
    for edit in (lambda: g.add_node("z"), lambda: g.add_edge("y", "m", key=1),
                 lambda: g.remove_node("a"), lambda: g.remove_edge("x", "a", 0),
                 lambda: g.clear()):
        with pytest.raises(nx.NetworkXError, match="Frozen"):
            edit()
    assert len(c) == 6 and c.number_of_wires() == 4
    c.connect("y", "m", 1)
    assert c.graph.has_edge("y", "m", 1) and list(nx.topological_sort(c.graph))


def test_topology_matches_networkx():
    c = chain()
    c.connect("x", "m", 1)  # x * x: two parallel wires
    c.connect("c", "m", 2)
    order, types, ins = c.topology()
    assert order == list(nx.topological_sort(c.graph))
    assert types == [c.type_of(n) for n in order]
    i = order.index("m")
    assert list(ins[i]) == [(0, "x"), (1, "x"), (2, "c")]
    assert ins[order.index("x")] == ()


def test_bulk_readers_are_read_only_snapshots():
    c = chain()
    c.add_node("scale", "s", label="S", param=2.0, pos=(1, 2), extra={"k": [1]})
    c.connect("y", "s", 0, extra={"style": "dash"})
    fields = list(c.node_fields())
    assert [tuple(dataclasses.astuple(n)) for n in c.nodes()] == [
        (*f[:6], dict(f[6])) for f in fields]
    with pytest.raises(TypeError):
        fields[-1][6]["k"] = 2  # type: ignore[index]
    wires = list(c.wires_with_extra())
    assert [w for w, _e in wires] == list(c.wires())
    assert dict(wires)[Wire("y", "s", 0)] == {"style": "dash"}
    dict(wires)[Wire("y", "s", 0)]["style"] = "solid"
    assert c.wire_extra(Wire("y", "s", 0)) == {"style": "dash"}
    assert c.values_of(["x", "y"]) == [2.0, 3.0] and c.values_of(["s"], "param") == [2.0]


# ----- assemble ----------------------------------------------------------------------
def parts(c: Circuit) -> tuple[list, list]:
    """A circuit's nodes and wires in the shape ``assemble`` takes."""
    nodes = [(nid, node_attrs(t, nid, label=label, value=value, param=param, pos=pos,
                              extra=dict(extra)))
             for nid, t, label, value, param, pos, extra in c.node_fields()]
    wires = [(w.src, w.dst, w.port, e or None) for w, e in c.wires_with_extra()]
    return nodes, wires


@pytest.mark.parametrize("fast", [True, False])
def test_assemble_round_trip(fast, monkeypatch):
    monkeypatch.setattr(circuit_module, "_FAST_FILL", fast)
    c = chain()
    c.add_node("offset", "o", param=0.5, extra={"color": "red"})
    c.connect("c", "o", 0, extra={"style": {"dash": [4, 2]}})
    c.set_output("o")
    c.add_annotation("note", (3, 4), 18, extra={"k": True})
    c.title, c.notes, c.view, c.extra = "T", "N", {"zoom": 2}, {"future": [1]}
    nodes, wires = parts(c)
    a = Circuit.assemble(nodes, wires, output=c.output, annotations=c.annotations(),
                         title=c.title, notes=c.notes, view=c.view, extra=c.extra)
    assert a == c and a.structure_version == 1
    assert [n.id for n in a.nodes()] == [n.id for n in c.nodes()]
    assert list(a.wires()) == list(c.wires()) and a.annotations() == c.annotations()
    assert list(a.graph.edges(keys=True, data=True)) == list(c.graph.edges(keys=True,
                                                                         data=True))
    assert float(evaluate(a).value("o")) == float(evaluate(c).value("o"))
    with pytest.raises(CircuitError):  # a working circuit: edits are checked as usual
        a.connect("o", "a", 0, replace=True)
    a.set_value("x", 1.0)
    assert c.node("x").value == 2.0  # nothing shared with the original


def test_assemble_empty():
    a = Circuit.assemble([], [])
    assert a == Circuit() and len(a) == 0 and a.annotations() == ()
