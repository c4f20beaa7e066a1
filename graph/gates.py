"""The gates, one small class each, and the registry ``GATES`` by stable type name.

As in the cs231n notes, a gate never sees the whole circuit: it knows its forward value
and how to pass a gradient back (``graph/gate_base.py`` has the contract). The element-wise
gates are here; ``matmul``, ``sum`` and ``transpose`` are in ``graph/gates_array.py``.
Names are never renamed (files rely on them).

>>> GATES["multiply"].backward([3.0, -4.0], -12.0, 2.0)
[-8.0, 6.0]
>>> GATES["add"].backward([np.ones(3), np.ones((2, 3))], None, np.ones((2, 3)))[0]
array([2., 2., 2.])
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

import numpy as np

from chainwire.graph import gate_math as m
from chainwire.graph.errors import coded_text
from chainwire.graph.gate_base import (
    Gate,
    NaryElementwise,
    UnaryElementwise,
    format_constant,
)
from chainwire.graph.gate_math import EXP_MAX, INF, NAN, exp, fsum, reciprocal, sigmoid
from chainwire.graph.gates_array import Matmul, Sum, Transpose
from chainwire.graph.gates_extra import Pow, Tanh
from chainwire.graph.gates_group import Group
from chainwire.graph.shapes import Value

__all__ = ["EXP_MAX", "GATES", "GATE_GLYPH", "GATE_ORDER", "INF", "NAN", "PATTERN_TAGS",
           "Gate", "exp", "format_constant", "fsum", "reciprocal", "sigmoid"]

_ONES = (1.0, 1.0)


class Input(Gate[float]):
    name, title, symbol = "input", "Input", "x"
    min_inputs, max_inputs = 0, 0
    formula = "a leaf: you set its value"
    summary = "Inputs are leaves; their gradient says how f changes when you nudge them."


class Add(NaryElementwise):
    name, title, symbol = "add", "Add", "+"
    formula = "∂(a+b)/∂a = 1"
    summary = "Add distributes: every input gets the upstream gradient unchanged."
    pattern, local_text = "distributes", "1"
    f2 = staticmethod(operator.add)
    fn = staticmethod(fsum)  # correctly rounded, whatever the order of the inputs
    fn_scalar = staticmethod(m.scalar_fsum)

    @staticmethod
    def df2(a: Value, b: Value, y: Value) -> tuple[float, float]:
        return _ONES

    @staticmethod
    def dfn(xs: Sequence[Value], y: Value) -> list[float]:
        return [1.0] * len(xs)

    def code_forward(self, args: Sequence[str], c=None, shapes=None) -> str:
        return " + ".join(args)

    def code_local(self, args: Sequence[str], out: str, c=None) -> list[str]:
        return ["1"] * len(args)


class Multiply(NaryElementwise):
    name, title, symbol = "multiply", "Multiply", "×"
    formula = "∂(a·b)/∂a = b"
    summary = "Multiply swaps: each input gets the product of the others × upstream."
    pattern = "swaps"
    f2 = staticmethod(operator.mul)
    fn = staticmethod(m.product)
    dfn = staticmethod(m.products_of_others)

    @staticmethod
    def df2(a: Value, b: Value, y: Value) -> tuple[Value, Value]:
        return b, a

    def local_name(self, port: int, names: Sequence[str], local: Value | None = None) -> str:
        """The other inputs: ``y`` for x's port of x·y."""
        return "·".join(n for i, n in enumerate(names) if i != port) or "1"

    def code_forward(self, args: Sequence[str], c=None, shapes=None) -> str:
        return " * ".join(args)

    def code_local(self, args: Sequence[str], out: str, c=None) -> list[str]:
        """The product of the others, multiplied in ``products_of_others``' order (those
        before left to right, then those after from the last back): the same bits."""
        out_ = []
        for i in range(len(args)):
            before, after = " * ".join(args[:i]), " * ".join(reversed(args[i + 1:]))
            if before and after:
                after = f"({after})" if i + 2 < len(args) else after
                out_.append(f"{before} * {after}")
            else:
                out_.append(before or after or "1")
        return out_


class Max(NaryElementwise):
    name, title, symbol = "max", "Max", "max"
    formula = "∂max/∂a = 1 if a wins, else 0 (ties share)"
    summary = "Max routes: the larger input gets all of the gradient, the others 0."
    pattern = "routes"
    f2, f2_scalar = staticmethod(m.maximum2), staticmethod(m.scalar_maximum2)
    df2, df2_scalar = staticmethod(m.max_shares2), staticmethod(m.scalar_max_shares2)
    fn, fn_scalar = staticmethod(m.maximum), staticmethod(m.scalar_maximum)
    dfn, dfn_scalar = staticmethod(m.max_shares), staticmethod(m.scalar_max_shares)

    def local_name(self, port: int, names: Sequence[str], local: Value | None = None) -> str:
        """1 for the winner, 0 for the others, the share in a tie (1/2, 1/3...)."""
        if local is None or isinstance(local, np.ndarray):
            return coded_text("max_wins")
        if local == 1.0:
            return "1"
        return f"{local:.2f}".rstrip("0").rstrip(".") or "0"

    def code_forward(self, args: Sequence[str], c=None, shapes=None) -> str:
        out = args[0]
        for a in args[1:]:
            out = f"np.maximum({out}, {a})"
        return out

    def code_local(self, args: Sequence[str], out: str, c=None) -> list[str]:
        """1 for the winner: (x == max) over how many tie (NaN where the max is NaN)."""
        ties = " + ".join([f"1.0 * ({args[0]} == {out})"]
                          + [f"({a} == {out})" for a in args[1:]])
        return [f"({a} == {out}) / ({ties})" for a in args]


class Sigmoid(UnaryElementwise):
    name, title, symbol = "sigmoid", "Sigmoid", "σ"
    formula = "∂σ(x)/∂x = σ(x)·(1−σ(x))"
    summary = "A compound gate with a simple local gradient: σ(1−σ)."
    local_text = "σ(1−σ)"
    code_f, code_df = "1.0 / (1.0 + np.exp(-{x}))", "(1.0 - {y}) * {y}"
    parts = (("scale", -1.0), ("exp", None), ("offset", 1.0), ("reciprocal", None))

    @staticmethod
    def f(x: Value, c: float | None = None) -> Value:
        return sigmoid(x)

    @staticmethod
    def df(x: Value, y: Value, c: float | None = None) -> Value:
        # σ(x)·σ(−x) equals σ(1−σ) but keeps precision where σ is close to 1
        return y * sigmoid(-x)


class Exp(UnaryElementwise):
    name, title, symbol = "exp", "Exp", "exp"
    formula = "∂eˣ/∂x = eˣ"
    summary = "The exponential is its own derivative."
    local_text = "eˣ"
    code_f, code_df = "np.exp({x})", "{y}"

    @staticmethod
    def f(x: Value, c: float | None = None) -> Value:
        return exp(x)

    @staticmethod
    def df(x: Value, y: Value, c: float | None = None) -> Value:
        return y


class Reciprocal(UnaryElementwise):
    name, title, symbol = "reciprocal", "Reciprocal", "1/x"
    formula = "∂(1/x)/∂x = −1/x²"
    summary = "Divisions are multiplications by a reciprocal."
    local_text = "−1/x²"
    code_f, code_df = "1.0 / {x}", "-({y} * {y})"

    @staticmethod
    def f(x: Value, c: float | None = None) -> Value:
        return reciprocal(x)

    @staticmethod
    def df(x: Value, y: Value, c: float | None = None) -> Value:
        return -(y * y)


class Square(UnaryElementwise):
    name, title, symbol = "square", "Square", "x²"
    formula = "∂x²/∂x = 2x"
    summary = "The square's local gradient is 2x."
    local_text = "2x"
    code_f, code_df = "{x} * {x}", "2.0 * {x}"

    @staticmethod
    def f(x: Value, c: float | None = None) -> Value:
        return x * x

    @staticmethod
    def df(x: Value, y: Value, c: float | None = None) -> Value:
        return 2.0 * x


class Scale(UnaryElementwise):
    name, title, symbol = "scale", "Scale", "·c"
    param_default = -1.0
    formula = "∂(c·x)/∂x = c"
    summary = "Scaling by c scales the gradient by c."
    local_text = "c"
    code_f, code_df = "{c} * {x}", "{c}"

    @staticmethod
    def f(x: Value, c: float) -> Value:
        return c * x

    @staticmethod
    def df(x: Value, y: Value, c: float) -> Value:
        return c

    def display_symbol(self, c: float | None) -> str:
        if c is None:
            return "·c"
        return f"·{format_constant(c)}" if c >= 0 else f"·(−{format_constant(-c)})"


class Offset(UnaryElementwise):
    name, title, symbol = "offset", "Offset", "+c"
    param_default = 1.0
    formula = "∂(x+c)/∂x = 1"
    summary = "Adding a constant passes the gradient through unchanged."
    local_text = "1"
    code_f, code_df = "{x} + {c}", "1"

    @staticmethod
    def f(x: Value, c: float) -> Value:
        return x + c

    @staticmethod
    def df(x: Value, y: Value, c: float) -> Value:
        return 1.0

    def display_symbol(self, c: float | None) -> str:
        if c is None:
            return "+c"
        return f"+{format_constant(c)}" if c >= 0 else f"−{format_constant(-c)}"


class Relu(UnaryElementwise):
    name, title, symbol = "relu", "ReLU", "relu"
    formula = "∂max(0,x)/∂x = 1 if x > 0, else 0 (0 at x = 0)"
    summary = "ReLU routes: the gradient passes where x > 0 and stops elsewhere."
    pattern, local_text = "routes", "[x>0]"
    code_f, code_df = "np.maximum({x}, 0.0)", "np.sign({y})"

    @staticmethod
    def f(x: Value, c: float | None = None) -> Value:
        return m.relu(x)

    @staticmethod
    def df(x: Value, y: Value, c: float | None = None) -> Value:
        return m.relu_slope(y)


GATES: dict[str, Gate] = {
    g.name: g
    for g in (Input(), Add(), Multiply(), Max(), Sigmoid(), Exp(), Reciprocal(), Square(),
              Scale(), Offset(), Matmul(), Sum(), Transpose(), Relu(), Tanh(), Pow(), Group())
}
"""Every gate type by its stable name. Names are never renamed (files rely on them)."""

GATE_ORDER: tuple[str, ...] = tuple(n for n in GATES if n != "group")
"""The gates a user adds from the palette, in its order (a group is made by grouping)."""

PATTERN_TAGS: dict[str, str] = {n: g.pattern for n, g in GATES.items() if g.pattern}
"""What a gate does to the gradient, in the notes' words (derived from the classes)."""

GATE_GLYPH: dict[str, str] = {n: g.pattern_glyph for n, g in GATES.items() if g.pattern}
"""The overlay's mark for each gate with a pattern (derived from the classes)."""
