"""One QUndoCommand per user verb. Commands touch only the model (``graph.Circuit``).

Compound verbs (delete a selection, replace a wire, paste) are a ``Macro`` of small
commands, as orange-canvas-core does: the parts run in order on redo and in reverse on
undo, so undo restores ids, ports and node order exactly. No command pushes another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QUndoCommand

from chainwire.graph.circuit import Circuit, NodeData, Wire
from chainwire.graph.gates import GATES

SCRUB_ID = 4711  # mergeWith id: consecutive wheel scrubs on one value are one undo step


class Macro(QUndoCommand):
    """A compound command: runs its parts in order on redo and in reverse on undo.

    The parts are kept in a Python list, not as Qt child commands: with PySide, Qt
    children end up owned twice (by the parent and by their Python wrapper), which
    crashes when either is freed.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.parts: list[QUndoCommand] = []

    def redo(self) -> None:
        for part in self.parts:
            part.redo()

    def undo(self) -> None:
        for part in reversed(self.parts):
            part.undo()


class _Command(QUndoCommand):
    def __init__(self, circuit: Circuit, text: str, parent: Macro | None = None):
        super().__init__(text)
        self.circuit = circuit
        if parent is not None:
            parent.parts.append(self)


class AddNode(_Command):
    """Add a node; its id is fixed at creation so redo recreates the very same node."""

    def __init__(self, circuit: Circuit, type_: str, pos: tuple[float, float], *,
                 node_id: str | None = None, label: str | None = None,
                 value: float | None = None, param: float | None = None,
                 parent: Macro | None = None, reserved: set[str] | None = None):
        super().__init__(circuit, f"Add {GATES[type_].title.lower()}", parent)
        if node_id is None:
            node_id = _fresh_id(circuit, "x" if type_ == "input" else type_, reserved)
        self.data = NodeData(node_id, type_, label, value, param, (float(pos[0]), float(pos[1])))
        if type_ == "input" and value is None:
            self.data = NodeData(node_id, type_, label, 0.0, param, self.data.pos)

    @property
    def node_id(self) -> str:
        return self.data.id

    def redo(self) -> None:
        d = self.data
        self.circuit.add_node(d.type, d.id, label=d.label, value=d.value, param=d.param,
                              pos=d.pos, extra=d.extra)

    def undo(self) -> None:
        self.circuit.remove_node(self.data.id)


class RemoveBareNode(_Command):
    """Remove a node that has no wires left (its wires are removed by sibling commands)."""

    def __init__(self, circuit: Circuit, node_id: str, parent: Macro | None = None):
        super().__init__(circuit, "Delete node", parent)
        self.data = circuit.node(node_id)
        self.index = circuit.node_ids().index(node_id)

    def redo(self) -> None:
        self.circuit.remove_node(self.data.id)

    def undo(self) -> None:
        d = self.data
        self.circuit.add_node(d.type, d.id, label=d.label, value=d.value, param=d.param,
                              pos=d.pos, extra=d.extra, index=self.index)


class Connect(_Command):
    def __init__(self, circuit: Circuit, src: str, dst: str, port: int,
                 parent: Macro | None = None, extra: dict | None = None):
        super().__init__(circuit, "Connect", parent)
        self.wire = Wire(src, dst, port)
        self.extra = extra

    def redo(self) -> None:
        self.circuit.connect(*self.wire, extra=self.extra)

    def undo(self) -> None:
        self.circuit.disconnect(self.wire.dst, self.wire.port)


class Disconnect(_Command):
    def __init__(self, circuit: Circuit, dst: str, port: int, parent: Macro | None = None):
        super().__init__(circuit, "Delete wire", parent)
        src = circuit.source_at(dst, port)
        if src is None:
            raise ValueError(f"port {port} of {dst!r} is not wired")
        self.wire = Wire(src, dst, port)
        self.extra = circuit.wire_extra(self.wire)

    def redo(self) -> None:
        self.circuit.disconnect(self.wire.dst, self.wire.port)

    def undo(self) -> None:
        self.circuit.connect(*self.wire, extra=self.extra)


class SetOutput(_Command):
    def __init__(self, circuit: Circuit, node_id: str | None, parent: Macro | None = None):
        super().__init__(circuit, "Set output" if node_id else "Clear output", parent)
        self.old = circuit.output
        self.new = node_id

    def redo(self) -> None:
        self.circuit.set_output(self.new)

    def undo(self) -> None:
        self.circuit.set_output(self.old)


class _SetField(_Command):
    field = ""

    def __init__(self, circuit: Circuit, node_id: str, new, *, scrub: bool = False,
                 parent: Macro | None = None):
        old = getattr(circuit.node(node_id), self.field)
        label = circuit.node(node_id).label or node_id
        super().__init__(circuit, f"Set {self.field} of {label}", parent)
        self.node_id, self.old, self.new, self.scrub = node_id, old, new, scrub

    def _apply(self, v) -> None:
        getattr(self.circuit, f"set_{self.field}")(self.node_id, v)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
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


class MoveNodes(_Command):
    """Move nodes; one command per drag (created at release), per layout, per nudge."""

    def __init__(self, circuit: Circuit, moves: Mapping[str, tuple[tuple[float, float],
                                                                 tuple[float, float]]],
                 text: str = "Move", parent: Macro | None = None):
        n = len(moves)
        super().__init__(circuit, f"{text} {n} node{'s' if n != 1 else ''}", parent)
        self.moves = dict(moves)

    def redo(self) -> None:
        for nid, (_old, new) in self.moves.items():
            self.circuit.move(nid, new)

    def undo(self) -> None:
        for nid, (old, _new) in self.moves.items():
            self.circuit.move(nid, old)


# ----- compound verbs ------------------------------------------------------------------
def remove_nodes(circuit: Circuit, node_ids: Iterable[str],
                 wires: Iterable[Wire] = ()) -> Macro:
    """Delete nodes (with their wires) and loose wires, as one undoable step."""
    ids = [n for n in circuit.node_ids() if n in set(node_ids)]
    doomed: list[Wire] = []
    seen: set[Wire] = set()
    for w in [*wires, *(w for n in ids for w in circuit.wires_of(n))]:
        if w not in seen:
            seen.add(w)
            doomed.append(w)
    parts = []
    if ids:
        parts.append(f"{len(ids)} node{'s' if len(ids) != 1 else ''}")
    loose = len(doomed) - sum(1 for w in doomed if w.src in ids or w.dst in ids)
    if loose:
        parts.append(f"{loose} wire{'s' if loose != 1 else ''}")
    macro = Macro("Delete " + " and ".join(parts or ["nothing"]))
    for w in doomed:
        Disconnect(circuit, w.dst, w.port, parent=macro)
    if circuit.output in ids:
        SetOutput(circuit, None, parent=macro)
    # remove from the back so each recorded index is still right when undo re-inserts
    for nid in reversed(ids):
        RemoveBareNode(circuit, nid, parent=macro)
    return macro


def connect_replacing(circuit: Circuit, src: str, dst: str, port: int,
                      moving: Wire | None = None) -> Macro:
    """Wire src into dst:port, replacing what was there (and removing ``moving``, a wire
    whose end the user dragged from another port), as one step."""
    macro = Macro("Connect" if moving is None else "Move wire")
    if moving is not None:
        Disconnect(circuit, moving.dst, moving.port, parent=macro)
    old = circuit.source_at(dst, port)
    if old is not None and (moving is None or (moving.dst, moving.port) != (dst, port)):
        Disconnect(circuit, dst, port, parent=macro)
        macro.setText("Replace wire")
    Connect(circuit, src, dst, port, parent=macro)
    return macro


def paste(circuit: Circuit, fragment: Circuit, offset: tuple[float, float],
          text: str = "Paste") -> tuple[Macro, list[str]]:
    """Add ``fragment``'s nodes (with fresh ids) and its wires, shifted by ``offset``."""
    macro = Macro(text)
    ids: dict[str, str] = {}
    reserved: set[str] = set()
    for d in fragment.nodes():
        pos = (d.pos[0] + offset[0], d.pos[1] + offset[1])
        cmd = AddNode(circuit, d.type, pos, label=d.label, value=d.value, param=d.param,
                      parent=macro, reserved=reserved)
        reserved.add(cmd.node_id)
        ids[d.id] = cmd.node_id
    for w in fragment.wires():
        Connect(circuit, ids[w.src], ids[w.dst], w.port, parent=macro)
    return macro, list(ids.values())


def _fresh_id(circuit: Circuit, prefix: str, reserved: set[str] | None) -> str:
    n = 1
    while f"{prefix}{n}" in circuit or (reserved and f"{prefix}{n}" in reserved):
        n += 1
    return f"{prefix}{n}"
