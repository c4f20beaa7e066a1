"""Entry point of the editor: ``chainwire [FILE] [--screenshot OUT.png]``.

Imported only when the editor is launched, so the headless commands never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from chainwire.desktop import APP_ID
from chainwire.editor import files, i18n
from chainwire.editor.crash_guard import install_crash_guard
from chainwire.editor.recovery import offer_recovery
from chainwire.editor.welcome import maybe_welcome
from chainwire.editor.window import MainWindow
from chainwire.graph.errors import ChainwireError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chainwire", description="Open the Chainwire editor.")
    p.add_argument("file", nargs="?", help="circuit to open (default: a bundled example)")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="open, wait for the first paint, save a picture of the window, exit")
    p.add_argument("--size", default=(1280, 800), type=_size, metavar="WxH",
                   help="window size for --screenshot (default 1280x800)")
    return p


def _size(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().partition("x")
    if not (sep and w.isdigit() and h.isdigit() and 100 <= int(w) <= 8000
            and 100 <= int(h) <= 8000):
        raise argparse.ArgumentTypeError(f"expected a size like 1280x800, not {text!r}")
    return int(w), int(h)


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Chainwire")
    app.setOrganizationName("Chainwire")
    app.setApplicationDisplayName("Chainwire")
    app.setDesktopFileName(APP_ID)  # Wayland docks find the launcher and icon by this id
    if app.platformName() == "offscreen":
        # the offscreen clipboard frees a copied QMimeData only after Python is gone,
        # which crashes the exit (status 139); on a desktop the clipboard is the user's
        app.aboutToQuit.connect(lambda: app.clipboard().clear())
    return app


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    app = application()
    i18n.start(app)  # the language, before any window: their texts are made once
    install_crash_guard()  # log, keep a recovery copy and carry on after a bug in a slot
    failed: list[str] = []  # the command line's words for a file that did not open
    path = args.file
    example = path is None
    if example:
        found = files.default_example()
        path = str(found) if found else None
    # the window shows first; FILE opens as File → Open opens it: a big one in the
    # background (busy bar, Cancel) over the empty untitled circuit, which stays if
    # the file fails or is cancelled
    win = MainWindow()
    if args.screenshot:
        win.resize(*args.size)
    win.show()
    if path:
        given = path

        def report(_path: str, error: Exception) -> None:
            failed.append(_cannot_open(win, given, error, quiet=bool(args.screenshot)))

        win.open_path(path if example else os.path.abspath(path), ask=False,
                      example=example, report=report)
    win.view.fit()
    if args.screenshot:
        def shoot() -> None:
            win.view.fit()
            app.processEvents()
            ok = win.grab().save(args.screenshot)
            if not ok:
                print(f"chainwire: error: cannot write {args.screenshot}", file=sys.stderr)
            win.doc.undo_stack.setClean()
            app.exit(0 if ok and not failed else 2)
        # the opened circuit's first paint (a big file's once it is read)
        _when_opened(win, lambda: QTimer.singleShot(200, shoot))
        return app.exec()
    if win.settings_problem:  # already in the status bar; said once more, in a box
        QMessageBox(QMessageBox.Warning, app.translate("Settings", "Settings reset"),
                    win.settings_problem, QMessageBox.Ok, win).open()
    recovered: list[MainWindow] = []  # windows showing recovered work, kept until exit

    def offer() -> None:
        """Recovery once FILE is open: its work goes where it would after a small file."""
        if win.settings_problem:  # "Opened …" took the status bar's place
            win.show_status(win.settings_problem, 0)
        recovered.extend(offer_recovery(win, MainWindow))
        for w in recovered:
            w.show()
        if not win.settings_problem and not recovered:
            maybe_welcome(win)  # a first start: examples and a short tour (non-modal)
    _when_opened(win, offer)
    return app.exec()


def _when_opened(win: MainWindow, then: Callable[[], None]) -> None:
    """Run ``then`` once no file is being opened into ``win`` (at once if none is).

    Checked again after each background open ends: one cancelled by File → Open is
    followed by the file chosen there.
    """
    if win.opening is None:
        then()
    else:
        win.opening.finished.connect(
            lambda _opened: QTimer.singleShot(0, win, lambda: _when_opened(win, then)))


def _cannot_open(win: MainWindow, path: str, error: Exception, quiet: bool) -> str:
    """Say why FILE did not open: status bar, and a box (stderr with --screenshot).

    Returns the command line's (English) words for it.
    """
    chainwire = isinstance(error, ChainwireError)
    words = str(error) if chainwire else (
        f"{path}: {getattr(error, 'strerror', None) or error}")
    shown = i18n.error_text(error) if chainwire else f"{path}: {i18n.error_text(error)}"
    win.show_status(QCoreApplication.translate(
        "FileActions", "Could not open {0}: {1}").format(path, shown), 0)
    if quiet:
        print(f"chainwire: error: {words}", file=sys.stderr)
    else:
        box = QMessageBox(
            QMessageBox.Critical,
            QCoreApplication.translate("FileActions", "Cannot open circuit"),
            QCoreApplication.translate("App", "“{0}” could not be opened.\n\n{1}").format(
                os.path.basename(path), shown), QMessageBox.Ok, win)
        box.open()  # not modal-blocking: the window is usable behind it
    return words


if __name__ == "__main__":
    sys.exit(main())
