"""networkx's private storage, for the few readers that need its speed.

A ``MultiDiGraph`` keeps its data in plain dicts: ``_node`` (id -> attribute dict),
``_succ`` (the same object as ``_adj``) and ``_pred`` (id -> neighbour -> key -> edge
attribute dict). Reading them directly costs a fraction of networkx's views (the
circuit's bulk fill, ``circuit_read``'s topology and bulk readers, the read-only view);
the layout has been stable since networkx 2.0. Its stubs (types-networkx) leave these
private attributes out, so this module is the one place that names them to the type
checker.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

Attrs = dict[str, Any]
NodeStore = dict[str, Attrs]
"""Node id -> its attribute dict."""
Adjacency = dict[str, dict[str, dict[int, Attrs]]]
"""Node id -> neighbour -> edge key (the port) -> the edge's attribute dict."""


def node_store(g: nx.MultiDiGraph) -> NodeStore:
    return g._node  # type: ignore[attr-defined]  # private, left out of the stubs


def succ_store(g: nx.MultiDiGraph) -> Adjacency:
    return g._succ  # type: ignore[attr-defined]  # private, left out of the stubs


def pred_store(g: nx.MultiDiGraph) -> Adjacency:
    return g._pred  # type: ignore[attr-defined]  # private, left out of the stubs


def adj_store(g: nx.MultiDiGraph) -> Adjacency:
    """``_adj``: a directed graph's is its ``_succ`` (the fast paths check that)."""
    return g._adj  # type: ignore[attr-defined]  # private, left out of the stubs
