"""MainWindow's actions, menu bar, toolbar and right-click menus.

Every action is also added to the window itself, so its shortcut works with the menu
bar hidden (presentation mode). Classroom actions are added by ``classroom`` into the
menus made here (``file_menu`` before ``_export_separator``, ``edit_menu``,
``view_menu``, ``toolbar``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from chainwire.editor import files
from chainwire.editor.find_bar import FindBar
from chainwire.editor.group_dialog import ask_group_name
from chainwire.editor.i18n import gate_text, short_action_text
from chainwire.editor.preferences import open_preferences
from chainwire.editor.shortcuts import open_sheet
from chainwire.editor.welcome import open_welcome
from chainwire.graph.circuit import Wire
from chainwire.graph.gates import GATE_ORDER, GATES


class HistoryAction(QAction):
    """Undo or Redo, named after the step it takes in the interface's word order
    ("&Undo Add multiply", "곱셈 추가 실행 취소(&U)"): ``named`` holds the step as "{0}".
    QUndoStack's own actions always put their prefix first, whatever the language."""

    def __init__(self, plain: str, named: str, parent: QObject) -> None:
        super().__init__(plain, parent)
        self._plain, self._named = plain, named

    def name_step(self, step: str) -> None:
        self.setText(self._named.format(step) if step else self._plain)
        self.setIconText("")  # empty: both follow the new text again
        self.setToolTip("")
        short_action_text(self)


class WindowMenus:
    """Builds ``act_*``, the menus and the toolbar (a mixin: the window is a QMainWindow)."""

    def _action(self, text: str, slot, shortcut=None, tip: str = "",
                checkable: bool = False) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, (list, tuple)) else [shortcut]
            a.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        self.addAction(a)  # shortcuts work even with the menu bar hidden
        return a

    def _history_action(self, step, can_changed, text_changed, plain: str, named: str,
                        shortcut: list) -> HistoryAction:
        """Undo or Redo, named after the step it takes (see :class:`HistoryAction`)."""
        a = HistoryAction(plain, named, self)
        a.setShortcuts([QKeySequence(k) for k in shortcut])
        a.triggered.connect(lambda: step())
        can_changed.connect(a.setEnabled)
        text_changed.connect(a.name_step)
        self.addAction(a)  # shortcuts work even with the menu bar hidden
        return a

    def _make_actions(self) -> None:
        S = QKeySequence.StandardKey  # noqa: N806
        tr, c, v = self.tr, self.controller, self.view
        self.act_new = self._action(tr("&New"), self.new_document, S.New)
        self.act_open = self._action(tr("&Open…"), self.open_dialog, S.Open)
        self.act_save = self._action(tr("&Save"), self.save, S.Save)
        self.act_save_as = self._action(tr("Save &As…"), self.save_as, S.SaveAs)
        self.act_quit = self._action(tr("&Quit"), self.close, S.Quit)
        stack = self.doc.undo_stack
        self.act_undo = self._history_action(
            stack.undo, stack.canUndoChanged, stack.undoTextChanged, tr("&Undo"),
            tr("&Undo {0}"), [S.Undo])
        self.act_undo.setEnabled(stack.canUndo())
        self.act_undo.name_step(stack.undoText())
        self.act_redo = self._history_action(
            stack.redo, stack.canRedoChanged, stack.redoTextChanged, tr("&Redo"),
            tr("&Redo {0}"), [S.Redo, "Ctrl+Y"])
        self.act_redo.setEnabled(stack.canRedo())
        self.act_redo.name_step(stack.redoText())
        self.act_cut = self._action(tr("Cu&t"), c.cut, S.Cut)
        self.act_copy = self._action(tr("&Copy"), c.copy, S.Copy)
        self.act_paste = self._action(tr("&Paste"), lambda: c.paste(self._cursor_scene_pos()),
                                      S.Paste)
        self.act_duplicate = self._action(tr("&Duplicate"), c.duplicate, "Ctrl+D")
        self.act_delete = self._action(tr("De&lete"), c.delete_selection,
                                       [QKeySequence.Delete, "Backspace"])
        self.act_select_all = self._action(tr("Select &All"), self.select_all, S.SelectAll,
                                           tr("Select every gate, wire and annotation"))
        self.find_bar = FindBar(self)
        self.act_find = self._action(tr("&Find…"), self.find_bar.open, S.Find,
                                     tr("Find a node by its id or label"))
        self.act_set_output = self._action(tr("Set as &Output"),
                                           self._set_output_from_selection, "Ctrl+Shift+O")
        self.act_quick_add = self._action(
            tr("Add &Gate…"), lambda: self.open_quick_add(self._cursor_scene_pos()),
            tip=tr("Search for a gate to add (Tab)"))
        self.act_layout = self._action(tr("Auto &Layout"), c.auto_layout, "Ctrl+L",
                                       tip=tr("Lay the circuit out left to right"))
        self.act_zoom_in = self._action(tr("Zoom &In"), lambda: v.zoom_by(1.25),
                                        [S.ZoomIn, "Ctrl+="])
        self.act_zoom_out = self._action(tr("Zoom &Out"), lambda: v.zoom_by(0.8), S.ZoomOut)
        self.act_fit = self._action(tr("&Fit Circuit"), lambda: v.fit(), ["Ctrl+0", "F"])
        self.act_zoom_100 = self._action(tr("Actual Size"), lambda: v.set_zoom(1.0), "Ctrl+1")
        self.act_snap = self._action(tr("&Snap to Grid"), self.scene.set_snap, "Ctrl+'",
                                     checkable=True)
        self.act_group = self._action(tr("&Group into Gate…"), self.group_selection, "Ctrl+G",
                                      tr("Make the selected gates one compound gate"))
        self.act_expand = self._action(tr("E&xpand"), c.expand_selection, "Ctrl+Shift+G",
                                       tr("Replace a group or a sigmoid by its parts"))
        self.act_collapse = self._action(
            tr("&Collapse into Sigmoid"), c.collapse_selection,
            tip=tr("Replace scale(−1), exp, offset(+1), reciprocal by one sigmoid gate"))
        self.scene.selectionChanged.connect(self._sync_group_actions)
        self.doc.updated.connect(lambda _changes, _ev: self._sync_group_actions())
        self._sync_group_actions()
        self.act_grid = self._action(tr("Show G&rid"), self._toggle_grid, checkable=True)
        self.act_grid.setChecked(True)
        self.act_help = self._action(tr("Quick &Guide"), self.show_help, S.HelpContents)
        self.act_about = self._action(tr("&About Chainwire"), self.show_about)
        self.act_shortcuts = self._action(tr("&Keyboard Shortcuts"), lambda: open_sheet(self),
                                          "Ctrl+/", tr("Every command and its keys"))
        self.act_welcome = self._action(tr("&Welcome and Tour…"), lambda: open_welcome(self))
        self.act_preferences = self._action(tr("&Preferences…"),
                                            lambda: open_preferences(self), "Ctrl+,")

    def _make_menus(self) -> None:
        tr, mb = self.tr, self.menuBar()
        m = mb.addMenu(tr("&File"))
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu(tr("Open &Recent"))
        self.examples_menu = m.addMenu(tr("&Examples"))
        for title, path in files.examples():
            a = self.examples_menu.addAction(title)
            a.triggered.connect(lambda _=False, p=str(path): self.open_path(p, example=True))
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        self.file_menu = m
        self._export_separator = m.addSeparator()
        m.addAction(self.act_quit)
        self._refresh_recent_menu()

        m = mb.addMenu(tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate,
                      self.act_delete, self.act_select_all, self.act_find])
        m.addSeparator()
        m.addActions([self.act_quick_add, self.act_set_output, self.act_layout])
        m.addSeparator()
        m.addActions([self.act_group, self.act_expand, self.act_collapse])
        self.edit_menu = m

        m = mb.addMenu(tr("&View"))
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_100, self.act_fit])
        m.addSeparator()
        m.addActions([self.act_snap, self.act_grid])
        dec = m.addMenu(tr("&Decimals"))
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

        m = mb.addMenu(tr("&Help"))
        m.addActions([self.act_help, self.act_shortcuts, self.act_welcome])
        m.addSeparator()
        m.addAction(self.act_about)
        self.help_menu = m

        tb = self.addToolBar(tr("Main"))
        tb.setObjectName("MainToolbar")
        tb.addActions([self.act_new, self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_fit, self.act_layout])
        self.toolbar = tb

    def _finish_menus(self) -> None:
        """Items that end a menu, added once every module has added its own."""
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_preferences)

    # ----- right-click menus ---------------------------------------------------------
    def _context_menu(self, kind: str, ref, screen_pos, scene_pos: QPointF) -> None:
        tr, c, ctl = self.tr, self.doc.circuit, self.controller
        menu = QMenu(self)
        if kind == "node":
            d = c.node(ref)
            if c.output == ref:
                menu.addAction(tr("Clear Output Mark"), lambda: ctl.set_output(None))
            else:
                menu.addAction(tr("Set as Output f"), lambda: ctl.set_output(ref))
            if d.type == "input":
                menu.addAction(tr("Edit Value…"), lambda: self.edit_in_place(ref))
                if getattr(self, "formula", None) is not None:  # formula_tools
                    self.formula.steps.add_to_menu(menu, ref)
            elif GATES[d.type].param_default is not None:  # a number (a group's is not)
                menu.addAction(tr("Edit Constant…"), lambda: self.edit_in_place(ref))
            if self.act_expand.isEnabled():
                menu.addAction(self.act_expand)
            menu.addSeparator()
            menu.addActions([self.act_copy, self.act_cut, self.act_duplicate, self.act_delete])
        elif kind == "wire":
            wire: Wire = ref
            menu.addAction(tr("Delete Wire"), lambda: ctl.disconnect_wire(wire))
        else:
            add = menu.addMenu(tr("Add Gate"))
            for t in GATE_ORDER:
                add.addAction(gate_text(GATES[t], "title"),
                              lambda t=t: ctl.add_gate(t, QPointF(scene_pos)))
            menu.addAction(tr("Paste Here"), lambda: ctl.paste(QPointF(scene_pos)))
            menu.addSeparator()
            menu.addActions([self.act_select_all, self.act_layout, self.act_fit])
        self._last_menu = menu
        menu.popup(screen_pos)

    # ----- edit actions that are about the selection -----------------------------------
    def select_all(self) -> None:
        """Select every item that can be selected: gates, wires and annotations alike."""
        self.scene.select_all()  # a big circuit's selection includes nodes without items

    def group_selection(self) -> None:
        """Edit → Group into Gate…: ask the name and symbol, then group (one undo step)."""
        if not self.controller.can_group():
            self.show_status(self.tr("Select the gates to group"))
            return
        answer = ask_group_name(self)
        if answer is not None:
            self.controller.group_selection(*answer)

    def _sync_group_actions(self) -> None:
        """Group, Expand and Collapse are enabled as the selection allows."""
        try:
            ctl = self.controller
            self.act_group.setEnabled(ctl.can_group())
            self.act_expand.setEnabled(ctl.expandable_selection() is not None)
            self.act_collapse.setEnabled(ctl.collapse_target() is not None)
        except RuntimeError:  # the scene is being torn down
            return

    def _set_output_from_selection(self) -> None:
        ids = self.scene.selected_node_ids()
        if len(ids) != 1:
            self.show_status(self.tr("Select exactly one node to make it the output f"))
            return
        self.controller.set_output(ids[0])
