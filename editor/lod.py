"""A big circuit's low-detail picture: where every node is, and its cheap drawing.

A circuit with more than ``visible_items.LIVE_LIMIT`` nodes keeps scene items only near
the viewport (``visible_items``); everything else is drawn here, from the model, as
plain shapes: one cached path per tile of TILE × TILE scene units for the wires (a
straight line from output to input port) and one for the gate bodies (an input's box,
a gate's circle). A tile's paths are rebuilt only when a node in it (or a wire out of
it) changed, so a repaint of the whole circuit is a few hundred ``drawPath`` calls.

The tile map doubles as the spatial index the item manager asks which nodes lie in a
rect. Nothing here edits the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from chainwire.graph.circuit import Wire
from chainwire.graph.geometry import GATE_RADIUS, INPUT_SIZE

TILE = 1500.0
REACH = 60.0
"""How far from its centre a node draws (ports and name included): a node whose centre
is this close to a rect may show in it."""
_HW, _HH = INPUT_SIZE[0] / 2, INPUT_SIZE[1] / 2


def _tile(pos: tuple[float, float]) -> tuple[int, int]:
    return int(pos[0] // TILE), int(pos[1] // TILE)


class LowDetail:
    """The tile map of one circuit's nodes and the tiles' cached paths."""

    def __init__(self, circuit) -> None:
        self.circuit = circuit
        self.tiles: dict[tuple[int, int], set[str]] = {}
        self.where: dict[str, tuple[float, float]] = {}  # node id -> pos
        self.inputs: set[str] = set()
        self._paths: dict[tuple[int, int], tuple] = {}  # tile -> (bounds, wires, gates, inputs)

    def reset(self) -> None:
        """Index every node of the circuit anew (a file was opened)."""
        self.tiles.clear()
        self.where.clear()
        self.inputs.clear()
        self._paths.clear()
        for nid, type_, _l, _v, _p, pos, _e in self.circuit.node_fields():
            self._put(nid, pos, type_ == "input")

    def _put(self, nid: str, pos: tuple[float, float], is_input: bool) -> None:
        self.where[nid] = pos
        self.tiles.setdefault(_tile(pos), set()).add(nid)
        if is_input:
            self.inputs.add(nid)

    # ----- keeping up with the model ---------------------------------------------------
    def node_added(self, nid: str) -> None:
        d = self.circuit.node(nid)
        self._put(nid, d.pos, d.type == "input")
        self._touch(nid, d.pos)

    def node_removed(self, nid: str) -> None:
        pos = self.where.pop(nid, None)
        if pos is None:
            return
        self.inputs.discard(nid)
        ids = self.tiles.get(_tile(pos))
        if ids is not None:
            ids.discard(nid)
        self._paths.clear()  # its wires' sources are gone from the model: redraw all

    def node_moved(self, nid: str, touch: bool = True) -> None:
        """``nid`` moved: its tile, and (``touch``) the paths drawing it or its wires.
        A move of many nodes at once (a layout, a big drag) passes ``touch=False`` and
        then calls ``forget_paths`` once: finding each node's wires costs more than
        redrawing every tile."""
        old = self.where.get(nid)
        if old is None:
            return
        new = self.circuit.node(nid).pos
        self.tiles.get(_tile(old), set()).discard(nid)
        self.tiles.setdefault(_tile(new), set()).add(nid)
        self.where[nid] = new
        if touch:
            self._touch(nid, old)
            self._touch(nid, new)

    def forget_paths(self) -> None:
        """Every tile's paths are drawn again when next painted."""
        self._paths.clear()

    def wire_changed(self, src: str) -> None:
        pos = self.where.get(src)
        if pos is not None:
            self._paths.pop(_tile(pos), None)

    def _touch(self, nid: str, pos: tuple[float, float]) -> None:
        """Forget the paths that draw ``nid`` or a wire into it."""
        self._paths.pop(_tile(pos), None)
        if nid in self.circuit:
            for src in set(self.circuit.inputs_of(nid).values()):
                self.wire_changed(src)

    # ----- queries ------------------------------------------------------------------------
    def ids_in(self, rect: QRectF) -> list[str]:
        """The nodes that may show in ``rect`` (their centres within REACH of it)."""
        left, top = rect.left() - REACH, rect.top() - REACH
        right, bottom = rect.right() + REACH, rect.bottom() + REACH
        out = []
        for tx in range(int(left // TILE), int(right // TILE) + 1):
            for ty in range(int(top // TILE), int(bottom // TILE) + 1):
                for nid in self.tiles.get((tx, ty), ()):
                    x, y = self.where[nid]
                    if left <= x <= right and top <= y <= bottom:
                        out.append(nid)
        return out

    def node_at(self, p: QPointF, slack: float = 0.0) -> str | None:
        """The node whose body is under scene point ``p`` (or within ``slack`` of it: a
        zoomed-out gate is a pixel or two), the nearest if several are."""
        best = None
        for nid in self.ids_in(QRectF(p, p).adjusted(-slack, -slack, slack, slack)):
            x, y = self.where[nid]
            if nid in self.inputs:
                d = max(abs(p.x() - x) - _HW, abs(p.y() - y) - _HH, 0.0)
            else:
                d = max(((p.x() - x) ** 2 + (p.y() - y) ** 2) ** 0.5 - GATE_RADIUS, 0.0)
            if d <= slack and (best is None or d < best[0]):
                best = (d, nid)
        return best[1] if best else None

    def half_size(self, nid: str) -> tuple[float, float]:
        """Half the width and height of the body the picture draws for ``nid``."""
        return (_HW, _HH) if nid in self.inputs else (GATE_RADIUS, GATE_RADIUS)

    def extent(self) -> QRectF:
        """The rect around every node's centre (empty for an empty circuit)."""
        if not self.where:
            return QRectF()
        xs = [p[0] for p in self.where.values()]
        ys = [p[1] for p in self.where.values()]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    # ----- drawing --------------------------------------------------------------------------
    def _build(self, key: tuple[int, int]) -> tuple:
        wires, gates, inputs = QPainterPath(), QPainterPath(), QPainterPath()
        where, c = self.where, self.circuit
        lines = []  # (wire, start, end): for the wires without items at detail zoom
        for nid in self.tiles.get(key, ()):
            x, y = where[nid]
            if nid in self.inputs:
                inputs.addRect(x - _HW, y - _HH, 2 * _HW, 2 * _HH)
                out_x = x + _HW
            else:
                gates.addEllipse(QPointF(x, y), GATE_RADIUS, GATE_RADIUS)
                out_x = x + GATE_RADIUS
            for w in c.wires_out_of(nid):
                d = where.get(w.dst)
                if d is None:
                    continue
                end = QPointF(d[0] - (_HW if w.dst in self.inputs else GATE_RADIUS), d[1])
                wires.moveTo(out_x, y)
                wires.lineTo(end)
                lines.append((w, QPointF(out_x, y), end))
        bounds = wires.controlPointRect().united(gates.controlPointRect()).united(
            inputs.controlPointRect())
        entry = (bounds, wires, gates, inputs, lines)
        self._paths[key] = entry
        return entry

    def paint(self, painter: QPainter, rect: QRectF, colors: tuple[QColor, QColor, QColor],
              skip_nodes: Iterable[str] = ()) -> None:
        """Draw every tile whose drawing meets ``rect``: wires, then bodies (no text)."""
        wire_color, border, fill = colors
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, False)
        entries = [self._paths.get(k) or self._build(k) for k in self.tiles]
        entries = [e for e in entries if e[0].intersects(rect)]
        painter.setPen(QPen(wire_color, 0))  # cosmetic: one pixel at any zoom
        painter.setBrush(Qt.NoBrush)
        for e in entries:
            painter.drawPath(e[1])
        painter.setPen(QPen(border, 0))
        painter.setBrush(fill)
        for e in entries:
            painter.drawPath(e[2])
            painter.drawPath(e[3])
        painter.restore()

    def paint_loose_wires(self, painter: QPainter, rect: QRectF,
                          has_item: Callable[[Wire], bool], color: QColor) -> None:
        """At detail zoom: the wires crossing ``rect`` that have no item (both ends far
        off screen), as thin lines, from the tiles whose drawing meets ``rect`` (tiles
        far away count once the overview has drawn them)."""
        path = QPainterPath()
        near = rect.adjusted(-TILE, -TILE, TILE, TILE)  # beyond, only tiles built already
        for k in self.tiles:
            entry = self._paths.get(k)
            if entry is None:
                if not near.intersects(QRectF(k[0] * TILE, k[1] * TILE, TILE, TILE)):
                    continue
                entry = self._build(k)
            if not entry[0].intersects(rect):
                continue
            for w, a, b in entry[4]:
                if not has_item(w) and QRectF(a, b).normalized().adjusted(
                        -1, -1, 1, 1).intersects(rect):
                    path.moveTo(a)
                    path.lineTo(b)
        if path.isEmpty():
            return
        painter.save()
        painter.setPen(QPen(color, 0))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.restore()

    def wire_ends_in(self, rect: QRectF) -> set[str]:
        """Both ends of every wire whose line passes through ``rect`` (an export strip
        needs the items of the long wires crossing it, not only of its own nodes)."""
        out: set[str] = set()
        for k in self.tiles:
            entry = self._paths.get(k) or self._build(k)
            if not entry[0].intersects(rect):
                continue
            for w, a, b in entry[4]:
                if QRectF(a, b).normalized().adjusted(-REACH, -REACH, REACH, REACH
                                                      ).intersects(rect):
                    out.add(w.src)
                    out.add(w.dst)
        return out

    def paint_nodes(self, painter: QPainter, ids: Iterable[str], color: QColor) -> None:
        """Outline these nodes (the selection, when zoomed out) over the picture."""
        path = QPainterPath()
        for nid in ids:
            pos = self.where.get(nid)
            if pos is None:
                continue
            if nid in self.inputs:
                path.addRect(pos[0] - _HW, pos[1] - _HH, 2 * _HW, 2 * _HH)
            else:
                path.addEllipse(QPointF(*pos), GATE_RADIUS, GATE_RADIUS)
        painter.save()
        painter.setPen(QPen(color, 2, Qt.SolidLine))
        painter.pen().setCosmetic(True)
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.restore()
