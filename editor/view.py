"""CircuitView: zoom, pan, fit, and the drop target for gates dragged from the palette."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView

GATE_MIME = "application/x-chainwire-gate"
MIN_ZOOM, MAX_ZOOM = 0.1, 6.0


class CircuitView(QGraphicsView):
    gate_dropped = Signal(str, QPointF)  # gate type, scene position
    files_dropped = Signal(list)  # local file paths
    quick_add_requested = Signal(QPointF)  # scene position
    zoom_changed = Signal(float)

    def __init__(self, scene, parent=None) -> None:
        super().__init__(scene, parent)
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

    # ----- zoom ------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, z: float) -> None:
        z = max(MIN_ZOOM, min(MAX_ZOOM, z))
        f = z / self.zoom()
        self.scale(f, f)
        self.zoom_changed.emit(self.zoom())

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom() * factor)

    def fit(self, rect: QRectF | None = None) -> None:
        scene = self.scene()
        if rect is None:
            rect = scene.itemsBoundingRect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.KeepAspectRatio)
        if self.zoom() > 1.6:
            self.set_zoom(1.6)  # a tiny circuit should not fill the screen with one gate
        self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            self.zoom_by(1.15 ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    # ----- pan: middle button, or Space + left button -----------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Space and not event.isAutoRepeat() and \
                not event.modifiers():
            self._space = True
            self.viewport().setCursor(Qt.OpenHandCursor)
            event.accept()
            return
        if event.key() == Qt.Key_Tab and not event.modifiers():
            pos = self.mapToScene(self.mapFromGlobal(self.cursor().pos()))
            if not self.viewport().rect().contains(self.mapFromScene(pos)):
                pos = self.mapToScene(self.viewport().rect().center())
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

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

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
