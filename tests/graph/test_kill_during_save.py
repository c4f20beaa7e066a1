"""A saver SIGKILLed at random moments leaves the old or the new file, never a broken one.

The short version of ``benchmarks/kill_during_save.py`` (which does 200+ runs).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "kill_during_save.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def _bench():
    spec = importlib.util.spec_from_file_location("kill_during_save", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kill_during_save_leaves_old_or_new(tmp_path):
    result = _bench().run(runs=20, nodes=200, seed=5, folder=str(tmp_path))
    assert result["bad"] == 0, result["examples"]
    assert result["old"] + result["new"] == 20
    # the kills landed in different phases: some before, some after a rename
    assert result["old"] > 0 and result["new"] > 0, result
