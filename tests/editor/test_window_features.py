"""Quick add, inspector edits, output marking, zoom and snap: through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from chainwire.editor.style import GRID

from .conftest import drag_wire, port_pos, view_pos


def test_tab_opens_quick_add_and_enter_adds_the_match(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Tab)
    popup = window.quick_add
    assert popup.isVisible()
    qtbot.keyClicks(popup.edit, "sigm")
    qtbot.keyClick(popup.edit, Qt.Key_Return)
    assert not popup.isVisible()
    (nid,) = window.doc.circuit.node_ids()
    assert window.doc.circuit.type_of(nid) == "sigmoid"


def test_double_click_on_empty_canvas_opens_quick_add_there(qtbot, window):
    target = QPointF(120, -80)
    qtbot.mouseDClick(window.view.viewport(), Qt.LeftButton, pos=view_pos(window, target))
    popup = window.quick_add
    assert popup.isVisible()
    assert (popup.pos_scene - target).manhattanLength() < 2
    qtbot.keyClicks(popup.edit, "1/x")
    qtbot.keyClick(popup.edit, Qt.Key_Return)
    (nid,) = window.doc.circuit.node_ids()
    assert window.doc.circuit.type_of(nid) == "reciprocal"
    assert (QPointF(*window.doc.circuit.node(nid).pos) - target).manhattanLength() < 2


def test_inspector_edits_value_param_and_label(qtbot, window):
    c = window.controller
    x = c.add_gate("input", QPointF(-150, 0))
    s = c.add_gate("scale", QPointF(100, 0))
    drag_wire(qtbot, window, port_pos(window, x, None), port_pos(window, s, 0))
    window.scene.select_ids([x])
    ins = window.inspector
    assert ins.value_edit.isVisible() and not ins.param_edit.isVisible()
    ins.value_edit.setFocus()
    ins.value_edit.selectAll()
    qtbot.keyClicks(ins.value_edit, "1,5")  # a decimal comma is understood
    qtbot.keyClick(ins.value_edit, Qt.Key_Return)
    assert window.doc.circuit.node(x).value == 1.5
    window.scene.select_ids([s])
    assert ins.param_edit.isVisible() and ins.formula.text() == "∂(c·x)/∂x = c"
    ins.param_edit.setFocus()
    ins.param_edit.selectAll()
    qtbot.keyClicks(ins.param_edit, "3")
    qtbot.keyClick(ins.param_edit, Qt.Key_Return)
    assert window.doc.circuit.node(s).param == 3.0
    assert window.scene.stub.value_label.text() == "4.50"
    assert window.scene.nodes[s].look.symbol == "·3"
    ins.label_edit.setFocus()
    qtbot.keyClicks(ins.label_edit, "q")
    qtbot.keyClick(ins.label_edit, Qt.Key_Return)
    assert window.doc.circuit.node(s).label == "q"
    assert window.doc.undo_stack.count() == 6


def test_set_output_marks_f_and_gives_gradients(qtbot, window):
    c = window.controller
    a = c.add_gate("input", QPointF(-150, -60))
    s1 = c.add_gate("square", QPointF(80, -60))
    s2 = c.add_gate("exp", QPointF(80, 60))
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, s1, 0))
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, s2, 0))
    assert window.doc.evaluation.output is None  # two sinks: no gradients, and it says why
    assert "No gradients" in window.status_label.text()
    assert window.scene.wire_items[(s1, 0)].grad_label.text() == "?"
    window.scene.select_ids([s1])
    window.act_set_output.trigger()
    assert window.doc.circuit.output == s1
    assert window.scene.nodes[s1].look.is_output
    assert window.scene.wire_items[(s1, 0)].grad_label.text() == "0.00"  # 2·0
    assert window.scene.wire_items[(s2, 0)].grad_label.text() == "0.00"  # not upstream of f
    window.doc.undo_stack.undo()
    assert window.doc.circuit.output is None


def test_zoom_and_fit_shortcuts(qtbot, window):
    window.controller.add_gate("input", QPointF(0, 0))
    window.view.setFocus()
    z = window.view.zoom()
    qtbot.keyClick(window.view, Qt.Key_Plus, Qt.ControlModifier)
    assert window.view.zoom() > z
    qtbot.keyClick(window.view, Qt.Key_Minus, Qt.ControlModifier)
    assert abs(window.view.zoom() - z) < 1e-6
    window.act_fit.trigger()
    assert window.view.zoom() <= 1.6 + 1e-9


def test_snap_to_grid_rounds_dragged_positions(qtbot, window):
    window.act_snap.trigger()
    assert window.scene.snap
    nid = window.controller.add_gate("sigmoid", QPointF(13, 27))
    assert window.doc.circuit.node(nid).pos == (20.0, 20.0)
    item = window.scene.nodes[nid]
    start = view_pos(window, item.scenePos() + QPointF(0, -12))
    drag_wire(qtbot, window, start, start + (view_pos(window, QPointF(57, 33))
                                             - view_pos(window, QPointF(0, 0))))
    x, y = window.doc.circuit.node(nid).pos
    assert x % GRID == 0 and y % GRID == 0 and (x, y) != (20.0, 20.0)


def test_space_drag_and_middle_drag_pan_the_canvas(qtbot, window):
    for i in range(6):  # something to scroll over
        window.controller.add_gate("add", QPointF(400 * i, 300 * i))
    window.view.set_zoom(1.0)
    window.view.centerOn(QPointF(800, 600))
    vp = window.view.viewport()
    n = window.doc.undo_stack.count()
    h = window.view.horizontalScrollBar()
    window.view.setFocus()
    start = h.value()
    qtbot.keyPress(window.view, Qt.Key_Space)
    a = vp.rect().center()
    drag_wire(qtbot, window, a, a + (a - a.__class__(a.x() + 120, a.y())))
    qtbot.keyRelease(window.view, Qt.Key_Space)
    assert h.value() == start + 120
    from PySide6.QtTest import QTest
    QTest.mousePress(vp, Qt.MiddleButton, Qt.NoModifier, a)
    QTest.mouseMove(vp, a + (a - a.__class__(a.x() + 60, a.y())))
    QTest.mouseRelease(vp, Qt.MiddleButton, Qt.NoModifier, a + (a - a.__class__(a.x() + 60,
                                                                               a.y())))
    assert h.value() == start + 180
    assert window.doc.undo_stack.count() == n  # panning edits nothing


def test_rubber_band_and_ctrl_click_select(qtbot, window):
    c = window.controller
    a = c.add_gate("sigmoid", QPointF(-100, 0))
    b = c.add_gate("sigmoid", QPointF(100, 0))
    far = c.add_gate("sigmoid", QPointF(0, 250))
    window.scene.clearSelection()
    corner1 = view_pos(window, QPointF(-180, -90))
    corner2 = view_pos(window, QPointF(180, 90))
    drag_wire(qtbot, window, corner1, corner2)  # a drag on empty canvas draws a band
    assert set(window.scene.selected_node_ids()) == {a, b}
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, Qt.ControlModifier,
                     view_pos(window, window.scene.nodes[far].scenePos() + QPointF(0, -15)))
    assert set(window.scene.selected_node_ids()) == {a, b, far}
    assert window.doc.undo_stack.count() == 3  # selecting edits nothing


def _right_click(window, scene_pos):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication
    vp = window.view.viewport()
    p = view_pos(window, scene_pos)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Mouse, p,
                                                 vp.mapToGlobal(p)))
    menu = window._last_menu
    menu.hide()
    return {a.text(): a for a in menu.actions()}


def test_context_menus_on_node_wire_and_canvas(qtbot, window):
    c = window.controller
    a = c.add_gate("input", QPointF(-150, -60))
    s1 = c.add_gate("square", QPointF(80, -60))
    c.add_gate("exp", QPointF(80, 120))
    drag_wire(qtbot, window, port_pos(window, a, None), port_pos(window, s1, 0))
    node_menu = _right_click(window, window.scene.nodes[s1].scenePos() + QPointF(0, -12))
    node_menu["Set as Output f"].trigger()
    assert window.doc.circuit.output == s1
    wire = window.scene.wire_items[(s1, 0)]
    mid = wire.path().pointAtPercent(0.5)
    wire_menu = _right_click(window, mid)
    wire_menu["Delete Wire"].trigger()
    assert list(window.doc.circuit.wires()) == []
    canvas_menu = _right_click(window, QPointF(300, 300))
    add = canvas_menu["Add Gate"].menu()
    next(x for x in add.actions() if x.text() == "Max").trigger()
    maxes = [n for n in window.doc.circuit.node_ids() if window.doc.circuit.type_of(n) == "max"]
    assert len(maxes) == 1
    assert (QPointF(*window.doc.circuit.node(maxes[0]).pos) - QPointF(300, 300)
            ).manhattanLength() < 2
