"""Whether a circuit's positions can be drawn: the model takes any finite position, the
drawing cannot.

A position of 1.7e308 is a valid float, but the arithmetic that draws it is not: the
difference of two such positions, or the square of a wire's length, overflows, and
past about 1e15 a double no longer tells canvas units apart. The editor (opening,
pasting, duplicating) and ``chainwire render`` ask here first and refuse with a message
(issue 11) instead of raising halfway through building a picture.
"""

from __future__ import annotations

import math

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import coded_text

DRAWABLE = 1e15
"""Positions are drawn within ±DRAWABLE canvas units (at 1e15 a double still resolves
an eighth of a unit; a teaching circuit spans a few thousand)."""


def drawable(x: float, y: float) -> bool:
    """Whether a node or annotation at (x, y) can be drawn."""
    return math.isfinite(x) and math.isfinite(y) and abs(x) <= DRAWABLE and abs(y) <= DRAWABLE


def too_far(circuit: Circuit) -> str | None:
    """Why ``circuit`` cannot be drawn (its first node or annotation out of range), or None;
    coded text (``errors.coded_text``), so the editor says it in the interface language.

    >>> c = Circuit()
    >>> _ = c.add_node("input", "x", value=1.0, pos=(1.7e308, 0))
    >>> too_far(c)
    "node 'x' is at (1.7e+308, 0), too far out to draw: positions must lie within ±1e+15"
    """
    for d in circuit.nodes():
        if not drawable(*d.pos):
            return coded_text("too_far_node", node=repr(d.id), at=_pair(d.pos), most=_MOST)
    for i, a in enumerate(circuit.annotations()):
        if not drawable(*a.pos):
            return coded_text("too_far_annotation", index=i + 1, at=_pair(a.pos), most=_MOST)
    return None


_MOST = f"{DRAWABLE:g}"


def _pair(pos: tuple[float, float]) -> str:
    return f"({pos[0]:g}, {pos[1]:g})"
