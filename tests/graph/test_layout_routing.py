"""Routed wires, engine side: on every example and on 200 seeded random circuits of up to
60 gates, laid out, no wire passes through a gate other than its own two ends, each wire
starts and ends at its ports, its labels sit on a straight stretch of it and touch no
other label, gate or wire; routes are deterministic; crossings are counted."""

from __future__ import annotations

import pytest

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.expr import parse
from chainwire.graph.geometry import (
    LABEL_SIZE,
    Rect,
    body_rect,
    count_crossings,
    out_port_offset,
    polyline_hits_rect,
    port_offsets,
    segment_hits_circle,
    segment_hits_rect,
    sizes_of,
)
from chainwire.graph.layout import apply_layout
from chainwire.graph.routing import Routes, label_anchor, route, route_all
from tests.graph.layout_cases import EXAMPLES, RANDOM_SEEDS, random_circuit

# crossings of the shipped examples as laid out (Graphviz dot: the same, see
# benchmarks/layout_quality.py); a change that adds one should be a conscious one
EXAMPLE_CROSSINGS = {"staged": 2}


def check_routes(c: Circuit, r: Routes, label_size=LABEL_SIZE) -> None:
    size = sizes_of(c)
    pos = {n.id: n.pos for n in c.nodes()}
    bodies = {n: body_rect(pos[n], size[n]) for n in pos}
    assert set(r.lines) == set(c.wires()) == set(r.labels)
    lw, lh = label_size
    boxes: list[tuple[Wire, Rect]] = []
    extent = {w: (min(x for x, _ in p), min(y for _, y in p), max(x for x, _ in p),
                  max(y for _, y in p)) for w, p in r.lines.items()}
    for w, pts in r.lines.items():
        (sx, sy), (dx, dy) = pos[w.src], pos[w.dst]
        ox, oy = out_port_offset(*size[w.src])
        ix, iy = port_offsets(c, w.dst, size[w.dst])[w.port]
        assert pts[0] == pytest.approx((sx + ox, sy + oy)), w
        assert pts[-1] == pytest.approx((dx + ix, dy + iy)), w
        for n, rect in bodies.items():  # never behind another gate
            if n not in (w.src, w.dst):
                assert not polyline_hits_rect(pts, rect), (w, n)
        # nor back through its own ends: only the first and last segment touch them
        for a, b in zip(pts[1:], pts[2:], strict=False):
            assert not segment_hits_rect(a, b, bodies[w.src]), w
        for a, b in zip(pts[:-2], pts[1:-1], strict=False):
            assert not segment_hits_rect(a, b, bodies[w.dst]), w
        if c.type_of(w.dst) != "input":
            assert not segment_hits_circle(pts[-2], pts[-1], pos[w.dst],
                                           size[w.dst][0] / 2 - 0.5), w
        # the labels sit on a straight, horizontal stretch of the wire, a label wide
        x, y = r.labels[w]
        assert any(abs(a[1] - y) < 1e-6 and abs(b[1] - y) < 1e-6
                   and min(a[0], b[0]) <= x - lw / 2 + 1e-6
                   and max(a[0], b[0]) >= x + lw / 2 - 1e-6
                   for a, b in zip(pts, pts[1:], strict=False)), w
        boxes.append((w, (x - lw / 2, y - lh - 1, x + lw / 2, y - 1)))  # value, above
        boxes.append((w, (x - lw / 2, y + 2, x + lw / 2, y + lh + 2)))  # gradient, below
    for i, (w, box) in enumerate(boxes):
        for n, rect in bodies.items():
            assert not _overlap(box, rect), (w, n)
        for w2, box2 in boxes[i + 1:]:
            assert w2 == w or not _overlap(box, box2), (w, w2)
        for w2, pts in r.lines.items():
            if w2 != w and _overlap(box, extent[w2]):
                assert not polyline_hits_rect(pts, box), (w, w2)


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_routes(path):
    c = fileio.load(path)
    r = route_all(c)  # as shipped: the examples are laid out by graph.layout
    check_routes(c, r)
    assert count_crossings(r.lines.values()) == EXAMPLE_CROSSINGS.get(path.stem, 0)
    assert route(c) == r.lines == route(c.copy())


def test_the_staged_example_has_no_wire_behind_a_gate():
    """Issue 10's picture: x → num ran behind xpy, num → f behind invden."""
    c = fileio.load(next(p for p in EXAMPLES if p.stem == "staged"))
    r = route(c)
    size = sizes_of(c)
    for w in (Wire("x", "num", 0), Wire("num", "f", 0)):
        for gate in ("xpy", "invden", "sigx", "den"):
            assert not polyline_hits_rect(r[w], body_rect(c.node(gate).pos, size[gate]))


@pytest.mark.parametrize("chunk", range(10))
def test_random_circuits_route_clear_of_every_gate(chunk):
    for seed in RANDOM_SEEDS[chunk::10]:
        c = random_circuit(seed)
        apply_layout(c)
        r = route_all(c)
        check_routes(c, r)
        assert route_all(c.copy()) == r  # deterministic
        assert count_crossings(r.lines.values()) >= 0


def test_routes_follow_a_dragged_node():
    c = parse("(x + y) * z")
    before = route(c)
    x, y = c.node("add1").pos
    moved = route(c, positions={"add1": (x + 40, y + 300)})
    assert c.node("add1").pos == (x, y)  # routing never edits
    w = Wire("add1", "multiply1", 0)
    assert moved[w][0][1] == before[w][0][1] + 300
    for wire, pts in moved.items():
        assert pts[0] != before[wire][0] or pts[-1] != before[wire][-1] or \
            "add1" not in wire[:2]


def test_a_wire_drawn_backwards_takes_a_detour_around_the_gates():
    c = parse("sigmoid(x) * y")
    apply_layout(c)
    # drag the output gate left of its inputs, behind the sigmoid's column
    x0, _ = c.node("x").pos
    r = route(c, positions={"multiply1": (x0 - 200, 0.0)})
    size = sizes_of(c)
    pos = {n.id: n.pos for n in c.nodes()} | {"multiply1": (x0 - 200, 0.0)}
    for w, pts in r.items():
        for n in pos:
            if n not in (w.src, w.dst):
                assert not polyline_hits_rect(pts, body_rect(pos[n], size[n])), (w, n)


def test_given_sizes_move_the_ports():
    c = parse("x * y")
    big = {"multiply1": (120.0, 120.0)}
    a, b = route(c), route(c, big)
    w = Wire("x", "multiply1", 0)
    assert b[w][-1][0] < a[w][-1][0]  # a bigger body: its rim is further left
    assert b[w][0] == a[w][0]


def test_label_anchor_prefers_the_longest_horizontal_stretch():
    assert label_anchor([(0, 0), (10, 5), (90, 5), (100, 0)]) == (50.0, 5.0)
    assert label_anchor([(0, 0), (30, 30)]) == (15.0, 15.0)  # no flat part: the middle


def test_count_crossings():
    x = [[(0, 0), (10, 10)], [(0, 10), (10, 0)]]
    assert count_crossings(x) == 1
    assert count_crossings([[(0, 0), (5, 0), (10, 0)], [(5, 0), (5, 10)]]) == 0  # touching
    assert count_crossings([]) == 0
