"""AnnotationItem: a teacher's text box on the canvas ("this is where the fork adds up").

Like the other items it holds no model state of its own beyond what the scene pushes in
(text, font size, position) and the index of its entry in ``circuit.annotations()``. A
drag moves it freely; on release the scene turns the moves of everything dragged
(nodes and annotations) into one undo command. ``font_size`` is in points at 100 % zoom,
as in the file.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from chainwire.editor.style import Style

ANNOTATION_TYPE = QGraphicsItem.UserType + 21
PAD = 8.0


class AnnotationItem(QGraphicsObject):
    def __init__(self, index: int, text: str, font_size: float) -> None:
        super().__init__()
        self.index = index
        self.text = text
        self.font_size = font_size
        self.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable)
        self.setZValue(15)

    def type(self) -> int:  # noqa: A003 - Qt virtual
        return ANNOTATION_TYPE

    def set_content(self, text: str, font_size: float) -> None:
        if (text, font_size) != (self.text, self.font_size):
            self.prepareGeometryChange()
            self.text, self.font_size = text, font_size
            self.update()

    def _font(self):
        style: Style | None = getattr(self.scene(), "style", None)
        if style is None:
            style = Style()
        return style.font(self.font_size)

    def text_rect(self) -> QRectF:
        fm = QFontMetricsF(self._font())
        lines = self.text.split("\n") or [""]
        w = max((fm.horizontalAdvance(line) for line in lines), default=0.0)
        return QRectF(0, 0, max(w, 20.0) + 2 * PAD, fm.lineSpacing() * len(lines) + 2 * PAD)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.text_rect().adjusted(-3, -3, 3, 3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        style: Style = self.scene().style
        t = style.theme
        painter.setRenderHint(QPainter.Antialiasing)
        rect = self.text_rect()
        painter.setBrush(QBrush(t.color("callout_bg")))
        pen = QPen(t.color("selection") if self.isSelected() else t.color("grid"),
                   2.0 if self.isSelected() else 1.0)
        if not self.isSelected() and t.color("grid") == t.color("background"):
            pen = QPen(t.color("node_border"), 0.8, Qt.DotLine)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setFont(self._font())
        painter.setPen(t.color("callout_text"))
        painter.drawText(rect.adjusted(PAD, PAD, -PAD, -PAD), Qt.AlignLeft | Qt.AlignTop,
                         self.text)

    def centre(self) -> QPointF:
        return self.mapToScene(self.text_rect().center())
