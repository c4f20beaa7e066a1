"""Circuit edits: every refusal is typed, leaves the circuit unchanged and emits nothing."""

from __future__ import annotations

import math

import pytest

from chainwire.graph.circuit import MAX_PORTS, Change, Circuit, NodeData, Wire
from chainwire.graph.errors import (
    ChainwireError,
    CircuitError,
    CycleError,
    PortError,
    UnknownGateError,
    UnknownNodeError,
)


class Recorder:
    """Subscribes to a circuit and keeps every batch of Changes it announces."""

    def __init__(self, c: Circuit) -> None:
        self.batches: list[tuple[Change, ...]] = []
        self.unsubscribe = c.subscribe(self.batches.append)

    @property
    def changes(self) -> list[Change]:
        return [ch for batch in self.batches for ch in batch]

    def kinds(self) -> list[str]:
        return [ch.kind for ch in self.changes]


def chain() -> Circuit:
    """x → a → b → c (squares), y an unconnected input, m = multiply with port 0 from x."""
    c = Circuit()
    c.add_node("input", "x", value=2.0, label="x")
    c.add_node("input", "y", value=3.0)
    for n in "abc":
        c.add_node("square", n)
    c.connect("x", "a", 0)
    c.connect("a", "b", 0)
    c.connect("b", "c", 0)
    c.add_node("multiply", "m")
    c.connect("x", "m", 0)
    return c


def refused(c: Circuit, exc: type[Exception], edit, match: str | None = None) -> Exception:
    """Run ``edit``, expect ``exc``; the circuit must be unchanged and nothing emitted."""
    before = c.copy()
    version = c.structure_version
    rec = Recorder(c)
    with pytest.raises(exc, match=match) as info:
        edit()
    rec.unsubscribe()
    assert c == before
    assert sorted(c.wires()) == sorted(before.wires())
    assert c.structure_version == version
    assert rec.changes == []
    assert isinstance(info.value, ChainwireError)
    return info.value


# ----- building ---------------------------------------------------------------------------
def test_add_node_defaults_and_snapshot():
    c = Circuit()
    assert c.add_node("input", "x") == "x"
    assert c.node("x") == NodeData("x", "input", None, 0.0, None, (0.0, 0.0), {})
    s = c.add_node("scale", "s", pos=(1, 2))
    assert c.node(s).param == -1.0 and c.node(s).pos == (1.0, 2.0)
    assert c.node(c.add_node("offset")).param == 1.0
    assert c.node(c.add_node("add")).value is None
    assert "x" in c and "zz" not in c and len(c) == 4


def test_fresh_ids_are_unique():
    c = Circuit()
    ids = [c.add_node("add") for _ in range(3)] + [c.add_node("input") for _ in range(2)]
    assert ids == ["add1", "add2", "add3", "x1", "x2"]
    c.add_node("add", "add5")
    assert c.add_node("add") == "add4"
    assert c.add_node("add") == "add6"


def test_change_events_for_each_edit():
    c = Circuit()
    rec = Recorder(c)
    c.add_node("input", "x", value=1.0)
    c.add_node("square", "q")
    c.connect("x", "q", 0)
    c.set_value("x", 2.0)
    c.add_node("scale", "s")
    c.set_param("s", 3.0)
    c.set_label("x", "ex")
    c.move("x", (5, 6))
    c.set_output("q")
    c.disconnect("q", 0)
    c.remove_node("s")
    assert rec.changes == [
        Change("node_added", node="x"),
        Change("node_added", node="q"),
        Change("wire_added", wire=Wire("x", "q", 0)),
        Change("node_changed", node="x", field="value"),
        Change("node_added", node="s"),
        Change("node_changed", node="s", field="param"),
        Change("node_changed", node="x", field="label"),
        Change("node_changed", node="x", field="pos"),
        Change("output_changed", node="q"),
        Change("wire_removed", wire=Wire("x", "q", 0)),
        Change("node_removed", node="s"),
    ]
    rec.unsubscribe()
    c.set_value("x", 1.0)
    assert len(rec.changes) == 11  # unsubscribed


def test_structure_version_bumps_only_on_structural_changes():
    c = chain()
    v = c.structure_version
    c.set_value("x", 5.0)
    c.set_label("x", "X")
    c.move("x", (1, 1))
    assert c.structure_version == v
    c.connect("y", "m", 1)
    assert c.structure_version > v
    v = c.structure_version
    c.set_output("c")
    assert c.structure_version > v
    v = c.structure_version
    c.set_output("c")  # no change, no event
    assert c.structure_version == v


def test_set_output_same_value_emits_nothing():
    c = chain()
    c.set_output("c")
    rec = Recorder(c)
    c.set_output("c")
    assert rec.changes == []
    c.set_output(None)
    assert rec.kinds() == ["output_changed"]
    assert c.output is None


def test_x_times_x_is_legal():
    c = Circuit()
    c.add_node("input", "x", value=3.0)
    c.add_node("multiply", "m")
    c.connect("x", "m", 0)
    c.connect("x", "m", 1)
    assert c.inputs_of("m") == {0: "x", 1: "x"}
    assert c.wires_into("m") == [Wire("x", "m", 0), Wire("x", "m", 1)]
    assert sorted(c.wires_out_of("x")) == [Wire("x", "m", 0), Wire("x", "m", 1)]
    removed = c.remove_node("x")
    assert sorted(removed) == [Wire("x", "m", 0), Wire("x", "m", 1)]


def test_replace_connect_returns_the_old_wire():
    c = chain()
    c.connect("y", "m", 1)
    rec = Recorder(c)
    old = c.connect("a", "m", 1, replace=True)
    assert old == Wire("y", "m", 1)
    assert c.source_at("m", 1) == "a"
    assert rec.changes == [Change("wire_removed", wire=Wire("y", "m", 1)),
                           Change("wire_added", wire=Wire("a", "m", 1))]
    assert c.connect("b", "m", 2, replace=True) is None  # nothing to replace


def test_replace_connect_still_refuses_loops():
    c = chain()
    refused(c, CycleError, lambda: c.connect("c", "a", 0, replace=True), match="loop")


def test_remove_node_returns_its_wires_and_clears_output():
    c = chain()
    c.set_output("b")
    rec = Recorder(c)
    removed = c.remove_node("b")
    assert sorted(removed) == [Wire("a", "b", 0), Wire("b", "c", 0)]
    assert c.output is None
    assert "b" not in c
    assert rec.kinds() == ["wire_removed", "wire_removed", "output_changed", "node_removed"]
    assert c.resolved_output()[0] is None  # several sinks now: a, c, m, y


def test_disconnect_returns_the_wire():
    c = chain()
    assert c.disconnect("b", 0) == Wire("a", "b", 0)
    assert c.source_at("b", 0) is None


def test_resolved_output():
    c = Circuit()
    assert c.resolved_output() == (None, "the circuit is empty")
    c.add_node("input", "x")
    assert c.resolved_output() == ("x", "")
    c.add_node("input", "y")
    out, why = c.resolved_output()
    assert out is None and "2 nodes" in why and "output" in why
    c.set_output("y")
    assert c.resolved_output() == ("y", "")


def test_copy_and_equality():
    c = chain()
    c.title = "t"
    d = c.copy()
    assert d == c and d is not c
    d.set_value("x", 9.0)
    assert d != c
    assert c.node("x").value == 2.0


def test_replace_with():
    c = chain()
    d = Circuit()
    d.add_node("input", "z", value=1.0)
    rec = Recorder(c)
    c.replace_with(d)
    assert c == d and rec.kinds() == ["reset"]
    c.add_node("input", "w")
    assert "w" not in d


# ----- refusals ---------------------------------------------------------------------------
def test_self_loop_refused():
    c = chain()
    err = refused(c, CycleError, lambda: c.connect("a", "a", 0, replace=True))
    assert "'a'" in str(err)


def test_short_loop_refused_naming_it():
    c = chain()
    err = refused(c, CycleError, lambda: c.connect("b", "a", 0, replace=True))
    assert "a → b → a" in str(err)


def test_long_loop_refused_naming_it():
    c2 = chain()
    c2.add_node("add", "s")
    c2.connect("c", "s", 0)
    err = refused(c2, CycleError, lambda: c2.connect("s", "a", 0, replace=True))
    assert "a → b → c → s → a" in str(err)
    assert "s" in c2.legal_targets("y")
    assert "a" not in c2.legal_targets("s") and "a" not in c2.legal_targets("a")


def test_port_errors():
    c = chain()
    refused(c, PortError, lambda: c.connect("y", "a", 0), match="already wired")
    refused(c, PortError, lambda: c.connect("y", "a", 1), match="no input port 1")
    refused(c, PortError, lambda: c.connect("y", "m", -1), match="no input port -1")
    refused(c, PortError, lambda: c.connect("y", "m", MAX_PORTS), match="no input port")
    refused(c, PortError, lambda: c.connect("y", "m", True), match="integer")
    refused(c, PortError, lambda: c.connect("y", "m", 1.0), match="integer")
    refused(c, PortError, lambda: c.connect("y", "m", "1"), match="integer")
    refused(c, PortError, lambda: c.connect("a", "x", 0), match="input node")
    refused(c, PortError, lambda: c.connect("x", "m", 0), match="already wired")
    refused(c, PortError, lambda: c.disconnect("m", 1), match="not wired")


def test_port_error_is_raised_before_cycle_check():
    c = chain()
    refused(c, PortError, lambda: c.connect("c", "a", 0))  # taken, though also a loop


def test_unknown_gate():
    c = chain()
    refused(c, UnknownGateError, lambda: c.add_node("divide", "d"), match="divide")
    refused(c, UnknownGateError, lambda: c.add_node(None, "d"))  # type: ignore[arg-type]


@pytest.mark.parametrize("edit", [
    lambda c: c.connect("nope", "a", 0),
    lambda c: c.connect("x", "nope", 0),
    lambda c: c.disconnect("nope", 0),
    lambda c: c.remove_node("nope"),
    lambda c: c.set_value("nope", 1.0),
    lambda c: c.set_param("nope", 1.0),
    lambda c: c.set_label("nope", "l"),
    lambda c: c.move("nope", (0, 0)),
    lambda c: c.set_output("nope"),
    lambda c: c.node("nope"),
    lambda c: c.inputs_of("nope"),
    lambda c: c.type_of("nope"),
    lambda c: c.remove_node(["unhashable"]),
])
def test_unknown_node(edit):
    c = chain()
    err = refused(c, UnknownNodeError, lambda: edit(c))
    assert isinstance(err, KeyError)
    assert "nope" in str(err) or "unhashable" in str(err)
    assert not str(err).startswith("\"")  # plain message, not KeyError's quoting


@pytest.mark.parametrize("query", ["source_at", "wires_into", "wires_out_of", "disconnect"])
def test_unknown_id_made_of_known_ids_is_not_an_nbunch(query):
    """networkx reads an unknown string as a bunch of nodes: 'aa' must not mean 'a'."""
    c = chain()
    args = ("aa", 0) if query in ("source_at", "disconnect") else ("aa",)
    refused(c, UnknownNodeError, lambda: getattr(c, query)(*args))


def test_duplicate_id_and_bad_ids():
    c = chain()
    refused(c, CircuitError, lambda: c.add_node("input", "x"), match="already exists")
    refused(c, CircuitError, lambda: c.add_node("add", ""), match="non-empty")
    refused(c, CircuitError, lambda: c.add_node("add", 3))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, True, False, "1", None, [1.0]])
def test_bad_values_refused(bad):
    c = chain()
    c.add_node("scale", "s")
    if bad is not None:
        if not isinstance(bad, list):  # a list is a vector value (test_arrays_values.py)
            refused(c, CircuitError, lambda: c.set_value("x", bad), match="value of 'x'")
            refused(c, CircuitError, lambda: c.add_node("input", "z", value=bad))
        refused(c, CircuitError, lambda: c.set_param("s", bad), match="parameter")
        refused(c, CircuitError, lambda: c.add_node("scale", "z", param=bad))
    refused(c, CircuitError, lambda: c.move("x", (bad, 0.0)))


def test_values_and_params_on_the_wrong_node():
    c = chain()
    refused(c, CircuitError, lambda: c.set_value("a", 1.0), match="only inputs")
    refused(c, CircuitError, lambda: c.add_node("add", "z", value=1.0), match="only inputs")
    refused(c, CircuitError, lambda: c.set_param("a", 1.0), match="no parameter")
    refused(c, CircuitError, lambda: c.add_node("add", "z", param=1.0), match="no parameter")
    refused(c, CircuitError, lambda: c.set_label("a", 5), match="text")
    refused(c, CircuitError, lambda: c.add_node("add", "z", label=5), match="text")
    refused(c, CircuitError, lambda: c.move("a", (1, 2, 3)), match="two numbers")
    refused(c, CircuitError, lambda: c.move("a", 5), match="two numbers")


def test_numpy_and_int_values_accepted_as_floats():
    import numpy as np

    c = chain()
    c.set_value("x", np.float32(1.5))
    c.set_value("y", 7)
    assert c.node("x").value == 1.5 and type(c.node("x").value) is float
    assert c.node("y").value == 7.0 and type(c.node("y").value) is float


def test_check_connect_changes_nothing():
    c = chain()
    before = c.copy()
    c.check_connect("y", "m", 1)
    assert c == before
    with pytest.raises(CycleError):
        c.check_connect("c", "a", 0, replace=True)


def test_subscriber_exception_does_not_hide_later_listeners():
    """Listeners run in order; unsubscribing during a notification is safe."""
    c = Circuit()
    seen: list[str] = []
    unsub: list = []

    def first(ch: Change) -> None:
        seen.append("first")
        unsub[0]()

    unsub.append(c.subscribe(first))
    c.subscribe(lambda ch: seen.append("second"))
    c.add_node("input", "x")
    c.add_node("input", "y")
    assert seen == ["first", "second", "second"]
