"""The circuit model's value types: immutable records the model hands out and announces.

``Circuit`` stores its state privately; everything it gives away is one of these frozen
records (a snapshot), so no caller can change the model except through its edits.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from chainwire.graph.errors import CircuitError, UnknownGateError
from chainwire.graph.gates import GATES
from chainwire.graph.shapes import Value, check_value, same_value

DEFAULT_FONT_SIZE = 14.0
"""An annotation's text size when the file or the gesture gives none."""


class Wire(NamedTuple):
    """A wire from ``src``'s output into input ``port`` of ``dst``. (dst, port) is unique."""

    src: str
    dst: str
    port: int


@dataclass(frozen=True)
class NodeData:
    """A read-only snapshot of one node. ``value`` is a float or a read-only array."""

    id: str
    type: str
    label: str | None = None
    value: Value | None = None  # input nodes only
    param: Any = None  # scale/offset/pow: a float; group: its GroupDef (graph/groups.py)
    pos: tuple[float, float] = (0.0, 0.0)
    extra: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    def __eq__(self, other: object) -> bool:
        """Field by field; an array value compares by shape and elements."""
        if not isinstance(other, NodeData):
            return NotImplemented
        return ((self.id, self.type, self.label, self.param, self.pos, self.extra)
                == (other.id, other.type, other.label, other.param, other.pos, other.extra)
                and same_value(self.value, other.value))

    def __hash__(self) -> int:
        return hash((self.id, self.type, self.label, self.param, self.pos))


@dataclass(frozen=True)
class Annotation:
    """A text box on the canvas, saved with the circuit (file format: ``annotations``).

    ``extra`` holds the entry's unknown keys, written back unchanged on save.
    """

    text: str
    pos: tuple[float, float]
    font_size: float = DEFAULT_FONT_SIZE
    extra: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)


@dataclass(frozen=True)
class Change:
    """One change to the circuit, delivered to subscribers after it happened.

    ``kind`` is one of: node_added, node_removed, wire_added, wire_removed,
    node_changed (``field`` is value, param, label or pos), output_changed,
    annotation_added, annotation_removed, annotation_changed (``index`` says which;
    ``field`` is text, pos or font_size), reset.
    """

    kind: str
    node: str | None = None
    wire: Wire | None = None
    field: str | None = None
    index: int | None = None

    @property
    def structural(self) -> bool:
        """Whether the evaluation plan depends on it (nodes, wires, the output)."""
        return self.kind in STRUCTURAL


STRUCTURAL = frozenset({"node_added", "node_removed", "wire_added", "wire_removed",
                        "output_changed", "reset"})


def check_number(what: str, v: object) -> float:
    """``v`` as a finite float, or a CircuitError naming ``what``."""
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise CircuitError(f"{what} must be a number, not {type(v).__name__}")
    f = float(v)
    if not math.isfinite(f):
        raise CircuitError(f"{what} must be a finite number, not {f}")
    return f


def check_pos(pos: object, what: str = "a position") -> tuple[float, float]:
    """``pos`` as two finite floats, or a CircuitError."""
    x: object
    y: object
    try:  # unpacking an unknown object is the check: any pair of numbers passes
        x, y = pos  # type: ignore[misc]
    except (TypeError, ValueError):
        raise CircuitError(f"{what} must be two numbers, not {pos!r}") from None
    return (check_number("x position", x), check_number("y position", y))


def check_font_size(size: object) -> float:
    f = check_number("font size", size)
    if f <= 0:
        raise CircuitError(f"a font size must be positive, not {f}")
    return f


def node_attrs(type_: str, node_id: object, *, label: str | None = None,
               value: object = None, param: float | None = None,
               pos: object = (0.0, 0.0), extra: dict[str, Any] | None = None
               ) -> dict[str, Any]:
    """The attributes a node of ``type_`` stores, validated (CircuitError if not valid)."""
    gate = GATES.get(type_) if isinstance(type_, str) else None
    if gate is None:
        known = ", ".join(GATES)
        raise UnknownGateError(f"unknown gate type {type_!r} (known: {known})")
    if not isinstance(node_id, str) or not node_id:
        raise CircuitError(f"a node id must be a non-empty string, not {node_id!r}")
    if label is not None and not isinstance(label, str):
        raise CircuitError(f"label of '{node_id}' must be text")
    attrs: dict[str, Any] = {"type": type_, "label": label, "pos": check_pos(pos)}
    if type_ == "input":
        attrs["value"] = 0.0 if value is None else check_value(f"value of '{node_id}'", value)
    elif value is not None:
        raise CircuitError(f"'{node_id}' is a {type_} gate: only inputs have a value")
    if type_ == "group":
        from chainwire.graph.groups import check_group_def  # groups.py builds on records

        attrs["param"] = check_group_def(f"group '{node_id}'", param)
    elif gate.has_param:
        attrs["param"] = (gate.param_default if param is None
                          else check_number(f"parameter of '{node_id}'", param))
    elif param is not None:
        raise CircuitError(f"a {type_} gate has no parameter")
    if extra:
        attrs["extra"] = dict(extra)
    return attrs
