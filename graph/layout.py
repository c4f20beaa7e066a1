"""A layered layout, drawn as the cs231n notes draw circuits: inputs left, f right.

Why: a student must be able to follow every wire and read its two numbers. So, after
``graph.ordering`` has put the nodes in layers (a wire spanning several layers gets a
dummy in each) and ordered them for few crossings, this module picks coordinates:

- **x**: layer ``k`` is a column ``column_gap`` right of the one before, or further when
  the two columns' widths and a wire label (``label_size``) with its slanted ends need it.
- **y**: within each column, and within each gap between two columns, items keep their
  order and their distance: a gate's body, its name above it and ``routing.MARGIN``
  around it; a wire passing the column a lane; every wire crossing a gap room for its
  value label above it and its gradient label below (that is where space is made). Under
  those constraints, every wire is pulled straight (least squares over the wires' chains,
  alternating sweeps, each solved exactly by ``geometry.spread``).

Positions are node centres, rounded to whole pixels, the output f at y = 0. The wires
themselves are drawn by ``graph.routing.route``, which finds the room reserved here.
Plain functions, no Qt: the expression parser, the examples and Auto Layout call them.

>>> from chainwire.graph.expr import parse
>>> layout(parse("x * y"))
{'x': (0.0, -51.0), 'y': (0.0, 29.0), 'multiply1': (230.0, 0.0)}
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import numpy as np

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.evaluate import evaluate
from chainwire.graph.geometry import (
    LABEL_SIZE,
    NAME_STRIP,
    Size,
    in_port_offset,
    sizes_of,
    spread,
)
from chainwire.graph.numbers import format_value
from chainwire.graph.ordering import Dummy, Item, LayoutCancelled, Stop, arrange, check
from chainwire.graph.routing import LABEL_PAD, LANE, MARGIN, TRANSITION

COLUMN_GAP = 230.0
"""Usual distance between two columns' centres, in scene pixels (a gate is ~60 px wide)."""

ROW_GAP = 80.0
"""Least distance between the centres of two nodes in one column."""

_ITERATIONS = 24  # sweep pairs; the straightening converges long before on drawn circuits
_FULL_LIMIT = 3000  # items from which a circuit counts as big: fewer sweeps, by size
_WORK = 150_000  # item visits for all sweeps of a big circuit (2 to 8 sweeps, by size)


def columns(circuit: Circuit) -> list[list[str]]:
    """The node ids per column, top to bottom, as ``layout`` places them.

    >>> from chainwire.graph.expr import parse
    >>> columns(parse("(x + y) * z"))
    [['x', 'y', 'z'], ['add1'], ['multiply1']]
    """
    lay = arrange(circuit)
    return [[i for i in layer if isinstance(i, str)] for layer in lay.layers]


def layout(circuit: Circuit, *, column_gap: float = COLUMN_GAP, row_gap: float = ROW_GAP,
           sizes: Mapping[str, Size] | None = None,
           label_size: Size | None = None,
           stop: Stop = None) -> dict[str, tuple[float, float]]:
    """Positions ``{id: (x, y)}`` (node centres) for every node; deterministic.

    Parameters
    ----------
    column_gap : least distance between column centres.
    row_gap : least distance between two nodes' centres in one column.
    sizes : drawn body sizes per node (default: ``geometry.node_size``).
    label_size : one wire label's box ``(w, h)``: gaps are made wide and tall enough
        (default: ``label_room``, room for the largest label the circuit shows).
    stop : asked between steps; when it says True, ``LayoutCancelled`` is raised.
    """
    if len(circuit) == 0:
        return {}
    with _without_cycle_collection():
        return _layout(circuit, column_gap, row_gap, sizes, label_size, stop)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """The layout makes millions of small tuples and no reference cycles: the cyclic
    collector, set off by their number, would walk the whole heap again and again (~40 %
    of a 30,000-gate layout). It is off meanwhile (process-wide, so a nested or parallel
    layout leaves it to whoever turned it off)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _layout(circuit: Circuit, column_gap: float, row_gap: float,
            sizes: Mapping[str, Size] | None, label_size: Size | None,
            stop: Stop) -> dict[str, tuple[float, float]]:
    size = sizes_of(circuit, sizes)
    if label_size is None:
        label_size = label_room(circuit)
    lay = arrange(circuit, stop)
    xs = _column_xs(lay.layers, size, column_gap, label_size[0])
    ranks, links = _ranks(circuit, lay, size, row_gap, label_size[1])
    check(stop)
    ys = _straighten(ranks, links, stop)
    out = circuit.resolved_output()[0]
    shift = ys[out] if out is not None else (min(ys.values()) + max(ys.values())) / 2
    return {n: (float(round(xs[lay.layer_of[n]])), float(round(ys[n] - shift)) + 0.0)
            for n in circuit.graph.nodes}


def label_room(circuit: Circuit, decimals: int = 2) -> Size:
    """The box the widest and the tallest wire label need: ``LABEL_SIZE`` for numbers;
    an array's label (``numbers.format_value``) is as wide as its longest line, at the
    width per character of "-100.00" in LABEL_SIZE, and a label line taller per row."""
    if not circuit.array_inputs():
        return LABEL_SIZE
    ev = evaluate(circuit)
    w0, h0 = LABEL_SIZE
    per_char = w0 / len("-100.00")
    w, h = w0, h0
    for n in ev.order:
        for v in (ev.raw_value(n), ev.raw_grad(n)):
            if isinstance(v, np.ndarray):
                lines = format_value(v, decimals).split("\n")
                w = max(w, per_char * max(map(len, lines)))
                h = max(h, h0 * len(lines))
    return (float(np.ceil(w)), float(h))  # whole pixels: positions stay whole


def apply_layout(circuit: Circuit, **kwargs) -> None:
    """Move every node of ``circuit`` to its ``layout`` position (one transaction)."""
    positions = layout(circuit, **kwargs)
    with circuit.transaction():
        for n, p in positions.items():
            if tuple(circuit.node(n).pos) != p:
                circuit.move(n, p)


class LayoutJob:
    """``layout(circuit)`` computed in a worker thread (no Qt): a window stays live while
    a big circuit is laid out (some 20 s at 100,000 gates).

    The worker reads ``circuit`` as it runs, so the caller must not use ``positions``
    when ``stale`` says its structure was edited meanwhile (they, or ``error``, may come
    from a half-edited graph); a node moved meanwhile is moved by the layout like any
    other. ``cancel`` ends the worker at its next step (``ordering.check``)."""

    def __init__(self, circuit: Circuit, **kwargs) -> None:
        self.circuit = circuit
        self._version = circuit.structure_version
        self.positions: dict[str, tuple[float, float]] | None = None
        self.error: Exception | None = None
        self.cancelled = False
        self._thread = threading.Thread(target=self._run, args=(kwargs,), daemon=True,
                                        name="chainwire-layout")
        self._thread.start()

    def _run(self, kwargs) -> None:
        try:
            self.positions = layout(self.circuit, stop=lambda: self.cancelled, **kwargs)
        except LayoutCancelled:
            pass
        except Exception as e:  # noqa: BLE001 - the caller reports it, never lost in a thread
            self.error = e

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    @property
    def stale(self) -> bool:
        """Whether nodes, wires or types changed since the job began."""
        return self.circuit.structure_version != self._version

    def cancel(self) -> None:
        self.cancelled = True

    def result(self) -> dict[str, tuple[float, float]]:
        """The positions of a finished job; the worker's exception raised again."""
        if self.error is not None:
            raise self.error
        return self.positions or {}

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the worker (at most ``timeout`` seconds); whether it has ended."""
        self._thread.join(timeout)
        return self.done


def layout_moves(circuit: Circuit, positions: Mapping[str, tuple[float, float]]
                 ) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """``{id: (where it is, where the layout puts it)}`` for the nodes that move."""
    now = {n: circuit.node(n).pos for n in positions}
    return {n: (now[n], p) for n, p in positions.items() if tuple(now[n]) != tuple(p)}


# ----- x: columns ----------------------------------------------------------------------

def _column_xs(layers: list[list[Item]], size: Mapping[str, Size], column_gap: float,
               label_w: float) -> list[float]:
    half = [max((size[i][0] / 2 for i in layer if isinstance(i, str)), default=0.0)
            for layer in layers]
    xs = [0.0]
    for k in range(1, len(layers)):
        need = half[k - 1] + label_w + 2 * TRANSITION + half[k]
        xs.append(xs[-1] + max(column_gap, need))
    return xs


# ----- y: ranks and the wires' chains -------------------------------------------------------

# a rank is a list of (item, above, below): the item's extent over and under its height
Rank = list[tuple[Item, float, float]]
# links: item -> [(other item, offset, weight)]: the item wants y = y(other) + offset
Links = dict[Item, list[tuple[Item, float, float]]]


def _ranks(circuit: Circuit, lay, size: Mapping[str, Size], row_gap: float,
           label_h: float) -> tuple[list[Rank], Links]:
    """Columns and gaps alternately, top to bottom, and how each item pulls on the others."""
    ranks: list[Rank] = []
    links: Links = {}
    pos = lay.positions()
    layer_of = lay.layer_of

    def port_dy(w: Wire) -> float:  # ``geometry.port_offsets``' height, ports found once
        shown = lay.shown[w.dst]
        if w.port not in shown:
            return 0.0
        return in_port_offset(*size[w.dst], shown.index(w.port), len(shown))[1]

    def link(a: Item, b: Item, offset: float, weight: float) -> None:
        pa, pb = links.get(a), links.get(b)  # a wants y(b) + offset
        if pa is None:
            links[a] = [(b, offset, weight)]
        else:
            pa.append((b, offset, weight))
        if pb is None:
            links[b] = [(a, -offset, weight)]
        else:
            pb.append((a, -offset, weight))

    for k, layer in enumerate(lay.layers):
        rank: Rank = []
        for item in layer:
            if isinstance(item, str):
                h = size[item][1]
                name = NAME_STRIP if circuit.type_of(item) != "input" else 0.0
                above = max(h / 2 + MARGIN + name, row_gap / 2)
                rank.append((item, above, max(h / 2 + MARGIN, row_gap / 2)))
            else:
                rank.append((item, LANE / 2, LANE / 2))
        ranks.append(rank)
        if k + 1 == len(lay.layers):
            break
        gap = []
        for u, v, w in lay.edges(k):  # ``link`` inlined: a big circuit has ~10⁶ of these
            slot = ("slot", w, k)
            labelled = k == layer_of[w.src]
            half = label_h + LABEL_PAD if labelled else LANE / 2
            gap.append(((pos[u], lay._target_key(v, w, pos)), (slot, half, half)))
            dy_v = port_dy(w) if v == w.dst else 0.0
            # the output port is at the centre's height; a wire runs straight out of it
            wu = 2.0 if isinstance(u, str) else 4.0
            wv = 1.0 if isinstance(v, str) else 4.0
            links[slot] = [(u, 0.0, wu), (v, dy_v, wv)]
            for end, entry in ((u, (slot, -0.0, wu)), (v, (slot, -dy_v, wv))):
                pulls = links.get(end)
                if pulls is None:
                    links[end] = [entry]
                else:
                    pulls.append(entry)
        gap.sort(key=lambda t: t[0])
        ranks.append([entry for _, entry in gap])
    for w in lay.direct:  # too long for dummies (a big circuit): pulls its ends level
        link(w.src, w.dst, port_dy(w), 1.0)
    return ranks, links


def _straighten(ranks: list[Rank], links: Links, stop: Stop = None) -> dict[Item, float]:
    """Least-squares heights: each rank in turn moves to where its links pull it, kept in
    order and apart (``spread``); sweeps alternate left-right and right-left."""
    y: dict[Item, float] = {}
    rows = []  # per non-empty rank: its items, their links, the least gaps between them
    for rank in ranks:  # start: each rank stacked downwards from 0
        if not rank:
            continue
        seps = _seps(rank)
        acc = [0.0]
        for s in seps:
            acc.append(acc[-1] + s)
        mid = acc[-1] / 2
        items = [item for item, *_ in rank]
        for item, v in zip(items, acc, strict=True):
            y[item] = v - mid
        rows.append((items, [links.get(item) for item in items], seps))
    iterations = _ITERATIONS if len(y) < _FULL_LIMIT else max(2, min(8, _WORK // len(y)))
    median = _weighted_median
    for it in range(iterations):
        check(stop)
        moved = 0.0
        for items, pulls, seps in (rows if it % 2 == 0 else rows[::-1]):
            want = [median([(y[o] + off, wt) for o, off, wt in p]) if p else y[item]
                    for item, p in zip(items, pulls, strict=True)]
            for item, v in zip(items, spread(want, seps), strict=True):
                d = abs(v - y[item])
                if d > moved:
                    moved = d
                y[item] = v
        if moved < 0.05:
            break
    return y


def _weighted_median(pulls: list[tuple[float, float]]) -> float:
    """The height minimising the weighted distance to the pulls: straight wires win over
    a compromise that leaves every wire slightly bent (the mean of two lower weights
    breaks a tie)."""
    if len(pulls) <= 2:  # most items (dummies, unary gates): the loop below, unrolled
        if len(pulls) == 1:
            return pulls[0][0]
        (a, wa), (b, wb) = sorted(pulls)
        total = wa + wb
        if wa * 2 > total + 1e-9:
            return a
        return (a + b) / 2 if abs(wa * 2 - total) <= 1e-9 else b
    pulls.sort()
    total = sum(w for _, w in pulls)
    acc = 0.0
    for i, (v, w) in enumerate(pulls):
        acc += w
        if acc * 2 > total + 1e-9:
            return v
        if abs(acc * 2 - total) <= 1e-9:
            return (v + pulls[i + 1][0]) / 2
    return pulls[-1][0]


def _seps(rank: Rank) -> list[float]:
    return [rank[i][2] + rank[i + 1][1] for i in range(len(rank) - 1)]


__all__ = ["COLUMN_GAP", "ROW_GAP", "Dummy", "LayoutCancelled", "LayoutJob", "Wire",
           "apply_layout", "columns", "layout", "layout_moves"]
