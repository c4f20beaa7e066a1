"""The gradient check and TikZ on the command line: `chainwire check`, `render -o .tex`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parents[2] / "resources" / "examples").glob("*.chainwire"))


def test_the_check_subcommand(capsys):
    from chainwire.graph import cli

    assert cli.main(["check", str(EXAMPLES[0])]) == 0
    assert "passed:" in capsys.readouterr().out
    assert cli.main(["check", "--expr", "1/x", "--set", "x=0", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["passed"] is False
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error: ") and err.count("\n") == 1


def test_chainwire_check_runs_headless_without_qt():
    code = ("import sys\nfrom chainwire.entry import main\n"
            "rc = main(['check', '--expr', 'max(x, y) * z', '--set', 'x=2', '--json'])\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')]\nsys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert [e["verdict"] for e in json.loads(r.stdout)["inputs"]] == ["fine"] * 3


def test_chainwire_render_writes_tex_without_qt(tmp_path):
    out = tmp_path / "neuron.tex"
    code = ("import sys\nfrom chainwire.entry import main\n"
            f"rc = main(['render', {str(EXAMPLES[0])!r}, '-o', {str(out)!r}, '--step', '2'])\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')]\nsys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith("at step 2")


@pytest.mark.parametrize("args, message", [
    (["--step", "999"], "--step 999 is out of range"),
    (["--decimals", "9"], "--decimals must be between 0 and 6"),
])
def test_render_tex_errors_are_one_line(capsys, tmp_path, args, message):
    from chainwire.editor import render_cli

    out = tmp_path / "x.tex"
    assert render_cli.main([str(EXAMPLES[0]), "-o", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error: ") and message in err and not out.exists()
    assert render_cli.main([str(tmp_path / "none.chainwire"), "-o", str(out)]) == 2
    assert "none.chainwire" in capsys.readouterr().err
