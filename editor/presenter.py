"""Presentation mode (F5, Esc leaves) and the on-canvas step badge.

A projector is read from the back row, so in presentation mode the *screen* size of the
numbers is what matters, not the scene size: wire labels keep a fixed pixel height
whatever the zoom (by default 32 px on a 1080-line screen, so at least 28 px), gate
symbols grow in proportion, and Ctrl+plus/minus scale the labels instead of zooming.
Entering saves everything it changes (window state, bars, docks, theme, fonts, zoom,
shortcuts it takes over) and leaving restores it, so the editor is as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QTransform
from PySide6.QtWidgets import QLabel, QMainWindow

from chainwire.editor.overlay import ClassroomOverlay
from chainwire.editor.style import Style
from chainwire.editor.theme import THEMES
from chainwire.graph.steps import Step

BASE_LABEL_PX = 32.0  # wire-label line height on a 1080-line screen (the floor is 28 px)
MIN_LABEL_PX = 28.0
SYMBOL_RATIO = 17.0 / 11.0  # gate symbol : wire label, as in the editor's defaults
MAX_SYMBOL_PT = 26.0  # beyond this the symbol outgrows its gate circle


def label_pt_for(style: Style, px: float, zoom: float) -> float:
    """The label point size whose line height is ``px`` screen pixels at ``zoom``."""
    probe = QFontMetricsF(style.font(100.0, bold=True)).height()
    return px / max(zoom, 1e-6) * 100.0 / probe


@dataclass
class _Saved:
    state: Qt.WindowStates
    menu: bool
    status: bool
    bars: dict
    docks: dict
    theme: str
    label_pt: float
    symbol_pt: float
    grid: bool
    transform: QTransform
    stepping: bool
    position: int
    hscroll: Qt.ScrollBarPolicy
    vscroll: Qt.ScrollBarPolicy


class StepBadge(QLabel):
    """"forward 3 / 7" in a corner of the canvas: where we are in the step-through."""

    def __init__(self, view) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.setObjectName("stepBadge")
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.big = False
        self.hide()

    def show_step(self, step: Step | None, style: Style, gate: str = "") -> None:
        if step is None:
            self.hide()
            return
        text = step.position_text
        if gate:
            text += f" · {gate}"
        if step.phase == "start":
            text += " · Space: next"
        t = style.theme
        pt = 22 if self.big else 12
        self.setStyleSheet(
            f"QLabel#stepBadge {{ background: {t.color('callout_bg').name()};"
            f" color: {t.color('callout_text').name()};"
            f" border: 2px solid {t.color('node_border').name()}; border-radius: 8px;"
            f" padding: 4px 12px; font-family: 'DejaVu Sans'; font-weight: bold;"
            f" font-size: {pt}pt; }}")
        self.setText(text)
        self.adjustSize()
        self.move(16, 16)
        self.show()
        self.raise_()


class Presenter(QObject):
    """Enters and leaves presentation mode for one MainWindow."""

    def __init__(self, window: QMainWindow, overlay: ClassroomOverlay) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = overlay
        self.presenting = False
        self.label_scale = 1.0  # Ctrl+plus/minus in presentation mode
        self.taken_actions: list = []  # window actions whose shortcuts we borrow meanwhile
        self._saved: _Saved | None = None
        self._busy = False
        window.view.zoom_changed.connect(self._on_zoom)

    # ----- sizes ---------------------------------------------------------------------
    def label_px(self) -> float:
        """Target line height of a wire label on screen, in device-independent pixels."""
        screen = self.window.screen()
        lines = screen.geometry().height() if screen is not None else 1080
        return max(MIN_LABEL_PX, BASE_LABEL_PX * lines / 1080.0) * self.label_scale

    def scale_labels(self, factor: float) -> None:
        self.label_scale = max(0.5, min(4.0, self.label_scale * factor))
        self._resize_labels()

    def _on_zoom(self, _zoom: float) -> None:
        if self.presenting and not self._busy:
            self._resize_labels()

    def _resize_labels(self) -> None:
        scene, view = self.window.scene, self.window.view
        style = scene.style
        pt = label_pt_for(style, self.label_px(), view.zoom())
        style.label_pt = pt
        style.symbol_pt = min(pt * SYMBOL_RATIO, MAX_SYMBOL_PT)
        scene.restyle()
        self.overlay.apply()

    def fit(self) -> None:
        """Fit the circuit to the screen (no zoom cap: one gate may fill it), then size
        the labels for that zoom, then fit again since the labels changed the extent."""
        view, scene = self.window.view, self.window.scene
        self._busy = True
        try:
            for _ in range(2):
                rect = scene.itemsBoundingRect()
                if rect.isEmpty():
                    break
                view.fitInView(rect.adjusted(-30, -30, 30, 30), Qt.KeepAspectRatio)
                view.centerOn(rect.center())
                self._resize_labels()
        finally:
            self._busy = False
        view.zoom_changed.emit(view.zoom())

    # ----- entering and leaving ------------------------------------------------------
    def toggle(self) -> None:
        if self.presenting:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        if self.presenting:
            return
        w, scene, view = self.window, self.window.scene, self.window.view
        docks = (w.palette_dock, w.inspector_dock, w.history_dock)
        self._saved = _Saved(
            w.windowState(), w.menuBar().isVisible(), w.statusBar().isVisible(),
            {w.toolbar: w.toolbar.isVisible()}, {d: d.isVisible() for d in docks},
            scene.style.theme.name, scene.style.label_pt, scene.style.symbol_pt,
            scene.show_grid, view.transform(), self.overlay.stepping, self.overlay.position,
            view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy())
        self.presenting = True
        for a in self.taken_actions:
            a.setEnabled(False)
        w.menuBar().hide()
        w.statusBar().hide()
        w.toolbar.hide()
        for d in docks:
            d.hide()
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scene.style.theme = THEMES["projector"]
        scene.show_grid = False
        scene.clearSelection()
        self._saved_geometry = w.geometry()
        w.showFullScreen()
        screen, handle = w.screen(), w.windowHandle()
        if screen is not None and handle is not None and w.geometry() != screen.geometry():
            # no window manager honoured the request (a bare X server, a kiosk): cover the
            # screen ourselves, on the native window so the full-screen state stays set
            handle.setGeometry(screen.geometry())
        if not self.overlay.stepping:
            self.overlay.set_stepping(True)
        self.window.badge.big = True
        view.viewport().installEventFilter(self)
        self.fit()
        QTimer.singleShot(0, self.fit)  # again once the full-screen geometry has settled
        view.setFocus()

    def leave(self) -> None:
        if not self.presenting or self._saved is None:
            return
        s, w, scene, view = self._saved, self.window, self.window.scene, self.window.view
        self.presenting = False
        view.viewport().removeEventFilter(self)
        for a in self.taken_actions:
            a.setEnabled(True)
        w.setWindowState(s.state)
        if getattr(self, "_saved_geometry", None) is not None and not (
                s.state & (Qt.WindowFullScreen | Qt.WindowMaximized)):
            w.setGeometry(self._saved_geometry)
        w.menuBar().setVisible(s.menu)
        w.statusBar().setVisible(s.status)
        for bar, vis in s.bars.items():
            bar.setVisible(vis)
        for d, vis in s.docks.items():
            d.setVisible(vis)
        view.setHorizontalScrollBarPolicy(s.hscroll)
        view.setVerticalScrollBarPolicy(s.vscroll)
        scene.style.theme = THEMES[s.theme]
        scene.style.label_pt, scene.style.symbol_pt = s.label_pt, s.symbol_pt
        scene.show_grid = s.grid
        scene.restyle()
        view.setTransform(s.transform)
        view.zoom_changed.emit(view.zoom())
        self.window.badge.big = False
        if s.stepping:
            self.overlay.go(s.position)
        else:
            self.overlay.set_stepping(False)
        self._saved = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.presenting and event.type() == QEvent.Resize and not self._busy:
            QTimer.singleShot(0, self.fit)
        return False
