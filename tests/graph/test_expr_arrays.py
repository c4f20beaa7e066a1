"""Expressions over vectors and matrices: ``@``, ``.T``, ``sum``, ``relu`` (issue 9, item 9).

Generated expressions are checked against numpy computing the same thing, built beside
the text (never by evaluating it); refusals point at their column.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph.circuit import MAX_PORTS
from chainwire.graph.errors import ExpressionError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.expr_names import FUNCTIONS
from chainwire.graph.gates import GATES

W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def gate_types(c) -> list[str]:
    return [n.type for n in c.nodes() if n.type != "input"]


def run(text: str, **values):
    c = parse(text)
    for k, v in values.items():
        c.set_value(k, v)
    return c, evaluate(c)


def test_the_notes_matmul_summed_gives_dW_and_dX_by_the_shapes():
    c, ev = run("sum(W @ X)", W=W, X=X)
    assert gate_types(c) == ["matmul", "sum"] and c.output == "sum1"
    assert ev.raw_value("sum1") == float(np.sum(W @ X)) == 163.0
    np.testing.assert_array_equal(ev.raw_grad("W"), np.ones((2, 2)) @ X.T)
    np.testing.assert_array_equal(ev.raw_grad("X"), W.T @ np.ones((2, 2)))


def test_a_layer_with_a_bias_vector_broadcasts():
    x, b = np.array([1.0, -2.0, 0.5]), np.array([0.1, -20.0])
    c, ev = run("sum(relu(W @ x + b))", W=W, x=x, b=b)
    assert gate_types(c) == ["matmul", "add", "relu", "sum"]
    pre = W @ x + b
    assert ev.raw_value(c.output) == pytest.approx(np.maximum(pre, 0).sum())
    np.testing.assert_array_equal(ev.raw_grad("b"), (pre > 0).astype(float))
    np.testing.assert_array_equal(ev.raw_grad("W"), np.outer(pre > 0, x))


def test_transpose_is_an_attribute_and_chains_read_left_to_right():
    c, ev = run("X.T @ W.T", W=W, X=X)
    assert gate_types(c) == ["transpose", "transpose", "matmul"]
    np.testing.assert_array_equal(ev.raw_value(c.output), X.T @ W.T)
    c = parse("A @ B @ C")
    assert [[w.src for w in c.wires_into(n)] for n in ("matmul1", "matmul2")] == [
        ["A", "B"], ["matmul1", "C"]]
    assert gate_types(parse("(x).T.T")) == ["transpose", "transpose"]
    assert gate_types(parse("(x +\n y).T")) == ["add", "transpose"]


def test_a_number_is_its_own_transpose():
    c = parse("(2).T * x")
    assert [(n.type, n.param) for n in c.nodes() if n.type != "input"] == [("scale", 2.0)]


def test_sum_and_relu_of_a_number_keep_the_number_as_an_input():
    c, ev = run("sum(2) + relu(-3)")
    assert gate_types(c) == ["sum", "relu", "add"] and ev.raw_value(c.output) == 2.0


def test_matmul_of_the_starting_values_is_a_shape_problem_until_arrays_are_set():
    c, ev = run("sum(W @ X)")
    assert "matmul1" in ev.shape_problems and ev.raw_value("sum1") is None
    c.set_value("W", W)
    c.set_value("X", X)
    assert not evaluate(c).shape_problems


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_takes_as_many_arguments_as_its_gate_has_inputs(name):
    gate = GATES[name]
    most = gate.max_inputs or MAX_PORTS
    args = ", ".join(f"a{i}" for i in range(gate.min_inputs))
    assert gate_types(parse(f"{name}({args})")) == [name]
    too_many = ", ".join(f"a{i}" for i in range(most + 1))
    with pytest.raises(ExpressionError, match=f"at most {most} argument"):
        parse(f"{name}({too_many})")
    if gate.min_inputs > 1:
        with pytest.raises(ExpressionError, match=f"at least {gate.min_inputs}"):
            parse(f"{name}(a)")


@pytest.mark.parametrize("text, column, words", [
    ("x.T()", 4, "'.T' is not a function: write x.T without '()'"),
    ("sum(W.T ())", 9, "'.T' is not a function"),
    ("x.shape", 2, "attribute access is not allowed ('.shape'): the only one is .T"),
    ("x.ᵀ", 2, "('.ᵀ')"),  # Python reads ᵀ as T; here it is what was typed
    ("(W) . t", 5, "('.t')"),
    ("np.sum(x)", 3, "attribute access is not allowed (functions: max, sigmoid, exp, "),
    ("2 @ x", 1, "'@' multiplies vectors and matrices, not the number 2 (to scale, write *)"),
    ("x @ (1 + 2)", 6, "not the number 3"),
    ("x @ y @ -0.5", 9, "not the number -0.5"),
    ("sum(x, y)", 8, "sum takes at most 1 argument, not 2"),
    ("relu()", 1, "relu needs 1 argument, not 0"),
    ("sum + x", 1, "'sum' is a function, not a variable: call it, e.g. sum(x)"),
    ("relu * 2", 1, "'relu' is a function"),
    ("x @ matmul", 5, "gate name"),
    ("transpose(x)", 1, "unknown function 'transpose' (allowed: max, sigmoid, exp, tanh, "
                        "relu, sum); write X.T"),
    ("matmul(a, b)", 1, "write A @ B"),
    ("x @@ y", 4, "syntax error"),
    ("x % y", 3, "(allowed: + - * / @ **2)"),
])
def test_array_misuse_is_refused_at_its_column(text, column, words):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.column == column, str(info.value)
    assert str(info.value).startswith(f"column {column}: ")
    assert words in str(info.value)


# ----- generated expressions against numpy -----------------------------------------------

ENV = {"M": np.array([[0.5, -1.0], [2.0, 0.25]]), "N": np.array([[-1.5, 1.0], [0.5, 3.0]]),
       "v": np.array([0.75, -2.0]), "s": -1.25}


def _leaf():
    return st.sampled_from(sorted(ENV)).map(lambda n: (n, ENV[n]))


def _node(children):
    def matmul(pair):
        (ta, va), (tb, vb) = pair
        if np.ndim(va) and np.ndim(vb):
            return (f"({ta} @ {tb})", np.asarray(va) @ np.asarray(vb))
        return (f"({ta} * {tb})", va * vb)

    def elementwise(pair, op):
        (ta, va), (tb, vb) = pair
        return (f"({ta} {op} {tb})", va + vb if op == "+" else va * vb)

    def transposed(t):
        return (f"({t[0]}).T", np.transpose(t[1]))

    return st.one_of(
        st.tuples(children, children).map(matmul),
        st.tuples(st.tuples(children, children), st.sampled_from("+*")).map(
            lambda t: elementwise(*t)),
        children.map(transposed),
        children.map(lambda t: (f"relu({t[0]})", np.maximum(t[1], 0.0))),
        children.map(lambda t: (f"sum({t[0]})", float(np.sum(t[1])))),
        children.map(lambda t: (f"-{t[0]}", -t[1])),
    )


@settings(max_examples=150, deadline=None)
@given(st.recursive(_leaf(), _node, max_leaves=10))
def test_generated_array_expressions_compute_what_numpy_computes(expr):
    text, expected = expr
    c = parse(text)
    for name, v in ENV.items():
        if name in c:
            c.set_value(name, v)
    ev = evaluate(c)
    assert not ev.shape_problems, text
    got = ev.raw_value(c.output)
    assert np.shape(got) == np.shape(expected), text
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12, err_msg=text)
