"""Layers and the order within them: the first two stages of a Sugiyama layout.

Why our own code rather than a library: the circuits are mostly small (tens of gates), the
wires enter *numbered ports* whose top-to-bottom order matters for crossings, and the
inputs must all sit in the first layer. grandalf (pure Python Sugiyama) knows no ports
and has not been released since 2023; Graphviz's dot is the quality bar, measured in
``benchmarks/layout_quality.py``.

1. **Layers.** Inputs (and gates with nothing wired in) are layer 0; every other node
   sits right of its inputs. A node then moves to whichever end of its free range makes
   its wires shorter (more wires out than in: right), and the output f goes last.
   Linear time.
2. **Dummies.** A wire spanning several layers gets one dummy per layer it passes, so it
   can run through the gap between two gates there (``Dummy``). A big circuit could need
   quadratically many (a node feeding every layer of a deep chain): past
   ``dummy_budget`` the longest wires get none (``Layered.direct``).
3. **Order.** Barycentre and median sweeps, down and up, each followed by adjacent
   transpositions, keeping the order with the fewest crossings; a big circuit gets fewer
   sweeps (a work budget, ``_minimise``). Deterministic: ties keep the circuit's own
   node order (for a parsed expression, the order names appear).

So the work is near-linear in the circuit's size however it is wired (issue 13: some
12 s of CPU at 100,000 gates), and every circuit a person draws gets the full layout.

>>> from chainwire.graph.expr import parse
>>> lay = arrange(parse("(x + y) * z"))
>>> [[str(i) for i in layer] for layer in lay.layers]
[['x', 'y', 'z'], ['add1', 'z>multiply1:1@1'], ['multiply1']]
>>> lay.crossings()
0
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from statistics import median
from typing import NamedTuple

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.geometry import shown_ports

_SWEEPS = 8  # down-up sweep pairs per strategy; circuits a person draws settle in fewer
_TRANSPOSE_LIMIT = 3000  # items above which adjacent transposition is skipped (speed)
_DUMMY_FLOOR = 20_000  # dummies always allowed: every circuit drawn by hand gets all of them
_WIRES_PER_DUMMY = 2  # beyond the floor, one dummy per this many wires (linear)
_FULL_ITEMS = 4500  # items (and links) up to which every strategy sweeps until it stops
_SWEEP_WORK = 400_000  # beyond: item visits for all sweeps and counts together (_minimise)


class Dummy(NamedTuple):
    """Where ``wire`` passes layer ``layer`` (between its source's and target's layers)."""

    wire: Wire
    layer: int

    def __str__(self) -> str:
        w = self.wire
        return f"{w.src}>{w.dst}:{w.port}@{self.layer}"


Item = Hashable  # a node id (str) or a Dummy
Stop = Callable[[], bool] | None  # asked between steps: True stops the layout


class LayoutCancelled(Exception):
    """A layout stopped before its end because its ``stop`` said so."""


def check(stop: Stop) -> None:
    """Raise ``LayoutCancelled`` if ``stop`` says so: a layout running in a worker
    thread (``layout.LayoutJob``) ends at its next step when the user cancels."""
    if stop is not None and stop():
        raise LayoutCancelled


@dataclass
class Layered:
    """A circuit in layers: ``layers[k]`` top to bottom, and each wire's chain of items."""

    layers: list[list[Item]]
    layer_of: dict[str, int]
    chains: dict[Wire, list[Item]]
    port_frac: dict[Wire, float] = field(default_factory=dict)  # port height in a node, 0..1
    direct: list[Wire] = field(default_factory=list)
    """Wires too long for dummies (past ``dummy_budget``): no chain, no order constraint."""
    shown: dict[str, list[int]] = field(default_factory=dict)
    """``geometry.shown_ports`` of every node a wire enters (found once, reused)."""
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
    """Each node's layer: inputs 0, wires rightwards, short wires, the output last.

    Linear: one pass in topological order (longest path from the sources), one in reverse
    (a node moves to the end of its range with shorter wires; its successors have their
    final layers by then, so a second pass would move nothing)."""
    order, types, inputs = circuit.topology()
    layer: dict[str, int] = {}
    outs: dict[str, list[str]] = {n: [] for n in order}  # successors, once per wire
    for n, ins in zip(order, inputs, strict=True):
        layer[n] = max([layer[s] for _, s in ins], default=-1) + 1
        for _, s in ins:
            outs[s].append(n)
    output = circuit.resolved_output()[0]
    for n, t, ins in zip(reversed(order), reversed(types), reversed(inputs), strict=True):
        succ = outs[n]
        if t == "input" or n == output or len(succ) <= len(ins):
            continue
        hi = min(layer[s] for s in succ) - 1
        if hi > layer[n]:
            layer[n] = hi
    if output is not None and not outs[output] and layer:
        layer[output] = max(max(layer.values()), layer[output])
    return layer


def arrange(circuit: Circuit, stop: Stop = None) -> Layered:
    """Layers, dummies and a low-crossing order for ``circuit`` (``stop``: see ``check``)."""
    g = circuit.graph
    rank = {n: i for i, n in enumerate(g.nodes)}
    layer_of = layers(circuit)
    depth = max(layer_of.values(), default=-1) + 1
    cols: list[list[Item]] = [[] for _ in range(depth)]
    for n in g.nodes:
        cols[layer_of[n]].append(n)
    wires = sorted(circuit.wires(), key=lambda w: (rank[w.src], rank[w.dst], w.port))
    longest = _longest_with_dummies([layer_of[w.dst] - layer_of[w.src] for w in wires])
    chains: dict[Wire, list[Item]] = {}
    direct: list[Wire] = []
    frac: dict[Wire, float] = {}
    shown: dict[str, list[int]] = {}
    for w in wires:
        a, b = layer_of[w.src], layer_of[w.dst]
        if b - a > longest:
            direct.append(w)
        else:
            dummies = [Dummy(w, k) for k in range(a + 1, b)]
            for d in dummies:
                cols[d.layer].append(d)
            chains[w] = [w.src, *dummies, w.dst]
        if w.dst not in shown:
            shown[w.dst] = shown_ports(circuit, w.dst)
        ports = shown[w.dst]
        i = ports.index(w.port) if w.port in ports else 0
        frac[w] = (i + 1) / (len(ports) + 1)
    lay = Layered(cols, layer_of, chains, frac, direct=direct, shown=shown)
    check(stop)
    _minimise(lay, stop)
    return lay


def _longest_with_dummies(spans: list[int]) -> int:
    """The longest span (in layers) whose wires still get a dummy in every layer they
    pass: all of them while the dummies fit ``dummy_budget``; beyond, the shortest first.

    Why: a node feeding every layer of a deep chain (or an input read deep inside) needs
    a dummy per layer per wire, quadratic in the depth; past the budget the longest wires
    run straight from end to end (they are drawn straight at that size anyway)."""
    budget = dummy_budget(len(spans))
    if sum(spans) - len(spans) <= budget:
        return max(spans, default=0)
    count = Counter(spans)
    used = 0
    longest = 1
    for span in sorted(count):
        used += (span - 1) * count[span]
        if used > budget:
            break
        longest = span
    return longest


def dummy_budget(wires: int) -> int:
    """How many dummies a layout of ``wires`` wires may create (linear in the wires)."""
    return max(_DUMMY_FLOOR, wires // _WIRES_PER_DUMMY)


# ----- crossing minimisation --------------------------------------------------------------

def _minimise(lay: Layered, stop: Stop = None) -> None:
    """Four strategies (two starts, mean or median), each swept until it stops helping;
    the order with the fewest crossings wins.

    Every sweep and every count visits each item once. A big circuit (more than
    ``_FULL_ITEMS``) stops at ``_SWEEP_WORK`` visits: it starts from the tree order with
    medians (the best single strategy on big random circuits, where one or two sweep pairs
    give nearly all the gain), gets at least one sweep pair, and keeps the best."""
    if len(lay.layers) < 2:
        return
    placed = sum(map(len, lay.layers))
    transpose = placed <= _TRANSPOSE_LIMIT
    items = placed + len(lay.chains)  # a sweep visits each item, a count each link
    big = items > _FULL_ITEMS
    if big:
        starts = [_tree_order(lay)]
        strategies = [(starts[0], median), (starts[0], _mean)]
    else:
        starts = [[list(c) for c in lay.layers], _tree_order(lay)]
        strategies = [(s, p) for s in starts for p in (_mean, median)]
    budget = max(_SWEEP_WORK, 6 * items) if big else math.inf  # a first pair at least
    lay.layers = [list(c) for c in starts[0]]
    best, best_n = [list(c) for c in lay.layers], lay.crossings()
    work = items  # the first count
    for start, pick in strategies:
        if work + items > budget:
            break
        lay.layers = [list(c) for c in start]
        n = best_n if start is starts[0] and big else lay.crossings()
        work += items
        if n < best_n:
            best, best_n = [list(c) for c in lay.layers], n
        idle = 0
        for _ in range(_SWEEPS):
            if best_n == 0 or idle >= 2:  # dot's rule: stop when sweeps stop helping
                break
            idle += 1
            for down in (True, False):
                check(stop)
                if work + 2 * items > budget:
                    break
                _sweep(lay, down, pick)
                if transpose:
                    _transpose(lay)
                n = lay.crossings()
                work += 2 * items
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
    for ins in into.values():  # each port of a node is wired once: no ties
        ins.sort(reverse=True)
    seen: dict[Item, int] = {}
    sinks = [i for i in reversed(lay.layers[-1])] + [
        i for layer in lay.layers[::-1] for i in layer]
    for root in sinks:
        if root in seen:
            continue
        stack = [root]
        while stack:
            item = stack.pop()
            if item in seen:
                continue
            seen[item] = len(seen)
            stack += [u for _, u in into.get(item, ())]
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
    """Pairs i < j with seq[i] > seq[j]: each element against the sorted ones before it
    (bisection; the insertions move pointers in C)."""
    seen: list[float] = []
    count = 0
    for x in seq:
        i = bisect_right(seen, x)
        count += len(seen) - i
        seen.insert(i, x)
    return count
