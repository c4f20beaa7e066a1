"""Left-to-right layout of a circuit, the way the cs231n notes draw them.

Columns are networkx's topological generations: every source (the inputs, and any gate
with nothing wired in yet) sits in column 0, and each other node one column right of its
right-most predecessor, so every wire runs rightwards. Within a column the nodes are
ordered by the barycentre of their neighbours (a few deterministic sweeps, the classic
Sugiyama heuristic), which keeps wires short and mostly uncrossed; each column is then
centred vertically on y = 0. Ties keep the circuit's own node order (for a parsed
expression: the order names first appear), so the result is deterministic.

Plain function, no Qt: the expression parser, the example generator and the editor's
auto-layout all call it.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

from chainwire.graph.circuit import Circuit

COLUMN_GAP = 230.0  # room for a wire's two numbers between columns
"""Horizontal distance between columns, in scene pixels (a node is ~100 px wide)."""

ROW_GAP = 110.0
"""Vertical distance between nodes in one column (a node is ~60 px tall)."""

_SWEEPS = 4  # down-up sweep pairs; more rarely helps on circuits a person draws


def columns(circuit: Circuit) -> list[list[str]]:
    """The node ids per column, top to bottom, as ``layout`` places them.

    >>> c = Circuit()
    >>> for n in "xyz":
    ...     _ = c.add_node("input", n)
    >>> _ = c.add_node("add", "q"); _ = c.add_node("multiply", "f")
    >>> c.connect("x", "q", 0); c.connect("y", "q", 1)
    >>> c.connect("q", "f", 0); c.connect("z", "f", 1)
    >>> columns(c)
    [['x', 'y', 'z'], ['q'], ['f']]
    """
    g = circuit.graph
    rank: dict[Hashable, int] = {n: i for i, n in enumerate(g.nodes)}
    cols: list[list[str]] = [sorted(gen, key=rank.__getitem__)
                             for gen in nx.topological_generations(g)]
    if len(cols) < 2:
        return cols

    # Each wire pulls its two ends together; the port nudges a wire into port 0 above one
    # into port 1, so the wires into an n-ary gate come in uncrossed.
    pred: dict[str, list[tuple[str, float]]] = {n: [] for n in g.nodes}
    succ: dict[str, list[tuple[str, float]]] = {n: [] for n in g.nodes}
    for s, d, p in g.edges(keys=True):
        pred[d].append((s, 0.0))
        succ[s].append((d, (p - (g.in_degree(d) - 1) / 2) * 0.01))

    def order_by(col: list[str], neighbours: dict[str, list[tuple[str, float]]],
                 pos: dict[str, float]) -> list[str]:
        def key(n: str) -> tuple[float, int]:
            ys = [pos[m] + off for m, off in neighbours[n]]
            return (sum(ys) / len(ys) if ys else pos[n], rank[n])
        return sorted(col, key=key)

    def positions(cs: list[list[str]]) -> dict[str, float]:
        return {n: i - (len(col) - 1) / 2 for col in cs for i, n in enumerate(col)}

    best, best_crossings = [list(c) for c in cols], _crossings(g, cols)
    for _ in range(_SWEEPS):
        pos = positions(cols)
        # left to right following the predecessors, then right to left the successors
        for order, nbrs in ((range(1, len(cols)), pred),
                            (range(len(cols) - 2, -1, -1), succ)):
            for i in order:
                cols[i] = order_by(cols[i], nbrs, pos)
                pos.update(positions([cols[i]]))
            crossings = _crossings(g, cols)
            if crossings < best_crossings:
                best, best_crossings = [list(c) for c in cols], crossings
            if crossings == 0:
                return best
    return best


def _crossings(g: nx.MultiDiGraph, cols: list[list[str]]) -> int:
    """How many pairs of wires cross, counted among wires spanning the same columns.

    Two such wires cross when their sources and targets are in opposite vertical order.
    A heuristic score to pick the best sweep, not an exact geometric count.
    """
    row = {n: (ci, i - (len(col) - 1) / 2)
           for ci, col in enumerate(cols) for i, n in enumerate(col)}
    groups: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for s, d, p in g.edges(keys=True):
        (cs, ys), (cd, yd) = row[s], row[d]
        groups.setdefault((cs, cd), []).append((ys, yd + p * 1e-3))
    count = 0
    for ends in groups.values():
        ends.sort()  # by source row, then target row: a crossing is an inversion of targets
        count += _inversions([t for _, t in ends])
    return count


def _inversions(seq: list[float]) -> int:
    """Pairs i < j with seq[i] > seq[j], by merge sort: O(n log n)."""
    count = 0
    runs = [[v] for v in seq]
    while len(runs) > 1:
        merged = []
        for k in range(0, len(runs) - 1, 2):
            a, b = runs[k], runs[k + 1]
            out, i, j = [], 0, 0
            while i < len(a) and j < len(b):
                if b[j] < a[i]:
                    out.append(b[j])
                    count += len(a) - i
                    j += 1
                else:
                    out.append(a[i])
                    i += 1
            out += a[i:]
            out += b[j:]
            merged.append(out)
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    return count


def layout(circuit: Circuit, *, column_gap: float = COLUMN_GAP,
           row_gap: float = ROW_GAP) -> dict[str, tuple[float, float]]:
    """Positions ``{id: (x, y)}``: column ``k`` at x = k·column_gap, rows centred on y = 0.

    Deterministic: the same circuit gives the same positions.

    >>> c = Circuit()
    >>> _ = c.add_node("input", "x"); _ = c.add_node("square", "s")
    >>> c.connect("x", "s", 0)
    >>> layout(c)
    {'x': (0.0, 0.0), 's': (230.0, 0.0)}
    """
    pos: dict[str, tuple[float, float]] = {}
    for k, col in enumerate(columns(circuit)):
        top = -(len(col) - 1) / 2
        for i, n in enumerate(col):
            pos[n] = (k * column_gap, (top + i) * row_gap)
    return pos


def apply_layout(circuit: Circuit, **kwargs: float) -> None:
    """Move every node of ``circuit`` to its ``layout`` position."""
    for n, p in layout(circuit, **kwargs).items():
        circuit.move(n, p)
