"""Tools → Check Gradients: the table of ``graph.gradcheck`` and a badge per input.

The check runs on a copy of the circuit, so it is no edit and has no undo step. The
table lists every input (element) with its analytic and numeric gradient, the relative
error and the verdict; each input node gets a small coloured mark on the canvas. The
marks are a decoration of the scene owned here (children of the node items, so they
follow a drag); the next change to the circuit removes them, and the table then says
it is out of date, because its numbers no longer describe the circuit.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGraphicsItem,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from chainwire.editor.numbers import format_number
from chainwire.editor.scene import CircuitScene
from chainwire.graph.geometry import node_size
from chainwire.graph.gradcheck import FAILING, Report, error_text

BADGE = {  # verdict -> (fill colour, glyph)
    "fine": ("#1b7a2a", "✓"), "look closer": ("#c9a400", "?"), "kink": ("#1f5fbf", "⌁"),
    "suspect": ("#d35400", "!"), "wrong": ("#c0182b", "✗"), "not finite": ("#666666", "∞"),
}
BADGE_RADIUS = 10.0
DECIMALS = 6
"""Digits shown for gradients in the table: enough to see where two numbers part."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckGradients", text)


def verdict_text(verdict: str) -> str:
    """A verdict as the table and tooltips say it (translatable)."""
    return {"fine": _tr("fine"), "look closer": _tr("look closer"), "kink": _tr("kink"),
            "suspect": _tr("suspect"), "wrong": _tr("wrong"),
            "not finite": _tr("not finite")}[verdict]


class BadgeItem(QGraphicsItem):
    """A coloured disc with a glyph at an input's top-right corner: its check verdict."""

    def __init__(self, verdict: str, tip: str, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.verdict = verdict
        self.setToolTip(tip)
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = BADGE_RADIUS + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option, widget: QWidget | None = None) -> None:
        colour, glyph = BADGE[self.verdict]
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(QBrush(QColor(colour)))
        painter.drawEllipse(QPointF(0, 0), BADGE_RADIUS, BADGE_RADIUS)
        font = QFont("DejaVu Sans")
        font.setPixelSize(13)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(self.boundingRect(), Qt.AlignCenter, glyph)


class GradientBadges:
    """The badges of the last check on one scene; ``clear`` takes them all away. In a
    big circuit an input's item may come and go as the view scrolls: its badge comes
    back with it (``VisibleItems.on_made``), until the next change clears them."""

    def __init__(self, scene: CircuitScene) -> None:
        self.scene = scene
        self.items: dict[str, BadgeItem] = {}
        self._verdicts: dict[str, str] = {}  # node -> verdict of the report shown
        self._report: Report | None = None
        scene.visible.on_made.append(self._made)

    def show(self, report: Report) -> None:
        self.clear()
        self._report, self._verdicts = report, report.node_verdicts()
        self._made(list(self._verdicts))

    def _made(self, ids: list[str]) -> None:
        """Badges on the items of these nodes (all, or those a big circuit just made)."""
        c, report = self.scene.document.circuit, self._report
        for nid in ids:
            verdict = self._verdicts.get(nid)
            node_item = self.scene.nodes.get(nid)
            if verdict is None or node_item is None or nid not in c:
                continue
            rows = [r for r in report.rows if r.node == nid]
            tip = "\n".join(f"{r.label}: {verdict_text(r.verdict)} — "
                            + _tr("analytic {0}, numeric {1}, relative error {2}").format(
                                format_number(r.analytic, DECIMALS),
                                format_number(r.numeric, DECIMALS), error_text(r.error))
                            for r in rows)
            badge = BadgeItem(verdict, tip, node_item)
            w, h = node_size(c, nid)
            badge.setPos(w / 2, -h / 2)
            self.items[nid] = badge

    def clear(self) -> None:
        for badge in self.items.values():
            if isValid(badge) and badge.scene() is not None:
                badge.scene().removeItem(badge)
        self.items, self._verdicts, self._report = {}, {}, None


class CheckDialog(QDialog):
    """The check's table (non-modal: it stays beside the canvas); Check Again re-runs it."""

    def __init__(self, parent: QWidget | None, recheck) -> None:
        super().__init__(parent)
        self.setObjectName("checkGradientsDialog")
        self.setWindowTitle(self.tr("Check Gradients"))
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        columns = [self.tr("Input"), self.tr("Value"), self.tr("Analytic"), self.tr("Numeric"),
                   self.tr("Rel. error"), self.tr("Verdict")]
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(self.tr("Centred differences with h = 1e-5·max(1, |x|). Relative "
                              "error: below 1e-7 fine, below 1e-4 look closer, below 1e-2 "
                              "suspect, else wrong; kink: a max gate changes its winner "
                              "within the step, so the difference cannot judge."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.again = buttons.addButton(self.tr("Check &Again"), QDialogButtonBox.ActionRole)
        self.again.clicked.connect(recheck)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(640, 360)
        self.report: Report | None = None

    def show_report(self, report: Report) -> None:
        self.report = report
        self.table.setRowCount(len(report.rows))
        for i, r in enumerate(report.rows):
            name = r.label if r.index is None else f"{r.label}[{','.join(map(str, r.index))}]"
            cells = (name, format_number(r.value, DECIMALS), format_number(r.analytic, DECIMALS),
                     format_number(r.numeric, DECIMALS), error_text(r.error),
                     verdict_text(r.verdict))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if j == 5:
                    item.setBackground(QColor(BADGE[r.verdict][0]))
                    item.setForeground(QColor("white"))
                self.table.setItem(i, j, item)
        bad = sum(r.verdict in FAILING for r in report.rows)
        f = format_number(report.f, DECIMALS)
        if not report.rows:
            text = self.tr("The circuit has no inputs to check.")
        elif bad:
            text = self.tr("{0} of {1} gradients failed the check (f = {2}).").format(
                bad, len(report.rows), f)
        else:
            text = self.tr("All {0} gradients pass the check (f = {1}).").format(
                len(report.rows), f)
        self.summary.setText(text)

    def mark_out_of_date(self) -> None:
        if self.report is not None and not self.summary.text().startswith("⚠"):
            self.summary.setText("⚠ " + self.tr("The circuit changed since this check: "
                                                "Check Again.") + "\n" + self.summary.text())
