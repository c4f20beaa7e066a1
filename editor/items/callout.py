"""CalloutItem: a boxed line of text on the canvas for classroom overlays.

Used for the chain-rule callouts of the step-through (``x · g = -1.00 × 0.20 = -0.20``),
the patterns overlay's tags (``× swaps``) and fork sums. Text comes in coloured runs so
the result can wear the gradient's colour while the arithmetic stays in the callout's
text colour; the font follows the scene style's label size, so callouts grow with the
labels in presentation mode. An optional leader line points at what the callout explains.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from chainwire.editor.style import Style

CALLOUT_TYPE = QGraphicsItem.UserType + 20
PAD_X, PAD_Y = 8.0, 4.0


class CalloutItem(QGraphicsItem):
    """Runs of (text, role) drawn in a rounded box; role is a theme role or "grad"/"value".

    ``scale`` sizes the font relative to the wire labels; ``target`` (scene coordinates)
    draws a leader line from the box to that point.
    """

    def __init__(self, runs: list[tuple[str, str]], scale: float = 1.0, kind: str = "callout",
                 target: QPointF | None = None) -> None:
        super().__init__()
        self.runs = runs
        self.scale_factor = scale
        self.kind = kind  # "callout", "tag" or "fork": lets tests and exports tell them apart
        self.target = target
        self.setZValue(20)

    def type(self) -> int:  # noqa: A003 - Qt virtual
        return CALLOUT_TYPE

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)

    def _style(self) -> Style:
        return self.scene().style

    def _font(self, style: Style) -> QFont:
        return style.font(style.label_pt * self.scale_factor, bold=True)

    def box(self) -> QRectF:
        """The box in item coordinates (its top-left corner is the item's position)."""
        scene = self.scene()
        if scene is None:
            return QRectF()
        fm = QFontMetricsF(self._font(scene.style))
        return QRectF(0, 0, fm.horizontalAdvance(self.text) + 2 * PAD_X,
                      fm.height() + 2 * PAD_Y)

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = self.box().adjusted(-3, -3, 3, 3)
        if self.target is not None:
            t = self.mapFromScene(self.target)
            r = r.united(QRectF(t, t).adjusted(-3, -3, 3, 3))
        return r

    def refresh(self) -> None:
        """The style (font size, theme) changed: geometry may have too."""
        self.prepareGeometryChange()
        self.update()

    def _color(self, style: Style, role: str) -> QColor:
        if role == "grad":
            return style.grad_color()
        if role == "value":
            return style.value_color()
        return style.theme.color(role)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        style = self._style()
        t = style.theme
        painter.setRenderHint(QPainter.Antialiasing)
        box = self.box()
        edge = t.color("node_border")
        if self.target is not None:
            painter.setPen(QPen(edge, 1.5, Qt.DashLine))
            tp = self.mapFromScene(self.target)
            start = QPointF(min(max(tp.x(), box.left()), box.right()),
                            box.top() if tp.y() < box.top() else box.bottom())
            painter.drawLine(start, tp)
        painter.setPen(QPen(edge, 1.5 if self.kind == "callout" else 1.0))
        painter.setBrush(QBrush(t.color("callout_bg")))
        painter.drawRoundedRect(box, 6, 6)
        font = self._font(style)
        painter.setFont(font)
        fm = QFontMetricsF(font)
        x = box.left() + PAD_X
        base = box.top() + PAD_Y + fm.ascent()
        for text, role in self.runs:
            painter.setPen(self._color(style, role))
            painter.drawText(QPointF(x, base), text)
            x += fm.horizontalAdvance(text)
