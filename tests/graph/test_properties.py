"""Random circuits: every gradient the evaluator reports matches finite differences.

Checked on random DAGs with every gate type, fan-out, n-ary gates with 2-4 inputs and
one source wired into several ports of a gate:

- each input's gradient against centred finite differences of f;
- each *wire's* gradient (its branch) by perturbing only that wire: a copy of the circuit
  whose wire comes from a fresh input holding the same value;
- both passes of ``Plan`` (the scalar one running the gates' kernels, the general one
  calling their contract) against a naive evaluator written here from nothing but
  ``nx.topological_sort`` and ``Gate.forward``/``Gate.backward``, bit for bit.

Finite-difference accuracy: step H = 1e-6 on values kept within |v| <= 100. The centred
difference has truncation error ~H²·|f'''|/6 (~1e-12 here) and rounding error about
ε·Σ|v_i·∂f/∂v_i|/H, which with |v|, |grad| <= 100 is at most ~2e-16·1e4/1e-6 = 2e-6 and
typically far less. So |a - b| <= TOL·max(1, |a|, |b|) with TOL = 1e-4 leaves a margin of
~50x over the worst rounding error yet catches any wrong local gradient (off by at least
a few percent on some draw). Examples where the check is not meaningful are skipped with
``assume``: non-finite or huge values/gradients, reciprocal inputs near 0 (|x| < 0.1), and
max gates within a tie (top two inputs closer than 1e-4 = 100·H), except exact ties that
come from the same source node, which are kept (see ``_max_ties``), and relu inputs
within 1e-4 of its kink at 0.
"""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.evaluate import Plan, evaluate
from chainwire.graph.gates import GATES

H = 1e-6
TOL = 1e-4
BOUND = 100.0
TYPES = ["add", "multiply", "max", "sigmoid", "exp", "reciprocal", "square", "scale", "offset",
         "relu", "sum", "transpose"]
PROPS = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


@st.composite
def circuits(draw) -> Circuit:
    """A random DAG: 1-4 inputs, 1-8 gates of any type, an explicit or implicit output."""
    c = Circuit()
    n_in = draw(st.integers(1, 4))
    nodes = []
    for i in range(n_in):
        v = draw(st.floats(-2, 2, allow_nan=False)) + 0.0137 * i  # equal values are rare
        nodes.append(c.add_node("input", f"x{i}", value=v))
    for i in range(draw(st.integers(1, 8))):
        t = draw(st.sampled_from(TYPES))
        gate = GATES[t]
        param = draw(st.floats(-2, 2, allow_nan=False)) if gate.has_param else None
        nid = c.add_node(t, f"g{i}", param=param)
        k = 1 if gate.unary else draw(st.integers(2, 4))
        # the newest node is preferred, so chains get long; repeats are allowed (x*x)
        for port in range(k):
            src = nodes[-1] if draw(st.booleans()) else draw(st.sampled_from(nodes))
            c.connect(src, nid, port)
        nodes.append(nid)
    if len(c.sinks()) > 1 or draw(st.booleans()):
        c.set_output(nodes[-1])
    return c


def naive(c: Circuit) -> tuple[dict[str, float], dict[str, float], dict[Wire, float]]:
    """Values, node gradients and wire gradients, straight from the definitions."""
    order = list(nx.topological_sort(c.graph))
    val: dict[str, float] = {}
    for n in order:
        d = c.node(n)
        gate = GATES[d.type]
        if d.type == "input":
            val[n] = d.value
            continue
        xs = [val[s] for _, s in sorted(c.inputs_of(n).items())]
        val[n] = gate.forward(xs, d.param)
    out, _ = c.resolved_output()
    grad = dict.fromkeys(order, 0.0)
    wgrad: dict[Wire, float] = {w: 0.0 for w in c.wires()}
    grad[out] = 1.0
    for n in reversed(order):  # consumers before producers: grad[n] is complete here
        d = c.node(n)
        if d.type == "input" or n not in nx.ancestors(c.graph, out) | {out}:
            continue
        gate = GATES[d.type]
        ins = c.wires_into(n)
        xs = [val[w.src] for w in ins]
        for w, g in zip(ins, gate.backward(xs, val[n], grad[n], d.param), strict=True):
            wgrad[w] = g
            grad[w.src] += g
    return val, grad, wgrad


def _same(a: float | None, b: float | None) -> bool:
    return a == b or (a is not None and b is not None and math.isnan(a) and math.isnan(b))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def _max_ties(c: Circuit, val: dict[str, float]) -> set[Wire]:
    """Wires into a max gate that sit in an exact same-source tie of 3+ ports.

    Nudging one such wire breaks a k-way tie one-sidedly: the centred difference sees
    (1 + 0)/2, while the equal-split convention gives 1/k: equal only for k = 2. Any other
    near-tie makes the example meaningless for finite differences and is skipped.
    """
    skip: set[Wire] = set()
    for n in c.node_ids():
        if c.type_of(n) != "max":
            continue
        ins = c.wires_into(n)
        top = max(val[w.src] for w in ins)
        near = [w for w in ins if top - val[w.src] < 100 * H]
        if len(near) > 1:
            assume(len({w.src for w in near}) == 1)  # a tie between different nodes: skip
            if len(near) > 2:
                skip.update(near)
    return skip


def _f(c: Circuit) -> float:
    e = evaluate(c)
    return e.raw_value(e.output)


def _nudged(c: Circuit, node: str, delta: float) -> Circuit:
    d = c.copy()
    d.set_value(node, c.node(node).value + delta)
    return d


def _fd_input(c: Circuit, node: str) -> float:
    return (_f(_nudged(c, node, H)) - _f(_nudged(c, node, -H))) / (2 * H)


def _fd_wire(c: Circuit, w: Wire, value: float) -> float:
    """Nudge only this wire: feed its port from a fresh input holding the source's value."""
    def f_at(v: float) -> float:
        d = c.copy()
        d.add_node("input", "__probe__", value=v)
        d.connect("__probe__", w.dst, w.port, replace=True)
        d.set_output(c.resolved_output()[0])  # the old source may have become a sink
        return _f(d)

    return (f_at(value + H) - f_at(value - H)) / (2 * H)


def _usable(c: Circuit) -> tuple:
    """The evaluation, skipping examples where finite differences mean nothing."""
    e = evaluate(c)
    assume(e.output is not None)
    for n in c.node_ids():
        v, g = e.raw_value(n), e.raw_grad(n)
        assume(math.isfinite(v) and abs(v) <= BOUND)
        assume(math.isfinite(g) and abs(g) <= BOUND)
        if c.type_of(n) == "reciprocal":
            assume(abs(e.raw_value(c.source_at(n, 0))) >= 0.1)
        if c.type_of(n) == "relu":
            assume(abs(e.raw_value(c.source_at(n, 0))) >= 100 * H)
    return e


@PROPS
@given(c=circuits())
def test_input_gradients_match_finite_differences(c):
    e = _usable(c)
    val = {n: e.raw_value(n) for n in c.node_ids()}
    _max_ties(c, val)
    for n in c.node_ids():
        if c.type_of(n) == "input":
            assert _close(e.raw_grad(n), _fd_input(c, n)), n


@PROPS
@given(c=circuits())
def test_wire_gradients_match_finite_differences(c):
    e = _usable(c)
    val = {n: e.raw_value(n) for n in c.node_ids()}
    skip = _max_ties(c, val)
    for w in c.wires():
        if w not in skip:
            assert _close(e.raw_wire_grad(w), _fd_wire(c, w, val[w.src])), w


@settings(max_examples=150, deadline=None)
@given(c=circuits())
def test_plan_agrees_with_a_naive_evaluator(c):
    """Both passes give the naive results.

    No ``assume`` here: NaN and inf included, bit for bit (same operations, same order).
    """
    e = evaluate(c)
    assume(e.output is not None)
    val, grad, wgrad = naive(c)
    p = Plan(c)
    for ev in (e, p.run_general(*p.gather(c))):
        for n in c.node_ids():
            assert _same(ev.raw_value(n), val[n]), n
            assert _same(ev.raw_grad(n), grad[n]), n
        for w in c.wires():
            assert _same(ev.raw_wire_grad(w), wgrad[w]), w
            assert _same(ev.raw_value(w.src), ev.wire_value(w))


@settings(max_examples=100, deadline=None)
@given(c=circuits())
def test_node_gradient_is_the_sum_of_its_wires(c):
    e = evaluate(c)
    assume(e.output is not None)
    for n in c.node_ids():
        outs = c.wires_out_of(n)
        if n == e.output:
            assert e.raw_grad(n) == 1.0
        elif not outs:
            assert e.raw_grad(n) == 0.0
        else:
            total = 0.0
            for w in sorted(outs, key=lambda w: (-e.order.index(w.dst), w.port)):
                total += e.raw_wire_grad(w)  # the evaluator's own summation order
            assert _same(e.raw_grad(n), total), n


@settings(max_examples=100, deadline=None)
@given(c=circuits(), data=st.data())
def test_plan_is_reusable_across_value_changes(c, data):
    """Re-running one plan on new values equals compiling afresh for those values."""
    p = Plan(c)
    inputs = [data.draw(st.floats(-3, 3)) for _ in p.input_ids]
    params = [data.draw(st.floats(-3, 3)) for _ in p.param_ids]
    e1 = p.run(inputs, params)
    d = c.copy()
    for n, v in zip(p.input_ids, inputs, strict=True):
        d.set_value(n, v)
    for n, v in zip(p.param_ids, params, strict=True):
        d.set_param(n, v)
    e2 = evaluate(d)
    for n in c.node_ids():
        assert _same(e1.raw_value(n), e2.raw_value(n))
        assert _same(e1.raw_grad(n), e2.raw_grad(n))
