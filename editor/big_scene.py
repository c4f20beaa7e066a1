"""What the scene does differently when a big circuit has items only near the viewport.

Mixed into ``CircuitScene`` (``visible_items`` decides which nodes have items). For a
small circuit every method here does what Qt's scene does. For a big one:

- the selection is the items' selection plus ``visible.selected`` (nodes and wires
  selected while they had no item); select all, clear and ``select_ids`` cover both;
- a press where a node is drawn low-detail first makes its item, so clicking, dragging
  and wiring work at any zoom; a rubber band over the low-detail picture selects the
  nodes inside it (``rubber_band_done``, called by the view);
- ``itemsBoundingRect`` covers every node, with or without an item (fit, export);
- ``render`` (every export) draws everything at full detail, strip by strip: items are
  made for one strip, drawn, dropped, so memory stays bounded at any size;
- the background draws the low-detail picture below the detail zoom.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from chainwire.editor.items.node import NodeItem
from chainwire.editor.items.wire import WireItem
from chainwire.editor.lod import REACH
from chainwire.editor.visible_items import DETAIL_ZOOM
from chainwire.graph.circuit import Wire

STRIP_NODES = 2500
"""An export of a big circuit makes items for about this many nodes at a time."""
DRAG_LIMIT = 5000
"""A mouse drag moves at most this many selected nodes that had no item (each needs one)."""
PICK_PIXELS = 3.0
"""A click this many pixels from a zoomed-out gate picks it."""


class BigSceneMixin:
    """Selection, hit tests, bounds, export and the low-detail background (see module)."""

    # ----- selection ---------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        ids = [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]
        if self.visible.selected:
            order = self.document.circuit.node_ids()
            ids += [n for n in order if n in self.visible.selected]
        return ids

    def selected_wires(self) -> list[Wire]:
        wires = [i.wire for i in self.selectedItems()
                 if isinstance(i, WireItem) and i.wire is not None]
        c = self.document.circuit
        for dst, port in sorted(self.visible.selected_wires):
            src = c.source_at(dst, port) if dst in c else None
            if src is not None:
                wires.append(Wire(src, dst, port))
        return wires

    def selected_annotations(self) -> list[int]:
        return [i.index for i in self.annotation_items if i.isSelected()]

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these nodes (one selectionChanged, however many)."""
        self.clearSelection()
        with self.quiet_selection(any_size=True):
            for nid in ids:
                if nid in self.nodes:
                    self.nodes[nid].setSelected(True)
                elif self.visible.active and nid in self.document.circuit:
                    self.visible.selected.add(nid)
        self._selection_changed_without_items()

    def select_all(self) -> None:
        """Every gate, wire and note, with or without an item (one selectionChanged:
        one per item made select all of 40,000 items near a hub take many minutes)."""
        with self.quiet_selection(any_size=True):
            for item in self.items():
                if item.flags() & QGraphicsItem.ItemIsSelectable and item.isVisible():
                    item.setSelected(True)
        if self.visible.active:
            c = self.document.circuit
            self.visible.selected = {n for n in c.node_ids() if n not in self.nodes}
            self.visible.selected_wires = {(w.dst, w.port) for w in c.wires()
                                           if (w.dst, w.port) not in self.wire_items}
            self._selection_changed_without_items()

    def clearSelection(self) -> None:  # noqa: N802
        had = bool(self.visible.selected or self.visible.selected_wires)
        self.visible.selected.clear()
        self.visible.selected_wires.clear()
        QGraphicsScene.clearSelection(self)
        if had:
            self._selection_changed_without_items()

    @contextmanager
    def quiet_selection(self, any_size: bool = False) -> Iterator[None]:
        """Items coming and going (a scroll, a zoom) leave the selection as it was, but
        Qt says selectionChanged for every selected item removed or made selected: at
        20,000 gates, hundreds of signals each re-reading the whole selection. Say it
        once at the end instead, if what the items show changed at all. ``any_size``:
        for a small circuit too (selecting thousands of items one by one)."""
        if not (self.visible.active or any_size) or self.signalsBlocked():
            yield
            return
        before = len(self.selectedItems())
        self.blockSignals(True)
        try:
            yield
        finally:
            self.blockSignals(False)
        if len(self.selectedItems()) != before:
            self.selectionChanged.emit()

    def clear(self) -> None:
        """Deselect first, in one step: Qt would say selectionChanged per selected item."""
        self.clearSelection()
        QGraphicsScene.clear(self)

    def _selection_changed_without_items(self) -> None:
        if self.visible.active:
            self.selectionChanged.emit()
            self.update()

    def rubber_band_done(self, rect: QRectF, modifiers: Qt.KeyboardModifier | None) -> None:
        """A rubber band ended over ``rect``: add the nodes drawn low-detail inside it."""
        if self.visible.active and not rect.isEmpty():
            self.visible.select_in(rect)
            self._selection_changed_without_items()

    # ----- hit testing at any zoom -----------------------------------------------------------
    def low_detail_node_at(self, p: QPointF) -> str | None:
        """The node a big circuit draws at (or within PICK_PIXELS of) scene point ``p``,
        given an item (held) if it had none: a press or a wire's drop at any zoom."""
        if not self.visible.active:
            return None
        zoom = max((v.transform().m11() for v in self.views()), default=1.0)
        nid = self.visible.lod.node_at(p, PICK_PIXELS / zoom)
        if nid is not None and nid not in self.nodes:
            self.visible.held.add(nid)
            self.make_node_items([nid])
        return nid

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self.visible.active and event.button() in (Qt.LeftButton, Qt.RightButton):
            p = event.scenePos()
            nid = self.low_detail_node_at(p)
            mods = event.modifiers() & (Qt.ControlModifier | Qt.ShiftModifier)
            item = self.nodes.get(nid) if nid is not None else None
            if item is not None and not item.contains(item.mapFromScene(p)) and \
                    event.button() == Qt.LeftButton:  # a gate a pixel wide, clicked near
                if not mods:
                    self.clearSelection()
                item.setSelected(not item.isSelected() if mods else True)
                event.accept()
                return
            hit = next((i for i in self.items(event.scenePos())
                        if i.flags() & QGraphicsItem.ItemIsSelectable), None)
            if not mods and (hit is None or not hit.isSelected()) and \
                    event.button() == Qt.LeftButton:
                if self.visible.selected or self.visible.selected_wires:
                    self.visible.selected.clear()
                    self.visible.selected_wires.clear()
                    self.update()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        """A drag of a selection whose other members have no items moves them too (they
        get items, up to DRAG_LIMIT; beyond, the drag is undone and the keys suggested).
        Runs inside ``SceneGestures.mouseReleaseEvent``, before it reads the moves."""
        super().mouseReleaseEvent(event)
        v = self.visible
        moved = [(i, old) for i, old in self._press_positions.items()
                 if isinstance(i, NodeItem) and (i.pos().x(), i.pos().y()) != old]
        if not v.active or not v.selected or not moved:
            return
        item, old = moved[0]
        dx, dy = item.pos().x() - old[0], item.pos().y() - old[1]
        if len(v.selected) > DRAG_LIMIT:
            for i, (x, y) in self._press_positions.items():
                i.setPos(x, y)
            self.status.emit(QCoreApplication.translate(
                "CircuitScene", "This selection is too big to drag with the mouse: move it "
                "with the arrow keys"))
            return
        ids = list(v.selected)
        v.held.update(ids)
        self.make_node_items(ids)
        for nid in ids:
            node = self.nodes[nid]
            x, y = node.pos().x(), node.pos().y()
            self._press_positions[node] = (x, y)
            node.setPos(x + dx, y + dy)

    # ----- bounds and export --------------------------------------------------------------------
    def itemsBoundingRect(self) -> QRectF:  # noqa: N802
        r = QGraphicsScene.itemsBoundingRect(self)
        if self.visible.active:
            e = self.visible.lod.extent()
            if not e.isNull() or self.visible.lod.where:
                r = r.united(e.adjusted(-REACH, -REACH, REACH, REACH))
        return r

    def render(self, painter: QPainter, target: QRectF = QRectF(),  # noqa: B008
               source: QRectF = QRectF(),  # noqa: B008
               mode: Qt.AspectRatioMode = Qt.KeepAspectRatio) -> None:
        """Draw ``source`` into ``target``; a big circuit at full detail, strip by strip."""
        if not self.visible.active:
            QGraphicsScene.render(self, painter, target, source, mode)
            return
        if source.isNull():
            source = self.itemsBoundingRect()
        if target.isNull():
            device = painter.device()
            target = QRectF(0, 0, device.width(), device.height())
        # the whole picture maps as Qt would map it; then each strip is drawn on its part
        sx, sy = target.width() / source.width(), target.height() / source.height()
        if mode == Qt.KeepAspectRatio:
            sx = sy = min(sx, sy)
        ox = target.left() + (target.width() - source.width() * sx) / 2
        oy = target.top() + (target.height() - source.height() * sy) / 2
        lod = self.visible.lod
        n = max(1, len(lod.ids_in(source)) // STRIP_NODES + 1)
        step = source.width() / n
        kept = set(self.nodes)
        self.visible.rendering = True
        try:
            for i in range(n):
                part = QRectF(source.left() + i * step, source.top(), step, source.height())
                ids = set(lod.ids_in(part)) | set(kept) | lod.wire_ends_in(part)
                for nid in [x for x in self.nodes if x not in ids]:
                    self.drop_node_item(nid)
                self.make_node_items([x for x in ids if x not in self.nodes])
                out = QRectF(ox + (part.left() - source.left()) * sx, oy,
                             part.width() * sx, source.height() * sy)
                painter.save()
                try:
                    painter.setClipRect(out)
                    QGraphicsScene.render(self, painter, out, part, Qt.IgnoreAspectRatio)
                finally:
                    painter.restore()
        finally:
            self.visible.rendering = False
            self.visible.sync()

    # ----- the low-detail picture ----------------------------------------------------------
    def draw_low_detail(self, painter: QPainter, rect: QRectF) -> None:
        """Below the detail zoom, the nodes and wires of a big circuit as plain shapes."""
        v = self.visible
        if not v.active or v.rendering:
            return
        t = self.style.theme
        if painter.worldTransform().m11() >= DETAIL_ZOOM:
            v.schedule_if_outside(rect)
            items = self.wire_items
            v.lod.paint_loose_wires(painter, rect, lambda w: (w.dst, w.port) in items,
                                    t.color("wire"))
            return
        v.lod.paint(painter, rect, (t.color("wire"), t.color("node_border"),
                                    t.color("node_fill")))
        if v.selected:
            v.lod.paint_nodes(painter, v.selected, t.color("selection"))
