"""Small questions the window asks: how big a PNG should be.

Each question is a dialog class plus an ``ask_*`` function, so tests can look at the
dialog offscreen (build it, grab it) and monkeypatch the asking (a modal ``exec``
would block). Titles are short and the dialogs wide enough that no window manager
cuts them ("PNG s… inwire" was the old scale prompt's title).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

SCALES = (1.0, 2.0, 3.0, 4.0)
DIALOG_MIN_WIDTH = 380


def scale_text(scale: float) -> str:
    """"2×": how people name an image's scale."""
    return f"{scale:g}×"


class ImageScaleDialog(QDialog):
    """"Image scale: 2×", with the picture's size in pixels for the chosen scale."""

    def __init__(self, parent: QWidget | None, current: float,
                 size_at: Callable[[float], QSize] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export PNG Image"))
        self.setObjectName("imageScaleDialog")
        self._size_at = size_at
        self.combo = QComboBox(self)
        for s in SCALES:
            self.combo.addItem(scale_text(s), s)
        self.combo.setCurrentIndex(SCALES.index(min(SCALES, key=lambda s: abs(s - current))))
        self.pixels = QLabel(self)
        hint = QLabel(self.tr("Larger is sharper on slides and projectors."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Image scale:"), self.combo)
        form.addRow(self.tr("Size:"), self.pixels)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(buttons)
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.combo.currentIndexChanged.connect(self._show_pixels)
        self._show_pixels()

    def scale(self) -> float:
        return float(self.combo.currentData())

    def _show_pixels(self) -> None:
        if self._size_at is None:
            self.pixels.setText("")
            return
        size = self._size_at(self.scale())
        self.pixels.setText(self.tr("{w} × {h} pixels").format(w=size.width(),
                                                                 h=size.height()))


def ask_image_scale(parent: QWidget | None, current: float,
                    size_at: Callable[[float], QSize] | None = None) -> float | None:
    """Ask how big the PNG should be; None when the user cancels."""
    dialog = ImageScaleDialog(parent, current, size_at)
    try:
        return dialog.scale() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()
