"""The base of every undo command: one transaction per redo/undo, all-or-nothing macros,
and the translated undo texts (docs/architecture.md, "One update path").

Split from ``editor/commands.py`` (the verbs) so that module stays small; the group
commands (``editor/commands_group.py``) build on the same base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from chainwire.editor.wording import english_plural
from chainwire.graph.circuit import Circuit


class StepGuard:
    """What happened to the steps the undo stack ran itself (Undo, Redo, a click in the
    History panel): QUndoStack cannot be told that a step failed, so it moves its index
    anyway and carries on with the rest of a jump. A command on the stack reports its
    failure here instead of raising into Qt (a traceback on stderr, the index wrong);
    the steps after it in the same jump are skipped, and ``Document`` moves the index
    back to where the model is, with every step of that move skipped too."""

    def __init__(self) -> None:
        self.failed: tuple[Command, BaseException] | None = None
        self.restoring = False

    def passes(self) -> bool:
        """Whether a step may run (not after a failure in this jump, not while restoring)."""
        return self.failed is None and not self.restoring


class Command(QUndoCommand):
    """Base of every command: one transaction per redo/undo; ``do``/``undo_`` do the work."""

    def __init__(self, circuit: Circuit, text: str, parent: Macro | None = None):
        super().__init__(text)
        self.circuit = circuit
        self.applied = False  # set by Document.push: the stack's first redo is skipped
        self.guard: StepGuard | None = None  # set by Document.push: the stack runs it now
        if parent is not None:
            parent.parts.append(self)

    def redo(self) -> None:
        if self.applied:
            self.applied = False
            return
        self._step(self.do)

    def undo(self) -> None:
        self._step(self.undo_)

    def _step(self, work: Callable[[], object]) -> None:
        guard = self.guard
        if guard is not None and not guard.passes():
            return
        try:
            with self.circuit.transaction():
                work()
        except Exception as e:  # a failed step left the model as it was (all_or_nothing)
            if guard is None:
                raise  # run directly (Document.push): the caller refuses the command
            guard.failed = (self, e)

    def do(self) -> None:
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError


class Macro(Command):
    """A compound command: runs its parts in order on redo and in reverse on undo.

    If a part fails, the parts already done are undone before the error propagates, so
    a failed macro leaves the model as it was. The parts are kept in a Python list, not
    as Qt child commands: with PySide, Qt children end up owned twice (by the parent and
    by their Python wrapper), which crashes when either is freed.
    """

    def __init__(self, circuit: Circuit, text: str) -> None:
        super().__init__(circuit, text)
        self.parts: list[Command] = []

    def do(self) -> None:
        all_or_nothing((part.do, part.undo_) for part in self.parts)

    def undo_(self) -> None:
        all_or_nothing((part.undo_, part.do) for part in reversed(self.parts))


def all_or_nothing(steps: Iterable[tuple[Callable[[], object], Callable[[], object]]]) -> None:
    """Each pair's ``do`` in order; if one raises, undo those done: never half a command."""
    done: list[Callable[[], object]] = []
    try:
        for do, undo in steps:
            do()
            done.append(undo)
    except BaseException:
        for undo in reversed(done):
            undo()
        raise


def tr(text: str, n: int = -1) -> str:
    """Translate an undo text (commands are not QObjects, so they use the "Commands"
    context)."""
    return english_plural(QCoreApplication.translate("Commands", text, None, n), n)


class IdPool:
    """Fresh ids for the nodes one compound command adds (a paste, an expression): each
    the first ``prefix``1, 2... that is neither in the circuit nor handed out already.

    The circuit does not change while the command is built, so each prefix's search
    goes on from where it last stopped: a paste of 5,000 gates is linear, not quadratic.
    """

    def __init__(self, circuit: Circuit) -> None:
        self.circuit = circuit
        self.taken: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, prefix: str) -> str:
        n = self._next.get(prefix, 1)
        while f"{prefix}{n}" in self.circuit or f"{prefix}{n}" in self.taken:
            n += 1
        self._next[prefix] = n + 1
        node_id = f"{prefix}{n}"
        self.taken.add(node_id)
        return node_id


def fresh_id(circuit: Circuit, prefix: str, pool: IdPool | None = None) -> str:
    """The first ``prefix``1, 2... not in the circuit (nor handed out by ``pool``)."""
    return (pool or IdPool(circuit)).take(prefix)
