"""Typing straight onto the canvas: double-click a node to edit its value, c or label.

An input gets its value, a ·c or +c gate its constant, any other gate its label. Enter
(or clicking away) applies through the controller (one undo step, none when unchanged);
Escape cancels and leaves no trace, even while presenting, where Esc would otherwise
leave the presentation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from chainwire.graph.gates import GATES
from chainwire.graph.value_text import value_to_text

INLINE_NAME = "inlineEditor"


class InlineEditor(QLineEdit):
    """A one-shot line editor: applies once or cancels once, then deletes itself."""

    def __init__(self, parent: QWidget, text: str, apply: Callable[[str], None],
                 closed: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setObjectName(INLINE_NAME)
        self.setText(text)
        self.selectAll()
        self.setAlignment(Qt.AlignCenter)
        f = self.font()
        f.setPointSizeF(max(f.pointSizeF(), 12))
        self.setFont(f)
        self._apply, self._closed_cb = apply, closed
        self.done = False
        self.editingFinished.connect(self.commit)  # Enter, or focus moved away

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.ShortcutOverride and e.key() == Qt.Key_Escape:
            e.accept()  # Esc is ours, not the window's "Leave Presentation"
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:  # noqa: N802
        if e.key() == Qt.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(e)

    def commit(self) -> None:
        if self.done:
            return
        text = self.text()
        self._close()
        self._apply(text)

    def cancel(self) -> None:
        if not self.done:
            self._close()

    def _close(self) -> None:
        self.done = True  # before hide(): losing focus emits editingFinished again
        self.setObjectName("")
        self.hide()
        self.deleteLater()
        self._closed_cb()


class InlineEditing:
    """MainWindow's in-place editing (a mixin: the window is a QMainWindow)."""

    _inline: InlineEditor | None = None

    def edit_in_place(self, node_id: str) -> None:
        """Double-click: type an input's value (or a gate's constant, or its label)."""
        c = self.doc.circuit
        if node_id not in c or node_id not in self.scene.nodes:
            return
        if self._inline is not None:
            self._inline.commit()
        d = c.node(node_id)
        if d.type == "input":
            what, text = "value", value_to_text(d.value)
            tip = self.tr("Type the input's value, a number or a list such as [[1, 2], "
                          "[3, 4]]; Enter applies, Esc cancels")
        elif GATES[d.type].param_default is not None:  # a number (a group's is not)
            what, text = "param", repr(d.param)
            tip = self.tr("Type the gate's constant c; Enter applies, Esc cancels")
        else:
            what, text = "label", d.label or ""
            tip = self.tr("Type a label for this gate; Enter applies, Esc cancels")

        def apply(value: str) -> None:
            if node_id not in self.doc.circuit:
                return  # deleted while typing (undo, a collaborator's script)
            if what == "value":
                self.controller.set_value_text(node_id, value)
            elif what == "param":
                self.controller.set_param_text(node_id, value)
            else:
                self.controller.set_label(node_id, value)

        edit = InlineEditor(self.view.viewport(), text, apply, self._inline_closed)
        edit.setToolTip(tip)
        item = self.scene.nodes[node_id]
        rect = self.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        w = max(rect.width(), 110, min(edit.fontMetrics().horizontalAdvance(text) + 24,
                                       self.view.viewport().width() - 20))  # an array's list
        edit.setGeometry(rect.center().x() - w // 2, rect.center().y() - 16, w, 32)
        self._inline = edit
        edit.show()
        edit.setFocus()

    def _inline_closed(self) -> None:
        self._inline = None
        self.view.setFocus()
