"""What a name means in an expression (``graph/expr.py``): the functions one may call,
the names that cannot be variables, and what to write instead of the ones people try.

The functions are gates called by name; how many arguments each takes is the gate's own
count of inputs (``Gate.min_inputs``/``max_inputs``), so the two can never disagree.

>>> FUNCTIONS["max"][0], FUNCTIONS["sum"], ALLOWED
(2, (1, 1), 'max, sigmoid, exp, tanh, relu, sum')
"""

from __future__ import annotations

from chainwire.graph.circuit import MAX_PORTS
from chainwire.graph.errors import coded_text
from chainwire.graph.gates import GATES

CALLABLE = ("max", "sigmoid", "exp", "tanh", "relu", "sum")
"""The gates an expression calls by name, in the order messages list them."""


def _arity(name: str) -> tuple[int, int]:
    gate = GATES[name]
    return gate.min_inputs, MAX_PORTS if gate.max_inputs is None else gate.max_inputs


FUNCTIONS: dict[str, tuple[int, int]] = {name: _arity(name) for name in CALLABLE}
"""The callable functions and their (fewest, most) arguments: the gates' own counts."""
ALLOWED = ", ".join(FUNCTIONS)
"""The functions as messages list them."""

HINTS = {  # coded (graph.errors): the editor phrases them in its language
    **{name: coded_text("expr_hint_write", instead=text) for name, text in (
        ("square", "x**2"), ("reciprocal", "1/x"), ("scale", "c*x"), ("offset", "x + c"),
        ("add", "a + b"), ("multiply", "a * b"), ("matmul", "A @ B"),
        ("transpose", "X.T"), ("min", "-max(-a, -b)"), ("abs", "max(x, -x)"))},
    "input": coded_text("expr_hint_name"), "pow": coded_text("expr_hint_pow"),
}
"""What to write instead of a function that is not one (shown after the refusal)."""

RESERVED = frozenset(GATES) | frozenset(FUNCTIONS) | {"inf", "nan"}
"""Names that cannot be variables: gate and function names, and the non-finite numbers."""


def reserved_use(name: str, typed: str) -> str:
    """Why ``typed`` (which Python reads as ``name``, one of RESERVED) is no variable.

    >>> reserved_use("sum", "sum")
    "'sum' is a function, not a variable: call it, e.g. sum(x)"
    """
    if typed != name:
        return coded_text("expr_reads_as", typed=typed, name=name)
    if name in FUNCTIONS:
        example = "max(a, b)" if FUNCTIONS[name][0] > 1 else f"{name}(x)"
        return coded_text("expr_function_name", name=name, example=example)
    if name in ("inf", "nan"):
        return coded_text("expr_not_finite_name", name=name)
    return coded_text("expr_gate_name", name=name)


__all__ = ["ALLOWED", "CALLABLE", "FUNCTIONS", "HINTS", "RESERVED", "reserved_use"]
