"""A move of many nodes at once in a big circuit (a layout, a big drag): the low-detail
picture and its index follow every node, before and after undo (``scene.MANY_MOVES``)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from chainwire.editor import commands as cmd
from chainwire.editor.scene import MANY_MOVES
from chainwire.graph import fileio
from tests.editor.test_big_circuits import grid


def _drawn_where(win) -> dict[str, tuple[float, float]]:
    return dict(win.scene.visible.lod.where)


def test_moving_every_node_moves_the_picture_and_its_index(window, qtbot):
    window.doc.replace(fileio.loads(fileio.dumps(grid(5_000)), "grid"), None)
    window.view.set_zoom(0.05)  # low detail: the picture is drawn from the tiles
    qtbot.wait(1)
    c, lod = window.doc.circuit, window.scene.visible.lod
    moves = {d.id: (d.pos, (d.pos[0] + 4000.0, d.pos[1] + 250.0)) for d in c.nodes()}
    assert len(moves) > MANY_MOVES
    window.view.viewport().repaint()  # every tile's paths drawn once
    assert lod._paths
    assert window.doc.push(cmd.MoveNodes(c, moves))
    assert not lod._paths  # forgotten at once, drawn again at the next paint
    assert _drawn_where(window) == {n: p[1] for n, p in moves.items()}
    x, y = moves["g0"][1]
    assert "g0" in lod.ids_in(QRectF(QPointF(x - 1, y - 1), QPointF(x + 1, y + 1)))
    assert lod.node_at(QPointF(x, y), 3.0) == "g0"
    window.view.viewport().repaint()
    assert lod._paths  # drawn again from the new places
    window.act_undo.trigger()
    assert _drawn_where(window) == {n: p[0] for n, p in moves.items()}
    x, y = moves["g0"][0]
    assert lod.node_at(QPointF(x, y), 3.0) == "g0"


def test_a_few_moves_keep_the_other_tiles_drawn(window, qtbot):
    window.doc.replace(fileio.loads(fileio.dumps(grid(5_000)), "grid"), None)
    window.view.set_zoom(0.05)
    qtbot.wait(1)
    c, lod = window.doc.circuit, window.scene.visible.lod
    window.view.viewport().repaint()
    drawn = len(lod._paths)
    d = c.node("g4999")
    assert window.doc.push(cmd.MoveNodes(c, {"g4999": (d.pos, (d.pos[0], d.pos[1] + 40))}))
    assert 0 < len(lod._paths) < drawn  # only the tiles of g4999 and its wires' sources
