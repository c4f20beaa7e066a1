"""Edit → Group into Gate…: the name and symbol of the new compound gate.

``ask_group_name`` is the modal question (tests build the dialog offscreen or patch
``exec``); ``editor/menus.py`` owns the actions, ``editor/commands_group.py`` the edits.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from chainwire.graph.groups import MAX_NAME, MAX_SYMBOL

DEFAULT_NAME, DEFAULT_SYMBOL = "group", "g"


class GroupDialog(QDialog):
    """Name: [group]  Symbol: [g]: what the group is called and what its gate shows."""

    def __init__(self, parent: QWidget | None, name: str = DEFAULT_NAME,
                 symbol: str = DEFAULT_SYMBOL) -> None:
        super().__init__(parent)
        self.setObjectName("groupDialog")
        self.setWindowTitle(self.tr("Group into Gate"))
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setToolTip(self.tr("What the inspector and the step-through call it"))
        self.symbol_edit = QLineEdit(symbol, self)
        self.symbol_edit.setMaxLength(MAX_SYMBOL)
        self.symbol_edit.setToolTip(self.tr("What the gate shows, e.g. σ"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Symbol:"), self.symbol_edit)
        form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._check)
        self.symbol_edit.textChanged.connect(self._check)
        self.setMinimumWidth(320)

    def values(self) -> tuple[str, str]:
        return self.name_edit.text().strip(), self.symbol_edit.text().strip()

    def _check(self) -> None:
        name, symbol = self.values()
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(name and symbol))


def ask_group_name(parent: QWidget | None) -> tuple[str, str] | None:
    """(name, symbol) for a new group; None when the user cancels."""
    dialog = GroupDialog(parent)
    try:
        return dialog.values() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()
