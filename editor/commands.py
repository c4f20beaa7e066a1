"""One QUndoCommand per user verb. Commands touch only the model (``graph.Circuit``).

Compound verbs (delete a selection, replace a wire, paste) are a ``Macro`` of small
commands, as orange-canvas-core does: the parts run in order on redo and in reverse on
undo, so undo restores ids, ports and node order exactly. No command pushes another.

Every redo and undo runs inside one ``Circuit.transaction()``, so whoever runs it (the
document's push, the undo stack, a test) the model announces one batch of changes and
the document evaluates once. ``Document.push`` runs a command *before* putting it on the
stack; a command that fails there is rolled back and never reaches the stack, which is
why each command skips the redo that ``QUndoStack.push`` performs right after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

from PySide6.QtGui import QUndoCommand

from chainwire.editor.command_base import Command, IdPool, Macro, all_or_nothing, fresh_id, tr
from chainwire.editor.i18n import gate_text
from chainwire.graph.circuit import Annotation, Circuit, NodeData, Wire
from chainwire.graph.gates import GATES
from chainwire.graph.records import DEFAULT_FONT_SIZE

MIN_SIZE, MAX_SIZE = 6.0, 96.0
"""Annotation text sizes (points at 100 % zoom) that Larger/Smaller stay within."""

SCRUB_ID = 4711  # mergeWith id: consecutive wheel scrubs on one value are one undo step
NUDGE_ID = 4712  # and consecutive arrow-key nudges of one selection


class AddNode(Command):
    """Add a node; its id is fixed at creation so redo recreates the very same node."""

    def __init__(self, circuit: Circuit, type_: str, pos: tuple[float, float], *,
                 node_id: str | None = None, label: str | None = None,
                 value: float | None = None, param: float | None = None,
                 parent: Macro | None = None, ids: IdPool | None = None):
        super().__init__(circuit, tr("Add {0}").format(
            gate_text(GATES[type_], "title").lower()), parent)
        if node_id is None:
            node_id = fresh_id(circuit, "x" if type_ == "input" else type_, ids)
        self.data = NodeData(node_id, type_, label, value, param, (float(pos[0]), float(pos[1])))
        if type_ == "input" and value is None:
            self.data = NodeData(node_id, type_, label, 0.0, param, self.data.pos)

    @property
    def node_id(self) -> str:
        return self.data.id

    def do(self) -> None:
        d = self.data
        self.circuit.add_node(d.type, d.id, label=d.label, value=d.value, param=d.param,
                              pos=d.pos, extra=d.extra)

    def undo_(self) -> None:
        self.circuit.remove_node(self.data.id)


class RemoveBareNode(Command):
    """Remove a node that has no wires left (its wires are removed by sibling commands)."""

    def __init__(self, circuit: Circuit, node_id: str, parent: Macro | None = None,
                 index: int | None = None):
        super().__init__(circuit, tr("Delete node"), parent)
        self.data = circuit.node(node_id)
        # its place in the node order (``index``: already known, for a big selection)
        self.index = circuit.node_ids().index(node_id) if index is None else index

    def do(self) -> None:
        self.circuit.remove_node(self.data.id)

    def undo_(self) -> None:
        d = self.data
        self.circuit.add_node(d.type, d.id, label=d.label, value=d.value, param=d.param,
                              pos=d.pos, extra=d.extra, index=self.index)


class Connect(Command):
    def __init__(self, circuit: Circuit, src: str, dst: str, port: int,
                 parent: Macro | None = None, extra: dict | None = None):
        super().__init__(circuit, tr("Connect"), parent)
        self.wire = Wire(src, dst, port)
        self.extra = extra

    def do(self) -> None:
        self.circuit.connect(*self.wire, extra=self.extra)

    def undo_(self) -> None:
        self.circuit.disconnect(self.wire.dst, self.wire.port)


class Disconnect(Command):
    def __init__(self, circuit: Circuit, dst: str, port: int, parent: Macro | None = None):
        super().__init__(circuit, tr("Delete wire"), parent)
        src = circuit.source_at(dst, port)
        if src is None:
            raise ValueError(f"port {port} of {dst!r} is not wired")
        self.wire = Wire(src, dst, port)
        self.extra = circuit.wire_extra(self.wire)

    def do(self) -> None:
        self.circuit.disconnect(self.wire.dst, self.wire.port)

    def undo_(self) -> None:
        self.circuit.connect(*self.wire, extra=self.extra)


class SetOutput(Command):
    def __init__(self, circuit: Circuit, node_id: str | None, parent: Macro | None = None):
        super().__init__(circuit, tr("Set output") if node_id else tr("Clear output"), parent)
        self.old = circuit.output
        self.new = node_id

    def do(self) -> None:
        self.circuit.set_output(self.new)

    def undo_(self) -> None:
        self.circuit.set_output(self.old)


class _SetField(Command):
    field = ""

    def __init__(self, circuit: Circuit, node_id: str, new, *, scrub: bool = False,
                 parent: Macro | None = None):
        old = getattr(circuit.node(node_id), self.field)
        label = circuit.node(node_id).label or node_id
        texts = {"value": tr("Set value of {0}"), "param": tr("Set param of {0}"),
                 "label": tr("Set label of {0}")}
        super().__init__(circuit, texts[self.field].format(label), parent)
        self.node_id, self.old, self.new, self.scrub = node_id, old, new, scrub

    def _apply(self, v) -> None:
        getattr(self.circuit, f"set_{self.field}")(self.node_id, v)

    def do(self) -> None:
        self._apply(self.new)

    def undo_(self) -> None:
        self._apply(self.old)

    def id(self) -> int:  # noqa: A003 - Qt virtual
        return SCRUB_ID if self.scrub else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt virtual
        if (isinstance(other, type(self)) and other.scrub and self.scrub
                and other.node_id == self.node_id):
            self.new = other.new
            return True
        return False


class SetValue(_SetField):
    field = "value"


class SetParam(_SetField):
    field = "param"


class SetLabel(_SetField):
    field = "label"


Pos = tuple[float, float]


class MoveNodes(Command):
    """Move nodes and annotations together: one command per drag (made at release), per
    layout, per nudge. ``annotation_moves`` maps an annotation's index to (old, new)."""

    def __init__(self, circuit: Circuit, moves: Mapping[str, tuple[Pos, Pos]],
                 text: str = "", parent: Macro | None = None,
                 annotation_moves: Mapping[int, tuple[Pos, Pos]] | None = None,
                 merge: bool = False):
        self.merge = merge  # held arrow keys: consecutive nudges of one selection merge
        self.moves = dict(moves)
        self.annotation_moves = dict(annotation_moves or {})
        super().__init__(circuit, text or _what(tr("Move"), len(self.moves), 0,
                                                len(self.annotation_moves)), parent)

    def do(self) -> None:
        self._apply(1)

    def undo_(self) -> None:
        self._apply(0)

    def _apply(self, end: int) -> None:
        """Everything to the ``end`` of its move (0 old, 1 new), or nothing moves."""
        steps = [(self.circuit.move, k, p) for k, p in self.moves.items()]
        steps += [(self.circuit.move_annotation, k, p) for k, p in self.annotation_moves.items()]
        all_or_nothing((partial(f, k, p[end]), partial(f, k, p[1 - end])) for f, k, p in steps)

    def id(self) -> int:  # noqa: A003 - Qt virtual
        return NUDGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt virtual
        if not (isinstance(other, MoveNodes) and other.merge and self.merge
                and other.moves.keys() == self.moves.keys()
                and other.annotation_moves.keys() == self.annotation_moves.keys()):
            return False
        self.moves = {k: (old, other.moves[k][1]) for k, (old, _) in self.moves.items()}
        self.annotation_moves = {k: (old, other.annotation_moves[k][1])
                                 for k, (old, _) in self.annotation_moves.items()}
        return True


class AddAnnotation(Command):
    def __init__(self, circuit: Circuit, text: str, pos: Pos,
                 font_size: float = DEFAULT_FONT_SIZE, parent: Macro | None = None):
        super().__init__(circuit, tr("Add annotation"), parent)
        self.record = Annotation(text, (float(pos[0]), float(pos[1])), float(font_size))
        self.index = len(circuit.annotations())

    def do(self) -> None:
        a = self.record
        self.circuit.add_annotation(a.text, a.pos, a.font_size, index=self.index,
                                    extra=a.extra)

    def undo_(self) -> None:
        self.circuit.remove_annotation(self.index)


class RemoveAnnotation(AddAnnotation):
    """The inverse of AddAnnotation (built from the annotation the circuit holds)."""

    def __init__(self, circuit: Circuit, index: int, parent: Macro | None = None):
        Command.__init__(self, circuit, tr("Delete annotation"), parent)
        self.record = circuit.annotation(index)
        self.index = index

    do, undo_ = AddAnnotation.undo_, AddAnnotation.do


class ChangeAnnotation(Command):
    """Set one annotation's text or font size (``field`` is "text" or "font_size")."""

    SETTERS = {"text": "set_annotation_text", "font_size": "set_annotation_size"}

    def __init__(self, circuit: Circuit, index: int, field: str, new: object,
                 text: str = "", parent: Macro | None = None):
        super().__init__(circuit, text or tr("Edit annotation"), parent)
        self.index, self.field, self.new = index, field, new
        self.old = getattr(circuit.annotation(index), field)

    def do(self) -> None:
        getattr(self.circuit, self.SETTERS[self.field])(self.index, self.new)

    def undo_(self) -> None:
        getattr(self.circuit, self.SETTERS[self.field])(self.index, self.old)


# ----- compound verbs ------------------------------------------------------------------
def _what(verb: str, nodes: int, wires: int = 0, annotations: int = 0) -> str:
    """ "Delete 2 nodes and 1 annotation": the verb and what it acts on."""
    parts = [tr("%n node(s)", nodes) if nodes else "",
             tr("%n wire(s)", wires) if wires else "",
             tr("%n annotation(s)", annotations) if annotations else ""]
    return f"{verb} " + tr(" and ").join(p for p in parts if p) if any(parts) else verb


def remove_selection(circuit: Circuit, node_ids: Iterable[str], wires: Iterable[Wire] = (),
                     annotations: Iterable[int] = ()) -> Macro:
    """Delete nodes (with their wires), loose wires and annotations, as one undoable step."""
    chosen = set(node_ids)  # sets, not lists: a select-all of 100,000 nodes stays linear
    ids = [n for n in circuit.node_ids() if n in chosen]
    doomed: list[Wire] = []
    seen: set[Wire] = set()
    for w in [*wires, *(w for n in ids for w in circuit.wires_of(n))]:
        if w not in seen:
            seen.add(w)
            doomed.append(w)
    chosen = set(ids)
    loose = len(doomed) - sum(1 for w in doomed if w.src in chosen or w.dst in chosen)
    notes = sorted(set(annotations), reverse=True)  # from the back: indexes stay valid
    macro = Macro(circuit, _what(tr("Delete"), len(ids), loose, len(notes)))
    for w in doomed:
        Disconnect(circuit, w.dst, w.port, parent=macro)
    if circuit.output in ids:
        SetOutput(circuit, None, parent=macro)
    # remove from the back so each recorded index is still right when undo re-inserts
    order = {n: i for i, n in enumerate(circuit.node_ids())}
    for nid in reversed(ids):
        RemoveBareNode(circuit, nid, parent=macro, index=order[nid])
    for i in notes:
        RemoveAnnotation(circuit, i, parent=macro)
    return macro


def resize_annotations(circuit: Circuit, indexes: Iterable[int], factor: float) -> Macro:
    """Scale these annotations' text (clamped to MIN_SIZE..MAX_SIZE) as one step."""
    macro = Macro(circuit, tr("Resize annotations"))
    for i in sorted(set(indexes)):
        old = circuit.annotation(i).font_size
        new = round(max(MIN_SIZE, min(MAX_SIZE, old * factor)), 1)
        if new != old:
            ChangeAnnotation(circuit, i, "font_size", new, parent=macro)
    return macro


def connect_replacing(circuit: Circuit, src: str, dst: str, port: int,
                      moving: Wire | None = None) -> Macro:
    """Wire src into dst:port, replacing what was there (and removing ``moving``, a wire
    whose end the user dragged from another port), as one step."""
    macro = Macro(circuit, tr("Connect") if moving is None else tr("Move wire"))
    if moving is not None:
        Disconnect(circuit, moving.dst, moving.port, parent=macro)
    old = circuit.source_at(dst, port)
    if old is not None and (moving is None or (moving.dst, moving.port) != (dst, port)):
        Disconnect(circuit, dst, port, parent=macro)
        macro.setText(tr("Replace wire"))
    Connect(circuit, src, dst, port, parent=macro)
    return macro


def paste(circuit: Circuit, fragment: Circuit, offset: tuple[float, float],
          text: str = "") -> tuple[Macro, list[str]]:
    """Add ``fragment``'s nodes (with fresh ids) and its wires, shifted by ``offset``."""
    macro = Macro(circuit, text or tr("Paste"))
    ids: dict[str, str] = {}
    pool = IdPool(circuit)
    for d in fragment.nodes():
        pos = (d.pos[0] + offset[0], d.pos[1] + offset[1])
        cmd = AddNode(circuit, d.type, pos, label=d.label, value=d.value, param=d.param,
                      parent=macro, ids=pool)
        ids[d.id] = cmd.node_id
    for w in fragment.wires():
        Connect(circuit, ids[w.src], ids[w.dst], w.port, parent=macro)
    return macro, list(ids.values())
