"""Checking the entries of a circuit file: one node, one wire, the loops, the annotations.

A node's attributes come out exactly as ``records.node_attrs`` (what ``Circuit.add_node``
stores) would make them, so ``Circuit.assemble`` can take them as they are. Written for
speed on valid entries (100,000-node files); anything unusual falls back to the helpers
in ``values`` that word the message.
"""

from __future__ import annotations

import copy
from typing import Any

from chainwire.graph.errors import coded, coded_text, text_of
from chainwire.graph.fileio import spec
from chainwire.graph.fileio.spec import (
    ANNOTATION_KEYS,
    KNOWN_GATES,
    NODE_KEYS,
    RESERVED_NODE_KEYS,
    WIRE_KEYS,
)
from chainwire.graph.fileio.values import Invalid, free, kind, number, position, where
from chainwire.graph.gates import GATES
from chainwire.graph.records import DEFAULT_FONT_SIZE, Annotation
from chainwire.graph.value_text import value_from_json

Wire = tuple[str, str, int, "dict[str, Any] | None"]
"""(source, target, port, unknown keys or None): what ``Circuit.assemble`` takes."""

_NUMBER_TYPES = frozenset((int, float))
_INF = float("inf")
_UNKNOWN = coded_text("an_unknown_entry")  # made once: checked for every node with one


def node_where(i: int, nid: Any) -> str:
    """How a message names a node: by id and index when it has a usable id."""
    if isinstance(nid, str) and nid:
        return coded_text("where_node", node=repr(nid), index=i)
    return f"nodes[{i}]"


def check_id(nd: dict[str, Any], nid: Any, index_of: dict[str, int]) -> str:
    """The node's id ``nid`` (its "id" entry): a non-empty text no earlier node has."""
    if not isinstance(nid, str) or not nid:
        if "id" not in nd:
            raise coded(Invalid, "no_entry", key="id")
        raise coded(Invalid, "id_type", kind=kind(nid))
    if nid in index_of:
        raise coded(Invalid, "id_used", node=repr(nid), index=index_of[nid])
    return nid


def check_node(nd: dict[str, Any], parsed: bool = False) -> dict[str, Any]:
    """The attributes of one node, exactly as ``Circuit.add_node`` stores them
    (``parsed``: see ``validate.check``); its id is ``check_id``'s."""
    type_ = nd.get("type")
    gate = GATES.get(type_) if isinstance(type_, str) else None
    if gate is None:
        if "type" not in nd:
            raise coded(Invalid, "no_type", known=KNOWN_GATES)
        if not isinstance(type_, str):
            raise coded(Invalid, "must_text", key="type", kind=kind(type_))
        raise coded(Invalid, "unknown_type", type=repr(type_), known=KNOWN_GATES)
    label = nd.get("label")
    if label is not None and not isinstance(label, str):
        raise coded(Invalid, "must_text", key="label", kind=kind(label))
    pos = nd.get("pos")
    if type(pos) is list and len(pos) == 2 and type(pos[0]) in _NUMBER_TYPES \
            and type(pos[1]) in _NUMBER_TYPES:
        try:
            xy = (float(pos[0]), float(pos[1]))
        except OverflowError:
            xy = (_INF, _INF)
        if xy[0] - xy[0] != 0.0 or xy[1] - xy[1] != 0.0:
            xy = position(pos, '"pos"')  # raises, with the message
    elif "pos" not in nd:
        raise coded(Invalid, "no_pos")
    else:
        xy = position(pos, '"pos"')
    attrs: dict[str, Any] = {"type": type_, "label": label, "pos": xy}
    if type_ == "input":
        value = nd.get("value")
        if type(value) is float and value - value == 0.0:
            attrs["value"] = value
        elif "value" not in nd:
            raise coded(Invalid, "input_value")
        elif isinstance(value, (list, tuple)):
            try:
                attrs["value"] = value_from_json(value)
            except ValueError as e:
                raise where('"value"', text_of(e)) from None
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise coded(Invalid, "value_type", kind=kind(value))
        else:
            attrs["value"] = number(value, '"value"')
    elif nd.get("value") is not None:
        raise coded(Invalid, "gate_no_value", type=type_)
    param = nd.get("param")
    if gate.param_default is not None:
        if type(param) is float and param - param == 0.0:
            attrs["param"] = param
        else:
            attrs["param"] = (gate.param_default if param is None
                              else number(param, '"param"'))
    elif param is not None:
        with_param = ", ".join(n for n, g in GATES.items() if g.param_default is not None)
        raise coded(Invalid, "gate_no_param", type=type_, with_param=with_param)
    if not RESERVED_NODE_KEYS.isdisjoint(nd):
        _reserved_entries(nd, attrs)
    if gate.has_param and "param" not in attrs:  # a constant with no default: a group's
        raise coded(Invalid, "node_needs", type=type_)
    if not NODE_KEYS.issuperset(nd):
        extra = {k: v for k, v in nd.items() if k not in NODE_KEYS}
        free(extra, 2, _UNKNOWN, parsed)
        attrs["extra"] = extra if parsed else copy.deepcopy(extra)
    return attrs


def _reserved_entries(nd: dict[str, Any], attrs: dict[str, Any]) -> None:
    """Reserved keys (``group``) are read by their hooks, or the file is refused."""
    for key in sorted(RESERVED_NODE_KEYS.intersection(nd)):
        hook = spec.NODE_ENTRY_HOOKS.get(key)
        if hook is None:
            raise coded(Invalid, "reserved", key=key)
        try:
            hook(nd[key], attrs)
        except Invalid as e:
            raise where(f'"{key}"', e) from None


def wire_what(w: Any) -> str:
    """`` ('a' → 'b')`` for a message about a wire, when its ends are text."""
    if isinstance(w, dict) and isinstance(w.get("from"), str) and isinstance(w.get("to"), str):
        return f" ({w['from']!r} → {w['to']!r})"
    return ""


def check_wire(w: Any, ports_of: dict[str, int], taken: dict[tuple[str, int], int],
               i: int, parsed: bool = False) -> Wire:
    """The full check of one wire, with a message for every problem."""
    if not isinstance(w, dict):
        raise coded(Invalid, "wire_object", kind=kind(w))
    ends = []
    for key in ("from", "to"):
        if key not in w:
            raise coded(Invalid, "no_entry", key=key)
        v = w[key]
        if not isinstance(v, str):
            raise coded(Invalid, "must_id", key=key, kind=kind(v))
        if v not in ports_of:
            raise coded(Invalid, "no_such_node", key=key, node=repr(v))
        ends.append(v)
    src, dst = ends
    if "port" not in w:
        raise coded(Invalid, "no_entry", key="port")
    port = w["port"]
    if isinstance(port, bool) or not isinstance(port, int):
        raise coded(Invalid, "port_type", kind=kind(port))
    ports = ports_of[dst]
    if ports == 0:
        raise coded(Invalid, "file_port_on_input", node=repr(dst))
    if ports == 1 and port != 0:
        raise coded(Invalid, "one_port", node=repr(dst), port=port)
    if not 0 <= port < ports:
        raise coded(Invalid, "ports_range", node=repr(dst), last=ports - 1, port=port)
    port = int(port)
    first = taken.setdefault((dst, port), i)
    if first != i:
        raise coded(Invalid, "file_port_taken", port=port, node=repr(dst), first=first)
    extra = {k: v for k, v in w.items() if k not in WIRE_KEYS}
    if extra:
        free(extra, 2, _UNKNOWN, parsed)
        return (src, dst, port, extra if parsed else copy.deepcopy(extra))
    return (src, dst, port, None)


def check_acyclic(index_of: dict[str, int], wires: list[Wire]) -> None:
    """Kahn's algorithm, iterative; on a loop, name its nodes and wires."""
    n_nodes = len(index_of)
    indeg = [0] * n_nodes
    succ: list[list[int]] = [[] for _ in range(n_nodes)]
    for s, d, _p, _a in wires:
        di = index_of[d]
        succ[index_of[s]].append(di)
        indeg[di] += 1
    ready = [i for i, k in enumerate(indeg) if k == 0]
    done = 0
    while ready:
        n = ready.pop()
        done += 1
        for nxt in succ[n]:
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                ready.append(nxt)
    if done == n_nodes:
        return
    # Every node left has a predecessor that is also left: walk back until one repeats.
    pred: dict[str, str] = {}
    first_wire: dict[tuple[str, str], int] = {}
    for i, (s, d, _p, _a) in enumerate(wires):
        if indeg[index_of[d]] > 0 and indeg[index_of[s]] > 0:
            pred.setdefault(d, s)
            first_wire.setdefault((s, d), i)
    at = next(iter(pred))
    seen: dict[str, int] = {}
    path: list[str] = []
    while at not in seen:
        seen[at] = len(path)
        path.append(at)
        at = pred[at]
    loop = path[seen[at]:][::-1]  # forward direction
    idx = [first_wire[a, b] for a, b in zip(loop, loop[1:] + loop[:1], strict=True)]
    k = idx.index(min(idx))  # start at the loop's first wire in the file
    loop, idx = loop[k:] + loop[:k], idx[k:] + idx[:k]
    names = " → ".join(repr(x) for x in [*loop, loop[0]])
    ws = ", ".join(f"wires[{i}]" for i in idx)
    raise coded(Invalid, "file_loop", wires=ws, names=names)


def check_annotations(anns: Any, parsed: bool = False) -> list[Annotation]:
    """The ``annotations`` list as records; unknown keys go into ``extra``."""
    if anns is None:
        return []
    if not isinstance(anns, list):
        raise coded(Invalid, "must_list", key="annotations", kind=kind(anns))
    if len(anns) > spec.MAX_ITEMS:
        raise coded(Invalid, "too_many_annotations", count=f"{len(anns):,}",
                    most=f"{spec.MAX_ITEMS:,}")
    result = []
    for i, a in enumerate(anns):
        at = f"annotations[{i}]"
        if not isinstance(a, dict):
            raise coded(Invalid, "item_object", where=at, kind=kind(a))
        text = a.get("text")
        if not isinstance(text, str):
            missing = coded_text("kind_missing")
            raise where(at, coded_text("must_text", key="text",
                                       kind=kind(text) if "text" in a else missing))
        if "pos" not in a:
            raise where(at, coded_text("no_pos"))
        try:
            pos = position(a["pos"], '"pos"')
            size = a.get("font_size")
            size = DEFAULT_FONT_SIZE if size is None else number(size, '"font_size"')
        except Invalid as e:
            raise where(at, e) from None
        if size <= 0:
            raise where(at, coded_text("font_size", size=repr(size)))
        rest = {k: v for k, v in a.items() if k not in ANNOTATION_KEYS}
        if rest:
            free(rest, 3, coded_text("where", where=at, problem=_UNKNOWN),
                 parsed)
            if not parsed:
                rest = copy.deepcopy(rest)
        result.append(Annotation(text, pos, size, rest))
    return result
