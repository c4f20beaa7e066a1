"""Placing every wire's two numbers at once, so that no number covers another, a gate, a
port, or another wire's line.

Each wire offers spots on its straight stretches (``WireItem.spots``, best first); the
wires are placed one by one, most constrained first, each on its best spot that is free
of everything placed or drawn so far, else on the one that covers least. Obstacles live
in a uniform grid, so a circuit of thousands of wires is placed in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF

from chainwire.editor.items.wire import WireItem

CELL = 96.0
GATE_MARGIN = 6.0  # numbers touching a gate read as the gate's own
LABEL_MARGIN = 3.0
GATE_COST, LABEL_COST, LINE_COST = 8.0, 4.0, 30.0


class Field:
    """What numbers must keep clear of: rects (gates, numbers placed) and wire segments."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list] = {}
        self._n = 0

    def _keys(self, left: float, top: float, right: float, bottom: float):
        for gx in range(int(left // CELL), int(right // CELL) + 1):
            for gy in range(int(top // CELL), int(bottom // CELL) + 1):
                yield gx, gy

    def _add(self, entry: tuple, box: tuple[float, float, float, float]) -> None:
        for k in self._keys(*box):
            self._cells.setdefault(k, []).append(entry)

    def add_rect(self, r: QRectF, owner, weight: float) -> None:
        self._n += 1
        box = (r.left(), r.top(), r.right(), r.bottom())
        self._add((self._n, "rect", box, owner, weight), box)

    def add_line(self, points: list[QPointF], owner) -> None:
        """A wire's drawn polyline (``owner`` may cross its own)."""
        for p, q in zip(points, points[1:], strict=False):
            self._n += 1
            seg = (p.x(), p.y(), q.x(), q.y())
            box = (min(p.x(), q.x()), min(p.y(), q.y()), max(p.x(), q.x()), max(p.y(), q.y()))
            self._add((self._n, "line", seg, owner, LINE_COST), box)

    def cost(self, r: QRectF, owner) -> float:
        """How much ``r`` covers things not ``owner``'s own (0: free)."""
        left, top, right, bottom = r.left(), r.top(), r.right(), r.bottom()
        seen: set[int] = set()
        total = 0.0
        for k in self._keys(left, top, right, bottom):
            for n, kind, g, who, weight in self._cells.get(k, ()):
                if n in seen or (who is owner and owner is not None):
                    continue
                seen.add(n)
                if kind == "rect":
                    w = min(right, g[2]) - max(left, g[0])
                    h = min(bottom, g[3]) - max(top, g[1])
                    if w > 0 and h > 0:
                        total += w * h * weight
                else:
                    inside = clipped_length(g, left, top, right, bottom)
                    if inside > 0:
                        total += (20.0 + inside) * weight
        return total


def clipped_length(seg: tuple[float, float, float, float], left: float, top: float,
                   right: float, bottom: float) -> float:
    """Length of the segment inside the rect (Liang–Barsky clipping); 0 if it misses."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q <= 0:
                return 0.0
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return 0.0
            t0 = max(t0, t)
        else:
            if t < t0:
                return 0.0
            t1 = min(t1, t)
    if t1 <= t0:
        return 0.0
    return (t1 - t0) * (dx * dx + dy * dy) ** 0.5


def place_all(nodes: Iterable, wires: list[WireItem], extra: Iterable[QRectF] = ()) -> None:
    """Place the numbers of ``wires`` clear of ``nodes`` (NodeItems), of each other, of
    every wire's line and of ``extra`` rects (annotations)."""
    field = Field()
    for node in nodes:
        m = GATE_MARGIN
        field.add_rect(node.bounds().adjusted(-m, -m, m, m), None, GATE_COST)
    for r in extra:
        field.add_rect(r, None, GATE_COST)
    outs: dict[object, int] = {}
    for item in wires:
        field.add_line(item.drawn_points(), item)
        outs[item.src] = outs.get(item.src, 0) + 1
    options = []
    for item in wires:
        fork = outs.get(item.src, 0) > 1
        options.append((item, fork, item.spots(fork)))
    # the wires with the fewest spots choose first; then left to right, top to bottom
    options.sort(key=lambda o: (min(len(o[2]), 8), o[0].src.x(), o[0].src.y()))
    for item, fork, spots in options:
        best = None
        for lift in (0.0, 0.35, 0.8):
            tries = spots if lift == 0.0 else item.spots(
                fork, lift * item.value_label.boundingRect().height())
            for spot in tries:
                cost = (field.cost(spot.value.adjusted(-1, -1, 1, 1), item)
                        + field.cost(spot.grad.adjusted(-1, -1, 1, 1), item))
                if best is None or cost < best[0]:
                    best = (cost, spot)
                if not cost:
                    break
            if best is not None and not best[0]:
                break
        spot = best[1] if best is not None else item._fallback_spot()
        item.set_spot(spot)
        m = LABEL_MARGIN
        for r in (spot.value, spot.grad):
            field.add_rect(r.adjusted(-m, -m, m, m), item, LABEL_COST)
