"""File format version 2 (issue 9, item 8): an input's value may be a vector or a matrix,
stored as a nested list; version-1 files open through ``spec.MIGRATIONS[1]`` and are saved
as version 2; a newer version is refused with both numbers; ``group`` is reserved for
compound gates (docs/file-format.md, "Values", "Groups", "Versions")."""

from __future__ import annotations

import copy
import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from chainwire.graph import fileio, shapes
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import FileFormatError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.fileio import spec
from chainwire.graph.fileio.values import Invalid
from tests.graph.fileio_cases import SRC, doc, fails, node_fails


def _matmul_circuit(w, x) -> Circuit:
    c = Circuit()
    c.add_node("input", "W", label="W", value=w, pos=(0, 0))
    c.add_node("input", "X", label="X", value=x, pos=(0, 120))
    c.add_node("matmul", "D", pos=(160, 60))
    c.add_node("sum", "f", pos=(320, 60))
    c.connect("W", "D", 0)
    c.connect("X", "D", 1)
    c.connect("D", "f", 0)
    c.set_output("f")
    return c


def test_a_matrix_and_a_vector_are_written_as_nested_lists_on_their_node_line():
    c = _matmul_circuit([[1, 2, 3], [4, 5, 6]], [0.5, -0.0, 2])
    text = fileio.dumps(c)
    lines = text.splitlines()
    assert '  "version": 2,' in lines
    assert ('    {"id": "W", "type": "input", "label": "W", '
            '"value": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "pos": [0, 0]},') in lines
    assert ('    {"id": "X", "type": "input", "label": "X", '
            '"value": [0.5, -0.0, 2.0], "pos": [0, 120]},') in lines
    again = fileio.loads(text)
    assert again == c and fileio.dumps(again) == text
    w = again.node("W").value
    assert isinstance(w, np.ndarray) and w.shape == (2, 3) and not w.flags.writeable
    assert math.copysign(1.0, again.node("X").value[1]) == -1.0
    assert again.array_inputs() == frozenset({"W", "X"})
    ev = evaluate(again)
    assert float(ev.value("f")) == float(np.sum(np.array([[1, 2, 3], [4, 5, 6]])
                                                @ np.array([0.5, 0.0, 2.0])))
    assert ev.grad("W").tolist() == [[0.5, 0.0, 2.0]] * 2  # dW = dD·Xᵀ, dD = ones


finite = st.floats(allow_nan=False, allow_infinity=False)
shapes_ = st.one_of(st.tuples(st.integers(1, 4)), st.tuples(st.integers(1, 3),
                                                            st.integers(1, 3)))


@given(arrays(np.float64, shapes_, elements=finite))
def test_any_array_value_reads_back_bit_for_bit(a):
    c = Circuit()
    c.add_node("input", "a", value=a, pos=(0, 0))
    back = fileio.loads(fileio.dumps(c)).node("a").value
    assert back.shape == a.shape and np.array_equal(back, a)
    assert np.array_equal(np.signbit(back), np.signbit(a))


@pytest.mark.parametrize(("value", "needle"), [
    ([[1, 2], [3, 4, 5]], '"value": row 2 has 3 numbers, row 1 has 2'),
    ([[[1]]], '"value": a value has at most 2 dimensions'),
    ([], '"value": an empty list has no numbers'),
    ([[]], '"value": row 1 is empty'),
    ([1, True], '"value": item 2 is true, not a number'),
    ([[1, "2"]], "\"value\": row 1, column 2 is the text '2', not a number"),
    ([1, None], '"value": item 2 is null, not a number'),
    ([1, [2]], '"value": item 2 is a list but item 1 is not'),
    ([1, {"a": 1}], '"value": item 2 is an object, not a number'),
    ({"rows": 2}, '"value" must be a number or a list of numbers, not an object'),
    ([10**400], '"value": a number in the list is too large'),
])
def test_bad_array_values_are_refused_naming_node_and_slip(value, needle):
    msg = node_fails({"id": "W", "type": "input", "value": value, "pos": [0, 0]},
                     "node 'W' (nodes[0])", needle)
    assert msg.count("\n") == 0


def test_non_finite_elements_from_code_are_refused():
    with pytest.raises(FileFormatError, match="finite"):
        fileio.from_dict(doc(nodes=[{"id": "W", "type": "input", "value": [1.0, math.nan],
                                     "pos": [0, 0]}], wires=[]), SRC)
    text = '{"format": "chainwire", "version": 2, "nodes": [{"id": "W", "type": "input", ' \
           '"value": [1.0, NaN], "pos": [0, 0]}]}'
    fails(text, "NaN is not allowed")


def test_the_element_limit_is_the_engines_and_refuses_before_building(monkeypatch):
    monkeypatch.setattr(shapes, "MAX_ELEMENTS", 4)
    ok = {"id": "W", "type": "input", "value": [[1, 2], [3, 4]], "pos": [0, 0]}
    assert fileio.from_dict(doc(nodes=[ok], wires=[])).node("W").value.size == 4
    built = []
    real = np.array
    monkeypatch.setattr(np, "array", lambda *a, **k: built.append(a) or real(*a, **k))
    node_fails({"id": "W", "type": "input", "value": [[1, 2, 3], [4, 5, 6]], "pos": [0, 0]},
               '"value": a value has at most 4 numbers; this one has 6')
    node_fails({"id": "W", "type": "input", "value": [0] * 5, "pos": [0, 0]},
               "at most 4 numbers; this one has 5")
    assert built == []  # refused from the lengths alone


def test_a_value_just_over_the_real_limit_is_refused():
    n = shapes.MAX_ELEMENTS
    rows = ", ".join(["[" + ", ".join(["0"] * 1024) + "]"] * (n // 1024 + 1))
    text = ('{"format": "chainwire", "version": 2, "nodes": [{"id": "W", "type": "input", '
            f'"value": [{rows}], "pos": [0, 0]}}]}}')
    fails(text, f"at most {n:,} numbers; this one has {n + 1024:,}")


# ----- versions ------------------------------------------------------------------------

V1 = {"format": "chainwire", "version": 1, "output": "f",
      "nodes": [{"id": "x", "type": "input", "value": -2.0, "pos": [0, 0]},
                {"id": "f", "type": "square", "pos": [100, 0]}],
      "wires": [{"from": "x", "to": "f", "port": 0}]}


def test_a_version_1_file_opens_through_its_migration_and_is_saved_as_version_2(monkeypatch):
    seen = []
    real = spec.MIGRATIONS[1]
    monkeypatch.setitem(spec.MIGRATIONS, 1, lambda d: seen.append(d["version"]) or real(d))
    data = copy.deepcopy(V1)
    c = fileio.from_dict(data, "old.chainwire")
    assert seen == [1] and data == V1  # migrated through the mechanism, input untouched
    assert float(evaluate(c).value("f")) == 4.0
    assert json.loads(fileio.dumps(c))["version"] == 2
    assert fileio.loads(json.dumps(V1)) == fileio.loads(json.dumps({**V1, "version": 2}))


def test_the_v1_migration_only_changes_the_number():
    migrated = spec.MIGRATIONS[1](copy.deepcopy(V1))
    assert migrated == {**V1, "version": 2} and list(migrated) == list(V1)


def test_every_version_up_to_the_current_one_has_a_migration():
    assert sorted(spec.MIGRATIONS) == list(range(1, spec.FORMAT_VERSION))
    assert spec.FORMAT_VERSION == fileio.FORMAT_VERSION == 2


def test_a_newer_file_is_refused_before_anything_else(tmp_path):
    p = tmp_path / "future.chainwire"
    p.write_text(json.dumps({"format": "chainwire", "version": 3, "nodes": {"new": "x"}}))
    with pytest.raises(FileFormatError) as info:
        fileio.load(p)
    assert str(info.value) == (f"{p}: written by a newer Chainwire (format 3); this one "
                               "reads up to 2. Update Chainwire to open it.")


# ----- the reserved key "group" -----------------------------------------------------------

def _grouped(group) -> dict:
    return doc(nodes=[{"id": "x", "type": "input", "value": 1.0, "pos": [0, 0]},
                      {"id": "q", "type": "square", "pos": [100, 0], "group": group}])


def test_group_is_reserved_not_an_unknown_key():
    assert "group" in spec.NODE_KEYS and "group" in spec.RESERVED_NODE_KEYS
    if "group" not in spec.NODE_ENTRY_HOOKS:
        fails(_grouped("g1"), "node 'q' (nodes[1])", '"group" is reserved for compound gates')


def test_the_group_hook_reads_and_writes_the_key(monkeypatch):
    def read(value, attrs):
        if not isinstance(value, str):
            raise Invalid("must be a group id")
        attrs["extra"] = {**attrs.get("extra", {}), "read_group": value}

    def write(circuit, nid, nd):
        g = circuit.node(nid).extra.get("read_group")
        if g is not None:
            nd["group"] = g

    monkeypatch.setitem(spec.NODE_ENTRY_HOOKS, "group", read)
    monkeypatch.setattr(spec, "NODE_WRITE_HOOKS", [write])
    c = fileio.from_dict(_grouped("g1"))
    assert c.node("q").extra["read_group"] == "g1"
    assert json.loads(fileio.dumps(c))["nodes"][1]["group"] == "g1"
    fails(_grouped(7), "node 'q' (nodes[1])", '"group": must be a group id')
