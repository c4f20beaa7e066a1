"""One run's results: values and gradients of every node and wire, read-only.

An ``Evaluation`` holds flat lists indexed like its ``Plan`` (see ``graph/plan.py``) and
answers by id; nothing is stored on the circuit, so two runs never interfere. A number is
a float (``raw_*``; ``numpy.float64`` from ``value``/``grad``) or a read-only float64
array; a gradient always has the shape of its value. When f is an array, gradients are
those of sum(f) (``output_summed``; ``objective("f")`` is the text a label shows).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import numpy as np

from chainwire.graph.records import Wire
from chainwire.graph.shapes import Shape, Value, all_finite, same_value, shape_of

if TYPE_CHECKING:
    from chainwire.graph.plan import Plan

_ndarray = np.ndarray
_NONE: Mapping[str, str] = MappingProxyType({})


def _np(v: Value | None) -> np.float64 | np.ndarray | None:
    if v is None or isinstance(v, _ndarray):
        return v
    return np.float64(v)


class Evaluation:
    """Values and gradients of every node and wire, as computed by one run. Read-only.

    Missing numbers are None: a value is None for an undefined node; every gradient is
    None when there is no output (``no_gradient_reason`` says why).
    """

    __slots__ = ("_plan", "_vals", "_grads", "_wgrads", "_undefined", "_problems",
                 "_output", "_why", "_summed")

    def __init__(self, plan: Plan, vals: list, grads: list | None, wgrads: list | None, *,
                 undefined: Mapping[str, str] | None = None,
                 problems: Mapping[str, str] | None = None,
                 output: str | None | Literal[False] = False, why: str | None = None,
                 summed: bool = False) -> None:
        self._plan, self._vals, self._grads, self._wgrads = plan, vals, grads, wgrads
        self._undefined = plan.undefined if undefined is None else MappingProxyType(undefined)
        self._problems = _NONE if not problems else MappingProxyType(problems)
        self._output = plan.output if output is False else output
        self._why = plan.no_gradient_reason if why is None else why
        self._summed = summed

    @property
    def plan(self) -> Plan:
        """The compiled plan this run used (the next structural edit may extend it)."""
        return self._plan

    # ----- what was computed -----------------------------------------------------------
    @property
    def output(self) -> str | None:
        """The node whose gradient is 1 (None: no gradients, see ``no_gradient_reason``)."""
        return self._output

    @property
    def no_gradient_reason(self) -> str:
        return self._why

    @property
    def output_summed(self) -> bool:
        """True when f is an array: every gradient is that of sum(f) (seeded with ones)."""
        return self._summed

    def objective(self, name: str = "f") -> str:
        """What the gradients differentiate, as a label writes it: ``f`` or ``sum(f)``."""
        return f"sum({name})" if self._summed else name

    @property
    def undefined(self) -> Mapping[str, str]:
        """{node id: why it has no value}: open ports, shapes that do not fit, and
        everything downstream of those."""
        return self._undefined

    @property
    def shape_problems(self) -> Mapping[str, str]:
        """{gate id: the gate's shape refusal} for the gates whose own input shapes do not
        fit (in forward order); the root causes among ``undefined``."""
        return self._problems

    @property
    def order(self) -> tuple[str, ...]:
        """Node ids in the topological order of the forward pass."""
        return self._plan.ids

    @property
    def wires(self) -> tuple[Wire, ...]:
        return self._plan.wires

    # ----- numbers by id ---------------------------------------------------------------
    def value(self, node_id: str) -> np.float64 | np.ndarray | None:
        return _np(self._vals[self._plan.index[node_id]])

    def grad(self, node_id: str) -> np.float64 | np.ndarray | None:
        if self._grads is None:
            return None
        return _np(self._grads[self._plan.index[node_id]])

    def wire_value(self, wire: Wire) -> np.float64 | np.ndarray | None:
        return _np(self._vals[self._plan.index[wire.src]])

    def wire_grad(self, wire: Wire) -> np.float64 | np.ndarray | None:
        if self._wgrads is None:
            return None
        return _np(self._wgrads[self._plan.wire_slot(Wire(*wire))])

    def raw_value(self, node_id: str) -> Value | None:
        """The value as a plain float or array (no numpy scalar): for hot display loops."""
        return self._vals[self._plan.index[node_id]]

    def raw_grad(self, node_id: str) -> Value | None:
        return None if self._grads is None else self._grads[self._plan.index[node_id]]

    def raw_wire_grad(self, wire: Wire) -> Value | None:
        if self._wgrads is None:
            return None
        return self._wgrads[self._plan.wire_slot(wire)]

    def shape(self, node_id: str) -> Shape | None:
        """The shape of the node's value (``()`` for a float; None when undefined)."""
        v = self._vals[self._plan.index[node_id]]
        return None if v is None else shape_of(v)

    @property
    def has_arrays(self) -> bool:
        """Whether any value is an array (labels then need shapes and previews)."""
        return any(isinstance(v, _ndarray) for v in self._vals)

    # ----- comparing and scanning ------------------------------------------------------
    def changed_since(self, other: Evaluation | None
                      ) -> tuple[set[str], set[str], set[Wire]] | None:
        """What differs from ``other``: (nodes whose value changed, nodes whose gradient
        changed, wires whose gradient changed); None when the two are not comparable
        (different structure, or gradients present in one only).

        Lets a view touch only the labels whose numbers changed after a value edit.
        Arrays compare element by element (and by shape); NaN where NaN was counts as
        unchanged (the label already says NaN).
        """
        if other is None or other._plan is not self._plan or \
                (self._grads is None) != (other._grads is None):
            return None
        ids = self._plan.ids
        vals = {ids[i] for i in _differing(self._vals, other._vals)}
        if (self._grads is None or other._grads is None
                or self._wgrads is None or other._wgrads is None):  # neither has gradients
            return vals, set(), set()
        grads = {ids[i] for i in _differing(self._grads, other._grads)}
        wires = self._plan.wires
        return vals, grads, {wires[i] for i in _differing(self._wgrads, other._wgrads)}

    @property
    def first_nonfinite(self) -> str | None:
        """The first node (forward order) with a NaN or ±inf in its value: where the
        trouble began."""
        for nid, v in zip(self._plan.ids, self._vals, strict=True):
            if v is not None and not (type(v) is float and v - v == 0.0) \
                    and not all_finite(v):
                return nid
        return None

    @property
    def first_nonfinite_grad(self) -> str | None:
        """The first node, walking backward from f, with a NaN or ±inf in its gradient."""
        if self._grads is None:
            return None
        for nid, g in zip(reversed(self._plan.ids), reversed(self._grads), strict=True):
            if g is not None and not (type(g) is float and g - g == 0.0) \
                    and not all_finite(g):
                return nid
        return None


def _differing(a: list, b: list) -> list[int]:
    """Indices where two equally long lists of numbers differ (NaN equal to NaN).

    Floats are settled in one comprehension (the editor calls this on every value drag of
    a large circuit); arrays and None go through ``same_value``.
    """
    cand = [i for i, (x, y) in enumerate(zip(a, b, strict=True))
            if x is not y and (type(x) is not float or type(y) is not float
                               or (x != y and (x == x or y == y)))]
    return [i for i in cand if (type(a[i]) is float and type(b[i]) is float)
            or not same_value(a[i], b[i])]


__all__ = ["Evaluation"]
