"""The gradient check: centred differences against backprop, judged by the notes' bands."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from chainwire.graph import cli, fileio, gradcheck
from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.gradcheck import (
    GradCheckError,
    band,
    check_gradients,
    format_report,
    relative_error,
    report_dict,
)


def main_check(argv: list[str]) -> int:
    """``chainwire check ARGV`` through the real command line."""
    return cli.main(["check", *argv])


EXAMPLES = sorted((Path(__file__).parents[2] / "resources" / "examples").glob("*.chainwire"))


def circuit(text: str, **values: float) -> Circuit:
    c = parse(text)
    for k, v in values.items():
        c.set_value(k, v)
    return c


def verdicts(c: Circuit) -> dict[str, str]:
    return {r.label: r.verdict for r in check_gradients(c).rows}


# ----- the notes' circuits pass ------------------------------------------------------

def test_the_first_example_is_fine_and_reports_the_notes_numbers():
    r = check_gradients(circuit("(x + y) * z", x=-2.0, y=5.0, z=-4.0))
    assert r.passed and r.f == -12.0 and r.output == "multiply1"
    got = {row.label: (row.analytic, row.verdict) for row in r.rows}
    assert got == {"x": (-4.0, "fine"), "y": (-4.0, "fine"), "z": (3.0, "fine")}
    for row in r.rows:
        assert row.numeric == pytest.approx(row.analytic, rel=1e-9)
        assert row.error < gradcheck.FINE and row.h == 1e-5 * max(1, abs(row.value))


def test_the_staged_expression_is_fine():
    c = circuit("(x + sigmoid(y)) / (sigmoid(x) + (x + y)**2)", x=3.0, y=-4.0)
    assert set(verdicts(c).values()) == {"fine"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_bundled_example_passes(path):
    r = check_gradients(fileio.load(path))
    assert r.passed, format_report(r)
    assert {row.verdict for row in r.rows} <= {"fine", "kink"}


def test_the_circuit_is_left_exactly_as_it_was():
    c = fileio.load(EXAMPLES[0])
    before = fileio.dumps(c)
    batches = []
    c.subscribe(batches.append)
    check_gradients(c)
    assert fileio.dumps(c) == before and batches == []


def test_an_input_that_does_not_reach_f_is_fine_with_gradient_zero():
    c = circuit("x * y")
    c.add_node("input", "loose", value=3.0)
    c.set_output("multiply1")
    row = next(r for r in check_gradients(c).rows if r.node == "loose")
    assert (row.analytic, row.numeric, row.verdict) == (0.0, 0.0, "fine")


# ----- bands, floor and noise ------------------------------------------------------

@pytest.mark.parametrize("error, verdict", [
    (0.0, "fine"), (9.9e-8, "fine"), (1e-7, "look closer"), (9.9e-5, "look closer"),
    (1e-4, "suspect"), (9.9e-3, "suspect"), (1e-2, "wrong"), (1.0, "wrong"),
    (math.inf, "not finite"), (math.nan, "not finite")])
def test_bands(error, verdict):
    assert band(error) == verdict


def test_relative_error_floor_and_noise():
    assert relative_error(0.0, 0.0) == 0.0  # both zero: no division by zero
    assert relative_error(0.0, 1e-12) == pytest.approx(1e-4)  # below the floor: absolute
    assert relative_error(2.0, 2.2) == pytest.approx(0.2 / 2.2)
    assert relative_error(1e-3, 1e-3 + 1e-10, noise=1e-9) == 0.0  # rounding explains it


def test_a_tiny_true_gradient_of_a_large_f_is_not_failed_by_rounding():
    c = circuit("exp(x) * 1000000 + y * 0.000000000001", x=1.0, y=1.0)
    rows = {r.label: r for r in check_gradients(c).rows}
    assert rows["y"].analytic == pytest.approx(1e-12)
    assert rows["y"].verdict == "fine"


def test_strong_curvature_is_retried_with_a_smaller_step():
    row = check_gradients(circuit("1/x", x=0.001)).rows[0]
    assert row.h == pytest.approx(1e-6)  # h/10 was kept: it agreed better
    assert row.verdict in ("fine", "look closer")


# ----- wrong gradients are caught ---------------------------------------------------

class _Skewed:
    """An evaluation whose gradient of ``node`` is off by ``factor`` (a bug in backprop)."""

    def __init__(self, ev, node, factor):
        self._ev, self._node, self._factor = ev, node, factor

    def __getattr__(self, name):
        return getattr(self._ev, name)

    def raw_grad(self, nid):
        g = self._ev.raw_grad(nid)
        return g * self._factor if nid == self._node else g


@pytest.mark.parametrize("factor, verdict", [(1.005, "suspect"), (1.1, "wrong"),
                                             (-1.0, "wrong")])
def test_a_wrong_analytic_gradient_fails(monkeypatch, factor, verdict):
    monkeypatch.setattr(gradcheck, "evaluate", lambda c: _Skewed(evaluate(c), "y", factor))
    r = check_gradients(circuit("(x + y) * z", x=-2.0, y=5.0, z=-4.0))
    assert {row.label: row.verdict for row in r.rows} == {"x": "fine", "y": verdict,
                                                          "z": "fine"}
    assert not r.passed and r.verdict_of("y") == verdict


def test_a_non_finite_gradient_is_reported_and_fails():
    r = check_gradients(circuit("1/x", x=0.0))
    assert r.rows[0].verdict == "not finite" and not r.passed


def test_no_output_is_an_error_saying_why():
    c = parse("x * y")
    c.add_node("input", "z", value=1.0)
    c.set_output(None)
    with pytest.raises(GradCheckError, match="no gradients to check: 2 nodes"):
        check_gradients(c)


# ----- kinks ---------------------------------------------------------------------

@pytest.mark.parametrize("x, expected", [(0.0, "kink"), (3e-6, "kink"), (-3e-6, "kink"),
                                         (1.0, "fine"), (-1.0, "fine")])
def test_relu_at_its_kink(x, expected):
    assert verdicts(circuit("max(0, x) * 2", x=x))["x"] == expected


def _relu_circuit(x: float) -> Circuit | None:
    """x → relu, or None while the engine has no relu gate it can evaluate."""
    c = Circuit()
    try:
        c.add_node("input", "x", value=x)
        c.add_node("relu", "r")
        c.connect("x", "r", 0)
        evaluate(c)
    except Exception:  # noqa: BLE001 - no relu gate (yet)
        return None
    return c


@pytest.mark.parametrize("x, expected", [(0.0, "kink"), (2e-6, "kink"), (2.0, "fine"),
                                         (-2.0, "fine")])
def test_the_relu_gate_at_its_kink(x, expected):
    c = _relu_circuit(x)
    if c is None:
        pytest.skip("the engine has no relu gate")
    assert check_gradients(c).rows[0].verdict == expected


def test_a_max_tie_is_a_kink_not_a_failure_and_other_inputs_stay_fine():
    r = check_gradients(circuit("max(x, y) * z", x=1.0, y=1.0, z=3.0))
    assert {row.label: row.verdict for row in r.rows} == {"x": "kink", "y": "kink",
                                                          "z": "fine"}
    assert r.passed


def test_a_max_far_from_its_tie_routes_and_is_fine():
    r = check_gradients(circuit("max(x, y)", x=2.0, y=1.0))
    assert {row.label: (row.analytic, row.verdict) for row in r.rows} == {
        "x": (1.0, "fine"), "y": (0.0, "fine")}


# ----- arrays: every element ----------------------------------------------------------

def test_array_inputs_are_checked_element_by_element():
    c = parse("x * y")
    c.set_value("x", np.array([1.0, -2.0, 3.0]))
    c.set_value("y", np.array([0.5, 4.0, -1.0]))
    r = check_gradients(c)
    assert [(row.label, row.index) for row in r.rows] == [
        ("x", (0,)), ("x", (1,)), ("x", (2,)), ("y", (0,)), ("y", (1,)), ("y", (2,))]
    assert [row.analytic for row in r.rows] == [0.5, 4.0, -1.0, 1.0, -2.0, 3.0]
    assert r.passed and r.f == -10.5  # f = sum(x·y): the gradients of sum(f)


def test_the_notes_matmul_element_by_element_with_a_broadcast_bias():
    W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    c = circuit("sum(sigmoid(W @ X / 20 + b))", W=W, X=X, b=np.array([-1.0, 0.5]))
    r = check_gradients(c)
    assert len(r.rows) == 6 + 6 + 2 and {row.verdict for row in r.rows} == {"fine"}
    text = format_report(r)
    assert "W[1,2]" in text and "X[2,0]" in text and "b[1]" in text
    d = report_dict(r)
    assert [e["index"] for e in d["inputs"] if e["id"] == "b"] == [[0], [1]]


def test_one_wrong_element_fails_alone(monkeypatch):
    from chainwire.graph.gates import GATES

    square = type(GATES["square"])
    monkeypatch.setattr(square, "df", staticmethod(
        lambda x, y, c=None: 2.0 * x * np.where(np.arange(np.size(x)) == 1, 1.5, 1.0)))
    r = check_gradients(circuit("sum(x**2)", x=np.array([1.0, 2.0, 3.0])))
    assert [row.verdict for row in r.rows] == ["fine", "wrong", "fine"] and not r.passed


def test_relu_and_max_kinks_are_found_per_element():
    r = check_gradients(circuit("sum(relu(x))", x=np.array([0.0, 1.0, -1.0])))
    assert [row.verdict for row in r.rows] == ["kink", "fine", "fine"]
    r = check_gradients(circuit("sum(max(x, y))", x=np.array([[1.0, 2.0], [3.0, 4.0]]),
                                y=np.array([2.0, 5.0])))  # y broadcast down the rows: no tie
    tie = {(row.label, row.index): row.verdict for row in r.rows}
    assert tie[("y", (0,))] == "fine" and tie[("x", (0, 0))] == "fine"
    r = check_gradients(circuit("sum(max(x, y))", x=np.array([[1.0, 5.0], [3.0, 4.0]]),
                                y=np.array([1.0, 6.0])))  # x[0,0] ties y[0]
    tie = {(row.label, row.index): row.verdict for row in r.rows}
    assert tie[("x", (0, 0))] == tie[("y", (0,))] == "kink" and r.passed
    assert tie[("x", (1, 0))] == tie[("y", (1,))] == tie[("x", (1, 1))] == "fine"


def test_two_gradients_of_zero_meet_the_floor():
    r = check_gradients(circuit("sum(relu(x) * 0 + y)", x=np.array([1.0, 2.0]), y=3.0))
    assert [(row.analytic, row.error, row.verdict) for row in r.rows[:2]] == [
        (0.0, 0.0, "fine"), (0.0, 0.0, "fine")]


def test_too_many_elements_to_check_is_an_error_saying_so(monkeypatch):
    monkeypatch.setattr(gradcheck, "MAX_CHECKED", 10)
    with pytest.raises(GradCheckError, match="11 input elements; at most 10"):
        check_gradients(circuit("sum(W) + x", W=np.ones((2, 5)), x=1.0))


# ----- reporting and the command line ---------------------------------------------------

def test_report_dict_and_text():
    r = check_gradients(circuit("max(x, y) * z", x=1.0, y=1.0, z=3.0))
    d = json.loads(json.dumps(report_dict(r)))
    assert d["output"] == "multiply1" and d["f"] == 3.0 and d["passed"] is True
    assert [(e["id"], e["verdict"]) for e in d["inputs"]] == [
        ("x", "kink"), ("y", "kink"), ("z", "fine")]
    assert d["inputs"][2]["analytic"] == 1.0 and d["inputs"][2]["index"] is None
    text = format_report(r)
    assert text.splitlines()[0].split() == ["input", "value", "analytic", "numeric", "rel.",
                                            "error", "verdict"]
    assert "passed: 3 gradients checked, 1 fine, 2 kink (f = 3.000000" in text


def test_cli_exit_statuses(capsys, tmp_path):
    assert main_check([str(EXAMPLES[0])]) == 0
    assert "passed:" in capsys.readouterr().out
    assert main_check(["--expr", "1/x", "--set", "x=0"]) == 1
    assert "FAILED" in capsys.readouterr().out
    assert main_check(["--expr", "(x + y) * z", "--set", "x=-2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [e["value"] for e in out["inputs"]] == [-2.0, 1.0, 1.0]


@pytest.mark.parametrize("argv, message", [
    ([], "one of the arguments FILE --expr is required"),
    (["missing.chainwire"], "cannot read missing.chainwire"),
    (["--expr", "x +"], "--expr: column 4"),
    (["--expr", "x", "--set", "q=1"], "no input has the id or label 'q'"),
])
def test_cli_errors_are_one_line_and_exit_2(capsys, argv, message):
    assert main_check(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error: ") and err.count("\n") == 1
    assert message in err


def test_cli_no_output_is_an_error(capsys, tmp_path):
    c = parse("x")
    c.add_node("input", "y", value=1.0)
    c.set_output(None)
    path = tmp_path / "two.chainwire"
    fileio.save(c, path)
    assert main_check([str(path)]) == 2
    assert "no gradients to check" in capsys.readouterr().err


def test_the_check_and_tikz_modules_load_no_qt():
    code = ("import sys\nimport chainwire.graph.gradcheck, chainwire.graph.tikz\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr


def test_an_output_undefined_by_a_shape_clash_names_the_clash():
    c = circuit("sum(W @ X)", W=np.ones((2, 3)), X=np.ones((2, 3)))
    with pytest.raises(GradCheckError, match=r"no gradients to check: shapes do not fit at "
                       r"matmul1: matmul needs \(2×3\)·\(3×k\): got \(2×3\) and \(2×3\)$"):
        check_gradients(c)
