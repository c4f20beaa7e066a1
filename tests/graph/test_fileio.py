"""graph.fileio: the .chainwire format (docs/file-format.md), its validation and atomic saving."""

from __future__ import annotations

import copy
import json
import math
import os
import random
import stat
import time

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph import circuit as circuit_module
from chainwire.graph import fileio
from chainwire.graph.circuit import MAX_PORTS, Circuit
from chainwire.graph.errors import ChainwireError, FileFormatError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.gates import GATES
from chainwire.graph.records import Annotation

SRC = "bad.chainwire"


# ----- helpers -----------------------------------------------------------------------

def example() -> Circuit:
    """f = (x + y) * z with a scale gate on the side, as in the notes."""
    c = Circuit()
    c.add_node("input", "x", label="x", value=-2.0, pos=(0, 0))
    c.add_node("input", "y", label="y", value=5.0, pos=(0, 80))
    c.add_node("input", "z", label="z", value=-4.0, pos=(0, 160))
    c.add_node("add", "q", pos=(160, 40))
    c.add_node("multiply", "f", pos=(320, 100))
    c.add_node("scale", "s", param=-1.5, pos=(160, 240))
    c.connect("x", "q", 0)
    c.connect("y", "q", 1)
    c.connect("q", "f", 0)
    c.connect("z", "f", 1)
    c.connect("z", "s", 0)
    c.set_output("f")
    return c


def doc(nodes=None, wires=None, **top) -> dict:
    """A minimal valid file as a dict, with overrides."""
    d = {"format": "chainwire", "version": 1,
         "nodes": nodes if nodes is not None else [
             {"id": "x", "type": "input", "value": 1.0, "pos": [0, 0]},
             {"id": "q", "type": "square", "pos": [100, 0]}],
         "wires": wires if wires is not None else [{"from": "x", "to": "q", "port": 0}]}
    d.update(top)
    return d


def fails(data, *needles: str, source: str = SRC) -> str:
    """Load ``data`` (dict → JSON text, or raw str/bytes); assert one FileFormatError."""
    text = json.dumps(data) if isinstance(data, dict) else data
    with pytest.raises(FileFormatError) as info:
        fileio.loads(text, source)
    msg = str(info.value)
    assert msg.startswith(f"{source}: "), msg
    for n in needles:
        assert n in msg, f"{n!r} not in {msg!r}"
    return msg


def node_fails(node: dict, *needles: str) -> str:
    return fails(doc(nodes=[node], wires=[]), *needles)


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
    assert lines[:3] == ["{", '  "format": "chainwire",', '  "version": 1,']
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
    assert d["format"] == "chainwire" and d["version"] == fileio.FORMAT_VERSION == 1
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
    assert d["version"] == 1 and isinstance(d["nodes"], list) and d["kept"] == 1


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


# ----- bad files: one test per class of problem ------------------------------------------

def test_empty_file(tmp_path):
    p = tmp_path / "empty.chainwire"
    p.write_bytes(b"")
    with pytest.raises(FileFormatError, match=r"empty\.chainwire: the file is empty"):
        fileio.load(p)
    fails(" \n\t ", "the file is empty")
    fails(b"\xef\xbb\xbf", "the file is empty")


def test_truncated_json():
    text = fileio.dumps(example())
    msg = fails(text[: len(text) // 2], "not valid JSON", "line ", "column ", "cut off")
    assert "line 1," not in msg
    fails('{"format": "chainwire",\n  "version": 1,,}', "line 2, column 16", "not valid JSON")


def test_not_utf8():
    fails(b'{"format": "chainwire",\n "x": "caf\xe9"}', "not UTF-8", "line 2, column 11",
          "0xe9")
    fails("{}".encode("utf-16"), "UTF-16")


def test_top_level_not_an_object():
    fails("[1, 2]", "top level must be a JSON object, not a list")
    fails('"chainwire"', "top level must be a JSON object, not the text")


def test_format_missing_or_wrong():
    fails({"version": 1, "nodes": []}, "not a Chainwire file", '"format"')
    fails({"format": "drawio", "version": 1, "nodes": []}, "not a Chainwire file",
          "'drawio'", '"chainwire"')


def test_version_missing_not_integer_or_newer():
    fails({"format": "chainwire", "nodes": []}, '"version" entry is missing')
    fails(doc(version=1.0), '"version" must be a whole number', "not the number 1.0")
    fails(doc(version="1"), '"version" must be a whole number', "not the text '1'")
    fails(doc(version=True), '"version" must be a whole number', "not true")
    fails(doc(version=0), '"version" 0 does not exist')
    # a newer file is refused before anything else is looked at
    fails({"format": "chainwire", "version": 2, "nodes": "whatever the future holds"},
          "newer Chainwire", "version 2", "up to 1")


def test_nodes_not_a_list_and_node_not_an_object():
    fails({"format": "chainwire", "version": 1}, 'no "nodes" list')
    fails(doc(nodes={"x": {}}), '"nodes" must be a list, not an object')
    fails(doc(nodes=[{"id": "x", "type": "input", "value": 1, "pos": [0, 0]}, 7], wires=[]),
          "nodes[1] must be an object, not the number 7")
    fails(doc(wires={}), '"wires" must be a list, not an object')
    fails(doc(wires=[[]]), "wires[0]", "must be an object, not a list")


@pytest.mark.parametrize("node, needles", [
    ({"type": "add", "pos": [0, 0]}, ("nodes[0]", 'no "id"')),
    ({"id": "", "type": "add", "pos": [0, 0]}, ("nodes[0]", '"id" must be a non-empty text')),
    ({"id": 3, "type": "add", "pos": [0, 0]}, ("nodes[0]", "not the number 3")),
    ({"id": "g", "pos": [0, 0]}, ("node 'g' (nodes[0])", 'no "type"')),
    ({"id": "g", "type": 5, "pos": [0, 0]}, ("node 'g'", '"type" must be text')),
    ({"id": "g", "type": "add", "label": 5, "pos": [0, 0]}, ("node 'g'", '"label" must be text')),
])
def test_node_fields_missing_or_mistyped(node, needles):
    node_fails(node, *needles)


@pytest.mark.parametrize("pos, needle", [
    (None, 'no "pos"'), ("0,0", "not the text"), ([1], "not a list of 1"),
    ([1, 2, 3], "not a list of 3"), ({"x": 1, "y": 2}, "not an object"),
    ([1, "2"], '"pos" y must be a number'), ([None, 2], '"pos" x must be a number, not null'),
    ([10**400, 0], '"pos" x is too large'),
])
def test_pos_not_two_numbers(pos, needle):
    node = {"id": "g", "type": "add"}
    if pos is not None:
        node["pos"] = pos
    node_fails(node, "node 'g' (nodes[0])", needle)


def test_value_missing_on_input_or_given_where_not_allowed():
    node_fails({"id": "x", "type": "input", "pos": [0, 0]}, "node 'x'", 'needs a "value"')
    node_fails({"id": "x", "type": "input", "value": None, "pos": [0, 0]}, "node 'x'",
               '"value" must be a number, not null')
    node_fails({"id": "x", "type": "input", "value": "2", "pos": [0, 0]}, "node 'x'",
               '"value" must be a number')
    node_fails({"id": "g", "type": "add", "value": 2.0, "pos": [0, 0]}, "node 'g'",
               'a add gate has no "value"')
    node_fails({"id": "g", "type": "exp", "param": 2.0, "pos": [0, 0]}, "node 'g'",
               'exp gate has no "param"')
    node_fails({"id": "x", "type": "input", "value": 1, "param": 2.0, "pos": [0, 0]},
               "node 'x'", 'input gate has no "param"')
    node_fails({"id": "g", "type": "scale", "param": "2", "pos": [0, 0]}, "node 'g'",
               '"param" must be a number')


def test_booleans_are_not_numbers():
    node_fails({"id": "x", "type": "input", "value": True, "pos": [0, 0]},
               '"value" must be a number, not true')
    node_fails({"id": "x", "type": "input", "value": 1, "pos": [False, 0]},
               '"pos" x must be a number, not false')
    node_fails({"id": "g", "type": "offset", "param": True, "pos": [0, 0]},
               '"param" must be a number, not true')
    fails(doc(wires=[{"from": "x", "to": "q", "port": False}]), "wires[0]",
          '"port" must be a whole number, not false')


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_tokens(token):
    text = ('{"format": "chainwire", "version": 1,\n"nodes": [\n'
            f'  {{"id": "x", "type": "input", "value": {token}, "pos": [0, 0]}}\n]}}')
    col = text.splitlines()[2].index(token) + 1
    fails(text, f"line 3, column {col}: {token} is not allowed", "finite")
    # also where no node field is: inside an unknown key (and not fooled by strings)
    text = f'{{"format": "chainwire", "version": 1, "nodes": [], "x": ["{token}", {token}]}}'
    fails(text, f"line 1, column {text.rindex(token) + 1}: {token}")


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1.5E+400"])
def test_overflowing_numbers(number):
    text = ('{"format": "chainwire", "version": 1,\n"nodes": [\n'
            f'  {{"id": "x", "type": "input", "value": 1, "pos": [0, {number}]}}\n]}}')
    col = text.splitlines()[2].index(number) + 1
    fails(text, f"line 3, column {col}: the number {number} is too large")


def test_non_finite_in_dict_data():
    fails_dict = doc(nodes=[{"id": "x", "type": "input", "value": math.nan, "pos": [0, 0]}],
                   wires=[])
    with pytest.raises(FileFormatError, match=r"node 'x' \(nodes\[0\]\): \"value\" must be a "
                                              "finite number, not nan"):
        fileio.from_dict(fails_dict, SRC)
    with pytest.raises(FileFormatError, match="'meta' contains inf"):
        fileio.from_dict(doc(meta=[math.inf]), SRC)
    with pytest.raises(FileFormatError, match="contains a set"):
        fileio.from_dict(doc(meta={"a": {1}}), SRC)


def test_duplicate_node_ids():
    fails(doc(nodes=[{"id": "x", "type": "input", "value": 1, "pos": [0, 0]},
                     {"id": "q", "type": "square", "pos": [0, 0]},
                     {"id": "x", "type": "exp", "pos": [0, 0]}], wires=[]),
          "node 'x' (nodes[2])", "already used by nodes[0]")


def test_duplicate_keys_in_any_object():
    text = ('{"format": "chainwire", "version": 1, "nodes": [\n'
            '{"id": "x", "type": "input", "value": 1, "pos": [0, 0], "value": 2}]}')
    col = text.splitlines()[1].rindex('"value"') + 1
    fails(text, f"line 2, column {col}: duplicate key 'value'")
    text = '{"format": "chainwire", "version": 1, "nodes": [], "version": 1}'
    fails(text, f"line 1, column {text.rindex('version')}: duplicate key 'version'")
    text = '{"format": "chainwire", "version": 1, "nodes": [], "x": {"a": {"b": 1, "\\u0062": 2}}}'
    fails(text, f"line 1, column {text.index(chr(34) + chr(92) + 'u0062') + 1}: duplicate key 'b'")


def test_dangling_wires():
    fails(doc(wires=[{"from": "x", "to": "q", "port": 0}, {"from": "x", "to": "nope", "port": 0}]),
          "wires[1] ('x' → 'nope')", '"to" names node \'nope\'', "no such node")
    fails(doc(wires=[{"from": "ghost", "to": "q", "port": 0}]), "wires[0]", '"from" names node')
    fails(doc(wires=[{"to": "q", "port": 0}]), "wires[0]", 'no "from"')
    fails(doc(wires=[{"from": "x", "to": "q"}]), "wires[0]", 'no "port"')
    fails(doc(wires=[{"from": "x", "to": 4, "port": 0}]), "wires[0]", '"to" must be a node id')


@pytest.mark.parametrize("target, port, needle", [
    ("q", 1, "has one input, port 0; there is no port 1"),
    ("a", -1, f"has ports 0 to {MAX_PORTS - 1}; there is no port -1"),
    ("a", MAX_PORTS, f"there is no port {MAX_PORTS}"),
    ("a", 0.0, '"port" must be a whole number, not the number 0.0'),
    ("a", "0", '"port" must be a whole number, not the text'),
    ("a", True, '"port" must be a whole number, not true'),
])
def test_bad_ports(target, port, needle):
    nodes = [{"id": "x", "type": "input", "value": 1, "pos": [0, 0]},
             {"id": "q", "type": "square", "pos": [0, 0]},
             {"id": "a", "type": "add", "pos": [0, 0]}]
    fails(doc(nodes=nodes, wires=[{"from": "x", "to": target, "port": port}]), "wires[0]",
          needle)


def test_two_wires_into_one_port():
    nodes = [{"id": "x", "type": "input", "value": 1, "pos": [0, 0]},
             {"id": "y", "type": "input", "value": 1, "pos": [0, 0]},
             {"id": "a", "type": "add", "pos": [0, 0]}]
    fails(doc(nodes=nodes, wires=[{"from": "x", "to": "a", "port": 0},
                                  {"from": "y", "to": "a", "port": 1},
                                  {"from": "y", "to": "a", "port": 0}]),
          "wires[2] ('y' → 'a')", "port 0 of 'a' is already wired by wires[0]")


def test_wire_into_input_node():
    nodes = [{"id": "x", "type": "input", "value": 1, "pos": [0, 0]},
             {"id": "y", "type": "input", "value": 1, "pos": [0, 0]}]
    fails(doc(nodes=nodes, wires=[{"from": "x", "to": "y", "port": 0}]), "wires[0]",
          "'y' is an input node: it has no input ports")


def test_cycles_named():
    nodes = [{"id": n, "type": t, "pos": [0, 0]} for n, t in
             (("a", "square"), ("b", "exp"), ("c", "add"), ("d", "sigmoid"))]
    wires = [{"from": "d", "to": "c", "port": 1},
             {"from": "a", "to": "b", "port": 0},
             {"from": "b", "to": "c", "port": 0},
             {"from": "c", "to": "a", "port": 0}]
    fails(doc(nodes=nodes, wires=wires), "wires[1], wires[2], wires[3] make a loop",
          "'a' → 'b' → 'c' → 'a'")
    fails(doc(nodes=nodes[:1], wires=[{"from": "a", "to": "a", "port": 0}]),
          "wires[0] make a loop: 'a' → 'a'")


def test_unknown_gate_type_lists_known_ones():
    msg = node_fails({"id": "t", "type": "tanh", "pos": [0, 0]}, "node 't' (nodes[0])",
                     "unknown gate type 'tanh'")
    for name in GATES:
        assert name in msg


def test_output_names_unknown_node():
    fails(doc(output="zz"), '"output" names node \'zz\'', "no such node")
    fails(doc(output=3), '"output" must be a node id, not the number 3')


def test_top_level_known_keys_mistyped():
    fails(doc(title=5), '"title" must be text')
    fails(doc(notes=["a"]), '"notes" must be text, not a list')
    fails(doc(view=[1]), '"view" must be an object, not a list')


def test_file_too_large_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "huge.chainwire"
    with open(p, "wb") as f:  # sparse: no disk space used
        f.truncate(fileio.MAX_BYTES + 1)
    reads = []
    real_open = open

    class Spy:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def fileno(self):
            return self.f.fileno()

        def read(self, *a):
            reads.append(a)
            return self.f.read(*a)

    monkeypatch.setattr("builtins.open", lambda *a, **k: Spy(real_open(*a, **k)))
    with pytest.raises(FileFormatError, match=r"huge\.chainwire: the file is too large"):
        fileio.load(p)
    assert reads == []
    p.write_bytes(fileio.dumps(example()).encode())
    assert fileio.load(p) == example() and reads  # the spy does see reads
    monkeypatch.undo()
    monkeypatch.setattr(fileio.spec, "MAX_BYTES", 10)
    fails(b"{" + b" " * 20 + b"}", "too large")
    fails("{" + " " * 20 + "}", "too large")


def test_too_many_nodes_or_wires(monkeypatch):
    monkeypatch.setattr(fileio.spec, "MAX_ITEMS", 1)
    fails(doc(), "too many nodes (2; the limit is 1)")
    fails(doc(nodes=[{"id": "x", "type": "input", "value": 1, "pos": [0, 0]}],
              wires=[{}, {}]), "too many wires")
    fails(doc(nodes=[], wires=[], annotations=[{}, {}]), "too many annotations")


def test_too_deep_nesting():
    # deep but within json's own recursion limit: our check names the place
    deep = "[" * 70 + "]" * 70
    fails('{"format": "chainwire", "version": 1, "nodes": [{"id": "g", "type": "add", '
          f'"pos": [0, 0], "meta": {deep}}}]}}', "node 'g' (nodes[0])",
          "nested more than 64 levels deep")
    fails(f'{{"format": "chainwire", "version": 1, "nodes": [], "view": {{"a": {deep}}}}}',
          '"view" is nested more than 64 levels')
    # much deeper than json's recursion limit: RecursionError is caught and located
    deeper = "[" * 100_000 + "]" * 100_000
    fails(f'{{"format": "chainwire", "version": 1,\n "x": {deeper}}}',
          "line 2, column 70", "nested more than 64 levels deep")  # the 64th '['

    # the top-level object + 63 lists is exactly the limit; one more is refused
    ok = "[" * 63 + "]" * 63
    assert len(fileio.loads(f'{{"format": "chainwire", "version": 1, "nodes": [], "x": {ok}}}'
                            ).extra["x"]) == 1
    fails(f'{{"format": "chainwire", "version": 1, "nodes": [], "x": [{ok}]}}',
          "'x' is nested more than 64 levels deep")


def test_huge_integer_digits():
    fails('{"format": "chainwire", "version": 1, "nodes": [], "x": ' + "9" * 5000 + "}",
          "not a usable JSON number")


def test_loading_fails_whole(tmp_path):
    """A file with a late error loads nothing (and a bad dict is reported, not built)."""
    d = fileio.to_dict(example())
    d["wires"].append({"from": "x", "to": "nowhere", "port": 0})
    with pytest.raises(FileFormatError, match=r"wires\[5\]"):
        fileio.from_dict(d, SRC)
    with pytest.raises(FileFormatError):
        fileio.validate(d, SRC)
    fileio.validate(fileio.to_dict(example()))


def test_load_os_errors_are_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        fileio.load(tmp_path / "missing.chainwire")
    with pytest.raises(OSError):
        fileio.load(tmp_path)


# ----- saving ------------------------------------------------------------------------------

def _saved_pair(tmp_path):
    p = tmp_path / "c.chainwire"
    fileio.save(example(), p)
    old = p.read_bytes()
    c = example()
    c.set_value("x", 123.0)  # a different circuit, so a successful save would change bytes
    return p, old, c


def _no_temp_left(tmp_path):
    assert sorted(os.listdir(tmp_path)) == ["c.chainwire"]


@pytest.mark.parametrize("fn, error", [
    ("write", OSError(28, "No space left on device")),
    ("fsync", OSError(5, "Input/output error")),
    ("replace", PermissionError(13, "Permission denied")),
])
def test_save_failure_keeps_old_file(tmp_path, monkeypatch, fn, error):
    p, old, c = _saved_pair(tmp_path)

    def boom(*a, **k):
        raise error
    monkeypatch.setattr(os, fn, boom)
    with pytest.raises(OSError) as info:
        fileio.save(c, p)
    monkeypatch.undo()
    assert isinstance(info.value, type(error)) and info.value.errno == error.errno
    assert str(p) in str(info.value) and error.strerror in str(info.value)
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_short_writes_are_completed(tmp_path, monkeypatch):
    p, old, c = _saved_pair(tmp_path)
    real_write = os.write
    calls = []

    def short(fd, data):
        calls.append(len(data))
        return real_write(fd, bytes(data[:7]))  # at most 7 bytes per call
    monkeypatch.setattr(os, "write", short)
    fileio.save(c, p)
    monkeypatch.undo()
    assert len(calls) > 10
    assert fileio.load(p) == c and p.read_bytes() != old
    _no_temp_left(tmp_path)


def test_write_making_no_progress_fails(tmp_path, monkeypatch):
    p, old, c = _saved_pair(tmp_path)
    real_write = os.write
    monkeypatch.setattr(os, "write",
                        lambda fd, data: real_write(fd, bytes(data[:100])) if len(data) > 500
                        else 0)
    with pytest.raises(OSError, match="could be written") as info:
        fileio.save(c, p)
    monkeypatch.undo()
    assert str(p) in str(info.value)
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_interrupt_during_save_cleans_up(tmp_path, monkeypatch):
    p, old, c = _saved_pair(tmp_path)

    def interrupt(*a):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        fileio.save(c, p)
    monkeypatch.undo()
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_save_to_directory_or_missing_folder(tmp_path):
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        fileio.save(example(), tmp_path)
    missing = tmp_path / "no" / "such" / "c.chainwire"
    with pytest.raises(FileNotFoundError, match="does not exist") as info:
        fileio.save(example(), missing)
    assert str(missing) in str(info.value)
    assert os.listdir(tmp_path) == []


def test_unsavable_circuit_refused_and_old_file_kept(tmp_path):
    p, old, c = _saved_pair(tmp_path)
    c.extra["bad"] = math.nan
    with pytest.raises(FileFormatError, match=r"cannot save .*c\.chainwire.*'bad' contains nan"):
        fileio.save(c, p)
    c.extra["bad"] = {1, 2}
    with pytest.raises(ChainwireError, match="set"):
        fileio.dumps(c)
    c.extra.clear()
    # an Annotation made without the model's checks (its text is not text)
    c = Circuit.assemble([], [], annotations=[Annotation(None, (0.0, 0.0))])  # type: ignore
    with pytest.raises(FileFormatError, match=r"annotations\[0\]"):
        fileio.save(c, p)
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_save_keeps_permission_bits(tmp_path):
    p, _old, c = _saved_pair(tmp_path)
    os.chmod(p, 0o640)
    fileio.save(c, p)
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640
    os.chmod(p, 0o604)
    fileio.save(c, p)
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o604


def test_new_file_gets_umask_mode(tmp_path):
    old_mask = os.umask(0o027)
    try:
        fileio.save(example(), tmp_path / "new.chainwire")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.chainwire").st_mode) == 0o640


def test_save_through_symlink_replaces_target(tmp_path):
    real = tmp_path / "real.chainwire"
    fileio.save(example(), real)
    link = tmp_path / "link.chainwire"
    link.symlink_to(real)
    c = example()
    c.set_value("y", 9.0)
    fileio.save(c, link)
    assert link.is_symlink() and fileio.load(real) == c


def test_save_overwrites_and_output_is_utf8(tmp_path):
    p = tmp_path / "c.chainwire"
    c = example()
    c.title = "σ-gate ünïcode"
    fileio.save(c, p)
    fileio.save(c, p)
    raw = p.read_bytes()
    assert raw.decode("utf-8") == fileio.dumps(c) and "σ-gate".encode() in raw
    assert raw.endswith(b"}\n")


# ----- size ---------------------------------------------------------------------------------

def random_circuit(n_gates: int, seed: int = 1) -> Circuit:
    """A random DAG; nodes are listed in an order that is *not* topological."""
    rng = random.Random(seed)
    d = {"format": "chainwire", "version": 1, "nodes": [], "wires": []}
    n_inputs = max(2, n_gates // 10)
    ids = [f"x{i}" for i in range(n_inputs)]
    for i in ids:
        d["nodes"].append({"id": i, "type": "input", "value": rng.uniform(-3, 3),
                           "pos": [rng.randint(0, 4000), rng.random() * 4000]})
    types = [t for t in GATES if t != "input"]
    for g in range(n_gates):
        t = rng.choice(types)
        gid = f"g{g}"
        node = {"id": gid, "type": t, "pos": [rng.randint(0, 4000), rng.randint(0, 4000)]}
        if GATES[t].has_param:
            node["param"] = rng.uniform(-2, 2)
        d["nodes"].append(node)
        for port in range(1 if GATES[t].unary else rng.choice((2, 2, 3))):
            d["wires"].append({"from": rng.choice(ids[-500:]), "to": gid, "port": port})
        ids.append(gid)
    rng.shuffle(d["nodes"])
    return fileio.from_dict(d)


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
