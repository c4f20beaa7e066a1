"""``chainwire.show(value)``: a micrograd graph opened in the editor from a Python prompt.

Importing this module loads no Qt (``import chainwire`` must stay cheap and headless);
``show`` starts Qt when it is called. It reuses a running QApplication, opens one main
window on the circuit (``graph.micrograd_import.from_micrograd``) and, like matplotlib's
``show``, runs the event loop until the window closes unless one already runs (an
``exec`` in progress, or IPython's ``%gui qt``), in which case it returns at once.
"""

from __future__ import annotations

import sys
from typing import Any

_OPEN: list[Any] = []  # the windows shown, kept alive while their loop runs


def show(value: Any, *, block: bool | None = None) -> Any:
    """Open ``value``'s graph (any micrograd-shaped Value) in a new editor window and
    return the window; ``block`` runs the event loop until it closes (default: only
    when no event loop is running yet)."""
    from chainwire.graph.micrograd_import import TITLE, from_micrograd

    circuit = from_micrograd(value)
    from chainwire.editor import i18n
    from chainwire.editor.app import application
    from chainwire.editor.window import MainWindow

    app = application()
    i18n.start(app)  # the user's interface language, as ``chainwire`` starts it
    win = MainWindow()
    win.doc.replace(circuit, None, name=TITLE)
    win.show()
    win.view.fit()
    _OPEN[:] = [w for w in _OPEN if w.isVisible()] + [win]
    if block is None:
        block = not event_loop_running(app)
    if block:
        app.exec()
    return win


def event_loop_running(app: Any) -> bool:
    """Whether Qt's event loop already runs here: inside ``exec`` (a slot calling us) or
    driven by IPython between prompts (``%gui qt``)."""
    if app.thread().loopLevel() > 0:
        return True
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = getattr(ipython, "get_ipython", lambda: None)()
    loop = getattr(shell, "active_eventloop", None) or ""
    return isinstance(loop, str) and loop.startswith("qt")


__all__ = ["event_loop_running", "show"]
