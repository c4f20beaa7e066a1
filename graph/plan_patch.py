"""A structural edit at the circuit's growing end, without compiling the whole plan again.

Compiling walks every node (``Circuit.topology``, then every gate): ~1 s at 100,000
gates, on the path of every structural edit. The edits made while a circuit is being
built (a node added, a wire drawn into a gate that nothing reads yet) only touch the
end of the plan's lists, so ``patched`` derives the new plan from the previous one:

- new nodes take the next slots (their wires must come from earlier slots); the last
  nodes may be removed (an undo of what was just added);
- the gates that got wires must be *sinks* (no wire out) other than the output, found
  among the last gates of the plan; those last gates are compiled again with the same
  ``plan._Builder`` that ``Plan`` uses, so every fact about a gate has one source;
- no gate that f depends on changes, so the backward pass is the previous one.

Another output f alone (``_new_output``) keeps the whole forward pass and finds only the
backward pass again (~0.05 s instead of ~0.45 s at 100,000 gates). Anything else (an
inner removal, a wire into a gate something reads) returns None and the caller compiles
from scratch (why: docs/architecture.md, "Big circuits"). A plan patched at the end has
a valid topological order but not necessarily the one a fresh compile picks; every
number is the same (tests/graph/test_plan.py compares them).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.gate_base import BINARY
from chainwire.graph.plan import GENERAL, Plan, _Builder
from chainwire.graph.records import Change

MAX_TAIL = 64
"""At most this many of the plan's last gates are compiled again (else: from scratch)."""


def patched(old: Plan, circuit: Circuit, changes: Iterable[Change]) -> Plan | None:
    """The plan for ``circuit`` after ``changes`` (made since ``old`` was compiled), or
    None when they are not edits at the growing end (see the module docstring)."""
    structural = [ch for ch in changes if ch.structural]
    if not structural or old.structure_version + len(structural) != circuit.structure_version:
        return None
    if all(ch.kind == "output_changed" for ch in structural):
        return _new_output(old, circuit)
    added: list[str] = []
    removed: set[str] = set()
    targets: set[str] = set()
    for ch in structural:
        node, wire = ch.node, ch.wire  # set for these kinds (None never is in a circuit)
        if ch.kind == "node_added" and node is not None and node in circuit \
                and node not in old.index:
            added.append(node)
        elif ch.kind == "node_removed" and node is not None and node in old.index \
                and node not in circuit:
            removed.add(node)
        elif ch.kind in ("wire_added", "wire_removed") and wire is not None:
            if wire.dst in circuit:
                targets.add(wire.dst)
            elif wire.dst not in old.index:
                return None
        else:
            return None
    kept_slots = len(old.ids) - len(removed)
    if len(set(added)) != len(added) or not removed <= set(old.ids[kept_slots:]):
        return None  # only the last nodes may go (an undo of what was just added)
    index = dict(old.index)
    for nid in removed:
        del index[nid]
    for nid in added:
        index[nid] = len(index)
    new_gates = [n for n in added if circuit.type_of(n) != "input"]
    redo = _tail(old, (targets - set(added)) | (removed - set(old.input_ids)))
    if redo is None:
        return None
    tail = [*(n for n in redo if n not in removed), *new_gates]
    out = circuit.output if circuit.output is not None else old.output
    for nid in tail:
        if nid == out or circuit.wires_out_of(nid):
            return None  # f, or a gate something reads: its change travels downstream

    first_slot = old.index[redo[0]] if redo else kept_slots
    cut = len(old._fwd)
    while cut and old._fwd[cut - 1][1] >= first_slot:
        cut -= 1
    redone = set(redo)
    kept_wires = old._n_wires - sum(len(ins) for _nid, ins in old._wired[len(old._wired)
                                                                          - len(redo):])
    b = _Builder(index, circuit.port_count, kept_wires)
    undefined = {n: r for n, r in old.undefined.items() if n not in redone}
    for nid in tail:
        ins = sorted(circuit.inputs_of(nid).items())
        if any(index[s] >= index[nid] for _p, s in ins):
            return None  # a wire from a later slot: the order must change
        b.gate(index[nid], nid, circuit.type_of(nid), ins, undefined)

    new = Plan.__new__(Plan)
    new.structure_version = circuit.structure_version
    new.ids = (*old.ids[:kept_slots], *added)
    new.index = index
    inputs = [n for n in added if n not in new_gates]
    kept = [(n, s) for n, s in zip(old.input_ids, old.input_slots, strict=True)
            if n not in removed] if removed else list(zip(old.input_ids, old.input_slots,
                                                          strict=True))
    new.input_ids = [*(n for n, _s in kept), *inputs]
    new.input_slots = [*(s for _n, s in kept), *(index[n] for n in inputs)]
    kept_params = len(old.param_ids) - sum(1 for op in old._fwd[cut:]  # the tail's go
                                           if op[0] != BINARY and op[3] != -1)
    b.param_ids[:0] = old.param_ids[:kept_params]
    _shift_params(b, kept_params)
    b.wired[:0] = old._wired[:len(old._wired) - len(redo)]
    b.fwd[:0] = old._fwd[:cut]
    b.dfs[:0] = old._dfs[:cut]
    b.wires_of[:0] = old._wires_of[:cut]
    b.op_gates[:0] = old._op_gates[:cut]
    b.into_undefined[:0] = [w for w in old._wires_into_undefined if w < kept_wires]
    undefined.update(b.undefined)
    b.undefined = undefined
    new._take(b)
    new.undefined = MappingProxyType(undefined)
    new.scalar_ready = all(op[0] != GENERAL for op in new._fwd) if not old.scalar_ready \
        else all(op[0] != GENERAL for op in new._fwd[cut:])
    new._resolve_output(circuit)
    if (new.output, new.no_gradient_reason) != (old.output, old.no_gradient_reason):
        return None
    new._bwd, new._bwd_pos = old._bwd, old._bwd_pos  # no ancestor of f changed
    if "relevant_slots" in old.__dict__:
        new.__dict__["relevant_slots"] = (old.relevant_slots[:kept_slots]
                                          + bytearray(len(added)))
    _carry_wire_tables(old, new, kept_wires)
    new.patch = Patch(weakref.ref(old), first_slot, kept_wires, kept_slots)
    new.fresh_order = False
    return new


_SAME_GRAPH = ("structure_version", "ids", "index", "input_ids", "input_slots", "_wired",
               "_n_wires", "undefined", "_undefined_slots", "param_ids",
               "_wires_into_undefined", "_fwd", "_dfs", "_wires_of", "_op_gates",
               "scalar_ready", "wires", "wire_index", "wires_at", "wire_sources")
"""What a plan keeps when only the output changed (the last four: tables built on use)."""


def _new_output(old: Plan, circuit: Circuit) -> Plan | None:
    """Another output f: the forward pass is the same; only the backward pass (f's
    ancestors, in reverse plan order) is found again. Only from a plan in a fresh
    compile's order, so the gradients are summed in that compile's order (bit for bit)."""
    if not old.fresh_order:
        return None
    new = Plan.__new__(Plan)
    for name in _SAME_GRAPH:
        if name in old.__dict__:
            new.__dict__[name] = old.__dict__[name]
    new.structure_version = circuit.structure_version
    new._resolve_output(circuit)
    gc_was_enabled = gc.isenabled()  # (as Plan: ~100,000 tuples would trigger rescans
    gc.disable()  # of every object a big circuit holds)
    try:
        new._order_backward()
    finally:
        if gc_was_enabled:
            gc.enable()
    n = len(new.ids)
    new.patch = Patch(weakref.ref(old), n, new._n_wires, n)
    return new


@dataclass(frozen=True)
class Patch:
    """How a patched plan extends the one before it: everything before slot ``new_from``
    and wire ``kept_wires`` is as it was there (an evaluation may be carried over)."""

    base: weakref.ref
    new_from: int
    kept_wires: int
    kept_slots: int  # the old plan's first slots, same nodes in both (the rest went)


def _tail(old: Plan, targets: set[str]) -> list[str] | None:
    """The plan's last gates, back to the earliest of ``targets`` (in plan order), or
    None if some target is not among the last MAX_TAIL gates."""
    if not targets:
        return []
    left = set(targets)
    wired = old._wired
    for back in range(1, min(MAX_TAIL, len(wired)) + 1):
        left.discard(wired[-back][0])
        if not left:
            return [nid for nid, _ins in wired[-back:]]
    return None


def _shift_params(b: _Builder, kept: int) -> None:
    """The builder numbered the re-compiled gates' constants from 0: move them after
    the ``kept`` constants of the gates before them."""
    if not kept:
        return
    for i, op in enumerate(b.fwd):
        if op[0] != BINARY and op[3] != -1:  # the gate has a constant
            b.fwd[i] = (*op[:3], op[3] + kept, op[4])


def _carry_wire_tables(old: Plan, new: Plan, kept: int) -> None:
    """Wire tables the old plan had built are extended, not built again (100,000 wires
    take ~0.5 s to index from scratch)."""
    first = _first_after(new, kept)
    if "wires_at" in old.__dict__:
        table = dict(old.wires_at)
        at = kept
        for nid, ins in new._wired[first:]:
            table[nid] = (at, ins)
            at += len(ins)
        new.__dict__["wires_at"] = table
    if "wires" not in old.__dict__:
        return
    tail = tuple([Wire(s, nid, p) for nid, ins in new._wired[first:] for p, s in ins])
    new.__dict__["wires"] = old.wires[:kept] + tail
    if "wire_index" in old.__dict__:
        slot_of = dict(old.wire_index)
        for w in old.wires[kept:]:
            del slot_of[w]
        slot_of.update((w, kept + i) for i, w in enumerate(tail))
        new.__dict__["wire_index"] = slot_of
    if "wire_sources" in old.__dict__:
        new.__dict__["wire_sources"] = old.wire_sources[:kept] + [new.index[w.src]
                                                                   for w in tail]


def _first_after(plan: Plan, kept: int) -> int:
    """The position in ``plan._wired`` of the first gate whose wires start at ``kept``."""
    n, i = plan._n_wires, len(plan._wired)
    while n > kept:
        i -= 1
        n -= len(plan._wired[i][1])
    return i
