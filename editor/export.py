"""Images for slides: the whole circuit, with its labels, in the current theme.

PNG at any scale, SVG (QSvgGenerator at 96 dpi: at its default resolution point-sized
text comes out at 0.75x relative to shapes), PDF (QPdfWriter, one page the size of the
circuit), the clipboard, and one numbered PNG per step of the step-through. Rendering
needs only a scene, so the headless ``chainwire render`` uses the same functions.
While rendering, the grid and the selection are hidden: they are editing aids, not
part of the picture.

A PNG is one image in memory (4 bytes a pixel): beyond MAX_PIXELS or MAX_SIDE it is
refused before anything is allocated (``ImageTooLarge``, saying the largest scale that
fits); the clipboard copy scales down instead. Every file is drawn in memory and then
written whole (``write_atomic``): a failed export leaves no partial file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from chainwire.editor.scene import CircuitScene
from chainwire.graph.fileio.atomic import write_atomic

MARGIN = 30.0
FORMATS = ("png", "svg", "pdf")
MAX_PIXELS = 40_000_000
"""The most pixels a PNG may have: 160 MB of image memory (``chainwire render`` too)."""
MAX_SIDE = 32_767
"""The longest side a PNG may have: QPainter's raster engine works in 16-bit spans."""


class ImageTooLarge(ValueError, OSError):
    """A PNG at this scale would be bigger than MAX_PIXELS or MAX_SIDE (an OSError too:
    the callers that export files say "Could not export: …" for either)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


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


def fits(size: QSize) -> bool:
    """Whether a PNG of ``size`` pixels may be made."""
    w, h = size.width(), size.height()
    return w * h <= MAX_PIXELS and max(w, h) <= MAX_SIDE


def largest_scale(scene: CircuitScene) -> float:
    """The largest scale at which the whole circuit fits in a PNG."""
    rect = export_rect(scene)
    w, h = rect.width(), rect.height()
    scale = min(MAX_SIDE / w, MAX_SIDE / h, (MAX_PIXELS / (w * h)) ** 0.5)
    while scale > 0 and not fits(image_size(scene, scale)):  # rounding: a pixel over
        scale *= 0.999
    return scale


def check_size(scene: CircuitScene, scale: float) -> QSize:
    """The PNG's size at ``scale``; ImageTooLarge (in words) if it may not be made."""
    size = image_size(scene, scale)
    if fits(size):
        return size
    most = f"{int(largest_scale(scene) * 100) / 100:g}"  # rounded down: it fits
    raise ImageTooLarge(_too_big(size) + " " + _tr(
        "Export this circuit as SVG or PDF, or as PNG at a scale of {0}× or less.").format(
            most))


def _too_big(size: QSize) -> str:
    return _tr("The image would be {w} × {h} pixels, more than a PNG may have (at most "
               "{pixels} pixels, {side} on a side).").format(
        w=f"{size.width():,}", h=f"{size.height():,}", pixels=f"{MAX_PIXELS:,}",
        side=f"{MAX_SIDE:,}")


def render_image(scene: CircuitScene, scale: float = 2.0) -> QImage:
    """The circuit as an image, ``scale`` pixels per scene unit (ImageTooLarge beyond
    MAX_PIXELS or MAX_SIDE, before any memory is taken)."""
    size = check_size(scene, scale)
    with clean_for_export(scene):
        rect = export_rect(scene)
        image = QImage(size, QImage.Format_ARGB32_Premultiplied)
        if image.isNull():
            raise OSError(_tr("Not enough memory for a {w} × {h} pixel image").format(
                w=f"{size.width():,}", h=f"{size.height():,}"))
        image.fill(scene.style.theme.color("background"))
        with _painting(image, "the image") as painter:
            scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect,
                         Qt.KeepAspectRatio)
    return image


def _write(path: str, draw: Callable[[QBuffer], None]) -> None:
    """``draw`` the file into memory, then replace ``path`` whole: a failed export
    leaves no partial file, and a file already there untouched."""
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    draw(buffer)
    buffer.close()
    write_atomic(path, bytes(buffer.data()))


@contextmanager
def _painting(device, path: str) -> Iterator[QPainter]:
    """A painter on ``device``, ended however the drawing ends (a painter left active
    on a device that goes away crashes the application)."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(f"could not write {path}")
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    try:
        yield painter
    finally:
        painter.end()


def _png(image: QImage, path: str) -> Callable[[QBuffer], None]:
    def draw(buffer: QBuffer) -> None:
        if not image.save(buffer, "PNG"):
            raise OSError(f"could not write {path}")
    return draw


def _svg_generator(buffer: QBuffer, size: QSize, view: QRectF) -> QSvgGenerator:
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setResolution(96)
    gen.setSize(size)
    gen.setViewBox(view)
    return gen


def _pdf_writer(buffer: QBuffer, width: float, height: float, name: str) -> QPdfWriter:
    """One page ``width`` × ``height`` scene units (1 unit = 1/96 inch)."""
    writer = QPdfWriter(buffer)
    writer.setResolution(96)
    size = QPageSize(QSizeF(width * 72 / 96, height * 72 / 96), QPageSize.Point, name)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
    return writer


def save_png(scene: CircuitScene, path: str, scale: float = 2.0) -> None:
    _write(path, _png(render_image(scene, scale), path))


def save_svg(scene: CircuitScene, path: str) -> None:
    def draw(buffer: QBuffer) -> None:
        with clean_for_export(scene):
            rect = export_rect(scene)
            gen = _svg_generator(buffer, QSize(round(rect.width()), round(rect.height())),
                                 QRectF(0, 0, rect.width(), rect.height()))
            gen.setTitle("Chainwire circuit")
            with _painting(gen, path) as painter:
                scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    _write(path, draw)


def save_pdf(scene: CircuitScene, path: str) -> None:
    """One page exactly the circuit's size (1 scene unit = 1/96 inch), vector text."""
    def draw(buffer: QBuffer) -> None:
        with clean_for_export(scene):
            rect = export_rect(scene)
            writer = _pdf_writer(buffer, rect.width(), rect.height(), "circuit")
            writer.setTitle("Chainwire circuit")
            with _painting(writer, path) as painter:
                target = QRectF(0, 0, writer.width(), writer.height())
                scene.render(painter, target, rect, Qt.KeepAspectRatio)
    _write(path, draw)


def save_framed(scene: CircuitScene, path: str, rect: QRectF, size: tuple[int, int]) -> None:
    """Save exactly ``rect`` of the scene filling a ``size`` (pixels) picture: what a
    screen of that size shows in presentation mode (``chainwire render --size``)."""
    w, h = size
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(f"cannot tell the image format from {os.path.basename(path)!r}")
    if ext == "png" and not fits(QSize(w, h)):
        raise ImageTooLarge(_too_big(QSize(w, h)))

    def draw(buffer: QBuffer) -> None:
        with clean_for_export(scene):
            if ext == "png":
                device = QImage(QSize(w, h), QImage.Format_ARGB32_Premultiplied)
                device.fill(scene.style.theme.color("background"))
            elif ext == "svg":
                device = _svg_generator(buffer, QSize(w, h), QRectF(0, 0, w, h))
            else:
                device = _pdf_writer(buffer, w, h, "screen")
            with _painting(device, path) as painter:
                if ext != "png":
                    painter.fillRect(QRectF(0, 0, w, h), scene.style.theme.color("background"))
                scene.render(painter, QRectF(0, 0, w, h), rect, Qt.IgnoreAspectRatio)
        if ext == "png":
            _png(device, path)(buffer)
    _write(path, draw)


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
    """Put the circuit on the clipboard as an image (paste it into slides); a circuit
    too big for a PNG at ``scale`` is copied at the largest scale that fits."""
    if not fits(image_size(scene, scale)):
        scale = largest_scale(scene)
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
