"""Any generated expression's circuit computes what plain Python computes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.gates import sigmoid

NAMES = ("a", "b", "c")
ENV = {"a": 0.7, "b": -1.3, "c": 2.1}


def _leaf():
    return st.one_of(st.sampled_from(NAMES).map(lambda n: (n, ENV[n])),
                     st.integers(-3, 3).map(lambda k: (f"({k})", float(k))))


def _node(children):
    def binop(pair, op):
        (ta, va), (tb, vb) = pair
        if op == "/":
            if abs(vb) < 0.2:
                return (f"({ta} + {tb})", va + vb)
            return (f"({ta} / {tb})", va / vb)
        fn = {"+": lambda: va + vb, "-": lambda: va - vb, "*": lambda: va * vb}[op]
        return (f"({ta} {op} {tb})", fn())

    return st.one_of(
        st.tuples(st.tuples(children, children), st.sampled_from("+-*/")).map(
            lambda t: binop(*t)),
        children.map(lambda t: (f"-{t[0]}", -t[1])),
        children.map(lambda t: (f"({t[0]})**2", t[1] ** 2)),
        children.map(lambda t: (f"sigmoid({t[0]})", sigmoid(t[1]))),
        st.tuples(children, children).map(
            lambda t: (f"max({t[0][0]}, {t[1][0]})", max(t[0][1], t[1][1]))),
    )


EXPRESSIONS = st.recursive(_leaf(), _node, max_leaves=12)


def _value(text: str) -> tuple[float, Circuit]:
    c = parse(text)
    for n in NAMES:
        if n in c:
            c.set_value(n, ENV[n])
    return float(evaluate(c).value(c.output)), c


@settings(max_examples=200, deadline=None)
@given(EXPRESSIONS)
def test_generated_expressions_compute_what_python_computes(expr):
    text, expected = expr
    if not math.isfinite(expected) or abs(expected) > 1e6:
        return
    got, c = _value(text)
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-9), text
    assert c.output is not None
