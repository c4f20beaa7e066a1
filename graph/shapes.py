"""What a value may be (a float, a vector or a matrix) and how shapes are written and checked.

A value is a Python ``float`` or a read-only numpy ``float64`` array with 1 or 2 axes
(a vector or a matrix): the notes' gates never need more, and every gate maps such values
to such values (element-wise gates broadcast, ``matmul`` and ``transpose`` keep at most
two axes, ``sum`` gives a float). Scalars stay Python floats everywhere, so the scalar
evaluator never touches numpy. Arrays are frozen (``writeable = False``) as soon as the
engine holds them, so nobody can change a value or a result in place.

Shapes are written as the notes write them: ``(2×3)`` for a matrix, ``(3)`` for a vector,
``scalar`` for a float.

>>> shape_text((2, 3)), shape_text((3,)), shape_text(())
('(2×3)', '(3)', 'scalar')
>>> check_value("value of 'W'", [[1, 2], [3, 4]]).shape
(2, 2)
>>> broadcast_shape("add", [(3,), (2, 3)])
(2, 3)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any, TypeAlias, TypeGuard

import numpy as np

from chainwire.graph.errors import CircuitError, coded, coded_text

Value: TypeAlias = "float | np.ndarray"
Shape: TypeAlias = tuple[int, ...]

MAX_NDIM = 2
"""Vectors and matrices: what the notes use, what a wire label can show."""
MAX_ELEMENTS = 1 << 20
"""At most this many elements in any value, given or computed (1024×1024)."""

_ndarray = np.ndarray


class ShapeError(CircuitError):
    """Shapes that do not fit a gate; the message names every shape involved."""


def check_value(what: str, v: object) -> float | np.ndarray:
    """``v`` as an input's value: a finite float, or a frozen float64 vector or matrix.

    Accepts numbers, nested lists of numbers and numpy arrays; refuses booleans, text,
    ragged lists, NaN/inf, more than two axes, no elements or more than MAX_ELEMENTS.
    A 0-d array is a scalar and becomes a float. The array is always a fresh copy.
    """
    if isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_):
        f = float(v)
        if not math.isfinite(f):
            raise CircuitError(f"{what} must be a finite number, not {f}")
        return f
    if not isinstance(v, list | tuple | _ndarray):
        raise CircuitError(f"{what} must be a number or a list of numbers, "
                           f"not {type(v).__name__}")
    try:
        a = np.array(v, copy=True)
    except (ValueError, TypeError):
        raise CircuitError(f"{what} must be a rectangular list of numbers "
                           "(every row the same length)") from None
    if a.dtype.kind not in "iuf" or (isinstance(v, list | tuple) and _has_bool(v)):
        raise CircuitError(f"{what} must hold numbers only")
    if a.ndim == 0:
        return check_value(what, float(a))
    if a.ndim > MAX_NDIM:
        raise CircuitError(f"{what} must be a vector or a matrix, not {a.ndim}-dimensional")
    if a.size == 0:
        raise CircuitError(f"{what} must have at least one element")
    if a.size > MAX_ELEMENTS:
        raise CircuitError(f"{what} has {a.size} elements; at most {MAX_ELEMENTS} are allowed")
    a = a.astype(np.float64, copy=False)
    if not np.isfinite(a).all():
        raise CircuitError(f"{what} must hold finite numbers only (no NaN or infinity)")
    a.flags.writeable = False
    return a


def _has_bool(v: Sequence) -> bool:
    """Whether a nested list holds a boolean (numpy would read True as 1)."""
    stack = [v]
    while stack:
        for x in stack.pop():
            if isinstance(x, bool | np.bool_):
                return True
            if isinstance(x, list | tuple):
                stack.append(x)
    return False


def no_arrays(vs: Sequence[Value | None]) -> TypeGuard[Sequence[float | None]]:
    """Whether every value is a float (or undefined, None): scalar arithmetic applies."""
    return not any(isinstance(v, _ndarray) for v in vs)


def shape_of(v: Value) -> Shape:
    """``()`` for a float, the array's shape otherwise."""
    return v.shape if isinstance(v, _ndarray) else ()


def shape_text(shape: Shape) -> str:
    """``(2×3)``, ``(3)`` or ``scalar``: a shape as messages and labels write it."""
    if not shape:
        return coded_text("shape_scalar")
    return "(" + "×".join(str(n) for n in shape) + ")"


def shapes_text(shapes: Sequence[Shape]) -> str:
    """``(2×3) and (3)``: every shape of a gate's inputs, for a refusal."""
    texts = [shape_text(s) for s in shapes]
    if len(texts) == 1:
        return texts[0]
    if len(texts) == 2:
        return coded_text("shapes_and", some=texts[0], last=texts[1])
    return coded_text("shapes_comma", first=texts[0], rest=shapes_text(shapes[1:]))


def broadcast_shape(name: str, shapes: Sequence[Shape]) -> Shape:
    """The shape numpy broadcasting gives, or a ShapeError naming every shape."""
    if all(not s for s in shapes):
        return ()
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError:
        raise coded(ShapeError, "shapes_broadcast", gate=name,
                    shapes=shapes_text(shapes)) from None
    check_size(name, shape)
    return shape


def check_size(name: str, shape: Shape) -> None:
    """Refuse a result larger than MAX_ELEMENTS before it is computed."""
    if math.prod(shape) > MAX_ELEMENTS:
        raise coded(ShapeError, "shape_too_big", gate=name, shape=shape_text(shape),
                    most=MAX_ELEMENTS)


def unbroadcast(g: Value, shape: Shape) -> Value:
    """Sum a gradient over the axes broadcasting added or stretched, back to ``shape``.

    This is the backward half of broadcasting (torch does the same): an input that was
    used for every row receives the sum of the rows' gradients.
    """
    if not isinstance(g, _ndarray) or g.shape == shape:
        return g
    if not shape:
        return float(g.sum())
    summed: np.ndarray = g
    lead = summed.ndim - len(shape)
    if lead:
        summed = summed.sum(axis=tuple(range(lead)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and summed.shape[i] != 1)
    if stretched:
        summed = summed.sum(axis=stretched, keepdims=True)
    return summed


def freeze(v: Any) -> Value:
    """A gate's result as the engine keeps it: 0-d and numpy scalars as floats, arrays
    read-only (a view of a frozen input stays a view)."""
    if type(v) is float:
        return v
    if isinstance(v, _ndarray) and v.ndim:
        if v.dtype != np.float64:
            v = v.astype(np.float64)
        v.flags.writeable = False
        return v
    return float(v)


def same_value(a: Value | None, b: Value | None) -> bool:
    """Equal numbers, NaN equal to NaN: whether a label showing ``a`` may stay as it is."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    if isinstance(a, _ndarray) or isinstance(b, _ndarray):
        return (isinstance(a, _ndarray) and isinstance(b, _ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=True))
    return a == b or (a != a and b != b)


def all_finite(v: Value) -> bool:
    """Whether every element is a finite number."""
    if isinstance(v, _ndarray):
        return bool(np.isfinite(v).all())
    return math.isfinite(v)
