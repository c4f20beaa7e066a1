"""Big circuits (issue 13): behaviour at 20,000 gates, not timing.

The window opens a seeded 20,000-gate grid circuit (built in bulk with
``Circuit.assemble``); items must exist only near what is on screen, numbers must be the
latest whenever an item appears, and select all / delete / undo, export and fit must
cover the whole circuit whether or not its nodes have items.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor

from chainwire.editor import commands as cmd
from chainwire.editor import export
from chainwire.editor.background_open import POLL_MS
from chainwire.editor.big_scene import STRIP_NODES
from chainwire.editor.items.node import NodeItem
from chainwire.editor.items.wire import WireItem
from chainwire.editor.visible_items import DETAIL_ZOOM, LIVE_LIMIT
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate
from tests.editor.conftest import drag_wire, view_pos

GATES = 20_000
PER_COLUMN = 50


def grid(gates: int = GATES, seed: int = 3) -> Circuit:
    """20 inputs, then gates in columns of 50, each reading among the 60 latest nodes."""
    rng = random.Random(seed)
    nodes, wires, ids = [], [], []
    for i in range(20):
        nodes.append((f"x{i}", {"type": "input", "label": f"x{i}", "pos": (0.0, 80.0 * i),
                                "value": rng.uniform(-1, 1)}))
        ids.append(f"x{i}")
    for g in range(gates):
        kind = rng.choice(["add", "multiply", "sigmoid", "offset"])
        nid = f"g{g}"
        attrs = {"type": kind, "label": None,
                 "pos": (200.0 + 180 * (g // PER_COLUMN), 90.0 * (g % PER_COLUMN))}
        if kind == "offset":
            attrs["param"] = 0.5
        nodes.append((nid, attrs))
        pool = ids[-60:]
        srcs = rng.sample(pool, 2) if kind in ("add", "multiply") else [rng.choice(pool)]
        wires += [(s, nid, p, None) for p, s in enumerate(srcs)]
        ids.append(nid)
    return Circuit.assemble(nodes, wires, output=ids[-1])


def visible_rect(win) -> QRectF:
    v = win.view
    return v.mapToScene(v.viewport().rect()).boundingRect()


def positions(win) -> dict[str, tuple[float, float]]:
    return {d.id: d.pos for d in win.doc.circuit.nodes()}


def test_items_exist_only_near_the_viewport_and_follow_it(big, qtbot):
    scene, c = big.scene, big.doc.circuit
    assert len(c) > LIVE_LIMIT and scene.visible.active
    pos = positions(big)
    on_screen = {n for n, (x, y) in pos.items() if visible_rect(big).contains(x, y)}
    assert on_screen and on_screen <= set(scene.nodes)
    assert len(scene.nodes) < len(c) / 10
    far = f"g{GATES - 1}"
    assert far not in scene.nodes
    # every wire between two nodes with items is an item, showing the evaluation's numbers
    ev = big.doc.evaluation
    for w in c.wires():
        if w.src in scene.nodes and w.dst in scene.nodes:
            item = scene.wire_items[(w.dst, w.port)]
            assert item.value_label.text() == scene.labels._text(w, False, ev.raw_value(w.src))
    # scroll to the far end: its items are made, the first ones dropped
    big.view.centerOn(QPointF(*pos[far]))
    qtbot.wait(1)
    assert far in scene.nodes and "g0" not in scene.nodes
    assert len(scene.nodes) < len(c) / 10
    assert sum(isinstance(i, NodeItem) for i in scene.items()) == len(scene.nodes)


def test_a_value_edit_off_screen_reaches_the_labels_that_scroll_into_view(big, qtbot):
    scene, c = big.scene, big.doc.circuit
    pos = positions(big)
    far = f"g{GATES - 1}"
    big.view.centerOn(QPointF(*pos[far]))  # looking at the far end; the inputs are off-screen
    qtbot.wait(1)
    assert "x0" not in scene.nodes
    old = evaluate(c)
    assert big.doc.push(cmd.SetValue(c, "x0", 2.5))
    fresh = evaluate(c)
    for item in scene.wire_items.values():  # what is on screen: updated at once
        w = item.wire
        assert item.value_label.text() == scene.labels._text(w, False, fresh.raw_value(w.src))
        assert item.grad_label.text() == scene.labels._text(w, True, fresh.raw_wire_grad(w))
    big.view.centerOn(QPointF(*pos["g20"]))  # back to where the edit took effect
    qtbot.wait(1)
    changed = 0
    for item in scene.wire_items.values():
        w = item.wire
        assert item.value_label.text() == scene.labels._text(w, False, fresh.raw_value(w.src))
        assert item.grad_label.text() == scene.labels._text(w, True, fresh.raw_wire_grad(w))
        changed += item.value_label.text() != scene.labels._text(w, False, old.raw_value(w.src))
    assert changed > 10  # the edit shows there, not the numbers from before it
    big.view.centerOn(QPointF(*pos["x0"]))
    qtbot.wait(1)
    assert scene.nodes["x0"].look.value_text == big.scene._look("x0").value_text
    assert scene.nodes["x0"].look.value_text != ""


def test_select_all_delete_and_undo_restore_the_exact_file(big, big_text, qtbot):
    c = big.doc.circuit
    big.view.fit()  # zoomed out: hardly any node has an item
    qtbot.wait(1)
    assert len(big.scene.nodes) < 10
    big.act_select_all.trigger()
    assert len(big.scene.selected_node_ids()) == len(c)
    big.act_delete.trigger()
    assert len(c) == 0 and not big.scene.nodes and not big.scene.wire_items
    assert big.doc.undo_stack.count() == 1
    big.doc.undo_stack.undo()
    assert fileio.dumps(c) == big_text
    big.view.set_zoom(1.0)
    big.view.centerOn(QPointF(0, 0))
    qtbot.wait(1)
    assert "x0" in big.scene.nodes and big.scene.wire_items


def test_a_click_and_a_rubber_band_select_at_overview_zoom(big, qtbot):
    scene, pos = big.scene, positions(big)
    target = "g4321"
    big.view.set_zoom(DETAIL_ZOOM * 0.8)  # numbers are not drawn: no items
    big.view.centerOn(QPointF(*pos[target]))
    qtbot.wait(1)
    assert not scene.nodes
    at = big.view.mapFromScene(QPointF(*pos[target]))
    qtbot.mouseClick(big.view.viewport(), Qt.LeftButton, pos=at)
    assert scene.selected_node_ids() == [target]
    big.view.fit()  # a pixel a gate: a click beside one still picks it
    qtbot.wait(1)
    at = big.view.mapFromScene(QPointF(*pos["g0"]))
    qtbot.mouseClick(big.view.viewport(), Qt.LeftButton, pos=at)
    assert scene.selected_node_ids() == ["g0"]
    big.view.set_zoom(DETAIL_ZOOM * 0.8)
    big.view.centerOn(QPointF(400, 900))
    qtbot.wait(1)
    drag_wire(qtbot, big, view_pos(big, QPointF(150, -60)), view_pos(big, QPointF(600, 1830)))
    rows = range(21)  # y 0 … 1800 of the first three columns (x 200, 380, 560)
    assert set(scene.selected_node_ids()) == {f"g{col * PER_COLUMN + r}" for col in range(3)
                                              for r in rows}


def test_exports_draw_every_gate_at_full_detail(big, monkeypatch):
    c = big.doc.circuit
    long = cmd.AddNode(c, "sigmoid", (200.0 + 180 * (GATES // PER_COLUMN), -90.0))
    big.doc.push(long)  # a wire across the whole picture, from the first input
    big.doc.push(cmd.Connect(c, "x0", long.node_id, 0))
    painted: set[str] = set()
    strips: list[object] = []
    paint_node, paint_wire = NodeItem.paint, WireItem.paint

    def node(item, painter, option, widget=None):
        painted.add(item.node_id)
        return paint_node(item, painter, option, widget)

    def wire(item, painter, option, widget=None):
        if item.wire is not None and item.wire.dst == long.node_id:
            strips.append(painter.clipBoundingRect())
        return paint_wire(item, painter, option, widget)

    big.view.fit()  # no item left: every item the export draws is made for it
    assert not big.scene.nodes
    big.scene.select_ids(["g5", "g6"])
    monkeypatch.setattr(NodeItem, "paint", node)
    monkeypatch.setattr(WireItem, "paint", wire)
    image = export.render_image(big.scene, 0.05)
    assert painted == set(c.node_ids())
    assert len(strips) >= GATES // STRIP_NODES  # drawn in every strip it crosses
    assert big.scene.selected_node_ids() == ["g5", "g6"]  # the selection is kept
    assert image.width() >= 0.05 * 180 * (GATES // PER_COLUMN)
    assert len(big.scene.nodes) < len(big.doc.circuit) / 10  # the items went again


def test_fit_shows_the_whole_circuit(big, qtbot):
    big.view.fit()
    qtbot.wait(1)
    shown = visible_rect(big)
    for x, y in positions(big).values():
        assert shown.contains(x, y)
    # the low-detail picture draws the far corner's gates where the view shows them
    pos = positions(big)
    image = big.view.viewport().grab().toImage()
    background = QColor(big.scene.style.theme.color("background")).rgb()
    for nid in ("g0", f"g{GATES - 1}", "x19"):
        p = big.view.mapFromScene(QPointF(*pos[nid]))
        near = {image.pixel(p.x() + dx, p.y() + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        assert near != {background}, nid


def test_a_big_file_opens_in_the_background_and_cancel_keeps_the_document(
        window, big_text, qtbot, tmp_path):
    path = tmp_path / "big.chainwire"
    path.write_text(big_text, encoding="utf-8")
    small = window.doc.circuit.copy()
    title = window.windowTitle()
    assert window.open_path(str(path), ask=False)
    opening = window.opening
    assert opening is not None and opening.bar.isVisible() and opening.button.isVisible()
    qtbot.mouseClick(opening.button, Qt.LeftButton)  # Cancel
    assert window.opening is None and not opening.bar.isVisible()
    qtbot.waitUntil(lambda: not opening.running, timeout=30_000)
    qtbot.wait(2 * POLL_MS)
    assert window.doc.circuit == small and window.windowTitle() == title
    assert "cancelled" in window.statusBar().currentMessage()

    assert window.open_path(str(path), ask=False)
    assert window.opening is not None and window.doc.circuit == small  # not yet
    qtbot.waitUntil(lambda: window.opening is None, timeout=30_000)
    assert fileio.dumps(window.doc.circuit) == big_text
    assert window.doc.path == str(path) and "big.chainwire" in window.windowTitle()
    assert window.doc.evaluation.value(f"g{GATES - 1}") == evaluate(window.doc.circuit).value(
        f"g{GATES - 1}")
    shown = visible_rect(window)  # fitted, drawn low-detail
    assert all(shown.contains(x, y) for x, y in positions(window).values())
    window.doc.push(cmd.SetValue(window.doc.circuit, "x0", 1.25))  # it is live
    assert window.doc.evaluation.value("x0") == 1.25


def test_a_big_file_that_fails_says_why_and_keeps_the_document(window, big_text, qtbot,
                                                                 tmp_path, no_dialogs):
    path = tmp_path / "broken.chainwire"
    path.write_text(big_text[:len(big_text) // 2], encoding="utf-8")  # cut off half way
    small = window.doc.circuit.copy()
    assert window.open_path(str(path), ask=False)
    qtbot.waitUntil(lambda: window.opening is None, timeout=30_000)
    assert window.doc.circuit == small
    assert no_dialogs and no_dialogs[-1][0] == "critical" and "broken" in no_dialogs[-1][1]


def test_dragging_a_selection_moves_its_members_without_items_too(big, qtbot):
    scene, c = big.scene, big.doc.circuit
    far = f"g{GATES - 1}"
    before = positions(big)
    big.scene.select_ids(["g0", "g1", far])
    assert far not in scene.nodes and set(scene.selected_node_ids()) == {"g0", "g1", far}
    steps = big.doc.undo_stack.count()
    start = view_pos(big, QPointF(*before["g0"]))
    drag_wire(qtbot, big, start, start + (view_pos(big, QPointF(40, 0)) - view_pos(
        big, QPointF(0, 0))))
    assert big.doc.undo_stack.count() == steps + 1  # one gesture, one undo step
    for nid in ("g0", "g1", far):
        assert c.node(nid).pos == (before[nid][0] + 40, before[nid][1]), nid
    qtbot.keyClick(big.view, Qt.Key_Down)  # the arrow keys move all of it as well
    assert c.node(far).pos == (before[far][0] + 40, before[far][1] + 5)
