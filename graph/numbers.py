"""How numbers become text: one formatter for wire labels, callouts, the inspector, the
command line's table and every export, so the same number reads the same everywhere.

Plain numbers are written as the notes do, with a fixed number of decimals
(``format_number``). The chain rule's arithmetic is written so that it **checks**: a
student who multiplies (or adds) the shown numbers and rounds to the result's shown
digits gets exactly the shown result (``format_product``, ``format_sum``). Where the
numbers at the chosen decimals would not check ("2.00 × 0.20 = 0.39"), more digits are
shown, only as many as needed and only on the numbers that have them
("2.00 × 0.1966 = 0.3932"). No Qt here: the engine, the command line and the editor
all import it.

>>> format_number(-4.0), format_number(0.19661193324148185, 3), format_number(None)
('-4.00', '0.197', '?')
>>> format_product(2.0, 0.19661193324148185, 0.3932238664829637).text
'2.00 × 0.1966 = 0.3932'
>>> format_sum([-4.0, 2.0], -2.0).text
'-4.00 + 2.00 = -2.00'

Arrays (a wire may carry a vector or a matrix) are written with their shape first,
always, as ``shapes.shape_text`` writes it ("(2×3)", "(3)"), then a preview of their
elements at the same decimals (``format_value``):

- a matrix of at most ``SMALL``×``SMALL`` (3×3): every element; on a label the shape on
  its own line, then one line per row in brackets, each column right-aligned (padded
  with figure spaces, which are as wide as a digit);
- a vector of at most ``SMALL`` elements: every element, on one line;
- anything larger: the first and the last element (row-major), "(2×4) [1.00 … 8.00]".

Labels ask for the lines (``format_value``); one-line places (the status bar, a
tooltip, a table cell) get the same preview on one line (``format_number`` of an array,
or ``format_value(..., lines=False)``), where a small array reads as the nested list one
would type: "(2×2) [[1.00, 2.00], [3.00, 4.00]]". Elements are formatted as plain numbers
are (NaN, inf, no "-0.00"); an array is flagged when any element is not finite.

>>> import numpy as np
>>> format_value(np.array([[1.0, -2.5], [3.0, 4.0]])).split("\\n")
['(2×2)', '[1.00  -2.50]', '[3.00  \\u20074.00]']
>>> format_number(np.arange(8.0).reshape(2, 4)), format_number(np.array([1.0, 2.0]), 1)
('(2×4) [0.00 … 7.00]', '(2) [1.0, 2.0]')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    InvalidOperation,
    localcontext,
)
from typing import NamedTuple

import numpy as np

from chainwire.graph.shapes import Value, shape_text

UNDEFINED = "?"
"""What an undefined number (a half-built circuit) shows."""

MAX_EXTRA_DIGITS = 12
"""How many decimals beyond the chosen ones arithmetic may add before it gives up and
writes "≈" (only near-ties of huge or tiny numbers get there)."""

_HUGE = 1e15  # from here on, fixed-point text is unreadable: scientific notation

SMALL = 3
"""Arrays with at most this many rows and columns are shown whole; larger ones as their
shape and first … last element."""

FIGURE_SPACE = "\u2007"
"""Pads a matrix label's columns: as wide as a digit, so right-aligned columns line up
in the labels' proportional font."""


def format_number(v: Value | None, decimals: int = 2, *, undefined: str = UNDEFINED,
                  nan: str = "NaN") -> str:
    """Fixed-point text for a label: ``decimals`` places; '?' for undefined; NaN and
    ±inf spelled out (``nan`` lets the command line keep writing "nan"); never "-0.00".

    >>> format_number(float("inf")), format_number(-0.001), format_number(2.5e15)
    ('inf', '0.00', '2.50e+15')
    >>> format_number(None, undefined="n/a"), format_number(float("nan"), nan="nan")
    ('n/a', 'nan')
    """
    if isinstance(v, np.ndarray):
        if v.ndim:
            return format_value(v, decimals, lines=False, undefined=undefined, nan=nan)
        v = float(v)
    return _text(v, decimals, decimals, undefined, nan)


def format_value(v, decimals: int = 2, *, lines: bool = True, undefined: str = UNDEFINED,
                 nan: str = "NaN") -> str:
    """A value as a wire label shows it: a number as ``format_number`` writes it, an
    array as its shape and a preview (the rules are in the module's docstring); with
    ``lines`` False, always one line.

    >>> format_value(-4.0), format_value(None), format_value(np.array([3.0, 4.0, 5.0]))
    ('-4.00', '?', '(3) [3.00  4.00  5.00]')
    """
    if not isinstance(v, np.ndarray) or not v.ndim:
        return _text(v, decimals, decimals, undefined, nan)
    head = shape_text(v.shape)
    if max(v.shape) > SMALL:
        first, last = (_text(float(x), decimals, decimals, undefined, nan)
                       for x in (v.flat[0], v.flat[-1]))
        return f"{head} [{first} … {last}]"
    cells = [[_text(float(x), decimals, decimals, undefined, nan) for x in row]
             for row in np.atleast_2d(v)]
    sep = "  " if lines else ", "
    if v.ndim == 1:
        return f"{head} [{sep.join(cells[0])}]"
    if not lines:
        return f"{head} [" + ", ".join(f"[{sep.join(row)}]" for row in cells) + "]"
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]
    rows = ["[" + sep.join(FIGURE_SPACE * (w - len(t)) + t for t, w in zip(row, widths,
                                                                          strict=True)) + "]"
            for row in cells]
    return "\n".join([head, *rows])


def format_brief(v, decimals: int = 2) -> str:
    """A number, or only an array's shape: for a place too small for a preview (an
    input's pill, whose wires carry the preview).

    >>> format_brief(0.5), format_brief(np.zeros((2, 3)))
    ('0.50', '(2×3)')
    """
    if isinstance(v, np.ndarray) and v.ndim:
        return shape_text(v.shape)
    return format_number(v, decimals)


def is_flagged(v) -> bool:
    """NaN and ±inf are shown, and flagged so nobody mistakes them for numbers (an array
    when any of its elements is)."""
    if isinstance(v, np.ndarray):
        return bool(v.size) and not bool(np.isfinite(v).all())
    return v is not None and not math.isfinite(float(v))


def parse_number(text: str) -> float:
    """A finite number typed by the user (accepts the unicode minus). ValueError if not.

    >>> parse_number(" −1,5 ")
    -1.5
    """
    t = text.strip().replace("−", "-")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")  # a decimal comma, as typed on many keyboards
    v = float(t)
    if not math.isfinite(v):
        raise ValueError(f"{text!r} is not a finite number")
    return v


def format_shown(v: float | None, places: int, decimals: int = 2) -> str:
    """``v`` with ``places`` decimals, or fewer if ``v`` needs fewer, never fewer than
    ``decimals``: an exact 2 stays "2.00" while 0.19661… grows to "0.1966".

    >>> format_shown(2.0, 4), format_shown(0.19661193324148185, 4), format_shown(0.5, 4, 0)
    ('2.00', '0.1966', '0.5')
    """
    return _text(v, places, decimals, UNDEFINED, "NaN")


def _text(v: float | None, places: int, decimals: int, undefined: str, nan: str) -> str:
    if v is None:
        return undefined
    v = float(v)
    if math.isnan(v):
        return nan
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if abs(v) >= _HUGE:
        return f"{v:.{max(decimals, 1)}e}"
    if places > decimals:
        exact = Decimal(repr(v)).normalize().as_tuple().exponent
        places = max(decimals, min(places, -int(exact) if isinstance(exact, int) else places))
    text = f"{v:.{places}f}"
    if text.startswith("-") and float(text) == 0.0:
        text = text[1:]  # "-0.00" reads as a sign error on the board
    return text


class Arithmetic(NamedTuple):
    """A checked line of arithmetic: its operands and result as shown."""

    operands: tuple[str, ...]
    result: str
    sign: str  # "=" when the shown numbers check, "≈" when they could not be made to
    op: str  # "×" or "+"

    @property
    def text(self) -> str:
        """"a × b = c", or "a + (−b) = c" for a sum (a negative term after the first is
        bracketed, as on a blackboard)."""
        if self.op == "+":
            left = " + ".join(t if i == 0 or not t.startswith("-") else f"({t})"
                              for i, t in enumerate(self.operands))
        else:
            left = f" {self.op} ".join(self.operands)
        return f"{left} {self.sign} {self.result}"


def format_product(a: float | None, b: float | None, c: float | None,
                   decimals: int = 2, min_places: int = 0) -> Arithmetic:
    """``a × b = c`` (local × upstream = wire gradient) with digits that check.

    Starts at ``decimals`` places and adds one at a time until ``checks_product``
    holds (operands and result alike; failing that, operands one or more places
    beyond the result); a number that is exact at fewer places keeps them.
    ``min_places`` starts the search further on (one gate's callouts then show their
    shared upstream gradient alike).

    >>> format_product(-3.0, 0.19661193324148185, -0.5898357997244456).text
    '-3.00 × 0.1966 = -0.5898'
    >>> format_product(2.0, 3.0, 6.0, 0).text, format_product(None, 1.0, None).text
    ('2 × 3 = 6', '? × 1.00 = ?')
    """
    return _checked((a, b), c, decimals, "×", checks_product, min_places)


def format_sum(terms: Sequence[float | None], total: float | None,
               decimals: int = 2, min_places: int = 0) -> Arithmetic:
    """``g1 + g2 + … = g`` (a fork's branches add up) with digits that check.

    >>> format_sum([0.333333, 0.333333, 0.333333], 0.999999).text
    '0.333333 + 0.333333 + 0.333333 = 0.999999'
    >>> format_sum([1.0, -2.5], -1.5, 1).text
    '1.0 + (-2.5) = -1.5'
    """
    return _checked(tuple(terms), total, decimals, "+", checks_sum, min_places)


def places(text: str) -> int:
    """How many decimals a shown number has ("0.1966": 4, "2": 0, "2.50e+15": 0).

    >>> places("0.1966"), places("-3"), places("NaN")
    (4, 0, 0)
    """
    head = text.split("e")[0]
    return len(head) - head.index(".") - 1 if "." in head else 0


def _checked(operands: tuple, result: float | None, decimals: int, op: str,
             check, min_places: int = 0) -> Arithmetic:
    values = [*operands, result]
    if any(v is None or not math.isfinite(float(v)) for v in values):  # nothing to check
        return Arithmetic(tuple(format_number(v, decimals) for v in operands),
                          format_number(result, decimals), "=", op)
    start = max(decimals, min_places)
    top = start + MAX_EXTRA_DIGITS
    # first all at one precision ("2.00 × 0.1966 = 0.3932"); where that never checks
    # (0.333… + 0.333… = 0.667) the operands get more digits than the result
    tries = [(r, r) for r in range(start, top + 1)]
    tries += [(r, o) for r in range(start, top + 1) for o in range(r + 1, top + 1)]
    for r, o in tries:
        shown = [format_shown(v, o, decimals) for v in operands]
        total = format_shown(result, r, decimals)
        if check(shown, total):
            return Arithmetic(tuple(shown), total, "=", op)
    return Arithmetic(tuple(format_shown(v, top, decimals) for v in operands),
                      format_shown(result, top, decimals), "≈", op)


def checks_product(factors: Sequence[str], result: str) -> bool:
    """Whether the product of the shown ``factors``, rounded to ``result``'s decimals
    (half up, as a calculator; and half even, as a computer), is exactly ``result``.

    >>> checks_product(["2.00", "0.20"], "0.39"), checks_product(["2.00", "0.1966"], "0.3932")
    (False, True)
    """
    try:
        with _exact():
            exact = math.prod((Decimal(f) for f in factors), start=Decimal(1))
            return _rounds_to(exact, result)
    except InvalidOperation:
        return False


def checks_sum(terms: Sequence[str], result: str) -> bool:
    """Whether the sum of the shown ``terms``, rounded to ``result``'s decimals, is
    exactly ``result``.

    >>> checks_sum(["0.33", "0.33", "0.33"], "1.00"), checks_sum(["-4.00", "2.00"], "-2.00")
    (False, True)
    """
    try:
        with _exact():
            return _rounds_to(sum((Decimal(t) for t in terms), Decimal(0)), result)
    except InvalidOperation:
        return False


def _rounds_to(exact: Decimal, result: str) -> bool:
    want = Decimal(result)
    exponent = want.as_tuple().exponent
    if not isinstance(exponent, int):  # 'n', 'N', 'F': NaN or infinity, no decimals
        return False
    quantum = Decimal(1).scaleb(exponent)
    return all(exact.quantize(quantum, rounding=mode) == want
               for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN))


def _exact():
    """Room for every digit of a product of shown numbers (the default 28 would round)."""
    return localcontext(Context(prec=200))
