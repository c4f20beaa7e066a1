"""What would be drawn, as numbers: the geometry ``chainwire render -o OUT.json`` writes.

Every rectangle and point is in screen pixels of the requested screen (the camera's
framing, ``camera.Shot``), so a test or a slide script can check what a class sees: no
wire through a gate, no number over another, every callout on the screen, numbers big
enough. Rectangles are ``[x, y, width, height]`` from the screen's top-left corner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from chainwire.editor.camera import Shot, label_height

if TYPE_CHECKING:
    from chainwire.editor.overlay import ClassroomOverlay
    from chainwire.editor.scene import CircuitScene

FORMAT = "chainwire-geometry"
VERSION = 1


def _r(r: QRectF, shot: Shot) -> list[float]:
    z, o = shot.zoom, shot.rect
    return [round((r.x() - o.x()) * z, 2), round((r.y() - o.y()) * z, 2),
            round(r.width() * z, 2), round(r.height() * z, 2)]


def _p(p: QPointF, shot: Shot) -> list[float]:
    z, o = shot.zoom, shot.rect
    return [round((p.x() - o.x()) * z, 2), round((p.y() - o.y()) * z, 2)]


def _wire_ref(item) -> dict:
    if item.wire is None:
        return {"from": item.src.node_id, "to": None, "port": None}
    w = item.wire
    return {"from": w.src, "to": w.dst, "port": w.port}


def collect(scene: CircuitScene, overlay: ClassroomOverlay, shot: Shot,
            size: tuple[int, int]) -> dict:
    """The picture of ``scene`` (with ``overlay``'s step and callouts) framed by ``shot``
    on a ``size`` screen, as a JSON-ready dict."""
    step = overlay.step
    gates = []
    for nid, node in scene.nodes.items():
        ports = [{"port": "out", "rect": _r(node.out_port.sceneBoundingRect(), shot)}]
        ports += [{"port": p, "rect": _r(item.sceneBoundingRect(), shot)}
                  for p, item in sorted(node.in_ports.items())]
        gates.append({"id": nid, "type": scene.document.circuit.type_of(nid),
                      "label": node.look.label,
                      "shape": "box" if node.look.is_input else "circle",
                      "rect": _r(node.mapRectToScene(node.body_rect()), shot),
                      "bounds": _r(node.bounds(), shot), "ports": ports})
    items = list(scene.wire_items.values())
    if scene.stub is not None:
        items.append(scene.stub)
    wires, labels = [], []
    for item in items:
        if not item.isVisible():
            continue
        ref = _wire_ref(item)
        wires.append({**ref, "polyline": [_p(p, shot) for p in item.drawn_points()]})
        for label, kind in ((item.value_label, "value"), (item.grad_label, "gradient")):
            if label.isVisible() and label.text():
                labels.append({"wire": ref, "kind": kind, "text": label.text(),
                               "rect": _r(label.sceneBoundingRect(), shot)})
    callouts = []
    for c in overlay.decorations:
        if c.scene() is not scene:
            continue
        box = c.mapRectToScene(c.box())
        entry = {"kind": c.kind, "text": c.text, "rect": _r(box, shot), "wire": None,
                 "leader": None}
        co = getattr(c, "callout", None)
        if co is not None:
            entry["wire"] = {"from": co.wire.src, "to": co.wire.dst, "port": co.wire.port}
        if c.target is not None:
            entry["leader"] = _p(c.target, shot)
        callouts.append(entry)
    w, h = size
    return {
        "format": FORMAT, "version": VERSION,
        "viewport": [0, 0, w, h],
        "theme": scene.style.theme.name,
        "step": None if step is None else {
            "position": overlay.position, "phase": step.phase, "gate": step.node,
            "text": step.position_text},
        "camera": {"scene_rect": [round(v, 2) for v in (
                       shot.rect.x(), shot.rect.y(), shot.rect.width(), shot.rect.height())],
                   "zoom": round(shot.zoom, 4), "whole": shot.whole, "fits": shot.fits,
                   "label_px": round(label_height(scene) * shot.zoom, 2)},
        "gates": gates, "wires": wires, "labels": labels, "callouts": callouts,
    }
