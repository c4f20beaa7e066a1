"""WireItem: a smooth curve from a source's output port to a gate's input port.

As in the notes, each wire carries two numbers: its forward value above (green, upright)
and the gradient flowing back along it below (red, italic). The curve follows its nodes
while they move (``adjust`` is called from ``NodeItem.itemChange``).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from chainwire.editor.items.node import NODE_TYPE, NodeItem
from chainwire.editor.style import Style

WIRE_TYPE = QGraphicsItem.UserType + 3
LABEL_STOPS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)  # where along a wire its numbers may sit
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

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_TEXT:
            return  # too small to read: skip (keeps zoomed-out 10,000-gate views fluid)
        style: Style = self.scene().style
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QBrush(style.theme.color("label_bg")))
        painter.drawRoundedRect(self.boundingRect(), 3, 3)
        if self.flagged:  # NaN / inf: outlined so nobody reads it as a number
            painter.setPen(QPen(style.theme.color("warn"), 1.5))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(self.boundingRect(), 3, 3)
        super().paint(painter, option, widget)


class WireItem(QGraphicsPathItem):
    """One wire (or, with ``dst`` None, the output stub that shows f and df/df = 1)."""

    def __init__(self, wire, src: NodeItem, dst: NodeItem | None) -> None:
        super().__init__()
        self.wire = wire  # graph.Wire, or None for the output stub
        self.src = src
        self.dst = dst
        self.emphasis = 0.0  # extra width (gradient colouring / step highlight)
        self.tint = None  # QColor override for the stroke (gradient colouring)
        self.setZValue(0 if dst is not None else 0.5)
        if dst is not None:
            self.setFlag(QGraphicsItem.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self._shown: tuple | None = None  # what set_numbers last pushed
        self._anchor: QPointF | None = None  # where on the wire the numbers sit
        self.value_label = WireLabel(self, is_grad=False)
        self.grad_label = WireLabel(self, is_grad=True)
        src.wires.add(self)
        if dst is not None:
            dst.wires.add(self)

    def type(self) -> int:  # noqa: A003 - Qt virtual
        return WIRE_TYPE

    def detach(self) -> None:
        self.src.wires.discard(self)
        if self.dst is not None:
            self.dst.wires.discard(self)

    def endpoints(self) -> tuple[QPointF, QPointF]:
        a = self.src.out_port_pos()
        if self.dst is None:
            return a, a + QPointF(STUB_LENGTH, 0)
        return a, self.dst.in_port_pos(self.wire.port)

    def adjust(self) -> None:
        a, b = self.endpoints()
        self.setPath(wire_path(a, b))
        self.place_labels()

    def place_labels(self, blocked=None, occupy=None) -> None:
        """Centre the two numbers on the wire, at the first point along it (middle first)
        where they cover no node and no other wire's numbers: on a long wire passing a
        gate the numbers must not look like that gate's, and forks must stay legible.

        ``blocked(rect) -> overlap`` / ``occupy(rect)`` let the scene place many wires
        against its own obstacle grid; without them the scene's item index is asked.
        Where every spot is taken, the one covering least wins.
        """
        path = self.path()
        v, g = self.value_label.boundingRect(), self.grad_label.boundingRect()
        if blocked is None:
            scene = self.scene()
            if scene is not None and getattr(scene, "avoid_overlaps", True):
                blocked = self._covers_something
        best = area = None
        best_cost = None
        for t in LABEL_STOPS:
            p = path.pointAtPercent(t)
            vpos = QPointF(p.x() - v.width() / 2 + 3, p.y() - v.height() - 1)
            gpos = QPointF(p.x() - g.width() / 2 + 3, p.y() + 2)
            here = v.translated(vpos).united(g.translated(gpos))
            if blocked is None:
                best, area = (vpos, gpos), here
                break
            cost = blocked(here)  # 0: free; else how much it covers (least is best)
            if best_cost is None or cost < best_cost:
                best, area, best_cost = (vpos, gpos), here, cost
            if not cost:
                break
        self.value_label.setPos(best[0])
        self.grad_label.setPos(best[1])
        self._anchor = QPointF(best[0].x() + v.width() / 2 - 3, best[0].y() + v.height() + 1)
        if occupy is not None:
            occupy(area)

    def _recentre(self) -> None:
        """New texts, same spot: keep the numbers centred on the chosen point."""
        if self._anchor is None:
            self.place_labels()
            return
        p = self._anchor
        v, g = self.value_label.boundingRect(), self.grad_label.boundingRect()
        self.value_label.setPos(p.x() - v.width() / 2 + 3, p.y() - v.height() - 1)
        self.grad_label.setPos(p.x() - g.width() / 2 + 3, p.y() + 2)

    def _covers_something(self, area: QRectF) -> float:
        """How much ``area`` covers gates (with a margin) and other wires' numbers."""
        near = area.adjusted(-14, -14, 14, 14)  # numbers touching a gate read as its own
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
        self._recentre()
        return True

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
        painter.setPen(QPen(color, width, Qt.SolidLine, Qt.RoundCap))
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


def wire_path(a: QPointF, b: QPointF) -> QPainterPath:
    """A horizontal-tangent cubic from a to b: the usual node-editor wire."""
    path = QPainterPath(a)
    dx = max(abs(b.x() - a.x()) * 0.5, 40.0)
    path.cubicTo(QPointF(a.x() + dx, a.y()), QPointF(b.x() - dx, b.y()), b)
    return path
