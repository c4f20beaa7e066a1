"""Wire routes: polylines that run through the gaps between gates, never behind one.

Why here and not in the editor: the route is a pure function of the circuit and where its
nodes are, so the engine's tests can check it (no wire through a gate) and the editor,
the renderer and the JSON export draw the same lines. Call ``route`` on every change that
moves a node (also with a dragged node's preview ``positions``); it never edits.

How: nodes whose bodies overlap horizontally form a **band** (a column, after ``layout``);
between two bands is a **gap**. A wire from band ``a`` to a band ``b > a``:

- leaves its source's output port horizontally, to the band's right edge;
- in every gap it crosses it runs horizontally through the gap's middle **zone** (where
  its labels go: value above, gradient below, in the first gap after its source), with
  a slanted **transition** on either side of the zone, where wires may cross;
- through every band between, it runs horizontally in a free **lane** between the gates;
- ends horizontally into its target's input port.

Wires in one gap are stacked (in the order they arrive, then where they go) at least a
label's height apart, so labels never touch each other, a gate, or another wire's line. A wire
whose target is not in a band to the right of its source (the user dragged it there)
takes a detour around the gates instead. Geometry conventions: ``graph.geometry``.

>>> from chainwire.graph.expr import parse
>>> c = parse("x * y")  # laid out: x at (0, -51), y at (0, 29), the product at (230, 0)
>>> [(round(x), round(y)) for x, y in route(c)[Wire("x", "multiply1", 0)]]
[(46, -51), (152, -51), (195, -22), (203, -22)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.geometry import (
    LABEL_SIZE,
    NAME_STRIP,
    Point,
    Rect,
    Size,
    body_rect,
    out_port_offset,
    polyline_hits_rect,
    port_offsets,
    sizes_of,
    spread,
)

MARGIN = 8.0
"""Clear space kept between a wire and any gate body it passes."""
LANE = 12.0
"""Vertical distance between two wires passing through one band, or one gap's lanes."""
TRANSITION = 24.0
"""Shortest horizontal run of a wire's slanted part at either end of a gap."""
LABEL_PAD = 4.0
"""Space between a wire's label and the next wire's line."""
CROSSING_COST = 400.0
"""How many pixels of vertical travel a long wire would rather take than cross a wire."""
STUB = 20.0
"""How far a detour runs straight out of a port before it turns."""


@dataclass
class _Band:
    left: float
    right: float
    nodes: list[str]


@dataclass(frozen=True)
class Routes:
    """Every wire's polyline and where its labels go."""

    lines: dict[Wire, list[Point]]
    """``[source port, bends..., target port]`` per wire, in scene pixels."""
    labels: dict[Wire, Point]
    """The point the wire's labels centre on: value above it, gradient below it. It lies
    on a horizontal stretch of the wire at least ``label_size[0]`` long when the gap allows,
    in the first gap after the source (a fork's branches are labelled where they part)."""


def route(circuit: Circuit, sizes: Mapping[str, Size] | None = None, *,
          positions: Mapping[str, Point] | None = None,
          label_size: Size = LABEL_SIZE) -> dict[Wire, list[Point]]:
    """Every wire's polyline ``[source port, bends..., target port]`` in scene pixels.

    Parameters
    ----------
    sizes : the drawn body size ``(w, h)`` per node id; missing ids get
        ``geometry.node_size``.
    positions : node centres overriding the circuit's (a drag in progress).
    label_size : one wire label's box ``(w, h)``; a gap's zone is this wide when the gap
        allows, and wires in one gap are stacked two label heights apart.
    """
    return route_all(circuit, sizes, positions=positions, label_size=label_size).lines


def route_all(circuit: Circuit, sizes: Mapping[str, Size] | None = None, *,
              positions: Mapping[str, Point] | None = None,
              label_size: Size = LABEL_SIZE) -> Routes:
    """``route``'s polylines and each wire's label anchor (parameters as ``route``)."""
    pos: dict[str, Point] = {n: circuit.node(n).pos for n in circuit.graph.nodes}
    if positions:
        pos.update({n: (p[0], p[1]) for n, p in positions.items() if n in pos})
    size = sizes_of(circuit, sizes)
    bands, band_of = _bands(pos, size)
    ends = {w: _ends(circuit, w, pos, size) for w in circuit.wires()}
    forward = [w for w in ends if band_of[w.src] < band_of[w.dst]]
    lanes = _lanes(circuit, forward, ends, bands, band_of, pos, size)
    slots = _slots(forward, ends, lanes, band_of, label_size)
    lines: dict[Wire, list[Point]] = {}
    labels: dict[Wire, Point] = {}
    for w, (a, b) in ends.items():
        bs, bd = band_of[w.src], band_of[w.dst]
        if bs < bd:
            pts = [a, (bands[bs].right, a[1])]
            for k in range(bs, bd):
                zl, zr = _zone(bands[k].right, bands[k + 1].left, label_size[0])
                pts += [(zl, slots[w, k]), (zr, slots[w, k])]
                if k == bs:
                    labels[w] = ((zl + zr) / 2, slots[w, k])
                if k + 1 < bd:
                    y = lanes[w, k + 1]
                    pts += [(bands[k + 1].left, y), (bands[k + 1].right, y)]
            pts += [(bands[bd].left, b[1]), b]
            lines[w] = simplify(pts)
        else:
            lines[w] = simplify(_detour(w, a, b, pos, size))
            labels[w] = label_anchor(lines[w])
    return Routes(lines, labels)


def label_anchor(points: list[Point]) -> Point:
    """Where a wire's labels sit: the middle of its longest horizontal stretch (the first
    if several tie), else of its longest segment. The value goes above, the gradient below.

    >>> label_anchor([(0, 0), (10, 5), (90, 5), (100, 0)])
    (50.0, 5.0)
    """
    segs = list(zip(points, points[1:], strict=False)) or [(points[0], points[0])]
    flat = [s for s in segs if abs(s[0][1] - s[1][1]) < 1e-9]
    (a, b) = max(flat or segs, key=lambda s: math.dist(s[0], s[1]))
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and middle points of straight runs (fewer, cleaner bends)."""
    out: list[Point] = []
    for p in points:
        p = (float(p[0]), float(p[1]))
        if out and math.dist(out[-1], p) < 1e-9:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            cross = (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)
            if abs(cross) < 1e-6 and (bx - ax) * (p[0] - bx) + (by - ay) * (p[1] - by) >= 0:
                out[-1] = p
                continue
        out.append(p)
    return out


# ----- the pieces ------------------------------------------------------------------------

def _ends(circuit: Circuit, w: Wire, pos: Mapping[str, Point],
          size: Mapping[str, Size]) -> tuple[Point, Point]:
    (sx, sy), (dx, dy) = pos[w.src], pos[w.dst]
    ox, oy = out_port_offset(*size[w.src])
    offs = port_offsets(circuit, w.dst, size[w.dst])
    ix, iy = offs.get(w.port, (-size[w.dst][0] / 2, 0.0))
    return (sx + ox, sy + oy), (dx + ix, dy + iy)


def _bands(pos: Mapping[str, Point], size: Mapping[str, Size]
           ) -> tuple[list[_Band], dict[str, int]]:
    """Group nodes whose bodies overlap horizontally, left to right."""
    spans = sorted((pos[n][0] - size[n][0] / 2, pos[n][0] + size[n][0] / 2, n) for n in pos)
    bands: list[_Band] = []
    for left, right, n in spans:
        if bands and left < bands[-1].right:
            bands[-1].right = max(bands[-1].right, right)
            bands[-1].nodes.append(n)
        else:
            bands.append(_Band(left, right, [n]))
    return bands, {n: i for i, b in enumerate(bands) for n in b.nodes}


def _zone(left: float, right: float, label_w: float) -> tuple[float, float]:
    """The straight middle of a gap: ``label_w`` wide if the gap allows, centred."""
    g = right - left
    d = max(min(TRANSITION, g / 4), (g - label_w) / 2)
    return left + d, right - d


def blocked(circuit: Circuit, nodes: Iterable[str], pos: Mapping[str, Point],
            size: Mapping[str, Size]) -> list[tuple[float, float]]:
    """The heights a wire may not cross a band at: each body (with its name strip) plus
    ``MARGIN``, merged, top to bottom."""
    spans = []
    for n in nodes:
        _, top, _, bottom = body_rect(pos[n], size[n])
        if circuit.type_of(n) != "input":
            top -= NAME_STRIP
        spans.append((top - MARGIN, bottom + MARGIN))
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _free(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    edges = [-math.inf] + [v for s in spans for v in s] + [math.inf]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]


def _lanes(circuit: Circuit, forward: list[Wire], ends: Mapping[Wire, tuple[Point, Point]],
           bands: list[_Band], band_of: Mapping[str, int], pos: Mapping[str, Point],
           size: Mapping[str, Size]) -> dict[tuple[Wire, int], float]:
    """The height at which each long wire crosses each band between its ends: through one
    free interval per band, chosen for the fewest crossings, then the least vertical
    travel (dynamic programming over the intervals); wires sharing an interval are
    stacked ``LANE`` apart."""
    free: dict[int, list[tuple[float, float]]] = {}
    chosen: dict[int, list[tuple[int, float, Wire]]] = {}
    wires_of: dict[str, list[Wire]] = {}  # a node's wires, read once (long wires pass it often)

    def around(n: str) -> list[Wire]:
        if n not in wires_of:
            wires_of[n] = circuit.wires_of(n)
        return wires_of[n]
    for w in forward:
        bs, bd = band_of[w.src], band_of[w.dst]
        if bd - bs < 2:
            continue
        ay, by = ends[w][0][1], ends[w][1][1]
        best: list[tuple[float, float]] = [(0.0, ay)]  # per interval: cost so far, height
        back: list[list[int]] = []  # per band: each interval's best one in the band before
        lines = []
        for k in range(bs + 1, bd):
            if k not in free:
                free[k] = _free(blocked(circuit, bands[k].nodes, pos, size))
            line = _height(ends[w], (bands[k].left + bands[k].right) / 2)
            lines.append(line)
            sides = [(pos[n][1], *_sides(around(n), w, n, ends)) for n in bands[k].nodes]
            nxt, came = [], []
            for lo, hi in free[k]:
                y = min(max(line, lo), hi)
                crossings = sum(above if ny > hi else below if ny < lo else 0
                                for ny, above, below in sides)
                j = _cheapest(best, y)
                nxt.append((best[j][0] + abs(y - best[j][1]) + CROSSING_COST * crossings, y))
                came.append(j)
            best = nxt
            back.append(came)
        path = [_cheapest(best, by)]  # then back band by band: no path copied per step
        for came in back[:0:-1]:
            path.append(came[path[-1]])
        path.reverse()
        for k, i, line in zip(range(bs + 1, bd), path, lines, strict=True):
            chosen.setdefault(k, []).append((i, line, w))
    lanes: dict[tuple[Wire, int], float] = {}
    for k, items in chosen.items():
        intervals = free[k]
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        carry: list[tuple[float, Wire]] = []
        for i, (lo, hi) in enumerate(intervals):  # top to bottom; a full one spills down
            queue = carry + [(line, w) for j, line, w in items if j == i]
            room = len(queue) if math.isinf(hi - lo) else int((hi - lo) // LANE) + 1
            group, carry = queue[:room], queue[room:]
            ys = spread([y for y, _ in group], [LANE] * (len(group) - 1))
            for y, (_, w) in zip(_clamp(ys, lo, hi), group, strict=True):
                lanes[w, k] = y
    return lanes


def _cheapest(best: list[tuple[float, float]], y: float) -> int:
    """The interval to come from (the first of equals): least cost plus travel to ``y``."""
    return min(range(len(best)), key=lambda j: best[j][0] + abs(y - best[j][1]))


def _height(end: tuple[Point, Point], x: float) -> float:
    """The height of the straight line between a wire's ends at ``x``."""
    (ax, ay), (bx, by) = end
    return ay + (by - ay) * (x - ax) / ((bx - ax) or 1.0)


def _sides(around: list[Wire], w: Wire, n: str, ends: Mapping[Wire, tuple[Point, Point]]
           ) -> tuple[int, int]:
    """How many of ``n``'s wires ``w`` would cross passing above ``n``, and below it: each
    is compared with ``w`` where both still run (straight lines between their ends)."""
    above = below = 0
    (ax, _), (bx, _) = ends[w]
    for v in around:  # the wires of n
        if v not in ends or v == w:
            continue
        (sx, _), (tx, _) = ends[v]
        x = min(bx, tx) if v.src == n else max(ax, sx)
        mine, theirs = _height(ends[w], x), _height(ends[v], x)
        if mine > theirs:
            above += 1
        elif mine < theirs:
            below += 1
    return above, below


def _clamp(ys: list[float], lo: float, hi: float) -> list[float]:
    """Bring a stack of lanes (``LANE`` apart or more) inside [lo, hi], keeping it apart:
    lane ``i`` of ``n`` may only lie in [lo + i·LANE, hi - (n-1-i)·LANE] (it fits: see
    ``room``). A single lane in an interval narrower than ``LANE`` takes its middle."""
    n = len(ys)
    if n == 1 and hi - lo < LANE:
        return [(lo + hi) / 2]
    return [min(max(y, lo + i * LANE), hi - (n - 1 - i) * LANE) for i, y in enumerate(ys)]


def _slots(forward: list[Wire], ends: Mapping[Wire, tuple[Point, Point]],
           lanes: Mapping[tuple[Wire, int], float], band_of: Mapping[str, int],
           label_size: Size) -> dict[tuple[Wire, int], float]:
    """Each wire's height in each gap it crosses, stacked so labels fit (value above the
    line, gradient below): each as near the height it arrives at as the others allow,
    ordered by that height, then by where it goes next (a fork's branches fan out)."""
    per_gap: dict[int, list[tuple[float, float, Wire, bool]]] = {}
    for w in forward:
        bs, bd = band_of[w.src], band_of[w.dst]
        a, b = ends[w]
        for k in range(bs, bd):
            prev = a[1] if k == bs else lanes[w, k]
            nxt = b[1] if k + 1 == bd else lanes[w, k + 1]
            per_gap.setdefault(k, []).append((prev, nxt, w, k == bs))
    half_label = label_size[1] + LABEL_PAD
    slots: dict[tuple[Wire, int], float] = {}
    for k, items in per_gap.items():
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        half = [half_label if labelled else LANE / 2 for *_, labelled in items]
        gaps = [half[i] + half[i + 1] for i in range(len(items) - 1)]
        for y, (*_, w, _labelled) in zip(spread([t[0] for t in items], gaps), items,
                                         strict=True):
            slots[w, k] = y
    return slots


def _detour(w: Wire, a: Point, b: Point, pos: Mapping[str, Point],
            size: Mapping[str, Size]) -> list[Point]:
    """A wire whose target is not to the right of its source: out of the port, along a
    clear height above or below the gates in the way, and into the port."""
    others = [_inflate(body_rect(pos[n], size[n]), MARGIN / 2) for n in pos
              if n not in (w.src, w.dst)]
    own = [_inflate(body_rect(pos[n], size[n]), -1.0) for n in (w.src, w.dst)]
    p1, p4 = (a[0] + STUB, a[1]), (b[0] - STUB, b[1])
    candidates = [[a, b]] if b[0] > a[0] else []
    candidates.append([a, p1, p4, b])
    lo_x, hi_x = min(p1[0], p4[0]), max(p1[0], p4[0])
    heights = {(a[1] + b[1]) / 2}
    for r in others + own:
        if r[2] >= lo_x and r[0] <= hi_x:
            heights |= {r[1] - MARGIN, r[3] + MARGIN}
    mid = (a[1] + b[1]) / 2
    for y in sorted(heights, key=lambda y: (abs(y - mid), y)):
        candidates.append([a, p1, (p1[0], y), (p4[0], y), p4, b])

    def hits(pts: list[Point]) -> int:
        n = sum(polyline_hits_rect(pts, r) for r in others)
        inner = pts[1:-1]
        return n + sum(len(inner) > 1 and polyline_hits_rect(inner, r) for r in own)

    return min(enumerate(candidates), key=lambda t: (hits(t[1]), t[0]))[1]


def _inflate(r: Rect, m: float) -> Rect:
    return (r[0] - m, r[1] - m, r[2] + m, r[3] + m)
