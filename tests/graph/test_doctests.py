"""The docstring examples of the installed engine modules (and the number formatter) run
as tests, imported by their installed names so no second copy of a module is loaded."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import chainwire.graph

MODULES = sorted(
    [m.name for m in pkgutil.walk_packages(chainwire.graph.__path__, "chainwire.graph.")]
    + ["chainwire.editor.numbers"]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    if name == "chainwire.editor.numbers":
        pytest.importorskip("PySide6")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_the_engine_has_docstring_examples():
    found = sum(len(doctest.DocTestFinder().find(importlib.import_module(m)))
                for m in MODULES if m != "chainwire.editor.numbers")
    assert found >= 5
