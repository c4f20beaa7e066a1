"""Checking single JSON values of a circuit file, with messages worded for the user.

Every problem raises ``Invalid`` with what is wrong; the callers add where (which node,
which wire) and, at the top, the file's name (docs/file-format.md, "When a file is
refused").
"""

from __future__ import annotations

from typing import Any

from chainwire.graph.errors import coded, coded_text
from chainwire.graph.fileio import spec
from chainwire.graph.value_text import kind  # what a value is, coded: validate, entries use it


class Invalid(Exception):
    """One problem, worded for the user; the callers add where it is. Raised coded
    (``errors.coded``), so the editor words it in the interface language."""


def where(place: str, problem: Any) -> Invalid:
    """``problem`` (an ``Invalid``, or coded text) said at ``place``: "nodes[3]: ..." """
    return coded(Invalid, "where", where=place, problem=problem)


def number(v: Any, what: str) -> float:
    """A finite float from a JSON number; booleans are not numbers."""
    if isinstance(v, float) and not isinstance(v, bool):  # the common case, fast
        if v - v == 0.0:
            return v
        raise coded(Invalid, "must_finite", what=what, value=repr(v))
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise coded(Invalid, "must_number", what=what, kind=kind(v))
    try:
        f = float(v)
    except OverflowError:
        raise coded(Invalid, "number_digits", what=what, digits=len(str(v))) from None
    if f - f != 0.0:
        raise coded(Invalid, "must_finite", what=what, value=repr(f))
    return f


def position(v: Any, what: str) -> tuple[float, float]:
    """``[x, y]`` as two finite floats."""
    if not isinstance(v, (list, tuple)) or len(v) != 2:
        got = (coded_text("kind_list_of", count=len(v)) if isinstance(v, (list, tuple))
               else kind(v))
        raise coded(Invalid, "two_numbers", what=what, got=got)
    return (number(v[0], coded_text("coordinate", what=what, axis="x")),
            number(v[1], coded_text("coordinate", what=what, axis="y")))


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
                        raise coded(Invalid, "key_not_text", what=what)
                extend(v.values())
            elif t is list:
                containers = True
                extend(v)
            elif parsed or t is str or t is int or t is bool or v is None:
                continue
            elif t is float:
                if v - v != 0.0:
                    raise coded(Invalid, "contains_not_finite", what=what, value=repr(v))
            else:
                containers = _other(v, what, extend) or containers
        if containers:
            depth += 1
            if depth > spec.MAX_DEPTH:
                raise coded(Invalid, "too_deep", what=what, most=spec.MAX_DEPTH)
        level = nested


def _other(v: Any, what: str, extend: Any) -> bool:
    """Subclasses and tuples (built by code, not read from a file): True for a container."""
    if isinstance(v, (str, bool, int)):
        return False
    if isinstance(v, float):
        if v - v != 0.0:
            raise coded(Invalid, "contains_not_finite", what=what, value=repr(v))
        return False
    if isinstance(v, dict):
        if any(not isinstance(k, str) for k in v):
            raise coded(Invalid, "key_not_text", what=what)
        extend(v.values())
        return True
    if isinstance(v, (list, tuple)):
        extend(v)
        return True
    raise coded(Invalid, "not_json_value", what=what, type=type(v).__name__)
