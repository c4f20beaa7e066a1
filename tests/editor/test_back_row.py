"""Visual QA "from the back row": defects a teacher would see on a projector, pinned.

Each test asserts on what the scene draws (item state, geometry) for a bundled example,
opened as the editor opens it.
"""

from __future__ import annotations

from pathlib import Path

from chainwire.editor.document import Document
from chainwire.editor.scene import CircuitScene
from chainwire.graph import fileio

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def opened(name: str) -> CircuitScene:
    """A scene built as File → Open builds it (one rebuild, no restyle)."""
    scene = CircuitScene(Document(fileio.load(EXAMPLES / name)))
    scene.rebuild()
    return scene


def test_wired_ports_look_wired_after_open(qapp):
    """A wired input port is drawn solid; dotted means "free, offered". After opening a
    file every gate's wired ports were drawn dotted until the first edit."""
    scene = opened("neuron.chainwire")
    gate = scene.nodes["w0x0"]
    assert gate.wired_ports == {0, 1}
    assert scene.nodes["dot"].wired_ports == {0, 1, 2}


def test_wired_ports_follow_a_removed_wire(qapp):
    scene = opened("neuron.chainwire")
    doc = scene.document
    wire = next(w for w in doc.circuit.wires() if w.dst == "w0x0" and w.port == 1)
    doc.circuit.disconnect(wire.dst, wire.port)
    assert scene.nodes["w0x0"].wired_ports == {0}


def _geometry(tmp_path, name: str, step: int, size: str = "1280x720") -> dict:
    import json

    from chainwire.editor.render_cli import main
    out = tmp_path / "g.json"
    assert main([str(EXAMPLES / name), "-o", str(out), "--theme", "projector",
                 "--size", size, "--step", str(step)]) == 0
    return json.loads(out.read_text())


def _leader(callout: dict) -> tuple[float, float, float, float] | None:
    """The leader line as drawn (CalloutItem.paint): from the box's edge to the point."""
    if callout["leader"] is None:
        return None
    x, y, w, h = callout["rect"]
    tx, ty = callout["leader"]
    return (min(max(tx, x), x + w), y if ty < y else y + h, tx, ty)


def _cross(a, b) -> bool:
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    p1, p2, p3, p4 = a[:2], a[2:], b[:2], b[2:]
    return (side(p3, p4, p1) * side(p3, p4, p2) < 0) and (side(p1, p2, p3) * side(p1, p2, p4) < 0)


def _hits(seg, rect) -> bool:
    from chainwire.editor.label_placement import clipped_length
    x, y, w, h = rect
    return clipped_length(seg, x, y, x + w, y + h) > 0


def test_callout_leaders_do_not_cross(tmp_path):
    """The fork example's last step: x·x's two callouts. Each callout sat on the far side
    from its wire, so both leader lines ran across the picture and crossed."""
    d = _geometry(tmp_path, "pattern-fork-adds.chainwire", -1)
    callouts = [c for c in d["callouts"] if c["kind"] == "callout"]
    assert len(callouts) == 2
    leaders = [_leader(c) for c in callouts]
    if None not in leaders:
        assert not _cross(*leaders), callouts
    by_wire = {(c["wire"]["to"], c["wire"]["port"]): c for c in callouts}
    top = by_wire[("xx", 0)]  # the upper wire's callout is the upper one
    assert top["rect"][1] < by_wire[("xx", 1)]["rect"][1]
    for c, seg in zip(callouts, leaders, strict=True):
        if seg is None:
            continue
        own = [lab["rect"] for lab in d["labels"] if lab["wire"] == c["wire"]]
        others = [lab for lab in d["labels"] if lab["rect"] not in own]
        assert not [lab["text"] for lab in others if _hits(seg, lab["rect"])], c


def _pixel(scene, p, scale: float = 4.0):
    """The colour the scene draws at scene point ``p`` (rendered at ``scale``)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    src = QRectF(p.x() - 2, p.y() - 2, 4, 4)
    img = QImage(int(4 * scale), int(4 * scale), QImage.Format_ARGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    scene.render(painter, QRectF(0, 0, img.width(), img.height()), src)
    painter.end()
    return img.pixelColor(img.width() // 2, img.height() // 2)


def test_highlighted_wire_keeps_its_width_under_its_numbers(qapp):
    """A step's wires are drawn thicker (and gradient colouring sizes them): the numbers'
    backdrops hid all but the middle two units of the stroke, so under its numbers a
    highlighted wire looked like any other from the back row."""
    from PySide6.QtCore import QPointF

    from chainwire.editor.overlay import ClassroomOverlay
    from chainwire.editor.theme import THEMES
    scene = opened("neuron.chainwire")
    scene.style.theme = THEMES["projector"]
    scene.restyle()
    overlay = ClassroomOverlay(scene)
    overlay.go(0)  # the start: every input's wire highlighted
    wire = scene.wire_items[("w0x0", 0)]
    assert wire.emphasis >= 2.0
    half = (2.0 + wire.emphasis) / 2
    spot = wire.label_spot()
    x = spot.value.center().x()
    y = spot.anchor.y()  # the wire is straight under its numbers
    assert spot.value.bottom() < y < spot.grad.top()
    for dy in (-(half - 0.6), half - 0.6):  # just inside the stroke's two edges
        c = _pixel(scene, QPointF(x, y + dy))
        assert c.lightness() < 80, (dy, c.name())


def _covered(polyline, rect) -> float:
    from chainwire.editor.label_placement import clipped_length
    x, y, w, h = rect
    return sum(clipped_length((*p, *q), x, y, x + w, y + h)
               for p, q in zip(polyline, polyline[1:], strict=False))


def test_callouts_keep_off_the_wires_they_explain(tmp_path):
    """A backward step highlights the gate's input wires and explains each in a callout;
    a callout box sat on its own wire's curve into the gate (max with a tie, the neuron's
    first multiply), hiding where the highlighted wire went."""
    for name in ("pattern-max-tie.chainwire", "neuron.chainwire"):
        d = _geometry(tmp_path, name, -1)
        callouts = [c for c in d["callouts"] if c["kind"] == "callout"]
        gate = d["step"]["gate"]
        inputs = {w["port"]: w["polyline"] for w in d["wires"] if w["to"] == gate}
        for c in callouts:
            own = _covered(inputs[c["wire"]["port"]], c["rect"])
            assert own == 0, (name, c["text"], own)
            others = sum(_covered(p, c["rect"]) for port, p in inputs.items()
                         if port != c["wire"]["port"])
            assert others < c["rect"][3] / 2, (name, c["text"], others)


def test_a_leader_does_not_run_along_a_wire(qapp):
    """An image export (no screen size) of max with a tie, last step: a's callout sat up
    and to the right, its leader a dashed line lying on a's wire, read as part of it."""
    from PySide6.QtCore import QPointF

    from chainwire.editor.items.callout import CalloutItem
    from chainwire.editor.overlay import ClassroomOverlay
    from chainwire.editor.theme import THEMES
    scene = opened("pattern-max-tie.chainwire")
    scene.style.theme = THEMES["light"]
    scene.restyle()
    overlay = ClassroomOverlay(scene)
    overlay.go(len(overlay.seq) - 1)
    callouts = [i for i in scene.items() if isinstance(i, CalloutItem) and i.target]
    assert callouts
    lines = [w.points() for w in scene.wire_items.values()]
    for c in callouts:
        box = c.mapRectToScene(c.box())
        t = c.target
        start = QPointF(min(max(t.x(), box.left()), box.right()),
                        box.top() if t.y() < box.top() else box.bottom())
        n = 40
        near = 0
        for k in range(n + 1):
            p = start + (t - start) * (k / n)
            if any(_to_segment(p, a, b) < 2.0 for pts in lines
                   for a, b in zip(pts, pts[1:], strict=False)):
                near += 1
        length = ((t - start).x() ** 2 + (t - start).y() ** 2) ** 0.5
        assert near * length / n < 8.0, (c.text, near, length)


def _to_segment(p, a, b) -> float:
    d = b - a
    d2 = d.x() ** 2 + d.y() ** 2
    t = 0.0 if not d2 else min(1.0, max(0.0, ((p - a).x() * d.x() + (p - a).y() * d.y()) / d2))
    q = a + d * t
    return ((p - q).x() ** 2 + (p - q).y() ** 2) ** 0.5
