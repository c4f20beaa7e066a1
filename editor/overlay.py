"""ClassroomOverlay: what the step-through, quiz, patterns and gradient colouring show.

It works on a scene alone (no window), so the editor, the presentation mode and the
headless ``chainwire render --step N`` draw exactly the same picture. It is a *label
policy* the scene reads in its one update pass (``scene.label_policy``): ``sync`` follows a
new evaluation, ``label_filter`` decides which numbers a wire shows (or replaces one with
"?"), and ``decorate`` marks the current gate (``NodeItem.emphasis``), the gradient's
sign and size (``WireItem.emphasis/tint``) and adds callouts on top (``decorate_items``:
on a big circuit's items made by scrolling only). It never listens to the document, so
no edit draws twice. The model is never touched: rewinding shows an earlier position.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QRectF, QSizeF, Signal
from shiboken6 import isValid

from chainwire.editor.callout_placement import Obstacles, place, reach
from chainwire.editor.i18n import error_text, gate_text
from chainwire.editor.items.callout import CalloutItem
from chainwire.editor.items.node import NodeItem
from chainwire.editor.items.wire import WireItem
from chainwire.editor.scene import CircuitScene
from chainwire.editor.step_texts import step_texts
from chainwire.editor.visible_items import ScreenQueue
from chainwire.editor.wire_emphasis import gradient_sizes, max_winners
from chainwire.graph.gates import GATE_GLYPH, GATES, PATTERN_TAGS
from chainwire.graph.steps import Step, StepSequence, build_steps, fork_text

QUIZ_MARK = "?"
TAG_BATCH = 2
"""A big circuit's pattern tags are placed for at most this many gates at a time."""


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
        self._scale: tuple = ((None,) * 4, 1.0, set())  # ``_scale_of``: (state, answer)
        self._untagged = ScreenQueue(scene.visible, TAG_BATCH,  # emptied by ``decorate``
                                     lambda items: self._tag(self.step, items))
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
        self._drop(lambda _item: True)
        self._untagged.clear()
        step = self.step
        for item in scene.nodes.values():
            _emphasise(item, step)
        self._paint_wires(step, self._wire_items())
        self._add_callouts(step)
        if self.patterns:
            self._add_patterns(step, list(scene.nodes.values()))
        self._decorated = self.active
        self.changed.emit(step)

    def decorate_items(self, nodes: Iterable[NodeItem], wires: Iterable[WireItem]) -> None:
        """Only these items, just made (a big circuit scrolled: ``VisibleItems.
        decorate_made``), get what ``decorate`` gives every item; tags of items gone go.
        The state did not change, so nothing is emitted and nothing else is re-placed."""
        nodes, wires, have = list(nodes), list(wires), self.scene.nodes
        self._drop(lambda d: d.owner is not None and have.get(d.owner.node_id) is not d.owner)
        if not self.active:
            return
        step = self.step
        for item in nodes:
            _emphasise(item, step)
        self._paint_wires(step, wires)
        keys = {w.wire for w in wires}
        if step is not None and any(co.wire in keys for co in step.callouts):
            self._drop(lambda d: d.kind == "callout")  # their numbers have spots now
            self._add_callouts(step)
        if self.patterns:
            self._add_patterns(step, nodes)

    def _wire_items(self) -> list[WireItem]:
        stub = self.scene.stub
        return [*self.scene.wire_items.values(), *([] if stub is None else [stub])]

    def _paint_wires(self, step: Step | None, items: list[WireItem]) -> None:
        ev, t = self.scene.document.evaluation, self.scene.style.theme
        only = None if step is None else step.grads
        grads = (gradient_sizes(ev, [item.wire for item in items], only)
                 if self.grad_colouring else {})
        biggest, winners = self._scale_of(ev, step)
        new = set() if step is None else (step.new_grads | step.new_values)
        for item in items:
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

    def _scale_of(self, ev, step: Step | None) -> tuple[float, set]:
        """The largest gradient of all ``ev``'s wires (that ``step`` has found), the
        widths' scale whichever wires have items (a big circuit: the same as a small
        one, steady while scrolling); the max gates' winning wires. Kept per state."""
        key = (ev, step, self.grad_colouring, self.patterns)
        if any(a is not b for a, b in zip(self._scale[0], key, strict=True)):
            keys = [*ev.wires, None] if self.grad_colouring and ev.output is not None else []
            sizes = gradient_sizes(ev, keys, None if step is None else step.grads)
            self._scale = (key, max((s for s, _ in sizes.values()), default=0.0) or 1.0,
                           max_winners(self.scene.document.circuit, ev) if self.patterns
                           else set())
        return self._scale[1:]

    def _drop(self, gone) -> None:
        """Take the decorations ``gone`` picks off the scene; keep the others."""
        for item in [d for d in self.decorations if gone(d)]:
            if isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        self.decorations = [d for d in self.decorations if not gone(d)]

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
        obstacles = Obstacles.around(self.scene.nodes.values(), self._wire_items())
        for item in items:
            self._place(item, self._grad_rect(item.callout.wire), obstacles, area)

    def _grad_rect(self, wire) -> QRectF:
        item = self.scene.wire_items.get((wire.dst, wire.port))
        return QRectF() if item is None else item.grad_label.sceneBoundingRect()

    def _add_patterns(self, step: Step | None, items: list[NodeItem]) -> None:
        """What each gate does to the gradient (a tag by the gate) and the sum at each
        fork (by its output), in free space like the callouts; on a projector only for
        the gates on screen. In a big circuit only the gates on screen get theirs, at
        most TAG_BATCH at a time (each searches free space: ~50 ms in a dense grid),
        the next ones when idle and those off screen once the view comes to them."""
        if self.scene.visible.active:
            self._untagged.add(items)
        else:
            self._tag(step, items)

    def _tag(self, step: Step | None, items: list[NodeItem]) -> None:
        scene, c = self.scene, self.scene.document.circuit
        ev = scene.document.evaluation
        done = None if step is None else set(step.grads)
        area = self.shot.usable if self.shot is not None else None
        near = reach(i.bounds() for i in items)  # what this batch's tags can reach
        obstacles = Obstacles.around(scene.nodes.values(), self._wire_items(), near)
        for d in self.decorations:
            obstacles.place(d.mapRectToScene(d.box()))
        obstacles.keep_leaders([d.leader for d in self.decorations], near)
        for item in items:
            nid, bounds = item.node_id, item.bounds()
            if area is not None and not area.intersects(bounds):
                continue
            t = c.type_of(nid)
            if t in PATTERN_TAGS:
                word = gate_text(GATES[t], "pattern")
                tag = CalloutItem([(f"{GATE_GLYPH[t]} {word}", "node_text")], 0.8, "tag")
                self._place(tag, bounds, obstacles, area, item)
            outs = c.wires_out_of(nid)
            if len(outs) >= 2 and (done is None or all(w in done for w in outs)):
                text = fork_text(c, ev, nid, scene.style.decimals)
                if text:
                    head, _, total = text.rpartition(" = ")
                    fork = CalloutItem([("∑ " + head + " = ", "callout_text"),
                                        (total, "grad")], 0.85, "fork")
                    p = item.out_port_pos()
                    self._place(fork, QRectF(p.x() - 4, p.y() - 4, 8, 8), obstacles, area,
                                item)

    def _place(self, item: CalloutItem, near: QRectF, obstacles: Obstacles,
               area: QRectF | None, owner: NodeItem | None = None) -> None:
        """Add a callout, tag or sum to the scene by ``near`` (``callout_placement.
        place``). A gate's tag (``owner``) goes when the gate's item goes (big circuits)."""
        if item.scene() is None:
            self.scene.addItem(item)
        item.owner = owner
        place(item, near, obstacles, area)
        self.decorations.append(item)

    def refresh_fonts(self) -> None:
        """Label size changed (presentation mode): callouts resize and re-place."""
        self.apply()


def _emphasise(item: NodeItem, step: Step | None) -> None:
    """Mark the step's gate (``NodeItem.emphasis``), unmark any other."""
    emphasis = 1 if step is not None and item.node_id == step.node else 0
    if item.emphasis != emphasis:
        item.emphasis = emphasis
        item.update()
