"""Small questions the window asks: how big a PNG should be.

Each question is built by one function and asked by another, so tests can look at the
dialog offscreen (build it, grab it) and monkeypatch the asking (modal ``exec`` would
block). Titles are short and the dialogs wide enough that no window manager cuts them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QInputDialog, QWidget

SCALES = (1.0, 2.0, 3.0, 4.0)
DIALOG_MIN_WIDTH = 380


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def scale_text(scale: float, size: QSize | None = None) -> str:
    """"2×" or "2×  (1240 × 860 pixels)": how people name an image's size."""
    text = f"{scale:g}×"
    if size is not None:
        text += "  " + _tr("({w} × {h} pixels)").format(w=size.width(), h=size.height())
    return text


def image_scale_dialog(parent: QWidget | None, current: float,
                       size_at: Callable[[float], QSize] | None = None) -> QInputDialog:
    """The "Image scale: 2×" question, not yet shown; ``size_at(scale)`` gives pixels."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_tr("Export PNG Image"))
    dialog.setLabelText(_tr("Image scale (larger is sharper on slides):"))
    items = [scale_text(s, size_at(s) if size_at else None) for s in SCALES]
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    chosen = min(SCALES, key=lambda s: abs(s - current))
    dialog.setTextValue(items[SCALES.index(chosen)])
    dialog.setMinimumWidth(DIALOG_MIN_WIDTH)
    return dialog


def chosen_scale(dialog: QInputDialog) -> float:
    """The scale the dialog's combo box shows."""
    for scale in SCALES:
        if dialog.textValue().startswith(scale_text(scale)):
            return scale
    return SCALES[1]


def ask_image_scale(parent: QWidget | None, current: float,
                    size_at: Callable[[float], QSize] | None = None) -> float | None:
    """Ask how big the PNG should be; None when the user cancels."""
    dialog = image_scale_dialog(parent, current, size_at)
    try:
        if dialog.exec() != QInputDialog.Accepted:
            return None
        return chosen_scale(dialog)
    finally:
        dialog.deleteLater()
