"""Left-to-right layout: no overlaps, every wire runs rightwards, deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire import resources
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.expr import parse
from chainwire.graph.layout import COLUMN_GAP, ROW_GAP, apply_layout, columns, layout

EXAMPLES = sorted((Path(resources.__file__).parent / "examples").glob("*.chainwire"))
EXPRESSIONS = [
    "(x + y) * z",
    "sigmoid(w0*x0 + w1*x1 + w2)",
    "(x + sigmoid(y)) / (sigmoid(x) + (x + y)**2)",
    "max(a, b) * c - exp(-a) / (b + c)",
    "x*x*x + y",
    "((a + b) * (c + d) + (e - f) * (g + h)) ** 2",
]


def check_tidy(c: Circuit, pos: dict[str, tuple[float, float]]) -> None:
    assert set(pos) == set(c.node_ids())
    # no two nodes overlap: nodes in one column are a full row apart
    points = sorted(pos.values())
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        assert x1 - x0 >= COLUMN_GAP or abs(y1 - y0) >= ROW_GAP
    # every wire runs rightwards
    for w in c.wires():
        assert pos[w.dst][0] > pos[w.src][0], w
    # sources (the inputs) in column 0; columns centred on y = 0
    for n in c.nodes():
        if n.type == "input":
            assert pos[n.id][0] == 0.0
    for col in columns(c):
        ys = [pos[n][1] for n in col]
        assert sum(ys) == pytest.approx(0.0, abs=1e-9)


def build(text: str) -> Circuit:
    return parse(text)


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_expression_layouts_are_tidy(text):
    c = build(text)
    check_tidy(c, layout(c))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_layouts_are_tidy(path):
    c = fileio.load(path)
    check_tidy(c, layout(c))


def test_spacing_and_the_notes_circuit():
    c = parse("(x + y) * z")
    assert layout(c) == {"x": (0.0, -ROW_GAP), "y": (0.0, 0.0), "z": (0.0, ROW_GAP),
                         "add1": (COLUMN_GAP, 0.0), "multiply1": (2 * COLUMN_GAP, 0.0)}
    # room between columns for a wire's two numbers, rows apart enough for them too
    assert 220 <= COLUMN_GAP <= 240 and 100 <= ROW_GAP <= 120


def test_custom_gaps():
    c = parse("x + y")
    assert layout(c, column_gap=100, row_gap=50) == {
        "x": (0.0, -25.0), "y": (0.0, 25.0), "add1": (100.0, 0.0)}


def test_deterministic():
    for text in EXPRESSIONS:
        a, b = build(text), build(text)
        assert layout(a) == layout(b) == layout(a)


def test_apply_layout_moves_nodes():
    c = parse("x * y")
    c.move("x", (999.0, 999.0))
    apply_layout(c)
    assert {n.id: n.pos for n in c.nodes()} == layout(c)


def test_empty_and_half_built_circuits():
    assert layout(Circuit()) == {}
    c = Circuit()
    c.add_node("input", "x")
    c.add_node("add", "a")  # nothing wired in: a source, column 0 too
    c.add_node("square", "s")
    c.connect("x", "s", 0)
    pos = layout(c)
    assert pos["x"][0] == pos["a"][0] == 0.0 and pos["s"][0] == COLUMN_GAP
    check_tidy(c, pos)


def test_wires_into_a_gate_come_in_port_order():
    # inputs listed in the "wrong" order still end up top-to-bottom by the port they feed
    c = Circuit()
    for n in ("b", "a"):
        c.add_node("input", n)
    c.add_node("multiply", "m")
    c.connect("a", "m", 0)
    c.connect("b", "m", 1)
    pos = layout(c)
    assert pos["a"][1] < pos["b"][1]


@st.composite
def dags(draw):
    n_inputs = draw(st.integers(1, 6))
    n_gates = draw(st.integers(0, 14))
    c = Circuit()
    ids = [c.add_node("input", f"i{k}") for k in range(n_inputs)]
    for k in range(n_gates):
        unary = draw(st.booleans())
        srcs = draw(st.lists(st.sampled_from(ids), min_size=1 if unary else 2,
                             max_size=1 if unary else 4))
        g = c.add_node("square" if unary else "add", f"g{k}")
        for port, s in enumerate(srcs):
            c.connect(s, g, port)
        ids.append(g)
    return c


@settings(max_examples=150, deadline=None)
@given(dags())
def test_random_dags_are_tidy_and_deterministic(c):
    pos = layout(c)
    check_tidy(c, pos)
    assert layout(c.copy()) == pos


def test_computing_a_layout_reads_the_circuit_and_changes_nothing():
    """``layout`` reads the read-only ``circuit.graph``; only ``apply_layout`` edits."""
    c = parse("((a + b) * (c + d) + (e - f) * (g + h)) ** 2")
    before, version = c.copy(), c.structure_version
    batches: list = []
    c.subscribe(batches.append)
    assert columns(c) == columns(c) and layout(c) == layout(c)
    assert c == before and c.structure_version == version and batches == []
    apply_layout(c, column_gap=100.0)
    assert batches and all(ch.kind == "node_changed" and ch.field == "pos"
                           for b in batches for ch in b)
