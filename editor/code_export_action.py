"""File → Export as Python…: the open circuit as the notes' staged code (``graph.codegen``).

The window knows nothing of it beyond the install call (``formula_tools`` makes it,
beside Export as TikZ…). The script is written atomically like every other file
Chainwire writes; a refusal (a folder, a FIFO, a read-only file) says why in the status
bar and leaves the disk as it was.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow

from chainwire.editor import files
from chainwire.editor.i18n import error_text
from chainwire.graph.codegen import to_python
from chainwire.graph.fileio.atomic import write_atomic

PYTHON_FILTER = QT_TRANSLATE_NOOP("CodeExport", "Python script (*.py)")
FOLDER_KIND = "python"
"""The kind of file whose last folder the dialog remembers (``files.remember_folder``)."""


class CodeExport(QObject):
    """One window's Export as Python… action; kept as ``window.code_export``."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.action: QAction = window._action(
            self.tr("Export as &Python…"), lambda: self.export_python(),
            tip=self.tr("The forward and backward pass as staged numpy code, as in the "
                        "notes; running it prints every value and gradient"))

    def export_python(self, path: str | None = None) -> bool:
        """Ask where (unless ``path`` is given) and write the script; True when written."""
        w = self.window
        if path is None:
            start = os.path.join(files.start_folder(FOLDER_KIND, w.doc.path),
                                 _module_name(w._stem()) + ".py")
            path, _ = QFileDialog.getSaveFileName(w, self.tr("Export as Python"), start,
                                                  self.tr(PYTHON_FILTER))
            if not path:
                return False
            if not os.path.splitext(path)[1]:
                path += ".py"
        try:
            write_atomic(path, to_python(w.doc.circuit).encode("utf-8"))
        except (OSError, ValueError) as e:
            w.show_status(self.tr("Could not export: {0}").format(error_text(e)))
            return False
        files.remember_folder(FOLDER_KIND, path)
        w.show_status(self.tr("Exported {0}: run it with python to print every value and "
                              "gradient").format(os.path.basename(path)))
        return True


def _module_name(stem: str) -> str:
    """A document name as a file name Python can import: ``staged-2`` → ``staged_2``."""
    name = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in stem).strip("_")
    return name or "circuit"


def install_code_export(window: QMainWindow) -> CodeExport:
    """Make the action and put it in the File menu, before the export separator."""
    window.code_export = CodeExport(window)
    window.file_menu.insertAction(window._export_separator, window.code_export.action)
    return window.code_export
