"""A live, read-only networkx view of the circuit's private graph, attributes included.

``networkx``'s own ``copy(as_view=True)`` refuses structural edits but hands out the
model's attribute dicts, so ``c.graph.nodes["x"]["value"] = 5`` would change the model
behind its back (no validation, no announcement). This view shares the graph's dicts
without copying (it follows every edit at no cost) but wraps each level of them in a
read-only mapping: attribute dicts come out as ``MappingProxyType``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("x", value=1.0); g.add_edge("x", "y", key=0)
0
>>> v = readonly_view(g)
>>> v.nodes["x"]["value"]
1.0
>>> v.nodes["x"]["value"] = 5
Traceback (most recent call last):
...
TypeError: 'mappingproxy' object does not support item assignment
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import networkx as nx

from chainwire.graph.nx_store import node_store, pred_store, succ_store

__all__ = ["readonly_view"]


class _Levels(Mapping):
    """A dict of dicts seen read-only, ``depth`` levels down to the attribute dicts."""

    __slots__ = ("_d", "_depth")

    def __init__(self, d: dict, depth: int) -> None:
        self._d, self._depth = d, depth

    def __getitem__(self, key: Any) -> Mapping:
        v = self._d[key]
        return _Levels(v, self._depth - 1) if self._depth > 1 else MappingProxyType(v)

    def __iter__(self) -> Iterator:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._d
        except TypeError:  # unhashable
            return False

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._d!r})"


def readonly_view(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A frozen view of ``g`` whose node and edge attributes cannot be changed through it."""
    view = nx.freeze(g.__class__())
    view._graph = g
    view.graph = MappingProxyType(g.graph)
    # the view replaces networkx's private storage (nx_store), which its stubs leave out
    view._node = _Levels(node_store(g), 1)
    # also sets _adj (networkx keeps them in step)
    view._succ = _Levels(succ_store(g), 3)
    view._pred = _Levels(pred_store(g), 3)
    return view
