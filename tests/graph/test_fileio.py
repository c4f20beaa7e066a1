"""graph.fileio: reading and writing the .chainwire format (docs/file-format.md)."""

from __future__ import annotations

import copy
import json
import math
import time

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph import circuit as circuit_module
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ChainwireError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.gates import GATES
from chainwire.graph.records import Annotation
from tests.graph.fileio_cases import doc, example, fails, random_circuit

# ----- the happy path ------------------------------------------------------------------

def test_design_example_loads():
    text = """{
      "format": "chainwire",
      "version": 1,
      "output": "f",
      "nodes": [
        {"id": "x", "type": "input", "label": "x", "value": -2.0, "pos": [0, 0]},
        {"id": "q", "type": "add", "pos": [160, 40]},
        {"id": "s", "type": "scale", "param": -1.0, "pos": [160, 160]},
        {"id": "f", "type": "square", "pos": [300, 40]}
      ],
      "wires": [
        {"from": "x", "to": "q", "port": 0},
        {"from": "x", "to": "q", "port": 1},
        {"from": "q", "to": "f", "port": 0}
      ]
    }"""
    c = fileio.loads(text)
    assert c.output == "f"
    assert c.node("x").value == -2.0 and c.node("x").label == "x"
    assert c.node("s").param == -1.0 and c.node("q").pos == (160.0, 40.0)
    assert sorted(c.wires()) == sorted([("x", "q", 0), ("x", "q", 1), ("q", "f", 0)])
    assert float(evaluate(c).value("f")) == 16.0  # (x + x)^2


def test_round_trip_equal_and_text_stable(tmp_path):
    c = example()
    c.title, c.notes = "Example", "line one\nline two"
    c.view = {"zoom": 1.5, "center": [10, 20]}
    p = tmp_path / "ex.chainwire"
    fileio.save(c, p)
    c2 = fileio.load(p)
    assert c2 == c
    assert c2.output == "f" and c2.title == "Example" and c2.view == c.view
    assert fileio.dumps(c2) == p.read_text(encoding="utf-8")  # save∘load is stable
    assert [n.id for n in c2.nodes()] == [n.id for n in c.nodes()]
    assert list(c2.wires()) == list(c.wires())


def test_loaded_circuit_is_a_working_circuit():
    c = fileio.loads(fileio.dumps(example()))
    e = evaluate(c)
    assert float(e.value("f")) == -12.0 and float(e.grad("x")) == -4.0
    with pytest.raises(ChainwireError):
        c.connect("f", "x", 0)  # input: no ports
    with pytest.raises(ChainwireError):
        c.connect("f", "q", 0, replace=True)  # would close the loop q → f → q
    c.remove_node("q")
    assert "q" not in c and c.inputs_of("f") == {1: "z"}
    before = c.structure_version
    c.connect("x", "f", 0)
    assert c.structure_version > before


def test_fast_build_equals_public_api_build(monkeypatch):
    c = example()
    c.connect("x", "s", 0, replace=True)
    text = fileio.dumps(c)
    fast = fileio.loads(text)
    monkeypatch.setattr(circuit_module, "_FAST_FILL", False)  # assemble's public-API path
    slow = fileio.loads(text)
    assert nx.utils.graphs_equal(fast.graph, slow.graph)
    assert list(fast.graph.edges(keys=True, data=True)) == list(
        slow.graph.edges(keys=True, data=True))
    assert list(fast.graph.pred["f"].items()) == list(slow.graph.pred["f"].items())
    assert fast == slow == c


def test_output_format_is_strict_json_one_item_per_line():
    c = example()
    text = fileio.dumps(c)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    json.loads(text, parse_constant=lambda t: pytest.fail(f"non-strict token {t}"))
    lines = text.splitlines()
    assert lines[:3] == ["{", '  "format": "chainwire",', '  "version": 2,']
    node_lines = [ln for ln in lines if ln.startswith('    {"id": ')]
    wire_lines = [ln for ln in lines if ln.startswith('    {"from": ')]
    assert len(node_lines) == 6 and len(wire_lines) == 5
    assert '    {"id": "x", "type": "input", "label": "x", "value": -2.0, "pos": [0, 0]},' in lines
    assert '    {"id": "s", "type": "scale", "param": -1.5, "pos": [160, 240]}' in lines
    # wires are listed in the circuit's order (grouped by source node); the last has no comma
    assert [json.loads(ln.rstrip(",")) for ln in wire_lines] == [
        {"from": s, "to": d, "port": p} for s, d, p in c.wires()]
    assert lines[-3:] == ['    {"from": "q", "to": "f", "port": 0}', "  ]", "}"]
    assert text == fileio.dumps(fileio.loads(text))


def test_to_dict_shape():
    d = fileio.to_dict(example())
    assert d["format"] == "chainwire" and d["version"] == fileio.FORMAT_VERSION == 2
    assert d["output"] == "f" and "title" not in d and "annotations" not in d
    assert d["nodes"][0] == {"id": "x", "type": "input", "label": "x", "value": -2.0,
                             "pos": [0, 0]}
    assert d["wires"][0] == {"from": "x", "to": "q", "port": 0}
    assert fileio.EXTENSION == ".chainwire"
    assert fileio.from_dict(d) == example()


def test_from_dict_does_not_modify_or_share_input():
    d = doc(extra_top={"a": [1, 2]})
    d["nodes"][0]["meta"] = {"k": [1]}
    before = copy.deepcopy(d)
    c = fileio.from_dict(d)
    assert d == before
    d["nodes"][0]["meta"]["k"].append(2)
    d["extra_top"]["a"].append(3)
    assert c.node("x").extra == {"meta": {"k": [1]}}
    assert c.extra == {"extra_top": {"a": [1, 2]}}


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(value=finite, param=finite, x=finite, y=finite)
def test_floats_round_trip_exactly(value, param, x, y):
    c = Circuit()
    c.add_node("input", "a", value=value, pos=(x, y))
    c.add_node("offset", "b", param=param, pos=(y, x))
    c.connect("a", "b", 0)
    c2 = fileio.loads(fileio.dumps(c))
    for got, want in ((c2.node("a").value, value), (c2.node("b").param, param),
                      (c2.node("a").pos[0], x), (c2.node("a").pos[1], y)):
        assert type(got) is float
        assert got == want and math.copysign(1.0, got) == math.copysign(1.0, want)


@pytest.mark.parametrize("v", [5e-324, -5e-324, 1.7976931348623157e308, -0.0, 0.1, 1e16,
                               2.0**53 + 2, -123456789012345.67])
def test_extreme_floats_round_trip(v):
    c = Circuit()
    c.add_node("input", "a", value=v, pos=(v, -0.0))
    c2 = fileio.loads(fileio.dumps(c).encode("utf-8"))
    assert c2.node("a").value.hex() == v.hex()
    assert c2.node("a").pos[0].hex() == v.hex() and c2.node("a").pos[1].hex() == "-0x0.0p+0"


texts = st.text(alphabet=st.characters(), max_size=30)  # includes lone surrogates


@settings(max_examples=200, deadline=None)
@given(label=texts, node_id=texts.filter(bool), title=texts)
def test_text_round_trips(label, node_id, title):
    c = Circuit()
    c.add_node("input", node_id, label=label, value=1.0)
    c.title = title
    text = fileio.dumps(c)
    raw = text.encode("utf-8")  # always encodable, even with lone surrogates
    c2 = fileio.loads(raw)
    assert c2 == c and c2.node(node_id).label == label


def test_readable_unicode_and_quotes():
    c = Circuit()
    c.add_node("input", "σ", label='say "hi"\n\tσ(x) → ∞ 😀', value=1.0)
    text = fileio.dumps(c)
    assert '"σ"' in text and "😀" in text and '\\"hi\\"\\n' in text
    assert fileio.loads(text) == c


def test_unknown_keys_preserved_on_round_trip():
    d = doc(future_top={"deep": [1, {"a": None}]}, view={"zoom": 2})
    d["nodes"][0]["color"] = "#ff0000"
    d["nodes"][1]["collapsed"] = True
    d["wires"][0]["style"] = {"dash": [4, 2]}
    c = fileio.from_dict(d)
    assert c.extra == {"future_top": {"deep": [1, {"a": None}]}}
    assert c.node("x").extra == {"color": "#ff0000"}
    assert c.wire_extra(next(c.wires())) == {"style": {"dash": [4, 2]}}
    again = json.loads(fileio.dumps(c))
    assert again["future_top"] == d["future_top"] and again["view"] == {"zoom": 2}
    assert again["nodes"][0]["color"] == "#ff0000" and again["nodes"][1]["collapsed"] is True
    assert again["wires"][0]["style"] == {"dash": [4, 2]}
    assert fileio.loads(fileio.dumps(c)) == c


def test_extra_never_overrides_known_keys():
    c = example()
    c.extra = {"nodes": "evil", "version": 99, "kept": 1}
    d = fileio.to_dict(c)
    assert d["version"] == 2 and isinstance(d["nodes"], list) and d["kept"] == 1


def test_annotations_optional_with_defaults():
    c = fileio.from_dict(doc())
    assert c.annotations() == ()
    anns = [{"text": "the chain rule", "pos": [10, 20]},
            {"text": "big", "pos": [0.5, -1], "font_size": 30, "color": "red"}]
    c = fileio.from_dict(doc(annotations=anns))
    assert c.annotations() == (
        Annotation("the chain rule", (10.0, 20.0), 14.0),
        Annotation("big", (0.5, -1.0), 30.0, {"color": "red"}))
    assert type(c.annotations()[1].font_size) is float
    assert fileio.loads(fileio.dumps(c)) == c
    assert '    {"text": "big", "pos": [0.5, -1], "font_size": 30.0, "color": "red"}' in \
        fileio.dumps(c).splitlines()


@pytest.mark.parametrize("ann, needle", [
    ({"pos": [0, 0]}, '"text" must be text'),
    ({"text": 3, "pos": [0, 0]}, '"text" must be text, not the number 3'),
    ({"text": "a"}, 'no "pos"'),
    ({"text": "a", "pos": [0]}, '"pos" must be two numbers'),
    ({"text": "a", "pos": [0, 0], "font_size": 0}, '"font_size" must be positive'),
    ({"text": "a", "pos": [0, 0], "font_size": True}, '"font_size" must be a number, not true'),
    ("note", "must be an object"),
])
def test_bad_annotations(ann, needle):
    fails(doc(annotations=[{"text": "ok", "pos": [0, 0]}, ann]), "annotations[1]", needle)
    fails(doc(annotations={"a": 1}), '"annotations" must be a list')


def test_half_built_circuits_are_valid():
    d = doc(nodes=[
        {"id": "x", "type": "input", "value": 1.0, "pos": [0, 0]},
        {"id": "m", "type": "max", "pos": [1, 0]},        # n-ary with one input
        {"id": "e", "type": "exp", "pos": [2, 0]},        # open input port
        {"id": "a", "type": "add", "pos": [3, 0]},        # no inputs at all
        {"id": "y", "type": "input", "value": 2.0, "pos": [4, 0]},
    ], wires=[{"from": "x", "to": "m", "port": 5}])       # a gap in the ports is fine
    c = fileio.from_dict(d)
    assert c.output is None and len(c.sinks()) == 4
    out, why = c.resolved_output()
    assert out is None and "no outgoing wire" in why
    assert fileio.loads(fileio.dumps(c)) == c
    e = evaluate(c)
    assert "m" in e.undefined and "e" in e.undefined


def test_empty_circuit_round_trips():
    assert fileio.loads(fileio.dumps(Circuit())) == Circuit()
    assert len(fileio.from_dict({"format": "chainwire", "version": 1, "nodes": []})) == 0


def test_wires_key_is_optional_and_nulls_mean_absent():
    c = fileio.from_dict({"format": "chainwire", "version": 1, "output": None, "title": None,
                          "nodes": [{"id": "g", "type": "scale", "label": None,
                                     "param": None, "pos": [0, 0]}]})
    assert c.node("g").param == GATES["scale"].param_default and c.output is None


def test_utf8_bom_accepted(tmp_path):
    p = tmp_path / "bom.chainwire"
    p.write_bytes(b"\xef\xbb\xbf" + fileio.dumps(example()).encode("utf-8"))
    assert fileio.load(p) == example()
    assert fileio.loads("\ufeff" + fileio.dumps(example())) == example()


# ----- size ---------------------------------------------------------------------------------

def test_big_file_loads_in_linear_time(tmp_path):
    """20,000 gates, nodes not in topological order (the slow acyclicity path)."""
    c = random_circuit(20_000)
    p = tmp_path / "big.chainwire"
    t0 = time.process_time()
    fileio.save(c, p)
    t1 = time.process_time()
    c2 = fileio.load(p)
    t2 = time.process_time()
    assert c2 == c
    assert len(evaluate(c2).order) == len(c)
    # ~0.3 s each on a slow machine; quadratic behaviour would take minutes
    assert t1 - t0 < 3.0 and t2 - t1 < 3.0, (t1 - t0, t2 - t1)


def test_docs_example_is_exactly_what_chainwire_writes():
    from pathlib import Path
    page = (Path(__file__).parents[2] / "docs" / "file-format.md").read_text(encoding="utf-8")
    example_text = page.split("```json\n", 1)[1].split("```", 1)[0]
    c = fileio.loads(example_text, "file-format.md")
    assert float(evaluate(c).value("f")) == -12.0 and c.annotations()[0].font_size == 14.0
    assert fileio.dumps(c) == example_text
