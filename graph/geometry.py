"""Where a node's body and ports are, in scene pixels, as the editor draws them.

The layout and the wire router need the drawn geometry without importing Qt, so the
conventions live here (the editor's ``items/node.py`` draws exactly this; keep the two in
step, or pass the drawn sizes to ``route``/``layout``):

- A node's ``pos`` is the **centre** of its body; y grows downwards (Qt's convention).
- An input is a rounded box ``INPUT_SIZE`` = 92 × 52. A gate is a circle of radius
  ``max(30, (n - 1)·PORT_SPACING/2 + 0.6·PORT_SPACING)`` for ``n`` shown input ports.
- Shown input ports: a gate with a fixed count (``Circuit.port_count``: a unary gate 1,
  a group its own) shows them all; an n-ary gate shows its wired ports, sorted, plus the
  next free one, at least two (``shown_ports``).
- The output port is at ``(x + w/2, y)``; the ``i``-th shown input port at
  ``y_i = y + (i - (n - 1)/2)·PORT_SPACING`` on the body's left rim
  (``x - sqrt(r² - (y_i - y)²)`` for a circle, ``x - w/2`` for a box).
- A gate's name is written in a strip ``NAME_STRIP`` px tall above its body.

>>> from chainwire.graph.circuit import Circuit
>>> c = Circuit()
>>> _ = c.add_node("input", "x"); _ = c.add_node("square", "s")
>>> c.connect("x", "s", 0)
>>> node_size(c, "x"), node_size(c, "s")
((92.0, 52.0), (60.0, 60.0))
>>> in_port_offset(60.0, 60.0, 0, 1), out_port_offset(92.0, 52.0)
((-30.0, 0.0), (46.0, 0.0))
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from chainwire.graph.circuit import MAX_PORTS, Circuit

Point = tuple[float, float]
Size = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, right, bottom

GATE_RADIUS = 30.0
PORT_SPACING = 22.0
INPUT_SIZE: Size = (92.0, 52.0)
NAME_STRIP = 22.0
"""Height of the gate name written above a gate's body (the editor draws it 22 px up)."""

LABEL_SIZE: Size = (64.0, 20.0)
"""One wire label's box (width, height) at 11 pt and 2 decimals ("-100.00" fits)."""


def shown_ports(circuit: Circuit, node_id: str) -> list[int]:
    """The input port numbers drawn on ``node_id``, top to bottom (none for an input)."""
    count = circuit.port_count(node_id)
    if count < MAX_PORTS:  # a fixed count: inputs none, unary gates one, a group its own
        return list(range(count))
    ports = sorted(circuit.inputs_of(node_id))
    nxt = ports[-1] + 1 if ports else 0
    if nxt < MAX_PORTS:
        ports.append(nxt)
    while len(ports) < 2:
        ports.append(ports[-1] + 1)
    return ports


def gate_size(n_ports: int) -> Size:
    """A gate's body (a circle) for ``n_ports`` shown input ports."""
    r = max(GATE_RADIUS, (n_ports - 1) * PORT_SPACING / 2 + PORT_SPACING * 0.6)
    return (2 * r, 2 * r)


def node_size(circuit: Circuit, node_id: str) -> Size:
    """The body size the editor draws for ``node_id``."""
    if circuit.type_of(node_id) == "input":
        return INPUT_SIZE
    return gate_size(len(shown_ports(circuit, node_id)))


def sizes_of(circuit: Circuit, sizes: Mapping[str, Size] | None = None) -> dict[str, Size]:
    """Every node's body size: ``sizes`` where given, else the drawn default."""
    given = sizes or {}
    return {n: given.get(n) or node_size(circuit, n) for n in circuit.graph.nodes}


def out_port_offset(w: float, h: float) -> Point:
    """The output port relative to the node's centre."""
    return (w / 2, 0.0)


def in_port_offset(w: float, h: float, index: int, n_shown: int) -> Point:
    """The ``index``-th of ``n_shown`` input ports relative to the centre, on the left rim.

    A body wider than tall is a box (an input): its ports sit on its left edge.
    """
    dy = (index - (n_shown - 1) / 2) * PORT_SPACING
    r = w / 2
    if w > h + 1e-9 or abs(dy) >= r:
        return (-r, dy)
    return (-math.sqrt(r * r - dy * dy), dy)


def port_offsets(circuit: Circuit, node_id: str, size: Size) -> dict[int, Point]:
    """``{port: offset}`` of every shown input port of ``node_id`` for a body of ``size``."""
    ports = shown_ports(circuit, node_id)
    return {p: in_port_offset(size[0], size[1], i, len(ports)) for i, p in enumerate(ports)}


def body_rect(pos: Point, size: Size) -> Rect:
    """The body's bounding rectangle (left, top, right, bottom)."""
    (x, y), (w, h) = pos, size
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def segment_hits_rect(a: Point, b: Point, r: Rect) -> bool:
    """Whether segment a–b meets the open rectangle ``r`` (touching its edge does not count).

    >>> box = (2, -1, 4, 1)
    >>> segment_hits_rect((0, 0), (10, 0), box), segment_hits_rect((0, 1), (9, 1), box)
    (True, False)
    """
    (x0, y0), (x1, y1) = a, b
    left, top, right, bottom = r
    if (x0 <= left and x1 <= left) or (x0 >= right and x1 >= right) or \
            (y0 <= top and y1 <= top) or (y0 >= bottom and y1 >= bottom):
        return False  # wholly on one side: the common case, decided at once
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q <= 0:
                return False  # parallel to and outside (or on) this edge
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return t1 - t0 > 1e-9


def polyline_hits_rect(points: list[Point], r: Rect) -> bool:
    """Whether any segment of ``points`` passes through the open rectangle ``r``."""
    return any(segment_hits_rect(p, q, r) for p, q in zip(points, points[1:], strict=False))


def segment_hits_circle(a: Point, b: Point, centre: Point, r: float) -> bool:
    """Whether segment a–b passes inside the circle (touching or ending on it does not count).

    >>> segment_hits_circle((-50, 0), (-30, 0), (0, 0), 30.0)
    False
    >>> segment_hits_circle((-50, 0), (50, 0), (0, 0), 30.0)
    True
    """
    (ax, ay), (bx, by), (cx, cy) = a, b, centre
    dx, dy = bx - ax, by - ay
    seg2 = dx * dx + dy * dy
    t = 0.0 if seg2 == 0 else max(0.0, min(1.0, ((cx - ax) * dx + (cy - ay) * dy) / seg2))
    px, py = ax + t * dx - cx, ay + t * dy - cy
    return px * px + py * py < r * r * (1 - 1e-6)


def spread(desired: list[float], gaps: list[float]) -> list[float]:
    """The positions closest to ``desired`` (least squares) that keep their order and are at
    least ``gaps[i]`` apart between item i and i+1: pool-adjacent-violators.

    Why: one rank of a layout, or the wires stacked in one gap, must not overlap, yet each
    should stay as near its ideal height as the others allow.

    >>> spread([0.0, 0.0, 50.0], [20.0, 20.0])
    [-10.0, 10.0, 50.0]
    """
    if not desired:
        return []
    offsets = [0.0]
    for g in gaps:
        offsets.append(offsets[-1] + g)
    blocks: list[list[float]] = []  # [sum of targets, count]
    for d, o in zip(desired, offsets, strict=True):
        blocks.append([d - o, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
    out: list[float] = []
    for s, n in blocks:
        out += [s / n] * int(n)
    return [z + o for z, o in zip(out, offsets, strict=True)]


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether a–b and c–d cross at one point inside both (touching or overlapping do not).

    >>> segments_cross((0, 0), (2, 2), (0, 2), (2, 0))
    True
    >>> segments_cross((0, 0), (1, 0), (1, 0), (2, 1))  # they only touch
    False
    """
    eps = 1e-9
    d1, d2 = _orient(c, d, a), _orient(c, d, b)
    d3, d4 = _orient(a, b, c), _orient(a, b, d)
    return ((d1 > eps and d2 < -eps) or (d1 < -eps and d2 > eps)) and (
        (d3 > eps and d4 < -eps) or (d3 < -eps and d4 > eps))


def count_crossings(lines: Iterable[list[Point]]) -> int:
    """How many times two different polylines cross (each crossing point once).

    Why geometric: it counts what a student sees, for our routes and for Graphviz's alike.

    >>> count_crossings([[(0, 0), (2, 2)], [(0, 2), (2, 0)], [(0, 5), (2, 5)]])
    1
    """
    segs = []
    for i, pts in enumerate(lines):
        for a, b in zip(pts, pts[1:], strict=False):
            box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            segs.append((box, i, a, b))
    segs.sort(key=lambda s: s[0][0])
    n = 0
    for j, (box, i, a, b) in enumerate(segs):  # sweep in x: only overlapping boxes meet
        for box2, i2, c, d in segs[j + 1:]:
            if box2[0] > box[2]:
                break
            if i2 != i and box2[1] <= box[3] and box2[3] >= box[1] and segments_cross(a, b, c, d):
                n += 1
    return n
