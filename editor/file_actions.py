"""MainWindow's File menu: new, open, save, save as, recent files, examples, export.

A failed open leaves the current document, its undo stack and title untouched; a
failed save says why and leaves the document modified. File dialogs remember the last
folder per kind (circuits, images) across sessions, so Save As and Export start where
the user last worked instead of the home folder. New resets the view to 100 %; opening
fits the circuit. A big file is read in the background with a Cancel button
(``background_open``); the document open meanwhile stays until the new one is ready.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from chainwire.editor import dialogs, export, files
from chainwire.editor.background_open import BackgroundOpen, is_big, load_drawable
from chainwire.editor.files import CIRCUITS, IMAGES
from chainwire.editor.i18n import error_text
from chainwire.editor.recovery import write_backup
from chainwire.editor.wording import english_plural
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ChainwireError


def image_filters() -> dict[str, str]:
    """The export dialog's filters by extension, in the interface language."""
    return {".png": QCoreApplication.translate("FileActions", "PNG image (*.png)"),
            ".svg": QCoreApplication.translate("FileActions", "SVG drawing (*.svg)"),
            ".pdf": QCoreApplication.translate("FileActions", "PDF document (*.pdf)")}


def _reason(error: Exception) -> str:
    """Why a file did not open or save, in the interface language (an OSError too: its
    coded or system words, ``i18n.error_text``)."""
    return error_text(error)


class FileActions:
    """The File menu's slots (a mixin: the window is a QMainWindow with ``doc``)."""

    export_scale = 2.0  # the last PNG scale chosen; Copy Image uses it too
    opening: BackgroundOpen | None = None  # a big file being read in the background

    # ----- unsaved changes -----------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes. True: go ahead."""
        if not self.doc.modified:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("Save the changes to “{}” before closing it?").format(
                self.doc.display_name()),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # ----- new and open ----------------------------------------------------------------
    def new_document(self) -> None:
        if self.maybe_save():
            self.doc.replace(Circuit(), None)
            self.view.reset_view()
            self.show_status(self.tr("New circuit: drag gates from the palette, or press Tab"))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = files.start_folder(CIRCUITS, self.doc.path, str(files.examples_dir()))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Circuit"), start,
                                              files.file_filter())
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True, example: bool = False,
                  report: Callable[[str, Exception], None] | None = None) -> bool:
        """Open ``path`` into this window. On failure the current document is untouched.

        A big file is read in the background (``background_open``): this returns True
        at once and the window takes the circuit when it is ready (or says why not;
        ``self.opening.finished`` tells when). ``report(path, error)`` says why a file
        failed instead of the File menu's box (start-up words it its own way).
        """
        if ask and not self.maybe_save():
            return False
        if self.opening is not None:
            self.opening.cancel()
        if not example and is_big(path):
            self.opening = BackgroundOpen(self, path, report)
            return True
        try:
            circuit = load_drawable(path)
        except (ChainwireError, OSError) as e:
            self.open_failed(path, e, example, report)
            return False
        return self.finish_open(path, circuit, example)

    def finish_open(self, path: str, circuit: Circuit, example: bool = False,
                    evaluation=None) -> bool:
        """Show a circuit read from ``path`` (``evaluation``: already made for it)."""
        if self.doc.modified and not self.maybe_save():  # edited while a big file loaded
            self.show_status(self.tr("Did not open {}").format(os.path.basename(path)))
            return False
        # examples open as untitled copies, so Save never writes into the install folder
        self.doc.replace(circuit, None if example else path,
                         name=files.example_title(path) if example else None,
                         adopt=True, evaluation=evaluation)
        if not example:
            files.remember_recent(path)
            files.remember_folder(CIRCUITS, path)
            self._refresh_recent_menu()
        self.view.fit()
        self.show_status(self.tr("Opened {}").format(os.path.basename(path)))
        return True

    def open_failed(self, path: str, error: Exception, example: bool = False,
                    report: Callable[[str, Exception], None] | None = None) -> None:
        """Say why ``path`` did not open; a missing file leaves the recent list."""
        (report or self._report_open_error)(path, error)
        if not example and not os.path.exists(path):
            files.forget_recent(path)
            self._refresh_recent_menu()

    def _report_open_error(self, path: str, error: Exception) -> None:
        name, text = os.path.basename(path), _reason(error)
        QMessageBox.critical(self, self.tr("Cannot open circuit"),
                             self.tr("“{0}” could not be opened.\n\n{1}\n\n"
                                     "The circuit you had open is unchanged.").format(name, text))
        self.show_status(self.tr("Could not open {0}: {1}").format(name, text))

    def _open_dropped(self, paths: list[str]) -> None:
        if paths:
            self.open_path(paths[0])

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = files.recent_files()
        for p in recent:
            a = self.recent_menu.addAction(os.path.basename(p))
            a.setToolTip(p)
            a.triggered.connect(lambda _=False, p=p: self.open_path(p))
        self.recent_menu.setEnabled(bool(recent))

    # ----- save --------------------------------------------------------------------------
    def save(self) -> bool:
        if not self.doc.path:
            return self.save_as()
        return self.save_to(self.doc.path)

    def _stem(self) -> str:
        """The document's name without extension: what a new file is called by default."""
        name = self.doc.display_name().removesuffix(" (example)")
        return os.path.splitext(name)[0] if name.endswith(fileio.EXTENSION) else name

    def save_as(self) -> bool:
        start = self.doc.path or os.path.join(files.start_folder(CIRCUITS),
                                              self._stem() + fileio.EXTENSION)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Circuit As"), start,
                                              files.file_filter())
        if not path:
            return False
        return self.save_to(files.with_extension(path))

    def save_to(self, path: str) -> bool:
        backup_error = None
        try:  # keep the previous version as name.chainwire.bak
            write_backup(path)
        except OSError as e:  # still save: the atomic save leaves the old file intact
            backup_error = error_text(e)
        try:
            fileio.save(self.doc.circuit, path)
        except (ChainwireError, OSError) as e:
            text = _reason(e)
            QMessageBox.critical(
                self, self.tr("Cannot save circuit"),
                self.tr("“{0}” could not be saved.\n\n{1}\n\nYour circuit is still open and "
                        "unsaved; try another folder with Save As.").format(
                    os.path.basename(path), text))
            self.show_status(self.tr("Save failed: {}").format(text))
            return False
        self.doc.mark_saved(path)
        self.recovery.discard()
        files.remember_recent(path)
        files.remember_folder(CIRCUITS, path)
        self._refresh_recent_menu()
        msg = self.tr("Saved {}").format(os.path.basename(path))
        if backup_error:
            msg += " " + self.tr("(no backup made: {})").format(backup_error)
        self.show_status(msg)
        return True

    # ----- export (the classroom's File menu actions call these) -------------------------
    def export_image_dialog(self) -> bool:
        """File → Export Image: PNG (asks the scale), SVG or PDF, by the chosen name."""
        start = os.path.join(files.start_folder(IMAGES, self.doc.path), self._stem() + ".png")
        filters = image_filters()
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export Image"), start, ";;".join(filters.values()))
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += next((ext for ext, f in filters.items() if f == chosen), ".png")
        scale = self.export_scale
        if path.lower().endswith(".png"):
            asked = dialogs.ask_image_scale(self, scale,
                                            lambda s: export.image_size(self.scene, s))
            if asked is None:
                return False
            scale = self.export_scale = asked
        try:
            export.save(self.scene, path, scale)
        except (OSError, ValueError) as e:
            self.show_status(self.tr("Could not export: {}").format(error_text(e)))
            return False
        files.remember_folder(IMAGES, path)
        self.show_status(self.tr("Exported {}").format(os.path.basename(path)))
        return True

    def export_steps_dialog(self) -> bool:
        """File → Export Every Step: one PNG per step of the step-through, in a folder."""
        overlay = getattr(getattr(self, "classroom", None), "overlay", None)
        if overlay is None:
            return False
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export Every Step into a Folder"),
            files.start_folder(IMAGES, self.doc.path))
        if not folder:
            return False
        try:
            paths = export.export_steps(self.scene, overlay, folder, self._stem(),
                                        self.export_scale)
        except OSError as e:
            self.show_status(self.tr("Could not export: {}").format(error_text(e)))
            return False
        files.remember_folder(IMAGES, folder)
        n = len(paths)
        self.show_status(english_plural(
            self.tr("Exported %n step image(s) into {}", "", n), n).format(folder))
        return True
