"""A wire's drawn shape and where its numbers may sit on it (geometry only, no items).

The shape: port to port through the router's bends, straight stretches joined by rounded
corners, leaving and entering ports horizontally. The spots: points along the drawn
curve where the value fits just above the wire and the gradient just below, best first.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

LEAD = 24.0  # a wire leaves and enters its ports horizontally for this long
CORNER = 22.0  # how much of a slanted stretch a rounded bend takes
LEVEL_CUT = 10.0  # ... and of a level one (the router leaves room for it)
MAX_ANCHORS = 80  # points tried along one wire (a long wire's are further apart)
MAX_SPOTS = 40  # the best this many are offered to the label pass


@dataclass(frozen=True)
class Spot:
    """Where a wire's two numbers sit: a point on the wire and the box each number gets
    (scene coordinates; a box is at least a typical number wide)."""

    anchor: QPointF
    value: QRectF
    grad: QRectF

    def lifted(self, d: float) -> Spot:
        """The same spot with both numbers ``d`` further from the line."""
        return Spot(self.anchor, self.value.translated(0, -d), self.grad.translated(0, d))


def find_spots(path: QPainterPath, v: QRectF, g: QRectF, fork: bool,
               preferred: QPointF | None) -> list[Spot]:
    """Spots for labels of sizes ``v`` (value) and ``g`` (gradient) along ``path``, best
    first (see ``WireItem.spots``)."""
    w = max(v.width(), g.width())
    pts = [(p.x(), p.y()) for poly in path.toSubpathPolygons() for p in poly]
    segs = [(p, q) for p, q in zip(pts, pts[1:], strict=False) if p != q]
    lengths = [((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2) ** 0.5 for p, q in segs]
    total = sum(lengths) or 1.0
    monotone = all(q[0] >= p[0] for p, q in segs)  # then only nearby segments matter
    out = []
    run, step = 0.0, max(6.0, min(12.0, total / 40), total / MAX_ANCHORS)
    next_at = 0.0
    for i, ((p, q), length) in enumerate(zip(segs, lengths, strict=True)):
        ux = (q[0] - p[0]) / length
        while next_at <= run + length:
            t = (next_at - run) / length
            next_at += step
            if ux < 0.35:
                continue  # vertical or backwards: numbers there would float off the line
            x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
            top, bottom = _y_range(_around(segs, i, x - w / 2, x + w / 2)
                                   if monotone else segs, x - w / 2, x + w / 2, y)
            where = (next_at - step) / total
            spread = (bottom - top) / max(v.height(), 1.0)
            if preferred is not None:
                score = _length(QPointF(x, y), preferred) / w
            else:
                score = where * 2.0 if fork else abs(where - 0.5)
            out.append((score + spread * 0.8, x, QPointF(x, y), top, bottom))
        run += length
    out.sort(key=lambda c: (c[0], c[1]))
    spots = []
    for _, x, anchor, top, bottom in out[:MAX_SPOTS]:
        vb = QRectF(x - v.width() / 2, top - 1 - v.height(), v.width(), v.height())
        gb = QRectF(x - g.width() / 2, bottom + 1, g.width(), g.height())
        spots.append(Spot(anchor, vb, gb))
    return spots


def _length(p: QPointF, q: QPointF) -> float:
    return ((q.x() - p.x()) ** 2 + (q.y() - p.y()) ** 2) ** 0.5


def _around(segs, i: int, x0: float, x1: float):
    """The segments of a left-to-right polyline that reach into x0..x1, from segment i."""
    lo = i
    while lo > 0 and segs[lo - 1][1][0] >= x0:
        lo -= 1
    hi = i
    while hi + 1 < len(segs) and segs[hi + 1][0][0] <= x1:
        hi += 1
    return segs[lo:hi + 1]


def _y_range(segs, x0: float, x1: float, y: float) -> tuple[float, float]:
    """The highest and lowest y of the wire over x0..x1 (starting from ``y``)."""
    top = bottom = y
    for (ax, ay), (bx, by) in segs:
        lo, hi = (ax, bx) if ax <= bx else (bx, ax)
        if hi < x0 or lo > x1:
            continue
        if hi - lo < 1e-9:
            ys = (ay, by)
        else:
            ta = (max(lo, x0) - ax) / (bx - ax)
            tb = (min(hi, x1) - ax) / (bx - ax)
            ys = (ay + (by - ay) * ta, ay + (by - ay) * tb)
        top, bottom = min(top, *ys), max(bottom, *ys)
    return top, bottom


def polyline(a: QPointF, b: QPointF, bends=()) -> list[QPointF]:
    """Port to port through ``bends``: leaving and entering ports horizontally, so a
    wire meets its gate head-on and its middle stretch is straight.

    Without bends a wire between different heights gets a short horizontal lead at each
    port and one straight slanted stretch between them; a wire that runs backwards (the
    user put the target left of the source) loops out and back.
    """
    pts = [a, *bends, b]
    out = [a]
    for i in range(1, len(pts)):
        p, q = out[-1], pts[i]
        dx, dy = q.x() - p.x(), q.y() - p.y()
        first, last = i == 1, i == len(pts) - 1
        if abs(dy) < 0.5 or (not first and not last):
            out.append(q)
            continue
        if dx < 2 * LEAD:  # backwards or nearly vertical: out, across, back in
            if first and last:
                mid = (p.y() + q.y()) / 2
                out += [QPointF(p.x() + LEAD, p.y()), QPointF(p.x() + LEAD, mid),
                        QPointF(q.x() - LEAD, mid), QPointF(q.x() - LEAD, q.y())]
            out.append(q)
            continue
        lead = min(LEAD, dx / 4)
        if first:
            out.append(QPointF(p.x() + lead, p.y()))
        if last:
            out.append(QPointF(q.x() - lead, q.y()))
        out.append(q)
    return out


def rounded_path(pts: list[QPointF]) -> tuple[QPainterPath, list[tuple[QPointF, QPointF]]]:
    """Straight segments through ``pts`` with rounded corners; also the straight parts."""
    path = QPainterPath(pts[0])
    stretches: list[tuple[QPointF, QPointF]] = []
    start = pts[0]
    for i in range(1, len(pts) - 1):
        p, c, n = pts[i - 1], pts[i], pts[i + 1]
        lin, lout = _length(p, c), _length(c, n)
        if lin < 1e-6 or lout < 1e-6:
            continue
        # a corner eats little of a level stretch (where numbers sit), more of a slant
        rin = min(CORNER if abs(c.y() - p.y()) > 0.5 else LEVEL_CUT, lin / 2)
        rout = min(CORNER if abs(n.y() - c.y()) > 0.5 else LEVEL_CUT, lout / 2)
        a = c + (p - c) * (rin / lin)
        b = c + (n - c) * (rout / lout)
        path.lineTo(a)
        stretches.append((start, a))
        path.quadTo(c, b)
        start = b
    path.lineTo(pts[-1])
    stretches.append((start, pts[-1]))
    return path, [(p, q) for p, q in stretches if _length(p, q) > 0.5]


def wire_path(a: QPointF, b: QPointF) -> QPainterPath:
    """The drawn shape of a wire from a to b with no bends (also the drag preview)."""
    return rounded_path(polyline(a, b))[0]
