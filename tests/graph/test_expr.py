"""Expression text -> circuit: the gate mapping, the numbers, and every refusal's column."""

from __future__ import annotations

import math

import pytest

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ExpressionError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import MAX_DEPTH, MAX_LENGTH, parse
from chainwire.graph.gates import sigmoid

STAGED = "(x + sigmoid(y)) / (sigmoid(x) + (x + y)**2)"


def run(circuit: Circuit, /, **values: float):
    for k, v in values.items():
        circuit.set_value(k, v)
    return evaluate(circuit)


def gates(c: Circuit) -> list[tuple[str, float | None]]:
    """(type, param) of every non-input node, in creation order."""
    return [(n.type, n.param) for n in c.nodes() if n.type != "input"]


def sources(c: Circuit, nid: str) -> list[str]:
    return [w.src for w in c.wires_into(nid)]


def value_at(text: str, /, **values: float) -> float:
    c = parse(text)
    return float(run(c, **values).value(c.output))


# ----- the staged example ---------------------------------------------------------------

def staged_direct(x: float, y: float) -> float:
    """The notes' staged computation, written out in plain Python."""
    sigy = 1.0 / (1.0 + math.exp(-y))
    num = x + sigy
    sigx = 1.0 / (1.0 + math.exp(-x))
    xpy = x + y
    xpysqr = xpy**2
    den = sigx + xpysqr
    invden = 1.0 / den
    return num * invden


def test_staged_value_matches_direct_python():
    c = parse(STAGED)
    ev = run(c, x=3.0, y=-4.0)
    assert float(ev.value(c.output)) == pytest.approx(staged_direct(3.0, -4.0), rel=1e-15)


def test_staged_gradients_match_finite_differences():
    c = parse(STAGED)
    ev = run(c, x=3.0, y=-4.0)
    h = 1e-6
    dx = (staged_direct(3.0 + h, -4.0) - staged_direct(3.0 - h, -4.0)) / (2 * h)
    dy = (staged_direct(3.0, -4.0 + h) - staged_direct(3.0, -4.0 - h)) / (2 * h)
    assert float(ev.grad("x")) == pytest.approx(dx, rel=1e-7)
    assert float(ev.grad("y")) == pytest.approx(dy, rel=1e-7)


def test_staged_uses_the_notes_gates():
    c = parse(STAGED)
    types = sorted(t for t, _ in gates(c))
    assert types == ["add", "add", "add", "multiply", "reciprocal", "sigmoid", "sigmoid",
                     "square"]
    # x and y are one node each, fanning out to every use
    assert len(c.wires_out_of("x")) == 3
    assert len(c.wires_out_of("y")) == 2


# ----- the mapping ---------------------------------------------------------------------

def test_add_then_multiply():
    c = parse("(x + y) * z")
    assert gates(c) == [("add", None), ("multiply", None)]
    add, mul = (n.id for n in c.nodes() if n.type != "input")
    assert sources(c, add) == ["x", "y"]
    assert sources(c, mul) == [add, "z"]
    assert c.output == mul
    ev = run(c, x=-2.0, y=5.0, z=-4.0)
    assert [float(ev.grad(n)) for n in "xyz"] == [-4.0, -4.0, 3.0]


def test_inputs_have_id_equal_label_equal_name():
    c = parse("alpha * beta_2 + alpha")
    for name in ("alpha", "beta_2"):
        n = c.node(name)
        assert (n.type, n.label) == ("input", name)


def test_subtraction_is_add_of_scale_minus_one():
    c = parse("a - b")
    assert gates(c) == [("scale", -1.0), ("add", None)]
    scale = next(n.id for n in c.nodes() if n.type == "scale")
    assert sources(c, scale) == ["b"]
    assert sources(c, c.output) == ["a", scale]
    assert value_at("a - b", a=5.0, b=3.0) == 2.0


def test_unary_minus_is_scale_minus_one_and_unary_plus_is_nothing():
    assert gates(parse("-x")) == [("scale", -1.0)]
    c = parse("+x")
    assert gates(c) == [] and c.output == "x"


def test_division_is_multiply_by_reciprocal():
    c = parse("a / b")
    assert gates(c) == [("reciprocal", None), ("multiply", None)]
    rec = next(n.id for n in c.nodes() if n.type == "reciprocal")
    assert sources(c, rec) == ["b"]
    assert sources(c, c.output) == ["a", rec]
    assert value_at("a / b", a=3.0, b=4.0) == 0.75


def test_square():
    c = parse("x**2")
    assert gates(c) == [("square", None)]
    assert float(run(c, x=-3.0).grad("x")) == -6.0
    assert gates(parse("x ** 2.0")) == [("square", None)]


def test_plus_minus_chain_is_one_nary_add():
    c = parse("a + b - c + d")
    assert gates(c) == [("scale", -1.0), ("add", None)]
    assert len(c.wires_into(c.output)) == 4
    assert value_at("a + b - c + d", a=1.0, b=2.0, c=4.0, d=8.0) == 7.0


def test_times_divide_chain_is_one_nary_multiply():
    c = parse("a * b / c * d")
    assert gates(c) == [("reciprocal", None), ("multiply", None)]
    assert len(c.wires_into(c.output)) == 4
    assert value_at("a * b / c * d", a=2.0, b=3.0, c=4.0, d=8.0) == 12.0


def test_explicit_right_grouping_keeps_its_own_gate():
    assert gates(parse("a + (b + c)")) == [("add", None), ("add", None)]
    assert gates(parse("(a + b) + c")) == [("add", None)]  # the same tree as a + b + c


def test_chains_longer_than_the_port_limit_are_split():
    text = " + ".join(["x"] * 600)
    c = parse(text)
    assert all(t == "add" for t, _ in gates(c)) and len(gates(c)) == 3
    assert float(run(c, x=1.0).value(c.output)) == 600.0
    assert float(run(c, x=1.0).grad("x")) == 600.0


def test_repeated_name_is_one_input_that_fans_out():
    c = parse("x * x")
    assert [n.id for n in c.nodes() if n.type == "input"] == ["x"]
    assert sources(c, c.output) == ["x", "x"]
    assert float(run(c, x=3.0).grad("x")) == 6.0


@pytest.mark.parametrize("text, expected", [
    ("x + 1", [("offset", 1.0)]),
    ("1 + x", [("offset", 1.0)]),
    ("x - 1", [("offset", -1.0)]),
    ("1 - x", [("scale", -1.0), ("offset", 1.0)]),
    ("x + 1 + y + 2", [("add", None), ("offset", 3.0)]),
    ("2 * x", [("scale", 2.0)]),
    ("x * 2", [("scale", 2.0)]),
    ("-2 * x", [("scale", -2.0)]),
    ("x / 2", [("scale", 0.5)]),
    ("2 * x * y * 3", [("multiply", None), ("scale", 6.0)]),
    ("1 / x", [("reciprocal", None)]),
    ("2 / x", [("reciprocal", None), ("scale", 2.0)]),
    ("x + 0", []),
    ("x * 1", []),
    ("x + (2 * 3)", [("offset", 6.0)]),
    ("x * 3**2", [("scale", 9.0)]),
])
def test_constants_in_chains_become_offset_or_scale(text, expected):
    assert gates(parse(text)) == expected


def test_constant_values_agree_with_python():
    for text, fn in [("1 - x", lambda x: 1 - x), ("2 / x", lambda x: 2 / x),
                     ("x / 4 - 3", lambda x: x / 4 - 3), ("-(x + 2) * 3", lambda x: -(x + 2) * 3)]:
        assert value_at(text, x=1.5) == pytest.approx(fn(1.5), rel=1e-15), text


@pytest.mark.parametrize("text, label, value", [
    ("3", "3", 3.0), ("2 * 3 - 1", "5", 5.0), ("-(1.5)", "-1.5", -1.5), ("1 / 4", "0.25", 0.25),
])
def test_a_constant_expression_is_one_input_node(text, label, value):
    c = parse(text)
    (n,) = list(c.nodes())
    assert (n.type, n.label, n.value) == ("input", label, value)
    assert c.output == n.id


def test_constants_in_function_arguments_are_input_nodes():
    c = parse("max(0, x) + max(0, y)")
    consts = [n for n in c.nodes() if n.type == "input" and n.id not in ("x", "y")]
    assert [(n.label, n.value) for n in consts] == [("0", 0.0), ("0", 0.0)]  # one each
    c = parse("sigmoid(-2)")
    (k,) = [n for n in c.nodes() if n.type == "input"]
    assert (k.label, k.value) == ("-2", -2.0)
    assert sources(c, c.output) == [k.id]


def test_constant_ids_never_collide_with_names():
    c = parse("const1 * max(0, const1)")
    assert c.type_of("const1") == "input" and c.node("const1").label == "const1"
    assert len([n for n in c.nodes() if n.type == "input"]) == 2


def test_gate_ids_never_collide_with_names():
    c = parse("add1 + multiply1 * add2")
    assert {"add1", "multiply1", "add2"} <= set(c.node_ids())
    assert all(c.type_of(n) == "input" for n in ("add1", "multiply1", "add2"))
    assert value_at("add1 + multiply1 * add2", add1=1.0, multiply1=2.0, add2=3.0) == 7.0


def test_gate_ids_are_type_and_counter():
    c = parse("(a + b) * (c + d)")
    assert sorted(n.id for n in c.nodes() if n.type != "input") == ["add1", "add2", "multiply1"]


def test_max_sigmoid_exp():
    c = parse("max(a, b, c)")
    assert gates(c) == [("max", None)] and sources(c, c.output) == ["a", "b", "c"]
    ev = run(c, a=1.0, b=5.0, c=2.0)
    assert [float(ev.grad(n)) for n in "abc"] == [0.0, 1.0, 0.0]
    assert gates(parse("sigmoid(x)")) == [("sigmoid", None)]
    assert value_at("sigmoid(x)", x=1.0) == pytest.approx(sigmoid(1.0))
    assert gates(parse("exp(x)")) == [("exp", None)]
    assert value_at("exp(x)", x=1.0) == pytest.approx(math.e)
    assert gates(parse("max(x, x)")) == [("max", None)]


def test_expanded_sigmoid_equals_sigmoid():
    a = parse("sigmoid(w0*x0 + w1*x1 + w2)")
    b = parse("1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))")
    vals = dict(w0=2.0, x0=-1.0, w1=-3.0, x1=-2.0, w2=-3.0)
    ea, eb = run(a, **vals), run(b, **vals)
    assert float(ea.value(a.output)) == pytest.approx(0.7310585786300049, rel=1e-15)
    for k in vals:
        assert float(eb.grad(k)) == pytest.approx(float(ea.grad(k)), rel=1e-12)


def test_output_title_and_layout():
    c = parse("  (x +   y) * z ")
    assert c.title == "(x + y) * z"
    assert c.output == "multiply1"
    pos = {n.id: n.pos for n in c.nodes()}
    assert pos["x"][0] == pos["y"][0] == pos["z"][0] == 0.0
    assert pos["x"][0] < pos["add1"][0] < pos["multiply1"][0]
    assert len(set(pos.values())) == len(pos)


def test_inputs_start_at_one():
    assert all(n.value == 1.0 for n in parse("x / y").nodes() if n.type == "input")


def test_multiline_text_in_parentheses():
    c = parse("(x +\n y)")
    assert gates(c) == [("add", None)]


# ----- refusals ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, column, words", [
    ("x % 2", 3, "'%'"),
    ("x // 2", 3, "'//'"),
    ("x <<  y", 3, "'<<'"),
    ("x & y", 3, "'&'"),
    ("(x) ^ y", 5, "'^'"),
    ("x ** 3", 6, "exponent 2"),
    ("x ** y", 6, "exponent 2"),
    ("x ** -2", 6, "exponent 2"),
    ("x ** True", 6, "exponent 2"),
    ("math.exp(x)", 5, "attribute"),
    ("x.real", 2, "attribute"),
    ("sin(x)", 1, "unknown function 'sin'"),
    ("y + square(x)", 5, "x**2"),
    ("(x)(y)", 2, "unknown function 'x'"),
    ("max(a, b)(c)", 1, "only the functions max, sigmoid, exp, tanh, relu, sum"),
    ("max(x)", 1, "at least 2"),
    ("sigmoid(x, y)", 12, "at most 1"),
    ("exp()", 1, "needs 1 argument"),
    ("max(x, y, key=z)", 11, "keyword"),
    ("max(*xs)", 5, "'*'"),
    ("x < y", 3, "comparison"),
    ("x == y", 3, "comparison"),
    ("x and y", 3, "'and'/'or'"),
    ("not x", 1, "'not'"),
    ("~x", 1, "'~'"),
    ("'x' + 1", 1, "text"),
    ("x + b'1'", 5, "text"),
    ("lambda: 1", 1, "lambda"),
    ("x[0]", 2, "indexing"),
    ("x if y else z", 3, "conditional"),
    ("x, y", 2, "tuple"),
    ("[x]", 1, "list"),
    ("{x: 1}", 1, "dict"),
    ("f'{x}'", 1, "f-string"),
    ("(y := 2)", 2, "':='"),
    ("True + x", 1, "True is not a number"),
    ("x * None", 5, "None is not a number"),
    ("2 + 1j", 5, "complex"),
    ("max + 1", 1, "'max' is a function"),
    ("2 * sigmoid", 5, "'sigmoid' is a function"),
    ("x + square", 5, "gate name"),
    ("input * 2", 1, "gate name"),
    ("inf + x", 1, "finite"),
    ("x * nan", 5, "finite"),
    ("1e400 * x", 1, "too large"),
    ("x / 0", 5, "division by zero"),
    ("x / (1 - 1)", 6, "division by zero"),
    ("1e300 * 1e300 * x", 9, "too large"),
    ("", 1, "empty"),
    ("   \n ", 1, "empty"),
    ("x +", 4, "ends too early"),
    ("-", 2, "ends too early"),
    ("x + * y", 5, "syntax error"),
    ("x y", 3, "syntax error"),
    ("(x + y", 1, "never closed"),
    ("x + y)", 6, "unmatched"),
    ("3x", 1, "syntax error"),
    ("x = 1", 3, "syntax error"),
    ("x $ y", 3, "syntax error"),
    ("x\0", 2, "NUL"),
    ("  x % 2", 5, "'%'"),
    ("é + y[0]", 6, "indexing"),
    ("(x\n + y[1])", 8, "indexing"),
    ("(x +\n é % y)", 9, "'%'"),
])
def test_refusals_point_at_the_offending_column(text, column, words):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    e = info.value
    assert e.column == column, str(e)
    assert f"column {column}" in str(e)
    assert words in str(e)


def test_too_long():
    with pytest.raises(ExpressionError) as info:
        parse("x+" * (MAX_LENGTH // 2) + "x")
    assert info.value.column == MAX_LENGTH + 1
    assert "too long" in str(info.value)


def test_too_deep_for_our_limit():
    text = "-" * (MAX_DEPTH + 5) + "x"
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert "nested too deeply" in str(info.value)
    assert 1 < info.value.column <= MAX_DEPTH + 5


@pytest.mark.parametrize("text", ["(" * 300 + "x" + ")" * 300, "-" * 4000 + "x",
                                  "sigmoid(" * 1000 + "x" + ")" * 1000])
def test_too_deep_for_python_is_refused_not_crashing(text):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.column is not None and info.value.column >= 1


@pytest.mark.parametrize("op, gate", [("*", "multiply"), ("+", "add"), ("-", "add")])
def test_a_flat_chain_as_long_as_the_text_allows_is_one_level(op, gate):
    """Python nests ``x*x*...`` one level per operator; the docs count it as one (issue 11)."""
    c = parse("x" + f"{op}x" * (MAX_LENGTH // 2 - 1))
    assert sum(1 for n in c.nodes() if n.type == gate) >= (MAX_LENGTH // 2) // 255
    assert c.output is not None


def test_never_evaluates_python():
    # would have side effects or fail loudly if anything were evaluated
    for text in ["__import__('os').system('false')", "open('/etc/passwd')",
                 "(lambda: exit())()", "globals()"]:
        with pytest.raises(ExpressionError):
            parse(text)


def test_not_text_is_a_type_error():
    with pytest.raises(TypeError):
        parse(None)  # type: ignore[arg-type]
