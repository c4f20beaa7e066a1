"""Evaluating circuits with vector and matrix wires: the notes' W·X, a neuron layer
σ(W·x + b) with a broadcast bias, sum(f) seeding, shape problems found by a run."""

from __future__ import annotations

import math

import numpy as np
import pytest

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.evaluate import Plan, evaluate
from tests.graph.test_evaluate import build

pytestmark = pytest.mark.usefixtures("no_warnings")  # tests/graph/conftest.py

RNG = np.random.default_rng(231)
W = RNG.standard_normal((5, 10))  # the notes' snippet: W (5×10), X (10×3)
X = RNG.standard_normal((10, 3))


def wx() -> Circuit:
    return build({"W": W, "X": X}, [("D", "matmul", ["W", "X"]), ("f", "sum", ["D"])])


def test_the_notes_wx_with_a_sum_gives_dw_dd_xt_and_dx_wt_dd():
    e = evaluate(wx())
    dD = np.ones((5, 3))  # d sum(D) / dD
    assert e.value("D").shape == (5, 3) and np.array_equal(e.value("D"), W @ X)
    assert type(e.raw_value("f")) is float and e.value("f") == pytest.approx((W @ X).sum())
    assert np.array_equal(e.grad("D"), dD)
    assert np.array_equal(e.grad("W"), dD @ X.T) and np.array_equal(e.grad("X"), W.T @ dD)
    assert np.array_equal(e.wire_grad(Wire("W", "D", 0)), e.grad("W"))
    assert e.shape("W") == (5, 10) and e.shape("f") == () and e.has_arrays
    assert not e.output_summed and e.objective("f") == "f"


def test_an_array_f_gives_the_gradients_of_sum_f():
    """Without the sum gate every gradient is that of sum(D): the same numbers."""
    c = build({"W": W, "X": X}, [("D", "matmul", ["W", "X"])])
    e, with_sum = evaluate(c), evaluate(wx())
    assert e.output == "D" and e.output_summed and e.objective("D") == "sum(D)"
    assert np.array_equal(e.grad("D"), np.ones((5, 3)))
    for n in ("W", "X"):
        assert np.array_equal(e.grad(n), with_sum.grad(n))


def neuron_layer(b) -> Circuit:
    """f = sum(σ(W·x + b)) for one data point x."""
    return build({"W": W[:4, :3], "x": X[:3, 0], "b": b},
                 [("z", "matmul", ["W", "x"]), ("zb", "add", ["z", "b"]),
                  ("s", "sigmoid", ["zb"]), ("f", "sum", ["s"])])


@pytest.mark.parametrize("b", [np.array([0.1, -0.2, 0.3, 0.0]), 0.5])
def test_a_neuron_layer_with_a_broadcast_bias_matches_finite_differences(b):
    c = neuron_layer(b)
    e = evaluate(c)
    assert e.shape("z") == (4,) and e.shape("b") == np.shape(b)
    h = 1e-6
    for name in ("W", "x", "b"):
        base = np.atleast_1d(np.array(c.node(name).value, dtype=float))
        fd = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            vals = []
            for delta in (h, -h):
                d = c.copy()
                v = base.copy()
                v[idx] += delta
                d.set_value(name, v if np.ndim(b) or name != "b" else float(v[0]))
                vals.append(evaluate(d).raw_value("f"))
            fd[idx] = (vals[0] - vals[1]) / (2 * h)
        assert np.allclose(np.atleast_1d(e.grad(name)), fd, rtol=1e-6, atol=1e-8), name
    if not np.ndim(b):  # a scalar bias receives the sum over the layer's units
        assert type(e.raw_grad("b")) is float
        assert e.raw_grad("b") == pytest.approx(float(np.sum(e.grad("zb"))), rel=1e-14)


def test_two_layer_relu_net_routes_gradient_only_where_positive():
    w1 = np.array([[1.0, -1.0], [-2.0, 0.5], [0.5, 0.5]])
    x = np.array([1.0, 2.0])
    c = build({"W1": w1, "x": x, "W2": np.array([[1.0, 1.0, 1.0]])},
              [("h", "matmul", ["W1", "x"]), ("r", "relu", ["h"]),
               ("y", "matmul", ["W2", "r"]), ("f", "sum", ["y"])])
    e = evaluate(c)
    assert e.value("h").tolist() == [-1.0, -1.0, 1.5] and e.value("r").tolist() == [0, 0, 1.5]
    assert e.grad("h").tolist() == [0.0, 0.0, 1.0]  # ReLU routes
    assert e.grad("W1").tolist() == [[0, 0], [0, 0], [1.0, 2.0]]


# ----- shape problems found by a run -------------------------------------------------------
def test_a_value_edit_that_breaks_a_gate_leaves_it_undefined_with_both_shapes():
    c = wx()
    c.add_node("input", "k", value=2.0)
    c.add_node("scale", "side", param=2.0)
    c.connect("k", "side", 0)
    c.set_output("f")
    c.set_value("X", np.ones((5, 3)))  # no exception: the circuit stays editable
    e = evaluate(c)
    msg = "matmul needs (5×10)·(10×k): got (5×10) and (5×3)"
    assert dict(e.shape_problems) == {"D": msg}
    assert e.undefined["D"] == msg
    assert e.undefined["f"] == "'f' depends on 'D', which is undefined"
    assert e.output is None and e.no_gradient_reason == (
        f"the output 'f' is undefined: {e.undefined['f']}")
    assert e.value("D") is None and e.value("side") == 4.0 and e.shape("D") is None
    assert e.wire_value(Wire("X", "D", 1)).shape == (5, 3)
    c.set_value("X", X)  # and it mends as soon as the shapes fit again
    assert not evaluate(c).undefined


def test_a_broken_side_branch_keeps_gradients_elsewhere():
    c = build({"a": 0.0, "b": 0.0, "k": 3.0},
              [("bad", "add", ["a", "b"]), ("f", "square", ["k"])], output="f")
    c.set_value("a", np.ones(2))  # values typed in after wiring: the gate cannot compute
    c.set_value("b", np.ones(3))
    e = evaluate(c)
    assert e.undefined == {"bad": "add needs shapes that broadcast together: got (2) and (3)"}
    assert e.grad("k") == 6.0 and e.grad("bad") is None
    assert e.wire_grad(Wire("a", "bad", 0)) is None  # wires into an undefined gate
    assert np.array_equal(e.grad("a"), np.zeros(2))  # not upstream of f: zeros, shaped


def test_a_result_larger_than_the_limit_is_undefined_not_allocated():
    c = build({"col": 0.0, "row": np.ones((1, 1024))}, [("outer", "multiply", ["col", "row"])])
    c.set_value("col", np.ones((2048, 1)))
    e = evaluate(c)
    assert "would make (2048×1024), more than 1048576 elements" in e.undefined["outer"]


def test_scalars_into_matmul_are_undefined_saying_why():
    c = build({"a": 1.0, "b": 2.0}, [("m", "matmul", ["a", "b"])])
    assert evaluate(c).undefined == {
        "m": "matmul needs vectors or matrices: got scalar and scalar"}


def test_matmul_with_one_port_open_is_undefined():
    c = build({"a": np.ones(2)}, [("m", "matmul", ["a"])])
    assert evaluate(c).undefined == {"m": "matmul gate 'm' needs 2 inputs, has 1"}


# ----- the Evaluation's array API ----------------------------------------------------------
def test_results_are_read_only_and_shaped_like_their_values():
    e = evaluate(wx())
    for n in e.order:
        v, g = e.raw_value(n), e.raw_grad(n)
        assert np.shape(v) == np.shape(g)
        for a in (v, g):
            if isinstance(a, np.ndarray):
                assert not a.flags.writeable
                with pytest.raises(ValueError):
                    a[...] = 0.0


def test_changed_since_compares_arrays_element_by_element():
    c = wx()
    p = Plan(c)
    inputs, params = p.gather(c)
    a = p.run(inputs, params)
    assert p.run(inputs, params).changed_since(a) == (set(), set(), set())
    x2 = X.copy()
    x2[0, 0] += 1.0
    b = p.run([W, x2], params)
    assert x2.flags.writeable  # running never freezes the caller's array
    vals, grads, wires = b.changed_since(a)
    assert vals == {"X", "D", "f"} and grads == {"W"}
    assert wires == {Wire("W", "D", 0)}


def test_changed_since_counts_nan_where_nan_was_as_unchanged():
    c = build({"x": 0.0, "v": np.array([0.0, 1.0])},
              [("r", "reciprocal", ["x"]), ("m", "multiply", ["r", "x"]),
               ("rv", "reciprocal", ["v"]), ("mv", "multiply", ["rv", "v"])], output="mv")
    p = Plan(c)
    a, b = (p.run(*p.gather(c)) for _ in range(2))
    assert math.isnan(a.raw_value("m")) and np.isnan(a.raw_value("mv")[0])
    assert b.changed_since(a) == (set(), set(), set())
    assert a.first_nonfinite == "r" and a.first_nonfinite_grad is not None


def test_first_nonfinite_looks_inside_arrays():
    c = build({"v": np.array([1.0, 800.0])}, [("e", "exp", ["v"]), ("f", "sum", ["e"])])
    e = evaluate(c)
    assert e.first_nonfinite == "e" and e.value("f") == math.inf


def test_scalar_api_unchanged_for_scalar_circuits():
    e = evaluate(build({"x": 2.0}, [("f", "square", ["x"])]))
    assert type(e.value("f")) is np.float64 and type(e.raw_value("f")) is float
    assert not e.has_arrays and e.shape("f") == () and e.shape_problems == {}


def test_a_vector_dot_a_vector_is_a_python_float_all_the_way_down():
    """A scalar wire carries a Python float whatever made it (np.matmul of two vectors
    gives np.float64, which spread into every gate below it)."""
    e = evaluate(build({"a": np.array([1.0, 2.0]), "b": np.array([3.0, 4.0])},
                       [("d", "matmul", ["a", "b"]), ("f", "sigmoid", ["d"])]))
    assert type(e.raw_value("d")) is float and e.raw_value("d") == 11.0
    assert type(e.raw_value("f")) is float
    assert np.array_equal(e.grad("a"), e.grad("d") * np.array([3.0, 4.0]))
