"""Checking single JSON values of a circuit file, with messages worded for the user.

Every problem raises ``Invalid`` with what is wrong; the callers add where (which node,
which wire) and, at the top, the file's name (docs/file-format.md, "When a file is
refused").
"""

from __future__ import annotations

from typing import Any

from chainwire.graph.fileio import spec
from chainwire.graph.value_text import kind


class Invalid(Exception):
    """One problem, worded for the user; the callers add where it is."""


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


def free(value: Any, depth: int, what: str, parsed: bool = False) -> None:
    """Check a free-form value (unknown key, view) is plain JSON, finite and not too deep.

    ``depth`` is the number of objects/lists around ``value``. Walked level by level, so
    no nesting can exhaust the Python stack and a wide value costs one list, not a tuple
    per item. ``parsed`` says the value came from the strict parser (``jsontext``), which
    already refused non-finite numbers: only the depth is left to check.
    """
    level = [value]
    while level:
        nested: list[Any] = []
        extend = nested.extend
        containers = False
        for v in level:
            t = type(v)
            if t is dict:
                containers = True
                if not parsed and any(type(k) is not str for k in v):
                    if any(not isinstance(k, str) for k in v):
                        raise Invalid(f"{what} has an object key that is not text")
                extend(v.values())
            elif t is list:
                containers = True
                extend(v)
            elif parsed or t is str or t is int or t is bool or v is None:
                continue
            elif t is float:
                if v - v != 0.0:
                    raise Invalid(f"{what} contains {v!r}: numbers must be finite")
            else:
                containers = _other(v, what, extend) or containers
        if containers:
            depth += 1
            if depth > spec.MAX_DEPTH:
                raise Invalid(f"{what} is nested more than {spec.MAX_DEPTH} levels deep")
        level = nested


def _other(v: Any, what: str, extend: Any) -> bool:
    """Subclasses and tuples (built by code, not read from a file): True for a container."""
    if isinstance(v, (str, bool, int)):
        return False
    if isinstance(v, float):
        if v - v != 0.0:
            raise Invalid(f"{what} contains {v!r}: numbers must be finite")
        return False
    if isinstance(v, dict):
        if any(not isinstance(k, str) for k in v):
            raise Invalid(f"{what} has an object key that is not text")
        extend(v.values())
        return True
    if isinstance(v, (list, tuple)):
        extend(v)
        return True
    raise Invalid(f"{what} contains a {type(v).__name__}, which is not a JSON value")
