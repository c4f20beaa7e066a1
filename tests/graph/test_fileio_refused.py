"""graph.fileio: every class of bad file is refused whole, with a message saying what
and where (docs/file-format.md, "When a file is refused")."""

from __future__ import annotations

import math

import pytest

from chainwire.graph import fileio
from chainwire.graph.circuit import MAX_PORTS
from chainwire.graph.errors import FileFormatError
from chainwire.graph.gates import GATES
from tests.graph.fileio_cases import SRC, doc, example, fails, node_fails

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
    msg = fails({"format": "chainwire", "version": 3, "nodes": "whatever the future holds"},
                "newer Chainwire")
    assert msg == (f"{SRC}: written by a newer Chainwire (format 3); this one reads up "
                   "to 2. Update Chainwire to open it.")


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
               '"value" must be a number or a list of numbers, not null')
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
               '"value" must be a number or a list of numbers, not true')
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
    msg = node_fails({"id": "t", "type": "softmax", "pos": [0, 0]}, "node 't' (nodes[0])",
                     "unknown gate type 'softmax'")
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
