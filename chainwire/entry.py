"""The ``chainwire`` command: a thin dispatcher that imports Qt only when it must.

``eval``, ``new`` (and ``--help``/``--version``) run the headless command line in
``chainwire.graph.cli`` and never import PySide6, nor do ``--install-desktop`` and
``--uninstall-desktop`` (``chainwire.desktop``: the menu entry, icons and file type);
``render`` and anything else (a file name, nothing at all) start Qt: the renderer or the
editor. Before the editor starts on an X11 desktop, ``chainwire.editor.platform_check``
looks for the system libraries Qt's xcb plugin needs, so a fresh machine gets the apt-get
line instead of Qt's abort text (one ``chainwire: error:`` line, exit status 2);
``render`` needs no window and then draws offscreen instead.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from chainwire.graph import cli

HEADLESS = ("eval", "new", "check", "code", "-h", "--help", "--version")
DESKTOP = ("--install-desktop", "--uninstall-desktop")  # chainwire.desktop: files only, no Qt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 error)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in HEADLESS:
        return cli.main(args)
    if args and args[0] in DESKTOP:
        from chainwire import desktop

        return desktop.main(args)
    if args and args[0] == "render":
        if _platform_problem():  # no window needed: draw offscreen rather than let Qt abort
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return _delegate("chainwire.editor.render_cli", "the renderer", args[1:])
    problem = None if {"-h", "--help"} & set(args) else _platform_problem()
    if problem:  # printed as one error line; the apt-get command ends it
        return cli.report_error(problem)
    return _delegate("chainwire.editor.app", "the editor", args)


def _platform_problem() -> str | None:
    """Why Qt's window system plugin would abort here, or None (never imports Qt)."""
    try:
        from chainwire.editor.platform_check import missing_platform_libraries
    except ImportError:
        return None
    return missing_platform_libraries()


def _delegate(module: str, what: str, argv: list[str]) -> int:
    """Import ``module`` (Qt lives there) only now, and hand it the arguments."""
    try:
        entry = importlib.import_module(module).main
    except (ImportError, AttributeError) as e:
        return cli.report_error(f"{what} is not available ({e})")
    try:
        return entry(argv)
    except KeyboardInterrupt:
        return 130
