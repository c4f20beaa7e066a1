"""The bundled examples: they load, reproduce the notes' numbers and show their pattern."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from chainwire import resources
from chainwire.graph import fileio
from chainwire.graph.evaluate import evaluate
from chainwire.graph.fileio import spec
from chainwire.graph.layout import COLUMN_GAP, ROW_GAP, layout
from chainwire.graph.shapes import all_finite

FOLDER = Path(resources.__file__).parent / "examples"
EXAMPLES = sorted(FOLDER.glob("*.chainwire"))
V1_FOLDER = Path(__file__).parent / "data" / "v1"
V1_FILES = sorted(V1_FOLDER.glob("*.chainwire"))
"""The examples as they shipped in file format version 1, kept to test the migration."""
EXPECTED = {
    "add-multiply", "neuron", "neuron-expanded", "staged", "pattern-add-distributes",
    "pattern-max-routes", "pattern-max-tie", "pattern-multiply-swaps", "pattern-fork-adds",
    "matmul-wx", "neuron-layer", "two-layer-relu",
}
NEURON_INPUTS = ["w0", "x0", "w1", "x1", "w2"]
NEURON_GRADS = [-0.19661193324148185, 0.3932238664829637, -0.3932238664829637,
                -0.5898357997244456, 0.19661193324148185]


def load(name: str):
    c = fileio.load(FOLDER / f"{name}.chainwire")
    return c, evaluate(c)


def num(v) -> float:
    return float(v)


def test_every_expected_example_is_there():
    assert {p.stem for p in EXAMPLES} >= EXPECTED


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_with_title_notes_output_and_tidy_layout(path):
    c = fileio.load(path)
    assert c.title and c.notes and len(c.notes) > 40
    assert c.output is not None and c.output in c
    ev = evaluate(c)
    assert ev.output == c.output and not ev.undefined
    assert all(all_finite(ev.value(n)) and all_finite(ev.grad(n)) for n in c.node_ids())
    pos = {n.id: n.pos for n in c.nodes()}
    for n in c.nodes():
        if n.type == "input":
            assert n.label, n.id  # the notes' names
            assert n.pos[0] == 0.0  # inputs aligned at the left
    for w in c.wires():
        assert pos[w.dst][0] > pos[w.src][0]  # left to right
    points = sorted(pos.values())
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        assert x1 - x0 >= COLUMN_GAP or abs(y1 - y0) >= ROW_GAP  # no overlaps
    assert pos == layout(c)  # shipped as graph.layout lays them out (Auto Layout: no change)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_survives_a_save_and_load(path, tmp_path):
    c = fileio.load(path)
    fileio.save(c, tmp_path / path.name)
    assert fileio.load(tmp_path / path.name) == c


def test_every_shipped_example_is_version_2():
    for path in EXAMPLES:
        assert json.loads(path.read_text("utf-8"))["version"] == fileio.FORMAT_VERSION == 2


def test_every_version_1_example_is_kept_as_a_fixture():
    assert {p.stem for p in V1_FILES} >= {"add-multiply", "neuron", "neuron-expanded",
                                          "staged", "pattern-add-distributes",
                                          "pattern-max-routes", "pattern-max-tie",
                                          "pattern-multiply-swaps", "pattern-fork-adds"}


@pytest.mark.parametrize("old", V1_FILES, ids=lambda p: p.stem)
def test_every_version_1_example_migrates(old, tmp_path, monkeypatch):
    assert json.loads(old.read_text("utf-8"))["version"] == 1
    migrated = []
    real = spec.MIGRATIONS[1]
    monkeypatch.setitem(spec.MIGRATIONS, 1, lambda d: migrated.append(1) or real(d))
    c = fileio.load(old)
    assert migrated == [1]  # through the migration mechanism
    twin_path = FOLDER / old.name
    twin = fileio.load(twin_path)
    assert c == twin
    ev, ev_twin = evaluate(c), evaluate(twin)
    for n in c.node_ids():  # the same numbers, bit for bit
        assert num(ev.value(n)) == num(ev_twin.value(n)), n
        assert num(ev.grad(n)) == num(ev_twin.grad(n)), n
    fileio.save(c, tmp_path / old.name)  # saved as version 2: the shipped file exactly
    assert (tmp_path / old.name).read_text("utf-8") == twin_path.read_text("utf-8")


def test_add_multiply_matches_the_notes_table():
    c, ev = load("add-multiply")
    assert [c.node(n).label for n in ("x", "y", "z", "q", "f")] == ["x", "y", "z", "q", "f"]
    assert (c.type_of("q"), c.type_of("f")) == ("add", "multiply")
    assert num(ev.value("f")) == -12.0
    table = {(w.src, w.dst): (num(ev.wire_value(w)), num(ev.wire_grad(w))) for w in c.wires()}
    assert table == {("x", "q"): (-2.0, -4.0), ("y", "q"): (5.0, -4.0),
                     ("q", "f"): (3.0, -4.0), ("z", "f"): (-4.0, 3.0)}
    assert num(ev.grad("f")) == 1.0


@pytest.mark.parametrize("name", ["neuron", "neuron-expanded"])
def test_neuron_matches_the_notes(name):
    c, ev = load(name)
    assert [c.node(n).label for n in NEURON_INPUTS] == NEURON_INPUTS
    assert [c.node(n).value for n in NEURON_INPUTS] == [2.0, -1.0, -3.0, -2.0, -3.0]
    assert num(ev.value(c.output)) == pytest.approx(0.7310585786300049, rel=1e-15)
    grads = [num(ev.grad(n)) for n in NEURON_INPUTS]
    assert grads == pytest.approx(NEURON_GRADS, rel=1e-14)
    assert [round(g, 2) for g in grads] == [-0.20, 0.39, -0.39, -0.59, 0.20]
    # the value flowing into the sigmoid (or the -1 scale) is 1.0
    assert num(ev.value("dot")) == 1.0


def test_neuron_has_a_sigmoid_gate_and_the_expanded_one_spells_it_out():
    c, _ = load("neuron")
    assert c.type_of(c.output) == "sigmoid"
    e, _ = load("neuron-expanded")
    chain = []
    n = e.output
    while e.type_of(n) != "add":
        chain.append((e.type_of(n), e.node(n).param))
        (n,) = e.inputs_of(n).values()
    assert chain[::-1] == [("scale", -1.0), ("exp", None), ("offset", 1.0), ("reciprocal", None)]
    assert "sigmoid" not in {x.type for x in e.nodes()}


def test_both_neuron_variants_agree_on_every_input_and_shared_node():
    a, ea = load("neuron")
    b, eb = load("neuron-expanded")
    for n in [*NEURON_INPUTS, "w0x0", "w1x1", "dot"]:
        assert num(eb.value(n)) == num(ea.value(n))
        assert num(eb.grad(n)) == pytest.approx(num(ea.grad(n)), rel=1e-14)
    assert num(eb.value(b.output)) == pytest.approx(num(ea.value(a.output)), rel=1e-15)


def staged_direct(x: float, y: float) -> float:
    sig = lambda v: 1.0 / (1.0 + math.exp(-v))  # noqa: E731
    return (x + sig(y)) / (sig(x) + (x + y) ** 2)


def test_staged_matches_python_and_finite_differences():
    c, ev = load("staged")
    assert (c.node("x").value, c.node("y").value) == (3.0, -4.0)
    assert {c.type_of(n) for n in c.node_ids()} == {
        "input", "add", "sigmoid", "square", "reciprocal", "multiply"}
    for name in ("sigy", "num", "sigx", "xpy", "xpysqr", "den", "invden", "f"):
        assert c.node(name).label == name  # the variable names of the notes' code
    assert num(ev.value("f")) == pytest.approx(staged_direct(3.0, -4.0), rel=1e-15)
    h = 1e-6
    dx = (staged_direct(3 + h, -4) - staged_direct(3 - h, -4)) / (2 * h)
    dy = (staged_direct(3, -4 + h) - staged_direct(3, -4 - h)) / (2 * h)
    assert num(ev.grad("x")) == pytest.approx(dx, rel=1e-7)
    assert num(ev.grad("y")) == pytest.approx(dy, rel=1e-7)
    # the numbers quoted in the file's notes
    assert f"f ≈ {num(ev.value('f')):.3f}" in c.notes
    assert f"df/dx ≈ {num(ev.grad('x')):.3f}" in c.notes
    assert f"df/dy ≈ {num(ev.grad('y')):.3f}" in c.notes


def test_pattern_add_distributes():
    c, ev = load("pattern-add-distributes")
    (s,) = [n for n in c.node_ids() if c.type_of(n) == "add"]
    upstream = num(ev.grad(s))
    assert upstream not in (0.0, 1.0)  # something to distribute
    ins = c.wires_into(s)
    assert len(ins) >= 3
    assert all(num(ev.wire_grad(w)) == upstream for w in ins)


def test_pattern_max_routes_the_notes_figure():
    c, ev = load("pattern-max-routes")
    assert num(ev.value("f")) == -20.0
    assert {n: num(ev.grad(n)) for n in "xyzw"} == {"x": -8.0, "y": 6.0, "z": 2.0, "w": 0.0}
    (m,) = [n for n in c.node_ids() if c.type_of(n) == "max"]
    grads = [num(ev.wire_grad(w)) for w in c.wires_into(m)]
    assert sorted(grads) == [0.0, num(ev.grad(m))]  # all to the winner, 0 to the other


def test_pattern_max_tie_splits():
    c, ev = load("pattern-max-tie")
    (m,) = [n for n in c.node_ids() if c.type_of(n) == "max"]
    vals = [num(ev.wire_value(w)) for w in c.wires_into(m)]
    grads = [num(ev.wire_grad(w)) for w in c.wires_into(m)]
    top = max(vals)
    winners = [g for v, g in zip(vals, grads, strict=True) if v == top]
    assert len(winners) >= 2 and len(winners) < len(vals)
    assert winners == [num(ev.grad(m)) / len(winners)] * len(winners)
    assert all(g == 0.0 for v, g in zip(vals, grads, strict=True) if v != top)


def test_pattern_multiply_swaps_with_three_inputs():
    c, ev = load("pattern-multiply-swaps")
    (m,) = [n for n in c.node_ids() if c.type_of(n) == "multiply"]
    ins = c.wires_into(m)
    assert len(ins) == 3
    vals = [num(ev.wire_value(w)) for w in ins]
    up = num(ev.grad(m))
    for i, w in enumerate(ins):
        others = math.prod(v for j, v in enumerate(vals) if j != i)
        assert num(ev.wire_grad(w)) == others * up
    assert {n: num(ev.grad(n)) for n in "abc"} == {"a": -12.0, "b": 8.0, "c": -6.0}


def test_pattern_fork_adds():
    c, ev = load("pattern-fork-adds")
    # x*x: one input wired into both ports of one gate
    assert [w.src for w in c.wires_into("xx")] == ["x", "x"]
    out = c.wires_out_of("x")
    assert len(out) == 3
    assert num(ev.grad("x")) == sum(num(ev.wire_grad(w)) for w in out)
    x, y = c.node("x").value, c.node("y").value
    assert num(ev.grad("x")) == 2 * x + y
    assert num(ev.grad("y")) == x


# ----- arrays (issue 9, item 10): numbers checked against numpy written out by hand ------

def _array(v) -> np.ndarray:
    assert isinstance(v, np.ndarray)
    return v


def test_matmul_wx_has_the_notes_shapes_and_gradients():
    c, ev = load("matmul-wx")
    W, X = _array(c.node("W").value), _array(c.node("X").value)
    assert (W.shape, X.shape) == ((5, 10), (10, 3))  # the notes' snippet
    assert np.array_equal(W, np.round(W)) and np.abs(W).max() <= 3  # small whole numbers
    assert np.array_equal(X, np.round(X)) and np.abs(X).max() <= 3
    assert (c.type_of("D"), c.type_of("f")) == ("matmul", "sum")
    D = np.zeros((5, 3))
    for i in range(5):  # D = W.dot(X), one multiply-add at a time
        for k in range(3):
            D[i, k] = sum(W[i, j] * X[j, k] for j in range(10))
    assert np.array_equal(_array(ev.value("D")), D)
    assert num(ev.value("f")) == D.sum() == -15.0
    assert f"f = {D.sum():.0f}" in c.notes
    dD = np.ones((5, 3))
    assert np.array_equal(_array(ev.grad("D")), dD)
    assert np.array_equal(_array(ev.grad("W")), dD @ X.T)  # dW = dD·Xᵀ
    assert np.array_equal(_array(ev.grad("X")), W.T @ dD)  # dX = Wᵀ·dD
    assert ev.grad("W").shape == W.shape and ev.grad("X").shape == X.shape
    # with dD = ones: rows of dW are X's row sums, columns of dX are W's column sums
    assert all(_array(ev.grad("W"))[i].tolist() == X.sum(axis=1).tolist() for i in range(5))
    assert all(_array(ev.grad("X"))[:, k].tolist() == W.sum(axis=0).tolist()
               for k in range(3))


def test_neuron_layer_is_two_neurons_at_once():
    c, ev = load("neuron-layer")
    W, x, b = (_array(c.node(n).value) for n in ("W", "x", "b"))
    assert (W.shape, x.shape, b.shape) == ((2, 3), (3,), (2,))  # b a vector
    assert [c.type_of(n) for n in ("Wx", "z", "h", "f")] == ["matmul", "add", "sigmoid", "sum"]
    z = np.array([W[0] @ x, W[1] @ x]) + b
    assert z.tolist() == [1.0, -0.5] and np.array_equal(_array(ev.value("z")), z)
    h = 1 / (1 + np.exp(-z))
    assert np.allclose(_array(ev.value("h")), h, rtol=1e-15, atol=0)
    assert num(ev.value("f")) == pytest.approx(h.sum(), rel=1e-15)
    dz = h * (1 - h)
    assert np.allclose(_array(ev.grad("b")), dz, rtol=1e-15, atol=0)
    assert np.allclose(_array(ev.grad("W")), np.outer(dz, x), rtol=1e-15, atol=0)
    assert np.allclose(_array(ev.grad("x")), W.T @ dz, rtol=1e-15, atol=0)
    # each row of W is one neuron: the same numbers as a scalar neuron with that row
    for i in range(2):
        assert num(ev.grad("W")[i, 0]) == pytest.approx(dz[i] * x[0], rel=1e-15)
    for quoted in (f"≈ [{h[0]:.3f}, {h[1]:.3f}]", f"f = sum(h) ≈ {h.sum():.3f}",
                   f"≈ [{dz[0]:.3f}, {dz[1]:.3f}]"):
        assert quoted in c.notes


def test_two_layer_relu_net_on_one_point():
    c, ev = load("two-layer-relu")
    W1, x, b1, W2 = (_array(c.node(n).value) for n in ("W1", "x", "b1", "W2"))
    b2 = c.node("b2").value
    assert (W1.shape, x.shape, b1.shape, W2.shape, b2) == ((3, 2), (2,), (3,), (3,), 0.5)
    assert c.type_of("h") == "relu"
    z1 = W1 @ x + b1
    assert z1.tolist() == [-2.0, 1.0, 3.0]
    h = np.maximum(0, z1)
    assert _array(ev.value("h")).tolist() == h.tolist() == [0.0, 1.0, 3.0]
    assert np.ndim(ev.value("f")) == 0 and ev.value("f") == W2 @ h + b2 == 2.5  # a scalar f
    dz1 = W2 * (z1 > 0)  # ReLU routes: an off unit passes no gradient
    assert dz1.tolist() == [0.0, -1.0, 1.0]
    expected = {"W2": h, "b2": 1.0, "h": W2, "z1": dz1, "b1": dz1,
                "W1": np.outer(dz1, x), "x": W1.T @ dz1}
    for n, g in expected.items():
        assert np.array_equal(np.asarray(ev.grad(n)), g), n
    assert _array(ev.grad("x")).tolist() == [3.0, -2.0]
    for quoted in ("= [-2, 1, 3]", "h = relu(z1) = [0, 1, 3]", "= 2.5", "dz1 = [0, -1, 1]",
                   "= [3, -2]"):
        assert quoted in c.notes
