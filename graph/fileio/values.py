"""Checking single JSON values of a circuit file, with messages worded for the user.

Every problem raises ``Invalid`` with what is wrong; the callers add where (which node,
which wire) and, at the top, the file's name (docs/file-format.md, "When a file is
refused").
"""

from __future__ import annotations

from typing import Any

from chainwire.graph.fileio import spec


class Invalid(Exception):
    """One problem, worded for the user; the callers add where it is."""


def kind(v: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return f"the number {v!r}"
    if isinstance(v, str):
        return f"the text {short(v)}"
    if isinstance(v, (list, tuple)):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__


def short(s: str) -> str:
    """Text quoted for a message, cut at 40 characters."""
    return repr(s if len(s) <= 40 else s[:37] + "...")


def number(v: Any, what: str) -> float:
    """A finite float from a JSON number; booleans are not numbers."""
    if isinstance(v, float) and not isinstance(v, bool):  # the common case, fast
        if v - v == 0.0:
            return v
        raise Invalid(f"{what} must be a finite number, not {v!r}")
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise Invalid(f"{what} must be a number, not {kind(v)}")
    try:
        f = float(v)
    except OverflowError:
        raise Invalid(f"{what} is too large to be a number ({len(str(v))} digits)") from None
    if f - f != 0.0:
        raise Invalid(f"{what} must be a finite number, not {f!r}")
    return f


def position(v: Any, what: str) -> tuple[float, float]:
    """``[x, y]`` as two finite floats."""
    if not isinstance(v, (list, tuple)) or len(v) != 2:
        got = f"a list of {len(v)}" if isinstance(v, (list, tuple)) else kind(v)
        raise Invalid(f"{what} must be two numbers [x, y], not {got}")
    return (number(v[0], f"{what} x"), number(v[1], f"{what} y"))


def free(value: Any, depth: int, what: str) -> None:
    """Check a free-form value (unknown key, view) is plain JSON, finite and not too deep.

    ``depth`` is the number of objects/lists around ``value``. Iterative, so no nesting
    can exhaust the Python stack.
    """
    stack = [(value, depth)]
    while stack:
        v, d = stack.pop()
        if v is None or isinstance(v, (str, bool, int)):
            continue
        if isinstance(v, float):
            if v - v != 0.0:
                raise Invalid(f"{what} contains {v!r}: numbers must be finite")
            continue
        if isinstance(v, dict):
            children = v.values()
            if any(not isinstance(k, str) for k in v):
                raise Invalid(f"{what} has an object key that is not text")
        elif isinstance(v, (list, tuple)):
            children = v
        else:
            raise Invalid(f"{what} contains a {type(v).__name__}, which is not a JSON value")
        if d + 1 > spec.MAX_DEPTH:
            raise Invalid(f"{what} is nested more than {spec.MAX_DEPTH} levels deep")
        stack.extend((x, d + 1) for x in children)
