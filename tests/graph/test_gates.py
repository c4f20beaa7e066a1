"""Each gate's forward value and local gradient on scalars, including the IEEE corners.

Local gradients are checked against centred finite differences at many points; the
edge cases (ties, zeros, overflow, NaN, ±inf) against exact expected values. Nothing
here may warn or raise: NaN and inf are values a circuit shows, never a crash. Arrays,
broadcasting and the vector-Jacobian products are in ``test_vjp.py``.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chainwire.graph.gates import GATE_ORDER, GATES, Gate, fsum, reciprocal, sigmoid

H = 1e-6
FAST = settings(max_examples=120, deadline=None)

finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
UNARY = [n for n in GATE_ORDER if n != "input" and GATES[n].unary]
NARY = [n for n in GATE_ORDER if GATES[n].max_inputs is None]


pytestmark = pytest.mark.usefixtures("no_warnings")  # tests/graph/conftest.py


def close(a: float, b: float, rel: float = 1e-5) -> bool:
    """|a-b| <= rel·max(1, |a|, |b|): relative error with an absolute floor of ``rel``."""
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def fd_unary(gate: Gate, x: float, c: float | None) -> float:
    return (gate.forward([x + H], c) - gate.forward([x - H], c)) / (2 * H)


def fd_nary(gate: Gate, xs: list[float], i: int) -> float:
    up, dn = list(xs), list(xs)
    up[i] += H
    dn[i] -= H
    return (gate.forward(up, None) - gate.forward(dn, None)) / (2 * H)


# ----- registry ---------------------------------------------------------------------------
def test_registry_names_are_the_contract_names():
    assert list(GATE_ORDER) == ["input", "add", "multiply", "max", "sigmoid", "exp",
                                "reciprocal", "square", "scale", "offset", "matmul", "sum",
                                "transpose", "relu", "tanh", "pow"]
    for name, gate in GATES.items():
        assert gate.name == name
        assert isinstance(gate, Gate)
        assert gate.title and gate.symbol and gate.formula and gate.summary
        assert repr(gate) == f"<gate {name}>"


def test_arity_and_parameters():
    assert (GATES["input"].min_inputs, GATES["input"].max_inputs) == (0, 0)
    assert UNARY == ["sigmoid", "exp", "reciprocal", "square", "scale", "offset", "sum",
                     "transpose", "relu", "tanh", "pow"]
    for n in UNARY:
        assert (GATES[n].min_inputs, GATES[n].max_inputs) == (1, 1)
    assert NARY == ["add", "multiply", "max"]
    for n in NARY:
        assert (GATES[n].min_inputs, GATES[n].max_inputs) == (2, None)
    assert (GATES["matmul"].min_inputs, GATES["matmul"].max_inputs) == (2, 2)
    assert not GATES["matmul"].unary
    # a group's constant is its definition (graph/groups.py)
    assert {n for n, g in GATES.items() if g.has_param} == {"scale", "offset", "pow", "group"}
    assert GATES["scale"].param_default == -1.0
    assert GATES["offset"].param_default == 1.0


def test_display_symbols():
    assert GATES["scale"].display_symbol(2.0) == "·2"
    assert GATES["scale"].display_symbol(-1.0) == "·(−1)"
    assert GATES["scale"].display_symbol(0.5) == "·0.5"
    assert GATES["scale"].display_symbol(None) == "·c"
    assert GATES["offset"].display_symbol(1.0) == "+1"
    assert GATES["offset"].display_symbol(-2.5) == "−2.5"
    assert GATES["offset"].display_symbol(None) == "+c"
    assert GATES["add"].display_symbol(None) == "+"
    assert GATES["relu"].display_symbol(None) == "relu"


def test_the_ui_tables_are_views_of_the_gate_classes():
    """Pattern tags, overlay glyphs and callout texts come from the classes alone."""
    from chainwire.graph.gates import GATE_GLYPH, PATTERN_TAGS

    assert PATTERN_TAGS == {"add": "distributes", "multiply": "swaps", "max": "routes",
                            "sum": "distributes", "relu": "routes"}
    assert GATE_GLYPH == {"add": "+", "multiply": "×", "max": "max", "sum": "Σ",
                          "relu": "relu"}
    names = ["x", "y", "z"]
    assert GATES["multiply"].local_name(0, names) == "y·z"
    assert GATES["max"].local_name(1, names, 0.5) == "0.5"
    assert GATES["max"].local_name(1, names, 1.0) == "1"
    assert GATES["max"].local_name(1, names, 0.0) == "0"
    assert GATES["sigmoid"].local_name(0, ["s"]) == "σ(1−σ)"
    assert GATES["sigmoid"].grad_text(0, ["s"], "f") == "ds = σ(1−σ) · df"
    assert GATES["matmul"].grad_text(0, ["W", "X"], "D") == "dW = dD · Xᵀ"
    assert GATES["matmul"].grad_text(1, ["W", "X"], "D") == "dX = Wᵀ · dD"
    assert GATES["transpose"].grad_text(0, ["X"], "D") == "dX = (dD)ᵀ"


def test_the_older_local_convention_still_answers():
    """``local(x, out, c)`` (a value for unary gates, a list for n-ary) for old callers."""
    assert GATES["square"].local(-3.0, 9.0, None) == -6.0
    assert GATES["multiply"].local([3.0, -4.0], -12.0, None) == [-4.0, 3.0]
    assert GATES["matmul"].local([1.0, 2.0], 2.0, None) == [None, None]
    assert GATES["sum"].local(2.0, 2.0, None) == 1.0


# ----- local gradients vs finite differences ----------------------------------------------
@FAST
@given(name=st.sampled_from(UNARY), x=finite, c=st.floats(-5, 5))
def test_unary_local_matches_finite_differences(name, x, c):
    gate = GATES[name]
    c = c if gate.has_param else None
    if name == "reciprocal":
        assume(abs(x) > 0.05)  # 1/x: the FD truncation error grows like h²/x⁴
    if name == "exp":
        x = x / 2  # keep e^x moderate so the absolute error floor means something
    if name == "relu":
        assume(abs(x) > 10 * H)  # the kink: its one-sided slopes are 0 and 1
    if name == "pow":
        x = 0.5 + abs(x) % 4  # a positive base: a negative one to a fractional c is NaN
    out = gate.forward([x], c)
    assert close(gate.local_grads([x], out, c)[0], fd_unary(gate, x, c))


@FAST
@given(name=st.sampled_from(["add", "multiply"]),
       xs=st.lists(st.floats(-10, 10), min_size=2, max_size=5))
def test_nary_local_matches_finite_differences(name, xs):
    gate = GATES[name]
    out = gate.forward(xs, None)
    local = gate.local_grads(xs, out, None)
    assert len(local) == len(xs)
    for i in range(len(xs)):
        assert close(local[i], fd_nary(gate, xs, i), rel=1e-4)


@FAST
@given(xs=st.lists(st.floats(-10, 10), min_size=2, max_size=5))
def test_max_local_matches_finite_differences_away_from_ties(xs):
    top = sorted(xs, reverse=True)
    assume(top[0] - top[1] > 10 * H)
    gate = GATES["max"]
    local = gate.local_grads(xs, gate.forward(xs, None), None)
    for i in range(len(xs)):
        assert close(local[i], fd_nary(gate, xs, i))
    assert sorted(local) == [0.0] * (len(xs) - 1) + [1.0]


@FAST
@given(xs=st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=5))
def test_add_and_multiply_forward(xs):
    assert GATES["add"].forward(xs, None) == math.fsum(xs)
    assert GATES["multiply"].forward(xs, None) == pytest.approx(math.prod(xs), rel=1e-12)


# ----- multiply ---------------------------------------------------------------------------
def test_multiply_two_inputs_swaps():
    assert GATES["multiply"].local_grads([3.0, -4.0], -12.0, None) == [-4.0, 3.0]


def test_multiply_three_inputs_is_product_of_the_others():
    assert GATES["multiply"].local_grads([2.0, 3.0, 5.0], 30.0, None) == [15.0, 10.0, 6.0]


@pytest.mark.parametrize(("xs", "expected"), [
    ([0.0, 3.0, 5.0], [15.0, 0.0, 0.0]),
    ([2.0, 0.0, 5.0], [0.0, 10.0, 0.0]),
    ([0.0, 0.0, 5.0], [0.0, 0.0, 0.0]),
    ([0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]),
    ([2.0, 3.0, 0.0, 7.0], [0.0, 0.0, 42.0, 0.0]),
    ([0.0, 4.0], [4.0, 0.0]),
])
def test_multiply_with_zeros_among_the_inputs(xs, expected):
    """No division by x_i: a zero input still gets the product of the others."""
    gate = GATES["multiply"]
    assert gate.local_grads(xs, gate.forward(xs, None), None) == expected


@FAST
@given(xs=st.lists(st.floats(-10, 10), min_size=2, max_size=5), i=st.integers(0, 4))
def test_multiply_local_with_a_zero_is_exact(xs, i):
    i %= len(xs)
    xs[i] = 0.0
    local = GATES["multiply"].local_grads(xs, 0.0, None)
    others = math.prod(x for j, x in enumerate(xs) if j != i)
    assert local[i] == pytest.approx(others, rel=1e-12, abs=1e-300)  # subnormals round


# ----- max --------------------------------------------------------------------------------
@pytest.mark.parametrize(("xs", "expected"), [
    ([3.0, 3.0], [0.5, 0.5]),
    ([2.0, 2.0, 2.0], [1 / 3, 1 / 3, 1 / 3]),
    ([1.0, 5.0, 5.0, 5.0], [0.0, 1 / 3, 1 / 3, 1 / 3]),
    ([5.0, 1.0, 5.0], [0.5, 0.0, 0.5]),
    ([4.0, 4.0, 4.0, 4.0], [0.25] * 4),
    ([3.0, 2.0], [1.0, 0.0]),
    ([2.0, 3.0], [0.0, 1.0]),
    ([-1.0, -3.0, -2.0], [1.0, 0.0, 0.0]),
    ([0.0, -0.0], [0.5, 0.5]),
    ([math.inf, math.inf, 1.0], [0.5, 0.5, 0.0]),
    ([-math.inf, 1.0], [0.0, 1.0]),
])
def test_max_routes_and_ties_split_equally(xs, expected):
    gate = GATES["max"]
    out = gate.forward(xs, None)
    assert out == max(xs)
    assert gate.local_grads(xs, out, None) == expected
    assert math.fsum(gate.local_grads(xs, out, None)) == pytest.approx(1.0)


def test_max_strict_winner_takes_all_even_by_one_ulp():
    a = 1.0
    b = math.nextafter(1.0, 2.0)
    assert GATES["max"].local_grads([a, b], b, None) == [0.0, 1.0]


def test_max_nan_propagates():
    gate = GATES["max"]
    for xs in ([math.nan, 1.0], [1.0, math.nan], [1.0, 2.0, math.nan]):
        out = gate.forward(xs, None)
        assert math.isnan(out)
        assert all(math.isnan(g) for g in gate.local_grads(xs, out, None))


# ----- sigmoid ----------------------------------------------------------------------------
@pytest.mark.parametrize(("x", "value"), [
    (1000.0, 1.0), (-1000.0, 0.0), (math.inf, 1.0), (-math.inf, 0.0), (0.0, 0.5),
    (1e308, 1.0), (-1e308, 0.0),
])
def test_sigmoid_extremes_without_warnings(x, value):
    gate = GATES["sigmoid"]
    out = gate.forward([x], None)
    assert out == value
    local = gate.local_grads([x], out, None)[0]
    assert local == (0.25 if x == 0 else 0.0)


def test_sigmoid_nan():
    gate = GATES["sigmoid"]
    out = gate.forward([math.nan], None)
    assert math.isnan(out)
    assert math.isnan(gate.local_grads([math.nan], out, None)[0])


@pytest.mark.parametrize("x", [20.0, 40.0, 100.0, 700.0, 745.0])
def test_sigmoid_of_minus_x_keeps_precision(x):
    """σ(−x) ≈ e^−x for large x: computing 1 − σ(x) would give exactly 0."""
    expected = math.exp(-x) / (1.0 + math.exp(-x))
    assert sigmoid(-x) == pytest.approx(expected, rel=1e-15)
    assert sigmoid(-x) > 0.0
    # and the local gradient σ(x)σ(−x) keeps it too, where σ(1−σ) would be 0
    local = GATES["sigmoid"].local_grads
    assert local([x], sigmoid(x), None)[0] == pytest.approx(expected, rel=1e-15)
    assert local([-x], sigmoid(-x), None)[0] == pytest.approx(expected, rel=1e-15)


@FAST
@given(x=st.floats(-700, 700))
def test_sigmoid_symmetry_and_range(x):
    s, t = sigmoid(x), sigmoid(-x)
    assert 0.0 <= s <= 1.0
    assert s + t == pytest.approx(1.0, rel=1e-15)
    assert GATES["sigmoid"].local_grads([x], s, None)[0] == pytest.approx(s * t, rel=1e-15)


# ----- exp, reciprocal, square, scale, offset ---------------------------------------------
def test_exp_overflows_to_inf_without_raising():
    gate = GATES["exp"]
    for x in (709.8, 710.0, 1000.0, 1e308, math.inf):
        out = gate.forward([x], None)
        assert out == math.inf
        assert gate.local_grads([x], out, None)[0] == math.inf
    assert gate.forward([-math.inf], None) == 0.0
    assert gate.forward([-1000.0], None) == 0.0
    assert math.isnan(gate.forward([math.nan], None))


def test_exp_just_below_overflow_is_finite():
    from chainwire.graph.gates import EXP_MAX

    assert math.isfinite(GATES["exp"].forward([EXP_MAX], None))
    assert GATES["exp"].forward([math.nextafter(EXP_MAX, math.inf)], None) == math.inf
    assert GATES["exp"].forward([709.0], None) == math.exp(709.0)


def test_reciprocal_of_zero_is_signed_inf():
    gate = GATES["reciprocal"]
    assert gate.forward([0.0], None) == math.inf
    assert gate.forward([-0.0], None) == -math.inf
    assert gate.local_grads([0.0], math.inf, None)[0] == -math.inf
    assert gate.local_grads([-0.0], -math.inf, None)[0] == -math.inf
    assert reciprocal(math.inf) == 0.0
    assert reciprocal(-4.0) == -0.25
    assert gate.local_grads([-4.0], -0.25, None)[0] == -0.0625
    assert math.isnan(gate.forward([math.nan], None))


def test_square_scale_offset():
    assert GATES["square"].forward([-3.0], None) == 9.0
    assert GATES["square"].local_grads([-3.0], 9.0, None)[0] == -6.0
    assert GATES["scale"].forward([4.0], -1.0) == -4.0
    assert GATES["scale"].local_grads([4.0], -4.0, 2.5)[0] == 2.5
    assert GATES["offset"].forward([4.0], 1.0) == 5.0
    assert GATES["offset"].local_grads([4.0], 5.0, 1.0)[0] == 1.0
    assert GATES["square"].forward([1e200], None) == math.inf


# ----- add's exact sum never crashes on inf or overflow -----------------------------------
@pytest.mark.parametrize(("xs", "expected"), [
    ([1e308, 1e308, -1e308], 1e308),  # math.fsum raises "intermediate overflow" here
    ([1e308, 1e308, 1e308], math.inf),
    ([-1e308, -1e308, -1e308], -math.inf),
    ([math.inf, 1.0, 2.0], math.inf),
    ([0.1, 0.2, 0.3], math.fsum([0.1, 0.2, 0.3])),
    ([1e16, 1.0, -1e16], 1.0),
])
def test_nary_add_is_exact_and_never_raises(xs, expected):
    assert GATES["add"].forward(xs, None) == expected
    assert fsum(xs) == expected


@pytest.mark.parametrize("xs", [[math.inf, -math.inf, 1.0], [math.nan, 1.0, 2.0],
                                [1.0, math.inf, math.nan], [math.inf, -math.inf]])
def test_add_inf_minus_inf_is_nan(xs):
    """math.fsum raises ValueError on inf + -inf; the gate must give NaN instead."""
    assert math.isnan(GATES["add"].forward(xs, None))


def test_multiply_ieee():
    gate = GATES["multiply"]
    assert gate.forward([1e200, 1e200], None) == math.inf
    assert math.isnan(gate.forward([0.0, math.inf], None))
    assert math.isnan(gate.forward([0.0, 2.0, math.inf], None))
    assert gate.local_grads([0.0, math.inf], math.nan, None) == [math.inf, 0.0]


# ----- relu -------------------------------------------------------------------------------
@pytest.mark.parametrize(("x", "value", "local"), [
    (2.5, 2.5, 1.0), (-2.5, 0.0, 0.0), (0.0, 0.0, 0.0), (-0.0, 0.0, 0.0),
    (math.inf, math.inf, 1.0), (-math.inf, 0.0, 0.0), (1e-300, 1e-300, 1.0),
])
def test_relu_routes_and_its_gradient_at_zero_is_zero(x, value, local):
    """ReLU passes the gradient where x > 0 and stops it elsewhere, exactly 0 included
    (torch's choice); -0 comes out as +0."""
    gate = GATES["relu"]
    out = gate.forward([x], None)
    assert out == value and math.copysign(1.0, out) == math.copysign(1.0, value)
    assert gate.local_grads([x], out, None) == [local]
    assert gate.backward([x], out, 3.0, None) == [3.0 * local]


def test_relu_nan_propagates():
    gate = GATES["relu"]
    out = gate.forward([math.nan], None)
    assert math.isnan(out) and math.isnan(gate.local_grads([math.nan], out, None)[0])
