"""Help → Quick Guide (F1) and About.

The guide reads its keys from the window's own actions, so it cannot drift from the
real shortcuts (a guide that says F6 when F5 presents is worse than none). It opens
as a non-modal window: a new user keeps it beside the canvas while trying things.
"""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import chainwire


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuickGuide", text)


def keys_of(action: QAction | None, fallback: str = "") -> str:
    """An action's shortcuts as the platform writes them ("Ctrl+A"), or ``fallback``."""
    if action is None:
        return fallback
    names = [k.toString(QKeySequence.NativeText) for k in action.shortcuts()]
    names = [n for i, n in enumerate(names) if n and n not in names[:i]]
    return " / ".join(names) or fallback


def _row(what: str, keys: str) -> str:
    if not keys:  # a sentence, not a key: use the whole width
        return f"<tr><td colspan='2'>{html.escape(what)}</td></tr>"
    return (f"<tr><td width='32%' style='padding-right:14px'><b>{html.escape(keys)}</b></td>"
            f"<td>{html.escape(what)}</td></tr>")


def _section(title: str, rows: list[tuple[str, str]]) -> str:
    head = (f"<tr><td colspan='2' style='padding-top:10px'><h3>{html.escape(title)}</h3>"
            "</td></tr>")
    return head + "".join(_row(what, keys) for keys, what in rows)


def guide_html(window: QMainWindow) -> str:
    """The whole guide as HTML, with the keys of ``window``'s actions."""
    w = window
    cl = getattr(w, "classroom", None)

    def k(name: str, fallback: str = "") -> str:
        return keys_of(getattr(w, name, None), fallback)

    def c(name: str, fallback: str) -> str:
        return keys_of(getattr(cl, name, None), fallback) if cl is not None else fallback

    parts = [
        _section(_tr("Build"), [
            ("", _tr("Drag a gate from the Gates list onto the canvas "
                     "(or double-click it to add it in the middle).")),
            (_tr("Tab"), _tr("Add a gate by name at the mouse: type, then Enter. "
                             "Double-clicking empty canvas does the same.")),
            (k("act_duplicate"), _tr("Duplicate the selected gates.")),
            (k("act_delete"), _tr("Delete the selection.")),
            (k("act_select_all"), _tr("Select everything (gates, wires and notes).")),
            (k("act_find"), _tr("Find a node by id or label: Enter shows the next match, "
                                "Shift+Enter the previous, Esc closes.")),
            (_tr("Arrow keys"), _tr("Nudge the selected gates (Shift: one grid step).")),
            (k("act_layout"), _tr("Auto layout: tidy the circuit left to right.")),
            (k("act_undo"), _tr("Undo.")),
            (k("act_redo"), _tr("Redo.")),
        ]),
        _section(_tr("Wire"), [
            ("", _tr("Drag from a gate's output port (right) to an input port (left).")),
            ("", _tr("Drag a wire's input end to another port to move it; drop it on "
                     "empty canvas to delete it.")),
        ]),
        _section(_tr("Values"), [
            (_tr("Double-click"), _tr("On an input: type its value. On a ·c or +c gate: "
                                      "type its constant. On other gates: type a label. "
                                      "Enter applies, Esc cancels.")),
            (_tr("Mouse wheel"), _tr("Over an input: change its value by 1 "
                                     "(with Shift: by 0.1).")),
            (k("act_set_output"), _tr("Make the selected node the output f "
                                      "(or right-click it).")),
        ]),
        _section(_tr("Read the numbers"), [
            ("", _tr("Above a wire: the value flowing forward.")),
            ("", _tr("Below a wire, in italics: the gradient ∂f/∂(that wire) flowing "
                     "back.")),
            ("", _tr("Select a node or a wire: the Inspector shows its numbers and its "
                     "local gradient. View → Decimals sets the digits shown.")),
        ]),
        _section(_tr("Zoom and pan"), [
            (_tr("Ctrl+wheel"), _tr("Zoom around the mouse.")),
            (k("act_zoom_in"), _tr("Zoom in.")),
            (k("act_zoom_out"), _tr("Zoom out.")),
            (k("act_fit"), _tr("Fit the whole circuit on screen.")),
            (k("act_zoom_100"), _tr("Actual size (100 %).")),
            (_tr("Space+drag"), _tr("Pan the canvas (or drag with the middle button).")),
        ]),
        _section(_tr("In class"), [
            (c("act_present", "F5"), _tr("Present: full screen, large numbers for the "
                                         "back row. Ctrl+plus/minus size the numbers.")),
            (c("act_leave", "Esc"), _tr("Leave the presentation (the editor's view comes "
                                        "back exactly).")),
            (keys_of(getattr(getattr(cl, "presenter", None), "act_whole", None), "Z"),
             _tr("While presenting: toggle between following the step and the whole "
                 "circuit.")),
            (c("act_step_mode", "Ctrl+Shift+T"), _tr("Step through: the forward pass "
                                                     "one gate at a time, then backward.")),
            (c("act_next", "Space / Right"), _tr("Next step (or reveal the next hidden "
                                                 "number in a quiz).")),
            (c("act_back", "Left"), _tr("Previous step.")),
            (c("act_start", "Home"), _tr("Back to the start of the step-through.")),
            (c("act_end", "End"), _tr("Show everything (the last step).")),
            ("", _tr("Quiz (View → Quiz): hide all gradients or values, or those of the "
                     "selected wires; click a ? to reveal it, or Reveal All. "
                     "Alt+click any number hides or shows it.")),
            ("", _tr("Patterns overlay (View menu): marks what each gate does to the "
                     "gradient (add distributes, multiply swaps, max routes) and the sums "
                     "at forks. Gradient colouring shows signs and sizes.")),
            (c("act_add_note", "Ctrl+Shift+N"), _tr("Add an annotation (a note on the "
                                                    "canvas); double-click it to edit.")),
            (c("act_export", "Ctrl+E"), _tr("Export an image for slides (PNG, SVG or PDF).")),
            (c("act_copy_image", "Ctrl+Shift+C"), _tr("Copy the circuit as an image.")),
        ]),
    ]
    return f"<table cellspacing='3'>{''.join(parts)}</table>"


class QuickGuide(QDialog):
    """The guide in its own small window, kept open beside the canvas if wanted."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Chainwire Quick Guide"))
        self.setObjectName("quickGuide")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(620, 680)
        self.refresh(window)

    def refresh(self, window: QMainWindow) -> None:
        """Re-read the keys (a presentation or a plug-in may have changed them)."""
        self.browser.setHtml(guide_html(window))

    def text(self) -> str:
        return self.browser.toPlainText()


def versions() -> list[tuple[str, str]]:
    """(component, version) for the About box and bug reports."""
    import networkx
    import numpy
    return [("Chainwire", chainwire.version()),
            ("Qt", qVersion()),
            ("PySide6", pyside_version),
            ("Python", platform.python_version()),
            ("numpy", numpy.__version__),
            ("networkx", networkx.__version__)]


def about_box(parent: QWidget | None) -> QMessageBox:
    """The About box, built but not shown."""
    rows = "".join(f"<tr><td>{html.escape(name)}</td><td><b>{html.escape(v)}</b></td></tr>"
                   for name, v in versions()[1:])  # [0] is Chainwire, in the heading
    paragraphs = (
        QCoreApplication.translate("About", "Backpropagation circuits you can touch."),
        QCoreApplication.translate(
            "About", "Every wire shows its forward value (above, upright) and the gradient "
                     "flowing back along it (below, italic), as in the cs231n notes "
                     "“Backpropagation, Intuitions”."),
        QCoreApplication.translate("About", "Free software under the MIT licence."))
    text = (f"<h2>Chainwire {html.escape(chainwire.version())}</h2>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            + f"<table cellspacing='4'>{rows}</table>")
    box = QMessageBox(QMessageBox.NoIcon, QCoreApplication.translate("About", "About Chainwire"),
                      "", QMessageBox.Ok, parent)
    box.setObjectName("aboutBox")
    box.setTextFormat(Qt.RichText)
    box.setText(text)
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if parent is not None and not parent.windowIcon().isNull():
        box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    return box


class HelpActions:
    """MainWindow's Help menu slots (a mixin: the window is a QMainWindow)."""

    quick_guide: QuickGuide | None = None
    about_dialog: QMessageBox | None = None

    def show_help(self) -> None:
        if self.quick_guide is None:
            self.quick_guide = QuickGuide(self)
        else:
            self.quick_guide.refresh(self)
        self.quick_guide.show()
        self.quick_guide.raise_()
        self.quick_guide.activateWindow()

    def show_about(self) -> None:
        if self.about_dialog is not None:
            self.about_dialog.deleteLater()
        self.about_dialog = about_box(self)
        self.about_dialog.open()  # window-modal but no nested event loop
