"""Checking a whole circuit file before anything is built (docs/file-format.md).

The raw JSON is checked completely first: networkx would silently merge duplicate ids
and invent nodes for dangling wires. The result, ``Checked``, holds parts in exactly the
shape ``Circuit.assemble`` takes, so building never re-checks and never fails halfway.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from chainwire.graph.circuit import port_count
from chainwire.graph.errors import FileFormatError, coded, coded_text
from chainwire.graph.fileio import bulk, spec
from chainwire.graph.fileio.entries import (
    Wire,
    check_acyclic,
    check_annotations,
    check_id,
    check_node,
    check_wire,
    node_where,
    wire_what,
)
from chainwire.graph.fileio.spec import MIGRATIONS, TOP_KEYS
from chainwire.graph.fileio.values import Invalid, free, kind, where
from chainwire.graph.records import Annotation


@dataclass
class Checked:
    """Everything needed to build the circuit, already validated."""

    nodes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    wires: list[Wire] = field(default_factory=list)
    output: str | None = None
    title: str | None = None
    notes: str | None = None
    view: dict[str, Any] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def validate(data: Any, source: str = "<data>") -> None:
    """Raise ``FileFormatError`` if ``data`` (parsed JSON) is not a valid circuit file."""
    check(data, source)


def check(data: Any, source: str, parsed: bool = False) -> Checked:
    """``data`` checked, or one ``FileFormatError`` naming ``source``, what and where.

    ``parsed``: ``data`` is fresh from the strict parser and nobody else holds it, so
    unknown entries need only their depth checked and are kept without a copy.
    """
    try:
        return check_raw(data, parsed)
    except Invalid as e:
        raise coded(FileFormatError, "file_problem", source=source, problem=e) from None


def _check_header(data: Any) -> dict[str, Any]:
    """The format, version and migrations: refuse a newer file before looking further."""
    if not isinstance(data, dict):
        raise coded(Invalid, "top_level", kind=kind(data))
    if "format" not in data:
        raise coded(Invalid, "no_format")
    if data["format"] != spec.FORMAT_NAME:
        raise coded(Invalid, "format_is", kind=kind(data["format"]), name=spec.FORMAT_NAME)
    if "version" not in data:
        raise coded(Invalid, "no_version", version=spec.FORMAT_VERSION)
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise coded(Invalid, "version_type", version=spec.FORMAT_VERSION, kind=kind(version))
    if version > spec.FORMAT_VERSION:
        raise coded(Invalid, "newer_format", version=version, supported=spec.FORMAT_VERSION)
    if version < 1:
        raise coded(Invalid, "version_small", version=version)
    for v in range(version, spec.FORMAT_VERSION):
        data = MIGRATIONS[v](data)
    return data


def check_raw(data: Any, parsed: bool = False) -> Checked:
    """The checked parts of ``data``; ``Invalid`` (without the source) if it is not valid."""
    data = _check_header(data)
    out = Checked()

    # ----- nodes
    if "nodes" not in data:
        raise coded(Invalid, "no_nodes")
    nodes = data["nodes"]
    if not isinstance(nodes, list):
        raise coded(Invalid, "must_list", key="nodes", kind=kind(nodes))
    if len(nodes) > spec.MAX_ITEMS:
        raise coded(Invalid, "too_many_nodes", count=f"{len(nodes):,}",
                    most=f"{spec.MAX_ITEMS:,}")
    fast = bulk.nodes(nodes)  # the plain valid file, column by column; else node by node
    if fast is not None:
        out.nodes, index_of, ports_of = fast
    else:
        index_of, ports_of = _check_nodes(nodes, out, parsed)
    _check_wires(data, index_of, ports_of, out, parsed)
    _check_rest(data, index_of, out, parsed)
    return out


def _check_nodes(nodes: list[Any], out: Checked,
                 parsed: bool) -> tuple[dict[str, int], dict[str, int]]:
    """Node by node, with a message naming the first bad one; (id -> index, id -> ports)."""
    index_of: dict[str, int] = {}
    ports_of: dict[str, int] = {}  # how many input ports a node has (0 for inputs)
    append_node = out.nodes.append
    for i, nd in enumerate(nodes):
        if type(nd) is not dict and not isinstance(nd, dict):
            raise coded(Invalid, "item_object", where=f"nodes[{i}]", kind=kind(nd))
        nid = nd.get("id")
        try:
            nid = check_id(nd, nid, index_of)
            attrs = check_node(nd, parsed)
        except Invalid as e:
            raise where(node_where(i, nid), e) from None
        append_node((nid, attrs))
        index_of[nid] = i
        ports_of[nid] = port_count(attrs["type"], attrs.get("param"))  # a group's: its own
    return index_of, ports_of


def _check_wires(data: dict[str, Any], index_of: dict[str, int], ports_of: dict[str, int],
                 out: Checked, parsed: bool) -> None:
    wires = data.get("wires", [])
    if not isinstance(wires, list):
        raise coded(Invalid, "must_list", key="wires", kind=kind(wires))
    if len(wires) > spec.MAX_ITEMS:
        raise coded(Invalid, "too_many_wires", count=f"{len(wires):,}",
                    most=f"{spec.MAX_ITEMS:,}")
    fast = bulk.wires(wires, index_of, ports_of)
    if fast is not None:
        out.wires, forward = fast
    else:
        forward = _check_wires_one_by_one(wires, index_of, ports_of, out, parsed)
    if not forward:
        check_acyclic(index_of, out.wires)


def _check_wires_one_by_one(wires: list[Any], index_of: dict[str, int],
                            ports_of: dict[str, int], out: Checked, parsed: bool) -> bool:
    """Wire by wire, with a message naming the first bad one; whether every wire runs
    from an earlier node to a later one."""
    taken: dict[tuple[str, int], int] = {}
    forward = True  # every wire runs from an earlier node to a later one: surely acyclic
    append_wire = out.wires.append
    for i, w in enumerate(wires):
        # fast path for the plain, valid wire; anything else gets the full check
        if type(w) is dict and len(w) == 3:
            src, dst, port = w.get("from"), w.get("to"), w.get("port")
            if (type(src) is str and type(dst) is str and type(port) is int
                    and src in index_of and 0 <= port < ports_of.get(dst, 0)
                    and (dst, port) not in taken):
                taken[dst, port] = i
                append_wire((src, dst, port, None))
                if forward and index_of[src] >= index_of[dst]:
                    forward = False
                continue
        try:
            wire = check_wire(w, ports_of, taken, i, parsed)
        except Invalid as e:
            raise where(f"wires[{i}]{wire_what(w)}", e) from None
        append_wire(wire)
        forward = forward and index_of[wire[0]] < index_of[wire[1]]
    return forward


def _check_rest(data: dict[str, Any], index_of: dict[str, int], out: Checked,
                parsed: bool) -> None:
    """The output, title, notes, view, annotations and unknown top-level entries."""
    output = data.get("output")
    if output is not None:
        if not isinstance(output, str):
            raise coded(Invalid, "must_id", key="output", kind=kind(output))
        if output not in index_of:
            raise coded(Invalid, "no_such_node", key="output", node=repr(output))
    out.output = output
    for key in ("title", "notes"):
        v = data.get(key)
        if v is not None and not isinstance(v, str):
            raise coded(Invalid, "must_text", key=key, kind=kind(v))
        setattr(out, key, v)
    view = data.get("view")
    if view is not None:
        if not isinstance(view, dict):
            raise coded(Invalid, "must_object", key="view", kind=kind(view))
        free(view, 1, '"view"', parsed)
        out.view = view if parsed else copy.deepcopy(view)
    out.annotations = check_annotations(data.get("annotations"), parsed)
    for k, v in data.items():
        if k not in TOP_KEYS:
            free(v, 1, coded_text("the_entry", key=repr(k)), parsed)
            out.extra[k] = v if parsed else copy.deepcopy(v)
