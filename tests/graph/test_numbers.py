"""The one number formatter: plain labels keep the notes' fixed decimals; the editor's
``numbers`` module is the same functions."""

from __future__ import annotations

import math

import numpy as np
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


# ----- arrays (issue 9): the shape first, then a preview ------------------------------------
FS = numbers.FIGURE_SPACE


def test_a_small_matrix_is_shown_whole_with_aligned_columns():
    m = np.array([[1.0, -2.5, 30.0], [4.0, 5.0, -6.0]])
    lines = numbers.format_value(m).split("\n")
    assert lines == ["(2×3)", "[1.00  -2.50  30.00]", f"[4.00  {FS}5.00  -6.00]"]
    # every row has as many characters: figure spaces (a digit wide) pad the columns
    assert len({len(row) for row in lines[1:]}) == 1
    assert numbers.format_value(m, 0).split("\n")[1] == "[1  -2  30]"  # ties: half even


def test_a_vector_and_the_largest_small_matrix():
    assert numbers.format_value(np.array([3.0, 4.0, 5.0])) == "(3) [3.00  4.00  5.00]"
    assert numbers.format_value(np.ones((3, 3)), 1).count("\n") == 3
    assert numbers.format_value(np.array([[7.0]])) == "(1×1)\n[7.00]"


@pytest.mark.parametrize(("shape", "text"), [
    ((4,), "(4) [0.00 … 3.00]"), ((2, 4), "(2×4) [0.00 … 7.00]"),
    ((4, 1), "(4×1) [0.00 … 3.00]"), ((256, 256), "(256×256) [0.00 … 65535.00]"),
])
def test_larger_arrays_show_their_shape_and_first_and_last(shape, text):
    v = np.arange(float(np.prod(shape))).reshape(shape)
    assert numbers.format_value(v) == text == format_number(v)


def test_one_line_form_reads_as_the_list_one_would_type():
    m = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert format_number(m) == "(2×2) [[1.00, 2.00], [3.00, 4.00]]"
    assert numbers.format_value(m, lines=False) == format_number(m)
    assert format_number(np.array([0.5, -0.001]), 1) == "(2) [0.5, 0.0]"  # no "-0.0"


def test_scalars_are_untouched_and_brief_gives_the_shape():
    for v in (-4.0, 0.19661193324148185, None, math.nan, np.float64(2.5), np.array(1.5)):
        assert numbers.format_value(v) == format_number(v)
    assert format_number(np.array(1.5)) == "1.50"  # a 0-d array is a number
    assert numbers.format_brief(np.zeros((2, 3))) == "(2×3)"
    assert numbers.format_brief(-1.0) == "-1.00"


def test_non_finite_elements_are_spelled_out_and_flag_the_array():
    v = np.array([1.0, math.nan, -math.inf])
    assert numbers.format_value(v) == "(3) [1.00  NaN  -inf]"
    assert is_flagged(v) and not is_flagged(np.ones((2, 2)))
