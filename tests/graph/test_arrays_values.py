"""Array values in the model: what an input may hold, that nobody can change it in place,
and wiring refused at the gesture when it would make shapes clash (both shapes named)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from chainwire.graph import circuit as circuit_module
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import CircuitError, PortError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.shape_check import node_shapes
from chainwire.graph.shapes import MAX_ELEMENTS, ShapeError, check_value, shape_text
from tests.graph.test_circuit import refused
from tests.graph.test_evaluate import build


# ----- what a value may be -----------------------------------------------------------------
@pytest.mark.parametrize(("given", "shape"), [
    ([1, 2, 3], (3,)), ([[1, 2], [3, 4]], (2, 2)), ((1.5, -2.0), (2,)), ([[7]], (1, 1)),
    (np.arange(6, dtype=np.int32).reshape(2, 3), (2, 3)), (np.float32(2.5), ()),
    (np.array(4.0), ()),
])
def test_numbers_lists_and_arrays_are_values(given, shape):
    v = check_value("value of 'x'", given)
    if shape == ():
        assert type(v) is float
    else:
        assert v.shape == shape and v.dtype == np.float64 and not v.flags.writeable
        assert v.tolist() == np.asarray(given, dtype=float).tolist()


@pytest.mark.parametrize(("bad", "words"), [
    ([[1, 2], [3]], "rectangular"), ([], "at least one element"), ([[]], "at least one"),
    ([[[1.0]]], "a vector or a matrix, not 3-dimensional"), ([1.0, math.nan], "finite"),
    ([math.inf], "finite"), (["1"], "numbers only"), ([True, 2], "numbers only"),
    (np.array([True]), "numbers only"), ([1 + 2j], "numbers only"), ({"a": 1}, "not dict"),
    (np.zeros(MAX_ELEMENTS + 1), f"at most {MAX_ELEMENTS}"), (None, "not NoneType"),
])
def test_bad_values_are_refused_saying_why(bad, words):
    with pytest.raises(CircuitError, match="value of 'x'") as info:
        check_value("value of 'x'", bad)
    assert words in str(info.value)


def test_shapes_are_written_as_the_notes_write_them():
    assert [shape_text(s) for s in [(), (3,), (2, 3), (1, 1)]] == [
        "scalar", "(3)", "(2×3)", "(1×1)"]


# ----- the model stores a frozen copy --------------------------------------------------------
def test_an_array_value_is_a_frozen_copy_nobody_can_change_in_place():
    c = Circuit()
    src = [[1.0, 2.0], [3.0, 4.0]]
    arr = np.array(src)
    c.add_node("input", "W", value=src)
    c.add_node("input", "V", value=arr)
    src[0][0], arr[0, 0] = 99.0, 99.0  # the caller's objects stay the caller's
    for n in ("W", "V"):
        v = c.node(n).value
        assert v[0, 0] == 1.0 and not v.flags.writeable
        with pytest.raises(ValueError):
            v[0, 0] = 5.0
        assert c.values_of([n])[0][0, 0] == 1.0
    assert c.array_inputs() == {"W", "V"}
    c.set_value("W", 2.0)
    c.remove_node("V")
    assert c.array_inputs() == frozenset() and c.node("W").value == 2.0


def test_equality_copy_and_snapshots_with_arrays():
    c = build({"W": [[1.0, 2.0]], "x": [3.0, 4.0]}, [("m", "matmul", ["W", "x"])])
    d = c.copy()
    assert d == c and d.node("W") == c.node("W") and d.array_inputs() == {"W", "x"}
    d.set_value("W", [[1.0, 2.5]])
    assert d != c and d.node("W") != c.node("W")
    d.set_value("W", [[1.0], [2.0]])  # another shape, same elements
    assert d.node("W") != c.node("W")
    assert {c.node("x")} and hash(c.node("x")) == hash(c.copy().node("x"))


def test_a_value_edit_that_breaks_shapes_is_accepted_and_announced():
    c = build({"W": np.ones((2, 3)), "X": np.ones((3, 2))}, [("D", "matmul", ["W", "X"])])
    seen = []
    c.subscribe(seen.append)
    c.set_value("X", np.ones((2, 3)))  # editable: the evaluation says what is wrong
    assert len(seen) == 1 and seen[0][0].field == "value"
    assert evaluate(c).undefined["D"] == "matmul needs (2×3)·(3×k): got (2×3) and (2×3)"


# ----- wiring refused at the gesture ---------------------------------------------------------
def test_wiring_that_makes_matmul_clash_is_refused_naming_both_shapes():
    c = build({"W": np.ones((2, 3)), "X": np.ones((2, 3))}, [])
    c.add_node("matmul", "D")
    c.connect("W", "D", 0)
    e = refused(c, ShapeError, lambda: c.connect("X", "D", 1))
    assert str(e) == "matmul needs (2×3)·(3×k): got (2×3) and (2×3)"
    assert isinstance(e, CircuitError)
    with pytest.raises(ShapeError):
        c.check_connect("X", "D", 1)
    c.set_value("X", np.ones((3, 4)))
    c.connect("X", "D", 1)
    assert evaluate(c).value("D").shape == (2, 4)


def test_element_wise_gates_refuse_shapes_that_do_not_broadcast_even_half_wired():
    c = build({"a": np.ones(2), "b": np.ones(3), "c": np.ones((4, 3))}, [])
    c.add_node("add", "s")
    c.connect("a", "s", 0)
    e = refused(c, ShapeError, lambda: c.connect("b", "s", 1))
    assert str(e) == "add needs shapes that broadcast together: got (2) and (3)"
    c.disconnect("s", 0)
    c.connect("b", "s", 0)
    c.connect("c", "s", 1)  # (3) and (4×3) broadcast
    assert evaluate(c).undefined == {}


def test_a_clash_further_downstream_is_refused_too():
    c = build({"W": np.ones((2, 3)), "X": np.ones((3, 2)), "B": np.ones((2, 2)),
               "Y": np.ones((4, 4))}, [("D", "matmul", ["W", "X"]), ("s", "add", ["D", "B"])])
    e = refused(c, ShapeError, lambda: c.connect("Y", "D", 1, replace=True))
    assert "(4×4)" in str(e) and "(2×3)" in str(e)


def test_a_scalar_into_matmul_is_let_through_and_flagged_by_the_evaluation():
    c = build({"W": np.ones((2, 3)), "x": 0.0}, [])  # x's value not typed in yet
    c.add_node("matmul", "D")
    c.connect("W", "D", 0)
    c.connect("x", "D", 1)
    assert evaluate(c).undefined["D"].startswith("matmul needs vectors or matrices")
    c.set_value("x", [1.0, 2.0, 3.0])
    assert evaluate(c).value("D").tolist() == [6.0, 6.0]


def test_a_gate_that_already_clashed_is_not_blamed_on_a_new_wire():
    c = build({"a": 0.0, "b": 0.0, "k": np.ones(3)}, [("s", "add", ["a", "b"])])
    c.set_value("a", np.ones(2))
    c.set_value("b", np.ones(3))
    c.connect("k", "s", 2)  # s refused before and after: the evaluation's business
    assert "s" in evaluate(c).shape_problems


def test_scalar_circuits_never_pay_for_shape_checks(monkeypatch):
    calls = []
    monkeypatch.setattr(circuit_module, "shape_problem", lambda *a: calls.append(a))
    c = build({"x": 1.0, "y": 2.0}, [("f", "multiply", ["x", "y"])])
    c.add_node("matmul", "m")
    c.connect("x", "m", 0)
    assert calls == []


def test_node_shapes_from_the_current_values():
    c = build({"W": np.ones((2, 3)), "x": np.ones(3), "k": 2.0},
              [("z", "matmul", ["W", "x"]), ("s", "scale", ["z"]), ("q", "add", ["s"])])
    assert node_shapes(c, ["W", "x", "k", "z", "s", "q"]) == {
        "W": (2, 3), "x": (3,), "k": (), "z": (2,), "s": (2,), "q": None}


def test_matmul_has_two_ports():
    """A third wire into matmul is refused at the edit, naming the port."""
    c = build({"a": 1.0, "b": 1.0, "k": 1.0}, [("m", "matmul", ["a", "b"])])
    e = refused(c, PortError, lambda: c.connect("k", "m", 2))
    assert str(e) == "'m' (matmul) has no input port 2"


# ----- the graph view cannot reach the model's attributes -------------------------------------
def test_the_graph_view_hands_out_read_only_attributes():
    c = build({"x": np.ones(2), "y": 1.0}, [("f", "multiply", ["x", "y"])])
    g = c.graph
    with pytest.raises(TypeError):
        g.nodes["y"]["value"] = 5.0
    with pytest.raises(TypeError):
        g.edges["x", "f", 0]["extra"] = {"k": 1}
    with pytest.raises(TypeError):
        dict(g.nodes(data=True))["x"]["type"] = "add"
    assert c.node("y").value == 1.0 and c.wire_extra(c.wires_into("f")[0]) == {}
    assert list(nx.topological_sort(g)) == ["x", "y", "f"]
    c.set_value("y", 3.0)
    assert g.nodes["y"]["value"] == 3.0  # live: it follows the model


def test_bulk_assembled_circuits_know_their_array_inputs():
    """A loader's frozen arrays go straight in; the shape check then knows about them."""
    w = check_value("value of 'W'", [[1.0, 2.0, 3.0]])
    nodes = [("W", {"type": "input", "label": None, "pos": (0.0, 0.0), "value": w}),
             ("X", {"type": "input", "label": None, "pos": (0.0, 0.0), "value": 0.0}),
             ("D", {"type": "matmul", "label": None, "pos": (0.0, 0.0)})]
    c = Circuit.assemble(nodes, [("W", "D", 0, None)])
    assert c.array_inputs() == {"W"} and c.node("W").value is w
    c.set_value("X", [[1.0], [2.0]])
    e = refused(c, ShapeError, lambda: c.connect("X", "D", 1))
    assert str(e) == "matmul needs (1×3)·(3×k): got (1×3) and (2×1)"
