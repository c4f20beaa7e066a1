"""The one parser of a typed value (``--set``, the inspector, the in-place editor) and its
JSON form: numbers as ``parse_number`` reads them, JSON lists of one or two axes, each
slip refused with words a typist understands, and every value round-tripping exactly."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from chainwire.graph import shapes
from chainwire.graph.numbers import parse_number
from chainwire.graph.value_text import parse_value, value_to_json, value_to_text


@pytest.mark.parametrize("text", ["-2", " 3.5 ", "−1,5", "1e3", "0", "-0.0"])
def test_a_number_is_read_as_parse_number_reads_it(text):
    v = parse_value(text)
    assert type(v) is float and v == parse_number(text)
    assert math.copysign(1.0, v) == math.copysign(1.0, parse_number(text))


def test_a_vector_and_a_matrix():
    v = parse_value("[1, -2.5, 3e2]")
    assert v.shape == (3,) and v.dtype == np.float64 and v.tolist() == [1.0, -2.5, 300.0]
    m = parse_value(" [[1,2],[3,4],[5,6]] ")
    assert m.shape == (3, 2) and m.tolist() == [[1, 2], [3, 4], [5, 6]]
    assert not m.flags.writeable  # the engine's values are read-only
    assert parse_value("[[7]]").shape == (1, 1) and parse_value("[7]").shape == (1,)


@pytest.mark.parametrize(("text", "message"), [
    ("[[1, 2], [3, 4, 5]]", "row 2 has 3 numbers, row 1 has 2"),
    ("[[1, 2], [3]]", "row 2 has 1 number, row 1 has 2"),
    ("[[[1]]]", "a value has at most 2 dimensions"),
    ("[" * 100_000 + "]" * 100_000, "a value has at most 2 dimensions"),
    ("[]", "an empty list has no numbers"),
    ("[[]]", "row 1 is empty"),
    ("[1, [2]]", "item 2 is a list but item 1 is not"),
    ("[[1], 2]", "row 2 is the number 2, not a list"),
    ("[1, true]", "item 2 is true, not a number"),
    ('[[1, "a"]]', "row 1, column 2 is the text 'a', not a number"),
    ("[1, null]", "item 2 is null, not a number"),
    ("[NaN]", "NaN is not a finite number"),
    ("[1, -Infinity]", "-Infinity is not a finite number"),
    ("[1e999]", "too large"),
    ("[1" + "0" * 400 + "]", "too large"),
    ("[1, 2", "not a list of numbers such as [[1, 2], [3, 4]]"),
    ("[1,]", "column 4"),
    ("abc", "'abc' is not a number or a list of numbers"),
    ("{}", "is not a number or a list of numbers"),
    ("nan", "'nan' is not a finite number"),
    ("-inf", "'-inf' is not a finite number"),
    ("", "is not a number"),
    ("1e999", "'1e999' is not a finite number"),
])
def test_each_slip_is_named_in_words(text, message):
    with pytest.raises(ValueError) as info:
        parse_value(text)
    assert message in str(info.value)
    assert "Traceback" not in str(info.value) and len(str(info.value)) < 200


def test_the_element_limit_is_the_engines_and_is_checked_before_parsing(monkeypatch):
    monkeypatch.setattr(shapes, "MAX_ELEMENTS", 4)
    assert parse_value("[[1, 2], [3, 4]]").size == 4
    with pytest.raises(ValueError, match="at most 4 numbers"):
        parse_value("[[1, 2], [3, 4], [5, 6]]")


def test_a_huge_text_is_refused_without_building_it():
    text = "[" + "1," * (shapes.MAX_ELEMENTS + 5) + "1]"
    with pytest.raises(ValueError, match="at most"):
        parse_value(text)


finite = st.floats(allow_nan=False, allow_infinity=False)
values = st.one_of(
    finite,
    arrays(np.float64, st.tuples(st.integers(1, 5)), elements=finite),
    arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=finite),
)


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(np.signbit(a), np.signbit(b)) and np.array_equal(a, b))
    return type(b) is float and a == b and math.copysign(1, a) == math.copysign(1, b)


@given(values)
def test_every_value_round_trips_bit_for_bit(v):
    data = value_to_json(v)
    assert json.loads(json.dumps(data)) == data  # plain JSON: floats and lists only
    assert _same(v, parse_value(json.dumps(data)))
    assert _same(v, parse_value(value_to_text(v)))


def test_value_to_json_is_plain_floats():
    assert value_to_json(np.array([[1, 2]], dtype=np.int64)) == [[1.0, 2.0]]
    assert type(value_to_json(np.array([[1, 2]]))[0][0]) is float
    assert value_to_json(np.float64(2.5)) == 2.5 and type(value_to_json(3)) is float
    assert value_to_json(np.array(4.0)) == 4.0


def test_parsing_a_list_is_not_evaluating_it(tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(ValueError):
        parse_value(f"[__import__('pathlib').Path({str(marker)!r}).touch()]")
    assert not marker.exists()


def test_a_large_valid_matrix_is_read():
    text = json.dumps(np.arange(10_000.0).reshape(100, 100).tolist())
    assert parse_value(text).tolist() == json.loads(text)


def test_brackets_inside_text_are_not_dimensions():
    """A string item is refused as text, not as a 3-D value (its brackets are not nesting)."""
    with pytest.raises(ValueError, match="item 1 is the text"):
        parse_value('["[[[", 1]')
    with pytest.raises(ValueError, match="item 1 is the text"):
        parse_value('["a\\"[[[", 2]')
    with pytest.raises(ValueError, match="at most 2 dimensions"):
        parse_value("[[[1]]]")
