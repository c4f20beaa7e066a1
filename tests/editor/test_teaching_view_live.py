"""Issue 10 in the live editor: free ports always visible, numbers placed again after an
edit, and the presentation camera (framing each step, Z, the glide, callouts on screen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter

from chainwire.editor import camera, drawn
from chainwire.editor.commands import MoveNodes
from chainwire.editor.presenter import GLIDE_MS
from chainwire.graph import fileio
from tests.editor.test_teaching_view import label_collisions, wires_through_gates

ROOT = Path(__file__).resolve().parents[2]
STAGED = ROOT / "resources" / "examples" / "staged.chainwire"


@pytest.fixture
def staged(qtbot):
    from chainwire.editor.window import MainWindow
    w = MainWindow(fileio.load(STAGED))
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.doc.undo_stack.setClean()
    w.close()
    w.deleteLater()


def _ink(scene, rect: QRectF) -> int:
    """How many pixels of ``rect`` (scene) differ from the background when drawn."""
    img = QImage(int(rect.width() * 4), int(rect.height() * 4), QImage.Format_ARGB32)
    bg = scene.style.theme.color("background")
    img.fill(bg)
    p = QPainter(img)
    scene.show_grid = False
    scene.render(p, QRectF(0, 0, img.width(), img.height()), rect)
    p.end()
    return sum(img.pixelColor(x, y) != bg for x in range(img.width())
               for y in range(img.height()))


def test_a_free_port_is_drawn_when_nothing_is_selected(staged):
    scene = staged.scene
    scene.clearSelection()
    xpy = scene.nodes["xpy"]
    spare = max(xpy.in_ports)  # the n-ary gate's offered port, not wired
    assert spare not in xpy.wired_ports
    port = xpy.in_ports[spare]
    assert _ink(scene, port.sceneBoundingRect()) > 10  # faint, but there


def _geometry(window) -> dict:
    scene, view = window.scene, window.view
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    vp = view.viewport()
    shot = camera.Shot(rect, vp.width() / rect.width(), False, False, rect)
    return drawn.collect(scene, window.classroom.overlay, shot, (vp.width(), vp.height()))


def test_numbers_are_placed_again_after_a_gate_moves(staged):
    scene, doc = staged.scene, staged.doc
    sigy = scene.nodes["sigy"]
    old = (sigy.pos().x(), sigy.pos().y())
    doc.push(MoveNodes(doc.circuit, {"sigy": (old, (old[0], old[1] - 60))}, {}))
    geo = _geometry(staged)
    assert label_collisions(geo) == []
    doc.undo_stack.undo()
    assert label_collisions(_geometry(staged)) == [] and wires_through_gates(
        _geometry(staged)) == []


def _present(window, qtbot):
    window.classroom.act_present.trigger()
    qtbot.wait(20)
    pr = window.classroom.presenter
    pr.settle()
    return pr, window.classroom.overlay


def _visible(window) -> QRectF:
    view = window.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_the_camera_frames_every_step_readably(staged, qtbot):
    pr, ov = _present(staged, qtbot)
    screen_h = pr.screen_height()
    for i in range(ov.last + 1):
        ov.go(i)
        pr.settle()
        shot = ov.shot
        seen = _visible(staged)
        assert abs(seen.width() - shot.rect.width()) < 2 and \
            abs(seen.center().x() - shot.rect.center().x()) < 2
        zoom = staged.view.transform().m11()
        if shot.fits:
            assert camera.label_height(staged.scene) * zoom >= 0.04 * screen_h
        seen = seen.adjusted(-1, -1, 1, 1)  # edges meet, to rounding
        if ov.step.node is not None:  # the step's gate is on screen
            assert seen.contains(staged.scene.nodes[ov.step.node].bounds())
        for c in ov.decorations:  # callouts wholly on screen
            assert seen.contains(c.mapRectToScene(c.box()))
    staged.classroom.act_leave.trigger()


def test_z_shows_the_whole_circuit_and_back(staged, qtbot):
    pr, ov = _present(staged, qtbot)
    ov.go(ov.last)
    pr.settle()
    following = ov.shot
    qtbot.keyClick(staged.view, Qt.Key_Z)
    pr.settle()
    assert ov.shot.whole and _visible(staged).contains(camera.circuit_rect(staged.scene))
    qtbot.keyClick(staged.view, Qt.Key_Z)
    pr.settle()
    assert ov.shot.whole == following.whole
    staged.classroom.act_leave.trigger()
    assert not pr.act_whole.isEnabled()  # Z belongs to presentation mode only


def test_the_camera_glides_to_the_next_step(staged, qtbot):
    pr, ov = _present(staged, qtbot)
    pr.scale_labels(2.0)  # labels too big for the whole circuit: the camera follows
    ov.go(1)
    pr.settle()
    before = _visible(staged).center()
    ov.go(ov.last)
    target = ov.shot.rect.center()
    assert (target - before).manhattanLength() > 20  # the last gate is elsewhere
    qtbot.waitUntil(lambda: (_visible(staged).center() - target).manhattanLength() < 2,
                    timeout=GLIDE_MS * 4)
    staged.classroom.act_leave.trigger()


def test_whole_framing_fits_a_small_circuit_with_room_for_callouts(qapp):
    from chainwire.editor.document import Document
    from chainwire.editor.overlay import ClassroomOverlay
    from chainwire.editor.scene import CircuitScene
    scene = CircuitScene(Document(fileio.load(
        ROOT / "resources" / "examples" / "add-multiply.chainwire")))
    overlay = ClassroomOverlay(scene)
    size = QSizeF(1920, 1080)
    overlay.camera = lambda s, room: camera.shot_for(scene, s, size, room=room)
    overlay.go(overlay.last)
    shot = overlay.shot
    assert shot.whole and shot.fits
    room = shot.usable.adjusted(-0.5, -0.5, 0.5, 0.5)  # edges meet, to rounding
    assert room.contains(camera.circuit_rect(scene))
    for c in overlay.decorations:
        assert room.contains(c.mapRectToScene(c.box()))
    scene.detach()
