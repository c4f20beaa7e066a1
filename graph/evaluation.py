"""One run's results: values and gradients of every node and wire, read-only.

An ``Evaluation`` holds flat tuples indexed like its ``Plan`` (see ``graph/evaluate.py``)
and answers by id; nothing is stored on the circuit, so two runs never interfere.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from chainwire.graph.records import Wire

if TYPE_CHECKING:
    from chainwire.graph.evaluate import Plan


def _np(v: float | None) -> np.float64 | None:
    return None if v is None else np.float64(v)


class Evaluation:
    """Values and gradients of every node and wire, as computed by one run. Read-only.

    Missing numbers are None: a value is None for an undefined node; every gradient is
    None when there is no output (``no_gradient_reason`` says why).
    """

    __slots__ = ("_plan", "_vals", "_grads", "_wgrads")

    def __init__(self, plan: Plan, vals: tuple, grads: tuple | None, wgrads: tuple | None):
        self._plan, self._vals, self._grads, self._wgrads = plan, vals, grads, wgrads

    @property
    def output(self) -> str | None:
        """The node whose gradient is 1 (None: no gradients, see ``no_gradient_reason``)."""
        return self._plan.output

    @property
    def no_gradient_reason(self) -> str:
        return self._plan.no_gradient_reason

    @property
    def undefined(self) -> Mapping[str, str]:
        """{node id: why it has no value} for the nodes a half-built circuit cannot compute."""
        return self._plan.undefined

    @property
    def order(self) -> tuple[str, ...]:
        """Node ids in the topological order of the forward pass."""
        return self._plan.ids

    @property
    def wires(self) -> tuple[Wire, ...]:
        return self._plan.wires

    def value(self, node_id: str) -> np.float64 | None:
        return _np(self._vals[self._plan.index[node_id]])

    def grad(self, node_id: str) -> np.float64 | None:
        if self._grads is None:
            return None
        return _np(self._grads[self._plan.index[node_id]])

    def wire_value(self, wire: Wire) -> np.float64 | None:
        return _np(self._vals[self._plan.index[wire.src]])

    def wire_grad(self, wire: Wire) -> np.float64 | None:
        if self._wgrads is None:
            return None
        return _np(self._wgrads[self._plan.wire_index[Wire(*wire)]])

    def raw_value(self, node_id: str) -> float | None:
        """The value as a plain float (no numpy wrapper): for hot display loops."""
        return self._vals[self._plan.index[node_id]]

    def raw_grad(self, node_id: str) -> float | None:
        return None if self._grads is None else self._grads[self._plan.index[node_id]]

    def raw_wire_grad(self, wire: Wire) -> float | None:
        if self._wgrads is None:
            return None
        return self._wgrads[self._plan.wire_index[wire]]

    def changed_since(self, other: Evaluation | None
                      ) -> tuple[set[str], set[str], set[Wire]] | None:
        """What differs from ``other``: (nodes whose value changed, nodes whose gradient
        changed, wires whose gradient changed); None when the two are not comparable
        (different structure, or gradients present in one only).

        Lets a view touch only the labels whose numbers changed after a value edit.
        NaN compares unequal to itself, so NaN entries always count as changed.
        """
        if other is None or other._plan is not self._plan or \
                (self._grads is None) != (other._grads is None):
            return None
        ids = self._plan.ids
        vals = {ids[i] for i in _differing(self._vals, other._vals)}
        if self._grads is None:
            return vals, set(), set()
        grads = {ids[i] for i in _differing(self._grads, other._grads)}
        wires = self._plan.wires
        return vals, grads, {wires[i] for i in _differing(self._wgrads, other._wgrads)}

    @property
    def first_nonfinite(self) -> str | None:
        """The first node (forward order) whose value is NaN or ±inf: where the trouble began."""
        for nid, v in zip(self._plan.ids, self._vals, strict=True):
            if v is not None and not math.isfinite(v):
                return nid
        return None

    @property
    def first_nonfinite_grad(self) -> str | None:
        """The first node, walking backward from f, whose gradient is NaN or ±inf."""
        if self._grads is None:
            return None
        for nid, g in zip(reversed(self._plan.ids), reversed(self._grads), strict=True):
            if g is not None and not math.isfinite(g):
                return nid
        return None


def _differing(a: tuple, b: tuple) -> list[int]:
    """Indices where two equally long tuples differ (NaN always differs)."""
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
