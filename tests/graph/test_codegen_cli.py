"""``chainwire code FILE [-o OUT.py]``: the real command, its script run by a real Python,
compared with ``chainwire eval --json``; errors are one ``chainwire: error:`` line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.graph.codegen_cases import EXAMPLES

EXAMPLE = next(p for p in EXAMPLES if p.stem == "pattern-fork-adds")


def chainwire(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chainwire", *args], capture_output=True,
                          text=True, encoding="utf-8", input=stdin, timeout=120)


def python(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                          timeout=120)


def test_code_to_a_file_runs_to_eval_json(tmp_path):
    out = tmp_path / "fork.py"
    r = chainwire("code", str(EXAMPLE), "-o", str(out))
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""
    ran = python(out)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == chainwire("eval", str(EXAMPLE), "--json").stdout


def test_code_prints_the_script_by_default_and_with_dash(tmp_path):
    plain, dash = chainwire("code", str(EXAMPLE)), chainwire("code", str(EXAMPLE), "-o", "-")
    assert plain.returncode == dash.returncode == 0
    assert plain.stdout == dash.stdout and plain.stdout.startswith('"""The forward')
    compile(plain.stdout, "<script>", "exec")


def test_code_with_expr_and_set(tmp_path):
    out = tmp_path / "e.py"
    r = chainwire("code", "--expr", "(x + y) * z", "--set", "x=-2", "--set", "y=5",
                  "--set", "z=-4", "-o", str(out))
    assert r.returncode == 0, r.stderr
    got = json.loads(python(out).stdout)
    assert got["nodes"]["x"]["grad"] == -4.0 and got["nodes"]["z"]["grad"] == 3.0
    assert "dz = add1 * dmultiply1  # multiply swaps" in out.read_text(encoding="utf-8")


def test_code_reads_stdin():
    r = chainwire("code", "-", stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert r.returncode == 0 and "# backward pass" in r.stdout


@pytest.mark.parametrize(("args", "says"), [
    (["missing.chainwire"], "missing.chainwire"),
    (["--expr", "x +"], "--expr"),
    ([str(EXAMPLE), "--set", "nope=1"], "--set nope"),
    ([], "FILE"),
])
def test_errors_are_one_line_and_status_2(args, says):
    r = chainwire("code", *args)
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("chainwire: error:") and says in lines[0]


def test_a_refused_target_is_one_error_and_left_alone(tmp_path):
    folder = tmp_path / "out.py"
    folder.mkdir()
    r = chainwire("code", str(EXAMPLE), "-o", str(folder))
    assert r.returncode == 2 and r.stderr.startswith("chainwire: error:")
    assert folder.is_dir() and not os.listdir(folder)


def test_code_loads_no_qt(tmp_path):
    out = tmp_path / "s.py"
    code = ("import sys\nfrom chainwire.entry import main\n"
            f"status = main(['code', {str(EXAMPLE)!r}, '-o', {str(out)!r}])\n"
            "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
            "print(status, bad)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert r.stdout.strip() == "0 []", r.stderr
    assert out.exists()


def test_help_lists_code():
    r = chainwire("--help")
    assert r.returncode == 0 and "code" in r.stdout
    r = chainwire("code", "--help")
    assert r.returncode == 0 and "staged" in r.stdout
