"""Annotations: text boxes saved in the circuit file, with undoable add/edit/move/delete.

The model is ``circuit.annotations`` (a list of ``{"text", "pos": [x, y], "font_size"}``
dicts, the file format's optional top-level key). The Circuit announces no change of its
own for them, so each command emits ``Change("annotations_changed")`` after editing the
list; ``AnnotationLayer`` listens for it (and for "reset", when another file opens) and
rebuilds its items. The scene ignores the kind. Commands touch only the model, as the
rest of the editor's commands do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand
from shiboken6 import isValid

from chainwire.editor.commands import Macro
from chainwire.editor.document import Document
from chainwire.editor.items.annotation import AnnotationItem
from chainwire.editor.scene import CircuitScene
from chainwire.graph.circuit import Change, Circuit

CHANGE_KIND = "annotations_changed"
DEFAULT_SIZE = 14.0
MIN_SIZE, MAX_SIZE = 6.0, 96.0


def _announce(circuit: Circuit) -> None:
    circuit._emit(Change(CHANGE_KIND), structural=False)


class AddAnnotation(QUndoCommand):
    def __init__(self, circuit: Circuit, text: str, pos: tuple[float, float],
                 font_size: float = DEFAULT_SIZE) -> None:
        super().__init__("Add annotation")
        self.circuit = circuit
        self.data: dict[str, Any] = {"text": text, "pos": (float(pos[0]), float(pos[1])),
                                     "font_size": float(font_size)}
        self.index = len(circuit.annotations)

    def redo(self) -> None:
        self.circuit.annotations.insert(self.index, dict(self.data))
        _announce(self.circuit)

    def undo(self) -> None:
        del self.circuit.annotations[self.index]
        _announce(self.circuit)


class RemoveAnnotation(QUndoCommand):
    def __init__(self, circuit: Circuit, index: int) -> None:
        super().__init__("Delete annotation")
        self.circuit = circuit
        self.index = index
        self.data = dict(circuit.annotations[index])

    def redo(self) -> None:
        del self.circuit.annotations[self.index]
        _announce(self.circuit)

    def undo(self) -> None:
        self.circuit.annotations.insert(self.index, dict(self.data))
        _announce(self.circuit)


class ChangeAnnotation(QUndoCommand):
    """Edit one annotation's entries (text, pos, font_size): editing, moving, resizing."""

    def __init__(self, circuit: Circuit, index: int, title: str = "Edit annotation",
                 **changes: Any) -> None:
        super().__init__(title)
        self.circuit = circuit
        self.index = index
        current = circuit.annotations[index]
        self.old = {k: current.get(k) for k in changes}
        self.new = dict(changes)

    def _apply(self, values: dict[str, Any]) -> None:
        self.circuit.annotations[self.index].update(values)
        _announce(self.circuit)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class AnnotationLayer(QObject):
    """Keeps one AnnotationItem per entry of ``circuit.annotations`` in the scene."""

    def __init__(self, document: Document, scene: CircuitScene) -> None:
        super().__init__(scene)
        self.document = document
        self.scene = scene
        self.items: list[AnnotationItem] = []
        self.edit_requested = None  # callable(index): the window opens an editor
        self._unsubscribe = document.circuit.subscribe(self._on_change)
        self.refresh()

    @property
    def circuit(self) -> Circuit:
        return self.document.circuit

    def _on_change(self, change: Change) -> None:
        if change.kind in (CHANGE_KIND, "reset"):
            self.refresh()

    def refresh(self) -> None:
        """Match the items to the model (a reset may have deleted them with scene.clear)."""
        self.items = [i for i in self.items if isValid(i) and i.scene() is self.scene]
        anns = self.circuit.annotations
        while len(self.items) > len(anns):
            self.scene.removeItem(self.items.pop())
        for i, a in enumerate(anns):
            size = float(a.get("font_size") or DEFAULT_SIZE)
            if i < len(self.items):
                item = self.items[i]
                item.set_content(a["text"], size)
            else:
                item = AnnotationItem(i, a["text"], size)
                item.on_moved = self._moved
                item.on_activated = self._activated
                self.scene.addItem(item)
                self.items.append(item)
            x, y = a["pos"]
            if (item.pos().x(), item.pos().y()) != (x, y):
                item.setPos(x, y)

    # ----- verbs (each one undo step) -----------------------------------------------------
    def add(self, text: str, pos: tuple[float, float], font_size: float = DEFAULT_SIZE) -> None:
        self.document.push(AddAnnotation(self.circuit, text, pos, font_size))

    def remove(self, indexes: list[int]) -> None:
        """Delete these annotations as one undo step (from the back: indexes stay valid)."""
        if not indexes:
            return
        n = len(set(indexes))
        macro = Macro(f"Delete {n} annotation{'s' if n != 1 else ''}")
        for i in sorted(set(indexes), reverse=True):  # a Macro: Qt child commands crash
            macro.parts.append(RemoveAnnotation(self.circuit, i))
        self.document.push(macro)

    def set_text(self, index: int, text: str) -> None:
        if text != self.circuit.annotations[index]["text"]:
            self.document.push(ChangeAnnotation(self.circuit, index, text=text))

    def resize(self, index: int, factor: float) -> None:
        old = float(self.circuit.annotations[index].get("font_size") or DEFAULT_SIZE)
        new = round(max(MIN_SIZE, min(MAX_SIZE, old * factor)), 1)
        if new != old:
            self.document.push(ChangeAnnotation(self.circuit, index, "Resize annotation",
                                                font_size=new))

    def _moved(self, index: int, old: tuple, new: tuple) -> None:
        self.document.push(ChangeAnnotation(self.circuit, index, "Move annotation",
                                            pos=(float(new[0]), float(new[1]))))

    def _activated(self, index: int) -> None:
        if self.edit_requested is not None:
            self.edit_requested(index)

    def selected(self) -> list[int]:
        return [i.index for i in self.items if isValid(i) and i.isSelected()]

    def item_at(self, pos) -> AnnotationItem | None:
        for item in self.scene.items(pos):
            if isinstance(item, AnnotationItem):
                return item
        return None
