"""The presentation camera never leaves screen empty beyond the circuit's edge while
there is more circuit to show, also when the step's part must be zoomed out to fit."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF

from chainwire.editor import camera
from chainwire.editor.document import Document
from chainwire.editor.scene import CircuitScene
from chainwire.graph.circuit import Circuit


def _wide_scene() -> CircuitScene:
    """A chain of 12 gates 300 units apart, inputs stacked tall at its left end."""
    c = Circuit()
    prev = c.add_node("input", "x0", pos=(0.0, 0.0))
    for i in range(1, 8):
        c.add_node("input", f"x{i}", pos=(0.0, 260.0 * i))
    for i in range(12):
        g = c.add_node("add", f"g{i}", pos=(300.0 * (i + 1), 0.0))
        c.connect(prev, g, 0)
        c.connect(f"x{min(i, 7)}", g, 1) if i < 8 else None
        prev = g
    return CircuitScene(Document(c))


def test_a_zoomed_out_first_part_at_the_left_edge_fills_the_screen_from_it(qtbot):
    scene = _wide_scene()
    cam = camera.Camera(scene, QSizeF(1280, 720))
    inputs = QRectF()
    for i in range(8):
        inputs = inputs.united(scene.nodes[f"x{i}"].bounds())
    shot = cam.focus([inputs])
    assert not shot.fits  # too tall at the readable zoom: zoomed out
    whole = camera.circuit_rect(scene)
    assert shot.rect.contains(inputs)
    # no empty screen left of the circuit while the chain goes on to the right
    assert shot.rect.left() >= whole.left() - 0.15 * shot.rect.width()
