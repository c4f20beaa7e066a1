"""Gate icons, painted from the same symbols the canvas draws (no image files to drift)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from chainwire.editor.style import FONT_FAMILY
from chainwire.graph.gates import GATES


@cache
def gate_icon(type_: str, size: int = 40) -> QIcon:
    gate = GATES[type_]
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor("#222222"), 2))
    p.setBrush(QColor("#f3f6fb") if type_ == "input" else QColor("#ffffff"))
    r = QRectF(3, 3, size - 6, size - 6)
    if type_ == "input":
        p.drawRoundedRect(r.adjusted(0, 6, 0, -6), 8, 8)
    else:
        p.drawEllipse(r)
    f = QFont(FONT_FAMILY)
    sym = gate.display_symbol(None)
    f.setPixelSize(int(size * (0.42 if len(sym) <= 2 else 0.3)))
    f.setBold(True)
    p.setFont(f)
    p.setPen(QColor("#111111"))
    p.drawText(r, Qt.AlignCenter, sym)
    p.end()
    return QIcon(pm)
