"""Arithmetic that checks (issue 10, item 4): every callout ``local × upstream = gradient``
and every fork sum shows digits enough that recomputing from the shown numbers, rounded
to the result's shown decimals, gives exactly the shown result; each shown number is its
true value correctly rounded; and no more digits than that need."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph import fileio
from chainwire.graph.evaluate import evaluate
from chainwire.graph.numbers import checks_product, format_number, format_product, format_sum
from chainwire.graph.steps import build_steps, fork_text
from tests.graph.layout_cases import EXAMPLES

CALLOUT = re.compile(r"^.+ · g = (\S+) × (\S+) = (\S+)$")
VECTORIZED = re.compile(r"^d\S+ = .+   \(\d+(×\d+)?\) = .*\(\d+(×\d+)?\)")


def recomputes(operands: list[str], result: str, op: str) -> bool:
    """The student with a calculator: exact arithmetic on the shown strings, rounded."""
    values = [Decimal(t.strip("()")) for t in operands]
    exact = values[0]
    for v in values[1:]:
        exact = exact * v if op == "×" else exact + v
    want = Decimal(result)
    q = Decimal(1).scaleb(want.as_tuple().exponent)
    return all(exact.quantize(q, rounding=m) == want for m in (ROUND_HALF_UP, ROUND_HALF_EVEN))


def faithful(text: str, v: float, decimals: int) -> None:
    """``text`` is ``v`` rounded at its own decimals, with at least ``decimals`` of them."""
    places = max(0, -Decimal(text).as_tuple().exponent)
    assert places >= decimals, (text, decimals)
    assert abs(Decimal(text) - Decimal(v)) <= Decimal(5).scaleb(-places - 1), (text, v)


numbers = st.one_of(
    st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False),
    st.integers(-30, 30).map(float),
    st.sampled_from([0.5, -0.25, 0.125, 0.1, 1 / 3, 0.19661193324148185, 1e-7, -3e-5]),
)


@settings(max_examples=600, deadline=None)
@given(numbers, numbers, st.integers(0, 6))
def test_products_recompute_from_the_shown_numbers(a, b, decimals):
    c = a * b
    r = format_product(a, b, c, decimals)
    assert r.sign == "=" and recomputes(list(r.operands), r.result, "×"), r.text
    for text, v in zip((*r.operands, r.result), (a, b, c), strict=True):
        faithful(text, v, decimals)
    # no digits beyond need: where the labels' own numbers check, they are what is shown
    plain = [format_number(v, decimals) for v in (a, b, c)]
    if checks_product(plain[:2], plain[2]):
        assert [*r.operands, r.result] == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(numbers, min_size=2, max_size=4), st.integers(0, 6))
def test_fork_sums_recompute_from_the_shown_numbers(terms, decimals):
    total = 0.0
    for t in terms:  # as the evaluator adds a fork's branches: in order
        total += t
    r = format_sum(terms, total, decimals)
    assert r.sign == "=" and recomputes(list(r.operands), r.result, "+"), r.text
    for text, v in zip((*r.operands, r.result), (*terms, total), strict=True):
        faithful(text, v, decimals)


def test_the_issue_examples():
    g = 0.19661193324148185
    assert format_product(2.0, g, 2 * g).text == "2.00 × 0.1966 = 0.3932"
    assert format_product(-3.0, g, -3 * g).text == "-3.00 × 0.1966 = -0.5898"
    assert format_product(-1.0, g, -g).text == "-1.00 × 0.20 = -0.20"  # checks already
    assert format_product(2.0, 3.0, 6.0).text == "2.00 × 3.00 = 6.00"  # nothing to add


def test_undefined_and_not_finite_fall_back_to_plain_numbers():
    assert format_product(None, 2.0, None).text == "? × 2.00 = ?"
    assert format_product(float("inf"), 0.0, float("nan")).text == "inf × 0.00 = NaN"
    r = format_product(3.3e20, 1.7e20, 3.3e20 * 1.7e20)
    assert r.sign in "=≈" and "e+" in r.result  # huge: scientific, "≈" if it cannot check


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("decimals", range(7))
def test_every_callout_and_fork_of_every_example_checks(path, decimals):
    c = fileio.load(path)
    ev = evaluate(c)
    seq = build_steps(c, ev, decimals)
    seen = 0
    for step in seq.steps:
        for co in step.callouts:
            if VECTORIZED.match(co.text):  # arrays: the gate's rule and its shapes
                assert any(isinstance(v, np.ndarray) for v in (co.grad, co.upstream)), co.text
                seen += 1
                continue
            m = CALLOUT.match(co.text)
            assert m, co.text
            a, b, r = m.groups()
            assert recomputes([a, b], r, "×"), co.text
            faithful(r, co.grad, decimals)
            seen += 1
    assert seen == len(seq.backward) and seen or not seq.backward or seen > 0
    for n in c.node_ids():
        text = fork_text(c, ev, n, decimals)
        if text is not None and not isinstance(ev.raw_grad(n), np.ndarray):
            left, result = text.split(" = ")
            assert recomputes(left.split(" + "), result, "+"), text


def test_the_neuron_callouts_read_as_the_issue_asks():
    c = fileio.load(next(p for p in EXAMPLES if p.stem == "neuron"))
    ev = evaluate(c)
    texts = [co.text for s in build_steps(c, ev, 2).steps for co in s.callouts]
    # the callouts of the w0·x0 gate (the wire from x0, then from w0), one upstream alike
    assert "w0 · g = 2.00 × 0.1966 = 0.3932" in texts
    assert "x0 · g = -1.00 × 0.1966 = -0.1966" in texts
    assert "w1 · g = -3.00 × 0.1966 = -0.5898" in texts
    assert "σ(1−σ) · g = 0.20 × 1.00 = 0.20" in texts  # already checks at 2 decimals
    for step in build_steps(c, ev, 2).steps:  # one gate, one upstream: shown alike
        assert len({co.text.split(" × ")[1].split(" = ")[0] for co in step.callouts}) <= 1


# ----- arrays (issue 9): the vectorized rule and its shapes ------------------------------------
def _wx_circuit():
    """The notes' D = W·X summed to f, W (2×3) and X (3×2)."""
    from chainwire.graph.circuit import Circuit

    c = Circuit()
    c.add_node("input", "W", value=[[1, 2, 3], [4, 5, 6]])
    c.add_node("input", "X", value=[[1, 2], [3, 4], [5, 6]])
    c.add_node("matmul", "D")
    c.add_node("sum", "f")
    c.connect("W", "D", 0)
    c.connect("X", "D", 1)
    c.connect("D", "f", 0)
    return c


def test_matmul_callouts_read_like_the_notes_with_the_shapes():
    c = _wx_circuit()
    seq = build_steps(c, evaluate(c))
    texts = {s.node: [co.text for co in s.callouts] for s in seq.steps if s.callouts}
    assert texts["D"] == ["dW = dD · Xᵀ   (2×3) = (2×2)·(3×2)ᵀ",
                          "dX = Wᵀ · dD   (3×2) = (2×3)ᵀ·(2×2)"]
    assert texts["f"] == ["dD = df in every element   (2×2) = ones(2×2) · scalar"]


def test_transpose_and_broadcasting_callouts_name_their_shapes():
    from chainwire.graph.circuit import Circuit

    c = Circuit()
    c.add_node("input", "X", value=[[1, 2, 3], [4, 5, 6]])
    c.add_node("input", "b", value=[1, 2])
    c.add_node("transpose", "T")
    c.add_node("add", "A")
    c.add_node("sum", "f")
    c.connect("X", "T", 0)
    c.connect("T", "A", 0)
    c.connect("b", "A", 1)
    c.connect("A", "f", 0)
    ev = evaluate(c)
    by_gate = {s.node: s.callouts for s in build_steps(c, ev).steps if s.callouts}
    assert by_gate["T"][0].text == "dX = (dT)ᵀ   (2×3) = (3×2)ᵀ"
    assert [co.text for co in by_gate["A"]] == [
        "dT = 1 · dA   (3×2) = (3×2) ⊙ (3×2)", "db = 1 · dA   (2) = Σ[(3×2) ⊙ (3×2)]"]
    # the numbers they stand for are the wires' own
    assert by_gate["T"][0].grad is ev.raw_wire_grad(by_gate["T"][0].wire)


def test_an_array_fork_adds_up_element_by_element_in_the_one_format():
    from chainwire.graph.circuit import Circuit

    c = Circuit()
    c.add_node("input", "x", value=[1, 2])
    c.add_node("multiply", "m")
    c.add_node("sum", "f")
    c.connect("x", "m", 0)
    c.connect("x", "m", 1)
    c.connect("m", "f", 0)
    assert fork_text(c, evaluate(c), "x") == \
        "(2) [1.00, 2.00] + (2) [1.00, 2.00] = (2) [2.00, 4.00]"
