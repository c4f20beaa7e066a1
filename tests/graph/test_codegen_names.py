"""Staged code export: labels and ids are user data. Only numbers and sanitised ASCII
identifiers become code; ids, types and labels reach the output as JSON text inside one
``repr``-written string literal, whatever they hold."""

from __future__ import annotations

import ast
import keyword
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph.circuit import Circuit
from chainwire.graph.codegen import SCRIPT_NAMES, identifier, to_python, variable_names
from chainwire.graph.expr import parse
from tests.graph.codegen_cases import assert_same, engine_json, run_scripts

HOSTILE = [
    '"""\nimport os\nos.system("echo pwned")\n"""',
    "x'); __import__('os').system('echo pwned'); ('",
    "\\N{BULLET}", "a\rb", "a\u2028b", "\x00", "\ud800", "# comment", "\\", "'", '"',
    "def", "ef", "class", "lambda", "None", "print", "np", "json", "NAMES", "report",
    "number", "values", "grads", "wire_grads", "x", "dx", "x", "σ", "ℌ", "H", "ﬁ", "fi",
    "w₀", "2", "1e5", "", " ", "日本語", "🙂", "x" * 500, "__import__", "_", "__",
]
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# every string the script's own template holds (docstrings, JSON keys, nan/inf)
TEMPLATE_STRINGS = {"ignore", "nan", "inf", "-inf", "nodes", "wires", "output", "type",
                    "label", "shape", "value", "grad", "from", "to", "port"}


def hostile_circuit() -> Circuit:
    c = Circuit()
    prev = None
    for i, text in enumerate(HOSTILE):
        nid = c.add_node("input", text if text and i % 2 and text not in c else f"n{i}",
                         label=text if i % 3 else None, value=float(i) / 7)
        if prev is not None:
            g = c.add_node("multiply", f"g{i}" if i % 2 else f"{text}!{i}",
                           label=HOSTILE[-i] or None)
            c.connect(prev, g, 0)
            c.connect(nid, g, 1)
            nid = g
        prev = nid
    c.set_output(prev)
    return c


def test_hostile_labels_and_ids_never_become_code(tmp_path):
    c = hostile_circuit()
    code = to_python(c)
    tree = ast.parse(code)
    names_literal = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            assert IDENT.match(node.id), node.id
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.startswith('{"output"'):
                assert names_literal is None  # one literal holds all the names
                names_literal = node.value
            elif node.value not in TEMPLATE_STRINGS:
                assert node.value.startswith(("The forward", "A value", "Print every")), \
                    node.value
        elif isinstance(node, ast.Constant):
            assert node.value is None or type(node.value) in (int, float)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id in {"number", "shape", "report", "dict", "zip", "float",
                                    "print", "list"}
    assert names_literal is not None and names_literal.isascii()
    outside = [line for line in code.split("\n") if not line.startswith("NAMES = ")]
    for bad in ("os.system", "__import__(", "import os", "'echo"):
        assert not any(bad in line for line in outside), bad
    assert_same(run_scripts([code], tmp_path)[0], engine_json(c))


def test_lines_outside_the_names_literal_are_ascii_but_comments():
    code = to_python(hostile_circuit())
    for line in code.split("\n"):
        if line.startswith("NAMES = "):
            continue
        text = line.split("#")[0]
        assert text.isascii(), line


def test_names_are_unique_and_leave_room_for_their_gradient():
    c = parse("x * y")
    for text in ("dx", "ef", "def", "print", "np", "σ", "w₀", "2"):
        c.add_node("input", label=text, value=1.0)
    names = variable_names(c, c.node_ids())
    all_names = list(names.values())
    assert len(set(all_names)) == len(all_names)
    grads = {"d" + n for n in all_names}
    assert not grads & set(all_names)
    for n in all_names + sorted(grads):
        assert IDENT.match(n) and not keyword.iskeyword(n) and n not in SCRIPT_NAMES
    labelled = {c.node(nid).label: name for nid, name in names.items()}
    assert labelled["σ"] == "sigma" and labelled["w₀"] == "w0" and labelled["x"] == "x"
    assert labelled["dx"] != "dx" or names["x"] != "x"  # dx is x's gradient
    assert labelled["ef"] != "ef"  # its gradient would be the keyword def
    assert labelled["2"].startswith("x")  # no name from "2": its id is used


def test_a_constant_of_the_expression_takes_its_id():
    c = parse("max(0, x)")
    names = variable_names(c, c.node_ids())
    assert names["const1"] == "const1" and names["x"] == "x"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_identifier_is_always_an_ascii_identifier_or_empty(text):
    name = identifier(text)
    assert name == "" or (IDENT.match(name) and len(name) <= 40 and not name[0].isdigit())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_any_labels_give_distinct_valid_names(labels):
    c = Circuit()
    for text in labels:
        c.add_node("input", label=text or None, value=1.0)
    names = list(variable_names(c, c.node_ids()).values())
    assert len(set(names)) == len(names)
    compile("\n".join(f"{n} = d{n} = 1.0" for n in names), "<names>", "exec")
