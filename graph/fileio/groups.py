"""Groups in a file: the ``group`` entry of a node of type ``"group"`` (docs/file-format.md).

```
{"id": "s", "type": "group", "label": "σ", "pos": [690, 0],
 "group": {"name": "sigmoid", "symbol": "σ", "ports": ["add1"], "output": "s",
           "nodes": [...], "wires": [...]}}
```

``nodes`` and ``wires`` are written and read exactly as the file's own: the writer is
``convert.to_dict`` of the parts, the reader ``validate.check_raw`` of them, so an inner
node or wire gets the same checks and the same messages as a top-level one (prefixed by
where it is: ``node 's' (nodes[8]): "group": nodes[1]: ...``), and nested groups recurse
through the same hooks. Then ``groups.check_group_def`` checks what makes a group (ports,
output, every part leading to it). Registered in ``spec``'s hooks when ``fileio`` loads.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import CircuitError, coded, error_from, text_of
from chainwire.graph.fileio import spec
from chainwire.graph.fileio.values import Invalid, kind
from chainwire.graph.groups import GROUP, MAX_DEPTH, GroupDef, check_group_def
from chainwire.graph.records import NodeData, Wire, node_attrs

GROUP_KEYS = ("name", "symbol", "ports", "output", "nodes", "wires")
_depth = [0]  # how deep the reader is inside groups (a file is read on one thread)


def read_group(entry: Any, attrs: dict[str, Any]) -> None:
    """The ``group`` entry as the node's constant (a ``GroupDef``), or ``Invalid``."""
    from chainwire.graph.fileio.validate import check_raw  # validate reads through hooks

    if attrs["type"] != GROUP:
        raise coded(Invalid, "group_on", type=attrs["type"])
    if not isinstance(entry, dict):
        raise coded(Invalid, "it_object", kind=kind(entry))
    for key in entry:
        if key not in GROUP_KEYS:
            raise coded(Invalid, "group_unknown", key=repr(key), keys=", ".join(GROUP_KEYS))
    for key in GROUP_KEYS:
        if key not in entry:
            raise coded(Invalid, "no_entry", key=key)
    for key in ("name", "symbol", "output"):
        if not isinstance(entry[key], str):
            raise coded(Invalid, "must_text", key=key, kind=kind(entry[key]))
    ports = entry["ports"]
    if not isinstance(ports, list) or not all(isinstance(p, str) for p in ports):
        raise coded(Invalid, "ports_ids", kind=kind(ports))
    if _depth[0] >= MAX_DEPTH:
        raise coded(Invalid, "groups_deep", most=MAX_DEPTH)
    _depth[0] += 1
    try:
        checked = check_raw({"format": spec.FORMAT_NAME, "version": spec.FORMAT_VERSION,
                             "nodes": entry["nodes"], "wires": entry["wires"]})
    finally:
        _depth[0] -= 1
    nodes = []
    for nid, a in checked.nodes:
        value = a.get("value")
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
        nodes.append(NodeData(nid, a["type"], a.get("label"), value, a.get("param"),
                              a["pos"], a.get("extra") or {}))
    wires = [Wire(s, d, p) for s, d, p, _extra in checked.wires]  # unknown keys: not kept
    d = GroupDef(entry["name"], entry["symbol"], tuple(nodes), tuple(wires), tuple(ports),
                 entry["output"])
    try:
        attrs["param"] = check_group_def("", d)
    except CircuitError as e:
        raise error_from(Invalid, text_of(e)) from None


def write_group(circuit: Any, node_id: str, nd: dict[str, Any]) -> None:
    """A group node's constant written as its ``group`` entry (instead of ``param``)."""
    if nd["type"] != GROUP:
        return
    nd["group"] = group_entry(nd.pop("param"))


def group_entry(d: GroupDef) -> dict[str, Any]:
    """The ``group`` entry of a definition: its parts through the file's own writer."""
    from chainwire.graph.fileio.convert import to_dict  # convert writes through hooks

    parts = Circuit.assemble(
        [(n.id, node_attrs(n.type, n.id, label=n.label, value=n.value, param=n.param,
                           pos=n.pos, extra=n.extra)) for n in d.nodes],
        [(w.src, w.dst, w.port, None) for w in d.wires])
    data = to_dict(parts)
    return {"name": d.name, "symbol": d.symbol, "ports": list(d.ports), "output": d.output,
            "nodes": data["nodes"], "wires": data["wires"]}


spec.NODE_ENTRY_HOOKS[GROUP] = read_group
spec.NODE_WRITE_HOOKS.append(write_group)
