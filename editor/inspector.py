"""The inspector: what the selection is, its numbers, and its local gradient formula."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from chainwire.editor.array_table import ArrayTable
from chainwire.editor.i18n import error_text, gate_text
from chainwire.editor.numbers import format_brief
from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.evaluate import Evaluation
from chainwire.graph.gates import GATES
from chainwire.graph.value_text import value_to_text


class Inspector(QWidget):
    label_edited = Signal(str, str)  # node id, text
    value_edited = Signal(str, str)
    param_edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._node: str | None = None
        self.title = QLabel(self.tr("Nothing selected"))
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.title.setFont(f)
        self.label_edit = QLineEdit()
        self.value_edit = QLineEdit()
        self.param_edit = QLineEdit()
        self.value_out = QLabel()
        self.group_out = QLabel()  # a group's name, symbol, ports and parts
        self.grad_out = QLabel()
        self.value_table = ArrayTable()  # every element of an array value / gradient
        self.grad_table = ArrayTable()
        self.value_edit.setToolTip(self.tr("A number, or a list such as [[1, 2], [3, 4]]"))
        self.formula = QLabel()
        self.summary = QLabel()
        for w in (self.value_out, self.grad_out, self.formula, self.summary):
            w.setTextInteractionFlags(Qt.TextSelectableByMouse)
            w.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Label"), self.label_edit)
        self.form.addRow(self.tr("Value"), self.value_edit)
        self.form.addRow(self.tr("Constant c"), self.param_edit)
        self.form.addRow(self.tr("Group"), self.group_out)
        self.form.addRow(self.tr("Forward value"), self.value_out)
        self.form.addRow(self.value_table)  # full width: as many columns as fit
        self.form.addRow(self.tr("Gradient ∂f/∂·"), self.grad_out)
        self.form.addRow(self.grad_table)
        self.form.addRow(self.tr("Local gradient"), self.formula)
        body = QWidget()  # scrolls when a short dock cannot hold an array's tables
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        lay = QVBoxLayout(body)
        lay.addWidget(self.title)
        lay.addLayout(self.form)
        lay.addWidget(self.summary)
        lay.addStretch(1)
        self.label_edit.editingFinished.connect(
            lambda: self._node and self.label_edited.emit(self._node, self.label_edit.text()))
        self.value_edit.editingFinished.connect(
            lambda: self._node and self.value_edited.emit(self._node, self.value_edit.text()))
        self.param_edit.editingFinished.connect(
            lambda: self._node and self.param_edited.emit(self._node, self.param_edit.text()))
        self.show_nothing()

    def _rows(self, **visible: bool) -> None:
        for name, widget in (("label", self.label_edit), ("value", self.value_edit),
                             ("param", self.param_edit), ("group", self.group_out),
                             ("value_out", self.value_out),
                             ("grad_out", self.grad_out), ("formula", self.formula),
                             ("value_table", self.value_table),
                             ("grad_table", self.grad_table)):
            self.form.setRowVisible(widget, visible.get(name, False))

    def _show_numbers(self, v, g, decimals: int, grad_text: str | None = None) -> dict:
        """The gradient's text (an array's: its shape, the table below has every element)
        and full tables for whichever number is an array; returns which rows to show."""
        self.grad_out.setText(format_brief(g, decimals) if grad_text is None else grad_text)
        tables = {}
        for table, x, key in ((self.value_table, v, "value_table"),
                              (self.grad_table, g, "grad_table")):
            is_array = isinstance(x, np.ndarray) and x.ndim > 0
            table.show_array(x if is_array else None, decimals)
            tables[key] = is_array
        return tables

    def show_nothing(self, text: str = "") -> None:
        self._node = None
        self.title.setText(text or self.tr("Nothing selected"))
        self.summary.setText(self.tr("Select a node or a wire to see its numbers. Drag gates "
                                     "from the palette; drag from a port to wire."))
        self._rows()

    def show_node(self, circuit: Circuit, ev: Evaluation, node_id: str, decimals: int) -> None:
        self._node = node_id
        d = circuit.node(node_id)
        gate = GATES[d.type]
        out = ev.output
        mark = "  " + self.tr("(output f)") if node_id == out else ""
        self.title.setText(f"{gate_text(gate, 'title')} — {node_id}{mark}")
        _set_unless_editing(self.label_edit, d.label or "")
        if d.type == "input":
            _set_unless_editing(self.value_edit, value_to_text(d.value))
        number_c = gate.param_default is not None  # a group's constant is its definition
        if number_c:
            _set_unless_editing(self.param_edit, repr(d.param))
        group = d.type == "group"
        if group:
            self.group_out.setText(self.tr("{0} ({1}): {2} input(s), {3} part(s)").format(
                d.param.name, d.param.symbol, len(d.param.ports),
                len(d.param.nodes) - len(d.param.ports)))
        try:
            v, g = ev.raw_value(node_id), ev.raw_grad(node_id)
        except KeyError:
            v = g = None
        why = ev.undefined.get(node_id)
        self.value_out.setText(format_brief(v, decimals)
                               + (f" — {error_text(why)}" if why else ""))
        no_grad = ev.no_gradient_reason
        tables = self._show_numbers(v, g, decimals, None if g is not None or not no_grad
                                    else f"? — {error_text(no_grad)}")
        self._rows(label=True, value=d.type == "input", param=number_c, group=group,
                   value_out=True, grad_out=True, formula=True, **tables)
        self.formula.setText(gate_text(gate, "formula"))
        self.summary.setText(gate_text(gate, "summary"))

    def show_wire(self, circuit: Circuit, ev: Evaluation, wire: Wire, decimals: int) -> None:
        self._node = None
        self.title.setText(self.tr("Wire {0} → {1} (input {2})").format(
            wire.src, wire.dst, wire.port))
        try:
            v, g = ev.raw_value(wire.src), ev.raw_wire_grad(wire)
        except KeyError:
            v = g = None
        self.value_out.setText(format_brief(v, decimals))
        self._rows(value_out=True, grad_out=True, **self._show_numbers(v, g, decimals))
        self.summary.setText(self.tr("A wire carries its source's value forward and, "
                                     "backward, the gradient of this branch. A node's "
                                     "gradient is the sum over its outgoing wires."))


def _set_unless_editing(edit: QLineEdit, text: str) -> None:
    if not edit.hasFocus() and edit.text() != text:
        edit.setText(text)
