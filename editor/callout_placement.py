"""Where a chain-rule callout goes: in free space near the number it explains.

A callout must never hide what a class is reading (a wire's numbers, a gate, a port), and
on a projector it must lie wholly on the screen. So: candidate boxes on a grid around the
gradient label it explains, nearest first; the first that covers nothing and stays inside
the allowed area wins, else the one that covers least. A callout that does not touch its
label gets a leader line to it (``CalloutItem.target``).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF

from chainwire.editor.label_placement import clipped_length

COVER_COST = 10.0  # per unit² of a gate, a port or a number covered
CALLOUT_COST = 30.0  # per unit² of another callout
LINE_COST = 0.5  # per unit of a wire's line covered (allowed, but free space is better)
BUSY_LINE_COST = COVER_COST  # per unit of a wire a callout explains (the class follows it)
LEADER_COST = 400.0  # per number, gate or other leader line a leader line would cross
LEADER_GRAZE = 6.0  # a leader's last units may pass a corner of what abuts its label
ALONG = 2.5  # a leader this close to a wire's line for 4 × this runs along the wire
SEARCH = 14.0  # how many callout heights around the label to look, without a screen
AROUND = 400.0  # about how far from its label a callout may go (SEARCH heights + its width)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _box(r: QRectF) -> Box:
    return (r.left(), r.top(), r.right(), r.bottom())


def _gap(a: Box, b: Box) -> float:
    dx = max(0.0, b[0] - a[2], a[0] - b[2])
    dy = max(0.0, b[1] - a[3], a[1] - b[3])
    return (dx * dx + dy * dy) ** 0.5


def _crosses(a: Box, b: Box) -> bool:
    """Whether segments ``a`` and ``b`` (x0, y0, x1, y1) cross (touching ends do not)."""
    def side(px: float, py: float, qx: float, qy: float, rx: float, ry: float) -> float:
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)
    return (side(*b, a[0], a[1]) * side(*b, a[2], a[3]) < 0
            and side(*a, b[0], b[1]) * side(*a, b[2], b[3]) < 0)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def candidates(label: QRectF, w: float, h: float, area: QRectF | None) -> list[Box]:
    """Boxes of w×h around ``label`` inside ``area`` (a grid of at most ~40×30 places),
    nearest first; the places touching the label (above, below, beside) come first."""
    if area is None:
        area = label.adjusted(-SEARCH * h - w, -SEARCH * h, SEARCH * h + w, SEARCH * h)
    lo_x, hi_x = area.left(), area.right() - w
    lo_y, hi_y = area.top(), area.bottom() - h
    if hi_x < lo_x or hi_y < lo_y:  # the area is smaller than the callout: its top-left
        return [(area.left(), area.top(), area.left() + w, area.top() + h)]
    lb = _box(label)
    cx, cy = label.center().x(), label.center().y()
    gap = 4.0
    near = [(cx - w / 2, lb[1] - gap - h), (cx - w / 2, lb[3] + gap),
            (lb[0] - gap - w, cy - h / 2), (lb[2] + gap, cy - h / 2),
            (lb[0], lb[3] + gap), (lb[2] - w, lb[3] + gap),
            (lb[0], lb[1] - gap - h), (lb[2] - w, lb[1] - gap - h)]
    boxes = [(x, y, x + w, y + h) for x, y in near if lo_x <= x <= hi_x and lo_y <= y <= hi_y]
    sx = max(h / 2, (hi_x - lo_x) / 40, 2.0)
    sy = max(h / 3, (hi_y - lo_y) / 30, 2.0)
    grid = []
    for i in range(int((hi_x - lo_x) // sx) + 2):
        x = min(lo_x + i * sx, hi_x)
        dx = max(0.0, lb[0] - (x + w), x - lb[2])
        for j in range(int((hi_y - lo_y) // sy) + 2):
            y = min(lo_y + j * sy, hi_y)
            dy = max(0.0, lb[1] - (y + h), y - lb[3])
            grid.append((dx * dx + dy * dy, abs(y + h / 2 - cy), x, y))
    grid.sort()
    return boxes + [(x, y, x + w, y + h) for *_, x, y in grid]


class _Buckets:
    """Boxes in a coarse grid, so a candidate meets only its neighbours."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list] = {}

    def _keys(self, b: Box):
        c = self.cell
        for i in range(int(b[0] // c), int(b[2] // c) + 1):
            for j in range(int(b[1] // c), int(b[3] // c) + 1):
                yield i, j

    def add(self, b: Box, entry) -> None:
        for k in self._keys(b):
            self.cells.setdefault(k, []).append(entry)

    def near(self, b: Box) -> list:
        seen, out = set(), []
        for k in self._keys(b):
            for e in self.cells.get(k, ()):
                if id(e) not in seen:
                    seen.add(id(e))
                    out.append(e)
        return out


class Obstacles:
    """What callouts must keep off (gates, ports, numbers, callouts placed so far) and
    the wires' lines, bucketed once for all the callouts of a step."""

    def __init__(self, covers: list[QRectF], lines: list[list[QPointF]],
                 cell: float = 120.0) -> None:
        self.hard = _Buckets(cell)
        self.soft = _Buckets(cell)
        self.leaders: list[Box] = []  # the leader lines of the callouts placed so far
        self.busy: set[int] = set()  # the wires (indices into ``lines``) callouts explain
        for o in covers:
            b = _box(o)
            self.hard.add(b, (b, COVER_COST))
        self.ends = [(pts[-1].x(), pts[-1].y()) if pts else None for pts in lines]
        for i, pts in enumerate(lines):
            for p, q in zip(pts, pts[1:], strict=False):
                seg = (p.x(), p.y(), q.x(), q.y())
                self.soft.add((min(seg[0], seg[2]), min(seg[1], seg[3]), max(seg[0], seg[2]),
                               max(seg[1], seg[3])), (seg, i))

    def explain(self, label: Box) -> None:
        """A callout explains the wire whose gradient label is ``label``: that wire runs
        along the label's top edge (the value above it, the gradient below), into the
        step's gate. Callouts keep off it and off the gate's other input wires (the
        other callouts' wires), as the class follows them into the gate."""
        strip = (label[0] + 1, label[1] - 5, label[2] - 1, label[1] + 1)
        own = {i for seg, i in self.soft.near(strip) if clipped_length(seg, *strip) > 0}
        self.busy |= own
        for i in own:
            end = self.ends[i]
            if end is None:
                continue
            gates = [o for o, weight in self.hard.near((*end, *end))
                     if weight == COVER_COST and o[0] <= end[0] <= o[2]
                     and o[1] <= end[1] <= o[3]]
            if not gates:
                continue
            g = min(gates, key=lambda o: (o[2] - o[0]) * (o[3] - o[1]))  # its gate
            self.busy |= {j for j, e in enumerate(self.ends)
                          if e is not None and g[0] <= e[0] <= g[2] and g[1] <= e[1] <= g[3]}

    def place(self, r: QRectF) -> None:
        """A callout now sits at ``r``: the next ones keep a little away from it."""
        b = _box(r.adjusted(-4, -4, 4, 4))
        self.hard.add(b, (b, CALLOUT_COST))

    def keep_leaders(self, leaders: Iterable[Box | None], reach: QRectF) -> None:
        """Leader lines placed before (``place``): the next callouts, which stay
        within ``reach`` (see ``reach``), do not cross those meeting it either."""
        region = _box(reach)
        self.leaders += [a for a in leaders if a is not None and not _gap(
            (min(a[0], a[2]), min(a[1], a[3]), max(a[0], a[2]), max(a[1], a[3])), region)]

    @classmethod
    def around(cls, nodes: Iterable, wires: Iterable, within: QRectF | None = None
               ) -> Obstacles:
        """What a callout must not cover among these items (gates with their ports,
        shown numbers) and the wires' lines (better left uncovered); only those
        meeting ``within`` when given (a big scene: what a batch of callouts can reach)."""
        covers = [r for r in (i.bounds() for i in nodes) if within is None or
                  within.intersects(r)]
        lines = []
        for w in wires:
            if within is not None and not within.intersects(w.sceneBoundingRect()):
                continue
            lines.append(w.points())
            for label in (w.value_label, w.grad_label):
                if label.isVisible():
                    covers.append(label.sceneBoundingRect())
        return cls(covers, lines)


def _leader(r: Box, label: Box) -> Box | None:
    """The leader line from box ``r`` to ``label`` as ``CalloutItem`` draws it (from the
    box's top or bottom edge to the label's point nearest the box's centre); None when
    they touch."""
    cx, cy = (r[0] + r[2]) / 2, (r[1] + r[3]) / 2
    tx, ty = min(max(cx, label[0]), label[2]), min(max(cy, label[1]), label[3])
    if r[0] - 2 <= tx <= r[2] + 2 and r[1] - 2 <= ty <= r[3] + 2:
        return None  # touching: no leader line
    return (min(max(tx, r[0]), r[2]), (r[1] if ty < r[1] else r[3]), tx, ty)


def _leader_cost(seg: Box | None, label: Box, obstacles: Obstacles) -> float:
    """What the leader line ``seg`` to ``label`` would cross: numbers, gates and the
    leaders placed before it (crossed leaders leave a class guessing which callout
    explains which number). Its last LEADER_GRAZE units may graze what abuts the label
    (its wire's value just above it): a leader has to end there."""
    if seg is None:
        return 0.0
    sx, sy, tx, ty = seg
    box = (min(sx, tx), min(sy, ty), max(sx, tx), max(sy, ty))
    length = ((tx - sx) ** 2 + (ty - sy) ** 2) ** 0.5
    keep = max(0.0, 1.0 - LEADER_GRAZE / length) if length else 0.0
    near = (sx, sy, sx + (tx - sx) * keep, sy + (ty - sy) * keep)
    cost = 0.0
    for o, _weight in obstacles.hard.near(box):
        if all(abs(a - b) < 0.5 for a, b in zip(o, label, strict=True)):
            continue  # the label it points at
        if clipped_length(near, o[0] - 3, o[1] - 3, o[2] + 3, o[3] + 3) > 0:
            cost += LEADER_COST
    return cost + LEADER_COST * sum(_crosses(seg, other) for other in obstacles.leaders)


def _along_a_wire(seg: Box, obstacles: Obstacles) -> bool:
    """Whether the leader runs along a wire's line for a stretch (a dashed line on top
    of a wire reads as part of the wire, not as a pointer). Not counted: its last
    2 × LEADER_GRAZE units, where it meets its label as the label's wire leaves it."""
    sx, sy, tx, ty = seg
    length = ((tx - sx) ** 2 + (ty - sy) ** 2) ** 0.5
    n = min(40, int(length // 2))  # samples at most 2 units apart, at most 40
    if n < 4:
        return False
    box = (min(sx, tx) - 3, min(sy, ty) - 3, max(sx, tx) + 3, max(sy, ty) + 3)
    segs = [w for w, _i in obstacles.soft.near(box)]
    close = 0
    for k in range(n + 1):
        if (n - k) * length / n < 2 * LEADER_GRAZE:
            break
        px, py = sx + (tx - sx) * k / n, sy + (ty - sy) * k / n
        if any(_distance(px, py, w) < ALONG for w in segs):
            close += 1
            if close * length / n >= 4 * ALONG:
                return True
    return False


def _distance(px: float, py: float, seg: Box) -> float:
    """From a point to a segment."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    d2 = dx * dx + dy * dy
    t = 0.0 if not d2 else min(1.0, max(0.0, ((px - x0) * dx + (py - y0) * dy) / d2))
    return ((px - x0 - t * dx) ** 2 + (py - y0 - t * dy) ** 2) ** 0.5


def best_box(label: QRectF, w: float, h: float, obstacles: Obstacles,
             area: QRectF | None = None) -> QRectF:
    """The box for a w×h callout explaining ``label``: inside ``area`` (when given),
    covering no gate, port, number or callout, and as few wire lines as it can, with a
    leader line that crosses nothing; the nearest such box wins, else the one costing
    least. Its leader line joins ``obstacles``: later leaders do not cross it."""
    hard, soft = obstacles.hard, obstacles.soft
    own = _box(label)
    obstacles.explain(own)
    best, best_cost, best_leader = None, None, None
    for r in candidates(label, w, h, area):
        cost = 0.0
        for o, weight in hard.near(r):
            if o[0] < r[2] and r[0] < o[2] and o[1] < r[3] and r[1] < o[3]:
                cost += _overlap(r, o) * weight
        if best_cost is not None and cost >= best_cost:
            continue
        leader = _leader(r, own)
        cost += _leader_cost(leader, own, obstacles)
        lines = 0.0
        for seg, i in soft.near(r):
            if i in obstacles.busy:
                cost += clipped_length(seg, *r) * BUSY_LINE_COST
            else:
                lines += clipped_length(seg, *r) * LINE_COST
        enough = LINE_COST * 4 * h
        if leader is not None and (best_cost is None or cost + lines < best_cost or (
                not cost and lines <= enough)) and _along_a_wire(leader, obstacles):
            cost += LEADER_COST  # (only asked where it can change the choice: it is slow)
        covered = cost
        cost += lines
        if best_cost is None or cost < best_cost:
            best, best_cost, best_leader = r, cost, leader
        if not covered and cost <= enough:
            break  # touching its label, free of numbers and gates, a wire or two under it
    if best_leader is not None:
        obstacles.leaders.append(best_leader)
    return QRectF(best[0], best[1], w, h)


def place(item, near: QRectF, obstacles: Obstacles, area: QRectF | None = None) -> QRectF:
    """Put ``item`` (a ``CalloutItem`` in a scene) in free space by ``near`` (``best_box``;
    a leader line joins them when apart) and count it as an obstacle for the next ones.
    Its leader is kept as ``item.leader`` (None when touching) for ``keep_leader``."""
    box = item.box()
    leaders = len(obstacles.leaders)
    rect = best_box(near, box.width(), box.height(), obstacles, area)
    item.leader = obstacles.leaders[-1] if len(obstacles.leaders) > leaders else None
    item.setPos(rect.topLeft())
    if _gap(_box(rect), _box(near)) > 2.0:
        c = rect.center()
        item.target = QPointF(min(max(c.x(), near.left()), near.right()),
                              min(max(c.y(), near.top()), near.bottom()))
    item.refresh()
    obstacles.place(rect)
    return rect


def reach(near: Iterable[QRectF]) -> QRectF:
    """Where callouts explaining labels in ``near`` can go (AROUND beyond them)."""
    region = QRectF()
    for r in near:
        region = region.united(r)
    return region.adjusted(-AROUND, -AROUND, AROUND, AROUND)
