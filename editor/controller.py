"""Turns gestures (scene, view, inspector signals) into undoable commands on the document.

Every refusal is explained in the status bar; nothing reaches the model without passing
through a command. Clipboard copy/paste use the circuit file format, so circuits move
between windows (and other programs see readable JSON).
"""

from __future__ import annotations

import math
from itertools import chain, count

from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from chainwire.editor import commands as cmd
from chainwire.editor import commands_group
from chainwire.editor.document import Document
from chainwire.editor.i18n import error_text, gate_text
from chainwire.editor.numbers import parse_number
from chainwire.editor.scene import CircuitScene
from chainwire.editor.style import GRID
from chainwire.editor.wording import english_plural
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.errors import ChainwireError, CircuitError
from chainwire.graph.extent import drawable
from chainwire.graph.gates import GATE_ORDER, GATES
from chainwire.graph.group_edits import GroupError, collapse_target, expandable
from chainwire.graph.layout import LayoutJob, label_room, layout_moves
from chainwire.graph.layout import layout as auto_layout
from chainwire.graph.shapes import same_value
from chainwire.graph.value_text import parse_value

CLIP_MIME = "application/x-chainwire"
BACKGROUND_LAYOUT, LAYOUT_POLL_MS = 3000, 50  # nodes from which Ctrl+L runs in a thread


class EditController(QObject):
    status = Signal(str)

    def __init__(self, document: Document, scene: CircuitScene) -> None:
        super().__init__(scene)
        self.doc = document
        self.scene = scene
        scene.connect_requested.connect(self.connect_wire)
        scene.disconnect_requested.connect(self.disconnect_wire)
        scene.move_requested.connect(self.move_nodes)
        scene.scrub_requested.connect(self.scrub)
        scene.status.connect(self.status)
        document.refused.connect(self.status)
        self.layout_job: LayoutJob | None = None  # Auto Layout running in the background

    @property
    def circuit(self) -> Circuit:
        return self.doc.circuit

    def _push(self, command) -> bool:
        """Run ``command`` as one undo step; a failure says why and leaves no trace."""
        return self.doc.push(command)

    # ----- nodes -----------------------------------------------------------------
    def add_gate(self, type_: str, pos: QPointF) -> str | None:
        if type_ not in GATES:
            self.status.emit(self.tr("Unknown gate type {0!r}").format(type_))
            return None
        if type_ not in GATE_ORDER:  # a group: made from gates, it has no empty form
            self.status.emit(self.tr("A group is made from gates: select them, then Edit → "
                                     "Group into Gate…"))
            return None
        x, y = pos.x(), pos.y()
        if self.scene.snap:
            x, y = round(x / GRID) * GRID, round(y / GRID) * GRID
        label = None
        if type_ == "input":
            label = self._fresh_input_label()
        c = cmd.AddNode(self.circuit, type_, (x, y), label=label)
        self._push(c)
        self.scene.select_ids([c.node_id])
        self.status.emit(self.tr("Added {0} '{1}'").format(
            gate_text(GATES[type_], "title").lower(), self.circuit.display_name(c.node_id)))
        return c.node_id

    def _fresh_input_label(self) -> str:
        used = {d.label for d in self.circuit.nodes()}
        names = chain(("x", "y", "z", "w", "a", "b", "c", "d"), (f"x{n}" for n in count(1)))
        return next(name for name in names if name not in used)

    def delete_selection(self) -> None:
        """Delete the selected nodes, wires and annotations: one undo step."""
        ids = self.scene.selected_node_ids()
        wires = self.scene.selected_wires()
        notes = self.scene.selected_annotations()
        if not ids and not wires and not notes:
            self.status.emit(self.tr("Nothing selected to delete"))
            return
        self._push(cmd.remove_selection(self.circuit, ids, wires, notes))

    def move_nodes(self, moves: dict, annotation_moves: dict | None = None) -> None:
        """A drag ended: nodes and annotations moved together are one undo step."""
        self._push(cmd.MoveNodes(self.circuit, moves, annotation_moves=annotation_moves))

    def nudge(self, dx: float, dy: float) -> None:
        moves, notes = {}, {}
        for nid in self.scene.selected_node_ids():
            x, y = self.circuit.node(nid).pos
            moves[nid] = ((x, y), (x + dx, y + dy))
        for i in self.scene.selected_annotations():
            x, y = self.circuit.annotation(i).pos
            notes[i] = ((x, y), (x + dx, y + dy))
        if moves or notes:
            self._push(cmd.MoveNodes(self.circuit, moves, text=self.tr("Nudge"),
                                     annotation_moves=notes, merge=True))

    # ----- annotations ----------------------------------------------------------------
    def add_annotation(self, text: str, pos: tuple[float, float]) -> None:
        self._push(cmd.AddAnnotation(self.circuit, text, pos))

    def set_annotation_text(self, index: int, text: str) -> None:
        """New text for an annotation; empty text deletes it (one undo step either way)."""
        if not text.strip():
            self._push(cmd.remove_selection(self.circuit, (), (), [index]))
        elif text != self.circuit.annotation(index).text:
            self._push(cmd.ChangeAnnotation(self.circuit, index, "text", text))

    def resize_annotations(self, factor: float) -> None:
        """Scale the selected annotations' text: one undo step for all of them."""
        sel = self.scene.selected_annotations()
        if not sel:
            self.status.emit(self.tr("Select annotations first"))
            return
        macro = cmd.resize_annotations(self.circuit, sel, factor)
        if macro.parts:
            self._push(macro)

    def auto_layout(self) -> None:
        """Ctrl+L, one undo step; a big circuit's runs in a worker thread (``LayoutJob``)."""
        n = len(self.circuit)
        if self.layout_job is not None:
            self._end_layout(self.tr("Layout cancelled: nothing moved"))
        elif 0 < n < BACKGROUND_LAYOUT:
            self._lay_out(auto_layout(self.circuit))
        elif n:  # under a busy cursor, the window live; Ctrl+L again cancels
            self.layout_job = LayoutJob(self.circuit, label_size=label_room(self.circuit))
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            QTimer.singleShot(LAYOUT_POLL_MS, self, self._layout_poll)
            for view in self.scene.views()[:1]:  # in the status bar until the layout ends
                view.window().statusBar().showMessage(english_plural(self.tr(
                    "Laying out %n node(s)… Ctrl+L again cancels", "", n), n))

    def _layout_poll(self) -> None:
        job = self.layout_job
        if job is None or not job.done:
            return QTimer.singleShot(LAYOUT_POLL_MS, self, self._layout_poll) if job else None
        stale = job.stale or job.circuit is not self.circuit  # an edit drops the result
        self._end_layout(self.tr("The circuit changed while it was being laid out: nothing "
                                 "moved (Ctrl+L lays it out again)") if stale else "")
        if not stale:
            self._lay_out(job.result())  # the worker's exception, if any: the crash guard's

    def _end_layout(self, text: str) -> None:
        self.layout_job, job = None, self.layout_job
        job.cancel()  # a worker still running ends at its next step
        QGuiApplication.restoreOverrideCursor()
        self.status.emit(text)

    def _lay_out(self, positions: dict[str, tuple[float, float]]) -> None:
        moves = layout_moves(self.circuit, positions)
        if not moves:
            self.status.emit(self.tr("Already laid out: nothing moved"))
        elif self._push(cmd.MoveNodes(self.circuit, moves, text=self.tr("Lay out"))):
            self.status.emit(english_plural(self.tr("Laid out left to right: %n node(s) moved",
                                                    "", len(moves)), len(moves)))

    # ----- wires ------------------------------------------------------------------
    def connect_wire(self, src: str, dst: str, port: int, moving: Wire | None) -> None:
        try:
            self.circuit.check_connect(src, dst, port, replace=True)
        except CircuitError as e:
            self.status.emit(self.tr("Refused: {0}").format(error_text(e)))
            return
        macro = cmd.connect_replacing(self.circuit, src, dst, port, moving)
        self._push(macro)
        name = self.circuit.display_name
        self.status.emit(self.tr("{0}: {1} → {2} (input {3})").format(
            macro.text(), name(src), name(dst), port))

    def disconnect_wire(self, wire: Wire) -> None:
        self._push(cmd.Disconnect(self.circuit, wire.dst, wire.port))
        name = self.circuit.display_name
        self.status.emit(self.tr("Deleted wire {0} → {1}").format(name(wire.src),
                                                                  name(wire.dst)))

    # ----- fields --------------------------------------------------------------------
    def set_value_text(self, node_id: str, text: str) -> bool:
        """A number or a nested list ([[1, 2], [3, 4]]), read by the one value parser."""
        try:
            v = parse_value(text)
        except ValueError as e:
            self.status.emit(self.tr("Refused: {0}").format(error_text(e)))
            return False
        if not same_value(self.circuit.node(node_id).value, v):
            self._push(cmd.SetValue(self.circuit, node_id, v))
        return True

    def set_param_text(self, node_id: str, text: str) -> bool:
        return self._set_number(node_id, text, "param", cmd.SetParam)

    def _set_number(self, node_id: str, text: str, field: str, command) -> bool:
        """Typed text → one undoable command; refused text changes nothing and says why."""
        try:
            v = parse_number(text)
        except ValueError:
            self.status.emit(self.tr("Refused: {0!r} is not a number (e.g. -2 or 0.5)")
                             .format(text))
            return False
        if getattr(self.circuit.node(node_id), field) != v:
            self._push(command(self.circuit, node_id, v))
        return True

    def set_label(self, node_id: str, text: str) -> None:
        text = text.strip() or None
        if self.circuit.node(node_id).label != text:
            self._push(cmd.SetLabel(self.circuit, node_id, text))

    def scrub(self, node_id: str, steps: int, fine: bool) -> None:
        """Mouse wheel over an input: ±1 per notch, ±0.1 with Shift (one undo step)."""
        old = self.circuit.node(node_id).value
        if not isinstance(old, float):  # an array: typed, never scrolled
            self.status.emit(self.tr("Scrolling changes numbers; double-click to type an "
                                     "array's values"))
            return
        step = 0.1 if fine else 1.0
        new = round((old + steps * step) / step) * step
        new = float(f"{new:.10g}")  # 0.30000000000000004 → 0.3
        if math.isfinite(new):
            self._push(cmd.SetValue(self.circuit, node_id, new, scrub=True))

    def set_output(self, node_id: str | None) -> None:
        if node_id != self.circuit.output:
            self._push(cmd.SetOutput(self.circuit, node_id))

    # ----- compound gates -------------------------------------------------------------
    def _selected(self) -> list[str]:
        """The selected nodes the model holds (mid-update, the scene may lag behind)."""
        c = self.circuit
        return [n for n in self.scene.selected_node_ids() if n in c]

    def can_group(self) -> bool:
        """Whether Group into gate applies to the selection (a gate is selected; whether
        the selection groups is said, with the reason, when it is tried)."""
        c = self.circuit
        return any(c.type_of(n) != "input" for n in self._selected())

    def expandable_selection(self) -> str | None:
        """The one selected node, when it is a group or a sigmoid."""
        ids = self._selected()
        return ids[0] if len(ids) == 1 and expandable(self.circuit, ids[0]) else None

    def collapse_target(self) -> str | None:
        """The gate the selection is exactly the parts of (sigmoid), or None."""
        ids = self._selected()
        return collapse_target(self.circuit, ids) if 0 < len(ids) <= 8 else None

    def group_selection(self, name: str, symbol: str) -> str | None:
        """Group the selected nodes into one gate: one undo step; a refusal says why.
        Returns the group's id."""
        ids = self.scene.selected_node_ids()
        edit = self._structural(lambda: commands_group.group_command(
            self.circuit, ids, name, symbol), self.tr("Cannot group: {0}"))
        if edit is None:
            return None
        self.status.emit(english_plural(self.tr("Grouped %n node(s) into '{0}'", "",
                                                len(ids)), len(ids)).format(name.strip()))
        return edit.new_ids[0]

    def expand_selection(self) -> list[str]:
        """Replace the selected group (or sigmoid) by its parts; returns their ids."""
        nid = self.expandable_selection()
        if nid is None:
            self.status.emit(self.tr("Select one group or sigmoid gate to expand"))
            return []
        edit = self._structural(lambda: commands_group.expand_command(self.circuit, nid),
                                self.tr("Cannot expand: {0}"))
        if edit is None:
            return []
        n = len(edit.new_ids)
        self.status.emit(english_plural(self.tr("Expanded into %n part(s)", "", n), n))
        return edit.new_ids

    def collapse_selection(self) -> str | None:
        """Replace the selected parts of a sigmoid (or a group of them) by the gate."""
        edit = self._structural(lambda: commands_group.collapse_command(
            self.circuit, self.scene.selected_node_ids()), self.tr("Cannot collapse: {0}"))
        if edit is None:
            return None
        self.status.emit(self.tr("Collapsed into {0}").format(
            GATES[edit.add_nodes[0].type].title.lower()))
        return edit.new_ids[0]

    def _structural(self, build, refused: str):
        """Build a compound-gate command (a refusal makes none: no undo entry), run it as
        one undo step and select what it made. Returns the edit, or None."""
        try:
            macro, edit = build()
        except GroupError as e:
            self.status.emit(refused.format(error_text(e)))
            return None
        if not self._push(macro):
            return None
        self.scene.select_ids(edit.new_ids)
        return edit

    # ----- clipboard ----------------------------------------------------------------
    def fragment(self, ids: list[str]) -> Circuit:
        """The selected nodes and the wires between them, as a circuit of their own."""
        frag = Circuit()
        chosen = set(ids)
        for d in self.circuit.nodes():
            if d.id in chosen:
                frag.add_node(d.type, d.id, label=d.label, value=d.value, param=d.param,
                              pos=d.pos)
        for w in self.circuit.wires():
            if w.src in chosen and w.dst in chosen:
                frag.connect(*w)
        return frag

    def copy(self) -> bool:
        ids = self.scene.selected_node_ids()
        if not ids:
            self.status.emit(self.tr("Select nodes to copy"))
            return False
        text = fileio.dumps(self.fragment(ids))
        mime = QMimeData()
        mime.setData(CLIP_MIME, text.encode("utf-8"))
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        self.status.emit(english_plural(self.tr("Copied %n node(s)", "", len(ids)), len(ids)))
        return True

    def cut(self) -> None:
        if self.copy():
            self._push(cmd.remove_selection(self.circuit, self.scene.selected_node_ids()))

    def paste(self, at: QPointF) -> list[str]:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return []
        text = bytes(mime.data(CLIP_MIME)).decode("utf-8", "replace") \
            if mime.hasFormat(CLIP_MIME) else mime.text()
        if not text.strip():
            self.status.emit(self.tr("The clipboard holds no circuit"))
            return []
        try:
            frag = fileio.loads(text, source="clipboard")
        except ChainwireError as e:
            self.status.emit(self.tr("Cannot paste: {0}").format(e))
            return []
        return self._paste_fragment(frag, at, self.tr("Paste"))

    def duplicate(self) -> list[str]:
        ids = self.scene.selected_node_ids()
        if not ids:
            self.status.emit(self.tr("Select nodes to duplicate"))
            return []
        frag = self.fragment(ids)
        cx, cy = _centre(frag)
        return self._paste_fragment(frag, QPointF(cx + 40, cy + 40), self.tr("Duplicate"))

    def _paste_fragment(self, frag: Circuit, at: QPointF, text: str) -> list[str]:
        """Add ``frag`` centred on ``at``. Positions are computed here, before any command:
        where they would overflow or lie too far out to draw (``graph.extent``) the paste
        is refused with a message, so no command ever raises on them (issue 11)."""
        nodes = list(frag.nodes())
        if not nodes:
            return []
        cx, cy = _centre(frag)
        offset = (at.x() - cx, at.y() - cy)
        if not all(drawable(d.pos[0] + offset[0], d.pos[1] + offset[1]) for d in nodes):
            self.status.emit(self.tr("Cannot place the nodes there: their positions would "
                                     "be too large to draw. Paste nearer the other nodes."))
            return []
        macro, ids = cmd.paste(self.circuit, frag, offset, text=text)
        if not self._push(macro):
            return []
        self.scene.select_ids(ids)
        self.status.emit(english_plural(self.tr("{0}: %n node(s)", "", len(ids)),
                                        len(ids)).format(text))
        return ids


def _centre(frag: Circuit) -> tuple[float, float]:
    """The mean position of ``frag``'s nodes, finite for any finite positions (a plain sum
    of two nodes at 1e308 overflows to infinity)."""
    nodes = list(frag.nodes())
    n = len(nodes)
    return (sum(d.pos[0] / n for d in nodes), sum(d.pos[1] / n for d in nodes))
