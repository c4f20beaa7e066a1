"""MainWindow: canvas, docks and status bar, and the wiring between them.

The window wires the pieces together; gestures become commands in ``EditController``,
drawing happens in ``CircuitScene``. Its verbs live in mixins, one module each:
``menus`` (actions, menus, right-click menus, Select All), ``file_actions`` (new, open,
save, recent, examples, export), ``inline_edit`` (typing on the canvas) and ``help``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QUndoView, QWidget

from chainwire.editor import files
from chainwire.editor.classroom import install_classroom
from chainwire.editor.controller import EditController
from chainwire.editor.document import Document
from chainwire.editor.file_actions import FileActions
from chainwire.editor.formula_tools import install_formula_tools
from chainwire.editor.help import HelpActions
from chainwire.editor.i18n import error_text, short_action_texts
from chainwire.editor.inline_edit import InlineEditing
from chainwire.editor.inspector import Inspector
from chainwire.editor.items.wire import WireItem
from chainwire.editor.menus import WindowMenus
from chainwire.editor.numbers import format_number
from chainwire.editor.palette import Palette, QuickAdd
from chainwire.editor.preferences import apply_saved
from chainwire.editor.recovery import install_recovery
from chainwire.editor.scene import CircuitScene
from chainwire.editor.view import CircuitView
from chainwire.editor.wording import english_plural
from chainwire.graph.circuit import Circuit


class MainWindow(WindowMenus, FileActions, InlineEditing, HelpActions, QMainWindow):
    def __init__(self, circuit: Circuit | None = None, path: str | None = None) -> None:
        super().__init__()
        self.doc = Document(circuit, path, self)
        self.scene = CircuitScene(self.doc, self)
        self.view = CircuitView(self.scene, self)
        self.controller = EditController(self.doc, self.scene)
        self.setCentralWidget(self.view)
        self.resize(1280, 800)
        self.setAcceptDrops(True)
        icon = files.examples_dir().parent / "icons" / "chainwire.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.palette_widget = Palette(self)
        self.inspector = Inspector(self)
        self.undo_view = QUndoView(self.doc.undo_stack, self)
        self.undo_view.setEmptyLabel(self.tr("Opened"))
        self.palette_dock = self._dock("Gates", self.tr("Gates"), self.palette_widget,
                                       Qt.LeftDockWidgetArea)
        self.inspector_dock = self._dock("Inspector", self.tr("Inspector"), self.inspector,
                                         Qt.RightDockWidgetArea)
        self.history_dock = self._dock("History", self.tr("History"), self.undo_view,
                                       Qt.RightDockWidgetArea)
        # the canvas is the product: keep the docks narrow
        self.resizeDocks([self.palette_dock, self.inspector_dock], [170, 250], Qt.Horizontal)
        self.quick_add = QuickAdd(self)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.zoom_label = QLabel("100 %")
        self.statusBar().addPermanentWidget(self.zoom_label)

        self._make_actions()
        self._make_menus()
        self._connect()
        self._update_title()
        self._update_status_line(self.doc.evaluation)
        QTimer.singleShot(0, self.view, self.view.fit)  # cancelled if the view dies first
        install_recovery(self)
        install_classroom(self)
        install_formula_tools(self)
        self._finish_menus()
        apply_saved(self)  # the user's preferences; a damaged settings file gives defaults
        short_action_texts(self)  # toolbar buttons say "저장", not "저장(S)"

    # ----- construction -----------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # untranslated: saved window layouts refer to it
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        d, s, v, ctl = self.doc, self.scene, self.view, self.controller
        d.modified_changed.connect(lambda _m: self._update_title())
        d.path_changed.connect(lambda _p: self._update_title())
        d.evaluated.connect(self._on_evaluated)
        ctl.status.connect(self.show_status)
        s.selectionChanged.connect(self._update_inspector)
        s.node_activated.connect(self.edit_in_place)
        s.canvas_activated.connect(self.open_quick_add)
        s.context_requested.connect(self._context_menu)
        v.gate_dropped.connect(ctl.add_gate)
        v.files_dropped.connect(self._open_dropped)
        v.quick_add_requested.connect(self.open_quick_add)
        v.nudge_requested.connect(ctl.nudge)
        v.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)} %"))
        self.palette_widget.add_requested.connect(
            lambda t: ctl.add_gate(t, self._view_centre()))
        self.quick_add.chosen.connect(ctl.add_gate)
        self.inspector.label_edited.connect(ctl.set_label)
        self.inspector.value_edited.connect(ctl.set_value_text)
        self.inspector.param_edited.connect(ctl.set_param_text)

    # ----- small helpers -----------------------------------------------------------------
    def _view_centre(self) -> QPointF:
        return self.view.mapToScene(self.view.viewport().rect().center())

    def _cursor_scene_pos(self) -> QPointF:
        p = self.view.viewport().mapFromGlobal(self.view.cursor().pos())
        if self.view.viewport().rect().contains(p):
            return self.view.mapToScene(p)
        return self._view_centre()

    def show_status(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    def open_quick_add(self, scene_pos: QPointF) -> None:
        global_pos = self.view.viewport().mapToGlobal(self.view.mapFromScene(scene_pos))
        self.quick_add.open_at(global_pos, scene_pos)

    def _toggle_grid(self, on: bool) -> None:
        self.scene.show_grid = on
        self.scene.update()

    def set_decimals(self, d: int) -> None:
        self.scene.style.decimals = max(0, min(6, d))
        self.decimal_actions[self.scene.style.decimals].setChecked(True)
        self.scene.restyle()
        self._update_inspector()

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("{}[*] — Chainwire").format(self.doc.display_name()))
        self.setWindowModified(self.doc.modified)

    def _on_evaluated(self, ev) -> None:
        self._update_status_line(ev)
        self._update_inspector()

    def _update_status_line(self, ev) -> None:
        if ev.output is not None:
            v = format_number(ev.raw_value(ev.output), self.scene.style.decimals)
            text = self.tr("f = {0}  (output: {1})").format(v, ev.output)
            bad = ev.first_nonfinite
            if bad is not None:
                text += "  " + self.tr("⚠ non-finite value first at '{}'").format(bad)
        else:
            text = self.tr("No gradients: {}").format(error_text(ev.no_gradient_reason))
        self.status_label.setText(text)

    def _update_inspector(self) -> None:
        """What the selection is, read by id: a big circuit's selected node keeps
        showing after scrolling drops its item (it is still what Delete deletes)."""
        scene = self.scene
        try:
            nodes = scene.selected_node_ids()
            # how many wires selected_wires() would give, without looking up the source
            # of each of a big circuit's 40,000 selected wires (0.3 s per selectionChanged)
            wires = sum(isinstance(i, WireItem) and i.wire is not None
                        for i in scene.selectedItems()) + len(scene.visible.selected_wires)
        except RuntimeError:  # scene being torn down
            return
        ev, c, d = self.doc.evaluation, self.doc.circuit, self.scene.style.decimals
        if len(nodes) == 1 and not wires and nodes[0] in c:
            self.inspector.show_node(c, ev, nodes[0], d)
        elif wires == 1 and not nodes and len(one := scene.selected_wires()) == 1:
            self.inspector.show_wire(c, ev, one[0], d)
        elif nodes or wires:
            self.inspector.show_nothing(
                english_plural(self.tr("%n node(s)", "", len(nodes)), len(nodes)) + ", "
                + english_plural(self.tr("%n wire(s) selected", "", wires), wires))
        else:
            self.inspector.show_nothing()

    # ----- window events ---------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self._open_dropped(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.maybe_save():
            self.recovery.discard()
            event.accept()
        else:
            event.ignore()
