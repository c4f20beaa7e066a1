"""CircuitView: zoom, pan, fit, nudge keys, and the drop target for palette gates.

The view keeps its own scene rect (the scene's, plus whatever is on screen) so that
when the scene grows (a node added near its edge) what is on screen stays put: with
Qt's default, a scene smaller than the viewport is re-centred and every item jumps,
so a gate dropped on an empty canvas landed far from the cursor.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

GATE_MIME = "application/x-chainwire-gate"
EDGE_PIXELS = 40
"""While a wire is drawn, the pointer this close to the view's edge scrolls the view."""
AUTOSCROLL_MS = 20
AUTOSCROLL_MAX = 40
"""Pixels a tick scrolls with the pointer on the edge (or beyond it); less further in."""
MIN_ZOOM, MAX_ZOOM = 0.1, 6.0
NUDGE_FINE, NUDGE_COARSE = 5.0, 20.0  # arrow, Shift+arrow (one grid step)
_ARROWS = {Qt.Key_Left: (-1, 0), Qt.Key_Right: (1, 0), Qt.Key_Up: (0, -1),
           Qt.Key_Down: (0, 1)}


class CircuitView(QGraphicsView):
    gate_dropped = Signal(str, QPointF)  # gate type, scene position
    files_dropped = Signal(list)  # local file paths
    quick_add_requested = Signal(QPointF)  # scene position
    zoom_changed = Signal(float)
    nudge_requested = Signal(float, float)  # arrow keys with a selection: dx, dy

    def __init__(self, scene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setSceneRect(scene.sceneRect())
        scene.sceneRectChanged.connect(self._scene_grew)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing
                            | QPainter.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self._pan_from: QPointF | None = None
        self._space = False
        self._band_from: QPointF | None = None  # where a rubber band started (scene)
        self.rubberBandChanged.connect(self._rubber_band_changed)
        self._edge_timer = QTimer(self)  # scrolls while a wire is held near an edge
        self._edge_timer.setInterval(AUTOSCROLL_MS)
        self._edge_timer.timeout.connect(self._edge_scroll)
        self._edge_pos = QPointF()  # the pointer in viewport coordinates

    # ----- a big circuit's items follow what is on screen (editor/visible_items.py) -----
    def _view_changed(self) -> None:
        visible = getattr(self.scene(), "visible", None)
        if visible is not None:
            with self.scene().quiet_selection():  # items come and go, the selection stays
                visible.view_changed()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        self._view_changed()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._view_changed()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._view_changed()

    def _rubber_band_changed(self, rect, from_scene: QPointF, to_scene: QPointF) -> None:
        if not rect.isNull():
            self._band_from = QPointF(from_scene)

    # ----- keeping the picture still ---------------------------------------------
    def _scene_grew(self, rect: QRectF) -> None:
        """Take the scene's new rect without moving anything that is on screen."""
        self._set_rect_keeping_view(rect)

    def _set_rect_keeping_view(self, rect: QRectF) -> None:
        """Grow (never shrink) to ``rect`` plus room around what is on screen: scrolling
        then keeps the picture still, and the scroll bars never vanish (which would
        widen the viewport and re-centre everything by half a bar's width)."""
        anchor = self.mapToScene(QPoint(0, 0))
        v = self.mapToScene(self.viewport().rect()).boundingRect()
        room = v.adjusted(-v.width() / 2, -v.height() / 2, v.width() / 2, v.height() / 2)
        self.setSceneRect(self.sceneRect().united(rect).united(room))
        drift = self.mapFromScene(anchor)  # (0, 0) unless the rect change scrolled us
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + drift.x())
        v.setValue(v.value() + drift.y())

    def _centre_on(self, centre: QPointF) -> None:
        """centerOn that works near the scene's edge: first make room around ``centre``."""
        z = self.zoom()
        w, h = self.viewport().width() / z, self.viewport().height() / z
        room = QRectF(centre.x() - w, centre.y() - h, 2 * w, 2 * h)
        self.setSceneRect(self.scene().sceneRect().united(room))
        self.centerOn(centre)

    def centre_on(self, centre: QPointF) -> None:
        """Centre the view on ``centre`` (a found node), its items made there."""
        self._centre_on(centre)
        self._view_changed()

    # ----- zoom ------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def least_zoom(self) -> float:
        """MIN_ZOOM, or less when that cannot show the whole circuit (a big one: Fit goes
        lower), and never more than the zoom now: Zoom Out never zooms in."""
        r = self.scene().itemsBoundingRect().adjusted(-40, -40, 40, 40)
        vp = self.viewport().rect().adjusted(2, 2, -2, -2)  # as fit's fitInView
        fits = min(vp.width() / r.width(), vp.height() / r.height()) if not r.isEmpty() \
            else MIN_ZOOM
        return min(MIN_ZOOM, fits, self.zoom())

    def set_zoom(self, z: float) -> None:
        z = max(self.least_zoom() if z < MIN_ZOOM else MIN_ZOOM, min(MAX_ZOOM, z))
        f = z / self.zoom()
        if f < 1:  # zooming out: room to keep the anchor still, or Qt re-centres the scene
            c = self.mapToScene(self.viewport().rect().center())
            w, h = self.viewport().width() / z, self.viewport().height() / z
            self._set_rect_keeping_view(self.sceneRect().united(
                QRectF(c.x() - w, c.y() - h, 2 * w, 2 * h)))
        self.scale(f, f)
        self._view_changed()
        self.zoom_changed.emit(self.zoom())

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom() * factor)

    def fit(self, rect: QRectF | None = None) -> None:
        """Show the whole circuit (an opened file), but never bigger than 160 %."""
        scene = self.scene()
        if rect is None:
            rect = scene.itemsBoundingRect()
        if rect.isEmpty():
            self.reset_view()
            return
        self.setSceneRect(scene.sceneRect())
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.KeepAspectRatio)
        if self.zoom() > 1.6:
            self.scale(1.6 / self.zoom(), 1.6 / self.zoom())  # one gate should not fill it
        self._centre_on(rect.center())
        self._view_changed()
        self.zoom_changed.emit(self.zoom())

    def reset_view(self) -> None:
        """100 %, centred on the scene's origin: a new circuit starts where a fresh one did."""
        self.resetTransform()
        self._centre_on(QPointF(0, 0))
        self._view_changed()
        self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            self.zoom_by(1.15 ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    # ----- keys: arrows nudge, Space pans, Tab adds ----------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        step = _ARROWS.get(event.key())
        mods = event.modifiers() & ~Qt.KeypadModifier
        visible = getattr(self.scene(), "visible", None)  # a big circuit's selection
        if step is not None and mods in (Qt.NoModifier, Qt.ShiftModifier) and (any(
                i.flags() & QGraphicsItem.ItemIsMovable for i in self.scene().selectedItems())
                or (visible is not None and visible.selected)):
            snap = getattr(self.scene(), "snap", False)
            d = NUDGE_COARSE if snap or mods & Qt.ShiftModifier else NUDGE_FINE
            self.nudge_requested.emit(step[0] * d, step[1] * d)
            event.accept()
            return
        if event.key() == Qt.Key_Space and not event.isAutoRepeat() and \
                not event.modifiers():
            self._space = True
            self.viewport().setCursor(Qt.OpenHandCursor)
            event.accept()
            return
        if event.key() == Qt.Key_Tab and not event.modifiers():
            at = self.viewport().mapFromGlobal(self.cursor().pos())
            if not self.viewport().rect().contains(at):
                at = self.viewport().rect().center()
            pos = self.mapToScene(at)
            self.quick_add_requested.emit(pos)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        return False  # Tab opens quick-add here instead of moving focus

    # ----- pan: middle button, or Space + left button -----------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MiddleButton or (self._space and
                                                 event.button() == Qt.LeftButton):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - int(delta.x()))
            v.setValue(v.value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)
        self._follow_wire_drag(event.position())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        self._edge_timer.stop()
        if self._band_from is not None and event.button() == Qt.LeftButton:
            band = QRectF(self._band_from, self.mapToScene(event.position().toPoint()))
            self._band_from = None
            super().mouseReleaseEvent(event)
            done = getattr(self.scene(), "rubber_band_done", None)
            if done is not None:  # a big circuit selects the nodes drawn without items too
                done(band.normalized(), event.modifiers())
            return
        if self._pan_from is not None:
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ----- a wire drawn to the edge scrolls the view ---------------------------------
    def _wire_drag(self):
        return getattr(self.scene(), "_drag", None)

    def edge_step(self, pos: QPointF) -> tuple[int, int]:
        """Pixels to scroll per tick with the pointer at ``pos`` (viewport coordinates):
        none beyond EDGE_PIXELS from every edge, more the closer it gets, the most on
        the edge or outside it."""
        r = self.viewport().rect()

        def along(p: float, low: float, high: float) -> int:
            d = min(p - low, high - p)
            if d >= EDGE_PIXELS:
                return 0
            speed = max(1, round(AUTOSCROLL_MAX * min(1.0, (EDGE_PIXELS - d) / EDGE_PIXELS)))
            return -speed if p - low < high - p else speed

        return along(pos.x(), r.left(), r.right()), along(pos.y(), r.top(), r.bottom())

    def _follow_wire_drag(self, pos: QPointF) -> None:
        """A wire is being drawn and the pointer moved: scroll while it is near an edge."""
        self._edge_pos = QPointF(pos)
        if self._wire_drag() is not None and self.edge_step(pos) != (0, 0):
            if not self._edge_timer.isActive():
                self._edge_timer.start()
        else:
            self._edge_timer.stop()

    def _edge_scroll(self) -> None:
        """One tick: scroll, then draw the wire to what is under the (still) pointer."""
        drag = self._wire_drag()
        dx, dy = self.edge_step(self._edge_pos)
        if drag is None or (dx, dy) == (0, 0):
            self._edge_timer.stop()
            return
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        before = (h.value(), v.value())
        h.setValue(h.value() + dx)
        v.setValue(v.value() + dy)
        if (h.value(), v.value()) == before:  # the end of the scene: nothing more to see
            self._edge_timer.stop()
            return
        drag.move_to(self.mapToScene(self._edge_pos.toPoint()))

    # ----- drops ---------------------------------------------------------------------
    def _accepts(self, mime) -> bool:
        return mime.hasFormat(GATE_MIME) or (mime.hasUrls() and any(
            u.isLocalFile() for u in mime.urls()))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        mime = event.mimeData()
        if mime.hasFormat(GATE_MIME):
            gate = bytes(mime.data(GATE_MIME)).decode("utf-8")
            self.gate_dropped.emit(gate, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        elif mime.hasUrls():
            paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            self.files_dropped.emit(paths)
            event.acceptProposedAction()
        else:
            event.ignore()
