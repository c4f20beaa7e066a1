"""The layered layout: inputs left, f right, wires rightwards, no overlaps, room for the
labels, few crossings, deterministic, and it never edits unless asked."""

from __future__ import annotations

import pytest

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.expr import parse
from chainwire.graph.geometry import LABEL_SIZE, NAME_STRIP, sizes_of
from chainwire.graph.layout import COLUMN_GAP, ROW_GAP, apply_layout, columns, layout
from chainwire.graph.ordering import arrange, layers
from chainwire.graph.routing import MARGIN, TRANSITION
from tests.graph.layout_cases import EXAMPLES, EXPRESSIONS, random_circuit


def check_tidy(c: Circuit, pos: dict[str, tuple[float, float]]) -> None:
    assert set(pos) == set(c.node_ids())
    size = sizes_of(c)
    xs = sorted({x for x, _ in pos.values()})
    # every wire runs rightwards; inputs in the first column; the output in the last
    for w in c.wires():
        assert pos[w.dst][0] > pos[w.src][0], w
    for n in c.nodes():
        if n.type == "input":
            assert pos[n.id][0] == 0.0
    out = c.resolved_output()[0]
    if out is not None and not c.wires_out_of(out):
        assert pos[out][0] == xs[-1]
    # columns: far enough apart for a label and its slanted ends between any two bodies
    for a, b in zip(xs, xs[1:], strict=False):
        assert b - a >= COLUMN_GAP
        left = max(size[n][0] / 2 for n in pos if pos[n][0] == a)
        right = max(size[n][0] / 2 for n in pos if pos[n][0] == b)
        assert b - a - left - right >= LABEL_SIZE[0] + 2 * TRANSITION
    # in a column, bodies (a gate with its name above it) never touch, ROW_GAP apart at least
    for x in xs:
        col = sorted((pos[n][1], n) for n in pos if pos[n][0] == x)
        for (y0, a), (y1, b) in zip(col, col[1:], strict=False):
            assert y1 - y0 >= ROW_GAP
            name = NAME_STRIP if c.type_of(b) != "input" else 0.0
            assert y1 - size[b][1] / 2 - name - MARGIN >= y0 + size[a][1] / 2 + MARGIN - 1


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_expression_layouts_are_tidy(text):
    c = parse(text)
    check_tidy(c, layout(c))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_layouts_are_tidy(path):
    c = fileio.load(path)
    check_tidy(c, layout(c))


@pytest.mark.parametrize("seed", range(0, 200, 5))
def test_random_dags_are_tidy_and_deterministic(seed):
    c = random_circuit(seed)
    pos = layout(c)
    check_tidy(c, pos)
    assert layout(c.copy()) == pos
    assert all(float(y).is_integer() for _, y in pos.values())  # whole pixels in files


def test_the_notes_circuit():
    c = parse("(x + y) * z")
    pos = layout(c)
    assert columns(c) == [["x", "y", "z"], ["add1"], ["multiply1"]]
    assert pos["multiply1"] == (2 * COLUMN_GAP, 0.0)  # f on the axis, two columns right
    assert pos["x"][1] < pos["y"][1] < pos["z"][1]
    # x and y feed the sum: it sits between them; z's long wire passes under it
    assert pos["x"][1] < pos["add1"][1] <= pos["y"][1] < pos["z"][1]


def test_custom_column_gap_and_label_size():
    c = parse("x + y")
    assert layout(c, column_gap=400)["add1"][0] == 400.0
    # a wide label widens the gap whatever column_gap asks for
    wide = layout(c, column_gap=10, label_size=(300.0, 20.0))["add1"][0]
    assert wide >= 46 + 300 + 2 * TRANSITION + 30
    # taller labels stack the two wires further apart
    tall = layout(c, label_size=(64.0, 60.0))
    assert tall["y"][1] - tall["x"][1] > layout(c)["y"][1] - layout(c)["x"][1]


def test_apply_layout_moves_nodes_in_one_batch():
    c = parse("x * y")
    c.move("x", (999.0, 999.0))
    batches: list = []
    c.subscribe(batches.append)
    apply_layout(c)
    assert {n.id: n.pos for n in c.nodes()} == layout(c)
    assert len(batches) == 1


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
    assert arrange(c).crossings() == 0


def test_layers_keep_wires_short_and_the_output_last():
    # u feeds only the last gate: it moves right next to it (one short wire, not a long one)
    c = parse("(a + b) * (c + d) * sigmoid(a)")
    lay = layers(c)
    assert all(lay[n] == 0 for n in c.node_ids() if c.type_of(n) == "input")
    (sig,) = [n for n in c.node_ids() if c.type_of(n) == "sigmoid"]
    (succ,) = c.graph.successors(sig)
    assert lay[succ] - lay[sig] == 1
    assert lay[c.output] == max(lay.values())


def test_crossing_minimisation_finds_the_uncrossed_order():
    # wired so that the circuit's own order crosses every pair: the layout uncrosses them
    c = Circuit()
    for n in "abcd":
        c.add_node("input", n)
    c.add_node("add", "s")
    for port, n in enumerate("dcba"):
        c.connect(n, "s", port)
    assert arrange(c).crossings() == 0
    pos = layout(c)
    assert [n for n in sorted("abcd", key=lambda n: pos[n][1])] == list("dcba")


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
