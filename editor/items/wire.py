"""WireItem: a smooth curve from a source's output port to a gate's input port.

As in the notes, each wire carries two numbers: its forward value above (green, upright)
and the gradient flowing back along it below (red, italic), on a straight stretch of the
wire. The wire follows its nodes while they move (``adjust`` is called from
``NodeItem.itemChange``); where the two numbers go is decided by the scene's label pass
(``label_placement``), which sees every wire at once.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from chainwire.editor.items.node import NODE_TYPE, NodeItem
from chainwire.editor.items.wire_shape import (  # noqa: F401 - wire_path: the drag preview
    LEVEL_CUT,
    Spot,
    find_spots,
    polyline,
    rounded_path,
    wire_path,
)
from chainwire.editor.style import Style

WIRE_TYPE = QGraphicsItem.UserType + 3
LOD_TEXT = 0.3  # below this scale, text is unreadable and is not drawn
STUB_LENGTH = 90.0


class WireLabel(QGraphicsSimpleTextItem):
    """A number on a wire, on a soft background so it stays readable over other lines."""

    def __init__(self, parent: QGraphicsItem, is_grad: bool) -> None:
        super().__init__(parent)
        self.is_grad = is_grad
        self.flagged = False
        self.setZValue(3)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return super().boundingRect().adjusted(-3, -1, 3, 1)

    def backdrop(self) -> QRectF:
        """The soft background: the label's box, less its edge facing its own wire (the
        value sits above it, the gradient below) where a highlighted or gradient-coloured
        wire is wider than the gap its numbers leave, so the wire keeps its width."""
        r = self.boundingRect()
        wire = self.parentItem()
        inset = max(0.0, (2.0 + getattr(wire, "emphasis", 0.0)) / 2 - 1.0)
        return r.adjusted(0, inset, 0, 0) if self.is_grad else r.adjusted(0, 0, 0, -inset)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_TEXT:
            return  # too small to read: skip (keeps zoomed-out 10,000-gate views fluid)
        style: Style = self.scene().style
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QBrush(style.theme.color("label_bg")))
        painter.drawRoundedRect(self.backdrop(), 3, 3)
        if self.flagged:  # NaN / inf: outlined so nobody reads it as a number
            painter.setPen(QPen(style.theme.color("warn"), 1.5))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(self.boundingRect(), 3, 3)
        super().paint(painter, option, widget)


class WireItem(QGraphicsPathItem):
    """One wire (or, with ``dst`` None, the output stub that shows f and df/df = 1).

    The wire runs from port to port through ``bends`` (scene points a router chose in the
    gaps between gates), drawn as straight stretches joined by rounded corners: its two
    numbers sit on a straight stretch, as in the notes' figures.
    """

    def __init__(self, wire, src: NodeItem, dst: NodeItem | None) -> None:
        super().__init__()
        self.wire = wire  # graph.Wire, or None for the output stub
        self.src = src
        self.dst = dst
        self.emphasis = 0.0  # extra width (gradient colouring / step highlight)
        self.tint = None  # QColor override for the stroke (gradient colouring)
        self.bends: tuple[QPointF, ...] = ()  # routed bend points, for these endpoints
        self._routed_for: tuple | None = None  # the endpoints ``bends`` were routed for
        self.stretches: list[tuple[QPointF, QPointF]] = []  # straight parts of the path
        self.setZValue(0 if dst is not None else 0.5)
        if dst is not None:
            self.setFlag(QGraphicsItem.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self._shown: tuple | None = None  # what set_numbers last pushed
        self._spot: Spot | None = None  # where the numbers sit
        self.preferred: QPointF | None = None  # where the router meant the numbers to go
        self._spots_cache: tuple | None = None  # (shape and sizes, spots) of the last search
        self._reserved = (0.0, 0.0)  # label widths the spot was chosen for
        self.problem = ""  # its target's shape problem: drawn dashed in the warning colour
        self.value_label = WireLabel(self, is_grad=False)
        self.grad_label = WireLabel(self, is_grad=True)
        src.wires.add(self)
        if dst is not None:
            dst.wires.add(self)
            dst.refresh_wired()

    def type(self) -> int:  # noqa: A003 - Qt virtual
        return WIRE_TYPE

    def detach(self) -> None:
        self.src.wires.discard(self)
        if self.dst is not None:
            self.dst.wires.discard(self)
            self.dst.refresh_wired()

    def endpoints(self) -> tuple[QPointF, QPointF]:
        a = self.src.out_port_pos()
        if self.dst is None:  # long enough for its numbers to sit clear of the gate
            v, g = self.value_label.boundingRect(), self.grad_label.boundingRect()
            return a, a + QPointF(max(STUB_LENGTH, max(v.width(), g.width()) + 44), 0)
        return a, self.dst.in_port_pos(self.wire.port)

    def set_bends(self, bends) -> None:
        """Route through these scene points (``(x, y)`` pairs), for the current endpoints;
        once an end moves the wire drops them until it is routed again."""
        a, b = self.endpoints()
        self.bends = tuple(QPointF(*p) if not isinstance(p, QPointF) else p for p in bends)
        self._routed_for = (a.x(), a.y(), b.x(), b.y())
        self._reshape(a, b)

    def points(self) -> list[QPointF]:
        """The polyline the wire is drawn along: its ports and the bends between them."""
        a, b = self.endpoints()
        bends = self.bends if self._routed_for == (a.x(), a.y(), b.x(), b.y()) else ()
        return polyline(a, b, bends)

    def adjust(self) -> None:
        """Follow the ports; numbers go to a quick spot now (a gate is being dragged), and
        the scene's label pass places them properly at the end of the update."""
        a, b = self.endpoints()
        self._reshape(a, b)
        scene = self.scene()
        if scene is None or getattr(scene, "avoid_overlaps", True):
            self.place_labels()
        else:  # the scene is being built: one placement pass follows
            self.set_spot(self._fallback_spot())
        labels = getattr(scene, "labels", None)
        if labels is not None:
            labels.geometry_changed()

    def _reshape(self, a: QPointF, b: QPointF) -> None:
        path, self.stretches = rounded_path(self.points())
        self.setPath(path)

    def drawn_points(self) -> list[QPointF]:
        """Points along the drawn curve (corners flattened), in scene coordinates."""
        polys = self.path().toSubpathPolygons()
        if self.pos().isNull():  # wires are never moved: their path is in scene coordinates
            return [p for poly in polys for p in poly]
        return [self.mapToScene(p) for poly in polys for p in poly]

    def label_size(self) -> tuple[QRectF, QRectF]:
        """The room the two labels take, in their own coordinates (background included):
        at least a typical number's width, so a new number rarely needs a new spot."""
        v, g = self.value_label.boundingRect(), self.grad_label.boundingRect()
        scene = self.scene()
        if scene is not None:
            style = scene.style
            least = QFontMetricsF(style.value_font()).horizontalAdvance(
                "-8." + "8" * style.decimals) + 6
            v.setWidth(max(v.width(), least))
            g.setWidth(max(g.width(), least))
        return v, g

    def spots(self, fork: bool = False, lift: float = 0.0) -> list[Spot]:
        """Where the two numbers may sit, best first.

        At points every few pixels along the wire (where it runs rightwards): the value's
        box just above the wire's highest point under it, the gradient's just below its
        lowest (plus ``lift``), so on a straight horizontal stretch both hug the line. Flat
        spots come before sloped ones; then the router's chosen point, else the middle of
        the wire, or for a fork's branch the first spot after it leaves the fork, where the
        branches have parted.
        """
        v, g = self.label_size()
        key = (self.path(), v.width(), v.height(), g.width(), g.height(), fork,
               self.preferred)
        if self._spots_cache is not None and self._spots_cache[0] == key:
            spots = self._spots_cache[1]
        else:
            spots = find_spots(self.path(), v, g, fork, self.preferred)
            self._spots_cache = (key, spots)
        return [s.lifted(lift) for s in spots] if lift else spots

    def set_spot(self, spot: Spot) -> None:
        """Put the numbers on ``spot`` (keeps them there when their texts change)."""
        self._spot = spot
        self._reserved = (spot.value.width(), spot.grad.width())
        self._recentre()

    def label_spot(self) -> Spot | None:
        return self._spot

    def place_labels(self, blocked=None) -> None:
        """Put the numbers on the first free spot (see ``spots``), asking ``blocked(rect)``
        how much a spot covers; without it the scene's item index is asked. Used while a
        gate is dragged; the scene's label pass then places every wire against all others.
        """
        if blocked is None:
            scene = self.scene()
            if scene is not None and getattr(scene, "avoid_overlaps", True):
                blocked = self._covers_something
        best = None
        for spot in self.spots() or [self._fallback_spot()]:
            cost = 0.0 if blocked is None else blocked(spot.value) + blocked(spot.grad)
            if best is None or cost < best[0]:
                best = (cost, spot)
            if not cost:
                break
        self.set_spot(best[1])

    def _fallback_spot(self) -> Spot:
        a, b = self.endpoints()
        v, g = self.label_size()
        m = (a + b) / 2
        return Spot(m, QRectF(m.x() - v.width() / 2, m.y() - 1 - v.height(), v.width(),
                              v.height()), QRectF(m.x() - g.width() / 2, m.y() + 1, g.width(),
                                                  g.height()))

    def _recentre(self) -> None:
        """New texts, same spot: keep each number centred where its spot says."""
        if self._spot is None:
            self.place_labels()
            return
        for label, box in ((self.value_label, self._spot.value),
                           (self.grad_label, self._spot.grad)):
            r = label.boundingRect()
            c = box.center()
            label.setPos(c.x() - r.center().x(), c.y() - r.center().y())

    def _covers_something(self, area: QRectF) -> float:
        """How much ``area`` covers gates (with a margin) and other wires' numbers."""
        near = area.adjusted(-8, -8, 8, 8)  # numbers touching a gate read as its own
        cost = 0.0
        for item in self.scene().items(near):
            if item.type() == NODE_TYPE:
                cost += _overlap(near, item.sceneBoundingRect())
            elif (isinstance(item, WireLabel) and item.parentItem() is not self
                  and item.isVisible()):
                cost += _overlap(area, item.sceneBoundingRect())
        return cost

    def set_numbers(self, value_text: str | None, grad_text: str | None,
                    value_flag: bool = False, grad_flag: bool = False) -> bool:
        """Show these texts (None hides a label). Returns True if anything changed.

        Cheap when nothing changed: a tuple comparison, no Qt calls (the scene calls this
        for every wire after every edit).
        """
        style: Style = self.scene().style
        state = (value_text, grad_text, value_flag, grad_flag, style.generation)
        if state == self._shown:
            return False
        self._shown = state
        for label, text, flag, color, font in (
                (self.value_label, value_text, value_flag, style.value_color(),
                 style.value_font()),
                (self.grad_label, grad_text, grad_flag, style.grad_color(), style.grad_font())):
            label.setVisible(text is not None)
            if text is not None:
                label.setText(text)
                label.flagged = flag
            label.setFont(font)
            label.setBrush(style.theme.color("warn") if flag else color)
            label.update()
        if self.dst is None:  # the stub's length follows its numbers' width
            self._reshape(*self.endpoints())
            self._spot = None if self._spot is None else self._spot
        self._recentre()
        if self._spot is not None and (
                self.value_label.boundingRect().width() > self._reserved[0] + 0.5
                or self.grad_label.boundingRect().width() > self._reserved[1] + 0.5):
            labels = getattr(self.scene(), "labels", None)
            if labels is not None:  # outgrew its spot: find it another (this wire only)
                labels.outgrown.add(self)
        return True

    def set_problem(self, text: str) -> None:
        """Mark the wire as feeding a gate that refuses its shapes (tooltip: the reason)."""
        if text != self.problem:
            self.problem = text
            self.setToolTip(text)
            self.update()

    def shape(self) -> QPainterPath:
        s = QPainterPathStroker()
        s.setWidth(12)  # easy to click
        return s.createStroke(self.path())

    def boundingRect(self) -> QRectF:  # noqa: N802
        return super().boundingRect().adjusted(-8, -8, 8, 8)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        style: Style = self.scene().style
        t = style.theme
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_TEXT:
            painter.setPen(QPen(style.theme.color("wire"), 0))  # zoomed far out: a hairline
            painter.drawPath(self.path())
            return
        painter.setRenderHint(QPainter.Antialiasing)
        color = self.tint if self.tint is not None else t.color("wire")
        width = 2.0 + self.emphasis
        if self.isSelected():
            painter.setPen(QPen(t.color("selection"), width + 4, Qt.SolidLine, Qt.RoundCap))
            painter.drawPath(self.path())
        line = Qt.SolidLine
        if self.problem:
            color, line = t.color("warn"), Qt.DashLine
        painter.setPen(QPen(color, width, line, Qt.RoundCap))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(self.path())
        if self.dst is None:  # the output stub ends in an arrow head
            a, b = self.endpoints()
            head = QPainterPath(b)
            head.lineTo(b + QPointF(-10, -6))
            head.lineTo(b + QPointF(-10, 6))
            head.closeSubpath()
            painter.setBrush(QBrush(color))
            painter.drawPath(head)


def _overlap(a: QRectF, b: QRectF) -> float:
    r = a.intersected(b)
    return r.width() * r.height()
