"""File chores for the main window: recent files, bundled examples, the dialogs' wording.

Dialog calls go through ``QMessageBox``/``QFileDialog`` static functions so tests can
monkeypatch them (modal dialogs cannot be clicked offscreen).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings

from chainwire.graph.fileio import EXTENSION

FILE_FILTER = f"Chainwire circuits (*{EXTENSION});;JSON files (*.json);;All files (*)"
MAX_RECENT = 10
DEFAULT_EXAMPLE = "neuron"


def settings() -> QSettings:
    return QSettings("Chainwire", "Chainwire")


def recent_files() -> list[str]:
    value = settings().value("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if isinstance(p, str)]


def remember_recent(path: str) -> list[str]:
    path = os.path.abspath(path)
    files = [path] + [p for p in recent_files() if p != path]
    files = files[:MAX_RECENT]
    settings().setValue("recentFiles", files)
    return files


def forget_recent(path: str) -> None:
    settings().setValue("recentFiles", [p for p in recent_files() if p != os.path.abspath(path)])


def examples_dir() -> Path:
    return Path(str(resources.files("chainwire.resources").joinpath("examples")))


def examples() -> list[tuple[str, Path]]:
    """(menu title, path) for every bundled example, the cs231n ones first."""
    order = ["add-multiply", "neuron", "neuron-expanded", "staged"]
    found = sorted(examples_dir().glob(f"*{EXTENSION}"))
    found.sort(key=lambda p: (order.index(p.stem) if p.stem in order else len(order), p.stem))
    return [(p.stem.replace("-", " ").capitalize(), p) for p in found]


def default_example() -> Path | None:
    p = examples_dir() / f"{DEFAULT_EXAMPLE}{EXTENSION}"
    if p.exists():
        return p
    found = examples()
    return found[0][1] if found else None


def example_title(path: str | Path) -> str:
    """How an example opened as an untitled copy is named in the title bar."""
    return f"{Path(path).stem} (example)"


def with_extension(path: str) -> str:
    """Add .chainwire when the user typed a bare name."""
    return path if os.path.splitext(path)[1] else path + EXTENSION
