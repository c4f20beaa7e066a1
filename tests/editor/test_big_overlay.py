"""The classroom overlay and the check's badges at 20,000 gates (issue 13: big circuits
stay live), with items only near the viewport.

Items made by scrolling are decorated alone (``ClassroomOverlay.decorate_items``): the
patterns overlay places tags only for the gates on screen, a few at a time, instead of
re-placing every tag of the scene at each scroll (~60 ms each in a dense grid); the
gradient colouring's widths do not depend on which wires have items; the check's badges
come back on inputs scrolled away and back; a network's inputs, each feeding hundreds of
gates, lend those gates no items.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QTransform

from chainwire.editor import callout_placement, i18n
from chainwire.editor.i18n import gate_text
from chainwire.editor.overlay import TAG_BATCH
from chainwire.editor.window import MainWindow
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.gates import GATES, PATTERN_TAGS
from tests.editor.test_big_circuits import GATES as BIG
from tests.editor.test_big_circuits import grid


@pytest.fixture(scope="module")
def grid_text() -> str:
    return fileio.dumps(grid())


def opened(win: MainWindow, text: str, qtbot, at=(0.0, 0.0)) -> MainWindow:
    qtbot.wait(1)  # the new window's own first fit has run
    win.doc.replace(fileio.loads(text, "big"), None)
    look_at(win, at, qtbot)
    return win


def look_at(win: MainWindow, pos, qtbot) -> None:
    win.view.set_zoom(1.0)
    win.view.centerOn(QPointF(*pos))
    qtbot.wait(1)


def screen(win: MainWindow) -> QRectF:
    v = win.view
    return v.mapToScene(v.viewport().rect()).boundingRect()


# ----- patterns -----------------------------------------------------------------------------
def untagged_on_screen(win: MainWindow) -> list[str]:
    """Gates on screen without their tag (or fork sum) among the overlay's decorations;
    fails on a decoration whose gate's item is gone or that is off the scene."""
    scene, c = win.scene, win.doc.circuit
    decorations = win.classroom.overlay.decorations
    for d in decorations:
        assert d.scene() is scene
        assert d.owner is None or scene.nodes.get(d.owner.node_id) is d.owner
    kinds = {(d.owner.node_id, d.kind): d.text for d in decorations if d.owner is not None}
    missing = []
    for nid, item in scene.nodes.items():
        if not screen(win).intersects(item.sceneBoundingRect()):
            continue
        t = c.type_of(nid)
        if t in PATTERN_TAGS:
            text = kinds.get((nid, "tag"), "")
            if not text:
                missing.append(nid)
            assert gate_text(GATES[t], "pattern") in text or not text
        if len(c.wires_out_of(nid)) >= 2 and (nid, "fork") not in kinds:
            missing.append(nid)
    return missing


def test_patterns_tag_the_gates_scrolled_to_placing_only_what_the_screen_shows(
        window, grid_text, qtbot, monkeypatch):
    win = opened(window, grid_text, qtbot)
    assert win.scene.visible.active
    calls = []
    best_box = callout_placement.best_box
    monkeypatch.setattr(callout_placement, "best_box",
                        lambda *a, **k: calls.append(a[0]) or best_box(*a, **k))
    win.classroom.act_patterns.trigger()
    assert len(calls) <= 2 * TAG_BATCH  # a tag and a fork sum per gate, a batch at most
    qtbot.waitUntil(lambda: not untagged_on_screen(win), timeout=60_000)
    assert calls
    x = 600.0
    for step in range(3):  # half a screen at a time, into gates that had no items
        x += 640.0
        before = set(win.scene.nodes)
        calls.clear()
        win.view.centerOn(QPointF(x, 1800.0))  # the items follow at once (no wait)
        made = set(win.scene.nodes) - before
        assert len(made) > 40, step
        assert len(calls) <= 2 * TAG_BATCH, step  # was: every tag of the scene again
        qtbot.waitUntil(lambda: not untagged_on_screen(win), timeout=60_000)
        shown = [n for n in win.scene.nodes
                 if screen(win).intersects(win.scene.nodes[n].sceneBoundingRect())]
        assert set(shown) & made  # gates made by this scroll are tagged
        assert len(calls) <= 2 * len(shown), (step, len(calls), len(shown))
        assert len(calls) < len(win.scene.nodes)  # the gates off screen wait
    win.classroom.act_patterns.trigger()  # off: every tag goes
    assert not win.classroom.overlay.decorations


# ----- gradient colouring -----------------------------------------------------------------
def chain_with_filler(gates: int, filler: int, seed: int = 7) -> Circuit:
    """20 inputs and a grid of ``gates`` feeding f (columns of 50) and, far below it,
    ``filler`` gates that do not reach f: the gradients of the grid alone, however big."""
    rng = random.Random(seed)
    nodes, wires = [], []
    xs = [f"x{i}" for i in range(20)]
    for i, nid in enumerate(xs):
        nodes.append((nid, {"type": "input", "label": nid, "pos": (0.0, 80.0 * i),
                            "value": rng.uniform(-2, 2)}))
    for prefix, count, y0 in (("g", gates, 0.0), ("z", filler, 20_000.0)):
        ids = list(xs)
        for g in range(count):
            nid, kind = f"{prefix}{g}", rng.choice(["add", "multiply", "tanh"])
            nodes.append((nid, {"type": kind, "label": None,
                                "pos": (200.0 + 180 * (g // 50), y0 + 90.0 * (g % 50))}))
            srcs = rng.sample(ids[-60:], 2) if kind != "tanh" else [rng.choice(ids[-60:])]
            wires += [(s, nid, p, None) for p, s in enumerate(srcs)]
            ids.append(nid)
    return Circuit.assemble(nodes, wires, output=f"g{gates - 1}")


def test_gradient_widths_are_a_small_circuits_whichever_wires_have_items(qtbot, no_dialogs):
    small_c, big_c = chain_with_filler(1_500, 0), chain_with_filler(1_500, 19_000)
    wins = []
    for c in (small_c, big_c):
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        opened(win, fileio.dumps(c), qtbot)
        win.classroom.act_grad_colour.trigger()
        wins.append(win)
    small, big = wins
    assert not small.scene.visible.active and big.scene.visible.active
    widths = {item.wire: item.emphasis for item in small.classroom.overlay._wire_items()}
    assert len(widths) == len(list(small_c.wires())) + 1  # every wire and f's stub
    ev = big.doc.evaluation
    top = max(widths, key=widths.get)  # the widest wire of the small circuit
    compared, top_missing = 0, False
    for x in (600.0, 3000.0, 5400.0, 600.0):  # along the grid and back
        look_at(big, (x, 2000.0), qtbot)
        items = big.classroom.overlay._wire_items()
        top_missing |= top not in {i.wire for i in items}
        for item in items:
            want = widths.get(item.wire, 0.0)  # the filler's: no gradient reaches them
            assert item.emphasis == pytest.approx(want), (x, item.wire)
            compared += 1
        assert any(ev.raw_wire_grad(i.wire) for i in items if i.wire is not None)
    assert compared > 300 and top_missing  # the widest had no item at some point
    for win in wins:
        win.doc.undo_stack.setClean()


# ----- the check's badges -----------------------------------------------------------------
def test_check_badges_come_back_on_inputs_scrolled_away_and_back(window, grid_text, qtbot):
    win = opened(window, grid_text, qtbot)
    scene, badges = win.scene, win.formula.badges
    win.formula.check_gradients()
    verdicts = {n: b.verdict for n, b in badges.items.items()}
    first = {n: scene.nodes[n] for n in verdicts}
    assert len(verdicts) >= 10 and all(n.startswith("x") for n in verdicts)
    look_at(win, (200.0 + 180 * (BIG // 50 - 1), 2000.0), qtbot)  # the far end
    assert not set(verdicts) & set(scene.nodes)
    look_at(win, (0.0, 0.0), qtbot)
    back = [n for n in verdicts if n in scene.nodes]
    assert len(back) >= 10
    for nid in back:
        badge = badges.items[nid]
        assert scene.nodes[nid] is not first[nid]  # a new item, with its badge
        assert badge.parentItem() is scene.nodes[nid] and badge.scene() is scene
        assert badge.verdict == verdicts[nid]
    win.formula.dialog.close()


# ----- hubs ---------------------------------------------------------------------------------
def hubs(gates: int = 20_000, inputs: int = 20, fan: int = 650, seed: int = 4) -> Circuit:
    """Like a micrograd MLP's first layer: 20 inputs, each read by 650 gates spread over
    the whole grid (columns of 50), then gates reading gates near them."""
    rng = random.Random(seed)
    nodes, wires, ids = [], [], []
    for i in range(inputs):
        nodes.append((f"x{i}", {"type": "input", "label": f"x{i}", "pos": (0.0, 80.0 * i),
                                "value": rng.uniform(-1, 1)}))
    for g in range(gates):
        nid = f"g{g}"
        nodes.append((nid, {"type": "multiply" if g < inputs * fan else "add", "label": None,
                            "pos": (200.0 + 180 * (g // 50), 90.0 * (g % 50))}))
        if g < inputs * fan:
            other = ids[-1] if g % 50 else f"x{(g + 1) % inputs}"
            wires += [(f"x{g % inputs}", nid, 0, None), (other, nid, 1, None)]
        else:
            a, b = rng.sample(ids[-60:], 2)
            wires += [(a, nid, 0, None), (b, nid, 1, None)]
        ids.append(nid)
    return Circuit.assemble(nodes, wires, output=ids[-1])


class PathRecorder(QPainter):
    """A painter that keeps every line the paths it draws are made of."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.lines: set[tuple] = set()

    def drawPath(self, path) -> None:  # noqa: N802
        start = None
        for i in range(path.elementCount()):
            e = path.elementAt(i)
            if e.isMoveTo():
                start = (round(e.x), round(e.y))
            elif e.isLineTo():
                self.lines.add((start, (round(e.x), round(e.y))))
        super().drawPath(path)


def test_inputs_feeding_hundreds_of_gates_lend_them_no_items(window, qtbot):
    win = window
    win.view.set_zoom(0.1)
    win.doc.replace(hubs(), None)
    c, scene = win.doc.circuit, win.scene
    assert scene.visible.active and len(c.wires_out_of("x0")) >= 650
    look_at(win, (300.0, 800.0), qtbot)  # the inputs and the first columns
    assert "x10" in scene.nodes and screen(win).contains(*c.node("x10").pos)
    # was 4,124 nodes and 35,893 items (13 s), the hubs' far gates all made
    assert len(scene.nodes) <= 400 and len(scene.items()) <= 4000, (
        len(scene.nodes), len(scene.items()))
    look_at(win, (940.0, 800.0), qtbot)  # half a screen on
    assert len(scene.nodes) <= 400 and len(scene.items()) <= 4000
    # a hub's wire to a gate without an item is drawn, as a thin line, where it shows
    look_at(win, (300.0, 800.0), qtbot)
    far = [w for w in c.wires_out_of("x10") if w.dst not in scene.nodes]
    assert far and all((w.dst, w.port) not in scene.wire_items for w in far)
    rect = screen(win)
    image = QImage(64, 64, QImage.Format_ARGB32)
    painter = PathRecorder(image)
    painter.setWorldTransform(QTransform.fromScale(1.0, 1.0))
    try:
        scene.draw_low_detail(painter, rect)
    finally:
        painter.end()
    where = scene.visible.lod.where
    hub = where["x10"]
    ends = {b for a, b in painter.lines if abs(a[1] - hub[1]) < 1 and 0 < a[0] - hub[0] < 60}
    drawn = [w for w in far if any(abs(e[0] - where[w.dst][0]) < 40
                                   and abs(e[1] - where[w.dst][1]) < 1 for e in ends)]
    assert len(drawn) == len(far), (len(drawn), len(far))


# ----- selection while items come and go --------------------------------------------------
def test_a_timer_driven_sync_says_selection_changed_once(window, grid_text, qtbot,
                                                         monkeypatch):
    win = opened(window, grid_text, qtbot)
    scene = win.scene
    chosen = [n for n in scene.nodes if n.startswith("g")][:12]
    scene.select_ids(chosen)
    assert sorted(scene.selected_node_ids()) == sorted(chosen)
    said = []
    scene.selectionChanged.connect(lambda: said.append(1))
    monkeypatch.setattr(win.view, "_view_changed", lambda: None)  # the view does not tell
    win.view.centerOn(QPointF(200.0 + 180 * (BIG // 50 - 1), 2000.0))
    assert set(chosen) <= set(scene.nodes)  # nothing synced yet
    scene.visible.schedule()  # as a paint of the new rect does
    qtbot.waitUntil(lambda: not set(chosen) & set(scene.nodes))
    assert len(said) <= 1, len(said)  # was one per selected item dropped
    assert sorted(scene.selected_node_ids()) == sorted(chosen)


# ----- the status bar says a step's callouts in the interface language -------------------
def test_a_steps_coded_callouts_are_translated_in_the_status_bar(qtbot, no_dialogs):
    assert i18n.install("ko") == "ko"
    try:
        c = Circuit()
        c.add_node("input", "W", value=np.ones((2, 2)), pos=(0.0, 0.0))
        c.add_node("sum", "S", pos=(200.0, 0.0))
        c.connect("W", "S", 0)
        win = MainWindow(c)
        qtbot.addWidget(win)
        win.show()
        ov = win.classroom.overlay
        ov.set_stepping(True)
        ov.go(next(i for i, s in enumerate(ov.seq)
                   if s.phase == "backward" and s.node == "S" and s.callouts))
        status = win.statusBar().currentMessage()
        assert "모든 원소에서" in status and "in every element" not in status, status
        win.doc.undo_stack.setClean()
    finally:
        i18n.install("en")
