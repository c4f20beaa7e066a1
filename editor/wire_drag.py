"""Drawing a wire with the mouse: a gesture kept out of the scene (as orange-canvas-core
keeps its interactions out of its scene).

Press on an output port draws forward to an input; press on a free input draws back to
an output; press on a wired input picks that wire up by its end. Legal ports light up
(from the model's own ``legal_targets``/``legal_sources``); the drop ends in one
``connect_requested`` or ``disconnect_requested`` signal on the scene, which the
controller turns into one undoable command. A refused drop only explains itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem

from chainwire.editor.i18n import error_text
from chainwire.editor.items.node import PortItem
from chainwire.editor.items.wire import wire_path
from chainwire.graph.circuit import Wire
from chainwire.graph.errors import CircuitError

if TYPE_CHECKING:
    from chainwire.editor.scene import CircuitScene


def tr(text: str) -> str:
    return QCoreApplication.translate("WireDrag", text)


@dataclass
class WireDrag:
    """A wire being drawn: from an output port (src) or back from an input port (dst)."""

    scene: CircuitScene
    src: str | None
    dst: str | None
    port: int | None
    moving: Wire | None  # an existing wire picked up by its input end
    anchor: QPointF
    legal: set[str]
    preview: QGraphicsPathItem | None = None

    @classmethod
    def start(cls, scene: CircuitScene, port: PortItem) -> WireDrag:
        c = scene.document.circuit
        nid = port.node.node_id
        src = dst = p = moving = None
        if not port.is_input:
            src = nid
        else:
            existing = c.source_at(nid, port.port)
            if existing is not None:  # pick the wire up by its end
                src, moving = existing, Wire(existing, nid, port.port)
                scene.wire_items[(nid, port.port)].setVisible(False)
            else:
                dst, p = nid, port.port
        if src is not None:
            anchor, legal = scene.nodes[src].out_port_pos(), c.legal_targets(src)
        else:
            anchor, legal = port.scenePos(), c.legal_sources(dst)
        drag = cls(scene, src, dst, p, moving, anchor, legal)
        drag.light([n for n in legal if n in scene.nodes])  # a big circuit: items near
        # the viewport only; those made while the drag scrolls are lit as they come
        pen = QPen(scene.style.theme.color("port_highlight"), 2.2, Qt.DashLine)
        drag.preview = scene.addPath(wire_path(anchor, anchor), pen)
        drag.preview.setZValue(10)
        scene.status.emit(tr("Drop on a highlighted port to connect; drop anywhere else to "
                             "cancel") if moving is None else
                          tr("Drop on another input to move this wire; drop on empty canvas "
                             "to delete it"))
        return drag

    def light(self, ids: list[str]) -> None:
        """Light the legal ends among these nodes, which have items (a big circuit's
        scroll made them: their picked-up wire stays hidden too)."""
        scene = self.scene
        for n in ids:
            item = scene.nodes.get(n) if n in self.legal else None
            if item is None:
                continue
            for pi in [item.out_port] if self.src is None else list(item.in_ports.values()):
                pi.set_highlighted(True)
        m = self.moving
        if m is not None and (m.dst, m.port) in scene.wire_items:
            scene.wire_items[(m.dst, m.port)].setVisible(False)

    def move_to(self, pos: QPointF) -> None:
        if self.src is not None:
            self.preview.setPath(wire_path(self.anchor, pos))
        else:
            self.preview.setPath(wire_path(pos, self.anchor))

    def cancel(self) -> None:
        """Take the drag's visuals off the scene (the model was never touched)."""
        scene = self.scene
        for n in self.legal:
            item = scene.nodes.get(n)
            if item is None:
                continue
            for pi in [item.out_port, *item.in_ports.values()]:
                pi.set_highlighted(False)
        m = self.moving
        if m is not None and (m.dst, m.port) in scene.wire_items:
            scene.wire_items[(m.dst, m.port)].setVisible(True)
        if self.preview is not None and self.preview.scene() is scene:
            scene.removeItem(self.preview)
        self.preview = None

    def finish(self, pos: QPointF) -> None:
        """Drop at ``pos``: ask for one connect/disconnect, or say why nothing happens."""
        scene = self.scene
        port = scene.port_at(pos)
        node = port.node if port is not None else scene.node_at(pos)
        if node is None:  # a big circuit zoomed out: the gate drawn there, given an item
            nid = scene.low_detail_node_at(pos)
            node = scene.nodes.get(nid) if nid is not None else None
        self.cancel()
        say = scene.status.emit
        if node is None:
            if self.moving is not None:
                scene.disconnect_requested.emit(self.moving)
            else:
                say(tr("Nothing connected: drop the wire on a port"))
            return
        c = scene.document.circuit
        name = c.display_name
        if self.src is not None:  # looking for an input port
            if port is not None and not port.is_input:
                say(tr("Refused: connect an output to an input port, not to another output"))
                return
            dst = node.node_id
            target = port.port if port is not None else scene.free_port(dst)
            if target is None:
                say(tr("Refused: '{0}' has no input ports").format(name(dst)))
                return
            if self.moving is not None and (dst, target) == (self.moving.dst, self.moving.port):
                return  # dropped back where it was
            src, dst_id, dst_port = self.src, dst, target
        else:  # dragged back from an input: looking for an output port
            if port is not None and port.is_input:
                say(tr("Refused: connect an input port to an output port, not to another "
                       "input"))
                return
            src, dst_id, dst_port = node.node_id, self.dst, self.port
        try:
            c.check_connect(src, dst_id, dst_port, replace=True)
        except CircuitError as e:
            say(tr("Refused: {0}").format(error_text(e)))
            return
        scene.connect_requested.emit(src, dst_id, dst_port, self.moving)
