"""The gates micrograd has and the notes' circuits did not: ``tanh`` and ``pow`` (x**c).

micrograd builds ``-b`` as ``b * -1`` and ``a / b`` as ``a * b**-1``, so with ``pow`` (any
real exponent, the gate's constant c) and ``tanh`` every micrograd graph is a circuit
(``graph/micrograd_import.py``). Both are element-wise gates like those in ``gates.py``
and registered there in ``GATES``; names are never renamed (files rely on them).

``pow`` follows IEEE 754 as numpy does, for floats and arrays alike, and never raises:
``0**-1`` is ``inf``, a negative base to a fractional power is NaN (Python would give a
complex number), overflow is ``inf``.

>>> Pow().forward([3.0], 2.0), Pow().backward([3.0], 9.0, 1.0, 2.0)
(9.0, [6.0])
>>> power(0.0, -1.0), power(-8.0, 1 / 3), power(-0.0, -1.0)
(inf, nan, -inf)
"""

from __future__ import annotations

import math

import numpy as np

from chainwire.graph.gate_base import UnaryElementwise, format_constant
from chainwire.graph.gate_math import NAN, quiet
from chainwire.graph.shapes import Value

__all__ = ["Pow", "Tanh", "power"]

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def power(x: Value, c: float) -> Value:
    """x**c element by element, with numpy's IEEE results where Python would raise or
    turn complex; floats stay floats (the fast path's C ``pow``)."""
    if isinstance(x, np.ndarray):
        with quiet():
            return np.power(x, c)
    try:
        out = float(x) ** c
    except (ZeroDivisionError, OverflowError):  # 0 to a negative power; overflow
        with quiet():
            return float(np.power(np.float64(x), c))
    return out if type(out) is float else NAN  # a negative base to a fractional power


class Tanh(UnaryElementwise):
    name, title, symbol = "tanh", "Tanh", "tanh"
    formula = "∂tanh(x)/∂x = 1 − tanh²(x)"
    summary = "Like σ, a squashing gate whose local gradient comes from its own output."
    local_text = "1−y²"
    code_f, code_df = "np.tanh({x})", "(1.0 - {y} * {y})"

    @staticmethod
    def f(x: Value, c: float | None = None) -> Value:
        return np.tanh(x) if isinstance(x, np.ndarray) else math.tanh(x)

    @staticmethod
    def df(x: Value, y: Value, c: float | None = None) -> Value:
        return 1.0 - y * y


class Pow(UnaryElementwise):
    name, title, symbol = "pow", "Power", "xᶜ"
    param_default = 2.0
    formula = "∂xᶜ/∂x = c·xᶜ⁻¹"
    summary = "The power rule: c·x^(c−1); micrograd's ** (and its / as ·x⁻¹)."
    local_text = "c·xᶜ⁻¹"
    code_f, code_df = "{x} ** {c}", "{c} * {x} ** ({c} - 1.0)"

    @staticmethod
    def f(x: Value, c: float) -> Value:
        return power(x, c)

    @staticmethod
    def df(x: Value, y: Value, c: float) -> Value:
        return c * power(x, c - 1.0)

    def display_symbol(self, c: float | None) -> str:
        """x², x⁻¹, x^0.5: whole exponents as superscripts."""
        if c is None:
            return self.symbol
        text = format_constant(c)
        if c == int(c) and abs(c) < 1000:
            return "x" + text.translate(_SUPERSCRIPT)
        return f"x^{text}"
