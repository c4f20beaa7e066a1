"""Render the SVG icons to the PNG sizes desktops look up (16-256 px); run after editing them.

Menus, panels and file managers ask the icon theme for fixed pixel sizes and some never
scale SVGs, so the PNGs are committed next to the SVGs (resources/icons/NAME-SIZE.png).
Uses Qt offscreen: ``QT_QPA_PLATFORM=offscreen python packaging/render-icons.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAMES = ("chainwire", "application-x-chainwire")
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render-icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform
                     | QPainter.TextAntialiasing)
    renderer.render(p, QRectF(0, 0, size, size))
    p.end()
    if not image.save(str(out)):
        raise SystemExit(f"render-icons: cannot write {out}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    for name in NAMES:
        for size in SIZES:
            render(ICONS / f"{name}.svg", size, ICONS / f"{name}-{size}.png")
    print(f"render-icons: {len(NAMES) * len(SIZES)} PNGs in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
