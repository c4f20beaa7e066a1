"""ClassroomOverlay: what the step-through, quiz, patterns and gradient colouring show.

It works on a scene alone (no window), so the editor, the presentation mode and the
headless ``chainwire render --step N`` draw exactly the same picture. It is a *label
policy* the scene reads in its one update pass (``scene.label_policy``): ``sync`` follows a
new evaluation, ``label_filter`` decides which numbers a wire shows (or replaces one with
"?"), and ``decorate`` marks the current gate (``NodeItem.emphasis``), the gradient's
sign and size (``WireItem.emphasis/tint``) and adds callouts on top. It never listens to
the document itself, so no edit draws twice. The model is never touched: rewinding is
just showing an earlier position.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Signal
from shiboken6 import isValid

from chainwire.editor.callout_placement import Obstacles, best_box
from chainwire.editor.i18n import error_text, gate_text
from chainwire.editor.items.callout import CalloutItem
from chainwire.editor.items.wire import WireItem
from chainwire.editor.scene import CircuitScene
from chainwire.editor.step_texts import step_texts
from chainwire.editor.wire_emphasis import gradient_sizes, max_winners
from chainwire.graph.gates import GATE_GLYPH, GATES, PATTERN_TAGS
from chainwire.graph.steps import Step, StepSequence, build_steps, fork_text

QUIZ_MARK = "?"


class ClassroomOverlay(QObject):
    """Step position, quiz state and overlay toggles for one scene.

    ``changed`` is emitted with the current Step (None when not stepping) after every
    change, so a badge or status bar can follow.
    """

    changed = Signal(object)

    def __init__(self, scene: CircuitScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self.stepping = False
        self.position = 0
        self.patterns = False
        self.grad_colouring = False
        self.quiz_hidden: set[tuple] = set()  # (wire key, is_grad) shown as "?"
        self.decorations: list[CalloutItem] = []
        self._seq: StepSequence | None = None  # built on first use, dropped on every edit
        self.step_inside = False  # whether the steps go inside groups (presenter's toggle)
        self._ev = scene.document.evaluation  # the evaluation ``_seq`` belongs to
        self._decorated = False  # whether the scene shows anything of ours right now
        self.camera = None  # (step, room) -> camera.Shot: set while a screen frames steps
        self.shot = None  # the current step's framing, when there is a camera
        self._texts: tuple | None = None  # (sequence, position, decimals, label texts)
        scene.label_policy = self

    # ----- state -----------------------------------------------------------------
    def _build(self) -> StepSequence:
        doc = self.scene.document
        return build_steps(doc.circuit, doc.evaluation, self.scene.style.decimals,
                           inside=self.step_inside)

    @property
    def seq(self) -> StepSequence:
        """The step sequence of the current evaluation (built lazily: a plain edit in the
        editor, with no classroom feature on, must not pay for it on big circuits)."""
        if self._seq is None:
            self._seq = self._build()
        return self._seq

    @property
    def step(self) -> Step | None:
        return self.seq[self.position] if self.stepping else None

    @property
    def last(self) -> int:
        return len(self.seq) - 1

    def sync(self, ev) -> None:
        """The scene's update pass has a new evaluation: follow it before labels are shown."""
        if ev is self._ev:
            return
        self._ev, self._seq = ev, None
        if self.stepping:
            self.position = min(self.position, self.last)
        if self.quiz_hidden:
            wires = set(ev.wires)
            self.quiz_hidden = {k for k in self.quiz_hidden if k[0] is None or k[0] in wires}

    def set_step_inside(self, on: bool) -> None:
        """Step through each group's parts too (``build_steps``' ``inside``)."""
        self.step_inside, self._seq = on, None
        self.position = min(self.position, self.last)
        self.apply()

    def set_stepping(self, on: bool) -> None:
        self.stepping = on
        self._seq = None
        self.position = 0
        self.apply()

    def go(self, position: int) -> None:
        """Jump to ``position`` (clamped): 0 is the start, ``last`` shows everything."""
        if not self.stepping:
            self.stepping = True
        self.position = max(0, min(self.last, position))
        self.apply()

    def next(self) -> None:  # noqa: A003 - reads best at the call site
        """Space / →: reveal the next quiz answer on screen, else advance one step."""
        if self.reveal_next(visible_only=True):
            return
        if self.stepping:
            self.go(self.position + 1)

    def back(self) -> None:
        self.go(self.position - 1)

    # ----- quiz ------------------------------------------------------------------
    def _shown_by_step(self, key, is_grad: bool) -> bool:
        s = self.step
        if s is None:
            return True
        return key in (s.grads if is_grad else s.values)

    def quiz_order(self) -> list[tuple]:
        """Hidden answers in teaching order: values forward, then gradients backward."""
        fwd = {g: i for i, g in enumerate(self.seq.forward)}
        bwd = {g: i for i, g in enumerate(self.seq.backward)}

        def rank(k: tuple) -> tuple:
            key, is_grad = k
            if is_grad:
                return (1, -1 if key is None else bwd.get(key.dst, 10**9), -1 if key is None
                        else key.port)
            src = self.scene.stub.src.node_id if key is None and self.scene.stub else (
                key.src if key is not None else "")
            return (0, fwd.get(src, -1), "" if key is None else key.dst,
                    -1 if key is None else key.port)

        return sorted(self.quiz_hidden, key=rank)

    def hide(self, keys, is_grad: bool) -> None:
        self.quiz_hidden |= {(k, is_grad) for k in keys}
        self.apply()

    def hide_all(self, is_grad: bool) -> None:
        """Quiz on every gradient (or every computed value: the inputs' are given)."""
        c = self.scene.document.circuit
        keys = [w for w in c.wires() if is_grad or c.type_of(w.src) != "input"]
        if self.scene.stub is not None:
            keys.append(None)
        self.hide(keys, is_grad)

    def toggle_hidden(self, key, is_grad: bool) -> None:
        self.quiz_hidden ^= {(key, is_grad)}
        self.apply()

    def reveal(self, key, is_grad: bool) -> bool:
        if (key, is_grad) in self.quiz_hidden:
            self.quiz_hidden.discard((key, is_grad))
            self.apply()
            return True
        return False

    def reveal_next(self, visible_only: bool = False) -> bool:
        """Reveal the first hidden answer (that the current step shows). True if one was."""
        for k in self.quiz_order():
            if not visible_only or self._shown_by_step(*k):
                return self.reveal(*k)
        return False

    def reveal_all(self) -> None:
        self.quiz_hidden.clear()
        self.apply()

    # ----- toggles ---------------------------------------------------------------------
    def set_patterns(self, on: bool) -> None:
        self.patterns = on
        self.apply()

    def set_grad_colouring(self, on: bool) -> None:
        self.grad_colouring = on
        self.apply()

    @property
    def active(self) -> bool:
        return self.stepping or self.patterns or self.grad_colouring or bool(self.quiz_hidden)

    # ----- drawing -----------------------------------------------------------------
    def label_filter(self, key, is_grad: bool):
        """The scene hook: False hides a label, a string replaces its text, True shows it.
        A backward step's wires show its callouts' numbers (``step_texts``)."""
        if not self._shown_by_step(key, is_grad):
            return False
        if (key, is_grad) in self.quiz_hidden:
            return QUIZ_MARK
        if self.stepping:
            return self._step_texts().get((key, is_grad), True)
        return True

    def _step_texts(self) -> dict:
        seq, d = self.seq, self.scene.style.decimals
        if self._texts is None or self._texts[:3] != (id(seq), self.position, d):
            self._texts = (id(seq), self.position, d,
                           step_texts(self.scene.document.circuit, seq[self.position], d))
        return self._texts[3]

    def apply(self) -> None:
        """The policy changed (a step, a toggle, a reveal): the scene re-reads it once."""
        self.scene.refresh_labels()

    def decorate(self) -> None:
        """Emphasis, tints and callouts for the current state (called by the scene)."""
        if not (self.active or self._decorated):
            return
        scene = self.scene
        self._clear_decorations()
        step = self.step
        for nid, item in scene.nodes.items():
            emphasis = 1 if step is not None and nid == step.node else 0
            if item.emphasis != emphasis:
                item.emphasis = emphasis
                item.update()
        self._paint_wires(step)
        self._add_callouts(step)
        if self.patterns:
            self._add_patterns(step)
        self._decorated = self.active
        self.changed.emit(step)

    def _wire_items(self) -> list[WireItem]:
        items = list(self.scene.wire_items.values())
        if self.scene.stub is not None:
            items.append(self.scene.stub)
        return items

    def _paint_wires(self, step: Step | None) -> None:
        ev = self.scene.document.evaluation
        t = self.scene.style.theme
        grads = (gradient_sizes(ev, [item.wire for item in self._wire_items()],
                                None if step is None else step.grads)
                 if self.grad_colouring else {})
        biggest = max((size for size, _ in grads.values()), default=0.0) or 1.0
        new = set() if step is None else (step.new_grads | step.new_values)
        winners = (max_winners(self.scene.document.circuit, ev) if self.patterns
                   else set())
        for item in self._wire_items():
            key = item.wire
            tint, emphasis = None, 0.0
            size, sign = grads.get(key, (0.0, 0.0))
            if size:
                if sign:
                    tint = t.color("positive" if sign > 0 else "negative")
                emphasis = 1.0 + 5.0 * size / biggest
            if key in new:
                emphasis = max(emphasis, 2.5)
            if key in winners:
                emphasis = max(emphasis, 3.0)
                tint = tint or t.color("output_border")
            if (item.tint, item.emphasis) != (tint, emphasis):
                item.tint, item.emphasis = tint, emphasis
                item.update()

    def _clear_decorations(self) -> None:
        for item in self.decorations:
            if isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        self.decorations = []

    def _add_callouts(self, step: Step | None) -> None:
        """One callout per input wire of the gate, in free space near the wire's gradient
        label (never over a number, a gate or a port), inside the camera's screen when a
        camera frames the step; a leader line joins a callout to its label."""
        items = []
        for co in sorted(step.callouts if step is not None else (),
                         key=lambda c: self._grad_rect(c.wire).center().y()):
            text = error_text(co.text)  # a vectorized one has words ("1 if it wins")
            if " · g = " in text:  # local × upstream = the wire's gradient (coloured)
                head, _, result = text.rpartition(" = ")
                runs = [(head + " = ", "callout_text"), (result, "grad")]
            else:  # vectorized: "dW = dD · Xᵀ   (2×3) = ...": the gradient's name coloured
                name, eq, rest = text.partition(" = ")
                runs = [(name, "grad"), (eq + rest, "callout_text")]
            item = CalloutItem(runs, 1.0, "callout")
            item.callout = co
            self.scene.addItem(item)
            items.append(item)
        boxes = [i.box() for i in items]
        room = QSizeF(max((b.width() for b in boxes), default=0.0),
                      sum(b.height() + 8 for b in boxes))
        self.shot = self.camera(step, room) if self.camera is not None else None
        area = self.shot.usable if self.shot is not None else None
        obstacles = Obstacles(*self._obstacles()) if items else None
        for item in items:
            self._place(item, self._grad_rect(item.callout.wire), obstacles, area)

    def _obstacles(self) -> tuple[list[QRectF], list[list[QPointF]]]:
        """What a callout must not cover (gates with their ports, shown numbers) and the
        wires' lines (better left uncovered)."""
        covers = [i.bounds() for i in self.scene.nodes.values()]
        lines = []
        for w in self._wire_items():
            lines.append(w.points())
            for label in (w.value_label, w.grad_label):
                if label.isVisible():
                    covers.append(label.sceneBoundingRect())
        return covers, lines

    def _grad_rect(self, wire) -> QRectF:
        item = self.scene.wire_items.get((wire.dst, wire.port))
        if item is None:
            return QRectF()
        return item.grad_label.sceneBoundingRect()

    def _add_patterns(self, step: Step | None) -> None:
        """What each gate does to the gradient (a tag by the gate) and the sum at each
        fork (by its output), in free space like the callouts; on a projector only for
        the gates on screen."""
        scene, c = self.scene, self.scene.document.circuit
        ev = scene.document.evaluation
        done = None if step is None else set(step.grads)
        area = self.shot.usable if self.shot is not None else None
        obstacles = Obstacles(*self._obstacles())
        for d in self.decorations:
            obstacles.place(d.mapRectToScene(d.box()))
        for nid, item in scene.nodes.items():
            bounds = item.bounds()
            if area is not None and not area.intersects(bounds):
                continue
            t = c.type_of(nid)
            if t in PATTERN_TAGS:
                word = gate_text(GATES[t], "pattern")
                tag = CalloutItem([(f"{GATE_GLYPH[t]} {word}", "node_text")], 0.8,
                                  "tag")
                self._put(tag, bounds, obstacles, area)
            outs = c.wires_out_of(nid)
            if len(outs) >= 2 and (done is None or all(w in done for w in outs)):
                text = fork_text(c, ev, nid, scene.style.decimals)
                if text:
                    head, _, total = text.rpartition(" = ")
                    fork = CalloutItem([("∑ " + head + " = ", "callout_text"),
                                        (total, "grad")], 0.85, "fork")
                    p = item.out_port_pos()
                    self._put(fork, QRectF(p.x() - 4, p.y() - 4, 8, 8), obstacles, area)

    def _put(self, item: CalloutItem, near: QRectF, obstacles: Obstacles,
             area: QRectF | None) -> None:
        """Add a tag or fork sum and place it in free space by ``near``."""
        self.scene.addItem(item)
        self._place(item, near, obstacles, area)

    def _place(self, item: CalloutItem, near: QRectF, obstacles: Obstacles,
               area: QRectF | None) -> None:
        """Put an item already in the scene in free space by ``near`` (a leader line
        joins them when apart) and count it as an obstacle for the next ones."""
        box = item.box()
        rect = best_box(near, box.width(), box.height(), obstacles, area)
        item.setPos(rect.topLeft())
        if _gap(rect, near) > 2.0:
            item.target = _nearest_point(near, rect.center())
        item.refresh()
        obstacles.place(rect)
        self.decorations.append(item)

    def refresh_fonts(self) -> None:
        """Label size changed (presentation mode): callouts resize and re-place."""
        self.apply()


def _nearest_point(rect: QRectF, p: QPointF) -> QPointF:
    return QPointF(min(max(p.x(), rect.left()), rect.right()),
                   min(max(p.y(), rect.top()), rect.bottom()))


def _gap(a: QRectF, b: QRectF) -> float:
    dx = max(0.0, b.left() - a.right(), a.left() - b.right())
    dy = max(0.0, b.top() - a.bottom(), a.top() - b.bottom())
    return (dx * dx + dy * dy) ** 0.5
