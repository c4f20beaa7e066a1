"""Where a chain-rule callout goes: in free space near the number it explains.

A callout must never hide what a class is reading (a wire's numbers, a gate, a port), and
on a projector it must lie wholly on the screen. So: candidate boxes on a grid around the
gradient label it explains, nearest first; the first that covers nothing and stays inside
the allowed area wins, else the one that covers least. A callout that does not touch its
label gets a leader line to it (``CalloutItem.target``).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from chainwire.editor.label_placement import clipped_length

COVER_COST = 10.0  # per unit² of a gate, a port or a number covered
CALLOUT_COST = 30.0  # per unit² of another callout
LINE_COST = 0.5  # per unit of a wire's line covered (allowed, but free space is better)
SEARCH = 14.0  # how many callout heights around the label to look, without a screen


def _gap(a: QRectF, b: QRectF) -> float:
    dx = max(0.0, b.left() - a.right(), a.left() - b.right())
    dy = max(0.0, b.top() - a.bottom(), a.top() - b.bottom())
    return (dx * dx + dy * dy) ** 0.5


def _overlap(a: QRectF, b: QRectF) -> float:
    w = min(a.right(), b.right()) - max(a.left(), b.left())
    h = min(a.bottom(), b.bottom()) - max(a.top(), b.top())
    return w * h if w > 0 and h > 0 else 0.0


def candidates(label: QRectF, w: float, h: float, area: QRectF | None) -> list[QRectF]:
    """Boxes of w×h on a grid around ``label`` (clipped to ``area``), nearest first;
    beside-the-label positions (touching it above, below, left, right) come first."""
    step = max(h / 2, 4.0)
    if area is None:
        area = label.adjusted(-SEARCH * h - w, -SEARCH * h, SEARCH * h + w, SEARCH * h)
    lo_x, hi_x = area.left(), area.right() - w
    lo_y, hi_y = area.top(), area.bottom() - h
    if hi_x < lo_x or hi_y < lo_y:  # the area is smaller than the callout: its top-left
        return [QRectF(area.left(), area.top(), w, h)]
    cx, cy = label.center().x(), label.center().y()
    gap = 4.0
    near = [QPointF(cx - w / 2, label.top() - gap - h), QPointF(cx - w / 2, label.bottom() + gap),
            QPointF(label.left() - gap - w, cy - h / 2), QPointF(label.right() + gap, cy - h / 2),
            QPointF(label.left(), label.bottom() + gap), QPointF(label.right() - w,
                                                                 label.bottom() + gap),
            QPointF(label.left(), label.top() - gap - h), QPointF(label.right() - w,
                                                                  label.top() - gap - h)]
    boxes = [QRectF(p.x(), p.y(), w, h) for p in near]
    boxes = [b for b in boxes if lo_x <= b.left() <= hi_x and lo_y <= b.top() <= hi_y]
    grid = []
    nx, ny = int((hi_x - lo_x) // step) + 1, int((hi_y - lo_y) // step) + 1
    for i in range(nx + 1):
        x = min(lo_x + i * step, hi_x)
        for j in range(ny + 1):
            y = min(lo_y + j * step, hi_y)
            r = QRectF(x, y, w, h)
            grid.append((_gap(r, label), abs(r.center().y() - cy), r))
    grid.sort(key=lambda t: (t[0], t[1]))
    return boxes + [r for *_, r in grid]


def best_box(label: QRectF, w: float, h: float, covers: list[QRectF],
             placed: list[QRectF], lines: list[list[QPointF]],
             area: QRectF | None = None) -> QRectF:
    """The box for a w×h callout explaining ``label``: inside ``area`` (when given),
    covering none of ``covers`` (gates, ports, numbers) nor ``placed`` callouts, and as
    few wire ``lines`` as it can; the nearest such box wins."""
    best, best_cost = None, None
    segs = [(p.x(), p.y(), q.x(), q.y()) for pts in lines
            for p, q in zip(pts, pts[1:], strict=False)]
    for r in candidates(label, w, h, area):
        cost = 0.0
        for o in covers:
            cost += _overlap(r, o) * COVER_COST
        for o in placed:
            cost += _overlap(r.adjusted(-4, -4, 4, 4), o) * CALLOUT_COST
        if cost and best_cost is not None and cost >= best_cost:
            continue
        hard = cost
        for s in segs:
            cost += clipped_length(s, r.left(), r.top(), r.right(), r.bottom()) * LINE_COST
        if best_cost is None or cost < best_cost:
            best, best_cost = r, cost
        if not hard and cost <= LINE_COST * 4 * h:
            break  # free of numbers and gates, and at most a wire or two under it
        if not cost:
            break
    return best
