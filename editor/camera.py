"""The presentation camera: which part of the scene a projector shows, and how big.

A class reads from the back row, so in presentation every wire label must be at least
``LABEL_FRACTION`` of the screen's height. If the whole circuit fits the screen at that
size, the camera shows it all; otherwise it follows the step: the active gate, its wires'
numbers and room for its callouts, at exactly that size (``Z`` asks for the whole circuit
anyway). Plain geometry on a scene and a screen size, so the presenter (a live view) and
``chainwire render --size`` (no view at all) frame every step identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QFontMetricsF

if TYPE_CHECKING:
    from chainwire.editor.scene import CircuitScene
    from chainwire.graph.steps import Step

LABEL_FRACTION = 0.041
"""Smallest wire-label line on screen, as a fraction of the screen height (4 % + a pixel
of rounding: 44 px at 1080 lines, 30 px at 720)."""
WHOLE_MAX = 1.6
"""Showing the whole circuit, labels grow at most this much past the smallest size (one
gate should not fill the screen)."""
MARGIN = 0.03
"""Room kept free around the picture, as a fraction of the screen height."""
BADGE_BAND = 64.0
"""Screen pixels at the top kept for the step badge."""


@dataclass(frozen=True)
class Shot:
    """One framing: ``rect`` (scene) fills the screen at ``zoom`` screen px per unit."""

    rect: QRectF
    zoom: float
    fits: bool  # wire labels are at least LABEL_FRACTION of the screen height
    whole: bool  # the whole circuit is in view
    usable: QRectF  # the part of ``rect`` callouts may use (below the badge, inside margins)

    def to_screen(self, p: QPointF) -> QPointF:
        return QPointF((p.x() - self.rect.left()) * self.zoom,
                       (p.y() - self.rect.top()) * self.zoom)

    def rect_to_screen(self, r: QRectF) -> QRectF:
        return QRectF(self.to_screen(r.topLeft()), r.size() * self.zoom)


def label_height(scene: CircuitScene) -> float:
    """A wire label's line height in scene units (the text; its background adds 2)."""
    return QFontMetricsF(scene.style.value_font()).height()


def circuit_rect(scene: CircuitScene) -> QRectF:
    """Everything that belongs to the circuit: nodes, wires, every number (shown or yet
    to be revealed) and annotations; not the classroom's callouts."""
    r = QRectF()
    for node in scene.nodes.values():
        r = r.united(node.bounds())
    wires = list(scene.wire_items.values())
    if scene.stub is not None:
        wires.append(scene.stub)
    for w in wires:
        r = r.united(w.path().boundingRect())
        spot = w.label_spot()
        if spot is not None:
            r = r.united(spot.value).united(spot.grad)
    for a in scene.annotation_items:
        r = r.united(a.sceneBoundingRect())
    visible = getattr(scene, "visible", None)
    if visible is not None and visible.active:  # a big circuit: nodes without items too
        r = r.united(scene.itemsBoundingRect())
    return r


class Camera:
    """Framings of one scene for a screen of ``size`` pixels."""

    def __init__(self, scene: CircuitScene, size: QSizeF, label_scale: float = 1.0,
                 screen_height: float | None = None) -> None:
        self.scene = scene
        self.size = QSizeF(size)  # the picture's size: the whole screen, or the viewport
        self.label_px = LABEL_FRACTION * (screen_height or size.height()) * label_scale
        self.zoom = self.label_px / label_height(scene)  # the zoom that makes labels readable

    def _frame(self) -> QRectF:
        """The screen area the picture may use, in screen pixels."""
        w, h = self.size.width(), self.size.height()
        m = MARGIN * h
        return QRectF(m, BADGE_BAND + m / 2, w - 2 * m, h - BADGE_BAND - 1.5 * m)

    def _shot(self, centre: QPointF, zoom: float, fits: bool, whole: bool) -> Shot:
        frame = self._frame()
        w, h = self.size.width() / zoom, self.size.height() / zoom
        # the frame's centre (below the badge) lands on ``centre``
        fc = frame.center()
        left, top = centre.x() - fc.x() / zoom, centre.y() - fc.y() / zoom
        rect = QRectF(left, top, w, h)
        usable = QRectF(left + frame.left() / zoom, top + frame.top() / zoom,
                        frame.width() / zoom, frame.height() / zoom)
        return Shot(rect, zoom, fits, whole, usable)

    def whole(self, room: QSizeF | None = None) -> Shot:
        """The whole circuit, as large as the screen allows with ``room`` (scene units)
        left for callouts beside or below it; labels no more than WHOLE_MAX times the
        smallest size."""
        r = circuit_rect(self.scene)
        if r.isEmpty():
            return self._shot(QPointF(0, 0), self.zoom, True, True)
        room = room or QSizeF()
        frame = self._frame()
        fit = max(min(frame.width() / (r.width() + room.width()),
                      frame.height() / r.height()),
                  min(frame.width() / max(r.width(), room.width()),
                      frame.height() / (r.height() + room.height())))
        fits = fit >= self.zoom
        zoom = min(fit, self.zoom * WHOLE_MAX) if fits else fit
        return self._shot(r.center(), zoom, fits, True)

    def whole_fits(self) -> bool:
        return self.whole().fits

    def focus(self, parts: list[QRectF], room: QSizeF | None = None) -> Shot:
        """Follow: ``parts`` (most important first) at the readable zoom, plus ``room``
        (scene units) for callouts. Parts that do not fit with the first are left out; if
        even the first does not fit, the camera zooms out (and says labels don't fit)."""
        room = room or QSizeF()
        frame = self._frame()
        fw, fh = frame.width() / self.zoom, frame.height() / self.zoom
        parts = [p for p in parts if not p.isEmpty()]
        if not parts:
            return self.whole()
        def fits(r: QRectF, fw: float, fh: float) -> bool:  # callouts beside or below
            return (r.width() + room.width() <= fw and r.height() <= fh) or (
                max(r.width(), room.width()) <= fw and r.height() + room.height() <= fh)

        r = QRectF(parts[0])
        for p in parts[1:]:
            if fits(r.united(p), fw, fh):
                r = r.united(p)
        if fits(r, fw, fh):
            c = self._clamped_centre(r, fw, fh)
            return self._shot(c, self.zoom, True, False)
        zoom = max(min(frame.width() / (r.width() + room.width()),
                       frame.height() / r.height()),
                   min(frame.width() / max(r.width(), room.width()),
                       frame.height() / (r.height() + room.height())))
        # clamped as above: a first part at the circuit's edge (step 0's inputs) must not
        # leave half the screen empty while gates beyond it are cut off
        c = self._clamped_centre(r, frame.width() / zoom, frame.height() / zoom)
        return self._shot(c, zoom, False, False)

    def _clamped_centre(self, r: QRectF, fw: float, fh: float) -> QPointF:
        """The centre of ``r``, moved (as far as ``r`` stays in view) so the view stays
        inside the circuit: no empty screen beyond its edges while there is more to show,
        and all of it along an axis where it is smaller than the screen."""
        whole = circuit_rect(self.scene).united(r)
        out = []
        for lo_r, hi_r, lo_w, hi_w, size in (
                (r.left(), r.right(), whole.left(), whole.right(), fw),
                (r.top(), r.bottom(), whole.top(), whole.bottom(), fh)):
            want = (lo_r + hi_r) / 2
            if hi_w - lo_w > size:
                want = min(max(want, lo_w + size / 2), hi_w - size / 2)
            else:  # the circuit is shorter (narrower) than the screen: all of it, centred
                want = (lo_w + hi_w) / 2
            out.append(min(max(want, hi_r - size / 2), lo_r + size / 2))
        return QPointF(*out)


def step_parts(scene: CircuitScene, step: Step | None) -> list[QRectF]:
    """What a step is about, most important first: the gate with the numbers it produces
    (forward: its outgoing values; backward: the gradients it sends into its inputs),
    then the numbers it reads. At the start: the inputs and their values."""
    if step is not None and step.phase == "start":  # the inputs and the values they send
        inputs = [n for n in scene.nodes.values() if n.look.is_input]
        first = QRectF()
        for n in inputs:
            first = first.united(n.bounds())
        return [first, *(_label_box(w) for n in inputs for w in n.wires if w.src is n)]
    if step is None or step.node is None or step.node not in scene.nodes:
        return []
    node = scene.nodes[step.node]
    ins = [w for w in node.wires if w.dst is node]
    outs = [w for w in node.wires if w.src is node]
    if scene.stub is not None and scene.stub.src is node:
        outs.append(scene.stub)
    made, read = (ins, outs) if step.phase == "backward" else (outs, ins)
    first = node.bounds()
    for w in made:
        first = first.united(_label_box(w))
    return [first, *(_label_box(w) for w in read)]


def _label_box(wire) -> QRectF:
    spot = wire.label_spot()
    return QRectF() if spot is None else spot.value.united(spot.grad)


def shot_for(scene: CircuitScene, step: Step | None, size: QSizeF, *, whole: bool = False,
             label_scale: float = 1.0, room: QSizeF | None = None,
             screen_height: float | None = None) -> Shot:
    """The framing of ``step`` in a picture of ``size`` on a screen ``screen_height``
    pixels tall (default: the picture's): the whole circuit when it fits readably (or
    ``whole`` is asked for, or nothing is active), else the step's gate."""
    cam = Camera(scene, size, label_scale, screen_height)
    overview = cam.whole(room)
    if whole or overview.fits:
        return overview
    parts = step_parts(scene, step)
    return cam.focus(parts, room) if parts else overview
