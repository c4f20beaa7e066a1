"""Wire labels: pushing an evaluation's numbers into them, and placing them.

Part of the scene's one update pass (``CircuitScene.apply``): after the items match the
model, ``LabelPresenter.show`` writes the numbers of the wires that changed
(``Evaluation.changed_since``), through the classroom label policy when one is active.
Big edits update the visible labels at once and the rest in idle batches, so a
10,000-gate circuit stays responsive.

In a big circuit items are also made outside that pass, as the view scrolls: ``fill``
gives their wires the numbers shown and hands them on to the one path that decorates
them (``VisibleItems.decorate_made``); their numbers then look for free spots among the
items around them while idle (``place_unplaced``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QTimer

from chainwire.editor import label_placement
from chainwire.editor.i18n import error_text
from chainwire.editor.items.node import NodeItem
from chainwire.editor.items.wire import LEVEL_CUT, LOD_TEXT, WireItem
from chainwire.editor.numbers import format_value, is_flagged
from chainwire.graph import routing
from chainwire.graph.circuit import Wire
from chainwire.graph.evaluate import Evaluation
from chainwire.graph.shapes import same_value

if TYPE_CHECKING:
    from chainwire.editor.scene import CircuitScene

LABEL_BATCH = 400
"""An evaluation that changes more wires than this updates the visible ones at once and
the rest in batches of this size while the event loop is idle (frames stay short)."""
ROUTE_LIMIT = 1200
"""Up to this many wires, wires are routed through the gaps between gates..."""
NEAR = 240.0
"""How far around a number that outgrew its spot other numbers are looked at."""
MAX_DETOURS = 24
"""... unless more than this many must detour around gates (hand-placed, right to left:
Auto Layout lays the circuit out in columns again)."""
LOCAL_PLACEMENT = 400
"""Beyond this many wires an edit places only the numbers of the wires it touched (the
others stay where the last full pass put them, which costs ~0.2 s per 1,000 wires)."""
OVERLAP_SEARCH_LIMIT = 3000
"""Up to this many wires, labels move along their wire to avoid covering nodes and other
labels; beyond it (a stress-test circuit, not a lesson) they stay at the middle."""
PLACE_BATCH = 60
"""In a big circuit (items only near the viewport) numbers that need a spot (a scroll's
or an edit's new wires, numbers that outgrew theirs) look for one among the items
around them while idle, this many wires at a time (~25 ms)."""


class LabelPresenter:
    """The numbers on one scene's wires: what is shown now, and what is still stale."""

    def __init__(self, scene: CircuitScene) -> None:
        self.scene = scene
        self.shown: Evaluation | None = None  # what the labels show now
        self._generation = -1
        self._filtered = False
        self.stale: set[WireItem] = set()  # off-screen labels not yet refreshed
        self._dirty = False  # a wire moved since the numbers were last placed
        self.outgrown: set[WireItem] = set()  # numbers wider than their spot allows
        self.new_wires: set[WireItem] = set()  # made by the model change being shown
        self._timer = QTimer(scene)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh_stale)
        self.unplaced: set[WireItem] = set()  # a big circuit's new wires whose numbers
        # look for spots while idle, PLACE_BATCH at a time (scroll frames stay short)
        self._place_timer = QTimer(scene)
        self._place_timer.setSingleShot(True)
        self._place_timer.timeout.connect(self.place_unplaced)

    def forget(self) -> None:
        """The items were rebuilt: every label must be filled again."""
        self.shown = None
        self.stale.clear()
        self.new_wires.clear()
        self.unplaced.clear()

    # ----- evaluation → labels --------------------------------------------------------
    def show(self, ev: Evaluation, fresh: set[str] = frozenset()) -> int:
        """Push numbers into labels; touches only labels whose numbers changed.

        ``fresh`` names nodes whose items were just made or changed by the model (their
        looks and outgoing wires are filled whatever the diff says). Returns labels changed.
        If a wire moved, every number is placed again (beyond LOCAL_PLACEMENT wires,
        only those of the wires just made); a number that outgrew its spot (a step's
        extra digits, an edit) finds another on its own wire.
        """
        changed = self._push(ev, fresh)
        scene = self.scene
        if scene.nodes.made:  # items the model change made: the policy decorates next
            scene.visible.decorate_made(policy=False)
        if scene.visible.active:
            self._dirty = False
            self._queue(self.outgrown | self.new_wires)
        elif self._dirty and scene.avoid_overlaps and len(scene.wire_items) > LOCAL_PLACEMENT:
            self._dirty = False
            self.place_some(self.outgrown | self.new_wires)
        elif self._dirty and scene.avoid_overlaps:
            self.place_all()
        elif self.outgrown and self.scene.avoid_overlaps:
            self.place_some(self.outgrown)
        self.outgrown.clear()
        self.new_wires.clear()
        return changed

    def _push(self, ev: Evaluation, fresh: set[str]) -> int:
        scene = self.scene
        prev, self.shown = self.shown, ev
        filtered = scene.label_filter is not None
        diff = None
        comparable = not filtered and not self._filtered and \
            self._generation == scene.style.generation
        if comparable and scene.visible.active:  # only the few wires with items matter
            return self._show_wires(ev, _moved(prev, ev, scene.wire_items.values(), fresh),
                                    scene.nodes)
        if comparable:
            diff = ev.changed_since(prev)
        self._generation = scene.style.generation
        self._filtered = filtered
        if diff is None:
            return self._show_wires(ev, scene.wire_items.values(), scene.nodes)
        vals, grads, wgrads = diff
        vals = set(vals) | set(fresh)
        wires = set(wgrads)
        for nid in vals:
            item = scene.nodes.get(nid)
            if item is not None:
                wires.update(w.wire for w in item.wires if w.src is item and w.wire is not None)
        items = [scene.wire_items[(w.dst, w.port)] for w in wires
                 if (w.dst, w.port) in scene.wire_items]
        stub = scene.stub is not None and (scene.stub.src.node_id in vals
                                           or scene.stub.src.node_id in grads)
        return self._show_wires(ev, items, vals, stub=stub)

    def fill_later(self, ev: Evaluation) -> None:
        """A big circuit was just built: numbers fill in while idle, visible ones first."""
        self.shown, self._generation = ev, self.scene.style.generation
        self._filtered = self.scene.label_filter is not None
        self._show_wires(ev, (), self.scene.nodes)
        self.stale.update(self.scene.wire_items.values())
        self._timer.start(0)

    def fill(self, items, stub: bool = False) -> None:
        """Wires just given items (a big circuit scrolled into view): the numbers of the
        evaluation the labels show now, whatever changed while they had no item; then
        every other decoration of the nodes just made (``VisibleItems.decorate_made``).
        Called by ``CircuitScene.make_node_items`` once its items and wires exist."""
        if self.shown is not None and (items or stub):
            self._show_wires(self.shown, items, (), stub=stub, batch=False)
        self.scene.visible.decorate_made()

    def made(self, ids: list[str]) -> None:
        """Nodes of a big circuit just given items (``VisibleItems.decorate_made``):
        their gates' marks from the numbers shown (flagged, undefined, a shape problem,
        also on wires made into a gate marked before); their wires' numbers look for
        free spots while idle (``place_unplaced``)."""
        items = [self.scene.nodes[n] for n in ids]
        wires = {w for item in items for w in item.wires if w.dst is not None}
        if ids and self.shown is not None:
            self._show_wires(self.shown, (), ids, stub=False, batch=False)
        for node in {w.dst for w in wires} - set(items):
            if node.look.problem:
                node.set_look(node.look)
        self._queue(wires)

    def _queue(self, items) -> None:
        items = {i for i in items if i.scene() is self.scene}
        if items:
            self.outgrown.difference_update(items)
            self.unplaced |= items
            self._place_timer.start(0)

    def place_unplaced(self) -> None:
        """Spots for the numbers of a batch of a big circuit's new wires (made off-screen
        mostly: the window reaches half a screen beyond the view), among those there."""
        scene = self.scene
        self.unplaced = {i for i in self.unplaced if i.scene() is scene}
        batch = sorted(self.unplaced, key=label_placement.reading_order)[:PLACE_BATCH]
        self.unplaced.difference_update(batch)
        self.place_some(batch)
        if self.unplaced:
            self._place_timer.start(0)

    def _visible_wire_items(self) -> set:
        seen: set = set()
        for v in self.scene.views():
            if v.transform().m11() < LOD_TEXT:
                continue  # zoomed out too far for numbers to be drawn: none are urgent
            rect = v.mapToScene(v.viewport().rect()).boundingRect()
            seen.update(i for i in self.scene.items(rect) if isinstance(i, WireItem))
        return seen

    def refresh_stale(self) -> None:
        """Bring a batch of off-screen labels up to date with the latest evaluation."""
        batch = [i for i in self._visible_wire_items() if i in self.stale][:LABEL_BATCH]
        self.stale.difference_update(batch)
        while self.stale and len(batch) < LABEL_BATCH:
            item = self.stale.pop()
            if item.scene() is self.scene:
                batch.append(item)
        if batch and self.shown is not None:
            self._show_wires(self.shown, batch, (), stub=False)
        if self.stale:
            self._timer.start(0)

    def _text(self, wire: Wire | None, is_grad: bool, value) -> str | None:
        """The label text after the classroom policy (None hides it)."""
        text = format_value(value, self.scene.style.decimals)
        verdict = True if self.scene.label_filter is None else self.scene.label_filter(
            wire, is_grad)
        if isinstance(verdict, str):  # a quiz's "?"
            return verdict
        return text if verdict else None

    def _show_wires(self, ev: Evaluation, items, node_ids, stub: bool = True,
                    batch: bool = True) -> int:
        scene = self.scene
        items = list(items)
        if batch and len(items) > LABEL_BATCH and scene.views():
            visible = self._visible_wire_items()
            self.stale.update(i for i in items if i not in visible)
            items = [i for i in items if i in visible]
            self.stale.difference_update(items)
            self._timer.start(0)
        changed = 0
        for item in items:
            w = item.wire
            v = ev.raw_value(w.src)
            g = ev.raw_wire_grad(w)
            changed += item.set_numbers(self._text(w, False, v), self._text(w, True, g),
                                        is_flagged(v), is_flagged(g))
        if stub and scene.stub is not None:
            out = scene.stub.src.node_id
            v, g = ev.raw_value(out), ev.raw_grad(out)
            gt = self._text(None, True, g)
            if ev.output_summed and gt is not None:  # f is an array: ∂ sum(f)
                gt = f"∂ {ev.objective('f')}\n{gt}"
            changed += scene.stub.set_numbers(self._text(None, False, v), gt,
                                              is_flagged(v), is_flagged(g))
        undefined = ev.undefined
        for nid in node_ids:
            item = scene.nodes.get(nid)
            if item is None:
                continue
            try:
                flagged = is_flagged(ev.raw_value(nid))
            except KeyError:
                flagged = False
            undef = nid in undefined
            problem = error_text(ev.shape_problems.get(nid, ""))  # marked with its reason (node.py)
            look = item.look
            if look.flagged != flagged or look.undefined != undef or look.problem != problem:
                item.set_look(replace(look, flagged=flagged, undefined=undef, problem=problem))
                changed += 1
        return changed

    # ----- placement -----------------------------------------------------------------
    def geometry_changed(self) -> None:
        """A wire moved or changed shape: its numbers (and its neighbours') are placed
        again at the end of the update pass (``show``), once for the whole batch."""
        self._dirty = True

    def place_all(self) -> None:
        """Route every wire, then place every wire's numbers so none collide (below
        OVERLAP_SEARCH_LIMIT wires; beyond that each wire keeps its own quick spot)."""
        self._dirty = False
        scene = self.scene
        wires = list(scene.wire_items.values())
        if len(wires) > OVERLAP_SEARCH_LIMIT or scene.visible.active:
            return
        if self.stale and self.shown is not None:  # sizes decide spots: numbers first
            waiting = [i for i in self.stale if i.scene() is scene]
            self.stale.clear()
            self._show_wires(self.shown, waiting, (), stub=False, batch=False)
        if len(wires) <= ROUTE_LIMIT and self._detours() <= MAX_DETOURS:
            self.route_all()
        else:  # a big or hand-placed tangle: each wire takes its plain shape
            for item in wires:
                if item.bends:
                    item.set_bends(())
        if scene.stub is not None:
            wires.append(scene.stub)
        extra = [a.sceneBoundingRect() for a in scene.annotation_items]
        label_placement.place_all(scene.nodes.values(), wires, extra)

    def place_some(self, items) -> None:
        """Find new spots for these wires' numbers, clear of everything else as it is
        (only what lies near them is looked at: an edit in a big circuit stays quick)."""
        scene = self.scene
        if not scene.visible.active and len(scene.wire_items) > OVERLAP_SEARCH_LIMIT:
            return
        items = {i for i in items if i.scene() is scene}
        if not items:
            return
        region = QRectF()
        for item in items:
            region = region.united(item.sceneBoundingRect())
        region.adjust(-NEAR, -NEAR, NEAR, NEAR)
        if scene.visible.active:  # the few items there are: no index query (~30 ms)
            nodes = [i for i in scene.nodes.values() if _meets(region, i.pos())]
            wires = [i for i in scene.wire_items.values() if i not in self.unplaced and (
                _meets(region, i.src.pos()) or _meets(region, i.dst.pos()))]  # not yet
            # placed: not where they are now (the middle) either
        else:
            near = scene.items(region)
            nodes = [i for i in near if isinstance(i, NodeItem)]
            wires = [i for i in near if isinstance(i, WireItem)]
        extra = [a.sceneBoundingRect() for a in scene.annotation_items]
        label_placement.place_some(nodes, wires, items, extra, quick=scene.visible.active)

    def _detours(self) -> int:
        """Wires whose target is not clear to the right of their source: the router
        must take them around the gates, which costs time in proportion to the circuit."""
        n = 0
        for item in self.scene.wire_items.values():
            a = item.src.mapRectToScene(item.src.body_rect())
            b = item.dst.mapRectToScene(item.dst.body_rect())
            n += b.left() <= a.right()
        return n

    def route_all(self) -> None:
        """Route every wire through the gaps between gates (``graph.routing``), for the
        gates where they are drawn now, with room for the numbers as they are drawn now."""
        scene = self.scene
        if not scene.wire_items:
            return
        sizes, positions = {}, {}
        for nid, node in scene.nodes.items():
            r = node.body_rect()
            sizes[nid] = (r.width(), r.height())
            positions[nid] = (node.pos().x(), node.pos().y())
        w = h = 0.0
        for item in scene.wire_items.values():  # room for the widest number shown
            for r in item.label_size():
                w, h = max(w, r.width()), max(h, r.height())
        # level stretches lose LEVEL_CUT at each rounded end: ask for that much more
        size = (w + 2 * (label_placement.LABEL_MARGIN + LEVEL_CUT),
                h + label_placement.LABEL_MARGIN + 1)
        circuit = scene.document.circuit
        if hasattr(routing, "route_all"):
            found = routing.route_all(circuit, sizes, positions=positions, label_size=size)
            lines, anchors = found.lines, found.labels
        else:
            lines, anchors = routing.route(circuit, sizes, positions=positions,
                                           label_size=size), {}
        for item in scene.wire_items.values():
            pts = lines.get(item.wire)
            item.set_bends(pts[1:-1] if pts else ())
            item.preferred = QPointF(*anchors[item.wire]) if item.wire in anchors else None


def _meets(region: QRectF, p: QPointF) -> bool:
    """Whether a node at ``p`` is near enough ``region`` for its body to meet it."""
    return region.left() - NEAR <= p.x() <= region.right() + NEAR and \
        region.top() - NEAR <= p.y() <= region.bottom() + NEAR


def _moved(prev: Evaluation | None, ev: Evaluation, items, fresh: set[str]) -> list:
    """The wire items whose numbers differ between two evaluations (all of them when
    the two cannot be compared): a big circuit's diff over what has items, not over
    every node (``Evaluation.changed_since`` walks them all)."""
    if prev is None or prev.plan is not ev.plan or \
            (prev.output is None) != (ev.output is None):
        return list(items)
    out = []
    grads = ev.output is not None
    for item in items:
        w = item.wire
        a, b = prev.raw_value(w.src), ev.raw_value(w.src)
        if w.src in fresh or w.dst in fresh or not (a is b or same_value(a, b)):
            out.append(item)
        elif grads:
            a, b = prev.raw_wire_grad(w), ev.raw_wire_grad(w)
            if not (a is b or same_value(a, b)):
                out.append(item)
    return out
