"""A circuit's structure compiled once per structural change, for fast repeated evaluation.

networkx is the model (structure, validation, topological order); evaluating runs on a
``Plan``: a flat list of operations in topological order, each holding slot indices and
the two functions its gate is written with (``Gate.scalar_kernels``), bound here once.
A plain Python loop over such a list is several times faster than walking the graph (or
micrograd's objects), and re-running it after a value change costs no recompilation.
The passes themselves are in ``graph/passes.py``.

Structural problems (an open port, a gate fed by such a gate) are known here and make a
node *undefined*; shape problems depend on the values and are found by each run.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, SupportsFloat

import numpy as np

from chainwire.graph import passes
from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.errors import coded_text
from chainwire.graph.evaluation import Evaluation
from chainwire.graph.gate_base import BINARY, NARY, UNARY, Gate
from chainwire.graph.gates import GATES
from chainwire.graph.shapes import Value, freeze

if TYPE_CHECKING:
    from chainwire.graph.plan_patch import Patch

GENERAL = 3
"""An operation with no scalar kernel (matmul): only the general pass can run it."""


@dataclass(frozen=True)
class _Op:
    """One gate operation, in the plan's terms (for tests and tools, not the hot loop)."""

    slot: int
    gate: Gate
    ins: tuple[int, ...]  # source slots in port order
    wires: tuple[int, ...]  # wire indices, parallel to ``ins``
    param: int  # index into the parameter list, or -1

    @property
    def unary(self) -> bool:
        return self.gate.unary


class Plan:
    """A circuit's structure compiled for fast repeated evaluation.

    Build it with ``plan = Plan(circuit)``; run it with ``plan.run(*plan.gather(circuit))``.
    It stays valid until the circuit's ``structure_version`` changes.

    A forward operation is ``(kind, slot, a, b, f)``, a backward one ``(kind, slot, a, b,
    df, w)``: for UNARY ``a`` is the source slot, ``b`` the parameter index and ``w`` the
    wire index; for BINARY ``a``/``b`` are the two source slots and ``w`` the wire pair;
    for NARY and GENERAL ``a`` is the tuple of source slots, ``b`` the parameter index
    and ``w`` the wire tuple. Parameter index -1 reads the None appended to the parameters
    (gates without one). Short tuples: unpacking them is a visible part of the loop.

    Compiling is one pass over ``Circuit.topology()`` with plain lists and dicts (no
    networkx traversal): it is on the path of every structural edit and of opening a file.
    """

    patch: Patch | None = None
    """A ``plan_patch.Patch`` when this plan was derived from the previous one."""
    fresh_order: bool = True
    """Whether the slots are in the order a fresh compile of the same graph picks
    (``Circuit.topology``'s); a plan patched at the growing end appends instead."""

    def __init__(self, circuit: Circuit) -> None:
        # Compiling allocates a few objects per gate, none of them cyclic; with a large
        # circuit alive the cyclic GC would rescan it several times meanwhile (~40% of
        # the compile time at 100,000 gates), so it is paused for the duration.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._compile(circuit)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _compile(self, circuit: Circuit) -> None:
        self.structure_version = circuit.structure_version
        order, types, inputs = circuit.topology()
        self.ids: tuple[str, ...] = tuple(order)
        index = self.index = {n: i for i, n in enumerate(order)}
        b = _Builder(index, circuit.port_count)
        gate = b.gate
        input_ids: list[str] = []
        input_slots: list[int] = []
        for slot, nid in enumerate(order):
            t = types[slot]
            if t == "input":
                input_ids.append(nid)
                input_slots.append(slot)
            else:
                gate(slot, nid, t, inputs[slot])
        self.input_ids = input_ids
        self.input_slots = input_slots
        self._take(b)
        self.scalar_ready = all(op[0] != GENERAL for op in b.fwd)
        """Whether an all-scalar run may take the fast pass (no matmul in the circuit)."""
        self._resolve_output(circuit)
        self._order_backward()

    def _order_backward(self) -> None:
        """The backward pass visits only the output's ancestors: walking the forward list
        in reverse, a gate is relevant if it is the output or feeds a relevant gate."""
        fwd, dfs, wires_of = self._fwd, self._dfs, self._wires_of
        bwd: list[tuple] = []
        bwd_pos: list[int] = []
        out = self.output
        if out is not None:
            relevant = bytearray(len(self.ids))
            relevant[self.index[out]] = 1
            for i in range(len(fwd) - 1, -1, -1):
                k, slot, a, b_, _f = fwd[i]
                if not relevant[slot]:
                    continue
                if k == UNARY:  # (``_sources``, inlined: this runs once per gate)
                    relevant[a] = 1
                elif k == BINARY:
                    relevant[a] = relevant[b_] = 1
                else:
                    for j in a:
                        relevant[j] = 1
                bwd.append((k, slot, a, b_, dfs[i], wires_of[i]))
                bwd_pos.append(i)
        self._bwd = bwd
        self._bwd_pos = bwd_pos

    def _take(self, b: _Builder) -> None:
        """The gate operations a builder compiled become this plan's."""
        self._wired = b.wired
        self._n_wires = b.n_wires
        self.undefined: Mapping[str, str] = MappingProxyType(b.undefined)
        self._undefined_slots = [self.index[n] for n in b.undefined]
        self.param_ids = b.param_ids
        self._wires_into_undefined = b.into_undefined
        self._fwd = b.fwd
        self._dfs = b.dfs  # parallel to _fwd: each op's local-derivative kernel
        self._wires_of = b.wires_of
        self._op_gates = b.op_gates

    def _resolve_output(self, circuit: Circuit) -> None:
        out, why = circuit.resolved_output()
        if out is not None and out in self.undefined:
            why = coded_text("output_undefined", node=out, why=self.undefined[out])
            out = None
        self.output: str | None = out
        self.no_gradient_reason: str = why

    @cached_property
    def wires(self) -> tuple[Wire, ...]:
        """Every wire, ordered by (target's position in ``ids``, port): wire i is slot i.

        Built on first use, not while compiling: many evaluations (a value being
        dragged, the CLI without --json) never look at a wire by name.
        """
        new = tuple.__new__
        return tuple([new(Wire, (s, nid, p)) for nid, ins in self._wired for p, s in ins])

    @cached_property
    def relevant_slots(self) -> bytearray:
        """1 at the slot of every gate the backward pass visits (f and its ancestors)."""
        relevant = bytearray(len(self.ids))
        for op in self._bwd:
            relevant[op[1]] = 1
        return relevant

    @cached_property
    def wire_index(self) -> dict[Wire, int]:
        """{wire: its slot in the wire lists}."""
        return {w: i for i, w in enumerate(self.wires)}

    @cached_property
    def wires_at(self) -> dict[str, tuple[int, Sequence[tuple[int, str]]]]:
        """{gate: (its first wire's index, its (port, source) inputs)}: finding one wire
        without building ``wire_index`` (~0.5 s at 100,000 gates, for a few labels)."""
        out, w = {}, 0
        for nid, ins in self._wired:
            out[nid] = (w, ins)
            w += len(ins)
        return out

    def wire_slot(self, wire: Wire) -> int:
        """The index of ``wire`` in the wire lists (KeyError: no such wire)."""
        if "wire_index" in self.__dict__:
            return self.wire_index[wire]
        w0, ins = self.wires_at[wire[1]]
        for i, (port, src) in enumerate(ins):
            if port == wire[2] and src == wire[0]:
                return w0 + i
        raise KeyError(wire)

    @cached_property
    def wire_sources(self) -> list[int]:
        """The source slot of every wire, in wire order."""
        index = self.index
        return [index[s] for _nid, ins in self._wired for _p, s in ins]

    @property
    def forward_ops(self) -> tuple[_Op, ...]:
        """The gate operations in forward order (inputs and undefined nodes excluded)."""
        return tuple(_op(t, w, g) for t, w, g in zip(self._fwd, self._wires_of, self._op_gates,
                                                      strict=True))

    @property
    def backward_ops(self) -> tuple[_Op, ...]:
        """The operations the backward pass runs, in its order (the output's ancestors)."""
        return tuple(_op(self._fwd[i], self._wires_of[i], self._op_gates[i])
                     for i in self._bwd_pos)

    def gather(self, circuit: Circuit) -> tuple[list[Value], list[Any]]:
        """The current input values and gate constants (floats; a group's definition), in
        plan order."""
        return circuit.values_of(self.input_ids), circuit.values_of(self.param_ids, "param")

    def run(self, inputs: list, params: list[float]) -> Evaluation:
        """Forward then backward pass; returns a fresh Evaluation.

        Inputs are floats or arrays (anything else numeric is made a float). With only
        floats and no matmul, the scalar pass runs the gates' kernels on plain floats;
        otherwise the general pass checks shapes and calls ``forward``/``backward``.
        """
        inputs = [v if type(v) is float else _as_input(v) for v in inputs]
        scalar = self.scalar_ready and not any(isinstance(v, np.ndarray) for v in inputs)
        return self._guarded(passes.run_scalar if scalar else passes.run_general,
                             inputs, params)

    def rerun(self, prev: Evaluation, inputs: list[float], params: list[float],
              dirty: set[int], new_from: int, kept_wires: int,
              kept_slots: int) -> Evaluation:
        """The scalar pass again from ``prev``'s numbers (see ``passes.rerun_scalar``)."""
        return self._guarded(lambda plan, i, p: passes.rerun_scalar(
            plan, prev, i, p, dirty, new_from, kept_wires, kept_slots), inputs, params)

    def run_general(self, inputs: list, params: list[float]) -> Evaluation:
        """The general pass whatever the values (tests check both passes agree)."""
        return self._guarded(passes.run_general, [_as_input(v) for v in inputs], params)

    def _guarded(self, run, inputs: list, params: list[float]) -> Evaluation:
        # The pass creates no reference cycles, but its lists would trigger collections
        # that rescan every object the process holds (a big circuit's graph): pause them.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return run(self, inputs, params)
        finally:
            if gc_was_enabled:
                gc.enable()


class _Builder:
    """The lists a plan is compiled into, filled gate by gate in topological order (by
    ``Plan`` from scratch, by ``plan_patch`` for the gates it compiles again)."""

    def __init__(self, index: Mapping[str, int], port_count: Callable[[str], int],
                 n_wires: int = 0) -> None:
        self.index = index
        self.port_count = port_count  # asked only for gates whose count is their constant's
        self.n_wires = n_wires
        self.wired: list[tuple[str, Sequence[tuple[int, str]]]] = []  # (gate, [(port, src)])
        self.undefined: dict[str, str] = {}
        self.into_undefined: list[int] = []
        self.param_ids: list[str] = []
        self.fwd: list[tuple] = []
        self.dfs: list = []  # parallel to fwd: each op's local-derivative kernel
        self.wires_of: list = []  # parallel to fwd: each op's wire index (unary) or tuple
        self.op_gates: list[Gate] = []
        self.kernels: dict[tuple[str, int], tuple] = {}  # (type, inputs) -> see _kernels

    def gate(self, slot: int, nid: str, t: str, ins: Sequence[tuple[int, str]],
             undefined_elsewhere: Mapping[str, str] | None = None) -> None:
        """Compile one gate whose sources all have smaller slots."""
        n = len(ins)
        w0 = self.n_wires
        self.n_wires = w1 = w0 + n
        self.wired.append((nid, ins))
        spec = self.kernels.get((t, n))
        if spec is None:
            spec = self.kernels[t, n] = _kernels(GATES[t], n)
        gate, kind, f, df, most, least = spec
        if gate.ports_in_constant:
            reason = gate.wiring_problem(nid, [p for p, _s in ins], self.port_count(nid))
        elif (most == 1 and n == 1 and ins[0][0] == 0) or (most is None and n >= least):
            reason = None  # the common cases, without building the list of ports
        else:
            reason = gate.wiring_problem(nid, [p for p, _s in ins])
        undefined = self.undefined
        if reason is None and (undefined or undefined_elsewhere):  # (mostly neither)
            for _p, s in ins:
                if s in undefined or (undefined_elsewhere is not None
                                      and s in undefined_elsewhere):
                    reason = coded_text("depends_on_undefined", node=nid, source=s)
                    break
        if reason is not None:
            self.undefined[nid] = reason
            self.into_undefined.extend(range(w0, w1))
            return
        p = -1
        if gate.has_param:
            p = len(self.param_ids)
            self.param_ids.append(nid)
        index = self.index
        if kind == UNARY:
            self.fwd.append((UNARY, slot, index[ins[0][1]], p, f))
            self.wires_of.append(w0)
        elif kind == BINARY:
            self.fwd.append((BINARY, slot, index[ins[0][1]], index[ins[1][1]], f))
            self.wires_of.append((w0, w0 + 1))
        else:
            self.fwd.append((kind, slot, tuple([index[s] for _p, s in ins]), p, f))
            self.wires_of.append(tuple(range(w0, w1)))
        self.dfs.append(df)
        self.op_gates.append(gate)


def _as_input(v: SupportsFloat) -> float | np.ndarray:
    """A run's input as the passes take it: a float, or a read-only float64 array (a
    copy when the caller's array is writable, so running never freezes their array)."""
    if isinstance(v, np.ndarray) and v.ndim:
        if v.flags.writeable or v.dtype != np.float64:
            v = np.array(v, dtype=np.float64)
        return freeze(v)
    return float(v)


def _kernels(gate: Gate, n: int) -> tuple:
    """(gate, kind, f, df, max inputs, min inputs) for a gate with ``n`` inputs; the kind
    is GENERAL when the gate has no scalar kernels."""
    k = gate.scalar_kernels(n) if n >= gate.min_inputs else None
    if k is None or (gate.has_param and k[0] != UNARY):  # only unary kernels take a constant
        return (gate, GENERAL, None, None, gate.max_inputs, gate.min_inputs)
    return (gate, *k, gate.max_inputs, gate.min_inputs)


def _sources(op: tuple) -> tuple[int, ...]:
    k, _slot, a, b = op[:4]
    if k == UNARY:
        return (a,)
    if k == BINARY:
        return (a, b)
    return a


def _op(t: tuple, w: int | tuple[int, ...], gate: Gate) -> _Op:
    k, slot, _a, b, _f = t
    ins = _sources(t)
    wires = (w,) if isinstance(w, int) else tuple(w)  # an int for a unary op (k)
    return _Op(slot, gate, ins, wires, -1 if k == BINARY else b)


__all__ = ["BINARY", "GENERAL", "NARY", "UNARY", "Plan"]
