"""Every gate's backward (its vector-Jacobian product) against centred finite differences.

For a gate y = g(x_1, ..., x_n) and an upstream gradient u shaped like y, backward must
return the gradient of L = sum(u * y) with respect to each x_i, shaped like x_i. That is
checked element by element with centred differences on random shapes (scalars, vectors,
matrices, and for element-wise gates every broadcasting combination), then the notes'
matmul identities exactly, and the broadcasting reductions by hand.

Accuracy: values in [-2, 2], step H = 1e-6, so truncation error is ~H² and rounding
error ~1e-16·|L|/H ≈ 1e-9 for these sizes; TOL = 1e-5 (relative, floor 1) leaves a wide
margin while any wrong axis, transpose or missing sum is off by O(1).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chainwire.graph.gates import GATES
from chainwire.graph.shapes import ShapeError, shape_of

H = 1e-6
TOL = 1e-5
PROPS = settings(max_examples=60, deadline=None)
UNARY = ["sigmoid", "exp", "reciprocal", "square", "scale", "offset", "relu"]

pytestmark = pytest.mark.usefixtures("no_warnings")  # tests/graph/conftest.py


def as_value(a: np.ndarray):
    return float(a) if a.ndim == 0 else a


def loss(gate, xs, c, up) -> float:
    """L = sum(up * gate(xs)): its gradient is what backward returns."""
    return float(np.sum(np.asarray(up) * np.asarray(gate.forward(xs, c))))


def fd_grads(gate, xs, c, up) -> list[np.ndarray]:
    grads = []
    for i, x in enumerate(xs):
        base = np.array(x, dtype=float)
        g = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            hi, lo = base.copy(), base.copy()
            hi[idx] += H
            lo[idx] -= H
            plus = [as_value(hi) if j == i else v for j, v in enumerate(xs)]
            minus = [as_value(lo) if j == i else v for j, v in enumerate(xs)]
            g[idx] = (loss(gate, plus, c, up) - loss(gate, minus, c, up)) / (2 * H)
        grads.append(g)
    return grads


def check_backward(name: str, xs: list, c=None, seed: int = 0) -> None:
    gate = GATES[name]
    out = gate.forward(xs, c)
    assert shape_of(out) == gate.out_shape([shape_of(x) for x in xs], c)
    rng = np.random.default_rng(seed)
    up = as_value(rng.uniform(-1, 1, shape_of(out)))
    got = gate.backward(xs, out, up, c)
    assert len(got) == len(xs)
    for g, x, want in zip(got, xs, fd_grads(gate, xs, c, up), strict=True):
        assert shape_of(g) == shape_of(x)  # summed back over broadcast axes
        assert np.allclose(g, want, rtol=TOL, atol=TOL), (name, g, want)


values = st.integers(-2000, 2000).map(lambda i: i / 1000)
dims = st.integers(1, 4)


@st.composite
def array_of(draw, shape: tuple[int, ...], low: float = -2.0, high: float = 2.0):
    n = int(np.prod(shape)) if shape else 1
    grid = st.integers(int(low * 1000), int(high * 1000)).map(lambda i: i / 1000)
    flat = draw(st.lists(grid, min_size=n, max_size=n))  # no tiny values that underflow
    return as_value(np.array(flat, dtype=float).reshape(shape))


@st.composite
def any_shape(draw) -> tuple[int, ...]:
    return draw(st.sampled_from([(), (draw(dims),), (draw(dims), draw(dims))]))


@st.composite
def broadcast_family(draw, n: int) -> list[tuple[int, ...]]:
    """``n`` shapes that broadcast together: each a sub-shape of one (m×k) or (k) target."""
    m, k = draw(dims), draw(dims)
    options = [(), (k,), (1, k), (m, 1), (m, k)]
    return [draw(st.sampled_from(options)) for _ in range(n)]


# ----- element-wise gates ----------------------------------------------------------------
@PROPS
@given(name=st.sampled_from(UNARY), shape=any_shape(), data=st.data())
def test_unary_backward_matches_finite_differences(name, shape, data):
    low = 0.2 if name == "reciprocal" else -2.0  # 1/x: keep away from the pole
    x = data.draw(array_of(shape, low, 2.0))
    if name == "relu":
        assume(np.all(np.abs(x) > 1e-3))  # the kink at 0
    c = data.draw(values) if GATES[name].has_param else None
    check_backward(name, [x], c, seed=data.draw(st.integers(0, 99)))


@PROPS
@given(name=st.sampled_from(["add", "multiply", "max"]), n=st.integers(2, 3), data=st.data())
def test_nary_backward_with_broadcasting_matches_finite_differences(name, n, data):
    shapes = data.draw(broadcast_family(n))
    xs = [data.draw(array_of(s)) for s in shapes]
    if name == "max":  # away from ties, where the maximum has no derivative
        b = np.broadcast_arrays(*[np.asarray(x) for x in xs])
        top = np.sort(np.stack(b), axis=0)
        assume(np.all(top[-1] - top[-2] > 1e-3) if n > 1 else True)
    check_backward(name, xs, seed=data.draw(st.integers(0, 99)))


# ----- matmul, sum, transpose --------------------------------------------------------------
@PROPS
@given(m=dims, k=dims, n=dims, left_vec=st.booleans(), right_vec=st.booleans(), data=st.data())
def test_matmul_backward_matches_finite_differences(m, k, n, left_vec, right_vec, data):
    """Vectors follow numpy's rules: a row on the left, a column on the right."""
    a = data.draw(array_of((k,) if left_vec else (m, k)))
    b = data.draw(array_of((k,) if right_vec else (k, n)))
    check_backward("matmul", [a, b], seed=data.draw(st.integers(0, 99)))


@PROPS
@given(name=st.sampled_from(["sum", "transpose"]), shape=any_shape(), data=st.data())
def test_sum_and_transpose_backward_match_finite_differences(name, shape, data):
    check_backward(name, [data.draw(array_of(shape))], seed=data.draw(st.integers(0, 99)))


def test_matmul_on_the_notes_shapes():
    """The notes' snippet: W (5×10), X (10×3), D = W.dot(X); dW = dD·Xᵀ, dX = Wᵀ·dD."""
    rng = np.random.default_rng(231)
    W, X = rng.standard_normal((5, 10)), rng.standard_normal((10, 3))
    gate = GATES["matmul"]
    D = gate.forward([W, X])
    assert D.shape == (5, 3) and np.array_equal(D, W.dot(X))
    dD = rng.standard_normal(D.shape)  # "same shape as D"
    dW, dX = gate.backward([W, X], D, dD)
    assert dW.shape == W.shape and dX.shape == X.shape
    assert np.array_equal(dW, dD.dot(X.T)) and np.array_equal(dX, W.T.dot(dD))


@pytest.mark.parametrize(("a", "b", "message"), [
    ((2, 3), (2, 3), "matmul needs (2×3)·(3×k): got (2×3) and (2×3)"),
    ((2, 3), (4,), "matmul needs (2×3)·(3): got (2×3) and (4)"),
    ((3,), (2, 5), "matmul needs (3)·(3×k): got (3) and (2×5)"),
    ((), (2, 2), "matmul needs vectors or matrices: got scalar and (2×2)"),
])
def test_matmul_refuses_shapes_naming_both(a, b, message):
    with pytest.raises(ShapeError) as info:
        GATES["matmul"].out_shape([a, b])
    assert str(info.value) == message


def test_matmul_vector_rules():
    gate = GATES["matmul"]
    assert gate.out_shape([(2, 3), (3,)]) == (2,)
    assert gate.out_shape([(3,), (3, 4)]) == (4,)
    assert gate.out_shape([(3,), (3,)]) == ()
    v = np.array([1.0, 2.0, 3.0])
    assert gate.forward([v, v]) == 14.0
    assert [g.tolist() for g in gate.backward([v, v], 14.0, 2.0)] == [[2.0, 4.0, 6.0]] * 2


# ----- broadcasting reductions by hand ----------------------------------------------------
def test_vector_plus_matrix_sums_the_rows_back():
    a, b = np.array([1.0, 2.0, 3.0]), np.arange(6.0).reshape(2, 3)
    up = np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])
    ga, gb = GATES["add"].backward([a, b], a + b, up)
    assert ga.tolist() == [11.0, 22.0, 33.0] and np.array_equal(gb, up)


def test_row_times_matrix_keeps_the_row_shape():
    a, b = np.array([[1.0, 2.0, 3.0]]), np.arange(6.0).reshape(2, 3)
    up = np.ones((2, 3))
    ga, gb = GATES["multiply"].backward([a, b], a * b, up)
    assert ga.shape == (1, 3) and ga.tolist() == [[3.0, 5.0, 7.0]]
    assert gb.tolist() == [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]


def test_scalar_times_matrix_gives_the_scalar_a_float():
    m = np.arange(6.0).reshape(2, 3)
    gs, gm = GATES["multiply"].backward([2.0, m], 2.0 * m, np.ones((2, 3)))
    assert type(gs) is float and gs == 15.0 and np.array_equal(gm, np.full((2, 3), 2.0))
    gc, = GATES["scale"].backward([m], -m, np.ones((2, 3)), -1.0)
    assert np.array_equal(gc, -np.ones((2, 3)))


def test_sum_gives_ones_of_the_input_shape_times_upstream():
    x = np.arange(6.0).reshape(3, 2)
    assert GATES["sum"].forward([x]) == 15.0
    g, = GATES["sum"].backward([x], 15.0, 0.5)
    assert g.shape == (3, 2) and np.all(g == 0.5)


@pytest.mark.parametrize("shapes", [[(2,), (3,)], [(2, 3), (3, 2)], [(4, 1), (3,), (2, 3)]])
def test_elementwise_refuses_shapes_that_do_not_broadcast(shapes):
    with pytest.raises(ShapeError, match="add needs shapes that broadcast together: got "):
        GATES["add"].out_shape(shapes)


# ----- an array means the same as its elements --------------------------------------------
@pytest.mark.parametrize("name", ["add", "multiply", "max", "sigmoid", "exp", "reciprocal",
                                  "square", "scale", "offset", "relu"])
def test_arrays_compute_what_the_scalar_gate_computes_element_by_element(name):
    """Exactly so, except exp and σ (numpy's and the C library's exp may round apart)."""
    gate = GATES[name]
    rng = np.random.default_rng(7)
    n = 1 if gate.unary else 3
    xs = [rng.uniform(-3, 3, (4, 5)) for _ in range(n)]
    xs[0][0, :3] = [0.0, -0.0, 800.0]
    c = 1.5 if gate.has_param else None
    out = gate.forward(xs, c)
    loc = gate.local_grads(xs, out, c)
    for idx in np.ndindex(4, 5):
        s = [float(x[idx]) for x in xs]
        want, want_loc = gate.forward(s, c), gate.local_grads(s, gate.forward(s, c), c)
        if name in ("exp", "sigmoid"):
            assert out[idx] == pytest.approx(want, rel=1e-15)
        else:
            assert out[idx] == want and np.signbit(out[idx]) == np.signbit(want)
            assert [np.broadcast_to(g, (4, 5))[idx] for g in loc] == want_loc
