"""The canvas's mouse gestures, kept apart from the scene's model-to-items code.

Mixed into ``CircuitScene``: a press on a port starts a ``WireDrag``; a drag of selected
nodes and annotations is view-only until release, then one ``move_requested``; a
double-click edits what is under it; the wheel over an input scrubs its value; a right
click asks for the context menu. Every gesture ends in a signal carrying ids; the
controller makes the one undoable command.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, Qt

from chainwire.editor.items.annotation import AnnotationItem
from chainwire.editor.items.node import NodeItem, PortItem
from chainwire.editor.items.wire import WireItem
from chainwire.editor.wire_drag import WireDrag


class SceneGestures:
    """Mouse handling for ``CircuitScene`` (which provides the items, maps and signals)."""

    # ----- hit testing -----------------------------------------------------------------
    def port_at(self, pos: QPointF) -> PortItem | None:
        return next((i for i in self.items(pos) if isinstance(i, PortItem)), None)

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
            if isinstance(item, PortItem):
                return item.node
        return None

    def free_port(self, nid: str) -> int | None:
        """The port a wire dropped on a node's body goes to: its first free one."""
        look = self.nodes[nid].look
        if look.is_input:
            return None
        used = self.document.circuit.inputs_of(nid)
        free = [p for p in look.in_ports if p not in used]
        return free[0] if free else look.in_ports[0]

    # ----- gestures -------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            port = self.port_at(event.scenePos())
            if port is not None:
                self._drag = WireDrag.start(self, port)
                if self._light_made not in self.visible.on_made:
                    self.visible.on_made.append(self._light_made)
                event.accept()
                return
        super().mousePressEvent(event)  # type: ignore[misc]
        movable = [*self.nodes.values(), *self.annotation_items]
        self._press_positions = {i: (i.pos().x(), i.pos().y()) for i in movable
                                 if i.isSelected()}

    def _light_made(self, ids: list[str]) -> None:
        """A big circuit made items while a wire is drawn (the view scrolled to the
        edge): the legal ends among them light up as the ones there at the start did."""
        if self._drag is not None:
            self._drag.light(ids)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._drag is not None:
            self._drag.move_to(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._drag is not None and event.button() == Qt.LeftButton:
            drag, self._drag = self._drag, None
            drag.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        nodes, notes = {}, {}
        for item, old in self._press_positions.items():
            new = (item.pos().x(), item.pos().y())
            if new == old or not shiboken6.isValid(item) or item.scene() is not self:
                continue
            if isinstance(item, NodeItem):
                nodes[item.node_id] = (old, new)
            else:
                notes[item.index] = (old, new)
        self._press_positions = {}
        if nodes or notes:  # one drag of a mixed selection: one request, one undo step
            self.move_requested.emit(nodes, notes)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        pos = event.scenePos()
        note = next((i for i in self.items(pos) if isinstance(i, AnnotationItem)), None)
        if note is not None:
            self.annotation_activated.emit(note.index)
            event.accept()
            return
        node = self.node_at(pos)
        if node is not None:
            self.node_activated.emit(node.node_id)
            event.accept()
            return
        if not any(isinstance(i, WireItem) for i in self.items(pos)):
            self.canvas_activated.emit(pos)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        mods = event.modifiers()
        if not mods & Qt.ControlModifier:
            node = self.node_at(event.scenePos())
            if node is not None and node.look.is_input:
                steps = 1 if event.delta() > 0 else -1
                self.scrub_requested.emit(node.node_id, steps, bool(mods & Qt.ShiftModifier))
                event.accept()
                return
        super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        pos = event.scenePos()
        node = self.node_at(pos)
        if node is not None:
            if not node.isSelected():
                self.clearSelection()
                node.setSelected(True)
            self.context_requested.emit("node", node.node_id, event.screenPos(), pos)
        else:
            wire = next((i for i in self.items(pos) if isinstance(i, WireItem) and i.wire), None)
            if wire is not None:
                self.clearSelection()
                wire.setSelected(True)
                self.context_requested.emit("wire", wire.wire, event.screenPos(), pos)
            else:
                self.context_requested.emit("canvas", None, event.screenPos(), pos)
        event.accept()
