"""The one number formatter: plain labels keep the notes' fixed decimals; the editor's
``numbers`` module is the same functions."""

from __future__ import annotations

import math

import pytest

from chainwire.graph import numbers
from chainwire.graph.numbers import format_number, format_shown, is_flagged, parse_number


@pytest.mark.parametrize(("v", "d", "text"), [
    (-4.0, 2, "-4.00"), (0.19661193324148185, 3, "0.197"), (None, 2, "?"),
    (float("inf"), 2, "inf"), (float("-inf"), 0, "-inf"), (float("nan"), 2, "NaN"),
    (-0.001, 2, "0.00"), (-0.0, 2, "0.00"), (-0.004, 0, "0"), (12.5, 0, "12"),
    (0.5, 6, "0.500000"), (-12345.678, 1, "-12345.7"), (2.5e15, 2, "2.50e+15"),
    (-1e20, 0, "-1.0e+20"),
])
def test_plain_labels_keep_fixed_decimals(v, d, text):
    assert format_number(v, d) == text


def test_the_command_line_spelling_is_an_option():
    assert format_number(None, 2, undefined="n/a") == "n/a"
    assert format_number(math.nan, 2, nan="nan") == "nan"


def test_shown_digits_grow_only_where_the_number_has_them():
    assert format_shown(2.0, 5) == "2.00"
    assert format_shown(0.1, 5) == "0.10"
    assert format_shown(0.125, 5) == "0.125"
    assert format_shown(1 / 3, 5) == "0.33333"
    assert format_shown(-0.0001, 3) == "0.000"  # no "-0.000" at any precision
    assert format_shown(1 / 3, 5, 0) == "0.33333" and format_shown(3.0, 5, 0) == "3"


def test_flags_and_parsing():
    assert is_flagged(math.nan) and is_flagged(-math.inf)
    assert not is_flagged(None) and not is_flagged(1.0)
    assert parse_number("−2") == -2.0 and parse_number("1,25") == 1.25
    for bad in ("inf", "nan", "x", ""):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_the_editor_reexports_the_same_functions():
    pytest.importorskip("PySide6")  # the editor package is only installed with Qt
    from chainwire.editor import numbers as editor_numbers

    for name in editor_numbers.__all__:
        assert getattr(editor_numbers, name) is getattr(numbers, name)
