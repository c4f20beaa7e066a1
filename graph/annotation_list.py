"""The circuit's annotations: text boxes saved with it, edited only through typed edits.

Each edit validates, replaces the immutable ``Annotation`` record and announces an
``annotation_added/removed/changed`` change (with the index), exactly like node edits.
"""

from __future__ import annotations

from typing import Any

from chainwire.graph.errors import CircuitError
from chainwire.graph.records import (
    DEFAULT_FONT_SIZE,
    Annotation,
    Change,
    check_font_size,
    check_pos,
)


class AnnotationList:
    """The annotation half of ``Circuit`` (which provides ``_emit``)."""

    _annotations: list[Annotation]

    def _emit(self, change: Change) -> None:  # pragma: no cover - provided by Observable
        raise NotImplementedError

    def annotations(self) -> tuple[Annotation, ...]:
        return tuple(self._annotations)

    def annotation(self, index: int) -> Annotation:
        self._check_index(index)
        return self._annotations[index]

    def add_annotation(self, text: str, pos: tuple[float, float],
                       font_size: float = DEFAULT_FONT_SIZE, *, index: int | None = None,
                       extra: dict[str, Any] | None = None) -> int:
        """Add a text box (at ``index`` in the list, default last); returns its index."""
        ann = Annotation(self._check_text(text), check_pos(pos), check_font_size(font_size),
                         dict(extra or {}))
        i = len(self._annotations) if index is None else max(0, min(index,
                                                                     len(self._annotations)))
        self._annotations.insert(i, ann)
        self._emit(Change("annotation_added", index=i))
        return i

    def remove_annotation(self, index: int) -> Annotation:
        self._check_index(index)
        ann = self._annotations.pop(index)
        self._emit(Change("annotation_removed", index=index))
        return ann

    def move_annotation(self, index: int, pos: tuple[float, float]) -> None:
        self._change_annotation(index, "pos", check_pos(pos))

    def set_annotation_text(self, index: int, text: str) -> None:
        self._change_annotation(index, "text", self._check_text(text))

    def set_annotation_size(self, index: int, font_size: float) -> None:
        self._change_annotation(index, "font_size", check_font_size(font_size))

    def _change_annotation(self, index: int, field: str, value: Any) -> None:
        self._check_index(index)
        old = self._annotations[index]
        self._annotations[index] = Annotation(**{**old.__dict__, field: value})
        self._emit(Change("annotation_changed", index=index, field=field))

    def _check_index(self, index: int) -> None:
        if isinstance(index, bool) or not isinstance(index, int) or not (
                0 <= index < len(self._annotations)):
            raise CircuitError(f"no annotation number {index!r}")

    @staticmethod
    def _check_text(text: object) -> str:
        if not isinstance(text, str):
            raise CircuitError("an annotation's text must be text")
        return text

