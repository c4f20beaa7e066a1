"""How numbers are written on wires: as the notes do, with a fixed number of decimals."""

from __future__ import annotations

import math

UNDEFINED = "?"


def format_number(v: float | None, decimals: int = 2) -> str:
    """Fixed-point text for a wire label; '?' for undefined, 'NaN'/'inf'/'-inf' as such.

    >>> format_number(-4.0), format_number(0.19661193324148185, 3), format_number(None)
    ('-4.00', '0.197', '?')
    >>> format_number(float("inf")), format_number(-0.001)
    ('inf', '0.00')
    """
    if v is None:
        return UNDEFINED
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if abs(v) >= 1e15:
        return f"{v:.{max(decimals, 1)}e}"
    text = f"{v:.{decimals}f}"
    if text.startswith("-") and float(text) == 0.0:
        text = text[1:]  # "-0.00" reads as a sign error on the board
    return text


def is_flagged(v: float | None) -> bool:
    """NaN and ±inf are shown, and flagged so nobody mistakes them for numbers."""
    return v is not None and not math.isfinite(float(v))


def parse_number(text: str) -> float:
    """A finite number typed by the user (accepts the unicode minus). ValueError if not."""
    t = text.strip().replace("−", "-")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")  # a decimal comma, as typed on many keyboards
    v = float(t)
    if not math.isfinite(v):
        raise ValueError(f"{text!r} is not a finite number")
    return v
