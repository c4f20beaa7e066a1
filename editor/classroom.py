"""Classroom mode wired into the main window: one ``install_classroom(window)`` call.

Everything a teacher uses lives here as menu actions and shortcuts: presentation mode,
themes, the colour-blind palette, step-through, patterns overlay, quiz, gradient
colouring, annotations and image export. The window knows nothing of it beyond that
call; the pieces themselves are in ``overlay`` (what the canvas shows), ``presenter``
(full screen) and ``export``, so each can be tested on its own; annotation edits are
commands made by the window's controller, like every other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow

from chainwire.editor import export
from chainwire.editor.i18n import error_text, step_position_text, theme_title
from chainwire.editor.items.wire import WireItem, WireLabel
from chainwire.editor.overlay import QUIZ_MARK, ClassroomOverlay
from chainwire.editor.presenter import Presenter, StepBadge
from chainwire.editor.theme import THEME_NAMES, THEMES


class Classroom(QObject):
    """The classroom features of one window; kept as ``window.classroom``."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        scene = window.scene
        self.overlay = ClassroomOverlay(scene)
        window.badge = StepBadge(window.view)
        self.presenter = Presenter(window, self.overlay)
        self._make_actions()
        self._make_menus()
        self.overlay.changed.connect(self._on_step)
        scene.installEventFilter(self)
        scene.annotation_activated.connect(self.edit_annotation)
        self._sync_step_actions()

    # ----- actions -------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "",
                checkable: bool = False) -> QAction:
        a = QAction(text, self.window)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, (list, tuple)) else [shortcut]
            a.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            a.setStatusTip(tip)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        self.window.addAction(a)  # shortcuts work with the menu bar hidden (presenting)
        return a

    def _make_actions(self) -> None:
        ov, pr, w, tr = self.overlay, self.presenter, self.window, self.tr
        self.act_present = self._action(tr("&Present"), pr.toggle, "F5",
                                        tr("Full screen for a projector; Esc leaves"))
        self.act_leave = self._action(tr("Leave Presentation"), pr.leave, "Esc")
        self.act_leave.setEnabled(False)
        self.act_step_mode = self._action(
            tr("S&tep Through"), ov.set_stepping, "Ctrl+Shift+T", checkable=True,
            tip=tr("Show the forward pass one gate at a time, then the backward pass"))
        self.act_next = self._action(tr("&Next Step"), ov.next, ["Space", "Right"])
        self.act_back = self._action(tr("&Previous Step"), ov.back, "Left")
        self.act_start = self._action(tr("&Start"), lambda: ov.go(0), "Home")
        self.act_end = self._action(tr("&End (Show All)"), lambda: ov.go(ov.last), "End")
        self.act_labels_bigger = self._action(tr("Larger Labels"), lambda: pr.scale_labels(1.15),
                                              ["Ctrl++", "Ctrl+="])
        self.act_labels_smaller = self._action(tr("Smaller Labels"),
                                               lambda: pr.scale_labels(1 / 1.15), "Ctrl+-")
        for a in (self.act_labels_bigger, self.act_labels_smaller):
            a.setEnabled(False)
        # while presenting, Ctrl+plus/minus size the labels instead of zooming
        pr.taken_actions = [self.window.act_zoom_in, self.window.act_zoom_out]
        self.act_colorblind = self._action(tr("&Colour-Blind-Safe Colours"), self.set_colorblind,
                                           checkable=True)
        self.act_grad_colour = self._action(
            tr("&Gradient Colouring"), ov.set_grad_colouring, checkable=True,
            tip=tr("Colour wires by the sign of their gradient, thicken them by its size"))
        self.act_patterns = self._action(
            tr("&Patterns Overlay"), ov.set_patterns, checkable=True,
            tip=tr("Mark what each gate does to the gradient, and the sums at forks"))
        self.act_quiz_grads = self._action(tr("Hide All &Gradients"), lambda: ov.hide_all(True))
        self.act_quiz_values = self._action(tr("Hide All &Values"), lambda: ov.hide_all(False))
        self.act_quiz_selected = self._action(tr("Hide &Selected Wires' Gradients"),
                                              self.hide_selected)
        self.act_quiz_next = self._action(tr("Reveal &Next"), lambda: ov.reveal_next())
        self.act_quiz_all = self._action(tr("&Reveal All"), ov.reveal_all)
        self.act_add_note = self._action(tr("Add &Annotation…"), self.add_annotation,
                                         "Ctrl+Shift+N")
        self.act_edit_note = self._action(tr("Edit Annotation…"), self.edit_selected_annotation)
        self.act_note_bigger = self._action(tr("Annotation Text Larger"),
                                            lambda: self.resize_annotations(1.25), "Ctrl+]")
        self.act_note_smaller = self._action(tr("Annotation Text Smaller"),
                                             lambda: self.resize_annotations(0.8), "Ctrl+[")
        self.act_export = self._action(tr("&Export Image…"), w.export_image_dialog, "Ctrl+E")
        self.act_copy_image = self._action(tr("Copy &Image"), self.copy_image, "Ctrl+Shift+C")
        self.act_export_steps = self._action(tr("Export Every &Step as PNGs…"),
                                             w.export_steps_dialog)

    def _make_menus(self) -> None:
        w = self.window
        fm = w.file_menu
        for a in (self.act_export, self.act_copy_image, self.act_export_steps):
            fm.insertAction(w._export_separator, a)

        em = w.edit_menu
        em.addSeparator()
        em.addActions([self.act_add_note, self.act_edit_note, self.act_note_bigger,
                       self.act_note_smaller])

        vm = w.view_menu
        vm.addSeparator()
        vm.addAction(self.act_present)
        themes = vm.addMenu(self.tr("T&heme"))
        group = QActionGroup(self)
        self.theme_actions = {}
        for name in THEME_NAMES:
            a = themes.addAction(theme_title(THEMES[name]))
            a.setCheckable(True)
            a.setChecked(name == w.scene.style.theme.name)
            group.addAction(a)
            a.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_actions[name] = a
        themes.addSeparator()
        themes.addAction(self.act_colorblind)
        vm.addAction(self.act_step_mode)
        steps = vm.addMenu(self.tr("Ste&ps"))
        steps.addActions([self.act_next, self.act_back, self.act_start, self.act_end])
        steps.addAction(self.presenter.act_step_inside)
        vm.addActions([self.act_patterns, self.act_grad_colour])
        quiz = vm.addMenu(self.tr("&Quiz"))
        quiz.addActions([self.act_quiz_grads, self.act_quiz_values, self.act_quiz_selected])
        quiz.addSeparator()
        quiz.addActions([self.act_quiz_next, self.act_quiz_all])

        w.toolbar.addSeparator()
        w.toolbar.addActions([self.act_step_mode, self.act_present])

    # ----- themes ----------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        scene = self.window.scene
        scene.style.theme = THEMES[name]
        self.theme_actions[name].setChecked(True)
        scene.restyle()
        self.overlay.apply()

    def set_colorblind(self, on: bool) -> None:
        self.window.scene.style.colorblind = on
        self.act_colorblind.setChecked(on)
        self.window.scene.restyle()
        self.overlay.apply()

    # ----- step-through ------------------------------------------------------------------
    def _sync_step_actions(self) -> None:
        ov, presenting = self.overlay, self.presenter.presenting
        live = ov.stepping or bool(ov.quiz_hidden)
        for a in (self.act_next, self.act_back, self.act_start, self.act_end):
            a.setEnabled(live)
        self.act_back.setEnabled(ov.stepping)
        self.act_leave.setEnabled(presenting)
        self.act_labels_bigger.setEnabled(presenting)
        self.act_labels_smaller.setEnabled(presenting)
        self.act_step_mode.setChecked(ov.stepping)
        self.act_present.setChecked(presenting)

    def _on_step(self, step) -> None:
        self._sync_step_actions()
        w = self.window
        gate = ""
        if step is not None and step.node is not None and step.node in w.doc.circuit:
            d = w.doc.circuit.node(step.node)
            gate = d.label or d.id
        w.badge.show_step(step, w.scene.style, gate)
        if step is not None:
            text = self.tr("Step: {0}").format(step_position_text(step))
            if gate:
                text += f" — {gate}"
            if step.callouts:
                text += ":  " + ";  ".join(error_text(c.text) for c in step.callouts)
            w.show_status(text, 0)
        elif self.overlay.quiz_hidden:
            w.show_status(self.tr("Quiz: {0} hidden — click a ? or press Space to reveal")
                          .format(len(self.overlay.quiz_hidden)), 0)
        else:
            w.statusBar().clearMessage()

    def hide_selected(self) -> None:
        wires = self.window.scene.selected_wires()
        if not wires:
            self.window.show_status(self.tr("Select wires first, then hide their gradients"))
            return
        self.overlay.hide(wires, True)

    # ----- scene events: quiz clicks -------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        t = event.type()
        if t == QEvent.GraphicsSceneMousePress and event.button() == Qt.LeftButton:
            label = self._label_at(event.scenePos())
            if label is not None:
                key = label.parentItem().wire
                if event.modifiers() & Qt.AltModifier:
                    self.overlay.toggle_hidden(key, label.is_grad)
                    return True
                if label.text() == QUIZ_MARK and self.overlay.reveal(key, label.is_grad):
                    return True
        return False

    def _label_at(self, pos) -> WireLabel | None:
        for item in self.window.scene.items(pos):
            if isinstance(item, WireLabel) and item.isVisible() and \
                    isinstance(item.parentItem(), WireItem):
                return item
        return None

    # ----- annotations -------------------------------------------------------------------
    def add_annotation(self) -> None:
        w = self.window
        text, ok = QInputDialog.getMultiLineText(w, self.tr("Add annotation"), self.tr("Text:"))
        if ok and text.strip():
            c = w.view.mapToScene(w.view.viewport().rect().center())
            w.controller.add_annotation(text, (round(c.x()), round(c.y())))

    def edit_annotation(self, index: int) -> None:
        anns = self.window.doc.circuit.annotations()
        if not 0 <= index < len(anns):
            return
        text, ok = QInputDialog.getMultiLineText(self.window, self.tr("Edit annotation"),
                                                 self.tr("Text:"), anns[index].text)
        if ok:
            self.window.controller.set_annotation_text(index, text)

    def edit_selected_annotation(self) -> None:
        sel = self.window.scene.selected_annotations()
        if len(sel) != 1:
            self.window.show_status(self.tr("Select one annotation to edit (or double-click "
                                             "it)"))
            return
        self.edit_annotation(sel[0])

    def resize_annotations(self, factor: float) -> None:
        self.window.controller.resize_annotations(factor)

    # ----- export --------------------------------------------------------------------------
    def copy_image(self) -> None:
        """Copy the circuit as an image, at the scale the last PNG export used."""
        image = export.copy_image(self.window.scene, self.window.export_scale)
        self.window.show_status(self.tr("Copied the circuit as a {0}×{1} image").format(
            image.width(), image.height()))


def install_classroom(window: QMainWindow) -> Classroom:
    """Add classroom mode to ``window`` (called once, at the end of MainWindow.__init__)."""
    window.classroom = Classroom(window)
    return window.classroom
