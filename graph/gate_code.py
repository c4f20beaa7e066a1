"""The pieces gates write their staged code with (``graph/codegen.py`` assembles it).

A gate's ``code_forward``/``code_backward`` (``graph/gate_base.py``) return numpy
expressions over variable names; these helpers write what every gate writes the same
way, so each fact is written once: a constant (``repr`` of a float, the only thing from a
file that ever becomes code besides sanitised names), the chain rule ``local * upstream``
and the backward half of broadcasting, which sums a gradient over the axes broadcasting
added or stretched exactly as ``shapes.unbroadcast`` does.

>>> number(-1.0), number(0.5), times("1", "dq"), times("y", "dq")
('(-1.0)', '0.5', 'dq', 'y * dq')
>>> unbroadcast_code("dD", (3,), (2, 3)), unbroadcast_code("dD", (), (2, 3))
('dD.sum(axis=0)', 'np.sum(dD)')
>>> unbroadcast_code("dD", (2, 1), (2, 3))
'dD.sum(axis=(1,), keepdims=True)'
"""

from __future__ import annotations

import math

from chainwire.graph.shapes import Shape


def number(c: float | None) -> str:
    """A constant as Python source: ``repr(float(c))``, parenthesised when negative (so
    ``x ** (-1.0)`` and ``(-1.0) * x`` read as meant). Only finite numbers reach code."""
    if c is None:
        return "None"
    c = float(c)
    if not math.isfinite(c):
        raise ValueError(f"a constant in generated code must be finite, not {c!r}")
    text = repr(c)
    return f"({text})" if text.startswith("-") else text


def times(local: str, upstream: str) -> str:
    """The chain rule as text: ``local * upstream``; a local gradient of "1" passes the
    upstream gradient as it is (``1.0 * g`` is ``g`` exactly). ``local`` must be a product
    or parenthesised, so that ``* upstream`` applies to all of it."""
    return upstream if local == "1" else f"{local} * {upstream}"


def unbroadcast_code(expr: str, shape: Shape | None, out_shape: Shape | None) -> str:
    """``expr`` (a gradient shaped like ``out_shape``) summed back to ``shape``, written
    as ``shapes.unbroadcast`` computes it: leading axes first, then stretched ones."""
    if shape is None or out_shape is None or tuple(shape) == tuple(out_shape):
        return expr
    if not shape:
        return f"np.sum({expr})"
    lead = len(out_shape) - len(shape)
    tail = tuple(out_shape[lead:])
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and tail[i] != 1)
    if not (lead or stretched):
        return expr
    out = expr if expr.isidentifier() else f"({expr})"
    if lead:
        axes = tuple(range(lead))
        out += f".sum(axis={axes[0] if lead == 1 else axes})"
    if stretched:
        out += f".sum(axis={stretched}, keepdims=True)"
    return out


__all__ = ["number", "times", "unbroadcast_code"]
