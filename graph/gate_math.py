"""The numeric primitives gates are written with, for floats and arrays alike.

Each function takes a Python float (the fast path: ``math`` only, no numpy scalar) or a
numpy array, and follows IEEE 754 without raising or warning: overflow gives ``inf``,
``1/0`` gives ``±inf`` and NaN propagates. The array branch computes the same formula
element by element, so a gate means the same thing for a scalar and for each element of
an array (up to the last bit of ``exp``, where numpy and the C library may round apart).

>>> sigmoid(1.0), exp(1000.0), reciprocal(-0.0)
(0.7310585786300049, inf, -inf)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import reduce
from typing import TypeGuard

import numpy as np

from chainwire.graph.shapes import Value

INF = math.inf
NAN = math.nan
EXP_MAX = 709.782712893384  # log(max float): exp() above this overflows to inf

_ndarray = np.ndarray


def quiet() -> np.errstate:
    """A context in which numpy computes inf/NaN silently (they are values, not errors).

    A fresh object each time: numpy's errstate is not re-entrant.
    """
    return np.errstate(all="ignore")


def exp(x: Value) -> Value:
    """exp(x) that overflows to inf instead of raising, and keeps NaN."""
    if type(x) is not float:
        if isinstance(x, _ndarray):
            with quiet():
                return np.exp(x)
        x = float(x)
    if x > EXP_MAX:
        return INF
    return math.exp(x)  # exp(nan) is nan, exp(-inf) is 0.0


def sigmoid(x: Value) -> Value:
    """σ(x) = 1/(1+e^-x) computed without overflow for any x (inf and NaN included)."""
    if type(x) is not float:
        if isinstance(x, _ndarray):
            with quiet():
                t = np.exp(-np.abs(x))  # e^-|x| in (0, 1]: never overflows
                return np.where(x >= 0.0, 1.0 / (1.0 + t), t / (1.0 + t))
        x = float(x)
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    if x != x:  # NaN
        return x
    e = math.exp(x)
    return e / (1.0 + e)


def reciprocal(x: Value) -> Value:
    """1/x with IEEE semantics: 1/±0 is ±inf."""
    if type(x) is not float:
        if isinstance(x, _ndarray):
            with quiet():
                return 1.0 / x
        x = float(x)
    if x == 0.0:
        return math.copysign(INF, x)
    return 1.0 / x


def relu(x: Value) -> Value:
    """max(0, x) with NaN kept and −0 turned into 0."""
    if type(x) is not float:
        if isinstance(x, _ndarray):
            out = np.maximum(x, 0.0)  # NaN propagates
            out += 0.0  # -0.0 + 0.0 is 0.0
            return out
        x = float(x)
    return x if x > 0.0 or x != x else 0.0


def relu_slope(out: Value) -> Value:
    """ReLU's local gradient from its output: 1 where it is positive, 0 where it is 0
    (exactly 0 included, as torch), NaN where it is NaN."""
    if isinstance(out, _ndarray):
        return np.sign(out)  # out >= 0 or NaN: sign is 1, 0 or NaN
    return 1.0 if out > 0.0 else (out if out != out else 0.0)


def fsum(xs: Sequence[Value]) -> Value:
    """The correctly rounded sum of ``xs``, element-wise for arrays (broadcasting)."""
    if _no_array(xs):
        return scalar_fsum(xs)
    arrays = np.broadcast_arrays(*xs)
    rows = np.stack(arrays, axis=-1).reshape(-1, len(xs)).tolist()
    out = np.fromiter((scalar_fsum(r) for r in rows), np.float64, count=len(rows))
    return out.reshape(arrays[0].shape)


def scalar_fsum(xs: Sequence[float]) -> float:
    """fsum of floats. math.fsum raises ValueError on inf + -inf and OverflowError when a
    partial sum overflows (even if the exact total would not); a circuit must never crash."""
    try:
        return math.fsum(xs)
    except ValueError:  # inf and -inf among the inputs
        return NAN
    except OverflowError:  # all finite, a partial sum overflowed: add exactly instead
        total = sum(Fraction(x) for x in xs)
        try:
            return float(total)
        except OverflowError:
            return INF if total > 0 else -INF


def product(xs: Sequence[Value]) -> Value:
    """x0·x1·…, left to right (broadcasting for arrays)."""
    out = xs[0]
    for x in xs[1:]:
        out = out * x
    return out


def products_of_others(xs: Sequence[Value], out: Value | None = None) -> list[Value]:
    """For each i, the product of every x but x_i: exact with zeros among the inputs
    (prefix and suffix products, no division by x_i). ``out`` is unused (the n-ary
    local-gradient signature)."""
    n = len(xs)
    pre: list[Value] = [1.0] * n
    for i in range(1, n):
        pre[i] = pre[i - 1] * xs[i - 1]
    grads: list[Value] = [0.0] * n
    suf: Value = 1.0
    for i in range(n - 1, -1, -1):
        grads[i] = pre[i] * suf
        suf = suf * xs[i]
    return grads


# ----- max: the generic functions check for arrays; the scalar_* ones are the fast path's
def maximum2(a: Value, b: Value) -> Value:
    """max(a, b); NaN propagates, as numpy.maximum does."""
    if isinstance(a, _ndarray) or isinstance(b, _ndarray):
        return np.maximum(a, b)
    return scalar_maximum2(a, b)


def scalar_maximum2(a: float, b: float) -> float:
    if a != a:
        return a
    if b != b:
        return b
    return b if b > a else a


def maximum(xs: Sequence[Value]) -> Value:
    """max of any number of inputs; NaN propagates."""
    if _no_array(xs):
        return scalar_maximum(xs)
    return reduce(np.maximum, xs)


def scalar_maximum(xs: Sequence[float]) -> float:
    best = xs[0]
    for x in xs:
        if x != x:
            return x
        if x > best:
            best = x
    return best


def max_shares2(a: Value, b: Value, out: Value) -> tuple[Value, Value]:
    """max's local gradients for two inputs: the winner takes 1, a tie splits 0.5/0.5."""
    if isinstance(out, _ndarray) or isinstance(a, _ndarray) or isinstance(b, _ndarray):
        da, db = max_shares([a, b], out)
        return da, db
    return scalar_max_shares2(a, b, out)


def scalar_max_shares2(a: float, b: float, out: float) -> tuple[float, float]:
    if out != out:
        return NAN, NAN
    if a == b:
        return 0.5, 0.5
    return (1.0, 0.0) if a == out else (0.0, 1.0)


def max_shares(xs: Sequence[Value], out: Value) -> list[Value]:
    """max's local gradients: the inputs equal to the maximum share 1 equally (torch's
    convention for ties); NaN wherever the maximum is NaN."""
    if not isinstance(out, _ndarray) and _no_array(xs):
        return list(scalar_max_shares(xs, out))
    with quiet():
        wins = [np.equal(x, out) for x in xs]
        share = 1.0 / reduce(np.add, [w.astype(np.float64) for w in wins])
        nan = np.isnan(out)
        return [np.where(nan, NAN, np.where(w, share, 0.0)) for w in wins]


def scalar_max_shares(xs: Sequence[float], out: float) -> list[float]:
    if out != out:
        return [NAN] * len(xs)
    winners = [i for i, x in enumerate(xs) if x == out]
    share = 1.0 / len(winners)
    grads = [0.0] * len(xs)
    for i in winners:
        grads[i] = share
    return grads


def _no_array(xs: Sequence[Value]) -> TypeGuard[Sequence[float]]:
    """Whether every x is a float: then the math module computes, not numpy."""
    for x in xs:
        if isinstance(x, _ndarray):
            return False
    return True
