"""Opening a big file without freezing the window: read in a thread, shown when ready.

A file of BACKGROUND_BYTES or more (some 6,000 gates) is read, checked and evaluated
by a worker thread (``fileio.load``, ``too_far``, ``evaluate``: no Qt there), while
the status bar shows a busy bar and a Cancel button and the window stays live (the
pure-Python reading lets the event loop run between its steps). When the circuit is
ready the window takes it (``FileActions.finish_open``) with its evaluation, so the
window only builds the items on screen. Cancelling, or a file that fails, leaves the
document that was open as it was; a failure says why, as for a small file (or as the
caller's ``report`` words it: start-up words it as before). ``finished`` tells the
caller once, however it ended (start-up asks about recovery, or takes the screenshot).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ChainwireError, error_from
from chainwire.graph.evaluate import evaluate
from chainwire.graph.extent import too_far

BACKGROUND_BYTES = 1 << 20
POLL_MS = 30


def is_big(path: str) -> bool:
    """Whether ``path`` is a regular file big enough to be read in the background."""
    try:
        return os.path.isfile(path) and os.path.getsize(path) >= BACKGROUND_BYTES
    except OSError:
        return False


def load_drawable(path: str) -> Circuit:
    """The circuit in ``path``, refused (``ChainwireError``) when it is valid but too far
    out for the scene's arithmetic to draw: what every open does, in the worker thread
    or not (no Qt here)."""
    circuit = fileio.load(path)  # a FIFO or device is refused at once, never read
    problem = too_far(circuit)
    if problem:
        raise error_from(ChainwireError, problem)
    return circuit


class BackgroundOpen(QObject):
    """One file being read in the background for ``window`` (a MainWindow)."""

    finished = Signal(bool)  # once: True when the file's circuit became the document

    def __init__(self, window, path: str,
                 report: Callable[[str, Exception], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.report = report  # says why the file failed (None: the File menu's words)
        self.cancelled = False
        self.circuit = None
        self.evaluation = None
        self.error: Exception | None = None
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the reader cannot tell how far it is
        self.bar.setMaximumWidth(140)
        self.button = QPushButton(self.tr("Cancel"))
        self.button.setToolTip(self.tr("Stop opening; the circuit you have open stays"))
        self.button.clicked.connect(self.cancel)
        status = window.statusBar()
        status.addPermanentWidget(self.bar)
        status.addPermanentWidget(self.button)
        window.show_status(self.tr("Opening {}…").format(os.path.basename(path)), 0)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._thread = threading.Thread(target=self._read, name="chainwire-open", daemon=True)
        self._thread.start()
        self._timer.start(POLL_MS)

    def _read(self) -> None:
        """In the worker thread: everything that needs no Qt."""
        try:
            circuit = load_drawable(self.path)
            self.evaluation = evaluate(circuit)
            self.circuit = circuit
        except Exception as e:  # noqa: BLE001 - reported in the window, never lost in a thread
            self.error = e

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def cancel(self) -> None:
        """Stop waiting: the file's circuit, when it comes, is dropped."""
        if self.cancelled:
            return
        self.cancelled = True
        self._done()
        self.window.show_status(self.tr("Opening {} cancelled; the circuit you had open "
                                        "is unchanged").format(os.path.basename(self.path)))
        self.finished.emit(False)

    def _done(self) -> None:
        self._timer.stop()
        status = self.window.statusBar()
        for w in (self.bar, self.button):
            status.removeWidget(w)
            w.deleteLater()
        if self.window.opening is self:
            self.window.opening = None

    def _poll(self) -> None:
        if self.running or self.cancelled:
            return
        self._done()
        opened = False
        try:
            if self.error is not None:
                self.window.open_failed(self.path, self.error, report=self.report)
            else:
                circuit, evaluation, self.circuit, self.evaluation = (
                    self.circuit, self.evaluation, None, None)  # the document takes its graph
                opened = self.window.finish_open(self.path, circuit, evaluation=evaluation)
        finally:  # even after a bug in a slot, the caller is not left waiting
            self.finished.emit(opened)
