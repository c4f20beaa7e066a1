"""Issue 10, the teaching view, checked on what would be drawn (``drawn.collect``, the
geometry ``chainwire render -o OUT.json`` writes) for every bundled example: no wire
behind a gate, no number over another number, a gate, a port or another wire's line,
callouts on the screen at every step and adding up, labels big enough for the back row.

The checks are plain functions on the JSON, shared with the random-circuit tests.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF

from chainwire.editor import camera, drawn
from chainwire.editor.document import Document
from chainwire.editor.overlay import ClassroomOverlay
from chainwire.editor.scene import CircuitScene
from chainwire.editor.theme import THEMES
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.chainwire"))
SIZES = ((1920, 1080), (1280, 720))
TOUCH = 0.5  # px: rectangles sharing an edge (rounding) do not overlap


# ----- building the picture -----------------------------------------------------------------
class Picture:
    """A circuit in a scene with a classroom overlay, framed for screens like the renderer."""

    def __init__(self, circuit: Circuit, theme: str = "projector") -> None:
        self.doc = Document(circuit)
        self.scene = CircuitScene(self.doc)
        self.scene.style.theme = THEMES[theme]  # colours only: the geometry stays
        self.scene.show_grid = False
        self.overlay = ClassroomOverlay(self.scene)
        self.size = SIZES[0]

    def frame(self, size: tuple[int, int]) -> None:
        self.size = size
        screen = QSizeF(*size)
        self.overlay.camera = lambda s, room: camera.shot_for(self.scene, s, screen,
                                                              room=room)

    def at(self, position: int | None) -> dict:
        """The geometry at step ``position`` (None: no stepping, everything shown)."""
        if position is None:
            if self.overlay.stepping:
                self.overlay.set_stepping(False)
            shot = camera.shot_for(self.scene, None, QSizeF(*self.size))
        else:
            self.overlay.go(position)
            shot = self.overlay.shot
        return drawn.collect(self.scene, self.overlay, shot, self.size)

    @property
    def steps(self) -> int:
        return len(self.overlay.seq)

    def close(self) -> None:
        self.scene.detach()
        self.scene.deleteLater()


# ----- geometry checks on the JSON ------------------------------------------------------------
def _overlap(a: list[float], b: list[float]) -> bool:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w > TOUCH and h > TOUCH


def _seg_hits_rect(p, q, r: list[float]) -> bool:
    """Whether segment p–q passes through the inside of rect r (shrunk by TOUCH)."""
    left, top = r[0] + TOUCH, r[1] + TOUCH
    right, bottom = r[0] + r[2] - TOUCH, r[1] + r[3] - TOUCH
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for a, b in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if a == 0:
            if b <= 0:
                return False
            continue
        t = b / a
        if a < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def _seg_hits_circle(p, q, c, r: float) -> bool:
    (ax, ay), (bx, by), (cx, cy) = p, q, c
    dx, dy = bx - ax, by - ay
    n = dx * dx + dy * dy
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((cx - ax) * dx + (cy - ay) * dy) / n))
    ex, ey = ax + t * dx - cx, ay + t * dy - cy
    return ex * ex + ey * ey < (r - TOUCH) ** 2


def _segments(wire: dict):
    pts = wire["polyline"]
    return list(zip(pts, pts[1:], strict=False))


def _bbox(wire: dict) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in wire["polyline"]], [p[1] for p in wire["polyline"]]
    return min(xs), min(ys), max(xs), max(ys)


def wires_through_gates(geo: dict) -> list[str]:
    """Wires passing through the body of a gate that is not one of their two ends."""
    bad = []
    for w in geo["wires"]:
        ends = {w["from"], w["to"]}
        left, top, right, bottom = _bbox(w)
        for g in geo["gates"]:
            x, y, gw, gh = g["rect"]
            if g["id"] in ends or x > right or x + gw < left or y > bottom or y + gh < top:
                continue
            for p, q in _segments(w):
                hit = (_seg_hits_circle(p, q, (x + gw / 2, y + gh / 2), gw / 2)
                       if g["shape"] == "circle" else _seg_hits_rect(p, q, g["rect"]))
                if hit:
                    bad.append(f"{w['from']}->{w['to']}:{w['port']} through {g['id']}")
                    break
    return bad


def _name(label: dict) -> str:
    w = label["wire"]
    return f"{label['kind']} {label['text']} of {w['from']}->{w['to']}:{w['port']}"


def label_collisions(geo: dict, lines: bool = True) -> list[str]:
    """Numbers over numbers, over gates (body, ports, name) or over other wires' lines."""
    bad = []
    labels = geo["labels"]
    boxes = [(w, _bbox(w)) for w in geo["wires"]]
    labels = sorted(labels, key=lambda x: x["rect"][0])
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if b["rect"][0] >= a["rect"][0] + a["rect"][2]:
                break  # sorted by left edge: the rest start right of a
            if _overlap(a["rect"], b["rect"]):
                bad.append(f"{_name(a)} overlaps {_name(b)}")
        for g in geo["gates"]:
            if _overlap(a["rect"], g["bounds"]):
                bad.append(f"{_name(a)} overlaps gate {g['id']}")
        if not lines:
            continue
        x, y, rw, rh = a["rect"]
        for w, (left, top, right, bottom) in boxes:
            if left > x + rw or right < x or top > y + rh or bottom < y:
                continue
            if (w["from"], w["to"], w["port"]) == tuple(a["wire"].values()):
                continue
            if any(_seg_hits_rect(p, q, a["rect"]) for p, q in _segments(w)):
                bad.append(f"{_name(a)} lies on the line of {w['from']}->{w['to']}")
    return bad


def callouts_off_screen(geo: dict) -> list[str]:
    vx, vy, vw, vh = geo["viewport"]
    return [c["text"] for c in geo["callouts"]
            if c["rect"][0] < vx - TOUCH or c["rect"][1] < vy - TOUCH
            or c["rect"][0] + c["rect"][2] > vx + vw + TOUCH
            or c["rect"][1] + c["rect"][3] > vy + vh + TOUCH]


def callouts_covering(geo: dict) -> list[str]:
    """Callouts over a shown number, a gate or a port."""
    bad = []
    for c in geo["callouts"]:
        for label in geo["labels"]:
            if _overlap(c["rect"], label["rect"]):
                bad.append(f"{c['text']!r} covers {_name(label)}")
        for g in geo["gates"]:
            if _overlap(c["rect"], g["bounds"]):
                bad.append(f"{c['text']!r} covers gate {g['id']}")
    return bad


NUMBER = r"(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|-?inf|NaN|\?)"
PRODUCT = re.compile(r"(?:^|\s)" + NUMBER + r" × " + NUMBER + r" = " + NUMBER + r"$")


def recomputes(a: str, b: str, shown: str) -> bool:
    """``a × b``, rounded to as many decimals as ``shown`` has, is ``shown``."""
    with localcontext() as ctx:
        ctx.prec = 2000  # exact: the shown numbers have few digits
        try:
            exact = Decimal(a) * Decimal(b)
            want = Decimal(shown)
        except InvalidOperation:
            return True  # undefined ("?"): nothing to recompute
        if not (exact.is_finite() and want.is_finite()):
            return exact == want or exact.is_nan() or want.is_nan()
        q = Decimal(1).scaleb(want.as_tuple().exponent)
        return want in (exact.quantize(q, ROUND_HALF_UP), exact.quantize(q, ROUND_HALF_EVEN))


def arithmetic_errors(geo: dict) -> list[str]:
    bad = []
    for c in geo["callouts"]:
        if c["kind"] != "callout":
            continue
        if " ≈ " in c["text"]:
            continue  # says itself that it is rounded (graph.numbers' digit cap)
        m = PRODUCT.search(c["text"].replace("−", "-"))
        if m is None:  # a vectorized callout ("dW = dD · Xᵀ   (2×3) = ...") has no product
            if " · g = " in c["text"]:
                bad.append(f"cannot read {c['text']!r}")
            continue
        if not recomputes(*m.groups()):
            bad.append(c["text"])
    return bad


def small_labels(geo: dict) -> list[str]:
    """Where the camera says the labels fit, every number is at least 4 % of the screen
    height (its line; the JSON rect adds a little background)."""
    h = geo["viewport"][3]
    if not geo["camera"]["fits"]:
        return []
    bad = [] if geo["camera"]["label_px"] >= 0.04 * h else [f"label_px {geo['camera']}"]
    return bad + [_name(x) for x in geo["labels"] if x["rect"][3] < 0.04 * h]


def check_picture(pic: Picture, frames, covering: bool = False) -> list[str]:
    """Every check on the still picture, then at each ``(screen size, step position)``;
    ``covering``: also that no callout covers a number, a gate or a port."""
    problems = []
    still = pic.at(None)
    problems += wires_through_gates(still)
    problems += label_collisions(still)
    for size, i in frames:
        pic.frame(size)
        geo = pic.at(i)
        where = f"step {i} at {size[0]}x{size[1]}: "
        problems += [where + p for p in label_collisions(geo, lines=False)]
        problems += [where + "off screen: " + p for p in callouts_off_screen(geo)]
        problems += [where + "does not add up: " + p for p in arithmetic_errors(geo)]
        problems += [where + "too small: " + p for p in small_labels(geo)]
        if covering:
            problems += [where + p for p in callouts_covering(geo)]
    return problems


# ----- the examples ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_reads_from_the_back_row(qapp, path):
    """Every step at both screen sizes; callouts cover nothing a class reads."""
    pic = Picture(fileio.load(path))
    try:
        frames = [(size, i) for size in SIZES for i in range(pic.steps)]
        assert check_picture(pic, frames, covering=True) == []
    finally:
        pic.close()


def test_recomputes_reads_like_a_calculator():
    assert recomputes("2.00", "0.1966", "0.3932")
    assert not recomputes("2.00", "0.20", "0.39")
    assert not recomputes("2.00", "0.197", "0.393")
    assert recomputes("-1.00", "0.20", "-0.20")
