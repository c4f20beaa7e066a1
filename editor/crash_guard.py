"""The crash guard: a bug in a slot costs the user one dialog, never their work.

PySide hands an exception that escapes a slot or a virtual override (``paint``,
``mousePressEvent``...) to ``sys.excepthook`` and carries on with the event loop. The
guard replaces that hook: it logs the traceback (stderr and ``crash.log`` in the per-user
data folder), writes a recovery copy of every open document *first* (in case showing the
dialog crashes too), and shows one non-modal dialog. A non-modal box matters: a modal
``exec()`` inside the hook would run a nested event loop in which the same broken slot can
fire again and stack dialogs. Further errors while the box is open only update its count.

The app keeps running: the edit that failed is the only thing lost, and the undo stack is
still consistent because commands validate before they mutate.
"""

from __future__ import annotations

import datetime
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from chainwire.editor import recovery
from chainwire.editor.wording import english_plural

LOG_NAME = "crash.log"
MAX_LOG_BYTES = 1024 * 1024
"""A log larger than this is cut to its newer half before appending."""

ExcHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashGuard:
    """Install with ``install()``; ``uninstall()`` puts the previous hook back.

    ``log_path`` defaults to ``recovery.data_dir() / "crash.log"``; ``savers`` returns
    the autosavers to flush (default: those of every top-level window).
    """

    def __init__(self, log_path: str | os.PathLike[str] | None = None,
                 savers: Callable[[], list[recovery.Autosaver]] | None = None) -> None:
        self.log_path = Path(log_path) if log_path is not None else (
            recovery.data_dir() / LOG_NAME)
        self._savers = savers or recovery.autosavers
        self._previous: ExcHook | None = None
        self.dialog: QMessageBox | None = None
        self.count = 0  # errors handled since start
        self._pending = 0  # errors since the dialog was opened
        self._busy = False

    def install(self) -> CrashGuard:
        if self._previous is None:
            self._previous = sys.excepthook
            sys.excepthook = self.handle
        return self

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    # ----- the hook ----------------------------------------------------------------
    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)) or self._busy:
            # Ctrl+C and exit() keep their meaning; an error inside the guard itself
            # goes to Python's own hook rather than recursing.
            (self._previous or sys.__excepthook__)(exc_type, exc, tb)
            return
        self._busy = True
        try:
            self.count += 1
            text = "".join(traceback.format_exception(exc_type, exc, tb))
            self._log(text)
            saved = self._save_all()
            self._show(exc_type, exc, saved, text)
        except Exception:  # noqa: BLE001 - the guard must never be the crash
            sys.__excepthook__(*sys.exc_info())
        finally:
            self._busy = False

    def _log(self, text: str) -> None:
        stamp = datetime.datetime.now().isoformat(timespec="seconds")
        entry = f"----- {stamp} pid {os.getpid()}\n{text}\n"
        print(f"chainwire: unexpected error (the editor keeps running)\n{text}",
              file=sys.stderr, end="")
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            if self.log_path.exists() and self.log_path.stat().st_size > MAX_LOG_BYTES:
                with open(self.log_path, "rb") as f:
                    f.seek(-MAX_LOG_BYTES // 2, os.SEEK_END)
                    tail = f.read()
                with open(self.log_path, "wb") as f:
                    f.write(tail)
            with open(self.log_path, "a", encoding="utf-8", errors="replace") as f:
                f.write(entry)
        except OSError as e:
            print(f"chainwire: cannot write {self.log_path}: {e}", file=sys.stderr)

    def _save_all(self) -> list[str]:
        """Write a recovery copy of every modified document; the copies' paths."""
        saved = []
        for saver in self._savers():
            try:
                if saver.write_now() or saver.path.exists():
                    saved.append(str(saver.path))
            except Exception as e:  # noqa: BLE001 - one bad window must not stop the rest
                print(f"chainwire: recovery copy failed: {e}", file=sys.stderr)
        return saved

    def _show(self, exc_type: type[BaseException], exc: BaseException,
              saved: list[str], details: str) -> None:
        if QApplication.instance() is None:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self._pending += 1
            n = self._pending
            more = QCoreApplication.translate("CrashGuard", "%n more error(s) since.", "", n)
            self.dialog.setInformativeText(self._informative(saved) + "\n\n"
                                           + english_plural(more, n))
            return
        self._pending = 0
        parent = _active_window()
        box = QMessageBox(QMessageBox.Critical,
                          QCoreApplication.translate("CrashGuard", "Chainwire: unexpected error"),
                          QCoreApplication.translate(
                              "CrashGuard", "Something went wrong inside Chainwire:")
                          + f"\n\n{exc_type.__name__}: {exc}", QMessageBox.Ok, parent)
        box.setInformativeText(self._informative(saved))
        box.setDetailedText(details)
        self.dialog = box
        box.open()  # non-modal: returns at once, the window stays usable

    def _informative(self, saved: list[str]) -> str:
        if saved:
            kept = QCoreApplication.translate(
                "CrashGuard", "A recovery copy of your unsaved work was written.")
        else:
            kept = QCoreApplication.translate("CrashGuard", "You had no unsaved work.")
        return (kept + " " + QCoreApplication.translate(
                    "CrashGuard", "Chainwire keeps running: save your work now to be safe.")
                + "\n" + QCoreApplication.translate(
                    "CrashGuard", "Details were written to {0}.").format(self.log_path))


def _active_window() -> QWidget | None:
    w = QApplication.activeWindow()
    if w is not None:
        return w
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and hasattr(top, "doc"):
            return top
    return None


def install_crash_guard(log_path: str | os.PathLike[str] | None = None) -> CrashGuard:
    """Install the guard for the whole app (``editor.app.main`` calls this)."""
    return CrashGuard(log_path).install()
