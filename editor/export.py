"""Images for slides: the whole circuit, with its labels, in the current theme.

PNG at any scale, SVG (QSvgGenerator at 96 dpi: at its default resolution point-sized
text comes out at 0.75x relative to shapes), PDF (QPdfWriter, one page the size of the
circuit), the clipboard, and one numbered PNG per step of the step-through. Rendering
needs only a scene, so the headless ``chainwire render`` uses the same functions.
While rendering, the grid and the selection are hidden: they are editing aids, not
part of the picture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from chainwire.editor.scene import CircuitScene

MARGIN = 30.0
FORMATS = ("png", "svg", "pdf")


def export_rect(scene: CircuitScene) -> QRectF:
    """The part of the scene worth exporting: every item (callouts and notes included)."""
    r = scene.itemsBoundingRect()
    if r.isEmpty():
        r = QRectF(0, 0, 200, 120)
    return r.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


@contextmanager
def clean_for_export(scene: CircuitScene) -> Iterator[None]:
    """Hide the grid and the selection for the duration of a render, then restore them."""
    grid, selected = scene.show_grid, scene.selectedItems()
    offscreen = set(scene.visible.selected), set(scene.visible.selected_wires)  # big ones
    scene.show_grid = False
    scene.clearSelection()
    try:
        yield
    finally:
        scene.show_grid = grid
        for item in selected:
            item.setSelected(True)
        scene.visible.selected, scene.visible.selected_wires = offscreen


def image_size(scene: CircuitScene, scale: float = 2.0) -> QSize:
    """How many pixels a PNG at ``scale`` will be (the export dialog shows it)."""
    rect = export_rect(scene)
    return QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))


def render_image(scene: CircuitScene, scale: float = 2.0) -> QImage:
    """The circuit as an image, ``scale`` pixels per scene unit."""
    with clean_for_export(scene):
        rect = export_rect(scene)
        size = image_size(scene, scale)
        image = QImage(size, QImage.Format_ARGB32_Premultiplied)
        image.fill(scene.style.theme.color("background"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect,
                     Qt.KeepAspectRatio)
        painter.end()
    return image


def save_png(scene: CircuitScene, path: str, scale: float = 2.0) -> None:
    if not render_image(scene, scale).save(path, "PNG"):
        raise OSError(f"could not write {path}")


def save_svg(scene: CircuitScene, path: str) -> None:
    with clean_for_export(scene):
        rect = export_rect(scene)
        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setResolution(96)
        gen.setSize(QSize(round(rect.width()), round(rect.height())))
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setTitle("Chainwire circuit")
        painter = QPainter()
        if not painter.begin(gen):
            raise OSError(f"could not write {path}")
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
    if not os.path.exists(path):
        raise OSError(f"could not write {path}")


def save_pdf(scene: CircuitScene, path: str) -> None:
    """One page exactly the circuit's size (1 scene unit = 1/96 inch), vector text."""
    with clean_for_export(scene):
        rect = export_rect(scene)
        writer = QPdfWriter(path)
        writer.setResolution(96)
        size = QPageSize(QSizeF(rect.width() * 72 / 96, rect.height() * 72 / 96),
                         QPageSize.Point, "circuit")
        writer.setPageLayout(QPageLayout(size, QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
        writer.setTitle("Chainwire circuit")
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"could not write {path}")
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        target = QRectF(0, 0, writer.width(), writer.height())
        scene.render(painter, target, rect, Qt.KeepAspectRatio)
        painter.end()


def save_framed(scene: CircuitScene, path: str, rect: QRectF, size: tuple[int, int]) -> None:
    """Save exactly ``rect`` of the scene filling a ``size`` (pixels) picture: what a
    screen of that size shows in presentation mode (``chainwire render --size``)."""
    w, h = size
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    with clean_for_export(scene):
        if ext == "png":
            device = QImage(QSize(w, h), QImage.Format_ARGB32_Premultiplied)
            device.fill(scene.style.theme.color("background"))
        elif ext == "svg":
            device = QSvgGenerator()
            device.setFileName(path)
            device.setResolution(96)
            device.setSize(QSize(w, h))
            device.setViewBox(QRectF(0, 0, w, h))
        elif ext == "pdf":
            device = QPdfWriter(path)
            device.setResolution(96)
            page = QPageSize(QSizeF(w * 72 / 96, h * 72 / 96), QPageSize.Point, "screen")
            device.setPageLayout(QPageLayout(page, QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
        else:
            raise ValueError(f"cannot tell the image format from {os.path.basename(path)!r}")
        painter = QPainter()
        if not painter.begin(device):
            raise OSError(f"could not write {path}")
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        if ext != "png":
            painter.fillRect(QRectF(0, 0, w, h), scene.style.theme.color("background"))
        scene.render(painter, QRectF(0, 0, w, h), rect, Qt.IgnoreAspectRatio)
        painter.end()
    if ext == "png" and not device.save(path, "PNG"):
        raise OSError(f"could not write {path}")


def save(scene: CircuitScene, path: str, scale: float = 2.0) -> None:
    """Save by extension: .png (at ``scale``), .svg or .pdf. ValueError for others."""
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext == "png":
        save_png(scene, path, scale)
    elif ext == "svg":
        save_svg(scene, path)
    elif ext == "pdf":
        save_pdf(scene, path)
    else:
        raise ValueError(f"cannot tell the image format from {os.path.basename(path)!r}: "
                         "use .png, .svg or .pdf")


def copy_image(scene: CircuitScene, scale: float = 2.0) -> QImage:
    """Put the circuit on the clipboard as an image (paste it into slides)."""
    image = render_image(scene, scale)
    QGuiApplication.clipboard().setImage(image)
    return image


def export_steps(scene: CircuitScene, overlay, folder: str, stem: str = "step",
                 scale: float = 2.0) -> list[str]:
    """One PNG per position of the step-through: ``stem-00.png`` (start) onwards.

    The overlay's position and stepping state are restored afterwards.
    """
    was_stepping, was_at = overlay.stepping, overlay.position
    paths = []
    try:
        overlay.set_stepping(True)
        width = max(2, len(str(overlay.last)))
        for i in range(overlay.last + 1):
            overlay.go(i)
            path = os.path.join(folder, f"{stem}-{i:0{width}d}.png")
            save_png(scene, path, scale)
            paths.append(path)
    finally:
        if was_stepping:
            overlay.go(was_at)
        else:
            overlay.set_stepping(False)
    return paths
