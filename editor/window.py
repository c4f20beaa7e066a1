"""MainWindow: canvas, docks, menus, toolbar, status bar and the file actions.

The window wires the pieces together; gestures become commands in ``EditController``,
drawing happens in ``CircuitScene``. A failed open leaves the current document, its undo
stack and title untouched; a failed save says why and leaves the document modified.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QUndoView,
)

from chainwire.editor import files
from chainwire.editor.classroom import install_classroom
from chainwire.editor.controller import EditController
from chainwire.editor.document import Document
from chainwire.editor.inspector import Inspector
from chainwire.editor.items.node import NodeItem
from chainwire.editor.items.wire import WireItem
from chainwire.editor.numbers import format_number
from chainwire.editor.palette import Palette, QuickAdd
from chainwire.editor.recovery import install_recovery, write_backup
from chainwire.editor.scene import CircuitScene
from chainwire.editor.view import CircuitView
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.errors import ChainwireError
from chainwire.graph.gates import GATE_ORDER, GATES


class MainWindow(QMainWindow):
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
        self.undo_view.setEmptyLabel("Opened")
        self.palette_dock = self._dock("Gates", self.palette_widget, Qt.LeftDockWidgetArea)
        self.inspector_dock = self._dock("Inspector", self.inspector, Qt.RightDockWidgetArea)
        self.history_dock = self._dock("History", self.undo_view, Qt.RightDockWidgetArea)
        # the canvas is the product: keep the docks narrow
        self.resizeDocks([self.palette_dock, self.inspector_dock], [170, 250], Qt.Horizontal)
        self.quick_add = QuickAdd(self)
        self._inline: QLineEdit | None = None

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

    # ----- construction -----------------------------------------------------------
    def _dock(self, title: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str = "",
                checkable: bool = False) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                a.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        self.addAction(a)  # shortcuts work even with the menu bar hidden
        return a

    def _make_actions(self) -> None:
        S = QKeySequence.StandardKey  # noqa: N806
        self.act_new = self._action("&New", self.new_document, S.New)
        self.act_open = self._action("&Open…", self.open_dialog, S.Open)
        self.act_save = self._action("&Save", self.save, S.Save)
        self.act_save_as = self._action("Save &As…", self.save_as, S.SaveAs)
        self.act_quit = self._action("&Quit", self.close, S.Quit)
        self.act_undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(S.Undo)
        self.act_redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence(S.Redo), QKeySequence("Ctrl+Y")])
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_cut = self._action("Cu&t", self.controller.cut, S.Cut)
        self.act_copy = self._action("&Copy", self.controller.copy, S.Copy)
        self.act_paste = self._action("&Paste", lambda: self.controller.paste(
            self._cursor_scene_pos()), S.Paste)
        self.act_duplicate = self._action("&Duplicate", self.controller.duplicate, "Ctrl+D")
        self.act_delete = self._action("De&lete", self.controller.delete_selection,
                                       [QKeySequence.Delete, "Backspace"])
        self.act_select_all = self._action("Select &All", self._select_all, S.SelectAll)
        self.act_set_output = self._action("Set as &Output", self._set_output_from_selection,
                                           "Ctrl+Shift+O")
        self.act_quick_add = self._action("Add &Gate…", lambda: self.open_quick_add(
            self._cursor_scene_pos()), tip="Search for a gate to add (Tab)")
        self.act_layout = self._action("Auto &Layout", self.controller.auto_layout, "Ctrl+L",
                                       tip="Lay the circuit out left to right")
        self.act_zoom_in = self._action("Zoom &In", lambda: self.view.zoom_by(1.25),
                                        [S.ZoomIn, "Ctrl+="])
        self.act_zoom_out = self._action("Zoom &Out", lambda: self.view.zoom_by(0.8), S.ZoomOut)
        self.act_fit = self._action("&Fit Circuit", lambda: self.view.fit(), ["Ctrl+0", "F"])
        self.act_zoom_100 = self._action("Actual Size", lambda: self.view.set_zoom(1.0),
                                         "Ctrl+1")
        self.act_snap = self._action("&Snap to Grid", self.scene.set_snap, "Ctrl+G",
                                     checkable=True)
        self.act_grid = self._action("Show G&rid", self._toggle_grid, checkable=True)
        self.act_grid.setChecked(True)
        self.act_help = self._action("Quick &Guide", self.show_help, S.HelpContents)
        self.act_about = self._action("&About Chainwire", self.show_about)

    def _make_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu("Open &Recent")
        self.examples_menu = m.addMenu("&Examples")
        for title, path in files.examples():
            a = self.examples_menu.addAction(title)
            a.triggered.connect(lambda _=False, p=str(path): self.open_path(p, example=True))
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        self.file_menu = m
        self._export_separator = m.addSeparator()
        m.addAction(self.act_quit)
        self._refresh_recent_menu()

        m = mb.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate,
                      self.act_delete, self.act_select_all])
        m.addSeparator()
        m.addActions([self.act_quick_add, self.act_set_output, self.act_layout])
        self.edit_menu = m

        m = mb.addMenu("&View")
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_100, self.act_fit])
        m.addSeparator()
        m.addActions([self.act_snap, self.act_grid])
        dec = m.addMenu("&Decimals")
        group = QActionGroup(self)
        self.decimal_actions = {}
        for d in range(7):
            a = dec.addAction(str(d))
            a.setCheckable(True)
            a.setChecked(d == self.scene.style.decimals)
            group.addAction(a)
            a.triggered.connect(lambda _=False, d=d: self.set_decimals(d))
            self.decimal_actions[d] = a
        m.addSeparator()
        for dock in (self.palette_dock, self.inspector_dock, self.history_dock):
            m.addAction(dock.toggleViewAction())
        self.view_menu = m

        m = mb.addMenu("&Help")
        m.addActions([self.act_help, self.act_about])

        tb = self.addToolBar("Main")
        tb.setObjectName("MainToolbar")
        tb.addActions([self.act_new, self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_fit, self.act_layout])
        self.toolbar = tb

    def _connect(self) -> None:
        d, s, v = self.doc, self.scene, self.view
        d.modified_changed.connect(lambda _m: self._update_title())
        d.path_changed.connect(lambda _p: self._update_title())
        d.evaluated.connect(self._on_evaluated)
        self.controller.status.connect(self.show_status)
        s.selectionChanged.connect(self._update_inspector)
        s.node_activated.connect(self.edit_in_place)
        s.canvas_activated.connect(self.open_quick_add)
        s.context_requested.connect(self._context_menu)
        v.gate_dropped.connect(self.controller.add_gate)
        v.files_dropped.connect(self._open_dropped)
        v.quick_add_requested.connect(self.open_quick_add)
        v.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)} %"))
        self.palette_widget.add_requested.connect(
            lambda t: self.controller.add_gate(t, self._view_centre()))
        self.quick_add.chosen.connect(self.controller.add_gate)
        self.inspector.label_edited.connect(self.controller.set_label)
        self.inspector.value_edited.connect(self.controller.set_value_text)
        self.inspector.param_edited.connect(self.controller.set_param_text)

    # ----- small helpers -----------------------------------------------------------------
    def _view_centre(self) -> QPointF:
        return self.view.mapToScene(self.view.viewport().rect().center())

    def _cursor_scene_pos(self) -> QPointF:
        p = self.view.mapFromGlobal(self.view.cursor().pos())
        if self.view.viewport().rect().contains(p):
            return self.view.mapToScene(p)
        return self._view_centre()

    def show_status(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    def _select_all(self) -> None:
        for item in self.scene.items():
            if isinstance(item, (NodeItem, WireItem)) and item.flags() & item.ItemIsSelectable:
                item.setSelected(True)

    def _toggle_grid(self, on: bool) -> None:
        self.scene.show_grid = on
        self.scene.update()

    def set_decimals(self, d: int) -> None:
        self.scene.style.decimals = max(0, min(6, d))
        self.decimal_actions[self.scene.style.decimals].setChecked(True)
        self.scene.restyle()
        self._update_inspector()

    def _set_output_from_selection(self) -> None:
        ids = self.scene.selected_node_ids()
        if len(ids) != 1:
            self.show_status("Select exactly one node to make it the output f")
            return
        self.controller.set_output(ids[0])

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.doc.display_name()}[*] — Chainwire")
        self.setWindowModified(self.doc.modified)

    def _on_evaluated(self, ev) -> None:
        self._update_status_line(ev)
        self._update_inspector()

    def _update_status_line(self, ev) -> None:
        if ev.output is not None:
            v = ev.raw_value(ev.output)
            text = f"f = {format_number(v, self.scene.style.decimals)}  (output: {ev.output})"
            bad = ev.first_nonfinite
            if bad is not None:
                text += f"  ⚠ non-finite value first at '{bad}'"
        else:
            text = f"No gradients: {ev.no_gradient_reason}"
        self.status_label.setText(text)

    def _update_inspector(self) -> None:
        try:
            items = self.scene.selectedItems()
        except RuntimeError:  # scene being torn down
            return
        nodes = [i for i in items if isinstance(i, NodeItem)]
        wires = [i for i in items if isinstance(i, WireItem) and i.wire is not None]
        ev, c, d = self.doc.evaluation, self.doc.circuit, self.scene.style.decimals
        if len(nodes) == 1 and not wires and nodes[0].node_id in c:
            self.inspector.show_node(c, ev, nodes[0].node_id, d)
        elif len(wires) == 1 and not nodes:
            self.inspector.show_wire(c, ev, wires[0].wire, d)
        elif nodes or wires:
            self.inspector.show_nothing(f"{len(nodes)} nodes, {len(wires)} wires selected")
        else:
            self.inspector.show_nothing()

    # ----- in-place editing, quick add, context menus ------------------------------------
    def edit_in_place(self, node_id: str) -> None:
        """Double-click: type an input's value (or a gate's constant, or its label)."""
        c = self.doc.circuit
        if node_id not in c:
            return
        d = c.node(node_id)
        gate = GATES[d.type]
        if d.type == "input":
            what, text = "value", repr(d.value)
        elif gate.has_param:
            what, text = "param", repr(d.param)
        else:
            what, text = "label", d.label or ""
        item = self.scene.nodes[node_id]
        rect = self.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        edit = QLineEdit(self.view.viewport())
        edit.setObjectName("inlineEditor")
        edit.setText(text)
        edit.selectAll()
        edit.setAlignment(Qt.AlignCenter)
        f = edit.font()
        f.setPointSizeF(max(f.pointSizeF(), 12))
        edit.setFont(f)
        w = max(rect.width(), 110)
        edit.setGeometry(rect.center().x() - w // 2, rect.center().y() - 16, w, 32)
        edit.setToolTip({"value": "Type the input's value, Enter to apply, Esc to cancel",
                         "param": "Type the gate's constant c", "label": "Type a label"}[what])
        self._inline = edit
        done = {"closed": False}

        def commit() -> None:
            if done["closed"]:
                return
            done["closed"] = True
            value = edit.text()
            edit.setObjectName("")
            edit.hide()
            edit.deleteLater()
            self._inline = None
            if node_id not in c:
                return
            if what == "value":
                self.controller.set_value_text(node_id, value)
            elif what == "param":
                self.controller.set_param_text(node_id, value)
            else:
                self.controller.set_label(node_id, value)
            self.view.setFocus()

        def cancel() -> None:
            done["closed"] = True
            edit.setObjectName("")
            edit.hide()
            edit.deleteLater()
            self._inline = None
            self.view.setFocus()

        edit.returnPressed.connect(commit)
        edit.editingFinished.connect(commit)
        esc = QAction(edit)
        esc.setShortcut(QKeySequence(Qt.Key_Escape))
        esc.triggered.connect(cancel)
        edit.addAction(esc)
        edit.show()
        edit.setFocus()

    def open_quick_add(self, scene_pos: QPointF) -> None:
        global_pos = self.view.viewport().mapToGlobal(self.view.mapFromScene(scene_pos))
        self.quick_add.open_at(global_pos, scene_pos)

    def _context_menu(self, kind: str, ref, screen_pos, scene_pos: QPointF) -> None:
        menu = QMenu(self)
        c = self.doc.circuit
        if kind == "node":
            d = c.node(ref)
            if c.output == ref:
                menu.addAction("Clear Output Mark", lambda: self.controller.set_output(None))
            else:
                menu.addAction("Set as Output f", lambda: self.controller.set_output(ref))
            if d.type == "input":
                menu.addAction("Edit Value…", lambda: self.edit_in_place(ref))
            elif GATES[d.type].has_param:
                menu.addAction("Edit Constant…", lambda: self.edit_in_place(ref))
            menu.addSeparator()
            menu.addActions([self.act_copy, self.act_cut, self.act_duplicate, self.act_delete])
        elif kind == "wire":
            wire: Wire = ref
            menu.addAction("Delete Wire", lambda: self.controller.disconnect_wire(wire))
        else:
            add = menu.addMenu("Add Gate")
            for t in GATE_ORDER:
                add.addAction(GATES[t].title,
                              lambda t=t: self.controller.add_gate(t, QPointF(scene_pos)))
            menu.addAction("Paste Here", lambda: self.controller.paste(QPointF(scene_pos)))
            menu.addSeparator()
            menu.addActions([self.act_select_all, self.act_layout, self.act_fit])
        self._last_menu = menu
        menu.popup(screen_pos)

    # ----- files ---------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes. True: go ahead."""
        if not self.doc.modified:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes",
            f"Save the changes to “{self.doc.display_name()}” before closing it?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def new_document(self) -> None:
        if self.maybe_save():
            self.doc.replace(Circuit(), None)
            self.show_status("New circuit: drag gates from the palette, or press Tab")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = os.path.dirname(self.doc.path) if self.doc.path else str(files.examples_dir())
        path, _ = QFileDialog.getOpenFileName(self, "Open circuit", start, files.FILE_FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True, example: bool = False) -> bool:
        """Open ``path`` into this window. On failure the current document is untouched."""
        if ask and not self.maybe_save():
            return False
        try:
            circuit = fileio.load(path)
        except (ChainwireError, OSError) as e:
            self._report_open_error(path, e)
            if not example and not os.path.exists(path):
                files.forget_recent(path)
                self._refresh_recent_menu()
            return False
        # examples open as untitled copies, so Save never writes into the install folder
        self.doc.replace(circuit, None if example else path,
                         name=files.example_title(path) if example else None)
        if not example:
            files.remember_recent(path)
            self._refresh_recent_menu()
        self.view.fit()
        self.show_status(f"Opened {os.path.basename(path)}")
        return True

    def _report_open_error(self, path: str, error: Exception) -> None:
        text = str(error) if isinstance(error, ChainwireError) else (
            error.strerror or str(error))
        QMessageBox.critical(self, "Cannot open circuit",
                             f"“{os.path.basename(path)}” could not be opened.\n\n{text}\n\n"
                             "The circuit you had open is unchanged.")
        self.show_status(f"Could not open {os.path.basename(path)}: {text}")

    def _open_dropped(self, paths: list[str]) -> None:
        if paths:
            self.open_path(paths[0])

    def save(self) -> bool:
        if not self.doc.path:
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self) -> bool:
        stem = self.doc.display_name().removesuffix(" (example)")
        start = self.doc.path or os.path.join(os.path.expanduser("~"), stem + fileio.EXTENSION)
        path, _ = QFileDialog.getSaveFileName(self, "Save circuit as", start, files.FILE_FILTER)
        if not path:
            return False
        return self.save_to(files.with_extension(path))

    def save_to(self, path: str) -> bool:
        backup_error = None
        try:  # keep the previous version as name.chainwire.bak
            write_backup(path)
        except OSError as e:  # still save: the atomic save leaves the old file intact
            backup_error = e.strerror or str(e)
        try:
            fileio.save(self.doc.circuit, path)
        except (ChainwireError, OSError) as e:
            text = str(e) if isinstance(e, ChainwireError) else (e.strerror or str(e))
            QMessageBox.critical(self, "Cannot save circuit",
                                 f"“{os.path.basename(path)}” could not be saved.\n\n{text}\n\n"
                                 "Your circuit is still open and unsaved; try another "
                                 "folder with Save As.")
            self.show_status(f"Save failed: {text}")
            return False
        self.doc.mark_saved(path)
        self.recovery.discard()
        files.remember_recent(path)
        self._refresh_recent_menu()
        self.show_status(f"Saved {os.path.basename(path)}"
                         + (f" (no backup made: {backup_error})" if backup_error else ""))
        return True

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = files.recent_files()
        for p in recent:
            a = self.recent_menu.addAction(os.path.basename(p))
            a.setToolTip(p)
            a.triggered.connect(lambda _=False, p=p: self.open_path(p))
        self.recent_menu.setEnabled(bool(recent))

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

    # ----- help --------------------------------------------------------------------------
    def show_help(self) -> None:
        QMessageBox.information(self, "Quick guide", HELP_TEXT)

    def show_about(self) -> None:
        QMessageBox.about(self, "About Chainwire",
                          "Chainwire — backpropagation circuits you can touch.\n\n"
                          "Every wire shows its forward value (above, upright) and the "
                          "gradient flowing back along it (below, italic), as in the "
                          "cs231n notes “Backpropagation, Intuitions”.")


HELP_TEXT = """Build: drag a gate from the palette onto the canvas (or press Tab and type).
Wire: drag from a gate's output port (right) to an input port (left).
Move a wire: drag its input end to another port; drop it on empty canvas to delete it.
Values: double-click an input to type its value, or scroll over it (Shift: fine steps).
Output: right-click a node → Set as Output f.
Read: the number above a wire is its value; the italic number below is the gradient.
Zoom: Ctrl+wheel, Ctrl+plus/minus; fit: F or Ctrl+0; pan: middle-drag or Space+drag."""
