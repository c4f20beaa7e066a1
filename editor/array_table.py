"""A read-only table of an array's elements, for the inspector.

A wire's label only previews an array (its shape and a few elements); the inspector
shows every element. The model formats cells lazily (a 1024×1024 matrix makes no million
strings up front) with the one number formatter. A vector is shown as a column, as the
notes write x in W·x; row and column headers count from 0, as numpy does.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from chainwire.editor.numbers import format_number

_Index = QModelIndex | QPersistentModelIndex

VISIBLE_ROWS = 6
"""A table grows with its array up to this many rows, then scrolls."""


class ArrayModel(QAbstractTableModel):
    """An array's elements as text, formatted when a cell is drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = np.zeros((0, 0))
        self._decimals = 2

    def set_array(self, v: np.ndarray | None, decimals: int) -> None:
        """Show ``v`` (a vector becomes a column); None empties the table."""
        data = np.zeros((0, 0)) if v is None else np.asarray(v).reshape(
            (-1, 1) if np.ndim(v) == 1 else np.shape(v))
        if data.shape == self._data.shape and decimals == self._decimals:
            self._data = data
            if data.size:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(data.shape[0] - 1, data.shape[1] - 1))
            return
        self.beginResetModel()
        self._data, self._decimals = data, decimals
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._data.shape[0]

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._data.shape[1]

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        if role == Qt.DisplayRole and index.isValid():
            return format_number(float(self._data[index.row(), index.column()]),
                                 self._decimals)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.DisplayRole):
        return str(section) if role == Qt.DisplayRole else None


class ArrayTable(QTableView):
    """The table widget: read-only, selectable (copy a cell), scrolls when large."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.array_model = ArrayModel(self)
        self.setModel(self.array_model)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)

    def show_array(self, v: np.ndarray | None, decimals: int) -> None:
        self.array_model.set_array(v, decimals)
        if v is not None and np.size(v):  # every column as wide as the widest number
            widest = max((format_number(float(x), decimals) for x in (np.min(v), np.max(v))),
                         key=len)
            self.horizontalHeader().setDefaultSectionSize(
                self.fontMetrics().horizontalAdvance(widest + "00") + 8)
        rows = min(self.array_model.rowCount(), VISIBLE_ROWS)
        h = self.horizontalHeader().height() + rows * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(h + 2 * self.frameWidth() + (
            self.horizontalScrollBar().sizeHint().height() if rows else 0))

    def cell_text(self, row: int, column: int) -> str:
        """What a cell shows (for tests and accessibility)."""
        return self.array_model.data(self.array_model.index(row, column))
