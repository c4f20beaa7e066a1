"""Items only where they can be seen: the scene's item manager for big circuits.

Up to ``LIVE_LIMIT`` nodes every node and wire has its items, as always. Beyond, a
node has a ``NodeItem`` only while it lies near a view's visible rect at a zoom where
details can be read (``DETAIL_ZOOM``), or while something holds it (the mouse grabs it,
code asked ``scene.nodes[id]``); the direct neighbours of what is on screen get items
too, so the wires leaving the screen are real wires with their numbers (not those of a
hub, a node with more than ``HUB_WIRES`` wires: its far wires are thin lines). A wire
has an item exactly when both its ends have one. Everything else is drawn by
``lod.LowDetail``. Work worth doing only for what is on screen (a pattern tag's search
for free space) waits in a ``ScreenQueue`` until a view shows its items.

Zooming and scrolling create and drop items incrementally (``sync``): only the nodes
that came into or left the window are touched. Items carry no model state, so dropping
one loses nothing but its selection, which is kept here by id (``selected``) and given
back when the item is made again. What an item shows beyond the model (a step's
highlight, a quiz's "?", a broken gate's mark, a parameter's θ) it gets when made
through one path, ``decorate_made``, which asks each decorator for the current state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QRectF, QTimer

from chainwire.editor.lod import REACH, LowDetail

if TYPE_CHECKING:
    from chainwire.editor.scene import CircuitScene

LIVE_LIMIT = 4000
"""Circuits with more nodes than this keep items only near the viewport."""
DETAIL_ZOOM = 0.3
"""Below this zoom (numbers are not drawn: ``items.wire.LOD_TEXT``) a big circuit is
drawn from the low-detail picture only."""
MARGIN = 0.5
"""Items are made this fraction of the visible rect's size beyond each of its edges, so
a short scroll shows items that already exist."""
MAX_NEIGHBOURS = 1000
"""At most this many off-window neighbours get items; the rest of their wires are drawn
low-detail (``LowDetail.paint_loose_wires``)."""
HUB_WIRES = 32
"""A node with more wires than this (a network's input feeding every neuron) gives its
neighbours no items: near 20 such inputs they were ~4,000 nodes and ~36,000 items."""


class VisibleItems:
    """Which nodes of a big circuit have items, and the selection of those that don't."""

    def __init__(self, scene: CircuitScene) -> None:
        self.scene = scene
        self.active = False  # the circuit is big: items only near the viewport
        self.lod: LowDetail | None = None
        self.window: list[QRectF] = []  # the views' rects, with margin, at detail zoom
        self.rendering = False  # an export draws items strip by strip: no picture
        self.held: set[str] = set()  # nodes kept whatever the window (asked for by id,
        # clicked at overview zoom): until a sync finds them unselected and unfocused
        self.selected: set[str] = set()  # selected nodes that have no item now
        self.selected_wires: set[tuple[str, int]] = set()  # likewise, (dst, port)
        self._timer = QTimer(scene)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync)
        self.on_made: list[Callable[[list[str]], None]] = []  # window parts that mark
        # items of their own (a parameter's θ): told which nodes were just made
        self.queues: list[ScreenQueue] = []  # told when a view moves (``view_changed``)
        self._decorating = False

    # ----- mode ---------------------------------------------------------------------------
    def reset(self) -> None:
        """A circuit was opened: decide the mode, index it when it is big."""
        c = self.scene.document.circuit
        self.active = len(c) > LIVE_LIMIT
        self.held.clear()
        self.selected.clear()
        self.selected_wires.clear()
        self.window = []
        if self.active:
            self.lod = LowDetail(c)
            self.lod.reset()
        else:
            self.lod = None

    def wanted(self, nid: str) -> bool:
        """Whether ``nid`` should have an item now (always, for a small circuit)."""
        if not self.active:
            return True
        if nid in self.held:
            return True
        pos = self.lod.where.get(nid) if self.lod is not None else None
        return pos is not None and any(_near(r, pos) for r in self.window)

    # ----- the window ---------------------------------------------------------------------
    def screens(self) -> list[QRectF]:
        """What the views show at detail zoom (scene rects): where items are seen."""
        return [v.mapToScene(v.viewport().rect()).boundingRect() for v in self.scene.views()
                if v.isVisible() and v.transform().m11() >= DETAIL_ZOOM]

    def _compute_window(self) -> list[QRectF]:
        return [r.adjusted(-r.width() * MARGIN, -r.height() * MARGIN, r.width() * MARGIN,
                           r.height() * MARGIN) for r in self.screens()]

    def view_changed(self) -> None:
        """A view scrolled, zoomed or resized: sync now if it left the window."""
        if not self.active:
            return
        inner = self.screens()
        if len(inner) != len(self.window) or not all(
                any(w.contains(r) for w in self.window) for r in inner):
            self.sync()
        for queue in self.queues:
            queue.later()

    def schedule(self) -> None:
        if self.active and not self._timer.isActive():
            self._timer.start(0)

    def schedule_if_outside(self, rect: QRectF) -> None:
        """A view paints ``rect`` at detail zoom: sync soon unless the window covers it
        (a view scrolled or zoomed without telling: ``CircuitView`` usually tells)."""
        if not any(w.contains(rect) for w in self.window):
            self.schedule()

    def sync(self) -> None:
        """Make the items the window needs, drop those it no longer needs (one
        selectionChanged at most, whether a view or the timer asked)."""
        if not self.active or not shiboken6.isValid(self.scene):
            return
        with self.scene.quiet_selection():
            self._sync()

    def _sync(self) -> None:
        scene, lod = self.scene, self.lod
        self.window = self._compute_window()
        # nodes asked for by id stay while selected or being edited, not for ever
        self.held = {n for n in self.held if n in scene.nodes and (
            scene.nodes[n].isSelected() or scene.nodes[n].hasFocus())}
        want: set[str] = set(self.held)
        for r in self.window:
            want.update(lod.ids_in(r))
        want |= self._neighbours(want)
        grabbed = scene.mouseGrabberItem()
        if grabbed is not None:  # a drag in progress: its items stay until it ends
            want.update(scene.nodes)
        drag = scene._drag
        if drag is not None:
            want.update(n for n in (drag.src, drag.dst) if n is not None)
        gone = [n for n in scene.nodes if n not in want and scene.nodes[n] is not grabbed]
        for nid in gone:
            scene.drop_node_item(nid)
        fresh = [nid for nid in want if nid not in scene.nodes and nid in lod.where]
        if fresh:
            scene.make_node_items(fresh)  # decorated as they are made (``labels.fill``)
        elif gone:  # decorations of items no longer there (a gate's tags) go too
            self.decorate_made()

    def decorate_made(self, policy: bool = True) -> None:
        """The one path by which items made outside the update pass (scrolling, asked
        for by id, an export's strip: ``CircuitScene.make_node_items``, through
        ``LabelPresenter.fill``) get what every other item shows now, each decorator
        asked for it: the labels (gates' marks, spots for numbers), the label policy
        (step, quiz, gradient colouring, patterns: ``decorate_items``, for these items
        only; ``policy`` False when the update pass decorates everything next) and
        ``on_made``. Also called when items were only dropped (their tags go too)."""
        scene = self.scene
        if self._decorating:
            return
        self._decorating = True
        try:
            made = [n for n in scene.nodes.made if n in scene.nodes]
            scene.nodes.made.clear()
            scene.labels.made(made)
            decorator = scene.label_policy if policy else None
            if decorator is not None:  # only the items made (and tags of those gone)
                items = [scene.nodes[n] for n in made]
                decorator.decorate_items(items, {w for i in items for w in i.wires})
            for watcher in self.on_made if made else ():
                watcher(made)
        finally:
            self._decorating = False

    def _neighbours(self, ids: set[str]) -> set[str]:
        c = self.scene.document.circuit
        out: set[str] = set()
        for nid in ids:
            if nid not in c:
                continue
            wires = c.wires_of(nid)
            if len(wires) > HUB_WIRES:
                continue
            for w in wires:
                other = w.dst if w.src == nid else w.src
                if other not in ids:
                    out.add(other)
            if len(out) > MAX_NEIGHBOURS:
                break
        return out

    # ----- selection without items ------------------------------------------------------------
    def remember_selection(self, nid: str, selected: bool) -> None:
        if selected:
            self.selected.add(nid)

    def forget(self, nid: str) -> None:
        self.selected.discard(nid)
        self.held.discard(nid)

    def select_in(self, rect: QRectF) -> None:
        """A rubber band over the low-detail picture: select the nodes inside it."""
        if self.lod is None:
            return
        lod = self.lod
        for nid in lod.ids_in(rect):
            x, y = lod.where[nid]
            w, h = lod.half_size(nid)  # the body meets the band: Qt's IntersectsItemShape
            if nid not in self.scene.nodes and rect.intersects(QRectF(x - w, y - h, 2 * w,
                                                                      2 * h)):
                self.selected.add(nid)


class ScreenQueue:
    """Work on a big circuit's node items worth doing only for what is on screen (a
    pattern tag searches free space: ~50 ms in a dense grid). Items wait here; ``work``
    gets those a view shows when idle, at most ``batch`` at a time, nearest a view's
    middle first; the others wait till a view comes to them or go with their items.
    So a scroll never waits for them, nor pays for what it does not show."""

    def __init__(self, visible: VisibleItems, batch: int,
                 work: Callable[[list], None]) -> None:
        self.visible, self.batch, self.work = visible, batch, work
        self.waiting: dict[str, object] = {}  # node id -> its item when it was queued
        self._timer = QTimer(visible.scene)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run)
        visible.queues.append(self)

    def add(self, items) -> None:
        self.waiting.update((i.node_id, i) for i in items)
        self.later()

    def clear(self) -> None:
        self.waiting.clear()

    def later(self) -> None:
        if self.waiting:
            self._timer.start(0)

    def run(self) -> None:
        """Hand ``work`` the next batch of the waiting items on screen."""
        scene = self.visible.scene
        if not (self.waiting and shiboken6.isValid(scene)):
            return
        have = scene.nodes
        self.waiting = {n: i for n, i in self.waiting.items() if have.get(n) is i}
        screens = self.visible.screens()
        shown = sorted((min((s.center() - i.pos()).manhattanLength() for s in screens), n)
                       for n, i in self.waiting.items()
                       if any(s.intersects(i.sceneBoundingRect()) for s in screens))
        batch = [self.waiting.pop(n) for _d, n in shown[:self.batch]]
        if batch:
            self.work(batch)
        if len(shown) > len(batch):
            self._timer.start(0)


def _near(r: QRectF, pos: tuple[float, float]) -> bool:
    return (r.left() - REACH <= pos[0] <= r.right() + REACH
            and r.top() - REACH <= pos[1] <= r.bottom() + REACH)


class NodeItems(dict):
    """The scene's id → NodeItem map. Asking for a node of a big circuit that has no item
    now (``scene.nodes[id]``) makes one and holds it (until the view moves on while it
    is neither selected nor being edited), so code written for circuits whose every
    node has an item keeps working; ``get`` and ``in`` only look."""

    def __init__(self, scene: CircuitScene) -> None:
        super().__init__()
        self._scene = scene
        self.made: set[str] = set()  # a big circuit's nodes given items since their
        # decorations were last brought up to date (``VisibleItems.decorate_made``)

    def __setitem__(self, nid: str, item) -> None:
        super().__setitem__(nid, item)
        if self._scene.visible.active:
            self.made.add(nid)

    def clear(self) -> None:
        super().clear()
        self.made.clear()

    def __missing__(self, nid: str):
        scene = self._scene
        if not scene.visible.active or nid not in scene.document.circuit:
            raise KeyError(nid)
        scene.visible.held.add(nid)
        scene.make_node_items([nid])
        return dict.__getitem__(self, nid)
