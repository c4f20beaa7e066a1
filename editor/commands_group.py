"""Group into gate, Expand and Collapse into sigmoid as undoable commands (one step each).

The graph describes the edit (``graph/group_edits.py``: which wires and nodes go, which
come); here it becomes a ``Macro`` of the small commands in ``editor/commands.py``, so
it is all or nothing, undo restores ids, ports, node order and the output mark exactly,
and a refusal (a ``GroupError``) happens before any command exists: no undo entry.
"""

from __future__ import annotations

from chainwire.editor.command_base import Command, Macro, tr
from chainwire.editor.commands import AddNode, Connect, Disconnect, RemoveBareNode, SetOutput
from chainwire.graph.circuit import Circuit, NodeData
from chainwire.graph.group_edits import (
    Edit,
    collapse_edit,
    expand_edit,
    group_edit,
)


class AddNodeData(AddNode):
    """Add a node exactly as recorded (a group's definition, unknown keys and all):
    AddNode's do/undo on a record given whole instead of built from a gesture."""

    def __init__(self, circuit: Circuit, data: NodeData, parent: Macro | None = None):
        Command.__init__(self, circuit, tr("Add node"), parent)
        self.data = data


def edit_macro(circuit: Circuit, edit: Edit, text: str) -> Macro:
    """``edit`` as one undoable macro of small commands, in the order ``apply_edit`` uses."""
    macro = Macro(circuit, text)
    marked = circuit.output in edit.remove_nodes
    if marked:
        SetOutput(circuit, None, parent=macro)
    # Downstream wires first, so undo puts them back upstream first: each reconnection's
    # loop check (a search from its target downstream) then finds nothing below; in the
    # other order, undoing a group of a 20,000-gate chain searched the whole chain per wire.
    rank = {n: i for i, n in enumerate(circuit.topology()[0])}
    for w in sorted(edit.remove_wires, key=lambda w: rank[w.dst], reverse=True):
        Disconnect(circuit, w.dst, w.port, parent=macro)
    order = {n: i for i, n in enumerate(circuit.node_ids())}  # a table, not list.index:
    # grouping 20,000 selected nodes was quadratic
    # from the back, so each recorded index is still right when undo re-inserts
    for nid in sorted(edit.remove_nodes, key=order.__getitem__, reverse=True):
        RemoveBareNode(circuit, nid, parent=macro, index=order[nid])
    for d in edit.add_nodes:
        AddNodeData(circuit, d, parent=macro)
    for w in edit.add_wires:
        Connect(circuit, w.src, w.dst, w.port, parent=macro, extra=edit.wire_extra.get(w))
    if edit.output != (None if marked else circuit.output):
        mark = SetOutput(circuit, edit.output, parent=macro)
        mark.old = None if marked else circuit.output  # what it is when this part runs
    return macro


def group_command(circuit: Circuit, ids: list[str], name: str, symbol: str
                  ) -> tuple[Macro, Edit]:
    """Group the nodes ``ids`` into one gate (GroupError: why not)."""
    edit = group_edit(circuit, ids, name, symbol)
    return edit_macro(circuit, edit, tr("Group into %1").replace("%1", name.strip())), edit


def expand_command(circuit: Circuit, node_id: str) -> tuple[Macro, Edit]:
    """Replace a group or a sigmoid by its parts (GroupError: why not)."""
    edit = expand_edit(circuit, node_id)
    what = circuit.display_name(node_id)
    return edit_macro(circuit, edit, tr("Expand %1").replace("%1", what)), edit


def collapse_command(circuit: Circuit, ids: list[str]) -> tuple[Macro, Edit]:
    """Replace the parts of a sigmoid (or a group of exactly them) by the gate."""
    edit = collapse_edit(circuit, ids)
    gate = edit.add_nodes[0].type
    return edit_macro(circuit, edit, tr("Collapse into %1").replace("%1", gate)), edit
