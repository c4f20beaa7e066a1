"""Gradient steps: mark inputs as parameters, then Step moves each along its gradient.

The notes read a gradient as "how to nudge each input to raise f"; this makes that
something a class watches. A parameter is an input whose node carries
``"trainable": true`` among its unknown file keys (``extra``): the file format keeps
unknown node keys, so the mark saves and loads with the circuit and older Chainwires
pass it through; ``"param"`` could not be used, it is the scale/offset constant.
Marking is one undo step (``SetTrainable``: the circuit has no setter for a node's extra
keys, so the node is taken out and put back with the same id, place, wires and output
mark). Step is one undo step too: a ``Macro`` of ``SetValue``, each parameter moved by
+lr·gradient (ascent, "what f wants", the default) or −lr·gradient (descent). The status
bar shows the new f beside the old, and a dock plots f over the steps taken (QPainter,
no plotting dependency); opening or starting another circuit clears the plot.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QGraphicsSimpleTextItem,
    QLabel,
    QMainWindow,
    QMenu,
    QWidget,
)
from shiboken6 import isValid

from chainwire.editor import commands as cmd
from chainwire.editor.i18n import error_text
from chainwire.editor.numbers import format_number
from chainwire.editor.wording import english_plural
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ChainwireError, CircuitError
from chainwire.graph.evaluate import Evaluation
from chainwire.graph.geometry import node_size

PARAM_KEY = "trainable"
"""The node key (kept by the file format as an unknown key) that marks a parameter."""
DEFAULT_LR = 0.01
STEP_KEYS = "Ctrl+Shift+Right"
PARAM_KEYS = "Ctrl+Shift+P"


def _tr(text: str) -> str:
    return QCoreApplication.translate("GradientSteps", text)


class StepRefused(ChainwireError):
    """A step that would do nothing or something undefined; the message says why."""


def is_parameter(circuit: Circuit, node_id: str) -> bool:
    d = circuit.node(node_id)
    return d.type == "input" and d.extra.get(PARAM_KEY) is True


def parameters(circuit: Circuit) -> list[str]:
    """The parameters' ids, in node order."""
    return [d.id for d in circuit.nodes() if d.type == "input" and d.extra.get(PARAM_KEY) is True]


class SetTrainable(cmd.Command):
    """Mark or unmark one input as a parameter (its ``extra`` gets or loses the key)."""

    def __init__(self, circuit: Circuit, node_id: str, on: bool,
                 parent: cmd.Macro | None = None) -> None:
        if circuit.type_of(node_id) != "input":
            raise CircuitError(_tr("only inputs can be parameters, not '{0}'").format(
                circuit.display_name(node_id)))
        super().__init__(circuit, _tr("Mark parameter") if on else _tr("Unmark parameter"),
                         parent)
        self.node_id, self.on = node_id, on

    def do(self) -> None:
        self._set(self.on)

    def undo_(self) -> None:
        self._set(not self.on)

    def _set(self, on: bool) -> None:
        c, nid = self.circuit, self.node_id
        d = c.node(nid)
        extra = dict(d.extra)
        if on:
            extra[PARAM_KEY] = True
        else:
            extra.pop(PARAM_KEY, None)
        index = c.node_ids().index(nid)
        outs = [(w, c.wire_extra(w)) for w in c.wires_out_of(nid)]
        was_output = c.output == nid
        c.remove_node(nid)
        c.add_node(d.type, nid, label=d.label, value=d.value, param=d.param, pos=d.pos,
                   extra=extra, index=index)
        for w, e in outs:
            c.connect(*w, extra=e)
        if was_output:
            c.set_output(nid)


def mark_parameters(circuit: Circuit, ids: list[str], on: bool) -> cmd.Macro:
    """(Un)mark these inputs as one undo step; inputs already so are left alone."""
    macro = cmd.Macro(circuit, _tr("Mark parameters") if on else _tr("Unmark parameters"))
    for nid in ids:
        if circuit.type_of(nid) == "input" and is_parameter(circuit, nid) != on:
            SetTrainable(circuit, nid, on, parent=macro)
    return macro


def gradient_step(circuit: Circuit, ev: Evaluation, lr: float, ascent: bool) -> cmd.Macro:
    """Move every parameter by ±lr × its gradient: one Macro of SetValue (one undo step).

    Raises ``StepRefused`` when there is nothing to move or a gradient is not a number.
    """
    params = parameters(circuit)
    if not params:
        raise StepRefused(_tr("No parameters: mark inputs as parameters first "
                              "(right-click an input → Parameter)"))
    if ev.output is None:
        raise StepRefused(_tr("No gradients: {0}").format(error_text(ev.no_gradient_reason)))
    sign = 1.0 if ascent else -1.0
    macro = cmd.Macro(circuit, (_tr("Gradient ascent step") if ascent
                                else _tr("Gradient descent step")) + f" (lr {lr:g})")
    for nid in params:
        g, v = ev.raw_grad(nid), circuit.node(nid).value
        new = None if g is None else v + sign * lr * g  # element by element for arrays
        if new is None or not np.all(np.isfinite(new)):
            shown = "?" if g is None else (format_number(g) if not np.ndim(g) else
                                           _tr("not finite everywhere"))
            raise StepRefused(_tr("Cannot step: the gradient of '{0}' is {1}").format(
                circuit.display_name(nid), shown))
        if np.any(new != v):
            cmd.SetValue(circuit, nid, new, parent=macro)
    if not macro.parts:
        raise StepRefused(_tr("Every parameter's gradient is 0: a step would change nothing"))
    return macro


def f_value(ev: Evaluation) -> float | None:
    """f as one number: summed when it is an array (the gradients are those of sum(f))."""
    v = ev.raw_value(ev.output)
    return None if v is None else float(np.sum(v))


class StepPlot(QWidget):
    """f after every step taken, as a line with dots, its range written at the side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepPlot")
        self.values: list[float] = []
        self.decimals = 2
        self.setMinimumSize(220, 150)

    def set_values(self, values: list[float]) -> None:
        self.values = list(values)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont("DejaVu Sans")
        font.setPointSizeF(8.5)
        p.setFont(font)
        pts = [v for v in self.values if math.isfinite(v)]
        if len(pts) < 1:
            p.setPen(QColor("#666666"))
            p.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.AlignCenter | Qt.TextWordWrap,
                       _tr("Mark parameters, then press Step: f is plotted here."))
            p.end()
            return
        frame = QRectF(self.rect()).adjusted(52, 12, -12, -24)
        lo, hi = min(pts), max(pts)
        if hi - lo < 1e-12:
            lo, hi = lo - 1, hi + 1
        n = len(self.values)

        def at(i: int, v: float) -> QPointF:
            x = frame.left() + (frame.width() * i / (n - 1) if n > 1 else frame.width() / 2)
            return QPointF(x, frame.bottom() - (v - lo) / (hi - lo) * frame.height())

        p.setPen(QPen(QColor("#bbbbbb"), 1))
        p.drawRect(frame)
        p.setPen(QColor("#444444"))
        d = self.decimals
        while d < 6 and format_number(hi, d) == format_number(lo, d):
            d += 1  # enough digits to tell the ends apart
        p.drawText(QRectF(0, frame.top() - 8, 48, 16), Qt.AlignRight | Qt.AlignVCenter,
                   format_number(hi, d))
        p.drawText(QRectF(0, frame.bottom() - 8, 48, 16), Qt.AlignRight | Qt.AlignVCenter,
                   format_number(lo, d))
        p.drawText(QRectF(frame.left(), frame.bottom() + 4, frame.width(), 16), Qt.AlignCenter,
                   english_plural(_tr("f over {0} step(s)"), n - 1).format(n - 1))
        path = QPainterPath()
        points = [at(i, v) for i, v in enumerate(self.values) if math.isfinite(v)]
        path.moveTo(points[0])
        for q in points[1:]:
            path.lineTo(q)
        p.setPen(QPen(QColor("#1f5fbf"), 2))
        p.drawPath(path)
        p.setBrush(QColor("#1f5fbf"))
        for q in points:
            p.drawEllipse(q, 3, 3)
        p.end()


class GradientSteps(QObject):
    """The window's Step action, parameter action, toolbar, plot dock and marks."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.doc
        self.history: list[float] = []
        self.marks: dict[str, QGraphicsSimpleTextItem] = {}
        w, tr = window, self.tr
        self.act_step = w._action(tr("Gradient &Step"), self.step, STEP_KEYS,
                                  tr("Move every parameter along its gradient (one undo step)"))
        self.act_param = w._action(tr("&Parameter (Moved by Step)"), self.toggle_selected,
                                   PARAM_KEYS, tr("Mark the selected inputs as parameters"),
                                   checkable=True)
        self.direction = QComboBox(window)
        self.direction.setObjectName("stepDirection")
        self.direction.addItem(tr("Ascent (what f wants)"), True)
        self.direction.addItem(tr("Descent"), False)
        self.direction.setToolTip(tr("Ascent moves by +lr × gradient and raises f; descent "
                                     "by −lr × gradient and lowers it"))
        self.lr = QDoubleSpinBox(window)
        self.lr.setObjectName("learningRate")
        self.lr.setDecimals(4)
        self.lr.setRange(0.0001, 100.0)
        self.lr.setSingleStep(0.01)
        self.lr.setValue(DEFAULT_LR)
        self.lr.setToolTip(tr("Learning rate (step size)"))
        bar = w.addToolBar(tr("Gradient Steps"))
        bar.setObjectName("GradientStepsToolbar")
        bar.addWidget(self.direction)
        bar.addWidget(QLabel(" " + tr("lr") + " ", window))
        bar.addWidget(self.lr)
        bar.addAction(self.act_step)
        self.toolbar = bar
        self.plot = StepPlot(window)
        self.dock = QDockWidget(tr("f over Steps"), window)
        self.dock.setObjectName("StepPlotDock")
        self.dock.setWidget(self.plot)
        w.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.doc.updated.connect(self._on_updated)
        w.scene.selectionChanged.connect(self._sync_action)
        w.scene.visible.on_made.append(self._refresh_marks)  # a big circuit scrolled
        self._refresh_all_marks()
        self._sync_action()

    @property
    def ascent(self) -> bool:
        return bool(self.direction.currentData())

    # ----- verbs ---------------------------------------------------------------------
    def step(self) -> bool:
        """One gradient step on every parameter; the status says f before and after."""
        c, ev = self.doc.circuit, self.doc.evaluation
        try:
            macro = gradient_step(c, ev, self.lr.value(), self.ascent)
        except StepRefused as e:
            self.window.show_status(str(e))
            return False
        before = f_value(ev)
        if not self.doc.push(macro):
            return False
        ev = self.doc.evaluation
        after = f_value(ev) if ev.output is not None else None
        if after is None:
            return True
        if not self.history or self.history[-1] != before:
            self.history.append(before)
        self.history.append(float(after))
        self.plot.decimals = max(2, self.window.scene.style.decimals)
        self.plot.set_values(self.history)
        self.dock.show()
        d = max(4, self.window.scene.style.decimals)
        self.window.show_status(self.tr("Step {0} ({1}): f {2} → {3}").format(
            len(self.history) - 1, self.tr("ascent") if self.ascent else self.tr("descent"),
            format_number(before, d), format_number(after, d)))
        return True

    def set_parameter(self, node_id: str, on: bool) -> bool:
        return self.doc.push(mark_parameters(self.doc.circuit, [node_id], on))

    def toggle_selected(self) -> None:
        """Mark the selected inputs (or unmark them, when all of them are parameters)."""
        c = self.doc.circuit
        ids = [n for n in self.window.scene.selected_node_ids() if c.type_of(n) == "input"]
        if not ids:
            self.window.show_status(self.tr("Select inputs to mark them as parameters"))
            self._sync_action()
            return
        on = not all(is_parameter(c, n) for n in ids)
        macro = mark_parameters(c, ids, on)
        if macro.parts:
            self.doc.push(macro)
        self.window.scene.select_ids(ids)
        self._sync_action()

    def add_to_menu(self, menu: QMenu, node_id: str) -> None:
        """The right-click menu's checkable Parameter entry for an input."""
        a = menu.addAction(self.tr("Parameter (Moved by Step)"))
        a.setCheckable(True)
        a.setChecked(is_parameter(self.doc.circuit, node_id))
        a.triggered.connect(lambda on: self.set_parameter(node_id, on))

    # ----- following the document --------------------------------------------------------
    def _on_updated(self, changes, _ev) -> None:
        if any(ch.kind == "reset" for ch in changes):
            self.history = []
            self.plot.set_values([])
            self._refresh_all_marks()
        else:
            for ch in changes:
                if ch.kind == "node_added":
                    self._refresh_mark(ch.node)
        self._sync_action()

    def _sync_action(self) -> None:
        try:
            ids = self.window.scene.selected_node_ids()
        except RuntimeError:  # the scene is being torn down
            return
        c = self.doc.circuit
        inputs = [n for n in ids if n in c and c.type_of(n) == "input"]
        self.act_param.setEnabled(bool(inputs))
        self.act_param.setChecked(bool(inputs) and all(is_parameter(c, n) for n in inputs))

    def _refresh_all_marks(self) -> None:
        self.marks = {}
        for nid in parameters(self.doc.circuit):
            self._refresh_mark(nid)

    def _refresh_marks(self, ids: list[str]) -> None:
        """Nodes of a big circuit just given items: the parameters among them get their
        mark again (it went with the item they had before)."""
        c = self.doc.circuit
        for nid in ids:
            if nid in self.marks or (nid in c and is_parameter(c, nid)):
                self._refresh_mark(nid)

    def _refresh_mark(self, nid: str) -> None:
        """A "θ" tag at a parameter's top-left corner (a child of its node item)."""
        old = self.marks.pop(nid, None)
        if old is not None and isValid(old) and old.scene() is not None:
            old.scene().removeItem(old)
        item = self.window.scene.nodes.get(nid)
        if item is None or nid not in self.doc.circuit or not is_parameter(self.doc.circuit,
                                                                             nid):
            return
        mark = QGraphicsSimpleTextItem("θ", item)
        font = QFont("DejaVu Sans")
        font.setPixelSize(18)
        font.setBold(True)
        mark.setFont(font)
        mark.setBrush(QColor("#1f5fbf"))
        mark.setToolTip(self.tr("A parameter: Step moves it along its gradient"))
        mark.setAcceptedMouseButtons(Qt.NoButton)
        w, _h = node_size(self.doc.circuit, nid)
        r = mark.boundingRect()
        mark.setPos(-w / 2 - r.width() - 4, -r.height() / 2)  # left of the box: no port there
        mark.setZValue(10)
        self.marks[nid] = mark
