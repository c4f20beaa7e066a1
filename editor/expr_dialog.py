"""Expression → circuit in the editor: the dialog, and inserting its result as one step.

File → New from Expression… and Edit → Insert Expression… open ``ExpressionDialog``: the
text is parsed on every keystroke by ``graph.expr.parse`` (an ast whitelist, never
executed); a refusal is shown with a caret under its column, a success with a preview
(the circuit drawn by a read-only ``CircuitScene``, exactly as the canvas would) and a
summary. Inserting lets the user choose whether the expression's free names wire to the
open circuit's inputs with that label or always become new inputs; either way the
insertion is one ``Macro`` of ``AddNode``/``Connect`` commands: one undo step, and a
refused one leaves nothing behind. The Tab box offers text that is no gate as an
expression through ``expression_offer``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from chainwire.editor import commands as cmd
from chainwire.editor.document import Document
from chainwire.editor.i18n import error_text
from chainwire.editor.scene import CircuitScene
from chainwire.editor.wording import english_plural
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ExpressionError
from chainwire.graph.expr import parse

PREVIEW_SIZE = (420, 220)
"""The preview's size in pixels: big enough to read a gate, small beside the text."""


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ExpressionDialog", text, None, n)


def free_names(fragment: Circuit) -> list[str]:
    """The inputs that stand for the expression's names (a number's input is not one:
    its label is the number, never its id), in the order they appear."""
    return [d.id for d in fragment.nodes() if d.type == "input" and d.label == d.id]


def existing_inputs(circuit: Circuit) -> dict[str, str]:
    """{label: id} of the circuit's inputs; with a label on several, the first in order."""
    found: dict[str, str] = {}
    for d in circuit.nodes():
        if d.type == "input" and d.label and d.label not in found:
            found[d.label] = d.id
    return found


def insert_expression(circuit: Circuit, fragment: Circuit, at: tuple[float, float],
                      wire_existing: bool, text: str = "") -> tuple[cmd.Macro, list[str]]:
    """The commands adding ``fragment`` centred at ``at`` (one undo step) and its new ids.

    With ``wire_existing``, a free name that labels an input of ``circuit`` adds no node:
    its wires come from that input instead.
    """
    macro = cmd.Macro(circuit, cmd.tr("Insert expression {0}").format(text).strip())
    nodes = list(fragment.nodes())
    reuse = existing_inputs(circuit) if wire_existing else {}
    names = set(free_names(fragment))
    ids: dict[str, str] = {}
    placed = [d for d in nodes if not (d.id in names and d.id in reuse)]
    if placed:
        cx = (min(d.pos[0] for d in placed) + max(d.pos[0] for d in placed)) / 2
        cy = (min(d.pos[1] for d in placed) + max(d.pos[1] for d in placed)) / 2
    else:
        cx = cy = 0.0
    pool = cmd.IdPool(circuit)
    for d in nodes:
        if d.id in names and d.id in reuse:
            ids[d.id] = reuse[d.id]
            continue
        pos = (d.pos[0] - cx + at[0], d.pos[1] - cy + at[1])
        add = cmd.AddNode(circuit, d.type, pos, label=d.label, value=d.value, param=d.param,
                          parent=macro, ids=pool)
        ids[d.id] = add.node_id
    for w in fragment.wires():
        cmd.Connect(circuit, ids[w.src], ids[w.dst], w.port, parent=macro)
    return macro, [ids[d.id] for d in placed]


def expression_offer(text: str) -> tuple[bool, str]:
    """What the Tab box says about text that names no gate: (True, "Insert expression
    '…'") when it parses into at least one gate; (False, why not) when it is meant as an
    expression but refused; (False, "") for a lone name or number (no gate to offer).
    """
    text = text.strip()
    try:
        c = parse(text)
    except ExpressionError as e:
        looks_like_one = any(not (ch.isalnum() or ch in "_ .") for ch in text)
        return False, _tr("As an expression: {0}").format(error_text(e)) if looks_like_one else ""
    if all(d.type == "input" for d in c.nodes()):
        return False, ""
    return True, _tr("Insert expression '{0}'").format(text)


def caret_text(text: str, error: ExpressionError) -> str:
    """The text with a caret under the error's column, then the message (monospace).

    >>> from chainwire.graph.expr import parse
    >>> try:
    ...     parse("(a + b) % c")
    ... except ExpressionError as e:
    ...     print(caret_text("(a + b) % c", e))
    (a + b) % c
            ^
    column 9: operator '%' is not allowed (allowed: + - * / **2)
    """
    col = error.column or 1
    line = " ".join(text.splitlines()) if text else ""
    return f"{line}\n{' ' * (col - 1)}^\n{error_text(error)}"


def summary_text(circuit: Circuit, target: Circuit | None = None,
                 wire_existing: bool = True) -> str:
    """"3 inputs (x, y, z), 2 gates"; when inserting, which names reuse an input."""
    names = free_names(circuit)
    inputs = [d for d in circuit.nodes() if d.type == "input"]
    gates = len(circuit) - len(inputs)
    text = (english_plural(_tr("%n input(s)", len(inputs)), len(inputs))
            + f" ({', '.join(d.label or d.id for d in inputs)}), "
            + english_plural(_tr("%n gate(s)", gates), gates))
    if target is not None:
        reuse = existing_inputs(target)
        wired = [n for n in names if n in reuse] if wire_existing else []
        if wired:
            text += "\n" + _tr("Wired to the existing inputs: {0}").format(
                ", ".join(f"{n} → {reuse[n]}" for n in wired))
        new = [n for n in names if n not in wired]
        if new:
            text += "\n" + _tr("New inputs: {0}").format(", ".join(new))
    return text


class _Preview(QGraphicsView):
    """A read-only view that always shows the whole circuit (refitted when resized)."""

    def __init__(self, scene: CircuitScene, parent: QWidget) -> None:
        super().__init__(scene, parent)
        self.setObjectName("expressionPreview")
        self.setInteractive(False)
        self.setRenderHint(QPainter.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self.setSceneRect(rect)
        self.fitInView(rect, Qt.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()


class ExpressionDialog(QDialog):
    """Type an expression; see it parsed live, its error at its column, its circuit.

    ``target`` is the open circuit when inserting (the dialog then offers the choice of
    wiring names to its inputs), None for File → New from Expression.
    """

    def __init__(self, parent: QWidget | None, target: Circuit | None = None,
                 text: str = "") -> None:
        super().__init__(parent)
        self.target = target
        self.setObjectName("expressionDialog")
        self.setWindowTitle(self.tr("Insert Expression") if target is not None
                            else self.tr("New from Expression"))
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.edit = QLineEdit(self)
        self.edit.setFont(mono)
        self.edit.setPlaceholderText(self.tr("e.g. (x + y) * z  or  sigmoid(w0*x0 + w1*x1 + w2)"))
        self.error = QLabel(self)
        self.error.setObjectName("expressionError")
        self.error.setFont(mono)
        self.error.setTextFormat(Qt.PlainText)
        self.error.setStyleSheet("color: #b00020")
        self.error.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary = QLabel(self)
        self.summary.setObjectName("expressionSummary")
        self.summary.setWordWrap(True)
        self.preview_doc = Document(Circuit(), parent=self)
        self.preview_scene = CircuitScene(self.preview_doc, self)
        self.preview_scene.show_grid = False
        self.preview = _Preview(self.preview_scene, self)
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.wire_existing = QRadioButton(self.tr("Wire names to the inputs with that label"),
                                          self)
        self.new_inputs = QRadioButton(self.tr("Make every name a new input"), self)
        self.wire_existing.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(
            self.tr("Insert") if target is not None else self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        hint = QLabel(self.tr("Names become inputs; + − × / **2, max(…), sigmoid(…), exp(…) "
                              "become gates."), self)
        hint.setWordWrap(True)
        lay.addWidget(hint)
        lay.addWidget(self.edit)
        lay.addWidget(self.error)
        lay.addWidget(self.preview)
        lay.addWidget(self.summary)
        if target is not None:
            lay.addWidget(self.wire_existing)
            lay.addWidget(self.new_inputs)
        else:
            self.wire_existing.hide()
            self.new_inputs.hide()
        lay.addWidget(self.buttons)
        self.parsed: Circuit | None = None
        self.edit.textChanged.connect(self._reparse)
        self.wire_existing.toggled.connect(lambda _on: self._reparse(self.edit.text()))
        self.edit.setText(text)
        self._reparse(text)

    @property
    def text(self) -> str:
        return self.edit.text().strip()

    @property
    def wires_to_existing(self) -> bool:
        return self.target is not None and self.wire_existing.isChecked()

    def _reparse(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.Ok)
        try:
            self.parsed = parse(text)
        except ExpressionError as e:
            self.parsed = None
            empty = not text.strip()
            self.error.setText("" if empty else caret_text(text, e))
            self.error.setVisible(not empty)
            self.summary.setText(self.tr("Type an expression.") if empty else "")
            self.preview_doc.replace(Circuit(), None)
            ok.setEnabled(False)
            return
        self.error.setText("")
        self.error.hide()
        self.summary.setText(summary_text(self.parsed, self.target, self.wires_to_existing))
        self.preview_doc.replace(self.parsed.copy(), None)
        self.preview.fit()
        ok.setEnabled(True)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.preview.fit()
        self.edit.setFocus()


def open_expression_dialog(parent: QWidget, target: Circuit | None, text: str,
                           on_accept: Callable[[Circuit, str, bool], object]
                           ) -> ExpressionDialog:
    """Show the dialog window-modal without blocking (``open``, not ``exec``); on OK call
    ``on_accept(circuit, text, wire to existing inputs)``. The dialog deletes itself when
    closed."""
    dialog = ExpressionDialog(parent, target, text)
    dialog.setAttribute(Qt.WA_DeleteOnClose)

    def accepted() -> None:
        if dialog.parsed is not None:
            on_accept(dialog.parsed, dialog.text, dialog.wires_to_existing)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(lambda _r: dialog.preview_scene.detach())
    dialog.open()
    return dialog
