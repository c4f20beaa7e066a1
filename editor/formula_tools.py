"""Formula, check, steps and TikZ wired into the main window: ``install_formula_tools``.

The notes move between a formula, a circuit and numbers; these actions bring the first
and the last into the editor: File → New from Expression… and Edit → Insert
Expression… (``expr_dialog``), Tools → Check Gradients (``check_dialog`` over
``graph.gradcheck``), parameters and gradient steps (``gradient_steps``), and File →
Export as TikZ… (``graph.tikz``). Like the classroom, the window knows nothing of them
beyond the install call; every edit goes through the document as one command.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QPointF
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from chainwire.editor import expr_dialog, files
from chainwire.editor.check_dialog import CheckDialog, GradientBadges
from chainwire.editor.code_export_action import install_code_export
from chainwire.editor.files import IMAGES
from chainwire.editor.gradient_steps import GradientSteps
from chainwire.editor.i18n import error_text
from chainwire.graph.errors import ChainwireError, ExpressionError
from chainwire.graph.expr import parse
from chainwire.graph.fileio.atomic import write_atomic
from chainwire.graph.gradcheck import FAILING, GradCheckError, check_gradients
from chainwire.graph.tikz import to_tikz


class FormulaTools(QObject):
    """One window's expression, check, step and TikZ actions; kept as ``window.formula``."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = w = window
        tr = self.tr
        self.act_new_expr = w._action(tr("New from &Expression…"), self.new_from_expression,
                                      "Ctrl+Alt+N", tr("Type a formula; get its circuit"))
        self.act_insert_expr = w._action(tr("Insert E&xpression…"),
                                         lambda: self.insert_expression(), "Ctrl+I",
                                         tr("Add a formula's circuit to this one"))
        self.act_check = w._action(tr("&Check Gradients"), self.check_gradients, "Ctrl+K",
                                   tr("Compare every input's gradient with a centred "
                                      "finite difference"))
        self.act_tikz = w._action(tr("Export as &TikZ…"), self.export_tikz,
                                  tip=tr("A standalone LaTeX picture with values and "
                                         "gradients"))
        self.steps = GradientSteps(w)
        self.badges = GradientBadges(w.scene)
        self.dialog: CheckDialog | None = None
        self.expr_dialog: expr_dialog.ExpressionDialog | None = None  # the last one opened

        w.file_menu.insertAction(w.act_open, self.act_new_expr)
        w.file_menu.insertAction(w._export_separator, self.act_tikz)
        install_code_export(w)  # File → Export as Python… (editor/code_export_action.py)
        w.edit_menu.insertAction(w.act_set_output, self.act_insert_expr)
        tools = self.tools_menu = _tools_menu(w)
        tools.addActions([self.act_check])
        tools.addSeparator()
        tools.addActions([self.steps.act_param, self.steps.act_step])
        w.view_menu.addAction(self.steps.dock.toggleViewAction())
        w.doc.updated.connect(self._circuit_changed)
        w.quick_add.expression_chosen.connect(self.insert_text)

    # ----- expressions --------------------------------------------------------------------
    def new_from_expression(self) -> bool:
        """Ask for an expression (once unsaved changes are dealt with); OK opens its
        circuit, laid out, as a new document."""
        w = self.window
        if not w.maybe_save():
            return False
        self.expr_dialog = expr_dialog.open_expression_dialog(w, None, "", self._open_new)
        return True

    def _open_new(self, circuit, text: str, _wire: bool) -> None:
        w = self.window
        w.doc.replace(circuit, None, name=document_name(text))
        w.view.fit()
        w.show_status(self.tr("New circuit from the expression {0}").format(text))

    def insert_expression(self, at: QPointF | None = None, text: str = "") -> None:
        """Ask for an expression; OK adds its circuit at ``at`` (the view's centre)."""
        w = self.window
        where = QPointF(at) if at is not None else w._view_centre()
        self.expr_dialog = expr_dialog.open_expression_dialog(
            w, w.doc.circuit, text, lambda c, t, wire: self._insert(c, t, wire, where))

    def insert_text(self, text: str, at: QPointF) -> list[str]:
        """The Tab box's offer: insert ``text`` there, its names wired to existing inputs
        (the dialog's default); text that does not parse opens the dialog instead."""
        try:
            fragment = parse(text)
        except ExpressionError:
            self.insert_expression(at, text)
            return []
        return self._insert(fragment, text.strip(), True, at)

    def _insert(self, fragment, text: str, wire: bool, at: QPointF) -> list[str]:
        w = self.window
        macro, ids = expr_dialog.insert_expression(w.doc.circuit, fragment,
                                                   (at.x(), at.y()), wire, text)
        if not w.doc.push(macro):
            return []
        w.scene.select_ids(ids)
        w.show_status(self.tr("Inserted {0}").format(text))
        return ids

    # ----- gradient check -------------------------------------------------------------------
    def check_gradients(self) -> bool:
        """Run the check, show the table and the badges; True if every gradient passed."""
        w = self.window
        try:
            report = check_gradients(w.doc.circuit)
        except GradCheckError as e:
            self.badges.clear()
            w.show_status(str(e))
            return False
        if self.dialog is None:
            self.dialog = CheckDialog(w, self.check_gradients)
        self.dialog.show_report(report)
        self.dialog.show()
        self.dialog.raise_()
        self.badges.show(report)
        bad = [r for r in report.rows if r.verdict in FAILING]
        w.show_status(self.tr("Gradient check: {0} of {1} failed").format(
            len(bad), len(report.rows)) if bad else self.tr(
            "Gradient check: all {0} pass").format(len(report.rows)))
        return not bad

    def _circuit_changed(self, _changes, _ev) -> None:
        self.badges.clear()
        if self.dialog is not None:
            self.dialog.mark_out_of_date()

    # ----- TikZ ---------------------------------------------------------------------------
    def export_tikz(self) -> bool:
        """File → Export as TikZ…: at the current step while stepping, else complete."""
        w = self.window
        start = os.path.join(files.start_folder(IMAGES, w.doc.path), w._stem() + ".tex")
        path, _ = QFileDialog.getSaveFileName(w, self.tr("Export as TikZ"), start,
                                              self.tr("TikZ picture for LaTeX (*.tex)"))
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".tex"
        overlay = getattr(getattr(w, "classroom", None), "overlay", None)
        step = overlay.position if overlay is not None and overlay.stepping else None
        style = w.scene.style
        try:
            text = to_tikz(w.doc.circuit, w.doc.evaluation, step=step, decimals=style.decimals,
                           colorblind=style.colorblind)
            write_atomic(path, text.encode("utf-8"))
        except (OSError, ValueError, ChainwireError) as e:  # too large for TeX, a disk
            w.show_status(self.tr("Could not export: {0}").format(error_text(e)))
            return False
        files.remember_folder(IMAGES, path)
        w.show_status(self.tr("Exported {0}").format(os.path.basename(path)))
        return True


def document_name(text: str) -> str:
    """An expression as the new document's name, which Save As also offers as the file
    name: no path separators or characters some systems refuse, at most 40 characters.

    >>> document_name("(x + y) * z / w")
    '(x + y) · z ÷ w'
    """
    name = text.replace("*", "·").replace("/", "÷")
    name = "".join(ch for ch in name if ch not in '\\:?"<>|' and ch.isprintable()).strip()
    return name if len(name) <= 40 else name[:39] + "…"


def _tools_menu(window: QMainWindow) -> QMenu:
    """The window's Tools menu, made just before Help (the menu bar's last) if missing."""
    existing = getattr(window, "tools_menu", None)
    if existing is not None:
        return existing
    bar = window.menuBar()
    menu = QMenu(window.tr("&Tools"), window)
    actions = bar.actions()
    if actions:
        bar.insertMenu(actions[-1], menu)
    else:
        bar.addMenu(menu)
    window.tools_menu = menu
    return menu


def install_formula_tools(window: QMainWindow) -> FormulaTools:
    window.formula = FormulaTools(window)
    return window.formula
