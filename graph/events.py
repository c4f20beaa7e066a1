"""Change announcements for the circuit model: subscribers, transactions, batches.

A listener receives a tuple of ``Change`` records once per outermost ``transaction()``
(an undo command, a paste, a file reload) or once per lone edit made outside one, after
the edits happened. Listeners only read; the order they subscribed in never matters,
because the editor has exactly one subscriber per document (its ``Document``), which
re-evaluates and then tells the views.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from chainwire.graph.records import Change

T = TypeVar("T")
Listener = Callable[[tuple[Change, ...]], None]


class Observable:
    """The announcing half of ``Circuit`` (which calls ``_emit`` after every edit)."""

    def __init__(self) -> None:
        self.structure_version = 0  # bumps on every change the evaluation plan depends on
        self._listeners: list[Listener] = []
        self._depth = 0
        self._pending: list[Change] = []
        self._memo: dict[str, tuple[int, Any]] = {}

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` after every batch; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group edits into one batch of changes (nestable; delivered at the outermost end).

        Edits made before an exception still happened, so their batch is delivered too.
        """
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._pending:
                batch, self._pending = tuple(self._pending), []
                self._deliver(batch)

    def _emit(self, change: Change) -> None:
        if change.structural:
            self.structure_version += 1
        if self._depth:
            self._pending.append(change)
        else:
            self._deliver((change,))

    def _deliver(self, batch: tuple[Change, ...]) -> None:
        for listener in list(self._listeners):
            listener(batch)

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """``build()``'s result, remembered until the structure changes (the evaluator's
        compiled plan lives here, owned by the model's lifetime, not by a module)."""
        hit = self._memo.get(key)
        if hit is not None and hit[0] == self.structure_version:
            return hit[1]
        value = build()
        self._memo[key] = (self.structure_version, value)
        return value

