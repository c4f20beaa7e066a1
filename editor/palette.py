"""The gate palette (a drag source) and the search-to-add popup (Tab / double-click)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chainwire.editor.expr_dialog import expression_offer
from chainwire.editor.i18n import gate_text
from chainwire.editor.icons import gate_icon
from chainwire.editor.view import GATE_MIME
from chainwire.graph.gates import GATE_ORDER, GATES

TYPE_ROLE = Qt.UserRole + 1


def _gate_item(type_: str) -> QListWidgetItem:
    gate = GATES[type_]
    title = gate_text(gate, "title")
    item = QListWidgetItem(gate_icon(type_), title)
    item.setData(TYPE_ROLE, type_)
    item.setToolTip(f"{title}: {gate_text(gate, 'summary')}\n"
                    + QCoreApplication.translate("Palette", "Local gradient: {}").format(
                        gate_text(gate, "formula")) + "\n"
                    + QCoreApplication.translate(
                        "Palette", "Drag onto the canvas, or double-click to add at the "
                                   "centre."))
    return item


class Palette(QListWidget):
    """Every gate type with its icon; drag one onto the canvas or double-click it."""

    add_requested = Signal(str)  # gate type: add at the view centre

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(36, 36))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setSpacing(2)
        for t in GATE_ORDER:
            self.addItem(_gate_item(t))
        # double-click (not "activated": styles differ on single vs double click) or Enter
        self.itemDoubleClicked.connect(lambda it: self.add_requested.emit(it.data(TYPE_ROLE)))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentItem() is not None:
            self.add_requested.emit(self.currentItem().data(TYPE_ROLE))
            return
        super().keyPressEvent(event)

    def item_for(self, type_: str) -> QListWidgetItem:
        for i in range(self.count()):
            if self.item(i).data(TYPE_ROLE) == type_:
                return self.item(i)
        raise KeyError(type_)

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt virtual
        mime = QMimeData()
        if items:
            mime.setData(GATE_MIME, items[0].data(TYPE_ROLE).encode("utf-8"))
            mime.setText(items[0].data(TYPE_ROLE))
        return mime

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt virtual
        return [GATE_MIME]

    def startDrag(self, actions) -> None:  # noqa: N802 - Qt virtual
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon().pixmap(36, 36))
        drag.exec(Qt.CopyAction)


class QuickAdd(QFrame):
    """Type to filter gates, Enter to add at the remembered position (Blender's Shift+A).

    When nothing matches, the box says so (an empty list looked like a broken box) and
    lists what can be typed; Enter then does nothing and the box stays open. Text that
    names no gate but parses as an expression with gates ("(a+b)*c") is offered instead:
    Enter or a click inserts it (``expression_chosen``).
    """

    chosen = Signal(str, QPointF)
    expression_chosen = Signal(str, QPointF)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.Popup)
        self.setFrameShape(QFrame.StyledPanel)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Add gate: type a name…"))
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(24, 24))
        self.no_match = QLabel(self)
        self.no_match.setObjectName("noMatch")
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.PlainText)
        self.no_match.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.no_match.setContentsMargins(4, 6, 4, 4)
        self.no_match.hide()
        self.offer = QPushButton(self)
        self.offer.setObjectName("insertExpression")
        self.offer.hide()
        self.offer.clicked.connect(self._accept_expression)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.edit)
        lay.addWidget(self.offer)
        lay.addWidget(self.no_match)
        lay.addWidget(self.list)
        self.resize(240, 320)
        self.pos_scene = QPointF()
        self.edit.textChanged.connect(self._filter)
        self.edit.returnPressed.connect(self._accept)
        self.list.itemActivated.connect(lambda _i: self._accept())
        for t in GATE_ORDER:
            self.list.addItem(_gate_item(t))

    def open_at(self, global_pos, scene_pos: QPointF) -> None:
        self.pos_scene = QPointF(scene_pos)
        self.edit.clear()
        self._filter("")
        self.move(global_pos)
        self.show()
        self.edit.setFocus()

    def _filter(self, raw: str) -> None:
        text = raw.strip().lower()
        first = None
        for i in range(self.list.count()):
            it = self.list.item(i)
            t = it.data(TYPE_ROLE)
            g = GATES[t]
            hit = not text or text in t or text in g.title.lower() or text == g.symbol.lower() \
                or text in gate_text(g, "title").lower()
            it.setHidden(not hit)
            if hit and first is None:
                first = it
        self.list.setCurrentItem(first)
        offered, why = expression_offer(raw) if first is None else (False, "")
        self.offer.setText(why if offered else "")
        self.offer.setVisible(offered)
        if first is None:
            names = ", ".join(gate_text(GATES[t], "title").lower() for t in GATE_ORDER)
            refusal = f"\n\n{why}" if why and not offered else ""
            self.no_match.setText(self.tr("No gate matches '{0}'.\nTry one of: {1}.")
                                  .format(raw.strip(), names) + refusal)
        self.no_match.setVisible(first is None)
        self.list.setVisible(first is not None)

    def matches(self) -> list[str]:
        """The gate types the box offers now (what Enter would choose from)."""
        return [self.list.item(i).data(TYPE_ROLE) for i in range(self.list.count())
                if not self.list.item(i).isHidden()]

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Down, Qt.Key_Up):
            self.list.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _accept_expression(self) -> None:
        self.hide()
        self.expression_chosen.emit(self.edit.text().strip(), self.pos_scene)

    def _accept(self) -> None:
        if self.offer.isVisible():
            self._accept_expression()
            return
        it = self.list.currentItem()
        if it is not None and not it.isHidden():
            self.hide()
            self.chosen.emit(it.data(TYPE_ROLE), self.pos_scene)
