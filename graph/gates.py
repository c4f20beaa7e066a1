"""The gates: each knows its forward value and its *local* gradient, nothing else.

As in the cs231n notes, a gate never sees the whole circuit. The evaluator multiplies
each local gradient by the upstream gradient (the chain rule). Gates are stateless; the
registry ``GATES`` maps the stable type name (used in files) to the gate.

Values are scalars (Python floats, shown to users as ``numpy.float64``). Arithmetic
follows IEEE 754 without raising: overflow gives ``inf``, ``1/0`` gives ``±inf`` and
NaN propagates, exactly like numpy would, but without the cost of numpy scalars.

>>> GATES["multiply"].local([3.0, -4.0], -12.0, None)
[-4.0, 3.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

INF = math.inf
NAN = math.nan
EXP_MAX = 709.782712893384  # log(max float): exp() above this overflows to inf


def exp(x: float) -> float:
    """exp(x) that overflows to inf instead of raising, and keeps NaN."""
    if x > EXP_MAX:
        return INF
    return math.exp(x)  # exp(nan) is nan, exp(-inf) is 0.0


def sigmoid(x: float) -> float:
    """σ(x) = 1/(1+e^-x) computed without overflow for any x (inf and NaN included)."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    if x != x:  # NaN
        return x
    e = math.exp(x)
    return e / (1.0 + e)


def reciprocal(x: float) -> float:
    """1/x with IEEE semantics: 1/±0 is ±inf."""
    if x == 0.0:
        return math.copysign(INF, x)
    return 1.0 / x


def fsum(xs: Sequence[float]) -> float:
    """The correctly rounded sum of ``xs`` with IEEE results where math.fsum raises.

    math.fsum raises ValueError on inf + -inf and OverflowError when a partial sum
    overflows (even if the exact total would not); a circuit must never crash on those.
    """
    try:
        return math.fsum(xs)
    except ValueError:  # inf and -inf among the inputs
        return NAN
    except OverflowError:  # all finite, a partial sum overflowed: add exactly instead
        total = sum(Fraction(x) for x in xs)
        try:
            return float(total)
        except OverflowError:
            return INF if total > 0 else -INF


class Gate:
    """A gate type. Subclasses set the class attributes and the two methods.

    ``unary`` gates take one input on port 0; n-ary gates take two or more inputs, in
    port order. ``forward`` and ``local`` receive the input values (a float for unary
    gates, a list for n-ary ones) and the gate's parameter ``c`` (None when the gate
    has none). ``local`` returns the local gradient d(out)/d(input) per input.
    """

    name: str = ""
    title: str = ""
    symbol: str = ""
    unary: bool = True
    param_default: float | None = None  # None: the gate has no parameter
    formula: str = ""  # the local gradient, as the inspector shows it
    summary: str = ""  # what the gate does to the gradient, in the notes' words

    @property
    def has_param(self) -> bool:
        return self.param_default is not None

    @property
    def min_inputs(self) -> int:
        return 0 if self.name == "input" else (1 if self.unary else 2)

    @property
    def max_inputs(self) -> int | None:
        return 0 if self.name == "input" else (1 if self.unary else None)

    def forward(self, x, c):  # pragma: no cover - overridden
        raise NotImplementedError

    def local(self, x, out: float, c):  # pragma: no cover - overridden
        raise NotImplementedError

    def display_symbol(self, c: float | None) -> str:
        """The symbol drawn on the node; parameterised gates show their constant."""
        return self.symbol

    def __repr__(self) -> str:
        return f"<gate {self.name}>"


def format_constant(c: float) -> str:
    """Short text for a gate constant: 2 not 2.0, -1 not -1.0, 0.5 stays."""
    if c == int(c) and abs(c) < 1e15:
        return str(int(c))
    return f"{c:g}"


class Input(Gate):
    name, title, symbol = "input", "Input", "x"
    formula = "a leaf: you set its value"
    summary = "Inputs are leaves; their gradient says how f changes when you nudge them."


class Add(Gate):
    name, title, symbol, unary = "add", "Add", "+", False
    formula = "∂(a+b)/∂a = 1"
    summary = "Add distributes: every input gets the upstream gradient unchanged."

    def forward(self, xs: Sequence[float], c=None) -> float:
        return fsum(xs) if len(xs) > 2 else xs[0] + xs[1]

    def local(self, xs: Sequence[float], out: float, c=None) -> list[float]:
        return [1.0] * len(xs)


class Multiply(Gate):
    name, title, symbol, unary = "multiply", "Multiply", "×", False
    formula = "∂(a·b)/∂a = b"
    summary = "Multiply swaps: each input gets the product of the others × upstream."

    def forward(self, xs: Sequence[float], c=None) -> float:
        out = xs[0]
        for x in xs[1:]:
            out = out * x
        return out

    def local(self, xs: Sequence[float], out: float, c=None) -> list[float]:
        n = len(xs)
        if n == 2:
            return [xs[1], xs[0]]
        # prefix/suffix products: exact with zeros among the inputs (no division by x_i)
        pre = [1.0] * n
        for i in range(1, n):
            pre[i] = pre[i - 1] * xs[i - 1]
        grads = [0.0] * n
        suf = 1.0
        for i in range(n - 1, -1, -1):
            grads[i] = pre[i] * suf
            suf = suf * xs[i]
        return grads


class Max(Gate):
    name, title, symbol, unary = "max", "Max", "max", False
    formula = "∂max/∂a = 1 if a wins, else 0 (ties share)"
    summary = "Max routes: the larger input gets all of the gradient, the others 0."

    def forward(self, xs: Sequence[float], c=None) -> float:
        best = xs[0]
        for x in xs:
            if x != x:
                return x  # NaN propagates, as numpy.maximum does
            if x > best:
                best = x
        return best

    def local(self, xs: Sequence[float], out: float, c=None) -> list[float]:
        if out != out:
            return [NAN] * len(xs)
        winners = [i for i, x in enumerate(xs) if x == out]
        share = 1.0 / len(winners)  # a tie splits the gradient equally (torch.maximum)
        grads = [0.0] * len(xs)
        for i in winners:
            grads[i] = share
        return grads


class Sigmoid(Gate):
    name, title, symbol = "sigmoid", "Sigmoid", "σ"
    formula = "∂σ(x)/∂x = σ(x)·(1−σ(x))"
    summary = "A compound gate with a simple local gradient: σ(1−σ)."

    def forward(self, x: float, c=None) -> float:
        return sigmoid(x)

    def local(self, x: float, out: float, c=None) -> float:
        # σ(x)·σ(−x) equals σ(1−σ) but keeps precision where σ is close to 1
        return out * sigmoid(-x)


class Exp(Gate):
    name, title, symbol = "exp", "Exp", "exp"
    formula = "∂eˣ/∂x = eˣ"
    summary = "The exponential is its own derivative."

    def forward(self, x: float, c=None) -> float:
        return exp(x)

    def local(self, x: float, out: float, c=None) -> float:
        return out


class Reciprocal(Gate):
    name, title, symbol = "reciprocal", "Reciprocal", "1/x"
    formula = "∂(1/x)/∂x = −1/x²"
    summary = "Divisions are multiplications by a reciprocal."

    def forward(self, x: float, c=None) -> float:
        return reciprocal(x)

    def local(self, x: float, out: float, c=None) -> float:
        return -(out * out)


class Square(Gate):
    name, title, symbol = "square", "Square", "x²"
    formula = "∂x²/∂x = 2x"
    summary = "The square's local gradient is 2x."

    def forward(self, x: float, c=None) -> float:
        return x * x

    def local(self, x: float, out: float, c=None) -> float:
        return 2.0 * x


class Scale(Gate):
    name, title, symbol = "scale", "Scale", "·c"
    param_default = -1.0
    formula = "∂(c·x)/∂x = c"
    summary = "Scaling by c scales the gradient by c."

    def forward(self, x: float, c: float) -> float:
        return c * x

    def local(self, x: float, out: float, c: float) -> float:
        return c

    def display_symbol(self, c: float | None) -> str:
        if c is None:
            return "·c"
        return f"·{format_constant(c)}" if c >= 0 else f"·(−{format_constant(-c)})"


class Offset(Gate):
    name, title, symbol = "offset", "Offset", "+c"
    param_default = 1.0
    formula = "∂(x+c)/∂x = 1"
    summary = "Adding a constant passes the gradient through unchanged."

    def forward(self, x: float, c: float) -> float:
        return x + c

    def local(self, x: float, out: float, c: float) -> float:
        return 1.0

    def display_symbol(self, c: float | None) -> str:
        if c is None:
            return "+c"
        return f"+{format_constant(c)}" if c >= 0 else f"−{format_constant(-c)}"


GATES: dict[str, Gate] = {
    g.name: g
    for g in (Input(), Add(), Multiply(), Max(), Sigmoid(), Exp(), Reciprocal(), Square(),
              Scale(), Offset())
}
"""Every gate type by its stable name. Names are never renamed (files rely on them)."""

GATE_ORDER: tuple[str, ...] = tuple(GATES)
