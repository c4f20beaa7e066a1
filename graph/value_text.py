"""An input's value as text: the one parser of a typed value, and its JSON form.

A value is typed as a number (``-2``, ``0,5``, ``−1.5``: whatever
``numbers.parse_number`` accepts) or as a JSON nested list of numbers, a vector
``[1, 2, 3]`` or a matrix ``[[1, 2], [3, 4]]``. The command line's ``--set``, the
inspector and the in-place editor all read values here, so they accept and refuse the
same texts with the same messages. Lists are read by ``json`` (never evaluated); the
numbers inside them are JSON numbers (a decimal point, an ASCII minus). What a value may
be (finite, at most two axes, at most ``shapes.MAX_ELEMENTS`` elements) is decided by
``shapes.check_value``; this module only words the problems a typist makes.

``value_to_json`` is the other direction: what a file and ``--json`` write.

>>> parse_value(" -2 ")
-2.0
>>> parse_value("[[1, 2], [3, 4]]").tolist()
[[1.0, 2.0], [3.0, 4.0]]
>>> value_to_json(parse_value("[1, 2.5]"))
[1.0, 2.5]
>>> parse_value("[[1, 2], [3, 4, 5]]")
Traceback (most recent call last):
...
ValueError: row 2 has 3 numbers, row 1 has 2
>>> parse_value("[[[1]]]")
Traceback (most recent call last):
...
ValueError: a value has at most 2 dimensions (a vector or a matrix)
"""

from __future__ import annotations

import json
import numbers
from typing import Any

import numpy as np

from chainwire.graph import shapes
from chainwire.graph.errors import CircuitError, coded, coded_text, error_from, text_of
from chainwire.graph.numbers import parse_number

__all__ = ["parse_value", "value_from_json", "value_to_json", "value_to_text"]

EXAMPLE = "[[1, 2], [3, 4]]"
"""How a matrix is typed, for messages."""


class _NotFinite(Exception):
    """Internal: json met NaN or Infinity."""


def _refuse_constant(token: str) -> float:
    raise _NotFinite(token)


def parse_value(text: str) -> float | np.ndarray:
    """The value a user typed: a float, or a read-only float64 vector or matrix.

    Raises ValueError with a message for the user ("row 2 has 3 numbers, row 1 has 2").

    >>> parse_value("1e3"), parse_value("[-1]").shape
    (1000.0, (1,))
    """
    stripped = text.strip()
    if not stripped.startswith("["):
        try:
            return parse_number(text)
        except ValueError:
            if _is_float_text(stripped):  # nan, inf: a number, but not a finite one
                raise coded(ValueError, "not_finite", text=quoted(text)) from None
            raise coded(ValueError, "not_a_value", text=quoted(text),
                        example=EXAMPLE) from None
    # Bound the cost before parsing: a valid list of n numbers has exactly n - 1 commas.
    commas = stripped.count(",")
    if commas >= shapes.MAX_ELEMENTS:
        raise coded(ValueError, "value_too_many_text", most=f"{shapes.MAX_ELEMENTS:,}",
                    count=f"{commas + 1:,}")
    if _depth(stripped) > shapes.MAX_NDIM:
        raise _too_deep()
    try:
        data = json.loads(stripped, parse_constant=_refuse_constant)
    except _NotFinite as e:
        raise coded(ValueError, "not_finite", text=str(e)) from None
    except json.JSONDecodeError as e:
        raise coded(ValueError, "value_not_list", example=EXAMPLE, detail=_json_detail(e.msg),
                    column=e.colno) from None
    except RecursionError:  # cannot happen after _depth, kept as a guard
        raise _too_deep() from None
    except ValueError:  # an integer of more than 4,300 digits: Python's message would
        # tell the typist to call sys.set_int_max_str_digits(); it overflows a float anyway
        raise coded(ValueError, "value_too_large") from None
    return value_from_json(data)


def _too_deep() -> ValueError:
    return coded(ValueError, "value_too_deep", most=shapes.MAX_NDIM)


def _json_detail(msg: str) -> str:
    """Python's json message, coded where ``jsontext`` knows its words (imported here:
    ``fileio`` imports this module)."""
    from chainwire.graph.fileio.jsontext import JSON_DETAILS

    return coded_text(JSON_DETAILS[msg]) if msg in JSON_DETAILS else msg


def _is_float_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _depth(text: str) -> int:
    """How deep the brackets nest (outside strings: a string is refused later anyway)."""
    depth = deepest = 0
    in_text = escaped = False
    for c in text:
        if in_text:  # brackets inside a string are text, not nesting
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_text = False
        elif c == '"':
            in_text = True
        elif c == "[":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > shapes.MAX_NDIM:
                    break
        elif c == "]":
            depth -= 1
    return deepest


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def value_from_json(data: Any) -> float | np.ndarray:
    """Parsed JSON (a number or a nested list) as a value; ValueError naming the slip.

    Files read input values here too, so a file and a typist meet the same rules. The
    element limit is checked before any list is walked or any array built.

    >>> value_from_json([[1, 2], [3, 4]]).shape, value_from_json(3)
    ((2, 2), 3.0)
    """
    if _is_number(data):
        if isinstance(data, int) and abs(data) > _LARGEST:
            raise coded(ValueError, "value_digits", digits=len(str(abs(data))))
        return _checked_value(data)
    if not isinstance(data, list | tuple):
        raise coded(ValueError, "value_not_value", example=EXAMPLE)
    if not data:
        raise coded(ValueError, "value_empty")
    if isinstance(data[0], list | tuple):
        width = len(data[0])
        if not width:
            raise coded(ValueError, "value_row_empty")
        _check_count(len(data) * width)
        for r, row in enumerate(data, start=1):
            if not isinstance(row, list | tuple):
                raise coded(ValueError, "value_row_kind", row=r, kind=kind(row),
                            example=EXAMPLE)
            if len(row) != width:
                if len(row) == 1:
                    raise coded(ValueError, "value_row_width_one", row=r, width=width)
                raise coded(ValueError, "value_row_width", row=r, count=len(row), width=width)
            for c, x in enumerate(row, start=1):
                if not _is_number(x):
                    if isinstance(x, list | tuple):
                        raise _too_deep()
                    raise coded(ValueError, "value_cell_kind", row=r, column=c, kind=kind(x))
    else:
        _check_count(len(data))
        for i, x in enumerate(data, start=1):
            if isinstance(x, list | tuple):
                raise coded(ValueError, "value_item_list", item=i, example=EXAMPLE)
            if not _is_number(x):
                raise coded(ValueError, "value_item_kind", item=i, kind=kind(x))
    if any(abs(x) > _LARGEST for x in _numbers(data)):
        raise coded(ValueError, "value_too_large")
    return _checked_value(data)


def _checked_value(data: Any) -> float | np.ndarray:
    try:
        return shapes.check_value("the value", data)
    except CircuitError as e:
        raise error_from(ValueError, text_of(e)) from None


def _check_count(n: int) -> None:
    if n > shapes.MAX_ELEMENTS:
        raise coded(ValueError, "value_too_many", most=f"{shapes.MAX_ELEMENTS:,}",
                    count=f"{n:,}")


_LARGEST = 1.7976931348623157e308


def _numbers(data: list | tuple) -> list | tuple:
    return [x for row in data for x in row] if isinstance(data[0], list | tuple) else data


def kind(x: Any) -> str:
    """The JSON name of a value's type, for messages ("the text 'abc'", "null"); the
    file reader's messages use it too. Coded where it has words ("the number 3", "the
    text 'a'", "a list", "an object"); JSON's own null, true and false stay."""
    if _is_number(x):
        return coded_text("kind_number", number=repr(x))
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, str):
        return coded_text("kind_text", text=quoted(x))
    if isinstance(x, (list, tuple)):
        return coded_text("kind_list")
    if isinstance(x, dict):
        return coded_text("kind_object")
    return type(x).__name__


def quoted(text: str) -> str:
    """Text quoted for a message, cut at 40 characters."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def value_to_json(v: float | np.ndarray) -> float | list:
    """A value as plain JSON data: a float, or nested lists of floats (files, ``--json``).

    Floats read back bit for bit through ``json``; ``parse_value`` of its JSON text gives
    the same value.

    >>> value_to_json(2), value_to_json(np.array([[1, 2]]))
    (2.0, [[1.0, 2.0]])
    """
    if isinstance(v, np.ndarray):
        if v.ndim == 0:
            return float(v)
        return v.astype(np.float64, copy=False).tolist()
    return float(v)


def value_to_text(v: float | np.ndarray) -> str:
    """A value as a user types it (what an editor field starts with); ``parse_value``
    reads it back exactly.

    >>> value_to_text(-2.0), value_to_text(np.array([[1.5, 2], [3, 4]]))
    ('-2.0', '[[1.5, 2.0], [3.0, 4.0]]')
    """
    return json.dumps(value_to_json(v), allow_nan=False)
