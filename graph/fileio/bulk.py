"""Checking the nodes and wires of a file column by column, for the common valid file.

A 100,000-gate file is half a million JSON values; checking them one node at a time
(``entries.check_node``) costs ~0.4 s of Python. Here each column (ids, types, positions,
values, constants; sources, targets, ports) is pulled out once and checked with set,
``map`` and ``zip`` operations that run in C. This path only ever *accepts*: at the first
thing it does not expect (an unknown key, a group, an integer value, anything wrong) it
returns None and the element-by-element check runs instead, which words the message
(so every message stays the one ``entries`` gives). What it accepts, it accepts with the
very attributes the element-by-element check would have made.
"""

from __future__ import annotations

import math
import operator
from itertools import repeat
from typing import Any

from chainwire.graph.fileio import spec
from chainwire.graph.fileio.entries import Wire
from chainwire.graph.gates import GATES

_PLAIN_NODE_KEYS = frozenset(("id", "type", "label", "value", "param", "pos"))
_NUMBERS = frozenset((int, float))
_TEXT_OR_NONE = frozenset((str, type(None)))
_WITH_DEFAULT = {n: g.param_default for n, g in GATES.items() if g.param_default is not None}
_PLAIN_TYPES = frozenset(n for n, g in GATES.items()
                         if not g.has_param or g.param_default is not None)
"""Gate types whose node needs nothing but the plain keys (not a group)."""

Nodes = list[tuple[str, dict[str, Any]]]


def nodes(raw: list[Any]) -> tuple[Nodes, dict[str, int], dict[str, int]] | None:
    """``(nodes as assemble takes them, id -> index, id -> port count)``, or None when
    some node is not a plain, valid one (the caller then checks node by node)."""
    n = len(raw)
    if not n or set(map(type, raw)) != {dict} \
            or not all(map(_PLAIN_NODE_KEYS.issuperset, raw)):
        return None
    ids = [nd.get("id") for nd in raw]
    types = [nd.get("type") for nd in raw]
    labels = [nd.get("label") for nd in raw]
    poss = [nd.get("pos") for nd in raw]
    if set(map(type, ids)) != {str} or "" in ids or set(map(type, types)) != {str} \
            or not _PLAIN_TYPES.issuperset(types) \
            or not _TEXT_OR_NONE.issuperset(map(type, labels)):
        return None
    index_of = dict(zip(ids, range(n), strict=True))
    if len(index_of) != n:  # a repeated id
        return None
    xy = _positions(poss)
    if xy is None:
        return None
    attrs = [{"type": t, "label": lb, "pos": p} for t, lb, p in zip(types, labels, xy, strict=True)]
    values = [nd.get("value") for nd in raw]
    if _column(values, types, "input", attrs, "value", None) is None \
            or values.count(None) != n - types.count("input"):
        return None  # an input without a usable value, or a value on a gate
    params = [nd.get("param") for nd in raw]
    left_out = 0  # constants left out (the gate's default), among gates that have one
    with_param = 0
    for type_, default in _WITH_DEFAULT.items():
        if type_ in types:
            with_param += types.count(type_)
            nones = _column(params, types, type_, attrs, "param", default)
            if nones is None:
                return None
            left_out += nones
    if params.count(None) - left_out != n - with_param:
        return None  # a constant on a gate that has none
    ports = spec.PORTS
    ports_of = dict(zip(ids, map(ports.__getitem__, types), strict=True))
    return list(zip(ids, attrs, strict=True)), index_of, ports_of


def _positions(poss: list[Any]) -> list[tuple[float, float]] | None:
    """Every "pos" as (x, y) floats, or None unless all are [number, number], finite."""
    if set(map(type, poss)) != {list} or set(map(len, poss)) != {2}:
        return None
    xs = [p[0] for p in poss]
    ys = [p[1] for p in poss]
    if not _NUMBERS.issuperset(map(type, xs)) or not _NUMBERS.issuperset(map(type, ys)):
        return None
    try:
        fx, fy = list(map(float, xs)), list(map(float, ys))
    except OverflowError:  # an integer beyond float range
        return None
    if not (all(map(math.isfinite, fx)) and all(map(math.isfinite, fy))):
        return None
    return list(zip(fx, fy, strict=True))


def _column(col: list[Any], types: list[Any], type_: str, attrs: list[dict[str, Any]],
            key: str, default: float | None) -> int | None:
    """Put ``col``'s entries into ``attrs[i][key]`` for the nodes of ``type_`` if each is
    a finite float (or None, given a default); how many were None (None: not all fit)."""
    at = [i for i, t in enumerate(types) if t == type_]
    got = [col[i] for i in at]
    nones = 0
    if default is not None:
        nones = got.count(None)
        if nones:
            got = [default if v is None else v for v in got]
    if set(map(type, got)) - {float} or not all(map(math.isfinite, got)):
        return None
    for i, v in zip(at, got, strict=True):
        attrs[i][key] = v
    return nones


def wires(raw: list[Any], index_of: dict[str, int],
          ports_of: dict[str, int]) -> tuple[list[Wire], bool] | None:
    """``(wires as assemble takes them, whether each runs to a later node)``, or None
    when some wire is not a plain, valid one (then they are checked one by one)."""
    if not raw:
        return [], True
    if set(map(type, raw)) != {dict} or set(map(len, raw)) != {3} \
            or not all(map(_WIRE_KEYS.issuperset, raw)):
        return None
    srcs = [w["from"] for w in raw]
    dsts = [w["to"] for w in raw]
    ports = [w["port"] for w in raw]
    if set(map(type, srcs)) != {str} or set(map(type, dsts)) != {str} \
            or set(map(type, ports)) != {int} or min(ports) < 0:
        return None
    try:
        src_at = list(map(index_of.__getitem__, srcs))
        dst_at = list(map(index_of.__getitem__, dsts))
    except KeyError:  # a wire names no node
        return None
    counts = list(ports_of.values())  # in node order, as index_of
    if not all(map(operator.lt, ports, map(counts.__getitem__, dst_at))):
        return None  # no such port (an input has none)
    width = max(ports) + 1  # (target, port) as one number: a set of ints hashes fast
    if len(set(map(operator.add, map(operator.mul, dst_at, repeat(width)), ports))) \
            != len(raw):
        return None  # a port wired twice
    forward = all(map(operator.lt, src_at, dst_at))
    return list(zip(srcs, dsts, ports, repeat(None))), forward


_WIRE_KEYS = frozenset(("from", "to", "port"))
