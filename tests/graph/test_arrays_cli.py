"""The command line on vectors and matrices (issue 9, items 4, 8, 9; issue 12, items 2, 3):
``--set W=[[...]]``, ``eval``'s table and ``--json`` (nested lists, a shape per node),
shape clashes as one ``chainwire: error:`` line, ``check`` per element, ``code``."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from chainwire.entry import main
from chainwire.graph import fileio
from chainwire.graph.expr import parse

W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
NOTES = ["--expr", "sum(W @ X)", "--set", "W=[[1,2,3],[4,5,6]]", "--set", "X=[[1,2],[3,4],[5,6]]"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(code: int, out: str, err: str, *words: str) -> None:
    """Status 2, nothing on stdout, one ``chainwire: error:`` line naming ``words``."""
    assert (code, out) == (2, "")
    assert err.startswith("chainwire: error: ") and err.count("\n") == 1, err
    for w in words:
        assert w in err, err


# ----- eval ------------------------------------------------------------------------

def test_the_issue_command_prints_the_notes_numbers(capsys):
    code, out, err = run(capsys, "eval", *NOTES)
    assert (code, err) == (0, "")
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert rows["W"].endswith("(2×3) [[1.00, 2.00, 3.00], [4.00, 5.00, 6.00]]  "
                              "(2×3) [[3.00, 7.00, 11.00], [3.00, 7.00, 11.00]]")
    assert rows["X"].endswith("(3×2) [[5.00, 5.00], [7.00, 7.00], [9.00, 9.00]]")
    assert "(2×2) [[22.00, 28.00], [49.00, 64.00]]" in rows["matmul1"]
    assert "f = 163.00   (output: sum1)" in out and "sum(f)" not in out


def test_json_writes_nested_lists_and_a_shape_per_node(capsys):
    code, out, err = run(capsys, "eval", *NOTES, "--json")
    assert code == 0, err
    d = json.loads(out)
    nodes = d["nodes"]
    assert {n: v["shape"] for n, v in nodes.items()} == {
        "W": [2, 3], "X": [3, 2], "matmul1": [2, 2], "sum1": []}
    assert nodes["W"]["value"] == W.tolist() and nodes["sum1"]["value"] == 163.0
    assert nodes["W"]["grad"] == (np.ones((2, 2)) @ X.T).tolist()  # dW = dD·Xᵀ
    assert nodes["X"]["grad"] == (W.T @ np.ones((2, 2))).tolist()  # dX = Wᵀ·dD
    assert nodes["matmul1"]["grad"] == [[1.0, 1.0], [1.0, 1.0]]
    assert [(w["from"], np.shape(w["value"]), np.shape(w["grad"])) for w in d["wires"]] == [
        ("W", (2, 3), (2, 3)), ("X", (3, 2), (3, 2)), ("matmul1", (2, 2), (2, 2))]


def test_json_spells_non_finite_elements_and_undefined_shapes(capsys):
    code, out, err = run(capsys, "eval", "--expr", "1/x + y", "--set", "x=[0, 2]",
                         "--output", "reciprocal1", "--json")
    assert code == 0, err
    d = json.loads(out)  # strict JSON: no bare NaN or Infinity
    assert d["nodes"]["reciprocal1"]["value"] == ["inf", 0.5]
    assert d["nodes"]["x"]["grad"] == ["-inf", -0.25]


def test_an_array_output_says_its_gradients_are_those_of_its_sum(capsys):
    code, out, err = run(capsys, "eval", "--expr", "W @ x", "--set", "W=[[1,2],[3,4]]",
                         "--set", "x=[1,-1]")
    assert code == 0, err
    assert "f = (2) [-1.00, -1.00]   (output: matmul1)" in out
    assert "f is an array: the gradients are those of sum(f)" in out
    assert "(2) [4.00, 6.00]" in out  # dx = Wᵀ·1


def test_undefined_nodes_show_no_shape(capsys, tmp_path):
    c = parse("sum(x * y)")
    c.disconnect("multiply1", 1)  # an open port: undefined, not a shape clash
    c.set_value("x", [1.0, 2.0])
    path = tmp_path / "open.chainwire"
    fileio.save(c, path)
    code, out, err = run(capsys, "eval", str(path), "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["nodes"]["x"]["shape"] == [2]
    assert d["nodes"]["multiply1"]["shape"] is None and d["nodes"]["sum1"]["value"] is None


# ----- shape clashes: one error line -------------------------------------------------

def test_a_set_that_breaks_a_gate_downstream_is_one_error_line(capsys):
    code, out, err = run(capsys, "eval", "--expr", "sum(W @ X)", "--set", "W=[[1,2,3],[4,5,6]]",
                         "--set", "X=[[1,2],[3,4]]")
    assert_one_error_line(code, out, err, "shapes do not fit at matmul1",
                          "matmul needs (2×3)·(3×k): got (2×3) and (2×2)")


def test_a_file_whose_shapes_clash_is_one_error_line_naming_every_gate(capsys, tmp_path):
    c = parse("sum(A @ B) + sum(B @ A) + sum(A + C)")
    c.set_value("A", np.ones((2, 3)))
    c.set_value("B", np.ones((2, 3)))
    c.set_value("C", np.ones(3))
    path = tmp_path / "clash.chainwire"
    fileio.save(c, path)
    for command in ("eval", "check", "code"):
        code, out, err = run(capsys, command, str(path))
        assert_one_error_line(code, out, err, "shapes do not fit at matmul1: matmul needs",
                              "got (2×3) and (2×3) (and at 1 more gate)")


def test_bad_array_text_in_set_is_one_error_line(capsys):
    for text, words in (("W=[[1,2],[3,4,5]]", "row 2 has 3 numbers, row 1 has 2"),
                        ("W=[[[1]]]", "a value has at most 2 dimensions"),
                        ("W=[1, NaN]", "NaN is not a finite number"),
                        ("W=[]", "an empty list has no numbers")):
        code, out, err = run(capsys, "eval", "--expr", "sum(W)", "--set", text)
        assert_one_error_line(code, out, err, f"--set {text}: {words}")


def test_expression_misuse_is_one_error_line_with_its_column(capsys):
    code, out, err = run(capsys, "eval", "--expr", "sum(W.T())")
    assert_one_error_line(code, out, err, "--expr: column 8: '.T' is not a function")


# ----- check and code ----------------------------------------------------------------

def test_check_judges_every_element_and_finds_relu_kinks(capsys):
    code, out, err = run(capsys, "check", "--expr", "sum(relu(W @ x + b))",
                         "--set", "W=[[1,2],[3,-4]]", "--set", "x=[1,-1]",
                         "--set", "b=[1, 0]", "--json")
    assert code == 0, err
    d = json.loads(out)
    rows = {(e["id"], tuple(e["index"])): e for e in d["inputs"]}
    assert sorted(rows) == [("W", (0, 0)), ("W", (0, 1)), ("W", (1, 0)), ("W", (1, 1)),
                            ("b", (0,)), ("b", (1,)), ("x", (0,)), ("x", (1,))]
    assert rows[("W", (1, 1))]["analytic"] == -1.0 and rows[("W", (1, 1))]["verdict"] == "fine"
    # W·x + b = [0, 7]: the first relu sits on its kink, so its inputs cannot be judged
    assert {k for k, e in rows.items() if e["verdict"] == "kink"} == {
        ("W", (0, 0)), ("W", (0, 1)), ("b", (0,)), ("x", (0,)), ("x", (1,))}
    assert d["passed"] is True and d["f"] == 7.0


def test_check_fails_on_a_wrong_element(capsys, monkeypatch):
    from chainwire.graph.gates_array import Sum

    def half_wrong(self, xs, out, up, c=None):
        g = np.full(np.shape(xs[0]), float(up))
        g.flat[-1] *= 2.0
        return [g]

    monkeypatch.setattr(Sum, "backward", half_wrong)
    code, out, err = run(capsys, "check", "--expr", "sum(x * x)", "--set", "x=[1, 2, 3]")
    assert code == 1, err
    lines = {line.split()[0]: line.split()[-1] for line in out.splitlines()[1:4]}
    assert lines == {"x[0]": "fine", "x[1]": "fine", "x[2]": "wrong"}


def test_code_on_the_notes_example_prints_what_eval_prints(capsys, tmp_path):
    code, out, err = run(capsys, "eval", *NOTES, "--json")
    assert code == 0, err
    script = tmp_path / "wx.py"
    code, _, err = run(capsys, "code", *NOTES, "-o", str(script))
    assert code == 0, err
    ran = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == out
    text = script.read_text(encoding="utf-8")
    assert "dW = dmatmul1 @ X.T" in text and "dX = W.T @ dmatmul1" in text


@pytest.mark.parametrize("argv", [
    ["eval", *NOTES],
    ["eval", "--expr", "sum(W @ X)", "--set", "W=[[1,2,3],[4,5,6]]", "--set", "X=[[1],[2]]"],
])
def test_the_installed_command(argv):
    """The real ``chainwire`` entry point, as a user runs it."""
    ran = subprocess.run([sys.executable, "-m", "chainwire", *argv], capture_output=True,
                         text=True, timeout=120)
    if "X=[[1],[2]]" in argv:
        assert ran.returncode == 2 and ran.stdout == ""
        assert ran.stderr == ("chainwire: error: shapes do not fit at matmul1: matmul needs "
                              "(2×3)·(3×k): got (2×3) and (2×1)\n")
    else:
        assert ran.returncode == 0 and ran.stderr == ""
        assert "f = 163.00   (output: sum1)" in ran.stdout


# ----- new and render --------------------------------------------------------------------

def test_new_writes_the_arrays_and_render_tex_draws_them(capsys, tmp_path):
    path = tmp_path / "wx.chainwire"
    code, out, err = run(capsys, "new", *NOTES, "-o", str(path))
    assert (code, out, err) == (0, "", "")
    saved = fileio.load(path)
    assert saved.node("W").value.tolist() == W.tolist()
    scalar_layout = parse("sum(W @ X)")
    assert abs(saved.node("W").pos[1] - saved.node("X").pos[1]) > abs(
        scalar_layout.node("W").pos[1] - scalar_layout.node("X").pos[1])  # room for arrays
    code, out, err = run(capsys, "eval", str(path))
    assert code == 0 and "f = 163.00" in out
    tex = tmp_path / "wx.tex"
    ran = subprocess.run([sys.executable, "-m", "chainwire", "render", str(path), "-o",
                          str(tex)], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert r"$(2{\times}2)$\\$[22.00\ \ 28.00]$\\$[49.00\ \ 64.00]$" in tex.read_text()


def test_new_keeps_a_circuit_whose_shapes_clash_editable(capsys, tmp_path):
    """``new`` computes nothing: the file is written, the clash is for the editor to show."""
    path = tmp_path / "clash.chainwire"
    code, out, err = run(capsys, "new", "--expr", "sum(W @ X)", "--set", "W=[1, 2]",
                         "-o", str(path))
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "eval", str(path))
    assert_one_error_line(code, out, err, "got (2) and scalar")
