"""CircuitScene: shows a Circuit and its Evaluation; turns gestures into requests.

The scene listens to the model's change events and keeps the id → item maps; it never
edits the model. A gesture (drag a wire, move nodes, scrub a value) ends in a signal
carrying ids, which the window turns into one undoable command on the document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from chainwire.editor.document import Document
from chainwire.editor.items.node import NodeItem, NodeLook, PortItem
from chainwire.editor.items.wire import LOD_TEXT, WireItem, wire_path
from chainwire.editor.numbers import format_number, is_flagged
from chainwire.editor.style import GRID, Style
from chainwire.graph.circuit import MAX_PORTS, Change, Wire
from chainwire.graph.errors import CircuitError
from chainwire.graph.evaluate import Evaluation
from chainwire.graph.gates import GATES


@dataclass
class _WireDrag:
    """A wire being drawn: from an output port (src) or back from an input port (dst)."""

    src: str | None
    dst: str | None
    port: int | None
    moving: Wire | None  # an existing wire picked up by its input end
    anchor: QPointF
    legal: set[str]


LABEL_BATCH = 400
"""An evaluation that changes more wires than this updates the visible ones at once and
the rest in batches of this size while the event loop is idle (frames stay short)."""
OVERLAP_SEARCH_LIMIT = 3000
"""Up to this many wires, labels move along their wire to avoid covering nodes and other
labels; beyond it (a stress-test circuit, not a lesson) they stay at the middle."""


class CircuitScene(QGraphicsScene):
    connect_requested = Signal(str, str, int, object)  # src, dst, port, moving Wire|None
    disconnect_requested = Signal(object)  # Wire
    move_requested = Signal(dict)  # {id: (old, new)}
    scrub_requested = Signal(str, int, bool)  # input id, wheel steps, fine
    node_activated = Signal(str)  # double-click on a node
    canvas_activated = Signal(QPointF)  # double-click on empty canvas
    context_requested = Signal(str, object, object, QPointF)  # kind, ref, screen pos, scene pos
    status = Signal(str)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.style = Style()
        self.snap = False
        self.show_grid = True
        self.nodes: dict[str, NodeItem] = {}
        self.wire_items: dict[tuple[str, int], WireItem] = {}
        self.stub: WireItem | None = None
        self._output: str | None = None
        self._drag: _WireDrag | None = None
        self._preview: QGraphicsPathItem | None = None
        self._press_positions: dict[str, tuple[float, float]] = {}
        self._shown_ev: Evaluation | None = None  # what the labels show now
        self._shown_generation = -1
        self._shown_filtered = False
        self.avoid_overlaps = True
        self._stale: set[WireItem] = set()  # off-screen labels not yet refreshed
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.timeout.connect(self._refresh_stale)
        # classroom mode: (wire|None, is_grad) -> bool shown or not, or a str shown instead
        self.label_filter = None
        self.setItemIndexMethod(QGraphicsScene.BspTreeIndex)
        self._unsubscribe = document.circuit.subscribe(self._on_change)
        document.evaluated.connect(self.show_evaluation)
        self.rebuild()

    # ----- model → items -----------------------------------------------------------
    def rebuild(self) -> None:
        self._shown_ev = None  # new items: every label must be filled
        self._stale.clear()
        self._drag = None
        self._preview = None
        self.clear()
        self.nodes.clear()
        self.wire_items.clear()
        self.stub = None
        # an explicit rect from the start: an implicit one is recomputed from all items
        self.setSceneRect(QRectF(-400, -300, 800, 600))
        c = self.document.circuit
        self.avoid_overlaps = False  # one placement pass at the end, on a settled index
        for nid in c.node_ids():
            self._add_node_item(nid)
        for w in c.wires():
            self._add_wire_item(w)
        self._refresh_output()
        if len(self.wire_items) <= OVERLAP_SEARCH_LIMIT:
            # numbers first (their sizes decide where they fit), then one placement pass
            self._show_wires(self.document.evaluation, self.wire_items.values(), self.nodes,
                             batch=False)
            self._place_all_labels()
            self.avoid_overlaps = True
            self.show_evaluation(self.document.evaluation)
        else:  # a big circuit: numbers fill in while idle, the visible ones first
            ev = self.document.evaluation
            self._shown_ev, self._shown_generation = ev, self.style.generation
            self._shown_filtered = self.label_filter is not None
            self._show_wires(ev, (), self.nodes)
            self._stale.update(self.wire_items.values())
            self._stale_timer.start(0)
        self._update_scene_rect()

    def _place_all_labels(self) -> None:
        """Place every wire's numbers against a grid of obstacles (nodes, labels placed
        so far): asking the scene's index while labels move would rebuild it each time."""
        cell = 160.0
        grid: dict[tuple[int, int], list[QRectF]] = {}

        def cells(r: QRectF):
            for gx in range(int(r.left() // cell), int(r.right() // cell) + 1):
                for gy in range(int(r.top() // cell), int(r.bottom() // cell) + 1):
                    yield gx, gy

        def blocked(r: QRectF) -> float:
            hits = {id(o): o for c in cells(r) for o in grid.get(c, ()) if o.intersects(r)}
            return sum(o.intersected(r).width() * o.intersected(r).height()
                       for o in hits.values())

        def occupy(r: QRectF) -> None:
            for c in cells(r):
                grid.setdefault(c, []).append(r)

        for node in self.nodes.values():  # with a margin: numbers touching a gate read as its
            occupy(node.mapRectToScene(node.body_rect()).adjusted(-14, -14, 14, 14))
        for item in self.wire_items.values():
            item.place_labels(blocked, occupy)

    def detach(self) -> None:
        """Stop listening to the model (the scene is going away)."""
        self._unsubscribe()

    def _on_change(self, ch: Change) -> None:
        if not shiboken6.isValid(self):  # the window died while the circuit lives on
            self._unsubscribe()
            return
        c = self.document.circuit
        k = ch.kind
        if k == "reset":
            self.rebuild()
            return
        if k == "node_added":
            self._add_node_item(ch.node)
        elif k == "node_removed":
            item = self.nodes.pop(ch.node, None)
            if item is not None:
                if self.stub is not None and self.stub.src is item:
                    self._remove_stub()
                self.removeItem(item)
        elif k == "wire_added":
            self._add_wire_item(ch.wire)
            self._refresh_node(ch.wire.dst)
        elif k == "wire_removed":
            item = self.wire_items.pop((ch.wire.dst, ch.wire.port), None)
            if item is not None:
                item.detach()
                self.removeItem(item)
            if ch.wire.dst in c:
                self._refresh_node(ch.wire.dst)
        elif k == "node_changed":
            item = self.nodes[ch.node]
            if ch.field == "pos":
                x, y = c.node(ch.node).pos
                if (item.pos().x(), item.pos().y()) != (x, y):
                    snap, item.snap = item.snap, False  # the model's position is the truth
                    item.setPos(x, y)
                    item.snap = snap
                self._grow_scene_rect(item)
            else:
                self._refresh_node(ch.node)
        if k in ("node_added", "node_removed", "wire_added", "wire_removed", "output_changed"):
            self._refresh_output()

    def _look(self, nid: str) -> NodeLook:
        c = self.document.circuit
        d = c.node(nid)
        gate = GATES[d.type]
        ev = self.document.evaluation
        if d.type == "input":
            return NodeLook(symbol="x", label=d.label or d.id,
                            value_text=format_number(d.value, self.style.decimals),
                            is_input=True, is_output=(nid == self._output), in_ports=())
        ports = sorted(c.inputs_of(nid))
        if not gate.unary:
            # n-ary gates always offer one free port after the last used one (and two at least)
            nxt = (ports[-1] + 1) if ports else 0
            if nxt < MAX_PORTS:
                ports.append(nxt)
            while len(ports) < 2:
                ports.append(ports[-1] + 1)
        else:
            ports = [0]
        try:
            value = ev.raw_value(nid)
        except KeyError:  # added by the command now running; evaluated when it ends
            value = None
        return NodeLook(symbol=gate.display_symbol(d.param), label=d.label or "",
                        is_output=(nid == self._output), in_ports=tuple(ports),
                        flagged=is_flagged(value), undefined=nid in ev.undefined)

    def _refresh_node(self, nid: str) -> None:
        item = self.nodes.get(nid)
        if item is not None:
            item.set_look(self._look(nid))

    def _add_node_item(self, nid: str) -> NodeItem:
        d = self.document.circuit.node(nid)
        item = NodeItem(nid, self._look(nid))
        item.snap = self.snap
        item.setPos(*d.pos)
        self.addItem(item)
        self.nodes[nid] = item
        self._grow_scene_rect(item)
        return item

    def _add_wire_item(self, w: Wire) -> WireItem:
        item = WireItem(w, self.nodes[w.src], self.nodes[w.dst])
        self.addItem(item)
        self.wire_items[(w.dst, w.port)] = item
        item.adjust()
        return item

    def _refresh_output(self) -> None:
        out, _why = self.document.circuit.resolved_output()
        old = self._output
        self._output = out
        for nid in {old, out} - {None}:
            self._refresh_node(nid)
        if self.stub is not None and (out is None or self.stub.src is not self.nodes.get(out)):
            self._remove_stub()
        if out is not None and self.stub is None and out in self.nodes:
            self.stub = WireItem(None, self.nodes[out], None)
            self.addItem(self.stub)
            self.stub.adjust()

    def _remove_stub(self) -> None:
        self.stub.detach()
        self.removeItem(self.stub)
        self.stub = None

    def _grow_scene_rect(self, item: NodeItem) -> None:
        """Keep room around every node to scroll to (cheap: one item, not all of them)."""
        r = item.sceneBoundingRect().adjusted(-400, -300, 400, 300)
        if not self.sceneRect().contains(r):
            self.setSceneRect(self.sceneRect().united(r))

    def _update_scene_rect(self) -> None:
        """Room around all nodes (from their positions: asking every item is slow)."""
        if not self.nodes:
            return
        xs = [i.pos().x() for i in self.nodes.values()]
        ys = [i.pos().y() for i in self.nodes.values()]
        r = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        self.setSceneRect(r.adjusted(-500, -400, 500, 400).united(self.sceneRect()))

    # ----- evaluation → labels --------------------------------------------------------
    def show_evaluation(self, ev: Evaluation) -> int:
        """Push numbers into labels; touches only labels whose numbers changed.

        After a value edit on an unchanged structure, only the wires whose source value
        or branch gradient changed are visited (``Evaluation.changed_since``), so a
        10,000-gate circuit costs what its changed part costs. Returns labels changed.
        """
        prev, self._shown_ev = self._shown_ev, ev
        diff = None
        if (self.label_filter is None and not self._shown_filtered
                and self._shown_generation == self.style.generation):
            diff = ev.changed_since(prev)
        self._shown_generation = self.style.generation
        self._shown_filtered = self.label_filter is not None
        if diff is None:
            return self._show_wires(ev, self.wire_items.values(), self.nodes)
        vals, grads, wgrads = diff
        wires = set(wgrads)
        for nid in vals:
            item = self.nodes.get(nid)
            if item is not None:
                wires.update(w.wire for w in item.wires if w.src is item and w.wire is not None)
        items = [self.wire_items[(w.dst, w.port)] for w in wires
                 if (w.dst, w.port) in self.wire_items]
        return self._show_wires(ev, items, vals, stub=bool(self.stub) and (
            self.stub.src.node_id in vals or self.stub.src.node_id in grads))

    def _visible_wire_items(self) -> set:
        seen: set = set()
        for v in self.views():
            if v.transform().m11() < LOD_TEXT:
                continue  # zoomed out too far for numbers to be drawn: none are urgent
            rect = v.mapToScene(v.viewport().rect()).boundingRect()
            seen.update(i for i in self.items(rect) if isinstance(i, WireItem))
        return seen

    def _refresh_stale(self) -> None:
        """Bring a batch of off-screen labels up to date with the latest evaluation."""
        batch = [i for i in self._visible_wire_items() if i in self._stale][:LABEL_BATCH]
        self._stale.difference_update(batch)
        while self._stale and len(batch) < LABEL_BATCH:
            item = self._stale.pop()
            if item.scene() is self:
                batch.append(item)
        if batch and self._shown_ev is not None:
            self._show_wires(self._shown_ev, batch, (), stub=False)
        if self._stale:
            self._stale_timer.start(0)

    @property
    def labels_pending(self) -> int:
        """Off-screen wires whose labels still await the latest numbers."""
        return len(self._stale)

    def _filtered(self, wire: Wire | None, is_grad: bool, text: str) -> str | None:
        """The label text after the classroom filter (None hides it)."""
        if self.label_filter is None:
            return text
        return _shown(self.label_filter(wire, is_grad), text)

    def _show_wires(self, ev: Evaluation, items, node_ids, stub: bool = True,
                    batch: bool = True) -> int:
        items = list(items)
        if batch and len(items) > LABEL_BATCH and self.views():
            # visible labels now, the rest in batches while the event loop is idle
            visible = self._visible_wire_items()
            self._stale.update(i for i in items if i not in visible)
            items = [i for i in items if i in visible]
            self._stale.difference_update(items)
            self._stale_timer.start(0)
        d = self.style.decimals
        changed = 0
        for item in items:
            w = item.wire
            v = ev.raw_value(w.src)
            g = ev.raw_wire_grad(w)
            changed += item.set_numbers(self._filtered(w, False, format_number(v, d)),
                                        self._filtered(w, True, format_number(g, d)),
                                        is_flagged(v), is_flagged(g))
        if stub and self.stub is not None:
            out = self.stub.src.node_id
            v = ev.raw_value(out)
            g = ev.raw_grad(out)
            changed += self.stub.set_numbers(self._filtered(None, False, format_number(v, d)),
                                             self._filtered(None, True, format_number(g, d)),
                                             is_flagged(v), is_flagged(g))
        undefined = ev.undefined
        for nid in node_ids:
            item = self.nodes.get(nid)
            if item is None:
                continue
            # only what the evaluation decides; model-driven parts refresh on change events
            try:
                flagged = is_flagged(ev.raw_value(nid))
            except KeyError:
                flagged = False
            undef = nid in undefined
            look = item.look
            if look.flagged != flagged or look.undefined != undef:
                item.set_look(replace(look, flagged=flagged, undefined=undef))
                changed += 1
        return changed

    def restyle(self) -> None:
        """Theme, decimals or label size changed: re-push every label and repaint."""
        self.style.extras.clear()
        self.style.generation += 1  # makes every label re-apply fonts and colours
        self.show_evaluation(self.document.evaluation)
        if self.avoid_overlaps:
            self._place_all_labels()
        if self.stub is not None:
            self.stub.place_labels()
        self.update()

    def set_snap(self, on: bool) -> None:
        self.snap = on
        for item in self.nodes.values():
            item.snap = on

    # ----- selection helpers ---------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_wires(self) -> list[Wire]:
        return [i.wire for i in self.selectedItems()
                if isinstance(i, WireItem) and i.wire is not None]

    def select_ids(self, ids) -> None:
        self.clearSelection()
        for nid in ids:
            if nid in self.nodes:
                self.nodes[nid].setSelected(True)

    # ----- background ----------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        painter.fillRect(rect, self.style.theme.color("background"))
        if not self.show_grid:
            return
        grid = self.style.theme.color("grid")
        if grid == self.style.theme.color("background"):
            return
        painter.setPen(QPen(grid, 1))
        step = GRID * 2
        left = int(rect.left() // step) * step
        top = int(rect.top() // step) * step
        lines = []
        x = left
        while x < rect.right():
            lines.append((QPointF(x, rect.top()), QPointF(x, rect.bottom())))
            x += step
        y = top
        while y < rect.bottom():
            lines.append((QPointF(rect.left(), y), QPointF(rect.right(), y)))
            y += step
        if len(lines) < 2000:  # zoomed far out the grid is noise
            for a, b in lines:
                painter.drawLine(a, b)

    # ----- gestures -------------------------------------------------------------------
    def _port_at(self, pos: QPointF) -> PortItem | None:
        for item in self.items(pos):
            if isinstance(item, PortItem):
                return item
        return None

    def _node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
            if isinstance(item, PortItem):
                return item.node
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            port = self._port_at(event.scenePos())
            if port is not None:
                self._start_wire_drag(port)
                event.accept()
                return
        super().mousePressEvent(event)
        self._press_positions = {n: (i.pos().x(), i.pos().y()) for n, i in self.nodes.items()
                                 if i.isSelected()}

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._drag is not None:
            self._update_preview(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._drag is not None and event.button() == Qt.LeftButton:
            self._finish_wire_drag(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        moves = {}
        for nid, old in self._press_positions.items():
            item = self.nodes.get(nid)
            if item is None:
                continue
            new = (item.pos().x(), item.pos().y())
            if new != old:
                moves[nid] = (old, new)
        self._press_positions = {}
        if moves:
            self.move_requested.emit(moves)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        node = self._node_at(event.scenePos())
        if node is not None:
            self.node_activated.emit(node.node_id)
            event.accept()
            return
        if not any(isinstance(i, WireItem) for i in self.items(event.scenePos())):
            self.canvas_activated.emit(event.scenePos())
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        mods = event.modifiers()
        if not mods & Qt.ControlModifier:
            node = self._node_at(event.scenePos())
            if node is not None and node.look.is_input:
                steps = 1 if event.delta() > 0 else -1
                self.scrub_requested.emit(node.node_id, steps, bool(mods & Qt.ShiftModifier))
                event.accept()
                return
        super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        pos = event.scenePos()
        node = self._node_at(pos)
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

    # ----- wire dragging ----------------------------------------------------------------
    def _start_wire_drag(self, port: PortItem) -> None:
        c = self.document.circuit
        nid = port.node.node_id
        if not port.is_input:
            src, dst, p, moving = nid, None, None, None
        else:
            existing = c.source_at(nid, port.port)
            if existing is not None:  # pick the wire up by its end
                src, dst, p, moving = existing, None, None, Wire(existing, nid, port.port)
                self.wire_items[(nid, port.port)].setVisible(False)
            else:
                src, dst, p, moving = None, nid, port.port, None
        if src is not None:
            anchor = self.nodes[src].out_port_pos()
            legal = set(c.graph.nodes) - nx.ancestors(c.graph, src) - {src}
            legal = {n for n in legal if c.type_of(n) != "input"}
        else:
            anchor = port.scenePos()
            legal = set(c.graph.nodes) - nx.descendants(c.graph, dst) - {dst}
        self._drag = _WireDrag(src, dst, p, moving, anchor, legal)
        for n in legal:
            item = self.nodes[n]
            ports = [item.out_port] if src is None else list(item.in_ports.values())
            for pi in ports:
                pi.set_highlighted(True)
        pen = QPen(self.style.theme.color("port_highlight"), 2.2, Qt.DashLine)
        self._preview = self.addPath(wire_path(anchor, anchor), pen)
        self._preview.setZValue(10)
        self.status.emit("Drop on a highlighted port to connect; drop anywhere else to cancel"
                         if moving is None else
                         "Drop on another input to move this wire; drop on empty canvas to "
                         "delete it")

    def _update_preview(self, pos: QPointF) -> None:
        d = self._drag
        if d.src is not None:
            self._preview.setPath(wire_path(d.anchor, pos))
        else:
            self._preview.setPath(wire_path(pos, d.anchor))

    def _end_drag_visuals(self) -> None:
        d = self._drag
        for n in d.legal:
            item = self.nodes.get(n)
            if item is None:
                continue
            for pi in [item.out_port, *item.in_ports.values()]:
                pi.set_highlighted(False)
        if d.moving is not None and (d.moving.dst, d.moving.port) in self.wire_items:
            self.wire_items[(d.moving.dst, d.moving.port)].setVisible(True)
        if self._preview is not None:
            self.removeItem(self._preview)
        self._preview = None
        self._drag = None

    def _finish_wire_drag(self, pos: QPointF) -> None:
        d = self._drag
        port = self._port_at(pos)
        node = port.node if port is not None else self._node_at(pos)
        self._end_drag_visuals()
        if node is None:
            if d.moving is not None:
                self.disconnect_requested.emit(d.moving)
            else:
                self.status.emit("Nothing connected: drop the wire on a port")
            return
        c = self.document.circuit
        if d.src is not None:  # looking for an input port
            if port is not None and not port.is_input:
                self.status.emit("Refused: connect an output to an input port, "
                                 "not to another output")
                return
            dst = node.node_id
            if port is not None:
                target_port = port.port
            else:
                target_port = self._free_port(dst)
                if target_port is None:
                    self.status.emit(f"Refused: '{dst}' has no input ports")
                    return
            if d.moving is not None and (dst, target_port) == (d.moving.dst, d.moving.port):
                return  # dropped back where it was
            try:
                c.check_connect(d.src, dst, target_port, replace=True)
            except CircuitError as e:
                self.status.emit(f"Refused: {e}")
                return
            self.connect_requested.emit(d.src, dst, target_port, d.moving)
        else:  # dragged back from an input: looking for an output port
            if port is not None and port.is_input:
                self.status.emit("Refused: connect an input port to an output port, "
                                 "not to another input")
                return
            try:
                c.check_connect(node.node_id, d.dst, d.port, replace=True)
            except CircuitError as e:
                self.status.emit(f"Refused: {e}")
                return
            self.connect_requested.emit(node.node_id, d.dst, d.port, None)

    def _free_port(self, nid: str) -> int | None:
        """The port a wire dropped on a node's body goes to: its first free one."""
        look = self.nodes[nid].look
        if look.is_input:
            return None
        used = self.document.circuit.inputs_of(nid)
        free = [p for p in look.in_ports if p not in used]
        return free[0] if free else look.in_ports[0]


def _shown(verdict, text: str) -> str | None:
    """Apply a ``label_filter`` verdict: True shows ``text``, a str replaces it (a quiz's
    "?"), anything false hides the label."""
    if isinstance(verdict, str):
        return verdict
    return text if verdict else None
