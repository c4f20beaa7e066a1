"""Chainwire: backpropagation circuits where every wire shows its value and its gradient.

The installed package holds the engine (``chainwire.graph``, numpy + networkx, never Qt),
the editor (``chainwire.editor``, PySide6) and the bundled ``chainwire.resources``. Only
this folder is named ``chainwire`` in the source tree; pyproject.toml maps the layout's
top-level ``graph/``, ``editor/`` and ``resources/`` folders under it, so nothing called
``graph`` or ``editor`` is ever installed into site-packages.
"""

from __future__ import annotations


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
