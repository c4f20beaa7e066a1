"""Group, Expand and Collapse as described edits: pure functions of a circuit.

Each returns an ``Edit`` saying which wires and nodes go and which come, computed and
checked before anything changes (a refusal is a ``GroupError`` with the reason, and no
edit). ``apply_edit`` makes it through the Circuit's own edits in one transaction; the
editor makes the same parts into one undoable macro (``editor/commands_group.py``).

Decisions (docs/engine-api.md, "Groups"):

- A selection can be grouped when it ends in exactly one node (no other selected node
  feeds a selected one... or the rest of the circuit): that node's value is the group's
  output, and the group node takes its id, label and output mark, so every wire leaving
  the group is the very wire that left that node.
- Each distinct outside node feeding the selection becomes one port, ordered top to
  bottom by its position, then by id; inside, it is a placeholder input with its id.
  Selected inputs fed by nothing outside become constants of the group.
- The group sits at the selection's centre rounded to whole pixels; parts keep their
  positions relative to it, so Expand puts them back where they were (exactly, wherever
  the position minus the centre is exact in floating point: whole or grid positions).
- Expand gives the parts their old ids where free (the output part takes the group's
  id), fresh ``type<n>`` ids otherwise; a port left unwired leaves its parts' ports open.
- Collapse (into a gate with ``parts``, sigmoid) takes a selection that is exactly that
  chain, or a group whose parts are: the gate takes the last part's (the group's) id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import CircuitError, coded, coded_text, error_from, text_of
from chainwire.graph.extent import DRAWABLE, drawable
from chainwire.graph.gates import GATES
from chainwire.graph.groups import GROUP, GroupDef, chain_of, check_group_def, parts_def
from chainwire.graph.records import NodeData, Wire


class GroupError(CircuitError):
    """A group, expand or collapse that cannot be made; the message says why."""


@dataclass(frozen=True)
class Edit:
    """A structural edit described before it is made, in the order it is made: remove
    ``remove_wires`` then ``remove_nodes``; add ``add_nodes`` then ``add_wires`` (with
    ``wire_extra``: unknown file keys kept on wires that are put back); mark ``output``."""

    verb: str  # "group", "expand", "collapse"
    remove_wires: tuple[Wire, ...]
    remove_nodes: tuple[str, ...]
    add_nodes: tuple[NodeData, ...]
    add_wires: tuple[Wire, ...]
    output: str | None
    wire_extra: dict[Wire, dict[str, Any]] = field(default_factory=dict)

    @property
    def new_ids(self) -> list[str]:
        """The nodes the edit adds (what the editor selects afterwards)."""
        return [d.id for d in self.add_nodes]


def apply_edit(circuit: Circuit, edit: Edit) -> None:
    """Make ``edit`` on the circuit it was computed from, as one transaction."""
    with circuit.transaction():
        for w in edit.remove_wires:
            circuit.disconnect(w.dst, w.port)
        for n in edit.remove_nodes:
            circuit.remove_node(n)
        for d in edit.add_nodes:
            circuit.add_node(d.type, d.id, label=d.label, value=d.value, param=d.param,
                             pos=d.pos, extra=d.extra)
        for w in edit.add_wires:
            circuit.connect(*w, extra=edit.wire_extra.get(w))
        circuit.set_output(edit.output)


# ----- group ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Selection:
    """What grouping a selection would make (before any name or symbol)."""

    chosen: list[str]
    out: str
    sources: list[str]  # the ports, in order
    inner_wires: list[Wire]
    outer_in: list[Wire]
    outer_out: list[Wire]
    origin: tuple[float, float]


def _analyse(circuit: Circuit, ids: Iterable[str]) -> _Selection:
    wanted = set(ids)
    missing = sorted(n for n in wanted if n not in circuit)
    if missing:
        raise coded(GroupError, "group_no_node", node=repr(missing[0]))
    chosen = [n for n in circuit.node_ids() if n in wanted]
    name = circuit.display_name
    if not any(circuit.type_of(n) != "input" for n in chosen):
        raise coded(GroupError, "group_select")
    inner: list[Wire] = []
    outer_in: list[Wire] = []
    outer_out: list[Wire] = []
    for n in chosen:
        for w in circuit.wires_into(n):
            (inner if w.src in wanted else outer_in).append(w)
        outer_out += [w for w in circuit.wires_out_of(n) if w.dst not in wanted]
    feeds_inside = {w.src for w in inner}
    ends = [n for n in chosen if n not in feeds_inside]
    leaving = list(dict.fromkeys(w.src for w in outer_out))
    if len(leaving) > 1:
        raise coded(GroupError, "group_outputs", names=_names(circuit, leaving))
    if len(ends) > 1:
        raise coded(GroupError, "group_ends", names=_names(circuit, ends))
    out = ends[0]
    if leaving and leaving[0] != out:
        raise coded(GroupError, "group_feeds", node=name(leaving[0]), end=name(out))
    if circuit.output in wanted and circuit.output != out:
        raise coded(GroupError, "group_output_inside", node=name(circuit.output))
    pos = {s: circuit.node(s).pos for s in {w.src for w in outer_in}}
    sources = sorted(pos, key=lambda s: (pos[s][1], s))  # top to bottom, then by id
    count = len(chosen)
    xy = [circuit.node(c).pos for c in chosen]
    origin = (float(round(sum(p[0] / count for p in xy))),
              float(round(sum(p[1] / count for p in xy))))
    return _Selection(chosen, out, sources, inner, outer_in, outer_out, origin)


NAMES_SHOWN = 8
"""At most this many names in a refusal; then "and N more" (a status bar, not a list)."""


def _names(circuit: Circuit, ids: list[str]) -> str:
    """"'a', 'b' and 'c'", coded as a shape list is (``shapes.shapes_text``); beyond
    ``NAMES_SHOWN`` the rest is counted: "'a', …, 'g' and 12 more"."""
    named = [f"'{circuit.display_name(n)}'" for n in ids[:NAMES_SHOWN]]
    if len(ids) > NAMES_SHOWN:
        named[-1] = coded_text("names_more", count=len(ids) - NAMES_SHOWN + 1)
    text = coded_text("shapes_and", some=named[-2], last=named[-1])
    for n in reversed(named[:-2]):
        text = coded_text("shapes_comma", first=n, rest=text)
    return text


def _relative(d: NodeData, origin: tuple[float, float], **changes: Any) -> NodeData:
    fields = {"id": d.id, "type": d.type, "label": d.label, "value": d.value,
              "param": d.param, "extra": d.extra,
              "pos": (d.pos[0] - origin[0], d.pos[1] - origin[1]), **changes}
    return NodeData(**fields)


def _definition(circuit: Circuit, sel: _Selection, name: str, symbol: str) -> GroupDef:
    nodes = []
    for s in sel.sources:  # the placeholder stands where its source is, named as it is
        src = circuit.node(s)
        nodes.append(_relative(src, sel.origin, type="input", label=src.label or s,
                               value=0.0, param=None, extra={}))
    nodes += [_relative(circuit.node(n), sel.origin) for n in sel.chosen]
    wires = sorted(sel.inner_wires + sel.outer_in, key=lambda w: (w.dst, w.port))
    d = GroupDef(name, symbol, tuple(nodes), tuple(wires), tuple(sel.sources), sel.out)
    try:
        return check_group_def(coded_text("group_named", name=name), d)
    except CircuitError as e:
        raise error_from(GroupError, text_of(e)) from None


def _replace(circuit: Circuit, sel: _Selection, node: NodeData, verb: str) -> Edit:
    """Put ``node`` (with the output part's id) in place of the selection."""
    ins = [Wire(s, node.id, i) for i, s in enumerate(sel.sources)]
    extra = {w: e for w in sel.outer_out if (e := circuit.wire_extra(w))}
    removed = list(dict.fromkeys(sel.outer_in + sel.inner_wires + sel.outer_out))
    return Edit(verb, tuple(removed), tuple(sel.chosen), (node,), tuple(ins + sel.outer_out),
                circuit.output, extra)


def group_edit(circuit: Circuit, ids: Iterable[str], name: str = "group",
               symbol: str = "g") -> Edit:
    """Replace the selected nodes by one group node computing the same (see the module)."""
    sel = _analyse(circuit, ids)
    defn = _definition(circuit, sel, name.strip(), symbol.strip())
    out = circuit.node(sel.out)
    return _replace(circuit, sel, NodeData(sel.out, GROUP, out.label, None, defn, sel.origin),
                    "group")


# ----- expand ---------------------------------------------------------------------------
def expandable(circuit: Circuit, node_id: str) -> bool:
    """Whether Expand applies: a group, or a gate with ``parts`` (sigmoid)."""
    t = circuit.type_of(node_id)
    return t == GROUP or bool(GATES[t].parts)


def expand_edit(circuit: Circuit, node_id: str) -> Edit:
    """Replace a group (or a sigmoid) by its parts, where it is (see the module)."""
    d = circuit.node(node_id)
    if d.type == GROUP:
        defn: GroupDef = d.param
    elif GATES[d.type].parts:
        defn = parts_def(d.type)
    else:
        raise coded(GroupError, "cannot_expand", node=circuit.display_name(node_id),
                    gate=d.type)
    ports = set(defn.ports)
    given = circuit.inputs_of(node_id)
    new_id = {p: given[i] for i, p in enumerate(defn.ports) if i in given}
    new_id[defn.output] = new_id.get(defn.output, node_id)
    taken = set(circuit.node_ids()) - {node_id}
    taken.update(new_id.values())
    nodes = []
    for part in defn.nodes:
        if part.id in ports:
            continue
        nid = new_id.get(part.id)
        if nid is None:
            nid = new_id[part.id] = _free_id(part, taken)
        taken.add(nid)
        label = d.label if part.id == defn.output else part.label
        at = (d.pos[0] + part.pos[0], d.pos[1] + part.pos[1])
        if not drawable(*at):  # a file's part at 1e300: refused here, not by add_node
            # halfway through the undo macro, nor by the scene's arithmetic (issue 11)
            raise coded(GroupError, "part_too_far", part=repr(part.id), x=f"{at[0]:g}",
                        y=f"{at[1]:g}", most=f"{DRAWABLE:g}")
        nodes.append(NodeData(nid, part.type, label, part.value, part.param, at,
                              part.extra))
    # upstream first: each connect's loop check searches below its target, which is then
    # not wired yet (in the parts' order, a chain saved bottom-up took seconds per 1,000)
    rank = {n: i for i, (n, *_rest) in enumerate(defn.plan.steps)}
    wires = [Wire(new_id[w.src], new_id[w.dst], w.port)
             for w in sorted(defn.wires, key=lambda w: rank[w.dst])
             if w.src in new_id]  # an unwired port leaves its parts' ports open
    outs = circuit.wires_out_of(node_id)
    moved = [Wire(new_id[defn.output], w.dst, w.port) for w in outs]
    extra = {m: e for w, m in zip(outs, moved, strict=True) if (e := circuit.wire_extra(w))}
    output = circuit.output
    if output == node_id:
        output = new_id[defn.output]
    return Edit("expand", tuple(circuit.wires_of(node_id)), (node_id,), tuple(nodes),
                tuple(wires + moved), output, extra)


def _free_id(part: NodeData, taken: set[str]) -> str:
    if part.id not in taken:
        return part.id
    prefix = "x" if part.type == "input" else part.type
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


# ----- collapse -------------------------------------------------------------------------
def collapse_target(circuit: Circuit, ids: Iterable[str]) -> str | None:
    """The gate type (sigmoid) the selection is exactly the parts of, or None: a chain
    of exactly those parts, or one group whose parts they are."""
    ids = list(ids)
    for t, gate in GATES.items():
        if not gate.parts:
            continue
        if len(ids) == 1 and ids[0] in circuit and circuit.type_of(ids[0]) == GROUP:
            if chain_of(circuit.node(ids[0]).param) == gate.parts:
                return t
        elif len(ids) == len(gate.parts):
            try:
                sel = _analyse(circuit, ids)
                if chain_of(_definition(circuit, sel, t, gate.symbol)) == gate.parts:
                    return t
            except GroupError:
                pass
    return None


def collapse_edit(circuit: Circuit, ids: Iterable[str]) -> Edit:
    """Replace the parts of a gate (or a group of exactly them) by that gate."""
    ids = list(ids)
    t = collapse_target(circuit, ids)
    if t is None:
        parts = ", ".join(f"{p}({c:g})" if c is not None else p
                          for g in GATES.values() for p, c in g.parts)
        raise coded(GroupError, "collapse_parts", parts=parts)
    if len(ids) == 1:  # a group of the parts: the gate takes its place, wires and all
        d = circuit.node(ids[0])
        ws = circuit.wires_of(ids[0])
        extra = {w: e for w in ws if (e := circuit.wire_extra(w))}
        gate = NodeData(d.id, t, d.label, None, None, d.pos, d.extra)
        return Edit("collapse", tuple(ws), (d.id,), (gate,), tuple(ws), circuit.output, extra)
    sel = _analyse(circuit, ids)
    out = circuit.node(sel.out)
    gate = NodeData(sel.out, t, out.label, None, None, sel.origin, out.extra)
    return _replace(circuit, sel, gate, "collapse")
