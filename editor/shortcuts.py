"""Help → Keyboard Shortcuts: a sheet read from the window's live actions.

Nothing here lists a key by hand: every row is a QAction the window has right now, with
the keys Qt will actually answer to (written the platform's way) and where it sits in
the menus, so the sheet cannot go stale when a shortcut or a menu changes. It can be
filtered as you type, and printed or saved as a PDF to pin beside the projector.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chainwire.editor.i18n import MNEMONIC

PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class ShortcutRow:
    """One command: its name (no mnemonic &), its keys (native text) and its menu path."""

    command: str
    keys: str
    menu: str

    def matches(self, text: str) -> bool:
        """Case-insensitive search over all three columns ("ctrl+s", "export", "view")."""
        needle = text.strip().casefold()
        return not needle or any(needle in part.casefold()
                                 for part in (self.command, self.keys, self.menu))


def plain_text(action: QAction) -> str:
    """The action's text as a reader sees it: "&&" is "&", a lone "&" marks a mnemonic
    (and a translated "(&F)", as in "파일(&F)", goes whole)."""
    text = MNEMONIC.sub("", action.text())
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def key_text(action: QAction) -> str:
    """Every shortcut of ``action``, the platform's way ("Ctrl+S", "Space, Right")."""
    keys = [k.toString(QKeySequence.NativeText) for k in action.shortcuts()]
    return ", ".join(k for i, k in enumerate(keys) if k and k not in keys[:i])


def menu_paths(window: Any) -> dict[int, str]:
    """id(action) -> "View › Steps" for every action reachable from the menu bar."""
    paths: dict[int, str] = {}

    def walk(menu: QMenu, trail: list[str]) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, [*trail, plain_text(action)])
            elif not action.isSeparator():
                paths.setdefault(id(action), PATH_SEPARATOR.join(trail))

    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            walk(top.menu(), [plain_text(top)])
    return paths


def shortcut_rows(window: Any, with_unbound: bool = False) -> list[ShortcutRow]:
    """The sheet's rows, menu order first, then the actions no menu shows.

    ``with_unbound`` adds the commands that have no key (menus only).
    """
    paths = menu_paths(window)
    seen: set[int] = set()
    ordered: list[QAction] = []

    def visit(menu: QMenu) -> None:
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):
                visit(action.menu())
            elif not action.isSeparator() and id(action) not in seen:
                seen.add(id(action))
                ordered.append(action)

    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            visit(top.menu())
    ordered += [a for a in window.actions() if id(a) not in seen and not a.isSeparator()]
    off_menu = QCoreApplication.translate("Shortcuts", "(no menu: keyboard only)")
    rows = []
    for action in ordered:
        keys, text = key_text(action), plain_text(action)
        if not text or not (keys or (with_unbound and id(action) in paths)):
            continue
        rows.append(ShortcutRow(text, keys, paths.get(id(action), off_menu)))
    return rows


def sheet_html(rows: list[ShortcutRow], title: str) -> str:
    """The rows as a printable HTML table."""
    head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in (
        QCoreApplication.translate("Shortcuts", "Command"),
        QCoreApplication.translate("Shortcuts", "Keys"),
        QCoreApplication.translate("Shortcuts", "Menu")))
    body = "".join(
        f"<tr><td>{html.escape(r.command)}</td><td><b>{html.escape(r.keys)}</b></td>"
        f"<td>{html.escape(r.menu)}</td></tr>" for r in rows)
    return (f"<h2>{html.escape(title)}</h2>"
            f"<table cellspacing='0' cellpadding='4' border='1' width='100%'>"
            f"<tr>{head}</tr>{body}</table>")


class ShortcutsSheet(QDialog):
    """The sheet in a non-modal window; re-read from the actions each time it is shown."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("shortcutsSheet")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.rows: list[ShortcutRow] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search commands, keys or menus…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.unbound = QCheckBox(self.tr("Also list commands without a key"))
        self.unbound.toggled.connect(lambda _on: self.refresh())
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys"), self.tr("Menu")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.count = QLabel()
        self.empty = QLabel(self.tr("No command matches the search."))
        self.empty.hide()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.unbound)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ActionRole)
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button.clicked.connect(self.pdf_dialog)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.count)
        lay.addWidget(buttons)
        self.resize(680, 620)
        self.search.setFocus()

    # ----- contents ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the window's actions again (a presentation may have changed them)."""
        self.rows = shortcut_rows(self.window_, self.unbound.isChecked())
        self.tree.clear()
        for r in self.rows:
            item = QTreeWidgetItem([r.command, r.keys, r.menu])
            item.setData(0, Qt.UserRole, r)
            self.tree.addTopLevelItem(item)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        shown = 0
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            hit = item.data(0, Qt.UserRole).matches(text)
            item.setHidden(not hit)
            shown += hit
        self.empty.setVisible(shown == 0)
        self.count.setText(self.tr("{0} of {1} commands").format(shown, len(self.rows)))

    def visible_rows(self) -> list[ShortcutRow]:
        """The rows the search leaves, in order: what is printed."""
        return [self.tree.topLevelItem(i).data(0, Qt.UserRole)
                for i in range(self.tree.topLevelItemCount())
                if not self.tree.topLevelItem(i).isHidden()]

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    # ----- printing -----------------------------------------------------------------------
    def print_to(self, printer: QPrinter) -> None:
        """Print the visible rows (to paper or, with a PDF printer, to a file)."""
        doc = QTextDocument()
        doc.setHtml(sheet_html(self.visible_rows(), self.tr("Chainwire keyboard shortcuts")))
        doc.print_(printer)

    def save_pdf(self, path: str) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(path)
        self.print_to(printer)

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.Accepted:
            self.print_to(printer)

    def pdf_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Shortcuts as PDF"),
                                              "chainwire-shortcuts.pdf",
                                              self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_pdf(path)


def open_sheet(window: QWidget) -> ShortcutsSheet:
    """Help → Keyboard Shortcuts: show (or raise) the window's sheet, freshly read."""
    sheet = getattr(window, "shortcuts_sheet", None)
    if sheet is None:
        sheet = window.shortcuts_sheet = ShortcutsSheet(window)
    if sheet.isVisible():
        sheet.refresh()
    sheet.show()
    sheet.raise_()
    sheet.activateWindow()
    return sheet
