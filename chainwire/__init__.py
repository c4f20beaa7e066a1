"""Chainwire: backpropagation circuits where every wire shows its value and its gradient.

The installed package holds the engine (``chainwire.graph``, numpy + networkx, never Qt),
the editor (``chainwire.editor``, PySide6) and the bundled ``chainwire.resources``. Only
this folder is named ``chainwire`` in the source tree; pyproject.toml maps the layout's
top-level ``graph/``, ``editor/`` and ``resources/`` folders under it, so nothing called
``graph`` or ``editor`` is ever installed into site-packages.

``chainwire.from_micrograd(value, path=None)`` turns a micrograd graph into a circuit and
``chainwire.show(value)`` opens it in the editor; both are imported on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["from_micrograd", "show", "version"]

_LAZY = {"from_micrograd": "chainwire.graph.micrograd_import",  # numpy + networkx
         "show": "chainwire.editor.show"}  # loads Qt only when called
"""Names imported on first use, so ``import chainwire`` stays cheap and loads no Qt."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'chainwire' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def version() -> str:
    """The installed distribution's version ("(development)" in a bare source tree)."""
    try:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as _dist_version
    except ImportError:  # pragma: no cover - always present on Python >= 3.8
        return "(development)"
    try:
        return _dist_version("chainwire")
    except PackageNotFoundError:
        return "(development)"
