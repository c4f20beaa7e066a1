"""Layers and the order within them: the first two stages of a Sugiyama layout.

Why our own code rather than a library: the circuits are small (tens of gates), the
wires enter *numbered ports* whose top-to-bottom order matters for crossings, and the
inputs must all sit in the first layer. grandalf (pure Python Sugiyama) knows no ports
and has not been released since 2023; Graphviz's dot is the quality bar, measured in
``benchmarks/layout_quality.py``.

1. **Layers.** Inputs (and gates with nothing wired in) are layer 0; every other node
   sits right of its inputs. A node then moves to whichever end of its free range makes
   its wires shorter (more wires out than in: right), and the output f goes last.
2. **Dummies.** A wire spanning several layers gets one dummy per layer it passes, so it
   can run through the gap between two gates there (``Dummy``).
3. **Order.** Barycentre and median sweeps, down and up, each followed by adjacent
   transpositions, keeping the order with the fewest crossings. Deterministic: ties keep
   the circuit's own node order (for a parsed expression, the order names appear).

>>> from chainwire.graph.expr import parse
>>> lay = arrange(parse("(x + y) * z"))
>>> [[str(i) for i in layer] for layer in lay.layers]
[['x', 'y', 'z'], ['add1', 'z>multiply1:1@1'], ['multiply1']]
>>> lay.crossings()
0
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from statistics import median
from typing import NamedTuple

import networkx as nx

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.geometry import shown_ports

_SWEEPS = 8  # down-up sweep pairs per strategy; circuits a person draws settle in fewer
_TRANSPOSE_LIMIT = 3000  # items above which adjacent transposition is skipped (speed)


class Dummy(NamedTuple):
    """Where ``wire`` passes layer ``layer`` (between its source's and target's layers)."""

    wire: Wire
    layer: int

    def __str__(self) -> str:
        w = self.wire
        return f"{w.src}>{w.dst}:{w.port}@{self.layer}"


Item = Hashable  # a node id (str) or a Dummy


@dataclass
class Layered:
    """A circuit in layers: ``layers[k]`` top to bottom, and each wire's chain of items."""

    layers: list[list[Item]]
    layer_of: dict[str, int]
    chains: dict[Wire, list[Item]]
    port_frac: dict[Wire, float] = field(default_factory=dict)  # port height in a node, 0..1
    _edges: list[list[tuple[Item, Item, Wire]]] = field(default_factory=list, repr=False)

    def edges(self, k: int) -> list[tuple[Item, Item, Wire]]:
        """The chain links from layer ``k`` to layer ``k + 1``."""
        if not self._edges:
            self._edges = [[] for _ in self.layers]
            for w, chain in self.chains.items():
                first = self.layer_of[w.src]
                for i in range(len(chain) - 1):
                    self._edges[first + i].append((chain[i], chain[i + 1], w))
        return self._edges[k] if 0 <= k < len(self._edges) else []

    def crossings(self) -> int:
        """Pairs of wires that cross between adjacent layers, given the order."""
        pos = self.positions()
        return sum(_count(self._keys(k, pos)) for k in range(len(self.layers) - 1))

    def positions(self) -> dict[Item, int]:
        return {item: i for layer in self.layers for i, item in enumerate(layer)}

    def _keys(self, k: int, pos: dict[Item, int]) -> list[tuple[float, float]]:
        return [(pos[u], self._target_key(v, w, pos)) for u, v, w in self.edges(k)]

    def _target_key(self, v: Item, w: Wire, pos: dict[Item, int]) -> float:
        return pos[v] + (self.port_frac.get(w, 0.5) if v == w.dst else 0.5)


def layers(circuit: Circuit) -> dict[str, int]:
    """Each node's layer: inputs 0, wires rightwards, short wires, the output last."""
    g = circuit.graph
    layer: dict[str, int] = {}
    topo = list(nx.topological_sort(g))
    for n in topo:
        preds = [layer[p] for p in g.predecessors(n)]
        layer[n] = max(preds) + 1 if preds else 0
    output = circuit.resolved_output()[0]
    for _ in range(len(topo)):  # move each node to the end of its range with shorter wires
        moved = False
        for n in reversed(topo):
            if circuit.type_of(n) == "input" or n == output:
                continue
            ins, outs = g.in_degree(n), g.out_degree(n)
            if outs <= ins or outs == 0:
                continue
            hi = min(layer[s] for s in g.successors(n)) - 1
            if hi > layer[n]:
                layer[n], moved = hi, True
        if not moved:
            break
    if output is not None and g.out_degree(output) == 0 and layer:
        layer[output] = max(max(layer.values()), layer[output])
    return layer


def arrange(circuit: Circuit) -> Layered:
    """Layers, dummies and a low-crossing order for ``circuit``."""
    g = circuit.graph
    rank = {n: i for i, n in enumerate(g.nodes)}
    layer_of = layers(circuit)
    depth = max(layer_of.values(), default=-1) + 1
    cols: list[list[Item]] = [[] for _ in range(depth)]
    for n in sorted(g.nodes, key=rank.__getitem__):
        cols[layer_of[n]].append(n)
    chains: dict[Wire, list[Item]] = {}
    frac: dict[Wire, float] = {}
    shown = {n: shown_ports(circuit, n) for n in g.nodes}
    for w in sorted(circuit.wires(), key=lambda w: (rank[w.src], rank[w.dst], w.port)):
        a, b = layer_of[w.src], layer_of[w.dst]
        dummies = [Dummy(w, k) for k in range(a + 1, b)]
        for d in dummies:
            cols[d.layer].append(d)
        chains[w] = [w.src, *dummies, w.dst]
        ports = shown[w.dst]
        i = ports.index(w.port) if w.port in ports else 0
        frac[w] = (i + 1) / (len(ports) + 1)
    lay = Layered(cols, layer_of, chains, frac)
    _minimise(lay)
    return lay


# ----- crossing minimisation --------------------------------------------------------------

def _minimise(lay: Layered) -> None:
    if len(lay.layers) < 2:
        return
    best, best_n = [list(c) for c in lay.layers], lay.crossings()
    transpose = sum(map(len, lay.layers)) <= _TRANSPOSE_LIMIT
    starts = [[list(c) for c in lay.layers], _tree_order(lay)]
    for start, pick in ((s, p) for s in starts for p in (_mean, median)):
        lay.layers = [list(c) for c in start]
        n = lay.crossings()
        if n < best_n:
            best, best_n = [list(c) for c in lay.layers], n
        idle = 0
        for _ in range(_SWEEPS):
            if best_n == 0 or idle >= 2:  # dot's rule: stop when sweeps stop helping
                break
            idle += 1
            for down in (True, False):
                _sweep(lay, down, pick)
                if transpose:
                    _transpose(lay)
                n = lay.crossings()
                if n < best_n:
                    best, best_n, idle = [list(c) for c in lay.layers], n, 0
    lay.layers = best


def _tree_order(lay: Layered) -> list[list[Item]]:
    """A start that draws a tree uncrossed: depth-first from the sinks, through each
    node's inputs in port order, each layer ordered by first visit."""
    into: dict[Item, list[tuple[int, Item]]] = {}
    for k in range(len(lay.layers) - 1):
        for u, v, w in lay.edges(k):
            into.setdefault(v, []).append((w.port if v == w.dst else 0, u))
    seen: dict[Item, int] = {}
    sinks = [i for i in reversed(lay.layers[-1])] + [
        i for layer in lay.layers[::-1] for i in layer]
    for root in sinks:
        stack = [root]
        while stack:
            item = stack.pop()
            if item in seen:
                continue
            seen[item] = len(seen)
            stack += [u for _, u in sorted(into.get(item, ()), reverse=True)]
    return [sorted(layer, key=seen.__getitem__) for layer in lay.layers]


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def _sweep(lay: Layered, down: bool, pick) -> None:
    """Reorder each layer by the barycentre (or median) of its neighbours on one side."""
    ks = range(1, len(lay.layers)) if down else range(len(lay.layers) - 2, -1, -1)
    pos = lay.positions()  # kept up to date layer by layer (rebuilding it is O(nodes))
    for k in ks:
        near: dict[Item, list[float]] = {}
        for u, v, w in lay.edges(k - 1 if down else k):
            if down:
                near.setdefault(v, []).append(pos[u])
            else:
                near.setdefault(u, []).append(lay._target_key(v, w, pos))
        col = lay.layers[k]
        keyed = [(pick(near[it]) if it in near else float(i), i, it) for i, it in enumerate(col)]
        lay.layers[k] = [it for *_, it in sorted(keyed, key=lambda t: (t[0], t[1]))]
        for i, it in enumerate(lay.layers[k]):
            pos[it] = i


def _transpose(lay: Layered) -> None:
    """Swap neighbours in a layer while that removes crossings (Gansner et al.'s dot)."""
    for _ in range(4):
        improved = False
        pos = lay.positions()  # kept up to date swap by swap (rebuilding it is O(nodes))
        for k, col in enumerate(lay.layers):
            left = _ends(lay, k - 1, pos, incoming=True) if k > 0 else {}
            right = _ends(lay, k, pos, incoming=False) if k + 1 < len(lay.layers) else {}
            for i in range(len(col) - 1):
                u, v = col[i], col[i + 1]
                now, then = _pair(left, right, u, v)
                if then < now:
                    col[i], col[i + 1] = v, u
                    pos[v], pos[u] = i, i + 1
                    improved = True
        if not improved:
            return


def _ends(lay: Layered, k: int, pos: dict[Item, int], incoming: bool
          ) -> dict[Item, list[float]]:
    """Per item of the middle layer, where its wires end in the neighbour layer."""
    out: dict[Item, list[float]] = {}
    for u, v, w in lay.edges(k):
        if incoming:
            out.setdefault(v, []).append(pos[u])
        else:
            out.setdefault(u, []).append(lay._target_key(v, w, pos))
    return out


def _pair(left: dict, right: dict, u: Item, v: Item) -> tuple[int, int]:
    """Crossings between the wires of u and v on both sides: (u above v, v above u)."""
    now = then = 0
    for side in (left, right):
        bs = side.get(v)
        if not bs:
            continue
        for a in side.get(u, ()):
            for b in bs:
                if a > b:
                    now += 1
                elif b > a:
                    then += 1
    return now, then


def _count(keys: list[tuple[float, float]]) -> int:
    """Inversions among targets once sorted by source: each is one crossing."""
    keys.sort()
    seq = [t for _, t in keys]
    return _inversions(seq)


def _inversions(seq: list[float]) -> int:
    """Pairs i < j with seq[i] > seq[j], by merge sort: O(n log n)."""
    if len(seq) < 2:
        return 0
    mid = len(seq) // 2
    a, b = seq[:mid], seq[mid:]
    count = _inversions(a) + _inversions(b)
    a.sort()
    b.sort()
    j = 0
    for x in a:  # for each x in a, how many of b are smaller
        while j < len(b) and b[j] < x:
            j += 1
        count += j
    return count
