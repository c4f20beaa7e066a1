"""Entry point of the editor: ``chainwire [FILE] [--screenshot OUT.png]``.

Imported only when the editor is launched, so the headless commands never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from chainwire.desktop import APP_ID
from chainwire.editor import files, i18n
from chainwire.editor.crash_guard import install_crash_guard
from chainwire.editor.recovery import offer_recovery
from chainwire.editor.welcome import maybe_welcome
from chainwire.editor.window import MainWindow
from chainwire.graph import fileio
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
    error = shown = None
    path = args.file
    example = path is None
    if example:
        found = files.default_example()
        path = str(found) if found else None
    win = MainWindow()
    if path:
        try:
            circuit = fileio.load(path)
            win.doc.replace(circuit, None if example else os.path.abspath(path),
                            name=files.example_title(path) if example else None)
            if not example:
                files.remember_recent(path)
                win._refresh_recent_menu()
        except (ChainwireError, OSError) as e:
            error = str(e) if isinstance(e, ChainwireError) else f"{path}: {e.strerror or e}"
            shown = i18n.error_text(e) if isinstance(e, ChainwireError) else error
    if args.screenshot:
        win.resize(*args.size)
    win.show()
    win.view.fit()
    if error:
        win.show_status(QCoreApplication.translate(
            "FileActions", "Could not open {0}: {1}").format(path, shown), 0)
        if args.screenshot:  # the command line's words stay English
            print(f"chainwire: error: {error}", file=sys.stderr)
        else:
            box = QMessageBox(
                QMessageBox.Critical,
                QCoreApplication.translate("FileActions", "Cannot open circuit"),
                QCoreApplication.translate("App", "“{0}” could not be opened.\n\n{1}").format(
                    os.path.basename(path), shown), QMessageBox.Ok, win)
            box.open()  # not modal-blocking: the window is usable behind it
    # windows showing work recovered after a crash (kept referenced until exit)
    recovered = [] if args.screenshot else offer_recovery(win, MainWindow)
    for w in recovered:
        w.show()
    if not args.screenshot:
        if win.settings_problem:  # already in the status bar; said once more, in a box
            QMessageBox(QMessageBox.Warning, app.translate("Settings", "Settings reset"),
                        win.settings_problem, QMessageBox.Ok, win).open()
        elif not recovered:  # a first start: examples and a short tour (non-modal)
            maybe_welcome(win)
    if args.screenshot:
        def shoot() -> None:
            win.view.fit()
            app.processEvents()
            ok = win.grab().save(args.screenshot)
            if not ok:
                print(f"chainwire: error: cannot write {args.screenshot}", file=sys.stderr)
            win.doc.undo_stack.setClean()
            app.exit(0 if ok and not error else 2)
        QTimer.singleShot(200, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
