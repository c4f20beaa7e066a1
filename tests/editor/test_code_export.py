"""File → Export as Python… and chainwire.show(value), driven offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from chainwire.editor import code_export_action, show
from chainwire.graph import fileio
from chainwire.graph.cli import result_dict
from chainwire.graph.evaluate import evaluate
from tests.graph.codegen_cases import EXAMPLES


def _open_example(window, stem: str):
    path = next(p for p in EXAMPLES if p.stem == stem)
    window.doc.replace(fileio.load(path), None, name=stem)
    return window.doc.circuit


def test_export_python_is_in_the_file_menu_after_tikz(qtbot, window):
    texts = [a.text() for a in window.file_menu.actions()]
    tikz = texts.index(window.formula.act_tikz.text())
    assert texts[tikz + 1] == window.code_export.action.text()
    assert "Python" in window.code_export.action.text()


def test_export_python_writes_a_script_that_prints_eval_json(qtbot, window, monkeypatch,
                                                             tmp_path):
    circuit = _open_example(window, "pattern-fork-adds")
    target = tmp_path / "fork"  # no extension: .py is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), PYTHON)))
    assert window.code_export.action.isEnabled()
    window.code_export.action.trigger()
    script = tmp_path / "fork.py"
    assert script.exists()
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == result_dict(circuit, evaluate(circuit))
    assert "fork.py" in window.statusBar().currentMessage()


PYTHON = code_export_action.PYTHON_FILTER


def test_export_python_cancelled_writes_nothing(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    assert window.code_export.export_python() is False
    assert not os.listdir(tmp_path)


def test_export_python_refusal_is_reported_and_leaves_the_target(qtbot, window, tmp_path):
    folder = tmp_path / "a folder.py"
    folder.mkdir()
    assert window.code_export.export_python(str(folder)) is False
    assert "Could not export" in window.statusBar().currentMessage()
    assert folder.is_dir() and not os.listdir(folder)


def test_the_default_name_is_a_module_name():
    assert code_export_action._module_name("(x + y) · z") == "x___y____z"
    assert code_export_action._module_name("staged") == "staged"
    assert code_export_action._module_name("··") == "circuit"


def test_show_opens_a_window_on_the_micrograd_graph(qtbot):
    mg = pytest.importorskip("micrograd.engine")
    x = mg.Value(2.0)
    y = (x * x + 1).relu()
    win = show.show(y, block=False)
    qtbot.addWidget(win)
    assert win.isVisible()
    c = win.doc.circuit
    assert len(c) == 5 and win.doc.evaluation.raw_value(c.output) == 5.0
    assert win.doc.evaluation.raw_grad([n.id for n in c.nodes() if n.value == 2.0][0]) == 4.0
    assert "micrograd" in win.windowTitle()
    assert not win.doc.undo_stack.canUndo()
    win.doc.undo_stack.setClean()


def test_show_runs_the_loop_only_when_none_runs(qtbot, monkeypatch):
    mg = pytest.importorskip("micrograd.engine")
    app = QApplication.instance()
    ran = []
    monkeypatch.setattr(type(app), "exec", lambda self: ran.append(True) or 0)
    win = show.show(mg.Value(1.0) * 3)
    qtbot.addWidget(win)
    assert ran == [True]  # no loop was running: show blocks like matplotlib's
    assert show.event_loop_running(app) is False
    win.doc.undo_stack.setClean()
