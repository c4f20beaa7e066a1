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
    """What numbers must keep clear of: rects (gates, numbers placed) and wire segments.

    Each rect keeps a margin that a first search respects and a strict search (where
    space is short) drops; numbers placed can be taken away again (the repair step)."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list] = {}
        self._n = 0
        self.removed: set[int] = set()

    def _keys(self, left: float, top: float, right: float, bottom: float):
        for gx in range(int(left // CELL), int(right // CELL) + 1):
            for gy in range(int(top // CELL), int(bottom // CELL) + 1):
                yield gx, gy

    def _add(self, entry: tuple, box: tuple[float, float, float, float]) -> int:
        for k in self._keys(*box):
            self._cells.setdefault(k, []).append(entry)
        return entry[0]

    def add_rect(self, r: QRectF, owner, weight: float, margin: float = 0.0) -> int:
        self._n += 1
        box = (r.left(), r.top(), r.right(), r.bottom())
        m = margin
        return self._add((self._n, "rect", box, owner, weight, m),
                         (box[0] - m, box[1] - m, box[2] + m, box[3] + m))

    def add_line(self, points: list[QPointF], owner) -> None:
        """A wire's drawn polyline (``owner`` may cross its own)."""
        for p, q in zip(points, points[1:], strict=False):
            self._n += 1
            seg = (p.x(), p.y(), q.x(), q.y())
            box = (min(p.x(), q.x()), min(p.y(), q.y()), max(p.x(), q.x()), max(p.y(), q.y()))
            self._add((self._n, "line", seg, owner, LINE_COST, 1.0), box)

    def cost(self, r: QRectF, owner, strict: bool = False) -> float:
        """How much ``r`` covers things not ``owner``'s own (0: free), margins included
        unless ``strict``."""
        left, top, right, bottom = r.left(), r.top(), r.right(), r.bottom()
        seen: set[int] = set()
        total = 0.0
        for k in self._keys(left, top, right, bottom):
            for n, kind, g, who, weight, m in self._cells.get(k, ()):
                if n in seen or n in self.removed or (who is owner and owner is not None):
                    continue
                seen.add(n)
                m = 0.0 if strict else m
                if kind == "rect":
                    w = min(right, g[2] + m) - max(left, g[0] - m)
                    h = min(bottom, g[3] + m) - max(top, g[1] - m)
                    if w > 0 and h > 0:
                        total += w * h * weight
                elif min(g[0], g[2]) < right + m and max(g[0], g[2]) > left - m and \
                        min(g[1], g[3]) < bottom + m and max(g[1], g[3]) > top - m:
                    inside = clipped_length(g, left - m, top - m, right + m, bottom + m)
                    if inside > 0:
                        total += (20.0 + inside) * weight
        return total

    def free(self, r: QRectF, owner, strict: bool = False) -> bool:
        """Whether ``r`` covers nothing but ``owner``'s own (``cost`` is 0), quickly."""
        left, top, right, bottom = r.left(), r.top(), r.right(), r.bottom()
        removed = self.removed
        for k in self._keys(left, top, right, bottom):
            for n, kind, g, who, _weight, m in self._cells.get(k, ()):
                if (who is owner and owner is not None) or n in removed:
                    continue
                m = 0.0 if strict else m
                if kind == "rect":
                    if min(right, g[2] + m) > max(left, g[0] - m) and \
                            min(bottom, g[3] + m) > max(top, g[1] - m):
                        return False
                elif min(g[0], g[2]) < right + m and max(g[0], g[2]) > left - m and \
                        min(g[1], g[3]) < bottom + m and max(g[1], g[3]) > top - m and \
                        clipped_length(g, left - m, top - m, right + m, bottom + m) > 0:
                    return False
        return True

    def blockers(self, r: QRectF) -> set:
        """The owners of the placed numbers that ``r`` overlaps (strictly)."""
        out = set()
        for k in self._keys(r.left(), r.top(), r.right(), r.bottom()):
            for n, kind, g, who, _w, _m in self._cells.get(k, ()):
                if kind == "rect" and who is not None and n not in self.removed and \
                        min(r.right(), g[2]) > max(r.left(), g[0]) and \
                        min(r.bottom(), g[3]) > max(r.top(), g[1]):
                    out.add(who)
        return out


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


TIERS = ((False, 0.0), (False, 0.35), (False, 0.8), (True, 0.0), (True, 0.35),
         (True, 0.8), (True, 1.3))
"""Searches in order: (strict, lift in label heights). Margins first, close to the line
first; where space is short, margins go, then the numbers move further off the line."""
QUICK_TIERS = ((False, 0.0), (True, 0.0))
"""A big circuit scrolling: on the line only (lifted spots cost a copy of every spot)."""
MAX_TRIES = 40  # spots per search tier, best first (a crowded circuit stays fast)
MAX_REPAIRS = 150  # beyond this many wires without a free spot, none is repaired
THOROUGH = 600
"""Up to this many wires, every search tier and repair is tried; beyond, fewer spots."""


class _Placer:
    def __init__(self, field: Field, forks: dict) -> None:
        self.field = field
        self.forks = forks
        self.thorough = len(forks) <= THOROUGH  # weigh the fallbacks (a small circuit)
        self.quick = False  # a big circuit scrolling: see ``place_some``
        self.entries: dict = {}  # wire item -> its number rects' ids in the field

    def spot_cost(self, item: WireItem, spot, strict: bool) -> float:
        pad = 0.0 if strict else 1.0
        return (self.field.cost(spot.value.adjusted(-pad, -pad, pad, pad), item, strict)
                + self.field.cost(spot.grad.adjusted(-pad, -pad, pad, pad), item, strict))

    def spot_free(self, item: WireItem, spot, strict: bool) -> bool:
        pad = 0.0 if strict else 1.0
        return (self.field.free(spot.value.adjusted(-pad, -pad, pad, pad), item, strict)
                and self.field.free(spot.grad.adjusted(-pad, -pad, pad, pad), item, strict))

    def free_spot(self, item: WireItem):
        """The first spot free of everything (see TIERS; the best MAX_TRIES spots of each),
        else (cost, spot) of the least covering of the closest strict ones."""
        h = item.value_label.boundingRect().height()
        fork = self.forks.get(item, False)
        tiers, tries = (TIERS, MAX_TRIES) if self.thorough else \
            (QUICK_TIERS, MAX_TRIES // 3) if self.quick else (TIERS[:4], MAX_TRIES // 3)
        for strict, lift in tiers:
            for spot in item.spots(fork, lift * h)[:tries]:
                if self.spot_free(item, spot, strict):
                    return 0.0, spot
        if self.quick:  # no free spot: where it is (no cost weighed)
            return 1.0, item.label_spot() or item._fallback_spot()
        # else the least covering of the best few (without the time: the best or the
        # middle, which a fork's first spot by its gate may well cover more)
        spots = item.spots(fork)[:8] if self.thorough else \
            item.spots(fork)[:1] + [item._fallback_spot()]
        spots = spots or [item._fallback_spot()]
        return min(((self.spot_cost(item, s, True), i, s) for i, s in enumerate(spots)),
                   key=lambda t: t[:2])[::2]

    def put(self, item: WireItem, spot) -> None:
        item.set_spot(spot)
        self.entries[item] = [self.field.add_rect(r, item, LABEL_COST, LABEL_MARGIN)
                              for r in (spot.value, spot.grad)]

    def take(self, item: WireItem) -> None:
        self.field.removed.update(self.entries.pop(item, ()))

    def repair(self, item: WireItem) -> bool:
        """Make room by moving one other wire's numbers: a spot of ``item`` blocked only by
        one wire's numbers is taken if that wire finds another free spot."""
        h = item.value_label.boundingRect().height()
        for lift in (0.0, 0.35):
            for spot in item.spots(self.forks.get(item, False), lift * h)[:12]:
                who = self.field.blockers(spot.value) | self.field.blockers(spot.grad)
                if len(who) != 1:
                    continue
                other = next(iter(who))
                if not isinstance(other, WireItem) or other not in self.entries:
                    continue
                old = other.label_spot()
                self.take(other)
                if not self.spot_free(item, spot, True):
                    self.put(other, old)
                    continue
                self.put(item, spot)
                cost, moved = self.free_spot(other)
                if not cost:
                    self.put(other, moved)
                    return True
                self.take(item)
                self.put(other, old)
        return False


def _placer(nodes: Iterable, wires: list[WireItem], extra: Iterable[QRectF],
            quick: bool = False) -> _Placer:
    field = Field()
    for node in nodes:
        field.add_rect(node.bounds(), None, GATE_COST, GATE_MARGIN)
    for r in extra:
        field.add_rect(r, None, GATE_COST)
    outs: dict[object, int] = {}
    for item in wires:
        if not quick:  # a big circuit's long crossing wires would fill every cell
            field.add_line(item.drawn_points(), item)
        outs[item.src] = outs.get(item.src, 0) + 1
    placer = _Placer(field, {item: outs.get(item.src, 0) > 1 for item in wires})
    placer.thorough, placer.quick = placer.thorough and not quick, quick
    return placer


def place_some(nodes: Iterable, wires: list[WireItem], moving: set,
               extra: Iterable[QRectF] = (), quick: bool = False) -> None:
    """New spots for the numbers of the ``moving`` wires (whose numbers grew), clear of
    all the others where they are; a wire that finds none keeps its spot. ``quick``
    (a big circuit scrolling) tries fewer spots (``QUICK_TIERS``), weighs no wire's
    line and repairs nothing; a wire that finds no free spot keeps its own."""
    placer = _placer(nodes, wires, extra, quick)
    for item in wires:
        spot = item.label_spot()
        if item not in moving and spot is not None:
            placer.put(item, spot)
    for item in sorted((i for i in wires if i in moving), key=reading_order):
        cost, spot = placer.free_spot(item)
        if not cost:
            placer.put(item, spot)
        elif quick or not placer.repair(item):
            placer.put(item, item.label_spot() or spot)


def reading_order(item: WireItem) -> tuple:
    """Left to right, top to bottom, by source and then target (a fixed order: the same
    numbers end up in the same spots whatever order the items were made in)."""
    end = item.dst.pos() if item.dst is not None else item.src.pos()
    return item.src.x(), item.src.y(), end.x(), end.y()


def place_all(nodes: Iterable, wires: list[WireItem], extra: Iterable[QRectF] = ()) -> None:
    """Place the numbers of ``wires`` clear of ``nodes`` (NodeItems), of each other, of
    every wire's line and of ``extra`` rects (annotations)."""
    placer = _placer(nodes, wires, extra)
    options = [(item, item.spots(placer.forks[item])) for item in wires]
    # the wires with the fewest spots choose first; then left to right, top to bottom
    options.sort(key=lambda o: (min(len(o[1]), 8), o[0].src.x(), o[0].src.y()))
    stuck = []
    for item, _ in options:
        cost, spot = placer.free_spot(item)
        if cost:
            stuck.append((item, spot))
        else:
            placer.put(item, spot)
    for item, spot in stuck:  # a hopeless tangle is not worth the repair's time
        if len(stuck) > MAX_REPAIRS or not placer.thorough or not placer.repair(item):
            placer.put(item, spot)
