"""The group gate: a compound gate that computes with its parts' own forward and backward.

Its constant ``c`` is the ``GroupDef`` (``graph/groups.py``). ``forward`` runs the parts in
topological order; ``backward`` seeds the output's gradient with the upstream one and runs
the parts' ``backward`` in reverse, adding up at forks exactly as the general pass does
(``graph/passes.py``: a float gradient starts at 0.0, an array one at its first term).
So every number outside the group is the expanded circuit's, bit for bit, with one
exception of order: where an outer node feeds a group through one port that forks inside
to several parts, the expanded circuit adds those parts' gradients into the node one by
one among its other terms, the group adds them first (as a sum on the port's wire); with
three or more terms the last bit may differ. ``run_parts`` also gives the inner values and
gradients, for stepping inside a group.

No scalar kernels: a plan runs circuits holding a group through its general pass. Its
staged code (``chainwire code``) is its parts' own code, composed into one expression per
wire (small groups read well; shared parts are written out where they are used).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from chainwire.graph.errors import CircuitError, coded, coded_text, text_of
from chainwire.graph.gate_base import Gate
from chainwire.graph.gate_code import number
from chainwire.graph.shapes import Shape, ShapeError, Value, freeze, shape_of

if TYPE_CHECKING:
    from chainwire.graph.groups import GroupDef


@dataclass(frozen=True)
class PartsRun:
    """One run of a group's parts: values by inner id; with an upstream gradient, the
    gradients by inner id and by inner wire ``(src, dst, port)``, and one per port."""

    values: dict[str, Value]
    grads: dict[str, Value] | None = None
    wire_grads: dict[tuple[str, str, int], Value] | None = None
    port_grads: list[Value] | None = None


def run_parts(c: GroupDef, xs: Sequence[Value], up: Value | None = None) -> PartsRun:
    """Run the parts of ``c`` on the port values ``xs``; backward too when ``up`` is given.

    Callers with arrays run it inside ``gate_math.quiet()``, as the plan's general pass
    runs every gate (inf and NaN are values, not warnings)."""
    plan = c.plan
    vals: dict[str, Any] = dict(zip(c.ports, xs, strict=True))
    vals.update(plan.constants)
    for n, gate, ins, cc in plan.steps:
        vals[n] = freeze(gate.forward([vals[i] for i in ins], cc))
    if up is None:
        return PartsRun(vals)
    ports = set(c.ports)
    grads: dict[str, Any] = {n: None if n in ports or type(v) is not float else 0.0
                             for n, v in vals.items()}
    grads[c.output] = up
    wgrads: dict[tuple[str, str, int], Any] = {}
    for n, gate, ins, cc in reversed(plan.steps):
        g_up = grads[n]
        if g_up is None:  # only a part that leads nowhere (validation refuses those)
            g_up = _zeros(vals[n])
        gs = gate.backward([vals[i] for i in ins], vals[n], g_up, cc)
        for (i, port), g in zip(plan.inputs[n], gs, strict=True):
            g = freeze(g)
            wgrads[i, n, port] = g
            acc = grads[i]
            grads[i] = g if acc is None else acc + g
    port_grads = [_zeros(x) if grads[p] is None else freeze(grads[p])
                  for p, x in zip(c.ports, xs, strict=True)]
    return PartsRun(vals, grads, wgrads, port_grads)


def part_routes(c: GroupDef, xs: Sequence[Value], kinds: frozenset[str]) -> list[bytes]:
    """For every part of a type in ``kinds`` (max, relu), nested groups included, which of
    its inputs equal its output: what the gradient check compares around a kink."""
    vals = run_parts(c, xs).values
    won: list[bytes] = []
    for n, gate, ins, cc in c.plan.steps:
        if gate.name in kinds:
            out = np.asarray(vals[n])
            won += [(np.asarray(vals[i]) == out).tobytes() for i in ins]
        elif gate.name == "group":
            won += part_routes(cc, [vals[i] for i in ins], kinds)
    return won


def _zeros(v: Value) -> Value:
    return freeze(np.zeros(v.shape)) if isinstance(v, np.ndarray) else 0.0


class Group(Gate["GroupDef"]):
    """A group node: as many ports as its definition has, the math of its parts."""

    name, title, symbol = "group", "Group", "g"
    min_inputs, max_inputs = 0, None  # the count is the definition's (circuit.port_count)
    formula = "the local gradients of its parts, chained inside"
    summary = ("A compound gate: its backward pass is its parts' backward passes, so the "
               "numbers around it are those of its parts.")

    @property
    def has_param(self) -> bool:
        """Its constant is the definition (the plan passes it to forward/backward)."""
        return True

    def display_symbol(self, c: GroupDef | None) -> str:
        return self.symbol if c is None else c.symbol

    ports_in_constant = True

    def wiring_problem(self, node_id: str, ports: Sequence[int],
                       count: int | None = None) -> str | None:
        """Every one of the definition's ports wired, as for any gate with a fixed count
        (an open port makes the group undefined, not a shape problem); without the count
        (a shape check at the gesture) there is nothing to say yet."""
        if count is None or list(ports) == list(range(count)):
            return None
        return coded_text("wrong_inputs", gate=self.name, node=node_id, most=count,
                          count=len(ports))

    def out_shape(self, shapes: Sequence[Shape], c: GroupDef | None = None) -> Shape:
        """The output's shape, found through the parts' own shape checks."""
        if c is None:
            raise coded(ShapeError, "group_needs_definition")
        if len(shapes) != len(c.ports):
            raise coded(ShapeError, "group_inputs", group=c.name, count=len(c.ports),
                        wired=len(shapes))
        plan = c.plan
        sh: dict[str, Shape] = dict(zip(c.ports, shapes, strict=True))
        for n, v in plan.constants.items():
            sh[n] = shape_of(v)
        for n, gate, ins, cc in plan.steps:
            try:
                sh[n] = gate.out_shape([sh[i] for i in ins], cc)
            except ShapeError as e:
                raise coded(ShapeError, "shape_in_group", group=c.name, part=n,
                            problem=text_of(e)) from None
        return sh[c.output]

    def forward(self, xs: Sequence[Value], c: GroupDef | None = None) -> Value:
        assert c is not None
        return run_parts(c, xs).values[c.output]

    def backward(self, xs: Sequence[Value], out: Value, up: Value,
                 c: GroupDef | None = None) -> list[Value]:
        assert c is not None
        grads = run_parts(c, xs, up).port_grads
        assert grads is not None
        return grads

    def local_grads(self, xs: Sequence[Value], out: Value,
                    c: GroupDef | None = None) -> list[Value | None]:
        """d out / d x_i for scalars (the backward pass seeded with 1); None for arrays,
        where a group's gradient need not be a factor element by element."""
        if c is None or isinstance(out, np.ndarray) or any(
                isinstance(x, np.ndarray) for x in xs):
            return [None] * len(xs)
        return list(self.backward(xs, out, 1.0, c))

    def local_name(self, port: int, names: Sequence[str], local: Value | None = None) -> str:
        """The group's derivative by that input, as a whole: ``∂/∂dot``."""
        return f"∂/∂{names[port]}"

    # ----- staged code: the parts' own, composed ---------------------------------------
    def code_forward(self, args: Sequence[str], c: GroupDef | None = None,
                     shapes: Sequence[Shape] | None = None) -> str:
        assert c is not None
        return _part_code(c, args, shapes)[0][c.output]

    def code_backward(self, args: Sequence[str], out: str, dout: str,
                      c: GroupDef | None = None,
                      shapes: Sequence[Shape] | None = None) -> list[str]:
        assert c is not None
        vals, sh = _part_code(c, args, shapes)
        vals[c.output] = out
        grads: dict[str, str] = {c.output: dout}
        for n, gate, ins, cc in reversed(c.plan.steps):
            gs = gate.code_backward([vals[i] for i in ins], vals[n], _p(grads[n]), cc,
                                    None if sh is None else [sh[i] for i in ins])
            for i, g in zip(ins, gs, strict=True):
                grads[i] = _bounded(c, g if i not in grads else f"{_p(grads[i])} + {_p(g)}")
        return [grads[p] for p in c.ports]


MAX_CODE = 20_000
"""The longest expression a group's staged code composes for one wire, in characters."""


class CodeTooLong(CircuitError, ValueError):
    """A group too large to write as one expression per wire: each part's expression
    holds its inputs', so a chain of n parts grows as n² (20,000 parts: tens of GB). A
    ValueError too, as the editor's export takes codegen's refusals."""


def _bounded(c: GroupDef, expr: str) -> str:
    if len(expr) > MAX_CODE:
        raise coded(CodeTooLong, "code_too_long", group=c.name, most=f"{MAX_CODE:,}")
    return expr


def _p(expr: str) -> str:
    return expr if expr.isidentifier() else f"({expr})"


def _part_code(c: GroupDef, args: Sequence[str], shapes: Sequence[Shape] | None
               ) -> tuple[dict[str, str], dict[str, Shape] | None]:
    """Every part's value as an expression of the port variables (and their shapes)."""
    plan = c.plan
    vals = {p: _p(a) for p, a in zip(c.ports, args, strict=True)}
    sh = None if shapes is None else dict(zip(c.ports, shapes, strict=True))
    for n, v in plan.constants.items():
        vals[n] = (f"np.array({v.tolist()!r})" if isinstance(v, np.ndarray)
                   else f"np.float64({number(v)})")
        if sh is not None:
            sh[n] = shape_of(v)
    for n, gate, ins, cc in plan.steps:
        in_shapes = None if sh is None else [sh[i] for i in ins]
        vals[n] = _p(_bounded(c, gate.code_forward([vals[i] for i in ins], cc, in_shapes)))
        if sh is not None and in_shapes is not None:
            sh[n] = gate.out_shape(in_shapes, cc)
    return vals, sh
