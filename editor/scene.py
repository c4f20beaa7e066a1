"""CircuitScene: shows a Circuit and its Evaluation; turns gestures into requests.

The scene never edits the model and never listens to it directly: the document hands it
each batch of changes together with the evaluation made after them (``apply``), and the
scene brings its items (nodes, wires, the output stub, annotations) and then its labels
up to date in that one pass. A gesture ends in a signal carrying ids, which the
controller turns into one undoable command. Wire drawing lives in ``wire_drag``, label
numbers and placement in ``scene_labels``. A big circuit has items only near the
viewport (``visible_items``; ``big_scene`` for its selection, bounds and export).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from chainwire.editor import scene_labels
from chainwire.editor.big_scene import BigSceneMixin
from chainwire.editor.document import Document
from chainwire.editor.items.annotation import AnnotationItem
from chainwire.editor.items.node import NodeItem, NodeLook
from chainwire.editor.items.wire import WireItem
from chainwire.editor.numbers import format_brief, is_flagged
from chainwire.editor.scene_gestures import SceneGestures
from chainwire.editor.scene_labels import LabelPresenter
from chainwire.editor.style import GRID, Style
from chainwire.editor.visible_items import NodeItems, VisibleItems
from chainwire.graph.circuit import Change, Wire
from chainwire.graph.evaluate import Evaluation
from chainwire.graph.gates import GATES
from chainwire.graph.geometry import shown_ports

_ITEM_KINDS = frozenset({"node_added", "node_removed", "wire_added", "wire_removed",
                         "output_changed", "node_changed"})
MANY_MOVES = 256
"""Above this many nodes moved in one batch (a layout, a big drag), a big circuit's
low-detail picture redraws every tile instead of finding each moved node's wires."""


class CircuitScene(SceneGestures, BigSceneMixin, QGraphicsScene):
    connect_requested = Signal(str, str, int, object)  # src, dst, port, moving Wire|None
    disconnect_requested = Signal(object)  # Wire
    move_requested = Signal(object, object)  # {node id: (old, new)}, {annotation index: (old, new)}
    scrub_requested = Signal(str, int, bool)  # input id, wheel steps, fine
    node_activated = Signal(str)  # double-click on a node
    annotation_activated = Signal(int)  # double-click on an annotation
    canvas_activated = Signal(QPointF)  # double-click on empty canvas
    context_requested = Signal(str, object, object, QPointF)  # kind, ref, screen pos, scene pos
    status = Signal(str)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self._many_moves = False  # see MANY_MOVES (set per batch by ``apply``)
        self.style = Style()
        self.snap = False
        self.show_grid = True
        self.visible = VisibleItems(self)  # for big circuits: items near the viewport only
        self.nodes: dict[str, NodeItem] = NodeItems(self)
        self.wire_items: dict[tuple[str, int], WireItem] = {}
        self.annotation_items: list[AnnotationItem] = []
        self.stub: WireItem | None = None
        self.label_policy = None  # the classroom overlay, when a window installs one
        self.labels = LabelPresenter(self)
        self.avoid_overlaps = True
        self._output: str | None = None
        self._drag = None  # a WireDrag while a wire is being drawn
        self._press_positions: dict[object, tuple[float, float]] = {}
        self.setItemIndexMethod(QGraphicsScene.BspTreeIndex)
        document.updated.connect(self.apply)
        self.rebuild()

    def detach(self) -> None:
        """Stop following the document (the scene is going away before it)."""
        try:
            self.document.updated.disconnect(self.apply)
        except (RuntimeError, TypeError):  # already disconnected
            pass

    @property
    def label_filter(self):
        """The classroom policy's verdict function while it is active, else None."""
        p = self.label_policy
        return p.label_filter if p is not None and p.active else None

    # ----- the one update pass ----------------------------------------------------
    def apply(self, changes: tuple[Change, ...], ev: Evaluation) -> None:
        """Bring items, then labels, then classroom decorations up to date, once."""
        if not shiboken6.isValid(self):
            return
        if any(ch.kind == "reset" for ch in changes):
            self.rebuild()
            return
        fresh: set[str] = set()
        self._many_moves = self.visible.active and sum(
            ch.kind == "node_changed" and ch.field == "pos" for ch in changes) > MANY_MOVES
        for ch in changes:
            if ch.kind in _ITEM_KINDS:
                self._apply_item_change(ch, fresh)
        if self._many_moves:
            self.visible.lod.forget_paths()
        if self.visible.active and any(ch.kind in _ITEM_KINDS and (
                ch.kind != "node_changed" or ch.field == "pos") for ch in changes):
            self.update()  # the low-detail picture changed
        if any(ch.kind.startswith("annotation_") for ch in changes):
            self._sync_annotations()
        if any(ch.kind in _ITEM_KINDS and ch.kind != "node_changed" for ch in changes):
            self._refresh_output()
            fresh |= {self._output} - {None}
        for nid in fresh:
            if nid in self.nodes:
                self.nodes[nid].set_look(self._look(nid))
        self.refresh_labels(fresh)

    def refresh_labels(self, fresh: set[str] = frozenset()) -> None:
        """Labels from the document's evaluation through the label policy; then the
        policy's decorations. Also what the policy calls when only it changed."""
        ev = self.document.evaluation
        if self.label_policy is not None:
            self.label_policy.sync(ev)
        self.labels.show(ev, fresh)
        if self.label_policy is not None:
            self.label_policy.decorate()

    def _apply_item_change(self, ch: Change, fresh: set[str]) -> None:
        c = self.document.circuit
        k = ch.kind
        lod = self.visible.lod if self.visible.active else None
        if lod is not None:
            self._follow_in_picture(lod, ch)
        if k == "node_added" and ch.node in c:
            if self.visible.wanted(ch.node):
                self._add_node_item(ch.node)
                fresh.add(ch.node)
        elif k == "node_removed":
            item = self.nodes.pop(ch.node, None)
            self.visible.forget(ch.node)
            fresh.discard(ch.node)
            if item is not None:
                if self.stub is not None and self.stub.src is item:
                    self._remove_stub()
                self.removeItem(item)
        elif k == "wire_added" and (ch.wire.dst, ch.wire.port) not in self.wire_items:
            if ch.wire.src in self.nodes and ch.wire.dst in self.nodes:
                self.labels.new_wires.add(self._add_wire_item(ch.wire))
                fresh.update((ch.wire.dst, ch.wire.src))
        elif k == "wire_removed":
            item = self.wire_items.pop((ch.wire.dst, ch.wire.port), None)
            if item is not None:
                item.detach()
                self.removeItem(item)
            if ch.wire.dst in c:
                fresh.add(ch.wire.dst)
        elif k == "node_changed" and ch.field == "pos" and ch.node not in self.nodes and \
                ch.node in c and self.visible.wanted(ch.node):
            self.make_node_items([ch.node])
        elif k == "node_changed" and ch.node in self.nodes:
            item = self.nodes[ch.node]
            if ch.field == "pos":
                x, y = c.node(ch.node).pos
                if (item.pos().x(), item.pos().y()) != (x, y):
                    snap, item.snap = item.snap, False  # the model's position is the truth
                    item.setPos(x, y)
                    item.snap = snap
                self._grow_scene_rect(item)
            else:
                fresh.add(ch.node)

    def _follow_in_picture(self, lod, ch: Change) -> None:
        """Keep a big circuit's low-detail picture and index in step with one change."""
        k = ch.kind
        if k == "node_added" and ch.node in self.document.circuit:
            lod.node_added(ch.node)
        elif k == "node_removed":
            lod.node_removed(ch.node)
        elif k in ("wire_added", "wire_removed"):
            lod.wire_changed(ch.wire.src)
            self.visible.selected_wires.discard((ch.wire.dst, ch.wire.port))
        elif k == "node_changed" and ch.field == "pos":
            lod.node_moved(ch.node, touch=not self._many_moves)

    # ----- model → items -----------------------------------------------------------
    def rebuild(self) -> None:
        """Make every item anew from the model (a file was opened or reloaded); a big
        circuit gets items only near the viewport (``visible_items``)."""
        self.labels.forget()
        if self._drag is not None:
            self._drag = None
        self.clear()
        self.nodes.clear()
        self.wire_items.clear()
        self.annotation_items = []
        self.stub = None
        # an explicit rect from the start: an implicit one is recomputed from all items
        self.setSceneRect(QRectF(-400, -300, 800, 600))
        c = self.document.circuit
        self.avoid_overlaps = False  # one placement pass at the end, on a settled index
        self.visible.reset()
        if self.visible.active:
            self._refresh_output()
            self._sync_annotations()
            self._update_scene_rect()
            if self.label_policy is not None:
                self.label_policy.sync(self.document.evaluation)
            self.labels.fill_later(self.document.evaluation)
            self.visible.sync()
            return
        for nid in c.node_ids():
            self._add_node_item(nid)
        for w in c.wires():
            self._add_wire_item(w)
        self._refresh_output()
        self._sync_annotations()
        ev = self.document.evaluation
        if self.label_policy is not None:
            self.label_policy.sync(ev)
        if len(self.wire_items) <= scene_labels.OVERLAP_SEARCH_LIMIT:
            # numbers first (their sizes decide where they fit), then one placement pass
            self.labels.show(ev)
            self.labels.place_all()
            self.avoid_overlaps = True
        else:
            self.labels.fill_later(ev)
        if self.label_policy is not None:
            self.label_policy.decorate()
        self._update_scene_rect()

    def _look(self, nid: str) -> NodeLook:
        c = self.document.circuit
        d = c.node(nid)
        gate = GATES[d.type]
        ev = self.document.evaluation
        if d.type == "input":
            return NodeLook(symbol="x", label=d.label or d.id,
                            value_text=format_brief(d.value, self.style.decimals),
                            is_input=True, is_output=(nid == self._output), in_ports=())
        ports = shown_ports(c, nid)  # n-ary gates offer one free port after the last used
        try:
            value = ev.raw_value(nid)
        except KeyError:
            value = None
        return NodeLook(symbol=gate.display_symbol(d.param), label=d.label or "",
                        is_output=(nid == self._output), in_ports=tuple(ports),
                        flagged=is_flagged(value), undefined=nid in ev.undefined)

    def _add_node_item(self, nid: str) -> NodeItem:
        item = NodeItem(nid, self._look(nid))
        item.snap = self.snap
        item.setPos(*self.document.circuit.node(nid).pos)
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

    def make_node_items(self, ids) -> None:
        """Items for these nodes of a big circuit, their wires to nodes that have items,
        and the latest numbers on those wires (a node scrolled into view)."""
        c = self.document.circuit
        made = [self._add_node_item(nid) for nid in ids if nid not in self.nodes]
        wires = []
        for item in made:
            nid = item.node_id
            for w in c.wires_of(nid):
                if (w.dst, w.port) not in self.wire_items and w.src in self.nodes and \
                        w.dst in self.nodes:
                    wires.append(self._add_wire_item(w))
                    self.visible.selected_wires.discard((w.dst, w.port))
            if nid in self.visible.selected:
                self.visible.selected.discard(nid)
                item.setSelected(True)
        for item in made:  # ports wired now that the wires exist
            item.set_look(self._look(item.node_id))
        if self._output is not None and self._output in self.nodes and self.stub is None:
            self._refresh_output()
        self.labels.fill(wires, self.stub is not None and self.stub.src in made)

    def drop_node_item(self, nid: str) -> None:
        """Take a big circuit's node (and its wires) off the scene: it left the window."""
        item = self.nodes.pop(nid)
        for w in list(item.wires):
            if w is self.stub:
                self._remove_stub()
                continue
            self.wire_items.pop((w.wire.dst, w.wire.port), None)
            if w.isSelected():
                self.visible.selected_wires.add((w.wire.dst, w.wire.port))
            self.labels.stale.discard(w)
            w.detach()
            self.removeItem(w)
        self.visible.remember_selection(nid, item.isSelected())
        self.removeItem(item)

    def _refresh_output(self) -> None:
        out, _why = self.document.circuit.resolved_output()
        old, self._output = self._output, out
        for nid in {old, out} - {None}:
            if nid in self.nodes:
                self.nodes[nid].set_look(self._look(nid))
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

    def _sync_annotations(self) -> None:
        """Match the annotation items to the model (few: simply compared one by one)."""
        anns = self.document.circuit.annotations()
        items = self.annotation_items
        while len(items) > len(anns):
            self.removeItem(items.pop())
        for i, a in enumerate(anns):
            if i < len(items):
                items[i].set_content(a.text, a.font_size)
            else:
                items.append(AnnotationItem(i, a.text, a.font_size))
                self.addItem(items[i])
            if (items[i].pos().x(), items[i].pos().y()) != a.pos:
                items[i].setPos(*a.pos)

    def _grow_scene_rect(self, item: NodeItem) -> None:
        """Keep room around every node to scroll to (cheap: one item, not all of them)."""
        r = item.sceneBoundingRect().adjusted(-400, -300, 400, 300)
        if not self.sceneRect().contains(r):
            self.setSceneRect(self.sceneRect().united(r))

    def _update_scene_rect(self) -> None:
        """Room around all nodes (from their positions: asking every item is slow)."""
        if self.visible.active:
            r = self.visible.lod.extent()
        elif self.nodes:
            xs = [i.pos().x() for i in self.nodes.values()]
            ys = [i.pos().y() for i in self.nodes.values()]
            r = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        else:
            return
        self.setSceneRect(r.adjusted(-500, -400, 500, 400).united(self.sceneRect()))

    # ----- restyling ------------------------------------------------------------------
    def restyle(self) -> None:
        """Theme, decimals or label size changed: re-push every label and repaint."""
        self.style.extras.clear()
        self.style.generation += 1  # makes every label re-apply fonts and colours
        for nid, item in self.nodes.items():
            item.set_look(self._look(nid))
        self.refresh_labels()
        if self.avoid_overlaps:
            self.labels.place_all()
        if self.stub is not None:
            self.stub.place_labels()
        self.update()

    @property
    def labels_pending(self) -> int:
        """Off-screen wires whose labels still await the latest numbers."""
        return len(self.labels.stale)

    def set_snap(self, on: bool) -> None:
        self.snap = on
        for item in self.nodes.values():
            item.snap = on

    # ----- background ----------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        painter.fillRect(rect, self.style.theme.color("background"))
        self._draw_grid(painter, rect)
        self.draw_low_detail(painter, rect)

    def _draw_grid(self, painter: QPainter, rect: QRectF) -> None:
        grid = self.style.theme.color("grid")
        if not self.show_grid or grid == self.style.theme.color("background"):
            return
        step = GRID * 2
        if (rect.width() / step) + (rect.height() / step) > 2000:
            return  # zoomed far out the grid is noise
        painter.setPen(QPen(grid, 1))
        x = int(rect.left() // step) * step
        while x < rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = int(rect.top() // step) * step
        while y < rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step
