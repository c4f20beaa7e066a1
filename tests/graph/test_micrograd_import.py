"""From micrograd (issue 12, item 5): graphs built with the real micrograd package become
circuits with micrograd's values and, after ``backward()``, its gradients, node for node.

micrograd 0.1.0 has no tanh or exp; ``tanh`` and ``exp`` below build them as the
lecture's Value does (same ``_op``, same backward), from micrograd's own Value class.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys

import numpy as np
import pytest

micrograd = pytest.importorskip("micrograd")
from micrograd.engine import Value  # noqa: E402
from micrograd.nn import MLP, Neuron  # noqa: E402

import chainwire  # noqa: E402
from chainwire.graph import fileio  # noqa: E402
from chainwire.graph.evaluate import evaluate  # noqa: E402
from chainwire.graph.micrograd_import import (  # noqa: E402
    MicrogradError,
    from_micrograd,
    walk,
)


def tanh(v: Value) -> Value:
    t = math.tanh(v.data)  # the lecture writes (e^2x - 1)/(e^2x + 1), which overflows
    out = Value(t, (v,), "tanh")

    def _backward():
        v.grad += (1 - t**2) * out.grad
    out._backward = _backward
    return out


def exp(v: Value) -> Value:
    out = Value(math.exp(v.data), (v,), "exp")

    def _backward():
        v.grad += out.data * out.grad
    out._backward = _backward
    return out


def assert_matches(root: Value, rel: float = 1e-12) -> None:
    """Every Value's data and grad (after ``root.backward()``) equal the engine's value
    and gradient of its node."""
    root.backward()
    c = from_micrograd(root)
    ev = evaluate(c)
    nodes = walk(root)
    assert len(c) == len(nodes) and ev.output == f"v{len(nodes)}"
    for k, v in enumerate(nodes, 1):
        nid = f"v{k}"
        assert ev.raw_value(nid) == pytest.approx(v.data, rel=rel, abs=1e-300), nid
        assert ev.raw_grad(nid) == pytest.approx(v.grad, rel=rel, abs=1e-15), nid


def test_a_neuron():
    x1, x2, w1, w2, b = Value(2.0), Value(0.0), Value(-3.0), Value(1.0), Value(6.8813735870)
    assert_matches(tanh(x1 * w1 + x2 * w2 + b))


def test_micrograd_nn_neuron_and_mlp_on_one_point():
    random.seed(231)
    n = Neuron(3)
    assert_matches(n([2.0, 3.0, -1.0]))
    model = MLP(3, [4, 4, 1])
    out = model([2.0, 3.0, -1.0])
    loss = (out - 1.0) ** 2
    assert_matches(loss)
    params = {id(p) for p in model.parameters()}
    c = from_micrograd(loss)
    inputs = [n for n in c.nodes() if n.type == "input"]
    assert len(inputs) >= len(params)  # every parameter and every wrapped constant


def test_every_op_including_sub_div_pow_relu_tanh_exp():
    a, b, c = Value(-4.0), Value(2.0), Value(0.5)
    d = a * b + b**3
    e = c - a
    f = (d / e) ** 2 + exp(c) - tanh(a * c)
    g = (f - d).relu() + (-e).relu() * 2 + 1 / b + b / 3 + c**0.5 + (a * a) + (b + b)
    assert_matches(g)
    ops = {v._op for v in walk(g)}
    assert {"+", "*", "**2", "**3", "**-1", "**0.5", "ReLU", "tanh", "exp"} <= ops


@pytest.mark.parametrize("seed", range(20))
def test_random_expressions(seed):
    rng = random.Random(seed)
    pool = [Value(rng.uniform(-2, 2)) for _ in range(4)]
    for _ in range(30):
        x, y = rng.choice(pool[-6:]), rng.choice(pool[-6:])
        op = rng.randrange(9)
        v = (x + y, x * y, x - y, x / (y * y + 1), (x * x + 0.5) ** rng.choice([0.5, -1.5, 3]),
             x.relu(), tanh(x), exp(tanh(x)), -x)[op]
        pool.append(v)
    assert_matches(pool[-1], rel=1e-9)


def test_sharing_is_kept_one_node_many_wires():
    x = Value(3.0)
    y = x * x + x  # x is used three times: one node, three wires, forks add up
    assert_matches(y)
    c = from_micrograd(y)
    xs = [n.id for n in c.nodes() if n.type == "input"]
    assert len(xs) == 1 and len(c.wires_out_of(xs[0])) == 3
    assert evaluate(c).raw_grad(xs[0]) == 2 * 3.0 + 1


def test_constants_become_inputs_with_gradients():
    x = Value(1.5)
    y = x * 2 - 1 - x  # micrograd wraps 2 and -1 (1 negated), and -1 to negate x
    assert_matches(y)
    c = from_micrograd(y)
    values = sorted(n.value for n in c.nodes() if n.type == "input")
    assert values == [-1.0, -1.0, 1.5, 2.0]


def test_labels_and_ids():
    a = Value(2.0)
    a.label = "a"
    b = a * 3
    b.label = "b"
    c = from_micrograd(b)
    assert {n.label for n in c.nodes()} == {"a", "b", None}
    assert sorted(n.id for n in c.nodes()) == ["v1", "v2", "v3"]
    assert c.output == "v3" and c.node("v3").label == "b"


def test_deeper_than_the_recursion_limit(tmp_path):
    v = Value(1.0)
    for _ in range(3 * sys.getrecursionlimit()):
        v = v * 1.0001 + 0.001
    c = from_micrograd(v, tmp_path / "deep.chainwire")
    assert len(c) == len(walk(v)) == 1 + 4 * 3 * sys.getrecursionlimit()
    ev = evaluate(c)
    assert ev.raw_value(ev.output) == pytest.approx(v.data, rel=1e-12)
    assert len(fileio.load(tmp_path / "deep.chainwire")) == len(c)
    xs = {n.pos[0] for n in c.nodes()}
    assert len(xs) > 100  # placed column by column, not piled up


def test_saved_to_a_path_and_laid_out(tmp_path):
    x = Value(2.0)
    y = tanh(x * x).relu() ** 2
    path = tmp_path / "mg.chainwire"
    c = chainwire.from_micrograd(y, path)
    again = fileio.load(path)
    assert again == c
    assert len({n.pos for n in c.nodes()}) == len(c)
    assert c.node(c.output).pos[0] == max(n.pos[0] for n in c.nodes())


def test_duck_typed_graphs_and_refusals():
    class V:
        def __init__(self, data, prev=(), op=""):
            self.data, self._prev, self._op = data, set(prev), op

    a = V(2.0)
    c = from_micrograd(V(4.0, (a,), "**2"))
    assert evaluate(c).raw_value("v2") == 4.0
    with pytest.raises(MicrogradError, match="no gate computes micrograd's op '%'"):
        from_micrograd(V(1.0, (a, V(3.0)), "%"))
    with pytest.raises(MicrogradError, match="takes one operand"):
        from_micrograd(V(1.0, (a, V(3.0)), "tanh"))
    with pytest.raises(MicrogradError, match="not a micrograd Value"):
        from_micrograd(3.0)
    with pytest.raises(MicrogradError, match="finite"):
        from_micrograd(V(math.inf))
    loop = V(1.0, (), "+")
    loop._prev = {V(2.0, (loop,), "+")}
    with pytest.raises(MicrogradError, match="loop"):
        from_micrograd(loop)


def test_importing_chainwire_stays_light():
    code = ("import sys, chainwire\nassert callable(chainwire.from_micrograd)\n"
            "assert callable(chainwire.show)\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'micrograd'))]\n"
            "assert not bad, bad\nprint('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_values_match_bit_for_bit_on_plus_times_pow_relu():
    random.seed(7)
    out = MLP(2, [3, 1])([0.5, -1.5])
    loss = (out - 0.25) ** 2
    loss.backward()
    ev = evaluate(from_micrograd(loss, layout=False))
    for k, v in enumerate(walk(loss), 1):
        assert np.float64(v.data) == ev.raw_value(f"v{k}")
        assert np.float64(v.grad) == ev.raw_grad(f"v{k}")
