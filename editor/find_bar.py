"""Edit → Find… (Ctrl+F): a bar under the canvas that finds a node by id or label.

It searches the model (ids and labels, case-insensitive substring), never the scene's
items: a big circuit has items only near the viewport, and making them all to search
would cost what that saves. The match is centred at a zoom where numbers are drawn
(its item made as the view gets there), selected with ``select_ids`` and shown by the
inspector. Selection and view only: no undo step. "No match" is said in the bar, never
in a dialog, so typing on is never interrupted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QToolBar, QToolButton

from chainwire.editor.visible_items import DETAIL_ZOOM

if TYPE_CHECKING:
    from chainwire.editor.window import MainWindow
    from chainwire.graph.circuit import Circuit

READABLE_ZOOM = 1.0
"""A match found below the detail zoom (no numbers drawn) is shown at actual size."""


def find_nodes(circuit: Circuit, text: str) -> list[str]:
    """Ids of the nodes whose id or label contains ``text`` (ignoring case): exact
    matches first ("g3" before "g30"), each group in the circuit's order."""
    needle = text.strip().casefold()
    if not needle:
        return []
    exact: list[str] = []
    partial: list[str] = []
    for nid, _type, label, *_rest in circuit.node_fields():
        names = (nid.casefold(), label.casefold() if label else "")
        if needle in names:
            exact.append(nid)
        elif needle in names[0] or needle in names[1]:
            partial.append(nid)
    return exact + partial


class FindField(QLineEdit):
    """The bar's text field: Enter finds the next match, Shift+Enter the previous one,
    Esc closes the bar (not the window's "Leave Presentation")."""

    stepped = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.ShortcutOverride and e.key() in (
                Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter):
            e.accept()  # ours, whatever the window binds to these keys
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:  # noqa: N802
        if e.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.stepped.emit(-1 if e.modifiers() & Qt.ShiftModifier else 1)
            e.accept()
            return
        if e.key() == Qt.Key_Escape:
            self.closed.emit()
            e.accept()
            return
        super().keyPressEvent(e)


class FindBar(QToolBar):
    """The find bar, a tool bar at the bottom of the window, hidden until Ctrl+F (a
    presentation hides and restores it with the other bars)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("FindBar")  # untranslated: saved window layouts refer to it
        self.setWindowTitle(self.tr("Find"))
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # Edit → Find opens it
        self.field = FindField(self)
        self.field.setPlaceholderText(self.tr("Find a node by id or label"))
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(320)
        self.field.stepped.connect(self.step)
        self.field.closed.connect(self.close_bar)
        self.field.textEdited.connect(self._text_edited)
        self.result = QLabel()
        self.result.setObjectName("findResult")
        self.addWidget(QLabel(self.tr("Find:")))
        self.addWidget(self.field)
        self.prev_button = self._button(self.tr("Previous"),
                                        self.tr("Previous match (Shift+Enter)"),
                                        lambda: self.step(-1))
        self.next_button = self._button(self.tr("Next"), self.tr("Next match (Enter)"),
                                        lambda: self.step(1))
        self.addWidget(self.result)
        self.close_button = self._button(self.tr("Close"), self.tr("Close the find bar (Esc)"),
                                         self.close_bar)
        self.current: str | None = None  # the match shown last, if the text is unchanged
        window.addToolBar(Qt.BottomToolBarArea, self)
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        self.addWidget(b)
        return b

    # ----- opening and closing -------------------------------------------------------
    def open(self) -> None:
        """Edit → Find…: show the bar with its text selected, ready to type over."""
        self.show()
        self.field.setFocus(Qt.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.window_.view.setFocus(Qt.OtherFocusReason)

    def _text_edited(self, _text: str) -> None:
        self.current = None  # the next Enter starts from the first match again
        self.result.clear()

    # ----- finding --------------------------------------------------------------------
    def step(self, direction: int) -> str | None:
        """Show the next (+1) or previous (-1) match after the one shown last; say
        "No match" in the bar when there is none. Returns the id shown."""
        c = self.window_.doc.circuit
        matches = find_nodes(c, self.field.text())  # read again: the circuit may have changed
        if not matches:
            self.current = None
            self.result.setText(self.tr("No match") if self.field.text().strip() else "")
            return None
        if self.current in matches:
            i = (matches.index(self.current) + direction) % len(matches)
        else:
            i = 0 if direction > 0 else len(matches) - 1
        self.current = matches[i]
        self.result.setText(self.tr("{0} of {1}").format(i + 1, len(matches)))
        self.show_node(self.current)
        return self.current

    def show_node(self, nid: str) -> None:
        """Centre ``nid`` at a readable zoom (its item made there), then select it."""
        w = self.window_
        view = w.view
        if view.zoom() < DETAIL_ZOOM:
            view.set_zoom(READABLE_ZOOM)
        view.centre_on(QPointF(*w.doc.circuit.node(nid).pos))
        w.scene.select_ids([nid])
