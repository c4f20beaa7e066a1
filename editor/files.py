"""File chores for the main window: recent files, remembered folders, bundled examples.

Dialog calls go through ``QMessageBox``/``QFileDialog`` static functions so tests can
monkeypatch them (modal dialogs cannot be clicked offscreen).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from chainwire.graph.fileio import EXTENSION

MAX_RECENT = 10
DEFAULT_EXAMPLE = "neuron"
CIRCUITS, IMAGES = "circuits", "images"  # kinds of file whose last folder is remembered


def file_filter() -> str:
    """The open/save dialogs' filter in the interface language."""
    return ";;".join((
        QCoreApplication.translate("Files", "Chainwire circuits (*{0})").format(EXTENSION),
        QCoreApplication.translate("Files", "JSON files (*.json)"),
        QCoreApplication.translate("Files", "All files (*)")))


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
    return [(QCoreApplication.translate("examples", example_name(p)), p) for p in found]


def example_name(path: str | Path) -> str:
    """An example's English menu title, from its file name ("add-multiply" → "Add
    multiply"); menus show it translated (the catalogue's "examples" context)."""
    return Path(path).stem.replace("-", " ").capitalize()


def default_example() -> Path | None:
    p = examples_dir() / f"{DEFAULT_EXAMPLE}{EXTENSION}"
    if p.exists():
        return p
    found = examples()
    return found[0][1] if found else None


def example_title(path: str | Path) -> str:
    """How an example opened as an untitled copy is named in the title bar."""
    return QCoreApplication.translate("Files", "{0} (example)").format(Path(path).stem)


def with_extension(path: str) -> str:
    """Add .chainwire when the user typed a bare name."""
    return path if os.path.splitext(path)[1] else path + EXTENSION


# ----- remembered folders ------------------------------------------------------------
def last_folder(kind: str) -> str | None:
    """The folder the last ``kind`` file was opened from or saved to, if it still exists."""
    value = settings().value(f"lastFolder/{kind}")
    return value if isinstance(value, str) and os.path.isdir(value) else None


def remember_folder(kind: str, path: str) -> None:
    """Remember where a ``kind`` file went (``path`` is the file, or a folder)."""
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    settings().setValue(f"lastFolder/{kind}", folder)


def standard_folder(kind: str) -> str:
    """Where a first-ever dialog of ``kind`` starts: Documents or Pictures, else home."""
    where = (QStandardPaths.PicturesLocation if kind == IMAGES
             else QStandardPaths.DocumentsLocation)
    folder = QStandardPaths.writableLocation(where)
    return folder if folder and os.path.isdir(folder) else os.path.expanduser("~")


def start_folder(kind: str, doc_path: str | None = None, fallback: str | None = None) -> str:
    """Where a file dialog should open: the last folder of this kind, else the open
    circuit's folder, else (for images) the last circuits folder, else ``fallback``,
    else Documents/Pictures/home."""
    candidates = [last_folder(kind)]
    if doc_path:
        candidates.append(os.path.dirname(os.path.abspath(doc_path)))
    if kind == IMAGES:
        candidates.append(last_folder(CIRCUITS))
    candidates.append(fallback)
    for folder in candidates:
        if folder and os.path.isdir(folder):
            return folder
    return standard_folder(kind)
