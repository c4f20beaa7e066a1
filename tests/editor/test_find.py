"""Edit → Find… (issue 13: find behaves the same at any size).

Driven with real keys: Ctrl+F on the canvas, typing in the bar, Enter / Shift+Enter /
Esc. Each test checks the model (nothing changed, no undo step), the scene (selection,
the found node's item, the view's centre) and the inspector.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication

from chainwire.editor.find_bar import READABLE_ZOOM, find_nodes
from chainwire.editor.help import guide_html
from chainwire.editor.shortcuts import shortcut_rows
from chainwire.editor.visible_items import DETAIL_ZOOM, LIVE_LIMIT
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from tests.editor.conftest import at_origin, view_pos
from tests.editor.test_big_circuits import GATES


def labelled() -> Circuit:
    c = Circuit()
    c.add_node("input", "a", label="Weight one", value=2.0, pos=(0, 0))
    c.add_node("input", "b", label="bias", value=1.0, pos=(0, 150))
    c.add_node("input", "c", label="weight TWO", value=3.0, pos=(0, 300))
    c.add_node("multiply", "m", pos=(250, 75))
    c.add_node("add", "far", label="sum", pos=(3000, 1800))  # off screen at 100 %
    c.connect("a", "m", 0)
    c.connect("c", "m", 1)
    c.connect("m", "far", 0)
    c.connect("b", "far", 1)
    return c


@pytest.fixture
def win(window, qtbot):
    return at_origin(window, labelled(), qtbot)


def shown_rect(win) -> QRectF:
    v = win.view
    return v.mapToScene(v.viewport().rect()).boundingRect()


def centre_shows(win, nid: str) -> bool:
    """The node lies in the middle third of the view."""
    r = shown_rect(win)
    mid = r.adjusted(r.width() / 3, r.height() / 3, -r.width() / 3, -r.height() / 3)
    return mid.contains(QPointF(*win.doc.circuit.node(nid).pos))


def find(qtbot, win, text: str) -> None:
    """Ctrl+F on the canvas, type ``text`` over whatever the bar held, Enter."""
    qtbot.keyClick(win.view, Qt.Key_F, Qt.ControlModifier)
    bar = win.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, text)
    qtbot.keyClick(bar.field, Qt.Key_Return)


def selected(win) -> list[str]:
    return win.scene.selected_node_ids()


def test_find_by_id_selects_centres_and_inspects_without_an_undo_step(win, qtbot):
    stack = win.doc.undo_stack
    before = fileio.dumps(win.doc.circuit)
    assert not centre_shows(win, "far") and not win.find_bar.isVisible()
    find(qtbot, win, "FAR")
    assert selected(win) == ["far"] and win.scene.nodes["far"].isSelected()
    assert centre_shows(win, "far")
    assert win.inspector._node == "far" and "far" in win.inspector.title.text()
    assert win.find_bar.result.text() == "1 of 1"
    assert stack.count() == 0 and not win.doc.modified
    assert fileio.dumps(win.doc.circuit) == before
    qtbot.keyClick(win.view, Qt.Key_Delete)  # the found node is the selection Delete uses
    assert "far" not in win.doc.circuit and stack.count() == 1


def test_labels_match_in_any_case_and_enter_cycles_both_ways(win, qtbot):
    find(qtbot, win, "weight")
    field, result = win.find_bar.field, win.find_bar.result
    assert selected(win) == ["a"] and result.text() == "1 of 2"
    qtbot.keyClick(field, Qt.Key_Return)
    assert selected(win) == ["c"] and result.text() == "2 of 2"
    assert centre_shows(win, "c") and win.inspector._node == "c"
    qtbot.keyClick(field, Qt.Key_Return)  # wraps round
    assert selected(win) == ["a"]
    qtbot.keyClick(field, Qt.Key_Return, Qt.ShiftModifier)  # back, wrapping
    assert selected(win) == ["c"] and result.text() == "2 of 2"
    qtbot.keyClick(field, Qt.Key_Return, Qt.ShiftModifier)
    assert selected(win) == ["a"]
    win.find_bar.next_button.click()
    assert selected(win) == ["c"]
    assert win.doc.undo_stack.count() == 0


def test_an_exact_id_comes_before_ids_that_contain_it(win, qtbot):
    assert find_nodes(win.doc.circuit, "A") == ["a", "b", "far"]  # "bias", "far"
    assert find_nodes(win.doc.circuit, "m") == ["m", "far"]  # "far" is labelled "sum"
    assert find_nodes(win.doc.circuit, "  ") == []


def test_no_match_is_said_in_the_bar_and_changes_nothing(win, qtbot, no_dialogs):
    win.scene.select_ids(["b"])
    find(qtbot, win, "nothing here")
    assert win.find_bar.result.text() == "No match"
    assert no_dialogs == [] and QApplication.activeModalWidget() is None
    assert selected(win) == ["b"] and win.inspector._node == "b"
    assert win.find_bar.field.hasFocus()  # typing goes on
    qtbot.keyClick(win.find_bar.field, Qt.Key_Backspace)
    assert win.find_bar.result.text() == ""


def test_esc_closes_the_bar_and_gives_the_canvas_the_keys(win, qtbot):
    find(qtbot, win, "bias")
    qtbot.keyClick(win.find_bar.field, Qt.Key_Escape)
    assert not win.find_bar.isVisible() and win.view.hasFocus()
    assert selected(win) == ["b"]  # closing keeps what was found
    qtbot.keyClick(win.view, Qt.Key_F, Qt.ControlModifier)  # opens again, text selected
    assert win.find_bar.field.selectedText() == "bias"
    qtbot.keyClicks(win.find_bar.field, "sum")  # typed over
    qtbot.keyClick(win.find_bar.field, Qt.Key_Return)
    assert selected(win) == ["far"]


def test_a_match_is_shown_at_a_readable_zoom_and_a_readable_zoom_is_kept(win, qtbot):
    win.view.set_zoom(DETAIL_ZOOM / 2)
    find(qtbot, win, "far")
    assert win.view.zoom() == pytest.approx(READABLE_ZOOM) and centre_shows(win, "far")
    win.view.set_zoom(0.5)
    qtbot.keyClick(win.find_bar.field, Qt.Key_Escape)
    find(qtbot, win, "bias")
    assert win.view.zoom() == pytest.approx(0.5) and centre_shows(win, "b")


def test_find_is_in_the_edit_menu_the_shortcut_sheet_and_the_guide(win):
    assert win.act_find in win.edit_menu.actions()
    row = next(r for r in shortcut_rows(win) if r.command == "Find…")
    assert "Ctrl+F" in row.keys and row.menu == "Edit"
    assert "Ctrl+F" in guide_html(win) and "Shift+Enter" in guide_html(win)


# ----- 20,000 gates: the found node has no item until it is found ---------------------------
def test_a_far_gate_of_a_big_circuit_is_found_given_an_item_and_inspected(big, qtbot):
    scene, far = big.scene, f"g{GATES - 7}"
    assert scene.visible.active and far not in scene.nodes
    find(qtbot, big, far)
    qtbot.wait(1)
    assert far in scene.nodes and scene.nodes[far].isSelected()
    assert selected(big) == [far] and centre_shows(big, far)
    assert big.inspector._node == far
    assert len(scene.nodes) < LIVE_LIMIT  # the search made no items for the others
    assert big.doc.undo_stack.count() == 0
    big.view.centerOn(QPointF(0, 0))  # scrolled away: the item goes, the find stays
    qtbot.wait(1)
    assert far not in scene.nodes and big.inspector._node == far
    qtbot.keyClick(big.view, Qt.Key_Delete)
    assert far not in big.doc.circuit


def test_find_from_the_overview_of_a_big_circuit_zooms_in_to_numbers(big, qtbot):
    big.act_fit.trigger()
    qtbot.wait(1)
    assert big.view.zoom() < DETAIL_ZOOM and not big.scene.nodes
    find(qtbot, big, "x1")  # labels x1, x10..x19: the exact one first
    qtbot.wait(1)
    scene = big.scene
    assert big.view.zoom() >= DETAIL_ZOOM and selected(big) == ["x1"]
    assert "x1" in scene.nodes and scene.nodes["x1"].isSelected() and centre_shows(big, "x1")
    item = scene.nodes["x1"]
    assert big.view.viewport().rect().contains(view_pos(big, item.pos()))
    qtbot.keyClick(big.find_bar.field, Qt.Key_Return)
    assert selected(big) == ["x10"] and big.find_bar.result.text() == "2 of 11"


def test_the_inspector_keeps_a_selected_wire_that_lost_its_item(big, qtbot):
    scene = big.scene
    key, item = next((k, w) for k, w in scene.wire_items.items() if k[0].startswith("g"))
    scene.clearSelection()
    item.setSelected(True)
    wire = item.wire
    assert big.inspector.title.text().startswith(f"Wire {wire.src} → {wire.dst}")
    big.view.centerOn(QPointF(3000, 3000))
    qtbot.wait(1)
    assert key not in scene.wire_items and scene.selected_wires() == [wire]
    assert big.inspector.title.text().startswith(f"Wire {wire.src} → {wire.dst}")
