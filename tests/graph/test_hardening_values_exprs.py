"""Hostile values, versions, ``--set`` texts and expressions (issue 9, hardening pass;
the crafted groups are in ``test_hardening_arrays_groups.py``, whose helpers this uses).

The contract for each: one clear line (``chainwire: error: ...``, exit status 2 on the
command line), never a traceback, a hang or a memory blow-up; nothing is executed.
"""

from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pytest

from chainwire.graph import fileio
from chainwire.graph.cli import main
from chainwire.graph.errors import ExpressionError, FileFormatError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import MAX_DEPTH, parse
from chainwire.graph.value_text import parse_value
from tests.graph.test_hardening_arrays_groups import (
    PYTHONISMS,
    file_with,
    refused_everywhere,
    sigmoid_entry,
)

# ----- crafted values -----------------------------------------------------------------------
VALUE_ATTACKS = [
    ("[[1, 2], [3]]", "row 2 has 1 number, row 1 has 2"),
    ("[1, [2]]", "item 2 is a list but item 1 is not"),
    ('["a", "b"]', "item 1 is the text 'a', not a number"),
    ("[true, false]", "item 1 is true, not a number"),
    ("[null]", "item 1 is null, not a number"),
    ("[[1], [null]]", "row 2, column 1 is null, not a number"),
    ("[[[1]]]", "at most 2 dimensions"),
    ("[]", "an empty list has no numbers"),
    ("[[]]", "row 1 is empty"),
    ("[[1, 2], {}]", "row 2 is an object, not a list"),
    ("[" + "9" * 400 + "]", "too large"),
    ("[" + "9" * 5000 + "]", "too large"),
    ("[1e999]", "too large"),
]


@pytest.mark.parametrize("text, needle", VALUE_ATTACKS)
def test_a_crafted_value_is_refused_alike_typed_set_and_in_a_file(text, needle, tmp_path,
                                                                   capsys):
    with pytest.raises(ValueError) as info:
        parse_value(text)
    assert needle in str(info.value) and not any(p in str(info.value) for p in PYTHONISMS)
    assert main(["eval", "--expr", "sum(W)", "--set", f"W={text}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error: --set W=") and needle in err
    assert err.count("\n") == 1 and not any(p in err for p in PYTHONISMS)
    doc = json.dumps(file_with(sigmoid_entry())).replace('"value": 0.5', f'"value": {text}', 1)
    refused_everywhere(doc, needle, tmp_path, capsys)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_tokens_are_refused(token, tmp_path, capsys):
    assert main(["eval", "--expr", "sum(W)", "--set", f"W=[[1, {token}]]"]) == 2
    assert f"{token} is not a finite number" in capsys.readouterr().err
    doc = json.dumps(file_with(sigmoid_entry())).replace('"value": 0.5',
                                                         f'"value": [{token}]', 1)
    refused_everywhere(doc, "must be finite", tmp_path, capsys)


def test_ten_million_elements_are_refused_by_counting_not_by_building(tmp_path, capsys):
    """A matrix of 10^7 zeros is 20 MB of text: refused before json builds it."""
    body = "[[" + "0," * (10**7 - 1) + "0]]"
    text = json.dumps(file_with(sigmoid_entry())).replace('"value": 0.5', '"value": ' + body, 1)
    tracemalloc.start()
    try:
        with pytest.raises(FileFormatError, match="too many JSON tokens"):
            fileio.loads(text)
        with pytest.raises(ValueError, match="at most 1,048,576 numbers"):
            parse_value(body)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2**20  # the text itself is 20 MB; nothing near 10^7 floats built


def test_a_list_nested_a_hundred_thousand_deep_is_refused_without_recursion(tmp_path,
                                                                             capsys):
    deep = "[" * 100_000 + "1" + "]" * 100_000
    with pytest.raises(ValueError, match="at most 2 dimensions"):
        parse_value(deep)
    doc = json.dumps(file_with(sigmoid_entry())).replace('"value": 0.5', '"value": ' + deep, 1)
    refused_everywhere(doc, "nested more than 64 levels deep", tmp_path, capsys)


@pytest.mark.parametrize("version, needle", [
    (0, '"version" 0 does not exist'),
    (-1, '"version" -1 does not exist'),
    ("2", '"version" must be a whole number like 2, not the text'),
    (2.5, '"version" must be a whole number like 2, not the number 2.5'),
    (10**30, "written by a newer Chainwire (format 1000000000000000000000000000000)"),
    (None, '"version" must be a whole number like 2, not null'),
    (True, '"version" must be a whole number like 2, not true'),
])
def test_hostile_versions_are_refused_in_words(version, needle, tmp_path, capsys):
    refused_everywhere(json.dumps(file_with(sigmoid_entry(), version=version)), needle,
                       tmp_path, capsys)


def test_a_version_integer_of_thousands_of_digits_is_refused_in_words(tmp_path, capsys):
    text = json.dumps(file_with(sigmoid_entry())).replace('"version": 2',
                                                          '"version": ' + "9" * 5000)
    refused_everywhere(text, "more than 4,300 digits", tmp_path, capsys)


def test_a_version_1_file_holding_arrays_opens_and_is_saved_as_version_2():
    """Decision: no version-1 Chainwire wrote an array, but the migration only changes the
    number, so a hand-made v1 file with a matrix opens (nothing is lost) as version 2."""
    data = {"format": "chainwire", "version": 1, "output": "s",
            "nodes": [{"id": "W", "type": "input", "value": [[1, 2], [3, 4]], "pos": [0, 0]},
                      {"id": "s", "type": "sum", "pos": [90, 0]}],
            "wires": [{"from": "W", "to": "s", "port": 0}]}
    c = fileio.loads(json.dumps(data))
    assert evaluate(c).raw_value("s") == 10.0
    again = json.loads(fileio.dumps(c))
    assert again["version"] == 2 and again["nodes"][0]["value"] == [[1.0, 2.0], [3.0, 4.0]]


def test_eval_json_arrays_read_back_as_the_values_set(capsys):
    w = "[[1.5,-2,3e-300],[4,5,6]]"
    assert main(["eval", "--json", "--expr", "sum(relu(W))", "--set", f"W={w}"]) == 0
    out = json.loads(capsys.readouterr().out)
    node = out["nodes"]["W"]
    assert node["shape"] == [2, 3]
    np.testing.assert_array_equal(parse_value(json.dumps(node["value"])), parse_value(w))
    assert node["grad"] == [[1.0, 0.0, 1.0], [1.0, 1.0, 1.0]]
    assert out["nodes"]["sum1"]["shape"] == []


# ----- hostile --set and expressions ---------------------------------------------------------
@pytest.mark.parametrize("item, needle", [
    ("W", "expected ID=VALUE"),
    ("=1", "expected ID=VALUE"),
    ("W=", "'' is not a number or a list of numbers"),
    ("W=nan", "is not a finite number"),
    ("W=" + "9" * 5000, "is not a finite number"),
    ("W=" + "[" * 100_000, "at most 2 dimensions"),
    ("W=[" + "1," * 1_048_576 + "1]", "at most 1,048,576 numbers"),
    ("Q=[1]", "no input has the id or label 'Q'"),
    ("sum1=[1]", "'sum1' is a sum gate; only inputs have a value"),
    ("W=__import__('os').system('false')", "is not a number or a list of numbers"),
])
def test_hostile_set_values_are_one_error_line(item, needle, capsys):
    assert main(["eval", "--expr", "sum(W)", "--set", item]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("chainwire: error: --set ") and needle in err
    assert err.count("\n") == 1 and not any(p in err for p in PYTHONISMS)


@pytest.mark.parametrize("text, column, needle", [
    ("sum()", 1, "sum needs 1 argument, not 0"),
    ("sum(x, y)", 8, "sum takes at most 1 argument, not 2"),
    ("relu(1, 2)", 9, "relu takes at most 1 argument, not 2"),
    ("x" + ".T" * 150, 1, "nested too deeply"),
    ("x" + ".T" * 100_000, 10_001, "too long"),
    ("x*" + "9" * 5000, 3, "the number is too large"),
    ("x @ 2", 5, "'@' multiplies vectors and matrices, not the number 2"),
    ("x.T()", 4, "'.T' is not a function"),
    ("x.__class__", 2, "attribute access is not allowed"),
    ("@".join(["A"] * 150), 1 + 2 * (MAX_DEPTH + 1), "each '@' of a chain is one more level"),
])
def test_hostile_expressions_are_refused_at_their_column(text, column, needle, capsys):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.column == column and needle in str(info.value)
    assert not any(p in str(info.value) for p in PYTHONISMS)
    assert main(["eval", "--expr", text]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"chainwire: error: --expr: column {column}: ") and needle in err


def test_a_long_at_chain_is_refused_instead_of_laying_out_for_hours():
    """3,333 terms fit in MAX_LENGTH; each '@' is a matmul after the last, so the chain is
    as deep as it is long, and the layout grows with the cube of the depth (this hung)."""
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("@".join(["A"] * 3333))
    c = parse("@".join(["A"] * MAX_DEPTH))  # the deepest chain accepted is still a chain
    assert sum(1 for n in c.nodes() if n.type == "matmul") == MAX_DEPTH - 1


def test_the_deepest_accepted_expressions_compute_what_numpy_computes():
    rng = np.random.default_rng(9)
    a = rng.uniform(-1, 1, (3, 3)) / 2
    c = parse("sum(" + " @ ".join(["A"] * 40) + ".T)")
    c.set_value("A", a)
    ev = evaluate(c)
    expected = (np.linalg.matrix_power(a, 39) @ a.T).sum()  # .T binds to the last A
    assert ev.raw_value(c.output) == pytest.approx(expected, rel=1e-9, abs=1e-300)
