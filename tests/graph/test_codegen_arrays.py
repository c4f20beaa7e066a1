"""Staged code on vectors and matrices: the notes' layer, each array gate, broadcasting,
and circuits hypothesis builds, their scripts run in a child Python against the engine."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from chainwire.graph.circuit import Circuit
from chainwire.graph.codegen import backward_lines, to_python
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from tests.graph.codegen_cases import (
    array_circuit,
    assert_same,
    engine_json,
    run_scripts,
    signed_zero_tie,
)

W = np.array([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
X = np.array([[0.5, 2.0], [3.0, -4.0], [-5.0, 6.0]])
VALUES = {"W": W, "X": X, "x": np.array([1.0, -0.5, 2.0]), "b": np.array([0.5, -9.0]),
          "C": np.array([[1.0], [-2.0]]), "s": -1.5, "v": np.array([2.0, -3.0])}
CASES = {
    "layer": "sum(relu(W @ X + b))",  # matmul, a bias row broadcast down, relu, sum
    "column": "sum((x @ W.T) * s + C)",  # a vector on the left, a scalar, a column
    "outer": "sum(W @ x)",  # a vector on the right: dx = Wᵀ·dD, dW an outer product
    "dot": "v @ v",  # a vector with itself: a scalar, the fork adds up
    "array f": "X.T @ W.T",  # f a matrix: the gradients of sum(f)
    "sigmoid": "sum(sigmoid(W * x) @ X)",  # a vector broadcast down a matrix
}


def circuit(text: str) -> Circuit:
    c = parse(text)
    for name, v in VALUES.items():
        if name in c:
            c.set_value(name, v)
    assert not evaluate(c).shape_problems, text
    return c


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    circuits = [circuit(t) for t in CASES.values()]
    return circuits, run_scripts([to_python(c) for c in circuits],
                                 tmp_path_factory.mktemp("arrays"))


@pytest.mark.parametrize("index", range(len(CASES)), ids=list(CASES))
def test_each_case_prints_the_engines_numbers(ran, index):
    circuits, printed = ran
    c = circuits[index]
    exact = not any(n.type in ("matmul", "sigmoid") for n in c.nodes())
    assert_same(printed[index], engine_json(c), exact=exact)


def test_the_layer_reads_like_the_notes():
    back = backward_lines(circuit(CASES["layer"])).splitlines()
    assert back == [
        "dsum1 = np.float64(1.0)  # df/df = 1",
        "# sum1 = np.sum(relu1)",
        "drelu1 = np.ones_like(relu1) * dsum1  # sum distributes",
        "# relu1 = np.maximum(add1, 0.0)",
        "dadd1 = np.sign(relu1) * drelu1  # relu routes",
        "# add1 = matmul1 + b",
        "dmatmul1 = dadd1  # add distributes",
        "db = dadd1.sum(axis=0)  # add distributes",  # the bias row: summed over the rows
        "# matmul1 = W @ X",
        "dW = dmatmul1 @ X.T  # matmul: dW = dmatmul1 · Xᵀ",
        "dX = W.T @ dmatmul1  # matmul: dX = Wᵀ · dmatmul1",
    ]


def test_a_column_and_a_vector_on_the_left():
    back = backward_lines(circuit(CASES["column"]))
    assert "dC = dadd1.sum(axis=(1,), keepdims=True)  # add distributes" in back
    assert "ds = np.sum(matmul1 * dmultiply1)  # multiply swaps" in back
    assert "dtranspose1 = np.outer(x, dmatmul1)" in back and "dW = dtranspose1.T" in back


def test_an_array_output_seeds_ones():
    assert backward_lines(circuit(CASES["array f"])).splitlines()[0] == (
        "dmatmul1 = np.ones_like(matmul1)  # the gradients of sum(f)")


class _Drawn:
    """The calls ``array_circuit`` makes of a random generator, answered by hypothesis
    draws, so that a failing circuit shrinks to a small one."""

    def __init__(self, data) -> None:
        self.data = data

    def randint(self, a: int, b: int) -> int:
        return self.data.draw(st.integers(a, b))

    def choice(self, seq):
        return self.data.draw(st.sampled_from(list(seq)))

    def uniform(self, a: float, b: float) -> float:
        return self.data.draw(st.floats(a, b, allow_nan=False))

    def random(self) -> float:
        return self.data.draw(st.floats(0.0, 1.0, exclude_max=True))

    def sample(self, seq, k: int) -> list:
        return self.data.draw(st.permutations(list(seq)))[:k]

    def array(self, shape: tuple[int, ...]) -> list:
        elements = st.one_of(st.floats(-2, 2, allow_nan=False), st.sampled_from([0.0, 1.0]))
        return self.data.draw(hnp.arrays(np.float64, shape, elements=elements)).tolist()


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])
@given(st.data())
def test_circuits_hypothesis_builds_run_to_the_engines_numbers(tmp_path_factory, data):
    drawn = _Drawn(data)
    circuits = [array_circuit(drawn, n_gates=data.draw(st.integers(1, 12)))
                for _ in range(data.draw(st.integers(4, 8)))]
    circuits = [c for c in circuits if not signed_zero_tie(c)]
    folder = tmp_path_factory.mktemp("drawn")
    for c, got in zip(circuits, run_scripts([to_python(c) for c in circuits], folder),
                      strict=True):
        assert_same(got, engine_json(c), exact=False)
