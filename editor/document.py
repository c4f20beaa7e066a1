"""One open circuit: the model, its undo stack, its file path and its latest evaluation.

The document re-evaluates whenever the undo stack moves (push, undo, redo), so every
edit is followed by exactly one evaluation, before the next frame is painted. Modified
means "the undo stack is not at its clean index" (as Orange does), nothing else.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import Evaluation, evaluate


class Document(QObject):
    evaluated = Signal(object)  # Evaluation
    path_changed = Signal(str)
    modified_changed = Signal(bool)
    refused = Signal(str)  # a user action was refused; the message says why

    def __init__(self, circuit: Circuit | None = None, path: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.circuit = circuit if circuit is not None else Circuit()
        self.undo_stack = QUndoStack(self)
        self.path = path
        self._force_modified = False  # e.g. a recovered document that was never saved
        self.untitled_name: str | None = None
        self.evaluation: Evaluation = evaluate(self.circuit)
        # subscribed before any scene, so a reset is evaluated before views rebuild
        self.circuit.subscribe(self._on_change)
        self.undo_stack.indexChanged.connect(self.reevaluate)
        self.undo_stack.cleanChanged.connect(lambda clean: self._emit_modified())

    # ----- editing ---------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Run ``command`` and put it on the undo stack (the only way edits happen)."""
        self.undo_stack.push(command)

    def _on_change(self, change) -> None:
        if change.kind == "reset":
            self.evaluation = evaluate(self.circuit)

    def reevaluate(self, *_args) -> Evaluation:
        self.evaluation = evaluate(self.circuit)
        self.evaluated.emit(self.evaluation)
        return self.evaluation

    # ----- files -----------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self._force_modified or not self.undo_stack.isClean()

    def set_force_modified(self, on: bool) -> None:
        self._force_modified = on
        self._emit_modified()

    def _emit_modified(self) -> None:
        try:
            self.modified_changed.emit(self.modified)
        except RuntimeError:  # the stack announces itself clean while being destroyed
            pass

    def display_name(self) -> str:
        if self.path:
            return os.path.basename(self.path)
        return self.untitled_name or "Untitled"

    def replace(self, circuit: Circuit, path: str | None, name: str | None = None) -> None:
        """Show another circuit in this document (open / new): clears history.

        ``name`` titles a document that has no file yet (an example opened as a copy).
        """
        self.undo_stack.clear()
        self.circuit.replace_with(circuit)
        self.path = path
        self.untitled_name = name
        self._force_modified = False
        self.undo_stack.setClean()
        self.path_changed.emit(path or "")
        self.evaluated.emit(self.evaluation)
        self._emit_modified()

    def mark_saved(self, path: str) -> None:
        self.path = path
        self._force_modified = False
        self.undo_stack.setClean()
        self.path_changed.emit(path)
        self._emit_modified()
