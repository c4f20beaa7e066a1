"""Autosave, crash recovery and the one-version backup: never lose a lesson.

While a document is modified, an ``Autosaver`` writes a recovery copy into the per-user
data folder every 30 s (``autosave/intervalSeconds`` in QSettings), but only if something
changed since its last write. The copy is an ordinary ``.chainwire`` file written with
``graph.fileio.save`` (temp file + fsync + rename), so a crash during an autosave leaves
the previous recovery copy intact. The original path travels inside the file, under one
unknown top-level key (``fileio`` keeps unknown keys), so there is one file to write
atomically and nothing to get out of step.

A clean save, a clean close, opening another file or undoing back to the saved state (at
the next tick) removes the copy. When
the app starts after a crash, ``offer_recovery`` asks Recover / Discard / Not now for each
copy left behind; a recovered document opens as modified and *adopts* its copy, so the
copy survives until the user saves or discards the work (a second crash still recovers).

Each live autosaver holds a ``QLockFile`` next to its copy. A second running instance
cannot take that lock, so it never offers (or deletes) the work of a window that is still
open; a lock left by a killed process is stale and is taken over.

The folder is ``$CHAINWIRE_DATA_DIR`` when set (tests, portable installs), else
``QStandardPaths.AppDataLocation``.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLockFile,
    QObject,
    QSettings,
    QStandardPaths,
    QTimer,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from chainwire.editor.document import Document
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ChainwireError
from chainwire.graph.fileio.atomic import write_atomic
from chainwire.graph.fileio.targets import remove_stale_temps

DATA_DIR_ENV = "CHAINWIRE_DATA_DIR"
SETTINGS_INTERVAL = "autosave/intervalSeconds"
DEFAULT_INTERVAL_S = 30
META_KEY = "chainwire-recovery"
"""Top-level key of a recovery file holding where the work came from (never saved to the
user's own file: it is removed on load)."""
BACKUP_SUFFIX = ".bak"


# ----- folders -----------------------------------------------------------------------
def data_dir() -> Path:
    """The per-user data folder (``$CHAINWIRE_DATA_DIR`` overrides QStandardPaths)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    loc = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    return Path(loc or os.path.join(os.path.expanduser("~"), ".chainwire"))


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def _settings_interval_ms() -> int:
    value = QSettings("Chainwire", "Chainwire").value(SETTINGS_INTERVAL, DEFAULT_INTERVAL_S)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = DEFAULT_INTERVAL_S
    return max(1000, int(seconds * 1000)) if seconds > 0 else 0


# ----- the autosaver ------------------------------------------------------------------
class Autosaver(QObject):
    """Keeps one recovery copy of one document up to date.

    Parameters
    ----------
    doc : Document
        The document to protect.
    parent : QObject, optional
        Owner (the main window); the timer dies with it.
    interval_ms : int, optional
        Autosave period; None reads QSettings (default 30 s); 0 disables the timer
        (``tick()`` and ``write_now()`` still work).
    folder : path, optional
        Where copies go; default ``recovery_dir()``.
    status : callable, optional
        Shows a short message to the user (the window's status bar).
    """

    def __init__(self, doc: Document, parent: QObject | None = None, *,
                 interval_ms: int | None = None, folder: str | os.PathLike[str] | None = None,
                 status: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.folder = Path(folder) if folder is not None else recovery_dir()
        self.path: Path = self.folder / f"{uuid.uuid4().hex}{fileio.EXTENSION}"
        self._lock: QLockFile | None = None
        self._status = status
        self.dirty = False  # changed since the last recovery copy was written
        self.writes = 0  # how many copies were written (tests, diagnostics)
        self.last_error: str | None = None
        doc.updated.connect(self._on_change)  # any edit, scripted ones included
        doc.undo_stack.indexChanged.connect(self._mark_dirty)
        # not modified_changed: the stack also reports "clean" while it is being destroyed
        doc.path_changed.connect(self._on_path_changed)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.set_interval(_settings_interval_ms() if interval_ms is None else interval_ms)

    # ----- change tracking --------------------------------------------------------
    def _on_change(self, *_args: Any) -> None:
        self.dirty = True

    def _mark_dirty(self, *_args: Any) -> None:
        self.dirty = True

    def _on_path_changed(self, _path: str) -> None:
        if not self.doc.modified:  # saved, or another file opened (after maybe_save)
            self.discard()

    def set_interval(self, ms: int) -> None:
        self.timer.stop()
        if ms > 0:
            self.timer.start(ms)

    # ----- writing --------------------------------------------------------------------
    def tick(self) -> bool:
        """Timer slot: write a copy if the document is modified and changed since the last
        copy; remove the copy if the document is no longer modified. True if written."""
        if not self.doc.modified:
            self.discard()
            return False
        if not self.dirty and self.path.exists():
            return False
        return self.write_now()

    def write_now(self) -> bool:
        """Write the copy now (the crash guard calls this). Never raises: an autosave
        that fails must not take the editor down with it; it is retried next tick."""
        if not self.doc.modified:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._take_lock()
            fileio.save(_with_meta(self.doc.circuit, self.doc.path), self.path)
        except (ChainwireError, OSError) as e:
            msg = f"Autosave failed: {e}"
            if msg != self.last_error:  # say it once, not every 30 s
                print(f"chainwire: {msg}", file=sys.stderr)
                if self._status is not None:
                    self._status(QCoreApplication.translate(
                        "Recovery", "Autosave failed: {0}").format(e))
            self.last_error = msg
            return False
        self.dirty = False
        self.last_error = None
        self.writes += 1
        return True

    def discard(self) -> None:
        """Remove the copy (clean save, clean close, the user chose Discard)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            print(f"chainwire: cannot remove recovery file {self.path}: {e}", file=sys.stderr)
        self._release_lock()

    def abandon(self) -> None:
        """Stop without removing the copy, as a crash would (tests; a kill -9)."""
        self.timer.stop()
        self._release_lock()

    def adopt(self, path: str | os.PathLike[str]) -> None:
        """Continue an existing recovery copy (a recovered document): from now on this
        autosaver updates and eventually removes *that* file."""
        self._release_lock()
        self.path = Path(path)
        self.folder = self.path.parent
        self._take_lock()
        self.dirty = False

    # ----- the lock that tells other instances "this work is alive" ----------------
    def _take_lock(self) -> None:
        if self._lock is not None:
            return
        lock = QLockFile(str(self.path) + ".lock")
        lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age
        if lock.tryLock(0):
            self._lock = lock

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _with_meta(circuit: Circuit, original: str | None) -> Circuit:
    c = circuit.copy()
    c.extra = dict(c.extra)
    c.extra[META_KEY] = {"original_path": original, "written": time.time(),
                         "pid": os.getpid()}
    return c


def install_recovery(window: Any, **kwargs: Any) -> Autosaver:
    """Give ``window`` (a MainWindow) an autosaver as ``window.recovery``."""
    window.recovery = Autosaver(window.doc, window, status=window.show_status, **kwargs)
    return window.recovery


def autosavers() -> list[Autosaver]:
    """Every live autosaver (one per open window): what the crash guard saves."""
    from PySide6.QtWidgets import QApplication

    found = []
    for w in QApplication.topLevelWidgets():
        saver = getattr(w, "recovery", None)
        if isinstance(saver, Autosaver):
            found.append(saver)
    return found


# ----- recovering -----------------------------------------------------------------------
@dataclass
class RecoveryEntry:
    """A recovery copy left behind by a window that did not close cleanly."""

    path: Path
    circuit: Circuit
    original_path: str | None
    written: float | None

    @property
    def name(self) -> str:
        return os.path.basename(self.original_path) if self.original_path else \
            QCoreApplication.translate("Document", "Untitled")


def load_entry(path: str | os.PathLike[str]) -> RecoveryEntry:
    """Read a recovery copy; its bookkeeping key is taken out of the circuit."""
    circuit = fileio.load(path)
    meta = circuit.extra.pop(META_KEY, None)
    meta = meta if isinstance(meta, dict) else {}
    orig = meta.get("original_path")
    written = meta.get("written")
    return RecoveryEntry(Path(path), circuit, orig if isinstance(orig, str) else None,
                         float(written) if isinstance(written, (int, float)) else None)


def _in_use(path: Path) -> bool:
    """True if a live process (this one included) holds the copy's lock."""
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return True


def find_recoverable(folder: str | os.PathLike[str] | None = None) -> list[RecoveryEntry]:
    """Recovery copies nobody is using, oldest first. Unreadable ones are renamed
    ``*.unreadable`` (kept for a human, never offered again) and reported on stderr."""
    folder = Path(folder) if folder is not None else recovery_dir()
    if not folder.is_dir():
        return []
    _remove_stale_temps(folder)
    entries = []
    for p in sorted(folder.glob(f"*{fileio.EXTENSION}")):
        if not p.is_file() or _in_use(p):
            continue
        try:
            entries.append(load_entry(p))
        except (ChainwireError, OSError) as e:
            print(f"chainwire: unreadable recovery file {p}: {e}", file=sys.stderr)
            try:
                os.replace(p, str(p) + ".unreadable")
            except OSError:
                pass
    entries.sort(key=lambda e: e.written or 0.0)
    return entries


def _remove_stale_temps(folder: Path, age_s: float = 3600.0) -> None:
    """A process killed in the middle of an autosave leaves its temp file behind (the
    previous copy is intact): at start-up, those of dead processes go at once
    (``targets.remove_stale_temps``); only autosaves write here, so any other old one
    (named before temp names carried a process id) goes after an hour."""
    remove_stale_temps(str(folder))
    now = time.time()
    for p in folder.glob(".*.tmp"):
        try:
            if now - p.stat().st_mtime > age_s:
                p.unlink()
        except OSError:
            pass


def ask_recover(entry: RecoveryEntry, parent: QWidget | None) -> str:
    """"recover", "discard" or "later" (Esc / closing the box never deletes work)."""
    when = (time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.written)) if entry.written
            else QCoreApplication.translate("Recovery", "an earlier session"))
    where = entry.original_path or QCoreApplication.translate(
        "Recovery", "a circuit that was never saved")
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Recovery", "Recover unsaved work?"),
        QCoreApplication.translate(
            "Recovery", "Chainwire did not close normally. Unsaved work on “{0}” ({1}) was "
                        "kept from {2}.\n\nOpen: reopen it (it stays unsaved until you save "
                        "it).\nDiscard: delete the kept copy.\nCancel: decide next time "
                        "Chainwire starts.").format(entry.name, where, when),
        QMessageBox.Open | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Open)
    if answer == QMessageBox.Open:
        return "recover"
    if answer == QMessageBox.Discard:
        return "discard"
    return "later"


def recover_into(window: Any, entry: RecoveryEntry) -> None:
    """Show ``entry`` in ``window``: original path, modified, adopting the copy."""
    window.doc.replace(entry.circuit, entry.original_path)
    window.recovery.adopt(entry.path)
    window.doc.set_force_modified(True)
    window.show_status(QCoreApplication.translate(
        "Recovery", "Recovered unsaved work on {0}: save it to keep it").format(entry.name), 0)


def offer_recovery(window: Any, make_window: Callable[[], Any],
                   folder: str | os.PathLike[str] | None = None) -> list[Any]:
    """At start-up: ask about every recovery copy left behind.

    The first recovered document goes into ``window`` if it shows nothing of the user's
    (untitled and unmodified, e.g. the bundled example); the others get a new window from
    ``make_window()``. Returns the windows showing recovered work (the caller keeps them
    alive and shows them).
    """
    shown = []
    for entry in find_recoverable(folder):
        choice = ask_recover(entry, window)
        if choice == "discard":
            try:
                entry.path.unlink()
            except OSError as e:
                print(f"chainwire: cannot remove {entry.path}: {e}", file=sys.stderr)
        elif choice == "recover":
            if not shown and window.doc.path is None and not window.doc.modified:
                target = window
            else:
                target = make_window()
            recover_into(target, entry)
            shown.append(target)
    return shown


# ----- backups ------------------------------------------------------------------------
def write_backup(path: str | os.PathLike[str]) -> str | None:
    """Copy an existing ``path`` to ``path + ".bak"`` atomically, before it is saved over.

    Written by the engine's one atomic writer (``graph/fileio/atomic.py``), with the
    permission bits of the file it copies. Returns the backup's path, or None if there
    was no file to back up. Raises OSError if the copy could not be made; an existing
    backup is then left as it was. The caller (``MainWindow.save_to``) still saves: the
    save itself is atomic, so the user's file is not touched until the new version is
    complete, and refusing to save would leave the only copy of the new work in memory.
    """
    src = os.path.realpath(os.fspath(path))
    if not os.path.isfile(src):
        return None
    dst = os.fspath(path) + BACKUP_SUFFIX
    with open(src, "rb") as f:
        data = f.read()
    # a symlink at the backup's own name is replaced, not followed (as before)
    write_atomic(dst, data, mode=os.stat(src).st_mode & 0o777, follow_symlinks=False,
                 keep_read_only=False)
    return dst
