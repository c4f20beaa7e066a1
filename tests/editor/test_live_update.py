"""Live evaluation: after any edit every label shows the fresh evaluation, and a value
edit touches only the labels whose numbers changed."""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF

from chainwire.editor import commands as cmd
from chainwire.editor.numbers import format_number
from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate


def _chains(n: int, gates: tuple[str, str] = ("square", "sigmoid")) -> Circuit:
    """Two independent chains feeding one add: editing a only changes chain a."""
    c = Circuit()
    for row, name in enumerate(("a", "b")):
        prev = c.add_node("input", name, value=0.5, pos=(-150, 200 * row))
        for i in range(n):
            g = c.add_node(gates[i % 2], f"{name}{i}",
                           pos=(150 * i, 200 * row))
            c.connect(prev, g, 0)
            prev = g
    c.add_node("add", "f")
    c.connect(f"a{n - 1}", "f", 0)
    c.connect(f"b{n - 1}", "f", 1)
    return c


def _labels_match(window) -> None:
    ev = evaluate(window.doc.circuit)
    d = window.scene.style.decimals
    for item in window.scene.wire_items.values():
        w = item.wire
        assert item.value_label.text() == format_number(ev.value(w.src), d), w
        assert item.grad_label.text() == format_number(ev.wire_grad(w), d), w


def test_value_edit_touches_only_changed_labels(qtbot, window):
    window.doc.replace(_chains(20), None)
    _labels_match(window)
    touched = []
    orig = window.scene.labels._show_wires

    def spy(ev, items, node_ids, stub=True):
        items = list(items)
        touched.append({i.wire for i in items})
        return orig(ev, items, node_ids, stub)

    window.scene.labels._show_wires = spy
    window.doc.push(cmd.SetValue(window.doc.circuit, "a", -1.25))
    _labels_match(window)
    (wires,) = touched
    assert wires, "the edited chain must be refreshed"
    assert all(w.dst.startswith("a") or w.src.startswith("a") for w in wires)
    assert len(wires) <= 21 < len(window.scene.wire_items)


def test_random_edits_keep_every_label_right(qtbot, window):
    window.doc.replace(_chains(6), None)
    rng = random.Random(7)
    c = window.doc.circuit
    for _ in range(40):
        kind = rng.choice(["value", "value", "undo", "redo", "disconnect"])
        if kind == "value":
            window.doc.push(cmd.SetValue(c, rng.choice(["a", "b"]), rng.uniform(-3, 3)))
        elif kind == "undo":
            window.doc.undo_stack.undo()
        elif kind == "redo":
            window.doc.undo_stack.redo()
        else:
            wires = list(c.wires())
            if wires:
                w = rng.choice(wires)
                window.doc.push(cmd.Disconnect(c, w.dst, w.port))
        _labels_match(window)
    window.set_decimals(4)
    _labels_match(window)


def test_big_edit_updates_visible_labels_first_then_the_rest(qtbot, window):
    from chainwire.editor.scene_labels import LABEL_BATCH
    # two long rows of x+1 gates: a new input value changes every number along its row
    window.doc.replace(_chains(LABEL_BATCH + 50, ("offset", "offset")), None)
    window.view.set_zoom(1.0)
    window.view.centerOn(window.scene.nodes["a0"])
    qtbot.waitUntil(lambda: window.scene.labels_pending == 0)
    window.doc.push(cmd.SetValue(window.doc.circuit, "a", -0.75))
    pending = window.scene.labels_pending
    assert LABEL_BATCH // 2 < pending < LABEL_BATCH + 50
    first = window.scene.wire_items[("a0", 0)]
    assert first.value_label.text() == "-0.75"  # on screen: updated at once
    far = window.scene.wire_items[(f"a{LABEL_BATCH + 40}", 0)]
    assert far.value_label.text() == format_number(0.5 + LABEL_BATCH + 40)  # not yet
    qtbot.waitUntil(lambda: window.scene.labels_pending == 0, timeout=10000)
    _labels_match(window)


def test_opening_a_big_circuit_fills_visible_numbers_first(qtbot, window, monkeypatch):
    import chainwire.editor.scene_labels as labels_mod
    monkeypatch.setattr(labels_mod, "OVERLAP_SEARCH_LIMIT", 50)  # "big" without the wait
    monkeypatch.setattr(labels_mod, "LABEL_BATCH", 40)
    window.view.set_zoom(1.0)
    window.view.centerOn(QPointF(0, 0))
    window.doc.replace(_chains(300, ("offset", "offset")), None)
    scene = window.scene
    assert scene.labels_pending == len(scene.wire_items)  # nothing filled synchronously
    visible = scene.labels._visible_wire_items()
    assert visible
    scene.labels.refresh_stale()  # one idle batch
    assert all(i.value_label.text() for i in visible)
    qtbot.waitUntil(lambda: scene.labels_pending == 0, timeout=10000)
    _labels_match(window)
