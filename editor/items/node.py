"""NodeItem and PortItem: a gate or input drawn as in the notes' circuit diagrams.

Items know nothing of the model: the scene pushes what to show (``NodeLook``) and reads
back only ids and positions. Gates are circles with their symbol; inputs are pills with
their label and value; the output gets a blue double ring and an "f" tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from chainwire.editor.style import (
    GATE_RADIUS,
    GRID,
    INPUT_HEIGHT,
    INPUT_WIDTH,
    PORT_RADIUS,
    PORT_SPACING,
    Style,
)

NODE_TYPE = QGraphicsItem.UserType + 1
PROBLEM_MARK = "⚠"  # beside a gate whose inputs' shapes do not fit
PORT_TYPE = QGraphicsItem.UserType + 2


@dataclass(frozen=True)
class NodeLook:
    """Everything a NodeItem shows; built by the scene from the model and evaluation."""

    symbol: str
    label: str = ""
    value_text: str = ""  # inputs: their value; gates: "" (the wires carry the numbers)
    is_input: bool = False
    is_output: bool = False
    in_ports: tuple[int, ...] = (0,)  # input port numbers to draw, top to bottom
    flagged: bool = False  # value is NaN/inf
    undefined: bool = False
    problem: str = ""  # why this gate refuses its inputs' shapes ("" when it does not)


class PortItem(QGraphicsItem):
    """An input or output port: the end of a wire drag."""

    def __init__(self, parent: NodeItem, is_input: bool, port: int) -> None:
        super().__init__(parent)
        self.is_input = is_input
        self.port = port
        self.highlighted = False
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self._hover = False

    @property
    def node(self) -> NodeItem:
        return self.parentItem()  # type: ignore[return-value]

    def type(self) -> int:  # noqa: A003 - Qt virtual
        return PORT_TYPE

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = PORT_RADIUS + 5
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        p = QPainterPath()
        r = PORT_RADIUS + 4  # a forgiving target for the mouse
        p.addEllipse(QPointF(0, 0), r, r)
        return p

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < 0.3:
            return  # zoomed far out: ports are too small to aim at
        style: Style = self.scene().style
        t = style.theme
        painter.setRenderHint(QPainter.Antialiasing)
        active = self.highlighted or self._hover
        wired = self.is_input is False or self.port in self.node.wired_ports
        edge = QColor(t.color("port_highlight" if active else "node_border"))
        if not wired and not active and not self.node.show_spare_ports():
            edge.setAlphaF(0.45)  # a free port is always visible (where to wire), but faint
        pen = QPen(edge, 2.4 if active else 1.6)
        if not wired and not active:
            pen.setStyle(Qt.DotLine)  # offered, not used
        painter.setPen(pen)
        painter.setBrush(QBrush(t.color("port_highlight") if active else t.color("port_fill")))
        r = PORT_RADIUS + (2.5 if active else 0)
        painter.drawEllipse(QPointF(0, 0), r, r)

    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        self._hover = True
        self.setCursor(Qt.CrossCursor)
        self.update()

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self.update()

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()


class NodeItem(QGraphicsObject):
    """A node on the canvas. Moves freely while dragged; the scene turns drags into commands."""

    def __init__(self, node_id: str, look: NodeLook) -> None:
        super().__init__()
        self.node_id = node_id
        self.look = look
        self.wires: set = set()  # WireItems attached (view adjacency, kept by the scene)
        self.wired_ports: frozenset[int] = frozenset()
        self._hovered = False
        self.snap = False
        self.emphasis = 0  # 0 none, 1 highlighted step gate (classroom mode)
        self.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable
                      | QGraphicsItem.ItemSendsGeometryChanges | QGraphicsItem.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.out_port = PortItem(self, False, 0)
        self.in_ports: dict[int, PortItem] = {}
        self._apply_ports()

    def type(self) -> int:  # noqa: A003 - Qt virtual
        return NODE_TYPE

    def show_spare_ports(self) -> bool:
        return self._hovered or self.isSelected()

    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        self._hovered = True
        for p in self.in_ports.values():
            p.update()

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self._hovered = False
        for p in self.in_ports.values():
            p.update()

    # ----- geometry --------------------------------------------------------------
    def _half_size(self) -> tuple[float, float]:
        if self.look.is_input:
            return INPUT_WIDTH / 2, INPUT_HEIGHT / 2
        n = len(self.look.in_ports)
        r = max(GATE_RADIUS, (n - 1) * PORT_SPACING / 2 + PORT_SPACING * 0.6)
        return r, r

    def body_rect(self) -> QRectF:
        w, h = self._half_size()
        return QRectF(-w, -h, 2 * w, 2 * h)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.body_rect().adjusted(-10, -24, 10, 10)

    def shape(self) -> QPainterPath:
        p = QPainterPath()
        if self.look.is_input:
            p.addRoundedRect(self.body_rect(), 14, 14)
        else:
            p.addEllipse(self.body_rect())
        return p

    def bounds(self) -> QRectF:
        """Everything the node draws, tightly, in scene coordinates: body, ports, name and
        the output's "f" tag (what a wire's numbers must keep clear of)."""
        r = self.body_rect()
        for port in [self.out_port, *self.in_ports.values()]:
            r = r.united(port.mapRectToParent(port.boundingRect()))
        scene = self.scene()
        if scene is not None and not self.look.is_input and self.look.label:
            fm = QFontMetricsF(scene.style.font(scene.style.label_pt * 0.9))
            body = self.body_rect()
            w = fm.horizontalAdvance(self.look.label)
            r = r.united(QRectF(-w / 2, body.top() - 2 - fm.height(), w, fm.height()))
        if self.look.is_output and self.look.label != "f":
            body = self.body_rect()
            r = r.united(QRectF(body.right() - 8, body.top() - 20, 16, 18))
        return self.mapRectToScene(r)

    def _apply_ports(self) -> None:
        w, _h = self._half_size()
        self.out_port.setPos(w, 0)
        wanted = () if self.look.is_input else self.look.in_ports
        for p in list(self.in_ports):
            if p not in wanted:
                port = self.in_ports.pop(p)
                port.setParentItem(None)
                if port.scene() is not None:
                    port.scene().removeItem(port)
        n = len(wanted)
        for i, p in enumerate(wanted):
            item = self.in_ports.get(p)
            if item is None:
                item = self.in_ports[p] = PortItem(self, True, p)
            y = (i - (n - 1) / 2) * PORT_SPACING
            x = -((w * w - y * y) ** 0.5) if abs(y) < w else -w  # on the circle's rim
            item.setPos(x, y)

    def in_port_pos(self, port: int) -> QPointF:
        item = self.in_ports.get(port)
        if item is None:
            return self.mapToScene(QPointF(-self._half_size()[0], 0))
        return item.scenePos()

    def out_port_pos(self) -> QPointF:
        return self.out_port.scenePos()

    # ----- state pushed by the scene ------------------------------------------------
    def refresh_wired(self) -> None:
        """Which input ports have a wire (drawn solid; a free one dotted). Wires call it
        as they attach and detach, so a freshly opened circuit shows its wiring."""
        wired = frozenset(w.wire.port for w in self.wires if w.dst is self)
        if wired != self.wired_ports:
            self.wired_ports = wired
            for p in self.in_ports.values():
                p.update()

    def set_look(self, look: NodeLook) -> None:
        for w in self.wires:  # a shape problem marks the gate's input wires too
            if w.dst is self:
                w.set_problem(look.problem)
        self.refresh_wired()
        if look == self.look:
            return
        geometry = (look.is_input, look.in_ports) != (self.look.is_input, self.look.in_ports)
        if geometry:
            self.prepareGeometryChange()
        self.look = look
        self.setToolTip(look.problem)
        if geometry:
            self._apply_ports()
            for w in list(self.wires):
                w.adjust()
        self.update()

    # ----- painting --------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        style: Style = self.scene().style
        t = style.theme
        look = self.look
        rect = self.body_rect()
        if option.levelOfDetailFromTransform(painter.worldTransform()) < 0.3:
            painter.setPen(QPen(t.color("node_border"), 0))  # zoomed far out: shape only
            painter.setBrush(QBrush(t.color("input_fill" if look.is_input else "node_fill")))
            self._draw_body(painter, rect)
            return
        painter.setRenderHint(QPainter.Antialiasing)
        border = t.color("output_border") if look.is_output else t.color("node_border")
        width = 2.6 if look.is_output else 2.0
        if self.emphasis:
            glow = t.color("highlight")
            painter.setPen(QPen(glow, 12, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
            painter.setBrush(Qt.NoBrush)
            self._draw_body(painter, rect.adjusted(-3, -3, 3, 3))
        if self.isSelected():
            painter.setPen(QPen(t.color("selection"), 6))
            painter.setBrush(Qt.NoBrush)
            self._draw_body(painter, rect.adjusted(-4, -4, 4, 4))
        painter.setPen(QPen(border, width))
        painter.setBrush(QBrush(t.color("input_fill" if look.is_input else "node_fill")))
        self._draw_body(painter, rect)
        if look.is_output:  # a double ring marks f
            painter.setBrush(Qt.NoBrush)
            painter.setPen(QPen(border, 1.4))
            self._draw_body(painter, rect.adjusted(4, 4, -4, -4))
        painter.setPen(t.color("node_text"))
        if look.is_input:
            self._paint_input_text(painter, style, rect)
        else:
            pt = style.symbol_pt * (0.78 if len(look.symbol) > 2 else 1.0)
            painter.setFont(style.font(pt, bold=True))
            painter.drawText(rect, Qt.AlignCenter, look.symbol)
            if look.label:
                painter.setFont(style.font(style.label_pt * 0.9))
                painter.setPen(t.color("node_text"))
                top = QRectF(rect.left() - 40, rect.top() - 22, rect.width() + 80, 20)
                painter.drawText(top, Qt.AlignHCenter | Qt.AlignBottom, look.label)
        if look.is_output and look.label != "f":
            painter.setFont(style.font(style.label_pt * 0.9, bold=True))
            painter.setPen(border)
            tag = QRectF(rect.right() - 8, rect.top() - 20, 30, 18)
            painter.drawText(tag, Qt.AlignLeft | Qt.AlignBottom, "f")
        if look.problem:  # a shape problem: a dashed warning ring and a ⚠ (tooltip: why)
            painter.setPen(QPen(t.color("warn"), 3, Qt.DashLine))
            painter.setBrush(Qt.NoBrush)
            self._draw_body(painter, rect.adjusted(-5, -5, 5, 5))
            painter.setFont(style.font(style.label_pt * 1.1, bold=True))
            painter.drawText(QRectF(rect.right() - 10, rect.bottom() - 12, 20, 22),
                             Qt.AlignCenter, PROBLEM_MARK)  # bottom right: no port there

    def _draw_body(self, painter: QPainter, rect: QRectF) -> None:
        if self.look.is_input:
            painter.drawRoundedRect(rect, 14, 14)
        else:
            painter.drawEllipse(rect)

    def _paint_input_text(self, painter: QPainter, style: Style, rect: QRectF) -> None:
        t = style.theme
        look = self.look
        label_font = style.font(style.label_pt * 1.25, bold=True)
        painter.setFont(label_font)
        painter.setPen(t.color("node_text"))
        label = look.label or look.symbol
        fm = QFontMetricsF(label_font)
        label = fm.elidedText(label, Qt.ElideRight, rect.width() - 12)
        painter.drawText(rect.adjusted(6, 3, -6, -rect.height() / 2 + 2),
                         Qt.AlignHCenter | Qt.AlignBottom, label)
        painter.setFont(style.value_font())  # as large as the wire labels: read from afar
        painter.setPen(t.color("warn") if look.flagged else style.value_color())
        painter.drawText(rect.adjusted(6, rect.height() / 2, -6, -3),
                         Qt.AlignHCenter | Qt.AlignTop, look.value_text)

    def value_rect(self) -> QRectF:
        """Where an input's value is drawn (for in-place editing and wheel scrubbing)."""
        r = self.body_rect()
        return QRectF(r.left(), 0, r.width(), r.height() / 2)

    # ----- movement ----------------------------------------------------------------
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):  # noqa: N802
        if change == QGraphicsItem.ItemPositionChange and self.snap:
            p = QPointF(value)
            return QPointF(round(p.x() / GRID) * GRID, round(p.y() / GRID) * GRID)
        if change == QGraphicsItem.ItemPositionHasChanged:
            for w in self.wires:
                w.adjust()
        if change == QGraphicsItem.ItemSelectedHasChanged:
            for p in self.in_ports.values():
                p.update()
        return super().itemChange(change, value)
