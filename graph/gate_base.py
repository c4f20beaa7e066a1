"""The gate contract: one class holds a gate's math and everything the UI says about it.

A gate defines ``out_shape`` (the shape check), ``forward(xs, c)`` and ``backward(xs, out,
up, c)``, the vector-Jacobian product: given the upstream gradient ``up`` (shaped like
``out``) it returns one gradient per input, each shaped like that input. ``xs`` is always
the sequence of input values in port order and ``c`` the gate's constant (None when it
has none). Element-wise gates only define their local derivative; ``backward`` is then
local × upstream, summed over the axes broadcasting stretched (``unbroadcast``).

The same class writes its staged code (``graph/codegen.py``, ``chainwire code``):
``code_forward(args, c)`` is the forward pass as a numpy expression of the input variables,
``code_backward(args, out, dout, c, shapes)`` one gradient expression per input; an
element-wise gate writes only its local derivative (``code_local``, or the ``code_f`` and
``code_df`` templates of a unary gate) and inherits the chain rule and the broadcasting.

The evaluator's scalar fast path calls the very functions a gate is written with, bound
once per plan (``scalar_kernels``); the step-through, the inspector and the overlays read
the class attributes and the ``local_name``/``grad_text`` methods. No other module holds
per-gate math or per-gate tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import numpy as np

from chainwire.graph.errors import coded_text
from chainwire.graph.gate_code import number, times, unbroadcast_code
from chainwire.graph.gate_math import quiet
from chainwire.graph.shapes import (
    Shape,
    Value,
    broadcast_shape,
    shape_of,
    shape_text,
    unbroadcast,
)

UNARY, BINARY, NARY = 0, 1, 2
"""Kernel kinds: ``f(x, c)``/``df(x, y, c)``; ``f(a, b)``/``df(a, b, y) -> (da, db)``;
``f(xs)``/``df(xs, y) -> [dx...]``. ``df`` returns local derivatives (× upstream later)."""

Kernels = tuple[int, Callable, Callable]


def format_constant(c: float) -> str:
    """Short text for a gate constant: 2 not 2.0, -1 not -1.0, 0.5 stays."""
    if c == int(c) and abs(c) < 1e15:
        return str(int(c))
    return f"{c:g}"


def _arrays(xs: Sequence) -> bool:
    return any(isinstance(x, np.ndarray) for x in xs)


C = TypeVar("C")
"""A gate's constant: a float (scale's c, pow's p) for plain gates, a group's definition."""


class Gate(Generic[C]):
    """A gate type. Subclasses set the class attributes and define the math.

    Text attributes: ``title`` and ``symbol`` (palette, node), ``formula`` (the inspector's
    local gradient), ``summary`` (the notes' words), ``pattern`` and ``glyph`` (the
    patterns overlay: "+ distributes"), ``local_text`` (the symbolic local gradient in a
    chain-rule callout).
    """

    name: str = ""
    title: str = ""
    symbol: str = ""
    min_inputs: int = 1
    max_inputs: int | None = 1  # None: any number (up to circuit.MAX_PORTS)
    param_default: float | None = None  # None: the gate has no parameter
    formula: str = ""
    summary: str = ""
    pattern: str = ""  # what it does to the gradient in one word, or ""
    glyph: str = ""  # the overlay's mark beside the pattern ("" = the symbol)
    local_text: str = "∂"
    elementwise: bool = False
    parts: tuple[tuple[str, float | None], ...] = ()
    """A chain of plain gates computing the same function, first to last, each as
    ``(type, constant)`` (sigmoid: scale(−1), exp, offset(+1), reciprocal): what Expand
    turns the gate into and what Collapse recognises (``graph/groups.py``). () = none."""

    @property
    def unary(self) -> bool:
        """One input on port 0 (older callers ask this instead of ``max_inputs``)."""
        return self.max_inputs == 1

    @property
    def has_param(self) -> bool:
        return self.param_default is not None

    @property
    def pattern_glyph(self) -> str:
        return self.glyph or self.symbol

    ports_in_constant = False
    """Whether the port count is the node's constant's (a group's definition), not the
    class's: the plan then passes ``count`` (``circuit.port_count``) to ``wiring_problem``."""

    def wiring_problem(self, node_id: str, ports: Sequence[int],
                       count: int | None = None) -> str | None:
        """Why this gate cannot compute with inputs on ``ports`` (sorted), or None.

        ``count`` is the node's port count, given for gates with ``ports_in_constant``."""
        n, most = len(ports), self.max_inputs
        if most == 1:
            if not ports or ports[0] != 0:
                return coded_text("no_input_wired", gate=self.name, node=node_id)
        elif most is None:
            if n < self.min_inputs:
                return coded_text("too_few_inputs", gate=self.name, node=node_id,
                                  least=self.min_inputs, count=n)
        elif list(ports) != list(range(most)):
            extra = [p for p in ports if p >= most]
            if extra:
                return coded_text("gate_port_extra", gate=self.name, node=node_id,
                                  port=extra[0])
            return coded_text("wrong_inputs", gate=self.name, node=node_id, most=most, count=n)
        return None

    # ----- the math ---------------------------------------------------------------------
    def out_shape(self, shapes: Sequence[Shape], c: C | None = None) -> Shape:
        """The output's shape for inputs of these shapes, or a ShapeError naming them."""
        raise NotImplementedError

    def forward(self, xs: Sequence[Value], c: C | None = None) -> Value:
        raise NotImplementedError

    def backward(self, xs: Sequence[Value], out: Value, up: Value,
                 c: C | None = None) -> list[Value]:
        """The gradient for each input, given the gradient ``up`` arriving at the output."""
        raise NotImplementedError

    def local_grads(self, xs: Sequence[Value], out: Value,
                    c: C | None = None) -> Sequence[Value | None]:
        """d out / d x_i element by element; None where the gate has no such thing
        (matmul's gradient is a product of matrices, not a local factor)."""
        return [None] * len(xs)

    def scalar_kernels(self, n: int) -> Kernels | None:
        """(kind, f, df) for ``n`` scalar inputs: what the fast path binds, or None."""
        return None

    def local(self, x, out: Value, c: C | None = None):
        """The older calling convention: a unary gate takes and gives one value, an
        n-ary gate a list. Kept for callers not yet on ``local_grads``/``backward``."""
        if self.unary:
            return self.local_grads([x], out, c)[0]
        return self.local_grads(x, out, c)

    # ----- staged code (graph/codegen.py) ---------------------------------------------------
    def code_forward(self, args: Sequence[str], c: C | None = None,
                     shapes: Sequence[Shape] | None = None) -> str:
        """The forward pass as a numpy expression of the input variables ``args``
        (``shapes``: theirs, when the code depends on them)."""
        raise NotImplementedError(f"{self.name} has no forward code")

    def code_backward(self, args: Sequence[str], out: str, dout: str, c: C | None = None,
                      shapes: Sequence[Shape] | None = None) -> list[str]:
        """Per input, a numpy expression of the gradient on its wire (shaped like that
        input), given the variables of the inputs, of the output and of its gradient;
        ``shapes`` are the inputs' shapes (None: all alike)."""
        raise NotImplementedError(f"{self.name} has no backward code")

    # ----- what the UI says ----------------------------------------------------------------
    def display_symbol(self, c: C | None) -> str:
        """The symbol drawn on the node; parameterised gates show their constant."""
        return self.symbol

    def local_name(self, port: int, names: Sequence[str], local: Value | None = None) -> str:
        """The local gradient for ``port``, written symbolically (``names``: the inputs)."""
        return self.local_text

    def grad_text(self, port: int, names: Sequence[str], out_name: str = "f") -> str:
        """The chain rule for the wire into ``port``: ``dx = σ(1−σ) · ds``."""
        return coded_text("callout_rule", port=names[port], local=self.local_name(port, names),
                          out=out_name)

    def grad_shapes(self, port: int, shapes: Sequence[Shape], out_shape: Shape) -> str:
        """``grad_text`` in shapes, for a callout on arrays: element-wise, the local
        gradient and the upstream one have the output's shape; where broadcasting
        stretched the input, the product is summed back (Σ) to the input's shape."""
        same = tuple(shapes[port]) == tuple(out_shape)
        return coded_text("callout_elementwise" if same else "callout_summed",
                          shape=shape_text(shapes[port]), out=shape_text(out_shape))

    def __repr__(self) -> str:
        return f"<gate {self.name}>"


class Elementwise(Gate[float]):
    """A gate applied element by element, with numpy broadcasting between its inputs.

    ``backward`` is local × upstream for each input, summed back to the input's shape.
    """

    elementwise = True

    def out_shape(self, shapes: Sequence[Shape], c: float | None = None) -> Shape:
        return broadcast_shape(self.name, shapes)

    def forward(self, xs: Sequence[Value], c: float | None = None) -> Value:
        if _arrays(xs):
            with quiet():
                return self._forward(xs, c)
        return self._forward(xs, c)

    def backward(self, xs: Sequence[Value], out: Value, up: Value,
                 c: float | None = None) -> list[Value]:
        if not (_arrays(xs) or _arrays((up,))):
            return [g * up for g in self.local_grads(xs, out, c)]
        with quiet():
            return [unbroadcast(g * up, shape_of(x))
                    for g, x in zip(self.local_grads(xs, out, c), xs, strict=True)]

    def _forward(self, xs: Sequence[Value], c: float | None) -> Value:
        raise NotImplementedError

    def local_grads(self, xs: Sequence[Value], out: Value,
                    c: float | None = None) -> Sequence[Value]:
        """An element-wise gate has a local derivative for every input, never None."""
        raise NotImplementedError

    def code_local(self, args: Sequence[str], out: str, c: float | None = None) -> list[str]:
        """Per input, its local derivative as a numpy expression that ``* upstream`` may
        follow (a product, or parenthesised); "1" when it is 1."""
        raise NotImplementedError(f"{self.name} has no backward code")

    def code_backward(self, args: Sequence[str], out: str, dout: str, c: float | None = None,
                      shapes: Sequence[Shape] | None = None) -> list[str]:
        """local × upstream per input, summed back over the broadcast axes, as ``backward``."""
        locals_ = self.code_local(args, out, c)
        if shapes is None:
            return [times(g, dout) for g in locals_]
        out_shape = self.out_shape(shapes, c)
        return [unbroadcast_code(times(g, dout), s, out_shape)
                for g, s in zip(locals_, shapes, strict=True)]


class UnaryElementwise(Elementwise):
    """One input. Subclasses define ``f(x, c)`` and ``df(x, y, c)`` as staticmethods
    that take floats and arrays alike: the fast path calls them as they are."""

    f: Callable
    df: Callable
    code_f: str = ""  # f as numpy code of {x} and the constant {c}: "np.exp({x})"
    code_df: str = ""  # df as numpy code of {x}, the output {y} and {c}: "{y}"

    def _forward(self, xs: Sequence[Value], c: float | None) -> Value:
        return self.f(xs[0], c)

    def code_forward(self, args: Sequence[str], c: float | None = None,
                     shapes: Sequence[Shape] | None = None) -> str:
        return self.code_f.format(x=args[0], c=number(c))

    def code_local(self, args: Sequence[str], out: str, c: float | None = None) -> list[str]:
        return [self.code_df.format(x=args[0], y=out, c=number(c))]

    def local_grads(self, xs: Sequence[Value], out: Value,
                    c: float | None = None) -> list[Value]:
        return [self.df(xs[0], out, c)]

    def scalar_kernels(self, n: int) -> Kernels:
        return UNARY, self.f, self.df


class NaryElementwise(Elementwise):
    """Two or more inputs. Subclasses define ``f2(a, b)``/``df2(a, b, y)`` for exactly two
    and ``fn(xs)``/``dfn(xs, y)`` for any number (floats and arrays alike)."""

    min_inputs, max_inputs = 2, None
    f2: Callable
    df2: Callable
    fn: Callable
    dfn: Callable
    # Optional float-only versions of the same functions for the fast path, where the
    # generic ones spend time checking for arrays among the inputs (None: use those).
    f2_scalar: Callable | None = None
    df2_scalar: Callable | None = None
    fn_scalar: Callable | None = None
    dfn_scalar: Callable | None = None

    def _forward(self, xs: Sequence[Value], c: float | None) -> Value:
        return self.f2(xs[0], xs[1]) if len(xs) == 2 else self.fn(xs)

    def local_grads(self, xs: Sequence[Value], out: Value,
                    c: float | None = None) -> list[Value]:
        if len(xs) == 2:
            return list(self.df2(xs[0], xs[1], out))
        return list(self.dfn(xs, out))

    def scalar_kernels(self, n: int) -> Kernels:
        if n == 2:
            return BINARY, self.f2_scalar or self.f2, self.df2_scalar or self.df2
        return NARY, self.fn_scalar or self.fn, self.dfn_scalar or self.dfn
