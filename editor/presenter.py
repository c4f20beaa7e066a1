"""Presentation mode (F5, Esc leaves) and the on-canvas step badge.

A projector is read from the back row, so in presentation mode the *screen* size of the
numbers is what matters: the camera (``camera``) shows the whole circuit if its wire
labels are then at least 4 % of the screen's height, else it follows the step, gliding
to each step's gate at that size; Z toggles the whole circuit, Ctrl+plus/minus make
everything bigger or smaller. The picture is the editor's, only framed (same fonts, same
places), so nothing moves between steps but the camera. Entering saves everything it
changes (window state, bars, docks, theme, zoom and scroll, shortcuts it takes over) and
leaving restores it, so the editor is exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QRectF,
    QSizeF,
    Qt,
    QTimer,
    QVariantAnimation,
)
from PySide6.QtGui import QAction, QKeySequence, QTransform
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar

from chainwire.editor import camera
from chainwire.editor.i18n import error_text, step_position_text
from chainwire.editor.overlay import ClassroomOverlay
from chainwire.editor.style import Style
from chainwire.editor.theme import THEMES
from chainwire.graph.steps import Step

GLIDE_MS = 420  # how long the camera takes to move to the next step
BADGE_AT = (16, 16)  # the step badge's corner of the canvas


@dataclass
class _Saved:
    state: Qt.WindowStates
    menu: bool
    status: bool
    bars: dict
    docks: dict
    theme: str
    grid: bool
    transform: QTransform
    view_rect: QRectF
    scroll: tuple[int, int]
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
        text = step_position_text(step)
        if gate:
            text += f" · {gate}"
        if step.inner is not None:  # stepping inside a group: the part, in numbers
            text += "\n" + self.tr("inside: {0}").format(error_text(step.inner.text))
        if step.phase == "start":
            text += " · " + self.tr("Space: next")
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
        self.move(*BADGE_AT)
        self.show()
        self.raise_()

    def moveEvent(self, event) -> None:  # noqa: N802
        """Scrolling the view moves the viewport's child widgets with the picture: the
        badge stays in its corner."""
        super().moveEvent(event)
        if (self.x(), self.y()) != BADGE_AT:
            QTimer.singleShot(0, lambda: self.move(*BADGE_AT))


class Presenter(QObject):
    """Enters and leaves presentation mode for one MainWindow, and moves its camera."""

    def __init__(self, window: QMainWindow, overlay: ClassroomOverlay) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = overlay
        self.presenting = False
        self.label_scale = 1.0  # Ctrl+plus/minus in presentation mode
        self.whole = False  # Z: show the whole circuit even where labels get small
        self.taken_actions: list = []  # window actions whose shortcuts we borrow meanwhile
        self._saved: _Saved | None = None
        self._restore_until = 0  # resize events to re-apply the editor's view after leaving
        self._glide = QVariantAnimation(self)
        self._glide.setDuration(GLIDE_MS)
        self._glide.setEasingCurve(QEasingCurve.InOutCubic)
        self._glide.valueChanged.connect(self._show_rect)
        overlay.changed.connect(self._follow)
        self.act_whole = QAction(self.tr("Whole Circuit / Follow the Step"), window)
        self.act_whole.setShortcut(QKeySequence("Z"))
        self.act_whole.setStatusTip(self.tr("Presenting: show the whole circuit, or follow "
                                            "the step at a size the back row can read"))
        self.act_whole.setEnabled(False)
        self.act_whole.triggered.connect(self.toggle_whole)
        window.addAction(self.act_whole)
        self.act_step_inside = QAction(self.tr("Step &Inside Groups"), window)
        self.act_step_inside.setCheckable(True)
        self.act_step_inside.setStatusTip(self.tr("Step through each group's parts too, "
                                                  "before the group's own step"))
        self.act_step_inside.toggled.connect(overlay.set_step_inside)
        window.addAction(self.act_step_inside)

    # ----- the camera ------------------------------------------------------------------
    def screen_size(self) -> QSizeF:
        return QSizeF(self.window.view.viewport().size())

    def screen_height(self) -> float:
        screen = self.window.screen()
        return screen.geometry().height() if screen is not None else \
            self.screen_size().height()

    def label_px(self) -> float:
        """Smallest on-screen line height of a wire label while presenting."""
        return camera.LABEL_FRACTION * self.screen_height() * self.label_scale

    def shot(self, step, room: QSizeF | None = None) -> camera.Shot:
        """The framing of ``step`` in the viewport (the overlay asks, then places callouts
        inside it); labels sized by the screen's height."""
        return camera.shot_for(self.window.scene, step, self.screen_size(), whole=self.whole,
                               label_scale=self.label_scale, room=room,
                               screen_height=self.screen_height())

    def scale_labels(self, factor: float) -> None:
        self.label_scale = max(0.5, min(4.0, self.label_scale * factor))
        self.refit()

    def toggle_whole(self) -> None:
        self.whole = not self.whole
        self.refit()

    def refit(self) -> None:
        """Frame the current step again (screen, size or mode changed)."""
        if self.presenting:
            self.overlay.apply()

    def fit(self) -> None:
        """Frame the current step now, without gliding."""
        self.refit()
        self.settle()

    def _follow(self, _step) -> None:
        shot = self.overlay.shot
        if not self.presenting or shot is None:
            return
        view = self.window.view
        here = view.mapToScene(view.viewport().rect()).boundingRect()
        self._glide.stop()
        if not self.window.isVisible() or here.isEmpty():
            self._show_rect(shot.rect)
            return
        self._glide.setStartValue(here)
        self._glide.setEndValue(QRectF(shot.rect))
        self._glide.start()

    def settle(self) -> None:
        """Finish any camera move at once (tests, exports, a resize)."""
        if self._glide.state() == QVariantAnimation.Running:
            self._glide.stop()
        if self.presenting and self.overlay.shot is not None:
            self._show_rect(self.overlay.shot.rect)

    def _show_rect(self, rect: QRectF) -> None:
        """Make the viewport show exactly ``rect`` (its aspect is the viewport's)."""
        view = self.window.view
        vp = view.viewport()
        if rect.width() <= 0 or vp.width() <= 0:
            return
        z = vp.width() / rect.width()
        room = rect.adjusted(-rect.width(), -rect.height(), rect.width(), rect.height())
        view.setSceneRect(view.sceneRect().united(room))
        view.setTransform(QTransform.fromScale(z, z))
        view.centerOn(rect.center())

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
        docks = w.findChildren(QDockWidget)
        bars = w.findChildren(QToolBar)
        self._saved = _Saved(
            w.windowState(), w.menuBar().isVisible(), w.statusBar().isVisible(),
            {b: b.isVisible() for b in bars}, {d: d.isVisible() for d in docks},
            scene.style.theme.name, scene.show_grid, view.transform(), view.sceneRect(),
            (view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
            self.overlay.stepping, self.overlay.position,
            view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy())
        self._saved_size = view.viewport().size()
        self.presenting = True
        self._restore_until = 0
        for a in self.taken_actions:
            a.setEnabled(False)
        self.act_whole.setEnabled(True)
        w.menuBar().hide()
        w.statusBar().hide()
        for b in bars:
            b.hide()
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
        self.window.badge.big = True
        self.overlay.camera = self.shot
        view.viewport().installEventFilter(self)
        scene.restyle()
        if not self.overlay.stepping:
            self.overlay.set_stepping(True)
        self.fit()
        QTimer.singleShot(0, self.fit)  # again once the full-screen geometry has settled
        view.setFocus()

    def leave(self) -> None:
        if not self.presenting or self._saved is None:
            return
        s, w, scene, view = self._saved, self.window, self.window.scene, self.window.view
        self.presenting = False
        self._glide.stop()
        self.overlay.camera = None
        self.overlay.shot = None
        self.act_whole.setEnabled(False)
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
        scene.show_grid = s.grid
        scene.restyle()
        self.window.badge.big = False
        if s.stepping:
            self.overlay.go(s.position)
        else:
            self.overlay.set_stepping(False)
        self._restore_until = 8  # the window settles over a few resizes: follow them
        self.restore_view()
        QTimer.singleShot(0, self.restore_view)

    def restore_view(self) -> None:
        """Put the editor's zoom and scroll back exactly as they were before presenting."""
        s, view = self._saved, self.window.view
        if s is None or self.presenting:
            return
        view.setSceneRect(s.view_rect)
        view.setTransform(s.transform)
        view.horizontalScrollBar().setValue(s.scroll[0])
        view.verticalScrollBar().setValue(s.scroll[1])
        view.zoom_changed.emit(view.zoom())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Resize:
            if self.presenting:
                QTimer.singleShot(0, self.fit)
            elif self._restore_until > 0:
                self._restore_until -= 1
                QTimer.singleShot(0, self.restore_view)
                if event.size() == self._saved_size:
                    self._restore_until = 0
        return False
