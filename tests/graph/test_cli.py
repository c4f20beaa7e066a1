"""The headless command line: eval and new, the JSON contract, errors, and no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from chainwire import resources
from chainwire.entry import main
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.expr import parse
from chainwire.graph.layout import layout

EXAMPLES = Path(resources.__file__).parent / "examples"
NEURON = str(EXAMPLES / "neuron.chainwire")
NEURON_GRADS = [-0.19661193324148185, 0.3932238664829637, -0.3932238664829637,
                -0.5898357997244456, 0.19661193324148185]
ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def assert_one_error_line(code: int, err: str, *words: str) -> None:
    assert code == 2
    assert err.startswith("chainwire: error: ")
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "Traceback" not in err
    for w in words:
        assert w in err, err


# ----- eval: the JSON contract ----------------------------------------------------------

def test_neuron_json_reference_numbers(capsys):
    d = run_json(capsys, "eval", NEURON)
    assert set(d) == {"output", "nodes", "wires"}
    assert d["output"] == "f"
    assert d["nodes"]["f"]["value"] == 0.7310585786300049
    grads = [d["nodes"][n]["grad"] for n in ("w0", "x0", "w1", "x1", "w2")]
    assert grads == pytest.approx(NEURON_GRADS, rel=1e-15, abs=0)
    for nid, n in d["nodes"].items():
        assert set(n) == {"type", "label", "shape", "value", "grad"}, nid
        assert n["shape"] == [], nid  # every value a number
    assert d["nodes"]["w0"] == {"type": "input", "label": "w0", "shape": [], "value": 2.0,
                                "grad": pytest.approx(NEURON_GRADS[0], rel=1e-15)}
    for w in d["wires"]:
        assert set(w) == {"from", "to", "port", "value", "grad"}
        assert isinstance(w["port"], int)
        assert w["value"] == d["nodes"][w["from"]]["value"]


def test_expr_json_with_sets_matches_the_notes(capsys):
    d = run_json(capsys, "eval", "--expr", "(x + y) * z", "--set", "x=-2", "--set", "y=5",
                 "--set", "z=-4")
    assert d["nodes"][d["output"]]["value"] == -12.0
    assert {n: d["nodes"][n]["grad"] for n in "xyz"} == {"x": -4.0, "y": -4.0, "z": 3.0}
    assert {n: d["nodes"][n]["label"] for n in "xyz"} == {"x": "x", "y": "y", "z": "z"}
    by_end = {(w["from"], w["port"]): (w["value"], w["grad"]) for w in d["wires"]}
    assert by_end[("z", 1)] == (-4.0, 3.0)


def test_json_wires_carry_their_branch_gradient(capsys):
    d = run_json(capsys, "eval", "--expr", "x * x", "--set", "x=3")
    assert [(w["from"], w["port"], w["grad"]) for w in d["wires"]] == [("x", 0, 3.0),
                                                                      ("x", 1, 3.0)]
    assert d["nodes"]["x"]["grad"] == 6.0


def test_nan_and_inf_are_strings(capsys):
    d = run_json(capsys, "eval", "--expr", "(1 / x) * y", "--set", "x=0", "--set", "y=0")
    rec = next(n for n in d["nodes"].values() if n["type"] == "reciprocal")
    assert rec["value"] == "inf"
    assert d["nodes"][d["output"]]["value"] == "nan"
    d = run_json(capsys, "eval", "--expr", "-1 / x", "--set", "x=0")
    assert d["nodes"][d["output"]]["value"] == "-inf"
    assert d["nodes"]["x"]["grad"] == "inf"
    code, out, _ = run(capsys, "eval", "--expr", "(1 / x) * y", "--set", "x=0", "--set", "y=0",
                       "--json")
    assert "NaN" not in out and "Infinity" not in out  # strict JSON


def half_built(tmp_path: Path) -> str:
    c = Circuit()
    c.add_node("input", "x", value=2.0)
    c.add_node("square", "s")
    c.add_node("add", "a")
    c.connect("x", "s", 0)
    c.connect("s", "a", 0)  # port 1 open: a is undefined
    path = tmp_path / "half.chainwire"
    fileio.save(c, path)
    return str(path)


def test_undefined_is_null(capsys, tmp_path):
    d = run_json(capsys, "eval", half_built(tmp_path))
    assert d["output"] is None  # the only sink is undefined: no gradients
    assert d["nodes"]["a"]["value"] is None and d["nodes"]["a"]["grad"] is None
    assert d["nodes"]["s"]["value"] == 4.0 and d["nodes"]["s"]["grad"] is None
    assert all(w["grad"] is None for w in d["wires"])


def test_table_says_why_there_are_no_gradients(capsys, tmp_path):
    code, out, _ = run(capsys, "eval", half_built(tmp_path))
    assert code == 0
    assert "no gradients:" in out and "undefined" in out
    assert "n/a" in out


def test_output_option_picks_another_node(capsys):
    d = run_json(capsys, "eval", NEURON, "--output", "dot")
    assert d["output"] == "dot"
    assert d["nodes"]["w0"]["grad"] == -1.0  # d(dot)/dw0 = x0
    code, _, err = run(capsys, "eval", NEURON, "--output", "nope")
    assert_one_error_line(code, err, "nope")


def test_set_by_unique_label(capsys, tmp_path):
    c = Circuit()
    c.add_node("input", "n1", label="x", value=1.0)
    c.add_node("input", "n2", label="y", value=1.0)
    c.add_node("input", "n3", label="y", value=1.0)
    c.add_node("multiply", "m")
    for p, s in enumerate(("n1", "n2", "n3")):
        c.connect(s, "m", p)
    path = tmp_path / "labels.chainwire"
    fileio.save(c, path)
    d = run_json(capsys, "eval", str(path), "--set", "x=5", "--set", "n2=2")
    assert d["nodes"]["n1"]["value"] == 5.0 and d["nodes"]["m"]["value"] == 10.0
    code, _, err = run(capsys, "eval", str(path), "--set", "y=2")
    assert_one_error_line(code, err, "several")
    code, _, err = run(capsys, "eval", str(path), "--set", "m=2")
    assert_one_error_line(code, err, "multiply gate")


# ----- eval: the table -------------------------------------------------------------------

def test_table_in_the_notes_style(capsys):
    code, out, err = run(capsys, "eval", str(EXAMPLES / "add-multiply.chainwire"))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["from", "to/port", "value", "gradient"]
    assert ["x", "q/0", "-2.00", "-4.00"] in [ln.split() for ln in lines]
    assert ["z", "f/1", "-4.00", "3.00"] in [ln.split() for ln in lines]
    assert any(ln.startswith("f = -12.00") for ln in lines)


def test_decimals(capsys):
    code, out, _ = run(capsys, "eval", NEURON, "--decimals", "5")
    assert code == 0 and "f = 0.73106" in out
    code, _, err = run(capsys, "eval", NEURON, "--decimals", "-1")
    assert_one_error_line(code, err, "--decimals")


# ----- eval: timings ---------------------------------------------------------------------

def test_repeat_timings_prints_one_json_line_on_stderr(capsys):
    code, out, err = run(capsys, "eval", NEURON, "--repeat", "5", "--timings", "--json")
    assert code == 0
    assert json.loads(out)["output"] == "f"
    lines = err.splitlines()
    assert len(lines) == 1
    t = json.loads(lines[0])
    assert set(t) == {"gates", "load_s", "compile_s", "eval_s"}
    assert t["gates"] == 4
    assert all(isinstance(t[k], float) and t[k] >= 0 for k in ("load_s", "compile_s", "eval_s"))


def test_repeat_must_be_positive(capsys):
    code, _, err = run(capsys, "eval", NEURON, "--repeat", "0", "--timings")
    assert_one_error_line(code, err, "--repeat")


# ----- errors: one line, exit 2 --------------------------------------------------------------

def test_missing_file(capsys, tmp_path):
    code, out, err = run(capsys, "eval", str(tmp_path / "nope.chainwire"))
    assert out == ""
    assert_one_error_line(code, err, "nope.chainwire", "No such file")


def test_bad_json_file(capsys, tmp_path):
    bad = tmp_path / "bad.chainwire"
    bad.write_text('{"format": "chainwire", "version": 1, "nodes": [', encoding="utf-8")
    code, out, err = run(capsys, "eval", str(bad))
    assert out == ""
    assert_one_error_line(code, err, "bad.chainwire")


def test_a_folder_is_not_a_file(capsys, tmp_path):
    code, _, err = run(capsys, "eval", str(tmp_path))
    assert_one_error_line(code, err)


@pytest.mark.parametrize("setting, words", [
    ("nope=1", ["no input", "'nope'"]),
    ("x=abc", ["x=abc", "not a number"]),
    ("x=nan", ["finite"]),
    ("x=inf", ["finite"]),
    ("x=-inf", ["finite"]),
    ("x", ["ID=VALUE"]),
    ("=3", ["ID=VALUE"]),
])
def test_bad_set(capsys, setting, words):
    code, out, err = run(capsys, "eval", "--expr", "x * y", "--set", setting)
    assert out == ""
    assert_one_error_line(code, err, *words)


def test_bad_expression_names_the_column(capsys):
    code, out, err = run(capsys, "eval", "--expr", "x % y")
    assert out == ""
    assert_one_error_line(code, err, "column 3", "'%'")


@pytest.mark.parametrize("argv, words", [
    (["eval"], ["FILE", "--expr"]),
    (["eval", NEURON, "--expr", "x"], ["not allowed with"]),
    (["eval", NEURON, "--bogus"], ["--bogus"]),
    (["eval", NEURON, "--set"], ["--set"]),
    (["new", "--expr", "x"], ["-o"]),
    (["new", "-o", "f.chainwire"], ["--expr"]),
])
def test_usage_errors_are_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert out == ""
    assert_one_error_line(code, err, *words)


def test_help_exits_zero(capsys):
    code, out, _ = run(capsys, "eval", "--help")
    assert code == 0 and "--set" in out
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "eval" in out and "new" in out


# ----- new -------------------------------------------------------------------------------

def test_new_writes_a_loadable_laid_out_file(capsys, tmp_path):
    path = tmp_path / "f.chainwire"
    code, out, err = run(capsys, "new", "--expr", "(x + y) * z", "--set", "z=-4", "-o",
                         str(path))
    assert (code, err) == (0, "")
    c = fileio.load(path)
    assert c.node("z").value == -4.0 and c.output is not None
    expected = layout(parse("(x + y) * z"))  # the one layout, as Auto Layout uses it
    assert {n.id: n.pos for n in c.nodes()} == {k: tuple(map(float, p))
                                                for k, p in expected.items()}
    d = run_json(capsys, "eval", str(path), "--set", "x=-2", "--set", "y=5")
    assert d["nodes"][d["output"]]["value"] == -12.0


def test_new_overwrites(capsys, tmp_path):
    path = tmp_path / "f.chainwire"
    path.write_text("old", encoding="utf-8")
    code, _, _ = run(capsys, "new", "--expr", "x * x", "-o", str(path))
    assert code == 0 and fileio.load(path).output is not None


def test_new_to_stdout(capsys):
    code, out, _ = run(capsys, "new", "--expr", "sigmoid(x)", "-o", "-")
    assert code == 0
    assert fileio.loads(out).type_of(fileio.loads(out).output) == "sigmoid"


def test_new_errors(capsys, tmp_path):
    code, _, err = run(capsys, "new", "--expr", "x +", "-o", str(tmp_path / "a.chainwire"))
    assert_one_error_line(code, err, "column 4")
    assert not (tmp_path / "a.chainwire").exists()
    code, _, err = run(capsys, "new", "--expr", "x", "-o", str(tmp_path / "no" / "a.chainwire"))
    assert_one_error_line(code, err, "cannot save")


# ----- the editor and render branches ---------------------------------------------------------

def fake_module(monkeypatch, name: str) -> list:
    calls: list = []
    mod = types.ModuleType(name)
    mod.main = lambda argv: calls.append(list(argv)) or 0
    monkeypatch.setitem(sys.modules, name, mod)
    return calls


@pytest.mark.parametrize("argv", [[], ["some.chainwire"], ["some.chainwire", "--screenshot",
                                                             "out.png"], ["newfile"]])
def test_anything_but_a_subcommand_opens_the_editor(monkeypatch, argv):
    calls = fake_module(monkeypatch, "chainwire.editor.app")
    assert main(argv) == 0
    assert calls == [argv]


def test_render_is_delegated(monkeypatch):
    calls = fake_module(monkeypatch, "chainwire.editor.render_cli")
    assert main(["render", "a.chainwire", "-o", "a.png"]) == 0
    assert calls == [["a.chainwire", "-o", "a.png"]]


@pytest.mark.parametrize("module, argv, what", [
    ("chainwire.editor.app", ["x.chainwire"], "the editor is not available"),
    ("chainwire.editor.render_cli", ["render", "x"], "the renderer is not available"),
])
def test_missing_editor_is_one_line(monkeypatch, capsys, module, argv, what):
    monkeypatch.setitem(sys.modules, module, None)  # makes the import fail
    code, _, err = run(capsys, *argv)
    assert_one_error_line(code, err, what)


# ----- subprocesses: the real entry points, and no Qt for headless commands ----------------------

def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    return env


def test_python_dash_m_chainwire_eval_json():
    r = subprocess.run([sys.executable, "-m", "chainwire", "eval", NEURON, "--json"],
                       capture_output=True, text=True, env=subprocess_env(), timeout=60)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["nodes"]["f"]["value"] == 0.7310585786300049


def test_subprocess_error_is_one_line_without_traceback(tmp_path):
    r = subprocess.run([sys.executable, "-m", "chainwire", "eval", str(tmp_path / "missing")],
                       capture_output=True, text=True, env=subprocess_env(), timeout=60)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("chainwire: error: ") and r.stderr.count("\n") == 1


@pytest.mark.parametrize("argv", [
    ["eval", NEURON, "--json"],
    ["eval", "--expr", "(x + y) * z", "--set", "x=-2"],
    ["new", "--expr", "sigmoid(x)", "-o", "-"],
    ["eval", "/nonexistent.chainwire"],
])
def test_headless_commands_never_import_qt(argv):
    code = ("import sys, json\n"
            "from chainwire.entry import main\n"
            f"rc = main({argv!r})\n"
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken', "
            "'chainwire.editor')))\n"
            "print(json.dumps({'rc': rc, 'qt': qt}), file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=subprocess_env(), timeout=60)
    report = json.loads(r.stderr.strip().splitlines()[-1])
    assert report["qt"] == []
    assert report["rc"] in (0, 2)


def test_a_long_bad_set_is_cut_in_the_message(capsys):
    """The error line quotes a --set item up to 60 characters, not all of it."""
    code, out, err = run(capsys, "eval", "--expr", "x", "--set", "x=" + "a" * 5000)
    assert out == ""
    assert_one_error_line(code, err, "--set x=aaa", "...", "not a number")
    assert len(err) < 300
