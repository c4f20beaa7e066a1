"""The gates that change shape: matmul, sum and transpose (the notes' vectorized gradients).

Their backward pass is a vector-Jacobian product, not a local factor: for D = W·X the
gradients are dW = dD·Xᵀ and dX = Wᵀ·dD, and, as the notes advise, the shapes say which
product to take. On scalars ``sum`` and ``transpose`` are the identity (their fast-path
kernels say so); ``matmul`` needs vectors or matrices.

>>> import numpy as np
>>> W, X = np.arange(6.0).reshape(2, 3), np.ones((3, 2))
>>> dW, dX = Matmul().backward([W, X], W @ X, np.ones((2, 2)))
>>> dW.shape, dX.shape
((2, 3), (3, 2))
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from chainwire.graph.errors import coded, coded_text
from chainwire.graph.gate_base import UNARY, Gate, Kernels
from chainwire.graph.gate_math import quiet
from chainwire.graph.shapes import Shape, ShapeError, Value, check_size, shape_text

__all__ = ["Matmul", "Sum", "Transpose"]


def _same(x: Value, c: float | None = None) -> Value:
    return x


def _one(x: Value, y: Value, c: float | None = None) -> float:
    return 1.0


class Matmul(Gate[float]):
    """A·B with numpy's rules: a vector on the left is a row, on the right a column, and
    the axis it gained is dropped again from the result."""

    name, title, symbol = "matmul", "Matrix multiply", "@"
    min_inputs, max_inputs = 2, 2
    formula = "dA = dD·Bᵀ,  dB = Aᵀ·dD"
    summary = ("Let the shapes tell you: dW = dD·Xᵀ has W's shape, dX = Wᵀ·dD has X's.")

    def out_shape(self, shapes: Sequence[Shape], c: float | None = None) -> Shape:
        a, b = shapes
        if not a or not b:
            raise coded(ShapeError, "matmul_not_arrays", gate=self.name, a=shape_text(a),
                        b=shape_text(b))
        inner = a[-1]
        if b[0] != inner:
            want = f"({inner}×k)" if len(b) == 2 else f"({inner})"
            raise coded(ShapeError, "matmul_inner", gate=self.name, a=shape_text(a),
                        want=want, b=shape_text(b))
        shape = a[:-1] + b[1:]
        check_size(self.name, shape)
        return shape

    def forward(self, xs: Sequence[Value], c: float | None = None) -> Value:
        with quiet():
            out = np.matmul(xs[0], xs[1])
        # a vector · a vector is a number: a Python float, as every scalar wire carries
        return float(out) if np.ndim(out) == 0 else out

    def backward(self, xs: Sequence[Value], out: Value, up: Value,
                 c: float | None = None) -> list[Value]:
        a, b = np.asarray(xs[0]), np.asarray(xs[1])  # out_shape refused scalars: arrays
        a2 = a.reshape(1, -1) if a.ndim == 1 else a  # a vector on the left: a row
        b2 = b.reshape(-1, 1) if b.ndim == 1 else b  # on the right: a column
        d2 = np.reshape(up, (a2.shape[0], b2.shape[1]))
        with quiet():
            da = (d2 @ b2.T).reshape(a.shape)
            db = (a2.T @ d2).reshape(b.shape)
        return [da, db]

    def grad_text(self, port: int, names: Sequence[str], out_name: str = "f") -> str:
        a, b = names
        return (f"d{a} = d{out_name} · {b}ᵀ" if port == 0 else f"d{b} = {a}ᵀ · d{out_name}")

    def grad_shapes(self, port: int, shapes: Sequence[Shape], out_shape: Shape) -> str:
        """The shapes of ``grad_text``: "(2×3) = (2×2)·(3×2)ᵀ" (the notes' advice: the
        shapes say which product to take)."""
        a, b = (shape_text(s) for s in shapes)
        d = shape_text(out_shape)
        return f"{a} = {d}·{b}ᵀ" if port == 0 else f"{b} = {a}ᵀ·{d}"

    def code_forward(self, args: Sequence[str], c: float | None = None,
                     shapes: Sequence[Shape] | None = None) -> str:
        return f"{args[0]} @ {args[1]}"

    def code_backward(self, args: Sequence[str], out: str, dout: str, c: float | None = None,
                      shapes: Sequence[Shape] | None = None) -> list[str]:
        """dA = dD·Bᵀ and dB = Aᵀ·dD, written for the shapes at hand: a vector operand is
        a row (left) or a column (right), so its products become outer products."""
        (a, b), d = args, dout
        sa, sb = shapes if shapes is not None else ((0, 0), (0, 0))
        if len(sa) == 1 and len(sb) == 1:
            return [f"{d} * {b}", f"{a} * {d}"]
        if len(sa) == 1:
            return [f"{b} @ {d}", f"np.outer({a}, {d})"]
        if len(sb) == 1:
            return [f"np.outer({d}, {b})", f"{a}.T @ {d}"]
        return [f"{d} @ {b}.T", f"{a}.T @ {d}"]


class Sum(Gate[float]):
    name, title, symbol = "sum", "Sum", "Σ"
    formula = "∂(Σx)/∂xᵢ = 1"
    summary = "Sum distributes: every element gets the upstream gradient unchanged."
    pattern, local_text = "distributes", "1"

    def out_shape(self, shapes: Sequence[Shape], c: float | None = None) -> Shape:
        return ()

    def forward(self, xs: Sequence[Value], c: float | None = None) -> Value:
        x = xs[0]
        if not isinstance(x, np.ndarray):
            return x
        with quiet():
            return float(x.sum())

    def backward(self, xs: Sequence[Value], out: Value, up: Value,
                 c: float | None = None) -> list[Value]:
        x = xs[0]
        return [np.full(x.shape, up) if isinstance(x, np.ndarray) else 1.0 * up]

    def local_grads(self, xs: Sequence[Value], out: Value,
                    c: float | None = None) -> list[Value | None]:
        return [1.0 if not isinstance(xs[0], np.ndarray) else np.ones(xs[0].shape)]

    def scalar_kernels(self, n: int) -> Kernels:
        return UNARY, _same, _one

    def grad_text(self, port: int, names: Sequence[str], out_name: str = "f") -> str:
        return coded_text("callout_every", port=names[0], out=out_name)

    def grad_shapes(self, port: int, shapes: Sequence[Shape], out_shape: Shape) -> str:
        """Its gradient is ones of the input's shape, times the one upstream number."""
        return coded_text("callout_ones", shape=shape_text(shapes[0]))

    def code_forward(self, args: Sequence[str], c: float | None = None,
                     shapes: Sequence[Shape] | None = None) -> str:
        """np.sum, except for a scalar: the engine's sum of a float is the float (np.sum
        would turn -0.0 into 0.0)."""
        return args[0] if shapes is not None and not shapes[0] else f"np.sum({args[0]})"

    def code_backward(self, args: Sequence[str], out: str, dout: str, c: float | None = None,
                      shapes: Sequence[Shape] | None = None) -> list[str]:
        return [f"np.ones_like({args[0]}) * {dout}"]


class Transpose(Gate[float]):
    name, title, symbol = "transpose", "Transpose", "ᵀ"
    formula = "d(Xᵀ) = (dD)ᵀ"
    summary = "Transposing the value transposes its gradient."
    local_text = "1"

    def out_shape(self, shapes: Sequence[Shape], c: float | None = None) -> Shape:
        return shapes[0][::-1]

    def forward(self, xs: Sequence[Value], c: float | None = None) -> Value:
        x = xs[0]
        return x.T if isinstance(x, np.ndarray) else x

    def backward(self, xs: Sequence[Value], out: Value, up: Value,
                 c: float | None = None) -> list[Value]:
        return [up.T if isinstance(up, np.ndarray) else 1.0 * up]

    def local_grads(self, xs: Sequence[Value], out: Value,
                    c: float | None = None) -> list[Value | None]:
        return [None if isinstance(xs[0], np.ndarray) else 1.0]

    def scalar_kernels(self, n: int) -> Kernels:
        return UNARY, _same, _one

    def grad_text(self, port: int, names: Sequence[str], out_name: str = "f") -> str:
        return f"d{names[0]} = (d{out_name})ᵀ"

    def grad_shapes(self, port: int, shapes: Sequence[Shape], out_shape: Shape) -> str:
        """The upstream gradient, transposed back: "(3×2) = (2×3)ᵀ"."""
        return coded_text("callout_transposed", shape=shape_text(shapes[0]),
                          out=shape_text(out_shape))

    def code_forward(self, args: Sequence[str], c: float | None = None,
                     shapes: Sequence[Shape] | None = None) -> str:
        return f"{args[0]}.T"

    def code_backward(self, args: Sequence[str], out: str, dout: str, c: float | None = None,
                      shapes: Sequence[Shape] | None = None) -> list[str]:
        return [f"{dout}.T"]
