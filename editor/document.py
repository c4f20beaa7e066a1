"""One open circuit: the model, its undo stack, its file path and its latest evaluation.

The one way numbers reach the screen: the Circuit announces a batch of changes (one per
command, undo, redo, file reload or lone script edit); the document evaluates once and
emits ``updated(changes, evaluation)``; the scene applies both in one pass. Nothing else
listens to the circuit, so no result depends on the order listeners subscribed in.
Modified means "the undo stack is not at its clean index" (as Orange does).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from chainwire.editor.command_base import Command, StepGuard
from chainwire.editor.i18n import error_text
from chainwire.graph.circuit import Change, Circuit
from chainwire.graph.errors import ChainwireError
from chainwire.graph.evaluate import Evaluation, evaluate


class Document(QObject):
    updated = Signal(object, object)  # (tuple of Change, Evaluation): the scene's one input
    evaluated = Signal(object)  # Evaluation, right after ``updated``: for panels that only read
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
        self._prepared: Evaluation | None = None  # see ``replace``
        self.evaluation: Evaluation = evaluate(self.circuit)
        self._unsubscribe = self.circuit.subscribe(self._on_batch)
        self._guard = StepGuard()
        self._index = 0  # the stack's index as of its last move
        self.undo_stack.indexChanged.connect(self._on_index)
        self.undo_stack.cleanChanged.connect(lambda clean: self._emit_modified())

    # ----- editing ---------------------------------------------------------------
    def push(self, command: Command) -> bool:
        """Run ``command``; on success put it on the undo stack (the only way edits happen).

        A command that fails has undone its own parts (``Macro``), so the model is as
        before; it is not pushed, and ``refused`` says why. Returns whether it ran.
        """
        try:
            command.redo()
        except Exception as e:  # a refusal, or a bug or an overflow: never a half-done edit
            self._refuse(e)
            return False
        command.applied = True  # QUndoStack.push calls redo() once more: skip it
        command.guard = self._guard
        self.undo_stack.push(command)
        return True

    def _on_index(self, index: int) -> None:
        """After Undo, Redo or a History click: if a step failed, the stack's index goes
        back to where the model is (the failed step and the rest of the jump never ran)
        and ``refused`` says why; nothing is left half-done (docs/architecture.md, Undo)."""
        before, self._index = self._index, index
        failed = self._guard.failed
        if failed is None or self._guard.restoring:
            return
        command, error = failed
        self._guard.failed = None
        stack = self.undo_stack
        at = next((i for i in range(min(before, index), max(before, index) + 1)
                   if stack.command(i) is command), None)
        if at is not None:
            self._guard.restoring = True
            try:  # undoing: the model is after ``command``; redoing: before it
                stack.setIndex(at + 1 if index < before else at)
            finally:
                self._guard.restoring = False
            self._index = stack.index()
        self._refuse(error)

    def _refuse(self, error: BaseException) -> None:
        self.refused.emit(error_text(error) if isinstance(error, ChainwireError) else
                          self.tr("Refused: {0}").format(f"{type(error).__name__}: {error}"))

    def _on_batch(self, changes: tuple[Change, ...]) -> None:
        ready, self._prepared = self._prepared, None
        if ready is not None and any(ch.kind == "reset" for ch in changes):
            ready.plan.structure_version = self.circuit.structure_version  # same graph
            self.circuit.cached("plan", lambda: ready.plan)
            self.evaluation = ready
        else:
            self.evaluation = evaluate(self.circuit, self.evaluation, changes)
        self.updated.emit(changes, self.evaluation)
        self.evaluated.emit(self.evaluation)

    def close(self) -> None:
        """Stop listening to the circuit (the window is going away)."""
        self._unsubscribe()

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
        return self.untitled_name or self.tr("Untitled")

    def replace(self, circuit: Circuit, path: str | None, name: str | None = None,
                adopt: bool = False, evaluation: Evaluation | None = None) -> None:
        """Show another circuit in this document (open / new): clears history.

        ``name`` titles a document that has no file yet (an example opened as a copy).
        ``adopt``: ``circuit`` was just loaded for this and is used nowhere else (its
        graph is taken over, not copied); ``evaluation``: its evaluation, made already
        (a big file's, in the background), so the reset is not evaluated again.
        """
        self.undo_stack.clear()
        self.path = path
        self.untitled_name = name
        self._force_modified = False
        self._prepared = evaluation if adopt else None
        self.circuit.replace_with(circuit, adopt)  # one "reset" batch: evaluated, then shown
        self.undo_stack.setClean()
        self.path_changed.emit(path or "")
        self._emit_modified()

    def mark_saved(self, path: str) -> None:
        self.path = path
        self._force_modified = False
        self.undo_stack.setClean()
        self.path_changed.emit(path)
        self._emit_modified()
