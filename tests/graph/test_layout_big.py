"""The layout at any size: any DAG is laid out tidily (wires rightwards, inputs first, no
two bodies touching) and deterministically, by the full algorithm and by the bounded one
big circuits get (a dummy budget, capped sweeps); the work stays linear in the circuit."""

from __future__ import annotations

import random
from unittest import mock

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.layout_quality import fan_chain
from chainwire.graph import layout as layout_mod
from chainwire.graph import ordering
from chainwire.graph.circuit import Circuit
from chainwire.graph.geometry import LABEL_SIZE, NAME_STRIP, sizes_of
from chainwire.graph.layout import COLUMN_GAP, ROW_GAP, layout
from chainwire.graph.ordering import Dummy, arrange, dummy_budget, layers
from chainwire.graph.routing import MARGIN, TRANSITION
from tests.graph.test_layout import check_tidy

N_ARY = {"add": (2, 4), "multiply": (2, 3), "max": (2, 3)}
UNARY = ["sigmoid", "square", "exp", "scale", "offset"]


@st.composite
def dags(draw, max_gates: int = 25) -> Circuit:
    """A DAG as a person might draw it: inputs, gates of every arity wired to any earlier
    node (forks, a node into two ports of one gate, long wires), some gates unwired."""
    c = Circuit()
    ids = [c.add_node("input", f"i{k}", value=1.0)
           for k in range(draw(st.integers(1, 4)))]
    for k in range(draw(st.integers(0, max_gates))):
        t = draw(st.sampled_from([*N_ARY, *UNARY]))
        g = c.add_node(t, f"g{k}", param=2.0 if t in ("scale", "offset") else None)
        if not draw(st.booleans()) or draw(st.integers(0, 9)):  # now and then unwired
            lo, hi = N_ARY.get(t, (1, 1))
            for port in range(draw(st.integers(lo, hi))):
                c.connect(ids[draw(st.integers(0, len(ids) - 1))], g, port)
        ids.append(g)
    if draw(st.booleans()) and len(ids) > 1:
        c.set_output(ids[-1])
    return c


def small_budgets():
    """Every budget at its smallest: the bounded path a big circuit takes, on any DAG."""
    return mock.patch.multiple(ordering, _DUMMY_FLOOR=0, _WIRES_PER_DUMMY=10**9, _FULL_ITEMS=0,
                               _SWEEP_WORK=1)


@settings(max_examples=150, deadline=None)
@given(dags())
def test_any_dag_is_laid_out_tidily_and_deterministically(c):
    pos = layout(c)
    check_tidy(c, pos)
    assert layout(c.copy()) == pos


@settings(max_examples=150, deadline=None)
@given(dags())
def test_the_bounded_path_is_tidy_and_deterministic_too(c):
    with small_budgets(), mock.patch.multiple(layout_mod, _FULL_LIMIT=0, _WORK=1):
        lay = arrange(c)
        pos = layout(c)
        check_tidy(c, pos)
        assert layout(c.copy()) == pos
    # no dummies at all: every wire longer than one layer runs straight, end to end
    assert not any(isinstance(i, Dummy) for layer in lay.layers for i in layer)
    span = {w: lay.layer_of[w.dst] - lay.layer_of[w.src] for w in c.wires()}
    assert sorted(lay.direct) == sorted(w for w in c.wires() if span[w] > 1)
    assert set(lay.chains) == {w for w in c.wires() if span[w] == 1}


def _layers_by_fixpoint(c: Circuit) -> dict[str, int]:
    """The definition ``layers`` implements in one pass: longest path from the sources,
    then moves rightwards repeated until nothing moves."""
    g = nx.MultiDiGraph(c.graph)
    layer: dict[str, int] = {}
    topo = list(nx.topological_sort(g))
    for n in topo:
        layer[n] = max((layer[p] + 1 for p in g.predecessors(n)), default=0)
    output = c.resolved_output()[0]
    moved = True
    while moved:
        moved = False
        for n in topo:
            if c.type_of(n) == "input" or n == output:
                continue
            if g.out_degree(n) <= g.in_degree(n):
                continue
            hi = min(layer[s] for s in g.successors(n)) - 1
            if hi > layer[n]:
                layer[n], moved = hi, True
    if output is not None and g.out_degree(output) == 0:
        layer[output] = max(layer.values())
    return layer


@settings(max_examples=200, deadline=None)
@given(dags(max_gates=40))
def test_linear_layer_assignment_meets_the_fixpoint_definition(c):
    assert layers(c) == _layers_by_fixpoint(c)


# ----- a moderately big circuit: the budgets really apply --------------------------------

def check_tidy_fast(c: Circuit, pos: dict[str, tuple[float, float]]) -> None:
    """``test_layout.check_tidy``'s rules, each in one pass (it is quadratic in columns)."""
    assert set(pos) == set(c.node_ids())
    size = sizes_of(c)
    assert all(pos[w.dst][0] > pos[w.src][0] for w in c.wires())
    assert all(pos[n.id][0] == 0.0 for n in c.nodes() if n.type == "input")
    cols: dict[float, list[str]] = {}
    for n, (x, _) in pos.items():
        cols.setdefault(x, []).append(n)
    xs = sorted(cols)
    half = {x: max(size[n][0] / 2 for n in cols[x]) for x in xs}
    for a, b in zip(xs, xs[1:], strict=False):
        assert b - a >= COLUMN_GAP
        assert b - a - half[a] - half[b] >= LABEL_SIZE[0] + 2 * TRANSITION
    for x in xs:
        col = sorted((pos[n][1], n) for n in cols[x])
        for (y0, a), (y1, b) in zip(col, col[1:], strict=False):
            assert y1 - y0 >= ROW_GAP
            name = NAME_STRIP if c.type_of(b) != "input" else 0.0
            assert y1 - size[b][1] / 2 - name - MARGIN >= y0 + size[a][1] / 2 + MARGIN - 1


def test_the_fast_check_agrees_with_the_full_one():
    c = fan_chain(12)  # a wrong position fails both
    pos = layout(c)
    check_tidy(c, pos)
    check_tidy_fast(c, pos)
    pos["g3"] = pos["g2"]  # on top of its source
    for check in (check_tidy, check_tidy_fast):
        try:
            check(c, pos)
        except AssertionError:
            continue
        raise AssertionError(f"{check.__name__} let a wrong layout pass")


def test_a_node_feeding_every_layer_stays_within_the_dummy_budget():
    c = fan_chain(300)  # 300 layers: 44,850 dummies in full, past the budget
    lay = arrange(c)
    dummies = sum(isinstance(i, Dummy) for layer in lay.layers for i in layer)
    assert 0 < dummies <= dummy_budget(c.number_of_wires())
    assert lay.direct  # the longest wires of x run without dummies...
    spans = {w: lay.layer_of[w.dst] - lay.layer_of[w.src] for w in c.wires()}
    longest_chained = max(spans[w] for w in lay.chains)
    assert all(spans[w] > longest_chained for w in lay.direct)  # ...and only they
    assert lay.crossings() == 0
    pos = layout(c)
    check_tidy_fast(c, pos)
    assert len({pos[f"g{k}"][0] for k in range(300)}) == 300  # one column per gate


def tangle(gates: int, seed: int = 3) -> Circuit:
    """A seeded random DAG wired mostly to recent nodes: many crossings to sweep away."""
    rnd = random.Random(seed)
    c = Circuit()
    ids = [c.add_node("input", f"i{k}", value=1.0) for k in range(8)]
    for k in range(gates):
        g = c.add_node("add", f"g{k}")
        for port in range(rnd.choice((2, 2, 3))):
            c.connect(rnd.choice(ids[-12:] if rnd.random() < 0.8 else ids), g, port)
        ids.append(g)
    return c


def test_the_sweeps_stop_at_the_work_budget():
    c = tangle(150)
    visits: list[int] = []
    real = ordering._sweep

    def counting(lay, down, pick):
        visits.append(sum(map(len, lay.layers)) + len(lay.chains))
        real(lay, down, pick)

    with mock.patch.object(ordering, "_sweep", counting):
        full = arrange(c)
    unbounded = len(visits)
    items = visits[0]
    visits.clear()
    budget = 10 * items
    with mock.patch.object(ordering, "_sweep", counting), \
            mock.patch.multiple(ordering, _SWEEP_WORK=budget, _FULL_ITEMS=0):
        capped = arrange(c)
    assert 2 <= len(visits) < unbounded  # at least one sweep pair, fewer than in full
    assert 2 * sum(visits) <= budget  # each sweep is followed by a count of as much
    assert full.crossings() <= capped.crossings() < 2 * full.crossings()
    check_tidy_fast(c, layout(c))


def test_a_circuit_within_the_budgets_gets_every_dummy():
    c = fan_chain(60)  # 1,770 dummies: far below the floor
    lay = arrange(c)
    assert not lay.direct
    assert sum(isinstance(i, Dummy) for layer in lay.layers for i in layer) == sum(range(60))
