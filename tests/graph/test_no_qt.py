"""The engine never imports Qt: the CLI and tests run without a display or PySide6."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

CORE = ["chainwire", "chainwire.entry", "chainwire.graph", "chainwire.graph.evaluate",
        "chainwire.graph.circuit", "chainwire.graph.gates", "chainwire.graph.errors"]
OPTIONAL = ["chainwire.graph.fileio", "chainwire.graph.cli", "chainwire.graph.expr",
            "chainwire.graph.steps", "chainwire.graph.layout"]


def _present(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def test_importing_the_engine_loads_no_pyside6():
    modules = CORE + [m for m in OPTIONAL if _present(m)]
    code = (f"import sys\nfor m in {modules!r}:\n    __import__(m)\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "assert not bad, bad\nprint('ok', len(sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok")


def test_core_modules_present():
    for m in CORE:
        assert _present(m), m
