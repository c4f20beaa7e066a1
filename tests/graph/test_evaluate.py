"""The evaluator against README.md's semantics ("How it is built") and cs231n's numbers.

Reference numbers are compared with ``==`` on the exact floats the reference lists
(they are the correctly computed doubles), except where a different but equally valid
order of floating-point operations is involved, which is said where it happens.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.evaluate import Evaluation, evaluate
from chainwire.graph.gates import GATES, sigmoid

pytestmark = pytest.mark.usefixtures("no_warnings")  # tests/graph/conftest.py


def build(inputs: dict[str, float], gates: list[tuple], output: str | None = None) -> Circuit:
    """gates: (id, type, [sources in port order]) or (id, type, [sources], param)."""
    c = Circuit()
    for n, v in inputs.items():
        c.add_node("input", n, value=v)
    for g in gates:
        nid, t, srcs = g[:3]
        c.add_node(t, nid, param=g[3] if len(g) > 3 else None)
        for port, s in enumerate(srcs):
            c.connect(s, nid, port)
    if output is not None:
        c.set_output(output)
    return c


def wire_table(e: Evaluation) -> dict[tuple[str, str, int], tuple[float, float]]:
    return {tuple(w): (e.wire_value(w), e.wire_grad(w)) for w in e.wires}


# ----- cs231n §1: f = (x + y) · z ---------------------------------------------------------
def circuit1() -> Circuit:
    return build({"x": -2.0, "y": 5.0, "z": -4.0},
                 [("q", "add", ["x", "y"]), ("f", "multiply", ["q", "z"])])


def test_reference_1_values_and_wire_gradients():
    e = evaluate(circuit1())
    assert e.output == "f" and e.no_gradient_reason == ""
    assert wire_table(e) == {
        ("x", "q", 0): (-2.0, -4.0),
        ("y", "q", 1): (5.0, -4.0),
        ("q", "f", 0): (3.0, -4.0),
        ("z", "f", 1): (-4.0, 3.0),
    }
    assert e.value("f") == -12.0 and e.grad("f") == 1.0
    assert [e.grad(n) for n in "xyzq"] == [-4.0, -4.0, 3.0, -4.0]
    assert isinstance(e.value("f"), np.float64) and isinstance(e.grad("x"), np.float64)
    assert e.raw_value("f") == -12.0 and type(e.raw_value("f")) is float
    assert e.raw_grad("z") == 3.0
    assert e.raw_wire_grad(Wire("z", "f", 1)) == 3.0
    assert e.wire_grad(("z", "f", 1)) == 3.0  # a plain tuple names a wire too


# ----- cs231n §2: the 2-D neuron ----------------------------------------------------------
NEURON_IN = {"w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0}
NEURON_GRADS = {
    "w0": -0.19661193324148185, "x0": 0.3932238664829637, "w1": -0.3932238664829637,
    "x1": -0.5898357997244456, "w2": 0.19661193324148185,
}


def neuron(spelled_out: bool, nary_add: bool = False) -> Circuit:
    gates: list[tuple] = [("m0", "multiply", ["w0", "x0"]), ("m1", "multiply", ["w1", "x1"])]
    if nary_add:
        gates.append(("s", "add", ["m0", "m1", "w2"]))
    else:
        gates += [("s01", "add", ["m0", "m1"]), ("s", "add", ["s01", "w2"])]
    if spelled_out:  # 1 / (1 + exp(-s)), as the notes draw it
        gates += [("neg", "scale", ["s"], -1.0), ("e", "exp", ["neg"]),
                  ("o", "offset", ["e"], 1.0), ("f", "reciprocal", ["o"])]
    else:
        gates.append(("f", "sigmoid", ["s"]))
    return build(NEURON_IN, gates)


@pytest.mark.parametrize("nary_add", [False, True])
def test_reference_2_neuron_with_sigmoid_gate(nary_add):
    e = evaluate(neuron(False, nary_add))
    assert e.value("s") == 1.0
    assert e.value("f") == 0.7310585786300049
    assert e.grad("s") == 0.19661193324148185
    assert e.wire_grad(Wire("s", "f", 0)) == 0.19661193324148185
    for n, g in NEURON_GRADS.items():
        assert e.grad(n) == g, n
    # the notes' printout: 0.73 and [-0.20, 0.39, -0.39, -0.59, 0.20]
    assert f"{e.value('f'):.2f}" == "0.73"
    assert [f"{e.grad(n):.2f}" for n in NEURON_GRADS] == ["-0.20", "0.39", "-0.39", "-0.59",
                                                          "0.20"]


@pytest.mark.parametrize("nary_add", [False, True])
def test_reference_2_neuron_spelled_out_gives_the_same_gradients(nary_add):
    """scale·(−1), exp, +1, 1/x: another operation order, so equal to ~1 ulp, not bitwise."""
    e = evaluate(neuron(True, nary_add))
    assert e.value("f") == pytest.approx(0.7310585786300049, rel=1e-15)
    assert e.grad("s") == pytest.approx(0.19661193324148185, rel=1e-15)
    for n, g in NEURON_GRADS.items():
        assert e.grad(n) == pytest.approx(g, rel=1e-15), n
    e2 = evaluate(neuron(False, nary_add))
    for w in e2.wires:
        if w.dst != "f":
            assert e.wire_grad(w) == pytest.approx(e2.wire_grad(w), rel=1e-15)


# ----- cs231n §3: staged computation ------------------------------------------------------
def staged(x: float, y: float) -> Circuit:
    return build({"x": x, "y": y}, [
        ("sigy", "sigmoid", ["y"]),
        ("num", "add", ["x", "sigy"]),
        ("sigx", "sigmoid", ["x"]),
        ("xpy", "add", ["x", "y"]),
        ("xpysqr", "square", ["xpy"]),
        ("den", "add", ["sigx", "xpysqr"]),
        ("invden", "reciprocal", ["den"]),
        ("f", "multiply", ["num", "invden"]),
    ])


def staged_notes(x: float, y: float) -> tuple[float, float, float]:
    """The notes' own forward and backward code, line by line."""
    sigy = 1.0 / (1 + math.exp(-y))
    num = x + sigy
    sigx = 1.0 / (1 + math.exp(-x))
    xpy = x + y
    xpysqr = xpy**2
    den = sigx + xpysqr
    invden = 1.0 / den
    f = num * invden
    dnum = invden
    dinvden = num
    dden = (-1.0 / (den**2)) * dinvden
    dsigx = (1) * dden
    dxpysqr = (1) * dden
    dxpy = (2 * xpy) * dxpysqr
    dx = (1) * dxpy
    dy = (1) * dxpy
    dx += ((1 - sigx) * sigx) * dsigx
    dx += (1) * dnum
    dsigy = (1) * dnum
    dy += ((1 - sigy) * sigy) * dsigy
    return f, dx, dy


def test_reference_3_staged_computation():
    x, y = 3.0, -4.0
    e = evaluate(staged(x, y))
    f, dx, dy = staged_notes(x, y)
    assert e.value("f") == pytest.approx(f, rel=1e-15)
    assert e.grad("x") == pytest.approx(dx, rel=1e-14)
    assert e.grad("y") == pytest.approx(dy, rel=1e-14)
    h = 1e-6

    def fv(a: float, b: float) -> float:
        return float(evaluate(staged(a, b)).value("f"))

    assert e.grad("x") == pytest.approx((fv(x + h, y) - fv(x - h, y)) / (2 * h), rel=1e-7)
    assert e.grad("y") == pytest.approx((fv(x, y + h) - fv(x, y - h)) / (2 * h), rel=1e-7)
    # x fans out three ways: its gradient is the sum of its three wires
    out_wires = [w for w in e.wires if w.src == "x"]
    assert len(out_wires) == 3
    assert e.grad("x") == pytest.approx(sum(e.wire_grad(w) for w in out_wires), rel=1e-15)


# ----- gradient patterns ------------------------------------------------------------------
def test_add_distributes():
    e = evaluate(build({"a": 1.0, "b": 2.0, "c": 3.0, "k": 5.0},
                       [("s", "add", ["a", "b", "c"]), ("f", "multiply", ["s", "k"])]))
    assert [e.grad(n) for n in "abc"] == [5.0, 5.0, 5.0]


def test_max_routes_and_ties_split():
    e = evaluate(build({"a": 4.0, "b": 2.0}, [("f", "max", ["a", "b"])]))
    assert (e.grad("a"), e.grad("b")) == (1.0, 0.0)
    e = evaluate(build({"a": 3.0, "b": 3.0}, [("f", "max", ["a", "b"])]))
    assert (e.grad("a"), e.grad("b")) == (0.5, 0.5)
    e = evaluate(build({"a": 3.0, "b": 3.0, "c": 3.0}, [("f", "max", ["a", "b", "c"])]))
    assert [e.grad(n) for n in "abc"] == [1 / 3] * 3
    # max(x, x): one source, both ports tied: the halves add back up to 1
    e = evaluate(build({"x": 3.0}, [("f", "max", ["x", "x"])]))
    assert e.grad("x") == 1.0
    assert [e.wire_grad(w) for w in e.wires] == [0.5, 0.5]


def test_multiply_swaps_with_three_inputs():
    e = evaluate(build({"a": 2.0, "b": 3.0, "c": 5.0}, [("f", "multiply", ["a", "b", "c"])]))
    assert [e.grad(n) for n in "abc"] == [15.0, 10.0, 6.0]


def test_x_times_x_gives_2x():
    e = evaluate(build({"x": 3.0}, [("f", "multiply", ["x", "x"])]))
    assert e.value("f") == 9.0
    assert e.grad("x") == 6.0
    assert [e.wire_grad(w) for w in e.wires] == [3.0, 3.0]  # each branch: the other port's 3


def test_reuse_b_is_a_plus_a_c_is_b_plus_b():
    e = evaluate(build({"a": 1.5}, [("b", "add", ["a", "a"]), ("c", "add", ["b", "b"])]))
    assert e.value("c") == 6.0
    assert e.grad("b") == 2.0 and e.grad("a") == 4.0
    assert {tuple(w): e.wire_grad(w) for w in e.wires} == {
        ("a", "b", 0): 2.0, ("a", "b", 1): 2.0, ("b", "c", 0): 1.0, ("b", "c", 1): 1.0}


def test_wire_value_is_source_value_and_node_grad_is_sum_of_wires():
    c = staged(3.0, -4.0)
    e = evaluate(c)
    for w in e.wires:
        assert e.wire_value(w) == e.value(w.src)
    for n in c.node_ids():
        outs = c.wires_out_of(n)
        if outs:
            assert e.grad(n) == pytest.approx(math.fsum(e.wire_grad(w) for w in outs),
                                              rel=1e-15, abs=0)
    assert e.grad("f") == 1.0


def test_wire_gradient_is_local_times_downstream():
    c = staged(3.0, -4.0)
    e = evaluate(c)
    for w in e.wires:
        gate = GATES[c.type_of(w.dst)]
        ins = [e.raw_value(s) for _, s in sorted(c.inputs_of(w.dst).items())]
        param = c.node(w.dst).param
        if gate.unary:
            local = gate.local(ins[0], e.raw_value(w.dst), param)
        else:
            local = gate.local(ins, e.raw_value(w.dst), param)[w.port]
        assert e.wire_grad(w) == local * e.grad(w.dst)


# ----- which node is f --------------------------------------------------------------------
def test_explicit_output_overrides_sinks():
    c = circuit1()
    c.set_output("q")
    e = evaluate(c)
    assert e.output == "q"
    assert (e.grad("q"), e.grad("x"), e.grad("y")) == (1.0, 1.0, 1.0)
    assert e.grad("z") == 0.0 and e.grad("f") == 0.0  # not upstream of the output
    assert e.wire_grad(Wire("z", "f", 1)) == 0.0 and e.wire_grad(Wire("q", "f", 0)) == 0.0
    assert e.value("f") == -12.0  # still computed


def test_single_sink_is_the_output():
    e = evaluate(circuit1())
    assert e.output == "f"


def test_several_sinks_no_output_no_gradients():
    c = circuit1()
    c.add_node("square", "g")
    c.connect("q", "g", 0)
    e = evaluate(c)
    assert e.output is None
    assert "2 nodes" in e.no_gradient_reason and "output" in e.no_gradient_reason
    assert e.value("f") == -12.0 and e.value("g") == 9.0
    assert all(e.grad(n) is None for n in c.node_ids())
    assert all(e.wire_grad(w) is None and e.raw_wire_grad(w) is None for w in e.wires)
    assert e.raw_grad("x") is None and e.first_nonfinite_grad is None
    c.set_output("g")
    e = evaluate(c)
    assert e.grad("x") == 6.0 and e.grad("z") == 0.0


def test_isolated_input_is_not_upstream():
    c = circuit1()
    c.add_node("input", "lonely", value=7.0)
    c.set_output("f")
    e = evaluate(c)
    assert e.value("lonely") == 7.0 and e.grad("lonely") == 0.0


def test_empty_circuit():
    e = evaluate(Circuit())
    assert e.output is None and e.no_gradient_reason == "the circuit is empty"
    assert e.order == () and e.wires == () and e.first_nonfinite is None


def test_a_lone_input_is_its_own_output():
    c = Circuit()
    c.add_node("input", "x", value=2.5)
    e = evaluate(c)
    assert (e.output, e.value("x"), e.grad("x")) == ("x", 2.5, 1.0)


# ----- half-built circuits ----------------------------------------------------------------
def test_half_built_evaluates_as_far_as_possible():
    c = build({"x": 2.0, "y": 3.0}, [("q", "add", ["x"]), ("s", "square", ["q"]),
                                      ("m", "multiply", ["x", "y"])])
    c.add_node("sigmoid", "open")  # a unary gate with nothing wired
    c.add_node("add", "t")
    c.connect("open", "t", 0)
    c.connect("m", "t", 1)
    c.set_output("m")
    e = evaluate(c)
    assert e.value("m") == 6.0 and e.grad("x") == 3.0 and e.grad("y") == 2.0
    assert set(e.undefined) == {"q", "s", "open", "t"}
    assert "needs at least 2 inputs, has 1" in e.undefined["q"]
    assert e.undefined["s"] == "'s' depends on 'q', which is undefined"
    assert "no input wired" in e.undefined["open"]
    assert "depends on 'open'" in e.undefined["t"]
    for n in e.undefined:
        assert e.value(n) is None and e.grad(n) is None and e.raw_value(n) is None
    # wires into undefined nodes show their source's value but carry no gradient
    assert e.wire_value(Wire("x", "q", 0)) == 2.0
    assert e.wire_grad(Wire("x", "q", 0)) is None
    assert e.wire_grad(Wire("q", "s", 0)) is None and e.wire_value(Wire("q", "s", 0)) is None
    assert e.wire_grad(Wire("m", "t", 1)) is None
    assert e.first_nonfinite is None


def test_undefined_output_gives_no_gradients_and_says_why():
    c = build({"x": 2.0}, [("q", "add", ["x"]), ("s", "square", ["q"])])
    e = evaluate(c)
    assert e.output is None
    assert e.no_gradient_reason.startswith("the output 's' is undefined: ")
    assert e.value("x") == 2.0 and e.grad("x") is None


def test_nary_gate_gets_defined_once_its_second_input_arrives():
    c = build({"x": 2.0, "y": 5.0}, [("m", "max", ["x"])])
    assert "m" in evaluate(c).undefined
    c.connect("y", "m", 1)
    e = evaluate(c)
    assert dict(e.undefined) == {} and e.value("m") == 5.0


# ----- NaN and inf ------------------------------------------------------------------------
def test_exp_overflow_propagates_and_first_nonfinite_names_it():
    c = build({"x": 800.0, "k": 2.0}, [("a", "scale", ["k"], 3.0), ("e", "exp", ["x"]),
                                        ("m", "multiply", ["e", "a"]), ("f", "sigmoid", ["m"])])
    e = evaluate(c)
    assert e.value("e") == math.inf and e.value("m") == math.inf and e.value("f") == 1.0
    assert e.first_nonfinite == "e"
    assert e.grad("f") == 1.0 and e.grad("m") == 0.0
    assert e.grad("e") == 0.0  # 3 · 0
    assert math.isnan(e.grad("x"))  # e^800 = inf times 0
    assert math.isnan(e.grad("a"))  # d(e·a)/da = e = inf, times 0
    assert e.first_nonfinite_grad == "a"  # reverse topological order: f, m, e, a, k, x


def test_reciprocal_of_zero_and_minus_zero():
    c = build({"x": 0.0}, [("r", "reciprocal", ["x"])])
    e = evaluate(c)
    assert e.value("r") == math.inf and e.grad("x") == -math.inf and e.first_nonfinite == "r"
    c = build({"x": 0.0}, [("n", "scale", ["x"], -1.0), ("r", "reciprocal", ["n"])])
    e = evaluate(c)
    assert math.copysign(1.0, e.value("n")) == -1.0  # -0.0
    assert e.value("r") == -math.inf


def test_nan_propagates_through_every_gate_type_without_exceptions():
    """0 · inf = NaN, then through every gate; f is NaN and so are the gradients."""
    gates = [("r", "reciprocal", ["z"]), ("nan", "multiply", ["z", "r"]),
             ("s", "sigmoid", ["nan"]), ("e", "exp", ["s"]), ("q", "square", ["e"]),
             ("sc", "scale", ["q"], 2.0), ("o", "offset", ["sc"], 1.0),
             ("mx", "max", ["o", "one"]), ("a", "add", ["mx", "one", "one"]),
             ("f", "multiply", ["a", "one", "one"])]
    e = evaluate(build({"z": 0.0, "one": 1.0}, gates))
    assert e.first_nonfinite == "r"
    for n in ("nan", "s", "e", "q", "sc", "o", "mx", "a", "f"):
        assert math.isnan(e.value(n)), n
    assert e.grad("f") == 1.0
    assert math.isnan(e.grad("z")) and math.isnan(e.grad("one"))
    assert e.first_nonfinite_grad is not None


def test_inf_minus_inf_in_an_nary_add_is_nan_not_a_crash():
    e = evaluate(build({"x": 800.0, "y": -800.0, "k": 1.0},
                       [("a", "exp", ["x"]), ("b", "exp", ["x"]), ("nb", "scale", ["b"], -1.0),
                        ("s", "add", ["a", "nb", "k"])]))
    assert math.isnan(e.value("s"))
    e = evaluate(build({"x": 1e308}, [("s", "add", ["x", "x", "x"])]))
    assert e.value("s") == math.inf


def test_sigmoid_at_extremes_in_a_circuit():
    for x, v in ((1000.0, 1.0), (-1000.0, 0.0)):
        e = evaluate(build({"x": x}, [("f", "sigmoid", ["x"])]))
        assert e.value("f") == v and e.grad("x") == 0.0 and e.first_nonfinite is None
    e = evaluate(build({"x": 800.0}, [("e", "exp", ["x"]), ("f", "sigmoid", ["e"])]))
    assert e.value("f") == 1.0 and e.grad("e") == 0.0
    e = evaluate(build({"x": 800.0}, [("e", "exp", ["x"]), ("n", "scale", ["e"], -1.0),
                                      ("f", "sigmoid", ["n"])]))
    assert e.value("f") == 0.0 and e.grad("n") == 0.0


def test_sigmoid_reference_helper_agrees():
    assert sigmoid(1.0) == 0.7310585786300049
